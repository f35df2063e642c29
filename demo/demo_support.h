// Small pieces shared by the demo generator and its test: a seeded PRNG, polygon
// geometry and SHA-256. Kept apart so the test checks the bundle with the same
// definitions of "inside" and "hash" that produced it.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "redgrid/content/content.h"

namespace redgrid::demo {

// splitmix64: tiny, fast and fully specified, so the demo is byte-identical on every
// machine and every run (std:: distributions are implementation-defined).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    // Uniform in [0, 1).
    double unit();
    // Uniform in [lo, hi].
    double between(double lo, double hi);
    // Uniform integer in [0, n); n > 0.
    std::size_t below(std::size_t n);
    bool chance(double probability) { return unit() < probability; }
    template <typename T>
    const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }

private:
    std::uint64_t state_;
};

using Polygon = std::vector<content::MapPoint>;

// Even-odd rule; points exactly on an edge may go either way, so callers sample
// away from edges or accept that.
bool point_in_polygon(const Polygon& polygon, content::MapPoint point);
// Signed shoelace area: positive when the vertices run clockwise on a y-down map.
double signed_area(const Polygon& polygon);
// Area centroid of a simple polygon.
content::MapPoint centroid(const Polygon& polygon);
// True when no two non-adjacent edges touch and no adjacent edges fold back.
bool is_simple(const Polygon& polygon);

// Lowercase hex SHA-256 of bytes.
std::string sha256_hex(std::span<const unsigned char> bytes);
std::expected<std::vector<unsigned char>, std::string> read_file(const std::filesystem::path& path);

// WCAG 2 contrast ratio between two 0xRRGGBBAA colours (alpha ignored).
double contrast_ratio(std::uint32_t rgba_a, std::uint32_t rgba_b);

// A wall-clock time in Shenzhen (UTC+8, no daylight saving) and its RFC 3339 form
// with the +08:00 offset residents would expect to read.
content::TimePoint beijing_time(int year, unsigned month, unsigned day, int hour = 0, int minute = 0);
std::string rfc3339_beijing(content::TimePoint time);

// 1 -> 一, 12 -> 十二, 23 -> 二十三 (0..99): how grids and teams are numbered.
std::string chinese_numeral(int n);

}  // namespace redgrid::demo
