#include <chrono>
#include <cstdio>

#include "layout.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "redgrid/render/contrast.h"

namespace redgrid::kiosk::ui {
namespace {

// ink darkened (or lightened, on a dark background) in 1% steps until it reaches ratio
// against background; the hue stays, so a bundle's own accent keeps its character.
Color ink_against(Color ink, Color background, double ratio) {
    const bool darken = render::relative_luminance(background) > 0.18;
    Color c = ink;
    for (int i = 1; i <= 100 && render::contrast_ratio(c, background) < ratio; ++i) {
        const double f = 1 - i / 100.0;
        auto step = [&](std::uint8_t v) {
            return static_cast<std::uint8_t>(std::lround(darken ? v * f : 255 - (255 - v) * f));
        };
        c = {step(ink.r), step(ink.g), step(ink.b), ink.a};
    }
    return c;
}

}  // namespace

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
    p.accent_ink = ink_against(p.accent, p.surface, 3.1);
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

namespace {

// The most urgent current notice, in gold under the header on every screen; its height.
float urgent_banner(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, float top) {
    // Without a set clock an urgent notice may be long over: no gold banner claims it is news.
    if (!ctx.content || !ctx.clock_synced) return 0;
    const auto notices = ctx.content->active_notices(known_now(ctx));
    if (notices.empty() || notices.front()->priority != NoticePriority::urgent) return 0;
    const Notice& n = *notices.front();
    const std::string id = "notice:" + n.id;
    const float h = std::max(m.min_target(), m.font(34) * 1.3f + m.px(24));
    const Rect r{0, top, m.w, h};
    const bool pressed = ctx.ui.pressed_id == id;
    dl.add(render::RoundRect{.rect = r, .fill = pressed ? p.accent.with_alpha(200) : p.accent});
    const float icon = m.px(48);
    dl.add(render::Icon{.box = {m.pad(), top + (h - icon) / 2, icon, icon}, .name = "campaign", .color = p.primary_dark});
    const std::string label(tr(Str::urgent, ctx.ui.lang));
    const float chip_w = chip_width(ctx, m, label, 26);
    const float chip_h = m.font(26) * 1.5f;
    const float x = m.pad() + icon + m.px(14);
    chip(dl, m, {x, top + (h - chip_h) / 2, chip_w, chip_h}, label, p.primary_dark, true, 26);
    const float tx = x + chip_w + m.px(16);
    const float arrow = m.px(44);
    dl.add(render::Text{.box = {tx, top, m.w - tx - m.pad() - arrow - m.px(8), h}, .utf8 = n.title,
                        .style = {.size = m.font(32), .weight = render::FontWeight::bold, .color = p.primary_dark,
                                  .valign = render::VAlign::middle}});
    dl.add(render::Icon{.box = {m.w - m.pad() - arrow, top + (h - arrow) / 2, arrow, arrow}, .name = "chevron_right",
                        .color = p.primary_dark});
    dl.target(id, r);
    return h;
}

// "更新于 08:00" (or "更新于 11月24日") in a badge on the header, left of the clock: how fresh the content is; gold
// and "awaiting update" once it is older than the bundle allows. Returns its left edge.
float freshness_badge(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, float bar_h,
                      float right) {
    const bool stale = content_stale(ctx);
    const TimePoint t = content_time(ctx);
    const LocalTime at = local_time(t, ctx.utc_offset_minutes), today = local_time(ctx.now, ctx.utc_offset_minutes);
    const bool same_day = at.year == today.year && at.month == today.month && at.day == today.day;
    // Today's content says at what time; older content, which day (the badge stays narrow
    // enough to leave the place's name whole on a portrait screen).
    const std::string when =
        same_day ? two_digits(at.hour) + ":" + two_digits(at.minute) : format_day_time(ctx, t, false);
    const std::string label(tr(stale ? Str::stale_hidden : Str::updated_at, ctx.ui.lang));
    // Chrome of fixed height, like the rest of the header: its size does not follow large text.
    const float label_size = m.px(20), time_size = m.px(26);
    const auto label_weight = stale ? render::FontWeight::bold : render::FontWeight::regular;
    const float w = std::ceil(std::max(ctx.measurer.text_width(label, label_size, label_weight),
                                       ctx.measurer.text_width(when, time_size, render::FontWeight::bold))) +
                    m.px(30);
    const float label_h = label_size * 1.3f, time_h = time_size * 1.25f;
    const float h = label_h + time_h + m.px(14);
    const Rect r{right - w, std::round((bar_h - m.px(6) - h) / 2), w, h};
    dl.add(render::RoundRect{.rect = r, .radius = m.px(12), .fill = stale ? p.accent : p.primary_dark});
    const Color ink = stale ? p.primary_dark : p.on_primary;
    dl.add(render::Text{.box = {r.x, r.y + m.px(7), r.w, label_h}, .utf8 = label,
                        .style = {.size = label_size, .weight = label_weight, .color = ink, .align = render::Align::center}});
    dl.add(render::Text{.box = {r.x, r.y + m.px(7) + label_h, r.w, time_h}, .utf8 = when,
                        .style = {.size = time_size, .weight = render::FontWeight::bold, .color = ink,
                                  .align = render::Align::center}});
    return r.x;
}

}  // namespace

void chip(DrawList& dl, const Metrics& m, Rect r, std::string_view text, Color ink, bool filled, float font_px) {
    dl.add(render::RoundRect{.rect = r, .radius = r.h / 2, .fill = filled ? ink : Color{255, 255, 255, 255},
                             .stroke = ink, .stroke_width = m.px(2)});
    dl.add(render::Text{.box = r, .utf8 = std::string(text),
                        .style = {.size = m.font(font_px), .weight = render::FontWeight::bold,
                                  .color = filled ? Color{255, 255, 255, 255} : ink, .align = render::Align::center,
                                  .valign = render::VAlign::middle}});
}

float chip_width(const ScreenContext& ctx, const Metrics& m, std::string_view text, float font_px) {
    return std::ceil(ctx.measurer.text_width(text, m.font(font_px), render::FontWeight::bold)) + m.font(font_px) * 1.4f;
}

Rect title_row(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect area,
               std::string_view icon, std::string_view title, std::string_view note) {
    const float h = m.font(44) * 1.4f;
    dl.add(render::Icon{.box = {area.x, area.y + (h - m.font(48)) / 2, m.font(48), m.font(48)}, .name = std::string(icon),
                        .color = p.primary});
    const float tx = area.x + m.font(48) + m.px(14);
    const float title_w = std::min(area.right() - tx,
                                   ctx.measurer.text_width(title, m.font(42), render::FontWeight::bold) + m.px(4));
    dl.add(render::Text{.box = {tx, area.y, title_w, h}, .utf8 = std::string(title),
                        .style = {.size = m.font(42), .weight = render::FontWeight::bold, .color = p.primary_dark,
                                  .valign = render::VAlign::middle}});
    const float nx = tx + title_w + m.px(24);
    if (!note.empty() && area.right() - nx > m.px(80))
        dl.add(render::Text{.box = {nx, area.y, area.right() - nx, h}, .utf8 = std::string(note),
                            .style = {.size = m.font(26), .color = p.text_muted, .align = render::Align::right,
                                      .valign = render::VAlign::middle}});
    return {area.x, area.y + h + m.px(16), area.w, area.h - h - m.px(16)};
}

float begin_scroll(DrawList& dl, const ScreenContext& ctx, Rect viewport, float content_h) {
    const float max = std::max(0.f, std::ceil(content_h - viewport.h));
    dl.target(std::string(kScrollTargetPrefix) + std::to_string(static_cast<int>(max)), viewport);
    dl.add(render::PushClip{viewport});
    return std::clamp(ctx.ui.scroll, 0.f, max);
}

void end_scroll(DrawList& dl, const Metrics& m, const Palette& p, Rect viewport, float content_h, float offset) {
    dl.add(render::PopClip{});
    if (content_h <= viewport.h) return;
    // A thin bar says there is more, and where in it the resident is.
    const float track = viewport.h - m.px(8);
    const float thumb = std::max(m.px(48), track * viewport.h / content_h);
    const float y = viewport.y + m.px(4) + (track - thumb) * offset / (content_h - viewport.h);
    dl.add(render::RoundRect{.rect = {viewport.right() - m.px(8), viewport.y + m.px(4), m.px(6), track},
                             .radius = m.px(3), .fill = p.divider});
    dl.add(render::RoundRect{.rect = {viewport.right() - m.px(8), y, m.px(6), thumb}, .radius = m.px(3),
                             .fill = p.primary.with_alpha(170)});
}

void visible_target(DrawList& dl, const Metrics& m, std::string id, Rect r, Rect viewport) {
    const float top = std::max(r.y, viewport.y), bottom = std::min(r.bottom(), viewport.bottom());
    const Rect visible{r.x, top, r.w, bottom - top};
    if (std::min(visible.w, visible.h) >= m.min_target()) dl.target(std::move(id), visible);
}

TimePoint content_time(const ScreenContext& ctx) {
    const TimePoint generated = ctx.content ? ctx.content->bundle().generated_at : TimePoint{};
    if (!ctx.content_updated_at) return generated;
    return std::max(generated, std::chrono::floor<std::chrono::seconds>(*ctx.content_updated_at));
}

TimePoint known_now(const ScreenContext& ctx) {
    const TimePoint now = std::chrono::floor<std::chrono::seconds>(ctx.now);
    if (ctx.clock_synced || !ctx.content) return now;
    return std::max(now, ctx.content->bundle().generated_at);
}

bool content_stale(const ScreenContext& ctx) {
    // Freshness cannot be judged while the clock is not set.
    if (!ctx.content || !ctx.clock_synced) return true;
    return ctx.now - content_time(ctx) > ctx.content->bundle().stale_after;
}

std::string format_day_time(const ScreenContext& ctx, TimePoint t, bool with_time) {
    const LocalTime lt = local_time(t, ctx.utc_offset_minutes);
    std::string out = ctx.ui.lang == Lang::zh ? std::to_string(lt.month) + "月" + std::to_string(lt.day) + "日"
                                              : two_digits(lt.month) + "-" + two_digits(lt.day);
    if (with_time) out += " " + two_digits(lt.hour) + ":" + two_digits(lt.minute);
    return out;
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
    const float right = m.w - m.pad();
    const std::string clock = two_digits(lt.hour) + ":" + two_digits(lt.minute);
    const std::string weekday(tr(static_cast<Str>(static_cast<int>(Str::weekday_0) + lt.weekday), lang));
    const std::string date = lang == Lang::zh ? std::to_string(lt.year) + "年" + std::to_string(lt.month) + "月" +
                                                    std::to_string(lt.day) + "日 " + weekday
                                              : weekday + " " + std::to_string(lt.year) + "-" + two_digits(lt.month) +
                                                    "-" + two_digits(lt.day);
    const float text_x = emblem.x + emblem_r + m.px(20);
    // The freshness badge stands just left of what the clock and date actually cover; the
    // place's name gives way to it.
    float title_right = right - clock_w;
    // Before NTP has set the clock: no time and date at all rather than wrong ones, and a plain
    // line that says why.
    const std::string not_set(tr(Str::clock_not_set, lang));
    const float not_set_w = std::min(clock_w - m.px(54),
                                     std::ceil(ctx.measurer.text_width(not_set, m.px(30), render::FontWeight::bold)) + m.px(2));
    if (ctx.content) {
        const float clock_block =
            ctx.clock_synced ? std::min(clock_w, std::max(ctx.measurer.text_width(clock, m.px(60), render::FontWeight::bold),
                                                          ctx.measurer.text_width(date, m.px(24), render::FontWeight::regular)))
                             : not_set_w + m.px(54);
        title_right = freshness_badge(dl, ctx, m, p, h, right - clock_block - m.px(24)) - m.px(20);
    }
    const float title_w = std::max(0.f, title_right - text_x);

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
    // The header is chrome of fixed height and already large: it keeps its size in large-text mode.
    dl.add(render::Text{.box = {text_x, h * 0.14f, title_w, m.px(46) * 1.3f},
                        .utf8 = std::move(place),
                        .style = {.size = m.px(44), .weight = render::FontWeight::bold, .color = p.on_primary}});
    dl.add(render::Text{.box = {text_x, h * 0.58f, title_w, m.px(28) * 1.3f},
                        .utf8 = std::move(sub),
                        .style = {.size = m.px(26), .color = p.on_primary.with_alpha(225)}});

    if (!ctx.clock_synced) {
        dl.add(render::Icon{.box = {right - not_set_w - m.px(54), (h - m.px(44)) / 2, m.px(44), m.px(44)},
                            .name = "schedule", .color = p.on_primary.with_alpha(235)});
        dl.add(render::Text{.box = {right - not_set_w, 0, not_set_w, h}, .utf8 = not_set,
                            .style = {.size = m.px(30), .weight = render::FontWeight::bold, .color = p.on_primary,
                                      .align = render::Align::right, .valign = render::VAlign::middle}});
    } else {
        dl.add(render::Text{.box = {right - clock_w, h * 0.06f, clock_w, m.px(70)},
                            .utf8 = clock,
                            .style = {.size = m.px(60), .weight = render::FontWeight::bold, .color = p.on_primary,
                                      .align = render::Align::right}});
        dl.add(render::Text{.box = {right - clock_w, h * 0.62f, clock_w, m.px(26) * 1.3f},
                            .utf8 = date,
                            .style = {.size = m.px(24), .color = p.on_primary.with_alpha(235), .align = render::Align::right}});
    }
    const float top = h + urgent_banner(dl, ctx, m, p, h);
    dl.stage = {0, top, m.w, m.h - top};
    return top;
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
