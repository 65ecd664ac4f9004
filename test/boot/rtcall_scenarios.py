#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Runtime-call scenarios: the PV dom0 (build/dom0/dom0.gz) uses
XENPF_efi_runtime_call through its tools xen-efivar, xen-time,
xen-capsule and xen-reset (docs/tools.md) under OVMF.

  rtcall-vars-persist   three xen.efi boots on ONE copy of the OVMF
                        variable store: boot 1 writes XenRtcallTest,
                        reads it back, runs the hostile cases (errors,
                        nothing written, the variable count unchanged),
                        QueryVariableInfo, GetTime against the host clock
                        (QEMU -rtc base=utc), SetWakeupTime (disable),
                        SetTime (the time just read), GetWakeupTime, the
                        monotonic count, and resets with xen-reset;
                        boot 2 reads the variable back, lists it, deletes
                        it; boot 3 proves it is gone
  rtcall-capsule        QueryCapsuleCapabilities and UpdateCapsule of a
                        capsule given as dom0's module reach OVMF (the
                        hypervisor logs each firmware status, dom0 reports
                        the same one); scatter-gather lists (dom0
                        pseudo-physical addresses, as Linux writes them)
                        naming memory beyond dom0's, or the capsule's
                        machine address, are refused with -EPERM,
                        CAPSULE_FLAGS_INITIATE_RESET with -EINVAL, and
                        never reach the firmware
  rtcall-grub-efi       the same calls on the GRUB multiboot2 EFI path
  rtcall-secboot        xen-efivar read SecureBoot under the Secure Boot
                        OVMF build with the snakeoil keys: data=01

Boots 1 and 2 of rtcall-vars-persist run from build_esp() (run.py calls
it after copying the variable store and before its own boot, so all
three share the store); their logs are kept in sc["_boots"].
"""
import os
import re
import shutil
import struct
import subprocess
import time

import qemu
from fixtures import BUILD, TOP, WORK

DOM0 = os.path.join(BUILD, "dom0", "dom0.gz")
GUID = "6d1e4c2a-58b3-4f0e-9a61-2b7c0d93e415"
VAR = "XenRtcallTest"
DATA = "0123456789abcdef5aa5"
CAPSULE_GUID = bytes.fromhex("2a4c1e6db3580e4f9a612b7c0d93e416")

CFG = """# xen.cfg: the PV dom0 and a capsule as its module
[global]
default=hv

