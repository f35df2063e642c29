#include "redgrid/content/content_index.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace redgrid::content {

namespace {

template <typename Map>
auto find_or_null(const Map& map, std::string_view key) -> typename Map::mapped_type {
    const auto it = map.find(key);
    return it == map.end() ? nullptr : it->second;
}

template <typename T>
std::span<const T* const> list_or_empty(const std::unordered_map<std::string_view, std::vector<const T*>>& lists,
                                        std::string_view key) {
    const auto it = lists.find(key);
    if (it == lists.end()) return {};
    return it->second;
}

template <typename T>
std::unordered_map<std::string_view, const T*> index_by_id(const std::vector<T>& items) {
    std::unordered_map<std::string_view, const T*> index;
    index.reserve(items.size());
    for (const T& item : items) index.emplace(item.id, &item);
    return index;
}

}  // namespace

std::shared_ptr<const Content> Content::make(Bundle bundle) {
    return std::make_shared<const Content>(PrivateTag{}, std::move(bundle));
}

Content::Content(PrivateTag, Bundle bundle) : bundle_(std::move(bundle)) {
    communities_ = index_by_id(bundle_.communities);
    grids_ = index_by_id(bundle_.grids);
    teams_ = index_by_id(bundle_.teams);
    members_ = index_by_id(bundle_.members);
    media_.reserve(bundle_.media.size());
    for (const MediaInfo& media : bundle_.media) media_.emplace(media.sha256, &media);

    for (const Grid& grid : bundle_.grids) {
        if (communities_.contains(grid.community_id)) grids_of_community_[grid.community_id].push_back(&grid);
    }
    for (const Team& team : bundle_.teams) {
        if (grids_.contains(team.grid_id)) teams_of_grid_[team.grid_id].push_back(&team);
    }
    for (const Member& member : bundle_.members) {
        const Team* team = find_or_null(teams_, member.team_id);
        if (team == nullptr) continue;
        members_of_team_[team->id].push_back(&member);
        if (grids_.contains(team->grid_id)) members_of_grid_[team->grid_id].push_back(&member);
        if (member.on_duty) on_duty_.push_back(&member);
    }
    std::sort(on_duty_.begin(), on_duty_.end(), [](const Member* a, const Member* b) { return a->id < b->id; });
    for (const Honour& honour : bundle_.honours) {
        if (members_.contains(honour.member_id)) honours_of_member_[honour.member_id].push_back(&honour);
    }

    const auto by_start = [](const Activity* a, const Activity* b) {
        return std::tie(a->starts_at, a->id) < std::tie(b->starts_at, b->id);
    };
    for (const Activity& activity : bundle_.activities) {
        activities_by_start_.push_back(&activity);
        if (activity.grid_id && grids_.contains(*activity.grid_id)) {
            activities_of_grid_[*activity.grid_id].push_back(&activity);
        }
    }
    std::sort(activities_by_start_.begin(), activities_by_start_.end(), by_start);
    for (auto& [grid_id, activities] : activities_of_grid_) std::sort(activities.begin(), activities.end(), by_start);

    for (const Notice& notice : bundle_.notices) notices_by_rank_.push_back(&notice);
    std::sort(notices_by_rank_.begin(), notices_by_rank_.end(), [](const Notice* a, const Notice* b) {
        // Higher priority first, then the latest valid_from, then id for a stable order.
        return std::make_tuple(static_cast<int>(b->priority), b->valid_from, a->id) <
               std::make_tuple(static_cast<int>(a->priority), a->valid_from, b->id);
    });
}

const Community* Content::community(std::string_view id) const { return find_or_null(communities_, id); }
const Grid* Content::grid(std::string_view id) const { return find_or_null(grids_, id); }
const Team* Content::team(std::string_view id) const { return find_or_null(teams_, id); }
const Member* Content::member(std::string_view id) const { return find_or_null(members_, id); }
const MediaInfo* Content::media(std::string_view sha256) const { return find_or_null(media_, sha256); }

std::span<const Grid* const> Content::grids_of_community(std::string_view community_id) const {
    return list_or_empty(grids_of_community_, community_id);
}
std::span<const Team* const> Content::teams_of_grid(std::string_view grid_id) const {
    return list_or_empty(teams_of_grid_, grid_id);
}
std::span<const Member* const> Content::members_of_team(std::string_view team_id) const {
    return list_or_empty(members_of_team_, team_id);
}
std::span<const Member* const> Content::members_of_grid(std::string_view grid_id) const {
    return list_or_empty(members_of_grid_, grid_id);
}
std::span<const Honour* const> Content::honours_of(std::string_view member_id) const {
    return list_or_empty(honours_of_member_, member_id);
}

std::optional<MapPoint> Content::location_of(const Member& member) const {
    if (member.position) return member.position;
    const Team* team = this->team(member.team_id);
    if (team == nullptr) return std::nullopt;
    const Grid* grid = this->grid(team->grid_id);
    if (grid == nullptr) return std::nullopt;
    return grid->label_anchor;
}

std::vector<const Member*> Content::on_duty_nearest(std::string_view grid_id, std::size_t limit) const {
    const Grid* origin = grid(grid_id);
    if (origin == nullptr) {
        return {on_duty_.begin(), on_duty_.begin() + static_cast<std::ptrdiff_t>(std::min(limit, on_duty_.size()))};
    }
    struct Ranked {
        double distance;
        const Member* member;
    };
    std::vector<Ranked> ranked;
    ranked.reserve(on_duty_.size());
    for (const Member* member : on_duty_) {
        const auto location = location_of(*member);
        const double distance =
            location ? std::hypot(location->x - origin->label_anchor.x, location->y - origin->label_anchor.y)
                     : std::numeric_limits<double>::infinity();
        ranked.push_back({distance, member});
    }
    const std::size_t count = std::min(limit, ranked.size());
    // partial_sort is not stable: the id breaks ties so the order never flickers between bundles.
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(count), ranked.end(),
                      [](const Ranked& a, const Ranked& b) {
                          return std::tie(a.distance, a.member->id) < std::tie(b.distance, b.member->id);
                      });
    std::vector<const Member*> result;
    result.reserve(count);
    for (std::size_t i = 0; i < count; ++i) result.push_back(ranked[i].member);
    return result;
}

std::vector<const Notice*> Content::active_notices(TimePoint now) const {
    std::vector<const Notice*> result;
    for (const Notice* notice : notices_by_rank_) {
        if (notice->valid_from <= now && now < notice->valid_to) result.push_back(notice);
    }
    return result;
}

const Activity* Content::next_activity(std::string_view grid_id, TimePoint now) const {
    for (const Activity* activity : list_or_empty(activities_of_grid_, grid_id)) {
        if (activity->ends_at > now) return activity;
    }
    return nullptr;
}

std::vector<const Activity*> Content::upcoming_activities(TimePoint now) const {
    std::vector<const Activity*> result;
    for (const Activity* activity : activities_by_start_) {
        if (activity->ends_at > now) result.push_back(activity);
    }
    return result;
}

}  // namespace redgrid::content
