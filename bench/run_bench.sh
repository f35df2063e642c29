#!/bin/sh
# The benchmark suite in one command (issue 7). Builds what it needs, measures the kiosk
# against yardsticks measured in the same run (this machine is shared and noisy, so every
# figure is a ratio, plus callgrind instruction counts that noise cannot move), and writes
# bench/results.md.
#
#   sh bench/run_bench.sh [--quick] [--idle-seconds N] [--runs N] [--build-dir DIR] [--out FILE]
#                         [--no-build] [--no-callgrind] [--no-chromium] [--smoke]
#
#   --quick   7 startup runs as always, but a 10 s idle window, callgrind on home only, a
#             smaller content repeat count (a few minutes instead of about ten)
#   --smoke   every program once with tiny counts, no callgrind, no Chromium: what ctest's
#             bench_smoke runs so the suite cannot rot; its figures mean nothing
#
# The Chromium comparison runs when Debian's chromium is installed (apt-get install
# chromium; not a dependency of the project, CI does not run this script) and is skipped
# with a message otherwise.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD="$ROOT/build-bench"
OUT="$ROOT/bench/results.md"
MODE=full
IDLE_SECONDS=60
RUNS=7
BUILD_FIRST=1
CALLGRIND=1
CHROMIUM=1
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) MODE=quick; IDLE_SECONDS=10 ;;
        --smoke) MODE=smoke; IDLE_SECONDS=2; RUNS=1; CALLGRIND=0; CHROMIUM=0 ;;
        --idle-seconds) IDLE_SECONDS=$2; shift ;;
        --runs) RUNS=$2; shift ;;
        --build-dir) BUILD=$2; shift ;;
        --out) OUT=$2; shift ;;
        --no-build) BUILD_FIRST=0 ;;
        --no-callgrind) CALLGRIND=0 ;;
        --no-chromium) CHROMIUM=0 ;;
        *) echo "run_bench: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

KIOSK="$BUILD/kiosk/redgrid-kiosk"
BASELINE="$BUILD/bench/redgrid_bench_baseline"
FRAME="$BUILD/bench/redgrid_bench_frame"
CONTENT="$BUILD/bench/redgrid_bench_content"
QUEUE="$BUILD/bench/redgrid_bench_queue"
NOW="2026-11-25T09:30:00+08:00"

if [ "$BUILD_FIRST" = 1 ]; then
    sh "$ROOT/scripts/install-deps.sh"
    [ -f "$BUILD/CMakeCache.txt" ] || cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    targets="--target redgrid-kiosk redgrid_bench_baseline redgrid_bench_frame redgrid_bench_content"
    [ -f "$ROOT/bench/queue_bench.cpp" ] && targets="$targets redgrid_bench_queue"
    # shellcheck disable=SC2086
    cmake --build "$BUILD" -j"$(nproc)" $targets
fi
for program in "$KIOSK" "$BASELINE" "$FRAME" "$CONTENT"; do
    [ -x "$program" ] || { echo "run_bench: $program is not built" >&2; exit 1; }
