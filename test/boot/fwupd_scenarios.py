#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The firmware as Linux tools see it in a Linux dom0: Debian's 6.12
kernel (the first Debian-12 kernel that shows the ESRT under Xen) with
efivarfs, efibootmgr and fwupd from Debian's packages
(tools/linuxdom0.py --kernel 6.12 --firmware, dom0test=firmware), after
the firmware test shim planted an ESRT. Each scenario boots several
times on one OVMF variable store:

  fwupd-xen-efi    OVMF starts xen.efi.
                   1. the small dom0 (shim: esrt=4 rtdata): xen-info,
                      xen-esrt, xen-efimap, xen-e820 and xen-efivar reads
                      of the boot variables;
                   2. Linux, same shim options: /sys/firmware/efi/esrt
                      against the planted table field by field, fwupdtool
                      get-devices against it, efibootmgr against the
                      variables OVMF's store holds, the project's Linux
                      tools against the small dom0's lines, and a variable
                      written through efivarfs;
                   3. Linux (shim: esrt=3 bsdata, another seed): sysfs and
                      fwupd again, the variable read back and deleted.
                   The store file is read after each boot: the variable
                   is in it after 2, gone after 3.
  fwupd-grub-efi   the same through GRUB2 EFI (multiboot2, boot services
                   kept): boots 1 and 2 with esrt=3 bsdata, then Linux
                   with esrt=2 rtdata.
  fwupd417-xen-efi boot 2's checks on Debian's Xen 4.17 (xen.efi), then
                   Linux with esrt=2 rtdata. For the table in
                   boot-services data Xen copies it 16 bytes short, so
                   the last entry's lowest_supported_fw_version,
                   capsule_flags and last_attempt_* are whatever followed
                   the copy; the scenario checks that they differ and
                   reports them. The table in runtime data Xen leaves in
                   place: every field as planted.

Packages (the 6.12 kernel, busybox, fwupd, efibootmgr and the libraries
their NEEDED entries name, Xen 4.17) are fetched once into build/; one
that cannot be had skips the scenario with the reason.

    test/boot/run.py fwupd-xen-efi
