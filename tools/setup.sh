#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Installs what building, running and testing need on a Debian machine.
# Does nothing when everything is already there.
set -eu
pkgs="build-essential binutils clang python3 qemu-system-x86 ovmf
      grub-common grub-pc-bin grub-efi-amd64-bin xorriso mtools dosfstools
      libxen-dev zlib1g-dev gdisk graphviz sbsigntool libclang-rt-dev
      openssl liblzma-dev libzstd-dev zstd swtpm"
missing=
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "setup: installing$missing"
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
