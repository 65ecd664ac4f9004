#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Builds and runs the memory-map benchmark (bench/memmap_bench.c) on the
# host, from the top of the tree: bench/memmap_bench.sh
set -e
cd "$(dirname "$0")/.."
mkdir -p build/bench
${CC:-gcc} -std=gnu11 -O2 -Wall -Wextra -Iinclude bench/memmap_bench.c \
    lib/mm/e820.c lib/efi/efimap.c lib/heap.c lib/mm/unaccepted.c \
    -o build/bench/memmap_bench
exec build/bench/memmap_bench
