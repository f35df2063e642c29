// A validated bundle plus the lookups the screens need, built once per bundle so a
// frame never searches a vector. Shared as std::shared_ptr<const Content>: a new bundle
// makes a new Content, and whoever still holds the old one keeps a consistent view.
#pragma once

#include <cstddef>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "redgrid/content/content.h"

namespace redgrid::content {

class Content {
    struct PrivateTag {};

public:
    // `bundle` should come from parse_bundle (or pass validate_bundle): the indices
    // skip references that do not resolve rather than fail, so a lookup is nullptr or
    // empty instead of undefined.
    static std::shared_ptr<const Content> make(Bundle bundle);

    Content(PrivateTag, Bundle bundle);
    // The indices point into the bundle this object owns: it must never move.
    Content(const Content&) = delete;
    Content& operator=(const Content&) = delete;

    const Bundle& bundle() const { return bundle_; }

    // nullptr when there is no such id.
    const Community* community(std::string_view id) const;
    const Grid* grid(std::string_view id) const;
    const Team* team(std::string_view id) const;
    const Member* member(std::string_view id) const;
    const MediaInfo* media(std::string_view sha256) const;

    // In bundle order; empty for an unknown id.
    std::span<const Grid* const> grids_of_community(std::string_view community_id) const;
    std::span<const Team* const> teams_of_grid(std::string_view grid_id) const;
    std::span<const Member* const> members_of_team(std::string_view team_id) const;
    // Members of every team serving the grid.
    std::span<const Member* const> members_of_grid(std::string_view grid_id) const;
    std::span<const Honour* const> honours_of(std::string_view member_id) const;

    // Where a member is on the map: their own position, else the label anchor of
    // their team's grid; nullopt if neither is known.
    std::optional<MapPoint> location_of(const Member& member) const;

    // On-duty members, nearest to the grid's label anchor first (ties by id); members
    // with no location come last. For an unknown grid: all on-duty members by id.
    std::vector<const Member*> on_duty_nearest(std::string_view grid_id,
                                               std::size_t limit = std::numeric_limits<std::size_t>::max()) const;

    // Notices with valid_from <= now < valid_to: urgent before high before normal,
    // newest (latest valid_from) first within a priority.
    std::vector<const Notice*> active_notices(TimePoint now) const;

    // The grid's activity that has not ended by `now` and starts first (it may be under
    // way); nullptr if none.
    const Activity* next_activity(std::string_view grid_id, TimePoint now) const;
    // All activities that have not ended by `now`, soonest first.
    std::vector<const Activity*> upcoming_activities(TimePoint now) const;

private:
    template <typename T>
    using ById = std::unordered_map<std::string_view, const T*>;
    template <typename T>
    using ListsById = std::unordered_map<std::string_view, std::vector<const T*>>;

    Bundle bundle_;
    ById<Community> communities_;
    ById<Grid> grids_;
    ById<Team> teams_;
    ById<Member> members_;
    ById<MediaInfo> media_;
    ListsById<Grid> grids_of_community_;
    ListsById<Team> teams_of_grid_;
    ListsById<Member> members_of_team_;
    ListsById<Member> members_of_grid_;
    ListsById<Honour> honours_of_member_;
    ListsById<Activity> activities_of_grid_;       // by starts_at
    std::vector<const Activity*> activities_by_start_;
    std::vector<const Notice*> notices_by_rank_;   // priority, then newest
    std::vector<const Member*> on_duty_;           // by id
};

}  // namespace redgrid::content
