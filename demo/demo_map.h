// The red map of the demo: 光明街道, its six communities and 48 grids, and where the
// demo kiosk stands.
#pragma once

#include <string>
#include <vector>

#include "demo_support.h"
#include "redgrid/content/content.h"

namespace redgrid::demo {

struct DemoMap {
    content::MapBounds bounds;
    content::Subdistrict subdistrict;
    std::vector<content::Community> communities;  // c-01 .. c-06
    std::vector<std::string> community_short_names;  // 碧眼, 东周, ... parallel to communities
    std::vector<content::Grid> grids;  // g-01-1 .. g-06-8, grouped by community
    content::Place place;
};

// Grids are cells of an 8 x 6 lattice whose shared corners and edge bends are
// jittered, so neighbours share edges exactly (no overlaps, no gaps) while the map
// still looks drawn rather than ruled. Fails loudly (throws) if a polygon came out
// non-simple or a label anchor fell outside its grid, which a fixed seed makes a
// build-time certainty rather than a run-time risk.
DemoMap make_map(Rng& rng);

// The grid with id `grid_id`; throws if absent.
const content::Grid& grid_by_id(const DemoMap& map, const std::string& grid_id);

// A point inside `grid`, away from its edges (rounded to 0.1 map units).
content::MapPoint point_inside(const content::Grid& grid, Rng& rng);

}  // namespace redgrid::demo
