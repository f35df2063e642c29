// Internal: how an activity is named and timed on screen, shared by the activities screens
// and the attract loop.
#pragma once

#include <string>

#include "layout.h"

namespace redgrid::kiosk::ui {

Str kind_label(ActivityKind kind);
// The kind's chip colour: service events green, joint meetings dark red, reception days red.
Color kind_ink(ActivityKind kind, const Palette& p);
// "09:00" in local time.
std::string hhmm(const ScreenContext& ctx, TimePoint t);
// "11月26日 星期四 09:00–11:30" (an activity over several days shows both ends in full).
std::string when_text(const ScreenContext& ctx, const Activity& a);
// "碧眼社区 · 第一网格"; empty for an activity of no particular grid.
std::string grid_text(const Content& content, const Activity& a);

}  // namespace redgrid::kiosk::ui