done
command -v /usr/bin/time >/dev/null || { echo "run_bench: /usr/bin/time missing (sh scripts/install-deps.sh)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/redgrid-bench.XXXXXX")
KIOSK_PID=""
cleanup() {
    if [ -n "$KIOSK_PID" ]; then kill "$KIOSK_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

say() { echo "run_bench: $*" >&2; }
# Arithmetic on decimals, with awk (sh has integers only).
calc() { awk "BEGIN { v = $1; printf \"%.${2:-3}f\", v }"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else print v[int((NR + 1) / 2)] }'; }
# The value of "result KEY VALUE" in a file.
result() { awk -v k="$2" '$1 == "result" && $2 == k { print $3; found = 1 } END { if (!found) print 0 }' "$1"; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo "met"; else echo "**missed**"; fi; }
now_ns() { date +%s%N; }

# --- (a) startup to first frame: whole process, wall time and peak RSS --------------------
say "startup: $RUNS runs each of the kiosk and the baseline"
: >"$WORK/kiosk_wall"; : >"$WORK/kiosk_rss"; : >"$WORK/base_wall"; : >"$WORK/base_rss"
run_timed() {  # label, command...: appends wall seconds and peak KiB
    label=$1; shift
    start=$(now_ns)
    /usr/bin/time -f "%M" -o "$WORK/time.out" "$@" >/dev/null
    end=$(now_ns)
    calc "($end - $start) / 1e9" 4 >>"$WORK/${label}_wall"; echo >>"$WORK/${label}_wall"
    tail -n 1 "$WORK/time.out" >>"$WORK/${label}_rss"
}
i=0
while [ "$i" -lt "$RUNS" ]; do
    # Interleaved, so a burst of someone else's compile hits both alike.
    run_timed kiosk "$KIOSK" --demo --screenshot "$WORK/kiosk.png" --size 1920x1080 --now "$NOW"
    run_timed base "$BASELINE" --out "$WORK/baseline.png"
    i=$((i + 1))
done
K_WALL=$(median <"$WORK/kiosk_wall"); K_RSS=$(median <"$WORK/kiosk_rss")
B_WALL=$(median <"$WORK/base_wall"); B_RSS=$(median <"$WORK/base_rss")
DEMO_DIR="$BUILD/share/redgrid/demo"
BUNDLE_KIB=$(du -sk "$DEMO_DIR" | cut -f1)
START_RATIO=$(calc "$K_WALL / $B_WALL" 2)
RSS_RATIO=$(calc "$K_RSS / $B_RSS" 2)
RSS_LIMIT_KIB=$(calc "1.5 * $B_RSS + $BUNDLE_KIB" 0)

# --- (b, c, d) frames: Google Benchmark of App + Painter, and the baseline's warm frame ----
say "frames: Google Benchmark of every main screen, clock tick, touch to present"
if [ "$MODE" = smoke ]; then
    "$FRAME" --benchmark_min_time=0.01 >"$WORK/frame.txt"
    "$BASELINE" --frames 3 --out "$WORK/baseline.png" >"$WORK/base_frames.txt"
else
    "$FRAME" >"$WORK/frame.txt"
    "$BASELINE" --frames 200 --out "$WORK/baseline.png" >"$WORK/base_frames.txt"
fi
B_WARM_MS=$(awk '{ print $4 }' "$WORK/base_frames.txt")
SCREENS=$(awk '$1 == "screens" { $1 = ""; print }' "$WORK/frame.txt")

# Callgrind: instructions of N=11 minus N=1 frames, divided by 10, are one warm frame.
instructions() {  # command...: the instruction count callgrind collected
    valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" "$@" >/dev/null 2>"$WORK/cg.err" || {
        cat "$WORK/cg.err" >&2; return 1; }
    awk '/Collected :/ { print $NF }' "$WORK/cg.err"
}
per_frame_instructions() {  # command...: (N=11) - (N=1), over 10
    one=$(instructions "$@" --frames 1)
    eleven=$(instructions "$@" --frames 11)
    calc "($eleven - $one) / 10" 0
}
CG_BASE=0; CG_HOME=0; CG_CLOCK=0; CG_PRESS=0
: >"$WORK/cg_screens"
if [ "$CALLGRIND" = 1 ] && command -v valgrind >/dev/null; then
    say "callgrind: baseline and kiosk warm frames (slow: valgrind runs each program twice)"
    CG_BASE=$(per_frame_instructions "$BASELINE" --out "$WORK/baseline.png")
    CG_HOME=$(per_frame_instructions "$FRAME" --screen home --update full)
    CG_CLOCK=$(per_frame_instructions "$FRAME" --screen home --update clock)
    CG_PRESS=$(per_frame_instructions "$FRAME" --screen home --update press)
    if [ "$MODE" = full ]; then
        for s in $SCREENS; do
            [ "$s" = home ] && continue
            echo "$s $(per_frame_instructions "$FRAME" --screen "$s" --update full)" >>"$WORK/cg_screens"
        done
    fi
fi

# --- (e) idle: the real kiosk in a window on the dummy video driver ----------------------
say "idle: the kiosk on a static home screen for $IDLE_SECONDS s"
"$KIOSK" --demo --size 1920x1080 >"$WORK/idle.out" 2>"$WORK/idle.err" &
KIOSK_PID=$!
waited=0
until grep -q "first frame on screen" "$WORK/idle.err" 2>/dev/null; do
    sleep 0.2; waited=$((waited + 1))
    if [ "$waited" -gt 150 ] || ! kill -0 "$KIOSK_PID" 2>/dev/null; then
        say "the kiosk did not show a first frame:"; cat "$WORK/idle.err" >&2; exit 1
    fi
