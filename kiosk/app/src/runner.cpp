#include "redgrid/kiosk/app/maintenance_probe.h"
#include "redgrid/kiosk/app/runner.h"

#include <SDL.h>
#include <systemd/sd-daemon.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <pthread.h>
#include <thread>

#include "redgrid/config/log.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "redgrid/kiosk/app/frame_loop.h"
#include "redgrid/kiosk/app/rotation.h"
#include "redgrid/kiosk/app/kiosk_lock.h"
#include "redgrid/kiosk/ui/pin_lock.h"
#include "redgrid/kiosk/app/screenshot.h"
#include "redgrid/kiosk/app/touch_input.h"
#include "display_output.h"
#include "loop_maintenance.h"
#include "redgrid/kiosk/app/speech.h"
#include "redgrid/render/decoding_media_store.h"
#include "redgrid/render/fonts.h"
#include "redgrid/render/painter.h"
#include "redgrid/render/render_target.h"

namespace redgrid::kiosk {
namespace {

using config::LogLevel;

render::FontOptions font_options(const config::KioskConfig& cfg) {
    render::FontOptions f;
    f.text_font_files = cfg.font_files;
    f.icon_font_file = cfg.icon_font_file;
    return f;
}

bool is_call_screen(ScreenId s) {
    return s == ScreenId::call || s == ScreenId::calling || s == ScreenId::coming || s == ScreenId::rating;
}

// The call screens are states of the call flow, not places: a screenshot of one plays the
// flow there on the fake clock, as a resident would (press, confirm, wait for the member).
void drive_call_flow_to(App& app, FakeClock& clock, const render::TextMeasurer& measurer, ScreenId want) {
    using namespace std::chrono_literals;
    app.frame(measurer);
    app.tap("call");
    app.frame(measurer);
    if (want == ScreenId::call) return;
    clock.advance(1s);
    app.tap("call:confirm");
    app.frame(measurer);
    for (int i = 0; i < 600 && app.state().route.screen != want; ++i) {
        clock.advance(1s);
        app.tick();
        app.frame(measurer);
    }
}

sigset_t termination_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
}

// SIGTERM/SIGINT become an SDL event from a thread that sigwait()s for them, because
// nothing SDL offers may be called from a signal handler.
class SignalThread {
public:
    explicit SignalThread(Uint32 quit_event) {
        block_termination_signals();
        const sigset_t set = termination_signals();
        thread_ = std::thread([set, quit_event] {
            int sig = 0;
            while (sigwait(&set, &sig) == 0) {
                SDL_Event e{};
                e.type = quit_event;
                e.user.code = sig;
                SDL_PushEvent(&e);
                if (sig == SIGTERM || sig == SIGINT) return;
            }
        });
    }
    ~SignalThread() {
        // The thread ends on the first signal; on other exits, wake it with one.
        if (thread_.joinable()) {
            pthread_kill(thread_.native_handle(), SIGTERM);
            thread_.join();
        }
    }
    SignalThread(const SignalThread&) = delete;
    SignalThread& operator=(const SignalThread&) = delete;

private:
    std::thread thread_;
};

// Sends WATCHDOG=1 only from the UI loop, so a hung UI stops the pings and systemd restarts it.
class Watchdog {
public:
    Watchdog() {
        uint64_t usec = 0;
        if (sd_watchdog_enabled(0, &usec) > 0) interval_ = std::chrono::microseconds(usec / 2);
    }
    std::optional<std::chrono::milliseconds> interval() const {
        if (interval_.count() == 0) return std::nullopt;
        return std::chrono::duration_cast<std::chrono::milliseconds>(interval_);
    }
    void pet() {
        if (interval_.count() == 0) return;
        const auto now = std::chrono::steady_clock::now();
        if (now - last_ >= interval_) {
            sd_notify(0, "WATCHDOG=1");
            last_ = now;
        }
    }

private:
    std::chrono::microseconds interval_{0};
    std::chrono::steady_clock::time_point last_{};
};

// SDL_WaitEventTimeout sleeps in the kernel only on drivers with a native wait (x11,
// wayland). Elsewhere (KMSDRM on the Pi, dummy) SDL polls every 1 ms: ~700 wake-ups a second
// on an idle screen. There the loop polls by itself: every 2 ms while a finger may be moving,
// every 10 ms when the screen has been left alone (the first touch waits at most 10 ms).
class EventWaiter {
public:
    EventWaiter() {
        const std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
        native_ = driver == "x11" || driver == "wayland";
    }
    // While the display is off by schedule a touch only has to wake it: 10 looks a second.
    void set_dark(bool dark) { dark_ = dark; }
    bool wait(SDL_Event* event, std::chrono::milliseconds timeout) {
        if (native_) return SDL_WaitEventTimeout(event, static_cast<int>(timeout.count())) != 0;
        const auto now = std::chrono::steady_clock::now();
        const auto deadline = now + timeout;
        for (auto t = now;; t = std::chrono::steady_clock::now()) {
            SDL_PumpEvents();
            if (SDL_PeepEvents(event, 1, SDL_GETEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) > 0) {
                last_event_ = t;
                return true;
            }
            if (t >= deadline) return false;
            const auto step = dark_                                        ? std::chrono::milliseconds(100)
                              : t - last_event_ < std::chrono::seconds(1) ? std::chrono::milliseconds(2)
                                                                          : std::chrono::milliseconds(10);
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - t);
            SDL_Delay(static_cast<Uint32>(std::clamp(left, std::chrono::milliseconds(1), step).count()));
        }
    }

private:
    bool native_ = false;
    bool dark_ = false;
    std::chrono::steady_clock::time_point last_event_{};
};

}  // namespace

