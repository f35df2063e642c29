# Shared by scripts/build-image.sh, scripts/update-bundle.sh and scripts/update-test.sh
# (sourced, bash): turning the mkosi root tree into partition images and signed
# update bundles, without mounting anything (CI hosts cannot mount vfat or loop).

REDGRID_IMAGES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Partition sizes in MiB. The roots have room to grow; the data partition keeps
# the journal (capped at 128 MiB), the content cache and the event queue.
REDGRID_ESP_MIB=${REDGRID_ESP_MIB:-256}
REDGRID_ROOT_MIB=${REDGRID_ROOT_MIB:-2048}
REDGRID_DATA_MIB=${REDGRID_DATA_MIB:-1024}

image_log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
image_die() { image_log "error: $*"; exit 1; }

# kernel_of ROOT / initrd_of ROOT: the newest kernel and its initramfs in the tree.
kernel_of() { ls -1 "$1"/boot/vmlinuz-* 2>/dev/null | sort -V | tail -n1; }
initrd_of() {
    local k
    k=$(kernel_of "$1")
    echo "$1/boot/initrd.img-${k##*/vmlinuz-}"
}

# make_root_img ROOT VERSION OUT [--break-kiosk]: an ext4 image of ROOT with /var
# left empty (the data partition is mounted there) and the version stamped in
# /usr/lib/redgrid/image-version. --break-kiosk (tests only) replaces the kiosk by
# a program that fails at once, the "bad update" of scripts/update-test.sh.
make_root_img() {
    local root=$1 version=$2 out=$3 break_kiosk=${4:-}
    local copy="$out.tree"
    rm -rf "$copy"
    cp -a "$root" "$copy"
    find "$copy/var" -mindepth 1 -delete
    printf '%s\n' "$version" > "$copy/usr/lib/redgrid/image-version"
    sed -i '/^IMAGE_VERSION=/d;/^IMAGE_ID=/d' "$copy/usr/lib/os-release"
    printf 'IMAGE_ID=redgrid-kiosk\nIMAGE_VERSION=%s\n' "$version" >> "$copy/usr/lib/os-release"
    if [[ $break_kiosk == --break-kiosk ]]; then
        printf '#!/bin/sh\necho "<3>deliberately broken kiosk of a test update: exiting" >&2\nexit 1\n' \
            > "$copy/usr/bin/redgrid-kiosk"
        chmod 0755 "$copy/usr/bin/redgrid-kiosk"
    fi
    local used_mib size_mib
    used_mib=$(du -sm "$copy" | cut -f1)
    # ext4 metadata and reserved blocks plus headroom; never more than the partition.
    size_mib=$((used_mib * 5 / 4 + 128))
    ((size_mib <= REDGRID_ROOT_MIB)) || image_die "root tree ($used_mib MiB) too big for a $REDGRID_ROOT_MIB MiB slot"
    rm -f "$out"
    mkfs.ext4 -q -L redgrid-root -E root_owner=0:0 -m 0 -d "$copy" "$out" "${size_mib}M"
    rm -rf "$copy"
    image_log "root image $out: version $version, ${size_mib} MiB (${used_mib} MiB used)"
}

# make_bundle ROOT VERSION KEY OUTDIR [--break-kiosk]: a signed update bundle
# (manifest, manifest.sig, root.img, vmlinuz, initrd.img, cmdline) that
# redgrid-update verifies and installs.
make_bundle() {
    local root=$1 version=$2 key=$3 out=$4 break_kiosk=${5:-}
    rm -rf "$out"
    mkdir -p "$out"
    make_root_img "$root" "$version" "$out/root.img" "$break_kiosk"
    cp "$(kernel_of "$root")" "$out/vmlinuz"
    cp "$(initrd_of "$root")" "$out/initrd.img"
    cp "$REDGRID_IMAGES_DIR/kernel-cmdline" "$out/cmdline"
    {
        echo "format redgrid-update-1"
        echo "version $version"
        local f
        for f in root.img vmlinuz initrd.img cmdline; do
            echo "file $f $(stat -c %s "$out/$f") $(sha256sum "$out/$f" | cut -d' ' -f1)"
        done
    } > "$out/manifest"
    openssl pkeyutl -sign -inkey "$key" -rawin -in "$out/manifest" -out "$out/manifest.sig"
    image_log "update bundle $out: version $version, signed with $key"
}

