#!/bin/sh
# The long soak (docs/reliability.md, "Soak"): a simulated week by default, about 100,000
# touches, a new bundle every 10 simulated minutes, the hub down for 20-60 minutes every
# six hours, calls made, cancelled and rated, on an accelerated injected clock; then RSS,
# texture, queue and log checks. Tens of minutes on a 2-core machine; runs niced.
# Usage: scripts/soak.sh [--days D | --hours H] [--touches N] [--size WxH] [--seed S] [BUILD_DIR via $BUILD]
# ctest's soak_short runs three simulated hours of the same.
set -eu
cd "$(dirname "$0")/.."
build="${BUILD:-build}"
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREDGRID_WERROR=ON \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g0 -DNDEBUG"
fi
nice cmake --build "$build" -j"$(nproc)" --target redgrid_soak redgrid_demo_bundle
[ "$#" -gt 0 ] || set -- --days 7
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy exec nice "$build/tests/soak/redgrid_soak" --verbose "$@"
