#!/bin/sh
# Installs every Debian 12 package the kiosk, the hub, the tests and the benchmarks need.
# Idempotent: packages already present are skipped by apt; apt-get update runs only when
# something is missing, so a second call costs about a second.
# Everything that scripts/, bench/, tests/ and the CMake rules run is here, image and bench
# tools included: tests/deploy/check_install_deps.py derives those programs from the sources
# and fails (in ctest) when one comes from a package missing below.
# file: CPack's DEB generator runs it to find the shared libraries (dpkg-shlibdeps).
# mkosi ... ovmf: scripts/build-image.sh, boot-image.sh, update-test.sh (the OS image).
# valgrind, chromium: bench/run_bench.sh (instruction counts, the Chromium comparison).
# clang-16 + libclang-rt-16-dev: the libFuzzer targets (scripts/fuzz.sh). Debian's default
# clang 14 cannot compile libstdc++ 12's <expected>; clang 16 can (docs/reliability.md).
set -eu

PACKAGES="
build-essential cmake pkg-config git ca-certificates python3
libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libcairo2-dev
libcurl4-openssl-dev nlohmann-json3-dev libgtest-dev libgmock-dev
libdrm-dev zlib1g-dev libsqlite3-dev sqlite3 libsystemd-dev libqrencode-dev libcpp-httplib-dev libssl-dev
libbenchmark-dev time valgrind
fonts-noto-cjk fonts-wqy-microhei fonts-material-design-icons-iconfont
espeak-ng-data libespeak-ng-dev
clang-16 libclang-rt-16-dev
systemd file
mkosi debootstrap systemd-container mtools dosfstools e2fsprogs fdisk openssl qemu-system-x86 ovmf
chromium
"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-deps: missing packages:$missing; run as root (or install them) first" >&2
        exit 1
    fi
    echo "install-deps: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing
fi
