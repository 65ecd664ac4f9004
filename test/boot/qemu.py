# SPDX-License-Identifier: GPL-2.0-only
"""Runs one QEMU boot and reports what happened.

The serial console goes to a log file; QMP on stdin/stdout tells how the
machine stopped (a SHUTDOWN event with reason "guest-shutdown" is a clean
ACPI or EFI poweroff; "guest-reset" with -no-reboot is a reset or triple
fault). The run ends at poweroff, at the timeout, or as soon as the serial
log shows a line the scenario names as final (for boots that are meant to
stop with an error and halt), or, with idle=N, once the serial log has not
grown for N seconds (a hang; Result.idle is then set and the CPU state is
probed as below). For those, QMP then asks for the CPU state
twice, a second apart: a machine that halted shows HLT=1 both times at the
same instruction pointer (Result.halt_probes).
"""
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time

OVMF_CODE = "/usr/share/OVMF/OVMF_CODE_4M.fd"
OVMF_VARS = "/usr/share/OVMF/OVMF_VARS_4M.fd"
# Secure Boot: the build with SMM-protected variables, and a variable store
# with Debian's snakeoil key enrolled as PK, KEK and db.
OVMF_SECBOOT_CODE = "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd"
OVMF_SNAKEOIL_VARS = "/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd"


# The UEFI shell counts down five seconds before it runs startup.nsh unless
# a key other than ESC is pressed. Every OVMF boot presses the space bar on
# the PS/2 keyboard (part of OVMF's ConIn) by QMP as soon as the countdown
# shows: the shell reads the key and runs startup.nsh, and the serial port
# stays a plain output file. It reads the key only at the end of the
# countdown's first second, so most ESPs start the shell through the
# launcher (test/efi-launch/, `-delay 0`: no countdown at all); the key is
# for the boots that fall back to the shell (Secure Boot's refusals).
SHELL_COUNTDOWN = re.compile(r"Press ESC in \d+ seconds to skip")
SHELL_KEY = {"execute": "send-key", "id": "shell-key",
             "arguments": {"keys": [{"type": "qcode", "data": "spc"}]}}


# OVMF probes for a TPM at 0xfed40000 early in PEI. With nothing there,
# QEMU reads the registers as zeros (hardware without a TPM reads
# all-ones, which the probe takes for "absent" at once), and the probe
# polls the ACPI timer for a TPM that never gets ready until it times out:
# about 1.5 s of every boot under TCG (seen by sampling the instruction
# pointer over QMP), a third of a boot to the UEFI shell. Every OVMF boot
# therefore gets a TPM 1.2 chip (swtpm, Debian's package), which OVMF
# finds at once (it adds a TCPA table, as QEMU's own ACPI does); a TPM 2.0
# would be measured into at every step, which costs more than the wait.
# The boot step took 434 s instead of 498 s with it. Without swtpm, or
# with BOOT_TPM=0, the boots have no TPM and take the wait.
SWTPM = shutil.which("swtpm") if os.environ.get("BOOT_TPM") != "0" else None


# OVMF writes ~15 KB of variables on the first boot of a store (boot
# options, console paths, iSCSI attempts, MemoryTypeInformation), each
# byte programmed into the emulated flash by its own MMIO writes: 0.6-0.9 s
# of every boot from OVMF's empty template, none on the boots after. A
# machine that has booted before is also what users have. So each
# scenario starts from a copy of a store that booted once already, on the
# same firmware and the same kind of boot medium (the boot options OVMF
# makes are per device: a blank medium in the same slot makes the same
# Boot####); made once per run of the boot step, at its first use.
# BOOT_WARM_VARS=0 gives every boot the empty template instead.
WARM_VARS = os.environ.get("BOOT_WARM_VARS") != "0"
_warm_locks = {"disk": threading.Lock(), "cdrom": threading.Lock()}
_warm = {}


class WarmError(Exception):
    """The boot that warms a variable store did not reach the shell."""


def fresh_vars(dest, work, media="disk"):
    """Copies to dest the variable store a plain-OVMF boot starts from:
    the template after one boot with a blank medium of the given kind
    ("disk": -drive, SATA port 0; "cdrom": -cdrom) attached, up to the
    UEFI shell. Raises WarmError if that boot failed."""
    if not WARM_VARS:
        shutil.copyfile(OVMF_VARS, dest)
        return
    with _warm_locks[media]:
        if media not in _warm:
            _warm[media] = _warm_up(work, media)
        path, err = _warm[media]
    if err:
        raise WarmError(err)
    shutil.copyfile(path, dest)


def _warm_up(work, media):
    blank = os.path.join(work, f"warm-{media}.img")
    with open(blank, "wb") as f:
        f.truncate(1 << 20)
    path = os.path.join(work, f"warm-{media}.vars")
    shutil.copyfile(OVMF_VARS, path)
    dev = ["-drive", f"format=raw,file={blank}"] if media == "disk" \
        else ["-cdrom", blank]
    log = os.path.join(work, f"warm-{media}.log")
    res = run(["-m", "1G"] + dev, log, 120, stop_on=SHELL_COUNTDOWN.pattern,
              firmware="ovmf", vars_path=path)
    if not res.stopped_on:
        return path, (f"warming the variable store ({media}) did not reach "
                      f"the UEFI shell; see {log}")
    return path, None


