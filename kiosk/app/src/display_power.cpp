#include "redgrid/kiosk/app/display_power.h"

namespace redgrid::kiosk {

using namespace std::chrono;

DisplayPower::DisplayPower(std::optional<config::DisplaySchedule> schedule, int utc_offset_minutes,
                           milliseconds wake_for)
    : schedule_(schedule), utc_offset_minutes_(utc_offset_minutes), wake_for_(wake_for) {}

void DisplayPower::set_schedule(std::optional<config::DisplaySchedule> schedule) {
    schedule_ = schedule;
    woken_until_.reset();
}

bool DisplayPower::scheduled_on(system_clock::time_point now) const {
    if (!schedule_ || !clock_synced_) return true;
    const auto local = floor<minutes>(now) + minutes(utc_offset_minutes_);
    const auto minute_of_day = static_cast<int>((local - floor<days>(local)).count());
    return schedule_->on_at(minute_of_day);
}

DisplayMode DisplayPower::mode(system_clock::time_point now, steady_clock::time_point steady) const {
    if (scheduled_on(now)) return DisplayMode::on;
    if (woken_until_ && steady < *woken_until_) return DisplayMode::woken;
    return DisplayMode::off_by_schedule;
}

bool DisplayPower::touch(system_clock::time_point now, steady_clock::time_point steady) {
    // Every touch counts, also inside the schedule: someone still using the screen when the
    // switch-off time comes keeps it lit until they have left it alone for the wake time.
    const bool dark = mode(now, steady) == DisplayMode::off_by_schedule;
    woken_until_ = steady + wake_for_;
    return dark;
}

std::optional<milliseconds> DisplayPower::until_next_change(system_clock::time_point now,
                                                            steady_clock::time_point steady) const {
    if (!schedule_ || !clock_synced_) return std::nullopt;
    // The next schedule edge: the next on or off minute in local time, whichever comes first.
    const auto local = now + minutes(utc_offset_minutes_);
    const auto midnight = floor<days>(local);
    auto next_edge = [&](int minute) {
        auto t = midnight + minutes(minute);
        if (t <= local) t += days(1);
        return t;
    };
    const auto edge = std::min(next_edge(schedule_->on_minute), next_edge(schedule_->off_minute));
    auto wait = ceil<milliseconds>(edge - local);
    if (woken_until_ && steady < *woken_until_) wait = std::min(wait, ceil<milliseconds>(*woken_until_ - steady));
    return wait;
}

}  // namespace redgrid::kiosk
