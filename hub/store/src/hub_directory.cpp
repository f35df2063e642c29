#include <algorithm>

#include "redgrid/hub/store/hub_content.h"
#include "redgrid/hub/store/hub_records.h"
#include "redgrid/content/content_parse.h"

namespace redgrid::hub {
namespace {

std::optional<content::Bundle> published(HubContent& content, const std::string& kiosk_id) {
    const auto text = content.bundle(kiosk_id);
    if (!text) return std::nullopt;
    auto bundle = content::parse_bundle(text->text);
    if (!bundle) return std::nullopt;
    return std::move(*bundle);
}

MemberCard card(const content::Member& member) {
    return {member.id, member.name, member.photo.value_or(std::string())};
}

}  // namespace

Directory directory_from(HubContent& content) {
    Directory directory;
    directory.on_duty = [&content](const std::string& kiosk_id, const std::string& grid_id) -> std::optional<MemberCard> {
        const auto bundle = published(content, kiosk_id);
        if (!bundle) return std::nullopt;
        const auto grid = grid_id.empty() ? bundle->place.grid_id : grid_id;
        for (const auto& member : bundle->members) {
            if (!member.on_duty) continue;
            const auto team = std::ranges::find(bundle->teams, member.team_id, &content::Team::id);
            if (team != bundle->teams.end() && team->grid_id == grid) return card(member);
        }
        return std::nullopt;
    };
    directory.member = [&content](const std::string& kiosk_id, const std::string& member_id) -> std::optional<MemberCard> {
        const auto bundle = published(content, kiosk_id);
        if (!bundle) return std::nullopt;
        const auto member = std::ranges::find(bundle->members, member_id, &content::Member::id);
        if (member == bundle->members.end()) return std::nullopt;
        return card(*member);
    };
    directory.duty_desk = [&content](const std::string& kiosk_id, const std::string& grid_id) -> std::string {
        const auto bundle = published(content, kiosk_id);
        if (bundle) {
            const auto grid = std::ranges::find(bundle->grids, grid_id.empty() ? bundle->place.grid_id : grid_id,
                                                &content::Grid::id);
            if (grid != bundle->grids.end()) {
                const auto community = std::ranges::find(bundle->communities, grid->community_id, &content::Community::id);
                if (community != bundle->communities.end()) return community->name + "值班室";
            }
        }
        return "社区值班室";
    };
    return directory;
}

}  // namespace redgrid::hub
