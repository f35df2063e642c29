// The `redgrid-hub` command line (docs/hub.md): serve, init-demo, publish, notice add,
// kiosks, token new, command, preview.
#pragma once

#include <chrono>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace redgrid::hub {

// args exclude the program name. Returns the process exit status. `clock` (empty: the
// system clock) is the time the call commands act at; tests pass the hub's injected clock.
int run_hub_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                std::function<std::chrono::system_clock::time_point()> clock = {});

}  // namespace redgrid::hub
