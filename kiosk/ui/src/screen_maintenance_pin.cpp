// The maintenance PIN pad: big keys (160x120 px at 1080p, well above the 96 px minimum, for
// a technician in gloves), digits shown only as dots, and while locked out the keys are
// greyed and the time left counts down.
#include "maintenance_screens.h"

namespace redgrid::kiosk::ui {

namespace {

std::string format_wait(std::chrono::seconds s) {
    const long long v = std::max<long long>(0, s.count());
    return std::to_string(v / 60) + ":" + two_digits(static_cast<int>(v % 60));
}

}  // namespace

DrawList maintenance_pin_screen(const ScreenContext& ctx, const MaintenanceView& view) {
    const Metrics m = metrics_for(ctx);
    const MaintPalette p;
    const Lang lang = ctx.ui.lang;
    DrawList dl;
    dl.clear = p.background;
    const bool locked = view.locked_for.has_value();

    // Cancel, top right, away from the keys.
    const float cancel_h = std::max(m.min_target(), m.px(100));
    const float cancel_w = std::max(m.px(240), ctx.measurer.text_width(tr(Str::maint_cancel, lang), m.font(36),
                                                                      render::FontWeight::bold) + m.px(140));
    maint_button(dl, ctx, m, p, maint_ids::pin_cancel, {m.w - m.px(32) - cancel_w, m.px(32), cancel_w, cancel_h}, "close",
                 tr(Str::maint_cancel, lang));

    const float key_w = std::max(m.min_target(), m.px(168)), key_h = std::max(m.min_target(), m.px(120));
    const float gap = m.px(20);
    const float pad_w = 3 * key_w + 2 * gap, pad_h = 4 * key_h + 3 * gap;
    const float title_h = m.font(48) * 1.4f, prompt_h = m.font(32) * 1.5f, field_h = m.px(100),
                message_h = m.font(30) * 1.5f;
    const float total = title_h + prompt_h + m.px(16) + field_h + m.px(12) + message_h + m.px(16) + pad_h;
    float y = std::max(m.px(32) + cancel_h + m.px(16), (m.h - total) / 2);
    if (!m.portrait) y = std::max(m.px(24), (m.h - total) / 2);
    const float cx = m.w / 2;
    const float col_w = std::min(m.w - 2 * m.px(32), std::max(pad_w, m.px(700)));

    const float icon = m.px(52);
    const float title_w = std::min(col_w - icon - m.px(16),
                                   ctx.measurer.text_width(tr(Str::maint_title, lang), m.font(48), render::FontWeight::bold) +
                                       m.px(8));
    const float tx = cx - (icon + m.px(16) + title_w) / 2;
    dl.add(render::Icon{.box = {tx, y + (title_h - icon) / 2, icon, icon}, .name = "lock", .color = p.accent_bright});
    dl.add(render::Text{.box = {tx + icon + m.px(16), y, title_w, title_h}, .utf8 = std::string(tr(Str::maint_title, lang)),
                        .style = {.size = m.font(48), .weight = render::FontWeight::bold, .color = p.text,
                                  .valign = render::VAlign::middle}});
    y += title_h;
    dl.add(render::Text{.box = {cx - col_w / 2, y, col_w, prompt_h}, .utf8 = std::string(tr(Str::maint_pin_prompt, lang)),
                        .style = {.size = m.font(32), .color = p.muted, .align = render::Align::center,
                                  .valign = render::VAlign::middle}});
    y += prompt_h + m.px(16);

    // The field: one dot per digit typed, never the digit.
    const Rect field{cx - pad_w / 2, y, pad_w, field_h};
    dl.add(render::RoundRect{.rect = field, .radius = m.px(16), .fill = p.panel,
                             .stroke = view.wrong_pin ? p.bad : p.divider, .stroke_width = m.px(3)});
    const float dot_r = m.px(14), dot_gap = m.px(40);
    const float dots_w = static_cast<float>(view.digits) * dot_gap;
    for (std::size_t i = 0; i < view.digits; ++i)
        dl.add(render::Circle{.center = {cx - dots_w / 2 + dot_gap * (static_cast<float>(i) + 0.5f), y + field_h / 2},
                              .radius = dot_r, .fill = p.text});
    y += field_h + m.px(12);

    std::string message;
    Color message_color = p.bad;
    if (locked) message = tr_fill(Str::maint_pin_locked, lang, {format_wait(*view.locked_for)});
    else if (view.wrong_pin) message = tr_fill(Str::maint_pin_wrong, lang, {std::to_string(view.tries_left)});
    if (!message.empty())
        dl.add(render::Text{.box = {cx - col_w / 2, y, col_w, message_h}, .utf8 = message,
                            .style = {.size = m.font(30), .weight = render::FontWeight::bold, .color = message_color,
                                      .align = render::Align::center, .valign = render::VAlign::middle}});
    y += message_h + m.px(16);

    // 1 2 3 / 4 5 6 / 7 8 9 / delete 0 OK, as on a phone.
    const char* keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "ok"};
    for (int i = 0; i < 12; ++i) {
        const Rect r{cx - pad_w / 2 + static_cast<float>(i % 3) * (key_w + gap), y + static_cast<float>(i / 3) * (key_h + gap),
                     key_w, key_h};
        const std::string key = keys[i];
        const std::string id = std::string(maint_ids::digit_prefix) + key;
        if (key == "del") {
            maint_button(dl, ctx, m, p, id, r, "backspace", "", MaintButtonKind::normal, !locked && view.digits > 0);
        } else if (key == "ok") {
            maint_button(dl, ctx, m, p, id, r, "", tr(Str::maint_pin_ok, lang), MaintButtonKind::primary,
                         !locked && view.digits > 0);
        } else {
            const bool pressed = !locked && ctx.ui.pressed_id == id;
            dl.add(render::RoundRect{.rect = r, .radius = m.px(18), .fill = pressed ? p.panel_pressed : locked ? p.background : p.panel,
                                     .stroke = p.divider, .stroke_width = m.px(3)});
            dl.add(render::Text{.box = r, .utf8 = key,
                                .style = {.size = m.font(56), .weight = render::FontWeight::bold,
                                          .color = locked ? p.muted : p.text, .align = render::Align::center,
                                          .valign = render::VAlign::middle}});
            if (!locked) dl.target(id, r);
        }
    }
    return dl;
}

}  // namespace redgrid::kiosk::ui
