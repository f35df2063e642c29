// Services: the "five ones" and the community's service brands (charity canteen and the
// like), each with what it is, where, when, and whom to contact (phone and QR).
#include "layout.h"
#include "page.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "screens.h"

namespace redgrid::kiosk::ui {
namespace {

Str kind_label(ServiceKind kind) {
    switch (kind) {
        case ServiceKind::five_ones: return Str::service_five_ones;
        case ServiceKind::brand: return Str::service_brand;
        case ServiceKind::other: return Str::service_other;
    }
    return Str::service_other;
}

float card_height(const Metrics& m) {
    return m.px(40) + m.font(36) * 1.35f + m.px(8) + 4 * m.font(26) * 1.35f + m.px(12) + 3 * m.font(26) * 1.5f + m.px(20);
}

void service_card(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, const Service& s, Rect r) {
    const Lang lang = ctx.ui.lang;
    dl.add(render::RoundRect{.rect = r, .radius = m.px(18), .fill = p.surface, .shadow = m.px(8)});
    const Rect in = r.inset(m.px(20));
    const float qr = std::min(in.h, m.px(200));
    const bool has_qr = !s.contact_url.empty();
    const float text_w = in.w - (has_qr ? qr + m.px(20) : 0);
    float y = in.y;
    const std::string kind(tr(kind_label(s.kind), lang));
    const float chip_h = m.font(22) * 1.6f, title_h = m.font(36) * 1.35f;
    const float chip_w = std::min(chip_width(ctx, m, kind, 22), text_w * 0.4f);
    chip(dl, m, {in.x, y + (title_h - chip_h) / 2, chip_w, chip_h}, kind,
         s.kind == ServiceKind::five_ones ? p.primary : p.primary_dark, s.kind == ServiceKind::five_ones, 22);
    dl.add(render::Text{.box = {in.x + chip_w + m.px(12), y, text_w - chip_w - m.px(12), title_h}, .utf8 = s.title,
                        .style = {.size = m.font(36), .weight = render::FontWeight::bold, .color = p.text,
                                  .valign = render::VAlign::middle}});
    y += title_h + m.px(8);
    const float desc_h = 4 * m.font(26) * 1.35f;
    dl.add(render::Text{.box = {in.x, y, text_w, desc_h}, .utf8 = s.description,
                        .style = {.size = m.font(26), .color = p.text, .max_lines = 4, .line_spacing = 1.35f}});
    y += desc_h + m.px(12);
    struct Row {
        Str label;
        const std::string* value;
    };
    const Row rows[] = {{Str::service_where, &s.where}, {Str::service_when, &s.when}, {Str::service_contact, &s.contact_phone}};
    const float row_h = m.font(26) * 1.5f;
    float label_w = 0;
    for (const Row& row : rows)
        label_w = std::max(label_w, ctx.measurer.text_width(tr(row.label, lang), m.font(24), render::FontWeight::regular));
    label_w += m.px(16);
    for (const Row& row : rows) {
        if (row.value->empty()) continue;
        dl.add(render::Text{.box = {in.x, y, label_w, row_h}, .utf8 = std::string(tr(row.label, lang)),
                            .style = {.size = m.font(24), .color = p.text_muted, .valign = render::VAlign::middle}});
        std::string value = *row.value;
        if (row.label == Str::service_contact && s.contact_member_id)
            if (const Member* who = ctx.content->member(*s.contact_member_id)) value = who->name + " " + value;
        dl.add(render::Text{.box = {in.x + label_w, y, text_w - label_w, row_h}, .utf8 = value,
                            .style = {.size = m.font(26), .weight = render::FontWeight::bold, .color = p.text,
                                      .valign = render::VAlign::middle}});
        y += row_h;
    }
    if (has_qr) {
        const float hint_h = m.font(22) * 1.4f;
        const float side = std::min(qr, in.h - hint_h);
        const Rect box{in.right() - qr + (qr - side) / 2, in.y + (in.h - side - hint_h) / 2, side, side};
        dl.add(render::QrCode{.box = box, .data = s.contact_url});
        dl.add(render::Text{.box = {in.right() - qr, box.bottom(), qr, hint_h}, .utf8 = std::string(tr(Str::service_scan, lang)),
                            .style = {.size = m.font(22), .color = p.text_muted, .align = render::Align::center}});
    }
}

}  // namespace

DrawList services_screen(const ScreenContext& ctx) {
    DrawList dl;
    const auto [m, p, inside] = page(dl, ctx);
    const Rect body = inside.inset(m.pad());
    const Rect area = title_row(dl, ctx, m, p, body, "volunteer_activism", tr(Str::services_title, ctx.ui.lang),
                                tr(Str::services_subtitle, ctx.ui.lang));
    // The "five ones" first, then the brands, then the rest, each in bundle order.
    std::vector<const Service*> services;
    for (ServiceKind kind : {ServiceKind::five_ones, ServiceKind::brand, ServiceKind::other})
        for (const Service& s : ctx.content->bundle().services)
            if (s.kind == kind) services.push_back(&s);
    const int columns = m.portrait ? 1 : 2;
    const float gap = m.px(16);
    const float h = card_height(m);
    const Rect viewport{area.x - m.px(8), area.y, area.w + m.px(16), area.h};
    const float col_w = (area.w - m.px(16) - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const std::size_t rows = (services.size() + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns);
    const float content_h = static_cast<float>(rows) * (h + gap) - gap + m.px(16);
    const float offset = begin_scroll(dl, ctx, viewport, content_h);
    for (std::size_t i = 0; i < services.size(); ++i) {
        const std::size_t row = i / static_cast<std::size_t>(columns), col = i % static_cast<std::size_t>(columns);
        const Rect r{area.x + static_cast<float>(col) * (col_w + gap), area.y + m.px(8) + static_cast<float>(row) * (h + gap) - offset,
                     col_w, h};
        if (r.bottom() < viewport.y || r.y > viewport.bottom()) continue;
        service_card(dl, ctx, m, p, *services[i], r);
    }
    end_scroll(dl, m, p, viewport, content_h, offset);
    return dl;
}

}  // namespace redgrid::kiosk::ui
