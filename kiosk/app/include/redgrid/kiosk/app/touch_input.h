// SDL finger and mouse events -> the App's press/move/release and pinch calls: the
// translation the kiosk's loop uses (run_interactive), in its own unit so the touch storm
// test and replay scripts feed the very same code.
//
// A touchscreen in a public place gets anything: several hands at once, a palm, a driver
// reporting points off the glass or NaN. The rules:
// - The first finger down presses, moves and releases.
// - A second finger makes it a two-finger gesture: App::pinch_begin cancels the first
//   finger's press (nothing activates), both fingers' moves go to App::pinch_move, and when
//   either lifts, App::pinch_end. The finger left behind is spent: its moves and its lift do
//   nothing (lifting back to one finger is never a tap); a new finger landing beside it
//   pinches again. A third finger, while two are down, is ignored until it lifts, so a palm
//   or a second hand never makes one press jump between two elements.
// - A mouse (a technician's, never SDL's copy of a touch) acts only when no finger is down.
// - Coordinates are clamped to the screen; a non-finite one (NaN, inf) keeps the last good
//   point of that finger, so a release always ends the press it belongs to. Every point goes
//   through the rotation mapping, pinch fingers as much as a tap.
#pragma once

#include <SDL.h>

#include <functional>
#include <optional>

#include "redgrid/render/draw_list.h"

namespace redgrid::kiosk {

class App;

class TouchInput {
public:
    // width x height: the panel's pixels. `to_app` maps a clamped panel point to the App's
    // (the screen rotation, kiosk/rotation.h); none: the same.
    TouchInput(float width, float height, std::function<render::Point(render::Point)> to_app = {})
        : width_(width), height_(height), to_app_(std::move(to_app)) {}
    void set_size(float width, float height) {
        width_ = width;
        height_ = height;
    }

    // Feeds one event to the app; false when the event is not a touch or mouse event.
    bool handle(const SDL_Event& event, App& app);

    // A finger or the mouse button is down (tests).
    bool pointer_down() const { return finger_.has_value() || mouse_down_; }
    // Two fingers are pinching (tests).
    bool pinching() const { return second_.has_value(); }
    // Where a followed pointer was last, in panel pixels (tests).
    render::Point last_point() const { return last_; }

private:
    struct Finger {
        SDL_TouchID touch;
        SDL_FingerID id;
        render::Point at;  // panel pixels, clamped
        bool is(const SDL_TouchFingerEvent& e) const { return touch == e.touchId && id == e.fingerId; }
    };
    bool finger_event(const SDL_TouchFingerEvent& e, Uint32 type, App& app);
    render::Point from_finger(float x, float y, render::Point fallback) const;
    render::Point from_mouse(int x, int y) const;
    render::Point keep_finite(render::Point p, render::Point fallback) const;

    render::Point app_point(render::Point p) const { return to_app_ ? to_app_(p) : p; }

    float width_, height_;
    std::function<render::Point(render::Point)> to_app_;
    // The first finger (pressing, pinching or spent) and, while two pinch, the second.
    std::optional<Finger> finger_;
    std::optional<Finger> second_;
    bool spent_ = false;  // finger_ pinched and is still down: it presses nothing any more
    bool mouse_down_ = false;
    render::Point last_{};
};

}  // namespace redgrid::kiosk
