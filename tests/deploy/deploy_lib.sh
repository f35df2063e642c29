# Shared by check_units.sh and check_packages.sh (sourced, POSIX sh).

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

pass() {
    echo "ok: $*"
}

need_tool() {
    command -v "$1" >/dev/null 2>&1 || fail "$1 is not installed (scripts/install-deps.sh installs it)"
}

# systemd-analyze verify --root=DIR resolves every unit and executable inside DIR, so
# DIR needs systemd's own units (sysinit.target, ...) and the tools our units run
# besides our binaries. A real system has them through the "systemd" dependency.
seed_systemd() {
    root=$1
    mkdir -p "$root/usr/lib/systemd/system" "$root/usr/bin" "$root/etc"
    cp -an /usr/lib/systemd/system/. "$root/usr/lib/systemd/system/"
    [ -e "$root/usr/bin/systemd-tmpfiles" ] || cp /usr/bin/systemd-tmpfiles "$root/usr/bin/"
}

# Fails on a non-zero exit and on any output: unknown keys, bad values and missing
# executables are only warnings to systemd-analyze.
verify_units() {
    root=$1
    shift
    out=$(systemd-analyze verify --root="$root" "$@" 2>&1) || fail "systemd-analyze verify $*: $out"
    [ -z "$out" ] || fail "systemd-analyze verify $* warned: $out"
    pass "systemd-analyze verify $*"
}

# Prints the exposure ("1.5") of a unit file; fails if over 2.5.
check_exposure() {
    file=$1
    out=$(systemd-analyze security --offline=yes --threshold=25 "$file" 2>&1)
    rc=$?
    level=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
    [ -n "$level" ] || fail "no exposure level for $file: $out"
    [ "$rc" -eq 0 ] || fail "$(basename "$file"): exposure $level is over 2.5"
    awk -v l="$level" 'BEGIN { exit !(l <= 2.5) }' || fail "$(basename "$file"): exposure $level is over 2.5"
    pass "$(basename "$file") exposure $level <= 2.5"
}

# Asserts that FILE has a line exactly equal to LINE.
has_line() {
    grep -qxF "$2" "$1" || fail "$(basename "$1") lacks the line: $2"
}
