// Internal to the screens: sizes derived from the screen, the palette from the theme,
// and the widgets every screen shares (header, cards, tiles, the red map).
#pragma once

#include <algorithm>
#include <cmath>
#include <string>

#include "redgrid/kiosk/screen.h"

namespace redgrid::kiosk::ui {

using render::Color;
using render::DrawList;
using render::Point;
using render::Rect;

// The reference design is 1920x1080 landscape (1080x1920 portrait); u scales it.
struct Metrics {
    float w = 1920, h = 1080, u = 1;
    bool portrait = false;
    bool large = false;

    float px(float v) const { return std::round(v * u); }
    // Type grows in large-text mode; layouts re-flow around it rather than scale.
    float font(float v) const { return std::round(v * u * (large ? 1.3f : 1.0f)); }
    float pad() const { return px(24); }
    // The smallest touch target: 96 px at 1080p.
    float min_target() const { return px(96); }
};

Metrics metrics_for(const ScreenContext& ctx);

struct Palette {
    Color primary, primary_dark, accent, background, surface, text, text_muted;
    Color on_primary{255, 255, 255, 255};
    Color success{0x1B, 0x7F, 0x3B, 255};
    Color divider{0xE8, 0xDF, 0xD8, 255};
};

Palette palette_for(const ScreenContext& ctx);

// Local wall-clock pieces of ctx.now at the configured UTC offset.
struct LocalTime {
    int year, month, day, hour, minute, second, weekday;  // weekday 0 = Sunday
};
LocalTime local_time(std::chrono::system_clock::time_point t, int utc_offset_minutes);
std::string two_digits(int v);

// Widgets. Each returns nothing and appends ops (and hit targets) to the list.
void card(DrawList& dl, Rect r, const Palette& p, const Metrics& m);
// The red header bar with place name, date and clock; returns its height.
float header(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p);
// A button with an icon and a label, drawn pressed while a finger is on it (or when active).
void tile(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, const std::string& id, Rect r,
          std::string_view icon, std::string_view label, bool active = false);

}  // namespace redgrid::kiosk::ui

namespace redgrid::kiosk::ui {

// Pan and zoom of the red map; zoom 1 fits the whole map into its area.
struct MapView {
    float zoom = 1;
    float pan_x = 0, pan_y = 0;  // in screen pixels, applied after fitting
};

struct MapOptions {
    MapView view;
    bool grid_targets = false;     // each grid becomes a "grid:ID" hit target
    bool member_markers = false;   // members with a position, as "member:ID" targets
    float label_size = 18;         // reference px, scaled by Metrics::font
};

// The red map of the 1+6+48 grid inside area: community-coloured grids, non-colliding
// labels, the kiosk's own grid highlighted and the "you are here" marker.
void red_map(DrawList& dl, Rect area, const ScreenContext& ctx, const Metrics& m, const Palette& p,
             const MapOptions& opts);

}  // namespace redgrid::kiosk::ui

namespace redgrid::kiosk::ui {

// The bar at the bottom of every screen but home: back, home, large text, language.
// Returns the rectangle left above it for the screen's body.
Rect nav_bar(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, float top);

}  // namespace redgrid::kiosk::ui
