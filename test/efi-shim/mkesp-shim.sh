#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Builds a FAT EFI system partition image for the firmware test shim flow
# (mtools). There is no \EFI\BOOT\BOOTX64.EFI, so OVMF finds nothing to
# boot and starts its built-in UEFI shell, which runs \startup.nsh: the
# shim with SHIM_ARGS as its load options, then, if the shim succeeded,
# xen.efi. If the shim fails the script powers the machine off.
#
#   test/efi-shim/mkesp-shim.sh OUT.img EFISHIM.EFI XEN.EFI CFG|- \
#       SHIM_ARGS [FILE NAME-IN-\EFI\xen]...
#
# ESP layout: \efishim.efi, \startup.nsh, \EFI\xen\xen.efi, its
# configuration \EFI\xen\xen.cfg (left out for CFG "-") and the files.
set -eu
out=$1 shim=$2 xen=$3 cfg=$4 args=$5
shift 5
nsh=$(mktemp)
trap 'rm -f "$nsh"' EXIT
# The shell wants CR LF line ends; "@" keeps a line out of the echo.
printf '%s\r\n' \
    '@echo -off' \
    'fs0:' \
    "\\efishim.efi $args" \
    'if not %lasterror% == 0x0 then' \
    '  echo "efishim.efi failed: powering off"' \
    '  reset -s' \
    'endif' \
    '\EFI\xen\xen.efi' \
    'reset -s' >"$nsh"
rm -f "$out"
mformat -i "$out" -C -T 65536 -h 16 -s 63 -v ESP :: >/dev/null
mmd -i "$out" ::/EFI ::/EFI/xen
mcopy -i "$out" "$shim" ::/efishim.efi
mcopy -i "$out" "$nsh" ::/startup.nsh
mcopy -i "$out" "$xen" ::/EFI/xen/xen.efi
[ "$cfg" = - ] || mcopy -i "$out" "$cfg" ::/EFI/xen/xen.cfg
while [ $# -ge 2 ]; do
    mcopy -i "$out" "$1" "::/EFI/xen/$2"
    shift 2
done
