#include "redgrid/kiosk/touch_input.h"

#include <algorithm>
#include <cmath>

#include "redgrid/kiosk/app.h"

namespace redgrid::kiosk {

render::Point TouchInput::keep_finite(render::Point p) const {
    // Clamped to the last pixel: an edge swipe reported past the glass still lands on it.
    const float max_x = std::max(0.f, width_ - 1), max_y = std::max(0.f, height_ - 1);
    return {std::isfinite(p.x) ? std::clamp(p.x, 0.f, max_x) : last_.x,
            std::isfinite(p.y) ? std::clamp(p.y, 0.f, max_y) : last_.y};
}

render::Point TouchInput::from_finger(float x, float y) const {
    // Normalised 0..1; a huge value times the width may overflow to inf, which keep_finite takes.
    return keep_finite({x * width_, y * height_});
}

render::Point TouchInput::from_mouse(int x, int y) const {
    return keep_finite({static_cast<float>(x), static_cast<float>(y)});
}

bool TouchInput::handle(const SDL_Event& e, App& app) {
    switch (e.type) {
        case SDL_FINGERDOWN:
            if (finger_ || mouse_down_) return true;  // a second hand, or the mouse is in use
            finger_ = Finger{e.tfinger.touchId, e.tfinger.fingerId};
            last_ = from_finger(e.tfinger.x, e.tfinger.y);
            app.press(app_point(last_));
            return true;
        case SDL_FINGERMOTION:
        case SDL_FINGERUP: {
            if (!finger_ || finger_->touch != e.tfinger.touchId || finger_->id != e.tfinger.fingerId) return true;
            last_ = from_finger(e.tfinger.x, e.tfinger.y);
            if (e.type == SDL_FINGERMOTION) {
                app.move(app_point(last_));
            } else {
                finger_.reset();
                app.release(app_point(last_));
            }
            return true;
        }
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
