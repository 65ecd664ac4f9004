#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make test`: builds everything (fetching the boot tests' Debian packages
# meanwhile), then runs the unit tests, the fuzz-corpus replay, the layer
# and ABI checks and the boot-check cases (two at a time), a time-boxed
# libFuzzer run of every harness (scripts/fuzz-ci.sh),
# the ABI checks, the QEMU boot tests, the XTF selftest and XSA tests as
# dom0 (make xtf-quick) with the install test beside them, and closes with
# one line
# "N passed, N failed, N skipped" summing them all (a boot scenario whose
# outside inputs, such as Debian's Xen 4.17, cannot be fetched is skipped).
# Each step's output ends with "step NAME: N s", its wall time.
# Exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.." || exit 1
t0=$(date +%s)
tools/setup.sh || exit 1
echo "step setup: $(($(date +%s) - t0)) s"
jobs=$(nproc 2>/dev/null || echo 2)
log=build/test-logs
mkdir -p "$log"
passed=0 failed=0 skipped=0

# in: name, command. Counts the step's own "N passed, N failed" line, or
# one pass/fail for a step without one.
step() {
    name=$1
    shift
    t0=$(date +%s)
    "$@" > "$log/$name.txt" 2>&1
    rc=$?
    cat "$log/$name.txt"
    echo "step $name: $(($(date +%s) - t0)) s"
    line=$(grep -E '^[a-z-]*:? ?[0-9]+ passed, [0-9]+ failed' "$log/$name.txt" | tail -n 1)
    if [ -n "$line" ]; then
        p=$(echo "$line" | sed -E 's/^[^0-9]*([0-9]+) passed, ([0-9]+) failed.*/\1/')
        f=$(echo "$line" | sed -E 's/^[^0-9]*([0-9]+) passed, ([0-9]+) failed.*/\2/')
        [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    elif [ "$rc" -eq 0 ]; then
        p=1 f=0
    else
        p=0 f=1
    fi
    s=$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
    passed=$((passed + p))
    failed=$((failed + f))
    skipped=$((skipped + ${s:-0}))
    [ "$rc" -eq 0 ] || echo "*** $name failed (exit $rc)"
}

# in: name of a step run in the background. Prints its output and
# returns its exit code, for step().
replay() {
    cat "$log/$1.bg.txt"
    return "$(cat "$log/$1.bg.rc" 2>/dev/null || echo 1)"
}

# The Debian packages the boots use are fetched meanwhile (network, not
# CPU); the boot step waits for them (test/boot/fetch.py).
python3 test/boot/fetch.py > "$log/fetch.txt" 2>&1 &
fetch_pid=$!

# One build of everything the tiers run (hypervisor, images, unit runner,
# replays, fuzzers, XTF's tests), so make keeps both cores busy to the end.
step build make -j"$jobs" all test-images test-bins xtf-prepare
# The host tiers are single-threaded: two chains of them side by side,
# their outputs shown in order afterwards.
t0=$(date +%s)
bg() {
    name=$1
    shift
    "$@" > "$log/$name.bg.txt" 2>&1
    echo $? > "$log/$name.bg.rc"
}
( bg unit make -s unit
  bg layers python3 scripts/check-layers.py --selftest
  bg boot-checks python3 test/boot/test_checks.py ) &
chain_pid=$!
bg fuzz-replay make -s fuzz-replay
bg abi make -s abi
wait "$chain_pid"
echo "step host tiers (two at a time): $(($(date +%s) - t0)) s"
for name in layers unit fuzz-replay abi boot-checks; do
    step "$name" replay "$name"
done
step fuzz make -s -j"$jobs" fuzz-ci
t0=$(date +%s)
wait "$fetch_pid"
cat "$log/fetch.txt"
echo "step fetch (waited for): $(($(date +%s) - t0)) s"
step boot python3 test/boot/run.py -j 2
# The install test (one QEMU at a time) runs beside the XTF step (two):
# both only read what the build step made.
( make -s test-install > "$log/install.bg.txt" 2>&1
  echo $? > "$log/install.bg.rc" ) &
install_pid=$!
step xtf make -s xtf-quick
t0=$(date +%s)
wait "$install_pid"
echo "step install (waited for, beside xtf): $(($(date +%s) - t0)) s"
step install replay install

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
