#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make run`: installs what is missing, builds, and boots the hypervisor in
# QEMU (TCG) with the serial console on this terminal. The machine powers
# off by itself at the end of the boot; Ctrl-A X leaves QEMU early.
#
#   BOOT=xen-efi (default)  xen.efi started by OVMF, after the firmware
#                           test shim (test/efi-shim/) has planted an ESRT
#                           in boot-services memory, as real firmware does
#   BOOT=grub-efi           the same shim, then GRUB2 (EFI) multiboot2 with
#                           boot services kept
#   BOOT=grub-bios          GRUB2 multiboot2 on SeaBIOS (no EFI, no ESRT)
#   MEM=1G                  guest memory
#   XEN_CMDLINE="..."       hypervisor command line
#   DOM0_CMDLINE="..."      dom0's command line: the tools it runs
#   DOM0=linux              Debian's Linux kernel as dom0 instead (fetched
#                           with apt-get download, cached under build/),
#                           with a busybox initramfs and the project's
#                           Linux tools (tools/linuxdom0.py): a shell on
#                           the serial console; `poweroff -f` ends it
#   KERNEL=6.12             with DOM0=linux: Debian's bookworm-backports
#                           6.12 kernel (the one that shows the ESRT)
#   FIRMWARE=1              with DOM0=linux: the shim plants the ESRT
#                           first (BOOT=xen-efi or grub-efi), and Linux
#                           prints what it sees of the firmware before the
#                           shell: the ESRT in sysfs, efivarfs, and
#                           fwupdtool's device list (the initramfs gets
#                           Debian's fwupd and efibootmgr)
#
# In every case but DOM0=linux, dom0 (tools/dom0/) asks the hypervisor by
# hypercall for the EFI information, the ESRT, the EFI memory map and the
# e820 map, prints them ("(d0) " lines), and powers the machine off.
set -eu
cd "$(dirname "$0")/.."
tools/setup.sh
make -j"$(nproc)" all test-images
boot=${BOOT:-xen-efi}
mem=${MEM:-1G}
cmdline=${XEN_CMDLINE:-console=com1 dom0_mem=32M}
dom0_cmdline=${DOM0_CMDLINE:-console=hvc0 xen-info xen-esrt xen-efimap xen-e820}
shim_args="esrt=4 seed=0x5eed esrt-type=bsdata"
run=build/run
mkdir -p $run
if [ "${DOM0:-}" = linux ]; then
    kopt="--kernel ${KERNEL:-6.1}"
    kernel=$(tools/linuxdom0.py $kopt fetch)
    cmdline=${XEN_CMDLINE:-console=com1 dom0_mem=512M}
    if [ "${FIRMWARE:-}" = 1 ]; then
        tools/linuxdom0.py $kopt --firmware initramfs $run/initrd.gz
        dom0_cmdline=${DOM0_CMDLINE:-console=hvc0 dom0test=firmware}
    else
        tools/linuxdom0.py $kopt initramfs $run/initrd.gz
        dom0_cmdline=${DOM0_CMDLINE:-console=hvc0}
    fi
    qemu="qemu-system-x86_64 -machine q35,accel=tcg -m $mem -no-reboot -nodefaults
          -display none -serial mon:stdio"
    ovmf="-drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd
          -drive if=pflash,format=raw,unit=1,file=$run/OVMF_VARS.fd"
    cp /usr/share/OVMF/OVMF_VARS_4M.fd $run/OVMF_VARS.fd
    case $boot in
    xen-efi)
        printf '[global]\ndefault=linux\n\n[linux]\noptions=%s\nkernel=vmlinuz %s\nramdisk=initrd.gz\n' \
            "$cmdline" "$dom0_cmdline" > $run/xen.cfg
        if [ "${FIRMWARE:-}" = 1 ]; then
            test/efi-shim/mkesp-shim.sh $run/esp.img build/efishim.efi \
                build/xen.efi $run/xen.cfg "$shim_args" \
                "$kernel" vmlinuz $run/initrd.gz initrd.gz
        else
            tools/mkesp.sh $run/esp.img build/xen.efi $run/xen.cfg \
                "$kernel" vmlinuz $run/initrd.gz initrd.gz
        fi
        exec $qemu $ovmf -drive format=raw,file=$run/esp.img
        ;;
    grub-efi)
        if [ "${FIRMWARE:-}" = 1 ]; then
            printf 'set timeout=0\nsearch --no-floppy --set=root --file /EFI/xen/xen.gz\nmultiboot2 /EFI/xen/xen.gz %s\nmodule2 /EFI/xen/vmlinuz %s\nmodule2 /EFI/xen/initrd.gz\nboot\n' \
                "$cmdline" "$dom0_cmdline" > $run/grub.cfg
            CHAIN=grub test/efi-shim/mkesp-shim.sh $run/esp.img \
                build/efishim.efi build/xen.gz $run/grub.cfg "$shim_args" \
                "$kernel" vmlinuz $run/initrd.gz initrd.gz
            exec $qemu $ovmf -drive format=raw,file=$run/esp.img
        fi
        tools/mkgrub-iso.sh $run/grub.iso build/xen.gz "$cmdline" \
            "$kernel" "$dom0_cmdline" $run/initrd.gz initrd
        exec $qemu $ovmf -cdrom $run/grub.iso
        ;;
    grub-bios)
        tools/mkgrub-iso.sh $run/grub.iso build/xen.gz "$cmdline" \
            "$kernel" "$dom0_cmdline" $run/initrd.gz initrd
        exec $qemu -cdrom $run/grub.iso
        ;;
    esac
    echo "run: unknown BOOT=$boot (xen-efi, grub-efi, grub-bios)" >&2
    exit 2
fi
qemu="qemu-system-x86_64 -machine q35,accel=tcg -m $mem -no-reboot -nodefaults
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
kernel=dom0.gz $dom0_cmdline
EOC
    test/efi-shim/mkesp-shim.sh $run/esp.img build/efishim.efi \
        build/xen.efi $run/xen.cfg "$shim_args" build/dom0/dom0.gz dom0.gz
    cp /usr/share/OVMF/OVMF_VARS_4M.fd $run/OVMF_VARS.fd
    exec $qemu $ovmf -drive format=raw,file=$run/esp.img
    ;;
grub-efi)
    cat > $run/grub.cfg <<EOC
set timeout=0
search --no-floppy --set=root --file /EFI/xen/xen.gz
multiboot2 /EFI/xen/xen.gz $cmdline
module2 /EFI/xen/dom0.gz $dom0_cmdline
boot
EOC
    CHAIN=grub test/efi-shim/mkesp-shim.sh $run/esp.img build/efishim.efi \
        build/xen.gz $run/grub.cfg "$shim_args" build/dom0/dom0.gz dom0.gz
    cp /usr/share/OVMF/OVMF_VARS_4M.fd $run/OVMF_VARS.fd
    exec $qemu $ovmf -drive format=raw,file=$run/esp.img
    ;;
grub-bios)
    tools/mkgrub-iso.sh $run/grub.iso build/xen.gz "$cmdline" \
        build/dom0/dom0.gz "$dom0_cmdline"
    exec $qemu -cdrom $run/grub.iso
    ;;
*)
    echo "run: unknown BOOT=$boot (xen-efi, grub-efi, grub-bios)" >&2
    exit 2
    ;;
esac
