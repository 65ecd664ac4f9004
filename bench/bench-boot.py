#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot time under QEMU/OVMF: this hypervisor's xen.efi and Debian's Xen
4.17 xen.efi, both booting the demo dom0 (build/dom0/dom0.gz) from the same
ESP layout, and the firmware floor (build/efifloor.efi, an EFI application
that powers off at once), round-robin for N rounds. Then both hypervisors
boot Debian's Linux kernel as dom0 to a busybox /init, alternating, for
the same N rounds (bench/linuxboot.py says what is compared).

Both run with their default log levels. Xen's dom0 milestone is its line
"*** Building a PV Dom0 ***", or at its default log level (which hides
that line) the first line the same function prints, " Xen  kernel: ...".

Every serial line is timestamped on the host as it arrives on a pipe
(QEMU's -serial stdio). "Image start" on the host side is OVMF's line
"BdsDxe: starting Boot...", printed just before it starts the image. Our
hypervisor also stamps its own first instruction and dom0's with the TSC
(its boot timeline), which needs no host-side guess.

Timing is refused while another qemu-system process runs on the machine:
the script waits for the machine to be quiet (--wait seconds), redoes a
boot during which another QEMU appeared, and says how many rounds it used.

    bench/bench-boot.py [--rounds N] [--wait SECONDS] [--only demo|linux]
                                                        (make bench-boot)

--unquiet times even while other QEMUs run (the figures are then not
comparable with anything, and say so): for trying the script, never for
a result.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "test", "boot"))
import fixtures  # noqa: E402
import xen417  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import linuxboot  # noqa: E402

BUILD = fixtures.BUILD
WORK = os.path.join(BUILD, "bench-boot")
OUR_EFI = os.path.join(BUILD, "xen.efi")
FLOOR_EFI = os.path.join(BUILD, "efifloor.efi")
DOM0_GZ = os.path.join(BUILD, "dom0", "dom0.gz")
OVMF_CODE = "/usr/share/OVMF/OVMF_CODE_4M.fd"
OVMF_VARS = "/usr/share/OVMF/OVMF_VARS_4M.fd"
MEM = "512M"
OPTIONS = "console=com1 com1=115200,8n1 dom0_mem=32M"
DOM0_CMDLINE = "console=hvc0"
INITRD_BYTES = 3001
TIMEOUT = 300
LINUX_TIMEOUT = 240
UART_BYTES_PER_S = 11520     # 115200 baud, 10 bits a byte

IMAGE_START = re.compile(rb"BdsDxe: starting Boot")
OUR_DOM0 = re.compile(rb"Entering dom0 at ring 3")
# Xen 4.17 prints "*** Building a PV Dom0 ***" at loglvl info only; at its
# default level the first line of that same function is " Xen  kernel:".
XEN_DOM0 = re.compile(rb"Building a PV Dom0|\(XEN\)  Xen  kernel: ")
XEN_HALTED = re.compile(rb"Hardware Dom0 halted")


def other_qemus(mine=()):
    """Pids of qemu-system processes on the machine that are not ours."""
    pids = []
    for d in os.listdir("/proc"):
        if not d.isdigit() or int(d) in mine:
            continue
        try:
            with open(f"/proc/{d}/comm") as f:
                if f.read().startswith("qemu-system"):
                    pids.append(int(d))
        except OSError:
            pass
    return pids


def wait_quiet(wait_s):
    """Waits until no other QEMU runs; False after wait_s seconds."""
    end = time.monotonic() + wait_s
    while other_qemus():
        if time.monotonic() > end:
            return False
        time.sleep(1)
    return True


def make_esp(name, efi):
    """The same ESP for all: the image as BOOTX64.EFI, BOOTX64.cfg naming
    the demo dom0 and an initrd (only xen.efi images read them)."""
    cfg = os.path.join(WORK, "xen.cfg")
    with open(cfg, "w") as f:
        f.write("[global]\ndefault=hv\n\n[hv]\n"
                f"options={OPTIONS}\n"
                f"kernel=dom0.gz {DOM0_CMDLINE}\n"
                "ramdisk=initrd.img\n")
    initrd = fixtures.make_module(os.path.join(WORK, "initrd.img"),
                                  INITRD_BYTES, 1)
    img = os.path.join(WORK, name + ".esp")
    subprocess.run([os.path.join(TOP, "tools", "mkesp.sh"), img, efi, cfg,
                    DOM0_GZ, "dom0.gz", initrd, "initrd.img"], check=True)
    return img


