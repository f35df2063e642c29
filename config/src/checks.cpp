#include "checks.h"

#include "redgrid/config/display_schedule.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace redgrid::config::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string lower(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool has_space_or_control(std::string_view text) {
    return std::ranges::any_of(text, [](unsigned char c) { return c <= ' ' || c == 0x7F; });
}

}  // namespace

std::string in_quotes(std::string_view value) {
    constexpr std::size_t kMaxShown = 60;
    std::string out = "\"";
    for (std::size_t i = 0; i < value.size() && i < kMaxShown; ++i) {
        const unsigned char c = static_cast<unsigned char>(value[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7F) {
            static constexpr char kHex[] = "0123456789abcdef";
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        } else {
            out += static_cast<char>(c);
        }
    }
    if (value.size() > kMaxShown) out += "...";
    out += '"';
    return out;
}

Problem check_kiosk_id(std::string_view value) {
    // The id goes into request paths and log lines: keep it to URL-safe characters.
    const bool ok = value.size() <= 64 && std::ranges::all_of(value, [](unsigned char c) {
                        return std::isalnum(c) || c == '-' || c == '_' || c == '.';
                    });
    if (ok) return std::nullopt;
    return "must be up to 64 letters, digits, '-', '_' or '.', got " + in_quotes(value);
}

Problem check_absolute_path(std::string_view value) {
    if (!value.empty() && value.front() == '/') return std::nullopt;
    return "must be an absolute path (starting with /), got " + in_quotes(value);
}

std::optional<UrlParts> split_url(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return std::nullopt;
    UrlParts parts{lower(url.substr(0, scheme_end)), ""};
    if (parts.scheme != "http" && parts.scheme != "https") return std::nullopt;
    std::string_view authority = url.substr(scheme_end + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        authority.remove_prefix(at + 1);
    }
    std::string_view port;
    if (authority.starts_with('[')) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        parts.host = lower(authority.substr(1, close - 1));
        std::string_view rest = authority.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return std::nullopt;
            port = rest.substr(1);
            if (port.empty()) return std::nullopt;
        }
    } else {
        const auto colon = authority.find(':');
        parts.host = lower(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            port = authority.substr(colon + 1);
            if (port.empty()) return std::nullopt;
        }
    }
    if (parts.host.empty() || has_space_or_control(url)) return std::nullopt;
    if (!std::ranges::all_of(port, is_digit) || port.size() > 5) return std::nullopt;
    return parts;
}

bool is_loopback_host(std::string_view host) {
    if (host == "localhost" || host == "::1" || host.ends_with(".localhost")) return true;
    if (!host.starts_with("127.")) return false;
    // Only a dotted IPv4 literal counts; "127.example.com" is a remote name.
    int parts = 0;
    std::size_t start = 0;
    while (start <= host.size()) {
        const auto dot = std::min(host.find('.', start), host.size());
        const std::string_view part = host.substr(start, dot - start);
        if (part.empty() || part.size() > 3 || !std::ranges::all_of(part, is_digit) ||
            std::stoi(std::string(part)) > 255) {
            return false;
        }
        ++parts;
        start = dot + 1;
    }
    return parts == 4;
}

Problem check_server_url(std::string_view value) {
    if (value.empty()) return std::nullopt;
    if (split_url(value)) return std::nullopt;
    const auto scheme_end = value.find("://");
    if (scheme_end != std::string_view::npos) {
        const std::string scheme = lower(value.substr(0, scheme_end));
        if (scheme != "http" && scheme != "https") {
            return "scheme must be https:// (or http://), got " + in_quotes(value);
        }
    }
    return "must be an https:// URL with a host, like \"https://hub.example/\", got " +
           in_quotes(value);
}

Problem check_pinned_public_key(std::string_view value) {
    // curl's form: one or more "sha256//<base64 of 32 bytes>" joined by ';'.
    if (value.empty()) return std::nullopt;
    std::size_t start = 0;
    while (start <= value.size()) {
        const auto end = std::min(value.find(';', start), value.size());
        const std::string_view pin = value.substr(start, end - start);
        const std::string_view digest =
            pin.starts_with("sha256//") ? pin.substr(8) : std::string_view{};
        const bool base64_32_bytes =
            digest.size() == 44 && digest.ends_with('=') &&
            std::ranges::all_of(digest.substr(0, 43), [](unsigned char c) {
                return std::isalnum(c) || c == '+' || c == '/';
            });
        if (!base64_32_bytes) {
            return "must be \"sha256//\" followed by the base64 SHA-256 of the public key "
                   "(44 characters), got " + in_quotes(value);
        }
        start = end + 1;
    }
    return std::nullopt;
}

Problem check_proxy(std::string_view value) {
    if (value.empty()) return std::nullopt;
    static const std::vector<std::string_view> kSchemes = {"http", "https", "socks4",
                                                           "socks4a", "socks5", "socks5h"};
    std::string_view rest = value;
    if (const auto scheme_end = value.find("://"); scheme_end != std::string_view::npos) {
        const std::string scheme = lower(value.substr(0, scheme_end));
        if (std::ranges::find(kSchemes, scheme) == kSchemes.end()) {
            return "scheme must be http, https, socks4, socks4a, socks5 or socks5h, got " +
                   in_quotes(value);
        }
        rest = value.substr(scheme_end + 3);
    }
    if (rest.empty() || rest.front() == ':' || rest.front() == '/' ||
        has_space_or_control(value)) {
        return "must be a proxy address like \"http://proxy.lan:3128\", got " + in_quotes(value);
    }
    return std::nullopt;
}

Problem check_language(std::string_view value) {
    if (value == "zh-CN" || value == "en") return std::nullopt;
    return "must be \"zh-CN\" or \"en\", got " + in_quotes(value);
}

Problem check_display_schedule(std::string_view value) {
    if (auto parsed = parse_display_schedule(value); !parsed) return parsed.error();
    return std::nullopt;
}

Problem check_maintenance_pin(std::string_view value) {
    if (value.empty()) return std::nullopt;
    if (value.size() >= 4 && value.size() <= 12 && std::ranges::all_of(value, is_digit)) {
        return std::nullopt;
    }
    return "must be 4..12 digits, or \"\" to disable the maintenance screen, got " +
           std::to_string(value.size()) + " characters";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment: Levenshtein plus swapping two neighbours, the
    // commonest typo ("widht").
    const std::size_t columns = b.size() + 1;
    std::vector<std::size_t> d((a.size() + 1) * columns);
    auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * columns + j]; };
    for (std::size_t i = 0; i <= a.size(); ++i) at(i, 0) = i;
    for (std::size_t j = 0; j <= b.size(); ++j) at(0, j) = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
            }
        }
    }
    return at(a.size(), b.size());
}

std::optional<std::string> closest_key(std::string_view unknown,
                                       std::span<const std::string> candidates) {
    const std::string wanted = lower(unknown);
    // A third of the key's length, at least 1, at most 3: "widht" -> "width", but
    // "url" does not suggest "sound".
    const std::size_t allowed = std::clamp<std::size_t>(wanted.size() / 3, 1, 3);
    std::optional<std::string> best;
    std::size_t best_distance = allowed + 1;
    for (const std::string& candidate : candidates) {
        const std::string_view name =
            std::string_view(candidate).substr(candidate.rfind('.') + 1);  // npos + 1 == 0
        const std::size_t distance = edit_distance(wanted, lower(name));
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

}  // namespace redgrid::config::detail
