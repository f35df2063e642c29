// The 红小二 volunteer teams of the demo and their members: fictional people with
// realistic names, roles, duty status and masked phone numbers.
#pragma once

#include <vector>

#include "demo_map.h"
#include "demo_support.h"
#include "redgrid/content/content.h"

namespace redgrid::demo {

struct DemoPeople {
    std::vector<content::Team> teams;      // t-001 .., one or two per grid
    std::vector<content::Member> members;  // m-0001 .., grouped by team; photos not yet set
};

// Every team has 3-6 members led by a full-time grid member; about a third of all
// members are full-time and about 40% are on duty at generation time.
DemoPeople make_people(const DemoMap& map, Rng& rng);

// The grid a member serves in (through their team).
const content::Grid& grid_of_member(const DemoMap& map, const DemoPeople& people, const content::Member& member);

}  // namespace redgrid::demo