class Boot:
    """One boot: serial lines with their host time since QEMU started and
    the CPU time QEMU had used by then."""

    def __init__(self):
        self.lines = []         # (seconds, bytes of the line)
        self.cpu = []           # QEMU's CPU seconds at each line
        self.end = None         # seconds when QEMU exited or was stopped
        self.disturbed = []     # other QEMUs seen while it ran
        self.timed_out = False

    def first(self, pattern):
        """(seconds, index) of the first line matching pattern."""
        for i, (t, ln) in enumerate(self.lines):
            if pattern.search(ln):
                return t, i
        return None, None

    def first_times(self, pattern):
        """(seconds, CPU seconds) at the first line matching pattern."""
        t, i = self.first(pattern)
        return (t, self.cpu[i]) if t is not None else (None, None)

    def text(self):
        return b"".join(ln for _, ln in self.lines).decode(errors="replace")


def cpu_seconds(pid):
    """User plus system time of process pid so far, in seconds."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf(
            "SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def boot(name, img, stop=None, mem=MEM, timeout=None):
    vars_path = os.path.join(WORK, name + ".vars")
    shutil.copyfile(OVMF_VARS, vars_path)
    cmd = ["qemu-system-x86_64", "-machine", "q35,accel=tcg",
           "-display", "none", "-no-reboot", "-nodefaults",
           "-monitor", "none", "-serial", "stdio", "-m", mem,
           "-drive", f"if=pflash,format=raw,unit=0,readonly=on,"
           f"file={OVMF_CODE}",
           "-drive", f"if=pflash,format=raw,unit=1,file={vars_path}",
           "-drive", f"format=raw,file={img}"]
    b = Boot()
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    stopped = threading.Event()

    def reader():
        buf = b""
        fd = proc.stdout.fileno()
        while True:
            chunk = os.read(fd, 65536)
            now = time.monotonic() - t0
            if not chunk:
                break
            cpu = cpu_seconds(proc.pid) or (b.cpu[-1] if b.cpu else 0.0)
            buf += chunk
            while b"\n" in buf:
                ln, buf = buf.split(b"\n", 1)
                b.lines.append((now, ln + b"\n"))
                b.cpu.append(cpu)
                if stop and stop.search(ln):
                    b.end = now
                    stopped.set()
        if buf:
            b.lines.append((time.monotonic() - t0, buf))
            b.cpu.append(cpu_seconds(proc.pid) or
                         (b.cpu[-1] if b.cpu else 0.0))

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    while proc.poll() is None and not stopped.is_set():
        if time.monotonic() - t0 > (timeout or TIMEOUT):
            b.timed_out = True
            break
        others = other_qemus({proc.pid})
        if others:
            b.disturbed = others
        time.sleep(0.05)
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    if b.end is None:
        b.end = time.monotonic() - t0
    t.join(timeout=5)
    return b


def bytes_between(b, i, j):
    return sum(len(ln) for _, ln in b.lines[i + 1:j])


def parse_timeline(text):
    """Our boot timeline: {stamp name: microseconds}, and the header."""
    m = re.search(r"Boot timeline \(TSC (\d+) kHz from ([^,]+), us since "
                  r"the first stamp\):\r?\n((?:\(XEN\)  \S.*\r?\n)*)", text)
    if not m:
        return None, None
    stamps = {}
    for ln in m.group(3).splitlines():
        t = re.fullmatch(r"\(XEN\)  (\S(?:.*\S)?)\s+(\d+)", ln.strip("\r"))
        if t:
            stamps[t.group(1)] = int(t.group(2))
    return stamps, f"TSC {m.group(1)} kHz from {m.group(2)}"


def measure(kind, b):
    """The milestones of one boot, in seconds; None when one is missing."""
    t_start, i_start = b.first(IMAGE_START)
    if t_start is None or b.timed_out:
        return None
    m = {"total": b.end, "start": t_start}
    if kind == "floor":
        return m
    t_dom0, i_dom0 = b.first(OUR_DOM0 if kind == "ours" else XEN_DOM0)
    if t_dom0 is None:
        return None
    m["dom0_host"] = t_dom0 - t_start
    m["bytes"] = bytes_between(b, i_start, i_dom0)
    if kind == "ours":
        stamps, src = parse_timeline(b.text())
        if not stamps or "dom0 entry" not in stamps:
            return None
        m["dom0_tsc"] = stamps["dom0 entry"] / 1e6
        m["ebs_tsc"] = stamps.get("ExitBootServices", 0) / 1e6
        m["src"] = src
    return m


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for ln in f:
            if ln.startswith("model name"):
                model = ln.split(":", 1)[1].strip()
                break
    nproc = len(os.sched_getaffinity(0))
    return f"{os.cpu_count()} CPUs (nproc {nproc}), {model}"


def stats(vals):
    return min(vals), statistics.median(vals)


class Rounds:
    """Timed boots, each refused while another QEMU runs (unless
    --unquiet), with the count of boots redone."""

    def __init__(self, args):
        self.args = args
        self.redone = 0
        self.unquiet = 0

    def boot(self, label, kind, esp, stop, **kw):
        while True:
            if not self.args.unquiet and not wait_quiet(self.args.wait):
                sys.exit("bench-boot: refusing to time: another "
                         f"qemu-system process runs "
                         f"(pids {other_qemus()}) after waiting "
                         f"{self.args.wait:.0f} s")
            b = boot(kind, esp, stop, **kw)
            if b.disturbed and self.args.unquiet:
                self.unquiet += 1
            elif b.disturbed:
                self.redone += 1
                print(f"bench-boot: {label}: another QEMU ran (pids "
                      f"{b.disturbed}), boot redone", file=sys.stderr)
                continue
            with open(os.path.join(WORK, f"{label}.log"), "wb") as f:
                f.write(b"".join(b"%8.3f %7.2f | " % (t, c) + ln for
                                 (t, ln), c in zip(b.lines, b.cpu)))
            return b

    def note(self):
        s = f"{self.redone} boots redone because another QEMU ran"
        if self.unquiet:
            s += (f"; --unquiet: {self.unquiet} boots ran beside other "
                  "QEMUs, NOT A VALID MEASUREMENT")
        return s


def run_demo(args, rounds):
    """The demo dom0 on ours and Xen 4.17, and the firmware floor."""
    for f in (OUR_EFI, FLOOR_EFI, DOM0_GZ):
        if not os.path.exists(f):
            sys.exit(f"bench-boot: {f} missing (make all dom0 "
                     f"build/efifloor.efi)")
    images = {"ours": OUR_EFI, "xen": xen417.XEN_EFI, "floor": FLOOR_EFI}
    esps = {k: make_esp(k, v) for k, v in images.items()}
    stops = {"ours": None, "xen": XEN_HALTED, "floor": None}
    runs = {k: [] for k in images}
    for r in range(args.rounds):
        for kind in images:
            label = f"{kind}-{r + 1}"
            b = rounds.boot(label, kind, esps[kind], stops[kind])
            m = measure(kind, b)
            if m is None:
                sys.exit(f"bench-boot: round {r + 1} {kind}: a milestone is "
                         f"missing (see {WORK}/{label}.log)")
            runs[kind].append(m)
            print(f"bench-boot: round {r + 1} {kind}: total "
                  f"{m['total']:.3f} s", file=sys.stderr)
    print_demo(args, rounds, runs, images)


def print_demo(args, rounds, runs, images):
    ours, xen, floor = runs["ours"], runs["xen"], runs["floor"]
    n = args.rounds
    print(f"Boot benchmark: QEMU TCG q35, OVMF, {MEM}, xen.efi direct from "
          f"the ESP, demo dom0 ({os.path.getsize(DOM0_GZ)} bytes gz)")
    print(f"Machine: {machine()}")
    print(f"Rounds: {n} (round-robin ours, Xen 4.17, floor; "
          f"{rounds.note()})")
    print(f"Our timeline: {ours[0]['src']}")
    print(f"{'milestone (seconds)':58} {'min':>8} {'median':>8}")

    def row(label, vals):
        lo, med = stats(vals)
        print(f"{label:58} {lo:8.3f} {med:8.3f}")

    row("ours: image start -> dom0 first insn (TSC timeline)",
        [m["dom0_tsc"] for m in ours])
    row("ours: image start -> ExitBootServices (TSC, file reads)",
        [m["ebs_tsc"] for m in ours])
    row("ours: image start -> 'Entering dom0' line (host)",
        [m["dom0_host"] for m in ours])
    row("xen 4.17: image start -> 'Building a PV Dom0' (host)",
        [m["dom0_host"] for m in xen])
    row("floor: QEMU start -> image start (host)",
        [m["start"] for m in floor])
    row("ours: QEMU start -> power off (total)", [m["total"] for m in ours])
    row("xen 4.17: QEMU start -> 'Dom0 halted' (total)",
        [m["total"] for m in xen])
    row("floor: QEMU start -> power off (total)", [m["total"] for m in floor])
    tsc_min, tsc_med = stats([m["dom0_tsc"] for m in ours])
    host_min, host_med = stats([m["dom0_host"] for m in ours])
    xen_min, xen_med = stats([m["dom0_host"] for m in xen])
    fl_min, fl_med = stats([m["total"] for m in floor])
    print("ratios (min, median):")
    print(f"  ours dom0 first insn (TSC) / xen 4.17 building dom0: "
          f"{tsc_min / xen_min:.3f}, {tsc_med / xen_med:.3f}")
    print(f"  ours 'Entering dom0' (host) / xen 4.17 building dom0: "
          f"{host_min / xen_min:.3f}, {host_med / xen_med:.3f}")
    for kind, label in (("ours", "ours"), ("xen", "xen 4.17")):
        lo, med = stats([m["total"] for m in runs[kind]])
        print(f"  {label} total / floor total: {lo / fl_min:.2f}, "
              f"{med / fl_med:.2f}; above the floor: {lo - fl_min:.3f} s, "
              f"{med - fl_med:.3f} s")
    print("console bytes from image start to the dom0 line (median; "
          "UART-paced at 115200 baud):")
    for kind, label in (("ours", "ours"), ("xen", "xen 4.17")):
        nb = statistics.median([m["bytes"] for m in runs[kind]])
        print(f"  {label}: {nb:.0f} bytes, {nb / UART_BYTES_PER_S:.2f} s")
    print("image sizes:")
    for kind, label in (("ours", "ours xen.efi"),
                        ("xen", "xen 4.17 xen.efi"),
                        ("floor", "floor efifloor.efi")):
        print(f"  {label}: {os.path.getsize(images[kind])} bytes")



def ratio(a, b):
    return f"{a / b:6.2f}" if b else "     -"


def run_linux(args, rounds):
    """Debian's Linux as dom0 on ours and on Xen 4.17, alternating."""
    try:
        vmlinuz, initrd = linuxboot.prepare(WORK)
    except (OSError, subprocess.SubprocessError) as e:
        sys.exit(f"bench-boot: Linux: {e}")
    extra = " perfc" if args.perfc else ""
    esps = {"ours": linuxboot.make_esp(WORK, "linux-ours", OUR_EFI, vmlinuz,
                                       initrd, extra),
            "xen": linuxboot.make_esp(WORK, "linux-xen", xen417.XEN_EFI,
                                      vmlinuz, initrd)}
    runs = {"ours": [], "xen": []}
    for r in range(args.rounds):
        # Alternate which goes first, so neither always follows the other.
        for kind in (("ours", "xen") if r % 2 == 0 else ("xen", "ours")):
            label = f"linux-{kind}-{r + 1}"
            b = rounds.boot(label, kind, esps[kind],
                            re.compile(linuxboot.STOP[kind]),
                            mem=linuxboot.MEM, timeout=LINUX_TIMEOUT)
            m = linuxboot.measure(kind, b, IMAGE_START)
            if m is None:
                sys.exit(f"bench-boot: {label}: no image start (see "
                         f"{WORK}/{label}.log)")
            if kind == "ours":
                stamps, _ = parse_timeline(b.text())
                if stamps and "dom0 entry" in stamps:
                    m["dom0_tsc"] = stamps["dom0 entry"] / 1e6
            runs[kind].append(m)
            print(f"bench-boot: {label}: {m['reached']} of "
                  f"{len(linuxboot.MILESTONES)} milestones", file=sys.stderr)
    print_linux(args, rounds, runs, vmlinuz, initrd)


