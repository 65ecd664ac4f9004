#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Install tests (`make test-install`): everything a user of
docs/install.md runs, against a throw-away sysroot under build/, never /.

    test/install/run.py [--dom0 FILE] [--no-boot] [NAME ...]

Steps, one line each, then "install: N passed, N failed":
  mkxencfg    tools/mkxencfg output read by the hypervisor's xen.cfg parser
              (build/tools/xencfgcheck); bad values refused
  tree        make install DESTDIR=ROOT writes the files it should, the
              manifest names exactly them, xen.cfg passes the hypervisor's
              own parser, the efibootmgr line is printed
  grub-cfg    the installed 21_hypervisor through grub-mkconfig
              (test/install/grub-mkconfig-sysroot.sh): one entry per kernel
  grub-bios   that generated grub.cfg, on a GRUB rescue ISO, under SeaBIOS
  grub-ovmf   the same ISO under OVMF
  media-iso-bios, media-iso-ovmf   tools/mkmedia iso, as a raw disk (what a
              USB stick is to the firmware)
  media-gpt-ovmf                   tools/mkmedia gpt under OVMF
  uninstall   make uninstall leaves ROOT exactly as it was before install
Boots are judged like the boot tests: the hypervisor's end of boot and a
guest poweroff. The dom0 image is --dom0 (default build/dom0/dom0.gz when it
exists, else a deterministic test module); QEMU runs one boot at a time.
"""
import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "boot"))
import qemu  # noqa: E402
from fixtures import BUILD, TOP, make_module  # noqa: E402

WORK = os.path.join(BUILD, "install-test")
ROOT = os.path.join(WORK, "root")
VERSION = "0.1"
KERNELS = ["6.1.0-9-amd64", "6.1.0-10-amd64"]  # 6.1.0-10 has no initrd
INITRD_SIZE = 70001
XEN_OPTS = "console=com1 com1=115200,8n1"
# The default entry is chosen by its id: the older kernel, the one with an
# initrd, so the boot carries two modules.
DEFAULT_GRUB = f"""# /etc/default/grub of the test sysroot
GRUB_DEFAULT=hypervisor-{VERSION}-{KERNELS[0]}
GRUB_TIMEOUT=0
GRUB_DISTRIBUTOR=Debian
GRUB_CMDLINE_LINUX_DEFAULT="quiet"
GRUB_CMDLINE_LINUX="console=hvc0"
GRUB_CMDLINE_XEN_DEFAULT="{XEN_OPTS}"
GRUB_TERMINAL=serial
GRUB_SERIAL_COMMAND="serial --unit=0 --speed=115200"
"""


class Ctx:
    dom0 = None
    dom0_is_module = False
    install_out = ""


def sh(args, **kw):
    return subprocess.run(args, cwd=TOP, check=True, capture_output=True,
                          text=True, **kw)


def snapshot(root):
    """{relative path: kind and content hash} of every entry under root."""
    snap = {}
    for d, dirs, files in os.walk(root):
        for name in dirs + files:
            p = os.path.join(d, name)
            rel = os.path.relpath(p, root)
            if os.path.islink(p):
                snap[rel] = "l " + os.readlink(p)
            elif os.path.isdir(p):
                snap[rel] = "d"
            else:
                with open(p, "rb") as f:
                    snap[rel] = "f " + hashlib.sha256(f.read()).hexdigest()
    return snap


def make_sysroot():
    """A Debian-like root: two kernels, one initrd, a config file and
    a 00_header in /etc/grub.d, and /etc/default/grub."""
    shutil.rmtree(ROOT, ignore_errors=True)
    for d in ("boot", "etc/grub.d", "etc/default"):
        os.makedirs(os.path.join(ROOT, d))
    for k in KERNELS:
        shutil.copyfile(Ctx.dom0, os.path.join(ROOT, "boot", "vmlinuz-" + k))
    make_module(os.path.join(ROOT, "boot", "initrd.img-" + KERNELS[0]),
                INITRD_SIZE, 1)
    with open(os.path.join(ROOT, "boot", "vmlinuz-9.9.dpkg-tmp"), "w") as f:
        f.write("not a kernel: grub-mkconfig must skip it\n")
    with open(os.path.join(ROOT, "boot", "config-" + KERNELS[0]), "w") as f:
        f.write("CONFIG_XEN_DOM0=y\n")
    shutil.copy("/etc/grub.d/00_header", os.path.join(ROOT, "etc/grub.d"))
    with open(os.path.join(ROOT, "etc/default/grub"), "w") as f:
        f.write(DEFAULT_GRUB)


# ---- steps: each returns a list of failure strings -------------------------

def step_tree():
    make_sysroot()
    Ctx.before = snapshot(ROOT)
    real = ["/etc/grub.d/21_hypervisor", f"/boot/xen-{VERSION}.gz",
            "/usr/local/share/hypervisor/install-manifest"]
    real_before = {p: os.path.lexists(p) for p in real}
    initrd = os.path.join(WORK, "esp-initrd")
    make_module(initrd, 3001, 2)
    out = sh(["make", "-s", "install", f"DESTDIR={ROOT}",
              f"VERSION={VERSION}", f"DOM0={Ctx.dom0}", f"INITRD={initrd}",
              "DOM0_CMDLINE=root=/dev/xvda1"]).stdout
    Ctx.install_out = out
    errs = []
    esp = "boot/efi/EFI/xen/"
    want = {f"boot/xen-{VERSION}.gz": "f", "boot/xen.gz": "l",
            esp + "xen.efi": "f", esp + "xen.cfg": "f",
            esp + os.path.basename(Ctx.dom0): "f", esp + "esp-initrd": "f",
            "etc/grub.d/21_hypervisor": "f", "usr/local/sbin/mkxencfg": "f",
            "usr/local/share/hypervisor/install-manifest": "f"}
    after = snapshot(ROOT)
    added = {p: v for p, v in after.items() if p not in Ctx.before}
    for p, kind in want.items():
        if p not in added or added[p][0] != kind:
            errs.append(f"{p} not installed as {kind}")
    if after.get("boot/xen.gz") != f"l xen-{VERSION}.gz":
        errs.append("xen.gz does not link to the versioned image")
    with open(os.path.join(TOP, "build/xen.gz"), "rb") as f:
        if added.get(f"boot/xen-{VERSION}.gz", "")[2:] != \
                hashlib.sha256(f.read()).hexdigest():
            errs.append("installed xen.gz differs from build/xen.gz")
    for p in ("etc/grub.d/21_hypervisor", "usr/local/sbin/mkxencfg"):
        if not os.access(os.path.join(ROOT, p), os.X_OK):
            errs.append(f"{p} not executable")
    # The manifest names exactly what install added (directories too).
    with open(os.path.join(ROOT, "usr/local/share/hypervisor/"
                           "install-manifest")) as f:
        listed = {line.split(" ", 1)[1].strip().lstrip("/"): line[0]
                  for line in f if line.strip()}
    if listed != {p: v[0] for p, v in added.items()}:
        errs.append(f"manifest {sorted(listed)} != added {sorted(added)}")
    chk = subprocess.run([os.path.join(BUILD, "tools/xencfgcheck"),
                          os.path.join(ROOT, esp + "xen.cfg")],
                         capture_output=True, text=True)
    expect = (f"section: hypervisor\noptions: console=com1,vga\n"
              f"kernel: {os.path.basename(Ctx.dom0)}\n"
              f"dom0 cmdline: root=/dev/xvda1\nramdisk: esp-initrd\n")
    if chk.returncode != 0 or chk.stdout != expect:
        errs.append(f"xen.cfg as the hypervisor reads it: {chk.stdout!r} "
                    f"{chk.stderr!r}")
    if not re.search(r"efibootmgr --create .*--loader '\\EFI\\xen\\xen\.efi'"
                     r" --unicode 'xen\.efi -cfg=xen\.cfg hypervisor'", out):
        errs.append("no efibootmgr line printed")
    for p, existed in real_before.items():
        if os.path.lexists(p) != existed:
            errs.append(f"{p} written outside DESTDIR")
    return errs


def step_mkxencfg():
    """tools/mkxencfg output as the hypervisor's parser reads it, in every
    option combination; values xen.cfg cannot carry are refused."""
    errs = []
    check = os.path.join(BUILD, "tools/xencfgcheck")
    cfg = os.path.join(WORK, "mkxencfg.cfg")
    cases = [
        ([], "hypervisor", "console=com1,vga", "", None),
        (["--options", "console=com1 loglvl=all", "--dom0-cmdline",
          "console=hvc0 root=/dev/sda2 ro", "--initrd", "initrd.img-6.1",
          "--section", "debug"], "debug", "console=com1 loglvl=all",
         "console=hvc0 root=/dev/sda2 ro", "initrd.img-6.1"),
    ]
    for extra, section, options, cmdline, initrd in cases:
        sh(["tools/mkxencfg", "--dom0", "vmlinuz-6.1", "-o", cfg] + extra)
        out = subprocess.run([check, cfg], capture_output=True, text=True)
        want = (f"section: {section}\noptions: {options}\n"
                f"kernel: vmlinuz-6.1\ndom0 cmdline: {cmdline}\n" +
                (f"ramdisk: {initrd}\n" if initrd else ""))
        if out.returncode != 0 or out.stdout != want:
            errs.append(f"{extra}: {out.stdout!r} {out.stderr!r}")
        # The section must be selectable by name from load options too.
        out = subprocess.run([check, cfg, section], capture_output=True)
        if out.returncode != 0:
            errs.append(f"section {section} not selectable by name")
    for bad in (["--dom0", "two words"], ["--dom0", "x", "--options", "a#b"],
                ["--dom0", "x", "--options", "a\nkernel=y"],
                ["--dom0", "x", "--section", "a]b"], ["--dom0", ""]):
        r = subprocess.run(["tools/mkxencfg"] + bad, cwd=TOP,
                           capture_output=True)
        if r.returncode == 0:
            errs.append(f"mkxencfg accepted {bad}")
    with open(cfg, "w") as f:
        f.write("[global]\ndefault=hv\n[hv]\nkernel x\n")
    if subprocess.run([check, cfg], capture_output=True).returncode != 1:
        errs.append("xencfgcheck accepted a line without '='")
    return errs


def step_grub_cfg():
    cfg = os.path.join(WORK, "grub.cfg")
    sh([os.path.join(HERE, "grub-mkconfig-sysroot.sh"), ROOT, cfg])
    with open(cfg) as f:
        text = f.read()
    Ctx.grub_cfg = cfg
    errs = []
    titles = re.findall(r"menuentry '([^']*hypervisor[^']*)'", text)
    want = [f"Debian GNU/Linux, with hypervisor {VERSION} and Linux {k}"
            for k in reversed(KERNELS)]
    if titles != want:
        errs.append(f"entries {titles}, want {want} (newest first)")
    for line in (f"multiboot2 /boot/xen-{VERSION}.gz {XEN_OPTS}",
                 f"module2 /boot/vmlinuz-{KERNELS[0]} root=/dev/fakeboot ro "
                 "console=hvc0 quiet",
                 f"module2 --nounzip /boot/initrd.img-{KERNELS[0]}",
                 "terminal_output serial"):
        if line not in text:
            errs.append(f"no line {line!r}")
    if text.count("module2 --nounzip") != 1:
        errs.append("an initrd line for a kernel without initrd")
    if "dpkg-tmp" in text:
        errs.append("a dpkg leftover became a menu entry")
    return errs


def boot(name, args, firmware, mem, timeout, entry, nr_modules):
    log = os.path.join(WORK, name + ".log")
    vars_path = None
    if firmware == "ovmf":
        vars_path = os.path.join(WORK, name + ".vars")
        shutil.copyfile(qemu.OVMF_VARS, vars_path)
    res = qemu.run(["-m", mem] + args, log, timeout, firmware=firmware,
                   vars_path=vars_path)
    errs = []
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}"
                    f"{' (timeout)' if res.timed_out else ''}, not a guest "
                    "poweroff")
    # The end of boot: the hypervisor's own line (test-module dom0) or
    # dom0's output (the demo dom0).
    if "Boot complete: powering off" not in res.log and \
            not (not Ctx.dom0_is_module and "(d0) " in res.log):
        errs.append("no 'Boot complete' line and no dom0 output")
    for bad in ("ERR:", "PANIC", "CPU exception"):
        if bad in res.log:
            errs.append(f"log contains {bad!r}")
    if f"Entry path: {entry}" not in res.log:
        errs.append(f"entry path {entry!r} not reported")
    if f"Modules: {nr_modules}" not in res.log:
        errs.append(f"expected 'Modules: {nr_modules}'")
    if errs:
        errs.append(f"serial log: {os.path.relpath(log, TOP)}")
    return errs


def grub_iso():
    """The generated grub.cfg with the sysroot's /boot on a rescue ISO."""
    iso = os.path.join(WORK, "grub-cfg.iso")
    if getattr(Ctx, "grub_iso", None):
        return iso
    tree = os.path.join(WORK, "iso-tree")
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "boot"), os.path.join(tree, "boot"),
                    ignore=shutil.ignore_patterns("efi"))
    os.makedirs(os.path.join(tree, "boot/grub"))
    shutil.copyfile(Ctx.grub_cfg, os.path.join(tree, "boot/grub/grub.cfg"))
    sh(["grub-mkrescue", "-o", iso, tree])
    Ctx.grub_iso = True
    return iso


