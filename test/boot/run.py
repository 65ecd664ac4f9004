#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot tests: each scenario boots a real image in QEMU (TCG) under a real
loader and firmware, and is judged from the serial log and from how QEMU
stopped. Prints one line per scenario and "boot: N passed, N failed".

    test/boot/run.py [-j JOBS] [NAME ...]
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bzimage_scenarios  # noqa: E402
import console_scenarios  # noqa: E402
import dom0_scenarios  # noqa: E402
import esrt_scenarios  # noqa: E402
import fwupd_scenarios  # noqa: E402
import fw_scenarios  # noqa: E402
import linux_scenarios  # noqa: E402
import linuxdom0_scenarios  # noqa: E402
import linuxpv_scenarios  # noqa: E402
import perfc_scenarios  # noqa: E402
import pvcpu_scenarios  # noqa: E402
import qemu  # noqa: E402
import quiet_scenarios  # noqa: E402
import retain_scenarios  # noqa: E402
import rt_pt_scenarios  # noqa: E402
import rtcall_scenarios  # noqa: E402
import secboot_scenarios  # noqa: E402
import shim_scenarios  # noqa: E402
import xen417  # noqa: E402
from fixtures import BUILD, MiB, TOP, WORK, XEN_CFG, XEN_FILES, \
    make_module, module_crc32  # noqa: E402


def mem_bytes(mem):
    n, unit = int(mem[:-1]), mem[-1]
    return n << {"M": 20, "G": 30}[unit]


# ---- reading the log -------------------------------------------------------

def log_lines(log):
    """The log's lines without carriage returns (firmware and the 32-bit
    error routine write CR before or after a line)."""
    return log.replace("\r", "").split("\n")


def line_index(log, line):
    """Index in log_lines() of the first line that is exactly line, with or
    without the hypervisor's "(XEN) " prefix; -1 when there is none."""
    for i, got in enumerate(log_lines(log)):
        if got == line or got == "(XEN) " + line:
            return i
    return -1


def check_halted(res):
    """The machine halted and stayed halted: QEMU did not stop, and both
    QMP probes saw CPU 0 in HLT at the same instruction."""
    if res.shutdown_reason is not None:
        return [f"machine stopped by {res.shutdown_reason}; it should halt"]
    probes = res.halt_probes
    if len(probes) != 2 or any(h is not True for h, _ in probes):
        return [f"CPU not seen halted by QMP (probes: {probes})"]
    if probes[0][1] is None or probes[0][1] != probes[1][1]:
        return [f"CPU moved between the halt probes ({probes})"]
    return []


# ---- checks: each returns a list of failure strings ------------------------

def check_clean_poweroff(res, sc):
    errs = []
    if "Boot complete: powering off" not in res.log:
        errs.append("no 'Boot complete' line")
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}"
                    f"{' (timeout)' if res.timed_out else ''}, "
                    "not a guest poweroff")
    for bad in ("ERR:", "PANIC", "CPU exception"):
        if bad in res.log:
            errs.append(f"log contains {bad!r}")
    return errs


def check_linked(res, sc):
    m = re.search(r"__start_xen at (0x[0-9a-f]+)", res.log)
    if not m:
        return ["no '__start_xen at' line"]
    if not m.group(1).startswith("0xffff82d04"):
        return [f"__start_xen at {m.group(1)}, not the linked address"]
    return []


def check_wx(res, sc):
    """The live page tables, walked by the hypervisor, allow no W+X page."""
    m = re.search(r"^\(XEN\) (Page tables: (\d+) leaf mappings, (\d+) "
                  r"writable\+executable \(\d+ KiB\)(.*))$",
                  "\n".join(log_lines(res.log)), re.M)
    if not m:
        return ["no page-table report"]
    if m.group(4):
        return [f"not every table walked: {m.group(1)}"]
    if int(m.group(2)) < 2048 or int(m.group(3)) != 0:
        return [f"page tables: {m.group(1)}"]
    return []


