// Frames of the real kiosk (App + Painter, software renderer, offscreen 1920x1080):
// Frame costs are the UI thread's CPU time (the machine is shared: wall time mostly
// measures the neighbours); touch to present is reported in both.
//   - a warm full redraw of each main screen, with the cache misses of the warm frames
//     (a warm frame must rasterise no text again);
//   - partial updates: a clock tick (the minute changes) and a button press, against a
//     full frame;
//   - touch to present: press() on the call button, then build + paint + present, p50/p99
//     in 60 Hz frames, and whether the press feedback is in that very frame.
//
//   redgrid_bench_frame [Google Benchmark flags]      the benchmarks, then "result KEY VALUE" lines
//   redgrid_bench_frame --frames N [--screen NAME] [--update full|clock|press]
//       one cold frame, then N-1 frames of the given kind, for callgrind: the instructions
//       of (N=11) - (N=1), divided by 10, are one warm frame's.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "bench_harness.h"
#include "redgrid/kiosk/ui/ui_state.h"

namespace {

using namespace redgrid;
using bench::FrameHarness;

constexpr double kFrameMs = 1000.0 / 60.0;

// The screens a resident reaches from home, and one of each parameterised kind.
std::vector<std::string> main_screens(const content::Content& content) {
    std::vector<std::string> screens = {"home",     "map",     "members", "services", "activities",
                                        "notices",  "honours", "call",    "attract"};
    const auto& bundle = content.bundle();
    const auto on_duty = content.on_duty_nearest(bundle.place.grid_id, 1);
    if (!on_duty.empty()) screens.push_back("member:" + on_duty.front()->id);
    screens.push_back("grid:" + bundle.place.grid_id);
    return screens;
}

std::map<std::string, double>& results() {
    static std::map<std::string, double> r;
    return r;
}

FrameHarness* g_harness = nullptr;

void go(FrameHarness& h, const std::string& screen) {
    std::string error;
    auto route = kiosk::parse_route(screen, &error);
    if (!route) {
        std::fprintf(stderr, "frame bench: %s\n", error.c_str());
        std::exit(2);
    }
    h.app().navigate(*route);
    h.draw_frame();
}

render::Point centre_of(const render::DrawList& frame, std::string_view id) {
    const auto* target = frame.find(id);
    if (!target) return {0, 0};
    return {target->rect.x + target->rect.w / 2, target->rect.y + target->rect.h / 2};
}

// A spot with no target: the header's left edge.
constexpr render::Point kNowhere{4, 4};

struct Misses {
    std::uint64_t text, shapes, images;
    static Misses of(const render::Painter& p) {
        const auto s = p.stats();
        return {s.text.misses, s.shapes.misses, s.images.misses};
    }
};

void report_misses(benchmark::State& state, const std::string& key, const Misses& before, const Misses& after) {
    const double frames = static_cast<double>(std::max<std::int64_t>(1, state.iterations()));
    state.counters["text_miss"] = static_cast<double>(after.text - before.text);
    state.counters["shape_miss"] = static_cast<double>(after.shapes - before.shapes);
    state.counters["image_miss"] = static_cast<double>(after.images - before.images);
    results()[key + ".text_misses_per_frame"] = static_cast<double>(after.text - before.text) / frames;
    results()[key + ".shape_misses_per_frame"] = static_cast<double>(after.shapes - before.shapes) / frames;
}

void BM_WarmFrame(benchmark::State& state, std::string screen) {
    auto& h = *g_harness;
    go(h, screen);
    h.full_frame();  // warm every cache
    const auto before = Misses::of(h.painter());
    std::vector<double> ms;
    for (auto _ : state) {
        const double start = bench::thread_cpu_ms();
        h.full_frame();
        ms.push_back(bench::thread_cpu_ms() - start);
    }
    report_misses(state, "warm." + screen, before, Misses::of(h.painter()));
    results()["warm." + screen + ".median_ms"] = bench::percentile(ms, 0.5);
    state.counters["median_ms"] = bench::percentile(ms, 0.5);
}

void BM_ClockTick(benchmark::State& state) {
    auto& h = *g_harness;
    go(h, "home");
    const auto before = Misses::of(h.painter());
    const int built = h.app().frames_built();
    std::vector<double> ms;
    for (auto _ : state) {
        const double start = bench::thread_cpu_ms();
        h.clock().advance(std::chrono::minutes(1));
        h.draw_frame();
        ms.push_back(bench::thread_cpu_ms() - start);
    }
    report_misses(state, "clock_tick", before, Misses::of(h.painter()));
    results()["clock_tick.median_ms"] = bench::percentile(ms, 0.5);
    results()["clock_tick.frames_built_per_tick"] =
        static_cast<double>(h.app().frames_built() - built) / static_cast<double>(std::max<std::int64_t>(1, state.iterations()));
    state.counters["median_ms"] = bench::percentile(ms, 0.5);
    h.clock() = redgrid::FakeClock(bench::golden_now());
}

// Touch to present and press feedback: the call button goes down (feedback frame), then the
// finger slides off and lifts over nothing (no call is placed; a second frame restores it).
void BM_TouchToPresent(benchmark::State& state) {
    auto& h = *g_harness;
    go(h, "home");
    h.full_frame();
    const auto call = centre_of(h.last_frame(), "call");
    const auto before = Misses::of(h.painter());
    std::vector<double> ms, wall_ms;
    int feedback_frames = 0;
    for (auto _ : state) {
        const auto wall_start = std::chrono::steady_clock::now();
        const double start = bench::thread_cpu_ms();
        h.app().press(call);
        h.draw_frame();
        ms.push_back(bench::thread_cpu_ms() - start);
        wall_ms.push_back(bench::ms_since(wall_start));
        if (h.app().state().pressed_id == "call") ++feedback_frames;
        state.PauseTiming();
        h.app().release(kNowhere);
        h.clock().advance(std::chrono::seconds(1));  // outside the double-tap guard
        h.draw_frame();
        state.ResumeTiming();
    }
    report_misses(state, "press", before, Misses::of(h.painter()));
    const double n = static_cast<double>(std::max<std::int64_t>(1, state.iterations()));
    results()["press.median_ms"] = bench::percentile(ms, 0.5);
    results()["press.p50_frames"] = bench::percentile(ms, 0.5) / kFrameMs;
    results()["press.p99_frames"] = bench::percentile(ms, 0.99) / kFrameMs;
    results()["press.feedback_in_same_frame"] = feedback_frames / n;
    results()["press.wall_p50_frames"] = bench::percentile(wall_ms, 0.5) / kFrameMs;
    results()["press.wall_p99_frames"] = bench::percentile(wall_ms, 0.99) / kFrameMs;
    state.counters["p50_ms"] = bench::percentile(ms, 0.5);
    state.counters["p99_ms"] = bench::percentile(ms, 0.99);
    state.counters["feedback"] = feedback_frames / n;
    h.clock() = redgrid::FakeClock(bench::golden_now());
}

// For callgrind: N frames, the first cold, the rest of the given kind.
int run_frames(int frames, const std::string& screen, const std::string& update) {
    auto& h = *g_harness;
    go(h, screen);
    const auto call = centre_of(h.last_frame(), "call");
    const auto before = Misses::of(h.painter());
    for (int i = 1; i < frames; ++i) {
        if (update == "clock") {
            h.clock().advance(std::chrono::minutes(1));
            h.draw_frame();
        } else if (update == "press") {
            // Alternately down on the call button and up over nothing: each is one feedback frame.
            if (i % 2 == 1) h.app().press(call);
            else {
                h.app().release(kNowhere);
                h.clock().advance(std::chrono::seconds(1));
            }
            h.draw_frame();
        } else {
            h.full_frame();
        }
    }
    const auto after = Misses::of(h.painter());
    const auto stats = h.painter().stats();
    std::printf("frames %d screen %s update %s frames_built %d warm_text_misses %llu warm_shape_misses %llu"
                " partial_frames %llu unchanged_frames %llu damaged_pixels_per_partial %.0f\n",
                frames, screen.c_str(), update.c_str(), h.app().frames_built(),
                static_cast<unsigned long long>(after.text - before.text),
                static_cast<unsigned long long>(after.shapes - before.shapes),
                static_cast<unsigned long long>(stats.partial_frames),
                static_cast<unsigned long long>(stats.unchanged_frames),
                stats.partial_frames > 0 ? static_cast<double>(stats.damaged_pixels) / static_cast<double>(stats.partial_frames) : 0.0);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int frames = 0;
    std::string screen = "home", update = "full";
    std::vector<char*> passed{argv[0]};
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--frames" && i + 1 < argc) frames = std::max(1, std::atoi(argv[++i]));
        else if (a == "--screen" && i + 1 < argc) screen = argv[++i];
        else if (a == "--update" && i + 1 < argc) update = argv[++i];
        else passed.push_back(argv[i]);
    }
    if (update != "full" && update != "clock" && update != "press") {
        std::fprintf(stderr, "frame bench: --update must be full, clock or press\n");
        return 2;
    }
    auto content = bench::load_demo_content();
    if (!content) {
        std::fprintf(stderr, "frame bench: %s\n", content.error().c_str());
        return 1;
    }
    const auto screens = main_screens(*content->content);
    auto harness = FrameHarness::make(1920, 1080, std::move(*content));
    if (!harness) {
        std::fprintf(stderr, "frame bench: %s\n", harness.error().c_str());
        return 1;
    }
    g_harness = harness->get();
    if (frames > 0) return run_frames(frames, screen, update);

    for (const auto& s : screens) {
        benchmark::RegisterBenchmark(("BM_WarmFrame/" + s).c_str(), BM_WarmFrame, s)->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark("BM_ClockTick", BM_ClockTick)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_TouchToPresent", BM_TouchToPresent)->Unit(benchmark::kMillisecond)->MinTime(2.0);
    int bench_argc = static_cast<int>(passed.size());
    benchmark::Initialize(&bench_argc, passed.data());
    if (benchmark::ReportUnrecognizedArguments(bench_argc, passed.data())) return 2;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    for (const auto& [key, value] : results()) std::printf("result %s %.4f\n", key.c_str(), value);
    std::printf("screens");
    for (const auto& s : screens) std::printf(" %s", s.c_str());
    std::printf("\n");
    return 0;
}
