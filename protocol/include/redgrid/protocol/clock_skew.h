// The server's `Date` header against the kiosk's own clock. A screen whose clock is minutes
// off shows a wrong time and judges notices and duty by it, and the cause (NTP blocked by the
// site's firewall, a dead RTC battery) is invisible from the screen: the journal says so.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace redgrid::protocol {

// IMF-fixdate, the form RFC 9110 requires of servers: "Sun, 06 Nov 1994 08:49:37 GMT".
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text);
// The same form, for servers.
std::string format_http_date(std::chrono::system_clock::time_point time);

// Remembers what it logged so a lasting offset is one line, not one per heartbeat: a warning
// when the offset first exceeds the threshold, again when it moves by more than the threshold
// or after an hour, and a notice when the clock is back within it. Not thread-safe: one per
// worker thread.
class ClockSkewMonitor {
public:
    explicit ClockSkewMonitor(std::chrono::seconds threshold = std::chrono::seconds(60)) : threshold_(threshold) {}

    // `date_header` as received ("" when absent: ignored); `local` is the kiosk's clock when the
    // answer arrived. Returns the offset (server minus local) when the header was readable.
    std::optional<std::chrono::seconds> observe(std::string_view date_header, std::chrono::system_clock::time_point local,
                                                std::chrono::steady_clock::time_point steady_now,
                                                std::string_view where);

private:
    std::chrono::seconds threshold_;
    std::optional<std::chrono::seconds> logged_offset_;  // set while the offset is over the threshold
    std::chrono::steady_clock::time_point logged_at_{};
};

}  // namespace redgrid::protocol
