// A large, valid content bundle as JSON text, generated in memory (no file, no nlohmann
// DOM: plain appends, so generating it does not inflate the peak memory being measured).
#pragma once

#include <string>

namespace redgrid::bench {

struct LargeBundleSize {
    int members = 10'000;
    int grids = 150;
    int notices = 2'000;
};

// 6 communities; grids on a lattice of the map; 20 members a team; services, activities
// and honours in proportion. Deterministic: the same size gives the same bytes.
std::string make_large_bundle(const LargeBundleSize& size);

}  // namespace redgrid::bench
