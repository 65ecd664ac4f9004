#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot scenario that gives the real Debian kernel, an unmodified bzImage
with an xz-compressed (x86 BCJ) vmlinux inside, to our xen.efi as dom0.
The kernel package is fetched the way linux_scenarios.py does it (and
the scenario is skipped, with the reason, when it cannot be).

  dom0-bzimage-debian   the hypervisor finds the setup header, decodes
                        the xz payload (lib/decompress/unxz.c), checks the ELF
                        image and its Xen notes, builds dom0 in 512 MiB
                        and enters it at ring 3

What Linux does after its first instruction is not judged here (it needs
hypercalls that are still being added); the scenario prints the last
line of the log and how long the decompression took.

Two more wrap the demo dom0 (build/dom0/dom0) in a bzImage-shaped file
made here (setup header of protocol 2.15, the payload Linux would have),
so the whole path runs to a dom0 that works and powers off:

  dom0-bzimage-demo-xz     xz payload with the x86 BCJ filter (GRUB, BIOS)
  dom0-bzimage-demo-gzip   gzip payload (GRUB, BIOS)
  dom0-bzimage-demo-zstd   zstd payload made as Linux makes it, `zstd -22
                           --ultra` on stdin (GRUB, BIOS); skipped when
                           the zstd tool is missing

    test/boot/run.py dom0-bzimage-debian
"""
import gzip
import lzma
import os
import re
import struct
import subprocess
import sys

import dom0_scenarios
import linux_scenarios
from fixtures import BUILD, TOP, WORK

sys.path.insert(0, os.path.join(TOP, "tools"))
import linuxdom0  # noqa: E402

CFG = """# xen.cfg: the Debian bzImage as dom0
[global]
default=hv

