// One tiny logger for every component: lines on stderr with the sd-daemon priority
// prefix ("<3>" ...), which the systemd journal turns into priorities, so no
// libsystemd call is needed. Never pass a token or a phone number: use the redaction
// helpers below.
#pragma once

#include <functional>
#include <sstream>
#include <string>
#include <string_view>

#include "redgrid/config/config.h"

namespace redgrid::config {

// Lines below this level are dropped. Default: info.
void set_log_level(LogLevel level);
LogLevel log_level();

// Where lines go instead of stderr (tests capture them); nullptr restores stderr.
using LogSink = std::function<void(LogLevel, std::string_view line)>;
void set_log_sink(LogSink sink);

// Writes one line (newlines inside the message are flattened to spaces, so one
// event is one journal entry).
void log_line(LogLevel level, std::string_view message);

// "<3>", "<4>", "<5>", "<6>", "<7>" for error, warning, notice, info, debug.
std::string_view sd_priority_prefix(LogLevel level);

namespace detail {
inline void format_into(std::ostringstream& out, std::string_view pattern) { out << pattern; }

template <class First, class... Rest>
void format_into(std::ostringstream& out, std::string_view pattern, const First& first,
                 const Rest&... rest) {
    const auto hole = pattern.find("{}");
    if (hole == std::string_view::npos) {
        out << pattern;
        return;
    }
    out << pattern.substr(0, hole) << first;
    format_into(out, pattern.substr(hole + 2), rest...);
}
}  // namespace detail

// fmt-like: each "{}" takes the next argument (anything with operator<<).
// GCC 12 has no <format>, hence this.
template <class... Args>
std::string format_message(std::string_view pattern, const Args&... args) {
    std::ostringstream out;
    detail::format_into(out, pattern, args...);
    return std::move(out).str();
}

template <class... Args>
void log(LogLevel level, std::string_view pattern, const Args&... args) {
    if (level < log_level()) return;
    log_line(level, format_message(pattern, args...));
}

// "<redacted 64 chars>": shows that a secret was there without any of it.
std::string redact_secret(std::string_view secret);
// Keeps the first 3 and last 4 digits of a phone number: "138****1234"; shorter input
// is fully masked.
std::string mask_phone(std::string_view phone);
// A URL without user info and query string (which may carry credentials).
std::string redact_url(std::string_view url);

// Defence in depth for what the helpers above cannot catch (a server that echoes the
// token or a phone number in an error message we log): every line written after this
// has each registered secret replaced by redact_secret(). The kiosk registers its token
// when it reads it. Secrets under 8 characters are ignored (they would hit ordinary
// words).
void add_log_secret(std::string_view secret);
void clear_log_secrets();  // tests

// What log_line writes: registered secrets redacted, and mainland mobile numbers
// (11 digits 1[3-9]..., alone or after +86/86) masked with mask_phone().
std::string scrub_log_text(std::string_view text);

}  // namespace redgrid::config