class _Tpm:
    """A swtpm TPM 1.2 on a Unix socket in a directory of its own (short
    path: sockets take 107 bytes), for one QEMU run."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="boot-tpm-")
        sock = os.path.join(self.dir, "ctrl")
        self.proc = subprocess.Popen(
            [SWTPM, "socket", "--tpmstate", "dir=" + self.dir,
             "--ctrl", f"type=unixio,path={sock}", "--terminate"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        for _ in range(200):
            if os.path.exists(sock) or self.proc.poll() is not None:
                break
            time.sleep(0.01)
        self.args = ["-chardev", f"socket,id=tpmctrl,path={sock}",
                     "-tpmdev", "emulator,id=tpm0,chardev=tpmctrl",
                     "-device", "tpm-tis,tpmdev=tpm0"] \
            if os.path.exists(sock) else []

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


class Result:
    def __init__(self):
        self.log = ""
        self.shutdown_reason = None
        self.timed_out = False
        self.stopped_on = None
        self.idle = False
        self.seconds = 0.0
        # (halted, instruction pointer) per QMP probe after the stop line.
        self.halt_probes = []
        # (host time.time(), line) for each serial line, stamped when the
        # run first saw it (within a poll interval of 0.25 s).
        self.line_times = []
        # How many serial_input steps were typed.
        self.inputs_sent = 0
        # The space bar was pressed at the UEFI shell's countdown.
        self.shell_key = False


class _LineStamper:
    """Reads the serial log as it grows and stamps each complete line
    with the host's wall-clock time."""

    def __init__(self, path, res):
        self.path, self.res, self.offset, self.partial = path, res, 0, b""

    def poll(self):
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                data = f.read()
        except OSError:
            return
        if not data:
            return
        self.offset += len(data)
        now = time.time()
        lines = (self.partial + data).split(b"\n")
        self.partial = lines.pop()
        for ln in lines:
            self.res.line_times.append(
                (now, strip_ansi(ln.decode(errors="replace")).rstrip("\r")))


def _reader(proc, res, replies):
    for line in proc.stdout:
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        if msg.get("event") == "SHUTDOWN":
            res.shutdown_reason = msg.get("data", {}).get("reason")
        elif "id" in msg:
            replies.put(msg)


def _probe_cpu(proc, replies, n):
    """(halted, ip) of CPU 0 from the monitor's "info registers"; (None,
    None) when QEMU did not answer."""
    cmd = {"execute": "human-monitor-command", "id": n,
           "arguments": {"command-line": "info registers"}}
    try:
        proc.stdin.write(json.dumps(cmd) + "\n")
        proc.stdin.flush()
        while True:
            msg = replies.get(timeout=10)
            if msg.get("id") == n:
                break
    except (OSError, ValueError, queue.Empty):
        return None, None
    text = msg.get("return", "")
    hlt = re.search(r"\bHLT=([01])\b", text)
    ip = re.search(r"\b[RE]IP=([0-9a-f]+)\b", text)
    return (hlt.group(1) == "1" if hlt else None,
            ip.group(1) if ip else None)


class _SerialTyper:
    """Types into the serial port: QEMU serves it on a Unix socket and
    waits for this client before it starts the machine; a thread writes
    everything the port sends to the log file, and each step (regular
    expression, bytes) sends its bytes once the log shows a match after
    where the previous step matched."""

    def __init__(self, sock_path, log_path, steps):
        self.sock_path, self.steps, self.done = sock_path, list(steps), 0
        self.log_path, self.pos, self.sock = log_path, 0, None
        self.thread = threading.Thread(target=self._drain, daemon=True)
        self.thread.start()

    def _drain(self):
        for _ in range(600):
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(self.sock_path)
                self.sock = s
                break
            except OSError:
                time.sleep(0.05)
        with open(self.log_path, "wb") as log:
            while self.sock:
                try:
                    data = self.sock.recv(65536)
                except OSError:
                    break
                if not data:
                    break
                log.write(data)
                log.flush()

    def poll(self, log):
        while self.sock and self.done < len(self.steps):
            pat, data = self.steps[self.done]
            m = re.compile(pat).search(log, self.pos)
            if not m:
                return
            self.pos = m.end()
            # One byte at a time, as a person types: the UART's FIFO holds
            # 16 and QEMU's socket back end fills it as it drains.
            for b in data:
                self.sock.sendall(bytes([b]))
                time.sleep(0.02)
            self.done += 1


