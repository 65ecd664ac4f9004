#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The milestones Debian's Linux kernel (the generic amd64 flavour,
tools/linuxdom0.py fetches it) passes as the PV dom0 of OUR hypervisor,
in boot order, from the builder to user space; linuxdom0-xen-efi
(linuxdom0_scenarios.py) checks them: it prints the milestones reached
and fails when one is missing (REACHED: all of them today). When a boot
hangs the run stops once the serial log has been idle for IDLE seconds
and reports where dom0's CPU was (with a symbol when the package's
System.map is a real one; Debian's is a stub).

linuxpv-612-xen-efi boots Debian's 6.12 kernel
(linux-image-6.12.*+deb12-amd64-unsigned from bookworm-security, the
generic flavour, fetched and unpacked into build/linux-dom0/kernel-6.12/;
skipped with the reason when apt cannot fetch it) without an initramfs:
its bzImage carries a zstd payload (lib/decompress/unzstd.c), and the
builder's line must say "zstd payload A -> B bytes" with the payload's
length and the size Linux appended to it; it must get at least as far as
the console hand-over (REACHED_612).

The same file holds the small dom0's run of xen-pvmm (tools/dom0/pvmm.c),
which checks each memory-management hypercall Linux makes, hostile cases
included, on BIOS and on xen.efi:

    test/boot/run.py dom0-pvmm-bios dom0-pvmm-xen-efi
"""
import os
import re
import subprocess
import sys

import bzimage_scenarios
import dom0_scenarios
import linux_scenarios
from fixtures import TOP

sys.path.insert(0, os.path.join(TOP, "tools"))
import linuxdom0  # noqa: E402

IDLE = 40
XEN_OPTIONS = "console=com1 loglvl=all dom0_mem=512M"
LINUX_CMDLINE = "console=hvc0 earlyprintk=xen"

CFG = """# xen.cfg: Debian's Linux kernel as the PV dom0
[global]
default=hv

