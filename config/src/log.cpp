#include "redgrid/config/log.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <mutex>
#include <vector>

namespace redgrid::config {
namespace {

std::atomic<LogLevel> g_level{LogLevel::info};
std::mutex g_sink_mutex;
LogSink g_sink;  // guarded by g_sink_mutex
std::mutex g_secrets_mutex;
std::vector<std::string> g_secrets;  // guarded by g_secrets_mutex

bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// 11 digits, 1 then 3..9: a mainland mobile number.
bool mobile(std::string_view digits) {
    return digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

std::string mask_phones(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (!std::isdigit(static_cast<unsigned char>(text[i])) || (i > 0 && alnum(text[i - 1]))) {
            out += text[i++];
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
        std::string_view run = text.substr(i, end - i);
        const bool alone = end == text.size() || !alnum(text[end]);
        if (alone && run.size() == 13 && run.substr(0, 2) == "86" && mobile(run.substr(2))) {
            out += "86";
            run.remove_prefix(2);
        }
        out += alone && mobile(run) ? mask_phone(run) : std::string(run);
        i = end;
    }
    return out;
}

}  // namespace

void add_log_secret(std::string_view secret) {
    if (secret.size() < 8) return;
    std::lock_guard lock(g_secrets_mutex);
    if (std::find(g_secrets.begin(), g_secrets.end(), secret) == g_secrets.end()) g_secrets.emplace_back(secret);
}

void clear_log_secrets() {
    std::lock_guard lock(g_secrets_mutex);
    g_secrets.clear();
}

std::string scrub_log_text(std::string_view text) {
    std::string out(text);
    {
        std::lock_guard lock(g_secrets_mutex);
        for (const auto& secret : g_secrets) {
            const auto mark = redact_secret(secret);
            for (auto at = out.find(secret); at != std::string::npos; at = out.find(secret, at + mark.size()))
                out.replace(at, secret.size(), mark);
        }
    }
    return mask_phones(out);
}

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
    for (char c : scrub_log_text(message)) line += (c == '\n' || c == '\r') ? ' ' : c;
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
