#include "redgrid/protocol/clock_skew.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <string>

#include "redgrid/config/log.h"

namespace redgrid::protocol {
namespace {

constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<int> number(std::string_view s) {
    int v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc{} || r.ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

std::string describe_offset(std::chrono::seconds offset) {
    const long long s = offset.count();
    const long long a = s < 0 ? -s : s;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%lld s (%lldh%02lldm%02llds)", s < 0 ? "-" : "+", a, a / 3600, a / 60 % 60, a % 60);
    return buf;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view t) {
    using namespace std::chrono;
    // "Sun, 06 Nov 1994 08:49:37 GMT": fixed positions, 29 characters.
    if (t.size() != 29 || t.substr(3, 2) != ", " || t[7] != ' ' || t[11] != ' ' || t[16] != ' ' || t[19] != ':' ||
        t[22] != ':' || t.substr(25) != " GMT")
        return std::nullopt;
    if (std::find(kDays.begin(), kDays.end(), t.substr(0, 3)) == kDays.end()) return std::nullopt;
    const auto month_it = std::find(kMonths.begin(), kMonths.end(), t.substr(8, 3));
    const auto day = number(t.substr(5, 2)), year = number(t.substr(12, 4)), hour = number(t.substr(17, 2)),
               minute = number(t.substr(20, 2)), second = number(t.substr(23, 2));
    if (month_it == kMonths.end() || !day || !year || !hour || !minute || !second) return std::nullopt;
    const year_month_day ymd{std::chrono::year{*year},
                             std::chrono::month{static_cast<unsigned>(month_it - kMonths.begin() + 1)},
                             std::chrono::day{static_cast<unsigned>(*day)}};
    if (!ymd.ok() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
    return sys_days{ymd} + hours{*hour} + minutes{*minute} + seconds{*second};
}

std::string format_http_date(std::chrono::system_clock::time_point time) {
    using namespace std::chrono;
    const auto s = floor<seconds>(time);
    const auto day = floor<days>(s);
    const year_month_day ymd{day};
    const hh_mm_ss hms{s - day};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d GMT",
                  std::string(kDays[weekday{day}.c_encoding()]).c_str(), static_cast<unsigned>(ymd.day()),
                  std::string(kMonths[static_cast<unsigned>(ymd.month()) - 1]).c_str(), static_cast<int>(ymd.year()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

std::optional<std::chrono::seconds> ClockSkewMonitor::observe(std::string_view date_header,
                                                              std::chrono::system_clock::time_point local,
                                                              std::chrono::steady_clock::time_point steady_now,
                                                              std::string_view where) {
    using namespace std::chrono;
    if (date_header.empty()) return std::nullopt;
    const auto server = parse_http_date(date_header);
    if (!server) {
        config::log(config::LogLevel::debug, "clock: unreadable Date header from {}", where);
        return std::nullopt;
    }
    // Date has whole seconds: round the local side the same way before comparing.
    const seconds offset = duration_cast<seconds>(*server - floor<seconds>(local));
    const bool skewed = offset > threshold_ || offset < -threshold_;
    if (skewed) {
        const bool moved = !logged_offset_ || abs(offset - *logged_offset_) > threshold_;
        if (moved || steady_now - logged_at_ >= hours(1)) {
            config::log(config::LogLevel::warning,
                        "clock: the local clock is {} off the server's Date header ({}): check NTP "
                        "(timedatectl timesync-status)",
                        describe_offset(offset), where);
            logged_offset_ = offset;
            logged_at_ = steady_now;
        }
    } else if (logged_offset_) {
        config::log(config::LogLevel::notice, "clock: back within {} s of the server's Date header ({}, offset {})",
                    threshold_.count(), where, describe_offset(offset));
        logged_offset_.reset();
    }
    return offset;
}

}  // namespace redgrid::protocol
