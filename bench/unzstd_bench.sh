#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Builds and runs the Zstandard decoding benchmark (bench/unzstd_bench.c)
# on the host, from the top of the tree: bench/unzstd_bench.sh [FILE...].
# The default inputs are Debian's 6.12 kernel that the boot test
# linuxpv-612-xen-efi fetches (build/linux-dom0/kernel-6.12/boot/
# vmlinuz-*: a zstd -22 payload, 11.8 MB -> 57.6 MB, 128 MiB window; a
# skip line when it is not there) and a synthetic payload made here once
# (build/bench/synthetic.zst: 32 MiB of text-like words, x86-like code
# and zero runs, `zstd -9`). The decoder is built twice: with the host's
# code generation (SSE for the 16-byte copies), and as the hypervisor
# builds it (-mgeneral-regs-only: 8-byte copies).
set -e
cd "$(dirname "$0")/.."
mkdir -p build/bench
CC=${CC:-gcc}
srcs="lib/decompress/unzstd.c lib/decompress/zstd_entropy.c
      lib/decompress/zstd_seq.c lib/decompress/xxh64.c lib/boot/bzimage.c"

synthetic=build/bench/synthetic.zst
if [ ! -s "$synthetic" ]; then
    python3 - build/bench/synthetic <<'PY'
import sys
words = [b"xen ", b"dom0 ", b"zstd ", b"frame ", b"block ", b"huffman ",
         b"the ", b"a ", b"page ", b"fse ", b"x86 ", b"efi ", b"boot ",
         b"kernel ", b"of ", b"in ", b"table ", b"memory "]
x, out = 1, bytearray()
while len(out) < 32 << 20:
    x = (x * 6364136223846793005 + 1442695040888963407) & (2**64 - 1)
    k = x >> 61
    if k < 3:                           # a line of words
        for i in range(8):
            out += words[(x >> (8 * i)) % len(words)]
        out += b"\n"
    elif k < 6:                         # code: calls, moves, jumps
        for i in range(6):
            r = (x >> (8 * i)) & 0xff
            out += bytes([0xe8, r, (r * 7) & 0xff, 0, 0]) if r & 1 else \
                bytes([0x48, 0x89, r, 0x74, r >> 3])
    else:                               # a run of zeros
        out += bytes(64 + (x & 0x3ff))
open(sys.argv[1], "wb").write(out[:32 << 20])
PY
    zstd -q -9 -f build/bench/synthetic -o "$synthetic"
    rm -f build/bench/synthetic
fi

inputs=$*
if [ -z "$inputs" ]; then
    kernel=$(ls build/linux-dom0/kernel-6.12/boot/vmlinuz-* 2>/dev/null |
        tail -n 1)
    if [ -n "$kernel" ]; then
        inputs=$kernel
    else
        echo "unzstd: skip the Debian 6.12 kernel: not fetched (run" \
             "test/boot/run.py linuxpv-612-xen-efi once)"
    fi
    inputs="$inputs $synthetic"
fi

for flavour in host hypervisor; do
    extra=
    [ $flavour = hypervisor ] && extra="-mgeneral-regs-only -mno-red-zone"
    objs=
    for s in $srcs; do
        o=build/bench/$flavour-$(basename "$s" .c).o
        # shellcheck disable=SC2086
        $CC -std=gnu11 -O2 -Wall -Wextra -Iinclude $extra -c "$s" -o "$o"
        objs="$objs $o"
    done
    # shellcheck disable=SC2086
    $CC -std=gnu11 -O2 -Wall -Wextra -Iinclude bench/unzstd_bench.c $objs \
        -lzstd -o build/bench/unzstd_bench-$flavour
    echo "unzstd: decoder built as the $flavour builds it"
    # shellcheck disable=SC2086
    build/bench/unzstd_bench-$flavour $inputs
done
