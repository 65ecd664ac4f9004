# SPDX-License-Identifier: GPL-2.0-only
"""Fetches the Debian packages the boot scenarios use, without building
anything: Debian's 6.1 and 6.12 kernels and busybox-static (unpacked
under build/linux-dom0/), fwupd, efibootmgr and e2fsprogs with their
libraries (build/debs/) and Xen 4.17's .deb (build/; unpacked by its
scenarios). `make test` runs this in the background while it builds and
runs the unit and fuzz steps, and waits for it before the boot step, so
the boots do not wait on the network. Each part is fetched once; what is
there already is not fetched again. Prints one line per part; exits 1
when a part cannot be had (its scenarios then say why, as without this).

usage: python3 test/boot/fetch.py
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)),
                                "tools"))
import linuxdom0  # noqa: E402

BUILD = linuxdom0.BUILD
# test/boot/xen417.py's package (that module imports the scenarios).
XEN417_PACKAGE = "xen-hypervisor-4.17-amd64"


def xen417_deb():
    if any(f.startswith(XEN417_PACKAGE + "_") for f in os.listdir(BUILD)):
        return "there"
    r = subprocess.run(linuxdom0.debroot.apt("apt-get", "download",
                                             XEN417_PACKAGE), cwd=BUILD,
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise OSError((r.stderr.strip().splitlines() or ["no .deb"])[-1])
    return "fetched"


def main():
    os.makedirs(BUILD, exist_ok=True)
    parts = [("kernel 6.1 and busybox", lambda: linuxdom0.fetch("6.1")),
             ("kernel 6.12", lambda: linuxdom0.fetch("6.12")),
             ("fwupd, efibootmgr, e2fsprogs",
              lambda: f"{len(linuxdom0.firmware_entries())} entries"),
             (XEN417_PACKAGE, xen417_deb)]
    failed = 0
    for name, get in parts:
        try:
            print(f"fetch: {name}: {get()}", flush=True)
        except (OSError, subprocess.SubprocessError) as e:
            failed += 1
            print(f"fetch: {name}: not had: {e}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
