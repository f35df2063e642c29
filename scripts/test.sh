#!/bin/sh
# Installs what is missing, builds everything (warnings are errors) and runs every test.
# .ci/run calls exactly this.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
jobs="$(nproc)"
cmake -S . -B build-ci -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREDGRID_WERROR=ON
cmake --build build-ci -j"$jobs"
ctest --test-dir build-ci --output-on-failure -j"$jobs" --timeout 600
