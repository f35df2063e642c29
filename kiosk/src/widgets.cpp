#include <chrono>
#include <cstdio>

#include "layout.h"
#include "redgrid/kiosk/content_index.h"

namespace redgrid::kiosk::ui {

Metrics metrics_for(const ScreenContext& ctx) {
    Metrics m;
    m.w = ctx.width;
    m.h = ctx.height;
    m.portrait = ctx.height > ctx.width;
    m.u = m.portrait ? std::min(ctx.width / 1080.f, ctx.height / 1920.f)
                     : std::min(ctx.width / 1920.f, ctx.height / 1080.f);
    m.large = ctx.ui.large_text;
    return m;
}

Palette palette_for(const ScreenContext& ctx) {
    const Theme theme = ctx.content ? ctx.content->bundle().theme : Theme{};
    Palette p;
    p.primary = Color::rgba(theme.primary);
    p.primary_dark = Color::rgba(theme.primary_dark);
    p.accent = Color::rgba(theme.accent);
    p.background = Color::rgba(theme.background);
    p.surface = Color::rgba(theme.surface);
    p.text = Color::rgba(theme.text);
    p.text_muted = Color::rgba(theme.text_muted);
    return p;
}

LocalTime local_time(std::chrono::system_clock::time_point t, int utc_offset_minutes) {
    using namespace std::chrono;
    const auto local = floor<seconds>(t) + minutes(utc_offset_minutes);
    const auto day = floor<days>(local);
    const year_month_day ymd{day};
    const hh_mm_ss hms{local - day};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(hms.hours().count()),
            static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
            static_cast<int>(weekday{day}.c_encoding())};
}

std::string two_digits(int v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}

void card(DrawList& dl, Rect r, const Palette& p, const Metrics& m) {
    dl.add(render::RoundRect{.rect = r, .radius = m.px(20), .fill = p.surface, .shadow = m.px(14)});
}

float header(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p) {
    const float h = m.px(m.portrait ? 150 : 124);
    const Lang lang = ctx.ui.lang;
    dl.add(render::RoundRect{.rect = {0, 0, m.w, h}, .fill = p.primary});
    // A darker band at the bottom edge gives the bar depth without a gradient primitive.
    dl.add(render::RoundRect{.rect = {0, h - m.px(6), m.w, m.px(6)}, .fill = p.primary_dark});

    const float emblem_r = m.px(40);
    const Point emblem{m.pad() + emblem_r, h / 2};
    dl.add(render::Circle{.center = emblem, .radius = emblem_r, .fill = p.accent});
    dl.add(render::Icon{.box = {emblem.x - emblem_r * 0.7f, emblem.y - emblem_r * 0.7f, emblem_r * 1.4f, emblem_r * 1.4f},
                        .name = "flag", .color = p.primary});

    const LocalTime lt = local_time(ctx.now, ctx.utc_offset_minutes);
    const float clock_w = m.px(m.portrait ? 300 : 380);
    const float text_x = emblem.x + emblem_r + m.px(20);
    const float title_w = m.w - text_x - clock_w - m.pad();

    std::string place = ctx.content ? ctx.content->bundle().place.name : std::string("RedGrid");
    // Where this screen stands: subdistrict · community · the grid's party branch.
    std::string sub;
    if (ctx.content) {
        const Bundle& b = ctx.content->bundle();
        sub = b.subdistrict.name;
        if (const Grid* g = ctx.content->grid(b.place.grid_id)) {
            if (const Community* c = ctx.content->community(g->community_id)) sub += " · " + c->name;
            sub += " · " + g->branch;
        }
    }
    dl.add(render::Text{.box = {text_x, h * 0.14f, title_w, m.font(46) * 1.3f},
                        .utf8 = std::move(place),
                        .style = {.size = m.font(44), .weight = render::FontWeight::bold, .color = p.on_primary}});
    dl.add(render::Text{.box = {text_x, h * 0.58f, title_w, m.font(28) * 1.3f},
                        .utf8 = std::move(sub),
                        .style = {.size = m.font(26), .color = p.on_primary.with_alpha(225)}});

    const float right = m.w - m.pad();
    dl.add(render::Text{.box = {right - clock_w, h * 0.06f, clock_w, m.px(70)},
                        .utf8 = two_digits(lt.hour) + ":" + two_digits(lt.minute),
                        .style = {.size = m.px(60), .weight = render::FontWeight::bold, .color = p.on_primary,
                                  .align = render::Align::right}});
    const std::string weekday(tr(static_cast<Str>(static_cast<int>(Str::weekday_0) + lt.weekday), lang));
    const std::string date = lang == Lang::zh ? std::to_string(lt.year) + "年" + std::to_string(lt.month) + "月" +
                                                    std::to_string(lt.day) + "日 " + weekday
                                              : weekday + " " + std::to_string(lt.year) + "-" + two_digits(lt.month) +
                                                    "-" + two_digits(lt.day);
    dl.add(render::Text{.box = {right - clock_w, h * 0.62f, clock_w, m.font(26) * 1.3f},
                        .utf8 = date,
                        .style = {.size = m.font(24), .color = p.on_primary.with_alpha(235), .align = render::Align::right}});
    return h;
}

void tile(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, const std::string& id, Rect r,
          std::string_view icon, std::string_view label, bool active) {
    const bool pressed = active || ctx.ui.pressed_id == id;
    const Color fill = pressed ? p.primary : p.surface;
    const Color ink = pressed ? p.on_primary : p.primary;
    dl.add(render::RoundRect{.rect = r, .radius = m.px(18), .fill = fill, .shadow = pressed ? 0.f : m.px(10)});
    const float icon_size = std::min(r.h * 0.5f, m.px(52));
    const float gap = m.px(12);
    const float side_pad = m.px(12);
    render::TextStyle style{.size = m.font(30), .weight = render::FontWeight::bold,
                            .color = pressed ? p.on_primary : p.text, .valign = render::VAlign::middle};
    const std::string text(label);
    float text_w = ctx.measurer.text_width(text, style.size, style.weight);
    // Icon beside the label when both fit on one line; icon above the label otherwise.
    if (icon_size + gap + text_w <= r.w - 2 * side_pad || r.h < icon_size + style.size * 1.4f + m.px(20)) {
        text_w = std::min(text_w, r.w - 2 * side_pad - icon_size - gap);
        const float x0 = r.x + (r.w - icon_size - gap - text_w) / 2;
        dl.add(render::Icon{.box = {x0, r.y + (r.h - icon_size) / 2, icon_size, icon_size}, .name = std::string(icon),
                            .color = ink});
        dl.add(render::Text{.box = {x0 + icon_size + gap, r.y, text_w + m.px(2), r.h}, .utf8 = text, .style = style});
    } else {
        const float block = icon_size + m.px(6) + style.size * 1.3f;
        const float y0 = r.y + (r.h - block) / 2;
        dl.add(render::Icon{.box = {r.x + (r.w - icon_size) / 2, y0, icon_size, icon_size}, .name = std::string(icon),
                            .color = ink});
        style.align = render::Align::center;
        style.valign = render::VAlign::top;
        dl.add(render::Text{.box = {r.x + side_pad, y0 + icon_size + m.px(6), r.w - 2 * side_pad, style.size * 1.3f},
                            .utf8 = text, .style = style});
    }
    dl.target(id, r);
}

}  // namespace redgrid::kiosk::ui
