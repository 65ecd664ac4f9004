#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Firmware-side scenarios of issue 23, each played by the firmware test
shim (test/efi-shim/README.md) under OVMF:

  fw-mat-noprot        a runtime GetTime stub in a page of runtime code
                       that OVMF's memory attributes table describes with
                       neither RO nor XP: mapped RWX as the UEFI spec
                       says (the stub writes its own page), reported as
                       the one W+X range of the summary line
  fw-nomat-rtdata      the stub in runtime data, no attributes table
                       (efi-retain=esrt): runtime data without XP is
                       executable, as Xen maps it
  fw-mapbs-off         the stub reads boot-services data after
                       ExitBootServices: a page fault in the firmware,
                       reported, then a clean ACPI poweroff
  fw-mapbs-on          the same with efi=mapbs: boot-services code and
                       data are mapped for runtime calls, the call works
  fw-mapbs-on-grub     the same on GRUB's multiboot2 EFI path
  fw-rs-stack-guard    the stub touches 64 KiB of stack: it runs into the
                       guard page below the runtime stack, a double fault
                       reported with the guard page's address, then a
                       clean poweroff
  fw-rs-nmi            vector 2 raised inside the firmware (int $2, as an
                       NMI would arrive): one line, the call goes on
  fw-rs-mce            vector 18 inside the firmware: reported as a
                       machine check, not as a firmware fault; fatal
  fw-rs-fault-twice    efi-rs-fault-test=twice: a fault in the firmware,
                       then one in the poweroff path, which is reported as
                       the hypervisor's own (no recursion into the
                       firmware's report)
  fw-rt-table-high     the runtime services table above 4 GiB: one line
                       says the runtime services are off; ACPI poweroff
  fw-esrt-dup-class    an ESRT whose last entry repeats entry 0's FwClass,
                       in boot-services data: relocated and kept whole,
                       one WARNING line, dom0 (xen-esrt) reads every
                       entry as Linux would show them
  fw-esrt-nil-class-grub  entry 0 with the nil FwClass, on GRUB's path
  fw-capsule-linux     dom0 does what Linux's efi_capsule_update() does:
                       QueryCapsuleCapabilities of the header alone, then
                       UpdateCapsule of a PERSIST_ACROSS_RESET capsule of
                       14000 bytes with a list of pseudo-physical
                       addresses (pfn != mfn everywhere) spread over two
                       list pages, then overwrites its pages and reboots:
                       the shim's firmware finds the capsule intact
                       through the hypervisor's copy, mapped for it, and
                       the reset is the warm one QueryCapsuleCapabilities
                       asked for
  fw-bigmap-N-xenefi, fw-bigmap-N-grub
                       the shim fragments the memory map (fragment=,
                       single pages of boot-services data each followed
                       by a free page) to about N = 3000 and 10000
                       descriptors: both EFI paths boot, ExitBootServices
                       takes the whole map, and dom0 (xen-efimap) reads
                       it back whole, every fragment page its own
                       descriptor
  fw-rtmap-300-xenefi  the shim makes 300 single pages of runtime-services
                       data (fragment-type=rtdata), each its own runtime
                       descriptor: dom0 (xen-tlb) maps the first page of
                       every runtime descriptor writable and each is
                       entered read-only, the last as the first (a table
                       of 64 ranges once left those past it writable)
  fw-var-oversize      GetVariable and GetNextVariableName of XenRt names
                       succeed with a size 1000 bytes larger than dom0's
                       buffer: dom0 gets -EIO, nothing past its buffers
                       is written (xen-efivar oversize)

The checks read the shim's lines (where it put the stub and the page it
reads) and the hypervisor's summary, W+X and fault lines (docs/boot.md).
"""
import re

import rt_pt_scenarios as rtpt
import shim_scenarios as shim
from fixtures import XEN_CFG, XEN_FILES

HEX = r"0x([0-9a-f]+)"
STUB = rf"SHIM: runtime stubs at {HEX} \(type (\d+), (\d+) pages\)"
BS_PAGE = rf"SHIM: boot-services data page at {HEX} for the GetTime stub"
# %#lx prints 0 without its 0x.
NUM = r"(0x[0-9a-f]+|0)"
FAULT = (r"\(XEN\) ERR: exception (\d+) \(([^)]+)\) in EFI runtime service "
         rf"(\w+): RIP {NUM}, error code {NUM}, address {NUM}\n")


def text(res):
    return res.log.replace("\r", "")


def need(log, pats):
    return [f"no line matching {p!r}" for p in pats
            if not re.search(p, log)]


def stub(log):
    """(start, end, EFI type) of the shim's stub pages, or None."""
    m = re.search(STUB, log)
    if not m:
        return None
    a = int(m.group(1), 16)
    return a, a + int(m.group(3)) * 4096, int(m.group(2))