def check_frames(res, sc):
    """With selftest=frames, the allocator's top-down 2 MiB block was
    scrubbed and read back; with RAM above 4 GiB it comes from there,
    through direct-map tables built at boot. Without the option the check
    does not run (it is not done on every boot)."""
    m = re.search(r"Frame allocator check: 2 MiB at (0x[0-9a-f]+) scrubbed",
                  res.log)
    asked = "selftest=frames" in (sc.get("cmdline") or "") + \
        (sc.get("cfg") or "")
    if not asked:
        return ["frame allocator check ran without selftest=frames"] \
            if m else []
    if not m:
        return ["no frame allocator check line"]
    if sc.get("ram_above_4g"):
        t = re.search(r"Direct map: RAM up to (0x[0-9a-f]+) mapped \((\d+) "
                      r"page-table pages added\)", res.log)
        if int(m.group(1), 16) < 1 << 32:
            return [f"check block {m.group(1)} is not above 4 GiB"]
        if not t or int(t.group(2)) == 0 or int(t.group(1), 16) <= 1 << 32:
            return ["direct map not extended above 4 GiB"]
    return []


# The CR4 bits the hypervisor itself sets (arch/x86/cr4.c): PAE, MCE,
# OSFXSR, OSXMMEXCPT, LA57 kept; SMEP and SMAP when offered.
CR4_ALLOWED = 0x20 | 0x40 | 0x200 | 0x400 | 0x1000 | (1 << 20) | (1 << 21)


def check_cr4(res, sc):
    """CR4 is the hypervisor's own on every path: nothing the loader left
    (PGE above all, which keeps global TLB entries across CR3 switches)."""
    m = re.search(r"\(XEN\) CR4 (0x[0-9a-f]+) \(the loader left "
                  r"(0x[0-9a-f]+)\)", res.log)
    if not m:
        # An info line: only a scenario that asks for loglvl=all sees it.
        asked = "loglvl=all" in (sc.get("cmdline") or "") + \
            (sc.get("cfg") or "")
        return ["no 'CR4 ... (the loader left ...)' line"] if asked else []
    cr4 = int(m.group(1), 16)
    if cr4 & ~CR4_ALLOWED or not cr4 & 0x20:
        return [f"CR4 {m.group(1)} has bits the hypervisor does not set"]
    return []


def check_entry(res, sc):
    want = sc["entry"]
    if f"Entry path: {want}" not in res.log:
        return [f"entry path {want!r} not reported"]
    return []


def check_load_address(res, sc):
    m = re.search(r"Image loaded at physical (0x[0-9a-f]+)", res.log)
    if not m:
        return ["no load address line"]
    pa = int(m.group(1), 16)
    errs = []
    if pa % (2 * MiB):
        errs.append(f"load address {pa:#x} not 2 MiB aligned")
    if sc.get("not_link_base") and pa == 2 * MiB:
        errs.append("expected a load address other than the link base")
    sc["_load_pa"] = pa
    return errs


def check_ram_total(res, sc):
    m = re.search(r"Memory totals: RAM (\d+) KiB", res.log)
    if not m:
        return ["no memory totals line"]
    ram = int(m.group(1)) << 10
    want = mem_bytes(sc["mem"])
    # Firmware keeps the legacy hole and a few MiB of tables for itself.
    # OVMF keeps more for itself than SeaBIOS does.
    slack = sc.get("ram_slack_mib", 16) * MiB
    if not want - slack <= ram <= want:
        return [f"RAM total {ram >> 10} KiB does not match -m {sc['mem']}"]
    return []


def check_modules(res, sc):
    """Exactly the scenario's modules, each with its size, the CRC-32 of
    the file the scenario made (module i from seed i unless the entry
    names its seed third) and its command line."""
    errs = []
    mods = sc.get("modules", [])
    lines = log_lines(res.log)
    counts = [ln for ln in lines if ln.startswith("(XEN) Modules:")]
    if counts != [f"(XEN) Modules: {len(mods)}"]:
        errs.append(f"expected one line 'Modules: {len(mods)}', got "
                    f"{counts}")
    for i, mod in enumerate(mods):
        size, cmdline = mod[0], mod[1]
        crc = module_crc32(size, mod[2] if len(mod) > 2 else i)
        pat = (rf"\(XEN\)  module {i}: \[(0x[0-9a-f]+), (0x[0-9a-f]+)\) "
               rf"{size} bytes, crc32 {crc:08x}, "
               rf'cmdline "{re.escape(cmdline)}"')
        m = [re.fullmatch(pat, ln) for ln in lines]
        m = [x for x in m if x]
        if len(m) != 1:
            errs.append(f"module {i} ({size} bytes, crc32 {crc:08x}, "
                        f"{cmdline!r}) not listed once")
        elif int(m[0].group(2), 16) - int(m[0].group(1), 16) != size:
            errs.append(f"module {i}: range does not hold {size} bytes")
    return errs


