// One member: who they are (photo, name, role, team, grid, full-time or volunteer), whether
// they are on duty, how to reach them (masked phone, QR of their contact link, a call
// button) and their honours.
#include "layout.h"
#include "page.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "screens.h"

namespace redgrid::kiosk::ui {
namespace {

struct Info {
    Str label;
    std::string value;
};

// "label  value" rows; returns the y under the last one.
float info_rows(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect area,
                const std::vector<Info>& rows) {
    const float row_h = m.font(32) * 1.6f;
    float label_w = 0;
    for (const Info& i : rows)
        label_w = std::max(label_w, ctx.measurer.text_width(tr(i.label, ctx.ui.lang), m.font(26), render::FontWeight::regular));
    label_w = std::min(label_w + m.px(20), area.w * 0.4f);
    float y = area.y;
    for (const Info& i : rows) {
        if (y + row_h > area.bottom()) break;
        dl.add(render::Text{.box = {area.x, y, label_w, row_h}, .utf8 = std::string(tr(i.label, ctx.ui.lang)),
                            .style = {.size = m.font(26), .color = p.text_muted, .valign = render::VAlign::middle}});
        dl.add(render::Text{.box = {area.x + label_w, y, area.w - label_w, row_h}, .utf8 = i.value,
                            .style = {.size = m.font(32), .weight = render::FontWeight::bold, .color = p.text,
                                      .valign = render::VAlign::middle}});
        y += row_h;
    }
    return y;
}

void honours_list(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect area,
                  const Member& mem) {
    const float title_h = m.font(32) * 1.5f;
    if (area.h < title_h) return;
    dl.add(render::Icon{.box = {area.x, area.y + (title_h - m.font(36)) / 2, m.font(36), m.font(36)}, .name = "emoji_events",
                        .color = p.accent_ink});
    dl.add(render::Text{.box = {area.x + m.font(36) + m.px(10), area.y, area.w - m.font(36) - m.px(10), title_h},
                        .utf8 = std::string(tr(Str::member_honours, ctx.ui.lang)),
                        .style = {.size = m.font(30), .weight = render::FontWeight::bold, .color = p.primary_dark,
                                  .valign = render::VAlign::middle}});
    float y = area.y + title_h + m.px(6);
    const auto honours = ctx.content->honours_of(mem.id);
    if (honours.empty()) {
        if (y + m.font(26) * 1.4f <= area.bottom())
            dl.add(render::Text{.box = {area.x, y, area.w, m.font(26) * 1.4f},
                                .utf8 = std::string(tr(Str::member_no_honours, ctx.ui.lang)),
                                .style = {.size = m.font(26), .color = p.text_muted}});
        return;
    }
    const float head_h = m.font(28) * 1.4f, reason_h = 2 * m.font(24) * 1.35f;
    for (const Honour* h : honours) {
        if (y + head_h + reason_h > area.bottom()) break;
        const std::string board(tr(h->board == HonourBoard::governance_star ? Str::honour_governance_star
                                                                             : Str::honour_service_star,
                                   ctx.ui.lang));
        dl.add(render::Text{.box = {area.x, y, area.w, head_h}, .utf8 = board + " · " + h->period,
                            .style = {.size = m.font(28), .weight = render::FontWeight::bold, .color = p.primary}});
        dl.add(render::Text{.box = {area.x, y + head_h, area.w, reason_h}, .utf8 = h->reason,
                            .style = {.size = m.font(24), .color = p.text_muted, .max_lines = 2, .line_spacing = 1.35f}});
        y += head_h + reason_h + m.px(10);
    }
}

void call_member_button(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect r) {
    const bool pressed = ctx.ui.pressed_id == "call";
    dl.add(render::RoundRect{.rect = r, .radius = m.px(22), .fill = pressed ? p.primary_dark : p.primary,
                             .shadow = pressed ? 0.f : m.px(12)});
    const std::string label(tr(Str::call_this_member, ctx.ui.lang));
    const float icon = std::min(r.h * 0.55f, m.px(56));
    const float text_w = std::min(ctx.measurer.text_width(label, m.font(36), render::FontWeight::bold) + m.px(4),
                                  r.w - icon - m.px(48));
    const float x = r.x + (r.w - icon - m.px(14) - text_w) / 2;
    dl.add(render::Icon{.box = {x, r.y + (r.h - icon) / 2, icon, icon}, .name = "phone_in_talk", .color = p.on_primary});
    dl.add(render::Text{.box = {x + icon + m.px(14), r.y, text_w, r.h}, .utf8 = label,
                        .style = {.size = m.font(36), .weight = render::FontWeight::bold, .color = p.on_primary,
                                  .valign = render::VAlign::middle}});
    dl.target("call", r);
}

// Photo, name and the chips that say what kind of member this is.
void identity(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect r, const Member& mem,
              bool stale) {
    const Lang lang = ctx.ui.lang;
    const float name_h = m.font(52) * 1.35f, chip_h = m.font(26) * 1.5f;
    const float photo = std::min({r.w * 0.7f, r.h - name_h - 2 * chip_h - m.px(60), m.px(300)});
    const Rect photo_box{r.x + (r.w - photo) / 2, r.y, photo, photo};
    dl.add(render::Circle{.center = {photo_box.x + photo / 2, photo_box.y + photo / 2}, .radius = photo / 2 + m.px(6),
                          .fill = p.accent});
    dl.add(render::Image{.box = photo_box, .media_key = mem.photo.value_or(""), .corner_radius = photo / 2});
    float y = photo_box.bottom() + m.px(16);
    dl.add(render::Text{.box = {r.x, y, r.w, name_h}, .utf8 = mem.name,
                        .style = {.size = m.font(52), .weight = render::FontWeight::bold, .color = p.text,
                                  .align = render::Align::center, .valign = render::VAlign::middle}});
    y += name_h + m.px(10);

    struct ChipSpec {
        std::string text;
        Color ink;
        bool filled;
    };
    std::vector<ChipSpec> chips{{std::string(role_name(mem.role, lang)), p.primary, true},
                                {std::string(tr(mem.full_time ? Str::full_time : Str::volunteer, lang)), p.primary_dark,
                                 false}};
    if (stale)
        chips.push_back({std::string(tr(Str::stale_hidden, lang)), p.text_muted, false});
    else
        chips.push_back({std::string(tr(mem.on_duty ? Str::on_duty : Str::off_duty, lang)),
                         mem.on_duty ? p.success : p.text_muted, mem.on_duty});
    // The chips share a row when they fit, and wrap to a second one otherwise.
    std::vector<std::vector<std::pair<const ChipSpec*, float>>> lines(1);
    float line_w = 0;
    const float gap = m.px(12);
    for (const ChipSpec& c : chips) {
        const float w = std::min(chip_width(ctx, m, c.text, 26), r.w);
        if (!lines.back().empty() && line_w + gap + w > r.w) lines.emplace_back(), line_w = 0;
        line_w += (lines.back().empty() ? 0 : gap) + w;
        lines.back().push_back({&c, w});
    }
    for (const auto& line : lines) {
        float total = -gap;
        for (const auto& [c, w] : line) total += w + gap;
        float x = r.x + (r.w - total) / 2;
        for (const auto& [c, w] : line) {
            if (y + chip_h <= r.bottom()) chip(dl, m, {x, y, w, chip_h}, c->text, c->ink, c->filled, 26);
            x += w + gap;
        }
        y += chip_h + m.px(10);
    }
}

void contact(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect r, const Member& mem) {
    const float call_h = std::max(m.min_target(), m.px(120));
    const float hint_h = m.font(28) * 1.4f;
    const float qr = std::min({r.w, r.h - call_h - hint_h - m.px(40), m.px(320)});
    const Rect qr_box{r.x + (r.w - qr) / 2, r.y, qr, qr};
    if (!mem.contact_url.empty() && qr > m.px(120)) {
        dl.add(render::QrCode{.box = qr_box, .data = mem.contact_url});
        dl.add(render::Text{.box = {r.x, qr_box.bottom() + m.px(8), r.w, hint_h},
                            .utf8 = std::string(tr(Str::member_qr_hint, ctx.ui.lang)),
                            .style = {.size = m.font(28), .color = p.text, .align = render::Align::center}});
    } else {
        dl.add(render::RoundRect{.rect = qr_box, .radius = m.px(12), .fill = p.background});
        dl.add(render::Text{.box = qr_box.inset(m.px(12)), .utf8 = std::string(tr(Str::member_no_contact, ctx.ui.lang)),
                            .style = {.size = m.font(26), .color = p.text_muted, .align = render::Align::center,
                                      .valign = render::VAlign::middle, .max_lines = 3}});
    }
    call_member_button(dl, ctx, m, p, {r.x, r.bottom() - call_h, r.w, call_h});
}

}  // namespace

DrawList member_screen(const ScreenContext& ctx) {
    DrawList dl;
    const auto [m, p, inside] = page(dl, ctx);
    const Rect body = inside.inset(m.pad());
    const Member* mem = ctx.content->member(ctx.ui.route.param);
    if (!mem) {
        card(dl, body, p, m);
        dl.add(render::Text{.box = body.inset(m.px(40)), .utf8 = std::string(tr(Str::member_gone, ctx.ui.lang)),
                            .style = {.size = m.font(36), .color = p.text_muted, .align = render::Align::center,
                                      .valign = render::VAlign::middle, .max_lines = 3}});
        return dl;
    }
    const bool stale = content_stale(ctx);
    const Lang lang = ctx.ui.lang;
    std::vector<Info> rows;
    rows.push_back({Str::member_role, std::string(role_name(mem->role, lang))});
    const Team* team = ctx.content->team(mem->team_id);
    if (team) rows.push_back({Str::member_team, team->name});
    if (const Grid* g = team ? ctx.content->grid(team->grid_id) : nullptr) {
        std::string where = g->name;
        if (const Community* c = ctx.content->community(g->community_id)) where = c->name + " · " + where;
        rows.push_back({Str::member_grid, where});
    }
    rows.push_back({Str::member_kind, std::string(tr(mem->full_time ? Str::full_time : Str::volunteer, lang))});
    rows.push_back({Str::member_status, std::string(stale ? tr(Str::stale_hidden, lang)
                                                          : tr(mem->on_duty ? Str::on_duty : Str::off_duty, lang))});
    rows.push_back({Str::member_phone, stale || mem->phone_masked.empty() ? std::string(tr(Str::stale_hidden, lang))
                                                                           : mem->phone_masked});

    const float gap = m.pad();
    const float card_pad = m.px(32);
    Rect who, info, reach;
    if (!m.portrait) {
        const float w = body.w - 2 * gap;
        who = {body.x, body.y, std::round(w * 0.30f), body.h};
        info = {who.right() + gap, body.y, std::round(w * 0.42f), body.h};
        reach = {info.right() + gap, body.y, body.right() - info.right() - gap, body.h};
    } else {
        const float who_h = std::round(body.h * 0.36f);
        who = {body.x, body.y, body.w, who_h};
        const float rest = body.h - who_h - gap;
        const float iw = std::round((body.w - gap) * 0.56f);
        info = {body.x, who.bottom() + gap, iw, rest};
        reach = {info.right() + gap, info.y, body.right() - info.right() - gap, rest};
    }
    for (const Rect& r : {who, info, reach}) card(dl, r, p, m);
    identity(dl, ctx, m, p, who.inset(card_pad), *mem, stale);
    const Rect info_in = info.inset(card_pad);
    const float y = info_rows(dl, ctx, m, p, info_in, rows);
    dl.add(render::Line{.from = {info_in.x, y + m.px(10)}, .to = {info_in.right(), y + m.px(10)}, .color = p.divider,
                        .width = m.px(3)});
    honours_list(dl, ctx, m, p, {info_in.x, y + m.px(24), info_in.w, info_in.bottom() - y - m.px(24)}, *mem);
    contact(dl, ctx, m, p, reach.inset(card_pad), *mem);
    return dl;
}

}  // namespace redgrid::kiosk::ui
