// `redgrid-hub events`, `calls` and `call ...`: what residents did, and playing the
// dispatcher by hand.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace redgrid::hub {

// positional[0] is "events", "calls" or "call". Returns the exit status.
int run_records_command(const std::vector<std::string>& positional, const std::map<std::string, std::string>& options,
                        const std::filesystem::path& data, std::ostream& out, std::ostream& err,
                        std::chrono::system_clock::time_point now);

}  // namespace redgrid::hub
