#!/bin/sh
# The OS image's kiosk lockdown (docs/security.md, "Kiosk escape"), checked in the
# recipe, since CI does not build or boot the image: SysRq off, no login prompt on any
# VT, no VT spawned on Ctrl+Alt+Fn, Ctrl+Alt+Del and the power keys of a USB keyboard
# ignored. The masks are applied to a scratch root with the real `systemctl --root`, so a
# misspelt unit name fails here. Usage: check_image_lockdown.sh SOURCE_DIR
set -u
src=$1
extra=$src/images/mkosi.extra
fail() { echo "check_image_lockdown: $*" >&2; exit 1; }

grep -qx 'kernel.sysrq = 0' "$extra/usr/lib/sysctl.d/90-redgrid-kiosk.conf" || fail "kernel.sysrq = 0 missing"
logind=$extra/usr/lib/systemd/logind.conf.d/90-redgrid-kiosk.conf
for line in '\[Login\]' NAutoVTs=0 ReserveVT=0 HandlePowerKey=ignore HandleRebootKey=ignore HandleSuspendKey=ignore \
    HandleHibernateKey=ignore; do
    grep -qx "$line" "$logind" || fail "$line missing in $logind"
done
masks=$(sed -n 's/^systemctl mask \(.*getty@.service.*\)$/\1/p' "$src/images/mkosi.postinst")
for unit in getty@.service autovt@.service ctrl-alt-del.target; do
    case " $masks " in *" $unit "*) ;; *) fail "mkosi.postinst does not mask $unit" ;; esac
done
command -v systemctl >/dev/null 2>&1 || { echo "check_image_lockdown: no systemctl, mask names not tried"; exit 0; }
root=$(mktemp -d "${TMPDIR:-/tmp}/redgrid-lockdown.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/etc/systemd/system"
# shellcheck disable=SC2086
systemctl --root="$root" mask $masks >/dev/null 2>&1 || fail "systemctl --root mask $masks failed"
for unit in $masks; do
    [ "$(readlink "$root/etc/systemd/system/$unit")" = /dev/null ] || fail "$unit not masked in a scratch root"
done
echo "check_image_lockdown: ok"
