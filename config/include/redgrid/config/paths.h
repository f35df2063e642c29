// Where the kiosk finds what it ships with (the demo bundle, assets).
#pragma once

#include <filesystem>

namespace redgrid::config {

// The data directory of this installation: REDGRID_SHARE_DIR if set, else
// <executable>/../share/redgrid (true both in the build tree and when installed),
// else the compiled-in install location.
std::filesystem::path share_dir();

// share_dir()/demo: bundle.json and media/.
std::filesystem::path demo_bundle_dir();

}  // namespace redgrid::config
