// The App's red map gestures that go beyond one finger's press: the zoom the +/- buttons and
// a two-finger pinch share, and the pinch itself (TouchInput recognises it).
#include <algorithm>
#include <charconv>
#include <cmath>

#include "map_fit.h"
#include "redgrid/kiosk/ui/app.h"
#include "redgrid/content/content_index.h"
#include "redgrid/kiosk/ui/vocabulary.h"

namespace redgrid::kiosk {
namespace {

render::Point middle(render::Point a, render::Point b) { return {(a.x + b.x) / 2, (a.y + b.y) / 2}; }
float spread(render::Point a, render::Point b) { return std::hypot(a.x - b.x, a.y - b.y); }
bool finite(render::Point p) { return std::isfinite(p.x) && std::isfinite(p.y); }

// The step a pinch settles on when a finger lifts: the nearest one, except that a pinch that
// went a quarter step past a step in its own direction goes on to the next. A resident who
// spreads their fingers a little from step 1 wants step 2, not to see the map spring back.
int settle_step(float start, float scale) {
    constexpr float kIntent = 0.25f;
    float step = std::round(scale);
    if (scale > start + 0.01f && scale - std::floor(scale) >= kIntent) step = std::ceil(scale);
    if (scale < start - 0.01f && std::ceil(scale) - scale >= kIntent) step = std::floor(scale);
    return std::clamp(static_cast<int>(step), 1, kMaxMapZoom);
}

}  // namespace

std::optional<App::MapPanArea> App::map_pan_at(render::Point p) const {
    std::optional<MapPanArea> found;
    for (const render::HitTarget& t : frame_.targets) {
        if (!t.id.starts_with(kMapPanTargetPrefix) || !t.rect.contains(p)) continue;
        int range[4] = {};
        const char* at = t.id.data() + kMapPanTargetPrefix.size();
        const char* end = t.id.data() + t.id.size();
        bool ok = true;
        for (int i = 0; i < 4 && ok; ++i) {
            const auto [next, ec] = std::from_chars(at, end, range[i]);
            ok = ec == std::errc() && (i == 3 ? next == end : next < end && *next == ':');
            at = next + 1;
        }
        if (!ok) continue;
        found = MapPanArea{t.rect, static_cast<float>(range[0]), static_cast<float>(range[1]),
                           static_cast<float>(range[2]), static_cast<float>(range[3])};
    }
    return found;
}

void App::zoom_map(float zoom, render::Rect area, render::Point anchor, bool live) {
    if (!content_ || !std::isfinite(zoom) || !finite(anchor)) return;
    const Bundle& b = content_->bundle();
    const float from = ui_.map_scale > 0 ? ui_.map_scale : static_cast<float>(std::clamp(ui_.map_zoom, 1, kMaxMapZoom));
    zoom = std::clamp(zoom, 1.f, static_cast<float>(kMaxMapZoom));
    // A map point lands at (scale * (point - kiosk) + pan) from the area's middle, and the
    // scale is proportional to the zoom: for the point at `anchor` to stay there at r times
    // the scale, the pan becomes anchor - r * (anchor - pan). The pan is first taken as drawn
    // (clamped to the map's edges), so the anchor is the place the resident actually sees.
    const render::Point pan = map_fit(b.map, b.place.position, area, from).clamp_pan({ui_.map_pan_x, ui_.map_pan_y});
    const float r = zoom / from;
    const render::Point next = map_fit(b.map, b.place.position, area, zoom)
                                   .clamp_pan({anchor.x - r * (anchor.x - pan.x), anchor.y - r * (anchor.y - pan.y)});
    const float scale = live ? zoom : 0.f;
    const int step = live ? ui_.map_zoom : std::clamp(static_cast<int>(std::lround(zoom)), 1, kMaxMapZoom);
    if (next.x == ui_.map_pan_x && next.y == ui_.map_pan_y && scale == ui_.map_scale && step == ui_.map_zoom) return;
    ui_.map_pan_x = next.x;
    ui_.map_pan_y = next.y;
    ui_.map_scale = scale;
    ui_.map_zoom = step;
    dirty_ = true;
}

void App::zoom_map_step(int delta) {
    const int zoom = std::clamp(ui_.map_zoom + delta, 1, kMaxMapZoom);
    if (zoom == ui_.map_zoom) return;
    // About the middle of the map: the dragged view stays over the same place.
    for (const render::HitTarget& t : frame_.targets)
        if (t.id.starts_with(kMapPanTargetPrefix))
            return zoom_map(static_cast<float>(zoom), t.rect, {0, 0}, false);
}

void App::step_map_settle(bool finish) {
    if (!map_settle_) return;
    const MapSettle settle = *map_settle_;
    if (ui_.route.screen != ScreenId::map || ui_.map_scale <= 0) {
        map_settle_.reset();  // the screen was left (or reset by the idle return) meanwhile
        return;
    }
    const float t = finish || options_.transition <= std::chrono::milliseconds(0)
                        ? 1.f
                        : std::chrono::duration<float>(clock_.steady_now() - settle.start).count() /
                              std::chrono::duration<float>(options_.transition).count();
    if (t >= 1) {
        map_settle_.reset();
        return zoom_map(static_cast<float>(settle.to), settle.area, settle.anchor, false);
    }
    const float ease = 1 - std::pow(1 - std::max(0.f, t), 3.f);
    zoom_map(settle.from + (static_cast<float>(settle.to) - settle.from) * ease, settle.area, settle.anchor, true);
}

void App::pinch_begin(render::Point a, render::Point b) {
    touched();
    step_map_settle(true);
    // The second finger: whatever the first one's press was doing is over, and nothing it
    // was on activates (its lift is not a release: TouchInput swallows it).
    if (!ui_.pressed_id.empty()) {
        ui_.pressed_id.clear();
        dirty_ = true;
    }
    dragging_ = panning_ = pan_possible_ = false;
    drag_max_.reset();
    samples_.clear();
    drawing_ = false;
    waking_ = false;  // the attract loop is already gone; the idle timers run again
    pinch_.reset();
    if (!finite(a) || !finite(b)) return;
    const render::Point mid = middle(a, b);
    std::optional<render::Rect> map;
    if (ui_.route.screen == ScreenId::map)
        if (const auto area = map_pan_at(mid)) map = area->rect;
    const float start = ui_.map_scale > 0 ? ui_.map_scale : static_cast<float>(ui_.map_zoom);
    pinch_ = Pinch{.spread = spread(a, b), .middle = mid, .start = start, .map = map};
}

void App::pinch_move(render::Point a, render::Point b) {
    touched();
    if (!pinch_ || !pinch_->map || !finite(a) || !finite(b)) return;
    if (ui_.route.screen != ScreenId::map || !content_) {
        // Taken elsewhere under the fingers (the idle return): the rest of this pinch is inert.
        pinch_->map.reset();
        return;
    }
    const render::Rect area = *pinch_->map;
    const render::Point centre{area.x + area.w / 2, area.y + area.h / 2};
    const Bundle& bundle = content_->bundle();
    const float from = ui_.map_scale > 0 ? ui_.map_scale : static_cast<float>(std::clamp(ui_.map_zoom, 1, kMaxMapZoom));
    // Fingers report no closer than this, so two points reported on top of each other (a
    // clamped edge, a glitch) cannot make a tiny spread that one step multiplies a hundredfold.
    const float closest = 2 * drag_slop();
    const float now_spread = std::max(spread(a, b), closest);
    const float ratio = now_spread / std::max(pinch_->spread, closest);
    const render::Point mid = middle(a, b);
    // Both fingers moving together carry the map with them (at the zoom drawn, within its edges)...
    const render::Point moved = map_fit(bundle.map, bundle.place.position, area, from)
                                    .clamp_pan({ui_.map_pan_x + (mid.x - pinch_->middle.x),
                                                ui_.map_pan_y + (mid.y - pinch_->middle.y)});
    if (moved.x != ui_.map_pan_x || moved.y != ui_.map_pan_y) {
        ui_.map_pan_x = moved.x;
        ui_.map_pan_y = moved.y;
        dirty_ = true;
    }
    // ...and their spread zooms about the place between them, live between the steps; the
    // step it will settle on shows in the zoom level as the fingers move.
    ui_.map_scale = from;
    zoom_map(from * ratio, area, {mid.x - centre.x, mid.y - centre.y}, true);
    const int step = settle_step(pinch_->start, ui_.map_scale);
    if (step != ui_.map_zoom) {
        ui_.map_zoom = step;
        dirty_ = true;
    }
    pinch_->spread = now_spread;
    pinch_->middle = mid;
}

void App::pinch_end() {
    touched();
    if (!pinch_) return;
    const Pinch pinch = *pinch_;
    pinch_.reset();
    if (ui_.map_scale <= 0) return;
    const int step = settle_step(pinch.start, ui_.map_scale);
    if (pinch.map && ui_.route.screen == ScreenId::map) {
        // The zoom level and the buttons show the step at once; the map glides there.
        const render::Rect& area = *pinch.map;
        ui_.map_zoom = step;
        map_settle_ = MapSettle{.from = ui_.map_scale, .to = step, .area = area,
                                .anchor = {pinch.middle.x - (area.x + area.w / 2), pinch.middle.y - (area.y + area.h / 2)},
                                .start = clock_.steady_now()};
        dirty_ = true;
        return step_map_settle(false);
    }
    ui_.map_scale = 0;
    ui_.map_zoom = step;
    dirty_ = true;
}

}  // namespace redgrid::kiosk
