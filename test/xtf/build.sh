#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Builds the pv64 tests of the Xen Test Framework (XTF) from its source
# tarball into build/xtf/: unpacks it once, asks each test which
# environments it has (its info.json) and links test-pv64-NAME for those
# that list pv64. XTF is third-party test data (BSD-2-Clause): it is built
# here, never copied into the project.
#
#   test/xtf/build.sh TARBALL OUTDIR
#
# Prints one line "xtf: N pv64 tests built in OUTDIR/tests" and leaves the
# list in OUTDIR/pv64-tests.txt.
set -eu
tarball=$1 out=$2
if [ ! -f "$tarball" ]; then
    echo "xtf: no XTF tarball at $tarball" >&2
    exit 2
fi
mkdir -p "$out"
src=$out/src
stamp=$out/unpacked.stamp
if [ ! -f "$stamp" ] || [ "$tarball" -nt "$stamp" ]; then
    rm -rf "$src"
    mkdir -p "$src"
    tar xzf "$tarball" -C "$src" --strip-components=1
    touch "$stamp"
fi
src=$(cd "$src" && pwd)
# The source is a fixed tarball: a finished build is never redone.
if [ -f "$out/pv64-tests.txt" ] && [ "$out/pv64-tests.txt" -nt "$stamp" ]; then
    echo "xtf: $(wc -l < "$out/pv64-tests.txt") pv64 tests built in $src/tests"
    exit 0
fi
list=$out/pv64-tests.txt.new
: > "$list"
for dir in "$src"/tests/*/; do
    name=$(basename "$dir")
    [ -f "$dir/Makefile" ] || continue
    make -s -C "$dir" ROOT="$src" CC=gcc LD=ld CPP="gcc -E" \
        OBJCOPY=objcopy PYTHON=python3 info.json >/dev/null
    python3 -c 'import json, sys
sys.exit(0 if "pv64" in json.load(open(sys.argv[1]))["environments"]
         else 1)' "$dir/info.json" || continue
    make -s -j2 -C "$dir" ROOT="$src" CC=gcc LD=ld CPP="gcc -E" \
        OBJCOPY=objcopy PYTHON=python3 "test-pv64-$name" >/dev/null
    echo "$name" >> "$list"
done
mv "$list" "$out/pv64-tests.txt"
echo "xtf: $(wc -l < "$out/pv64-tests.txt") pv64 tests built in $src/tests"
