// The panel checks: the touch test (every touch leaves a trail until cleared, so a dead
// strip or an offset touch layer shows at once) and the test pattern (colour bars, ramps for
// banding, 1 px grids and stripes for scaling and focus, a 1 px frame for overscan).
#include <cmath>
#include <cstdio>

#include "maintenance_screens.h"

namespace redgrid::kiosk::ui {

namespace {

// One colour per stroke, so two touches in a row can be told apart.
constexpr Color kStrokeColors[] = {{0xFF, 0x5A, 0x5A, 255}, {0x5A, 0xC8, 0xFF, 255}, {0x7C, 0xE3, 0x6B, 255},
                                   {0xFF, 0xD1, 0x4A, 255}, {0xD0, 0x8C, 0xFF, 255}, {0xFF, 0xA0, 0x50, 255}};

// A filled, pixel-exact rectangle (radius 0 is a plain fill in the painter).
void fill(DrawList& dl, float x, float y, float w, float h, Color c) {
    dl.add(render::RoundRect{.rect = {x, y, w, h}, .fill = c});
}

}  // namespace

DrawList maintenance_touch_screen(const ScreenContext& ctx, const MaintenanceView& view) {
    const Metrics m = metrics_for(ctx);
    const MaintPalette p;
    const Lang lang = ctx.ui.lang;
    DrawList dl;
    dl.clear = Color{0, 0, 0, 255};
    const float bar_h = std::max(m.min_target(), m.px(100)) + m.px(24);
    const Rect canvas{0, bar_h, m.w, m.h - bar_h};

    // A faint 100 px grid: straight strokes should follow it, and the corners should reach.
    const float step = m.px(100);
    const Color grid{0x26, 0x2B, 0x33, 255};
    for (float x = step; x < m.w; x += step) fill(dl, std::round(x), canvas.y, 1, canvas.h, grid);
    for (float y = canvas.y + step; y < m.h; y += step) fill(dl, 0, std::round(y), m.w, 1, grid);

    // The drawing area first, so the buttons above it stay on top for touches.
    dl.target(std::string(maint_ids::touch_area), canvas);
    dl.add(render::PushClip{canvas});
    const float r = m.px(7);
    for (std::size_t s = 0; s < view.strokes.size(); ++s) {
        const auto& stroke = view.strokes[s];
        const Color c = kStrokeColors[s % std::size(kStrokeColors)];
        for (std::size_t i = 0; i < stroke.size(); ++i) {
            // Dots close enough to read as a line, so a fast swipe shows no gaps.
            if (i > 0) {
                const render::Point a = stroke[i - 1], b = stroke[i];
                const float len = std::hypot(b.x - a.x, b.y - a.y);
                const int n = static_cast<int>(len / (r * 0.8f));
                for (int k = 1; k < n; ++k) {
                    const float t = static_cast<float>(k) / static_cast<float>(n);
                    dl.add(render::Circle{.center = {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}, .radius = r, .fill = c});
                }
            }
            dl.add(render::Circle{.center = stroke[i], .radius = r, .fill = c});
        }
        // Where the finger went down: a ring, the start of that trail.
        if (!stroke.empty())
            dl.add(render::Circle{.center = stroke.front(), .radius = r * 3, .fill = {0, 0, 0, 0}, .stroke = c, .stroke_width = m.px(3)});
    }
    dl.add(render::PopClip{});

    dl.add(render::RoundRect{.rect = {0, 0, m.w, bar_h}, .fill = p.panel});
    const float bh = bar_h - m.px(24);
    const float bw = std::max(m.px(220), bh * 2);
    const float margin = m.px(24);
    maint_button(dl, ctx, m, p, maint_ids::touch_done, {m.w - margin - bw, m.px(12), bw, bh}, "check",
                 tr(Str::maint_touch_done, lang), MaintButtonKind::primary);
    maint_button(dl, ctx, m, p, maint_ids::touch_clear, {m.w - 2 * margin - 2 * bw, m.px(12), bw, bh}, "delete",
                 tr(Str::maint_touch_clear, lang));
    // The last touch's position: a touch layer that is offset or mirrored shows in numbers.
    std::string hint(tr(Str::maint_touch_hint, lang));
    if (!view.strokes.empty() && !view.strokes.back().empty()) {
        const render::Point last = view.strokes.back().back();
        char xy[48];
        std::snprintf(xy, sizeof xy, "   (%d, %d)", static_cast<int>(std::lround(last.x)), static_cast<int>(std::lround(last.y)));
        hint += xy;
    }
    dl.add(render::Text{.box = {margin, 0, m.w - 3 * margin - 2 * bw - margin, bar_h}, .utf8 = hint,
                        .style = {.size = m.font(28), .color = p.text, .valign = render::VAlign::middle, .max_lines = 2,
                                  .line_spacing = 1.2f}});
    return dl;
}

DrawList maintenance_pattern_screen(const ScreenContext& ctx) {
    const Metrics m = metrics_for(ctx);
    DrawList dl;
    dl.clear = Color{0, 0, 0, 255};
    const float w = m.w, h = m.h;
    const auto at = [](float total, int i, int n) { return std::round(total * static_cast<float>(i) / static_cast<float>(n)); };

    // Top half: the eight full-intensity bars (white, yellow, cyan, green, magenta, red, blue, black).
    const Color bars[] = {{255, 255, 255, 255}, {255, 255, 0, 255}, {0, 255, 255, 255}, {0, 255, 0, 255},
                          {255, 0, 255, 255},   {255, 0, 0, 255},   {0, 0, 255, 255},   {0, 0, 0, 255}};
    const float bars_h = std::round(h * 0.45f);
    for (int i = 0; i < 8; ++i) fill(dl, at(w, i, 8), 0, at(w, i + 1, 8) - at(w, i, 8), bars_h, bars[i]);

    // Then four 256-step ramps, black to full: grey, red, green, blue. Visible steps or
    // colour casts in the grey mean a panel or cable that drops bits.
    const float ramp_h = std::round(h * 0.075f);
    for (int ramp = 0; ramp < 4; ++ramp) {
        const float y = bars_h + ramp_h * static_cast<float>(ramp);
        for (int i = 0; i < 256; ++i) {
            const auto v = static_cast<std::uint8_t>(i);
            const Color c = ramp == 0 ? Color{v, v, v, 255} : ramp == 1 ? Color{v, 0, 0, 255}
                          : ramp == 2 ? Color{0, v, 0, 255} : Color{0, 0, v, 255};
            fill(dl, at(w, i, 256), y, at(w, i + 1, 256) - at(w, i, 256), ramp_h, c);
        }
    }

    // The bottom: a 1 px grid every 16 px, then 1 px vertical and horizontal stripes. Any
    // scaling between the frame and the panel turns these grey or into moire.
    const float y0 = bars_h + 4 * ramp_h;
    const float band = h - y0;
    const Color white{255, 255, 255, 255};
    const float third = std::round(w / 3);
    for (float x = 0; x < third; x += 16) fill(dl, x, y0, 1, band, white);
    for (float y = y0; y < h; y += 16) fill(dl, 0, y, third, 1, white);
    for (float x = third; x < 2 * third; x += 2) fill(dl, x, y0, 1, band, white);
    for (float y = y0; y < h; y += 2) fill(dl, 2 * third, y, w - 2 * third, 1, white);

    // A 1 px white frame on the outermost pixels: all four must show, or the panel crops.
    fill(dl, 0, 0, w, 1, white);
    fill(dl, 0, h - 1, w, 1, white);
    fill(dl, 0, 0, 1, h, white);
    fill(dl, w - 1, 0, 1, h, white);

    // In the black bar, where it hides nothing: how to leave.
    const float bx = at(w, 7, 8);
    dl.add(render::Text{.box = {bx + m.px(12), bars_h - m.font(24) * 3.2f, w - bx - m.px(24), m.font(24) * 2.8f},
                        .utf8 = std::string(tr(Str::maint_pattern_hint, ctx.ui.lang)),
                        .style = {.size = m.font(24), .color = {0x9A, 0xA4, 0xB2, 255}, .align = render::Align::center,
                                  .valign = render::VAlign::bottom, .max_lines = 2, .line_spacing = 1.2f}});
    // Any touch anywhere goes back.
    dl.target(std::string(maint_ids::pattern_exit), {0, 0, w, h});
    return dl;
}

}  // namespace redgrid::kiosk::ui