def step_grub_bios():
    return boot("grub-bios", ["-cdrom", grub_iso()], "bios", "512M", 180,
                "multiboot2 (BIOS)", 2)


def step_grub_ovmf():
    return boot("grub-ovmf", ["-cdrom", grub_iso()], "ovmf", "1G", 240,
                "multiboot2 (EFI, boot services)", 2)


def media(kind):
    img = os.path.join(WORK, f"media.{kind}")
    if not os.path.exists(img) or getattr(Ctx, "made_" + kind, None) is None:
        initrd = make_module(os.path.join(WORK, "media-initrd"),
                             INITRD_SIZE, 1)
        sh(["tools/mkmedia", kind, img, "--dom0", Ctx.dom0, "--initrd",
            initrd, "--options", XEN_OPTS, "--dom0-cmdline",
            "console=hvc0", "--timeout", "0"])
        setattr(Ctx, "made_" + kind, True)
    return ["-drive", f"format=raw,file={img}"]


def step_media_iso_bios():
    return boot("media-iso-bios", media("iso"), "bios", "512M", 180,
                "multiboot2 (BIOS)", 2)


def step_media_iso_ovmf():
    return boot("media-iso-ovmf", media("iso"), "ovmf", "1G", 240,
                "multiboot2 (EFI, boot services)", 2)