done
sleep 1  # past startup: only the steady state counts
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$KIOSK_PID/stat"; }
TICKS0=$(cpu_ticks); T0=$(now_ns)
sleep "$IDLE_SECONDS"
TICKS1=$(cpu_ticks); T1=$(now_ns)
IDLE_RSS=$(awk '/VmRSS/ { print $2 }' "/proc/$KIOSK_PID/status")
kill "$KIOSK_PID"; wait "$KIOSK_PID" || true; KIOSK_PID=""
HZ=$(getconf CLK_TCK)
IDLE_PCT=$(calc "($TICKS1 - $TICKS0) / $HZ / (($T1 - $T0) / 1e9) * 100" 3)
IDLE_WINDOW=$(calc "($T1 - $T0) / 1e9" 1)

# --- (f) content: a large generated bundle through the kiosk's boundary -------------------
say "content: 10,000 members, 150 grids, 2,000 notices"
case "$MODE" in
    smoke) "$CONTENT" --members 200 --grids 12 --notices 40 --repeat 1 >"$WORK/content.txt" ;;
    quick) "$CONTENT" --repeat 3 >"$WORK/content.txt" ;;
    *) "$CONTENT" --repeat 7 >"$WORK/content.txt" ;;
esac
c() { result "$WORK/content.txt" "$1"; }
# Callgrind of the same bundle: (parse_bundle + Content::make) and nlohmann::json::parse
# alone, each minus generating the text.
CG_CONTENT_NONE=0; CG_CONTENT_JSON=0; CG_CONTENT_BUNDLE=0
if [ "$CALLGRIND" = 1 ] && command -v valgrind >/dev/null; then
    say "callgrind: content parse vs nlohmann::json::parse"
    CG_CONTENT_NONE=$(instructions "$CONTENT" --phase none --repeat 1)
    CG_CONTENT_JSON=$(instructions "$CONTENT" --phase json --repeat 1)
    CG_CONTENT_BUNDLE=$(instructions "$CONTENT" --phase bundle --repeat 1)
fi

# --- (h) Chromium showing the same screen, when it is installed ------------------------------
CHROMIUM_BIN=$(command -v chromium || true)
CHROMIUM_STATE=skipped
if [ "$CHROMIUM" = 0 ]; then
    CHROMIUM_STATE="not run (--no-chromium or --smoke)"
elif [ -z "$CHROMIUM_BIN" ]; then
    say "chromium is not installed: skipping the Chromium comparison (apt-get install chromium to run it)"
    CHROMIUM_STATE="not run: chromium is not installed (apt-get install chromium)"
else
    say "chromium: headless screenshot of bench/chromium/home.html vs the kiosk's, interleaved, $RUNS runs for time, $RUNS for memory"
    python3 "$ROOT/bench/chromium/make_home.py" "$DEMO_DIR/bundle.json" >"$WORK/home.html"
    python3 "$ROOT/bench/chromium/measure.py" --runs "$RUNS" --chromium "$CHROMIUM_BIN" --other-out "$WORK/kiosk2.png" \
        "$WORK/home.html" "$WORK/chromium.png" \
        -- "$KIOSK" --demo --screenshot "$WORK/kiosk2.png" --size 1920x1080 --now "$NOW" >"$WORK/chromium.txt"
    CHROMIUM_STATE=measured
    CHROMIUM_VERSION=$("$CHROMIUM_BIN" --version 2>/dev/null | head -n 1 | cut -d" " -f1-2)
fi
ch() { result "$WORK/chromium.txt" "$1"; }

# --- (g) the durable queue, when it is built ----------------------------------------------
QUEUE_TEXT="(not built)"
if [ -x "$QUEUE" ]; then
    say "queue: enqueue vs bare SQLite insert+commit, local drain"
    if [ "$MODE" = smoke ]; then
        "$QUEUE" --benchmark_color=false --benchmark_filter='Usage_NORMAL' --benchmark_min_time=0.01 >"$WORK/queue.txt" 2>&1
    else
        "$QUEUE" --benchmark_color=false >"$WORK/queue.txt" 2>&1
    fi
    QUEUE_TEXT=$(cat "$WORK/queue.txt")
fi

