// The kiosk's UI core without SDL: routes input to the state, decides when a redraw is
// needed, and builds the frame's DrawList. main.cpp feeds it events and paints its frames;
// tests and replay scripts drive it the same way, with a fake clock.
#pragma once

#include <chrono>
#include <expected>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "redgrid/kiosk/ui/demo_call_service.h"
#include "redgrid/kiosk/ui/announcer.h"
#include "redgrid/kiosk/ui/call_flow.h"
#include "redgrid/protocol/calls.h"
#include "redgrid/config/clock.h"
#include "redgrid/protocol/interactions.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "redgrid/kiosk/ui/maintenance_flow.h"
#include "redgrid/kiosk/ui/screen.h"
#include "redgrid/kiosk/ui/ui_state.h"

namespace redgrid::render {
struct PixelImage;
}

namespace redgrid::kiosk {


struct AppOptions {
    int utc_offset_minutes = 480;
    std::chrono::seconds idle_return{90};
    // After the idle return, this much more time untouched starts the attract loop, which
    // shows each of its pages for attract_page.
    std::chrono::seconds attract_after{300};
    std::chrono::milliseconds attract_page{8000};
    // A route change fades the new screen in over this (ease-out; 0 = none). It never holds
    // input back: touches go to the new screen from its first frame.
    std::chrono::milliseconds transition{150};
    Lang lang = Lang::zh;
    // A second activation of the same element within this window is a double tap, not a
    // second action.
    std::chrono::milliseconds double_tap_guard{400};
    // A finger must travel this far (reference px at 1080p) before a press becomes a drag.
    float drag_slop = 16;
    // A released drag keeps gliding with this exponential decay time constant, as on a phone.
    std::chrono::milliseconds fling_time_constant{325};
    std::string kiosk_id = "demo";
    std::chrono::seconds call_cooldown{60};
    // The maintenance screen's PIN ("" disables it) and how long the corner must be held.
    std::string maintenance_pin;
    std::chrono::milliseconds maintenance_hold{3000};
    // Whether the wall clock is known to be right (NTP). Until it is, the screens hide the
    // clock and every claim that depends on today's date. --demo and tests: true.
    bool clock_synced = true;
};

// Where calls go and where interactions are kept. Either may be null: the App then uses
// its own simulated dispatcher and in-memory sink (--demo, tests). `maintenance` gathers the
// maintenance screen's status and acts for it; null: the screen shows no status and its
// actions do nothing. announcer: the click and spoken lines (speech.h); null = silent.
// pin_lock: where the maintenance PIN's wrong-try count and lockout outlive a restart
// (pin_lock.h); null = in memory only (tests, replays, screenshots).
struct AppServices {
    CallService* calls = nullptr;
    InteractionSink* sink = nullptr;
    MaintenanceService* maintenance = nullptr;
    Announcer* announcer = nullptr;
    PinLockStore* pin_lock = nullptr;
};

class App {
public:
    App(const Clock& clock, AppOptions options, AppServices services = {});

    void set_content(std::shared_ptr<const Content> content);
    // The server confirmed at `at` that the content shown is still its current one (a sync
    // that found nothing new): the screen's "updated HH:MM" and the stale limit count from
    // the later of this and the bundle's generated_at.
    void content_confirmed(std::chrono::system_clock::time_point at);
    const Content* content() const { return content_.get(); }
    void set_size(float width, float height);
    void navigate(Route route);
    // The clock watcher's news (clock_sync.h): redraws only when it changes.
    void set_clock_synced(bool synced);
    bool clock_synced() const { return options_.clock_synced; }
    // The screen must be drawn again (the window was exposed, the fonts changed).
    void invalidate() { dirty_ = true; }

    // Finger or mouse, in screen pixels. An element activates on release over the element
    // it was pressed on; press feedback is drawn while the finger is down.
    void press(render::Point p);
    void move(render::Point p);
    void release(render::Point p);
    // Two fingers (TouchInput), in screen pixels. A pinch begins when a second finger lands
    // and first cancels whatever the first finger's press was doing: nothing under it
    // activates, a drag or pan stops (two fingers never tap). On the red map the fingers then
    // zoom it, smoothly between the steps, keeping the place between them under them (and a
    // move of both pans it); when one lifts, the zoom settles on a step (1..kMaxMapZoom, as
    // the +/- buttons; app_map.cpp settle_step). Elsewhere a pinch does nothing more.
    void pinch_begin(render::Point a, render::Point b);
    void pinch_move(render::Point a, render::Point b);
    void pinch_end();
    bool pinching() const { return pinch_.has_value(); }
    // Replay scripts and tests tap by id; false if no such element is on screen.
    bool tap(std::string_view id);

