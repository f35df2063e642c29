// `redgrid-hub commands K` and `redgrid-hub screenshots K`: what became of the commands
// queued for a kiosk, and the pictures it uploaded for upload_screenshot.
#pragma once

#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace redgrid::hub {

// positional[0] is "commands" or "screenshots", positional[1] the kiosk. Returns the exit status.
int run_kiosk_command(const std::vector<std::string>& positional, const std::map<std::string, std::string>& options,
                      const std::filesystem::path& data, std::ostream& out, std::ostream& err);

}  // namespace redgrid::hub
