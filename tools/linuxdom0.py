#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Debian's Linux as dom0: the kernel and busybox-static fetched with
`apt-get download` into build/ (kept there: one download serves
`make run DOM0=linux` and every boot test), unpacked with `dpkg -x` into
build/linux-dom0/ (never installed), and a busybox initramfs. The kernel
is bookworm's 6.1 (linux-image-amd64), or with KERNEL=6.12 the newest
linux-image-6.12.*+deb12-amd64-unsigned apt knows (the one that shows
the ESRT under Xen; its modules are xz-compressed and unpacked here).

The initramfs holds busybox, the project's Linux tools (build/tools-linux/,
`make tools-linux`), the xen-privcmd module and what it needs, and /init:
it mounts proc, sysfs and devtmpfs, loads the modules, mounts efivarfs
when the kernel booted through EFI, prints the marker
line "dom0-init: user space up", runs /etc/dom0test/NAME when the kernel
command line says dom0test=NAME (the boot tests' scripts), and otherwise
starts a shell on the console.

    tools/linuxdom0.py [--kernel 6.12] fetch        prints the kernel's path
    tools/linuxdom0.py [--kernel 6.12] [--firmware] initramfs OUT
                                                  writes the initramfs
"""
import gzip
import lzma
import os
import re
import stat
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import debroot  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(TOP, "build")
LINUX_DIR = os.path.join(BUILD, "linux-dom0")
KERNEL_DIR = os.path.join(LINUX_DIR, "kernel")
KERNEL612_DIR = os.path.join(LINUX_DIR, "kernel-6.12")
BUSYBOX_DIR = os.path.join(LINUX_DIR, "busybox")
TOOLS_DIR = os.path.join(BUILD, "tools-linux")
# The Linux tools are every xen-* program `make tools-linux` left there.
TOOLS_SKIP = ("xen-tool",)
MARKER = "dom0-init: user space up"

# dom0test=firmware: what Linux shows of the firmware, one "dom0-test: "
# line each (the boot tests read them; `make run DOM0=linux` users may
# ask for it on the command line). Kernel parameters /init receives as
# variables choose the parts: hvboot=first adds efibootmgr and the tools
# named by hvtools=a,b,...; hvpersist=write stores hvtoken in the EFI
# variable HvPersist through efivarfs, hvpersist=read prints it and
# deletes it; hvend=poweroff powers the machine off at the end.
PERSIST_GUID = "6a7c3e0e-5d8b-4f0e-9a1c-4b2d8e9f0a11"
FIRMWARE_SCRIPT = """
say() { echo "dom0-test: $*"; }
e=/sys/firmware/efi/esrt
if [ -d $e ]; then
    say "sysfs esrt: fw_resource_count=$(cat $e/fw_resource_count)" \\
        "fw_resource_count_max=$(cat $e/fw_resource_count_max)" \\
        "fw_resource_version=$(cat $e/fw_resource_version)"
    for d in $e/entries/entry*; do
        l="sysfs ${d##*/}:"
        for f in fw_class fw_type fw_version lowest_supported_fw_version \\
                 capsule_flags last_attempt_version last_attempt_status; do
            l="$l $f=$(cat $d/$f)"
        done
        say "$l"
    done
else
    say "sysfs esrt: none"
fi
v=/sys/firmware/efi/efivars
say "efivarfs: $(grep -c " $v efivarfs " /proc/mounts) mounted," \\
    "$(ls $v 2>/dev/null | wc -l) variables"
if [ "$hvboot" = first ]; then
    efibootmgr >/tmp/ebm 2>&1
    rc=$?
    sed 's/^/dom0-test: efibootmgr: /' /tmp/ebm
    say "efibootmgr exit=$rc"
fi
fwupdtool get-devices --plugins uefi-capsule --force --show-all --json \\
    >/tmp/fwupd.json 2>/tmp/fwupd.log
rc=$?
sed 's/^/dom0-test: fwupd-json: /' /tmp/fwupd.json
sed 's/^/dom0-test: fwupd-log: /' /tmp/fwupd.log
say "fwupd exit=$rc"
if [ "$hvboot" = first ]; then
    say "privcmd: $(grep -c '^xen_privcmd ' /proc/modules) loaded"
    for t in $(echo "$hvtools" | tr , ' '); do
        $t
        say "tool $t exit=$?"
    done
fi
p=$v/HvPersist-%(guid)s
case "$hvpersist" in
write)
    printf '\\007\\000\\000\\000%%s' "$hvtoken" >$p
    say "persist write: rc=$?"
    say "persist read: $(od -An -tx1 $p | tr -d ' \\n')"
    ;;