def check_efi_linked(res, sc):
    errs = []
    if "efi_l4_bootmap active" not in res.log:
        errs.append("efi_l4_bootmap not reported active")
    m = re.search(r"(?:efi_xen_main|efi_multiboot2) at (0x[0-9a-f]+)",
                  res.log)
    if not m or not m.group(1).startswith("0xffff82d04"):
        errs.append("EFI boot code not seen at its linked address")
    # The timeline stamp is taken only after ExitBootServices succeeded.
    if not re.search(r"\(XEN\)\s+ExitBootServices\s+\d+\n", res.log):
        errs.append("ExitBootServices not done")
    return errs


# The boot timeline's stamps in the order they are taken on every path.
TIMELINE_ORDER = ["entry", "linked address", "ExitBootServices",
                  "__start_xen", "console and traps", "dom0 build",
                  "dom0 built", "dom0 entry"]
TIMELINE_DOM0 = ["dom0 build", "dom0 built", "dom0 entry"]


def parse_timeline(log):
    """The boot timeline: (kHz, source, {name: us}), or None."""
    m = re.search(r"Boot timeline \(TSC (\d+) kHz from ([^,]+), us since "
                  r"the first stamp\):\n((?:\(XEN\)  \S.*\n)*)", log)
    if not m:
        return None
    stamps = {}
    for line in m.group(3).splitlines():
        t = re.fullmatch(r"\(XEN\)  (\S(?:.*\S)?)\s+(\d+)", line)
        if t:
            stamps[t.group(1)] = int(t.group(2))
    return int(m.group(1)), m.group(2), stamps


def check_timeline(res, sc, need=()):
    """The timeline is in microseconds, starts at the image's first
    instruction and its stamps are in the order they are taken."""
    tl = parse_timeline(res.log)
    if not tl:
        return ["no boot timeline in microseconds"]
    khz, _, stamps = tl
    errs = []
    if not 1000 <= khz <= 100000000:
        errs.append(f"TSC frequency {khz} kHz not credible")
    unknown = set(stamps) - set(TIMELINE_ORDER)
    if unknown:
        errs.append(f"unknown timeline stamps {sorted(unknown)}")
    for name in ["entry", "linked address", "__start_xen",
                 "console and traps", *need]:
        if name not in stamps:
            errs.append(f"timeline has no {name!r} stamp")
    if stamps.get("entry") != 0:
        errs.append("the image's first instruction is not the first stamp")
    seen = [(n, stamps[n]) for n in TIMELINE_ORDER if n in stamps]
    for (a, ta), (b, tb) in zip(seen, seen[1:]):
        if tb < ta:
            errs.append(f"timeline out of order: {b} ({tb} us) before "
                        f"{a} ({ta} us)")
    return errs


def check_timeline_dom0(res, sc):
    return check_timeline(res, sc, TIMELINE_DOM0)


def check_efi_map(res, sc):
    m = re.search(r"EFI memory map \((\d+) descriptors", res.log)
    t = re.search(r"usable as RAM \((\d+) KiB\)", res.log)
    e = re.search(r"Memory totals: RAM (\d+) KiB", res.log)
    if not m or int(m.group(1)) < 10:
        return ["no EFI memory map printed"]
    if not t or not e or t.group(1) != e.group(1):
        return ["EFI RAM total and e820 RAM total disagree"]
    return []


# What the hypervisor prints when EFI ResetSystem is missing or returns,
# and what its ACPI fallback prints (arch/x86/acpi_power.c).
POWEROFF_FALLBACK = ("EFI ResetSystem returned",
                     "EFI runtime services not available",
                     "Powering off through ACPI S5", "ACPI poweroff:")


def check_efi_poweroff(res, sc):
    """The firmware's ResetSystem powered the machine off: it was the last
    thing the hypervisor said, nothing of the fallback ran, and QEMU
    stopped by a guest poweroff."""
    errs = []
    lines = [ln for ln in log_lines(res.log) if ln.strip()]
    if not lines or lines[-1] != "(XEN) Calling EFI ResetSystem(shutdown)":
        errs.append("the log does not end with 'Calling EFI "
                    "ResetSystem(shutdown)'")
    for bad in POWEROFF_FALLBACK:
        if bad in res.log:
            errs.append(f"poweroff fallback ran: {bad!r}")
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}, "
                    "not a guest poweroff")
    return errs


