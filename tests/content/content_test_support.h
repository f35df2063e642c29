// Shared by the content tests: the small valid bundle on disk and ways to break it.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "redgrid/content/content_parse.h"

namespace redgrid::content::testing {

inline std::filesystem::path bundle_path(const std::string& name) {
    return std::filesystem::path(REDGRID_SOURCE_DIR) / "tests/kiosk/bundles" / name;
}

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

inline nlohmann::json good_json() { return nlohmann::json::parse(read_text(bundle_path("good.json"))); }

inline std::string good_text() { return read_text(bundle_path("good.json")); }

// All errors joined one per line, for failure messages that show what was found.
inline std::string describe(const ContentErrors& errors) {
    std::string text;
    for (const ContentError& error : errors) text += "  " + error.to_string() + "\n";
    return text;
}

}  // namespace redgrid::content::testing