# ensure_update_key KEY: the fleet's Ed25519 signing key; made once if missing.
ensure_update_key() {
    local key=$1
    [[ -f $key ]] && return 0
    mkdir -p "$(dirname "$key")"
    (umask 077 && openssl genpkey -algorithm ed25519 -out "$key")
    image_log "made a new update signing key $key: keep it safe, every screen trusts it"
}

# make_esp ROOT VERSION OUT: the EFI system partition with systemd-boot, slot A's
# kernel and initramfs, its boot entry (no counter: the factory image is trusted),
# and the folder for the technician's first-boot files.
make_esp() {
    local root=$1 version=$2 out=$3
    local tmp
    tmp=$(mktemp -d)
    rm -f "$out"
    mkfs.vfat -C -F 32 -n REDGRID-EFI "$out" $((REDGRID_ESP_MIB * 1024)) >/dev/null
    mmd -i "$out" ::/EFI ::/EFI/BOOT ::/EFI/systemd ::/loader ::/loader/entries ::/redgrid ::/redgrid/a ::/redgrid/b
    local boot_efi="$root/usr/lib/systemd/boot/efi/systemd-bootx64.efi"
    [[ -f $boot_efi ]] || image_die "no systemd-boot in the image tree ($boot_efi)"
    mcopy -i "$out" "$boot_efi" ::/EFI/BOOT/BOOTX64.EFI
    mcopy -i "$out" "$boot_efi" ::/EFI/systemd/systemd-bootx64.efi
    mcopy -i "$out" "$REDGRID_IMAGES_DIR/loader.conf" ::/loader/loader.conf
    mcopy -i "$out" "$(kernel_of "$root")" ::/redgrid/a/vmlinuz
    mcopy -i "$out" "$(initrd_of "$root")" ::/redgrid/a/initrd.img
    "$REDGRID_IMAGES_DIR/mkosi.extra/usr/sbin/redgrid-update" write-entry a "$version" \
        "$(cat "$REDGRID_IMAGES_DIR/kernel-cmdline")" > "$tmp/redgrid-a.conf"
    mcopy -i "$out" "$tmp/redgrid-a.conf" ::/loader/entries/redgrid-a.conf
    mcopy -i "$out" "$REDGRID_IMAGES_DIR/provisioning/README.txt" ::/redgrid/README.txt
    mcopy -i "$out" "$REDGRID_IMAGES_DIR/provisioning/kiosk.json.example" ::/redgrid/kiosk.json.example
    rm -rf "$tmp"
}

# assemble_disk OUT ESP ROOT_A DATA: the GPT disk. Root B starts empty; the first
# update fills it. Partition names are what fstab, the boot entries and the
# updater find partitions by.
assemble_disk() {
    local out=$1 esp=$2 root_a=$3 data=$4
    local esp_start=2048 sector_mib=2048
    local a_start=$((esp_start + REDGRID_ESP_MIB * sector_mib))
    local b_start=$((a_start + REDGRID_ROOT_MIB * sector_mib))
    local data_start=$((b_start + REDGRID_ROOT_MIB * sector_mib))
    local total_mib=$((1 + REDGRID_ESP_MIB + 2 * REDGRID_ROOT_MIB + REDGRID_DATA_MIB + 1))
    rm -f "$out"
    truncate -s "${total_mib}M" "$out"
    sfdisk --quiet "$out" <<EOF
label: gpt
start=$esp_start, size=$((REDGRID_ESP_MIB * sector_mib)), type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="redgrid-esp"
start=$a_start, size=$((REDGRID_ROOT_MIB * sector_mib)), type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name="redgrid-root-a"
start=$b_start, size=$((REDGRID_ROOT_MIB * sector_mib)), type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, name="redgrid-root-b"
start=$data_start, size=$((REDGRID_DATA_MIB * sector_mib)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="redgrid-data"
EOF
    dd if="$esp" of="$out" bs=1M seek=$((esp_start / sector_mib)) conv=notrunc,sparse status=none
    dd if="$root_a" of="$out" bs=1M seek=$((a_start / sector_mib)) conv=notrunc,sparse status=none
    dd if="$data" of="$out" bs=1M seek=$((data_start / sector_mib)) conv=notrunc,sparse status=none
    image_log "disk $out: $(sfdisk --dump "$out" | grep -c '^/') partitions, ${total_mib} MiB"
}

# esp_of DISK: the mtools address of a disk image's EFI partition (mdir -i "$(esp_of d)" ::/).
esp_of() { echo "$1@@1M"; }
