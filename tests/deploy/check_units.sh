#!/bin/sh
# The systemd units, sysusers.d and tmpfiles.d files as installed from the build tree:
# they verify cleanly, the users/dirs come out right, and the hardening exposure of
# both services is 2.5 or lower. Usage: check_units.sh SOURCE_DIR BUILD_DIR
set -u
src=$1
build=$2
. "$src/tests/deploy/deploy_lib.sh"
need_tool systemd-analyze
need_tool systemd-sysusers
need_tool systemd-tmpfiles

work=$(mktemp -d "${TMPDIR:-/tmp}/redgrid-units.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root

# Install the packaged components (with /usr as the prefix, as in the .debs).
components=$(sed -n 's/^set(CPACK_COMPONENTS_ALL "\{0,1\}\([^")]*\)"\{0,1\})$/\1/p' "$build/CPackConfig.cmake" | tr ';' ' ')
[ -n "$components" ] || fail "no package components in $build/CPackConfig.cmake"
for c in $components; do
    DESTDIR=$root cmake --install "$build" --prefix /usr --component "$c" >/dev/null ||
        fail "cmake --install --component $c"
done
units=$root/usr/lib/systemd/system
for f in redgrid-kiosk.service redgrid-kiosk-retry.timer; do
    [ -f "$units/$f" ] || fail "$f not installed"
done
[ -x "$root/usr/bin/redgrid-kiosk" ] || fail "redgrid-kiosk not installed to /usr/bin"
seed_systemd "$root"

names="redgrid-kiosk.service redgrid-kiosk-retry.timer"
case " $components " in *" hub "*) names="$names redgrid-hub.service" ;; esac
# shellcheck disable=SC2086
verify_units "$root" $names

# What the issue asks of the kiosk unit, line by line (the rest is hardening, scored below).
k=$units/redgrid-kiosk.service
for line in Type=notify NotifyAccess=main WatchdogSec=30s Restart=always User=redgrid-kiosk \
    StateDirectory=redgrid CacheDirectory=redgrid ConfigurationDirectory=redgrid \
    Environment=SDL_VIDEODRIVER=kmsdrm "ExecStart=/usr/bin/redgrid-kiosk --config /etc/redgrid/kiosk.json" \
    Conflicts=getty@tty1.service TTYPath=/dev/tty1 OnFailure=redgrid-kiosk-retry.timer \
    StandardError=journal WantedBy=multi-user.target; do
    has_line "$k" "$line"
done
pass "kiosk unit has the required directives"

check_exposure "$k"
if [ -f "$units/redgrid-hub.service" ]; then
    h=$units/redgrid-hub.service
    has_line "$h" "ExecStart=/usr/bin/redgrid-hub serve --data /var/lib/redgrid-hub"
    has_line "$h" "StateDirectory=redgrid-hub"
    check_exposure "$h"
fi

# The checks can fail: an unhardened copy must be over the threshold, and a typo must
# make verify complain.
weak=$work/weak.service
sed '/^CapabilityBoundingSet=/,$d' "$k" >"$weak"
if systemd-analyze security --offline=yes --threshold=25 "$weak" >/dev/null 2>&1; then
    fail "an unhardened unit passed the exposure threshold"
fi
pass "an unhardened unit fails the exposure threshold"
sed 's/^WatchdogSec=/WatchDogSec=/' "$k" >"$units/redgrid-typo.service"
if (verify_units "$root" redgrid-typo.service) >/dev/null 2>&1; then
    fail "systemd-analyze verify did not notice a misspelt key"
fi
rm -f "$units/redgrid-typo.service"
pass "a misspelt key fails verification"

# sysusers.d then tmpfiles.d, as the postinst runs them, in the staging root.
for c in $components; do
    systemd-sysusers --root="$root" "redgrid-$c.conf" >/dev/null 2>&1 || fail "systemd-sysusers redgrid-$c.conf"
    out=$(systemd-tmpfiles --root="$root" --create "redgrid-$c.conf" 2>&1) || fail "systemd-tmpfiles redgrid-$c.conf: $out"
done
grep -q '^redgrid-kiosk:x:[0-9]*:[0-9]*:.*:/usr/sbin/nologin$' "$root/etc/passwd" || fail "no redgrid-kiosk system user"
for g in video render input; do
    grep -q "^$g:x:[0-9]*:.*redgrid-kiosk" "$root/etc/group" || fail "redgrid-kiosk is not in group $g"
done
kiosk_uid=$(sed -n 's/^redgrid-kiosk:x:\([0-9]*\):.*/\1/p' "$root/etc/passwd")
kiosk_gid=$(sed -n 's/^redgrid-kiosk:x:\([0-9]*\):.*/\1/p' "$root/etc/group")
[ "$(stat -c '%a %u %g' "$root/etc/redgrid")" = "750 0 $kiosk_gid" ] || fail "/etc/redgrid is not root:redgrid-kiosk 0750"
[ "$(stat -c '%a %u %g' "$root/etc/redgrid/kiosk.json")" = "640 0 $kiosk_gid" ] || fail "kiosk.json is not root:redgrid-kiosk 0640"
for d in var/lib/redgrid var/cache/redgrid; do
    [ "$(stat -c '%a %u' "$root/$d")" = "750 $kiosk_uid" ] || fail "/$d is not redgrid-kiosk 0750"
done
case " $components " in *" hub "*)
    hub_uid=$(sed -n 's/^redgrid-hub:x:\([0-9]*\):.*/\1/p' "$root/etc/passwd")
    [ -n "$hub_uid" ] || fail "no redgrid-hub system user"
    [ "$(stat -c '%a %u' "$root/var/lib/redgrid-hub")" = "750 $hub_uid" ] || fail "/var/lib/redgrid-hub is not redgrid-hub 0750" ;;
esac
pass "sysusers.d and tmpfiles.d give the users, groups and directories"
echo "all unit checks passed"
