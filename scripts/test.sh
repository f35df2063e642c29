#!/bin/sh
# Installs what is missing, builds everything (warnings are errors) and runs every test.
# .ci/run calls exactly this.
#
# Every stage runs even when an earlier one failed, so one failure does not hide whether the
# others pass; a summary table (stage, tests, result, time) closes the log, and the exit
# status is non-zero when any stage failed.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
jobs="$(nproc)"

summary="$(mktemp "${TMPDIR:-/tmp}/redgrid-test-summary.XXXXXX")"
stage_log="$(mktemp "${TMPDIR:-/tmp}/redgrid-test-stage.XXXXXX")"
trap 'rm -f "$summary" "$stage_log"' EXIT
failed_stages=0
all_passed=0
all_failed=0

# run_stage NAME FUNCTION: runs FUNCTION with its output shown and kept, then records one
# summary row. The tests column is ctest's own count ("N tests failed out of M") or, for the
# fuzz smoke, the targets run.
run_stage() {
    name=$1
    echo "test.sh: == $name"
    start=$(date +%s)
    # A subshell with -e (not in an if or ||, where sh would ignore -e): the stage stops at
    # its first failing command and the script goes on. tee's status would hide the stage's,
    # so the status is written as the stage's last line.
    set +e
    { (set -e; "$2"); echo "test.sh: stage exit $?"; } 2>&1 | tee "$stage_log"
    set -e
    rc=$(sed -n 's/^test.sh: stage exit \([0-9]*\)$/\1/p' "$stage_log" | tail -n 1)
    rc=${rc:-1}
    took=$(( $(date +%s) - start ))
    tests=$(sed -n 's/^.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\)$/\1 failed of \2/p' "$stage_log" | tail -n 1)
    counts=$(sed -n 's/^.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\)$/\1 \2/p' "$stage_log" | tail -n 1)
    if [ -n "$counts" ]; then
        all_failed=$((all_failed + ${counts% *}))
        all_passed=$((all_passed + ${counts#* } - ${counts% *}))
    fi
    [ -n "$tests" ] || tests=$(sed -n 's/^fuzz: \([0-9]*\) targets ran.*/\1 fuzz targets/p' "$stage_log" | tail -n 1)
    [ -n "$tests" ] || tests=$(sed -n 's/^fuzz: findings in:\(.*\) (inputs.*/findings in\1/p' "$stage_log" | tail -n 1)
    [ -n "$tests" ] || tests="-"
    if [ "$rc" -eq 0 ]; then result=passed; else result="FAILED (exit $rc)"; failed_stages=$((failed_stages + 1)); fi
    printf '%s|%s|%s|%ss\n' "$name" "$tests" "$result" "$took" >> "$summary"
    echo "test.sh: == $name $result, took ${took}s"
}

normal() {
    # CI builds four times (normal, ASan, TSan, fuzz) on 2 cores: no debug info in the normal
    # build and line tables only in the sanitizer builds keep compile and link time down.
    cmake -S . -B build-ci -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREDGRID_WERROR=ON \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g0 -DNDEBUG"
    cmake --build build-ci -j"$jobs"
    ctest --test-dir build-ci --output-on-failure -j"$jobs" --timeout 600
}

# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer. -O1 keeps it
# fast enough; assertions stay on (no -DNDEBUG). Any report fails the run.
asan() {
    cmake -S . -B build-asan -DREDGRID_SANITIZE=ON -DREDGRID_WERROR=ON -DREDGRID_BENCH=OFF \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1"
    cmake --build build-asan -j"$jobs"
    ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1" \
    LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0" \
    UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
        ctest --test-dir build-asan --output-on-failure -j"$jobs" --timeout 900
}

# The threaded parts under ThreadSanitizer: the sync worker, the durable queue (UI enqueue
# against the upload worker), the content cache it writes, and the UI inbox the workers
# post to.
tsan() {
    cmake -S . -B build-tsan -DREDGRID_TSAN=ON -DREDGRID_WERROR=ON -DREDGRID_BENCH=OFF \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1"
    cmake --build build-tsan -j"$jobs" --target redgrid_net_tests redgrid_kiosk_tests redgrid_render_tests
    TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1" \
        ctest --test-dir build-tsan --output-on-failure -j"$jobs" --timeout 900 \
        -R '^(Worker|EventQueue|EventUploader|ContentCache|SyncOnce|MediaFetch|UiInboxThreads|DecodingMediaStore|PngCodec)\.'
}

# Every fuzz target for a short smoke run from its seed corpus; the long runs are
# `scripts/fuzz.sh 600` (docs/reliability.md, "Fuzzing"). 8 targets x 22 s keeps the stage
# near its old 6 x 30 s.
fuzz() {
    sh scripts/fuzz.sh "${REDGRID_FUZZ_SECONDS:-22}"
}

run_stage "normal build and whole suite (build-ci)" normal
run_stage "ASan+UBSan build and whole suite (build-asan)" asan
run_stage "TSan build and threaded tests (build-tsan)" tsan
run_stage "fuzz smoke (build-fuzz)" fuzz

echo
echo "test.sh: summary"
printf '%-48s %-20s %-18s %s\n' stage tests result time
while IFS='|' read -r name tests result took; do
    printf '%-48s %-20s %-18s %s\n' "$name" "$tests" "$result" "$took"
done < "$summary"
echo "test.sh: $all_passed passed, $all_failed failed"
if [ "$failed_stages" -ne 0 ]; then
    echo "test.sh: $failed_stages stage(s) failed"
    exit 1
fi
echo "test.sh: every stage passed"
