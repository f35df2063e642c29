// Rating the member who helped: five large stars, up to two tags, one tap to send; then a
// thank-you. Anonymous: nothing about the resident is asked or stored.
#include "call_screens.h"
#include "call_strings.h"

namespace redgrid::kiosk::ui {
namespace {

std::string s(CallStr key, const ScreenContext& ctx) { return std::string(tr(key, ctx.ui.lang)); }

void thanks(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect inner) {
    const float bh = flow_button_height(m);
    const Rect buttons{inner.x, inner.bottom() - bh, inner.w, bh};
    const float d = m.px(220);
    const float title_h = m.font(60) * 1.4f, body_h = m.font(36) * 1.4f;
    const float block = d + m.px(32) + title_h + body_h;
    const float y = inner.y + std::max(0.f, (buttons.y - inner.y - block) / 2);
    const Point c{inner.x + inner.w / 2, y + d / 2};
    dl.add(render::Circle{.center = c, .radius = d / 2, .fill = p.success, .shadow = m.px(10)});
    dl.add(render::Icon{.box = {c.x - d * 0.32f, c.y - d * 0.32f, d * 0.64f, d * 0.64f}, .name = "check",
                        .color = p.on_primary});
    dl.add(render::Text{.box = {inner.x, y + d + m.px(32), inner.w, title_h}, .utf8 = s(CallStr::thanks_title, ctx),
                        .style = {.size = m.font(60), .weight = render::FontWeight::bold, .color = p.primary_dark,
                                  .align = render::Align::center}});
    dl.add(render::Text{.box = {inner.x, y + d + m.px(32) + title_h, inner.w, body_h}, .utf8 = s(CallStr::thanks_body, ctx),
                        .style = {.size = m.font(36), .color = p.text, .align = render::Align::center}});
    const FlowButton b[] = {{call_ids::done, "home", s(CallStr::home_button, ctx), true}};
    flow_buttons(dl, ctx, m, p, buttons, b);
}

}  // namespace

DrawList rating_screen(const ScreenContext& ctx, const CallFlowView& view) {
    DrawList dl;
    const auto [m, p, inner] = flow_page(dl, ctx);
    if (view.step == CallStep::thanks) {
        thanks(dl, ctx, m, p, inner);
        return dl;
    }
    const float bh = flow_button_height(m);
    const Rect buttons{inner.x, inner.bottom() - bh, inner.w, bh};
    const Lang lang = ctx.ui.lang;

    // Who helped: photo and "X has arrived" (or "the help is done"), then the question.
    const DispatchedMember member = view.member.value_or(DispatchedMember{});
    const float photo = m.px(m.portrait ? 150 : 130);
    float y = inner.y;
    member_photo(dl, p, {inner.x, y, photo, photo}, member.photo);
    const float tx = inner.x + photo + m.px(32);
    const float title_h = m.font(50) * 1.35f, question_h = m.font(36) * 1.35f;
    const std::string title = view.arrived && !member.name.empty()
                                  ? tr_fill(CallStr::rating_title_arrived, lang, member.name)
                                  : s(CallStr::rating_title_closed, ctx);
    const float ty = y + std::max(0.f, (photo - title_h - question_h) / 2);
    dl.add(render::Text{.box = {tx, ty, inner.right() - tx, title_h}, .utf8 = title,
                        .style = {.size = m.font(50), .weight = render::FontWeight::bold, .color = p.primary_dark}});
    // A refused save is said where the question was, in the screen's strongest colour.
    dl.add(render::Text{.box = {tx, ty + title_h, inner.right() - tx, question_h},
                        .utf8 = s(view.save_error ? CallStr::save_failed : CallStr::rating_question, ctx),
                        .style = {.size = m.font(36), .weight = view.save_error ? render::FontWeight::bold
                                                                                : render::FontWeight::regular,
                                  .color = view.save_error ? p.primary : p.text}});
    y += std::max(photo, title_h + question_h) + m.px(m.portrait ? 60 : 20);

    // Tags: chips at least a finger high, laid out first so that the stars get what is left.
    const float chip_h = m.min_target();
    const float gap = m.px(24);
    struct Placed {
        std::string_view key;
        std::string label;
        float w;
    };
    std::vector<std::vector<Placed>> lines(1);
    float line_w = 0;
    for (std::string_view key : kRatingTagKeys) {
        std::string label(rating_tag_label(key, lang));
        const float w = std::max(m.px(180), chip_width(ctx, m, label, 34) + m.px(40));
        if (!lines.back().empty() && line_w + gap + w > inner.w) lines.emplace_back(), line_w = 0;
        line_w += (lines.back().empty() ? 0 : gap) + w;
        lines.back().push_back({key, std::move(label), w});
    }
    const float section_gap = m.px(m.portrait ? 60 : 20);
    const float chips_h = static_cast<float>(lines.size()) * (chip_h + m.px(16)) - m.px(16);
    const float hint_h = m.font(28) * 1.4f + m.px(12);
    const float room = buttons.y - section_gap - y;
    // The hint ("optional, up to two") goes first when space is short: the chips say it too.
    const bool show_hint = room - chips_h - hint_h - section_gap >= m.min_target();
    const float star = std::clamp(room - chips_h - (show_hint ? hint_h : 0) - section_gap, m.min_target(),
                                  m.px(m.portrait ? 150 : 128));

    // Five stars, each its own big target.
    const float star_gap = m.px(m.portrait ? 28 : 36);
    float x = inner.x + (inner.w - (5 * star + 4 * star_gap)) / 2;
    for (int n = 1; n <= 5; ++n) {
        const std::string id = std::string(call_ids::star_prefix) + std::to_string(n);
        const Rect r{x, y, star, star};
        x += star + star_gap;
        const bool lit = n <= view.stars;
        if (ctx.ui.pressed_id == id) dl.add(render::Circle{.center = {r.x + star / 2, r.y + star / 2}, .radius = star / 2,
                                                           .fill = p.accent.with_alpha(90)});
        dl.add(render::Icon{.box = r, .name = lit ? "star" : "star_border", .color = lit ? p.accent_ink : p.text_muted});
        dl.target(id, r);
    }
    y += star + section_gap;

    if (show_hint) {
        dl.add(render::Text{.box = {inner.x, y, inner.w, hint_h - m.px(12)}, .utf8 = s(CallStr::rating_tags_hint, ctx),
                            .style = {.size = m.font(28), .color = p.text_muted, .align = render::Align::center}});
        y += hint_h;
    }
    // Once two are chosen the others are shown unavailable.
    const bool full = view.tags.size() >= kMaxRatingTags;
    for (const auto& line : lines) {
        float total = -gap;
        for (const auto& c : line) total += c.w + gap;
        float cx = inner.x + (inner.w - total) / 2;
        for (const auto& c : line) {
            const bool chosen = std::find(view.tags.begin(), view.tags.end(), c.key) != view.tags.end();
            const Rect r{cx, y, c.w, chip_h};
            cx += c.w + gap;
            const std::string id = std::string(call_ids::tag_prefix) + std::string(c.key);
            const bool available = chosen || !full;
            const Color ink = available ? p.primary : p.text_muted;
            chip(dl, m, r, c.label, ctx.ui.pressed_id == id ? p.primary_dark : ink, chosen, 34);
            if (available) dl.target(id, r);
        }
        y += chip_h + m.px(16);
    }

    const FlowButton b[] = {{call_ids::skip, "close", s(CallStr::skip, ctx)},
                            {call_ids::submit, "send", s(CallStr::submit, ctx), true, view.stars > 0}};
    flow_buttons(dl, ctx, m, p, buttons, b);
    return dl;
}

}  // namespace redgrid::kiosk::ui
