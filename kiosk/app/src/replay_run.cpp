#include <cstdlib>
#include <thread>

#include "redgrid/kiosk/app/maintenance_probe.h"
#include "loop_maintenance.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/app/replay.h"
#include "redgrid/content/time_format.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "redgrid/kiosk/app/touch_input.h"
#include "redgrid/render/fonts.h"
#include "redgrid/render/painter.h"
#include "redgrid/render/render_target.h"

namespace redgrid::kiosk {
namespace {

using namespace std::chrono_literals;
constexpr auto kFrame = 16ms;

// Replays run on the injected clock: time jumps straight to the next moment anything on
// screen can change, and moves frame by frame only while something animates.
class Player {
public:
    Player(App& app, FakeClock& clock, const render::TextMeasurer& measurer, SampleMaintenance& maintenance)
        : app_(app), clock_(clock), measurer_(measurer), maintenance_(maintenance) {}

    // What the UI loop does between events: take what the workers posted, then draw.
    void settle() {
        if (maintenance_.take_pending()) app_.set_maintenance_status(sample_maintenance_status(clock_.now()));
        app_.frame(measurer_);
    }

    void pass(std::chrono::milliseconds d) {
        while (d > 0ms) {
            settle();
            auto step = std::chrono::duration_cast<std::chrono::milliseconds>(app_.time_until_next_change());
            if (step <= 0ms) step = kFrame;
            step = std::min(step, d);
            clock_.advance(step);
            d -= step;
            app_.tick();
        }
        settle();
    }

    void drag(render::Point from, render::Point to, std::chrono::milliseconds duration) {
        app_.press(from);
        settle();
        const int frames = static_cast<int>(duration / kFrame);
        for (int i = 1; i <= frames; ++i) {
            const float t = static_cast<float>(i) / static_cast<float>(frames);
            clock_.advance(kFrame);
            app_.move({from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t});
            app_.tick();
            settle();
        }
        app_.release(to);
        settle();
    }

    // Two fingers through the touch screen's own gesture recognition (TouchInput): the
    // first lands, the second a frame later, both move apart (or together) frame by frame,
    // then the second lifts and then the first.
    void pinch(render::Point c, float from, float to, std::chrono::milliseconds duration, float width, float height) {
        TouchInput touch(width, height);
        auto send = [&](Uint32 type, SDL_FingerID id, float spread) {
            SDL_Event e{};
            e.type = type;
            e.tfinger.touchId = 1;
            e.tfinger.fingerId = id;
            e.tfinger.x = (c.x + (id == 1 ? -spread : spread) / 2) / width;
            e.tfinger.y = c.y / height;
            touch.handle(e, app_);
        };
        send(SDL_FINGERDOWN, 1, from);
        settle();
        clock_.advance(kFrame);
        send(SDL_FINGERDOWN, 2, from);
        settle();
        const int frames = std::max(1, static_cast<int>(duration / kFrame));
        for (int i = 1; i <= frames; ++i) {
            const float s = from + (to - from) * static_cast<float>(i) / static_cast<float>(frames);
            clock_.advance(kFrame);
            send(SDL_FINGERMOTION, 1, s);
            send(SDL_FINGERMOTION, 2, s);
            app_.tick();
            settle();
        }
        send(SDL_FINGERUP, 2, to);
        settle();
        clock_.advance(kFrame);
        send(SDL_FINGERUP, 1, to);
        settle();
    }

private:
    App& app_;
    FakeClock& clock_;
    const render::TextMeasurer& measurer_;
    SampleMaintenance& maintenance_;
};

}  // namespace

std::expected<ReplayResult, std::string> run_replay(const ReplayScript& script, const std::string& file_name,
                                                    const RunnerOptions& options, std::shared_ptr<const Content> content,
                                                    const std::filesystem::path& out_dir) {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    auto sdl = render::SdlLibrary::init();
    if (!sdl) return std::unexpected(sdl.error());
    render::FontOptions font_options;
    font_options.text_font_files = options.config.font_files;
    font_options.icon_font_file = options.config.icon_font_file;
    auto fonts = render::FontSet::load(font_options);
    if (!fonts) return std::unexpected(fonts.error());
    auto target = render::RenderTarget::offscreen(script.width, script.height);
    if (!target) return std::unexpected(target.error());
    render::DirectoryMediaStore media(options.media_dir);
    render::Painter painter((*target)->renderer(), *fonts, media);
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec) return std::unexpected("cannot create " + out_dir.string() + ": " + ec.message());

