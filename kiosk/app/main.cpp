// redgrid-kiosk: parse the command line and the config, pick the content, hand over to the
// runner. Everything of substance lives in the libraries.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "redgrid/config/config.h"
#include "redgrid/config/log.h"
#include "redgrid/kiosk/app/cli.h"
#include "redgrid/kiosk/app/clock_sync.h"
#include "redgrid/content/content_index.h"
#include "redgrid/content/content_parse.h"
#include "redgrid/config/paths.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "redgrid/kiosk/app/replay.h"
#include "redgrid/kiosk/app/runner.h"
#include "redgrid/kiosk/app/online_services.h"
#include "redgrid/net/content_cache.h"
#include "redgrid/net/sync.h"

namespace {

using namespace redgrid;

int fail(const std::string& message) {
    std::cerr << "redgrid-kiosk: " << message << "\n";
    return 1;
}

struct ChosenContent {
    std::shared_ptr<const content::Content> content;
    std::filesystem::path media_dir;
};

std::expected<ChosenContent, std::string> load_content(const std::filesystem::path& bundle_file) {
    auto bundle = content::load_bundle_file(bundle_file);
    if (!bundle) {
        std::string all = bundle_file.string() + ": bundle rejected:";
        for (const auto& e : bundle.error()) all += "\n  " + e.to_string();
        return std::unexpected(all);
    }
    return ChosenContent{content::Content::make(std::move(*bundle)), bundle_file.parent_path() / "media"};
}

}  // namespace