def check_stub(res, sc):
    """The stub is where the scenario wants it, and was called: the
    boot's GetTime check came back through it."""
    s = stub(text(res))
    if not s:
        return ["no 'SHIM: runtime stubs' line"]
    want = 6 if sc.get("stub_data") else 5
    errs = [] if s[2] == want else [f"stub in type {s[2]}, want {want}"]
    return errs + rtpt.check_rs_selfcheck(res, sc)


def check_wx_is_the_stub(res, sc):
    """The only W+X range is the stub's page, for the reason the
    scenario names."""
    log = text(res)
    s = stub(log)
    lines = re.findall(r"\(XEN\)  W\+X \[0x([0-9a-f]+), 0x([0-9a-f]+)\) "
                       r"(\w+): (.*)\n", log)
    if not s:
        return ["no 'SHIM: runtime stubs' line"]
    want = [(s[0], s[1], sc["wx_reason"])]
    got = [(int(a, 16), int(b, 16), why) for a, b, _, why in lines]
    if got != want:
        return [f"W+X lines {got}, want {want}"]
    return []


def check_wx_covers_stub(res, sc):
    """Without a table the stub's page is among the W+X ranges."""
    log = text(res)
    s = stub(log)
    ranges = [(int(a, 16), int(b, 16)) for a, b in re.findall(
        r"\(XEN\)  W\+X \[0x([0-9a-f]+), 0x([0-9a-f]+)\)", log)]
    if not s or not any(a <= s[0] and s[1] <= b for a, b in ranges):
        return [f"stub {s} not inside a W+X range {ranges}"]
    return []


def check_mapbs_wx(res, sc):
    """With efi=mapbs the boot-services page the stub reads is mapped
    (W+X, as Xen maps boot-services memory), listed as such."""
    log = text(res)
    m = re.search(BS_PAGE, log)
    if not m:
        return ["no 'SHIM: boot-services data page' line"]
    pa = int(m.group(1), 16)
    for a, b in re.findall(r"\(XEN\)  W\+X \[0x([0-9a-f]+), 0x([0-9a-f]+)\) "
                           r"BootServicesData: efi=mapbs\n", log):
        if int(a, 16) <= pa < int(b, 16):
            return []
    return [f"boot-services page {pa:#x} not listed as mapped for mapbs"]


def check_bs_fault(res, sc):
    """Without mapbs the stub's read of boot-services data faults: one
    report naming GetTime, a RIP in the stub, a read of a page not
    present at the page's address; the runtime services are disabled and
    the machine powers off through ACPI (the fault came during the boot's
    own GetTime check, before anything else used the services)."""
    log = text(res)
    s, b = stub(log), re.search(BS_PAGE, log)
    m = re.search(FAULT, log)
    if not m or not s or not b:
        return ["no fault line, stub line or boot-services page line"]
    vec, _, svc, rip, code, addr = m.groups()
    errs = []
    if (vec, svc) != ("14", "GetTime"):
        errs.append(f"exception {vec} in {svc}, want 14 in GetTime")
    if not s[0] <= int(rip, 16) < s[1]:
        errs.append(f"RIP {rip} not in the stub")
    if int(code, 16) & 0x13:
        errs.append(f"error code {code}: want a read of a page not present")
    if int(addr, 16) != int(b.group(1), 16):
        errs.append(f"address {addr}, want the boot-services page")
    errs += need(log, [r"\(XEN\) EFI runtime services disabled: powering "
                       r"off without them\n",
                       r"\(XEN\) Powering off through ACPI S5\n"])
    if log.count("ERR:") != 1 or "PANIC" in log:
        errs.append("more than the one ERR line, or a PANIC")
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}, "
                    "not a guest poweroff")
    return errs


