// Notices: the current ones by priority and date in a scrolling list, and one notice in full
// with its long text scrolling. Expired notices are never shown (Content::active_notices).
#include "layout.h"
#include "page.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "screens.h"

namespace redgrid::kiosk::ui {
namespace {

std::string one_paragraph(std::string text) {
    for (char& c : text)
        if (c == '\n') c = ' ';
    return text;
}

// The priority chip ("紧急", "重要") for a notice; normal ones have none. Returns its width.
float priority_chip(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, const Notice& n,
                    Point at, float height, float font_px) {
    if (n.priority == NoticePriority::normal) return 0;
    const bool urgent = n.priority == NoticePriority::urgent;
    const std::string label(tr(urgent ? Str::urgent : Str::priority_high, ctx.ui.lang));
    const float w = chip_width(ctx, m, label, font_px);
    chip(dl, m, {at.x, at.y, w, height}, label, urgent ? p.primary : p.primary_dark, urgent, font_px);
    return w;
}

struct RowMetrics {
    float title, meta, preview, pad, h;
};

RowMetrics row_metrics(const Metrics& m) {
    RowMetrics r;
    r.title = m.font(36) * 1.35f;
    r.meta = m.font(24) * 1.4f;
    r.preview = 2 * m.font(26) * 1.3f;
    r.pad = m.px(20);
    r.h = std::max(m.min_target(), 2 * r.pad + r.title + r.meta + r.preview + m.px(8));
    return r;
}

void notice_row(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, const Notice& n, Rect r,
                const RowMetrics& rm) {
    const std::string id = "notice:" + n.id;
    const bool pressed = ctx.ui.pressed_id == id;
    dl.add(render::RoundRect{.rect = r, .radius = m.px(18), .fill = pressed ? p.divider : p.surface,
                             .shadow = pressed ? 0.f : m.px(8)});
    if (n.priority != NoticePriority::normal)
        dl.add(render::RoundRect{.rect = {r.x, r.y + m.px(12), m.px(8), r.h - m.px(24)}, .radius = m.px(4),
                                 .fill = n.priority == NoticePriority::urgent ? p.primary : p.accent});
    const float arrow = m.px(48);
    const Rect inner{r.x + m.px(28), r.y + rm.pad, r.w - m.px(28) - arrow - m.px(24), r.h - 2 * rm.pad};
    const float chip_h = m.font(24) * 1.5f;
    const float chip_w = priority_chip(dl, ctx, m, p, n, {inner.x, inner.y + (rm.title - chip_h) / 2}, chip_h, 24);
    const float tx = inner.x + (chip_w > 0 ? chip_w + m.px(14) : 0);
    dl.add(render::Text{.box = {tx, inner.y, inner.right() - tx, rm.title}, .utf8 = n.title,
                        .style = {.size = m.font(36), .weight = render::FontWeight::bold, .color = p.text,
                                  .valign = render::VAlign::middle}});
    // "Valid until" is a claim about today: without a set clock the row says it cannot make it.
    const std::string meta = ctx.clock_synced ? std::string(tr(Str::valid_until, ctx.ui.lang)) + " " +
                                                    format_day_time(ctx, n.valid_to)
                                              : std::string(tr(Str::validity_needs_clock, ctx.ui.lang));
    dl.add(render::Text{.box = {inner.x, inner.y + rm.title, inner.w, rm.meta}, .utf8 = meta,
                        .style = {.size = m.font(24), .color = p.text_muted, .valign = render::VAlign::middle}});
    dl.add(render::Text{.box = {inner.x, inner.y + rm.title + rm.meta + m.px(8), inner.w, rm.preview},
                        .utf8 = one_paragraph(n.body),
                        .style = {.size = m.font(26), .color = p.text, .max_lines = 2}});
    dl.add(render::Icon{.box = {r.right() - arrow - m.px(16), r.y + (r.h - arrow) / 2, arrow, arrow},
                        .name = "chevron_right", .color = p.primary});
}

}  // namespace

DrawList notices_screen(const ScreenContext& ctx) {
    DrawList dl;
    const auto [m, p, inside] = page(dl, ctx);
    const Rect body = inside.inset(m.pad());
    const auto notices = ctx.content->active_notices(known_now(ctx));
    const std::string count = std::to_string(notices.size()) + " " +
                              std::string(tr(ctx.clock_synced ? Str::notices_count : Str::notices_count_unsynced, ctx.ui.lang));
    const Rect list = title_row(dl, ctx, m, p, body, "campaign", tr(Str::notices_title, ctx.ui.lang), count);
    if (notices.empty()) {
        card(dl, list, p, m);
        dl.add(render::Text{.box = list.inset(m.px(40)), .utf8 = std::string(tr(Str::no_notices, ctx.ui.lang)),
                            .style = {.size = m.font(36), .color = p.text_muted, .align = render::Align::center,
                                      .valign = render::VAlign::middle, .max_lines = 2}});
        return dl;
    }
    const RowMetrics rm = row_metrics(m);
    const float gap = m.px(16);
    // The list scrolls inside a viewport a little wider than the rows, so shadows are not cut.
    const Rect viewport{list.x - m.px(8), list.y, list.w + m.px(16), list.h};
    const float content_h = static_cast<float>(notices.size()) * (rm.h + gap) - gap + m.px(16);
    const float offset = begin_scroll(dl, ctx, viewport, content_h);
    for (std::size_t i = 0; i < notices.size(); ++i) {
        const Rect r{list.x, list.y + m.px(8) + static_cast<float>(i) * (rm.h + gap) - offset, list.w - m.px(16), rm.h};
        if (r.bottom() < viewport.y || r.y > viewport.bottom()) continue;
        notice_row(dl, ctx, m, p, *notices[i], r, rm);
        visible_target(dl, m, "notice:" + notices[i]->id, r, viewport);
    }
    end_scroll(dl, m, p, viewport, content_h, offset);
    return dl;
}

DrawList notice_screen(const ScreenContext& ctx) {
    DrawList dl;
    const auto [m, p, inside] = page(dl, ctx);
    const Rect area = inside.inset(m.pad());
    card(dl, area, p, m);
    const Rect inner = area.inset(m.px(m.portrait ? 32 : 44));

    // Only a notice that is valid now is shown: an old link (a replay, a stale back step)
    // must not bring an expired notice back.
    const Notice* notice = nullptr;
    for (const Notice* n : ctx.content->active_notices(known_now(ctx)))
        if (n->id == ctx.ui.route.param) notice = n;
    if (!notice) {
        dl.add(render::Text{.box = inner, .utf8 = std::string(tr(Str::notice_gone, ctx.ui.lang)),
                            .style = {.size = m.font(36), .color = p.text_muted, .align = render::Align::center,
                                      .valign = render::VAlign::middle, .max_lines = 3}});
        return dl;
    }
    const Notice& n = *notice;
    float y = inner.y;
    const float chip_h = m.font(26) * 1.5f;
    const float chip_w = priority_chip(dl, ctx, m, p, n, {inner.x, y}, chip_h, 26);
    const std::string period = ctx.clock_synced ? std::string(tr(Str::valid_period, ctx.ui.lang)) + " " +
                                                      format_day_time(ctx, n.valid_from) + " – " +
                                                      format_day_time(ctx, n.valid_to)
                                                : std::string(tr(Str::validity_needs_clock, ctx.ui.lang));
    const float px = inner.x + (chip_w > 0 ? chip_w + m.px(16) : 0);
    dl.add(render::Text{.box = {px, y, inner.right() - px, chip_h}, .utf8 = period,
                        .style = {.size = m.font(26), .color = p.text_muted, .valign = render::VAlign::middle}});
    y += chip_h + m.px(16);

    const render::TextStyle title_style{.size = m.font(48), .weight = render::FontWeight::bold, .color = p.primary_dark,
                                        .max_lines = 3, .line_spacing = 1.25f};
    const auto title_lines = render::layout_text(ctx.measurer, n.title, title_style, inner.w);
    const float title_h = render::text_block_height(title_style, title_lines.size());
    dl.add(render::Text{.box = {inner.x, y, inner.w, title_h}, .utf8 = n.title, .style = title_style});
    y += title_h + m.px(16);
    dl.add(render::Line{.from = {inner.x, y}, .to = {inner.right(), y}, .color = p.divider, .width = m.px(3)});
    y += m.px(20);

    // The body is laid out once here and drawn line by line, so only the visible lines are
    // drawn and the scroll range is exact.
    const Rect viewport{inner.x, y, inner.w, inner.bottom() - y};
    const render::TextStyle body_style{.size = m.font(34), .color = p.text, .max_lines = 0, .line_spacing = 1.6f};
    const float text_w = viewport.w - m.px(28);  // room for the scroll bar
    const auto lines = render::layout_text(ctx.measurer, n.body, body_style, text_w);
    const float advance = render::line_advance(body_style);
    const float content_h = render::text_block_height(body_style, lines.size());
    const float offset = begin_scroll(dl, ctx, viewport, content_h);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const float ly = viewport.y + static_cast<float>(i) * advance - offset;
        if (ly + advance < viewport.y || ly > viewport.bottom()) continue;
        render::TextStyle line_style = body_style;
        line_style.max_lines = 1;
        dl.add(render::Text{.box = {viewport.x, ly, text_w + m.px(4), advance}, .utf8 = lines[i].utf8, .style = line_style});
    }
    end_scroll(dl, m, p, viewport, content_h, offset);
    return dl;
}

}  // namespace redgrid::kiosk::ui
