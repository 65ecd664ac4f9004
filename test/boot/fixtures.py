# SPDX-License-Identifier: GPL-2.0-only
"""What every boot-test scenario file shares: where things are, the
xen.cfg and module files the EFI scenarios boot with, and how module
contents are made (deterministic, so sizes are known exactly)."""
import os
import zlib

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BUILD = os.path.join(TOP, "build")
WORK = os.path.join(BUILD, "boot-test")
MiB = 1 << 20

XEN_CFG = """# xen.cfg for the boot tests
[global]
default=hv

[hv]
options=console=com1 loglvl=all
kernel=vmlinuz console=hvc0 root=/dev/xvda1
ramdisk=initrd.img
"""
XEN_FILES = [("vmlinuz", 40961), ("initrd.img", 3001)]


def module_bytes(size, seed):
    """The contents make_module() writes for size and seed."""
    return bytes((seed * 131 + i * 7) & 0xFF for i in range(size))


def module_crc32(size, seed):
    """CRC-32 of those contents, as the hypervisor prints it per module."""
    return zlib.crc32(module_bytes(size, seed))


def make_module(path, size, seed):
    """Writes size bytes derived from seed to path; returns path."""
    with open(path, "wb") as f:
        f.write(module_bytes(size, seed))
    return path