def run(args, log_path, timeout, stop_on=None, firmware="bios",
        vars_path=None, probe_halt=False, idle=None, serial_input=None):
    """args: QEMU arguments beyond machine, firmware, serial and QMP.
    probe_halt: after the stop line, fill res.halt_probes.
    idle: seconds without serial output after which the run stops.
    serial_input: [(regex, bytes), ...] typed into the serial port in
    turn, each once the log matches its regex (res.inputs_sent counts)."""
    machine = "q35,accel=tcg"
    code = OVMF_CODE
    if firmware == "ovmf-secboot":
        # The secboot build keeps its variables behind SMM.
        machine += ",smm=on"
        code = OVMF_SECBOOT_CODE
    sock_path = log_path + ".sock"
    if serial_input:
        serial = ["-chardev", f"socket,id=ser0,path={sock_path},server=on,"
                  "wait=on", "-serial", "chardev:ser0"]
    else:
        serial = ["-serial", "file:" + log_path]
    cmd = ["qemu-system-x86_64", "-machine", machine,
           "-display", "none", "-no-reboot", "-nodefaults"] + serial + \
          ["-qmp", "stdio", "-rtc", "base=utc"]
    if firmware == "ovmf-secboot":
        cmd += ["-global", "driver=cfi.pflash01,property=secure,value=on"]
    if firmware in ("ovmf", "ovmf-secboot"):
        cmd += ["-drive", f"if=pflash,format=raw,unit=0,readonly=on,"
                f"file={code}",
                "-drive", f"if=pflash,format=raw,unit=1,file={vars_path}"]
    tpm = _Tpm() if SWTPM and firmware.startswith("ovmf") else None
    if tpm:
        cmd += tpm.args
    cmd += args
    res = Result()
    for path in (log_path, sock_path):
        if os.path.exists(path):
            os.unlink(path)
    start = time.monotonic()
    wall0 = time.time()
    typer = _SerialTyper(sock_path, log_path, serial_input) \
        if serial_input else None
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    proc.stdin.write('{"execute": "qmp_capabilities"}\n')
    proc.stdin.flush()
    replies = queue.Queue()
    t = threading.Thread(target=_reader, args=(proc, res, replies),
                         daemon=True)
    t.start()
    pattern = re.compile(stop_on) if stop_on else None
    last_size, last_change = -1, start
    shell_seen = 0
    stamper = _LineStamper(log_path, res)
    while proc.poll() is None:
        stamper.poll()
        if typer and os.path.exists(log_path):
            with open(log_path, errors="replace") as f:
                typer.poll(strip_ansi(f.read()))
            res.inputs_sent = typer.done
        now = time.monotonic()
        if now - start > timeout:
            res.timed_out = True
            break
        if idle:
            size = os.path.getsize(log_path) \
                if os.path.exists(log_path) else 0
            if size != last_size:
                last_size, last_change = size, now
            elif size and now - last_change > idle:
                res.idle = True
                for n in (1, 2):
                    if n > 1:
                        time.sleep(1.0)
                    res.halt_probes.append(_probe_cpu(proc, replies, n))
                break
        if firmware.startswith("ovmf") and not res.shell_key and \
                os.path.exists(log_path):
            # Only what came since the last look, and a line before it.
            with open(log_path, "rb") as f:
                f.seek(max(0, shell_seen - 256))
                data = f.read()
            shell_seen = max(0, shell_seen - 256) + len(data)
            if SHELL_COUNTDOWN.search(strip_ansi(data.decode(
                    errors="replace"))):
                res.shell_key = True
                proc.stdin.write(json.dumps(SHELL_KEY) + "\n")
                proc.stdin.flush()
        if pattern and os.path.exists(log_path):
            with open(log_path, errors="replace") as f:
                m = pattern.search(strip_ansi(f.read()))
            if m:
                res.stopped_on = m.group(0)
                time.sleep(0.5)
                if probe_halt:
                    for n in (1, 2):
                        if n > 1:
                            time.sleep(1.0)
                        if proc.poll() is not None:
                            break
                        res.halt_probes.append(_probe_cpu(proc, replies, n))
                break
        # Wakes at once when QEMU exits (most boots end by powering off).
        try:
            proc.wait(timeout=0.25)
        except subprocess.TimeoutExpired:
            pass
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    if tpm:
        tpm.close()
    if typer:
        typer.thread.join(timeout=2)
    stamper.poll()
    t.join(timeout=2)
    res.seconds = time.monotonic() - start
    # BOOT_TIMES=1: LOG.times beside the log, each serial line after the
    # seconds since QEMU started when the run saw it (within a poll):
    # where a boot spends its time.
    if os.environ.get("BOOT_TIMES"):
        with open(log_path + ".times", "w") as f:
            for when, line in res.line_times:
                f.write("%7.2f %s\n" % (when - wall0, line[:100]))
    if os.path.exists(log_path):
        with open(log_path, errors="replace") as f:
            res.log = strip_ansi(f.read())
    return res


def strip_ansi(text):
    """Firmware consoles draw with escape sequences; the checks read text."""
    text = re.sub(r"\x1b\[[0-9;?=]*[a-zA-Z]", "", text)
    return text.replace("\r\n", "\n")
