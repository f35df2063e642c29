// A large bundle (10,000 members, 150 grids, 2,000 notices by default), generated in
// memory as JSON text, through the kiosk's boundary: parse_bundle (size/UTF-8/depth
// checks, JSON parse, typed read, every validation rule) + Content::make (the indices),
// against nlohmann::json::parse alone of the same bytes: time (median) and the peak
// memory each adds. Then the swap as the kiosk does it: the parse on a worker thread while
// the UI thread keeps drawing the home screen, every frame timed, and the swap frame.
//
//   redgrid_bench_content [--members N] [--grids N] [--notices N] [--repeat K] [--no-swap]
//                         [--phase none|json|bundle]
//
// --phase runs only that phase (none: only generate the text), K times, and no swap: for
// callgrind, whose (bundle - none) / (json - none) instruction ratio no noise can move.
//
// Prints "result KEY VALUE" lines.
#include <malloc.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "bench_harness.h"
#include "large_bundle.h"
#include "redgrid/content/content_parse.h"

namespace {

using namespace redgrid;

struct Phase {
    double median_ms = 0;
    std::int64_t peak_added_kib = 0;
};

// Runs `work` `repeat` times; the peak is what the process held above its resident set
// before the first run (only one result is alive at a time).
template <typename Work>
Phase measure(int repeat, Work work) {
    // Give back what the previous phase freed, or it would hide this phase's growth.
    malloc_trim(0);
    bench::reset_peak_rss();
    const auto before = bench::current_rss_kib();
    std::vector<double> ms;
    for (int i = 0; i < repeat; ++i) {
        const auto start = std::chrono::steady_clock::now();
        if (!work()) std::exit(1);
        ms.push_back(bench::ms_since(start));
    }
    return {bench::percentile(ms, 0.5), bench::peak_rss_kib() - before};
}

std::shared_ptr<const content::Content> parse_and_index(const std::string& text) {
    auto bundle = content::parse_bundle(text);
    if (!bundle) {
        std::fprintf(stderr, "content bench: generated bundle rejected (%zu problems), first: %s\n", bundle.error().size(),
                     bundle.error().front().to_string().c_str());
        return nullptr;
    }
    return content::Content::make(std::move(*bundle));
}

void result(const char* key, double value) { std::printf("result %s %.4f\n", key, value); }

// The UI thread draws home frames while a worker parses; then it swaps the content in.
int swap_while_drawing(const std::string& text) {
    auto demo = bench::load_demo_content();
    if (!demo) {
        std::fprintf(stderr, "content bench: %s\n", demo.error().c_str());
        return 1;
    }
    auto harness = bench::FrameHarness::make(1920, 1080, std::move(*demo));
    if (!harness) {
        std::fprintf(stderr, "content bench: %s\n", harness.error().c_str());
        return 1;
    }
    auto& h = **harness;
    h.full_frame();
    h.full_frame();

    std::atomic<bool> done{false};
    std::shared_ptr<const content::Content> parsed;
    std::thread worker([&] {
        parsed = parse_and_index(text);
        done.store(true, std::memory_order_release);
    });
    // Wall time is what a resident sees, but on a shared 2-core machine it is mostly the
    // neighbours; the UI thread's CPU time is what the parse could take from it.
    std::vector<double> during, during_cpu;
    while (!done.load(std::memory_order_acquire)) {
        const auto start = std::chrono::steady_clock::now();
        const double cpu = bench::thread_cpu_ms();
        h.full_frame();
        during_cpu.push_back(bench::thread_cpu_ms() - cpu);
        during.push_back(bench::ms_since(start));
    }
    worker.join();
    if (!parsed) return 1;
    const auto swap_start = std::chrono::steady_clock::now();
    const double swap_cpu = bench::thread_cpu_ms();
    h.app().set_content(parsed);
    h.draw_frame();
    const double swap_cpu_ms = bench::thread_cpu_ms() - swap_cpu;
    const double swap_ms = bench::ms_since(swap_start);
    std::vector<double> after;
    for (int i = 0; i < 5; ++i) {
        const double cpu = bench::thread_cpu_ms();
        h.full_frame();
        after.push_back(bench::thread_cpu_ms() - cpu);
    }
    result("swap.frames_during_parse", static_cast<double>(during.size()));
    result("swap.max_frame_during_parse_ms", bench::percentile(during, 1.0));
    result("swap.max_frame_cpu_during_parse_ms", bench::percentile(during_cpu, 1.0));
    result("swap.median_frame_cpu_during_parse_ms", bench::percentile(during_cpu, 0.5));
    result("swap.swap_frame_ms", swap_ms);
    result("swap.swap_frame_cpu_ms", swap_cpu_ms);
    result("swap.median_frame_cpu_after_ms", bench::percentile(after, 0.5));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    bench::LargeBundleSize size;
    int repeat = 5;
    bool swap = true;
    std::string phase = "all";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool has_value = i + 1 < argc;
        if (a == "--members" && has_value) size.members = std::atoi(argv[++i]);
        else if (a == "--grids" && has_value) size.grids = std::atoi(argv[++i]);
        else if (a == "--notices" && has_value) size.notices = std::atoi(argv[++i]);
        else if (a == "--repeat" && has_value) repeat = std::max(1, std::atoi(argv[++i]));
        else if (a == "--no-swap") swap = false;
        else if (a == "--phase" && has_value) phase = argv[++i];
        else {
            std::fprintf(stderr,
                         "usage: %s [--members N] [--grids N] [--notices N] [--repeat K] [--no-swap]"
                         " [--phase none|json|bundle]\n",
                         argv[0]);
            return 2;
        }
    }
    const std::string text = bench::make_large_bundle(size);
    result("content.bytes", static_cast<double>(text.size()));
    if (phase != "all") {
        for (int i = 0; i < repeat; ++i) {
            if (phase == "json" && nlohmann::json::parse(text, nullptr, false).is_discarded()) return 1;
            if (phase == "bundle" && parse_and_index(text) == nullptr) return 1;
        }
        return phase == "none" || phase == "json" || phase == "bundle" ? 0 : 2;
    }

    const auto json = measure(repeat, [&] {
        const auto doc = nlohmann::json::parse(text, nullptr, false);
        return !doc.is_discarded();
    });
    const auto full = measure(repeat, [&] { return parse_and_index(text) != nullptr; });
    result("content.json_parse_ms", json.median_ms);
    result("content.json_parse_peak_kib", static_cast<double>(json.peak_added_kib));
    result("content.bundle_ms", full.median_ms);
    result("content.bundle_peak_kib", static_cast<double>(full.peak_added_kib));
    result("content.time_ratio", json.median_ms > 0 ? full.median_ms / json.median_ms : 0);
    result("content.memory_ratio",
           json.peak_added_kib > 0 ? static_cast<double>(full.peak_added_kib) / static_cast<double>(json.peak_added_kib) : 0);
    return swap ? swap_while_drawing(text) : 0;
}