    // True while a released drag is still gliding: the loop must keep drawing frames.
    bool flinging() const { return fling_velocity_ != 0; }
    // True while a route change fades in or the map glides onto its zoom step after a
    // pinch: the loop must keep drawing frames.
    bool animating() const { return transition_start_.has_value() || map_settle_.has_value(); }
    // Ends a transition at once: headless screenshots show the settled screen.
    void settle_animations();

    // Applies timers (idle return to home, the attract loop and its pages) and moves a fling
    // on; call once per loop turn.
    void tick();

    bool needs_redraw() const { return dirty_ || anim_dirty_ || minute_changed(); }
    // How long the main loop may sleep before something on screen changes by itself.
    std::chrono::milliseconds time_until_next_change() const;

    // Builds the frame if anything changed since the last one; then the frame is current.
    const render::DrawList& frame(const render::TextMeasurer& measurer);
    int frames_built() const { return frames_built_; }

    const UiState& state() const { return ui_; }
    const CallFlow& call_flow() const { return *flow_; }
    const MaintenanceFlow& maintenance() const { return *maint_; }
    // A status gathered off the UI thread (posted through the inbox); kept while the
    // maintenance screen is open.
    void set_maintenance_status(MaintenanceStatus status);

    // The server's commands (app_commands.cpp, docs/protocol.md "Commands").
    // reload: `content`, read again from disk, shown from scratch on the home screen, as
    // after the idle return: the resident's path, text size and language are forgotten, a
    // call still open is kept out of sight, the maintenance screen closes.
    void reload(std::shared_ptr<const Content> content);
    // upload_screenshot: asked for through the UiInbox; the UI loop takes the picture right
    // after its next turn's drawing (take_screenshots, screenshot.h) and calls each `done`
    // on the UI thread with it (or why it could not be taken). `done` must be quick: it
    // hands the pixels to another thread to encode.
    using ScreenshotDone =
        std::function<void(std::expected<std::shared_ptr<const render::PixelImage>, std::string>)>;
    void request_screenshot(ScreenshotDone done) { screenshot_requests_.push_back(std::move(done)); }
    bool screenshot_requested() const { return !screenshot_requests_.empty(); }
    std::vector<ScreenshotDone> take_screenshot_requests() { return std::exchange(screenshot_requests_, {}); }
    // What a screenshot shows: the frame on screen, except that the PIN pad shows no dot
    // for the digits typed and no key pressed, so a picture never gives the PIN (or its
    // length) away.
    render::DrawList screenshot_frame(const render::TextMeasurer& measurer);

private:
    void activate(const std::string& id);
    // Shows the call flow's screen while it is active, and leaves its screens when it ends.
    void follow_call_flow();
    // Shows the maintenance flow's page while it is active, and goes home when it closes.
    void follow_maintenance();
    bool corner_held() const;
    void go(Route route);
    void go_home(bool forget_person);
    void apply_filter(std::string_view filter);
    void touched();
    // The map screen's pan area under p in the current frame (the "map:pan:..." target) and
    // the range its id gives UiState::map_pan_* at the zoom drawn.
    struct MapPanArea {
        render::Rect rect;
        float min_x, max_x, min_y, max_y;
    };
    std::optional<MapPanArea> map_pan_at(render::Point p) const;
    // Zooms the map to `zoom` (clamped to 1..kMaxMapZoom) keeping the map point drawn at
    // `anchor` (px from the pan area's middle) there, and the pan inside the map's edges.
    // live (a pinch under way): sets map_scale; else a whole step, map_zoom, and no map_scale.
    void zoom_map(float zoom, render::Rect area, render::Point anchor, bool live);
    // The +/- buttons: one step about the middle of the map.
    void zoom_map_step(int delta);
    // Moves the glide after a pinch on (finish: to its end at once).
    void step_map_settle(bool finish);
    // The idle timers wait while a finger is down or a call is on screen.
    bool idle_timers_held() const;
    void enter_attract();
    void turn_attract_pages();
    // Says the screen's title or the call's state if it changed since the last line; with
    // aloud false (start-up, navigate(), idle return: nobody asked) only takes note of it.
    void speak_changes(bool aloud);
    bool minute_changed() const;
    // The scrolling area under p in the current frame and its largest offset.
    std::optional<float> scroll_max_at(render::Point p) const;
    void set_scroll(float offset);
    void step_fling();
    float drag_slop() const;
    long long minute_of(std::chrono::system_clock::time_point t) const;
    // Lays the transition's veil over the frame's stage, or takes it away once it is over.
    void apply_transition();

