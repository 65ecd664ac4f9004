#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The time-boxed fuzz tier of `make test` (`make fuzz-ci`): runs each named
# libFuzzer harness build/test/fuzz/NAME-fuzzer for FUZZ_CI_SECONDS
# (default 15; less when that would pass FUZZ_CI_TOTAL, default 51, in
# all: 3 s each for 34 harnesses) from its seed corpus
# test/fuzz/corpus/NAME plus its kept crash inputs test/fuzz/crashes/NAME,
# FUZZ_CI_JOBS (default 2) at a time. The corpora hold what longer runs
# found (make fuzz-merge): loading one reaches at least the coverage 10 s of
# fuzzing from the hand-made seeds did, and in a 5 s run of every
# harness (2026-12-08) the mutation after the load reached no edge the
# corpus had not (each line shows both figures). Deeper runs: `make fuzz
# FUZZ_SECONDS=N`, then `make fuzz-merge`.
# New corpus entries stay in build/fuzz-ci/NAME/corpus (not committed).
# An input that crashes, leaks, hangs or breaks an invariant is copied to
# test/fuzz/crashes/NAME/ (commit it with the fix: `make fuzz-replay`
# replays it from then on) and fails the harness. Prints one line per
# harness, the budget used, and closes with "fuzz: N passed, N failed".
#
# usage: scripts/fuzz-ci.sh NAME...
set -u
cd "$(dirname "$0")/.."
secs=${FUZZ_CI_SECONDS:-15}
jobs=${FUZZ_CI_JOBS:-2}
total=${FUZZ_CI_TOTAL:-51}
work=build/fuzz-ci

# in: harness name. Runs it once; leaves NAME.result holding "ok" or "FAIL"
# and a one-line summary, NAME.log the libFuzzer output.
run_one() {
    n=$1
    dir=$work/$n
    rm -rf "$dir/artifacts"
    mkdir -p "$dir/corpus" "$dir/artifacts"
    seeds=
    for d in "test/fuzz/corpus/$n" "test/fuzz/crashes/$n"; do
        [ -d "$d" ] && seeds="$seeds $d"
    done
    start=$(date +%s)
    # -timeout: one input running 10 s is a hang; -rss_limit_mb bounds a
    # leak or a huge allocation well below what a 2-core CI box holds.
    # shellcheck disable=SC2086
    build/test/fuzz/$n-fuzzer -max_total_time="$secs" -timeout=10 \
        -rss_limit_mb=1024 -print_final_stats=1 \
        -artifact_prefix="$dir/artifacts/" \
        "$dir/corpus" $seeds > "$dir.log" 2>&1
    rc=$?
    took=$(($(date +%s) - start))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir.log")
    cov=$(grep -E '^#[0-9]+.*cov: ' "$dir.log" | tail -n 1 |
          sed -E 's/.*cov: ([0-9]+).*/\1/')
    # The coverage once the corpus is loaded: what the mutation added is
    # the difference.
    cov0=$(grep -m 1 -E '^#[0-9]+.*INITED.*cov: ' "$dir.log" |
           sed -E 's/.*cov: ([0-9]+).*/\1/')
    # A slow unit (libFuzzer's slow-unit-*, over 10 s but under -timeout)
    # is no failure: on a loaded machine any input can be slow. Hangs are
    # -timeout's, and those fail.
    slow=$(find "$dir/artifacts" -type f -name 'slow-unit-*' | wc -l)
    arts=$(find "$dir/artifacts" -type f ! -name 'slow-unit-*' | sort)
    if [ "$rc" -eq 0 ] && [ -z "$arts" ]; then
        note=
        [ "$slow" -gt 0 ] && note=", $slow slow units"
        echo "ok   fuzz/$n (${took} s, ${runs:-?} runs," \
             "cov ${cov:-?} from the corpus's ${cov0:-?}$note)" \
            > "$dir.result"
        return 0
    fi
    kept=
    for a in $arts; do
        mkdir -p "test/fuzz/crashes/$n"
        cp "$a" "test/fuzz/crashes/$n/"
        kept="$kept test/fuzz/crashes/$n/$(basename "$a")"
    done
    {
        echo "FAIL fuzz/$n (exit $rc after ${took} s)"
        if grep -qE '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' \
                "$dir.log"; then
            grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' \
                "$dir.log" | head -n 8
        else
            tail -n 3 "$dir.log"
        fi | sed 's/^/     /'
        [ -n "$kept" ] && echo "     input kept:$kept"
        echo "     full log: $dir.log"
    } > "$dir.result"
    return 1
}

if [ "${1:-}" = "--one" ]; then
    run_one "$2"
    exit $?
fi

[ $# -gt 0 ] || { echo "usage: $0 NAME..." >&2; exit 2; }
mkdir -p "$work"
for n in "$@"; do rm -f "$work/$n.result"; done
# As harnesses are added, the per-harness budget shrinks (to 3 s at the
# least) so that the fuzzing stays within FUZZ_CI_TOTAL seconds.
rounds=$((($# + jobs - 1) / jobs))
if [ $((rounds * secs)) -gt "$total" ] && [ "$secs" -gt 3 ]; then
    secs=$((total / rounds))
    [ "$secs" -ge 3 ] || secs=3
    export FUZZ_CI_SECONDS=$secs
fi
echo "fuzz: budget ${secs} s per harness, $# harnesses, $jobs at a time" \
     "(about $((rounds * secs)) s)"
start=$(date +%s)
printf '%s\n' "$@" | xargs -P "$jobs" -n 1 "$0" --one
passed=0 failed=0
for n in "$@"; do
    if [ -f "$work/$n.result" ]; then
        cat "$work/$n.result"
    else
        echo "FAIL fuzz/$n (no result)"
    fi
    if grep -q '^ok ' "$work/$n.result" 2>/dev/null; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
    rm -f "$work/$n.result"
done
echo "fuzz: $(($(date +%s) - start)) s used for fuzzing"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
