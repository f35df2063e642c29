// The call screens: the confirm step (or the cooldown note), "calling", the failed and
// cancelled messages, and "a member is coming". Every button is at least 96 px at 1080p and
// the one that stops a call is as big as the one that starts it.
#include "call_screens.h"
#include "call_strings.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "screens.h"

namespace redgrid::kiosk::ui {

float flow_button_height(const Metrics& m) { return std::max(m.min_target(), m.px(128)); }

void flow_buttons(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect area,
                  std::span<const FlowButton> buttons) {
    if (buttons.empty()) return;
    const float gap = m.px(32);
    const float n = static_cast<float>(buttons.size());
    const float w = std::min(m.px(620), (area.w - gap * (n - 1)) / n);
    float x = area.x + (area.w - (w * n + gap * (n - 1))) / 2;
    for (const FlowButton& b : buttons) {
        const Rect r{x, area.y, w, area.h};
        x += w + gap;
        const std::string id(b.id);
        const bool pressed = b.enabled && ctx.ui.pressed_id == id;
        const Color fill = !b.primary ? (pressed ? p.divider : p.surface)
                                      : !b.enabled ? p.divider : pressed ? p.primary_dark : p.primary;
        const Color ink = b.primary ? (b.enabled ? p.on_primary : p.text_muted) : p.primary_dark;
        dl.add(render::RoundRect{.rect = r, .radius = m.px(24), .fill = fill, .stroke = b.primary ? fill : p.primary_dark,
                                 .stroke_width = b.primary ? 0 : m.px(4), .shadow = pressed || !b.enabled ? 0 : m.px(10)});
        const float icon = std::min(r.h * 0.5f, m.px(60));
        const render::TextStyle style{.size = m.font(40), .weight = render::FontWeight::bold, .color = ink,
                                      .valign = render::VAlign::middle};
        const float text_w = std::min(ctx.measurer.text_width(b.label, style.size, style.weight) + m.px(4),
                                      r.w - icon - m.px(56));
        const float x0 = r.x + (r.w - icon - m.px(16) - text_w) / 2;
        dl.add(render::Icon{.box = {x0, r.y + (r.h - icon) / 2, icon, icon}, .name = std::string(b.icon), .color = ink});
        dl.add(render::Text{.box = {x0 + icon + m.px(16), r.y, text_w, r.h}, .utf8 = b.label, .style = style});
        if (b.enabled) dl.target(id, r);
    }
}

void member_photo(DrawList& dl, const Palette& p, Rect box, const std::optional<std::string>& photo) {
    const float r = std::min(box.w, box.h) / 2;
    const Point c{box.x + box.w / 2, box.y + box.h / 2};
    dl.add(render::Circle{.center = c, .radius = r + 4, .fill = p.accent});
    if (photo && !photo->empty()) {
        dl.add(render::Image{.box = {c.x - r, c.y - r, 2 * r, 2 * r}, .media_key = *photo, .corner_radius = r});
        return;
    }
    dl.add(render::Circle{.center = c, .radius = r, .fill = p.divider});
    dl.add(render::Icon{.box = {c.x - r * 0.7f, c.y - r * 0.7f, r * 1.4f, r * 1.4f}, .name = "person", .color = p.text_muted});
}

PageFrame flow_page(DrawList& dl, const ScreenContext& ctx) {
    PageFrame frame = page(dl, ctx);
    const Rect body = frame.inside.inset(frame.m.pad());
    card(dl, body, frame.p, frame.m);
    frame.inside = body.inset(frame.m.px(40));
    return frame;
}

namespace {

std::string s(CallStr key, const ScreenContext& ctx) { return std::string(tr(key, ctx.ui.lang)); }

// Lines text needs at size in width w, estimated from its measured width (with one line of
// slack once it wraps, since breaks do not fall exactly at the edge), at most max_lines.
int lines_for(const ScreenContext& ctx, std::string_view text, float size, render::FontWeight weight, float w,
              int max_lines) {
    const float width = ctx.measurer.text_width(text, size, weight);
    if (width <= w) return 1;
    return std::min(max_lines, static_cast<int>(std::ceil(width / w)) + 1);
}

// A message: a round badge with an icon, a title and a body, side by side in landscape and
// stacked in portrait, as tall as its text needs (up to max_h). Returns the area under it.
Rect message(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect area,
             std::string_view icon, Color badge, const std::string& title, const std::string& body, float max_h,
             float badge_px = 220) {
    const float title_size = m.font(m.portrait ? 48 : 54), body_size = m.font(34);
    const float d = std::min(m.px(m.portrait ? std::min(badge_px, 200.f) : badge_px), max_h);
    const float text_w = m.portrait ? area.w : area.w - d - m.px(48);
    const int title_lines = lines_for(ctx, title, title_size, render::FontWeight::bold, text_w, 2);
    const int body_lines = body.empty() ? 0 : lines_for(ctx, body, body_size, render::FontWeight::regular, text_w, 4);
    const float title_h = title_size * 1.35f * static_cast<float>(title_lines);
    const float body_h = body_lines ? m.px(12) + body_size * 1.35f * static_cast<float>(body_lines) : 0;
    const float h = std::min(max_h, m.portrait ? d + m.px(24) + title_h + body_h : std::max(d, title_h + body_h));
    Rect text;
    Point c;
    if (m.portrait) {
        c = {area.x + area.w / 2, area.y + d / 2};
        text = {area.x, area.y + d + m.px(24), area.w, h - d - m.px(24)};
    } else {
        c = {area.x + d / 2, area.y + h / 2};
        text = {area.x + d + m.px(48), area.y + (h - title_h - body_h) / 2, text_w, title_h + body_h};
    }
    dl.add(render::Circle{.center = c, .radius = d / 2, .fill = badge, .shadow = m.px(10)});
    dl.add(render::Icon{.box = {c.x - d * 0.3f, c.y - d * 0.3f, d * 0.6f, d * 0.6f}, .name = std::string(icon),
                        .color = p.on_primary});
    const render::Align align = m.portrait ? render::Align::center : render::Align::left;
    dl.add(render::Text{.box = {text.x, text.y, text.w, title_h}, .utf8 = title,
                        .style = {.size = title_size, .weight = render::FontWeight::bold, .color = p.primary_dark,
                                  .align = align, .valign = render::VAlign::middle, .max_lines = title_lines}});
    if (body_lines)
        dl.add(render::Text{.box = {text.x, text.y + title_h + m.px(12), text.w, body_h - m.px(12)}, .utf8 = body,
                            .style = {.size = body_size, .color = p.text, .align = align, .max_lines = body_lines}});
    return {area.x, area.y + h + m.px(24), area.w, area.h - h - m.px(24)};
}

Rect buttons_area(const Metrics& m, Rect inner) {
    const float bh = flow_button_height(m);
    return {inner.x, inner.bottom() - bh, inner.w, bh};
}

// The grid's nearest on-duty member: photo, name, phone, and a QR code of their contact.
void contact_card(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect area,
                  const std::optional<Member>& contact) {
    if (area.h < m.px(120)) return;
    dl.add(render::RoundRect{.rect = area, .radius = m.px(20), .fill = p.background});
    const Rect in = area.inset(m.px(24));
    if (!contact) {
        dl.add(render::Text{.box = in, .utf8 = s(CallStr::failed_no_contact, ctx),
                            .style = {.size = m.font(34), .color = p.text, .align = render::Align::center,
                                      .valign = render::VAlign::middle, .max_lines = 3}});
        return;
    }
    const Member& mem = *contact;
    const Lang lang = ctx.ui.lang;
    std::string detail(role_name(mem.role, lang));
    if (ctx.content)
        if (const Team* team = ctx.content->team(mem.team_id)) detail += " · " + team->name;
    const bool stale = content_stale(ctx);
    const std::string phone = stale || mem.phone_masked.empty() ? std::string(tr(Str::stale_hidden, lang))
                                                                : mem.phone_masked;
    const float name_h = m.font(48) * 1.3f, detail_h = m.font(28) * 1.3f, phone_h = m.font(48) * 1.3f;
    const float person_h = name_h + detail_h + m.px(16) + phone_h;
    const std::string hint = s(CallStr::scan_to_contact, ctx);
    const float hint_h = m.font(26) * 1.4f;
    // Portrait: the person across the top and the QR code under it; landscape: side by side.
    const float qr = m.portrait ? std::min(in.h - person_h - m.px(24) - hint_h, m.px(320))
                                : std::min(in.h - hint_h, m.px(300));
    const bool show_qr = !mem.contact_url.empty() && qr >= m.px(120);
    const float qr_w = !show_qr || m.portrait ? 0
                           : std::max(qr, ctx.measurer.text_width(hint, m.font(26), render::FontWeight::regular));
    const Rect person{in.x, in.y, in.w - (qr_w > 0 ? qr_w + m.px(32) : 0), m.portrait ? person_h : in.h};
    const float photo = std::min(person.h, m.px(m.portrait ? 150 : 200));
    member_photo(dl, p, {person.x, person.y + (person.h - photo) / 2, photo, photo}, mem.photo);
    const float x = person.x + photo + m.px(32);
    const float w = person.right() - x;
    float y = person.y + std::max(0.f, (person.h - person_h) / 2);
    dl.add(render::Text{.box = {x, y, w, name_h}, .utf8 = mem.name,
                        .style = {.size = m.font(46), .weight = render::FontWeight::bold, .color = p.text}});
    y += name_h;
    dl.add(render::Text{.box = {x, y, w, detail_h}, .utf8 = detail, .style = {.size = m.font(28), .color = p.text_muted}});
    y += detail_h + m.px(16);
    const float icon = m.font(44);
    dl.add(render::Icon{.box = {x, y + (phone_h - icon) / 2, icon, icon}, .name = "call", .color = p.primary});
    dl.add(render::Text{.box = {x + icon + m.px(12), y, w - icon - m.px(12), phone_h}, .utf8 = phone,
                        .style = {.size = m.font(46), .weight = render::FontWeight::bold, .color = p.primary_dark,
                                  .valign = render::VAlign::middle}});
    if (!show_qr) return;
    const Rect column = m.portrait ? Rect{in.x, person.bottom() + m.px(24), in.w, qr + hint_h}
                                   : Rect{in.right() - qr_w, in.y + (in.h - qr - hint_h) / 2, qr_w, qr + hint_h};
    const Rect box{column.x + (column.w - qr) / 2, column.y, qr, qr};
    dl.add(render::QrCode{.box = box, .data = mem.contact_url});
    dl.add(render::Text{.box = {column.x, box.bottom(), column.w, hint_h}, .utf8 = hint,
                        .style = {.size = m.font(26), .color = p.text, .align = render::Align::center}});
}

}  // namespace

DrawList call_screen(const ScreenContext& ctx, const CallFlowView& view) {
    DrawList dl;
    const auto [m, p, inner] = flow_page(dl, ctx);
    const Rect buttons = buttons_area(m, inner);
    const float room = buttons.y - inner.y - m.px(24);
    if (view.step == CallStep::cooldown) {
        const Rect rest = message(dl, ctx, m, p, inner, "hourglass_top", p.accent, s(CallStr::cooldown_title, ctx),
                                  s(CallStr::cooldown_body, ctx), room);
        if (rest.bottom() > rest.y)
            dl.add(render::Text{.box = {rest.x, rest.y, rest.w, std::min(rest.h, buttons.y - rest.y)},
                                .utf8 = tr_fill(CallStr::cooldown_left, ctx.ui.lang, std::to_string(view.cooldown_left_s)),
                                .style = {.size = m.font(56), .weight = render::FontWeight::bold, .color = p.primary,
                                          .align = render::Align::center, .valign = render::VAlign::middle}});
        const FlowButton b[] = {{call_ids::cancel, "arrow_back", s(CallStr::back_button, ctx)}};
        flow_buttons(dl, ctx, m, p, buttons, b);
        return dl;
    }
    const Rect rest = message(dl, ctx, m, p, inner, "phone_in_talk", p.primary, s(CallStr::confirm_title, ctx),
                              s(CallStr::confirm_body, ctx), room);
    // Which grid's members will be asked: the kiosk's own, by its branch.
    if (ctx.content && rest.h > m.font(30) * 1.4f)
        if (const Grid* g = ctx.content->grid(ctx.content->bundle().place.grid_id)) {
            const float x = m.portrait ? rest.x : rest.x + std::min(m.px(220), room) + m.px(48);
            dl.add(render::Text{.box = {x, rest.y, rest.right() - x, m.font(30) * 1.4f},
                                .utf8 = s(CallStr::confirm_grid, ctx) + g->name + " · " + g->branch,
                                .style = {.size = m.font(30), .color = p.text_muted,
                                          .align = m.portrait ? render::Align::center : render::Align::left}});
        }
    const FlowButton b[] = {{call_ids::cancel, "close", s(CallStr::cancel_button, ctx)},
                            {call_ids::confirm, "phone_in_talk", s(CallStr::confirm_button, ctx), true}};
    flow_buttons(dl, ctx, m, p, buttons, b);
    return dl;
}

DrawList calling_screen(const ScreenContext& ctx, const CallFlowView& view) {
    DrawList dl;
    const auto [m, p, inner] = flow_page(dl, ctx);
    const Rect buttons = buttons_area(m, inner);
    const float room = buttons.y - inner.y - m.px(24);
    std::vector<FlowButton> b;
    if (view.step == CallStep::cancelled) {
        message(dl, ctx, m, p, inner, "call_end", p.text_muted, s(CallStr::cancelled_title, ctx),
                s(CallStr::cancelled_body, ctx), room);
        b.push_back({call_ids::done, "home", s(CallStr::home_button, ctx), true});
    } else if (view.step == CallStep::failed) {
        CallStr title = CallStr::failed_error_title;
        std::string_view icon = "error";
        switch (view.fail_reason) {
            case FailReason::offline:
                title = view.still_trying ? CallStr::failed_offline_trying : CallStr::failed_offline_title;
                icon = "wifi_off";
                break;
            case FailReason::refused: title = CallStr::failed_refused_title; icon = "person_off"; break;
            case FailReason::expired: title = CallStr::failed_expired_title; icon = "schedule"; break;
            case FailReason::error: break;
        }
        const Rect rest = message(dl, ctx, m, p, inner, icon, p.primary_dark, s(title, ctx),
                                  s(CallStr::failed_contact, ctx), room * 0.5f, 150);
        contact_card(dl, ctx, m, p, {rest.x, rest.y, rest.w, buttons.y - m.px(24) - rest.y}, view.contact);
        if (view.can_cancel) b.push_back({call_ids::cancel, "call_end", s(CallStr::cancel_call, ctx)});
        else b.push_back({call_ids::done, "home", s(CallStr::home_button, ctx), true});
    } else {
        message(dl, ctx, m, p, inner, view.escalated ? "support_agent" : "ring_volume", p.primary,
                s(view.escalated ? CallStr::escalated_title : CallStr::calling_title, ctx),
                s(view.escalated ? CallStr::escalated_body : CallStr::calling_body, ctx), room);
        if (view.can_cancel) b.push_back({call_ids::cancel, "call_end", s(CallStr::cancel_call, ctx)});
    }
    flow_buttons(dl, ctx, m, p, buttons, b);
    return dl;
}

DrawList coming_screen(const ScreenContext& ctx, const CallFlowView& view) {
    DrawList dl;
    const auto [m, p, inner] = flow_page(dl, ctx);
    const Rect buttons = buttons_area(m, inner);
    const Rect area{inner.x, inner.y, inner.w, buttons.y - m.px(24) - inner.y};
    const DispatchedMember member = view.member.value_or(DispatchedMember{});
    std::string detail;
    if (ctx.content)
        if (const Member* mem = ctx.content->member(member.id)) {
            detail = std::string(role_name(mem->role, ctx.ui.lang));
            if (const Team* team = ctx.content->team(mem->team_id)) detail += " · " + team->name;
        }
    const float name_h = m.font(56) * 1.3f, detail_h = m.font(30) * 1.3f;
    Rect person, info;
    if (m.portrait) {
        person = {area.x, area.y, area.w, area.h * 0.55f};
        info = {area.x, person.bottom() + m.px(16), area.w, area.bottom() - person.bottom() - m.px(16)};
    } else {
        person = {area.x, area.y, area.w * 0.4f, area.h};
        info = {person.right() + m.px(40), area.y, area.right() - person.right() - m.px(40), area.h};
    }
    const float d = std::min({person.w, person.h - name_h - detail_h - m.px(24), m.px(m.portrait ? 420 : 380)});
    const float block = d + m.px(24) + name_h + detail_h;
    const float py = person.y + (person.h - block) / 2;
    member_photo(dl, p, {person.x + (person.w - d) / 2, py, d, d}, member.photo);
    dl.add(render::Text{.box = {person.x, py + d + m.px(24), person.w, name_h}, .utf8 = member.name,
                        .style = {.size = m.font(56), .weight = render::FontWeight::bold, .color = p.text,
                                  .align = render::Align::center}});
    dl.add(render::Text{.box = {person.x, py + d + m.px(24) + name_h, person.w, detail_h}, .utf8 = detail,
                        .style = {.size = m.font(30), .color = p.text_muted, .align = render::Align::center}});

    const render::Align align = m.portrait ? render::Align::center : render::Align::left;
    const float title_h = m.font(52) * 1.35f * (m.portrait ? 1 : 2), eta_h = m.font(80) * 1.3f, wait_h = m.font(36) * 1.4f;
    float y = info.y + std::max(0.f, (info.h - title_h - eta_h - wait_h - m.px(40)) / 2);
    dl.add(render::Text{.box = {info.x, y, info.w, title_h}, .utf8 = s(CallStr::coming_title, ctx),
                        .style = {.size = m.font(52), .weight = render::FontWeight::bold, .color = p.primary_dark,
                                  .align = align, .valign = render::VAlign::middle, .max_lines = 2}});
    y += title_h + m.px(20);
    dl.add(render::Text{.box = {info.x, y, info.w, eta_h},
                        .utf8 = tr_fill(CallStr::coming_eta, ctx.ui.lang, std::to_string(view.eta_left_minutes)),
                        .style = {.size = m.font(80), .weight = render::FontWeight::bold, .color = p.primary,
                                  .align = align}});
    y += eta_h + m.px(20);
    dl.add(render::Text{.box = {info.x, y, info.w, wait_h}, .utf8 = s(CallStr::coming_wait, ctx),
                        .style = {.size = m.font(36), .color = p.text, .align = align}});
    std::vector<FlowButton> b;
    if (view.can_cancel) b.push_back({call_ids::cancel, "call_end", s(CallStr::cancel_call, ctx)});
    flow_buttons(dl, ctx, m, p, buttons, b);
    return dl;
}

DrawList call_flow_screen(const ScreenContext& ctx, const CallFlowView& view) {
    switch (view.step) {
        case CallStep::confirm:
        case CallStep::cooldown: return call_screen(ctx, view);
        case CallStep::calling:
        case CallStep::failed:
        case CallStep::cancelled: return calling_screen(ctx, view);
        case CallStep::coming: return coming_screen(ctx, view);
        case CallStep::rating:
        case CallStep::thanks: return rating_screen(ctx, view);
        case CallStep::idle: break;
    }
    return home_screen(ctx);  // idle: nothing of the flow to show
}

}  // namespace redgrid::kiosk::ui
