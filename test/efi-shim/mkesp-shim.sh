#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Builds a FAT EFI system partition image for the firmware test shim flow
# (mtools). OVMF's built-in UEFI shell runs \startup.nsh: the shim with
# SHIM_ARGS as its load options, then, if the shim succeeded, the next
# stage. If the shim fails the script powers the machine off. The shell is
# started by \EFI\BOOT\BOOTX64.EFI, the launcher efilaunch.efi found
# beside EFISHIM.EFI (test/efi-launch/: the shell without its countdown);
# with LAUNCH=PATH another file, with LAUNCH= none, and then OVMF finds
# nothing to boot and falls back to the shell, which counts down first.
#
#   test/efi-shim/mkesp-shim.sh OUT.img EFISHIM.EFI XEN.EFI CFG|- \
#       SHIM_ARGS [FILE NAME-IN-\EFI\xen]...
#
# ESP layout: \efishim.efi, \startup.nsh, \EFI\xen\xen.efi, its
# configuration \EFI\xen\xen.cfg (left out for CFG "-"), the files and
# the launcher \EFI\BOOT\BOOTX64.EFI.
#
# With CHAIN=grub the next stage is GRUB instead, which boots the
# hypervisor with multiboot2 while boot services still run:
#
#   CHAIN=grub test/efi-shim/mkesp-shim.sh OUT.img EFISHIM.EFI XEN.GZ \
#       GRUB.CFG SHIM_ARGS [FILE NAME-IN-\EFI\xen]...
#
# puts XEN.GZ at \EFI\xen\xen.gz, the files beside it, and
# \EFI\grub\grubx64.efi: a grub-mkstandalone image whose memdisk holds
# GRUB.CFG as its /boot/grub/grub.cfg, so GRUB runs it at once. GRUB.CFG
# names the files by their ESP paths (search --file finds the ESP).
set -eu
out=$1 shim=$2 xen=$3 cfg=$4 args=$5
shift 5
chain=${CHAIN:-xen.efi}
launch=${LAUNCH-$(dirname "$shim")/efilaunch.efi}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
case $chain in
xen.efi) next='\EFI\xen\xen.efi' ;;
grub)
    next='\EFI\grub\grubx64.efi'
    grub-mkstandalone -O x86_64-efi -o "$tmp/grubx64.efi" \
        --install-modules="normal configfile search search_fs_file fat \
            part_msdos part_gpt multiboot2 gzio boot echo test" \
        --modules="fat part_msdos part_gpt search search_fs_file" \
        --locales= --themes= --fonts= \
        "boot/grub/grub.cfg=$cfg" ;;
*)
    echo "mkesp-shim: CHAIN must be xen.efi or grub" >&2
    exit 1 ;;
esac
# The shell wants CR LF line ends; "@" keeps a line out of the echo.
printf '%s\r\n' \
    '@echo -off' \
    'fs0:' \
    "\\efishim.efi $args" \
    'if not %lasterror% == 0x0 then' \
    '  echo "efishim.efi failed: powering off"' \
    '  reset -s' \
    'endif' \
    "$next" \
    'reset -s' >"$tmp/startup.nsh"
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
mmd -i "$out" ::/EFI ::/EFI/xen
mcopy -i "$out" "$shim" ::/efishim.efi
mcopy -i "$out" "$tmp/startup.nsh" ::/startup.nsh
if [ -n "$launch" ]; then
    mmd -i "$out" ::/EFI/BOOT
    mcopy -i "$out" "$launch" ::/EFI/BOOT/BOOTX64.EFI
fi
if [ "$chain" = grub ]; then
    mmd -i "$out" ::/EFI/grub
    mcopy -i "$out" "$tmp/grubx64.efi" ::/EFI/grub/grubx64.efi
    mcopy -i "$out" "$xen" ::/EFI/xen/xen.gz
else
    mcopy -i "$out" "$xen" ::/EFI/xen/xen.efi
    [ "$cfg" = - ] || mcopy -i "$out" "$cfg" ::/EFI/xen/xen.cfg
fi
while [ $# -ge 2 ]; do
    mcopy -i "$out" "$1" "::/EFI/xen/$2"
    shift 2
done
