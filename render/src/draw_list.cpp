#include "redgrid/render/draw_list.h"

#include <ranges>

namespace redgrid::render {

const HitTarget* DrawList::hit(Point p) const {
    for (const HitTarget& target : std::views::reverse(targets)) {
        if (target.rect.contains(p)) return &target;
    }
    return nullptr;
}

const HitTarget* DrawList::find(std::string_view id) const {
    for (const HitTarget& target : std::views::reverse(targets)) {
        if (target.id == id) return &target;
    }
    return nullptr;
}

}  // namespace redgrid::render