    const Clock& clock_;
    AppOptions options_;
    std::unique_ptr<DemoCallService> own_calls_;
    std::unique_ptr<MemoryInteractionSink> own_sink_;
    std::unique_ptr<CallFlow> flow_;
    Announcer* announcer_ = nullptr;
    std::string spoken_key_;  // what the last line was about (route or call state, and language)
    CallFlowView call_view_;
    std::unique_ptr<MaintenanceFlow> maint_;
    std::chrono::steady_clock::time_point corner_pressed_at_{};
    bool drawing_ = false;  // a finger is drawing in the touch test
    std::shared_ptr<const Content> content_;
    std::optional<std::chrono::system_clock::time_point> content_confirmed_;
    UiState ui_;
    float width_ = 1920, height_ = 1080;
    render::DrawList frame_;
    bool dirty_ = true;
    // The transition: when the shown route changed (unset: none under way), whether a frame
    // is due for it, whether frame_ ends with its veil, and the route the last build showed.
    std::optional<std::chrono::steady_clock::time_point> transition_start_;
    bool anim_dirty_ = false;
    bool veiled_ = false;
    bool jumped_ = true;  // navigate() and the first frame show their screen without a fade
    Route built_route_;
    int built_page_ = 0;
    int frames_built_ = 0;
    long long frame_minute_ = -1;
    std::chrono::steady_clock::time_point last_input_;
    // Drag to scroll: where the finger went down, the offset then, and recent samples for
    // the release velocity (px/s, positive moves the content up).
    std::optional<float> drag_max_;
    bool dragging_ = false;
    render::Point press_point_{};
    float press_scroll_ = 0;
    // Drag to pan the map: whether the press landed on a "map:pan" area, whether the finger
    // is panning, where it was last (the pan follows each step, clamped, so a drag past the
    // edge moves the map back as soon as the finger turns) and the range the pan may take.
    bool pan_possible_ = false;
    bool panning_ = false;
    render::Point last_pan_point_{};
    float pan_min_x_ = 0, pan_max_x_ = 0, pan_min_y_ = 0, pan_max_y_ = 0;
    struct Sample {
        std::chrono::steady_clock::time_point at;
        float y;
    };
    std::vector<Sample> samples_;
    // Two fingers down: their last spread and middle, the map's zoom when they landed, and
    // the map's pan area (none: the pinch began off the map and only cancelled the press).
    struct Pinch {
        float spread;
        render::Point middle;
        float start;
        std::optional<render::Rect> map;
    };
    std::optional<Pinch> pinch_;
    // When the fingers lift, the map glides from their zoom to the step it settles on, about
    // the place that was between them, over AppOptions::transition (ease-out).
    struct MapSettle {
        float from;
        int to;
        render::Rect area;
        render::Point anchor;
        std::chrono::steady_clock::time_point start;
    };
    std::optional<MapSettle> map_settle_;
    float fling_velocity_ = 0;
    float fling_max_ = 0;
    std::chrono::steady_clock::time_point fling_last_{};
    // The attract loop: when its page was turned, and whether the finger now down woke it
    // (that finger then activates nothing: it only brought the home screen back).
    std::chrono::steady_clock::time_point attract_page_since_{};
    bool waking_ = false;
    std::string last_activated_;
    std::chrono::steady_clock::time_point last_activation_{};
    std::vector<ScreenshotDone> screenshot_requests_;
};

}  // namespace redgrid::kiosk
