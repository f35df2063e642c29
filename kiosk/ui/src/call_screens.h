// Internal: the call and rating screens, drawn from a CallFlowView (call_flow.h).
//   call:    confirm, cooldown          calling: calling, failed, cancelled
//   coming:  coming                     rating:  rating, thanks
// call_flow_screen() picks by the view's step, which is what the router wants.
#pragma once

#include <span>
#include <string>

#include "layout.h"
#include "page.h"
#include "redgrid/kiosk/ui/call_flow.h"

namespace redgrid::kiosk::ui {

render::DrawList call_flow_screen(const ScreenContext& ctx, const CallFlowView& view);
render::DrawList call_screen(const ScreenContext& ctx, const CallFlowView& view);
render::DrawList calling_screen(const ScreenContext& ctx, const CallFlowView& view);
render::DrawList coming_screen(const ScreenContext& ctx, const CallFlowView& view);
render::DrawList rating_screen(const ScreenContext& ctx, const CallFlowView& view);

// Shared by the call screens.
struct FlowButton {
    std::string_view id;
    std::string_view icon;
    std::string label;
    bool primary = false;
    bool enabled = true;
};
// The height of the row of big buttons at the bottom of a call screen.
float flow_button_height(const Metrics& m);
// Lays the buttons out side by side across area (its height is the buttons').
void flow_buttons(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const Palette& p, Rect area,
                  std::span<const FlowButton> buttons);
// A round photo of a member, or a placeholder figure when there is none.
void member_photo(DrawList& dl, const Palette& p, Rect box, const std::optional<std::string>& photo);
// The screen's frame: page() with one card filling it; inside is the card's inner area.
PageFrame flow_page(DrawList& dl, const ScreenContext& ctx);

}  // namespace redgrid::kiosk::ui