read)
    if [ -f $p ]; then
        say "persist read: $(od -An -tx1 $p | tr -d ' \\n')"
    else
        say "persist read: missing"
    fi
    chattr -i $p
    rm -f $p
    say "persist delete: rc=$?"
    if [ -e $p ]; then
        say "persist after delete: present"
    else
        say "persist after delete: gone"
    fi
    ;;
esac
say "done"
if [ "$hvend" = poweroff ]; then
    poweroff -f
fi
""" % dict(guid=PERSIST_GUID)
SCRIPTS = {"firmware": FIRMWARE_SCRIPT}

INIT = """#!/bin/busybox sh
/bin/busybox --install -s /bin
# Debian's ld.so finds its multiarch directories through ld.so.cache,
# which this initramfs has none of (tools/debroot.py's programs).
export PATH=/bin:/usr/bin:/sbin:/usr/sbin LANG=C
export LD_LIBRARY_PATH=/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in %(modules)s; do
    insmod /lib/modules/$m.ko 2>/dev/null
done
if [ -d /sys/firmware/efi/efivars ]; then
    mount -t efivarfs efivarfs /sys/firmware/efi/efivars 2>/dev/null
fi
echo "%(marker)s: Linux $(uname -r), $(grep -c . /proc/interrupts) lines in /proc/interrupts"
if [ -n "$dom0test" ] && [ -f "/etc/dom0test/$dom0test" ]; then
    . "/etc/dom0test/$dom0test"
fi
echo "dom0-init: a shell on the console; poweroff -f or reboot -f end the run"
exec setsid cttyhack sh
"""


# One way to run a command (apt's with its cache in build/).
_run = debroot._run


def glob_one(*parts):
    """The last (by name) file of directory parts[:-1] matching the
    pattern parts[-1] (with * as the only wildcard), or None."""
    d = os.path.join(*parts[:-1])
    if not os.path.isdir(d):
        return None
    hits = sorted(f for f in os.listdir(d)
                  if re.fullmatch(parts[-1].replace("*", ".*"), f))
    return os.path.join(d, hits[-1]) if hits else None


def kernel_package():
    """The generic amd64 kernel linux-image-amd64 stands for (the cloud
    flavour has no CONFIG_XEN_DOM0). apt's lists are read once more after
    an `apt-get update` when they do not know the package."""
    for attempt in (0, 1):
        r = _run(["apt-cache", "depends", "linux-image-amd64"])
        m = re.search(r"Depends: (linux-image-\S+-amd64)\b", r.stdout)
        if r.returncode == 0 and m:
            return m.group(1)
        if attempt == 0:
            _run(["apt-get", "update", "-qq"])
    raise OSError("apt-cache knows no linux-image-amd64: "
                  + (r.stderr.strip() or "no Depends line"))


def fetch_unpack(package, dest):
    """Downloads package's .deb into build/ unless one is there, and
    unpacks it into dest."""
    os.makedirs(BUILD, exist_ok=True)
    debs = [f for f in os.listdir(BUILD) if f.startswith(package + "_")]
    if not debs:
        r = _run(["apt-get", "download", package], cwd=BUILD)
        debs = [f for f in os.listdir(BUILD) if f.startswith(package + "_")]
        if r.returncode != 0 or not debs:
            why = (r.stderr.strip().splitlines() or ["no .deb"])[-1]
            raise OSError(f"{package} cannot be fetched: {why}")
    r = _run(["dpkg", "-x", os.path.join(BUILD, sorted(debs)[-1]), dest])
    if r.returncode != 0:
        raise OSError(f"{package} cannot be unpacked: {r.stderr.strip()}")


def kernel612_package():
    """The newest generic 6.12 kernel package apt knows (bookworm-security
    carries linux-image-6.12.*+deb12-amd64-unsigned)."""
    for attempt in (0, 1):
        r = _run(["apt-cache", "search", "--names-only",
                  r"^linux-image-6\.12\.[0-9]+\+deb12-amd64-unsigned$"])
        names = re.findall(r"^(linux-image-6\.12\.(\d+)\+deb12-amd64-"
                           r"unsigned) ", r.stdout, re.M)
        if r.returncode == 0 and names:
            return max(names, key=lambda n: int(n[1]))[0]
        if attempt == 0:
            _run(["apt-get", "update", "-qq"])
    raise OSError("apt-cache knows no linux-image-6.12.*+deb12-amd64-"
                  "unsigned (bookworm-security)")


# Kernel version -> (unpacked package, how to name the package).
KERNELS = {"6.1": (KERNEL_DIR, kernel_package),
           "6.12": (KERNEL612_DIR, kernel612_package)}


def kernel_dir(version="6.1"):
    """Where the kernel package of version is unpacked."""
    if version not in KERNELS:
        raise OSError(f"no kernel {version!r} (known: "
                      f"{', '.join(KERNELS)})")
    return KERNELS[version][0]


def fetch(version="6.1"):
    """The kernel (6.1 or 6.12) and busybox, fetched and unpacked once.
    Returns the path of the kernel (/boot/vmlinuz-*, the bzImage as
    Debian ships it); raises OSError when they cannot be had."""
    kdir = kernel_dir(version)
    os.makedirs(LINUX_DIR, exist_ok=True)
    if not glob_one(kdir, "boot", "vmlinuz-*"):
        fetch_unpack(KERNELS[version][1](), kdir)
    if not os.path.exists(os.path.join(BUSYBOX_DIR, "bin", "busybox")):
        fetch_unpack("busybox-static", BUSYBOX_DIR)
    bz = glob_one(kdir, "boot", "vmlinuz-*")
    if not bz:
        raise OSError("the kernel package holds no /boot/vmlinuz-*")
    return bz


# Debian compresses 6.12's modules; insmod is given the plain ELF.
MODULE_SUFFIXES = (".ko", ".ko.xz")


def find_module(name, kdir=KERNEL_DIR):
    """The path of module name (dashes or underscores) in the kernel
    package unpacked at kdir, or None."""
    want = name.replace("_", "-")
    for root, _, files in os.walk(os.path.join(kdir, "lib", "modules")):
        for f in files:
            for suffix in MODULE_SUFFIXES:
                if f.endswith(suffix) and \
                        f[:-len(suffix)].replace("_", "-") == want:
                    return os.path.join(root, f)
    return None


def read_module(path):
    """The module's ELF bytes (decompressed when the package holds it
    compressed)."""
    with open(path, "rb") as f:
        data = f.read()
    return lzma.decompress(data) if path.endswith(".xz") else data


def module_depends(path):
    """The modules path's .modinfo says it depends on."""
    m = re.search(rb"(?:^|\0)depends=([^\0]*)\0", read_module(path))
    return [d for d in (m.group(1).decode().split(",") if m else []) if d]


