// Internal to the screens: sizes derived from the screen, the palette from the theme,
// and the widgets every screen shares (header, cards, tiles, the red map).
#pragma once

#include <algorithm>
#include <cmath>
#include <string>

#include "redgrid/kiosk/ui/screen.h"

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
    // The accent darkened until it stands out from the surface (3:1, WCAG 2.1 1.4.11 for
    // graphics): gold stars, trophies and pins on white. Pale gold on white is 1.5:1.
    Color accent_ink;
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
// The red header bar with place name, date and clock, and under it the banner of the most
// urgent current notice (a "notice:ID" target) when there is one; returns their height.
float header(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p);
// A button with an icon and a label, drawn pressed while a finger is on it (or when active).
void tile(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, const std::string& id, Rect r,
          std::string_view icon, std::string_view label, bool active = false);
// A pill with centred text: filled with ink and white text, or outlined in ink.
void chip(DrawList& dl, const Metrics& m, Rect r, std::string_view text, Color ink, bool filled, float font_px = 22);
// Width a chip needs for text.
float chip_width(const ScreenContext& ctx, const Metrics& m, std::string_view text, float font_px = 22);

// A screen's title line (icon, title, and a muted note on the right); returns the area under it.
Rect title_row(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect area,
               std::string_view icon, std::string_view title, std::string_view note = {});

// A vertically scrolling viewport over content_h px of content. begin_scroll clips to the
// viewport, announces the "scroll:MAX" target the App drags, and returns the offset to draw
// at (ctx.ui.scroll clamped to the content); end_scroll unclips and draws the scroll bar.
float begin_scroll(DrawList& dl, const ScreenContext& ctx, Rect viewport, float content_h);
void end_scroll(DrawList& dl, const Metrics& m, const Palette& p, Rect viewport, float content_h, float offset);
// A target for an element inside a scrolled viewport: only its visible part takes touches,
// and only if that part is still big enough to hit.
void visible_target(DrawList& dl, const Metrics& m, std::string id, Rect r, Rect viewport);

// When the content shown was last known current: the bundle's generated_at, or later when
// the server has confirmed it since.
TimePoint content_time(const ScreenContext& ctx);
// True when the content is older than the bundle says it may be: phone numbers and on-duty
// status are then hidden, since they may no longer be true. Also true while the clock is not
// set: freshness cannot be judged then.
bool content_stale(const ScreenContext& ctx);
// The time to judge "not over yet" by. With a set clock, now. Before NTP has answered, the
// clock may be days behind: then the later of the clock and the bundle's generation time,
// both of which the true time is past, so nothing known to be over is shown as current.
TimePoint known_now(const ScreenContext& ctx);
// "11月24日 08:00" / "11-24 08:00" in local time.
std::string format_day_time(const ScreenContext& ctx, TimePoint t, bool with_time = true);

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
    std::string highlight_grid;    // a grid to ring and pin (an activity's place, a chosen grid)
};

// The red map of the 1+6+48 grid inside area: community-coloured grids, non-colliding
// labels, the kiosk's own grid highlighted and the "you are here" marker.
void red_map(DrawList& dl, Rect area, const ScreenContext& ctx, const Metrics& m, const Palette& p,
             const MapOptions& opts);
// Where a point of the map lands on screen when red_map draws it into area with view.
Point map_to_screen(MapPoint pt, const MapBounds& bounds, Rect area, const MapView& view);

}  // namespace redgrid::kiosk::ui

namespace redgrid::kiosk::ui {

// The bar at the bottom of every screen but home: back, home, large text, language.
// Returns the rectangle left above it for the screen's body.
Rect nav_bar(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, float top);

}  // namespace redgrid::kiosk::ui