[hv]
options=console=com1 dom0_mem=512M loglvl=all
kernel=vmlinuz console=hvc0 earlyprintk=xen loglevel=8
"""
BZ_LINE = (r"\(XEN\) dom0 kernel: bzImage, (\w+) payload (\d+) -> (\d+) "
           r"bytes \((\d+) us\)")


def kernel_path():
    return linuxdom0.glob_one(linuxdom0.KERNEL_DIR, "boot", "vmlinuz-*")


def prepare(sc):
    """The Debian kernel package, unpacked; None when ready, else the
    reason to skip."""
    with linux_scenarios._fetch_lock:
        try:
            bz = linuxdom0.fetch("6.1")
        except (OSError, subprocess.TimeoutExpired) as e:
            return str(e)
    sc["files"] = [("vmlinuz", bz)]
    return None


def payload_facts(path):
    """(payload length, size Linux appended) from the setup header."""
    with open(path, "rb") as f:
        d = f.read()
    setup = ((d[0x1f1] or 4) + 1) * 512
    off, length = struct.unpack_from("<II", d, 0x248)
    return length, struct.unpack_from("<I", d, setup + off + length - 4)[0]


def check_bzimage(res, sc):
    """Decompressed to the size the file promises, ELF and notes
    accepted, dom0 built and entered, nothing refused on the way."""
    errs = []
    log = res.log
    m = re.search(BZ_LINE, log)
    length, size = payload_facts(kernel_path())
    if not m:
        errs.append("no 'dom0 kernel: bzImage, ... payload' line")
    elif (m.group(1), int(m.group(2)), int(m.group(3))) != \
            ("xz", length, size):
        errs.append(f"decoded {m.group(0)!r}, want xz {length} -> {size}")
    else:
        print(f"    dom0-bzimage: xz {length} -> {size} bytes in "
              f"{int(m.group(4)) / 1000:.1f} ms (QEMU TCG)")
    for pat in (r"\(XEN\) dom0: ELF64 kernel, entry 0x[0-9a-f]+, virtual",
                r"\(XEN\) dom0: start_info 0x[0-9a-f]+, p2m",
                r"\(XEN\) Entering dom0 at ring 3: RIP 0x[0-9a-f]+"):
        if not re.search(pat, log):
            errs.append(f"no line matching {pat!r}")
    before = log.split("Entering dom0 at ring 3")[0]
    for bad in ("ERR:", "dom0: bzImage:", "not a dom0 kernel",
                "does not support running as dom0"):
        if bad in before:
            errs.append(f"log contains {bad!r} before dom0 entry")
    last = [ln for ln in log.strip().splitlines() if ln.strip()]
    if last:
        print(f"    dom0-bzimage: last line: {last[-1].strip()}")
    return errs


DEMO_ELF = os.path.join(BUILD, "dom0", "dom0")


def demo_path(fmt):
    return os.path.join(WORK, f"dom0-bzimage-{fmt}.bzImage")


def make_demo(sc):
    """The demo dom0 as a bzImage with an xz, gzip or zstd payload; None
    when made, else the reason to skip."""
    with open(DEMO_ELF, "rb") as f:
        elf = f.read()
    if sc["fmt"] == "zstd":
        # Linux's cmd_zstd22: the tool on stdin, then the size appended.
        try:
            payload = subprocess.run(["zstd", "-q", "-c", "--ultra", "-22"],
                                     input=elf, stdout=subprocess.PIPE,
                                     check=True).stdout
        except (OSError, subprocess.CalledProcessError) as e:
            return f"no zstd tool: {e}"
        payload += struct.pack("<I", len(elf))
    elif sc["fmt"] == "xz":
        payload = lzma.compress(elf, format=lzma.FORMAT_XZ,
                                check=lzma.CHECK_CRC32, filters=[
                                    {"id": lzma.FILTER_X86},
                                    {"id": lzma.FILTER_LZMA2, "preset": 9}])
        payload += struct.pack("<I", len(elf))
    else:
        payload = gzip.compress(elf, 9, mtime=0)
    setup = bytearray(4 * 512 + 0x40)
    setup[0x1f1] = 3
    struct.pack_into("<H", setup, 0x1fe, 0xaa55)
    setup[0x202:0x206] = b"HdrS"
    struct.pack_into("<H", setup, 0x206, 0x20f)
    struct.pack_into("<II", setup, 0x248, 0x40, len(payload))
    os.makedirs(WORK, exist_ok=True)
    with open(demo_path(sc["fmt"]), "wb") as f:
        f.write(bytes(setup) + payload)
    sc["payload"] = (len(payload), len(elf))
    return None


def check_buffer_freed(res, sc):
    """The decompression buffer went back to the allocator once the kernel
    was loaded: free memory grew by exactly its size, before dom0 ran."""
    m = re.search(r"\(XEN\) dom0: kernel decompression buffer of (\d+) KiB "
                  r"given back: free memory (\d+) KiB -> (\d+) KiB\n",
                  res.log)
    if not m:
        return ["no 'kernel decompression buffer ... given back' line"]
    size, before, after = (int(g) for g in m.groups())
    print(f"    {sc['name']}: free memory {before} KiB -> {after} KiB "
          f"({size} KiB buffer)")
    if after - before != size:
        return [f"free memory grew by {after - before} KiB, not {size}"]
    if res.log.find(m.group(0)) > res.log.find("Entering dom0 at ring 3"):
        return ["the buffer was given back after dom0 started"]
    return []


def check_demo(res, sc):
    """The payload decoded to the demo ELF's size; the dom0 checks."""
    m = re.search(BZ_LINE, res.log)
    want = (sc["fmt"], *sc["payload"])
    if not m or (m.group(1), int(m.group(2)), int(m.group(3))) != want:
        return [f"no 'dom0 kernel: bzImage, {want[0]} payload {want[1]} -> "
                f"{want[2]} bytes' line"]
    return dom0_scenarios.check_dom0(res, sc)


BZIMAGE_SCENARIOS = [
    dict(name="dom0-bzimage-debian", loader="xen.efi", mem="1G", cfg=CFG,
         files=[], prepare=prepare,
         checks=[check_bzimage, check_buffer_freed],
         # Our side ends at dom0's first line; Linux's own progress is
         # linuxdom0-xen-efi's business.
         stop_on=r"\(d0\) ", timeout=300),
] + [
    dict(name=f"dom0-bzimage-demo-{fmt}", loader="grub-bios", mem="256M",
         cmdline="console=com1 loglvl=all", fmt=fmt, prepare=make_demo,
         modules=[(demo_path(fmt), dom0_scenarios.DOM0_CMDLINE)],
         entry="multiboot2 (BIOS)", checks=[check_demo, check_buffer_freed],
         timeout=150)
    for fmt in ("xz", "gzip", "zstd")
]


if __name__ == "__main__":
    sys.exit(subprocess.call(
        [sys.executable, os.path.join(TOP, "test", "boot", "run.py"),
         "-j", "1"] + (sys.argv[1:] or
                       [sc["name"] for sc in BZIMAGE_SCENARIOS])))