def ranges(log, kind_re):
    """[start, end) pairs of the map lines whose type matches kind_re."""
    return [(int(a, 16), int(b, 16)) for a, b in re.findall(
        r"\[([0-9a-f]{16}), ([0-9a-f]{16})\) +" + kind_re + r"\b", log)]


def check_mapbs(res, sc):
    """efi=mapbs: no boot-services byte may be e820 RAM."""
    bs = ranges(res.log, r"BootServices(?:Code|Data)")
    ram = ranges(res.log, r"RAM")
    if not bs or not ram:
        return ["no boot-services or RAM ranges printed"]
    for a, b in bs:
        for c, d in ram:
            if a < d and c < b:
                return [f"boot-services range {a:#x}-{b:#x} is RAM"]
    return []


def check_fell_through(res, sc):
    """The image printed exactly the expected error line, and no other,
    returned, and the firmware moved on."""
    at = line_index(res.log, sc["expect_error"])
    if at < 0:
        return [f"no line {sc['expect_error']!r}"]
    lines = log_lines(res.log)
    errs = [f"other error line {ln!r}" for ln in lines
            if "ERR:" in ln and ln != lines[at]]
    log = "\n".join(lines[at + 1:])
    if lines[at + 1:at + 2] != ["(XEN) Returning to the firmware"]:
        errs.append("no 'Returning to the firmware' right after the error")
    if not re.search(r"BdsDxe: failed to start Boot0001", log):
        errs.append("firmware did not report the failed boot option")
    if not re.search(r"BdsDxe: (loading|starting) Boot0002", log):
        errs.append("firmware did not fall through to its next option")
    return errs


def check_fault_report(res, sc):
    """An exception in the hypervisor is reported in full, then it halts."""
    errs = []
    for pat in sc["expect_fault"]:
        if not re.search(pat, res.log):
            errs.append(f"no {pat!r} in the exception report")
    for reg in ("RIP", "RAX", "RSP", "R15", "CR2", "CR3"):
        if not re.search(reg + r":\s+(e008:)?[0-9a-f]{16}", res.log):
            errs.append(f"register {reg} not in the report")
    if not re.search(r"Stack at [0-9a-f]{16}:\n(\(XEN\)\s+([0-9a-f]{16} ?){4}\n)+",
                     res.log):
        errs.append("no stack dump")
    if line_index(res.log, "PANIC: fatal exception in the hypervisor") < 0:
        errs.append("no PANIC line")
    return errs + check_halted(res)


def check_expect(res, sc):
    """Lines the scenario names, each a regular expression."""
    return [f"no line matching {p!r}" for p in sc.get("expect", [])
            if not re.search(p, res.log)]


def check_error_line(res, sc):
    """Exactly the expected error line, then the machine halts."""
    if line_index(res.log, sc["expect_error"]) < 0:
        return [f"expected error line {sc['expect_error']!r}"]
    return check_halted(res)


BOOT_OK = [check_clean_poweroff, check_linked, check_entry, check_wx,
           check_frames, check_cr4,
           check_load_address, check_ram_total, check_modules,
           check_timeline]

MODS = [(12293, "dom0 root=/dev/xvda1 console=hvc0"),
        (70001, "initrd for dom0")]

EFI_OK = [check_clean_poweroff, check_linked, check_entry, check_wx,
          check_frames, check_cr4,
          check_efi_linked, check_efi_map, check_efi_poweroff,
          check_ram_total, check_modules, check_timeline]

EFI_MODS = [(40961, "console=hvc0 root=/dev/xvda1"), (3001, "")]
FALL_THROUGH = r"BdsDxe: (loading|starting) Boot0002"

