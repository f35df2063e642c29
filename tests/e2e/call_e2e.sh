#!/bin/sh
# End to end on loopback, two real processes: a resident's call made by a replay script in
# redgrid-kiosk, dispatched and closed by a person at redgrid-hub's command line; the kiosk
# shows the member coming, then the rating, which reaches the hub exactly once.
# Usage: call_e2e.sh BUILD_DIR SOURCE_DIR
set -eu
build="$1"
src="$2"
hub="$build/hub/redgrid-hub"
kiosk="$build/kiosk/redgrid-kiosk"
work="$(mktemp -d /tmp/redgrid-e2e.XXXXXX)"
port=$(( 20000 + $$ % 20000 ))
hub_pid=""
kiosk_pid=""
cleanup() {
    [ -n "$kiosk_pid" ] && kill "$kiosk_pid" 2>/dev/null || true
    [ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "call_e2e: FAIL: $*"; echo "--- hub log"; tail -n 30 "$work/hub.log" || true
         echo "--- kiosk log"; tail -n 30 "$work/kiosk.log" || true; exit 1; }

"$hub" init-demo --data "$work/hub" --from "$build/share/redgrid/demo" > "$work/token"
chmod 600 "$work/token"
# Nobody answers by themselves: the test is the dispatcher.
"$hub" serve --data "$work/hub" --listen "127.0.0.1:$port" --dispatch never > "$work/hub.log" 2>&1 &
hub_pid=$!
cat > "$work/kiosk.json" <<JSON
{ "kiosk_id": "demo",
  "server": { "url": "http://127.0.0.1:$port", "token_file": "$work/token" },
  "paths": { "data_dir": "$work/data", "cache_dir": "$work/cache" } }
JSON
for i in $(seq 1 50); do
    "$kiosk" --config "$work/kiosk.json" --sync-once > "$work/sync.log" 2>&1 && break
    sleep 0.2
done
grep -q "sync ok" "$work/sync.log" || fail "kiosk could not sync: $(cat "$work/sync.log")"

SDL_VIDEODRIVER=dummy "$kiosk" --config "$work/kiosk.json" --replay "$src/tests/e2e/call_e2e.replay" \
    --replay-out "$work/shots" > "$work/kiosk.log" 2>&1 &
kiosk_pid=$!

# The call reaches the hub: find it, as an admin would.
call_id=""
for i in $(seq 1 100); do
    call_id=$("$hub" calls --data "$work/hub" --kiosk demo 2>/dev/null | grep -o 'call-[0-9]*' | head -n 1 || true)
    [ -n "$call_id" ] && break
    sleep 0.2
done
[ -n "$call_id" ] || fail "no call arrived at the hub"
member=$(grep -o '"id": *"m-[0-9]*"' "$build/share/redgrid/demo/bundle.json" | head -n 1 | grep -o 'm-[0-9]*')
"$hub" call dispatch "$call_id" --member "$member" --eta 5 --data "$work/hub" > /dev/null || fail "dispatch refused"
# The kiosk polls the call every few seconds; close it once the screen shows the member coming.
for i in $(seq 1 150); do
    [ -f "$work/shots/coming.png" ] && break
    sleep 0.2
done
[ -f "$work/shots/coming.png" ] || fail "the kiosk never showed the member coming"
"$hub" call close "$call_id" --data "$work/hub" > /dev/null || fail "close refused"

wait "$kiosk_pid" || fail "the replay did not run to its end"
kiosk_pid=""
grep -q "replay ok" "$work/kiosk.log" || fail "replay did not finish"

# The rating is uploaded once.
ratings=0
for i in $(seq 1 50); do
    ratings=$("$hub" events --data "$work/hub" --kiosk demo --type rating 2>/dev/null | grep -c '"stars"' || true)
    [ "$ratings" -ge 1 ] && break
    sleep 0.2
done
[ "$ratings" = "1" ] || fail "expected one rating at the hub, found $ratings"
echo "call_e2e: ok: $call_id dispatched to $member, closed, rated once"
