// The honour boards: governance stars (治理之星) and service stars (服务之星) of the current
// period, each with photo, name, role, team and why they were chosen; a card opens the member.
#include "honour_boards.h"
#include "layout.h"
#include "page.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "screens.h"

namespace redgrid::kiosk::ui {

// The publisher lists the current board first (docs/content.md), and periods are free text
// ("2026年11月", "2026-Q4") that do not sort: the current period of a board is the period of
// its first honour, and older periods stay off the screen.
std::vector<Board> current_boards(const Content& content) {
    std::vector<Board> boards{{HonourBoard::governance_star, Str::honour_governance_star, "military_tech", {}, {}},
                              {HonourBoard::service_star, Str::honour_service_star, "volunteer_activism", {}, {}}};
    for (Board& b : boards) {
        for (const Honour& h : content.bundle().honours) {
            if (h.board != b.board || !content.member(h.member_id)) continue;
            if (b.honours.empty()) b.period = h.period;
            if (h.period == b.period) b.honours.push_back(&h);
        }
    }
    std::erase_if(boards, [](const Board& b) { return b.honours.empty(); });
    return boards;
}

namespace {

struct CardMetrics {
    float name, detail, reason, pad, photo, h;
};

CardMetrics card_metrics(const Metrics& m) {
    CardMetrics c;
    c.name = m.font(34) * 1.3f;
    c.detail = m.font(24) * 1.4f;
    c.reason = 2 * m.font(24) * 1.35f;
    c.pad = m.px(18);
    c.photo = m.px(m.portrait ? 150 : 140);
    c.h = std::max({m.min_target(), c.photo + 2 * c.pad, c.name + c.detail + c.reason + m.px(8) + 2 * c.pad});
    return c;
}

void honour_card(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, const Honour& h,
                 const Member& mem, Rect r, const CardMetrics& cm) {
    const std::string id = "member:" + mem.id;
    const bool pressed = ctx.ui.pressed_id == id;
    dl.add(render::RoundRect{.rect = r, .radius = m.px(18), .fill = pressed ? p.divider : p.surface,
                             .shadow = pressed ? 0.f : m.px(8)});
    const Rect photo{r.x + cm.pad, r.y + (r.h - cm.photo) / 2, cm.photo, cm.photo};
    dl.add(render::Image{.box = photo, .media_key = mem.photo.value_or(""), .corner_radius = cm.photo / 2});
    // A gold star on the photo's corner: the honour at a glance, even without reading.
    const float badge = m.px(26);
    const Point bc{photo.right() - badge * 0.7f, photo.bottom() - badge * 0.7f};
    dl.add(render::Circle{.center = bc, .radius = badge, .fill = p.accent, .stroke = p.surface, .stroke_width = m.px(3)});
    dl.add(render::Icon{.box = {bc.x - badge * 0.7f, bc.y - badge * 0.7f, badge * 1.4f, badge * 1.4f}, .name = "star",
                        .color = p.primary_dark});

    const Lang lang = ctx.ui.lang;
    const float x = photo.right() + m.px(20);
    const float w = r.right() - x - cm.pad;
    const float block = cm.name + cm.detail + m.px(8) + cm.reason;
    float y = r.y + (r.h - block) / 2;
    dl.add(render::Text{.box = {x, y, w, cm.name}, .utf8 = mem.name,
                        .style = {.size = m.font(34), .weight = render::FontWeight::bold, .color = p.text}});
    y += cm.name;
    std::string detail(role_name(mem.role, lang));
    if (const Team* team = ctx.content->team(mem.team_id)) detail += " · " + team->name;
    dl.add(render::Text{.box = {x, y, w, cm.detail}, .utf8 = detail, .style = {.size = m.font(24), .color = p.text_muted}});
    y += cm.detail + m.px(8);
    dl.add(render::Text{.box = {x, y, w, cm.reason}, .utf8 = h.reason,
                        .style = {.size = m.font(24), .color = p.text, .max_lines = 2, .line_spacing = 1.35f}});
}

}  // namespace

DrawList honours_screen(const ScreenContext& ctx) {
    DrawList dl;
    const auto [m, p, inside] = page(dl, ctx);
    const Lang lang = ctx.ui.lang;
    const Rect body = inside.inset(m.pad());
    const Content& content = *ctx.content;
    const std::vector<Board> boards = current_boards(content);
    const std::string note =
        boards.empty() ? std::string() : std::string(tr(Str::honours_period, lang)) + " " + boards.front().period;
    const Rect area = title_row(dl, ctx, m, p, body, "emoji_events", tr(Str::honours_title, lang), note);
    if (boards.empty()) {
        card(dl, area, p, m);
        dl.add(render::Text{.box = area.inset(m.px(40)), .utf8 = std::string(tr(Str::honours_none, lang)),
                            .style = {.size = m.font(36), .color = p.text_muted, .align = render::Align::center,
                                      .valign = render::VAlign::middle, .max_lines = 2}});
        return dl;
    }

    const CardMetrics cm = card_metrics(m);
    const int columns = m.portrait ? 1 : (m.large ? 2 : 3);
    const float gap = m.px(16);
    const float heading_h = std::max(m.font(34) * 1.5f, m.px(64));
    const Rect viewport{area.x - m.px(8), area.y, area.w + m.px(16), area.h};
    const float inner_w = area.w - m.px(16);
    const float col_w = (inner_w - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const auto rows_of = [&](const Board& b) {
        return (b.honours.size() + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns);
    };
    float content_h = m.px(8);
    for (const Board& b : boards)
        content_h += heading_h + m.px(8) + static_cast<float>(rows_of(b)) * (cm.h + gap) + m.px(12);
    const float offset = begin_scroll(dl, ctx, viewport, content_h);
    float y = area.y + m.px(8) - offset;
    for (const Board& b : boards) {
        // The board's heading: a gold band with its name and period.
        const Rect band{area.x, y, inner_w, heading_h};
        if (band.bottom() >= viewport.y && band.y <= viewport.bottom()) {
            dl.add(render::RoundRect{.rect = band, .radius = m.px(14), .fill = p.primary});
            const float icon = m.font(40);
            dl.add(render::Icon{.box = {band.x + m.px(16), band.y + (heading_h - icon) / 2, icon, icon},
                                .name = b.icon, .color = p.accent});
            const std::string title(tr(b.title, lang));
            const float tx = band.x + m.px(16) + icon + m.px(12);
            const float title_w = std::min(band.right() - tx - m.px(16),
                                           ctx.measurer.text_width(title, m.font(34), render::FontWeight::bold) + m.px(4));
            dl.add(render::Text{.box = {tx, band.y, title_w, heading_h}, .utf8 = title,
                                .style = {.size = m.font(34), .weight = render::FontWeight::bold, .color = p.on_primary,
                                          .valign = render::VAlign::middle}});
            const float px = tx + title_w + m.px(20);
            if (band.right() - m.px(16) - px > m.px(80))
                dl.add(render::Text{.box = {px, band.y, band.right() - m.px(16) - px, heading_h}, .utf8 = b.period,
                                    .style = {.size = m.font(26), .color = p.on_primary, .align = render::Align::right,
                                              .valign = render::VAlign::middle}});
        }
        y += heading_h + m.px(8);
        for (std::size_t i = 0; i < b.honours.size(); ++i) {
            const std::size_t row = i / static_cast<std::size_t>(columns), col = i % static_cast<std::size_t>(columns);
            const Rect r{area.x + static_cast<float>(col) * (col_w + gap), y + static_cast<float>(row) * (cm.h + gap),
                         col_w, cm.h};
            if (r.bottom() < viewport.y || r.y > viewport.bottom()) continue;
            const Member& mem = *content.member(b.honours[i]->member_id);
            honour_card(dl, ctx, m, p, *b.honours[i], mem, r, cm);
            visible_target(dl, m, "member:" + mem.id, r, viewport);
        }
        y += static_cast<float>(rows_of(b)) * (cm.h + gap) + m.px(12);
    }
    end_scroll(dl, m, p, viewport, content_h, offset);
    return dl;
}

}  // namespace redgrid::kiosk::ui
