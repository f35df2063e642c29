// SDL finger and mouse events -> App::press/move/release: the translation the kiosk's loop
// uses (run_interactive), in its own unit so the touch storm test feeds the very same code.
//
// A touchscreen in a public place gets anything: several hands at once, a palm, a driver
// reporting points off the glass or NaN. The rules:
// - One finger is followed at a time (the first down); other fingers are ignored until it
//   lifts, so two hands never make one press jump between two elements.
// - A mouse (a technician's, never SDL's copy of a touch) acts only when no finger is down.
// - Coordinates are clamped to the screen; a non-finite one (NaN, inf) keeps the last good
//   point of that pointer, so a release always ends the press it belongs to.
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
    // Where the followed pointer was last, in panel pixels (tests).
    render::Point last_point() const { return last_; }

private:
    render::Point from_finger(float x, float y) const;
    render::Point from_mouse(int x, int y) const;
    render::Point keep_finite(render::Point p) const;

    render::Point app_point(render::Point p) const { return to_app_ ? to_app_(p) : p; }

    float width_, height_;
    std::function<render::Point(render::Point)> to_app_;
    struct Finger {
        SDL_TouchID touch;
        SDL_FingerID id;
    };
    std::optional<Finger> finger_;
    bool mouse_down_ = false;
    render::Point last_{};
};

}  // namespace redgrid::kiosk