SCENARIOS = [
    # com2=115200/1 asks for UART divisor 0: refused, defaults kept.
    dict(name="grub-bios-512m", loader="grub-bios", mem="512M",
         cmdline="console=com1 com1=115200,8n1 com2=115200/1 loglvl=all",
         modules=MODS,
         entry="multiboot2 (BIOS)", checks=BOOT_OK + [check_expect],
         expect=[r"(?m)^\(XEN\) WARNING: console option not usable: "
                 r"com2=115200/1: baud and clock give a UART divisor outside "
                 r"1\.\.65535; the port keeps its defaults\r?$"],
         timeout=120),
    dict(name="grub-bios-3g", loader="grub-bios", mem="3G",
         cmdline="console=com1,vga loglvl=all selftest=frames", modules=MODS[:1],
         entry="multiboot2 (BIOS)", checks=BOOT_OK, not_link_base=True,
         ram_above_4g=True, timeout=120),
    dict(name="grub-bios-mb1-refused", loader="grub-bios", mem="256M",
         cmdline="", modules=[], mb_cmd="multiboot",
         expect_error="ERR: not entered by a multiboot2 loader (bad magic "
                      "in EAX)",
         checks=[check_error_line], timeout=90),
    dict(name="grub-bios-pagefault", loader="grub-bios", mem="256M",
         cmdline="console=com1 testfault=pf", modules=[],
         expect_error="PANIC:", checks=[check_fault_report],
         expect_fault=[r"CPU exception 14: #PF page fault, error code 0",
                       r"CR2: ffff800000001000"], timeout=90),
    dict(name="xen-efi-invalid-opcode", loader="xen.efi", mem="512M",
         cfg=XEN_CFG.replace("loglvl=all", "testfault=ud"),
         files=XEN_FILES, expect_error="PANIC:",
         checks=[check_fault_report],
         expect_fault=[r"CPU exception 6: #UD invalid opcode, error code 0",
                       r"RIP: e008:ffff82d04"], timeout=180),
    dict(name="efi-shell-load-options", loader="efi-shell", mem="1G",
         image_name="xen-4.2-test.efi",
         shell_cmd=r"\EFI\xen\xen-4.2-test.efi /mapbs second -- "
                   r"extra=1 console=com1 loglvl=all",
         cfgs={"xen-4.2.cfg": XEN_CFG + "\n[second]\n"
               "options=console=vga from=second\n"
               "kernel=vmlinuz dom0 from second\n"},
         files=XEN_FILES, modules=[(40961, "dom0 from second")],
         entry="xen.efi (EFI)",
         expect=[r"Using configuration file \\EFI\\xen\\xen-4\.2\.cfg",
                 r"Configuration section \[second\]",
                 r"Command line: console=vga from=second extra=1 "
                 r"console=com1 loglvl=all\n"],
         checks=[check_clean_poweroff, check_entry, check_efi_linked,
                 check_modules, check_mapbs, check_expect, check_wx],
         timeout=240),
    dict(name="efi-shell-cfg-switch", loader="efi-shell", mem="512M",
         image_name="xen.efi",
         shell_cmd=r"\EFI\xen\xen.efi -cfg=other.cfg",
         cfgs={"other.cfg": XEN_CFG.replace("loglvl=all",
                                            "loglvl=all which=other")},
         files=XEN_FILES, modules=EFI_MODS, entry="xen.efi (EFI)",
         expect=[r"Using configuration file \\EFI\\xen\\other\.cfg",
                 r"Command line: console=com1 loglvl=all which=other\n"],
         checks=[check_clean_poweroff, check_entry, check_modules,
                 check_expect], timeout=240),
    dict(name="grub-efi-exited-bs", loader="grub-efi", mem="1G",
         image="test/xen-nobs.gz",
         cmdline="console=com1 loglvl=all efi=mapbs",
         modules=MODS,
         entry="multiboot2 (32-bit entry, EFI boot services exited by the "
               "loader)",
         checks=[check_clean_poweroff, check_linked, check_entry, check_wx,
                 check_efi_map, check_mapbs, check_modules],
         ram_slack_mib=32, timeout=180),
    dict(name="grub-efi-1g", loader="grub-efi", mem="1G",
         cmdline="console=com1 loglvl=all", modules=MODS,
         entry="multiboot2 (EFI, boot services)", checks=EFI_OK,
         ram_slack_mib=32, not_link_base=True, timeout=180),
    dict(name="grub-efi-mapbs", loader="grub-efi", mem="512M",
         cmdline="console=com1 loglvl=all efi=mapbs", modules=MODS[:1],
         entry="multiboot2 (EFI, boot services)",
         checks=[check_clean_poweroff, check_entry, check_efi_linked,
                 check_efi_map, check_mapbs, check_modules], timeout=180),
    dict(name="xen-efi-512m", loader="xen.efi", mem="512M", cfg=XEN_CFG,
         files=XEN_FILES, modules=EFI_MODS, entry="xen.efi (EFI)",
         checks=EFI_OK, ram_slack_mib=32, timeout=180),
    dict(name="xen-efi-2g", loader="xen.efi", mem="2G",
         cfg=XEN_CFG.replace("loglvl=all", "loglvl=all com1=115200,8n1"),
         files=XEN_FILES, modules=EFI_MODS, entry="xen.efi (EFI)",
         checks=EFI_OK, ram_slack_mib=32, timeout=180),
    dict(name="xen-efi-6g", loader="xen.efi", mem="6G",
         cfg=XEN_CFG.replace("loglvl=all", "loglvl=all selftest=frames"),
         files=XEN_FILES, modules=EFI_MODS, entry="xen.efi (EFI)",
         checks=EFI_OK, ram_slack_mib=48, ram_above_4g=True, timeout=180),
    dict(name="xen-efi-no-cfg", loader="xen.efi", mem="512M", cfg=None,
         files=XEN_FILES,
         expect_error="ERR: no configuration file for BOOTX64.EFI in "
                      "\\EFI\\BOOT\\ (EFI_NOT_FOUND)",
         stop_on=FALL_THROUGH, checks=[check_fell_through], timeout=180),
    dict(name="xen-efi-missing-kernel", loader="xen.efi", mem="512M",
         cfg=XEN_CFG.replace("kernel=vmlinuz", "kernel=nosuchfile"),
         files=XEN_FILES,
         expect_error="ERR: cannot load kernel file "
                      "\\EFI\\BOOT\\nosuchfile (EFI_NOT_FOUND)",
         stop_on=FALL_THROUGH, checks=[check_fell_through], timeout=180),
    dict(name="xen-efi-bad-line", loader="xen.efi", mem="512M",
         cfg=XEN_CFG.replace("[hv]\n", "[hv]\nthis line has no equals\n"),
         files=XEN_FILES,
         expect_error="ERR: configuration line 6: line is neither "
                      "[section] nor key=value (EFI_INVALID_PARAMETER)",
         stop_on=FALL_THROUGH, checks=[check_fell_through], timeout=180),
]


