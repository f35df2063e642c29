// Screens with little of their own: the router, the nav bar, "waiting for content", and the
// placeholder shown for a screen whose content issue has not landed yet.
#include "call_screens.h"
#include "layout.h"
#include "maintenance_screens.h"
#include "page.h"
#include "redgrid/kiosk/ui/call_flow.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "screens.h"

namespace redgrid::kiosk::ui {

Rect nav_bar(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, float top) {
    const float h = std::max(m.min_target(), m.px(112)) + m.pad() * 2;
    const Rect bar{0, m.h - h, m.w, h};
    dl.add(render::RoundRect{.rect = bar, .fill = p.surface, .shadow = m.px(12)});
    const float bh = h - m.pad() * 2;
    const float bw = std::max(m.px(240), bh * 2);
    const Lang lang = ctx.ui.lang;
    struct Button {
        const char* id;
        const char* icon;
        Str label;
        bool right;
    };
    const Button buttons[] = {{"back", "arrow_back", Str::back, false},
                              {"home", "home", Str::home, false},
                              {"lang", "translate", Str::language_switch, true},
                              {"large_text", "text_fields", Str::large_text, true}};
    float left_x = m.pad(), right_x = m.w - m.pad();
    for (const Button& b : buttons) {
        // Wide enough for its label in either language and text size (as tile() lays it out).
        const float label_w = ctx.measurer.text_width(tr(b.label, lang), m.font(30), render::FontWeight::bold);
        const float w = std::max(bw, std::min(label_w + std::min(bh * 0.5f, m.px(52)) + m.px(12) * 3, m.w / 4 - m.pad()));
        Rect r{b.right ? right_x - w : left_x, bar.y + m.pad(), w, bh};
        if (b.right) right_x -= w + m.pad(); else left_x += w + m.pad();
        const bool active = std::string_view(b.id) == "large_text" && ctx.ui.large_text;
        tile(dl, ctx, m, p, b.id, r, b.icon, tr(b.label, lang), active);
    }
    if (dl.stage.h > 0) dl.stage.h = bar.y - dl.stage.y;
    return {0, top, m.w, bar.y - top};
}

DrawList placeholder_screen(const ScreenContext& ctx, Str title, Str body) {
    DrawList dl;
    const auto [m, p, inside] = page(dl, ctx);
    const Rect area = inside.inset(m.pad() * 2);
    card(dl, area, p, m);
    const Rect inner = area.inset(m.px(48));
    dl.add(render::Text{.box = {inner.x, inner.y, inner.w, m.font(56) * 1.4f}, .utf8 = std::string(tr(title, ctx.ui.lang)),
                        .style = {.size = m.font(52), .weight = render::FontWeight::bold, .color = p.primary_dark}});
    dl.add(render::Text{.box = {inner.x, inner.y + m.font(56) * 1.6f, inner.w, inner.h - m.font(56) * 1.6f},
                        .utf8 = std::string(tr(body, ctx.ui.lang)),
                        .style = {.size = m.font(36), .color = p.text, .max_lines = 8}});
    return dl;
}

DrawList waiting_screen(const ScreenContext& ctx) {
    DrawList dl;
    const auto [m, p, inside] = page(dl, ctx, NavBar::hidden);
    const float top = inside.y;
    dl.add(render::Text{.box = {m.pad(), top + (m.h - top) / 2 - m.font(40), m.w - 2 * m.pad(), m.font(40) * 2.6f},
                        .utf8 = std::string(tr(Str::waiting_for_content, ctx.ui.lang)),
                        .style = {.size = m.font(40), .color = p.text, .align = render::Align::center, .max_lines = 2}});
    return dl;
}

}  // namespace redgrid::kiosk::ui

namespace redgrid::kiosk {

namespace {

// The hidden way in for technicians: a target over the header's top-left corner (the
// emblem, which does nothing else), held for MaintenanceOptions::hold. Nothing is drawn.
render::DrawList with_corner(const ScreenContext& ctx, render::DrawList dl) {
    if (!ctx.maintenance_corner) return dl;
    const ui::Metrics m = ui::metrics_for(ctx);
    const float side = m.px(112);
    dl.target(std::string(maint_ids::corner), {0, 0, side, side});
    return dl;
}

}  // namespace

render::DrawList build_screen(const ScreenContext& ctx) {
    // The maintenance screen needs no content: a screen without any is when it matters most.
    if (ctx.ui.route.screen == ScreenId::maintenance) return ui::maintenance_screen(ctx);
    if (!ctx.content) return with_corner(ctx, ui::waiting_screen(ctx));
    switch (ctx.ui.route.screen) {
        case ScreenId::home: return with_corner(ctx, ui::home_screen(ctx));
        case ScreenId::notices: return ui::notices_screen(ctx);
        case ScreenId::notice: return ui::notice_screen(ctx);
        case ScreenId::member: return ui::member_screen(ctx);
        case ScreenId::members: return ui::members_screen(ctx);
        case ScreenId::services: return ui::services_screen(ctx);
        case ScreenId::honours: return ui::honours_screen(ctx);
        case ScreenId::activities: return ui::activities_screen(ctx);
        case ScreenId::activity: return ui::activity_screen(ctx);
        case ScreenId::map: return ui::map_screen(ctx);
        case ScreenId::grid: return ui::grid_screen(ctx);
        case ScreenId::attract: return ui::attract_screen(ctx);
        case ScreenId::call:
        case ScreenId::calling:
        case ScreenId::coming:
        case ScreenId::rating:
            // Drawn from the call flow's state; with no flow under way there is nothing to show.
            if (ctx.call && ctx.call->step != CallStep::idle) return ui::call_flow_screen(ctx, *ctx.call);
            return ui::home_screen(ctx);
        default: return ui::placeholder_screen(ctx, Str::screen_coming_title, Str::screen_coming_body);
    }
}

}  // namespace redgrid::kiosk
