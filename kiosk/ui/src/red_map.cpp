#include <algorithm>
#include <unordered_map>

#include "layout.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"

namespace redgrid::kiosk::ui {
namespace {

struct MapTransform {
    float scale = 1, ox = 0, oy = 0;
    Point operator()(MapPoint p) const {
        return {ox + static_cast<float>(p.x) * scale, oy + static_cast<float>(p.y) * scale};
    }
};

MapTransform fit(const MapBounds& bounds, Rect area, const MapView& view) {
    const float base = std::min(area.w / static_cast<float>(bounds.width), area.h / static_cast<float>(bounds.height));
    MapTransform t;
    t.scale = base * view.zoom;
    t.ox = area.x + (area.w - static_cast<float>(bounds.width) * t.scale) / 2 + view.pan_x;
    t.oy = area.y + (area.h - static_cast<float>(bounds.height) * t.scale) / 2 + view.pan_y;
    return t;
}

// "碧眼第一网格" in 碧眼社区 reads as "第一网格" on the map: the colour already says the community.
std::string short_grid_name(const std::string& grid, const std::string& community) {
    constexpr std::string_view kSuffix = "社区";
    std::string stem = community;
    if (stem.size() > kSuffix.size() && stem.ends_with(kSuffix)) stem.resize(stem.size() - kSuffix.size());
    if (!stem.empty() && grid.starts_with(stem) && grid.size() > stem.size()) return grid.substr(stem.size());
    return grid;
}

}  // namespace

Point map_to_screen(MapPoint pt, const MapBounds& bounds, Rect area, const MapView& view) {
    return fit(bounds, area, view)(pt);
}

void red_map(DrawList& dl, Rect area, const ScreenContext& ctx, const Metrics& m, const Palette& p,
             const MapOptions& opts) {
    if (!ctx.content) return;
    const Bundle& b = ctx.content->bundle();
    const MapTransform t = fit(b.map, area, opts.view);

    std::unordered_map<std::string_view, const Community*> communities;
    for (const auto& c : b.communities) communities.emplace(c.id, &c);

    dl.add(render::PushClip{area});
    const Grid* own = nullptr;
    for (const auto& g : b.grids) {
        render::Polygon poly;
        poly.points.reserve(g.polygon.size());
        for (const auto& pt : g.polygon) poly.points.push_back(t(pt));
        const auto it = communities.find(g.community_id);
        poly.fill = Color::rgba(it != communities.end() ? it->second->color : 0xC8102EFF);
        poly.stroke = Color{255, 255, 255, 255};
        poly.stroke_width = std::max(1.f, m.px(2.5f));
        dl.add(std::move(poly));
        if (g.id == b.place.grid_id) own = &g;
    }
    if (own) {
        render::Polygon ring;
        for (const auto& pt : own->polygon) ring.points.push_back(t(pt));
        ring.fill = Color{0, 0, 0, 0};
        ring.stroke = p.accent;
        ring.stroke_width = m.px(6);
        dl.add(std::move(ring));
    }
    const Grid* highlighted = opts.highlight_grid.empty() ? nullptr : ctx.content->grid(opts.highlight_grid);
    if (highlighted) {
        // Dark ring and a pin, so the grid stands out from its community's shade and from the
        // gold ring of the kiosk's own grid.
        render::Polygon ring;
        for (const auto& pt : highlighted->polygon) ring.points.push_back(t(pt));
        ring.fill = p.primary_dark.with_alpha(120);
        ring.stroke = p.primary_dark;
        ring.stroke_width = m.px(6);
        dl.add(std::move(ring));
    }

    // "You are here" is placed first so grid labels make way for it; it is drawn last, on top.
    const Point here = t(b.place.position);
    const float here_r = m.px(14);
    std::string here_label(tr(Str::you_are_here, ctx.ui.lang));
    if (own) here_label += " · " + own->name;
    const float here_size = m.font(24);
    const float here_w = ctx.measurer.text_width(here_label, here_size, render::FontWeight::bold) + m.px(28);
    Rect pill{here.x - here_w / 2, here.y - here_r - m.px(14) - here_size * 1.6f, here_w, here_size * 1.6f};
    pill.x = std::clamp(pill.x, area.x, area.right() - pill.w);
    pill.y = std::max(pill.y, area.y);
    const bool here_visible = area.contains(here);

    // Labels in bundle order; a label that would collide
    // with one already placed is dropped rather than drawn over it.
    std::vector<const Grid*> order;
    for (const auto& g : b.grids) order.push_back(&g);
    std::vector<Rect> placed;
    if (here_visible) placed.push_back(pill);
    const float size = m.font(opts.label_size) * std::clamp(opts.view.zoom, 1.f, 1.6f);
    const float line_h = size * 1.25f;
    for (const Grid* g : order) {
        if (g == own) continue;  // named in the "you are here" label instead
        const auto cit = communities.find(g->community_id);
        const std::string label = short_grid_name(g->name, cit != communities.end() ? cit->second->name : "");
        const float w = ctx.measurer.text_width(label, size, render::FontWeight::bold) + m.px(4);
        const Point c = t(g->label_anchor);
        const Rect box{c.x - w / 2, c.y - line_h / 2, w, line_h};
        if (!area.contains(box)) continue;
        // Labels keep a little air between them, so two never read as one word.
        const Rect spaced = box.inset(-m.px(4));
        if (std::any_of(placed.begin(), placed.end(), [&](const Rect& r) { return r.intersects(spaced); })) continue;
        placed.push_back(box);
        dl.add(render::Text{.box = box, .utf8 = label,
                            .style = {.size = size, .weight = render::FontWeight::bold,
                                      .color = Color{255, 255, 255, 255}, .align = render::Align::center}});
    }

    if (opts.grid_targets) {
        for (const auto& g : b.grids) {
            // A grid's touch area is its polygon's bounding box; grids later in the list win ties,
            // so the precise test is left to the map screen, which knows the polygons.
            float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
            for (const auto& pt : g.polygon) {
                const Point s = t(pt);
                x0 = std::min(x0, s.x), y0 = std::min(y0, s.y), x1 = std::max(x1, s.x), y1 = std::max(y1, s.y);
            }
            dl.target("grid:" + g.id, {x0, y0, x1 - x0, y1 - y0});
        }
    }

    // On-duty markers claim who is out *now*: not before the clock is set (clock_sync.h).
    if (opts.member_markers && ctx.clock_synced) {
        for (const auto& mem : b.members) {
            if (!mem.position || !mem.on_duty) continue;
            const Point s = t(*mem.position);
            const float r = m.px(16);
            if (!area.contains(s)) continue;
            dl.add(render::Circle{.center = s, .radius = r, .fill = p.surface, .stroke = p.primary_dark,
                                  .stroke_width = m.px(3), .shadow = m.px(4)});
            dl.add(render::Icon{.box = {s.x - r * 0.75f, s.y - r * 0.75f, r * 1.5f, r * 1.5f}, .name = "person",
                                .color = p.primary_dark});
            const float hit = m.min_target();
            dl.target("member:" + mem.id, {s.x - hit / 2, s.y - hit / 2, hit, hit});
        }
    }

    if (highlighted) {
        // The pin stands on the grid's name rather than covering it.
        const Point a = t(highlighted->label_anchor);
        const float pin = m.px(56);
        const Rect box{a.x - pin / 2, a.y - pin - size * 0.6f, pin, pin};
        if (area.contains(box)) {
            // A surface disc under the pin's head keeps it legible on red grids and white alike.
            dl.add(render::Circle{.center = {box.x + pin / 2, box.y + pin * 0.375f}, .radius = pin * 0.31f,
                                  .fill = p.surface});
            dl.add(render::Icon{.box = box, .name = "location_on", .color = p.accent_ink});
        }
    }

    if (here_visible) {
        dl.add(render::Circle{.center = here, .radius = here_r * 2.2f, .fill = p.accent.with_alpha(90)});
        dl.add(render::Circle{.center = here, .radius = here_r, .fill = p.accent, .stroke = Color{255, 255, 255, 255},
                              .stroke_width = m.px(4), .shadow = m.px(6)});
        dl.add(render::RoundRect{.rect = pill, .radius = pill.h / 2, .fill = p.surface, .stroke = p.accent,
                                 .stroke_width = m.px(3), .shadow = m.px(8)});
        dl.add(render::Text{.box = pill, .utf8 = here_label,
                            .style = {.size = here_size, .weight = render::FontWeight::bold, .color = p.primary_dark,
                                      .align = render::Align::center, .valign = render::VAlign::middle}});
    }
    dl.add(render::PopClip{});
}

}  // namespace redgrid::kiosk::ui
