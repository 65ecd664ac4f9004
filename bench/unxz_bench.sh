#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Builds and runs the XZ decoding benchmark (bench/unxz_bench.c) on the
# host, from the top of the tree: bench/unxz_bench.sh [BZIMAGE]. The
# default input is the Debian kernel the Linux boot tests fetch
# (build/linux-dom0/kernel/boot/vmlinuz-*: an xz payload with the x86
# filter, about 8 MB -> 66 MB).
set -e
cd "$(dirname "$0")/.."
src=${1:-$(ls build/linux-dom0/kernel/boot/vmlinuz-* 2>/dev/null |
    tail -n 1)}
[ -n "$src" ] || { echo "usage: $0 BZIMAGE" >&2; exit 1; }
mkdir -p build/bench
${CC:-gcc} -std=gnu11 -O2 -Wall -Wextra -Iinclude bench/unxz_bench.c \
    lib/decompress/unxz.c lib/decompress/unlzma2.c \
    lib/decompress/bcj_x86.c lib/boot/bzimage.c lib/crc32.c -llzma \
    -o build/bench/unxz_bench
echo "unxz: input $src"
exec build/bench/unxz_bench "$src"
