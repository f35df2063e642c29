// What every redgrid-hub command shares: how a failure is printed, and where the hub's
// database is.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>

namespace redgrid::hub {

inline int fail(std::ostream& err, const std::string& message) {
    err << "redgrid-hub: " << message << "\n";
    return 1;
}

// --database URL, else $REDGRID_HUB_DATABASE, else the embedded DATA/hub.sqlite.
inline std::string database_location(const std::map<std::string, std::string>& options,
                                     const std::filesystem::path& data) {
    if (const auto given = options.find("--database"); given != options.end()) return given->second;
    if (const char* env = std::getenv("REDGRID_HUB_DATABASE"); env && *env) return env;
    return (data / "hub.sqlite").string();
}

}  // namespace redgrid::hub
