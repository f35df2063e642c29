#include "redgrid/config/display_settings.h"

namespace redgrid::config {

void DisplaySettings::set_schedule(std::string schedule) {
    std::lock_guard lock(mutex_);
    schedule_ = std::move(schedule);
    ++generation_;
}

std::string DisplaySettings::schedule() const {
    std::lock_guard lock(mutex_);
    return schedule_;
}

unsigned DisplaySettings::generation() const {
    std::lock_guard lock(mutex_);
    return generation_;
}

void DisplaySettings::set_lit(bool lit) {
    std::lock_guard lock(mutex_);
    lit_ = lit;
}

bool DisplaySettings::lit() const {
    std::lock_guard lock(mutex_);
    return lit_;
}

}  // namespace redgrid::config
