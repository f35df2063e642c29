// What the frame and content benchmarks share: the kiosk's App and Painter on an
// offscreen software target, exactly as render_screenshot wires them, with a fake clock
// fixed at the golden images' moment so every run draws the same pixels.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/config/clock.h"
#include "redgrid/content/content_index.h"
#include "redgrid/render/fonts.h"
#include "redgrid/render/media_store.h"
#include "redgrid/render/painter.h"
#include "redgrid/render/render_target.h"
#include "redgrid/render/sdl_handles.h"

namespace redgrid::bench {

// 2026-11-25 09:30 in Shenzhen (UTC+8), the moment the golden images show.
std::chrono::system_clock::time_point golden_now();

struct DemoContent {
    std::shared_ptr<const content::Content> content;
    std::filesystem::path media_dir;
};
// The demo bundle next to the build's executables (share/redgrid/demo).
std::expected<DemoContent, std::string> load_demo_content();

class FrameHarness {
public:
    static std::expected<std::unique_ptr<FrameHarness>, std::string> make(int width, int height, DemoContent content);

    // Builds the frame if the App says something changed, repaints what changed
    // (Painter::draw_changes) and presents it.
    void draw_frame();
    // A full rebuild and redraw of the current screen, as after an expose.
    void full_frame();

    kiosk::App& app() { return app_; }
    redgrid::FakeClock& clock() { return clock_; }
    render::Painter& painter() { return painter_; }
    render::FontSet& fonts() { return fonts_; }
    // The frame last built (its hit targets say where to touch).
    const render::DrawList& last_frame() const { return *last_frame_; }

    FrameHarness(render::SdlLibrary sdl, render::FontSet fonts, std::unique_ptr<render::RenderTarget> target,
                 DemoContent content);

private:
    render::SdlLibrary sdl_;
    render::FontSet fonts_;
    std::unique_ptr<render::RenderTarget> target_;
    render::DirectoryMediaStore media_;
    render::Painter painter_;
    redgrid::FakeClock clock_;
    kiosk::App app_;
    const render::DrawList* last_frame_ = nullptr;
};

// Median and a high percentile of a set of samples, in the samples' unit.
double percentile(std::vector<double> samples, double q);

// Milliseconds since `start` on the steady clock.
double ms_since(std::chrono::steady_clock::time_point start);
// CPU time of the calling thread in ms: what a frame costs, whatever else the machine's
// two cores are busy with (wall time on a shared machine mostly measures the neighbours).
double thread_cpu_ms();

// Peak and current resident set of this process, in KiB (from /proc/self/status), and a
// reset of the peak (Linux's clear_refs 5) so one process can measure several phases.
std::int64_t peak_rss_kib();
std::int64_t current_rss_kib();
void reset_peak_rss();

}  // namespace redgrid::bench
