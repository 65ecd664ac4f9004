#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Folds what fuzzing found into the committed seed corpora (`make
# fuzz-merge`): for each named harness, the inputs in
# build/fuzz-ci/NAME/corpus (make test's fuzz tier), build/fuzz-work/NAME
# (make fuzz) and DIR/NAME for each DIR in FUZZ_MERGE_FROM (blank
# separated) that reach code the corpus test/fuzz/corpus/NAME does not are
# added to it (libFuzzer's -merge=1; the files are named by their SHA-1,
# the hand-made seeds keep their names). A richer corpus lets the short
# fuzz tier of make test start where earlier runs got to, and the replay
# tier run every one of those inputs each time. Commit the new files.
# Prints one line per harness: "fuzz-merge/NAME: A -> B inputs".
#
# usage: scripts/fuzz-merge.sh NAME...
set -u
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: $0 NAME..." >&2; exit 2; }
rc=0
for n in "$@"; do
    dest=test/fuzz/corpus/$n
    mkdir -p "$dest"
    from=
    for d in "build/fuzz-ci/$n/corpus" "build/fuzz-work/$n"; do
        [ -d "$d" ] && from="$from $d"
    done
    for d in ${FUZZ_MERGE_FROM:-}; do
        [ -d "$d/$n" ] && from="$from $d/$n"
    done
    before=$(find "$dest" -type f | wc -l)
    if [ -z "$from" ]; then
        echo "fuzz-merge/$n: nothing to merge"
        continue
    fi
    # shellcheck disable=SC2086
    if ! "build/test/fuzz/$n-fuzzer" -merge=1 -timeout=10 \
            -rss_limit_mb=1024 "$dest" $from \
            > "build/fuzz-merge-$n.log" 2>&1; then
        echo "fuzz-merge/$n: FAIL (build/fuzz-merge-$n.log)"
        rc=1
        continue
    fi
    echo "fuzz-merge/$n: $before -> $(find "$dest" -type f | wc -l) inputs"
done
exit $rc
