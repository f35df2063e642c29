// WCAG 2.x relative luminance and contrast ratio of sRGB colours: what the palette uses to
// keep its inks readable (kiosk/ui/src/widgets.cpp) and what the contrast tests hold the
// theme to. Alpha is ignored: composite a translucent colour over its backdrop first.
#pragma once

#include "redgrid/render/draw_list.h"

namespace redgrid::render {

// 0 for black .. 1 for white.
double relative_luminance(Color c);
// 1:1 (the same colour) .. 21:1 (black on white), whichever is lighter.
double contrast_ratio(Color a, Color b);

}  // namespace redgrid::render