int main(int argc, char** argv) {
    auto cli = kiosk::parse_cli(argc, argv);
    if (!cli) {
        std::cerr << "redgrid-kiosk: " << cli.error() << "\n" << kiosk::cli_usage();
        return 2;
    }
    if (cli->help) {
        std::cout << kiosk::cli_usage();
        return 0;
    }
    if (cli->version) {
        std::cout << "redgrid-kiosk " << REDGRID_VERSION << "\n";
        return 0;
    }

    const auto config_path = cli->config_file.value_or(config::kDefaultConfigPath);
    auto cfg = config::load_config(config_path, config::process_environment(), cli->config_file.has_value());
    if (!cfg) {
        for (const auto& e : cfg.error()) std::cerr << e.to_string() << "\n";
        if (!cli->check_config) std::cerr << "redgrid-kiosk: configuration rejected (" << cfg.error().size() << " problems)\n";
        return 1;
    }
    if (cli->check_config) {
        std::cout << "config ok: " << config_path.string() << "\n";
        return 0;
    }
    config::set_log_level(cfg->log_level);

    if (cli->sync_once) {
        auto report = net::sync_once(*cfg, REDGRID_VERSION);
        if (!report) return fail("sync failed: " + report.error());
        std::cout << "sync ok: bundle " << report->version << (report->changed ? " (new)" : " (unchanged)") << ", "
                  << report->media_downloaded << " of " << report->media_total << " media downloaded\n";
        return 0;
    }

    // Content: a bundle file or the demo when asked; otherwise the last good bundle from
    // the cache (shown before any network), kept fresh by the sync worker.
    const bool from_server = !cli->bundle_file && !cli->demo;
    std::expected<ChosenContent, std::string> content;
    std::optional<net::CachedContent> shown_from_cache;
    if (!from_server) {
        content = load_content(cli->bundle_file.value_or(config::demo_bundle_dir() / "bundle.json"));
        if (!content) return fail(content.error());
    } else {
        net::ContentCache cache(net::content_cache_dir(*cfg));
        if (auto cached = cache.load_last_good()) {
            config::log(config::LogLevel::info, "showing cached bundle {}", cached->version);
            content = ChosenContent{cached->content, cached->media_dir};
            shown_from_cache = std::move(*cached);
        } else {
            config::log(config::LogLevel::notice, "no cached content yet ({}); waiting for the server", cached.error());
            content = ChosenContent{nullptr, cache.media_dir()};
        }
    }

    // The demo runs in a window a developer can close; a real kiosk owns the whole screen.
    kiosk::RunnerOptions options{.config = *cfg, .windowed = cli->windowed || cli->demo, .start_route = cli->screen,
                                 .fixed_now = cli->now, .media_dir = content->media_dir};
    if (cli->size) std::tie(options.width, options.height) = *cli->size;
    else if (options.windowed && !cli->screenshot) options.width = 1600, options.height = 900;
    else options.width = cfg->screen_width, options.height = cfg->screen_height;

    // Before any thread starts: SIGTERM must reach the UI loop's signal thread, not kill a worker.
    // (--sync-once, --screenshot and --replay stay interruptible with Ctrl+C.)
    if (!cli->screenshot && !cli->replay) kiosk::block_termination_signals();
    kiosk::UiInbox inbox;
    redgrid::SystemClock clock;
    std::unique_ptr<OnlineServices> online;
    // A real screen asks the system whether its clock is set, and keeps asking off the UI
    // thread; --demo, --bundle and headless runs count it as set unless told otherwise.
    options.clock_synced = !cli->clock_unsynced;
    std::unique_ptr<kiosk::ClockSyncWatcher> clock_watch;
    if (from_server && !cli->screenshot && !cli->replay && !cli->clock_unsynced) {
        options.clock_synced = kiosk::clock_synchronised();
        clock_watch = std::make_unique<kiosk::ClockSyncWatcher>(
            [] { return kiosk::clock_synchronised(); },
            [&inbox](bool synced) {
                config::log(synced ? config::LogLevel::info : config::LogLevel::notice,
                            synced ? "clock synchronised: showing the time and date"
                                   : "clock not synchronised yet: time, date and on-duty status hidden");
                inbox.post([synced](kiosk::App& app) { app.set_clock_synced(synced); });
            });
        clock_watch->start();
    }
    if (from_server && !cli->screenshot) {
        online = std::make_unique<OnlineServices>(*cfg, config_path.string(), clock, inbox,
                                                  shown_from_cache ? &*shown_from_cache : nullptr);
        options.services = online->app_services();
        options.display = &online->display();
    }

    if (cli->replay) {
        std::ifstream in(*cli->replay, std::ios::binary);
        if (!in) return fail("cannot read replay script " + cli->replay->string());
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto script = kiosk::parse_replay(text, cli->replay->string());
        if (!script) {
            for (const auto& e : script.error()) std::cerr << e << "\n";
            return 1;
        }
        auto result = kiosk::run_replay(*script, cli->replay->string(), options, content->content, cli->replay_out);
        if (!result) return fail(result.error());
        std::cout << "replay ok: " << result->steps_run << " steps, " << result->screenshots.size() << " screenshots in "
                  << std::filesystem::absolute(cli->replay_out).string() << "\n";
        return 0;
    }

    if (cli->screenshot) {
        auto done = kiosk::render_screenshot(options, content->content, *cli->screenshot);
        if (!done) return fail(done.error());
        std::cout << "wrote " << std::filesystem::absolute(*cli->screenshot).string() << "\n";
        return 0;
    }

    auto ran = kiosk::run_interactive(options, content->content, inbox);
    // "Restart kiosk" in --demo just closes the window: there is no systemd to start it again.
    if (ran) return cli->demo ? 0 : *ran;
    if (!cli->demo) return fail(ran.error());
    // No display (a server, a container, CI): show the demo as a picture instead of failing.
    const std::filesystem::path png = std::filesystem::absolute("redgrid-demo-home.png");
    std::cerr << "redgrid-kiosk: no display (" << ran.error() << "); rendering the home screen headless\n";
    auto done = kiosk::render_screenshot(options, content->content, png);
    if (!done) return fail(done.error());
    std::cout << "no display: wrote the home screen to " << png.string() << "\n";
    return 0;
}
