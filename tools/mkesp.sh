#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Builds a FAT EFI system partition image with mtools: xen.efi as the
# removable-media boot file \EFI\BOOT\BOOTX64.EFI, its configuration file
# (named after the image, as xen.efi looks for it: BOOTX64.cfg) and files.
#
#   tools/mkesp.sh OUT.img XEN.EFI CFG|- [FILE NAME-ON-ESP]...
#
# CFG "-" leaves the configuration out (to test its absence).
set -eu
out=$1 efi=$2 cfg=$3
shift 3
# 32 MiB, or room for the files and 16 MiB more (a Linux initramfs with
# fwupd is larger than that).
bytes=0
n=0
for f in "$@"; do
    n=$((n + 1))
    [ $((n % 2)) -eq 1 ] && bytes=$((bytes + $(wc -c <"$f")))
done
sectors=$(( (bytes >> 9) + 32768 ))
[ $sectors -ge 65536 ] || sectors=65536
rm -f "$out"
mformat -i "$out" -C -T $sectors -h 16 -s 63 -v ESP :: >/dev/null
mmd -i "$out" ::/EFI ::/EFI/BOOT
mcopy -i "$out" "$efi" ::/EFI/BOOT/BOOTX64.EFI
[ "$cfg" = - ] || mcopy -i "$out" "$cfg" ::/EFI/BOOT/BOOTX64.cfg
while [ $# -ge 2 ]; do
    mcopy -i "$out" "$1" "::/EFI/BOOT/$2"
    shift 2
done
