#include "redgrid/kiosk/app/touch_input.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "redgrid/kiosk/ui/app.h"

namespace redgrid::kiosk {

render::Point TouchInput::keep_finite(render::Point p, render::Point fallback) const {
    // Clamped to the last pixel: an edge swipe reported past the glass still lands on it.
    const float max_x = std::max(0.f, width_ - 1), max_y = std::max(0.f, height_ - 1);
    return {std::isfinite(p.x) ? std::clamp(p.x, 0.f, max_x) : fallback.x,
            std::isfinite(p.y) ? std::clamp(p.y, 0.f, max_y) : fallback.y};
}

render::Point TouchInput::from_finger(float x, float y, render::Point fallback) const {
    // Normalised 0..1; a huge value times the width may overflow to inf, which keep_finite takes.
    return keep_finite({x * width_, y * height_}, fallback);
}

render::Point TouchInput::from_mouse(int x, int y) const {
    return keep_finite({static_cast<float>(x), static_cast<float>(y)}, last_);
}

bool TouchInput::finger_event(const SDL_TouchFingerEvent& e, Uint32 type, App& app) {
    if (mouse_down_) return true;  // a technician's mouse is in use
    const bool first = finger_ && finger_->is(e), second = second_ && second_->is(e);
    if (type == SDL_FINGERDOWN) {
        if (first || second) return true;  // a repeated down for a finger already followed
        if (!finger_) {
            last_ = from_finger(e.x, e.y, last_);
            finger_ = Finger{e.touchId, e.fingerId, last_};
            spent_ = false;
            app.press(app_point(last_));
        } else if (!second_) {
            // A second finger: from now on the first presses nothing, even after the pinch.
            last_ = from_finger(e.x, e.y, finger_->at);
            second_ = Finger{e.touchId, e.fingerId, last_};
            spent_ = true;
            app.pinch_begin(app_point(finger_->at), app_point(second_->at));
        }
        return true;  // else a third finger: ignored until it lifts
    }
    if (!first && !second) return true;  // not followed: a third finger, or down before we watched
    Finger& f = first ? *finger_ : *second_;
    f.at = from_finger(e.x, e.y, f.at);
    last_ = f.at;
    if (type == SDL_FINGERMOTION) {
        if (second_) app.pinch_move(app_point(finger_->at), app_point(second_->at));
        else if (!spent_) app.move(app_point(f.at));
        return true;
    }
    if (second_) {
        // Back to one finger: the pinch is over, and the finger left behind stays spent.
        if (first) finger_ = second_;
        second_.reset();
        app.pinch_end();
        return true;
    }
    const render::Point at = f.at;
    finger_.reset();
    if (!std::exchange(spent_, false)) app.release(app_point(at));
    return true;
}

bool TouchInput::handle(const SDL_Event& e, App& app) {
    switch (e.type) {
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP: return finger_event(e.tfinger, e.type, app);
        case SDL_MOUSEBUTTONDOWN:
            if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return true;
            if (finger_ || mouse_down_) return true;
            mouse_down_ = true;
            last_ = from_mouse(e.button.x, e.button.y);
            app.press(app_point(last_));
            return true;
        case SDL_MOUSEMOTION:
            if (e.motion.which == SDL_TOUCH_MOUSEID || !mouse_down_ || !(e.motion.state & SDL_BUTTON_LMASK)) return true;
            last_ = from_mouse(e.motion.x, e.motion.y);
            app.move(app_point(last_));
            return true;
        case SDL_MOUSEBUTTONUP:
            if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT || !mouse_down_) return true;
            mouse_down_ = false;
            last_ = from_mouse(e.button.x, e.button.y);
            app.release(app_point(last_));
            return true;
        default: return false;
    }
}

}  // namespace redgrid::kiosk
