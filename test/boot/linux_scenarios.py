#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot scenarios that run the Linux build of the dom0 tools
(build/tools-linux/, `make tools-linux`) in a real Linux dom0 of the real
Xen 4.17, all from Debian packages fetched with `apt-get download` into
build/ and unpacked with `dpkg -x` into build/linux-dom0/ (never
installed):

  xen-hypervisor-4.17-amd64   the hypervisor (xen417.py fetches it)
  linux-image-*-amd64         the generic flavour, which has CONFIG_XEN_DOM0
                              (the cloud flavour does not); xen-privcmd is
                              a module there, loaded by the init script
  busybox-static              the initramfs's shell and commands

The initramfs holds busybox, the four statically linked tools, the
xen-privcmd module (and what it depends on) and an init script that runs
each tool, prints its exit code and powers off. OVMF's shell runs the
firmware test shim, which plants an ESRT, then Xen 4.17's xen.efi, which
keeps it (16 bytes short) and starts the Linux kernel as dom0.

  linux417-shim-esrt      the tools report the planted ESRT and detect
                          Xen 4.17's short copy; dom0 boots with
                          iomem=relaxed so /dev/mem may read the ACPI
                          memory Xen put the ESRT in
  linux417-strict-devmem  the same without iomem=relaxed: the kernel's
                          CONFIG_IO_STRICT_DEVMEM refuses the read and
                          xen-esrt says which option to change

When the packages cannot be fetched the scenarios are skipped with the
reason, and counted as skipped.

    test/boot/linux_scenarios.py              all of them (run.py -j 1)
    test/boot/run.py linux417-shim-esrt       one of them
"""
import gzip
import os
import re
import stat
import subprocess
import sys
import threading

import rtcall_scenarios
import xen417
from fixtures import TOP, WORK

sys.path.insert(0, os.path.join(TOP, "tools"))
import linuxdom0  # noqa: E402

# The packages are fetched and unpacked, and the initramfs's parts read,
# by tools/linuxdom0.py (one download for `make run DOM0=linux`, these
# scenarios and the others that boot Debian's kernel).
KERNEL_DIR = linuxdom0.KERNEL_DIR
BUSYBOX_DIR = linuxdom0.BUSYBOX_DIR
TOOLS_DIR = linuxdom0.TOOLS_DIR
TOOLS = ["xen-info", "xen-esrt", "xen-e820", "xen-efimap"]
# The runtime-call tools, with their words; the capsule is the one
# rtcall_scenarios.py gives the small dom0, at /capsule.bin.
RT_CMDS = ["xen-time", "xen-efivar info", "xen-efivar read PlatformLang",
           "xen-efivar list", "xen-capsule query /capsule.bin"]
XEN_CMDLINE = ("console=com1 com1=115200,8n1 dom0_mem=512M loglvl=all "
               "guest_loglvl=all")
LINUX_CMDLINE = "console=hvc0 earlyprintk=xen quiet loglevel=4"
DONE = r"linux-dom0: done, powering off"
INIT = """#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "linux-dom0: kernel $(uname -r) cmdline $(cat /proc/cmdline)"
for m in %(modules)s; do
    insmod /lib/modules/$m.ko && echo "linux-dom0: loaded $m"
done
[ -d /sys/firmware/efi/esrt ] && echo "linux-dom0: the kernel has an ESRT"
dmesg | grep -i -E "esrt|efi:" | head -n 20 | sed "s/^/linux-dom0: dmesg: /"
for t in %(tools)s; do
    echo "linux-dom0: running $t"
    /bin/$t
    echo "linux-dom0: $t exit=$?"
