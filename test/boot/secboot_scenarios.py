#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Secure Boot scenarios: xen.efi as the removable-media boot file under
OVMF's Secure Boot build (SMM on, secure pflash) with Debian's snakeoil
key enrolled (PK, KEK and db of OVMF_VARS_4M.snakeoil.fd).

  secboot-signed     `make sign` with the snakeoil key: the firmware
                     starts it, the hypervisor reports "Secure Boot:
                     enabled (SetupMode 0)" and boots to poweroff
  secboot-unsigned   build/xen.efi as built: the firmware refuses it
  secboot-tampered   the signed image with one byte of .text flipped
                     after signing: the firmware refuses it
  secboot-off        the signed image under the ordinary OVMF build:
                     it boots and reports "Secure Boot: disabled"
  secboot-options-refused  the signed image started through a BootNext
                     boot option with "-cfg=evil.cfg -- evil=1": both
                     refused with WARNING lines, xen.cfg used
  secboot-options-off      the same options from the shell, ordinary
                     OVMF: honoured
  secboot-mok-nv     as secboot-options-refused, with a non-volatile
                     MokSBStateRT=1 in the variable store (what root in an
                     OS could leave behind): ignored, Secure Boot stays on
  secboot-mok-volatile  the signed test shim, started through BootNext,
                     sets a volatile MokSBStateRT=1 as shim does and
                     starts xen.efi with the same options: Secure Boot
                     counts as off, the options are honoured

With the firmware test shim (loader "efishim", ordinary OVMF, dom0):

  secboot-memattr-strict   memattr=2: the shim's memory attribute
                     protocol, xen.efi mapped strictly before it starts
  secboot-memattr-tighten  memattr=1: xen.efi sets its sections itself
  secboot-shimlock-accept  shimlock=accept: dom0 verified, then runs
  secboot-shimlock-refuse  shimlock=refuse: one ERR line, no dom0
  secboot-shimlock-refuse-grub, secboot-shimlock-accept-grub
                           the same on the multiboot2 EFI path (GRUB)
  secboot-grub-line  the Secure Boot line on the multiboot2 EFI path

A refusal is judged from the firmware's own log line for the boot option
(BdsDxe: "failed to load Boot0001 ...: Access Denied") and from the
absence of any line of ours ("(XEN)"). Scenarios use loader "secboot";
build_esp() makes their disk images. Needs sbsigntool, openssl and
build/xen.efi (`make all`).
"""
import os
import re
import shutil
import struct
import subprocess

from fixtures import BUILD, TOP, WORK, XEN_CFG, XEN_FILES, make_module

SNAKEOIL_KEY = "/usr/share/ovmf/PkKek-1-snakeoil.key"
SNAKEOIL_CERT = "/usr/share/ovmf/PkKek-1-snakeoil.pem"
SNAKEOIL_PASS = "snakeoil"
# BdsDxe's report of a boot option whose image verification failed: the
# image is never started (LoadImage returns EFI_ACCESS_DENIED, or
# EFI_SECURITY_VIOLATION when the image may be deferred).
REFUSAL = (r"BdsDxe: failed to load Boot0001[^\n]*: "
           r"(?:Access Denied|Security Violation)")


def snakeoil_key():
    """The snakeoil private key, decrypted into build/ for sbsign."""
    out = os.path.join(BUILD, "secboot", "snakeoil.key")
    if not os.path.exists(out):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        subprocess.run(["openssl", "pkey", "-in", SNAKEOIL_KEY, "-passin",
                        "pass:" + SNAKEOIL_PASS, "-out", out], check=True,
                       capture_output=True)
    return out


def signed_image():
    """build/xen.signed.efi, made by `make sign` with the snakeoil key."""
    subprocess.run(["make", "-s", "sign", "KEY=" + snakeoil_key(),
                    "CERT=" + SNAKEOIL_CERT], cwd=TOP, check=True,
                   capture_output=True)
    return os.path.join(BUILD, "xen.signed.efi")


def text_offset(data):
    """File offset and size of the .text section's raw data."""
    pe, = struct.unpack_from("<I", data, 0x3C)
    nsec, = struct.unpack_from("<H", data, pe + 6)
    optsz, = struct.unpack_from("<H", data, pe + 20)
    for i in range(nsec):
        so = pe + 24 + optsz + 40 * i
        if data[so:so + 8].rstrip(b"\0") == b".text":
            rawsz, rawoff = struct.unpack_from("<II", data, so + 16)
            return rawoff, rawsz
    raise ValueError("no .text section")


