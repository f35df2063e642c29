// What the resident is doing: a plain value the screens are drawn from.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redgrid/kiosk/ui/strings.h"

namespace redgrid::kiosk {

enum class ScreenId {
    home, map, members, member, grid, services, activities, notices, notice, honours,
    call, calling, coming, rating, attract, maintenance,
    activity  // one activity in full: "activity:ID"
};

// A screen and its subject ("member:m-0042" is {member, "m-0042"}).
struct Route {
    ScreenId screen = ScreenId::home;
    std::string param;
    bool operator==(const Route&) const = default;
};

// Parses the --screen NAME syntax; the error lists the valid names.
std::optional<Route> parse_route(std::string_view name, std::string* error);
std::string route_name(const Route& route);
// Every NAME --screen accepts, for messages and tests (parameterised ones as "member:ID").
const std::vector<std::string_view>& route_names();

struct UiState {
    Route route;
    std::vector<Route> back_stack;
    Lang lang = Lang::zh;
    bool large_text = false;
    std::string pressed_id;  // the target under a finger right now: drawn pressed
    // How far the screen's scrolling list (or long text) is moved up, in px. Every screen
    // starts at the top; the screen clamps it to what its content allows.
    float scroll = 0;
    // Filters of the members list; unset shows everyone on duty.
    std::string filter_community;
    std::optional<Role> filter_role;
    // Zoom step of the map screen (1 shows every grid, kMaxMapZoom the closest look).
    int map_zoom = 1;
    // While two fingers pinch the map: its zoom between the steps (1..kMaxMapZoom), and
    // map_zoom is the step it will settle on when a finger lifts. 0: no pinch, map_zoom rules.
    float map_scale = 0;
    // How far the resident has dragged the map from its kiosk-centred view, in px; the map
    // screen clamps it to the map's edges.
    float map_pan_x = 0, map_pan_y = 0;
    // The attract loop's page (taken modulo the pages there are to show).
    int attract_page = 0;
};

// The map's drag area: a drag that starts on it pans the map instead of pressing a grid.
// The id carries the range map_pan_x and map_pan_y may take ("map:pan:X0:X1:Y0:Y1", whole
// px), so a drag past the map's edge does not pile up pan the map cannot show.
inline constexpr std::string_view kMapPanTargetPrefix = "map:pan:";

inline constexpr int kMaxMapZoom = 4;

// A scrolling area announces itself as a hit target with this id prefix followed by the
// largest offset its content allows ("scroll:1240"): the App drags and flings within it.
inline constexpr std::string_view kScrollTargetPrefix = "scroll:";

}  // namespace redgrid::kiosk
