// RFC 3339 timestamps as the content bundle and the protocol carry them. GCC 12's
// <chrono> has the calendar types but no std::chrono::parse/format, so this is the
// small, strict subset the project needs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "redgrid/content/content.h"

namespace redgrid::content {

// "2026-11-28T09:00:00+08:00", "2026-11-28T01:00:00Z", "2026-11-28t01:00:00.250z".
// The offset is mandatory (a time without one means something different on every
// screen); fractional seconds are accepted and truncated; a leap second (:60) counts
// as the first second of the next minute. Anything else, including out-of-range
// fields such as 2026-02-30, gives nullopt.
std::optional<TimePoint> parse_rfc3339(std::string_view text);

// Formats `time` as local time at `utc_offset_minutes` east of UTC, with that
// offset written out: "2026-11-28T09:00:00+08:00". An offset of 0 is written "Z".
// Offsets are clamped to the range RFC 3339 can express (-23:59..+23:59).
std::string format_rfc3339(TimePoint time, int utc_offset_minutes);

}  // namespace redgrid::content
