#include "redgrid/hub/store/hub_screenshots.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace redgrid::hub {
namespace fs = std::filesystem;

namespace {

// "20261125T093004Z": what the hub writes between the kiosk id and the rest.
bool is_stamp(std::string_view s) {
    if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return false;
    for (std::size_t i = 0; i < 15; ++i)
        if (i != 8 && !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

}  // namespace

std::vector<StoredScreenshot> list_screenshots(const std::string& kiosk, const fs::path& dir) {
    std::vector<StoredScreenshot> found;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(dir, error)) {
        const std::string name = entry.path().filename().string();
        // Kiosk ids may contain '-': "a-b-2026..." is kiosk "a-b", never kiosk "a".
        if (!name.starts_with(kiosk + "-") || !name.ends_with(".png") || name.size() < kiosk.size() + 1 + 16 + 4)
            continue;
        const std::string_view rest = std::string_view(name).substr(kiosk.size() + 1);
        if (!is_stamp(rest.substr(0, 16))) continue;
        std::string_view tail = rest.substr(16, rest.size() - 16 - 4);
        StoredScreenshot shot{entry.path(), ""};
        if (tail.starts_with("-c-")) {
            tail.remove_prefix(1);
            shot.command_id = std::string(tail.substr(0, tail.find('.')));
        } else if (!tail.empty() && !tail.starts_with(".")) {
            continue;
        }
        found.push_back(std::move(shot));
    }
    std::ranges::sort(found, {}, [](const StoredScreenshot& s) { return s.path.filename().string(); });
    return found;
}

std::size_t prune_screenshots(const std::string& kiosk, const fs::path& dir, std::size_t keep) {
    const auto shots = list_screenshots(kiosk, dir);
    std::size_t removed = 0;
    for (std::size_t i = 0; i + keep < shots.size(); ++i) {
        std::error_code error;
        if (fs::remove(shots[i].path, error)) ++removed;
    }
    return removed;
}

}  // namespace redgrid::hub
