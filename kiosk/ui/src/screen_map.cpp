// The red map full size, with +/- zoom around "you are here", every grid and on-duty member
// touchable; and one grid: its branch, community, teams, who is on duty, services and the
// next activity, beside the map with the grid ringed.
#include "layout.h"
#include "map_fit.h"
#include "page.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "screens.h"

namespace redgrid::kiosk::ui {
namespace {

// At zoom > 1 the map is centred on the kiosk (then moved by the resident's drag), but never so far that an edge of the map
// comes inside the area (which would show empty space while grids are cut on the other side).
struct PannedView {
    MapView view;
    std::string pan_target;  // "map:pan:X0:X1:Y0:Y1": the range of UiState::map_pan_*
};

PannedView view_for(const ScreenContext& ctx, Rect area) {
    const Bundle& b = ctx.content->bundle();
    MapView view;
    // While two fingers pinch, the map follows them between the steps (UiState::map_scale).
    view.zoom = ctx.ui.map_scale > 0 ? std::clamp(ctx.ui.map_scale, 1.f, static_cast<float>(kMaxMapZoom))
                                     : static_cast<float>(std::clamp(ctx.ui.map_zoom, 1, kMaxMapZoom));
    const MapFit fit = map_fit(b.map, b.place.position, area, view.zoom);
    view.pan_x = std::clamp(fit.centre_x + ctx.ui.map_pan_x, -fit.room_x, fit.room_x);
    view.pan_y = std::clamp(fit.centre_y + ctx.ui.map_pan_y, -fit.room_y, fit.room_y);
    const auto whole = [](float v) { return std::to_string(static_cast<int>(std::round(v))); };
    return {view, std::string(kMapPanTargetPrefix) + whole(fit.min_pan_x()) + ":" + whole(fit.max_pan_x()) + ":" +
                      whole(fit.min_pan_y()) + ":" + whole(fit.max_pan_y())};
}

// Horizontal strips that cover the polygon on screen (scanline spans), so a touch opens the
// grid under the finger rather than a neighbour whose bounding box overlaps it.
std::vector<Rect> polygon_strips(const std::vector<Point>& poly, Rect clip, float strip_h) {
    std::vector<Rect> out;
    if (poly.size() < 3) return out;
    float y0 = poly[0].y, y1 = poly[0].y;
    for (const Point& p : poly) y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    y0 = std::max(y0, clip.y);
    y1 = std::min(y1, clip.bottom());
    std::vector<float> xs;
    for (float y = y0; y < y1; y += strip_h) {
        const float h = std::min(strip_h, y1 - y);
        const float yc = y + h / 2;
        xs.clear();
        for (std::size_t i = 0; i < poly.size(); ++i) {
            const Point a = poly[i], b = poly[(i + 1) % poly.size()];
            if ((a.y <= yc) == (b.y <= yc)) continue;
            xs.push_back(a.x + (yc - a.y) / (b.y - a.y) * (b.x - a.x));
        }
        std::sort(xs.begin(), xs.end());
        for (std::size_t i = 0; i + 1 < xs.size(); i += 2) {
            const float x0 = std::max(xs[i], clip.x), x1 = std::min(xs[i + 1], clip.right());
            if (x1 > x0) out.push_back({x0, y, x1 - x0, h});
        }
    }
    return out;
}

// red_map announces grids by bounding box and members by a square around the marker; here
// each grid becomes its exact shape and nothing may be touched outside the map's area.
void refine_map_targets(DrawList& dl, std::size_t first, const ScreenContext& ctx, const Metrics& m, Rect area,
                        const MapView& view) {
    std::vector<render::HitTarget> refined(dl.targets.begin(), dl.targets.begin() + static_cast<std::ptrdiff_t>(first));
    const Content& content = *ctx.content;
    for (std::size_t i = first; i < dl.targets.size(); ++i) {
        render::HitTarget& t = dl.targets[i];
        if (t.id.starts_with("grid:")) {
            const Grid* g = content.grid(std::string_view(t.id).substr(5));
            if (!g) continue;
            std::vector<Point> poly;
            for (const MapPoint& pt : g->polygon) poly.push_back(map_to_screen(pt, content.bundle().map, area, view));
            for (const Rect& r : polygon_strips(poly, area, m.px(8))) refined.push_back({t.id, r});
            continue;
        }
        const float x0 = std::max(t.rect.x, area.x), y0 = std::max(t.rect.y, area.y);
        const Rect clipped{x0, y0, std::min(t.rect.right(), area.right()) - x0, std::min(t.rect.bottom(), area.bottom()) - y0};
        if (std::min(clipped.w, clipped.h) >= m.min_target()) refined.push_back({t.id, clipped});
    }
    dl.targets = std::move(refined);
}

void zoom_button(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, const std::string& id,
                 Rect r, std::string_view icon, Str label, bool enabled) {
    tile(dl, ctx, m, p, id, r, icon, tr(label, ctx.ui.lang));
    if (enabled) return;
    // At the limit the button greys out and takes no touch, so a press never seems ignored.
    dl.targets.pop_back();
    dl.add(render::RoundRect{.rect = r, .radius = m.px(18), .fill = p.background.with_alpha(170)});
}

}  // namespace

DrawList map_screen(const ScreenContext& ctx) {
    DrawList dl;
    const auto [m, p, inside] = page(dl, ctx);
    const Lang lang = ctx.ui.lang;
    const Rect body = inside.inset(m.pad());
    const Rect area = title_row(dl, ctx, m, p, body, "map", tr(Str::map_title, lang), tr(Str::map_hint, lang));
    card(dl, area, p, m);
    const Rect map_area = area.inset(m.px(12));
    const PannedView panned = view_for(ctx, map_area);
    const MapView& view = panned.view;
    // Under the grids: a drag that starts anywhere on the map pans it (the App tells a drag
    // from a tap), a tap still opens the grid.
    dl.target(panned.pan_target, map_area);
    const std::size_t first = dl.targets.size();
    red_map(dl, map_area, ctx, m, p,
            MapOptions{.view = view, .grid_targets = true,
                       // Zoomed out, member markers would bury the grid names: they come with the first zoom step.
                       .member_markers = view.zoom >= 2 && !content_stale(ctx), .label_size = m.portrait ? 18.f : 20.f});
    refine_map_targets(dl, first, ctx, m, map_area, view);

    // Zoom buttons float over the map's top right corner, above the grids they would hide.
    const int zoom = std::clamp(ctx.ui.map_zoom, 1, kMaxMapZoom);
    float bw = m.min_target() * 1.15f;
    for (Str s : {Str::map_zoom_in, Str::map_zoom_out})
        bw = std::max(bw, ctx.measurer.text_width(tr(s, lang), m.font(30), render::FontWeight::bold) + m.px(100));
    const float bh = std::max(m.min_target(), m.px(104));
    const float gap = m.px(14);
    const Rect in{map_area.right() - m.px(16) - bw, map_area.y + m.px(16), bw, bh};
    zoom_button(dl, ctx, m, p, "map:zoom_in", in, "add", Str::map_zoom_in, zoom < kMaxMapZoom);
    const Rect level{in.x, in.bottom() + gap / 2, bw, m.font(28) * 1.4f};
    dl.add(render::RoundRect{.rect = level, .radius = level.h / 2, .fill = p.surface.with_alpha(230)});
    dl.add(render::Text{.box = level, .utf8 = std::to_string(zoom) + " / " + std::to_string(kMaxMapZoom),
                        .style = {.size = m.font(26), .weight = render::FontWeight::bold, .color = p.primary_dark,
                                  .align = render::Align::center, .valign = render::VAlign::middle}});
    const Rect out{in.x, level.bottom() + gap / 2, bw, bh};
    zoom_button(dl, ctx, m, p, "map:zoom_out", out, "remove", Str::map_zoom_out, zoom > 1);
    return dl;
}

}  // namespace redgrid::kiosk::ui
