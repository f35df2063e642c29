// Checks of single configuration values, shared by the file and the environment
// so that a value means the same and fails the same wherever it was written.
// Each returns the problem as a message ("must be ..., got ...") or nothing.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace redgrid::config::detail {

using Problem = std::optional<std::string>;

// "\"abc\"" with control characters escaped and long values cut, for messages.
std::string in_quotes(std::string_view value);

Problem check_kiosk_id(std::string_view value);
Problem check_absolute_path(std::string_view value);
Problem check_server_url(std::string_view value);  // "" allowed: no server
Problem check_pinned_public_key(std::string_view value);
Problem check_proxy(std::string_view value);
Problem check_language(std::string_view value);
Problem check_display_schedule(std::string_view value);
Problem check_maintenance_pin(std::string_view value);

struct UrlParts {
    std::string scheme;  // lower case
    std::string host;    // lower case, IPv6 without brackets
};
// Splits an http(s) URL; nothing when it is not one.
std::optional<UrlParts> split_url(std::string_view url);
// localhost, 127.0.0.0/8, ::1: plain http there never leaves the machine.
bool is_loopback_host(std::string_view host);

std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to an unknown key, if one is close enough to be a typo.
std::optional<std::string> closest_key(std::string_view unknown,
                                       std::span<const std::string> candidates);

}  // namespace redgrid::config::detail