def guard_page(log):
    """The runtime stack's guard page, from the hypervisor's info line."""
    m = re.search(r"EFI runtime calls: stack \[0x[0-9a-f]+, 0x[0-9a-f]+\), "
                  r"guard page at 0x([0-9a-f]+) unmapped", log)
    return int(m.group(1), 16) if m else None


def check_acpi_poweroff_after(res, sc, errs_allowed=1):
    log = text(res)
    errs = need(log, [r"\(XEN\) EFI runtime services disabled: powering "
                      r"off without them\n",
                      r"\(XEN\) Powering off through ACPI S5\n"])
    if log.count("ERR:") != errs_allowed or "PANIC" in log:
        errs.append("not exactly the one ERR line, or a PANIC")
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}, "
                    "not a guest poweroff")
    return errs


def check_stack_guard(res, sc):
    """The overrun is a double fault (the #PF frame itself cannot be
    pushed into the guard page) whose CR2 is in the guard page."""
    log = text(res)
    g = guard_page(log)
    m = re.search(FAULT, log)
    if not m or g is None:
        return ["no fault line or no guard page line"]
    vec, name, svc, _, code, addr = m.groups()
    errs = []
    if (vec, svc) != ("8", "GetTime"):
        errs.append(f"exception {vec} ({name}) in {svc}, want 8 in GetTime")
    if not g <= int(addr, 16) < g + 4096:
        errs.append(f"address {addr} not in the guard page {g:#x}")
    return errs + check_acpi_poweroff_after(res, sc)


def check_nmi(res, sc):
    """The NMI is reported as such and the call (and the boot) go on."""
    log = text(res)
    errs = need(log, [r"\(XEN\) WARNING: NMI during EFI runtime service "
                      r"GetTime: not a firmware fault, the call goes on\n"])
    if re.search(r"exception \d+ \([^)]*\) in EFI runtime service", log):
        errs.append("the NMI was taken for a firmware fault")
    return errs


def check_mce(res, sc):
    """A machine check inside the firmware is the hardware's: one line
    says so, then the hypervisor's fatal report (register dump, PANIC)
    and a halt, never the firmware-fault report and its poweroff."""
    log = text(res)
    errs = need(log, [r"\(XEN\) ERR: machine check during EFI runtime "
                      r"service GetTime: a hardware error, not a firmware "
                      r"fault\n",
                      r"\*\*\* CPU exception 18: #MC machine check",
                      r"\(XEN\) PANIC: fatal exception in the hypervisor"])
    if re.search(r"exception \d+ \([^)]*\) in EFI runtime service", log):
        errs.append("the machine check was taken for a firmware fault")
    import run
    return errs + run.check_halted(res)


def check_twice(res, sc):
    """One firmware fault report; the #UD raised in the poweroff path
    afterwards is the hypervisor's own exception (full report, PANIC,
    halt), not a second firmware fault."""
    log = text(res)
    errs = need(log, [FAULT,
                      r"\(XEN\) efi-rs-fault-test: raising #UD in the "
                      r"poweroff path\n",
                      r"\*\*\* CPU exception 6: #UD invalid opcode",
                      r"\(XEN\) PANIC: fatal exception in the hypervisor"])
    n = len(re.findall(r"in EFI runtime service", log))
    if n != 1:
        errs.append(f"{n} firmware fault reports, want 1")
    import run
    return errs + run.check_halted(res)


def check_rt_high(res, sc):
    """The table the shim moved above 4 GiB is named in one line; the
    runtime services are off, so the poweroff is ACPI's."""
    log = text(res)
    m = re.search(r"SHIM: runtime services table moved to 0x([0-9a-f]+) ",
                  log)
    if not m:
        return ["no 'SHIM: runtime services table moved' line"]
    pa = int(m.group(1), 16)
    line = (f"(XEN) WARNING: EFI runtime services table at {pa:#x} is "
            "above 4 GiB: runtime services disabled\n")
    errs = [] if line in log else [f"no {line.strip()!r}"]
    errs += need(log, [r"\(XEN\) EFI runtime services not available\n",
                       r"\(XEN\) Powering off through ACPI S5\n"])
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}")
    return errs


DOM0_CFG = """[global]
default=hv

[hv]
options=console=com1 dom0_mem=32M
kernel=dom0.gz console=hvc0 %s
"""


