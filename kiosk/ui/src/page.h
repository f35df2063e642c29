// Internal: the frame every content screen shares, so that a screen states only what is its
// own. page() sizes the screen, picks the palette from the theme, clears to the background
// and draws the header (place, clock, freshness badge, urgent banner) and the nav bar.
#pragma once

#include "layout.h"

namespace redgrid::kiosk::ui {

struct PageFrame {
    Metrics m;
    Palette p;
    // The screen's own area: under the header and above the nav bar (or down to the bottom
    // edge without one), edge to edge; screens inset it as their design wants.
    Rect inside;
};

// Home and the attract loop have their own bottom rows instead of the nav bar.
enum class NavBar { shown, hidden };

// Draws the frame into dl (which the screen then builds on) and says what it left.
// Use: DrawList dl; const auto [m, p, inside] = page(dl, ctx);
PageFrame page(DrawList& dl, const ScreenContext& ctx, NavBar nav = NavBar::shown);

}  // namespace redgrid::kiosk::ui