def step_media_gpt_ovmf():
    args = media("gpt")
    part = sh(["sgdisk", "-p", args[1].split("file=", 1)[1]]).stdout
    if not re.search(r"^\s+1\s+2048\s+\d+\s+.*EF00", part, re.M):
        return ["no EFI system partition in the GPT"]
    return boot("media-gpt-ovmf", args, "ovmf", "1G", 240, "xen.efi (EFI)",
                2)


def step_uninstall():
    sh(["make", "-s", "uninstall", f"DESTDIR={ROOT}"])
    after = snapshot(ROOT)
    errs = []
    for p in sorted(set(after) | set(Ctx.before)):
        if after.get(p) != Ctx.before.get(p):
            errs.append(f"{p}: before {Ctx.before.get(p)}, after "
                        f"{after.get(p)}")
    return errs


STEPS = [("mkxencfg", step_mkxencfg), ("tree", step_tree),
         ("grub-cfg", step_grub_cfg),
         ("grub-bios", step_grub_bios), ("grub-ovmf", step_grub_ovmf),
         ("media-iso-bios", step_media_iso_bios),
         ("media-iso-ovmf", step_media_iso_ovmf),
         ("media-gpt-ovmf", step_media_gpt_ovmf),
         ("uninstall", step_uninstall)]
