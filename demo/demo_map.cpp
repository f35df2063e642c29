#include "demo_map.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace redgrid::demo {
namespace {

constexpr int columns = 8;
constexpr int rows = 6;
constexpr double map_width = 1600;
constexpr double map_height = 1000;
constexpr double cell_width = 180;
constexpr double cell_height = 140;
constexpr double origin_x = (map_width - columns * cell_width) / 2;
constexpr double origin_y = (map_height - rows * cell_height) / 2;

// Which community each lattice cell belongs to: six contiguous regions of eight
// cells with ragged borders, like real community boundaries.
constexpr std::array<const char*, rows> region_layout = {
    "AAABBBCC",
    "AABBBCCC",
    "AAABBCCC",
    "DDEEEFFF",
    "DDDEEFFF",
    "DDDEEEFF",
};

struct CommunitySeed {
    char region;
    const char* short_name;
    std::uint32_t color;  // dark enough that white labels keep WCAG AA contrast
};

// Ordered by community id; 碧眼 holds the middle of the map, where the kiosk stands.
constexpr std::array<CommunitySeed, 6> community_seeds = {{
    {'B', "碧眼", 0xC8102EFF},  // party red
    {'A', "东周", 0x8E1B3FFF},  // wine
    {'C', "白花", 0xA3144FFF},  // rose
    {'D', "光明", 0xB45309FF},  // burnt amber
    {'E', "观光", 0x7F1D1DFF},  // maroon
    {'F', "翠湖", 0xC2410CFF},  // orange-red
}};

constexpr const char* kiosk_grid_id = "g-01-8";

double round_tenth(double value) { return std::round(value * 10) / 10; }

content::MapPoint rounded(content::MapPoint p) { return {round_tenth(p.x), round_tenth(p.y)}; }

using Lattice = std::vector<std::vector<content::MapPoint>>;

// Corner points shared by up to four cells; boundary corners wander further so the
// subdistrict's outline is irregular.
Lattice jittered_corners(Rng& rng) {
    Lattice corners(rows + 1, std::vector<content::MapPoint>(columns + 1));
    for (int r = 0; r <= rows; ++r) {
        for (int c = 0; c <= columns; ++c) {
            double x = origin_x + c * cell_width;
            double y = origin_y + r * cell_height;
            const bool left_or_right = c == 0 || c == columns;
            const bool top_or_bottom = r == 0 || r == rows;
            if (left_or_right && top_or_bottom) {
                // Pull corners in: a subdistrict has no right-angled corners.
                x += (c == 0 ? 1 : -1) * rng.between(15, 55);
                y += (r == 0 ? 1 : -1) * rng.between(15, 45);
            } else if (left_or_right) {
                x += rng.between(-45, 45);
                y += rng.between(-0.2, 0.2) * cell_height;
            } else if (top_or_bottom) {
                x += rng.between(-0.2, 0.2) * cell_width;
                y += rng.between(-40, 40);
            } else {
                x += rng.between(-0.22, 0.22) * cell_width;
                y += rng.between(-0.22, 0.22) * cell_height;
            }
            corners[r][c] = rounded({x, y});
        }
    }
    return corners;
}

// A bend in the middle of the edge a-b, shared by both cells along it: streets and
// streams are rarely straight. Boundary edges bend more.
content::MapPoint edge_bend(content::MapPoint a, content::MapPoint b, bool boundary, Rng& rng) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double along = rng.between(0.38, 0.62);
    const double amplitude = boundary ? 0.16 : 0.09;
    const double across = rng.between(-amplitude, amplitude);
    // (-dy, dx) is perpendicular to the edge and as long as it.
    return rounded({a.x + along * dx - across * dy, a.y + along * dy + across * dx});
}

