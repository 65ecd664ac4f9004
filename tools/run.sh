#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make run`: installs what is missing, builds, and boots the hypervisor in
# QEMU (TCG) with the serial console on this terminal. The machine powers
# off by itself at the end of the boot; Ctrl-A X leaves QEMU early.
#
#   BOOT=grub-bios (default)   GRUB2 multiboot2 on SeaBIOS
#   MEM=512M                   guest memory
#   XEN_CMDLINE="..."          hypervisor command line
set -eu
cd "$(dirname "$0")/.."
tools/setup.sh
make -j"$(nproc)" all
boot=${BOOT:-grub-bios}
mem=${MEM:-512M}
cmdline=${XEN_CMDLINE:-console=com1,vga}
mkdir -p build/run
printf 'demo module: a stand-in for the dom0 kernel\n' > build/run/dom0
printf 'demo module: a stand-in for the initrd\n' > build/run/initrd
case $boot in
grub-bios)
    tools/mkgrub-iso.sh build/run/grub.iso build/xen.gz "$cmdline" \
        build/run/dom0 "dom0 console=hvc0 root=/dev/xvda1" \
        build/run/initrd "initrd"
    exec qemu-system-x86_64 -machine q35,accel=tcg -m "$mem" -no-reboot \
        -display none -serial mon:stdio -cdrom build/run/grub.iso
    ;;
*)
    echo "run: unknown BOOT=$boot (grub-bios)" >&2
    exit 2
    ;;
esac
