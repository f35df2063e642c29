// redgrid-kiosk: parse the command line and the config, pick the content, hand over to the
// runner. Everything of substance lives in the libraries.
#include <cstdio>
#include <iostream>

#include "redgrid/config/config.h"
#include "redgrid/config/log.h"
#include "redgrid/kiosk/cli.h"
#include "redgrid/kiosk/content_index.h"
#include "redgrid/kiosk/content_parse.h"
#include "redgrid/kiosk/paths.h"
#include "redgrid/kiosk/runner.h"

namespace {

using namespace redgrid;

int fail(const std::string& message) {
    std::cerr << "redgrid-kiosk: " << message << "\n";
    return 1;
}

struct ChosenContent {
    std::shared_ptr<const kiosk::Content> content;
    std::filesystem::path media_dir;
};

std::expected<ChosenContent, std::string> load_content(const std::filesystem::path& bundle_file) {
    auto bundle = kiosk::load_bundle_file(bundle_file);
    if (!bundle) {
        std::string all = bundle_file.string() + ": bundle rejected:";
        for (const auto& e : bundle.error()) all += "\n  " + e.to_string();
        return std::unexpected(all);
    }
    return ChosenContent{kiosk::Content::make(std::move(*bundle)), bundle_file.parent_path() / "media"};
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

    std::filesystem::path bundle_file;
    if (cli->bundle_file) bundle_file = *cli->bundle_file;
    else if (cli->demo) bundle_file = kiosk::demo_bundle_dir() / "bundle.json";
    else return fail("no content source: use --demo or --bundle FILE (the server sync arrives with redgrid_net)");
    auto content = load_content(bundle_file);
    if (!content) return fail(content.error());

    // The demo runs in a window a developer can close; a real kiosk owns the whole screen.
    kiosk::RunnerOptions options{.config = *cfg, .windowed = cli->windowed || cli->demo, .start_route = cli->screen,
                                 .fixed_now = cli->now, .media_dir = content->media_dir};
    if (cli->size) std::tie(options.width, options.height) = *cli->size;
    else if (options.windowed && !cli->screenshot) options.width = 1600, options.height = 900;
    else options.width = cfg->screen_width, options.height = cfg->screen_height;

    if (cli->screenshot) {
        auto done = kiosk::render_screenshot(options, content->content, *cli->screenshot);
        if (!done) return fail(done.error());
        std::cout << "wrote " << std::filesystem::absolute(*cli->screenshot).string() << "\n";
        return 0;
    }

    kiosk::UiInbox inbox;
    auto ran = kiosk::run_interactive(options, content->content, inbox);
    if (ran) return 0;
    if (!cli->demo) return fail(ran.error());
    // No display (a server, a container, CI): show the demo as a picture instead of failing.
    const std::filesystem::path png = std::filesystem::absolute("redgrid-demo-home.png");
    std::cerr << "redgrid-kiosk: no display (" << ran.error() << "); rendering the home screen headless\n";
    auto done = kiosk::render_screenshot(options, content->content, png);
    if (!done) return fail(done.error());
    std::cout << "no display: wrote the home screen to " << png.string() << "\n";
    return 0;
}
