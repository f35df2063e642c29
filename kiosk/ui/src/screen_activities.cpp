// Activities: this month's calendar (today ringed, days with activities marked) beside the
// list of what is coming up (reception days, joint meetings, service events); one activity
// in full with its place on the red map.
#include <array>

#include "activity_text.h"
#include "layout.h"
#include "page.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "screens.h"

namespace redgrid::kiosk::ui {

Str kind_label(ActivityKind kind) {
    switch (kind) {
        case ActivityKind::reception_day: return Str::activity_reception_day;
        case ActivityKind::joint_meeting: return Str::activity_joint_meeting;
        case ActivityKind::service_event: return Str::activity_service_event;
    }
    return Str::activity_service_event;
}

Color kind_ink(ActivityKind kind, const Palette& p) {
    return kind == ActivityKind::service_event ? p.success : kind == ActivityKind::joint_meeting ? p.primary_dark : p.primary;
}

std::string hhmm(const ScreenContext& ctx, TimePoint t) {
    const LocalTime lt = local_time(t, ctx.utc_offset_minutes);
    return two_digits(lt.hour) + ":" + two_digits(lt.minute);
}

// "11月26日 星期四 09:00–11:30": the day, and the hours (an activity over several days
// shows both ends in full).
std::string when_text(const ScreenContext& ctx, const Activity& a) {
    const LocalTime s = local_time(a.starts_at, ctx.utc_offset_minutes);
    const LocalTime e = local_time(a.ends_at, ctx.utc_offset_minutes);
    const std::string weekday(tr(static_cast<Str>(static_cast<int>(Str::weekday_0) + s.weekday), ctx.ui.lang));
    if (s.year != e.year || s.month != e.month || s.day != e.day)
        return format_day_time(ctx, a.starts_at) + " – " + format_day_time(ctx, a.ends_at);
    return format_day_time(ctx, a.starts_at, false) + " " + weekday + " " + hhmm(ctx, a.starts_at) + "–" +
           hhmm(ctx, a.ends_at);
}

// "碧眼社区 · 第一网格"; empty for an activity of no particular grid.
std::string grid_text(const Content& content, const Activity& a) {
    const Grid* g = a.grid_id ? content.grid(*a.grid_id) : nullptr;
    if (!g) return {};
    const Community* c = content.community(g->community_id);
    return c ? c->name + " · " + g->name : g->name;
}

namespace {

std::string month_title(const ScreenContext& ctx, int year, int month) {
    const std::string name(tr(static_cast<Str>(static_cast<int>(Str::month_1) + month - 1), ctx.ui.lang));
    return ctx.ui.lang == Lang::zh ? std::to_string(year) + "年" + name : name + " " + std::to_string(year);
}

void calendar(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect r) {
    using namespace std::chrono;
    card(dl, r, p, m);
    const Rect in = r.inset(m.px(20));
    if (!ctx.clock_synced) {
        // Which month it is, and which day is today, are exactly what an unset clock gets wrong.
        dl.add(render::Icon{.box = {in.x + (in.w - m.font(72)) / 2, in.y + in.h / 2 - m.font(72) - m.px(8), m.font(72),
                                    m.font(72)},
                            .name = "schedule", .color = p.text_muted});
        dl.add(render::Text{.box = {in.x, in.y + in.h / 2 + m.px(8), in.w, m.font(30) * 2.8f},
                            .utf8 = std::string(tr(Str::calendar_needs_clock, ctx.ui.lang)),
                            .style = {.size = m.font(30), .color = p.text_muted, .align = render::Align::center,
                                      .max_lines = 2}});
        return;
    }
    const LocalTime today = local_time(ctx.now, ctx.utc_offset_minutes);
    const float title_h = m.font(36) * 1.5f;
    dl.add(render::Icon{.box = {in.x, in.y + (title_h - m.font(40)) / 2, m.font(40), m.font(40)}, .name = "event",
                        .color = p.primary});
    dl.add(render::Text{.box = {in.x + m.font(40) + m.px(12), in.y, in.w - m.font(40) - m.px(12), title_h},
                        .utf8 = month_title(ctx, today.year, today.month),
                        .style = {.size = m.font(36), .weight = render::FontWeight::bold, .color = p.primary_dark,
                                  .valign = render::VAlign::middle}});

    // Which days of this month have something on, counted by local start day.
    std::array<int, 32> count{};
    for (const Activity& a : ctx.content->bundle().activities) {
        const LocalTime s = local_time(a.starts_at, ctx.utc_offset_minutes);
        if (s.year == today.year && s.month == today.month) ++count[static_cast<std::size_t>(s.day)];
    }
    const year_month ym{year{today.year}, month{static_cast<unsigned>(today.month)}};
    const int first_weekday = static_cast<int>(weekday{sys_days{ym / 1}}.c_encoding());
    const int days = static_cast<int>(static_cast<unsigned>((ym / last).day()));
    const int weeks = (first_weekday + days + 6) / 7;

    const float head_h = m.font(24) * 1.6f;
    const float cell_w = in.w / 7;
    const float grid_y = in.y + title_h + m.px(8) + head_h;
    const float cell_h = (in.bottom() - grid_y) / static_cast<float>(weeks);
    for (int d = 0; d < 7; ++d)
        dl.add(render::Text{.box = {in.x + cell_w * static_cast<float>(d), grid_y - head_h, cell_w, head_h},
                            .utf8 = std::string(tr(static_cast<Str>(static_cast<int>(Str::cal_weekday_0) + d), ctx.ui.lang)),
                            .style = {.size = m.font(24), .weight = render::FontWeight::bold,
                                      .color = d == 0 || d == 6 ? p.primary : p.text_muted,
                                      .align = render::Align::center, .valign = render::VAlign::middle}});
    const float num_size = std::min(m.font(30), cell_h * 0.45f);
    for (int day = 1; day <= days; ++day) {
        const int slot = first_weekday + day - 1;
        const Rect cell{in.x + cell_w * static_cast<float>(slot % 7), grid_y + cell_h * static_cast<float>(slot / 7),
                        cell_w, cell_h};
        const Point c{cell.x + cell.w / 2, cell.y + cell.h * 0.42f};
        const float radius = std::min(cell.w, cell.h) * 0.36f;
        const bool is_today = day == today.day;
        const bool busy = count[static_cast<std::size_t>(day)] > 0;
        if (is_today) dl.add(render::Circle{.center = c, .radius = radius, .fill = p.primary});
        else if (busy) dl.add(render::Circle{.center = c, .radius = radius, .fill = p.accent.with_alpha(110)});
        const Color ink = is_today ? p.on_primary : day < today.day ? p.text_muted : p.text;
        dl.add(render::Text{.box = {c.x - radius, c.y - radius, radius * 2, radius * 2}, .utf8 = std::to_string(day),
                            .style = {.size = num_size, .weight = busy || is_today ? render::FontWeight::bold
                                                                                   : render::FontWeight::regular,
                                      .color = ink, .align = render::Align::center, .valign = render::VAlign::middle}});
        // A dot under the number: something is on that day, readable even in grey-scale.
        if (busy)
            dl.add(render::Circle{.center = {c.x, std::min(cell.bottom() - m.px(6), c.y + radius + m.px(8))},
                                  .radius = m.px(5), .fill = is_today ? p.primary_dark : p.primary});
    }
}

struct RowMetrics {
    float title, meta, pad, date_w, h;
};

RowMetrics row_metrics(const Metrics& m) {
    RowMetrics r;
    r.title = m.font(32) * 1.35f;
    r.meta = m.font(24) * 1.45f;
    r.pad = m.px(16);
    r.date_w = std::max(m.px(110), m.font(44) * 2.2f);
    r.h = std::max(m.min_target(), 2 * r.pad + r.title + 2 * r.meta);
    return r;
}

void activity_row(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, const Activity& a, Rect r,
                  const RowMetrics& rm) {
    const std::string id = "activity:" + a.id;
    const bool pressed = ctx.ui.pressed_id == id;
    dl.add(render::RoundRect{.rect = r, .radius = m.px(18), .fill = pressed ? p.divider : p.surface,
                             .shadow = pressed ? 0.f : m.px(8)});
    const Lang lang = ctx.ui.lang;
    // The date block: day number large, weekday under it.
    const LocalTime s = local_time(a.starts_at, ctx.utc_offset_minutes);
    const Rect date{r.x + m.px(12), r.y + m.px(12), rm.date_w, r.h - m.px(24)};
    dl.add(render::RoundRect{.rect = date, .radius = m.px(14), .fill = p.primary.with_alpha(24)});
    const float day_h = m.font(44) * 1.2f, wd_h = m.font(22) * 1.4f;
    const float dy = date.y + (date.h - day_h - wd_h) / 2;
    dl.add(render::Text{.box = {date.x, dy, date.w, day_h}, .utf8 = std::to_string(s.day),
                        .style = {.size = m.font(44), .weight = render::FontWeight::bold, .color = p.primary,
                                  .align = render::Align::center}});
    const std::string below =
        std::string(tr(static_cast<Str>(static_cast<int>(Str::month_1) + s.month - 1), lang)).substr(0, lang == Lang::en ? 3 : std::string::npos) +
        " " + std::string(tr(static_cast<Str>(static_cast<int>(Str::cal_weekday_0) + s.weekday), lang));
    dl.add(render::Text{.box = {date.x, dy + day_h, date.w, wd_h}, .utf8 = below,
                        .style = {.size = m.font(22), .color = p.primary_dark, .align = render::Align::center}});

    const float arrow = m.px(44);
    const float x = date.right() + m.px(20);
    const float w = r.right() - x - arrow - m.px(24);
    float y = r.y + (r.h - rm.title - 2 * rm.meta) / 2;
    const std::string kind(tr(kind_label(a.kind), lang));
    const float chip_w = chip_width(ctx, m, kind, 22), chip_h = m.font(22) * 1.5f;
    chip(dl, m, {x, y + (rm.title - chip_h) / 2, chip_w, chip_h}, kind, kind_ink(a.kind, p), true, 22);
    dl.add(render::Text{.box = {x + chip_w + m.px(12), y, w - chip_w - m.px(12), rm.title}, .utf8 = a.title,
                        .style = {.size = m.font(32), .weight = render::FontWeight::bold, .color = p.text,
                                  .valign = render::VAlign::middle}});
    y += rm.title;
    dl.add(render::Text{.box = {x, y, w, rm.meta}, .utf8 = hhmm(ctx, a.starts_at) + "–" + hhmm(ctx, a.ends_at) + " · " + a.place,
                        .style = {.size = m.font(24), .color = p.text, .valign = render::VAlign::middle}});
    y += rm.meta;
    const std::string where = grid_text(*ctx.content, a);
    if (!where.empty())
        dl.add(render::Text{.box = {x, y, w, rm.meta}, .utf8 = where,
                            .style = {.size = m.font(24), .color = p.text_muted, .valign = render::VAlign::middle}});
    dl.add(render::Icon{.box = {r.right() - arrow - m.px(12), r.y + (r.h - arrow) / 2, arrow, arrow},
                        .name = "chevron_right", .color = p.primary});
}

const Activity* find_activity(const Content& content, std::string_view id) {
    for (const Activity& a : content.bundle().activities)
        if (a.id == id) return &a;
    return nullptr;
}

}  // namespace

DrawList activities_screen(const ScreenContext& ctx) {
    DrawList dl;
    const auto [m, p, inside] = page(dl, ctx);
    const Lang lang = ctx.ui.lang;
    const Rect body = inside.inset(m.pad());
    const auto upcoming = ctx.content->upcoming_activities(known_now(ctx));
    const std::string note = std::to_string(upcoming.size()) + " " + std::string(tr(Str::activities_count, lang));
    const Rect area = title_row(dl, ctx, m, p, body, "event", tr(Str::activities_title, lang), note);

    const float gap = m.px(24);
    Rect cal, list;
    if (m.portrait) {
        const float cal_h = std::round(area.h * (m.large ? 0.42f : 0.38f));
        cal = {area.x, area.y, area.w, cal_h};
        list = {area.x, cal.bottom() + gap, area.w, area.h - cal_h - gap};
    } else {
        const float cal_w = std::round(area.w * 0.38f);
        cal = {area.x, area.y, cal_w, area.h};
        list = {cal.right() + gap, area.y, area.w - cal_w - gap, area.h};
    }
    calendar(dl, ctx, m, p, cal);

    if (upcoming.empty()) {
        card(dl, list, p, m);
        dl.add(render::Text{.box = list.inset(m.px(32)), .utf8 = std::string(tr(Str::no_activities, lang)),
                            .style = {.size = m.font(34), .color = p.text_muted, .align = render::Align::center,
                                      .valign = render::VAlign::middle, .max_lines = 3}});
        return dl;
    }
    const RowMetrics rm = row_metrics(m);
    const float row_gap = m.px(14);
    const Rect viewport{list.x - m.px(8), list.y, list.w + m.px(16), list.h};
    const float content_h = static_cast<float>(upcoming.size()) * (rm.h + row_gap) - row_gap + m.px(16);
    const float offset = begin_scroll(dl, ctx, viewport, content_h);
    for (std::size_t i = 0; i < upcoming.size(); ++i) {
        const Rect r{list.x, list.y + m.px(8) + static_cast<float>(i) * (rm.h + row_gap) - offset, list.w - m.px(16), rm.h};
        if (r.bottom() < viewport.y || r.y > viewport.bottom()) continue;
        activity_row(dl, ctx, m, p, *upcoming[i], r, rm);
        visible_target(dl, m, "activity:" + upcoming[i]->id, r, viewport);
    }
    end_scroll(dl, m, p, viewport, content_h, offset);
    return dl;
}

DrawList activity_screen(const ScreenContext& ctx) {
    DrawList dl;
    const auto [m, p, inside] = page(dl, ctx);
    const Lang lang = ctx.ui.lang;
    const Rect area = inside.inset(m.pad());
    const Activity* found = find_activity(*ctx.content, ctx.ui.route.param);
    if (!found) {
        card(dl, area, p, m);
        dl.add(render::Text{.box = area.inset(m.px(44)), .utf8 = std::string(tr(Str::activity_gone, lang)),
                            .style = {.size = m.font(36), .color = p.text_muted, .align = render::Align::center,
                                      .valign = render::VAlign::middle, .max_lines = 3}});
        return dl;
    }
    const Activity& a = *found;
    const Grid* grid = a.grid_id ? ctx.content->grid(*a.grid_id) : nullptr;
    const float gap = m.px(24);
    Rect text_card = area, map_card{};
    if (m.portrait) {
        text_card.h = std::round(area.h * 0.55f);
        map_card = {area.x, text_card.bottom() + gap, area.w, area.bottom() - text_card.bottom() - gap};
    } else {
        text_card.w = std::round(area.w * 0.52f);
        map_card = {text_card.right() + gap, area.y, area.right() - text_card.right() - gap, area.h};
    }
    card(dl, text_card, p, m);
    const Rect in = text_card.inset(m.px(m.portrait ? 32 : 40));
    float y = in.y;
    const std::string kind(tr(kind_label(a.kind), lang));
    const float chip_h = m.font(26) * 1.5f;
    chip(dl, m, {in.x, y, chip_width(ctx, m, kind, 26), chip_h}, kind, kind_ink(a.kind, p), true, 26);
    y += chip_h + m.px(14);
    const render::TextStyle title_style{.size = m.font(46), .weight = render::FontWeight::bold, .color = p.primary_dark,
                                        .max_lines = 2, .line_spacing = 1.25f};
    const auto title_lines = render::layout_text(ctx.measurer, a.title, title_style, in.w);
    const float title_h = render::text_block_height(title_style, title_lines.size());
    dl.add(render::Text{.box = {in.x, y, in.w, title_h}, .utf8 = a.title, .style = title_style});
    y += title_h + m.px(16);

    struct Fact {
        const char* icon;
        Str label;
        std::string value;
    };
    std::vector<Fact> facts{{"schedule", Str::activity_time, when_text(ctx, a)}, {"place", Str::activity_place, a.place}};
    if (grid) facts.push_back({"map", Str::activity_grid, grid_text(*ctx.content, a) + " · " + grid->branch});
    const float fact_h = m.font(30) * 1.45f;
    const float icon = m.font(34);
    float label_w = 0;
    for (const Fact& f : facts)
        label_w = std::max(label_w, ctx.measurer.text_width(tr(f.label, lang), m.font(26), render::FontWeight::regular));
    label_w += m.px(16);
    for (const Fact& f : facts) {
        dl.add(render::Icon{.box = {in.x, y + (fact_h - icon) / 2, icon, icon}, .name = f.icon, .color = p.primary});
        const float lx = in.x + icon + m.px(12);
        dl.add(render::Text{.box = {lx, y, label_w, fact_h}, .utf8 = std::string(tr(f.label, lang)),
                            .style = {.size = m.font(26), .color = p.text_muted, .valign = render::VAlign::middle}});
        dl.add(render::Text{.box = {lx + label_w, y, in.right() - lx - label_w, fact_h}, .utf8 = f.value,
                            .style = {.size = m.font(30), .weight = render::FontWeight::bold, .color = p.text,
                                      .valign = render::VAlign::middle}});
        y += fact_h;
    }
    y += m.px(12);
    dl.add(render::Line{.from = {in.x, y}, .to = {in.right(), y}, .color = p.divider, .width = m.px(3)});
    y += m.px(16);
    const render::TextStyle body_style{.size = m.font(30), .color = p.text, .max_lines = 0, .line_spacing = 1.5f};
    const float advance = render::line_advance(body_style);
    const int fit = static_cast<int>((in.bottom() - y) / advance);
    if (fit > 0) {
        render::TextStyle style = body_style;
        style.max_lines = fit;
        dl.add(render::Text{.box = {in.x, y, in.w, advance * static_cast<float>(fit)}, .utf8 = a.description, .style = style});
    }

    // Where it is: the red map with the activity's grid ringed; touching it opens the grid.
    card(dl, map_card, p, m);
    const Rect map_in = map_card.inset(m.px(20));
    const float cap_h = m.font(28) * 1.5f;
    dl.add(render::Text{.box = {map_in.x, map_in.y, map_in.w, cap_h}, .utf8 = std::string(tr(Str::activity_on_map, lang)),
                        .style = {.size = m.font(28), .weight = render::FontWeight::bold, .color = p.primary_dark,
                                  .valign = render::VAlign::middle}});
    const Rect map_area{map_in.x, map_in.y + cap_h + m.px(8), map_in.w, map_in.h - cap_h - m.px(8)};
    red_map(dl, map_area, ctx, m, p, MapOptions{.highlight_grid = grid ? grid->id : std::string()});
    if (grid) dl.target("grid:" + grid->id, map_area);
    return dl;
}

}  // namespace redgrid::kiosk::ui
