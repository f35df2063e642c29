#!/bin/bash
# Makes a signed update bundle from the image tree that scripts/build-image.sh left
# in its work dir, for redgrid-update (docs/deploy.md, "Updates").
#
#   scripts/update-bundle.sh --version V --out DIR [--work DIR] [--usb IMG] [--break-kiosk]
#
# --usb IMG also writes the bundle onto an ext4 "stick" image labelled REDGRID-UPD,
# which a screen installs by itself when it is plugged in (dd it onto a USB stick,
# or attach it to qemu: scripts/boot-image.sh --usb IMG).
# --break-kiosk is for the rollback test only: a bundle whose kiosk never starts.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../images/image-lib.sh
source "$repo/images/image-lib.sh"
work=/var/tmp/redgrid-image
version="" out="" usb="" break_kiosk=""
while (($#)); do
    case "$1" in
        --version) version=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --usb) usb=$2; shift 2 ;;
        --break-kiosk) break_kiosk=--break-kiosk; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "update-bundle.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
[[ -n $version && -n $out ]] || image_die "--version and --out are required"
[[ -d $work/root ]] || image_die "no image tree in $work/root: run scripts/build-image.sh first"
key=${REDGRID_UPDATE_KEY:-$work/keys/update-key.pem}
[[ -f $key ]] || image_die "no signing key $key"
make_bundle "$work/root" "$version" "$key" "$out" "$break_kiosk"
if [[ -n $usb ]]; then
    size_mib=$(( $(du -sm "$out" | cut -f1) + 64 ))
    rm -f "$usb"
    mkfs.ext4 -q -L REDGRID-UPD -m 0 -d "$out" "$usb" "${size_mib}M"
    image_log "update stick $usb (label REDGRID-UPD, ${size_mib} MiB)"
fi