# ESRTs with a repeated and a nil FwClass, and dom0 reading them.
DUP = dict(count=5, seed=0x23, corrupt="dup-class")
NIL = dict(count=3, seed=0x24, corrupt="nil-class")
ESRT_CFG = ("[global]\ndefault=hv\n\n[hv]\n"
            "options=console=com1 loglvl=all dom0_mem=32M\n"
            "kernel=dom0.gz console=hvc0 xen-info xen-esrt\n")


def capsule_prepare(sc):
    sc["files"] = dom0_files() + [("capsule.bin", capsule_file())]
    return None


def dom0_files():
    import dom0_scenarios
    return [("dom0.gz", dom0_scenarios.DOM0)]


def check_oversize(res, sc):
    """Both answers refused with -EIO, both canaries intact, the variable
    written and deleted, dom0 done."""
    log = text(res)
    errs = need(log, [
        r"\(d0\) xen-efivar: oversize: write rc=0 status=0x0\n",
        r"\(d0\) xen-efivar: hostile getvar-answer-too-big: rc=-5 "
        r"\(EIO\) expected=EIO pass\n",
        r"\(d0\) xen-efivar: oversize: getvar canary intact\n",
        r"\(d0\) xen-efivar: hostile nextname-answer-too-big: rc=-5 "
        r"\(EIO\) expected=EIO pass\n",
        r"\(d0\) xen-efivar: oversize: nextname canary intact\n",
        r"\(d0\) xen-efivar: oversize: delete rc=0 status=0x0\n",
        r"\(d0\) xen-efivar: oversize: 2 passed, 0 failed\n",
        r"\(d0\) dom0: done, powering off"])
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}")
    return errs


def check_esrt_kept_warned(res, sc):
    """The table is retained byte for byte (retain_scenarios' checks,
    dom0's included) and one WARNING line names the bad entry."""
    import retain_scenarios as retain
    e = sc["esrt"]
    want = (f"(XEN) WARNING: ESRT: entry {e['count'] - 1} repeats the "
            "FwClass of entry 0; kept, as Linux and Xen keep it\n"
            if e["corrupt"] == "dup-class" else
            "(XEN) WARNING: ESRT: entry 0 has the nil FwClass; kept, as "
            "Linux and Xen keep it\n")
    log = res.log
    errs = [] if log.count(want) == 1 else [f"not one {want.strip()!r}"]
    if log.count("WARNING: ESRT") != 1:
        errs.append("more than one ESRT warning")
    return errs + retain.check_esrt_retained(res, sc) + \
        retain.check_dom0_reads_esrt(res, sc)


CAPSULE_BYTES = 14000


def capsule_file():
    """A capsule of CAPSULE_BYTES: EFI_CAPSULE_HEADER (a test GUID, header
    28 bytes, flags 0, image CAPSULE_BYTES), a patterned body."""
    import os
    import struct
    from fixtures import WORK
    path = os.path.join(WORK, "fw-capsule.bin")
    os.makedirs(WORK, exist_ok=True)
    body = bytes((i * 29 + 7) & 0xFF for i in range(CAPSULE_BYTES - 28))
    with open(path, "wb") as f:
        f.write(bytes.fromhex("2a4c1e6db3580e4f9a612b7c0d93e417") +
                struct.pack("<III", 28, 0, CAPSULE_BYTES) + body)
    return path


CAPSULE_CFG = """[global]
default=hv

[hv]
options=console=com1 dom0_mem=32M
kernel=dom0.gz console=hvc0 xen-capsule linux 0x10000 xen-reset
ramdisk=capsule.bin
"""


