// Shared by the pinch tests: where the red map screen actually drew the map, read back from
// the frame's draw ops (not from the App's arithmetic), so "the place between the fingers
// stays under them" is checked against what a resident would see.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>

#include "redgrid/kiosk/ui/app.h"
#include "redgrid/content/content_index.h"
#include "redgrid/render/draw_list.h"

namespace redgrid::kiosk::test {

// screen = origin + scale * map point, as drawn.
struct DrawnMap {
    float scale = 0;
    render::Point origin;
    render::Point to_screen(MapPoint m) const {
        return {origin.x + scale * static_cast<float>(m.x), origin.y + scale * static_cast<float>(m.y)};
    }
    MapPoint to_map(render::Point p) const { return {(p.x - origin.x) / scale, (p.y - origin.y) / scale}; }
};

// The map screen's pan area (its "map:pan:..." target).
inline std::optional<render::Rect> map_area(const render::DrawList& dl) {
    for (const auto& t : dl.targets)
        if (t.id.starts_with(kMapPanTargetPrefix)) return t.rect;
    return std::nullopt;
}

// The pan range the frame announces: {min_x, max_x, min_y, max_y}.
inline std::optional<std::array<int, 4>> pan_range(const render::DrawList& dl) {
    for (const auto& t : dl.targets) {
        if (!t.id.starts_with(kMapPanTargetPrefix)) continue;
        std::array<int, 4> r{};
        const char* at = t.id.data() + kMapPanTargetPrefix.size();
        const char* end = t.id.data() + t.id.size();
        for (int& v : r) {
            const auto [next, ec] = std::from_chars(at, end, v);
            if (ec != std::errc()) return std::nullopt;
            at = next + 1;
        }
        return r;
    }
    return std::nullopt;
}

// The first polygon drawn inside the map's clip is the bundle's first grid: two of its
// vertices far apart give the scale and the origin.
inline std::optional<DrawnMap> drawn_map(const render::DrawList& dl, const Bundle& bundle) {
    const auto area = map_area(dl);
    if (!area || bundle.grids.empty()) return std::nullopt;
    const auto& poly = bundle.grids.front().polygon;
    bool inside = false;
    for (const auto& op : dl.ops) {
        if (const auto* clip = std::get_if<render::PushClip>(&op)) {
            inside = clip->rect == *area;
            continue;
        }
        const auto* drawn = std::get_if<render::Polygon>(&op);
        if (!inside || !drawn || drawn->points.size() != poly.size()) continue;
        std::size_t far = 1;
        for (std::size_t i = 1; i < poly.size(); ++i)
            if (std::abs(poly[i].x - poly[0].x) > std::abs(poly[far].x - poly[0].x)) far = i;
        const float dm = static_cast<float>(poly[far].x - poly[0].x);
        if (dm == 0) return std::nullopt;
        DrawnMap m;
        m.scale = (drawn->points[far].x - drawn->points[0].x) / dm;
        m.origin = {drawn->points[0].x - m.scale * static_cast<float>(poly[0].x),
                    drawn->points[0].y - m.scale * static_cast<float>(poly[0].y)};
        return m;
    }
    return std::nullopt;
}

}  // namespace redgrid::kiosk::test
