// redgrid-kiosk's command line, parsed into a value (testable without running anything).
#pragma once

#include <chrono>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>

#include "redgrid/kiosk/ui/ui_state.h"

namespace redgrid::kiosk {

struct CliOptions {
    std::optional<std::filesystem::path> config_file;  // explicit --config: must exist
    bool demo = false;
    std::optional<std::filesystem::path> bundle_file;  // --bundle: render this bundle
    std::optional<std::filesystem::path> screenshot;   // --screenshot OUT.png: one frame, headless
    std::optional<std::pair<int, int>> size;           // --size WxH
    std::optional<Route> screen;                       // --screen NAME
    std::optional<std::chrono::system_clock::time_point> now;  // --now RFC3339: a fixed clock
    std::optional<std::filesystem::path> replay;       // --replay FILE
    std::filesystem::path replay_out = "replay-out";   // --replay-out DIR: its screenshots
    bool windowed = false;
    // --clock-unsynced: show the screens as before NTP has set the clock (demo, screenshots).
    bool clock_unsynced = false;
    bool check_config = false;
    bool sync_once = false;
    bool help = false;
    bool version = false;
};

std::expected<CliOptions, std::string> parse_cli(int argc, const char* const* argv);
std::string cli_usage();

}  // namespace redgrid::kiosk
