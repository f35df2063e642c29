// The home screen: where am I (red map), who is on duty near me, one big button to call,
// and a tile to every other screen.
#include "layout.h"
#include "page.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "screens.h"

namespace redgrid::kiosk::ui {
namespace {

struct Tile {
    const char* id;
    const char* icon;
    Str label;
};
constexpr Tile kTiles[] = {
    {"tile:map", "map", Str::tile_map},
    {"tile:members", "groups", Str::tile_members},
    {"tile:services", "volunteer_activism", Str::tile_services},
    {"tile:activities", "event", Str::tile_activities},
    {"tile:notices", "campaign", Str::tile_notices},
    {"tile:honours", "emoji_events", Str::tile_honours},
};

void tiles(DrawList& dl, Rect area, int columns, const ScreenContext& ctx, const Metrics& m, const Palette& p) {
    const int n = static_cast<int>(std::size(kTiles));
    const int rows = (n + columns - 1) / columns;
    const float gap = m.px(18);
    const float w = (area.w - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float h = (area.h - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows);
    for (int i = 0; i < n; ++i) {
        const Rect r{area.x + static_cast<float>(i % columns) * (w + gap), area.y + static_cast<float>(i / columns) * (h + gap), w, h};
        tile(dl, ctx, m, p, kTiles[i].id, r, kTiles[i].icon, tr(kTiles[i].label, ctx.ui.lang));
    }
}

void call_button(DrawList& dl, Rect area, const ScreenContext& ctx, const Metrics& m, const Palette& p) {
    const bool pressed = ctx.ui.pressed_id == "call";
    const float d = std::min({area.h, area.w * 0.5f, m.px(300)});
    const float r = d / 2;
    // Button and its caption side by side when there is room, the caption under it otherwise.
    const bool side_caption = area.w >= d + m.px(300);
    const Point c = side_caption ? Point{area.x + r + m.px(16), area.y + area.h / 2}
                                 : Point{area.x + area.w / 2, area.y + area.h / 2};
    dl.add(render::Circle{.center = c, .radius = r + m.px(12), .fill = p.accent.with_alpha(110)});
    dl.add(render::Circle{.center = c, .radius = r, .fill = pressed ? p.primary_dark : p.primary,
                          .stroke = Color{255, 255, 255, 255}, .stroke_width = m.px(6), .shadow = pressed ? 0 : m.px(18)});
    const float icon = r * 0.8f;
    dl.add(render::Icon{.box = {c.x - icon / 2, c.y - icon * 0.72f, icon, icon}, .name = "phone_in_talk",
                        .color = p.on_primary});
    dl.add(render::Text{.box = {c.x - r * 0.9f, c.y + icon * 0.28f, r * 1.8f, m.font(38) * 1.3f},
                        .utf8 = std::string(tr(Str::call_button, ctx.ui.lang)),
                        .style = {.size = m.font(36), .weight = render::FontWeight::bold, .color = p.on_primary,
                                  .align = render::Align::center}});
    dl.target("call", {c.x - r, c.y - r, d, d});
    if (side_caption) {
        const float x = c.x + r + m.px(36);
        dl.add(render::Text{.box = {x, c.y - m.font(40), area.right() - x, m.font(40) * 2.6f},
                            .utf8 = std::string(tr(Str::call_button_hint, ctx.ui.lang)),
                            .style = {.size = m.font(36), .weight = render::FontWeight::bold, .color = p.primary_dark,
                                      .max_lines = 2}});
    }
}

void member_row(DrawList& dl, Rect r, const Member& mem, const ScreenContext& ctx, const Metrics& m, const Palette& p) {
    const std::string id = "member:" + mem.id;
    const bool pressed = ctx.ui.pressed_id == id;
    dl.add(render::RoundRect{.rect = r, .radius = m.px(16), .fill = pressed ? p.divider : p.background});
    const float photo = r.h - m.px(20);
    const Rect photo_box{r.x + m.px(10), r.y + m.px(10), photo, photo};
    dl.add(render::Image{.box = photo_box, .media_key = mem.photo.value_or(""), .corner_radius = photo / 2});
    const float x = photo_box.right() + m.px(18);
    const float chip_w = m.px(96);
    const float text_w = r.right() - x - chip_w - m.px(20);
    const Lang lang = ctx.ui.lang;
    dl.add(render::Text{.box = {x, r.y + r.h * 0.1f, text_w, m.font(34) * 1.3f}, .utf8 = mem.name,
                        .style = {.size = m.font(32), .weight = render::FontWeight::bold, .color = p.text}});
    std::string detail(role_name(mem.role, lang));
    if (const Team* team = ctx.content->team(mem.team_id)) detail += " · " + team->name;
    dl.add(render::Text{.box = {x, r.y + r.h * 0.55f, text_w, m.font(26) * 1.3f}, .utf8 = detail,
                        .style = {.size = m.font(24), .color = p.text_muted}});
    const Rect chip{r.right() - chip_w - m.px(14), r.y + (r.h - m.px(44)) / 2, chip_w, m.px(44)};
    dl.add(render::RoundRect{.rect = chip, .radius = chip.h / 2, .fill = mem.full_time ? p.primary : p.surface,
                             .stroke = p.primary, .stroke_width = m.px(2)});
    dl.add(render::Text{.box = chip, .utf8 = std::string(tr(mem.full_time ? Str::full_time : Str::volunteer, lang)),
                        .style = {.size = m.font(22), .weight = render::FontWeight::bold,
                                  .color = mem.full_time ? p.on_primary : p.primary, .align = render::Align::center,
                                  .valign = render::VAlign::middle}});
    dl.target(id, r);
}

// Draws as many of the nearest on-duty members as fit in area; the card shrinks to the rows
// it shows. Returns the card's bottom edge.
float on_duty(DrawList& dl, Rect area, const ScreenContext& ctx, const Metrics& m, const Palette& p) {
    const float title_h = m.font(36) * 1.35f;
    const float row_h = std::max(m.min_target(), m.font(34) * 1.3f + m.font(24) * 1.3f + m.px(28));
    const float gap = m.px(10);
    const float chrome = 2 * m.px(20) + title_h + m.px(12);
    const int max_rows = std::max(1, static_cast<int>((area.h - chrome + gap) / (row_h + gap)));
    // Who is on duty may no longer be true when the content is stale, and cannot be said at
    // all before the clock is set: nobody is shown then, and the card says why.
    const bool stale = content_stale(ctx);
    const auto members = stale ? std::vector<const Member*>{}
                               : ctx.content->on_duty_nearest(ctx.content->bundle().place.grid_id,
                                                              static_cast<std::size_t>(max_rows));
    const int rows = std::max(1, static_cast<int>(members.size()));
    area.h = std::min(area.h, chrome + static_cast<float>(rows) * (row_h + gap) - gap);
    card(dl, area, p, m);
    const Rect inner = area.inset(m.px(20));
    dl.add(render::Icon{.box = {inner.x, inner.y, title_h, title_h}, .name = "groups", .color = p.primary});
    dl.add(render::Text{.box = {inner.x + title_h + m.px(10), inner.y, inner.w * 0.5f, title_h},
                        .utf8 = std::string(tr(ctx.clock_synced ? Str::on_duty_now : Str::duty_roster, ctx.ui.lang)),
                        .style = {.size = m.font(34), .weight = render::FontWeight::bold, .color = p.text,
                                  .valign = render::VAlign::middle}});
    if (ctx.clock_synced)
        dl.add(render::Text{.box = {inner.x + inner.w * 0.45f, inner.y, inner.w * 0.55f, title_h},
                            .utf8 = std::string(tr(Str::on_duty_nearest_first, ctx.ui.lang)),
                            .style = {.size = m.font(22), .color = p.text_muted, .align = render::Align::right,
                                      .valign = render::VAlign::middle}});
    const float top = inner.y + title_h + m.px(12);
    if (members.empty()) {
        dl.add(render::Text{.box = {inner.x, top, inner.w, inner.bottom() - top},
                            .utf8 = std::string(tr(!ctx.clock_synced ? Str::duty_needs_clock
                                                   : stale             ? Str::stale_waiting
                                                                       : Str::nobody_on_duty,
                                                   ctx.ui.lang)),
                            .style = {.size = m.font(26), .color = p.text_muted, .valign = render::VAlign::middle,
                                      .max_lines = 2}});
        return area.bottom();
    }
    for (std::size_t i = 0; i < members.size(); ++i)
        member_row(dl, {inner.x, top + static_cast<float>(i) * (row_h + gap), inner.w, row_h}, *members[i], ctx, m, p);
    return area.bottom();
}

void map_card(DrawList& dl, Rect area, const ScreenContext& ctx, const Metrics& m, const Palette& p) {
    card(dl, area, p, m);
    const Rect inner = area.inset(m.px(20));
    const float title_h = m.font(36) * 1.35f;
    dl.add(render::Icon{.box = {inner.x, inner.y, title_h, title_h}, .name = "map", .color = p.primary});
    dl.add(render::Text{.box = {inner.x + title_h + m.px(10), inner.y, inner.w * 0.4f, title_h},
                        .utf8 = std::string(tr(Str::red_map, ctx.ui.lang)),
                        .style = {.size = m.font(34), .weight = render::FontWeight::bold, .color = p.text,
                                  .valign = render::VAlign::middle}});
    dl.add(render::Text{.box = {inner.x + inner.w * 0.3f, inner.y, inner.w * 0.7f, title_h},
                        .utf8 = std::string(tr(Str::red_map_subtitle, ctx.ui.lang)),
                        .style = {.size = m.font(22), .color = p.text_muted, .align = render::Align::right,
                                  .valign = render::VAlign::middle}});

    // Legend: one swatch per community along the bottom, wrapping to a second row if needed.
    const Bundle& b = ctx.content->bundle();
    const float sw = m.px(22);
    const float legend_size = m.font(22);
    const float item_h = legend_size * 1.5f;
    float lx = inner.x, rows = 1;
    for (const auto& c : b.communities) {
        const float w = sw + m.px(8) + ctx.measurer.text_width(c.name, legend_size, render::FontWeight::regular) + m.px(22);
        if (lx + w > inner.right() && lx > inner.x) lx = inner.x, rows += 1;
        lx += w;
    }
    const float legend_h = rows * item_h;
    float ly = inner.bottom() - legend_h;
    lx = inner.x;
    for (const auto& c : b.communities) {
        const float w = sw + m.px(8) + ctx.measurer.text_width(c.name, legend_size, render::FontWeight::regular) + m.px(22);
        if (lx + w > inner.right() && lx > inner.x) lx = inner.x, ly += item_h;
        dl.add(render::RoundRect{.rect = {lx, ly + (item_h - sw) / 2, sw, sw}, .radius = m.px(5), .fill = Color::rgba(c.color)});
        dl.add(render::Text{.box = {lx + sw + m.px(8), ly, w - sw - m.px(8), item_h}, .utf8 = c.name,
                            .style = {.size = legend_size, .color = p.text, .valign = render::VAlign::middle}});
        lx += w;
    }
    const Rect map_area{inner.x, inner.y + title_h + m.px(10), inner.w, inner.h - title_h - legend_h - m.px(20)};
    red_map(dl, map_area, ctx, m, p, {});
    dl.target("tile:map", map_area);
}

}  // namespace

DrawList home_screen(const ScreenContext& ctx) {
    DrawList dl;
    // Home has its own row of tiles at the bottom instead of the nav bar.
    const auto [m, p, inside] = page(dl, ctx, NavBar::hidden);
    const float top = inside.y + m.pad();
    const float pad = m.pad();
    if (!ctx.content) return dl;
    if (!m.portrait) {
        const float tiles_h = std::max(m.min_target(), m.px(118));
        const Rect tiles_area{pad, m.h - pad - tiles_h, m.w - 2 * pad, tiles_h};
        const float body_bottom = tiles_area.y - pad;
        const float left_w = std::round((m.w - 3 * pad) * 0.58f);
        map_card(dl, {pad, top, left_w, body_bottom - top}, ctx, m, p);
        const float rx = pad * 2 + left_w;
        const float rw = m.w - rx - pad;
        const float call_min = std::min(m.px(300), (body_bottom - top) * 0.45f);
        const float duty_bottom = on_duty(dl, {rx, top, rw, body_bottom - top - call_min - pad}, ctx, m, p);
        call_button(dl, {rx, duty_bottom + pad, rw, body_bottom - duty_bottom - pad}, ctx, m, p);
        tiles(dl, tiles_area, 6, ctx, m, p);
    } else {
        const float tiles_h = 2 * std::max(m.min_target(), m.px(130)) + m.px(18);
        const Rect tiles_area{pad, m.h - pad - tiles_h, m.w - 2 * pad, tiles_h};
        const float map_h = std::round((m.h - top) * 0.38f);
        map_card(dl, {pad, top, m.w - 2 * pad, map_h}, ctx, m, p);
        const float call_min = m.px(250);
        const float duty_y = top + map_h + pad;
        const float duty_bottom = on_duty(dl, {pad, duty_y, m.w - 2 * pad, tiles_area.y - 2 * pad - call_min - duty_y}, ctx, m, p);
        call_button(dl, {pad, duty_bottom + pad, m.w - 2 * pad, tiles_area.y - 2 * pad - duty_bottom}, ctx, m, p);
        tiles(dl, tiles_area, 3, ctx, m, p);
    }
    return dl;
}

}  // namespace redgrid::kiosk::ui
