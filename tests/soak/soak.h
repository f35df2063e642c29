// The accelerated soak (docs/reliability.md, "Soak"): a simulated stretch of a kiosk's
// life on an injected clock, with the real App, renderer, queue, sync, uploader, call
// service and hub. Run by `redgrid_soak` (scripts/soak.sh for the week; ctest's soak_short).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace redgrid::soak {

struct SoakOptions {
    std::chrono::minutes simulated{7 * 24 * 60};
    long long touches = 100'000;  // gestures' touches (finger downs), spread over the run
    int width = 1280, height = 720;
    std::uint32_t seed = 1;
    double max_speed = 600;  // simulated seconds per real second, at most (the workers keep up)
    std::filesystem::path build_dir;  // for the demo bundle (share/redgrid/demo)
    std::filesystem::path self;       // this executable, started again as the hub
    bool verbose = false;
    bool warm_up_tour = true;  // every screen in every language and text size first (soak_tour.h)
    bool check_rss = true;  // off under sanitizers (their quarantine and shadow memory grow RSS)
    long long rss_limit_kb = 5 * 1024;  // growth allowed after the first simulated hour
};

struct SoakReport {
    std::chrono::minutes simulated{0};
    double real_seconds = 0;
    long long touches = 0, gestures = 0, frames = 0;
    int tour_screens = 0;                  // frames drawn by the warm-up tour (soak_tour.h)
    long long waits = 0;                   // callers who waited for the member
    std::chrono::minutes waited{0};        // simulated time they spent waiting
    std::map<std::string, long long> screens_visited;  // screen name -> times entered
    long long calls = 0, cancels = 0, ratings = 0;     // recorded by the call flow
    long long content_versions_shown = 0;
    int hub_outages = 0;
    long long rss_after_first_hour_kb = 0, rss_end_kb = 0, rss_max_kb = 0;
    std::size_t max_live_textures = 0, live_textures_after_teardown = 0;
    std::size_t textures_end = 0, textures_in_caches = 0;  // at the end, before teardown
    std::size_t texture_cache_bytes_max = 0;
    std::size_t cache_bytes_after_first_hour = 0, cache_bytes_end = 0;
    double frame_ms_p50 = 0, frame_ms_p99 = 0, frame_ms_max = 0;
    std::size_t queue_depth_end = 0;
    long long hub_events_total = 0;
    std::map<std::string, long long> hub_calls_by_status;
    std::map<std::string, long long> log_lines_by_level;
    long long expected_error_lines = 0;
    std::vector<std::string> failures;  // empty: passed
};

SoakReport run_soak(const SoakOptions& options);
int run_hub_child(const std::filesystem::path& work, int port);

}  // namespace redgrid::soak
