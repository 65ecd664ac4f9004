#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make run`: installs what is missing, builds, and boots the hypervisor in
# QEMU (TCG) with the serial console on this terminal. The machine powers
# off by itself at the end of the boot; Ctrl-A X leaves QEMU early.
#
#   BOOT=xen-efi (default)  xen.efi started by OVMF from an ESP, xen.cfg
#   BOOT=grub-efi           GRUB2 (EFI) multiboot2, boot services kept
#   BOOT=grub-bios          GRUB2 multiboot2 on SeaBIOS
#   MEM=1G                  guest memory
#   XEN_CMDLINE="..."       hypervisor command line
set -eu
cd "$(dirname "$0")/.."
tools/setup.sh
make -j"$(nproc)" all
boot=${BOOT:-xen-efi}
mem=${MEM:-1G}
cmdline=${XEN_CMDLINE:-console=com1}
run=build/run
mkdir -p $run
printf 'demo module: a stand-in for the dom0 kernel\n' > $run/vmlinuz
printf 'demo module: a stand-in for the initrd\n' > $run/initrd.img
qemu="qemu-system-x86_64 -machine q35,accel=tcg -m $mem -no-reboot
      -display none -serial mon:stdio"
ovmf="-drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd
      -drive if=pflash,format=raw,unit=1,file=$run/OVMF_VARS.fd"
case $boot in
xen-efi)
    cat > $run/xen.cfg <<EOC
[global]
default=demo

[demo]
options=$cmdline
kernel=vmlinuz console=hvc0 root=/dev/xvda1
ramdisk=initrd.img
EOC
    tools/mkesp.sh $run/esp.img build/xen.efi $run/xen.cfg \
        $run/vmlinuz vmlinuz $run/initrd.img initrd.img
    cp /usr/share/OVMF/OVMF_VARS_4M.fd $run/OVMF_VARS.fd
    exec $qemu $ovmf -drive format=raw,file=$run/esp.img
    ;;
grub-efi|grub-bios)
    tools/mkgrub-iso.sh $run/grub.iso build/xen.gz "$cmdline" \
        $run/vmlinuz "dom0 console=hvc0 root=/dev/xvda1" \
        $run/initrd.img "initrd"
    if [ "$boot" = grub-efi ]; then
        cp /usr/share/OVMF/OVMF_VARS_4M.fd $run/OVMF_VARS.fd
        exec $qemu $ovmf -cdrom $run/grub.iso
    fi
    exec $qemu -cdrom $run/grub.iso
    ;;
*)
    echo "run: unknown BOOT=$boot (xen-efi, grub-efi, grub-bios)" >&2
    exit 2
    ;;
esac
