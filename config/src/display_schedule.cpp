#include "redgrid/config/display_schedule.h"

#include <algorithm>
#include <cstdio>

#include "checks.h"

namespace redgrid::config {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<int> minutes_of(std::string_view hh_mm) {
    const std::string_view hh = hh_mm.substr(0, 2), mm = hh_mm.substr(3, 2);
    if (!std::ranges::all_of(hh, is_digit) || !std::ranges::all_of(mm, is_digit)) return std::nullopt;
    const int hours = (hh[0] - '0') * 10 + (hh[1] - '0');
    const int minutes = (mm[0] - '0') * 10 + (mm[1] - '0');
    if (hours > 23 || minutes > 59) return std::nullopt;
    return hours * 60 + minutes;
}

}  // namespace

bool DisplaySchedule::on_at(int minute_of_day) const {
    if (on_minute < off_minute) return minute_of_day >= on_minute && minute_of_day < off_minute;
    // Passes midnight ("22:00-06:00"): on in the evening and in the early morning.
    return minute_of_day >= on_minute || minute_of_day < off_minute;
}

std::string DisplaySchedule::to_string() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", on_minute / 60 % 24, on_minute % 60, off_minute / 60 % 24,
                  off_minute % 60);
    return buf;
}

std::expected<std::optional<DisplaySchedule>, std::string> parse_display_schedule(std::string_view value) {
    if (value.empty()) return std::nullopt;
    const std::string message =
        "must be \"HH:MM-HH:MM\" (24-hour, like \"07:00-22:00\") or \"\", got " + detail::in_quotes(value);
    if (value.size() != 11 || value[2] != ':' || value[5] != '-' || value[8] != ':') return std::unexpected(message);
    const auto on = minutes_of(value.substr(0, 5));
    const auto off = minutes_of(value.substr(6, 5));
    if (!on || !off) return std::unexpected(message);
    if (*on == *off)
        return std::unexpected("switches on and off at the same time; use \"\" for always on, got " +
                               detail::in_quotes(value));
    return DisplaySchedule{*on, *off};
}

}  // namespace redgrid::config
