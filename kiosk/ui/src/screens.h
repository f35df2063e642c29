// Internal: one builder per screen; build_screen() (screen.cpp) routes to them.
#pragma once

#include "redgrid/kiosk/ui/screen.h"

namespace redgrid::kiosk::ui {

render::DrawList home_screen(const ScreenContext& ctx);
render::DrawList notices_screen(const ScreenContext& ctx);
render::DrawList notice_screen(const ScreenContext& ctx);
render::DrawList member_screen(const ScreenContext& ctx);
render::DrawList members_screen(const ScreenContext& ctx);
render::DrawList services_screen(const ScreenContext& ctx);
render::DrawList honours_screen(const ScreenContext& ctx);
render::DrawList activities_screen(const ScreenContext& ctx);
render::DrawList activity_screen(const ScreenContext& ctx);
render::DrawList map_screen(const ScreenContext& ctx);
render::DrawList grid_screen(const ScreenContext& ctx);
render::DrawList attract_screen(const ScreenContext& ctx);
render::DrawList placeholder_screen(const ScreenContext& ctx, Str title, Str body);
render::DrawList waiting_screen(const ScreenContext& ctx);

}  // namespace redgrid::kiosk::ui
