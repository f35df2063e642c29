#include "redgrid/config/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace redgrid::config {
namespace {

std::atomic<LogLevel> g_level{LogLevel::info};
std::mutex g_sink_mutex;
LogSink g_sink;  // guarded by g_sink_mutex

}  // namespace

void set_log_level(LogLevel level) { g_level.store(level); }
LogLevel log_level() { return g_level.load(); }

void set_log_sink(LogSink sink) {
    std::lock_guard lock(g_sink_mutex);
    g_sink = std::move(sink);
}

std::string_view sd_priority_prefix(LogLevel level) {
    switch (level) {
        case LogLevel::error: return "<3>";
        case LogLevel::warning: return "<4>";
        case LogLevel::notice: return "<5>";
        case LogLevel::info: return "<6>";
        case LogLevel::debug: return "<7>";
    }
    return "<6>";
}

void log_line(LogLevel level, std::string_view message) {
    if (level < log_level()) return;
    std::string line;
    line.reserve(message.size() + 4);
    line += sd_priority_prefix(level);
    for (char c : message) line += (c == '\n' || c == '\r') ? ' ' : c;
    std::lock_guard lock(g_sink_mutex);
    if (g_sink) {
        g_sink(level, line);
        return;
    }
    line += '\n';
    // One fwrite per line keeps concurrent lines from interleaving.
    std::fwrite(line.data(), 1, line.size(), stderr);
}

std::string redact_secret(std::string_view secret) {
    return "<redacted " + std::to_string(secret.size()) + " chars>";
}

std::string mask_phone(std::string_view phone) {
    std::string digits;
    for (char c : phone)
        if (c >= '0' && c <= '9') digits += c;
    if (digits.size() < 8) return std::string(digits.size(), '*');
    return digits.substr(0, 3) + std::string(digits.size() - 7, '*') + digits.substr(digits.size() - 4);
}

std::string redact_url(std::string_view url) {
    std::string out(url.substr(0, url.find_first_of("?#")));
    const auto scheme_end = out.find("://");
    if (scheme_end == std::string::npos) return out;
    const auto authority_start = scheme_end + 3;
    const auto authority_end = out.find('/', authority_start);
    const auto at = out.find('@', authority_start);
    if (at != std::string::npos && (authority_end == std::string::npos || at < authority_end))
        out.erase(authority_start, at + 1 - authority_start);
    return out;
}

}  // namespace redgrid::config