def module_order(name, seen=None, kdir=KERNEL_DIR):
    """name and what it needs, dependencies first (insmod order)."""
    seen = [] if seen is None else seen
    path = find_module(name, kdir)
    if not path:
        raise FileNotFoundError(f"module {name} not in the kernel package")
    for dep in module_depends(path):
        if dep not in seen:
            module_order(dep, seen, kdir)
    if name not in seen:
        seen.append(name)
    return seen


def cpio_newc(entries):
    """A newc cpio archive of (name, mode, data) entries."""
    out = bytearray()
    for ino, (name, mode, data) in enumerate(
            entries + [("TRAILER!!!", 0, b"")], 1):
        nb = name.encode() + b"\0"
        hdr = "070701" + "".join(f"{v:08x}" for v in (
            ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(nb), 0))
        out += hdr.encode() + nb
        out += b"\0" * (-len(out) % 4)
        out += data
        out += b"\0" * (-len(out) % 4)
    return bytes(out)


def tools_built():
    """The Linux tools `make tools-linux` built, by name."""
    if not os.path.isdir(TOOLS_DIR):
        return []
    return sorted(t for t in os.listdir(TOOLS_DIR)
                  if t.startswith("xen-") and t not in TOOLS_SKIP)


def with_parents(entries):
    """entries with a directory entry for every parent directory they
    need, every directory before what it holds (the kernel's unpacker
    does not create missing parents)."""
    dirs = {name: (name, mode, data) for name, mode, data in entries
            if stat.S_ISDIR(mode)}
    for name, _, _ in entries:
        parts = name.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            d = "/".join(parts[:i])
            dirs.setdefault(d, (d, stat.S_IFDIR | 0o755, b""))
    return [dirs[d] for d in sorted(dirs, key=lambda d: (d.count("/"), d))] \
        + [e for e in entries if not stat.S_ISDIR(e[1])]


