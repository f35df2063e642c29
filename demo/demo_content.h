// What the demo kiosk tells residents: services (the five ones and the service
// brands), a two-month calendar of activities, notices and honour boards.
#pragma once

#include <vector>

#include "demo_map.h"
#include "demo_people.h"
#include "demo_support.h"
#include "redgrid/content/content.h"

namespace redgrid::demo {

// The "five ones" (五个一), at least four service brands and a few other services of
// 碧眼社区, each with a contact (a full-time member of the kiosk's community or a
// public hotline).
std::vector<content::Service> make_services(const DemoMap& map, const DemoPeople& people);

// 2026-11-01 .. 2026-12-31: monthly reception days of every branch and community,
// the fourth-quarter joint meetings and service events; sorted by start time.
std::vector<content::Activity> make_activities(const DemoMap& map);

// About ten notices around 2026-11-25: one urgent, some expired, one not yet valid,
// one long enough to need scrolling.
std::vector<content::Notice> make_notices();

// 治理之星 and 服务之星 for 2026年11月 (one each per community) and 2026年10月.
std::vector<content::Honour> make_honours(const DemoMap& map, const DemoPeople& people, Rng& rng);

}  // namespace redgrid::demo
