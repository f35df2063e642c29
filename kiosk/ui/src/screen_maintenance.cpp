// The maintenance status page: what a technician checks first when a screen misbehaves
// (version, addresses, server, last sync, content, queue, disk, uptime, temperature) and
// the actions (sync now, touch test, test pattern, restart), plus the restart confirmation.
// Values come from MaintenanceStatus, gathered off the UI thread every 2 s.
#include <cstdio>

#include "maintenance_screens.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"

namespace redgrid::kiosk::ui {

void maint_button(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const MaintPalette& p, std::string_view id,
                  Rect r, std::string_view icon, std::string_view label, MaintButtonKind kind, bool enabled) {
    const bool pressed = enabled && ctx.ui.pressed_id == id;
    Color fill = p.panel, ink = p.text, stroke = p.divider;
    if (kind == MaintButtonKind::primary) fill = pressed ? p.accent_pressed : p.accent, stroke = fill;
    else if (pressed) fill = p.panel_pressed;
    if (kind == MaintButtonKind::danger) ink = p.bad, stroke = p.bad;
    if (!enabled) ink = p.muted, fill = p.background, stroke = p.divider;
    dl.add(render::RoundRect{.rect = r, .radius = m.px(18), .fill = fill, .stroke = stroke, .stroke_width = m.px(3)});
    const float icon_px = std::min(r.h * 0.45f, m.px(52));
    const render::TextStyle style{.size = m.font(36), .weight = render::FontWeight::bold, .color = ink,
                                  .valign = render::VAlign::middle};
    const float gap = icon.empty() ? 0 : icon_px + m.px(16);
    const float text_w = std::min(ctx.measurer.text_width(label, style.size, style.weight) + m.px(4),
                                  r.w - gap - m.px(32));
    const float x0 = r.x + (r.w - gap - text_w) / 2;
    if (!icon.empty())
        dl.add(render::Icon{.box = {x0, r.y + (r.h - icon_px) / 2, icon_px, icon_px}, .name = std::string(icon),
                            .color = ink});
    dl.add(render::Text{.box = {x0 + gap, r.y, text_w, r.h}, .utf8 = std::string(label), .style = style});
    if (enabled) dl.target(std::string(id), r);
}

std::string format_bytes(std::uint64_t bytes) {
    char buf[32];
    const double b = static_cast<double>(bytes);
    if (bytes >= (1ull << 30)) std::snprintf(buf, sizeof buf, "%.1f GB", b / static_cast<double>(1ull << 30));
    else if (bytes >= (1ull << 20)) std::snprintf(buf, sizeof buf, "%.0f MB", b / static_cast<double>(1ull << 20));
    else std::snprintf(buf, sizeof buf, "%.0f kB", b / 1024.0);
    return buf;
}

std::string format_uptime(std::chrono::seconds s, Lang lang) {
    const long long total = std::max<long long>(0, s.count());
    const long long days = total / 86400;
    char hms[32];
    std::snprintf(hms, sizeof hms, "%02lld:%02lld:%02lld", total % 86400 / 3600, total % 3600 / 60, total % 60);
    if (days == 0) return hms;
    return tr_fill(Str::unit_days, lang, {std::to_string(days)}) + " " + hms;
}

std::string format_age(std::chrono::seconds s, Lang lang) {
    const long long v = std::max<long long>(0, s.count());
    if (v < 120) return tr_fill(Str::unit_seconds, lang, {std::to_string(v)});
    if (v < 2 * 3600) return tr_fill(Str::unit_minutes, lang, {std::to_string(v / 60)});
    if (v < 2 * 86400) return tr_fill(Str::unit_hours, lang, {std::to_string(v / 3600)});
    return tr_fill(Str::unit_days, lang, {std::to_string(v / 86400)});
}

std::string format_clock(const ScreenContext& ctx, std::chrono::system_clock::time_point t) {
    const LocalTime lt = local_time(t, ctx.utc_offset_minutes);
    return two_digits(lt.hour) + ":" + two_digits(lt.minute) + ":" + two_digits(lt.second);
}

namespace {

struct Row {
    Str label;
    std::string value;
    Color color;
};

std::vector<Row> status_rows(const ScreenContext& ctx, const MaintenanceView& view, const MaintPalette& p) {
    const Lang lang = ctx.ui.lang;
    const auto s = [lang](Str k) { return std::string(tr(k, lang)); };
    std::vector<Row> rows;
    const std::string bundle = ctx.content ? ctx.content->bundle().version : s(Str::maint_bundle_none);
    if (!view.status) {
        const std::string reading = s(Str::maint_collecting);
        for (Str k : {Str::maint_version, Str::maint_kiosk_id, Str::maint_ip, Str::maint_server, Str::maint_last_sync})
            rows.push_back({k, reading, p.muted});
        rows.push_back({Str::maint_bundle, bundle, ctx.content ? p.text : p.warn});
        for (Str k : {Str::maint_queue, Str::maint_disk, Str::maint_uptime, Str::maint_temperature})
            rows.push_back({k, reading, p.muted});
        return rows;
    }
    const MaintenanceStatus& st = *view.status;
    rows.push_back({Str::maint_version, st.version + " · " + st.commit, p.text});
    rows.push_back({Str::maint_kiosk_id, st.kiosk_id.empty() ? s(Str::maint_not_set) : st.kiosk_id,
                    st.kiosk_id.empty() ? p.warn : p.text});

    std::string ips;
    for (const IpAddress& ip : st.ips) ips += (ips.empty() ? "" : "   ") + ip.interface + " " + ip.address;
    rows.push_back({Str::maint_ip, ips.empty() ? s(Str::maint_no_ip) : ips, ips.empty() ? p.bad : p.text});

    const SyncInfo& sync = st.sync;
    if (!sync.configured) {
        rows.push_back({Str::maint_server, s(Str::maint_server_none), p.warn});
    } else if (!sync.attempted) {
        rows.push_back({Str::maint_server, sync.server + " · " + s(Str::maint_server_not_checked), p.muted});
    } else {
        rows.push_back({Str::maint_server,
                        sync.server + " · " + s(sync.online ? Str::maint_server_reachable : Str::maint_server_unreachable),
                        sync.online ? p.good : p.bad});
    }
    std::string last = sync.last_success ? format_clock(ctx, *sync.last_success) : s(Str::maint_sync_never);
    Color last_color = sync.last_success ? p.good : p.muted;
    if (!sync.last_error.empty()) {
        last += " · " + tr_fill(Str::maint_sync_failed, lang, {std::to_string(sync.consecutive_failures)}) +
                sync.last_error;
        last_color = p.bad;
    } else if (sync.last_success) {
        last += " · " + s(Str::maint_sync_ok);
    }
    rows.push_back({Str::maint_last_sync, sync.configured ? last : "—", sync.configured ? last_color : p.muted});
    rows.push_back({Str::maint_bundle, bundle, ctx.content ? p.text : p.warn});

    if (!st.queue_depth) rows.push_back({Str::maint_queue, s(Str::maint_queue_none), p.muted});
    else if (*st.queue_depth == 0) rows.push_back({Str::maint_queue, s(Str::maint_queue_empty), p.good});
    else
        rows.push_back({Str::maint_queue,
                        tr_fill(Str::maint_queue_events, lang,
                                {std::to_string(*st.queue_depth),
                                 format_age(st.oldest_event_age.value_or(std::chrono::seconds(0)), lang)}),
                        st.oldest_event_age.value_or(std::chrono::seconds(0)) > std::chrono::hours(1) ? p.warn : p.text});

    if (st.disk && st.disk->total_bytes > 0) {
        const double share = static_cast<double>(st.disk->free_bytes) / static_cast<double>(st.disk->total_bytes);
        char pct[16];
        std::snprintf(pct, sizeof pct, "%.0f%%", share * 100);
        rows.push_back({Str::maint_disk,
                        tr_fill(Str::maint_disk_free, lang,
                                {format_bytes(st.disk->free_bytes), format_bytes(st.disk->total_bytes), pct}) +
                            "   " + st.data_dir,
                        share < 0.05 ? p.bad : share < 0.15 ? p.warn : p.text});
    } else {
        rows.push_back({Str::maint_disk, s(Str::maint_not_available) + "   " + st.data_dir, p.bad});
    }
    const std::string na = s(Str::maint_not_available);
    rows.push_back({Str::maint_uptime,
                    tr_fill(Str::maint_uptime_value, lang,
                            {st.system_uptime ? format_uptime(*st.system_uptime, lang) : na,
                             st.kiosk_uptime ? format_uptime(*st.kiosk_uptime, lang) : na}),
                    p.text});
    if (st.temperature) {
        char t[32];
        std::snprintf(t, sizeof t, "%.1f °C", st.temperature->celsius);
        const double c = st.temperature->celsius;
        rows.push_back({Str::maint_temperature, std::string(t) + " · " + st.temperature->zone,
                        c >= 80 ? p.bad : c >= 70 ? p.warn : p.text});
    } else {
        rows.push_back({Str::maint_temperature, na, p.muted});
    }
    return rows;
}

// The title line: a wrench, the title, and on the right the kiosk id.
float title_bar(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const MaintPalette& p,
                const MaintenanceView& view) {
    const float h = m.px(110);
    dl.add(render::RoundRect{.rect = {0, 0, m.w, h}, .fill = p.panel});
    const float icon = m.px(56);
    dl.add(render::Icon{.box = {m.px(32), (h - icon) / 2, icon, icon}, .name = "build", .color = p.accent_bright});
    const float x = m.px(32) + icon + m.px(20);
    dl.add(render::Text{.box = {x, 0, m.w / 2 - x, h}, .utf8 = std::string(tr(Str::maint_title, ctx.ui.lang)),
                        .style = {.size = m.font(48), .weight = render::FontWeight::bold, .color = p.text,
                                  .valign = render::VAlign::middle}});
    if (view.status && !view.status->kiosk_id.empty())
        dl.add(render::Text{.box = {m.w / 2, 0, m.w / 2 - m.px(32), h}, .utf8 = view.status->kiosk_id,
                            .style = {.size = m.font(34), .color = p.muted, .align = render::Align::right,
                                      .valign = render::VAlign::middle}});
    return h;
}

}  // namespace

DrawList maintenance_status_screen(const ScreenContext& ctx, const MaintenanceView& view) {
    const Metrics m = metrics_for(ctx);
    const MaintPalette p;
    const Lang lang = ctx.ui.lang;
    DrawList dl;
    dl.clear = p.background;
    const float top = title_bar(dl, ctx, m, p, view) + m.px(20);
    const float margin = m.px(32);
    const float footer_h = m.font(28) * 1.4f + m.px(16);
    const float bottom = m.h - footer_h;

    // Landscape: the table on the left, the buttons in a column on the right. Portrait: the
    // table on top, the buttons in two columns under it.
    const float button_h = std::max(m.min_target(), m.px(124));
    const float gap = m.px(20);
    Rect table, buttons;
    if (!m.portrait) {
        const float bw = m.px(560);
        table = {margin, top, m.w - 3 * margin - bw, bottom - top};
        buttons = {m.w - margin - bw, top, bw, bottom - top};
    } else {
        const float bh = 3 * button_h + 2 * gap;
        table = {margin, top, m.w - 2 * margin, bottom - top - bh - m.px(32)};
        buttons = {margin, bottom - bh, m.w - 2 * margin, bh};
    }

    dl.add(render::RoundRect{.rect = table, .radius = m.px(18), .fill = p.panel});
    const std::vector<Row> rows = status_rows(ctx, view, p);
    const Rect inner = table.inset(m.px(24));
    const float row_h = inner.h / static_cast<float>(rows.size());
    const float label_w = std::min(m.px(300), inner.w * 0.3f);
    const float label_size = m.font(28), value_size = std::min(m.font(30), row_h / 2.7f);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const float y = inner.y + row_h * static_cast<float>(i);
        if (i > 0) dl.add(render::RoundRect{.rect = {inner.x, std::round(y), inner.w, std::max(1.f, m.px(2))}, .fill = p.divider});
        dl.add(render::Text{.box = {inner.x, y, label_w, row_h}, .utf8 = std::string(tr(rows[i].label, lang)),
                            .style = {.size = label_size, .color = p.muted, .valign = render::VAlign::middle}});
        dl.add(render::Text{.box = {inner.x + label_w + m.px(16), y, inner.w - label_w - m.px(16), row_h},
                            .utf8 = rows[i].value,
                            .style = {.size = value_size, .weight = render::FontWeight::bold, .color = rows[i].color,
                                      .valign = render::VAlign::middle, .max_lines = 2, .line_spacing = 1.2f}});
    }