# Debian's firmware-update client and boot manager (tools/debroot.py):
# fwupd's engine runs without its daemon (fwupdtool) from its
# configuration and quirk files; efibootmgr needs only its libraries;
# chattr clears the immutable flag efivarfs sets on a variable's file
# before it can be removed (busybox has no chattr).
FIRMWARE_PROGRAMS = [("efibootmgr", "/bin/efibootmgr"),
                     ("fwupd", "/usr/bin/fwupdtool"),
                     ("e2fsprogs", "/usr/bin/chattr")]
FIRMWARE_FILES = [("fwupd", "/etc/fwupd/fwupd.conf")]
FIRMWARE_TREES = [("fwupd", "/usr/share/fwupd/quirks.d")]


def firmware_entries():
    """Initramfs entries of fwupdtool and efibootmgr with what they
    need, from Debian packages (fetched once into build/debs/). Raises
    OSError when a package cannot be had."""
    root = debroot.Root()
    debroot.prefetch([p for p, _ in FIRMWARE_PROGRAMS + FIRMWARE_FILES +
                      FIRMWARE_TREES])
    for package, path in FIRMWARE_PROGRAMS + FIRMWARE_FILES:
        root.add(package, path)
    for package, path in FIRMWARE_TREES:
        root.add_tree(package, path)
    return root.entries()


# Loaded by /init when the kernel package has them: privcmd for the
# tools' hypercalls, efivarfs for the EFI variables (a module in Debian).
MODULES = ("xen-privcmd", "efivarfs")


def initramfs(path, scripts=None, tools=True, version="6.1", extra=(),
              zstd=False):
    """Writes the initramfs to path, gzip'd, or with zstd (the zstd
    program, level 10) when zstd: busybox, the Linux tools (when
    tools and they are built), the kernel's xen-privcmd and efivarfs
    modules, /init, the test scripts (dict name -> shell text, run as
    /etc/dom0test/NAME) and the extra (name, mode, bytes) entries (files
    of other Debian packages, tools/debroot.py)."""
    kdir = kernel_dir(version)
    d, x = stat.S_IFDIR | 0o755, stat.S_IFREG | 0o755
    entries = [(n, d, b"") for n in ("bin", "dev", "proc", "sys", "etc",
                                     "etc/dom0test", "lib", "lib/modules",
                                     "tmp", "root", "run", "var",
                                     "var/lib")]
    with open(os.path.join(BUSYBOX_DIR, "bin", "busybox"), "rb") as b:
        entries.append(("bin/busybox", x, b.read()))
    for t in tools_built() if tools else []:
        with open(os.path.join(TOOLS_DIR, t), "rb") as b:
            entries.append((f"bin/{t}", x, b.read()))
    modules = []
    for m in MODULES:
        if find_module(m, kdir):
            module_order(m, modules, kdir)
    for m in modules:
        entries.append((f"lib/modules/{m}.ko", stat.S_IFREG | 0o644,
                        read_module(find_module(m, kdir))))
    for name, text in sorted((scripts or {}).items()):
        entries.append((f"etc/dom0test/{name}", stat.S_IFREG | 0o644,
                        text.encode()))
    init = INIT % dict(modules=" ".join(modules), marker=MARKER)
    entries.append(("init", x, init.encode()))
    entries += list(extra)
    tmp = path + ".tmp"
    data = cpio_newc(with_parents(entries))
    if zstd:
        subprocess.run(["zstd", "-q", "-10", "-T2", "-f", "-o", tmp],
                       input=data, check=True)
    else:
        with open(tmp, "wb") as out:
            out.write(gzip.compress(data, 6, mtime=0))
    os.replace(tmp, path)
    return path


def main(argv):
    version, firmware = "6.1", False
    while len(argv) > 1 and argv[1].startswith("--"):
        if argv[1] == "--kernel" and len(argv) > 2:
            version = argv[2]
            argv = argv[:1] + argv[3:]
        elif argv[1] == "--firmware":
            firmware = True
            argv = argv[:1] + argv[2:]
        else:
            break
    try:
        if argv[1:] == ["fetch"]:
            print(fetch(version))
            return 0
        if len(argv) == 3 and argv[1] == "initramfs":
            fetch(version)
            initramfs(argv[2], SCRIPTS, version=version,
                      extra=firmware_entries() if firmware else ())
            return 0
    except (OSError, subprocess.SubprocessError) as e:
        print(f"linuxdom0: {e}", file=sys.stderr)
        return 1
    print(__doc__.split("\n\n")[-1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