def check_capsule_linux(res, sc):
    """Linux's sequence reaches the firmware through the hypervisor's
    copies; the reset is the warm one the firmware asked for, and the
    firmware read the capsule intact then (else it would shut down)."""
    log = text(res)
    n = CAPSULE_BYTES
    errs = need(log, [
        r"\(d0\) xen-capsule: linux query: rc=0 status=0x0 \(EFI_SUCCESS\) "
        r"max_capsule_size=33554432 reset_type=1\n",
        rf"\(d0\) xen-capsule: linux list at pseudo-physical 0x[0-9a-f]+ "
        rf"\(mfn 0x[0-9a-f]+\), {n} bytes, 0 pages whose pfn is their "
        r"mfn\n",
        rf"\(XEN\) UpdateCapsule: 1 capsule\(s\), {n} bytes, sg "
        r"0x[0-9a-f]+: firmware status 0x0\n",
        rf"\(XEN\) UpdateCapsule: {n} bytes copied from dom0's list, "
        r"pending until the next reset, which will be of type 1\n",
        r"\(d0\) xen-capsule: linux submit: rc=0 status=0x0 "
        r"\(EFI_SUCCESS\)\n",
        r"\(d0\) xen-capsule: linux: capsule and list overwritten\n",
        r"\(d0\) xen-reset: sched_op shutdown reason=1 \(reboot\)\n",
        r"\(XEN\) A capsule update is pending: the reset is of the type the "
        r"firmware asked for\n",
        r"\(XEN\) Calling EFI ResetSystem\(warm reset\)\n"])
    for bad in ("ERR:", "PANIC", "CPU exception", "WARNING: UpdateCapsule"):
        if bad in log:
            errs.append(f"log contains {bad!r}")
    if res.shutdown_reason != "guest-reset":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}, "
                    "not the reset (the firmware found the capsule "
                    "changed, or none came)")
    return errs


FRAG = (r"SHIM: fragment: (\d+) single pages of boot-services data from "
        r"0x([0-9a-f]{16}), every other page of 0x[0-9a-f]+ freed \(\d+\); "
        r"the map has (\d+) descriptors")
BIGMAP_CFG = """[global]
default=hv

[hv]
options=console=com1 dom0_mem=32M
kernel=dom0.gz console=hvc0 xen-efimap
"""


def check_bigmap(res, sc):
    """The map the shim grew reached dom0 whole: at least two descriptors
    per fragment page, each fragment page one descriptor of its own
    (boot-services data, or reserved where the hypervisor owns it now),
    and dom0 done."""
    log = text(res)
    m = re.search(FRAG, log)
    if not m:
        return ["no 'SHIM: fragment' line"]
    n, base, fw_desc = int(m.group(1)), int(m.group(2), 16), \
        int(m.group(3))
    errs = []
    if fw_desc < sc["want_desc"]:
        errs.append(f"the shim made {fw_desc} descriptors, want at least "
                    f"{sc['want_desc']}")
    # The map changes a little between the shim and ExitBootServices;
    # the fragment pages alone make want_desc descriptors.
    d = re.search(r"\(d0\) xen-efimap: (\d+) descriptors of (\d+) bytes",
                  log)
    if not d or int(d.group(1)) < sc["want_desc"]:
        errs.append(f"dom0 read {d.group(1) if d else 'no'} descriptors, "
                    f"want at least {sc['want_desc']}")
    one_page = {}
    for a, b, t in re.findall(r"\(d0\) xen-efimap: efimap \d+: "
                              r"\[0x([0-9a-f]{16}), 0x([0-9a-f]{16})\) "
                              r"type=(\d+) ", log):
        if int(b, 16) - int(a, 16) == 4096:
            one_page[int(a, 16)] = int(t)
    missing = [i for i in range(n)
               if one_page.get(base + 2 * i * 4096) not in (4, 0)]
    if missing:
        errs.append(f"{len(missing)} of {n} fragment pages not one "
                    f"descriptor of their own in dom0's map (first: "
                    f"{missing[0]})")
    # The retention judge read the whole map too: OVMF's memory
    # attributes table was kept and the runtime page tables used it.
    errs += need(log, [r"\(d0\) dom0: done, powering off",
                       r"\(XEN\) EFI runtime page tables: .*attributes "
                       r"table used\n"])
    for bad in ("ERR:", "PANIC", "CPU exception", "refused at"):
        if bad in log:
            errs.append(f"log contains {bad!r}")
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}")
    return errs


def bigmap(name, pages, chain):
    kw = dict(cfg=BIGMAP_CFG, files=dom0_files(), want_desc=2 * pages,
              timeout=600)
    if chain == "grub":
        kw.update(chain="grub", cmdline="console=com1",
                  module_args={"dom0.gz": "console=hvc0 xen-efimap"})
    return sc(name, f"fragment={pages}", [check_bigmap], **kw)


RTMAP_CFG = BIGMAP_CFG.replace("xen-efimap", "xen-tlb")


