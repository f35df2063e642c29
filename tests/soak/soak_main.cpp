// redgrid_soak [--days D | --hours H | --minutes M] [--touches N] [--size WxH] [--seed S]
//              [--max-speed X] [--verbose] [--no-rss-check] [--no-tour] [--rss-limit-mb M]
// Prints the figures docs/reliability.md records and exits 1 if any check failed.
// (Also `redgrid_soak --hub-child DIR PORT`: the hub process the soak starts itself.)
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "soak.h"

namespace {

using namespace redgrid::soak;

int usage() {
    std::cerr << "usage: redgrid_soak [--days D | --hours H | --minutes M] [--touches N] [--size WxH] [--seed S]\n"
                 "                    [--max-speed X] [--verbose] [--no-rss-check] [--no-tour] [--rss-limit-mb M]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 4 && std::string(argv[1]) == "--hub-child") return run_hub_child(argv[2], std::atoi(argv[3]));
    SoakOptions options;
    options.self = "/proc/self/exe";
    options.build_dir = REDGRID_BINARY_DIR;
    bool touches_given = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (arg == "--days") options.simulated = std::chrono::minutes(std::atoll(value().c_str()) * 24 * 60);
        else if (arg == "--hours") options.simulated = std::chrono::minutes(std::atoll(value().c_str()) * 60);
        else if (arg == "--minutes") options.simulated = std::chrono::minutes(std::atoll(value().c_str()));
        else if (arg == "--touches") options.touches = std::atoll(value().c_str()), touches_given = true;
        else if (arg == "--seed") options.seed = static_cast<std::uint32_t>(std::atoll(value().c_str()));
        else if (arg == "--max-speed") options.max_speed = std::atof(value().c_str());
        else if (arg == "--verbose") options.verbose = true;
        else if (arg == "--no-rss-check") options.check_rss = false;
        else if (arg == "--no-tour") options.warm_up_tour = false;
        else if (arg == "--rss-limit-mb") options.rss_limit_kb = std::atoll(value().c_str()) * 1024;
        else if (arg == "--size") {
            if (std::sscanf(value().c_str(), "%dx%d", &options.width, &options.height) != 2) return usage();
        } else return usage();
    }
    if (options.simulated.count() <= 0 || options.touches <= 0) return usage();
    // The week's density (100,000 touches in 7 days) unless told otherwise.
    if (!touches_given) options.touches = std::max<long long>(1, options.simulated.count() * 100'000 / (7 * 24 * 60));

    const SoakReport r = run_soak(options);
    std::printf("soak: %lld min simulated in %.0f s real, %dx%d\n", static_cast<long long>(r.simulated.count()),
                r.real_seconds, options.width, options.height);
    std::printf("soak: %lld touches in %lld gestures, %lld frames (p50 %.1f ms, p99 %.1f ms, max %.1f ms)\n", r.touches,
                r.gestures, r.frames, r.frame_ms_p50, r.frame_ms_p99, r.frame_ms_max);
    std::printf("soak: warm-up tour drew %d frames; %lld callers waited for the member, %lld min in all\n",
                r.tour_screens, r.waits, static_cast<long long>(r.waited.count()));
    std::printf("soak: screens entered:");
    for (const auto& [screen, n] : r.screens_visited) std::printf(" %s=%lld", screen.c_str(), n);
    std::printf("\nsoak: %lld calls, %lld cancels, %lld ratings recorded; %lld content versions shown; %d hub outages\n",
                r.calls, r.cancels, r.ratings, r.content_versions_shown, r.hub_outages);
    std::printf("soak: RSS %lld kB after the first hour, %lld kB at the end (growth %lld kB), max %lld kB\n",
                r.rss_after_first_hour_kb, r.rss_end_kb, r.rss_end_kb - r.rss_after_first_hour_kb, r.rss_max_kb);
    std::printf("soak: texture cache pixels %zu kB after the first hour, %zu kB at the end\n",
                r.cache_bytes_after_first_hour / 1024, r.cache_bytes_end / 1024);
    std::printf("soak: textures max %zu live, %zu at the end (%zu in the caches, cache bytes max %zu), %zu after teardown\n",
                r.max_live_textures, r.textures_end, r.textures_in_caches, r.texture_cache_bytes_max,
                r.live_textures_after_teardown);
    std::printf("soak: queue depth at the end %zu; %lld events at the hub; calls at the hub:", r.queue_depth_end,
                r.hub_events_total);
    for (const auto& [status, n] : r.hub_calls_by_status) std::printf(" %s=%lld", status.c_str(), n);
    std::printf("\n");
    std::printf("soak: log lines:");
    for (const auto& [level, n] : r.log_lines_by_level) std::printf(" %s=%lld", level.c_str(), n);
    std::printf(" (%lld expected errors: sync while the hub was down)\n", r.expected_error_lines);
    for (const auto& f : r.failures) std::printf("soak: FAIL: %s\n", f.c_str());
    std::printf("soak: %s\n", r.failures.empty() ? "ok" : "FAILED");
    return r.failures.empty() ? 0 : 1;
}
