#include "redgrid/content/time_format.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace redgrid::content {

namespace {

// Reads exactly `digits` decimal digits at `pos`; nullopt if any is not a digit.
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t digits) {
    if (pos + digits > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + digits; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

bool is_char(std::string_view text, std::size_t pos, char a, char b = '\0') {
    return pos < text.size() && (text[pos] == a || (b != '\0' && text[pos] == b));
}

}  // namespace

std::optional<TimePoint> parse_rfc3339(std::string_view text) {
    using namespace std::chrono;
    // Fixed layout up to the seconds: YYYY-MM-DDTHH:MM:SS (19 characters).
    const auto y = read_digits(text, 0, 4);
    const auto mo = read_digits(text, 5, 2);
    const auto d = read_digits(text, 8, 2);
    const auto h = read_digits(text, 11, 2);
    const auto mi = read_digits(text, 14, 2);
    const auto s = read_digits(text, 17, 2);
    if (!y || !mo || !d || !h || !mi || !s) return std::nullopt;
    if (!is_char(text, 4, '-') || !is_char(text, 7, '-') || !is_char(text, 10, 'T', 't') ||
        !is_char(text, 13, ':') || !is_char(text, 16, ':'))
        return std::nullopt;
    if (*h > 23 || *mi > 59 || *s > 60) return std::nullopt;
    const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                              day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return std::nullopt;

    std::size_t pos = 19;
    if (is_char(text, pos, '.')) {
        ++pos;
        const std::size_t first_digit = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        if (pos == first_digit) return std::nullopt;
    }

    int offset_minutes = 0;
    if (is_char(text, pos, 'Z', 'z')) {
        ++pos;
    } else if (is_char(text, pos, '+', '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        const auto oh = read_digits(text, pos + 1, 2);
        const auto om = read_digits(text, pos + 4, 2);
        if (!oh || !om || !is_char(text, pos + 3, ':') || *oh > 23 || *om > 59) return std::nullopt;
        offset_minutes = sign * (*oh * 60 + *om);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;

    const auto local = sys_days{date} + hours{*h} + minutes{*mi} + seconds{*s};
    return TimePoint{local - minutes{offset_minutes}};
}

std::string format_rfc3339(TimePoint time, int utc_offset_minutes) {
    using namespace std::chrono;
    utc_offset_minutes = std::clamp(utc_offset_minutes, -(23 * 60 + 59), 23 * 60 + 59);
    const auto local = time + minutes{utc_offset_minutes};
    const auto day_start = floor<days>(local);
    const year_month_day date{day_start};
    const hh_mm_ss clock{local - day_start};

    char buffer[64];
    const int written = std::snprintf(
        buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(date.year()),
        static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
        static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
        static_cast<int>(clock.seconds().count()));
    std::string result(buffer, static_cast<std::size_t>(std::max(written, 0)));
    if (utc_offset_minutes == 0) {
        result += 'Z';
    } else {
        const int magnitude = std::abs(utc_offset_minutes);
        std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", utc_offset_minutes < 0 ? '-' : '+',
                      magnitude / 60, magnitude % 60);
        result += buffer;
    }
    return result;
}

}  // namespace redgrid::content
