// What every fuzz target shares: a way to state an invariant that libFuzzer reports as a
// crash (with the input saved) when it does not hold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace redgrid::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// An invariant broken by an input is a finding like a crash: abort so libFuzzer keeps the
// input as crash-<sha1> and the run fails.
inline void require(bool holds, const char* what) {
    if (holds) return;
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

}  // namespace redgrid::fuzz