"""
import json
import os
import re
import secrets
import shutil
import struct
import subprocess
import sys
import threading
import uuid

import qemu
import shim_scenarios
import xen417
from fixtures import BUILD, TOP, WORK

sys.path.insert(0, os.path.join(TOP, "tools"))
import linuxdom0  # noqa: E402

DOM0 = os.path.join(BUILD, "dom0", "dom0.gz")
XEN_OPTIONS = "console=com1 dom0_mem=512M"
SMALL_XEN_OPTIONS = "console=com1 dom0_mem=64M"
XEN417_OPTIONS = ("console=com1 com1=115200,8n1 dom0_mem=512M loglvl=all "
                  "guest_loglvl=all")
TOOLS = ["xen-info", "xen-esrt", "xen-efimap", "xen-e820"]
BOOT_VARS = ["BootOrder", "Timeout"] + [f"Boot{i:04X}" for i in range(6)]
SMALL_CMDLINE = ("console=hvc0 " + " ".join(TOOLS) + " " +
                 " ".join(f"xen-efivar read {v}" for v in BOOT_VARS))
GLOBAL_GUID = "8be4df61-93ca-11d2-aa0d-00e098032b8c"
FIELDS = ["fw_type", "fw_version", "lowest_supported_fw_version",
          "capsule_flags", "last_attempt_version", "last_attempt_status"]
# fwupd's answer for each device: no ESP can be found without udisks.
FWUPD_UPDATE_ERRORS = {None, "Not updatable as UEFI ESP partition not "
                       "detected"}

_lock = threading.Lock()
_initrd = {}


# ---- building and booting --------------------------------------------------

def prepare(sc):
    """The kernel, busybox, the Debian programs and the initramfs (built
    once per run), the Linux tools; for Xen 4.17 its package. Returns
    None when ready, or the reason to skip."""
    if sc.get("xen417"):
        why = xen417.prepare_shim(sc)
        if why:
            return why
    with _lock:
        try:
            sc["_vmlinuz"] = linuxdom0.fetch("6.12")
            if "path" not in _initrd:
                _initrd["path"] = linuxdom0.initramfs(
                    os.path.join(WORK, "fwupd-initrd.zst"),
                    linuxdom0.SCRIPTS, version="6.12",
                    extra=linuxdom0.firmware_entries(), zstd=True)
        except (OSError, subprocess.SubprocessError) as e:
            return str(e)
    sc["_initrd"] = _initrd["path"]
    return None


def linux_cmdline(sc, boot):
    """iomem=relaxed: xen-esrt reads the table through /dev/mem, which
    Debian's CONFIG_IO_STRICT_DEVMEM refuses for the ACPI reclaim memory
    a retained table is copied to (docs/tools.md)."""
    words = ["console=hvc0", "iomem=relaxed", "dom0test=firmware",
             "hvend=poweroff"]
    if boot.get("first"):
        words += ["hvboot=first", "hvtools=" + ",".join(TOOLS)]
    if boot.get("persist"):
        words += [f"hvpersist={boot['persist']}",
                  f"hvtoken={sc['_token']}"]
    return " ".join(words)


def build_boot_esp(sc, boot, img):
    """The shim's ESP for one boot: the shim's ESRT options, then xen.efi
    (ours or Xen 4.17's) with its xen.cfg, or GRUB with its grub.cfg."""
    shim = f"esrt={boot['count']} seed={boot['seed']:#x} " \
           f"esrt-type={boot['esrt']}"
    if boot["kind"] == "small":
        files = [(DOM0, "dom0.gz")]
        kernel, cmdline, opts = "dom0.gz", SMALL_CMDLINE, SMALL_XEN_OPTIONS
    else:
        files = [(sc["_vmlinuz"], "vmlinuz"), (sc["_initrd"], "initrd.zst")]
        kernel, cmdline = "vmlinuz", linux_cmdline(sc, boot)
        opts = XEN417_OPTIONS if sc.get("xen417") else XEN_OPTIONS
    cfg = os.path.join(WORK, f"{sc['name']}.boot{boot['n']}.cfg")
    with open(cfg, "w") as f:
        if sc["chain"] == "grub":
            f.write("set timeout=0\n"
                    "search --no-floppy --set=root --file /EFI/xen/xen.gz\n"
                    f"multiboot2 /EFI/xen/xen.gz {opts}\n"
                    f"module2 /EFI/xen/{kernel} {cmdline}\n")
            if boot["kind"] == "linux":
                f.write("module2 /EFI/xen/initrd.zst initrd\n")
            f.write("boot\n")
        else:
            f.write(f"[global]\ndefault=hv\n\n[hv]\noptions={opts}\n"
                    f"kernel={kernel} {cmdline}\n")
            if boot["kind"] == "linux":
                f.write("ramdisk=initrd.zst\n")
    image = xen417.XEN_EFI if sc.get("xen417") else os.path.join(
        BUILD, "xen.gz" if sc["chain"] == "grub" else "xen.efi")
    args = ["test/efi-shim/mkesp-shim.sh", img,
            os.path.join(BUILD, "efishim.efi"), image, cfg, shim]
    for path, name in files:
        args += [path, name]
    subprocess.run(args, cwd=TOP, check=True,
                   env=dict(os.environ, CHAIN=sc["chain"]))


def run_boots(sc, log):
    """Boots sc's boots in turn on one variable store; each boot's serial
    log, its Result and a copy of the store after it are kept in
    sc["_boots"]. Returns a Result whose log holds every boot's."""
    vars_path = os.path.join(WORK, sc["name"] + ".vars")
    qemu.fresh_vars(vars_path, WORK)
    sc["_token"] = secrets.token_hex(6)
    sc["_boots"] = []
    total = qemu.Result()
    parts = []
    for boot in sc["boots"]:
        img = os.path.join(WORK, f"{sc['name']}.boot{boot['n']}.esp")
        build_boot_esp(sc, boot, img)
        blog = os.path.join(WORK, f"{sc['name']}.boot{boot['n']}.log")
        res = qemu.run(["-m", "1G", "-drive", f"format=raw,file={img}"],
                       blog, boot.get("timeout", 300),
                       stop_on=r"\(XEN\) PANIC|Hardware Dom0 halted|"
                               r"Hardware Dom0 crashed",
                       firmware="ovmf", vars_path=vars_path)
        snap = f"{vars_path}.boot{boot['n']}"
        shutil.copyfile(vars_path, snap)
        sc["_boots"].append((boot, res, snap))
        parts.append(f"==== boot {boot['n']}: {boot['kind']} dom0, "
                     f"esrt={boot['count']} {boot['esrt']} "
                     f"seed={boot['seed']:#x} ({res.seconds:.1f} s, "
                     f"{res.shutdown_reason or 'no shutdown'}) ====\n"
                     + res.log)
        total.seconds += res.seconds
        total.shutdown_reason = res.shutdown_reason
        total.timed_out |= res.timed_out
    total.log = "\n".join(parts)
    with open(log, "w") as f:
        f.write(total.log)
    return total


# ---- reading what the boots printed ----------------------------------------

def dom0_lines(log, prefix):
    """The text after "prefix: " of dom0's lines (with or without the
    "(d0) " our console adds; Xen 4.17 adds none)."""
    return [m.group(1).rstrip("\r") for m in re.finditer(
        r"^(?:\(d0\) )?" + re.escape(prefix) + r": ?(.*)$", log, re.M)]


def test_lines(log):
    return dom0_lines(log, "dom0-test")


def planted(boot):
    """The planted entries, {index: {field: value}}, from the shim's own
    generator (shim_scenarios.esrt_table)."""
    t = shim_scenarios.esrt_table(boot["count"], boot["seed"])
    out = {}
    for i in range(boot["count"]):
        e = t[16 + 40 * i:56 + 40 * i]
        vals = struct.unpack_from("<6I", e, 16)
        out[i] = dict(fw_class=str(uuid.UUID(bytes_le=e[:16])),
                      **dict(zip(FIELDS, vals)))
    return out


def sysfs_entries(lines):
    """{index: {field: value}} of the "sysfs entryN:" lines."""
    out = {}
    for ln in lines:
        m = re.match(r"sysfs entry(\d+): (.*)$", ln)
        if not m:
            continue
        vals = dict(kv.split("=", 1) for kv in m.group(2).split())
        out[int(m.group(1))] = {
            k: (v if k == "fw_class" else int(v, 0)) for k, v in vals.items()}
    return out


def fwupd_devices(lines):
    """fwupdtool's device list (its JSON), or None."""
    text = "\n".join(ln[len("fwupd-json: "):] for ln in lines
                     if ln.startswith("fwupd-json: "))
    try:
        return json.loads(text).get("Devices", [])
    except ValueError:
        return None


def var_store(path):
    """{(name, guid): (attributes, data)} of the live variables of an
    OVMF variable store file (EDK II's authenticated variable format:
    firmware volume header, variable store header, then records of a
    60-byte header, the UCS-2 name and the data, 4-byte aligned; a
    record is live in state VAR_ADDED 0x3f, or 0x3e while being
    replaced and no newer copy is)."""
    with open(path, "rb") as f:
        d = f.read()
    hdr = struct.unpack_from("<H", d, 48)[0]
    size = struct.unpack_from("<I", d, hdr + 16)[0]
    off, end = (hdr + 28 + 3) & ~3, hdr + size
    added, moving = {}, {}
    while off + 60 <= min(end, len(d)):
        start, state, _, attr = struct.unpack_from("<HBBI", d, off)
        if start != 0x55AA:
            break
        name_size, data_size = struct.unpack_from("<II", d, off + 36)
        guid = str(uuid.UUID(bytes_le=d[off + 44:off + 60]))
        name = d[off + 60:off + 60 + name_size].decode(
            "utf-16-le", "replace").rstrip("\0")
        data = d[off + 60 + name_size:off + 60 + name_size + data_size]
        if state == 0x3F:
            added[(name, guid)] = (attr, data)
        elif state == 0x3E:
            moving[(name, guid)] = (attr, data)
        off = (off + 60 + name_size + data_size + 3) & ~3
    return {**moving, **added}


def load_option(data):
    """(active, description) of an EFI_LOAD_OPTION."""
    attr = struct.unpack_from("<I", data, 0)[0]
    desc = data[6:].decode("utf-16-le", "replace").split("\0")[0]
    return bool(attr & 1), desc


def boots_of(sc, kind):
    return [(b, r, s) for b, r, s in sc["_boots"] if b["kind"] == kind]


# ---- checks ----------------------------------------------------------------

def check_boots(res, sc):
    """Every boot ran to its end: the small dom0 to its poweroff, Linux
    through its script to ACPI S5 (on Xen 4.17: to its halt)."""
    errs = []
    for boot, r, _ in sc["_boots"]:
        n = boot["n"]
        if boot["kind"] == "small":
            if "done, powering off" not in dom0_lines(r.log, "dom0"):
                errs.append(f"boot {n}: the small dom0 did not finish")
        elif "done" not in test_lines(r.log):
            errs.append(f"boot {n}: the firmware script did not finish")
        want = "guest-shutdown"
        if r.shutdown_reason != want and not (
                sc.get("xen417") and "Hardware Dom0 halted" in r.log):
            errs.append(f"boot {n}: QEMU stopped by "
                        f"{r.shutdown_reason or 'nothing'}"
                        f"{' (timeout)' if r.timed_out else ''}")
        for bad in ("Kernel panic", "BUG:", "Oops", "dom0 exception",
                    "(XEN) PANIC", "segfault", "SHIM: ERR"):
            if bad in r.log:
                errs.append(f"boot {n}: log contains {bad!r}")
    return errs


def short_copy(sc, boot):
    """Whether the boot's table is Xen 4.17's short copy: Xen relocates
    a table in boot-services data 16 bytes short; one in runtime data it
    leaves in place, whole."""
    return bool(sc.get("xen417")) and boot["esrt"] != "rtdata"


def check_sysfs(res, sc):
    """Each Linux boot's /sys/firmware/efi/esrt equals the planted table,
    field by field (on Xen 4.17 but for the last entry's tail)."""
    errs = []
    for boot, r, _ in boots_of(sc, "linux"):
        n, want = boot["n"], planted(boot)
        lines = test_lines(r.log)
        head = [ln for ln in lines if ln.startswith("sysfs esrt: ")]
        exp = (f"sysfs esrt: fw_resource_count={boot['count']} "
               f"fw_resource_count_max={boot['count']} fw_resource_version=1")
        if head != [exp]:
            errs.append(f"boot {n}: {head or 'no sysfs esrt line'}, "
                        f"want {exp!r}")
        got = sysfs_entries(lines)
        if sorted(got) != sorted(want):
            errs.append(f"boot {n}: sysfs entries {sorted(got)}, want "
                        f"{sorted(want)}")
            continue
        for i in want:
            short = short_copy(sc, boot) and i == boot["count"] - 1
            for k, v in want[i].items():
                if short and k in FIELDS[2:]:
                    continue
                if got[i].get(k) != v:
                    errs.append(f"boot {n}: entry{i} {k}={got[i].get(k)}, "
                                f"planted {v}")
        if short_copy(sc, boot):
            i = boot["count"] - 1
            tail = {k: got[i][k] for k in FIELDS[2:]}
            if all(tail[k] == want[i][k] for k in tail):
                errs.append(f"boot {n}: Xen 4.17's short copy no longer "
                            "shows in the last entry")
            print(f"    fwupd: Xen 4.17, entry{i} past the copy: " +
                  " ".join(f"{k}={v:#x}" for k, v in tail.items()))
    return errs


def check_fwupd(res, sc):
    """fwupdtool lists one uefi_capsule device per planted entry, with
    its class GUID, version and lowest supported version; each one
    refused only for want of an ESP."""
    errs = []
    for boot, r, _ in boots_of(sc, "linux"):
        n, want = boot["n"], planted(boot)
        lines = test_lines(r.log)
        if "fwupd exit=0" not in lines:
            errs.append(f"boot {n}: fwupdtool did not exit 0")
        devs = fwupd_devices(lines)
        if devs is None:
            errs.append(f"boot {n}: no JSON device list from fwupdtool")
            continue
        caps = [d for d in devs if d.get("Plugin") == "uefi_capsule"]
        if len(caps) != len(want):
            errs.append(f"boot {n}: {len(caps)} uefi_capsule devices, "
                        f"planted {len(want)} entries")
        for i, e in want.items():
            d = [d for d in caps if e["fw_class"] in d.get("Guid", [])]
            if len(d) != 1:
                errs.append(f"boot {n}: {len(d)} devices for entry {i} "
                            f"({e['fw_class']})")
                continue
            d = d[0]
            short = short_copy(sc, boot) and i == boot["count"] - 1
            if d.get("VersionRaw") != e["fw_version"]:
                errs.append(f"boot {n}: entry {i}: VersionRaw "
                            f"{d.get('VersionRaw')}, planted "
                            f"{e['fw_version']}")
            if not short and d.get("VersionLowestRaw", 0) != \
                    e["lowest_supported_fw_version"]:
                errs.append(f"boot {n}: entry {i}: VersionLowestRaw "
                            f"{d.get('VersionLowestRaw')}, planted "
                            f"{e['lowest_supported_fw_version']}")
            if d.get("UpdateError") not in FWUPD_UPDATE_ERRORS:
                errs.append(f"boot {n}: entry {i}: {d.get('UpdateError')}")
    return errs


def check_efibootmgr(res, sc):
    """efibootmgr's lines equal the boot variables in OVMF's store file
    (BootOrder, Timeout, each Boot#### with its active flag and
    description; BootCurrent is the option OVMF's boot manager says it
    started: the disk, whose launcher started the shell), and the
    small dom0's xen-efivar reads equal the store too."""
    errs = []
    for boot, r, snap in boots_of(sc, "linux"):
        if not boot.get("first"):
            continue
        n = boot["n"]
        store = var_store(snap)
        lines = [ln[len("efibootmgr: "):] for ln in test_lines(r.log)
                 if ln.startswith("efibootmgr: ")]
        if "efibootmgr exit=0" not in test_lines(r.log):
            errs.append(f"boot {n}: efibootmgr did not exit 0")
        order = store.get(("BootOrder", GLOBAL_GUID))
        if not order:
            errs.append(f"boot {n}: no BootOrder in the store")
            continue
        order = [f"{x:04X}" for x in struct.unpack(
            f"<{len(order[1]) // 2}H", order[1])]
        if f"BootOrder: {','.join(order)}" not in lines:
            errs.append(f"boot {n}: no 'BootOrder: {','.join(order)}'")
        tmo = store.get(("Timeout", GLOBAL_GUID))
        if tmo and f"Timeout: {struct.unpack('<H', tmo[1])[0]} seconds" \
                not in lines:
            errs.append(f"boot {n}: efibootmgr's timeout differs")
        entries = {k[0][4:]: load_option(v[1]) for k, v in store.items()
                   if re.fullmatch(r"Boot[0-9A-F]{4}", k[0]) and
                   k[1] == GLOBAL_GUID}
        shown = [ln for ln in lines if re.match(r"Boot[0-9A-F]{4}", ln)]
        if len(shown) != len(entries):
            errs.append(f"boot {n}: efibootmgr shows {len(shown)} entries, "
                        f"the store holds {len(entries)}")
        for num, (active, desc) in sorted(entries.items()):
            want = f"Boot{num}{'*' if active else ' '} {desc}"
            if not any(ln.startswith(want) for ln in shown):
                errs.append(f"boot {n}: no efibootmgr line {want!r}")
        cur = [ln for ln in lines if ln.startswith("BootCurrent: ")]
        started = re.findall(r"BdsDxe: starting Boot([0-9A-F]{4}) ", r.log)
        if len(cur) != 1 or not started or cur[0][13:] != started[-1] or \
                cur[0][13:] not in entries:
            errs.append(f"boot {n}: BootCurrent {cur} is not the option "
                        f"OVMF started (Boot{started[-1:]})")
    for boot, r, snap in boots_of(sc, "small"):
        store = var_store(snap)
        for ln in dom0_lines(r.log, "xen-efivar"):
            m = re.match(r"read (\S+) (\S+): status=0x0 \(EFI_SUCCESS\) "
                         r"attr=0x([0-9a-f]+) size=(\d+) data=([0-9a-f]*)$",
                         ln)
            if not m:
                continue
            v = store.get((m.group(1), m.group(2)))
            if not v or v[1].hex() != m.group(5) or \
                    v[0] != int(m.group(3), 16):
                errs.append(f"boot {boot['n']}: xen-efivar {ln!r} is not "
                            "the store's")
        reads = [ln for ln in dom0_lines(r.log, "xen-efivar")
                 if ln.startswith("read BootOrder ")]
        if not reads or "EFI_SUCCESS" not in reads[0]:
            errs.append(f"boot {boot['n']}: xen-efivar did not read "
                        "BootOrder")
    return errs


def tool_lines(log, tool):
    return dom0_lines(log, tool)


# EFI memory types whose ranges the firmware keeps whatever is loaded:
# reserved, runtime code and data, ACPI reclaim and NVS, MMIO, MMIO ports.
FIRMWARE_KEPT = {0, 5, 6, 9, 10, 11, 12}


def compare_view(tool, lines):
    """The lines of tool that two boots of one machine must share: all of
    them but xen-esrt's comparison with the kernel's own table (Linux
    only) and, of xen-efimap, the descriptors of memory the loader and
    the firmware's boot services used, which follow the size of what was
    loaded, and the hypervisor's own pages but its image (its range,
    not its index: the descriptors before it vary)."""
    out = []
    owned = {m.group(1) for m in (re.match(r"hypervisor-owned (\d+): ", ln)
                                  for ln in lines) if m}
    for ln in lines:
        if tool == "xen-esrt" and re.match(r"(kernel:|map header|hint:)", ln):
            continue
        if tool == "xen-efimap":
            m = re.match(r"(efimap|hypervisor-owned) (\d+): "
                         r"(.* type=(\d+) .*)", ln)
            if m and m.group(1) == "efimap":
                if int(m.group(4)) in FIRMWARE_KEPT and \
                        m.group(2) not in owned:
                    out.append(f"efimap: {m.group(3)}")
                continue
            if m:
                if "LoaderCode" in ln:
                    out.append(f"hypervisor image: {m.group(3)}")
                continue
            if re.match(r"\d+ descriptors of ", ln):
                ln = re.sub(r"^\d+ ", "", ln)
            elif re.match(r"\d+ reserved ranges owned", ln):
                continue
        out.append(ln)
    return out


def check_tools(res, sc):
    """The project's Linux tools (xen-privcmd loaded) print what the small
    dom0 printed on the boot before, with the same shim options: the same
    EFI information and configuration-table GUIDs, the same ESRT
    entries, the same e820 and EFI memory-map types."""
    errs = []
    small = boots_of(sc, "small")
    for boot, r, _ in boots_of(sc, "linux"):
        if not boot.get("first"):
            continue
        n = boot["n"]
        lines = test_lines(r.log)
        if "privcmd: 1 loaded" not in lines:
            errs.append(f"boot {n}: xen-privcmd is not loaded")
        for t in TOOLS:
            if not any(ln.startswith(f"tool {t} exit=") for ln in lines):
                errs.append(f"boot {n}: {t} did not run")
        for sboot, sres, _ in small:
            if (sboot["count"], sboot["seed"], sboot["esrt"]) != \
                    (boot["count"], boot["seed"], boot["esrt"]):
                continue
            for t in TOOLS:
                a = compare_view(t, tool_lines(sres.log, t))
                b = compare_view(t, tool_lines(r.log, t))
                if not a:
                    errs.append(f"boot {sboot['n']}: no {t} lines")
                for ln in sorted(set(a) ^ set(b)):
                    errs.append(f"{t}: {'small dom0' if ln in a else 'Linux'}"
                                f" only: {ln}")
    return errs


def check_persist(res, sc):
    """The variable written through efivarfs in one boot is in the store
    after it, read back by the next boot and deleted: gone from the store
    after that boot."""
    errs = []
    token = sc["_token"].encode().hex()
    name = ("HvPersist", linuxdom0.PERSIST_GUID)
    for boot, r, snap in boots_of(sc, "linux"):
        mode, n = boot.get("persist"), boot["n"]
        if not mode:
            continue
        lines = test_lines(r.log)
        store = var_store(snap)
        if mode == "write":
            if f"persist read: 07000000{token}" not in lines:
                errs.append(f"boot {n}: the written variable does not read "
                            "back in the same boot")
            if store.get(name) != (7, sc["_token"].encode()):
                errs.append(f"boot {n}: the store holds {store.get(name)}, "
                            "not the written variable")
        else:
            if f"persist read: 07000000{token}" not in lines:
                errs.append(f"boot {n}: the variable of the boot before "
                            f"reads {[ln for ln in lines if 'persist' in ln]}")
            if "persist after delete: gone" not in lines:
                errs.append(f"boot {n}: the variable was not deleted")
            if name in store:
                errs.append(f"boot {n}: the deleted variable is still in "
                            "the store")
    return errs


def check_612_answers(res, sc):
    """What 6.12 asks beyond 6.1 got Xen's answers: its MTRR map from
    XENPF_read_memtype, Xen's PAT, _PDC sanitized by the hypervisor."""
    errs = []
    for boot, r, _ in boots_of(sc, "linux"):
        for pat in (r"MTRR map: \d+ entries .*built from \d+ variable MTRRs",
                    r"x86/PAT: Configuration \[0-7\]: WB  WT  UC- UC  WC  "
                    r"WP  UC  UC"):
            if not re.search(pat, r.log):
                errs.append(f"boot {boot['n']}: no line matching {pat!r}")
        if "_PDC buffer bits from Xen failed" in r.log:
            errs.append(f"boot {boot['n']}: _PDC sanitizing failed")
    return errs


def report(res, sc):
    """One line per boot with its time (QEMU TCG)."""
    for boot, r, _ in sc["_boots"]:
        print(f"    fwupd: boot {boot['n']} ({boot['kind']} dom0, "
              f"esrt={boot['count']} {boot['esrt']}): {r.seconds:.1f} s")
    return []


def _boots(*specs):
    return [dict(n=i + 1, **s) for i, s in enumerate(specs)]


CHECKS = [check_boots, check_sysfs, check_fwupd, check_efibootmgr,
          check_tools, check_persist, check_612_answers, report]

FWUPD_SCENARIOS = [
    dict(name="fwupd-xen-efi", loader="esp", chain="xen.efi", mem="1G",
         prepare=prepare, run=run_boots, checks=CHECKS, timeout=900,
         boots=_boots(
             dict(kind="small", count=4, seed=0xf00d, esrt="rtdata",
                  timeout=180),
             dict(kind="linux", count=4, seed=0xf00d, esrt="rtdata",
                  first=True, persist="write"),
             dict(kind="linux", count=3, seed=0xbeef, esrt="bsdata",
                  persist="read"))),
    dict(name="fwupd-grub-efi", loader="esp", chain="grub", mem="1G",
         prepare=prepare, run=run_boots, checks=CHECKS, timeout=600,
         boots=_boots(
             dict(kind="small", count=3, seed=0xcafe, esrt="bsdata",
                  timeout=180),
             dict(kind="linux", count=3, seed=0xcafe, esrt="bsdata",
                  first=True),
             dict(kind="linux", count=2, seed=0xd00d, esrt="rtdata"))),
    dict(name="fwupd417-xen-efi", loader="esp", chain="xen.efi", mem="1G",
         xen417=True, prepare=prepare, run=run_boots, timeout=400,
         checks=[check_boots, check_sysfs, check_fwupd, check_efibootmgr,
                 report],
         boots=_boots(
             dict(kind="linux", count=3, seed=0x5eed, esrt="bsdata",
                  first=True),
             dict(kind="linux", count=2, seed=0xd00d, esrt="rtdata"))),
]


if __name__ == "__main__":
    sys.exit(subprocess.call(
        [sys.executable, os.path.join(os.path.dirname(__file__), "run.py"),
         "-j", "1"] + [sc["name"] for sc in FWUPD_SCENARIOS]))