done
%(rt)s
echo "%(done)s"
poweroff -f
"""

_fetch_lock = threading.Lock()


def prepare(sc):
    """Xen 4.17 (xen417.py), the kernel and busybox. Returns None when
    ready, or the reason to skip."""
    why = xen417.prepare_shim(sc)
    if why:
        return why
    with _fetch_lock:
        try:
            linuxdom0.fetch("6.1")
        except (OSError, subprocess.TimeoutExpired) as e:
            return str(e)
    return None


def build_esp_checked(sc, img):
    """build_esp, with a missing tool or module reported as a failed
    image build (a build problem, not a reason to skip)."""
    try:
        build_esp(sc, img)
    except OSError as e:
        raise subprocess.CalledProcessError(1, "build_esp", str(e)) from e


# ---- the initramfs -----------------------------------------------------------

def build_initrd(path):
    modules = linuxdom0.module_order("xen-privcmd")
    d, f = stat.S_IFDIR | 0o755, stat.S_IFREG | 0o755
    entries = [(n, d, b"") for n in ("bin", "dev", "proc", "sys", "lib",
                                     "lib/modules")]
    with open(os.path.join(BUSYBOX_DIR, "bin", "busybox"), "rb") as b:
        entries.append(("bin/busybox", f, b.read()))
    for t in TOOLS + sorted({c.split()[0] for c in RT_CMDS}):
        with open(os.path.join(TOOLS_DIR, t), "rb") as b:
            entries.append((f"bin/{t}", f, b.read()))
    for m in modules:
        entries.append((f"lib/modules/{m}.ko", stat.S_IFREG | 0o644,
                        linuxdom0.read_module(linuxdom0.find_module(m))))
    with open(rtcall_scenarios.capsule_file(), "rb") as b:
        entries.append(("capsule.bin", stat.S_IFREG | 0o644, b.read()))
    rt = "\n".join(f'echo "linux-dom0: running {c}"\n/bin/{c}\n'
                   f'echo "linux-dom0: {c} exit=$?"' for c in RT_CMDS)
    init = INIT % dict(modules=" ".join(modules), tools=" ".join(TOOLS),
                       rt=rt, done=DONE)
    entries.append(("init", f, init.encode()))
    with open(path, "wb") as out:
        out.write(gzip.compress(linuxdom0.cpio_newc(entries), 6, mtime=0))


def build_esp(sc, img):
    """An ESP on which OVMF's shell runs the shim (planting the ESRT), then
    Xen 4.17's xen.efi, whose xen.cfg names the Linux kernel and the
    initramfs."""
    initrd = os.path.join(WORK, sc["name"] + ".initrd.gz")
    build_initrd(initrd)
    cfg = os.path.join(WORK, sc["name"] + ".cfg")
    with open(cfg, "w") as f:
        f.write("[global]\ndefault=xen\n\n[xen]\n"
                f"options={XEN_CMDLINE}\n"
                f"kernel=vmlinuz {LINUX_CMDLINE} {sc['linux_args']}\n"
                "ramdisk=initrd.gz\n")
    subprocess.run(["test/efi-shim/mkesp-shim.sh", img, xen417.EFISHIM,
                    xen417.XEN_EFI, cfg, sc["shim_args"],
                    linuxdom0.fetch("6.1"), "vmlinuz",
                    initrd, "initrd.gz"], cwd=TOP, check=True,
                   env=dict(os.environ, CHAIN="xen.efi"))


# ---- checks ------------------------------------------------------------------

def tool_lines(log):
    """The lines the tools and the init script printed (hvc0 reaches the
    serial line through Xen as it is), without carriage returns."""
    return [m.group(1).rstrip("\r") for m in re.finditer(
        r"^((?:linux-dom0|xen-[a-z0-9]+):.*)$", log, re.M)]


def check_ran(res, sc):
    lines = tool_lines(res.log)
    errs = []
    if not any(ln.startswith("linux-dom0: loaded xen-privcmd")
               for ln in lines):
        errs.append("xen-privcmd was not loaded")
    for t in TOOLS + RT_CMDS:
        if not any(ln.startswith(f"linux-dom0: {t} exit=") for ln in lines):
            errs.append(f"{t} did not run")
    if DONE not in lines:
        errs.append("the init script did not finish")
    for bad in ("Kernel panic", "Domain 0 crashed", "FATAL PAGE FAULT"):
        if bad in res.log:
            errs.append(f"log contains {bad!r}")
    return errs


def exit_code(lines, tool):
    for ln in lines:
        m = re.match(rf"linux-dom0: {re.escape(tool)} exit=(\d+)$", ln)
        if m:
            return int(m.group(1))
    return None


def check_rt_tools(res, sc):
    """xen-time, xen-efivar and xen-capsule of the Linux build through
    privcmd on Xen 4.17, as the small dom0's print on it (xen417-rtcall)."""
    lines = tool_lines(res.log)
    errs = xen417.check_rt_lines(lines)
    for c in RT_CMDS:
        want = 2 if c.startswith("xen-capsule") else 0  # ENOSYS: none
        if exit_code(lines, c) != want:
            errs.append(f"{c} exit={exit_code(lines, c)}, want {want}")
    return errs


def check_tools(res, sc):
    """xen-info, xen-e820 and xen-efimap on Xen 4.17 from a Linux dom0."""
    lines = tool_lines(res.log)
    errs = []
    want = [r"xen-info: efi version=0x[0-9a-f]+ \(\d+\.\d+\)$",
            r'xen-info: vendor="EDK II" revision=0x[0-9a-f]+$',
            r"xen-info: config_table \d+: guid=b122a263-3661-4f68-"
            r"9929-78f8b0d62180 addr=0x[0-9a-f]+ name=ESRT$",
            r"xen-e820: \d+ entries$",
            r"xen-e820: e820 0: \[0x0000000000000000, ",
            r"xen-efimap: not available from this hypervisor: "
            r"rc=-22 \(EINVAL\)$",
            r"xen-efimap: Xen has no XEN_FW_EFI_MEMORY_MAP sub-op",
            r"xen-efimap: e820 0: \[0x0000000000000000, "]
    for pat in want:
        if not any(re.match(pat, ln) for ln in lines):
            errs.append(f"no line matching {pat!r}")
    for tool, code in (("xen-info", 0), ("xen-e820", 0), ("xen-efimap", 2)):
        if exit_code(lines, tool) != code:
            errs.append(f"{tool} exit={exit_code(lines, tool)}, want {code}")
    a = [ln.split(": ", 1)[1] for ln in lines if ln.startswith("xen-e820: e")]
    b = [ln.split(": ", 1)[1] for ln in lines
         if ln.startswith("xen-efimap: e")]
    if not a or a != b:
        errs.append("xen-efimap's e820 differs from xen-e820's")
    return errs