std::vector<Polygon> cell_polygons(Rng& rng) {
    const Lattice corners = jittered_corners(rng);
    Lattice horizontal_bends(rows + 1, std::vector<content::MapPoint>(columns));
    for (int r = 0; r <= rows; ++r)
        for (int c = 0; c < columns; ++c)
            horizontal_bends[r][c] = edge_bend(corners[r][c], corners[r][c + 1], r == 0 || r == rows, rng);
    Lattice vertical_bends(rows, std::vector<content::MapPoint>(columns + 1));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c <= columns; ++c)
            vertical_bends[r][c] = edge_bend(corners[r][c], corners[r + 1][c], c == 0 || c == columns, rng);

    std::vector<Polygon> cells;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < columns; ++c) {
            // Clockwise on the y-down map: top, right, bottom, left.
            cells.push_back({corners[r][c], horizontal_bends[r][c], corners[r][c + 1], vertical_bends[r][c + 1],
                             corners[r + 1][c + 1], horizontal_bends[r + 1][c], corners[r + 1][c],
                             vertical_bends[r][c]});
        }
    }
    return cells;
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

DemoMap make_map(Rng& rng) {
    DemoMap map;
    map.bounds = {map_width, map_height};
    map.subdistrict = {"sd-guangming", "光明街道", "光明街道党工委"};

    const std::vector<Polygon> cells = cell_polygons(rng);
    for (std::size_t index = 0; index < community_seeds.size(); ++index) {
        const CommunitySeed& seed = community_seeds[index];
        const std::string community_id = "c-" + two_digits(static_cast<int>(index) + 1);
        const std::string short_name = seed.short_name;
        map.communities.push_back({community_id, short_name + "社区", short_name + "社区党委", seed.color});
        map.community_short_names.push_back(short_name);

        int number = 0;
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < columns; ++c) {
                if (region_layout[r][c] != seed.region) continue;
                ++number;
                content::Grid grid;
                grid.id = "g-" + two_digits(static_cast<int>(index) + 1) + "-" + std::to_string(number);
                grid.community_id = community_id;
                grid.name = short_name + "第" + chinese_numeral(number) + "网格";
                grid.branch = grid.name + "党支部";
                grid.polygon = cells[static_cast<std::size_t>(r * columns + c)];
                grid.label_anchor = rounded(centroid(grid.polygon));
                if (!is_simple(grid.polygon))
                    throw std::logic_error("demo map: polygon of " + grid.id + " is not simple");
                if (!point_in_polygon(grid.polygon, grid.label_anchor))
                    throw std::logic_error("demo map: label anchor of " + grid.id + " is outside it");
                for (const auto& p : grid.polygon)
                    if (p.x < 0 || p.y < 0 || p.x > map_width || p.y > map_height)
                        throw std::logic_error("demo map: " + grid.id + " leaves the map");
                map.grids.push_back(std::move(grid));
            }
        }
        if (number != 8) throw std::logic_error("demo map: community " + community_id + " does not have 8 grids");
    }

    const content::Grid& home = grid_by_id(map, kiosk_grid_id);
    // Beside the label rather than on it, so the "you are here" marker does not hide it.
    content::MapPoint position = rounded({home.label_anchor.x + 6, home.label_anchor.y + 34});
    if (!point_in_polygon(home.polygon, position)) position = home.label_anchor;
    map.place = {"demo", "碧眼社区党群服务中心", "深圳市光明区光明街道碧眼路 18 号", position, home.id};
    return map;
}

const content::Grid& grid_by_id(const DemoMap& map, const std::string& grid_id) {
    for (const auto& grid : map.grids)
        if (grid.id == grid_id) return grid;
    throw std::out_of_range("demo map: no grid " + grid_id);
}

content::MapPoint point_inside(const content::Grid& grid, Rng& rng) {
    // Pull samples towards the centroid so markers do not sit on a grid border.
    double min_x = grid.polygon.front().x, max_x = min_x;
    double min_y = grid.polygon.front().y, max_y = min_y;
    for (const auto& p : grid.polygon) {
        min_x = std::min(min_x, p.x), max_x = std::max(max_x, p.x);
        min_y = std::min(min_y, p.y), max_y = std::max(max_y, p.y);
    }
    for (;;) {
        const content::MapPoint raw{rng.between(min_x, max_x), rng.between(min_y, max_y)};
        if (!point_in_polygon(grid.polygon, raw)) continue;
        const content::MapPoint pulled = rounded({grid.label_anchor.x + 0.8 * (raw.x - grid.label_anchor.x),
                                                grid.label_anchor.y + 0.8 * (raw.y - grid.label_anchor.y)});
        if (point_in_polygon(grid.polygon, pulled)) return pulled;
    }
}

}  // namespace redgrid::demo
