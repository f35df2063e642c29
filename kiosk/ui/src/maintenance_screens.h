// Internal to the maintenance screens (screen_maintenance*.cpp): their own dark look, which
// tells a technician at a glance that this is not the residents' screen and does not depend
// on the content's theme (there may be no content at all when something is wrong).
#pragma once

#include <string>

#include "layout.h"
#include "redgrid/kiosk/ui/maintenance_flow.h"

namespace redgrid::kiosk::ui {

struct MaintPalette {
    Color background{0x14, 0x18, 0x1F, 255};
    Color panel{0x1F, 0x25, 0x30, 255};
    Color panel_pressed{0x2C, 0x34, 0x42, 255};
    Color divider{0x2E, 0x36, 0x44, 255};
    Color text{0xE8, 0xEC, 0xF2, 255};
    Color muted{0x9A, 0xA4, 0xB2, 255};
    Color accent{0xC8, 0x10, 0x2E, 255};  // the brand red, for the buttons that act
    Color accent_pressed{0x9E, 0x0B, 0x22, 255};
    // The brand red lightened for icons on the dark panels (3:1 and more, as WCAG asks).
    Color accent_bright{0xF8, 0x51, 0x49, 255};
    Color good{0x3F, 0xB9, 0x50, 255};
    Color warn{0xE3, 0xA0, 0x08, 255};
    Color bad{0xF8, 0x51, 0x49, 255};
};

enum class MaintButtonKind { normal, primary, danger };

// A big labelled button (icon + text), drawn pressed while a finger is on it; no target
// when disabled.
void maint_button(DrawList& dl, const ScreenContext& ctx, const Metrics& m, const MaintPalette& p,
                  std::string_view id, Rect r, std::string_view icon, std::string_view label,
                  MaintButtonKind kind = MaintButtonKind::normal, bool enabled = true);

// "812 MB", "1.2 GB"; "3 天 04:12:05" / "3 d 04:12:05"; "42 秒" / "3 min".
std::string format_bytes(std::uint64_t bytes);
std::string format_uptime(std::chrono::seconds s, Lang lang);
std::string format_age(std::chrono::seconds s, Lang lang);
// HH:MM:SS in the kiosk's local time.
std::string format_clock(const ScreenContext& ctx, std::chrono::system_clock::time_point t);

// The page the maintenance flow is on (ctx.maintenance); the status page when there is none.
DrawList maintenance_screen(const ScreenContext& ctx);
DrawList maintenance_pin_screen(const ScreenContext& ctx, const MaintenanceView& view);
DrawList maintenance_status_screen(const ScreenContext& ctx, const MaintenanceView& view);
DrawList maintenance_touch_screen(const ScreenContext& ctx, const MaintenanceView& view);
DrawList maintenance_pattern_screen(const ScreenContext& ctx);

}  // namespace redgrid::kiosk::ui