SCENARIOS += [retain_scenarios.judged(s)
              for s in shim_scenarios.SHIM_SCENARIOS]
SCENARIOS += retain_scenarios.RETAIN_SCENARIOS
SCENARIOS += dom0_scenarios.scenarios([check_linked, check_entry, check_wx,
                                       check_frames, check_cr4],
                                      [check_timeline_dom0])
SCENARIOS += xen417.XEN417_SCENARIOS
SCENARIOS += linux_scenarios.LINUX_SCENARIOS
SCENARIOS += linuxpv_scenarios.LINUXPV_SCENARIOS
SCENARIOS += linuxdom0_scenarios.LINUXDOM0_SCENARIOS
SCENARIOS += secboot_scenarios.scenarios(EFI_OK, EFI_MODS)
SCENARIOS += pvcpu_scenarios.scenarios([check_linked, check_entry])
SCENARIOS += console_scenarios.scenarios([check_linked, check_entry])
SCENARIOS += perfc_scenarios.scenarios([check_linked, check_entry])
SCENARIOS += rt_pt_scenarios.scenarios([check_clean_poweroff, check_entry,
                                        check_efi_poweroff, check_modules,
                                        check_wx])
SCENARIOS += bzimage_scenarios.BZIMAGE_SCENARIOS
SCENARIOS += quiet_scenarios.scenarios(parse_timeline)
SCENARIOS += rtcall_scenarios.scenarios()
SCENARIOS += esrt_scenarios.ESRT_SCENARIOS
SCENARIOS += fwupd_scenarios.FWUPD_SCENARIOS
SCENARIOS += fw_scenarios.scenarios()


