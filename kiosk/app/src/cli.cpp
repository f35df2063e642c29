#include "redgrid/kiosk/app/cli.h"

#include <charconv>
#include <string_view>
#include <vector>

#include "redgrid/content/time_format.h"
#include "redgrid/kiosk/ui/vocabulary.h"

namespace redgrid::kiosk {
namespace {

std::optional<std::pair<int, int>> parse_size(std::string_view s) {
    const auto x = s.find('x');
    if (x == std::string_view::npos) return std::nullopt;
    int w = 0, h = 0;
    const auto a = std::from_chars(s.data(), s.data() + x, w);
    const auto b = std::from_chars(s.data() + x + 1, s.data() + s.size(), h);
    if (a.ec != std::errc{} || a.ptr != s.data() + x || b.ec != std::errc{} || b.ptr != s.data() + s.size())
        return std::nullopt;
    if (w < 320 || h < 240 || w > 7680 || h > 7680) return std::nullopt;
    return std::pair{w, h};
}

}  // namespace

std::string cli_usage() {
    return "usage: redgrid-kiosk [options]\n"
           "  --demo                 show the bundled demo content (no server needed)\n"
           "  --config FILE          configuration file (default /etc/redgrid/kiosk.json)\n"
           "  --check-config         validate the configuration and exit 0 (ok) or 1\n"
           "  --bundle FILE          show this content bundle (JSON) instead of the cache\n"
           "  --screenshot OUT.png   render one frame headless to OUT.png and exit\n"
           "  --size WxH             screen size for --screenshot / --windowed (default 1920x1080)\n"
           "  --screen NAME          start on this screen (home, map, members, member:ID, ...)\n"
           "  --now TIME             fix the clock at an RFC 3339 time (screenshots, tests)\n"
           "  --replay FILE          run a replay script headless; exit 0 when every step ran\n"
           "  --replay-out DIR       where the replay's screenshots go (default ./replay-out)\n"
           "  --sync-once            one full sync with the server, then exit 0 or 1\n"
           "  --windowed             a window instead of full screen (development)\n"
           "  --clock-unsynced       behave as before NTP has set the clock (--demo, --bundle, --screenshot)\n"
           "  --version, --help\n";
}

std::expected<CliOptions, std::string> parse_cli(int argc, const char* const* argv) {
    CliOptions o;
    std::vector<std::string_view> args(argv + 1, argv + argc);
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        auto value = [&]() -> std::expected<std::string_view, std::string> {
            if (i + 1 >= args.size()) return std::unexpected("option " + std::string(a) + " needs a value");
            return args[++i];
        };
        if (a == "--demo") o.demo = true;
        else if (a == "--windowed") o.windowed = true;
        else if (a == "--clock-unsynced") o.clock_unsynced = true;
        else if (a == "--check-config") o.check_config = true;
        else if (a == "--sync-once") o.sync_once = true;
        else if (a == "--help" || a == "-h") o.help = true;
        else if (a == "--version") o.version = true;
        else if (a == "--config" || a == "--bundle" || a == "--screenshot" || a == "--replay" || a == "--replay-out") {
            auto v = value();
            if (!v) return std::unexpected(v.error());
            const std::filesystem::path p(*v);
            if (a == "--config") o.config_file = p;
            else if (a == "--bundle") o.bundle_file = p;
            else if (a == "--screenshot") o.screenshot = p;
            else if (a == "--replay-out") o.replay_out = p;
            else o.replay = p;
        } else if (a == "--size") {
            auto v = value();
            if (!v) return std::unexpected(v.error());
            o.size = parse_size(*v);
            if (!o.size) return std::unexpected("--size: expected WxH within 320x240..7680x7680, got \"" + std::string(*v) + "\"");
        } else if (a == "--screen") {
            auto v = value();
            if (!v) return std::unexpected(v.error());
            std::string error;
            o.screen = parse_route(*v, &error);
            if (!o.screen) return std::unexpected("--screen: " + error);
        } else if (a == "--now") {
            auto v = value();
            if (!v) return std::unexpected(v.error());
            const auto t = parse_rfc3339(*v);
            if (!t) return std::unexpected("--now: expected an RFC 3339 time like 2026-11-25T09:30:00+08:00, got \"" + std::string(*v) + "\"");
            o.now = *t;
        } else {
            return std::unexpected("unknown option \"" + std::string(a) + "\" (see --help)");
        }
    }
    if (o.bundle_file && o.demo) return std::unexpected("--bundle and --demo both choose the content: give one");
    if (o.replay && o.screenshot) return std::unexpected("--replay takes its screenshots from the script: drop --screenshot");
    return o;
}

}  // namespace redgrid::kiosk