BOOT_STEPS = {"grub-bios", "grub-ovmf", "media-iso-bios", "media-iso-ovmf",
              "media-gpt-ovmf"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dom0")
    ap.add_argument("--no-boot", action="store_true")
    ap.add_argument("names", nargs="*")
    opts = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    default = os.path.join(BUILD, "dom0", "dom0.gz")
    if opts.dom0:
        Ctx.dom0 = os.path.abspath(opts.dom0)
    elif os.path.exists(default):
        Ctx.dom0 = default
    else:
        Ctx.dom0 = make_module(os.path.join(WORK, "dom0"), 12293, 0)
        Ctx.dom0_is_module = True
    print(f"install: dom0 image {os.path.relpath(Ctx.dom0, TOP)}")
    passed = failed = 0
    for name, fn in STEPS:
        # tree, grub-cfg and uninstall set up or undo state: always run.
        if name in BOOT_STEPS and (opts.no_boot or
                                   (opts.names and name not in opts.names)):
            continue
        try:
            errs = fn()
        except subprocess.CalledProcessError as e:
            errs = [f"{' '.join(map(str, e.cmd))} failed ({e.returncode}): "
                    f"{(e.stderr or '').strip()[-400:]}"]
        if errs:
            failed += 1
            print(f"FAIL install/{name}")
            for e in errs:
                print(f"    {e}")
        else:
            passed += 1
            print(f"ok   install/{name}")
        sys.stdout.flush()
    print(f"install: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
