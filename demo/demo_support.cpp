#include "demo_support.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace redgrid::demo {

std::uint64_t Rng::next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

double Rng::unit() {
    // 53 random bits map exactly onto the doubles of [0, 1).
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double Rng::between(double lo, double hi) { return lo + (hi - lo) * unit(); }

std::size_t Rng::below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

bool point_in_polygon(const Polygon& polygon, content::MapPoint point) {
    bool inside = false;
    const std::size_t n = polygon.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const auto& a = polygon[i];
        const auto& b = polygon[j];
        if ((a.y > point.y) != (b.y > point.y)) {
            const double x_cross = a.x + (point.y - a.y) * (b.x - a.x) / (b.y - a.y);
            if (point.x < x_cross) inside = !inside;
        }
    }
    return inside;
}

double signed_area(const Polygon& polygon) {
    double twice = 0;
    const std::size_t n = polygon.size();
    for (std::size_t i = 0; i < n; ++i) {
        const auto& a = polygon[i];
        const auto& b = polygon[(i + 1) % n];
        twice += a.x * b.y - b.x * a.y;
    }
    return twice / 2;
}

content::MapPoint centroid(const Polygon& polygon) {
    const double area = signed_area(polygon);
    double cx = 0;
    double cy = 0;
    const std::size_t n = polygon.size();
    for (std::size_t i = 0; i < n; ++i) {
        const auto& a = polygon[i];
        const auto& b = polygon[(i + 1) % n];
        const double cross = a.x * b.y - b.x * a.y;
        cx += (a.x + b.x) * cross;
        cy += (a.y + b.y) * cross;
    }
    return {cx / (6 * area), cy / (6 * area)};
}

namespace {

double orientation(content::MapPoint a, content::MapPoint b, content::MapPoint c) {
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

bool on_segment(content::MapPoint a, content::MapPoint b, content::MapPoint p) {
    return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
           p.y <= std::max(a.y, b.y);
}

bool segments_touch(content::MapPoint a, content::MapPoint b, content::MapPoint c, content::MapPoint d) {
    const double o1 = orientation(a, b, c);
    const double o2 = orientation(a, b, d);
    const double o3 = orientation(c, d, a);
    const double o4 = orientation(c, d, b);
    if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
    return (o1 == 0 && on_segment(a, b, c)) || (o2 == 0 && on_segment(a, b, d)) ||
           (o3 == 0 && on_segment(c, d, a)) || (o4 == 0 && on_segment(c, d, b));
}

}  // namespace

bool is_simple(const Polygon& polygon) {
    const std::size_t n = polygon.size();
    if (n < 3) return false;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& a = polygon[i];
        const auto& b = polygon[(i + 1) % n];
        if (a == b) return false;
        for (std::size_t j = i + 1; j < n; ++j) {
            const bool adjacent = j == i + 1 || (i == 0 && j == n - 1);
            const auto& c = polygon[j];
            const auto& d = polygon[(j + 1) % n];
            if (adjacent) {
                // Adjacent edges share one vertex; they must not run back over each other.
                const auto& shared = (j == i + 1) ? b : a;
                const auto& far_own = (j == i + 1) ? a : b;
                const auto& far_other = (j == i + 1) ? d : c;
                if (orientation(far_own, shared, far_other) == 0 &&
                    (on_segment(shared, far_own, far_other) || on_segment(shared, far_other, far_own)))
                    return false;
                continue;
            }
            if (segments_touch(a, b, c, d)) return false;
        }
    }
    return true;
}

std::string sha256_hex(std::span<const unsigned char> bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("sha256: EVP_Digest failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(hex[digest[i] >> 4]);
        out.push_back(hex[digest[i] & 0xF]);
    }
    return out;
}

std::expected<std::vector<unsigned char>, std::string> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::unexpected("cannot open " + path.string());
    std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::unexpected("cannot read " + path.string());
    return bytes;
}

namespace {

double relative_luminance(std::uint32_t rgba) {
    auto channel = [](std::uint32_t value) {
        const double c = static_cast<double>(value & 0xFF) / 255.0;
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(rgba >> 24) + 0.7152 * channel(rgba >> 16) + 0.0722 * channel(rgba >> 8);
}

}  // namespace

double contrast_ratio(std::uint32_t rgba_a, std::uint32_t rgba_b) {
    const double la = relative_luminance(rgba_a);
    const double lb = relative_luminance(rgba_b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

content::TimePoint beijing_time(int year, unsigned month, unsigned day, int hour, int minute) {
    using namespace std::chrono;
    const year_month_day date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    if (!date.ok()) throw std::invalid_argument("beijing_time: no such date");
    return sys_days{date} + hours{hour} + minutes{minute} - hours{8};
}

std::string rfc3339_beijing(content::TimePoint time) {
    using namespace std::chrono;
    const auto local = time + hours{8};
    const auto day_start = floor<days>(local);
    const year_month_day date{day_start};
    const hh_mm_ss clock{local - day_start};
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d+08:00", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()));
    return text;
}

std::string chinese_numeral(int n) {
    static const char* const digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 0 || n > 99) throw std::out_of_range("chinese_numeral: only 0..99");
    if (n < 10) return digits[n];
    const int tens = n / 10;
    const int ones = n % 10;
    std::string out = tens == 1 ? "" : digits[tens];
    out += "十";
    if (ones != 0) out += digits[ones];
    return out;
}

}  // namespace redgrid::demo
