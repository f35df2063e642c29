#!/bin/sh
# Runs every libFuzzer target for SECONDS each (default 600; CI's smoke run uses 30).
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# targets: bundle config heartbeat call_status event_ack image url replay
# Builds them in build-fuzz (clang++-16 with ASan+UBSan+libFuzzer instrumentation, see
# docs/reliability.md "Fuzzing"), starts from the seeds in tests/fuzz/corpus/<target>/ and
# keeps what it learns in build-fuzz/corpus/<target>/ (the seeds in the repo are never
# written). A crash, leak, sanitizer report or broken invariant stops the script with
# exit 1 and leaves the input as build-fuzz/findings/<target>/crash-*; make it a
# regression test (tests/*/..._regression_test.cpp) before fixing.
# FUZZ_BUILD_DIR overrides build-fuzz; FUZZ_JOBS the build's -j.
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-600}"
[ $# -gt 0 ] && shift
targets="${*:-bundle config heartbeat call_status event_ack image url replay}"
build="${FUZZ_BUILD_DIR:-build-fuzz}"
jobs="${FUZZ_JOBS:-$(nproc)}"

compiler="$(command -v clang++-16 || true)"
if [ -z "$compiler" ]; then
    echo "fuzz: clang++-16 not found (scripts/install-deps.sh installs clang-16 and libclang-rt-16-dev)" >&2
    exit 1
fi
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER="$compiler" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DREDGRID_FUZZ=ON -DREDGRID_TESTS=OFF -DREDGRID_BENCH=OFF -DREDGRID_WERROR=ON >/dev/null
# shellcheck disable=SC2086
cmake --build "$build" -j"$jobs" --target $(for t in $targets; do printf 'fuzz_%s ' "$t"; done)

export SDL_VIDEODRIVER=dummy
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
failed=""
for target in $targets; do
    work="$build/corpus/$target"
    findings="$build/findings/$target"
    mkdir -p "$work" "$findings"
    log="$build/fuzz-$target.log"
    echo "fuzz: $target for ${seconds}s (log $log)"
    # -max_len 64 KiB: bigger inputs only slow the search; the size caps themselves are
    # tested in the normal suites. -timeout 10: one input taking longer is a finding.
    if "$build/tests/fuzz/fuzz_$target" "$work" "tests/fuzz/corpus/$target" \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1; then
        runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
        cov="$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)"
        echo "fuzz: $target ok: ${runs:-?} executions, $cov, corpus $(ls "$work" | wc -l) files"
    else
        echo "fuzz: $target FAILED; last lines of $log:" >&2
        tail -n 40 "$log" >&2
        failed="$failed $target"
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz: findings in:$failed (inputs under $build/findings/)" >&2
    exit 1
fi
echo "fuzz: $(echo $targets | wc -w) targets ran, no findings"
