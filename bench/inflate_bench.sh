#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Builds and runs the gzip decoding benchmark (bench/inflate_bench.c) on
# the host, from the top of the tree: bench/inflate_bench.sh [FILE]. The
# input is FILE compressed with gzip -9 (default: a large shared library,
# about 30 MiB of x86-64 code and data, 9 MiB compressed: vmlinux-like).
set -e
cd "$(dirname "$0")/.."
src=${1:-$(ls -S /usr/lib/x86_64-linux-gnu/libclang-1*.so.* 2>/dev/null |
    head -n 1)}
[ -n "$src" ] || { echo "usage: $0 FILE" >&2; exit 1; }
mkdir -p build/bench
gzip -9 -n -c "$src" > build/bench/inflate_input.gz
${CC:-gcc} -std=gnu11 -O2 -Wall -Wextra -Iinclude bench/inflate_bench.c \
    lib/decompress/inflate.c lib/crc32.c -lz -o build/bench/inflate_bench
echo "inflate: input $src"
exec build/bench/inflate_bench build/bench/inflate_input.gz
