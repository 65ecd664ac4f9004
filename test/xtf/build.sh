#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Builds the pv64 tests of the Xen Test Framework (XTF) from its source
# tarball into build/xtf/: unpacks it once, reads which environments each
# test has (its Makefile's TEST-ENVS) and links test-pv64-NAME for those
# that include pv64, two at a time once the shared objects are built. XTF is third-party test data (BSD-2-Clause): it is built
# here, never copied into the project.
#
#   test/xtf/build.sh TARBALL OUTDIR
#
# Prints one line "xtf: N pv64 tests built in OUTDIR/tests" and leaves the
# list in OUTDIR/pv64-tests.txt.
set -eu
# The script runs its own two builds at a time: XTF's makes do not take
# part in a calling make's job server (whose pipe xargs does not pass on).
unset MAKEFLAGS MFLAGS MAKELEVEL
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
xtf_make() {
    make -s -C "$1" ROOT="$src" CC=gcc LD=ld CPP="gcc -E" \
        OBJCOPY=objcopy PYTHON=python3 "$2" >/dev/null
}
# Which tests have a pv64 flavour: their TEST-ENVS (a list, or one of
# XTF's environment sets that hold pv64: all, PV, 64-bit).
: > "$list"
for dir in "$src"/tests/*/; do
    grep -qE '^TEST-ENVS.*(pv64|\$\((ALL|PV|64BIT)_ENVIRONMENTS\))' \
        "$dir/Makefile" 2>/dev/null && basename "$dir" >> "$list"
done
# The first build makes the shared objects; the rest two at a time.
first=$(head -n 1 "$list")
xtf_make "$src/tests/$first" "test-pv64-$first"
tail -n +2 "$list" | xargs -P 2 -I {} sh -c \
    'make -s -C "$0/tests/$1" ROOT="$0" CC=gcc LD=ld CPP="gcc -E" \
         OBJCOPY=objcopy PYTHON=python3 "test-pv64-$1" >/dev/null' \
    "$src" {}
for name in $(cat "$list"); do
    [ -x "$src/tests/$name/test-pv64-$name" ] || {
        echo "xtf: test-pv64-$name was not built" >&2
        exit 1
    }
done
mv "$list" "$out/pv64-tests.txt"
echo "xtf: $(wc -l < "$out/pv64-tests.txt") pv64 tests built in $src/tests"