def check_esrt(res, sc):
    """The planted ESRT through Xen 4.17 and Linux: the shim's entries,
    the short copy found, Linux's own view compared."""
    lines = tool_lines(res.log)
    shim = re.findall(r"SHIM: (esrt (?:header|entry \d+): .*?)\s*$",
                      res.log, re.M)
    got = [ln[len("xen-esrt: "):] for ln in lines
           if re.match(r"xen-esrt: esrt (header|entry \d+): ", ln)]
    n = sc["esrt_count"]
    if len(shim) != n + 1:
        return [f"the shim printed {len(shim)} ESRT lines, want {n + 1}"]
    if len(got) != n + 1:
        return [f"xen-esrt printed {len(got)} ESRT lines, want {n + 1}"]
    errs = [f"xen-esrt {have!r} != shim {want!r}"
            for want, have in zip(shim[:n], got[:n]) if want != have]
    head = r"^(esrt entry \d+: class=\S+ fw_type=\d+ fw_version=0x[0-9a-f]+)"
    a, b = re.match(head, shim[n]), re.match(head, got[n])
    if not a or not b or a.group(1) != b.group(1):
        errs.append(f"last entry differs in its first 24 bytes: {got[n]!r}")
    for pat in [r"xen-esrt: mem_info addr=0x[0-9a-f]+: type=9 ACPIReclaim ",
                r"xen-esrt: linux table rule \(type 0/5/6/9/10\): accept$",
                r"xen-esrt: linux esrt rule \(RUNTIME or type 4/6/9/10\): "
                r"accept$",
                rf"xen-esrt: result=ok count={n}$",
                rf"xen-esrt: truncated: firmware pool tail \"ptal\" at table "
                rf"offset 0x{40 * n:x}, inside entry {n - 1}: "]:
        if not any(re.match(pat, ln) for ln in lines):
            errs.append(f"no line matching {pat!r}")
    if exit_code(lines, "xen-esrt") != 1:
        errs.append(f"xen-esrt exit={exit_code(lines, 'xen-esrt')}, want 1 "
                    "(the copy is short)")
    if "linux-dom0: the kernel has an ESRT" in lines and not any(
            re.match(r"xen-esrt: kernel: \d+ of \d+ entries the same", ln)
            for ln in lines):
        errs.append("the kernel has an ESRT but xen-esrt did not compare")
    return errs


def check_strict_devmem(res, sc):
    """Without iomem=relaxed the kernel refuses /dev/mem reads of the
    ESRT; xen-esrt names the options."""
    lines = tool_lines(res.log)
    errs = []
    for pat in [r"xen-esrt: map header: error rc=-1 \(EPERM\)$",
                r"xen-esrt: hint: the kernel refused to read 0x[0-9a-f]+ "
                r"through /dev/mem: CONFIG_STRICT_DEVMEM .*"
                r"CONFIG_IO_STRICT_DEVMEM .*iomem=relaxed$",
                r"xen-esrt: result=unreadable$"]:
        if not any(re.match(pat, ln) for ln in lines):
            errs.append(f"no line matching {pat!r}")
    if exit_code(lines, "xen-esrt") != 3:
        errs.append(f"xen-esrt exit={exit_code(lines, 'xen-esrt')}, want 3")
    return errs


LINUX_SCENARIOS = [
    dict(name="linux417-shim-esrt", loader="esp",
         build_esp=build_esp_checked, mem="1G",
         shim_args="esrt=3 seed=0x5eed", esrt_count=3,
         linux_args="iomem=relaxed", prepare=prepare, stop_on=DONE,
         checks=[check_ran, check_tools, check_esrt, check_rt_tools],
         timeout=180),
    dict(name="linux417-strict-devmem", loader="esp",
         build_esp=build_esp_checked, mem="1G",
         shim_args="esrt=3 seed=0x5eed", esrt_count=3,
         linux_args="", prepare=prepare, stop_on=DONE,
         checks=[check_ran, check_strict_devmem], timeout=180),
]


if __name__ == "__main__":
    sys.exit(subprocess.call(
        [sys.executable, os.path.join(TOP, "test", "boot", "run.py"),
         "-j", "1"] + sys.argv[1:] +
        [sc["name"] for sc in LINUX_SCENARIOS if len(sys.argv) == 1]))