def build_esp(sc, img):
    args = ["tools/mkesp.sh", img, os.path.join(BUILD, "xen.efi")]
    if sc["cfg"] is None:
        args.append("-")
    else:
        cfg = os.path.join(WORK, sc["name"] + ".cfg")
        with open(cfg, "w") as f:
            f.write(sc["cfg"])
        args.append(cfg)
    for i, (name, size) in enumerate(sc.get("files", [])):
        # A path instead of a size is a real file (the dom0 kernel).
        path = size if isinstance(size, str) else make_module(
            os.path.join(WORK, f"{sc['name']}-{name}"), size, i)
        args += [path, name]
    subprocess.run(args, cwd=TOP, check=True)


def build_shell_esp(sc, img):
    """xen.efi under \\EFI\\xen; the removable-media boot file is the
    launcher (test/efi-launch/) that starts OVMF's UEFI shell, whose
    startup.nsh starts xen.efi with load options (the shell passes its
    command line as LoadOptions)."""
    def mtools(*args):
        subprocess.run(list(args), check=True, capture_output=True)
    if os.path.exists(img):
        os.unlink(img)
    mtools("mformat", "-i", img, "-C", "-T", "65536", "-h", "16", "-s", "63",
           "::")
    mtools("mmd", "-i", img, "::/EFI", "::/EFI/xen", "::/EFI/BOOT")
    mtools("mcopy", "-i", img, os.path.join(BUILD, "xen.efi"),
           "::/EFI/xen/" + sc["image_name"])
    mtools("mcopy", "-i", img, os.path.join(BUILD, "efilaunch.efi"),
           "::/EFI/BOOT/BOOTX64.EFI")
    for name, text in sc["cfgs"].items():
        path = os.path.join(WORK, f"{sc['name']}-{name}")
        with open(path, "w") as f:
            f.write(text)
        mtools("mcopy", "-i", img, path, "::/EFI/xen/" + name)
    for i, (name, size) in enumerate(sc.get("files", [])):
        path = make_module(os.path.join(WORK, f"{sc['name']}-{name}"),
                           size, i)
        mtools("mcopy", "-i", img, path, "::/EFI/xen/" + name)
    nsh = os.path.join(WORK, sc["name"] + ".nsh")
    with open(nsh, "w") as f:
        f.write("fs0:\r\n" + sc["shell_cmd"] + "\r\n")
    mtools("mcopy", "-i", img, nsh, "::/startup.nsh")


def build_iso(sc, iso):
    xen = os.path.join(BUILD, sc.get("image", "xen.gz"))
    args = ["tools/mkgrub-iso.sh", iso, xen, sc["cmdline"]]
    for i, (size, cmdline) in enumerate(sc.get("modules", [])):
        path = size if isinstance(size, str) else make_module(
            os.path.join(WORK, f"{sc['name']}-mod{i}"), size, i)
        args += [path, cmdline]
    for path, cmdline in sc.get("module_files", []):
        args += [path, cmdline]
    env = dict(os.environ)
    if sc.get("mb_cmd"):
        env["MB_CMD"] = sc["mb_cmd"]
        env["MOD_CMD"] = "module"
    subprocess.run(args, cwd=TOP, check=True, env=env)


