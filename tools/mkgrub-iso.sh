#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Builds a GRUB2 rescue ISO (BIOS and, when grub-efi-amd64-bin is present,
# UEFI) that boots the hypervisor with multiboot2.
#
#   tools/mkgrub-iso.sh OUT.iso XEN.GZ "XEN CMDLINE" [MODULE "MODULE CMDLINE"]...
#
# The menu entry it writes is the one a user puts in grub.cfg on a real
# machine: `multiboot2 /boot/xen.gz <options>` and one `module2` per module.
# MB_CMD=multiboot MOD_CMD=module select GRUB's multiboot1 loader instead
# (used by the negative test: the image must refuse it).
set -eu
mb=${MB_CMD:-multiboot2}
mod=${MOD_CMD:-module2}
out=$1 xen=$2 cmdline=$3
shift 3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/boot/grub"
cp "$xen" "$dir/boot/xen.gz"
{
    echo 'serial --unit=0 --speed=115200'
    echo 'terminal_input serial console'
    echo 'terminal_output serial console'
    echo 'set timeout=0'
    echo 'set default=0'
    echo 'menuentry "hypervisor" {'
    echo "    $mb /boot/xen.gz $cmdline"
    i=0
    while [ $# -ge 2 ]; do
        cp "$1" "$dir/boot/mod$i"
        echo "    $mod /boot/mod$i $2"
        i=$((i + 1))
        shift 2
    done
    echo '    boot'
    echo '}'
} > "$dir/boot/grub/grub.cfg"
grub-mkrescue -o "$out" "$dir" >/dev/null 2>&1 || {
    echo "mkgrub-iso: grub-mkrescue failed" >&2
    grub-mkrescue -o "$out" "$dir"
    exit 1
}
