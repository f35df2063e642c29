#!/bin/sh
# Installs what is missing, builds everything (warnings are errors) and runs every test.
# .ci/run calls exactly this.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
jobs="$(nproc)"
# Stage timings go to the log, so the figures in docs/reliability.md can be checked on
# any run.
stage_start=0
stage() { stage_start="$(date +%s)"; echo "test.sh: == $1"; }
stage_done() { echo "test.sh: == $1 took $(( $(date +%s) - stage_start ))s"; }

stage "normal build and whole suite (build-ci)"
# CI builds four times (normal, ASan, TSan, fuzz) on 2 cores: no debug info in the normal
# build and line tables only in the sanitizer builds keep compile and link time down.
cmake -S . -B build-ci -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREDGRID_WERROR=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g0 -DNDEBUG"
cmake --build build-ci -j"$jobs"
ctest --test-dir build-ci --output-on-failure -j"$jobs" --timeout 600
stage_done "normal"


# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer. -O1 keeps it
# fast enough; assertions stay on (no -DNDEBUG). Any report fails the run.
stage "ASan+UBSan build and whole suite (build-asan)"
cmake -S . -B build-asan -DREDGRID_SANITIZE=ON -DREDGRID_WERROR=ON -DREDGRID_BENCH=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1"
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1" \
LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0" \
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
    ctest --test-dir build-asan --output-on-failure -j"$jobs" --timeout 900
stage_done "ASan+UBSan"

# The threaded parts under ThreadSanitizer: the sync worker, the durable queue (UI enqueue
# against the upload worker), the content cache it writes, and the UI inbox the workers
# post to.
stage "TSan build and threaded tests (build-tsan)"
cmake -S . -B build-tsan -DREDGRID_TSAN=ON -DREDGRID_WERROR=ON -DREDGRID_BENCH=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1"
cmake --build build-tsan -j"$jobs" --target redgrid_net_tests redgrid_kiosk_tests redgrid_render_tests
TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1" \
    ctest --test-dir build-tsan --output-on-failure -j"$jobs" --timeout 900 \
    -R '^(Worker|EventQueue|EventUploader|ContentCache|SyncOnce|UiInboxThreads|DecodingMediaStore|PngCodec)\.'
stage_done "TSan"

# Every fuzz target for a short smoke run from its seed corpus; the long runs are
# `scripts/fuzz.sh 600` (docs/reliability.md, "Fuzzing"). 8 targets x 22 s keeps the stage
# near its old 6 x 30 s.
stage "fuzz smoke (build-fuzz)"
sh scripts/fuzz.sh "${REDGRID_FUZZ_SECONDS:-22}"
stage_done "fuzz smoke"
