#include "redgrid/kiosk/app/screen_power.h"

#include "redgrid/config/log.h"
#include "redgrid/kiosk/ui/vocabulary.h"

namespace redgrid::kiosk {

using config::LogLevel;
using namespace std::chrono;

ScreenPower::ScreenPower(const Clock& clock, DisplaySettings& settings, PanelSwitch& panel, int utc_offset_minutes,
                         milliseconds wake_for)
    : clock_(clock), settings_(settings), panel_(panel), power_(std::nullopt, utc_offset_minutes, wake_for) {}

void ScreenPower::read_schedule() {
    const unsigned generation = settings_.generation();
    if (generation_ == generation) return;
    generation_ = generation;
    schedule_text_ = settings_.schedule();
    auto parsed = config::parse_display_schedule(schedule_text_);
    if (!parsed) {
        // Both ways in (config, server command) validate first; should one not, stay on.
        config::log(LogLevel::error, "display schedule {}: {}; the screen stays on", schedule_text_, parsed.error());
        power_.set_schedule(std::nullopt);
        schedule_text_.clear();
        return;
    }
    power_.set_schedule(*parsed);
    config::log(LogLevel::info, "display schedule: {}",
                schedule_text_.empty() ? std::string("always on") : "on " + schedule_text_ + " local time");
    logged_unsynced_ = false;  // a new schedule is worth saying again that it waits for the clock
}

void ScreenPower::switch_panel(bool on) {
    if (!panel_.can_switch()) {
        black_frame_ = !on;
        return;
    }
    if (const std::string failed = panel_.set_power(on); !failed.empty()) {
        config::log(LogLevel::warning, "display: switching the panel {} failed ({}); {}", on ? "on" : "off", failed,
                    on ? "drawing anyway" : "showing a black frame instead");
        black_frame_ = !on;
        return;
    }
    black_frame_ = false;
}

ScreenPower::Change ScreenPower::update(bool clock_synced) {
    read_schedule();
    power_.set_clock_synced(clock_synced);
    if (power_.schedule() && !clock_synced && !logged_unsynced_) {
        config::log(LogLevel::notice,
                    "display schedule {} not applied: the clock is not synchronised yet, the screen stays on",
                    schedule_text_);
        logged_unsynced_ = true;
    } else if (clock_synced && logged_unsynced_) {
        config::log(LogLevel::info, "clock synchronised: display schedule {} applies", schedule_text_);
        logged_unsynced_ = false;
    }

    const auto now = clock_.now();
    const auto steady = clock_.steady_now();
    const DisplayMode mode = power_.mode(now, steady);
    const bool lit = mode != DisplayMode::off_by_schedule;
    settings_.set_lit(lit);
    if (lit == lit_) return Change::none;
    lit_ = lit;
    switch_panel(lit);
    if (!lit) {
        config::log(LogLevel::notice, "display off by schedule {} ({}); a touch wakes it", schedule_text_,
                    black_frame_ ? std::string("black frame") : panel_.method());
        return Change::went_dark;
    }
    if (mode == DisplayMode::woken)
        config::log(LogLevel::info, "display woken by a touch for {} s (schedule {})",
                    duration_cast<seconds>(power_.wake_for()).count(), schedule_text_);
    else
        config::log(LogLevel::notice, "display on (schedule {})",
                    schedule_text_.empty() ? "always on" : schedule_text_);
    return Change::lit_up;
}

bool ScreenPower::filter(const SDL_Event& event) {
    const auto now = clock_.now();
    const auto steady = clock_.steady_now();
    const auto dark = [&] { return !power_.lit(now, steady); };
    switch (event.type) {
        case SDL_FINGERDOWN:
            // Every press counts: someone still using the screen at the switch-off time keeps
            // it lit. Only a press on the dark screen is swallowed (nobody aims at black).
            if (power_.touch(now, steady)) {
                if (!waking_finger_) waking_finger_ = event.tfinger.fingerId;
                return true;
            }
            return false;
        case SDL_FINGERMOTION:
        case SDL_FINGERUP: {
            const bool waking = waking_finger_ && *waking_finger_ == event.tfinger.fingerId;
            if (waking && event.type == SDL_FINGERUP) waking_finger_.reset();
            return waking || dark();
        }
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
        case SDL_MOUSEMOTION: {
            const Uint32 which = event.type == SDL_MOUSEMOTION ? event.motion.which : event.button.which;
            // SDL's copy of a touch (it comes before the finger's own event): the finger decides.
            if (which == SDL_TOUCH_MOUSEID) return waking_finger_.has_value() || dark();
            if (event.type == SDL_MOUSEBUTTONDOWN) {
                if (power_.touch(now, steady)) {
                    waking_mouse_ = true;
                    return true;
                }
                return false;
            }
            if (waking_mouse_ && event.type == SDL_MOUSEBUTTONUP) {
                waking_mouse_ = false;
                return true;
            }
            return waking_mouse_ || dark();
        }
        default:
            return false;
    }
}

std::optional<milliseconds> ScreenPower::until_next_change() const {
    return power_.until_next_change(clock_.now(), clock_.steady_now());
}

}  // namespace redgrid::kiosk
