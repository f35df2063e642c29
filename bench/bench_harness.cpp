#include "bench_harness.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>

#include "redgrid/content/content_parse.h"
#include "redgrid/config/paths.h"

namespace redgrid::bench {

std::chrono::system_clock::time_point golden_now() {
    using namespace std::chrono;
    return sys_days{year{2026} / November / 25} + hours{1} + minutes{30};
}

std::expected<DemoContent, std::string> load_demo_content() {
    const auto file = config::demo_bundle_dir() / "bundle.json";
    auto bundle = content::load_bundle_file(file);
    if (!bundle) {
        std::string all = file.string() + ": demo bundle rejected:";
        for (const auto& e : bundle.error()) all += " " + e.to_string();
        return std::unexpected(all);
    }
    return DemoContent{content::Content::make(std::move(*bundle)), config::demo_bundle_dir() / "media"};
}

std::expected<std::unique_ptr<FrameHarness>, std::string> FrameHarness::make(int width, int height, DemoContent content) {
    // Headless whatever the environment says, as render_screenshot is.
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    auto sdl = render::SdlLibrary::init();
    if (!sdl) return std::unexpected("SDL: " + sdl.error());
    auto fonts = render::FontSet::load();
    if (!fonts) return std::unexpected("fonts: " + fonts.error());
    auto target = render::RenderTarget::offscreen(width, height);
    if (!target) return std::unexpected("target: " + target.error());
    return std::make_unique<FrameHarness>(std::move(*sdl), std::move(*fonts), std::move(*target), std::move(content));
}

FrameHarness::FrameHarness(render::SdlLibrary sdl, render::FontSet fonts, std::unique_ptr<render::RenderTarget> target,
                           DemoContent content)
    : sdl_(std::move(sdl)),
      fonts_(std::move(fonts)),
      target_(std::move(target)),
      media_(content.media_dir),
      painter_(target_->renderer(), fonts_, media_),
      clock_(golden_now()),
      app_(clock_, kiosk::AppOptions{}) {
    app_.set_size(static_cast<float>(target_->width()), static_cast<float>(target_->height()));
    app_.set_content(std::move(content.content));
}

void FrameHarness::draw_frame() {
    const auto& frame = app_.frame(fonts_);
    last_frame_ = &frame;
    painter_.draw_changes(frame);  // as the kiosk's loop does on a target that keeps its frame
    target_->present();
}

void FrameHarness::full_frame() {
    app_.invalidate();
    const auto& frame = app_.frame(fonts_);
    last_frame_ = &frame;
    painter_.draw(frame);
    target_->present();
}

double percentile(std::vector<double> samples, double q) {
    if (samples.empty()) return 0;
    std::ranges::sort(samples);
    const auto index = static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1) + 0.5);
    return samples[std::min(index, samples.size() - 1)];
}

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

namespace {
std::int64_t status_kib(std::string_view key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with(key)) return std::atoll(line.c_str() + key.size());
    }
    return -1;
}
}  // namespace

std::int64_t peak_rss_kib() { return status_kib("VmHWM:"); }
std::int64_t current_rss_kib() { return status_kib("VmRSS:"); }

void reset_peak_rss() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
}

}  // namespace redgrid::bench