def run_scenario(sc):
    """Returns (sc, result, failures, skip reason or None)."""
    if sc.get("prepare"):
        why = sc["prepare"](sc)
        if why:
            return sc, None, [], why
    log = os.path.join(WORK, sc["name"] + ".log")
    stop_on = sc.get("stop_on")
    if not stop_on and "expect_error" in sc:
        stop_on = re.escape(sc["expect_error"])
    halts = sc.get("probe_halt") or any(
        c in (check_error_line, check_fault_report) for c in sc["checks"])
    try:
        if sc.get("run"):
            # A scenario of several boots runs them itself.
            res = sc["run"](sc, log)
        elif sc["loader"] in ("xen.efi", "efi-shell", "efishim", "esp",
                              "secboot"):
            img = os.path.join(WORK, sc["name"] + ".esp")
            vars_path = os.path.join(WORK, sc["name"] + ".vars")
            qemu.fresh_vars(vars_path, WORK)
            if sc["loader"] == "esp":
                sc["build_esp"](sc, img)
            elif sc["loader"] == "xen.efi":
                build_esp(sc, img)
            elif sc["loader"] == "efishim":
                shim_scenarios.build_esp(sc, img)
            elif sc["loader"] == "secboot":
                secboot_scenarios.build_esp(sc, img)
                secboot_scenarios.copy_vars(sc, vars_path)
            else:
                build_shell_esp(sc, img)
            res = qemu.run(["-m", sc["mem"], "-drive",
                            f"format=raw,file={img}"] +
                           sc.get("qemu_args", []), log, sc["timeout"],
                           stop_on=stop_on,
                           firmware=sc.get("firmware", "ovmf"),
                           vars_path=vars_path, probe_halt=halts,
                           idle=sc.get("idle"),
                           serial_input=sc.get("serial_input"))
        else:
            # One GRUB rescue ISO boots on both firmwares.
            iso = os.path.join(WORK, sc["name"] + ".iso")
            build_iso(sc, iso)
            fw, vars_path = "bios", None
            if sc["loader"] == "grub-efi":
                fw = "ovmf"
                vars_path = os.path.join(WORK, sc["name"] + ".vars")
                qemu.fresh_vars(vars_path, WORK, "cdrom")
            res = qemu.run(["-m", sc["mem"], "-cdrom", iso] +
                           sc.get("qemu_args", []), log, sc["timeout"], stop_on=stop_on, firmware=fw,
                           vars_path=vars_path, probe_halt=halts,
                           idle=sc.get("idle"),
                           serial_input=sc.get("serial_input"))
    except subprocess.CalledProcessError as e:
        return sc, None, [f"image build failed: {e}"], None
    except qemu.WarmError as e:
        return sc, None, [str(e)], None
    errs = []
    for check in sc["checks"]:
        errs += check(res, sc)
    errs += check_launcher(res, sc)
    return sc, res, errs, None


def check_launcher(res, sc):
    """The ESPs that run startup.nsh start the UEFI shell through the
    launcher (test/efi-launch/); a boot that fell back to the shell's
    countdown would pass but cost a second more, so it fails here."""
    if "LAUNCH: ERR" in res.log:
        return ["the launcher failed: " +
                res.log[res.log.index("LAUNCH: ERR"):].splitlines()[0]]
    if sc["loader"] in ("efishim", "efi-shell") and \
            "LAUNCH: starting" not in res.log:
        return ["the UEFI shell was not started by the launcher "
                "(build/efilaunch.efi)"]
    return []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("names", nargs="*")
    opts = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    known = {s["name"] for s in SCENARIOS}
    unknown = [n for n in opts.names if n not in known]
    if unknown:
        print(f"run.py: no boot scenario named {', '.join(unknown)} "
              f"(known: {', '.join(sorted(known))})", file=sys.stderr)
        return 2
    todo = [s for s in SCENARIOS if not opts.names or s["name"] in opts.names]
    # The Linux boots take 10-50 s, the rest 1-10 s: started first, they do
    # not leave one job running alone at the end.
    todo.sort(key=lambda s: not s["name"].startswith(("fwupd", "linux")))
    passed = failed = skipped = 0
    qemu_s = total_s = 0.0
    around = []

    def timed(sc):
        t = time.time()
        out = run_scenario(sc)
        return out + (time.time() - t,)

    with concurrent.futures.ThreadPoolExecutor(opts.jobs) as ex:
        for sc, res, errs, why, took in ex.map(timed, todo):
            total_s += took
            qemu_s += res.seconds if res else 0.0
            around.append((took - (res.seconds if res else 0.0), sc["name"]))
            secs = f"{res.seconds:.1f}s" if res else "-"
            if why:
                skipped += 1
                print(f"skip boot/{sc['name']}: {why}")
            elif errs:
                failed += 1
                print(f"FAIL boot/{sc['name']} ({secs})")
                for e in errs:
                    print(f"    {e}")
                print(f"    serial log: build/boot-test/{sc['name']}.log")
                if res:
                    tail = res.log.strip().splitlines()[-15:]
                    for line in tail:
                        print(f"    | {line}")
            else:
                passed += 1
                print(f"ok   boot/{sc['name']} ({secs})")
    # Where the time goes: QEMU runs, and the rest (building images and
    # variable stores, checks), summed over the scenarios.
    most = ", ".join(f"{n} {t:.1f} s" for t, n in sorted(around)[::-1][:3])
    print(f"boot: {qemu_s:.0f} s in QEMU, {total_s - qemu_s:.0f} s around "
          f"it, summed over {opts.jobs} jobs (most: {most})")
    print(f"boot: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
