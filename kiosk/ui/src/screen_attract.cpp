// The attract loop: when nobody has touched the screen for a while it shows, full screen and
// in large type, what a passer-by may want to know: the honour boards, what is coming up and
// the current notices, one page at a time (the App turns the pages), with a clear line that
// one touch anywhere starts. Empty pages are skipped; with nothing to show, the kiosk's own
// identity stands there instead.
#include "activity_text.h"
#include "honour_boards.h"
#include "layout.h"
#include "page.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "screens.h"

namespace redgrid::kiosk {
namespace {

enum class Page { governance, service, activities, notices };

std::vector<Page> pages_of(const Content& content, TimePoint now) {
    std::vector<Page> pages;
    for (const ui::Board& b : ui::current_boards(content))
        pages.push_back(b.board == HonourBoard::governance_star ? Page::governance : Page::service);
    if (!content.upcoming_activities(now).empty()) pages.push_back(Page::activities);
    if (!content.active_notices(now).empty()) pages.push_back(Page::notices);
    return pages;
}

}  // namespace

int attract_page_count(const Content* content, std::chrono::system_clock::time_point now) {
    if (!content) return 0;
    return static_cast<int>(pages_of(*content, std::chrono::floor<std::chrono::seconds>(now)).size());
}

}  // namespace redgrid::kiosk