    const auto start = script.start.value_or(options.fixed_now.value_or(*parse_rfc3339("2026-11-25T09:30:00+08:00")));
    FakeClock clock(start);
    AppOptions app_opts = app_options(options.config);
    app_opts.maintenance_pin = script.maintenance_pin.empty() ? options.config.maintenance_pin : script.maintenance_pin;
    // Replays show a fixed status, so their screenshots do not depend on the machine.
    SampleMaintenance maintenance;
    AppServices services = options.services;
    if (!services.maintenance) services.maintenance = &maintenance;
    app_opts.clock_synced = options.clock_synced;
    App app(clock, app_opts, services);
    app.set_size(static_cast<float>(script.width), static_cast<float>(script.height));
    app.set_content(std::move(content));
    Player player(app, clock, *fonts, maintenance);
    player.settle();

    ReplayResult result;
    for (const ReplayStep& step : script.steps) {
        const std::string where = file_name + ":" + std::to_string(step.line) + ": ";
        std::string error;
        std::visit(
            [&](const auto& a) {
                using A = std::decay_t<decltype(a)>;
                if constexpr (std::is_same_v<A, replay::TapId>) {
                    if (!app.tap(a.id)) error = "no element @" + a.id + " on screen " + route_name(app.state().route);
                    player.settle();
                } else if constexpr (std::is_same_v<A, replay::Press>) {
                    app.press(a.at);
                    player.settle();
                } else if constexpr (std::is_same_v<A, replay::Move>) {
                    app.move(a.at);
                    player.settle();
                } else if constexpr (std::is_same_v<A, replay::Release>) {
                    app.release(a.at);
                    player.settle();
                } else if constexpr (std::is_same_v<A, replay::Drag>) {
                    player.drag(a.from, a.to, a.duration);
                } else if constexpr (std::is_same_v<A, replay::Pinch>) {
                    player.pinch(a.center, a.from, a.to, a.duration, static_cast<float>(script.width),
                                 static_cast<float>(script.height));
                } else if constexpr (std::is_same_v<A, replay::Wait>) {
                    player.pass(a.duration);
                } else if constexpr (std::is_same_v<A, replay::GoTo>) {
                    app.navigate(a.route);
                    player.settle();
                } else if constexpr (std::is_same_v<A, replay::ExpectScreen>) {
                    if (app.state().route != a.route)
                        error = "expected screen " + route_name(a.route) + ", showing " + route_name(app.state().route);
                } else if constexpr (std::is_same_v<A, replay::AwaitScreen>) {
                    // Real time, for a real server: the fake clock keeps pace with it.
                    const auto deadline = std::chrono::steady_clock::now() + a.timeout;
                    while (app.state().route != a.route && std::chrono::steady_clock::now() < deadline) {
                        std::this_thread::sleep_for(50ms);
                        player.pass(50ms);
                    }
                    if (app.state().route != a.route)
                        error = "waited " + std::to_string(a.timeout.count()) + " ms for screen " + route_name(a.route) +
                                ", still showing " + route_name(app.state().route);
                } else if constexpr (std::is_same_v<A, replay::ExpectTarget>) {
                    const bool present = app.frame(*fonts).find(a.id) != nullptr;
                    if (present != a.present)
                        error = std::string(a.present ? "expected" : "did not expect") + " element @" + a.id +
                                " on screen " + route_name(app.state().route);
                } else if constexpr (std::is_same_v<A, replay::Screenshot>) {
                    // The settled screen, not a moment of its fade-in: goldens stay stable.
                    app.settle_animations();
                    painter.draw(app.frame(*fonts));
                    (*target)->present();
                    const auto path = out_dir / (a.name + ".png");
                    if (auto saved = (*target)->save_png(path.string()); !saved) error = saved.error();
                    else result.screenshots.push_back(path);
                }
            },
            step.action);
        if (!error.empty()) return std::unexpected(where + error);
        ++result.steps_run;
    }
    return result;
}

}  // namespace redgrid::kiosk
