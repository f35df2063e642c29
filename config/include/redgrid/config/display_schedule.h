// The display power schedule ("07:00-22:00": on from 07:00 local time, off from 22:00),
// parsed once here for the config file, the environment and the server's
// set_display_schedule command, so a value means the same and fails the same everywhere.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace redgrid::config {

struct DisplaySchedule {
    int on_minute = 0;   // minutes after local midnight, 0..1439
    int off_minute = 0;  // differs from on_minute; smaller means the window passes midnight
    bool operator==(const DisplaySchedule&) const = default;

    // Whether the display is on at this minute of the local day (0..1439). The window
    // includes its start and excludes its end: "07:00-22:00" is on at 07:00, off at 22:00.
    bool on_at(int minute_of_day) const;
    // "07:00-22:00"
    std::string to_string() const;
};

// "" is always on (nullopt). The error reads "must be ..., got ..." for messages that
// name the key ("screen.display_schedule: must be ...").
std::expected<std::optional<DisplaySchedule>, std::string> parse_display_schedule(std::string_view text);

}  // namespace redgrid::config
