#!/bin/bash
# Builds the RedGrid kiosk OS image for x86-64: Debian 12 + the kiosk, as a GPT disk
# with an EFI partition (systemd-boot), root A, root B (empty until the first update)
# and a data partition. docs/deploy.md, "The OS image", explains it; flash the result
# with `dd if=... of=/dev/sdX bs=4M conv=fsync`.
#
#   scripts/build-image.sh [--work DIR] [--version V] [--build-dir DIR]
#
# Output in the work dir (default /var/tmp/redgrid-image, outside the repo):
#   redgrid-kiosk-x86_64.img   the disk image (sparse, ~5.3 GB apparent size)
#   root/                      the image tree (mkosi Format=directory), kept for update bundles
#   keys/update-key.pem        the update signing key (made once; REDGRID_UPDATE_KEY overrides)
# Needs root (mkosi, debootstrap, nspawn). Installs missing host tools with scripts/install-deps.sh.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=/var/tmp/redgrid-image
version=""
build_dir=""
while (($#)); do
    case "$1" in
        --work) work=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        --build-dir) build_dir=$2; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "build-image.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
build_dir=${build_dir:-$work/build}
key=${REDGRID_UPDATE_KEY:-$work/keys/update-key.pem}
# shellcheck source=../images/image-lib.sh
source "$repo/images/image-lib.sh"
started=$(date +%s)

[[ $(id -u) == 0 ]] || image_die "run as root (mkosi needs it)"

# Host tools (mkosi, debootstrap, nspawn, mtools, qemu, ovmf, ...): install-deps.sh has them
# all, installed only when missing.
sh "$repo/scripts/install-deps.sh"

project_version=$(sed -n 's/^project(redgrid VERSION \([0-9.]*\).*/\1/p' "$repo/CMakeLists.txt")
version=${version:-$project_version.$(date -u +%Y%m%d%H%M)}
image_log "image version $version"

# 1. The kiosk, built for the image: a release build of the kiosk target only.
stage="$work/stage"
rm -rf "$stage"
mkdir -p "$stage/root/redgrid-stage" "$stage/usr/share/redgrid" "$stage/usr/lib/redgrid"
cmake -S "$repo" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DREDGRID_TESTS=OFF -DREDGRID_BENCH=OFF \
      -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build "$build_dir" -j2 --target redgrid-kiosk redgrid_demo_bundle >/dev/null
if [[ -f $repo/cmake/Packaging.cmake ]]; then
    rm -f "$build_dir"/redgrid-kiosk_*.deb
    (cd "$build_dir" && cpack -G DEB -D CPACK_COMPONENTS_ALL=kiosk >/dev/null)
    cp "$build_dir"/redgrid-kiosk_*.deb "$stage/root/redgrid-stage/"
    image_log "kiosk package: $(cd "$build_dir" && ls redgrid-kiosk_*.deb)"
else
    DESTDIR="$stage/root/redgrid-stage/tree" cmake --install "$build_dir" --prefix /usr >/dev/null
    image_log "no cmake/Packaging.cmake: kiosk installed from the build tree"
fi

# 2. The update key's public half goes into the image: every screen trusts it.
ensure_update_key "$key"
openssl pkey -in "$key" -pubout -out "$stage/usr/share/redgrid/update-key.pem"
printf '%s\n' "$version" > "$stage/usr/lib/redgrid/image-version"

# 3. The OS tree.
mkdir -p "$work/cache"
rm -rf "$work/root"
image_log "mkosi: building the Debian 12 tree (a first run fetches ~400 MB of packages)"
(cd "$repo/images" && mkosi --cache="$work/cache" --output="$work/root" \
    --extra-tree="$repo/images/mkosi.extra" --extra-tree="$stage" --force build) > "$work/mkosi.log" 2>&1 ||
    { tail -n 30 "$work/mkosi.log" >&2; image_die "mkosi failed; full log: $work/mkosi.log"; }
[[ -x $work/root/usr/bin/redgrid-kiosk && -f $(initrd_of "$work/root") ]] ||
    image_die "the tree lacks the kiosk or an initramfs ($work/mkosi.log)"

# 4. Partitions and the disk, without mounting anything.
parts="$work/parts"
mkdir -p "$parts"
make_root_img "$work/root" "$version" "$parts/root-a.img"
make_esp "$work/root" "$version" "$parts/esp.img"
rm -f "$parts/data.img"
mkfs.ext4 -q -L redgrid-data -E root_owner=0:0 -d "$work/root/var" "$parts/data.img" "${REDGRID_DATA_MIB}M"
disk="$work/redgrid-kiosk-x86_64.img"
assemble_disk "$disk" "$parts/esp.img" "$parts/root-a.img" "$parts/data.img"
rm -rf "$parts"
rm -f "$work/OVMF_VARS.redgrid-kiosk-x86_64.fd"   # a new disk starts with fresh EFI variables
printf '%s\n' "$version" > "$work/version"
image_log "done in $(($(date +%s) - started)) s: $disk (version $version)"
