#include "redgrid/config/paths.h"

#include <cstdlib>
#include <system_error>

namespace redgrid::config {

std::filesystem::path share_dir() {
    if (const char* env = std::getenv("REDGRID_SHARE_DIR"); env && *env) return env;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto beside = exe.parent_path().parent_path() / "share" / "redgrid";
        if (std::filesystem::is_directory(beside, ec)) return beside;
    }
    if (std::filesystem::is_directory(REDGRID_BUILD_DATADIR, ec)) return REDGRID_BUILD_DATADIR;
    return REDGRID_INSTALLED_DATADIR;
}

std::filesystem::path demo_bundle_dir() { return share_dir() / "demo"; }

}  // namespace redgrid::config
