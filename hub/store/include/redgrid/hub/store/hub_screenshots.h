// The screenshots kiosks upload for upload_screenshot, as files in DIR/screenshots named
// <kiosk>-<UTC time>[-<command id>][.n].png: found, listed and pruned by the same rule.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace redgrid::hub {

struct StoredScreenshot {
    std::filesystem::path path;
    std::string command_id;  // "" when the upload named none
};

// Kiosk `kiosk`'s screenshots in `dir`, oldest first (the names sort by time).
std::vector<StoredScreenshot> list_screenshots(const std::string& kiosk, const std::filesystem::path& dir);

// Removes all but the newest `keep` of them; returns how many went.
std::size_t prune_screenshots(const std::string& kiosk, const std::filesystem::path& dir, std::size_t keep);

}  // namespace redgrid::hub
