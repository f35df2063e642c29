#!/bin/bash
# The update and rollback test, in qemu (TCG), on a copy of the built image:
#   1. a good update on a USB stick is installed into slot B, boots, reaches READY
#      and is blessed (its entry loses the boot counter);
#   2. a deliberately broken update (its kiosk exits at once) is installed into
#      slot A, fails its boot check 3 times, and systemd-boot falls back to the good
#      version by itself; the stick's bundle is not installed again.
#
#   scripts/update-test.sh [--work DIR] [--broken-only]
#
# Needs scripts/build-image.sh to have run. Takes ~15-25 minutes under TCG.
# Exit 0 when every step was seen; the serial logs stay in WORK/update-test/.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../images/image-lib.sh
source "$repo/images/image-lib.sh"
work=/var/tmp/redgrid-image
broken_only=no
while (($#)); do
    case "$1" in
        --work) work=$2; shift 2 ;;
        --broken-only) broken_only=yes; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "update-test.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
[[ -f $work/redgrid-kiosk-x86_64.img && -f $work/version ]] || image_die "run scripts/build-image.sh first"
base=$(cat "$work/version")
good="$base.1" bad="$base.2"
t="$work/update-test"
rm -rf "$t"
mkdir -p "$t"
disk="$t/disk.img"
cp --sparse=always "$work/redgrid-kiosk-x86_64.img" "$disk"
started=$(date +%s)

entries() { mdir -b -i "$(esp_of "$disk")" ::/loader/entries | sed 's|.*/||' | sort | tr '\n' ' '; }
expect_entry() {  # NAME: that entry file must exist on the test disk's ESP
    local now
    now=$(entries)
    [[ " $now " == *" $1 "* ]] || image_die "expected boot entry $1, found: $now"
    image_log "boot entries: $now"
}
boot() { "$repo/scripts/boot-image.sh" --disk "$disk" "$@"; }

if [[ $broken_only == no ]]; then
    image_log "step 1: good update $good from a USB stick"
    "$repo/scripts/update-bundle.sh" --work "$work" --version "$good" --out "$t/good" --usb "$t/good-stick.img"
    rm -rf "$t/good"
    boot --usb "$t/good-stick.img" --log "$t/serial-1.log" --timeout 900 \
        --expect "running image $base from slot a" \
        --expect "first frame on screen" \
        --expect "installed $good into slot b" \
        --expect "running image $good from slot b" \
        --expect "first frame on screen" \
        --expect "boot of image $good is good"
    # Give systemd-bless-boot a moment after boot-complete.target before qemu stops.
    sleep 10
    expect_entry redgrid-b.conf
    from=$good
else
    from=$base
fi

image_log "step 2: broken update $bad from a USB stick"
"$repo/scripts/update-bundle.sh" --work "$work" --version "$bad" --out "$t/bad" --usb "$t/bad-stick.img" --break-kiosk
rm -rf "$t/bad"
bad_slot=$([[ $broken_only == no ]] && echo a || echo b)
boot --usb "$t/bad-stick.img" --log "$t/serial-2.log" --timeout 1800 \
    --expect "first frame on screen" \
    --expect "installed $bad into slot $bad_slot" \
    --expect "running image $bad from slot $bad_slot" \
    --expect "boot of image $bad is bad" \
    --expect "running image $bad from slot $bad_slot" \
    --expect "boot of image $bad is bad" \
    --expect "running image $bad from slot $bad_slot" \
    --expect "boot of image $bad is bad" \
    --expect "running image $from from slot" \
    --expect "first frame on screen" \
    --expect "version $bad was installed before"
expect_entry "redgrid-$bad_slot+0-3.conf"
image_log "rollback test passed in $(($(date +%s) - started)) s: $bad failed 3 boots, $from runs again"
rm -f "$t"/*-stick.img