    struct Button {
        std::string_view id;
        std::string_view icon;
        Str label;
        MaintButtonKind kind;
    };
    const Button list[] = {{maint_ids::sync, "sync", Str::maint_sync_now, MaintButtonKind::primary},
                           {maint_ids::touch_test, "touch_app", Str::maint_touch_test, MaintButtonKind::normal},
                           {maint_ids::pattern, "grid_on", Str::maint_pattern, MaintButtonKind::normal},
                           {maint_ids::restart, "restart_alt", Str::maint_restart, MaintButtonKind::danger},
                           {maint_ids::close, "logout", Str::maint_exit, MaintButtonKind::normal}};
    const int n = static_cast<int>(std::size(list));
    for (int i = 0; i < n; ++i) {
        Rect r;
        if (!m.portrait) {
            r = {buttons.x, buttons.y + static_cast<float>(i) * (button_h + gap), buttons.w, button_h};
        } else {
            const float w = (buttons.w - gap) / 2;
            r = {buttons.x + static_cast<float>(i % 2) * (w + gap), buttons.y + static_cast<float>(i / 2) * (button_h + gap),
                 w, button_h};
        }
        maint_button(dl, ctx, m, p, list[i].id, r, list[i].icon, tr(list[i].label, lang), list[i].kind);
    }

