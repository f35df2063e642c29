// A screen is a function of (state, size): it returns the DrawList to show and the
// hit targets residents can touch. No SDL here, so every screen is testable headless.
#pragma once

#include <chrono>
#include <memory>

#include "redgrid/content/content.h"
#include "redgrid/kiosk/ui/vocabulary.h"
#include "redgrid/kiosk/ui/ui_state.h"
#include "redgrid/render/draw_list.h"
#include "redgrid/render/text_layout.h"

namespace redgrid::kiosk {

struct CallFlowView;
struct MaintenanceView;

struct ScreenContext {
    const Content* content = nullptr;  // null until the first bundle is there
    const UiState& ui;
    float width = 1920;
    float height = 1080;
    const render::TextMeasurer& measurer;
    std::chrono::system_clock::time_point now;
    int utc_offset_minutes = 480;
    // When the server last confirmed the content shown is current (unset: only the bundle's
    // generated_at says how fresh it is).
    std::optional<std::chrono::system_clock::time_point> content_updated_at;
    const CallFlowView* call = nullptr;  // the call flow's state, for the call screens
    const MaintenanceView* maintenance = nullptr;  // the maintenance screens' state
    // Home (and "waiting for content") carry the hidden maint:corner target to hold.
    bool maintenance_corner = false;
    // False until NTP has set the clock: `now` may then be days off (docs/deploy.md, "Time").
    bool clock_synced = true;
};

render::DrawList build_screen(const ScreenContext& ctx);

// How many pages the attract loop has to show now (honour boards, upcoming activities,
// current notices; empty ones are skipped): the App turns pages only when there are two or more.
int attract_page_count(const Content* content, std::chrono::system_clock::time_point now);

}  // namespace redgrid::kiosk
