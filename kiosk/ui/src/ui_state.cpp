#include "redgrid/kiosk/ui/ui_state.h"

#include <array>
#include <utility>

namespace redgrid::kiosk {
namespace {

struct NamedScreen {
    std::string_view name;
    ScreenId id;
    bool has_param;
};

constexpr std::array kScreens = {
    NamedScreen{"home", ScreenId::home, false},         NamedScreen{"map", ScreenId::map, false},
    NamedScreen{"members", ScreenId::members, false},   NamedScreen{"member", ScreenId::member, true},
    NamedScreen{"grid", ScreenId::grid, true},          NamedScreen{"services", ScreenId::services, false},
    NamedScreen{"activities", ScreenId::activities, false}, NamedScreen{"notices", ScreenId::notices, false},
    NamedScreen{"notice", ScreenId::notice, true},      NamedScreen{"honours", ScreenId::honours, false},
    NamedScreen{"call", ScreenId::call, false},         NamedScreen{"calling", ScreenId::calling, false},
    NamedScreen{"coming", ScreenId::coming, false},     NamedScreen{"rating", ScreenId::rating, false},
    NamedScreen{"attract", ScreenId::attract, false},   NamedScreen{"maintenance", ScreenId::maintenance, false},
    NamedScreen{"activity", ScreenId::activity, true},
};

}  // namespace

const std::vector<std::string_view>& route_names() {
    static const std::vector<std::string_view> names = [] {
        // Parameterised names are listed with their placeholder ("member:ID"); the strings
        // live as long as the program, like the table.
        static std::vector<std::string> with_placeholder;
        with_placeholder.reserve(kScreens.size());
        std::vector<std::string_view> out;
        for (const auto& s : kScreens) {
            if (!s.has_param) {
                out.push_back(s.name);
                continue;
            }
            with_placeholder.push_back(std::string(s.name) + ":ID");
            out.push_back(with_placeholder.back());
        }
        return out;
    }();
    return names;
}

std::optional<Route> parse_route(std::string_view name, std::string* error) {
    const auto colon = name.find(':');
    const std::string_view head = name.substr(0, colon);
    const std::string_view param = colon == std::string_view::npos ? std::string_view{} : name.substr(colon + 1);
    for (const auto& s : kScreens) {
        if (s.name != head) continue;
        if (s.has_param == (colon != std::string_view::npos) && (!s.has_param || !param.empty()))
            return Route{s.id, std::string(param)};
        break;
    }
    if (error) {
        std::string list;
        for (auto n : route_names()) list += (list.empty() ? "" : ", ") + std::string(n);
        *error = "unknown screen \"" + std::string(name) + "\"; valid screens: " + list;
    }
    return std::nullopt;
}

std::string route_name(const Route& route) {
    for (const auto& s : kScreens)
        if (s.id == route.screen) return s.has_param ? std::string(s.name) + ":" + route.param : std::string(s.name);
    return "home";
}

}  // namespace redgrid::kiosk