[hv]
options=%s
kernel=vmlinuz %s
""" % (XEN_OPTIONS, LINUX_CMDLINE)

# (name, pattern) in the order a booting kernel passes them.
MILESTONES = [
    ("builder accepted the kernel", r"\(XEN\) dom0: ELF64 kernel, entry "),
    ("entered at ring 3", r"\(XEN\) Entering dom0 at ring 3"),
    # Past wrmsr GS_BASE, cpuid and the XENFEAT check: either it prints,
    # or it stops at a BUG() on a hypercall's -ENOSYS (today set_gdt).
    ("past its first privileged instructions",
     r"\(d0\) |\(XEN\) dom0 RAX: ffffffffffffffda"),
    ("first console line", r"\(d0\) "),
    ("Linux banner", r"\(d0\) (\[[ \d.]+\] )?Linux version 6\."),
    ("command line", r"\(d0\) (\[[ \d.]+\] )?Command line: "),
    ("memory map from Xen", r"\(d0\) (\[[ \d.]+\] )?Xen: \[mem 0x"),
    ("DMI or EFI seen", r"\(d0\) (\[[ \d.]+\] )?(DMI|efi):"),
    ("zone ranges", r"\(d0\) (\[[ \d.]+\] )?Zone ranges:"),
    ("kernel command line parsed", r"\(d0\) (\[[ \d.]+\] )?Kernel command line:"),
    ("memory total", r"\(d0\) (\[[ \d.]+\] )?Memory: \d+K/\d+K available"),
    ("SLUB up", r"\(d0\) (\[[ \d.]+\] )?SLUB: "),
    # 6.12 calls it a "legacy" console (printk's nbcon rework).
    ("console handed over",
     r"\(d0\) (\[[ \d.]+\] )?printk: (legacy )?console \[hvc0\] enabled"),
    ("grant table", r"\(d0\) (\[[ \d.]+\] )?Grant table initialized"),
    ("ACPI interpreter", r"\(d0\) (\[[ \d.]+\] )?ACPI: Interpreter enabled"),
    ("PCI host bridge", r"\(d0\) (\[[ \d.]+\] )?PCI host bridge to bus 0000:00"),
    ("swiotlb", r"\(d0\) (\[[ \d.]+\] )?software IO TLB: mapped "),
    ("init memory freed",
     r"\(d0\) (\[[ \d.]+\] )?Freeing unused kernel image \(initmem\)"),
    ("/init started", r"\(d0\) (\[[ \d.]+\] )?Run /init as init process"),
    ("user space", r"\(d0\) dom0-init: user space up"),
]

# How many milestones, from the first, pass today: all of them.
REACHED = len(MILESTONES)
# The 6.12 kernel without an initramfs: up to the console hand-over.
REACHED_612 = [n for n, _ in MILESTONES].index("console handed over") + 1


KERNEL612_DIR = linuxdom0.KERNEL612_DIR


def prepare_612(sc):
    """The 6.12 kernel package; its bzImage goes on the ESP. Returns None
    when ready, or the reason to skip."""
    with linux_scenarios._fetch_lock:
        try:
            bz = linuxdom0.fetch("6.12")
        except (OSError, subprocess.SubprocessError) as e:
            return str(e)
    sc["files"] = [("vmlinuz", bz)]
    sc["kernel_dir"] = KERNEL612_DIR
    return None


def check_zstd_payload(res, sc):
    """The builder decoded the zstd payload to the size Linux appended."""
    bz = linuxdom0.glob_one(KERNEL612_DIR, "boot", "vmlinuz-*")
    length, size = bzimage_scenarios.payload_facts(bz)
    m = re.search(bzimage_scenarios.BZ_LINE, res.log)
    if not m:
        return ["no 'dom0 kernel: bzImage, ... payload' line"]
    got = (m.group(1), int(m.group(2)), int(m.group(3)))
    if got != ("zstd", length, size):
        return [f"decoded {m.group(0)!r}, want zstd {length} -> {size}"]
    print(f"    linuxpv: zstd {length} -> {size} bytes in "
          f"{int(m.group(4)) / 1000:.1f} ms (QEMU TCG)")
    return []


def symbolize(ip, kernel_dir=None):
    """'symbol+0xoff' for a kernel address from the package's System.map,
    or the address itself."""
    sm = linuxdom0.glob_one(kernel_dir or linuxdom0.KERNEL_DIR, "boot",
                            "System.map-*")
    try:
        addr = int(ip, 16)
    except (TypeError, ValueError):
        return str(ip)
    best = None
    if sm:
        with open(sm) as f:
            for ln in f:
                parts = ln.split()
                if len(parts) < 3 or parts[1] not in "tTwW":
                    continue
                a = int(parts[0], 16)
                if a <= addr and (best is None or a > best[0]):
                    best = (a, parts[2])
    if best is None or addr - best[0] > 0x100000:
        return ip
    return f"{ip} ({best[1]}+{addr - best[0]:#x})"


def reached(log):
    """The milestones the log shows, in order, up to the first missing."""
    got = []
    for name, pat in MILESTONES:
        if not re.search(pat, log, re.M):
            break
        got.append(name)
    return got


def check_milestones(res, sc):
    got = reached(res.log)
    print(f"    linuxpv: reached {len(got)} of {len(MILESTONES)} "
          f"milestones: {', '.join(got) or 'none'}")
    m = re.search(r"\(XEN\) dom0 exception .*", res.log)
    if m:
        print(f"    linuxpv: stopped by {m.group(0)}")
    if res.idle:
        where = ", ".join(f"{symbolize(ip, sc.get('kernel_dir'))} hlt={h}"
                          for h, ip in res.halt_probes)
        print(f"    linuxpv: log idle {IDLE} s; CPU at {where}")
    errs = []
    want = sc.get("reached", REACHED)
    if len(got) < want:
        errs.append(f"reached {len(got)} milestones, want at least "
                    f"{want}; missing: {MILESTONES[len(got)][0]}")
    if "(XEN) PANIC" in res.log:
        errs.append("the hypervisor panicked")
    return errs


PVMM_CMDLINE = "console=hvc0 xen-pvmm xen-version"
PVMM_CFG = dom0_scenarios.DOM0_CFG.replace(dom0_scenarios.DOM0_CMDLINE,
                                           PVMM_CMDLINE)
# Cases in tools/dom0/pvmm.c; a run that reports fewer lost some.
PVMM_CASES = 129


def check_pvmm(res, sc):
    """Every xen-pvmm case passed, dom0 ran on after its second L4, and
    the machine powered off cleanly."""
    errs = []
    m = re.search(r"\(d0\) pvmm: (\d+) passed, (\d+) failed", res.log)
    if not m or int(m.group(1)) < PVMM_CASES or m.group(2) != "0":
        errs.append(f"xen-pvmm: {m.group(0) if m else 'no summary'}")
        errs += [ln for ln in res.log.splitlines()
                 if ln.startswith("(d0) pvmm ") and ln.endswith("FAIL")]
    if not re.search(r"\(XEN\) dom0: machine-to-phys table at "
                     r"0xffff800000000000: \d+ frames, \d+ MiB", res.log):
        errs.append("no machine-to-phys table line")
    if "(d0) xen-version: 4.17" not in res.log:
        errs.append("dom0 did not run on after xen-pvmm")
    # OVMF's map has ACPI NVS and tables: NVS mapped writable, tables not.
    if sc["loader"] == "xen.efi" and not all(
            f"(d0) pvmm {c}: rc=0 (OK) expected=OK pass" in res.log
            for c in ("nvs-stays-writable", "acpi-table-forced-read-only")):
        errs.append("the ACPI NVS / ACPI table cases did not pass")
    # An unimplemented call is named, rate-limited: calls 1 and 10 of 12.
    named = re.findall(r"\(XEN\) d0: hypercall 42 \(hypfs_op\) not "
                       r"implemented: -ENOSYS \(call (\d+)\)", res.log)
    if named != ["1", "10"]:
        errs.append(f"hypfs_op named for calls {named}, want ['1', '10']")
    if "dom0 exception" in res.log:
        errs.append("dom0 took an exception")
    return errs + dom0_scenarios.check_stop(res, sc, "0 (poweroff)")


LINUXPV_SCENARIOS = [
    dict(name="dom0-pvmm-bios", loader="grub-bios", mem="512M",
         cmdline="console=com1 dom0_mem=48M",
         modules=[(dom0_scenarios.DOM0, PVMM_CMDLINE)],
         checks=[check_pvmm], timeout=150),
    dict(name="dom0-pvmm-xen-efi", loader="xen.efi", mem="1G", cfg=PVMM_CFG,
         files=[("dom0.gz", dom0_scenarios.DOM0), ("initrd.img", 3001)],
         checks=[check_pvmm], timeout=240),
    dict(name="linuxpv-612-xen-efi", loader="xen.efi", mem="1G", cfg=CFG,
         files=[("vmlinuz", None)], prepare=prepare_612, idle=IDLE,
         stop_on=r"Boot complete: |\(XEN\) PANIC", reached=REACHED_612,
         checks=[check_zstd_payload, check_milestones], timeout=300),
]


if __name__ == "__main__":
    import subprocess
    sys.exit(subprocess.call(
        [sys.executable, os.path.join(os.path.dirname(__file__), "run.py"),
         "-j", "1"] + [sc["name"] for sc in LINUXPV_SCENARIOS]))