# --- results.md ----------------------------------------------------------------------------
f() { result "$WORK/frame.txt" "$1"; }
HOME_MS=$(f warm.home.median_ms)
CLOCK_MS=$(f clock_tick.median_ms)
PRESS_P50=$(f press.p50_frames); PRESS_P99=$(f press.p99_frames)
MAX_TEXT_MISS=0
for s in $SCREENS; do
    m=$(f "warm.$s.text_misses_per_frame")
    MAX_TEXT_MISS=$(calc "($m > $MAX_TEXT_MISS) ? $m : $MAX_TEXT_MISS" 3)
done
{
    echo "# Benchmark results"
    echo
    echo "Written by \`sh bench/run_bench.sh$( [ "$MODE" = full ] || echo " --$MODE")\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo "Commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')."
    echo
    echo "Machine: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) cores," \
         "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); load average at the end:" \
         "$(cut -d' ' -f1-3 /proc/loadavg). Software rendering at 1920x1080, SDL_VIDEODRIVER=dummy."
    [ "$MODE" = smoke ] && echo && echo "**Smoke run: tiny counts, the figures mean nothing.**"
    echo
    echo "## Startup to first frame (median of $RUNS whole-process runs)"
    echo
    echo "| | wall s | peak RSS MiB |"
    echo "|---|---|---|"
    echo "| \`redgrid-kiosk --demo --screenshot\` | $K_WALL | $(calc "$K_RSS / 1024" 1) |"
    echo "| baseline (\`redgrid_bench_baseline\`) | $B_WALL | $(calc "$B_RSS / 1024" 1) |"
    echo "| ratio | $START_RATIO | $RSS_RATIO |"
    echo
    echo "- Target startup <= 2x baseline: $START_RATIO x, $(verdict "$START_RATIO <= 2")."
    echo "- Target peak RSS <= 1.5x baseline + bundle ($BUNDLE_KIB KiB) = $(calc "$RSS_LIMIT_KIB / 1024" 1) MiB:" \
         "$(calc "$K_RSS / 1024" 1) MiB, $(verdict "$K_RSS <= $RSS_LIMIT_KIB")."
    echo "- Target peak RSS < 120 MB with the demo bundle: $(calc "$K_RSS * 1024 / 1e6" 1) MB, $(verdict "$K_RSS * 1024 < 120e6")."
    echo
    echo "## Warm full frame (median UI-thread CPU ms of a full redraw; baseline $B_WARM_MS ms)"
    echo
    echo "| screen | ms | x baseline | text misses/frame | shape misses/frame |"
    echo "|---|---|---|---|---|"
    for s in $SCREENS; do
        ms=$(f "warm.$s.median_ms")
        echo "| $s | $(calc "$ms" 2) | $(calc "$ms / $B_WARM_MS" 2) | $(f "warm.$s.text_misses_per_frame") | $(f "warm.$s.shape_misses_per_frame") |"
    done
    echo
    echo "- Target no text rasterised again on a warm frame: max $MAX_TEXT_MISS misses/frame, $(verdict "$MAX_TEXT_MISS == 0")."
    if [ "$CG_HOME" != 0 ]; then
        echo
        echo "Callgrind, instructions per warm frame ((N=11) - (N=1) frames, / 10):"
        echo
        echo "| frame | instructions | x baseline |"
        echo "|---|---|---|"
        echo "| baseline home | $CG_BASE | 1.00 |"
        echo "| kiosk home, full redraw | $CG_HOME | $(calc "$CG_HOME / $CG_BASE" 2) |"
        echo "| kiosk home, clock tick | $CG_CLOCK | $(calc "$CG_CLOCK / $CG_BASE" 2) |"
        echo "| kiosk home, press/release feedback | $CG_PRESS | $(calc "$CG_PRESS / $CG_BASE" 2) |"
        while read -r s n; do echo "| kiosk $s, full redraw | $n | $(calc "$n / $CG_BASE" 2) |"; done <"$WORK/cg_screens"
        echo
        echo "- Target warm full frame <= 1.3x baseline instructions: $(calc "$CG_HOME / $CG_BASE" 2) x, $(verdict "$CG_HOME <= 1.3 * $CG_BASE")."
    fi
    echo
    echo "## Partial updates (home)"
    echo
    echo "| frame | median CPU ms | x full frame | text misses/frame |"
    echo "|---|---|---|---|"
    echo "| full redraw | $(calc "$HOME_MS" 2) | 1.00 | $(f warm.home.text_misses_per_frame) |"
    echo "| clock tick (minute changes) | $(calc "$CLOCK_MS" 2) | $(calc "$CLOCK_MS / $HOME_MS" 2) | $(f clock_tick.text_misses_per_frame) |"
    echo "| press feedback | $(calc "$(f press.median_ms)" 2) | $(calc "$(f press.median_ms) / $HOME_MS" 2) | $(f press.text_misses_per_frame) |"
    echo
    echo "Clock ticks and presses go through \`Painter::draw_changes\` (only the ops that differ from the last frame, under the rectangle they cover), as the kiosk's loop draws on a target that keeps its pixels."
    if [ "$CG_HOME" != 0 ]; then
        echo
        echo "- Callgrind: clock tick $(calc "$CG_CLOCK / $CG_HOME" 3) x, press/release $(calc "$CG_PRESS / $CG_HOME" 3) x the instructions of a full redraw." \
             "Target far cheaper than a full frame (read here as at most 1/4 of it): $(verdict "$CG_CLOCK <= 0.25 * $CG_HOME && $CG_PRESS <= 0.25 * $CG_HOME")."
    fi
    echo
    echo "## Input to present (press on the call button -> frame built, painted, presented)"
    echo
    echo "- UI thread CPU: p50 $(calc "$PRESS_P50" 3) frames, p99 $(calc "$PRESS_P99" 3) frames at 60 Hz; target p99 <= 1 frame: $(verdict "$PRESS_P99 <= 1")."
    echo "- Wall clock on this shared machine (load $(cut -d' ' -f1 /proc/loadavg)): p50 $(calc "$(f press.wall_p50_frames)" 3), p99 $(calc "$(f press.wall_p99_frames)" 3) frames."
    echo "- Press feedback in the same frame as the touch: $(calc "$(f press.feedback_in_same_frame) * 100" 0)% of presses, $(verdict "$(f press.feedback_in_same_frame) == 1")."
    echo
    echo "## Idle (the real kiosk, windowed on the dummy driver, static home screen, clock ticking)"
    echo
    echo "- CPU $(calc "($TICKS1 - $TICKS0) / $HZ" 2) s over $IDLE_WINDOW s wall = $IDLE_PCT%; target < 1%: $(verdict "$IDLE_PCT < 1")."
    echo "- Resident set while idle: $(calc "$IDLE_RSS / 1024" 1) MiB."
    echo
    echo "## Content (generated bundle, $(calc "$(c content.bytes) / 1048576" 1) MiB of JSON)"
    echo
    echo "| | median ms | peak memory added MiB |"
    echo "|---|---|---|"
    echo "| nlohmann::json::parse alone | $(calc "$(c content.json_parse_ms)" 1) | $(calc "$(c content.json_parse_peak_kib) / 1024" 1) |"
    echo "| parse_bundle + Content::make | $(calc "$(c content.bundle_ms)" 1) | $(calc "$(c content.bundle_peak_kib) / 1024" 1) |"
    echo "| ratio | $(calc "$(c content.time_ratio)" 2) | $(calc "$(c content.memory_ratio)" 2) |"
    echo
    echo "- Target parse + validate <= 2x nlohmann parse alone: $(calc "$(c content.time_ratio)" 2) x, $(verdict "$(c content.time_ratio) <= 2")."
    if [ "$CG_CONTENT_JSON" != 0 ]; then
        echo "- Callgrind (each minus generating the text): nlohmann::json::parse $(calc "($CG_CONTENT_JSON - $CG_CONTENT_NONE) / 1e6" 1) M instructions," \
             "parse_bundle + Content::make $(calc "($CG_CONTENT_BUNDLE - $CG_CONTENT_NONE) / 1e6" 1) M:" \
             "$(calc "($CG_CONTENT_BUNDLE - $CG_CONTENT_NONE) / ($CG_CONTENT_JSON - $CG_CONTENT_NONE)" 2) x, $(verdict "($CG_CONTENT_BUNDLE - $CG_CONTENT_NONE) <= 2 * ($CG_CONTENT_JSON - $CG_CONTENT_NONE)")."
    fi
    echo "- During the parse on a worker thread the UI thread drew $(c swap.frames_during_parse | cut -d. -f1) full home frames:" \
         "CPU max $(calc "$(c swap.max_frame_cpu_during_parse_ms)" 1) ms, median $(calc "$(c swap.median_frame_cpu_during_parse_ms)" 1) ms" \
         "(wall max $(calc "$(c swap.max_frame_during_parse_ms)" 1) ms on this shared machine). The swap frame (set_content + frame):" \
         "CPU $(calc "$(c swap.swap_frame_cpu_ms)" 1) ms (wall $(calc "$(c swap.swap_frame_ms)" 1) ms); full frames of the large bundle after it:" \
         "CPU $(calc "$(c swap.median_frame_cpu_after_ms)" 1) ms." \
         "Target no frame over 16.7 ms (UI thread CPU): $(verdict "$(c swap.max_frame_cpu_during_parse_ms) <= 16.7 && $(c swap.swap_frame_cpu_ms) <= 16.7")."
    echo
    echo "## Against Chromium showing the same screen"
    echo
    if [ "$CHROMIUM_STATE" = measured ]; then
        CH_WALL=$(ch chromium.wall_s); CH_CPU=$(ch chromium.cpu_s); CH_PSS=$(ch chromium.pss_peak_kib)
        KO_WALL=$(ch other.wall_s); KO_CPU=$(ch other.cpu_s); KO_PSS=$(ch other.pss_peak_kib)
        echo "$CHROMIUM_VERSION, headless, software (\`--disable-gpu\`), \`bench/chromium/home.html\` (the baseline's elements: header, 48 SVG polygons, cards with Chinese text, round button; local fonts, no script, no network)," \
             "against \`redgrid-kiosk --demo --screenshot\`, runs interleaved, medians of $RUNS. Both write a 1920x1080 PNG and exit."
        echo
        echo "| | wall s | CPU s (all processes) | peak total PSS MiB | processes |"
        echo "|---|---|---|---|---|"
        echo "| Chromium | $CH_WALL | $CH_CPU | $(calc "$CH_PSS / 1024" 1) | $(ch chromium.processes | cut -d. -f1) |"
        echo "| kiosk | $KO_WALL | $KO_CPU | $(calc "$KO_PSS / 1024" 1) | $(ch other.processes | cut -d. -f1) |"
        echo "| Chromium / kiosk | $(calc "$CH_WALL / $KO_WALL" 1) x | $(calc "$CH_CPU / $KO_CPU" 1) x | $(calc "$CH_PSS / $KO_PSS" 1) x | |"
        echo
        echo "- Target at least 10x faster to first frame: $(calc "$CH_WALL / $KO_WALL" 1) x in wall time, $(calc "$CH_CPU / $KO_CPU" 1) x in CPU time, $(verdict "$CH_WALL >= 10 * $KO_WALL")."
        echo "- Target at most 1/6 of Chromium's memory (PSS against PSS): $(calc "$KO_PSS / $CH_PSS" 3) of it, $(verdict "$KO_PSS * 6 <= $CH_PSS")."
        echo "- Memory is the peak of the summed Pss of every process in the tree (\`/proc/PID/smaps_rollup\`, sampled every 5 ms by \`bench/chromium/measure.py\`, in runs separate from the timed ones); CPU is user + system of the whole tree."
    else
        echo "Chromium comparison $CHROMIUM_STATE."
    fi
    echo
    echo "## Queue (\`redgrid_bench_queue\`)"
    echo
    echo '```'
    echo "$QUEUE_TEXT" | grep -v '^\*\*\*WARNING' | grep -v '^-*$' | tail -n 20
    echo '```'
    echo
    echo "## Commands"
    echo
    echo "- startup: \`/usr/bin/time -f %M $KIOSK --demo --screenshot OUT.png --size 1920x1080 --now $NOW\` vs \`redgrid_bench_baseline --out OUT.png\`, interleaved"
    echo "- frames: \`redgrid_bench_frame\`; \`redgrid_bench_baseline --frames 200\`"
    echo "- callgrind: \`valgrind --tool=callgrind redgrid_bench_frame --screen S --update full|clock|press --frames 1|11\`, same for the baseline"
    echo "- idle: \`redgrid-kiosk --demo --size 1920x1080\` with SDL_VIDEODRIVER=dummy, utime+stime from /proc/PID/stat"
    echo "- content: \`redgrid_bench_content\`; callgrind: \`redgrid_bench_content --phase none|json|bundle --repeat 1\`; queue: \`redgrid_bench_queue\`"
    echo "- chromium: \`python3 bench/chromium/measure.py --runs $RUNS home.html OUT.png\`: \`chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=TMP --window-size=1920,1080 --screenshot=OUT.png file://home.html\`"
} >"$OUT"
say "wrote $OUT"
