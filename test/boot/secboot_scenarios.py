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
    ]


def vars_template(sc):
    """The variable store the scenario's firmware starts from."""
    import qemu
    if sc["firmware"] == "ovmf-secboot":
        return qemu.OVMF_SNAKEOIL_VARS
    return qemu.OVMF_VARS


def copy_vars(sc, path):
    shutil.copyfile(vars_template(sc), path)