def tampered_image():
    """The signed image with one byte in the middle of .text flipped."""
    with open(signed_image(), "rb") as f:
        data = bytearray(f.read())
    off, size = text_offset(data)
    data[off + size // 2] ^= 0x01
    out = os.path.join(WORK, "xen.tampered.efi")
    with open(out, "wb") as f:
        f.write(data)
    return out


IMAGES = {
    "signed": signed_image,
    "unsigned": lambda: os.path.join(BUILD, "xen.efi"),
    "tampered": tampered_image,
}


def build_esp(sc, img):
    """The ESP of tools/mkesp.sh with the scenario's image as BOOTX64.EFI."""
    efi = IMAGES[sc["image"]]()
    cfg = os.path.join(WORK, sc["name"] + ".cfg")
    with open(cfg, "w") as f:
        f.write(XEN_CFG)
    args = ["tools/mkesp.sh", img, efi, cfg]
    for i, (name, size) in enumerate(XEN_FILES):
        args += [make_module(os.path.join(WORK, f"{sc['name']}-{name}"),
                             size, i), name]
    subprocess.run(args, cwd=TOP, check=True)


def check_secure_boot_line(res, sc):
    want = sc["secure_boot_line"]
    if not re.search(r"\(XEN\) " + re.escape(want) + r"\n", res.log):
        return [f"no '{want}' line"]
    return []


def check_refused(res, sc):
    """The firmware refused the image; nothing of ours ran."""
    errs = []
    if not re.search(REFUSAL, res.log):
        errs.append("firmware did not report the boot option refused "
                    "(Access Denied)")
    if "(XEN)" in res.log:
        errs.append("a line of ours was printed: the image ran")
    return errs


def scenarios(boot_checks, modules):
    """The scenarios; boot_checks judge a full xen.efi boot and modules
    are the modules it must report (run.py's EFI_OK and EFI_MODS)."""
    ok = boot_checks + [check_secure_boot_line]
    return [
        dict(name="secboot-signed", loader="secboot", image="signed",
             firmware="ovmf-secboot", mem="512M", checks=ok,
             secure_boot_line="Secure Boot: enabled (SetupMode 0)",
             entry="xen.efi (EFI)", modules=modules, ram_slack_mib=48,
             timeout=240),
        dict(name="secboot-unsigned", loader="secboot", image="unsigned",
             firmware="ovmf-secboot", mem="512M", stop_on=REFUSAL,
             checks=[check_refused], timeout=240),
        dict(name="secboot-tampered", loader="secboot", image="tampered",
             firmware="ovmf-secboot", mem="512M", stop_on=REFUSAL,
             checks=[check_refused], timeout=240),
        dict(name="secboot-off", loader="secboot", image="signed",
             firmware="ovmf", mem="512M", checks=ok,
             secure_boot_line="Secure Boot: disabled (SetupMode 1)",
             entry="xen.efi (EFI)", modules=modules, ram_slack_mib=48,
             timeout=240),
    ] + option_scenarios([check_clean_poweroff_of(boot_checks)]) + \
        shim_scenarios()


def check_clean_poweroff_of(boot_checks):
    """run.py's poweroff check (the first of its EFI checks)."""
    return boot_checks[0]


# ---- options that would weaken Secure Boot (loader "esp") ----------------

SHELL_CMD = r"\EFI\xen\xen.efi -cfg=evil.cfg -- evil=1"


def build_shell_esp(sc, img):
    """The signed xen.efi under \\EFI\\xen and no removable-media boot
    file, so OVMF starts its shell; startup.nsh starts xen.efi with
    -cfg= and options after --. The scenario's variable store is the
    snakeoil one when the firmware is the secboot build."""
    import qemu

    def mtools(*args):
        subprocess.run(list(args), check=True, capture_output=True)
    if os.path.exists(img):
        os.unlink(img)
    mtools("mformat", "-i", img, "-C", "-T", "65536", "-h", "16", "-s", "63",
           "::")
    mtools("mmd", "-i", img, "::/EFI", "::/EFI/xen")
    mtools("mcopy", "-i", img, signed_image(), "::/EFI/xen/xen.efi")
    texts = {"xen.cfg": XEN_CFG.replace("loglvl=all", "which=default"),
             "evil.cfg": XEN_CFG.replace("loglvl=all", "which=evil"),
             "startup.nsh": "fs0:\r\n" + SHELL_CMD + "\r\nreset -s\r\n"}
    for name, text in texts.items():
        path = os.path.join(WORK, f"{sc['name']}-{name}")
        with open(path, "w") as f:
            f.write(text)
        dest = "::/startup.nsh" if name == "startup.nsh" \
            else "::/EFI/xen/" + name
        mtools("mcopy", "-i", img, path, dest)
    for i, (name, size) in enumerate(XEN_FILES):
        path = make_module(os.path.join(WORK, f"{sc['name']}-{name}"),
                           size, i)
        mtools("mcopy", "-i", img, path, "::/EFI/xen/" + name)
    if sc["firmware"] == "ovmf-secboot":
        shutil.copyfile(qemu.OVMF_SNAKEOIL_VARS,
                        os.path.join(WORK, sc["name"] + ".vars"))


# The SATA disk of the scenarios (q35, -drive without a partition table),
# as OVMF names it in its own Boot0001, and the end node.
SATA_DISK_PATH = bytes.fromhex("02010c00d041030a0000000001010600021f"
                               "03120a000000ffff0000")
END_PATH = bytes.fromhex("7fff0400")
GLOBAL_VARIABLE_GUID = bytes.fromhex("61dfe48bca93d211aa0d00e098032b8c")
VAR_NV_BS_RT = 7
VAR_ADDED = 0x3F


def ucs2(text):
    return text.encode("utf-16le") + b"\0\0"


def append_variables(vars_path, variables):
    """Appends (name, data[, guid]) variables, NV+BS+RT, global unless a
    GUID (its 16 bytes) is given, to the authenticated variable store of
    an OVMF_VARS file, after its last variable, in EDK2's layout: a 60-byte
    header (StartId 0x55AA, State, Attributes, MonotonicCount, TimeStamp,
    PubKeyIndex, NameSize, DataSize, VendorGuid), the UCS-2 name, the
    data, 4-byte aligned."""
    with open(vars_path, "rb") as f:
        d = bytearray(f.read())
    off = struct.unpack_from("<H", d, 0x30)[0] + 28
    while struct.unpack_from("<H", d, off)[0] == 0x55AA:
        ns, ds = struct.unpack_from("<II", d, off + 36)
        off = (off + 60 + ns + ds + 3) & ~3
    for var in variables:
        name, data = var[0], var[1]
        guid = var[2] if len(var) > 2 else GLOBAL_VARIABLE_GUID
        n = ucs2(name)
        rec = struct.pack("<HBBIQ16sIII16s", 0x55AA, VAR_ADDED, 0,
                          VAR_NV_BS_RT, 0, bytes(16), 0, len(n), len(data),
                          guid) + n + data
        if any(b != 0xFF for b in d[off:off + len(rec) + 4]):
            raise ValueError("no free space after the last variable")
        d[off:off + len(rec)] = rec
        off = (off + len(rec) + 3) & ~3
    with open(vars_path, "wb") as f:
        f.write(d)


def boot_next_to(vars_path, path, options):
    """Boot0005 starts path on the scenario disk with options as its
    OptionalData (the image's LoadOptions); BootNext names it."""
    file_node = ucs2(path)
    file_node = struct.pack("<BBH", 4, 4, 4 + len(file_node)) + file_node
    dp = SATA_DISK_PATH + file_node + END_PATH
    opt = struct.pack("<IH", 1, len(dp)) + ucs2("xen.efi with options") + \
        dp + ucs2(options)
    append_variables(vars_path, [("Boot0005", opt),
                                 ("BootNext", struct.pack("<H", 5))])


def build_bootnext_esp(sc, img):
    """As build_shell_esp, but the options reach xen.efi through a boot
    option (BootNext) in the snakeoil variable store: the secboot build
    refuses to start its internal shell under Secure Boot."""
    import qemu
    build_shell_esp(sc, img)
    vars_path = os.path.join(WORK, sc["name"] + ".vars")
    shutil.copyfile(qemu.OVMF_SNAKEOIL_VARS, vars_path)
    boot_next_to(vars_path, r"\EFI\xen\xen.efi", SHELL_CMD.split(" ", 1)[0]
                 .rsplit("\\", 1)[-1] + " " + SHELL_CMD.split(" ", 1)[1])


# shim's GUID (605dab50-e046-4300-abb6-3dd810dd8b23) as stored.
SHIM_LOCK_GUID = bytes.fromhex("50ab5d6046e00043abb63dd810dd8b23")


def build_mok_nv_esp(sc, img):
    """secboot-options-refused's disk and BootNext, and a non-volatile
    MokSBStateRT = 1 under shim's GUID in the variable store."""
    build_bootnext_esp(sc, img)
    append_variables(os.path.join(WORK, sc["name"] + ".vars"),
                     [("MokSBStateRT", b"\x01", SHIM_LOCK_GUID)])


def signed_shim():
    """build/efishim.efi signed with the snakeoil key."""
    out = os.path.join(BUILD, "secboot", "efishim.signed.efi")
    subprocess.run(["sbsign", "--key", snakeoil_key(), "--cert",
                    SNAKEOIL_CERT, "--output", out,
                    os.path.join(BUILD, "efishim.efi")], check=True,
                   capture_output=True)
    return out


def build_mok_volatile_esp(sc, img):
    """secboot-options-refused's disk plus the signed shim at
    \\efishim.efi; BootNext starts the shim, which sets MokSBStateRT = 1
    (volatile) and starts xen.efi with the options."""
    import qemu
    build_shell_esp(sc, img)
    subprocess.run(["mcopy", "-i", img, signed_shim(), "::/efishim.efi"],
                   check=True, capture_output=True)
    vars_path = os.path.join(WORK, sc["name"] + ".vars")
    shutil.copyfile(qemu.OVMF_SNAKEOIL_VARS, vars_path)
    boot_next_to(vars_path, r"\efishim.efi",
                 "efishim.efi moksbstate=1 start=\\EFI\\xen\\xen.efi -- "
                 "xen.efi " + SHELL_CMD.split(" ", 1)[1])


def check_options(res, sc):
    """Each line the scenario expects, and none it forbids."""
    log = res.log.replace("\r", "")
    errs = [f"no line {p!r}" for p in sc["want_lines"] if p + "\n" not in log]
    errs += [f"line {p!r} present" for p in sc["bad_lines"] if p in log]
    return errs


def option_scenarios(boot_checks):
    cmd = "(XEN) Command line: console=com1 "
    return [
        dict(name="secboot-options-refused", loader="esp",
             build_esp=build_bootnext_esp, firmware="ovmf-secboot", mem="512M",
             checks=boot_checks + [check_options],
             want_lines=[
                 "(XEN) Secure Boot: enabled (SetupMode 0)",
                 "(XEN) WARNING: Secure Boot: -cfg=evil.cfg refused, using "
                 "the default configuration file",
                 "(XEN) WARNING: Secure Boot: options after -- refused: "
                 "evil=1",
                 "(XEN) WARNING: Secure Boot: no shim lock protocol, the "
                 "dom0 kernel is not verified",
                 r"(XEN) Using configuration file \EFI\xen\xen.cfg",
                 cmd + "which=default"],
             bad_lines=["which=evil", "which=default evil=1",
                        "Using configuration file \\EFI\\xen\\evil"],
             timeout=300),
        dict(name="secboot-options-off", loader="esp",
             build_esp=build_shell_esp, firmware="ovmf", mem="512M",
             checks=boot_checks + [check_options],
             want_lines=[
                 "(XEN) Secure Boot: disabled (SetupMode 1)",
                 r"(XEN) Using configuration file \EFI\xen\evil.cfg",
                 cmd + "which=evil evil=1"],
             bad_lines=["WARNING: Secure Boot"], timeout=300),
        dict(name="secboot-mok-nv", loader="esp",
             build_esp=build_mok_nv_esp, firmware="ovmf-secboot",
             mem="512M", checks=boot_checks + [check_options],
             want_lines=[
                 "(XEN) Secure Boot: enabled (SetupMode 0, MokSBStateRT 1 "
                 "non-volatile, ignored)",
                 "(XEN) WARNING: Secure Boot: -cfg=evil.cfg refused, using "
                 "the default configuration file",
                 "(XEN) WARNING: Secure Boot: options after -- refused: "
                 "evil=1",
                 r"(XEN) Using configuration file \EFI\xen\xen.cfg",
                 cmd + "which=default"],
             bad_lines=["which=evil", "disabled by shim"], timeout=300),
        dict(name="secboot-mok-volatile", loader="esp",
             build_esp=build_mok_volatile_esp, firmware="ovmf-secboot",
             mem="512M", checks=boot_checks + [check_options],
             want_lines=[
                 "SHIM: MokSBStateRT 1 set",
                 r"SHIM: starting \EFI\xen\xen.efi",
                 "(XEN) Secure Boot: disabled by shim (SetupMode 0, "
                 "MokSBStateRT 1)",
                 r"(XEN) Using configuration file \EFI\xen\evil.cfg",
                 cmd + "which=evil evil=1"],
             bad_lines=["WARNING: Secure Boot"], timeout=300),
    ]


# ---- with the firmware test shim (loader "efishim", ordinary OVMF) -------

DOM0_SHORT_CFG = """[global]
default=hv

[hv]
options=console=com1 dom0_mem=32M
kernel=dom0.gz console=hvc0 xen-version
ramdisk=initrd.img
"""
MEMATTR_LINE = re.compile(r"\(XEN\) Memory attributes: (.*) \((\d+) protocol "
                          r"calls, (\d+) changes\)\n")
# What each section of xen.efi must end up as under the firmware's tables.
WANT_PERMS = {".text": "r-x", ".rodata": "r--", ".sbat": "r--",
              ".data": "rw-", ".reloc": "r--", ".bss": "rw-"}


# The dom0 command line on the GRUB chain (module2 arguments).
GRUB_DOM0_ARGS = {"dom0.gz": "console=hvc0 xen-version"}


def dom0_files():
    import dom0_scenarios
    return [("dom0.gz", dom0_scenarios.DOM0), ("initrd.img", 3001)]


def need_dom0(sc):
    import dom0_scenarios
    if not os.path.exists(dom0_scenarios.DOM0):
        return "no build/dom0/dom0.gz (make dom0)"
    return None


def check_dom0_ran(res, sc):
    """dom0 printed and shut down; the machine powered off."""
    import dom0_scenarios
    errs = dom0_scenarios.check_stop(res, sc, "0 (poweroff)")
    if "(d0) xen-version: 4.17" not in res.log:
        errs.append("dom0 printed no xen-version line")
    return errs


def check_memattr(res, sc):
    """xen.efi used the shim's protocol: its line shows every section as
    wanted, its call count equals the calls the shim printed, and with
    memattr=1 it made the changes itself (the shim mapped nothing)."""
    log = res.log.replace("\r", "")
    m = MEMATTR_LINE.search(log)
    if not m:
        return ["no 'Memory attributes:' line with counts"]
    errs = []
    got = dict(p.rsplit(" ", 1) for p in m.group(1).split(", "))
    for name, perms in WANT_PERMS.items():
        if got.get(name) != perms:
            errs.append(f"{name} is {got.get(name)}, want {perms}")
    shim_calls = re.findall(r"SHIM: memattr (get|set|clear) .*: ok "
                            r"\(call \d+\)\n", log)
    if int(m.group(2)) != len(shim_calls):
        errs.append(f"hypervisor made {m.group(2)} calls, the shim saw "
                    f"{len(shim_calls)}")
    changes = sum(1 for c in shim_calls if c != "get")
    if int(m.group(3)) != changes:
        errs.append(f"hypervisor says {m.group(3)} changes, the shim saw "
                    f"{changes} set/clear calls")
    if sc["memattr"] == 1 and changes == 0:
        errs.append("no set/clear call although the firmware mapped "
                    "everything RWX")
    if sc["memattr"] == 2:
        if not re.search(r"SHIM: memattr strict image at 0x[0-9a-f]+: "
                         r"\.text r-x, \.rodata r--", log):
            errs.append("the shim did not map xen.efi strictly")
        if changes:
            errs.append(f"{changes} changes although the shim had mapped "
                        "every section as wanted")
    return errs


def check_verified(res, sc):
    """The shim's Verify saw exactly the dom0 file, and answered."""
    import zlib
    log = res.log.replace("\r", "")
    with open(dict(dom0_files())["dom0.gz"], "rb") as f:
        data = f.read()
    if sc.get("chain") == "grub":
        # GRUB's module2 unpacks gzip files before anyone sees them.
        import gzip
        data = gzip.decompress(data)
    want = (f"SHIM: shim-lock verify 1: 0x[0-9a-f]+ bytes {len(data)} "
            f"crc32 {zlib.crc32(data):08x}: {sc['verdict']}\n")
    errs = []
    if not re.search(want, log):
        errs.append(f"no shim line {want!r}")
    if len(re.findall(r"SHIM: shim-lock verify \d+", log)) != 1:
        errs.append("Verify was not called exactly once")
    return errs


def check_refused_dom0(res, sc):
    """One ERR line with the status, back to the firmware, no dom0."""
    errs = []
    line = ("(XEN) ERR: dom0 kernel refused by the shim lock protocol "
            "(EFI_SECURITY_VIOLATION)")
    if line not in res.log:
        errs.append(f"no {line!r}")
    if len(re.findall(r"ERR:", res.log)) != 1:
        errs.append("not exactly one ERR line")
    if "(XEN) Returning to the firmware" not in res.log:
        errs.append("no 'Returning to the firmware'")
    for bad in ("(d0)", "Calling ExitBootServices", "__start_xen"):
        if bad in res.log:
            errs.append(f"{bad!r} in the log: the boot went on")
    return errs


def check_grub_entry(res, sc):
    if "Entry path: multiboot2 (EFI, boot services)" not in res.log:
        return ["not entered by the multiboot2 EFI entry"]
    return []


def check_mb2_efi_entry(res, sc):
    """The multiboot2 EFI entry ran (its line comes while boot services
    live, before any refusal)."""
    if "(XEN) multiboot2 EFI entry (boot services on)" not in res.log:
        return ["no multiboot2 EFI entry line"]
    return []


def shim_scenarios():
    """Scenarios with the firmware test shim under ordinary OVMF."""
    def sc(name, shim_args, checks, **kw):
        d = dict(name=name, loader="efishim", mem="512M",
                 shim_args=shim_args, cfg=DOM0_SHORT_CFG, files=dom0_files(),
                 prepare=need_dom0, checks=checks, timeout=300)
        d.update(kw)
        return d
    return [
        sc("secboot-memattr-strict", "memattr=2",
           [check_dom0_ran, check_memattr], memattr=2),
        sc("secboot-memattr-tighten", "memattr=1",
           [check_dom0_ran, check_memattr], memattr=1),
        sc("secboot-shimlock-accept", "shimlock=accept moksbstate=0",
           [check_dom0_ran, check_verified, check_secure_boot_line],
           verdict="accepted",
           secure_boot_line="Secure Boot: disabled (SetupMode 1, "
                            "MokSBStateRT 0)"),
        # The multiboot2-on-EFI path (GRUB) prints the line too.
        sc("secboot-grub-line", "moksbstate=1",
           [check_secure_boot_line, check_grub_entry], chain="grub",
           files=[("vmlinuz", 40961), ("initrd.img", 3001)],
           prepare=None, stop_on=r"Boot complete: powering off",
           secure_boot_line="Secure Boot: disabled (SetupMode 1, "
                            "MokSBStateRT 1)"),
        sc("secboot-shimlock-refuse", "shimlock=refuse",
           [check_verified, check_refused_dom0], verdict="refused"),
        # GRUB loaded the kernel; the hypervisor still asks shim first.
        sc("secboot-shimlock-refuse-grub", "shimlock=refuse",
           [check_verified, check_refused_dom0, check_mb2_efi_entry],
           verdict="refused", chain="grub", module_args=GRUB_DOM0_ARGS),
        sc("secboot-shimlock-accept-grub", "shimlock=accept",
           [check_dom0_ran, check_verified, check_grub_entry],
           verdict="accepted", chain="grub", module_args=GRUB_DOM0_ARGS),
    ]


def vars_template(sc):
    """The variable store the scenario's firmware starts from."""
    import qemu
    if sc["firmware"] == "ovmf-secboot":
        return qemu.OVMF_SNAKEOIL_VARS
    return qemu.OVMF_VARS


def copy_vars(sc, path):
    shutil.copyfile(vars_template(sc), path)
