#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot scenarios for table retention (docs/retain.md): the firmware test
shim (test/efi-shim/) plants an ESRT in a chosen memory type and place, or
a broken one, may fail ExitBootServices() a few times and poison free
memory; then xen.efi, or GRUB booting xen.gz with multiboot2 on UEFI,
must keep a valid table byte for byte (the hypervisor's checksum and its
entry dump equal what the shim planted, down to the last entry's last
field), show its copy as ACPI reclaim memory in the EFI map and as ACPI in
e820, refuse every broken one with its reason and boot on.

The checks read the hypervisor's lines listed in docs/retain.md.
Once dom0 reads the ESRT by hypercall, these checks move to dom0's lines.
"""
import re

import dom0_scenarios
import shim_scenarios as shim
from shim_scenarios import ESRT_TYPES, HEX, esrt_lines, esrt_table, \
    shim_esrt_planted

# Where a valid table must end up, by the type of its first byte and of
# what it straddles into: kept only when all of it is runtime or ACPI.
KEEP_TYPES = {"rtdata", "acpireclaim"}


def expected_action(e):
    place = e.get("place") or "page"
    t1 = e.get("type") or "bsdata"
    types = {t1}
    if place == "straddle-desc":
        types.add(e.get("type2") or ("rtdata" if t1 == "bsdata"
                                     else "bsdata"))
    return "kept" if types <= KEEP_TYPES else "relocated"


def map_type_at(log, pa, kind_re):
    """True when a printed map line of a type matching kind_re holds pa."""
    for a, b in re.findall(r"\[([0-9a-f]{16}), ([0-9a-f]{16})\) +" +
                           kind_re + r"\b", log):
        if int(a, 16) <= pa < int(b, 16):
            return True
    return False


def check_esrt_retained(res, sc):
    """The planted ESRT went through ExitBootServices exact."""
    log, e = res.log, sc["esrt"]
    planted = shim_esrt_planted(log)
    if not planted:
        return ["no 'SHIM: esrt planted' line"]
    fw_pa, _, size, crc = planted
    table = esrt_table(**e)
    errs = []
    want = expected_action(e)
    if want == "kept":
        m = re.search(r"\(XEN\) Retain ESRT: kept in place at (0x[0-9a-f]+) "
                      r"\((\w+), (\d+) bytes, crc32 ([0-9a-f]{8})\)", log)
        new_pa = int(m.group(1), 16) if m else None
        if m and new_pa != fw_pa:
            errs.append(f"kept at {new_pa:#x}, planted at {fw_pa:#x}")
    else:
        m = re.search(r"\(XEN\) Retain ESRT: relocated from (0x[0-9a-f]+) "
                      r"\((\w+)\) to (0x[0-9a-f]+) \(ACPIReclaim, (\d+) "
                      r"bytes, crc32 ([0-9a-f]{8})\)", log)
        if m and int(m.group(1), 16) != fw_pa:
            errs.append(f"relocated from {m.group(1)}, planted at "
                        f"{fw_pa:#x}")
        new_pa = int(m.group(3), 16) if m else None
    if not m:
        return errs + [f"no 'Retain ESRT: {want}' line"]
    got_bytes, got_crc = int(m.group(m.lastindex - 1)), \
        int(m.group(m.lastindex), 16)
    if got_bytes != len(table) or got_bytes != size:
        errs.append(f"retained {got_bytes} bytes, planted {size}, "
                    f"want {len(table)}")
    if got_crc != crc:
        errs.append(f"retained crc32 {got_crc:08x}, planted {crc:08x}")
    after = (rf"\(XEN\) Retained ESRT at {new_pa:#x} after "
             rf"ExitBootServices: {len(table)} bytes, crc32 {crc:08x}, "
             r"intact\n")
    if not re.search(after, log):
        errs.append("no 'Retained ESRT ... intact' line after "
                    "ExitBootServices")
    if want == "relocated":
        if not map_type_at(log, new_pa, "ACPIReclaim"):
            errs.append(f"copy at {new_pa:#x} not ACPIReclaim in the EFI "
                        "map")
        if not map_type_at(log, new_pa, "ACPI"):
            errs.append(f"copy at {new_pa:#x} not ACPI in e820")
    # The dump after ExitBootServices equals the table planted, line for
    # line, last entry's last field included.
    hv = re.findall(r"\(XEN\) (esrt (?:header|entry \d+):[^\n]*)\n", log)
    if hv != esrt_lines(table):
        errs.append(f"hypervisor's ESRT dump ({len(hv)} lines) differs "
                    f"from the planted table ({e['count'] + 1} lines)")
    return errs


# The reason for a table whose pages were reused: the memory type the map
# shows there when the hypervisor judges it (under OVMF the firmware has
# often taken the freed pages again as boot-services data by then).
GONE = (r"it lies in \w+ \(type \d+\), reused since the firmware put it "
        r"there: its contents are gone")

REFUSALS = {
    "count-over-max": "the entry count is above the table's maximum",
    "absurd-count": "the entry count is absurdly large",
    "version": "unknown table version",
    "outside-map": "the table is not in the memory map",
}


def check_esrt_refused(res, sc):
    """A broken ESRT is refused with its reason and never dumped."""
    log, e = res.log, sc["esrt"]
    errs = []
    m = re.search(r"\(XEN\) Retain ESRT: refused at (0x[0-9a-f]+): (.*)\n",
                  log)
    if not m:
        return ["no 'Retain ESRT: refused' line"]
    if m.group(2) != sc["refusal"]:
        errs.append(f"refused for {m.group(2)!r}, want {sc['refusal']!r}")
    if re.search(r"\(XEN\) (Retained ESRT|esrt entry|esrt header)", log):
        errs.append("a refused ESRT was kept or dumped")
    return errs


def check_exact_or_refused(res, sc):
    """A table in memory the firmware calls free (a firmware bug) may be
    reused by whatever runs before the hypervisor: under OVMF, loading
    xen.efi or GRUB's work already overwrites it. Then it must be refused,
    never kept half-garbled, with the reason that says so: the memory type
    the map shows there when the table is judged (conventional memory, or
    the loader's or the firmware's data by then) and the contents gone."""
    m = re.search(r"\(XEN\) Retain ESRT: refused at (0x[0-9a-f]+): (.+)\n",
                  res.log)
    if m:
        errs = []
        if not re.fullmatch(GONE, m.group(2)):
            errs.append(f"refused for {m.group(2)!r}, want {GONE!r}")
        if re.search(r"\(XEN\) (Retained ESRT|esrt entry|esrt header)",
                     res.log):
            errs.append("a refused ESRT was kept or dumped")
        return errs
    return check_esrt_retained(res, sc)


def check_dom0_reads_esrt(res, sc):
    """dom0 found the ESRT by hypercall (XEN_FW_EFI_CONFIG_TABLE), judged
    its region with XEN_FW_EFI_MEM_INFO under Linux's rules, mapped it and
    printed exactly the table the shim planted."""
    log, e = res.log, sc["esrt"]
    table = esrt_table(**e)
    errs = []
    got = re.findall(r"\(d0\) xen-esrt: (esrt (?:header|entry \d+):[^\n]*)"
                     r"\n", log)
    if got != esrt_lines(table):
        errs.append(f"dom0 printed {len(got)} ESRT lines, not the "
                    f"{e['count'] + 1} planted")
    m = re.search(r"\(d0\) xen-esrt: mem_info addr=0x[0-9a-f]+: type=(\d+) ",
                  log)
    want = 9 if expected_action(e) == "relocated" else None
    if not m or (want and int(m.group(1)) != want):
        errs.append("dom0's MEM_INFO of the ESRT is not "
                    f"{'ACPI reclaim' if want else 'there'}")
    for rule in ("table", "esrt"):
        if f"(d0) xen-esrt: linux {rule} rule" not in log or \
                not re.search(rf"\(d0\) xen-esrt: linux {rule} rule "
                              r"[^\n]*: accept\n", log):
            errs.append(f"Linux's {rule} rule did not accept the ESRT")
    if f"(d0) xen-esrt: result=ok count={e['count']}\n" not in log:
        errs.append("dom0's xen-esrt did not end with result=ok")
    if "(d0) xen-esrt: truncated" in log:
        errs.append("dom0 found the ESRT truncated")
    return errs


def check_dom0_sees_no_esrt(res, sc):
    """A refused ESRT is gone from what dom0 reads."""
    if "(d0) xen-esrt: no ESRT in the configuration table\n" not in res.log:
        return ["dom0 still finds an ESRT the hypervisor refused"]
    return []


ESRT_GUID_TEXT = "b122a263-3661-4f68-9929-78f8b0d62180"


def check_dup_one_entry(res, sc):
    """esrt-dup: the shim made two ESRT entries; the hypervisor judged the
    last (the one Linux uses) and left at most one, which dom0 lists:
    the good table's copy when the bad one came first, none when the bad
    one came last (refused for its version)."""
    log, errs = res.log, []
    if not re.search(r"SHIM: esrt duplicate \(version 3\) at 0x[0-9a-f]+: "
                     r"entry \d+, the planted table entry \d+", shim.text(res)):
        errs.append("the shim planted no duplicate ESRT entry")
    if not re.search(r"\(XEN\) WARNING: 2 configuration-table entries share "
                     r"the ESRT GUID; the last is judged, the others "
                     r"dropped\n", log):
        errs.append("no warning that two entries share the ESRT GUID")
    listed = re.findall(r"\(d0\) xen-info: config_table \d+: guid=" +
                        ESRT_GUID_TEXT, log)
    want = 0 if sc["esrt"]["dup"] == "after" else 1
    if len(listed) != want:
        errs.append(f"dom0 lists {len(listed)} ESRT entries, want {want}")
    return errs


def check_acpi20_wrap(res, sc):
    """An ACPI 2.0 entry near 2^64 is listed, not read: the boot goes on
    with the ACPI 1.0 RSDP."""
    errs = []
    if "SHIM: acpi20 pointer 0xffffffffffffffe0 installed" not in \
            shim.text(res):
        errs.append("the shim did not re-point the ACPI 2.0 entry")
    if not re.search(r"\(XEN\)  ACPI 2\.0 +at 0xffffffffffffffe0\n",
                     res.log):
        errs.append("the hypervisor did not list the re-pointed entry")
    return errs


def check_retention_off(res, sc):
    log = res.log
    if "(XEN) Table retention off (efi=no-retain)\n" not in log:
        return ["no 'Table retention off' line"]
    if re.search(r"\(XEN\) Retain(ed)? ", log):
        return ["a table was judged with retention off"]
    return []


def check_ebs_retries(res, sc):
    k = sc.get("ebs_fail", 0)
    line = (f"(XEN) ExitBootServices succeeded on call {k + 1} (the map "
            f"key went stale {k} times)\n")
    if k and line not in res.log:
        return [f"no {line.strip()!r}"]
    if not k and "ExitBootServices succeeded on call" in res.log:
        return ["ExitBootServices reported retries nobody asked for"]
    return []


def check_ebs_gave_up(res, sc):
    """Eight stale keys: one ERR line, then a halt. After a failed
    ExitBootServices no boot service may be called (UEFI 2.10, 7.4), so
    neither ConOut nor a return to the firmware (whose boot manager would
    then run on a half-exited firmware)."""
    import run
    errs = []
    log = res.log.replace("\r", "")
    if not re.search(r"ERR: ExitBootServices failed after 8 calls "
                     r"\(EFI_INVALID_PARAMETER\)\n", log):
        errs.append("no 'ERR: ExitBootServices failed after 8 calls' line")
    if "(XEN) Halting: no boot service may be used after a failed " \
            "ExitBootServices, a return to the firmware included\n" \
            not in log:
        errs.append("no 'Halting' line")
    if log.count("ERR:") != 1:
        errs.append("not exactly one ERR line")
    for bad in ("Xen-style hypervisor", "Returning to the firmware",
                "BdsDxe: failed to start"):
        if bad in log:
            errs.append(f"{bad!r} after ExitBootServices failed")
    return errs + run.check_halted(res)


# dom0 as the first module, running the ESRT tool (docs/tools.md).
DOM0_CMDLINE = "console=hvc0 xen-info xen-esrt"
DOM0_FILES = [("dom0.gz", dom0_scenarios.DOM0)]
DOM0_ARGS = {"dom0.gz": DOM0_CMDLINE}
DOM0_XEN_CFG = ("[global]\ndefault=hv\n\n[hv]\n"
                "options=console=com1 loglvl=all dom0_mem=32M\n"
                f"kernel=dom0.gz {DOM0_CMDLINE}\n")


def check_dom0_stop(res, sc):
    return dom0_scenarios.check_stop(res, sc, "0 (poweroff)")


OK = [shim.check_shim_installed, shim.check_shim_esrt, shim.check_ebs_fail,
      shim.check_boot_complete, check_ebs_retries]

REFUSED = [shim.check_shim_installed, shim.check_shim_esrt,
           shim.check_ebs_fail, shim.check_boot_complete, check_ebs_retries,
           check_esrt_refused]


def judged(scenario):
    """A shim ESRT scenario, also judged on what the hypervisor did."""
    e = scenario.get("esrt")
    if not e or scenario["checks"] == [shim.check_shim_refused]:
        return scenario
    c = e.get("corrupt") or "none"
    if c in ("dup-class", "nil-class"):
        return scenario         # kept: their own checks (fw_scenarios.py)
    if c == "none" and "conventional" in (e.get("type"), e.get("type2")):
        scenario["checks"] = OK + [check_exact_or_refused]
    elif c == "none":
        scenario["checks"] = OK + [check_esrt_retained]
    else:
        scenario["checks"] = REFUSED
        scenario["refusal"] = REFUSALS[c]
    return scenario


def sc(name, esrt, chain="xen.efi", checks=None, **kw):
    d = dict(name=name, loader="efishim", mem=kw.pop("mem", "1G"),
             chain=chain, esrt=esrt, timeout=kw.pop("timeout", 300),
             checks=checks or [])
    d.update(kw)
    return d if checks else judged(d)


# The shim's own ESRT scenarios (test/boot/shim_scenarios.py) cover
# boot-services data on both chains (the GRUB one with poisoned memory),
# ACPI reclaim straddling into runtime data, 200 entries straddling pages
# in conventional memory, and each corruption; they are judged here on
# the hypervisor's side too. These add the other placements.
RETAIN_SCENARIOS = [
    sc("retain-rtdata-xenefi", dict(count=7, seed=1, type="rtdata"),
       ebs_fail=5),
    sc("retain-loaderdata-grub", dict(count=5, seed=3, type="loaderdata"),
       chain="grub", ebs_fail=2),
    sc("retain-straddle-page-500-xenefi",
       dict(count=500, seed=5, max=600, place="straddle-page"), ebs_fail=1),
    sc("retain-straddle-desc-grub",
       dict(count=9, seed=6, place="straddle-desc"), chain="grub"),
    sc("retain-straddle-rt-into-bs-xenefi",
       dict(count=9, seed=7, type="rtdata", place="straddle-desc",
            type2="bsdata"), poison=True),
    # What dom0 reads by hypercall, on both EFI paths: a relocated ESRT,
    # one kept in place, and a refused one that dom0 must not find.
    sc("retain-dom0-bsdata-xenefi", dict(count=6, seed=21), ebs_fail=1,
       cfg=DOM0_XEN_CFG, files=DOM0_FILES,
       checks=[shim.check_shim_esrt, check_esrt_retained,
               check_dom0_reads_esrt, check_dom0_stop]),
    sc("retain-dom0-rtdata-grub", dict(count=4, seed=22, type="rtdata"),
       chain="grub", files=DOM0_FILES, module_args=DOM0_ARGS,
       checks=[shim.check_shim_esrt, check_esrt_retained,
               check_dom0_reads_esrt, check_dom0_stop]),
    sc("retain-dom0-refused-grub", dict(count=2, seed=23, corrupt="version"),
       chain="grub", files=DOM0_FILES, module_args=DOM0_ARGS,
       refusal=REFUSALS["version"],
       checks=[shim.check_shim_esrt, check_esrt_refused,
               check_dom0_sees_no_esrt, check_dom0_stop]),
    # Two ESRT entries (firmware bug): the bad copy first, then last. The
    # last is judged either way, and only it may stay.
    sc("retain-dup-bad-first-xenefi",
       dict(count=3, seed=25, dup="before"), cfg=DOM0_XEN_CFG,
       files=DOM0_FILES,
       checks=[shim.check_shim_esrt, check_esrt_retained,
               check_dom0_reads_esrt, check_dup_one_entry,
               check_dom0_stop]),
    sc("retain-dup-bad-last-grub", dict(count=3, seed=26, dup="after"),
       chain="grub", files=DOM0_FILES, module_args=DOM0_ARGS,
       refusal=REFUSALS["version"],
       checks=[shim.check_shim_esrt, check_esrt_refused,
               check_dom0_sees_no_esrt, check_dup_one_entry,
               check_dom0_stop]),
    # A configuration-table address near 2^64 must not wrap a bound.
    sc("cfgtable-acpi20-near-2-64-xenefi", dict(count=1, seed=24),
       shim_args="esrt=1 seed=24 acpi20=0xffffffffffffffe0",
       checks=[shim.check_boot_complete, check_acpi20_wrap]),
    # efi=no-retain: nothing judged, nothing moved.
    sc("retain-off-grub", dict(count=3, seed=9), chain="grub",
       cmdline="console=com1 loglvl=all efi=no-retain",
       checks=[shim.check_shim_esrt, shim.check_boot_complete,
               check_retention_off]),
    # ExitBootServices that never holds: one ERR line, then a halt.
    sc("retain-ebs-never-xenefi", dict(count=1, seed=10), ebs_fail=8,
       checks=[shim.check_shim_esrt, check_ebs_gave_up],
       stop_on=r"Halting: no boot service", probe_halt=True, timeout=240),
]