    std::string footer = view.status ? tr_fill(Str::maint_gathered, lang, {format_clock(ctx, view.status->gathered_at)})
                                     : std::string(tr(Str::maint_collecting, lang));
    if (view.sync_requested_at)
        footer += "   " + tr_fill(Str::maint_sync_requested, lang, {format_clock(ctx, *view.sync_requested_at)});
    dl.add(render::Text{.box = {margin, bottom, m.w - 2 * margin, footer_h}, .utf8 = footer,
                        .style = {.size = m.font(28), .color = p.muted, .valign = render::VAlign::middle}});

    if (view.page != MaintPage::confirm_restart) return dl;
    // The confirmation covers the page: nothing under it takes a touch.
    dl.targets.clear();
    dl.add(render::RoundRect{.rect = {0, 0, m.w, m.h}, .fill = Color{0, 0, 0, 170}});
    const float dw = std::min(m.w - 2 * margin, m.px(1000)), dh = m.px(480);
    const Rect dialog{(m.w - dw) / 2, (m.h - dh) / 2, dw, dh};
    dl.add(render::RoundRect{.rect = dialog, .radius = m.px(24), .fill = p.panel, .stroke = p.bad,
                             .stroke_width = m.px(3), .shadow = m.px(20)});
    const Rect in = dialog.inset(m.px(40));
    dl.add(render::Text{.box = {in.x, in.y, in.w, m.font(48) * 1.4f}, .utf8 = std::string(tr(Str::maint_restart_title, lang)),
                        .style = {.size = m.font(48), .weight = render::FontWeight::bold, .color = p.text}});
    const float body_y = in.y + m.font(48) * 1.4f + m.px(16);
    const float bh = std::max(m.min_target(), m.px(120));
    dl.add(render::Text{.box = {in.x, body_y, in.w, in.bottom() - bh - m.px(24) - body_y},
                        .utf8 = std::string(tr(Str::maint_restart_body, lang)),
                        .style = {.size = m.font(32), .color = p.muted, .max_lines = 3}});
    const float bw = (in.w - gap) / 2;
    maint_button(dl, ctx, m, p, maint_ids::restart_cancel, {in.x, in.bottom() - bh, bw, bh}, "close",
                 tr(Str::maint_cancel, lang));
    maint_button(dl, ctx, m, p, maint_ids::restart_confirm, {in.x + bw + gap, in.bottom() - bh, bw, bh}, "restart_alt",
                 tr(Str::maint_restart_confirm, lang), MaintButtonKind::primary);
    return dl;
}

DrawList maintenance_screen(const ScreenContext& ctx) {
    static const MaintenanceView closed;
    const MaintenanceView& view = ctx.maintenance ? *ctx.maintenance : closed;
    switch (view.page) {
        case MaintPage::pin: return maintenance_pin_screen(ctx, view);
        case MaintPage::touch_test: return maintenance_touch_screen(ctx, view);
        case MaintPage::pattern: return maintenance_pattern_screen(ctx);
        case MaintPage::closed:
        case MaintPage::status:
        case MaintPage::confirm_restart: return maintenance_status_screen(ctx, view);
    }
    return maintenance_status_screen(ctx, view);
}

}  // namespace redgrid::kiosk::ui
