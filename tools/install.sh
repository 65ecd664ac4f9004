#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make install` and `make uninstall` (the Makefile passes the settings in
# the environment; see its install section and docs/install.md).
#
#   tools/install.sh install|uninstall
#
# install writes, each path under $DESTDIR:
#   $BOOT_DIR/xen-$VERSION.gz and the link $BOOT_DIR/xen.gz to it
#   $EFI_DIR/EFI/$EFI_NAME/xen.efi (build/xen.signed.efi when it exists),
#     with xen.cfg (tools/mkxencfg), dom0 and initrd beside it when $DOM0
#     names a dom0 image
#   $SYSCONFDIR/grub.d/21_hypervisor (the update-grub script)
#   $SBINDIR/mkxencfg
#   $DATADIR/hypervisor/install-manifest: every file, link and directory
#     that install created, one "f|l|d PATH" line each (PATH without
#     DESTDIR), which uninstall removes and nothing else.
# It then prints the efibootmgr command that would add a UEFI boot entry
# for xen.efi (it never runs it).
set -eu
: "${DESTDIR:=}" "${VERSION:?}" "${BOOT_DIR:=/boot}" "${EFI_DIR:=/boot/efi}"
: "${EFI_NAME:=xen}" "${SYSCONFDIR:=/etc}" "${SBINDIR:=/usr/local/sbin}"
: "${DATADIR:=/usr/local/share}" "${O:=build}" "${DOM0:=}" "${INITRD:=}"
: "${XEN_OPTIONS:=console=com1,vga}" "${DOM0_CMDLINE:=}"
: "${EFI_SECTION:=hypervisor}"
top=$(cd "$(dirname "$0")/.." && pwd)
manifest=$DATADIR/hypervisor/install-manifest
dest_manifest=$DESTDIR$manifest
new=$O/install-manifest.new

# in: "f|l|d", path without DESTDIR. Adds the entry unless already there.
record() {
    grep -qxF "$1 $2" "$new" || echo "$1 $2" >> "$new"
}

# in: directory without DESTDIR. Creates it and its missing parents,
# recording the ones it created (parents first).
mkdirs() {
    [ -d "$DESTDIR$1" ] && return 0
    mkdirs "$(dirname "$1")"
    mkdir "$DESTDIR$1"
    record d "$1"
}

# in: mode, source file, target path without DESTDIR.
put() {
    mkdirs "$(dirname "$3")"
    install -m "$1" "$2" "$DESTDIR$3"
    record f "$3"
}

do_install() {
    efi=$O/xen.efi
    [ -f "$O/xen.signed.efi" ] && efi=$O/xen.signed.efi
    for f in "$O/xen.gz" "$efi"; do
        [ -f "$f" ] || { echo "install: $f missing: run make" >&2; exit 1; }
    done
    # Entries gather in build/ and land in DESTDIR last, merged with what
    # an earlier install recorded.
    : > "$new"
    [ ! -f "$dest_manifest" ] || cat "$dest_manifest" > "$new"

    put 644 "$O/xen.gz" "$BOOT_DIR/xen-$VERSION.gz"
    rm -f "$DESTDIR$BOOT_DIR/xen.gz"
    ln -s "xen-$VERSION.gz" "$DESTDIR$BOOT_DIR/xen.gz"
    record l "$BOOT_DIR/xen.gz"

    esp=$EFI_DIR/EFI/$EFI_NAME
    put 644 "$efi" "$esp/xen.efi"
    if [ -n "$DOM0" ]; then
        set -- --dom0 "$(basename "$DOM0")" --options "$XEN_OPTIONS" \
               --section "$EFI_SECTION"
        [ -z "$DOM0_CMDLINE" ] || set -- "$@" --dom0-cmdline "$DOM0_CMDLINE"
        put 644 "$DOM0" "$esp/$(basename "$DOM0")"
        if [ -n "$INITRD" ]; then
            put 644 "$INITRD" "$esp/$(basename "$INITRD")"
            set -- "$@" --initrd "$(basename "$INITRD")"
        fi
        "$top/tools/mkxencfg" "$@" -o "$O/install-xen.cfg"
        put 644 "$O/install-xen.cfg" "$esp/xen.cfg"
    else
        echo "install: no dom0 image (DOM0=): no xen.cfg written; make one" \
             "with tools/mkxencfg" >&2
    fi

    sed -e "s|@VERSION@|$VERSION|g" -e "s|@BOOT_DIR@|$BOOT_DIR|g" \
        "$top/tools/grub.d/21_hypervisor.in" > "$O/21_hypervisor"
    put 755 "$O/21_hypervisor" "$SYSCONFDIR/grub.d/21_hypervisor"
    put 755 "$top/tools/mkxencfg" "$SBINDIR/mkxencfg"

    mkdirs "$(dirname "$manifest")"
    record f "$manifest"
    install -m 644 "$new" "$dest_manifest"
    rm -f "$new"

    # The loader path is relative to the ESP's root, with backslashes; the
    # first word of the load options stands for the image name, which
    # xen.efi skips (Xen's convention for plain-text load options).
    echo "install: done; run update-grub for the GRUB menu entries."
    echo "install: to boot xen.efi directly from the firmware's boot menu" \
         "(not run; set the ESP's disk and partition):"
    echo "  efibootmgr --create --disk /dev/sdX --part 1" \
         "--label 'Hypervisor $VERSION'" \
         "--loader '\\EFI\\$EFI_NAME\\xen.efi'" \
         "--unicode 'xen.efi -cfg=xen.cfg $EFI_SECTION'"
}

do_uninstall() {
    if [ ! -f "$dest_manifest" ]; then
        echo "uninstall: no $dest_manifest: nothing installed" >&2
        exit 1
    fi
    # Files and links first, then directories deepest first; a directory
    # that holds something install did not put there is left alone.
    list=$(cat "$dest_manifest")
    printf '%s\n' "$list" | grep -E '^[fl] ' | while read -r kind path; do
        rm -f "$DESTDIR$path"
    done
    printf '%s\n' "$list" | grep -E '^d ' | sort -r -k2 |
    while read -r kind path; do
        rmdir "$DESTDIR$path" 2>/dev/null ||
            echo "uninstall: $DESTDIR$path not empty, kept" >&2
    done
}

case ${1:-} in
install) do_install ;;
uninstall) do_uninstall ;;
*) echo "usage: tools/install.sh install|uninstall" >&2; exit 2 ;;
esac
