#!/bin/bash
# Boots the RedGrid image in qemu (software emulation: TCG, OVMF, no KVM) with a
# virtio-gpu and no display window, and waits until the serial console (the image
# forwards the journal there) shows the kiosk's "first frame on screen" line: the
# kiosk drew through KMSDRM on the virtual GPU.
#
#   scripts/boot-image.sh [--disk IMG] [--timeout S] [--expect REGEX]... [--log FILE]
#                         [--usb IMG] [--keep-running]
#
# Each --expect is awaited in order (default: "first frame on screen"). Exit 0
# when all appeared within --timeout seconds (default 300) in all, 1 otherwise; the
# serial log stays in --log (default WORK/serial.log) for the post-mortem.
# --usb attaches IMG as a USB stick (an update: scripts/update-test.sh).
set -euo pipefail

work=/var/tmp/redgrid-image
disk=$work/redgrid-kiosk-x86_64.img
timeout_s=300
log=""
usb=""
keep=no
expects=()
while (($#)); do
    case "$1" in
        --disk) disk=$2; shift 2 ;;
        --timeout) timeout_s=$2; shift 2 ;;
        --expect) expects+=("$2"); shift 2 ;;
        --log) log=$2; shift 2 ;;
        --usb) usb=$2; shift 2 ;;
        --keep-running) keep=yes; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "boot-image.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
((${#expects[@]})) || expects=("first frame on screen")
log=${log:-$(dirname "$disk")/serial.log}
[[ -f $disk ]] || { echo "boot-image.sh: no disk image $disk (run scripts/build-image.sh)" >&2; exit 1; }
command -v qemu-system-x86_64 >/dev/null && [[ -f /usr/share/OVMF/OVMF_CODE_4M.fd ]] ||
    { echo "boot-image.sh: needs qemu-system-x86 and ovmf (apt-get install qemu-system-x86 ovmf)" >&2; exit 1; }

# EFI variables live beside the disk, so reboots inside one qemu run and later runs
# see the same firmware state (boot counting itself is in the entry file names).
vars="$(dirname "$disk")/OVMF_VARS.$(basename "$disk" .img).fd"
[[ -f $vars ]] || cp /usr/share/OVMF/OVMF_VARS_4M.fd "$vars"

args=(-machine q35 -accel tcg,thread=multi -cpu max -smp 2 -m 2048
      -drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd
      -drive "if=pflash,format=raw,unit=1,file=$vars"
      -drive "if=virtio,format=raw,file=$disk,cache=unsafe"
      -device virtio-gpu-pci -display none
      -nic none -serial "file:$log" -monitor none -nodefaults -vga none)
if [[ -n $usb ]]; then
    args+=(-device qemu-xhci -drive "if=none,id=stick,format=raw,file=$usb" -device usb-storage,drive=stick)
fi

: > "$log"
started=$(date +%s)
qemu-system-x86_64 "${args[@]}" &
qemu_pid=$!
stop_qemu() { kill "$qemu_pid" 2>/dev/null || true; wait "$qemu_pid" 2>/dev/null || true; }
[[ $keep == yes ]] || trap stop_qemu EXIT
echo "boot-image.sh: qemu pid $qemu_pid, serial log $log, waiting up to ${timeout_s} s" >&2

# Waits for each pattern in turn, each after the line where the previous matched.
line=0
for pattern in "${expects[@]}"; do
    while :; do
        found=$(tail -n +"$((line + 1))" "$log" | grep -n -a -m1 -E -- "$pattern" || true)
        if [[ -n $found ]]; then
            line=$((line + ${found%%:*}))
            echo "boot-image.sh: after $(($(date +%s) - started)) s: ${found#*:}" | tr -d '\r' >&2
            break
        fi
        if ! kill -0 "$qemu_pid" 2>/dev/null; then
            echo "boot-image.sh: qemu exited before '$pattern' appeared; see $log" >&2
            exit 1
        fi
        if (($(date +%s) - started >= timeout_s)); then
            echo "boot-image.sh: '$pattern' not seen within ${timeout_s} s; last lines of $log:" >&2
            tail -n 15 "$log" | tr -d '\r' >&2
            exit 1
        fi
        sleep 2
    done
done
echo "boot-image.sh: OK in $(($(date +%s) - started)) s" >&2