def check_rtmap(res, sc):
    """Every runtime descriptor dom0 mapped writable was entered
    read-only, the shim's fragment pages among them."""
    log = text(res)
    errs = need(log, [r"SHIM: fragment: \d+ single pages of "
                      r"runtime-services data",
                      r"\(d0\) tlb: \d+ passed, 0 failed",
                      r"\(d0\) dom0: done, powering off"])
    m = re.search(r"\(d0\) tlb: (\d+) EFI runtime descriptors mapped "
                  r"writable: (\d+) refused, (\d+) left writable", log)
    if not m:
        return errs + ["no 'tlb: N EFI runtime descriptors' line"]
    seen, refused, writable = (int(g) for g in m.groups())
    if seen < sc["want_rt"]:
        errs.append(f"dom0 saw {seen} runtime descriptors, want at least "
                    f"{sc['want_rt']}")
    if refused or writable:
        errs.append(m.group(0))
    return errs


def sc(name, shim_args, checks, cfg_opts="", **kw):
    d = dict(name=name, loader="efishim", mem="1G", shim_args=shim_args,
             cfg=XEN_CFG.replace("loglvl=all", "loglvl=all " + cfg_opts),
             checks=checks, timeout=240)
    d.update(kw)
    return d


def scenarios():
    ok = [check_stub, rtpt.check_rt_pt, shim.check_boot_complete]
    return [
        sc("fw-mat-noprot", "rt-gettime=count", ok + [check_wx_is_the_stub],
           rt_wx=1,
           wx_reason="attributes-table entry with neither RO nor XP"),
        sc("fw-nomat-rtdata", "rt-gettime=count rt-stub-type=data",
           ok + [check_wx_covers_stub], cfg_opts="efi-retain=esrt",
           stub_data=True, rt_mat="none"),
        sc("fw-mapbs-off", "rt-gettime=bsread", [check_bs_fault]),
        sc("fw-mapbs-on", "rt-gettime=bsread", ok + [check_mapbs_wx],
           cfg_opts="efi=mapbs", rt_wx=None),
        sc("fw-mapbs-on-grub", "rt-gettime=bsread", ok + [check_mapbs_wx],
           chain="grub", cmdline="console=com1 loglvl=all efi=mapbs",
           rt_wx=None),
        sc("fw-rs-stack-guard", "rt-gettime=stack", [check_stack_guard]),
        sc("fw-rs-nmi", "rt-gettime=nmi",
           ok + [check_nmi], rt_wx=1),
        sc("fw-rs-mce", "rt-gettime=mce", [check_mce],
           stop_on=r"PANIC: fatal exception", probe_halt=True),
        dict(name="fw-rs-fault-twice", loader="xen.efi", mem="512M",
             cfg=XEN_CFG.replace("loglvl=all",
                                 "loglvl=all efi-rs-fault-test=twice"),
             files=XEN_FILES, checks=[check_twice],
             stop_on=r"PANIC: fatal exception", probe_halt=True,
             timeout=180),
        sc("fw-rt-table-high", "rt-table-high=1", [check_rt_high],
           mem="6G"),
        sc("fw-esrt-dup-class", shim.shim_args_of(dict(esrt=DUP)),
           [shim.check_shim_esrt, check_esrt_kept_warned,
            shim.check_boot_complete],
           cfg=ESRT_CFG, files=dom0_files(), esrt=DUP),
        sc("fw-esrt-nil-class-grub", shim.shim_args_of(dict(esrt=NIL)),
           [shim.check_shim_esrt, check_esrt_kept_warned,
            shim.check_boot_complete],
           chain="grub", files=dom0_files(), esrt=NIL,
           module_args={"dom0.gz": "console=hvc0 xen-info xen-esrt"}),
        sc("fw-capsule-linux", "rt-capsule=persist", [check_capsule_linux],
           cfg=CAPSULE_CFG, prepare=capsule_prepare),
        bigmap("fw-bigmap-3000-xenefi", 1500, "xen.efi"),
        bigmap("fw-bigmap-3000-grub", 1500, "grub"),
        bigmap("fw-bigmap-10000-xenefi", 5000, "xen.efi"),
        bigmap("fw-bigmap-10000-grub", 5000, "grub"),
        sc("fw-rtmap-300-xenefi", "fragment=300 fragment-type=rtdata",
           [check_rtmap], cfg=RTMAP_CFG, files=dom0_files(), want_rt=300,
           timeout=400),
        sc("fw-var-oversize", "rt-var-extra=1000", [check_oversize],
           cfg=DOM0_CFG % "xen-efivar oversize", files=dom0_files()),
    ]
