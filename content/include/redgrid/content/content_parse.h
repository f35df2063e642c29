// The boundary where a content bundle from the network or the disk cache becomes a
// trusted Bundle: JSON text in, either a fully validated Bundle or every problem found
// (each with the JSON pointer of the offending value). docs/content.md is the format.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redgrid/content/content.h"

namespace redgrid::content {

// One problem with a bundle: where (RFC 6901 JSON pointer, "" for the whole
// document) and what.
struct ContentError {
    std::string pointer;
    std::string message;

    // "/members/17/team_id: no team \"t-99\"", or just the message when pointer is "".
    std::string to_string() const;
    bool operator==(const ContentError&) const = default;
};

using ContentErrors = std::vector<ContentError>;

// The limits docs/content.md promises; a bundle over any of them is rejected whole.
namespace content_limits {
inline constexpr std::size_t max_document_bytes = 16 * 1024 * 1024;
inline constexpr std::size_t max_nesting_depth = 64;
inline constexpr std::size_t max_errors = 1000;  // further problems are summarised in one line

inline constexpr std::size_t max_id_chars = 40;
inline constexpr std::size_t max_name_chars = 64;
inline constexpr std::size_t max_title_chars = 120;
inline constexpr std::size_t max_line_chars = 120;  // address, where, when, place
inline constexpr std::size_t max_body_chars = 4000;
inline constexpr std::size_t max_version_chars = 64;
inline constexpr std::size_t max_phone_chars = 32;
inline constexpr std::size_t max_url_chars = 512;

inline constexpr std::size_t max_communities = 64;
inline constexpr std::size_t max_grids = 1024;
inline constexpr std::size_t max_teams = 5000;
inline constexpr std::size_t max_members = 20000;
inline constexpr std::size_t max_team_members = 500;
inline constexpr std::size_t max_services = 500;
inline constexpr std::size_t max_activities = 5000;
inline constexpr std::size_t max_notices = 5000;
inline constexpr std::size_t max_honours = 2000;
inline constexpr std::size_t max_media = 25000;
inline constexpr std::size_t min_polygon_points = 3;
inline constexpr std::size_t max_polygon_points = 512;

inline constexpr double max_map_extent = 100000;
inline constexpr std::int64_t max_media_bytes = 8 * 1024 * 1024;
inline constexpr std::int64_t min_stale_after_s = 60;
inline constexpr std::int64_t max_stale_after_s = 366LL * 24 * 3600;
}  // namespace content_limits

// Parses and validates a whole bundle. Size, UTF-8 and nesting depth are checked on
// the raw text before any JSON parsing, so hostile input cannot make the parser
// allocate or recurse without bound. Syntax errors give one error with pointer ""
// naming the line, column and byte offset.
std::expected<Bundle, ContentErrors> parse_bundle(std::string_view json_text);

// Reads `path` and parses it; every message names the file.
std::expected<Bundle, ContentErrors> load_bundle_file(const std::filesystem::path& path);

// The value-level rules (id syntax, lengths, array limits, unique ids, references,
// geometry, time order, media) on a Bundle however it was made; parse_bundle applies
// them too. Pointers are the ones the bundle's JSON form would have. Empty = valid.
ContentErrors validate_bundle(const Bundle& bundle);

// "#RRGGBB" (opaque) or "#RRGGBBAA", either case, to 0xRRGGBBAA.
std::optional<std::uint32_t> parse_color(std::string_view text);

// 0xRRGGBBAA to "#RRGGBB" when opaque, else "#RRGGBBAA" (uppercase).
std::string format_color(std::uint32_t rgba);

// The lowercase names the JSON uses, for logs and the demo generator.
std::string_view to_string(Role role);
std::string_view to_string(ServiceKind kind);
std::string_view to_string(ActivityKind kind);
std::string_view to_string(NoticePriority priority);
std::string_view to_string(HonourBoard board);

}  // namespace redgrid::content