def print_linux(args, rounds, runs, vmlinuz, initrd):
    print()
    print(f"Linux as dom0: QEMU TCG q35, OVMF, {linuxboot.MEM}, xen.efi direct "
          f"from the ESP, options \"{linuxboot.OPTIONS}\"")
    print(f"  kernel {os.path.basename(vmlinuz)} "
          f"({os.path.getsize(vmlinuz)} bytes) \"{linuxboot.CMDLINE}\", "
          f"initramfs {os.path.getsize(initrd)} bytes (busybox /init)")
    print(f"Rounds: {args.rounds} (alternating ours and Xen 4.17; "
          f"{rounds.note()})")
    print("seconds from image start (OVMF 'BdsDxe: starting Boot'); "
          "ratio = ours / Xen 4.17")
    print(f"{'milestone':32} {'ours min':>8} {'median':>8} "
          f"{'xen min':>8} {'median':>8} {'ratio':>6} {'(med)':>6} "
          f"{'reached':>7}")
    rows = []
    for label, _, _ in linuxboot.MILESTONES:
        o = [m[label][0] for m in runs["ours"] if label in m]
        x = [m[label][0] for m in runs["xen"] if label in m]
        reach = f"{len(o)}/{len(x)}"
        if not o and not x:
            print(f"{label:32} {'not reached by either':>50} {reach:>7}")
            continue
        olo, omed = stats(o) if o else (None, None)
        xlo, xmed = stats(x) if x else (None, None)

        def f(v):
            return f"{v:8.3f}" if v is not None else f"{'-':>8}"
        rr = (ratio(olo, xlo), ratio(omed, xmed)) if o and x else \
            ("     -", "     -")
        print(f"{label:32} {f(olo)} {f(omed)} {f(xlo)} {f(xmed)} "
              f"{rr[0]} {rr[1]} {reach:>7}")
        rows.append((label, o, x))
    tsc = [m["dom0_tsc"] for m in runs["ours"] if "dom0_tsc" in m]
    if tsc:
        lo, med = stats(tsc)
        print(f"{'ours: dom0 entry (TSC timeline)':32} {lo:8.3f} {med:8.3f}")
    print("the same in QEMU CPU seconds from image start (what a shared "
          "machine disturbs least):")
    for label, _, _ in linuxboot.MILESTONES:
        o = [m[label][1] for m in runs["ours"] if label in m]
        x = [m[label][1] for m in runs["xen"] if label in m]
        if not o or not x:
            continue
        olo, omed = stats(o)
        xlo, xmed = stats(x)
        print(f"{label:32} {olo:8.3f} {omed:8.3f} {xlo:8.3f} {xmed:8.3f} "
              f"{ratio(olo, xlo)} {ratio(omed, xmed)}")
    print("between milestones (seconds, median of the differences; "
          "QEMU CPU seconds in brackets):")
    for (a, _, _), (b, _, _) in zip(linuxboot.MILESTONES,
                                    linuxboot.MILESTONES[1:]):
        cols = []
        for kind in ("ours", "xen"):
            d = [m[b][0] - m[a][0] for m in runs[kind] if b in m and a in m]
            c = [m[b][1] - m[a][1] for m in runs[kind] if b in m and a in m]
            cols.append((statistics.median(d), statistics.median(c))
                        if d else None)
        if not cols[0] and not cols[1]:
            continue

        def g(v):
            return f"{v[0]:7.3f} [{v[1]:6.2f}]" if v else f"{'-':>16}"
        rr = ratio(cols[0][0], cols[1][0]) if cols[0] and cols[1] else \
            "     -"
        print(f"  {a + ' -> ' + b:58} {g(cols[0])} {g(cols[1])} {rr}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--wait", type=float, default=900,
                    help="seconds to wait for other QEMUs to finish")
    ap.add_argument("--only", choices=("demo", "linux"),
                    help="only the demo dom0, or only Linux")
    ap.add_argument("--unquiet", action="store_true",
                    help="time even beside other QEMUs (not a result)")
    ap.add_argument("--perfc", action="store_true",
                    help="our hypervisor with `perfc` (prints counters)")
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    why = xen417.prepare({})
    if why:
        sys.exit(f"bench-boot: {why}")
    rounds = Rounds(args)
    if args.only != "linux":
        run_demo(args, rounds)
    if args.only != "demo":
        run_linux(args, rounds)


if __name__ == "__main__":
    main()