namespace redgrid::kiosk::ui {
namespace {

// A page's heading: icon, title and a note on the right, larger than a screen's title row.
Rect page_title(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect area,
                std::string_view icon, const std::string& title, const std::string& note) {
    const float h = m.px(84);
    const float icon_size = m.px(68);
    dl.add(render::Icon{.box = {area.x, area.y + (h - icon_size) / 2, icon_size, icon_size}, .name = std::string(icon),
                        .color = p.primary});
    const float tx = area.x + icon_size + m.px(18);
    const float title_w =
        std::min(area.right() - tx, ctx.measurer.text_width(title, m.px(60), render::FontWeight::bold) + m.px(4));
    dl.add(render::Text{.box = {tx, area.y, title_w, h}, .utf8 = title,
                        .style = {.size = m.px(60), .weight = render::FontWeight::bold, .color = p.primary_dark,
                                  .valign = render::VAlign::middle}});
    const float nx = tx + title_w + m.px(32);
    if (!note.empty() && area.right() - nx > m.px(120))
        dl.add(render::Text{.box = {nx, area.y, area.right() - nx, h}, .utf8 = note,
                            .style = {.size = m.px(34), .color = p.text_muted, .align = render::Align::right,
                                      .valign = render::VAlign::middle}});
    return {area.x, area.y + h + m.px(20), area.w, area.h - h - m.px(20)};
}

// Cells of a columns x rows grid inside area, in reading order.
std::vector<Rect> grid_cells(Rect area, int columns, int rows, float gap, std::size_t count) {
    std::vector<Rect> cells;
    const float w = (area.w - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float h = (area.h - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns && cells.size() < count; ++c)
            cells.push_back({area.x + static_cast<float>(c) * (w + gap), area.y + static_cast<float>(r) * (h + gap), w, h});
    return cells;
}

// How many rows of at least min_h fit into height (at least one).
int rows_that_fit(float height, float min_h, float gap) {
    return std::max(1, static_cast<int>((height + gap) / (min_h + gap)));
}

// One honoured member as a tall card: photo ringed in gold, name, role and team, and why.
void honour_card(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, const Honour& h,
                 const Member& mem, Rect r) {
    card(dl, r, p, m);
    const float pad = m.px(24);
    const float photo = std::min({r.w - 2 * pad, r.h * (m.portrait ? 0.32f : 0.30f), m.px(200)});
    const Rect ph{r.x + (r.w - photo) / 2, r.y + pad + m.px(6), photo, photo};
    dl.add(render::Circle{.center = {ph.x + photo / 2, ph.y + photo / 2}, .radius = photo / 2 + m.px(6), .fill = p.accent});
    dl.add(render::Image{.box = ph, .media_key = mem.photo.value_or(""), .corner_radius = photo / 2});
    const float badge = m.px(30);
    const Point bc{ph.right() - badge * 0.6f, ph.bottom() - badge * 0.6f};
    dl.add(render::Circle{.center = bc, .radius = badge, .fill = p.accent, .stroke = p.surface, .stroke_width = m.px(4)});
    dl.add(render::Icon{.box = {bc.x - badge * 0.72f, bc.y - badge * 0.72f, badge * 1.44f, badge * 1.44f}, .name = "star",
                        .color = p.primary_dark});

    const Lang lang = ctx.ui.lang;
    const Rect text{r.x + pad, ph.bottom() + m.px(20), r.w - 2 * pad, 0};
    float y = text.y;
    const float name_h = m.px(46) * 1.3f;
    dl.add(render::Text{.box = {text.x, y, text.w, name_h}, .utf8 = mem.name,
                        .style = {.size = m.px(46), .weight = render::FontWeight::bold, .color = p.text,
                                  .align = render::Align::center}});
    y += name_h;
    // Role and team on one line when they fit, else the team on a line of its own (never a
    // line that starts with the separator).
    const std::string role(role_name(mem.role, lang));
    const Team* team = ctx.content->team(mem.team_id);
    const std::string joined = team ? role + " · " + team->name : role;
    const render::TextStyle detail{.size = m.px(26), .color = p.text_muted, .align = render::Align::center};
    const float detail_line = m.px(26) * 1.3f;
    std::vector<std::string> detail_lines{joined};
    if (team && ctx.measurer.text_width(joined, detail.size, detail.weight) > text.w) detail_lines = {role, team->name};
    for (const std::string& line : detail_lines) {
        dl.add(render::Text{.box = {text.x, y, text.w, detail_line}, .utf8 = line, .style = detail});
        y += detail_line;
    }
    y += m.px(16);
    dl.add(render::Line{.from = {r.x + r.w / 2 - m.px(40), y}, .to = {r.x + r.w / 2 + m.px(40), y}, .color = p.accent,
                        .width = m.px(4)});
    y += m.px(18);
    const float line_h = m.px(28) * 1.35f;
    const int lines = std::max(1, static_cast<int>((r.bottom() - pad - y) / line_h));
    if (r.bottom() - pad - y >= line_h)
        dl.add(render::Text{.box = {text.x, y, text.w, r.bottom() - pad - y}, .utf8 = h.reason,
                            .style = {.size = m.px(28), .color = p.text, .align = render::Align::center,
                                      .max_lines = lines, .line_spacing = 1.35f}});
}

void honours_page(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect area,
                  const Board& b) {
    const Lang lang = ctx.ui.lang;
    const std::string title = std::string(tr(Str::honours_title, lang)) + " · " + std::string(tr(b.title, lang));
    const std::string note = std::string(tr(Str::honours_period, lang)) + " " + b.period;
    const Rect body = page_title(dl, ctx, m, p, area, b.icon, title, note);
    // A wall of tall cards: one row of up to six across a landscape screen, two columns of
    // three rows on a portrait one.
    const float gap = m.px(24);
    const int columns = m.portrait ? 2 : 6;
    const int rows = m.portrait ? 3 : 1;
    const std::size_t shown = std::min(b.honours.size(), static_cast<std::size_t>(columns * rows));
    const int used_columns = std::min(columns, static_cast<int>(shown));
    const int used_rows = static_cast<int>((shown + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns));
    // Fewer people than columns stand in the middle at the width a full row would give them.
    const float cell_w = (body.w - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float cell_h = std::min((body.h - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows),
                                  m.px(m.portrait ? 460 : 640));
    const float grid_w = cell_w * static_cast<float>(used_columns) + gap * static_cast<float>(used_columns - 1);
    const float grid_h = cell_h * static_cast<float>(used_rows) + gap * static_cast<float>(used_rows - 1);
    const Rect grid{body.x + (body.w - grid_w) / 2, body.y + (body.h - grid_h) / 2, grid_w, grid_h};
    const auto cells = grid_cells(grid, used_columns, used_rows, gap, shown);
    for (std::size_t i = 0; i < cells.size(); ++i)
        honour_card(dl, ctx, m, p, *b.honours[i], *ctx.content->member(b.honours[i]->member_id), cells[i]);
}

// The day as a block: the day of the month large, the month and weekday under it.
void date_block(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect r, TimePoint t) {
    dl.add(render::RoundRect{.rect = r, .radius = m.px(18), .fill = p.primary});
    const LocalTime lt = local_time(t, ctx.utc_offset_minutes);
    const Lang lang = ctx.ui.lang;
    const float day_h = m.px(68) * 1.15f, below_h = m.px(26) * 1.4f;
    const float y = r.y + (r.h - day_h - below_h) / 2;
    dl.add(render::Text{.box = {r.x, y, r.w, day_h}, .utf8 = std::to_string(lt.day),
                        .style = {.size = m.px(68), .weight = render::FontWeight::bold, .color = p.on_primary,
                                  .align = render::Align::center}});
    std::string month(tr(static_cast<Str>(static_cast<int>(Str::month_1) + lt.month - 1), lang));
    if (lang == Lang::en) month = month.substr(0, 3);
    const std::string below =
        month + " " + std::string(tr(static_cast<Str>(static_cast<int>(Str::cal_weekday_0) + lt.weekday), lang));
    dl.add(render::Text{.box = {r.x, y + day_h, r.w, below_h}, .utf8 = below,
                        .style = {.size = m.px(26), .color = p.on_primary, .align = render::Align::center}});
}

void activities_page(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect area) {
    const Lang lang = ctx.ui.lang;
    const auto upcoming = ctx.content->upcoming_activities(known_now(ctx));
    const std::string note = std::to_string(upcoming.size()) + " " + std::string(tr(Str::activities_count, lang));
    const Rect body = page_title(dl, ctx, m, p, area, "event", std::string(tr(Str::activities_upcoming, lang)), note);
    const float gap = m.px(24);
    const int columns = m.portrait ? 1 : 2;
    const int rows = rows_that_fit(body.h, m.px(176), gap);
    const std::size_t shown = std::min(upcoming.size(), static_cast<std::size_t>(columns * rows));
    const int used_rows = static_cast<int>((shown + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns));
    const float row_h = std::min((body.h - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows), m.px(240));
    const Rect grid{body.x, body.y, body.w, row_h * static_cast<float>(used_rows) + gap * static_cast<float>(used_rows - 1)};
    const auto cells = grid_cells(grid, columns, used_rows, gap, shown);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const Activity& a = *upcoming[i];
        const Rect r = cells[i];
        card(dl, r, p, m);
        const float inset = m.px(18);
        const Rect date{r.x + inset, r.y + inset, m.px(150), r.h - 2 * inset};
        date_block(dl, ctx, m, p, date, a.starts_at);
        const float x = date.right() + m.px(28);
        const float w = r.right() - inset - x;
        const float title_h = m.px(42) * 1.3f, meta_h = m.px(30) * 1.4f;
        float y = r.y + (r.h - title_h - 2 * meta_h) / 2;
        const std::string kind(tr(kind_label(a.kind), lang));
        const float chip_w = chip_width(ctx, m, kind, 26);
        const float chip_h = m.px(26) * 1.5f;
        chip(dl, m, {x, y + (title_h - chip_h) / 2, chip_w, chip_h}, kind, kind_ink(a.kind, p), true, 26);
        dl.add(render::Text{.box = {x + chip_w + m.px(16), y, w - chip_w - m.px(16), title_h}, .utf8 = a.title,
                            .style = {.size = m.px(42), .weight = render::FontWeight::bold, .color = p.text,
                                      .valign = render::VAlign::middle}});
        y += title_h;
        dl.add(render::Text{.box = {x, y, w, meta_h}, .utf8 = hhmm(ctx, a.starts_at) + "–" + hhmm(ctx, a.ends_at) + " · " + a.place,
                            .style = {.size = m.px(30), .color = p.text, .valign = render::VAlign::middle}});
        y += meta_h;
        const std::string where = grid_text(*ctx.content, a);
        if (!where.empty())
            dl.add(render::Text{.box = {x, y, w, meta_h}, .utf8 = where,
                                .style = {.size = m.px(28), .color = p.text_muted, .valign = render::VAlign::middle}});
    }
}

void notices_page(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect area) {
    const Lang lang = ctx.ui.lang;
    const auto notices = ctx.content->active_notices(known_now(ctx));
    const std::string note = std::to_string(notices.size()) + " " + std::string(tr(ctx.clock_synced ? Str::notices_count : Str::notices_count_unsynced, lang));
    const Rect body = page_title(dl, ctx, m, p, area, "campaign", std::string(tr(Str::notices_title, lang)), note);
    const float gap = m.px(24);
    const int columns = m.portrait ? 1 : 2;
    const int rows = rows_that_fit(body.h, m.px(250), gap);
    const std::size_t shown = std::min(notices.size(), static_cast<std::size_t>(columns * rows));
    const int used_rows = static_cast<int>((shown + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns));
    const float row_h = std::min((body.h - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows), m.px(320));
    const Rect grid{body.x, body.y, body.w, row_h * static_cast<float>(used_rows) + gap * static_cast<float>(used_rows - 1)};
    const auto cells = grid_cells(grid, columns, used_rows, gap, shown);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const Notice& n = *notices[i];
        const Rect r = cells[i];
        card(dl, r, p, m);
        // The priority as a band down the card's left edge: red urgent, gold important.
        if (n.priority != NoticePriority::normal)
            dl.add(render::RoundRect{.rect = {r.x, r.y, m.px(14), r.h}, .radius = m.px(7),
                                     .fill = n.priority == NoticePriority::urgent ? p.primary : p.accent});
        const Rect in{r.x + m.px(40), r.y + m.px(24), r.w - m.px(64), r.h - m.px(48)};
        const float title_h = m.px(42) * 1.3f;
        float x = in.x;
        if (n.priority != NoticePriority::normal) {
            const std::string label(tr(n.priority == NoticePriority::urgent ? Str::urgent : Str::priority_high, lang));
            const float chip_w = chip_width(ctx, m, label, 26);
            const float chip_h = m.px(26) * 1.5f;
            chip(dl, m, {x, in.y + (title_h - chip_h) / 2, chip_w, chip_h}, label,
                 n.priority == NoticePriority::urgent ? p.primary : p.primary_dark, true, 26);
            x += chip_w + m.px(16);
        }
        dl.add(render::Text{.box = {x, in.y, in.right() - x, title_h}, .utf8 = n.title,
                            .style = {.size = m.px(42), .weight = render::FontWeight::bold, .color = p.text,
                                      .valign = render::VAlign::middle}});
        const float until_h = m.px(26) * 1.4f;
        const float body_y = in.y + title_h + m.px(10);
        const float line_h = m.px(30) * 1.35f;
        const float body_h = in.bottom() - until_h - m.px(8) - body_y;
        if (body_h >= line_h)
            dl.add(render::Text{.box = {in.x, body_y, in.w, body_h}, .utf8 = n.body,
                                .style = {.size = m.px(30), .color = p.text,
                                          .max_lines = static_cast<int>(body_h / line_h), .line_spacing = 1.35f}});
        dl.add(render::Text{.box = {in.x, in.bottom() - until_h, in.w, until_h},
                            .utf8 = ctx.clock_synced ? std::string(tr(Str::valid_until, lang)) + " " +
                                                           format_day_time(ctx, n.valid_to)
                                                     : std::string(tr(Str::validity_needs_clock, lang)),
                            .style = {.size = m.px(26), .color = p.text_muted, .valign = render::VAlign::bottom}});
    }
}

// Nothing published to show: the kiosk's identity, large, and what it is for.
void identity_page(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect area) {
    const float r = m.px(120);
    const float name_h = m.px(80) * 1.3f, sub_h = m.px(38) * 1.4f, line_h = m.px(46) * 1.4f;
    const float block = 2 * r + m.px(48) + name_h + sub_h + m.px(40) + line_h;
    float y = area.y + std::max(0.f, (area.h - block) / 2);
    const Point c{area.x + area.w / 2, y + r};
    dl.add(render::Circle{.center = c, .radius = r, .fill = p.accent, .shadow = m.px(16)});
    dl.add(render::Icon{.box = {c.x - r * 0.7f, c.y - r * 0.7f, r * 1.4f, r * 1.4f}, .name = "flag", .color = p.primary});
    y += 2 * r + m.px(48);
    const Bundle& b = ctx.content->bundle();
    dl.add(render::Text{.box = {area.x, y, area.w, name_h}, .utf8 = b.place.name,
                        .style = {.size = m.px(80), .weight = render::FontWeight::bold, .color = p.primary_dark,
                                  .align = render::Align::center}});
    y += name_h;
    std::string sub = b.subdistrict.name;
    if (const Grid* g = ctx.content->grid(b.place.grid_id)) sub += " · " + g->branch;
    dl.add(render::Text{.box = {area.x, y, area.w, sub_h}, .utf8 = sub,
                        .style = {.size = m.px(38), .color = p.text_muted, .align = render::Align::center}});
    y += sub_h + m.px(40);
    dl.add(render::Text{.box = {area.x, y, area.w, line_h}, .utf8 = std::string(tr(Str::attract_welcome, ctx.ui.lang)),
                        .style = {.size = m.px(46), .weight = render::FontWeight::bold, .color = p.primary,
                                  .align = render::Align::center, .max_lines = 2}});
}

// The band along the bottom: "touch anywhere to start", and a dot per page.
void touch_band(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect band, int pages,
                int current) {
    dl.add(render::RoundRect{.rect = band, .fill = p.primary});
    dl.add(render::RoundRect{.rect = {band.x, band.y, band.w, m.px(6)}, .fill = p.accent});
    const bool dots = pages > 1;
    const float dot_r = m.px(9), dot_gap = m.px(30);
    const float text_area_h = band.h - (dots ? dot_r * 2 + m.px(16) : 0);
    const std::string line(tr(Str::attract_touch, ctx.ui.lang));
    const float size = m.px(50);
    const float icon = m.px(72);
    const float text_w = std::min(band.w - icon - m.px(20) - 2 * m.pad(),
                                  ctx.measurer.text_width(line, size, render::FontWeight::bold) + m.px(4));
    const float x0 = band.x + (band.w - icon - m.px(20) - text_w) / 2;
    const float cy = band.y + m.px(6) + (text_area_h - m.px(6)) / 2;
    dl.add(render::Icon{.box = {x0, cy - icon / 2, icon, icon}, .name = "touch_app", .color = p.accent});
    dl.add(render::Text{.box = {x0 + icon + m.px(20), cy - size * 0.75f, text_w, size * 1.5f}, .utf8 = line,
                        .style = {.size = size, .weight = render::FontWeight::bold, .color = p.on_primary,
                                  .valign = render::VAlign::middle}});
    if (!dots) return;
    const float total = static_cast<float>(pages - 1) * dot_gap;
    const float dy = band.bottom() - m.px(14) - dot_r;
    for (int i = 0; i < pages; ++i) {
        const Point c{band.x + band.w / 2 - total / 2 + static_cast<float>(i) * dot_gap, dy};
        dl.add(render::Circle{.center = c, .radius = dot_r,
                              .fill = i == current ? p.accent : p.on_primary.with_alpha(110)});
    }
}

}  // namespace

DrawList attract_screen(const ScreenContext& ctx) {
    DrawList dl;
    // The touch band at the bottom takes the nav bar's place: any touch wakes the kiosk.
    const auto [m, p, inside] = page(dl, ctx, NavBar::hidden);
    const float top = inside.y;
    const float band_h = m.px(m.portrait ? 170 : 150);
    const Rect band{0, m.h - band_h, m.w, band_h};
    const Rect area{m.pad() * 1.5f, top + m.pad() * 1.5f, m.w - m.pad() * 3, band.y - top - m.pad() * 3};

    const auto now = known_now(ctx);
    const std::vector<Page> pages = pages_of(*ctx.content, now);
    const int count = static_cast<int>(pages.size());
    const int current = count > 0 ? ((ctx.ui.attract_page % count) + count) % count : 0;
    if (pages.empty()) {
        identity_page(dl, ctx, m, p, area);
    } else {
        switch (pages[static_cast<std::size_t>(current)]) {
            case Page::governance:
            case Page::service: {
                const HonourBoard want = pages[static_cast<std::size_t>(current)] == Page::governance
                                             ? HonourBoard::governance_star
                                             : HonourBoard::service_star;
                for (const Board& b : current_boards(*ctx.content))
                    if (b.board == want) honours_page(dl, ctx, m, p, area, b);
                break;
            }
            case Page::activities: activities_page(dl, ctx, m, p, area); break;
            case Page::notices: notices_page(dl, ctx, m, p, area); break;
        }
    }
    touch_band(dl, ctx, m, p, band, count, current);
    // One touch anywhere wakes the kiosk (the App takes it; it activates nothing beneath).
    dl.target("attract:wake", {0, 0, m.w, m.h});
    return dl;
}

}  // namespace redgrid::kiosk::ui