AppOptions app_options(const config::KioskConfig& cfg) {
    AppOptions a;
    a.utc_offset_minutes = cfg.utc_offset_minutes;
    a.idle_return = std::chrono::seconds(cfg.idle_return_s);
    a.attract_after = std::chrono::seconds(cfg.attract_after_s);
    a.lang = cfg.language == "en" ? Lang::en : Lang::zh;
    a.kiosk_id = cfg.kiosk_id.empty() ? "demo" : cfg.kiosk_id;
    a.call_cooldown = std::chrono::seconds(cfg.call_cooldown_s);
    a.maintenance_pin = cfg.maintenance_pin;
    return a;
}

void block_termination_signals() {
    const sigset_t set = termination_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void UiInbox::post(Task task) {
    std::function<void()> wake;
    {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
        wake = wake_;
    }
    if (wake) wake();
}

void UiInbox::drain(App& app) {
    std::vector<Task> tasks;
    {
        std::lock_guard lock(mutex_);
        tasks.swap(tasks_);
    }
    for (auto& t : tasks) t(app);
}

void UiInbox::set_wake(std::function<void()> wake) {
    bool pending = false;
    {
        std::lock_guard lock(mutex_);
        wake_ = wake;
        pending = !tasks_.empty();
    }
    // Work posted before the loop could be woken must not wait for an unrelated event.
    if (pending && wake) wake();
}

std::expected<void, std::string> render_screenshot(const RunnerOptions& options, std::shared_ptr<const Content> content,
                                                   const std::filesystem::path& out) {
    // Headless: no display is needed or wanted, whatever the environment says.
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    auto sdl = render::SdlLibrary::init();
    if (!sdl) return std::unexpected(sdl.error());
    auto fonts = render::FontSet::load(font_options(options.config));
    if (!fonts) return std::unexpected(fonts.error());
    auto target = render::RenderTarget::offscreen(options.width, options.height);
    if (!target) return std::unexpected(target.error());
    render::DirectoryMediaStore media(options.media_dir);
    render::Painter painter((*target)->renderer(), *fonts, media);

    FakeClock clock(options.fixed_now.value_or(std::chrono::system_clock::now()));
    AppOptions app_opts = app_options(options.config);
    app_opts.clock_synced = options.clock_synced;
    App app(clock, app_opts, options.services);
    // A rotated panel: the picture is laid out upright and turned onto the panel's pixels.
    const Size panel{static_cast<float>(options.width), static_cast<float>(options.height)};
    auto canvas = RotatedCanvas::create((*target)->renderer(), panel, Rotation{options.config.rotation});
    if (!canvas) return std::unexpected(canvas.error());
    app.set_size(canvas->logical().width, canvas->logical().height);
    app.set_content(std::move(content));
    if (options.start_route && is_call_screen(options.start_route->screen))
        drive_call_flow_to(app, clock, *fonts, options.start_route->screen);
    else if (options.start_route)
        app.navigate(*options.start_route);
    if (app.state().route.screen == ScreenId::maintenance) {
        // One frame, no worker: what this machine says now, and no server to report on.
        MaintenanceStatus status = probe_system({.kiosk_id = options.config.kiosk_id.empty() ? "demo" : options.config.kiosk_id,
                                                 .data_dir = options.config.data_dir});
        status.gathered_at = clock.now();  // the picture's time (--now), like its header
        app.set_maintenance_status(std::move(status));
    }
    app.settle_animations();
    canvas->draw(painter, app.frame(*fonts));
    (*target)->present();
    return (*target)->save_png(out.string());
}

std::expected<int, std::string> run_interactive(const RunnerOptions& options, std::shared_ptr<const Content> content,
                                                UiInbox& inbox) {
    // SDL must not install its own SIGINT/SIGTERM handlers: SignalThread owns those signals.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    auto sdl = render::SdlLibrary::init();
    if (!sdl) return std::unexpected(sdl.error());
    // With no display SDL may fall back to a driver that shows nothing; unless someone asked
    // for it by name (tests, benchmarks), that is "no display", not a kiosk.
    const std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
    const char* requested = std::getenv("SDL_VIDEODRIVER");
    if ((driver == "offscreen" || driver == "dummy") && !(requested && *requested))
        return std::unexpected("no display: SDL found only its " + driver + " video driver");
    const Uint32 user_events = SDL_RegisterEvents(2);
    const Uint32 quit_event = user_events, wake_event = user_events + 1;
    SignalThread signals(quit_event);

    auto fonts = render::FontSet::load(font_options(options.config));
    if (!fonts) return std::unexpected(fonts.error());
    config::log(LogLevel::info, "fonts: {}", fonts->description());
    const bool fullscreen = !options.windowed;
    auto target = render::RenderTarget::open_window({.width = options.width, .height = options.height,
                                                     .fullscreen = fullscreen, .hide_cursor = fullscreen});
    if (!target) return std::unexpected(target.error());
    // Photos are read and decoded on their own thread; the UI draws a placeholder meanwhile
    // and is asked to draw again when one is ready.
    render::DirectoryMediaStore files(options.media_dir);
    render::DecodingMediaStore media(files, [&inbox] { inbox.post([](App& app) { app.invalidate(); }); });
    render::Painter painter((*target)->renderer(), *fonts, media);

    // Sound only where it was asked for and an audio device opens; otherwise the kiosk is
    // silent and says why once.
    std::unique_ptr<Announcer> speech;
    if (options.config.sound) {
        std::string how;
        if (auto s = open_speech(&how)) {
            speech = std::move(*s);
            config::log(LogLevel::info, "sound: on ({})", how);
        } else {
            config::log(LogLevel::notice, "sound: off: {}", s.error());
        }
    }
    AppServices services = options.services;
    if (!services.announcer) services.announcer = speech.get();

    SystemClock clock;
    LoopMaintenance maintenance(options.services.maintenance, options.config, inbox);
    services.maintenance = &maintenance;
    // The PIN's lockout outlives a restart, or a restart would hand a guesser fresh tries.
    std::unique_ptr<PinLockFile> pin_lock;
    if (!options.config.maintenance_pin.empty()) {
        std::error_code ec;
        if (std::filesystem::is_directory(options.config.data_dir, ec)) {
            pin_lock = std::make_unique<PinLockFile>(options.config.data_dir / "maintenance-lockout.json");
            services.pin_lock = pin_lock.get();
        } else {
            config::log(LogLevel::warning, "maintenance: no data dir {}: the PIN lockout is not kept across a restart",
                        options.config.data_dir.string());
        }
    }
    AppOptions app_opts = app_options(options.config);
    app_opts.clock_synced = options.clock_synced;
    App app(clock, app_opts, services);
    const Size panel{static_cast<float>((*target)->width()), static_cast<float>((*target)->height())};
    const Rotation rotation{options.config.rotation};
    auto canvas = RotatedCanvas::create((*target)->renderer(), panel, rotation);
    if (!canvas) return std::unexpected(canvas.error());
    app.set_size(canvas->logical().width, canvas->logical().height);
    if (rotation.degrees != 0)
        config::log(LogLevel::info, "rotation {}: laid out at {}x{}, turned onto the {}x{} panel", rotation.degrees,
                    canvas->logical().width, canvas->logical().height, panel.width, panel.height);
    // Touches come in panel pixels; the App works in the upright picture's.
    const auto at = [&](float x, float y) { return to_logical({x, y}, panel, rotation); };
    app.set_content(std::move(content));
    if (options.start_route) app.navigate(*options.start_route);
    inbox.set_wake([wake_event] {
        SDL_Event e{};
        e.type = wake_event;
        SDL_PushEvent(&e);
    });

    // The display schedule: the panel goes off (KMS DPMS, a backlight, or a black frame)
    // and the loop draws nothing until the schedule or a touch lights it again.
    DisplaySettings own_display(options.config.display_schedule);
    DisplaySettings& display = options.display ? *options.display : own_display;
    detail::DisplayOutput panel_switch = detail::DisplayOutput::detect(SDL_RenderGetWindow((*target)->renderer()));
    if (!display.schedule().empty()) config::log(LogLevel::info, "display power: {}", panel_switch.method());
    ScreenPower power(clock, display, panel_switch, options.config.utc_offset_minutes,
                      std::chrono::seconds(options.config.idle_return_s));

    Watchdog watchdog;
    EventWaiter waiter;
    bool ready_sent = false;
    // Touches come in panel pixels (clamped to the panel there); the App gets the upright picture's.
    TouchInput touch(static_cast<float>((*target)->width()), static_cast<float>((*target)->height()),
                     [&](render::Point p) { return at(p.x, p.y); });
    FrameLoop loop({.app = app, .inbox = inbox, .target = **target, .canvas = *canvas, .painter = painter,
                    .measurer = *fonts, .touch = touch, .power = power});
    for (;;) {
        const auto next_change = loop.turn();
        // Started in the dark hours, the first frame waits for the morning: ready all the same.
        if (!ready_sent && (loop.frames() > 0 || !loop.lit())) {
            sd_notify(0, loop.lit() ? "READY=1\nSTATUS=first frame on screen" : "READY=1\nSTATUS=display off by schedule");
            config::log(LogLevel::info, loop.lit() ? "first frame on screen" : "started with the display off by schedule");
            ready_sent = true;
        }
        // The server's upload_screenshot: the frame just drawn, read back here, encoded elsewhere.
        if (app.screenshot_requested())
            take_screenshots(app, (*target)->renderer(), painter, *fonts, canvas->logical());
        if (maintenance.restart_requested()) {
            config::log(LogLevel::notice, "restarting at the technician's request (exit status {})", kRestartExitStatus);
            sd_notify(0, "STOPPING=1\nSTATUS=restart requested on the maintenance screen");
            return kRestartExitStatus;
        }
        watchdog.pet();
        auto wait = next_change.value_or(std::chrono::milliseconds(60'000));
        if (auto wd = watchdog.interval()) wait = std::min(wait, *wd);
        waiter.set_dark(!loop.lit());
        SDL_Event e;
        if (!waiter.wait(&e, std::clamp(wait, std::chrono::milliseconds(1), std::chrono::milliseconds(60'000)))) continue;
        do {
            if (e.type == quit_event) {
                config::log(LogLevel::info, "signal {}: exiting", e.user.code);
                sd_notify(0, "STOPPING=1");
                return 0;
            }
            if (loop.handle(e)) continue;
            switch (e.type) {
                case SDL_QUIT:
                    if (system_event_action(e, fullscreen) == SystemEventAction::quit) return 0;
                    break;  // a resident cannot close the kiosk (kiosk_lock.h)
                case SDL_WINDOWEVENT:
                    if (e.window.event == SDL_WINDOWEVENT_EXPOSED) loop.repaint_all();
                    break;
                default: break;
            }
        } while (SDL_PollEvent(&e));
    }
}

}  // namespace redgrid::kiosk
