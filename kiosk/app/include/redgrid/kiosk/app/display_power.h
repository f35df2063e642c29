// When the display is lit: the power schedule ("07:00-22:00" from the config, or from the
// server's set_display_schedule command), and a touch on the dark screen that wakes it for
// the idle-return time. Pure decisions on injected times; the runner acts on them (DPMS,
// backlight, or a black frame, see display_output.h) and sleeps until the next change.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "redgrid/config/display_schedule.h"
#include "redgrid/config/display_settings.h"
#include "redgrid/kiosk/ui/vocabulary.h"

namespace redgrid::kiosk {

enum class DisplayMode {
    on,               // inside the schedule (or no schedule)
    off_by_schedule,  // outside it: dark, nothing drawn
    woken,            // outside it, lit because someone touched the dark screen
};

class DisplayPower {
public:
    DisplayPower(std::optional<config::DisplaySchedule> schedule, int utc_offset_minutes,
                 std::chrono::milliseconds wake_for);

    void set_schedule(std::optional<config::DisplaySchedule> schedule);
    const std::optional<config::DisplaySchedule>& schedule() const { return schedule_; }
    std::chrono::milliseconds wake_for() const { return wake_for_; }
    // Until NTP has set the clock, the local time of day is a guess: the schedule is not
    // applied then (a lit screen at a wrong hour beats a dark one in opening hours).
    void set_clock_synced(bool synced) { clock_synced_ = synced; }

    DisplayMode mode(std::chrono::system_clock::time_point now, std::chrono::steady_clock::time_point steady) const;
    bool lit(std::chrono::system_clock::time_point now, std::chrono::steady_clock::time_point steady) const {
        return mode(now, steady) != DisplayMode::off_by_schedule;
    }

    // A finger (or mouse button) went down: the screen stays (or becomes) lit until the wake
    // time after it, even past the schedule's switch-off. Returns true when the screen was
    // dark: that touch only wakes it and must not reach the UI (nobody aims at a black screen).
    bool touch(std::chrono::system_clock::time_point now, std::chrono::steady_clock::time_point steady);

    // How long until mode() may change by itself: the next schedule edge or the end of a
    // wake. nullopt: never (no schedule, or the clock is not set).
    std::optional<std::chrono::milliseconds> until_next_change(std::chrono::system_clock::time_point now,
                                                               std::chrono::steady_clock::time_point steady) const;

private:
    bool scheduled_on(std::chrono::system_clock::time_point now) const;

    std::optional<config::DisplaySchedule> schedule_;
    int utc_offset_minutes_;
    std::chrono::milliseconds wake_for_;
    bool clock_synced_ = true;
    std::optional<std::chrono::steady_clock::time_point> woken_until_;
};

}  // namespace redgrid::kiosk
