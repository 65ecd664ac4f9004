#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs the system's own grub-mkconfig (what update-grub runs) against a
# sysroot instead of /, for the install tests:
#
#   test/install/grub-mkconfig-sysroot.sh ROOT OUT.cfg
#
# grub-mkconfig has /etc built in and asks grub-probe about the devices
# under / and /boot, so it cannot read a fake tree as it is. A copy of it
# is run with exactly two lines changed: sysconfdir (so ROOT/etc/grub.d and
# ROOT/etc/default/grub are read) and grub_probe (a stand-in that calls
# every device "/dev/fakeboot" holding an iso9660 file system without a
# UUID, so the menu entries reach their files through GRUB's current root,
# which is the test ISO). grub-mkconfig_lib, which every grub.d script
# sources, takes grub_probe and grub_mkrelpath from the environment, so the
# scripts get the same stand-ins (grub-mkconfig does not pass its own on);
# the mkrelpath stand-in returns the path unchanged (ROOT/boot is the root
# of its file system, as on the ISO). Everything else, including
# grub-script-check of the result, is the system's grub-mkconfig. The
# grub.d scripts see HYPERVISOR_SYSROOT=ROOT (21_hypervisor prefixes it to
# the files it looks at). No chroot, no mounts, nothing outside ROOT and
# OUT is written.
set -eu
root=$(cd "$1" && pwd) out=$2
fake=$(mktemp -d)
trap 'rm -rf "$fake"' EXIT
cat > "$fake/grub-probe" <<'PROBE'
#!/bin/sh
for a; do
    case $a in
    --target=*) t=${a#--target=} ;;
    esac
done
case ${t:-} in
device) echo /dev/fakeboot ;;
fs) echo iso9660 ;;
fs_uuid | partuuid | cryptodisk_uuid) exit 1 ;;
esac
exit 0
PROBE
printf '#!/bin/sh\necho "$1"\n' > "$fake/grub-mkrelpath"
chmod +x "$fake/grub-probe" "$fake/grub-mkrelpath"
sed -e "s|^sysconfdir=.*|sysconfdir=\"$root/etc\"|" \
    -e "s|^grub_probe=.*|grub_probe=\"$fake/grub-probe\"|" \
    "$(command -v grub-mkconfig || echo /usr/sbin/grub-mkconfig)" \
    > "$fake/grub-mkconfig"
grep -q "^sysconfdir=\"$root/etc\"" "$fake/grub-mkconfig"
grep -q "^grub_probe=\"$fake/grub-probe\"" "$fake/grub-mkconfig"
HYPERVISOR_SYSROOT=$root grub_mkrelpath=$fake/grub-mkrelpath \
    grub_probe=$fake/grub-probe \
    sh "$fake/grub-mkconfig" -o "$out"