[hv]
options=console=com1 dom0_mem=32M
kernel=dom0.gz console=hvc0 %s
ramdisk=capsule.bin
"""

BOOT1 = (f"xen-time wakeup-off xen-efivar info "
         f"xen-efivar write {VAR} {GUID} {DATA} "
         f"xen-efivar read {VAR} {GUID} xen-efivar hostile xen-time set "
         f"xen-reset")
BOOT2 = (f"xen-efivar read {VAR} {GUID} xen-efivar list "
         f"xen-efivar delete {VAR} {GUID} xen-efivar read {VAR} {GUID}")
BOOT3 = f"xen-efivar read {VAR} {GUID} xen-efivar list"
CAPSULE_CMDS = ("xen-capsule query xen-capsule query 0x20000 "
                "xen-capsule submit xen-capsule submit 0x10000 "
                "xen-capsule hostile")
GRUB_CMDS = ("xen-time xen-efivar info xen-efivar read PlatformLang "
             "xen-capsule query")
SECBOOT_CMDS = ("xen-efivar read SecureBoot xen-efivar read SetupMode "
                "xen-efivar read MokSBStateRT "
                "605dab50-e046-4300-abb6-3dd810dd8b23")

EFI_NOT_FOUND = "status=0x800000000000000e (EFI_NOT_FOUND)"


def capsule_file():
    """A 4096-byte capsule: EFI_CAPSULE_HEADER (a test GUID, header 28
    bytes, flags 0, image 4096) and a patterned body."""
    path = os.path.join(WORK, "rtcall-capsule.bin")
    body = bytes((i * 13) & 0xFF for i in range(4096 - 28))
    with open(path, "wb") as f:
        f.write(CAPSULE_GUID + struct.pack("<III", 28, 0, 4096) + body)
    return path


def make_esp(sc, img, cmds, efi=None):
    cfg = os.path.join(WORK, sc["name"] + ".cfg")
    with open(cfg, "w") as f:
        f.write(CFG % cmds)
    subprocess.run(["tools/mkesp.sh", img,
                    efi or os.path.join(BUILD, "xen.efi"), cfg, DOM0,
                    "dom0.gz", capsule_file(), "capsule.bin"],
                   cwd=TOP, check=True)


def vars_path(sc):
    return os.path.join(WORK, sc["name"] + ".vars")


def boot(sc, img, n, timeout):
    """One extra boot on the scenario's variable store; returns
    (host time at start, result)."""
    log = os.path.join(WORK, f"{sc['name']}-boot{n}.log")
    t0 = time.time()
    res = qemu.run(["-m", sc["mem"], "-rtc", "base=utc", "-drive",
                    f"format=raw,file={img}"], log, timeout,
                   firmware="ovmf", vars_path=vars_path(sc))
    return t0, res


def build_persist(sc, img):
    sc["_boots"] = []
    for n, cmds in ((1, BOOT1), (2, BOOT2)):
        make_esp(sc, img, cmds)
        sc["_boots"].append(boot(sc, img, n, sc["timeout"]))
    make_esp(sc, img, BOOT3)
    sc["_t_last"] = time.time()


def build_plain(sc, img):
    make_esp(sc, img, sc["cmds"])


def build_secboot(sc, img):
    import secboot_scenarios
    make_esp(sc, img, SECBOOT_CMDS, secboot_scenarios.signed_image())
    shutil.copyfile(qemu.OVMF_SNAKEOIL_VARS, vars_path(sc))


# ---- checks ----------------------------------------------------------------

def clean(log):
    errs = []
    for bad in ("ERR:", "PANIC", "CPU exception", "dom0 exception"):
        if bad in log:
            errs.append(f"log contains {bad!r}")
    return errs


def need(log, pats, where=""):
    return [f"{where}no line matching {p!r}" for p in pats
            if not re.search(p, log)]


def check_time(log, t0, t1, where):
    """Every GetTime answer lies in [host start - 2 s, host end + 2 s]."""
    got = [int(x) for x in re.findall(
        r"\(d0\) xen-time: time=\S+ epoch=(\d+) .* status=0x0 \(EFI_SUCCESS\)",
        log)]
    if not got:
        return [f"{where}no successful xen-time line"]
    return [f"{where}GetTime {g} not within the host's [{t0:.0f}, {t1:.0f}]"
            for g in got if not t0 - 2 <= g <= t1 + 2]


def hostile_ok(log, tool, least):
    m = re.search(r"\(d0\) " + tool + r": hostile: (\d+) passed, (\d+) "
                  r"failed", log)
    if not m or int(m.group(1)) < least or m.group(2) != "0":
        return [f"{tool} hostile: {m.group(0) if m else 'no summary'}"]
    return []


def check_persist(res, sc):
    errs = []
    boots = sc.get("_boots", [])
    if len(boots) != 2:
        return ["the first two boots did not run"]
    (t0, b1), (_, b2) = boots
    rd = re.escape(f"(d0) xen-efivar: read {VAR} {GUID}: ")
    # Boot 1: written, read back, hostile cases, info, time, reset.
    w = "boot 1: "
    errs += need(b1.log, [
        re.escape(f"(d0) xen-efivar: write {VAR} {GUID} attr=0x7 size=10: "
                  "status=0x0 (EFI_SUCCESS)"),
        rd + re.escape(f"status=0x0 (EFI_SUCCESS) attr=0x7 size=10 "
                       f"data={DATA}"),
        r"\(d0\) xen-efivar: info attr=0x7: status=0x0 \(EFI_SUCCESS\) "
        r"max_store=[1-9]\d* remain=[1-9]\d* max_size=[1-9]\d*",
        r"\(d0\) xen-efivar: hostile: variables before=(\d+) after=\1\n",
        r"\(d0\) xen-time: monotonic rc=0 high=\d+ status=0x0",
        r"\(d0\) xen-time: wakeup-off: rc=0 status=0x[0-9a-f]+ ",
        r"\(d0\) xen-time: wakeup rc=0 enabled=0 ",
        r"\(d0\) xen-time: set time=\S+: rc=0 status=0x0 \(EFI_SUCCESS\)",
        r"\(d0\) xen-reset: sched_op shutdown reason=1 \(reboot\)",
        r"\(XEN\) Calling EFI ResetSystem\(cold reset\)"], w)
    errs += hostile_ok(b1.log, "xen-efivar", 14)
    errs += check_time(b1.log, t0, t0 + b1.seconds, w)
    if b1.shutdown_reason != "guest-reset":
        errs.append(f"boot 1: QEMU stopped by {b1.shutdown_reason}, not "
                    "the reset xen-reset asked for")
    errs += [w + e for e in clean(b1.log)]
    # Boot 2: the value survived the reset; then it is deleted.
    w = "boot 2: "
    errs += need(b2.log, [
        rd + re.escape(f"status=0x0 (EFI_SUCCESS) attr=0x7 size=10 "
                       f"data={DATA}"),
        re.escape(f"(d0) xen-efivar: var {GUID} {VAR}"),
        r"\(d0\) xen-efivar: list: \d+ variables, rc=0 status=0x8000000000"
        r"00000e",
        re.escape(f"(d0) xen-efivar: delete {VAR} {GUID} attr=0x0 size=0: "
                  "status=0x0 (EFI_SUCCESS)"),
        rd + re.escape(EFI_NOT_FOUND)], w)
    errs += [w + e for e in clean(b2.log)]
    # Boot 3 (run.py's): gone for good.
    w = "boot 3: "
    errs += need(res.log, [rd + re.escape(EFI_NOT_FOUND),
                           r"\(d0\) xen-efivar: list: \d+ variables"], w)
    if f"(d0) xen-efivar: var {GUID} {VAR}" in res.log:
        errs.append("boot 3: the deleted variable is still listed")
    return errs + [w + e for e in clean(res.log)]


def firmware_statuses(log, what):
    return re.findall(r"\(XEN\) " + what + r": 1 capsule\(s\), 4096 bytes, "
                      r"sg 0x[0-9a-f]+: firmware status (0x[0-9a-f]+)", log)


def check_capsule(res, sc):
    """Each query and submit reached the firmware once and dom0 reports
    its status verbatim; the hostile lists never reached it."""
    errs = clean(res.log)
    q_fw = firmware_statuses(res.log, "QueryCapsuleCapabilities")
    u_fw = firmware_statuses(res.log, "UpdateCapsule")
    q_d0 = re.findall(r"\(d0\) xen-capsule: query flags=0x([0-9a-f]+): "
                      r"status=(0x[0-9a-f]+) \(\w+\)", res.log)
    u_d0 = re.findall(r"\(d0\) xen-capsule: submit flags=0x([0-9a-f]+) "
                      r"sg=0x[0-9a-f]+: status=(0x[0-9a-f]+) \(\w+\)",
                      res.log)
    want_q = sc.get("queries", 2)
    want_u = sc.get("submits", 2)
    if len(q_d0) != want_q or [s for _, s in q_d0] != q_fw:
        errs.append(f"queries: dom0 saw {q_d0}, the firmware answered "
                    f"{q_fw}")
    if len(u_d0) != want_u or [s for _, s in u_d0] != u_fw:
        errs.append(f"submits: dom0 saw {u_d0}, the firmware answered "
                    f"{u_fw}")
    if want_q == 2 and len(q_d0) == 2:
        # CAPSULE_FLAGS_POPULATE_SYSTEM_TABLE without PERSIST_ACROSS_RESET
        # is invalid by the UEFI spec: the firmware read the header.
        if q_d0[1] != ("20000", "0x8000000000000002"):
            errs.append(f"flags 0x20000 answered {q_d0[1]}, not "
                        "EFI_INVALID_PARAMETER")
        if q_d0[0][1] == q_d0[1][1]:
            errs.append("flags 0 and 0x20000 got the same answer")
    if sc.get("hostile", True):
        errs += hostile_ok(res.log, "xen-capsule", 10)
        errs += need(res.log, [
            r"\(XEN\) WARNING: UpdateCapsule refused: data block not in "
            r"dom0's RAM: 0x[0-9a-f]+ is beyond dom0's memory",
            r"\(XEN\) WARNING: UpdateCapsule refused: descriptor not in "
            r"dom0's RAM: 0x[0-9a-f]+ is beyond dom0's memory"])
        # The capsule's machine address is not a pseudo-physical one of
        # dom0's: refused, and the refusal names it.
        m = re.search(r"hostile: block at (0x[0-9a-f]+) \(its machine "
                      r"address\)", res.log)
        if not m or f"0x{int(m.group(1), 16):x} is beyond dom0's memory" \
                not in res.log:
            errs.append("the refusal does not name the machine address")
    return errs + dom0_done(res)


def dom0_done(res):
    errs = need(res.log, [r"\(d0\) dom0: done, powering off"])
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}")
    return errs


def check_grub(res, sc):
    errs = clean(res.log) + dom0_done(res)
    errs += need(res.log, [
        r"\(d0\) xen-time: time=\S+ epoch=\d+ .*status=0x0 \(EFI_SUCCESS\)",
        r"\(d0\) xen-efivar: info attr=0x7: status=0x0 \(EFI_SUCCESS\)",
        r"\(d0\) xen-efivar: read PlatformLang 8be4df61-93ca-11d2-aa0d-"
        r"00e098032b8c: status=0x0 \(EFI_SUCCESS\) attr=0x7 size=\d+ "
        r"data=\w+"])
    return errs + check_capsule(res, sc)


def check_secboot(res, sc):
    g = "8be4df61-93ca-11d2-aa0d-00e098032b8c"
    return clean(res.log) + dom0_done(res) + need(res.log, [
        re.escape(f"(d0) xen-efivar: read SecureBoot {g}: status=0x0 "
                  "(EFI_SUCCESS) attr=0x6 size=1 data=01"),
        re.escape(f"(d0) xen-efivar: read SetupMode {g}: status=0x0 "
                  "(EFI_SUCCESS) attr=0x6 size=1 data=00"),
        r"\(d0\) xen-efivar: read MokSBStateRT 605dab50-e046-4300-abb6-"
        r"3dd810dd8b23: status=0x800000000000000e \(EFI_NOT_FOUND\)"])


def scenarios():
    return [
        dict(name="rtcall-vars-persist", loader="esp", mem="512M",
             build_esp=build_persist, checks=[check_persist], timeout=300),
        dict(name="rtcall-capsule", loader="esp", mem="512M",
             build_esp=build_plain, cmds=CAPSULE_CMDS,
             checks=[check_capsule], timeout=300),
        dict(name="rtcall-grub-efi", loader="grub-efi", mem="512M",
             cmdline="console=com1 dom0_mem=32M",
             modules=[(DOM0, "console=hvc0 " + GRUB_CMDS)],
             module_files=[], prepare=grub_prepare, queries=1, submits=0,
             hostile=False, checks=[check_grub], timeout=300),
        dict(name="rtcall-secboot", loader="esp", firmware="ovmf-secboot",
             mem="512M", build_esp=build_secboot, checks=[check_secboot],
             timeout=300),
    ]


def grub_prepare(sc):
    """The capsule as the second multiboot2 module (dom0's initrd)."""
    os.makedirs(WORK, exist_ok=True)
    sc["module_files"] = [(capsule_file(), "capsule")]
    return None
