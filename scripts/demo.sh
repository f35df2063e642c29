#!/bin/sh
# Installs what is missing, builds, and runs the kiosk on its bundled demo content:
# in a window when there is a display, else one headless frame written to a PNG.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREDGRID_TESTS=OFF -DREDGRID_BENCH=OFF >/dev/null
cmake --build build -j"$(nproc)" --target redgrid-kiosk redgrid-hub
exec ./build/kiosk/redgrid-kiosk --demo "$@"
