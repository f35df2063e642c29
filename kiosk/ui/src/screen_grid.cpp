// One grid: which branch and community it belongs to, its teams and leaders, who is on duty
// there now, the services it offers and its next activity, beside the map with it ringed.
#include <functional>

#include "layout.h"
#include "page.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "screens.h"

namespace redgrid::kiosk::ui {
namespace {

// A grid's services: the "five ones" every grid's teams carry out, and the services whose
// contact person serves in this grid.
std::vector<const Service*> services_of_grid(const Content& content, std::string_view grid_id) {
    const auto members = content.members_of_grid(grid_id);
    std::vector<const Service*> out;
    for (const Service& s : content.bundle().services) {
        const bool own = s.contact_member_id && std::any_of(members.begin(), members.end(), [&](const Member* mem) {
                             return mem->id == *s.contact_member_id;
                         });
        if (s.kind == ServiceKind::five_ones || own) out.push_back(&s);
    }
    return out;
}

// The grid's card is a list of parts of known height; it scrolls when they do not fit.
struct Part {
    float h;
    std::function<void(Rect)> draw;
    std::string target;  // touching the part opens this
};

}  // namespace

DrawList grid_screen(const ScreenContext& ctx) {
    DrawList dl;
    const auto [m, p, inside] = page(dl, ctx);
    const Lang lang = ctx.ui.lang;
    const Content& content = *ctx.content;
    const Rect area = inside.inset(m.pad());
    const Grid* grid = content.grid(ctx.ui.route.param);
    if (!grid) {
        card(dl, area, p, m);
        dl.add(render::Text{.box = area.inset(m.px(44)), .utf8 = std::string(tr(Str::grid_gone, lang)),
                            .style = {.size = m.font(36), .color = p.text_muted, .align = render::Align::center,
                                      .valign = render::VAlign::middle, .max_lines = 3}});
        return dl;
    }
    const Community* community = content.community(grid->community_id);
    const float gap = m.px(24);
    Rect info = area, map_card{};
    if (m.portrait) {
        info.h = std::round(area.h * 0.64f);
        map_card = {area.x, info.bottom() + gap, area.w, area.bottom() - info.bottom() - gap};
    } else {
        info.w = std::round(area.w * 0.58f);
        map_card = {info.right() + gap, area.y, area.right() - info.right() - gap, area.h};
    }

    std::vector<Part> parts;
    const auto text_part = [&](std::string text, float size, bool bold, Color color, int lines = 1) {
        const float h = size * 1.4f * static_cast<float>(lines);
        parts.push_back({h, [&dl, text = std::move(text), size, bold, color, lines](Rect r) {
                             dl.add(render::Text{.box = r, .utf8 = text,
                                                 .style = {.size = size,
                                                           .weight = bold ? render::FontWeight::bold : render::FontWeight::regular,
                                                           .color = color, .valign = render::VAlign::middle,
                                                           .max_lines = lines, .line_spacing = 1.4f}});
                         },
                         {}});
    };
    const auto heading = [&](const char* icon, Str title) {
        const float h = m.font(30) * 1.6f + m.px(12);
        parts.push_back({h, [&, icon, title](Rect r) {
                             const float s = m.font(34);
                             const Rect row{r.x, r.y + m.px(12), r.w, r.h - m.px(12)};
                             dl.add(render::Icon{.box = {row.x, row.y + (row.h - s) / 2, s, s}, .name = icon, .color = p.primary});
                             dl.add(render::Text{.box = {row.x + s + m.px(10), row.y, row.w - s - m.px(10), row.h},
                                                 .utf8 = std::string(tr(title, lang)),
                                                 .style = {.size = m.font(30), .weight = render::FontWeight::bold,
                                                           .color = p.primary_dark, .valign = render::VAlign::middle}});
                         },
                         {}});
    };

    text_part(grid->name, m.font(46), true, p.primary_dark);
    text_part((community ? community->name + " · " : std::string()) + grid->branch, m.font(28), false, p.text_muted);

    heading("groups", Str::grid_teams);
    const auto teams = content.teams_of_grid(grid->id);
    if (teams.empty()) text_part(std::string(tr(Str::grid_no_teams, lang)), m.font(28), false, p.text_muted);
    for (const Team* team : teams) {
        std::string line = team->name;
        if (const Member* leader = content.member(team->leader_id))
            line += lang == Lang::zh ? "（" + std::string(tr(Str::grid_leader, lang)) + "：" + leader->name + "）"
                                     : " (" + std::string(tr(Str::grid_leader, lang)) + ": " + leader->name + ")";
        text_part(std::move(line), m.font(30), false, p.text);
    }

    heading("person", Str::grid_on_duty);
    std::vector<const Member*> on_duty;
    const bool stale = content_stale(ctx);
    if (!stale)
        for (const Member* mem : content.members_of_grid(grid->id))
            if (mem->on_duty) on_duty.push_back(mem);
    if (stale) text_part(std::string(tr(Str::stale_waiting, lang)), m.font(28), false, p.text_muted, 2);
    else if (on_duty.empty()) text_part(std::string(tr(Str::grid_nobody_on_duty, lang)), m.font(28), false, p.text_muted, 2);
    const float row_h = std::max(m.min_target(), m.font(32) * 1.3f + m.font(24) * 1.4f + m.px(24));
    for (const Member* mem : on_duty) {
        const std::string id = "member:" + mem->id;
        parts.push_back({row_h + m.px(8), [&, mem, id](Rect slot) {
                             const Rect r{slot.x, slot.y + m.px(4), slot.w, slot.h - m.px(8)};
                             const bool pressed = ctx.ui.pressed_id == id;
                             dl.add(render::RoundRect{.rect = r, .radius = m.px(16),
                                                      .fill = pressed ? p.divider : p.primary.with_alpha(14)});
                             const float ph = r.h - m.px(16);
                             dl.add(render::Image{.box = {r.x + m.px(8), r.y + m.px(8), ph, ph},
                                                  .media_key = mem->photo.value_or(""), .corner_radius = ph / 2});
                             const float x = r.x + ph + m.px(24), arrow = m.px(40);
                             const float w = r.right() - x - arrow - m.px(16);
                             const float nh = m.font(32) * 1.3f, dh = m.font(24) * 1.4f;
                             const float y = r.y + (r.h - nh - dh) / 2;
                             dl.add(render::Text{.box = {x, y, w, nh}, .utf8 = mem->name,
                                                 .style = {.size = m.font(32), .weight = render::FontWeight::bold, .color = p.text}});
                             std::string detail = std::string(role_name(mem->role, lang)) + " · " +
                                                  std::string(tr(mem->full_time ? Str::full_time : Str::volunteer, lang));
                             if (!mem->phone_masked.empty()) detail += " · " + mem->phone_masked;
                             dl.add(render::Text{.box = {x, y + nh, w, dh}, .utf8 = detail,
                                                 .style = {.size = m.font(24), .color = p.text_muted}});
                             dl.add(render::Icon{.box = {r.right() - arrow - m.px(10), r.y + (r.h - arrow) / 2, arrow, arrow},
                                                 .name = "chevron_right", .color = p.primary});
                         },
                         id});
    }

    heading("event", Str::grid_next_activity);
    const Activity* next = content.next_activity(grid->id, known_now(ctx));
    if (!next) {
        text_part(std::string(tr(Str::grid_no_activity, lang)), m.font(28), false, p.text_muted);
    } else {
        const std::string id = "activity:" + next->id;
        const float h = std::max(m.min_target(), m.font(30) * 1.35f + m.font(24) * 1.4f + m.px(24));
        parts.push_back({h + m.px(8), [&, next, id](Rect slot) {
                             const Rect r{slot.x, slot.y + m.px(4), slot.w, slot.h - m.px(8)};
                             const bool pressed = ctx.ui.pressed_id == id;
                             dl.add(render::RoundRect{.rect = r, .radius = m.px(16),
                                                      .fill = pressed ? p.divider : p.accent.with_alpha(60)});
                             const float arrow = m.px(40);
                             const float x = r.x + m.px(20), w = r.w - m.px(36) - arrow;
                             const float th = m.font(30) * 1.35f, dh = m.font(24) * 1.4f;
                             const float y = r.y + (r.h - th - dh) / 2;
                             dl.add(render::Text{.box = {x, y, w, th}, .utf8 = next->title,
                                                 .style = {.size = m.font(30), .weight = render::FontWeight::bold, .color = p.text}});
                             const LocalTime e = local_time(next->ends_at, ctx.utc_offset_minutes);
                             dl.add(render::Text{.box = {x, y + th, w, dh},
                                                 .utf8 = format_day_time(ctx, next->starts_at) + "–" + two_digits(e.hour) +
                                                         ":" + two_digits(e.minute) + " · " + next->place,
                                                 .style = {.size = m.font(24), .color = p.text_muted}});
                             dl.add(render::Icon{.box = {r.right() - arrow - m.px(10), r.y + (r.h - arrow) / 2, arrow, arrow},
                                                 .name = "chevron_right", .color = p.primary});
                         },
                         id});
    }

    heading("volunteer_activism", Str::grid_services);
    const auto services = services_of_grid(content, grid->id);
    if (services.empty()) text_part(std::string(tr(Str::grid_no_services, lang)), m.font(28), false, p.text_muted);
    for (const Service* s : services) {
        std::string line = s->title;
        if (!s->when.empty()) line += " · " + s->when;
        text_part(std::move(line), m.font(28), false, p.text);
    }

    card(dl, info, p, m);
    const Rect in = info.inset(m.px(m.portrait ? 28 : 36));
    const Rect viewport{in.x - m.px(4), in.y, in.w + m.px(8), in.h};
    float content_h = 0;
    for (const Part& part : parts) content_h += part.h;
    const float offset = begin_scroll(dl, ctx, viewport, content_h);
    const float w = in.w - m.px(20);  // room for the scroll bar
    float y = in.y - offset;
    for (const Part& part : parts) {
        const Rect r{in.x, y, w, part.h};
        y += part.h;
        if (r.bottom() < viewport.y || r.y > viewport.bottom()) continue;
        part.draw(r);
        if (!part.target.empty()) visible_target(dl, m, part.target, r, viewport);
    }
    end_scroll(dl, m, p, viewport, content_h, offset);

    card(dl, map_card, p, m);
    red_map(dl, map_card.inset(m.px(16)), ctx, m, p, MapOptions{.highlight_grid = grid->id});
    return dl;
}

}  // namespace redgrid::kiosk::ui
