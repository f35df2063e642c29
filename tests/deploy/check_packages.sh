#!/bin/sh
# The Debian packages: cpack builds them from the build tree; their contents, control
# fields and conffiles are right; they install into a throwaway root with their
# maintainer scripts (users, directories, enablement), the installed units verify,
# the installed programs run with the packaged config and demo bundle, an upgrade
# keeps a technician's config, and a purge removes what they added.
# Usage: check_packages.sh SOURCE_DIR BUILD_DIR   (exit 77 = skipped: not root)
set -u
src=$1
build=$2
. "$src/tests/deploy/deploy_lib.sh"
if [ "$(id -u)" -ne 0 ]; then
    echo "skipped: dpkg --root needs root to give files their owners"
    exit 77
fi
for t in cpack dpkg dpkg-deb dpkg-query systemd-analyze systemd-sysusers systemd-tmpfiles; do need_tool "$t"; done

work=$(mktemp -d "${TMPDIR:-/tmp}/redgrid-debs.XXXXXX")
trap 'rm -rf "$work"' EXIT
out=$work/out

(cd "$build" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$out") >"$work/cpack.log" 2>&1 ||
    fail "cpack: $(tail -20 "$work/cpack.log")"
kiosk_deb=$(ls "$out"/redgrid-kiosk_*.deb 2>/dev/null)
[ -f "$kiosk_deb" ] || fail "cpack made no redgrid-kiosk .deb: $(ls "$out")"
hub_deb=$(ls "$out"/redgrid-hub_*.deb 2>/dev/null || true)
built=""
for f in "$out"/*.deb; do built="$built $(basename "$f")"; done
pass "cpack built$built"

# --- contents and control fields ---------------------------------------------------
contents() { dpkg-deb -c "$1" | awk '{ print $6 }' | sed 's|^\.||'; }
contents "$kiosk_deb" >"$work/kiosk.files"
for f in /usr/bin/redgrid-kiosk /usr/lib/systemd/system/redgrid-kiosk.service \
    /usr/lib/systemd/system/redgrid-kiosk-retry.timer /usr/lib/sysusers.d/redgrid-kiosk.conf \
    /usr/lib/tmpfiles.d/redgrid-kiosk.conf /etc/redgrid/kiosk.json /usr/share/redgrid/demo/bundle.json \
    /usr/share/doc/redgrid-kiosk/deploy.md; do
    grep -qxF "$f" "$work/kiosk.files" || fail "redgrid-kiosk.deb lacks $f"
done
grep -q '^/usr/share/redgrid/demo/media/.' "$work/kiosk.files" || fail "redgrid-kiosk.deb has no demo media"
if grep -v -e '^/usr/' -e '^/etc/$' -e '^/etc/redgrid/' -e '^/$' "$work/kiosk.files" | grep -q .; then
    fail "redgrid-kiosk.deb installs outside /usr and /etc/redgrid: $(grep -v -e '^/usr/' -e '^/etc/' "$work/kiosk.files" | head -3)"
fi
grep -q -e '^/usr/local' -e '^/usr/bin/redgrid-hub$' "$work/kiosk.files" && fail "redgrid-kiosk.deb has /usr/local or the hub"
pass "redgrid-kiosk.deb has the binary, units, sysusers, tmpfiles, config and demo bundle under /usr"

field() { dpkg-deb -f "$1" "$2"; }
[ "$(field "$kiosk_deb" Package)" = redgrid-kiosk ] || fail "wrong package name"
depends=$(field "$kiosk_deb" Depends)
for d in libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 libcairo2 libcurl4 libsqlite3-0 libsystemd0 \
    libqrencode4 libdrm2 zlib1g libespeak-ng1 espeak-ng-data fonts-material-design-icons-iconfont libegl-mesa0 libgl1-mesa-dri "systemd (>= 252)"; do
    printf '%s\n' "$depends" | tr ',' '\n' | grep -q "^ *$d" || fail "redgrid-kiosk Depends lacks $d: $depends"
done
printf '%s\n' "$depends" | grep -q 'fonts-noto-cjk | fonts-wqy-microhei' || fail "no CJK font alternative in Depends"
dpkg-deb -I "$kiosk_deb" conffiles | grep -qxF /etc/redgrid/kiosk.json || fail "kiosk.json is not a conffile"
for s in postinst prerm postrm; do
    dpkg-deb -I "$kiosk_deb" "$s" | head -1 | grep -qxF '#!/bin/sh' || fail "redgrid-kiosk has no $s"
done
pass "redgrid-kiosk control: Depends, conffiles and maintainer scripts"

if [ -n "$hub_deb" ]; then
    contents "$hub_deb" >"$work/hub.files"
    for f in /usr/bin/redgrid-hub /usr/lib/systemd/system/redgrid-hub.service \
        /usr/lib/sysusers.d/redgrid-hub.conf /usr/lib/tmpfiles.d/redgrid-hub.conf; do
        grep -qxF "$f" "$work/hub.files" || fail "redgrid-hub.deb lacks $f"
    done
    grep -q -e '^/etc/.' -e '/redgrid-kiosk$' -e '/demo/' "$work/hub.files" && fail "redgrid-hub.deb carries kiosk files"
    field "$hub_deb" Depends | grep -q libsqlite3-0 || fail "redgrid-hub Depends lacks libsqlite3-0"
    pass "redgrid-hub.deb contents and Depends"
fi

# --- install into a throwaway root ---------------------------------------------------
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
: >"$root/var/lib/dpkg/status"
: >"$root/var/lib/dpkg/available"
seed_systemd "$root"
# The scripts run on the host with DPKG_ROOT set (no chroot needed); the libraries
# and fonts the packages depend on are the host's, hence --force-depends.
dpkg_root() { dpkg --root="$root" --log=/dev/null --force-depends --force-script-chrootless "$@"; }
# shellcheck disable=SC2086
dpkg_root -i "$kiosk_deb" $hub_deb >"$work/dpkg.log" 2>&1 || fail "dpkg -i: $(cat "$work/dpkg.log")"
status=$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f '${db:Status-Abbrev}' redgrid-kiosk)
[ "$status" = "ii " ] || fail "redgrid-kiosk is not installed in the root: '$status'"
pass "dpkg --root installed the packages, maintainer scripts included"

grep -q '^redgrid-kiosk:' "$root/etc/passwd" || fail "postinst made no redgrid-kiosk user"
grep -q '^input:x:[0-9]*:.*redgrid-kiosk' "$root/etc/group" || fail "redgrid-kiosk not in group input"
for d in /var/lib/redgrid /var/cache/redgrid; do [ -d "$root$d" ] || fail "postinst made no $d"; done
[ "$(stat -c %a "$root/etc/redgrid")" = 750 ] || fail "/etc/redgrid is not 0750"
wants=$root/etc/systemd/system/multi-user.target.wants
[ -L "$wants/redgrid-kiosk.service" ] || fail "redgrid-kiosk.service is not enabled"
names="redgrid-kiosk.service redgrid-kiosk-retry.timer"
if [ -n "$hub_deb" ]; then
    grep -q '^redgrid-hub:' "$root/etc/passwd" || fail "postinst made no redgrid-hub user"
    [ -L "$wants/redgrid-hub.service" ] || fail "redgrid-hub.service is not enabled"
    names="$names redgrid-hub.service"
fi
pass "postinst: users, groups, directories and enablement"
# shellcheck disable=SC2086
verify_units "$root" $names
for n in $names; do
    case $n in *.service) check_exposure "$root/usr/lib/systemd/system/$n" ;; esac
done

# The installed programs, with the packaged config and the packaged demo bundle.
cfg_out=$("$root/usr/bin/redgrid-kiosk" --check-config --config "$root/etc/redgrid/kiosk.json" 2>&1) ||
    fail "the packaged kiosk.json is rejected: $cfg_out"
pass "the packaged /etc/redgrid/kiosk.json passes --check-config"
"$root/usr/bin/redgrid-kiosk" --demo --screenshot "$work/home.png" --size 640x360 >"$work/shot.log" 2>&1 ||
    fail "the packaged demo does not render: $(cat "$work/shot.log")"
[ "$(head -c 8 "$work/home.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "no PNG from the packaged demo"
pass "the packaged kiosk renders the packaged demo bundle"
if [ -n "$hub_deb" ]; then
    "$root/usr/bin/redgrid-hub" init-demo --data "$work/hub-data" >"$work/hub.log" 2>&1 ||
        fail "the packaged hub cannot publish the packaged demo: $(cat "$work/hub.log")"
    pass "the packaged hub publishes the packaged demo bundle"
fi

# --- upgrade keeps the technician's config -------------------------------------------
printf '{ "kiosk_id": "gm-test-01" }\n' >"$root/etc/redgrid/kiosk.json"
rm "$wants/redgrid-kiosk.service"   # as "systemctl disable" would
# shellcheck disable=SC2086
dpkg_root -i "$kiosk_deb" $hub_deb >"$work/dpkg.log" 2>&1 || fail "reinstall: $(cat "$work/dpkg.log")"
grep -q gm-test-01 "$root/etc/redgrid/kiosk.json" || fail "reinstalling overwrote the edited kiosk.json"
[ -L "$wants/redgrid-kiosk.service" ] && fail "an upgrade re-enabled a disabled kiosk"
pass "an upgrade keeps an edited kiosk.json and a disabled unit"

# --- purge -----------------------------------------------------------------------------
echo secret >"$root/etc/redgrid/token"
echo queued >"$root/var/lib/redgrid/events.db"
dpkg_root --purge redgrid-kiosk >"$work/dpkg.log" 2>&1 || fail "purge: $(cat "$work/dpkg.log")"
[ -n "$hub_deb" ] && { dpkg_root --purge redgrid-hub >"$work/dpkg.log" 2>&1 || fail "purge hub: $(cat "$work/dpkg.log")"; }
for p in /etc/redgrid /var/lib/redgrid /var/cache/redgrid /var/lib/redgrid-hub /usr/bin/redgrid-kiosk \
    /usr/bin/redgrid-hub /usr/share/redgrid /usr/lib/systemd/system/redgrid-kiosk.service \
    /etc/systemd/system/multi-user.target.wants/redgrid-hub.service; do
    [ -e "$root$p" ] || [ -L "$root$p" ] && fail "purge left $p"
done
pass "purge removes config, token, state, cache, programs, units and enablement"
echo "all package checks passed"
