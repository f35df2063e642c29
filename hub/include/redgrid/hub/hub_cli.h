// The `redgrid-hub` command line (docs/hub.md): serve, init-demo, publish, notice add,
// kiosks, token new, command, preview.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace redgrid::hub {

// args exclude the program name. Returns the process exit status.
int run_hub_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace redgrid::hub
