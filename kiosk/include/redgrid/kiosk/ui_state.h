// What the resident is doing: a plain value the screens are drawn from.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redgrid/kiosk/strings.h"

namespace redgrid::kiosk {

enum class ScreenId {
    home, map, members, member, grid, services, activities, notices, notice, honours,
    call, calling, coming, rating, attract, maintenance
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
};

}  // namespace redgrid::kiosk
