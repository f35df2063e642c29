// Members on duty now, nearest to this screen's grid first, filtered by community and role,
// in a list that scrolls under the finger and glides after a flick.
#include "layout.h"
#include "page.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "screens.h"

namespace redgrid::kiosk::ui {
namespace {

struct FilterChip {
    std::string id;
    std::string label;
    bool active;
};

// One row of filter chips, wrapping when the row is full; returns the y under them.
float filter_chips(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect area,
                   const std::vector<FilterChip>& chips) {
    const float h = m.min_target();
    const float gap = m.px(12);
    float x = area.x, y = area.y;
    for (const FilterChip& c : chips) {
        const float w = std::min(area.w, std::max(m.min_target() * 1.4f, chip_width(ctx, m, c.label, 28) + m.px(16)));
        if (x > area.x && x + w > area.right()) x = area.x, y += h + gap;
        const Rect r{x, y, w, h};
        const bool pressed = ctx.ui.pressed_id == c.id;
        const Color fill = c.active ? p.primary : pressed ? p.divider : p.surface;
        dl.add(render::RoundRect{.rect = r.inset(m.px(6)), .radius = (h - m.px(12)) / 2, .fill = fill,
                                 .stroke = p.primary, .stroke_width = m.px(2)});
        dl.add(render::Text{.box = r.inset(m.px(8)), .utf8 = c.label,
                            .style = {.size = m.font(28), .weight = render::FontWeight::bold,
                                      .color = c.active ? p.on_primary : p.primary, .align = render::Align::center,
                                      .valign = render::VAlign::middle}});
        dl.target(c.id, r);
        x += w + gap;
    }
    return y + h;
}

const Community* community_of(const Content& content, const Member& mem) {
    const Team* team = content.team(mem.team_id);
    const Grid* grid = team ? content.grid(team->grid_id) : nullptr;
    return grid ? content.community(grid->community_id) : nullptr;
}

void member_row(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, const Member& mem, Rect r) {
    const std::string id = "member:" + mem.id;
    const bool pressed = ctx.ui.pressed_id == id;
    dl.add(render::RoundRect{.rect = r, .radius = m.px(18), .fill = pressed ? p.divider : p.surface,
                             .shadow = pressed ? 0.f : m.px(8)});
    const float photo = r.h - m.px(24);
    const Rect photo_box{r.x + m.px(12), r.y + m.px(12), photo, photo};
    dl.add(render::Image{.box = photo_box, .media_key = mem.photo.value_or(""), .corner_radius = photo / 2});
    const Lang lang = ctx.ui.lang;
    const std::string kind(tr(mem.full_time ? Str::full_time : Str::volunteer, lang));
    const float chip_w = chip_width(ctx, m, kind, 22);
    const float arrow = m.px(44);
    const float x = photo_box.right() + m.px(18);
    const float text_w = r.right() - x - chip_w - arrow - m.px(40);
    const float name_h = m.font(34) * 1.3f, detail_h = m.font(24) * 1.35f;
    const float y0 = r.y + (r.h - name_h - 2 * detail_h) / 2;
    dl.add(render::Text{.box = {x, y0, text_w, name_h}, .utf8 = mem.name,
                        .style = {.size = m.font(34), .weight = render::FontWeight::bold, .color = p.text}});
    std::string detail(role_name(mem.role, lang));
    const Team* team = ctx.content->team(mem.team_id);
    if (team) detail += " · " + team->name;
    dl.add(render::Text{.box = {x, y0 + name_h, text_w, detail_h}, .utf8 = detail,
                        .style = {.size = m.font(24), .color = p.text_muted}});
    std::string where;
    if (const Grid* g = team ? ctx.content->grid(team->grid_id) : nullptr) {
        where = g->name;
        if (const Community* c = ctx.content->community(g->community_id)) where = c->name + " · " + where;
    }
    dl.add(render::Text{.box = {x, y0 + name_h + detail_h, text_w, detail_h}, .utf8 = where,
                        .style = {.size = m.font(24), .color = p.text_muted}});
    const float chip_h = m.font(22) * 1.6f;
    chip(dl, m, {r.right() - arrow - m.px(24) - chip_w, r.y + (r.h - chip_h) / 2, chip_w, chip_h}, kind, p.primary,
         mem.full_time, 22);
    dl.add(render::Icon{.box = {r.right() - arrow - m.px(12), r.y + (r.h - arrow) / 2, arrow, arrow},
                        .name = "chevron_right", .color = p.primary});
}

}  // namespace

DrawList members_screen(const ScreenContext& ctx) {
    DrawList dl;
    const auto [m, p, inside] = page(dl, ctx);
    const Lang lang = ctx.ui.lang;
    const Rect body = inside.inset(m.pad());
    const Content& content = *ctx.content;
    const bool stale = content_stale(ctx);

    std::vector<const Member*> members;
    if (!stale) {
        for (const Member* mem : content.on_duty_nearest(content.bundle().place.grid_id)) {
            if (ctx.ui.filter_role && mem->role != *ctx.ui.filter_role) continue;
            const Community* c = community_of(content, *mem);
            if (!ctx.ui.filter_community.empty() && (!c || c->id != ctx.ui.filter_community)) continue;
            members.push_back(mem);
        }
    }
    const std::string note = stale ? std::string(tr(Str::stale_hidden, lang))
                                   : std::to_string(members.size()) + " " + std::string(tr(Str::members_count, lang)) +
                                         " · " + std::string(tr(Str::on_duty_nearest_first, lang));
    Rect area = title_row(dl, ctx, m, p, body, "groups", tr(Str::members_title, lang), note);

    std::vector<FilterChip> communities{{"filter:community:", std::string(tr(Str::filter_all_communities, lang)),
                                         ctx.ui.filter_community.empty()}};
    for (const Community& c : content.bundle().communities)
        communities.push_back({"filter:community:" + c.id, c.name, ctx.ui.filter_community == c.id});
    std::vector<FilterChip> roles{{"filter:role:", std::string(tr(Str::filter_all_roles, lang)), !ctx.ui.filter_role}};
    for (Role r : kAllRoles)
        roles.push_back({"filter:role:" + std::string(role_key(r)), std::string(role_name(r, lang)),
                         ctx.ui.filter_role == r});
    float y = filter_chips(dl, ctx, m, p, area, communities) + m.px(8);
    y = filter_chips(dl, ctx, m, p, {area.x, y, area.w, area.bottom() - y}, roles) + m.px(16);
    area = {area.x, y, area.w, area.bottom() - y};

    if (members.empty()) {
        card(dl, area, p, m);
        dl.add(render::Text{.box = area.inset(m.px(32)),
                            .utf8 = std::string(tr(stale ? Str::stale_waiting : Str::no_members_match, lang)),
                            .style = {.size = m.font(32), .color = p.text_muted, .align = render::Align::center,
                                      .valign = render::VAlign::middle, .max_lines = 3}});
        return dl;
    }
    const int columns = m.portrait ? 1 : 2;
    const float gap = m.px(16);
    const float row_h = std::max(m.min_target(), m.font(34) * 1.3f + 2 * m.font(24) * 1.35f + m.px(32));
    const Rect viewport{area.x - m.px(8), area.y, area.w + m.px(16), area.h};
    const float col_w = (area.w - m.px(16) - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const std::size_t rows = (members.size() + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns);
    const float content_h = static_cast<float>(rows) * (row_h + gap) - gap + m.px(16);
    const float offset = begin_scroll(dl, ctx, viewport, content_h);
    for (std::size_t i = 0; i < members.size(); ++i) {
        const std::size_t row = i / static_cast<std::size_t>(columns), col = i % static_cast<std::size_t>(columns);
        const Rect r{area.x + static_cast<float>(col) * (col_w + gap),
                     area.y + m.px(8) + static_cast<float>(row) * (row_h + gap) - offset, col_w, row_h};
        if (r.bottom() < viewport.y || r.y > viewport.bottom()) continue;
        member_row(dl, ctx, m, p, *members[i], r);
        visible_target(dl, m, "member:" + members[i]->id, r, viewport);
    }
    end_scroll(dl, m, p, viewport, content_h, offset);
    return dl;
}

}  // namespace redgrid::kiosk::ui
