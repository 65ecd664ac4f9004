#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Programs of Debian packages for the Linux dom0's initramfs, with the
shared libraries they need taken from Debian packages too, never from
the host.

A program is named by its package and its path in it (efibootmgr's
/bin/efibootmgr, fwupd's /usr/bin/fwupdtool). Each package is fetched
once with `apt-get download` into build/debs/ and unpacked with
`dpkg -x` into build/debs/root/PACKAGE/ (never installed). The ELF
interpreter and every NEEDED library are looked up, recursively, in the
packages unpacked so far (their multiarch library directories and the
ELF's RUNPATH); a library found nowhere is looked for in the packages
the needing package's Depends name (dpkg-shlibdeps puts the package of
every library a program needs there), fetched in turn, the likely one
first. A library no dependency holds is an error, not a host fallback.

    tools/debroot.py efibootmgr:/bin/efibootmgr    lists what goes in
"""
import os
import re
import struct
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEBS = os.path.join(TOP, "build", "debs")
ROOTS = os.path.join(DEBS, "root")
# Where Debian's ld.so looks without configuration (multiarch first).
LIB_DIRS = ("lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu", "lib64",
            "lib", "usr/lib")
MODE_X = 0o100755
MODE_R = 0o100644


def _run(args, cwd=None):
    if args[0] in ("apt-get", "apt-cache"):
        args = apt(*args)
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True,
                          timeout=600)


APT_CACHE = os.path.join(TOP, "build", "apt-cache")


def apt(tool, *args):
    """The command line of an apt-get or apt-cache run that keeps apt's
    binary cache in build/apt-cache/. Debian's container images turn that
    cache off (/etc/apt/apt.conf.d/docker-clean), and then every run
    parses the package lists again: 0.8 s of CPU a run, 0.3 s with the
    cache (apt rebuilds it itself when the lists change)."""
    os.makedirs(APT_CACHE, exist_ok=True)
    return [tool,
            "-o", f"Dir::Cache::pkgcache={APT_CACHE}/pkgcache.bin",
            "-o", f"Dir::Cache::srcpkgcache={APT_CACHE}/srcpkgcache.bin",
            *args]


NAME = re.compile(r"[a-z0-9][a-z0-9+.-]+")


_names = []


def known(package):
    """Whether apt's lists hold a real package of exactly that name (a
    local look-up: apt-get would otherwise take a name it does not know
    for a regular expression and fetch whatever matches). Every name is
    read once: each apt-cache run loads the whole cache (about a second
    of CPU), and a program's libraries ask for dozens of names."""
    if not NAME.fullmatch(package):
        return False
    if not _names:
        _names.append(set(_run(["apt-cache", "pkgnames"]).stdout.split()))
    return package in _names[0]


def _debs_of(package):
    """The package's .deb files in build/debs/."""
    return [f for f in os.listdir(DEBS) if f.startswith(package + "_")
            and f.endswith(".deb")]


def unpacked(package):
    """The directory package is unpacked in; fetched and unpacked on the
    first call. Raises OSError when apt cannot fetch it."""
    dest = os.path.join(ROOTS, package)
    if os.path.isdir(dest):
        return dest
    os.makedirs(DEBS, exist_ok=True)
    debs = _debs_of(package)
    if not debs:
        if not known(package):
            raise OSError(f"{package}: apt knows no such package")
        r = _run(["apt-get", "download", package], cwd=DEBS)
        debs = _debs_of(package)
        if r.returncode != 0 or not debs:
            why = (r.stderr.strip().splitlines() or ["no .deb"])[-1]
            raise OSError(f"{package} cannot be fetched: {why}")
    tmp = dest + ".tmp"
    os.makedirs(tmp, exist_ok=True)
    r = _run(["dpkg", "-x", os.path.join(DEBS, sorted(debs)[-1]), tmp])
    if r.returncode != 0:
        raise OSError(f"{package} cannot be unpacked: {r.stderr.strip()}")
    os.replace(tmp, dest)
    return dest


def prefetch(packages):
    """Fetches, in one apt-get run, the .debs of those packages apt knows
    and build/debs/ lacks (each run loads apt's whole cache, about a
    second of CPU; a program's libraries come from dozens of packages).
    Nothing is unpacked. When the run fails (a virtual package among
    them), unpacked() fetches each one on its own as it is needed."""
    os.makedirs(DEBS, exist_ok=True)
    want = [p for p in packages if known(p) and not _debs_of(p)]
    if len(want) > 1:
        _run(["apt-get", "download"] + want, cwd=DEBS)


def version(package):
    """The version of the package's .deb in build/debs/."""
    unpacked(package)
    deb = sorted(_debs_of(package))[-1]
    r = _run(["dpkg-deb", "-f", os.path.join(DEBS, deb), "Version"])
    return r.stdout.strip()


_depends = {}


def depends(package):
    """The packages the .deb's Pre-Depends and Depends name, every
    alternative of an or-group, version constraints and architecture
    qualifiers dropped (read once per package)."""
    if package in _depends:
        return _depends[package]
    unpacked(package)
    deb = sorted(_debs_of(package))[-1]
    names = []
    for field in ("Pre-Depends", "Depends"):
        r = _run(["dpkg-deb", "-f", os.path.join(DEBS, deb), field])
        for alt in re.split(r"[,|]", r.stdout):
            name = alt.strip().split(" ")[0].split(":")[0]
            if NAME.fullmatch(name) and name not in names:
                names.append(name)
    _depends[package] = names
    return names


def likely_first(soname, names):
    """names ordered so the package that probably holds soname comes
    first: its name holds the library's stem (libz.so.1 -> "z" in
    zlib1g), then library packages, then the rest."""
    stem = re.match(r"(?:lib)?([a-z0-9]+)", soname.lower())
    stem = stem.group(1) if stem else soname

    def rank(name):
        return (0 if stem in name.replace("lib", "", 1) else
                1 if name.startswith("lib") else 2)
    return sorted(names, key=rank)


def elf_deps(path):
    """(interpreter or None, [NEEDED], [RUNPATH dirs]) of an ELF64
    little-endian file, or None when path is no such ELF."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return None
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    loads, interp, dyn = [], None, None
    for i in range(phnum):
        p_type, _, off, vaddr, _, filesz, _, _ = struct.unpack_from(
            "<IIQQQQQQ", data, phoff + i * phentsize)
        if p_type == 1:
            loads.append((vaddr, off, filesz))
        elif p_type == 3:
            interp = data[off:off + filesz].split(b"\0")[0].decode()
        elif p_type == 2:
            dyn = (off, filesz)

    def file_off(vaddr):
        for v, o, n in loads:
            if v <= vaddr < v + n:
                return o + vaddr - v
        raise ValueError(f"{path}: address {vaddr:#x} not in a segment")

    needed, runpath, strtab = [], [], None
    entries = []
    if dyn:
        for i in range(dyn[1] // 16):
            tag, val = struct.unpack_from("<qQ", data, dyn[0] + i * 16)
            if tag == 0:
                break
            entries.append((tag, val))
            if tag == 5:
                strtab = file_off(val)

    def string(off):
        return data[strtab + off:data.index(b"\0", strtab + off)].decode()

    for tag, val in entries:
        if tag == 1:
            needed.append(string(val))
        elif tag in (15, 29):
            runpath += [d for d in string(val).split(":") if d]
    return interp, needed, runpath


def resolve(root, rel):
    """The path, under root, of the file rel names inside the unpacked
    package root, following symbolic links as they would resolve in the
    initramfs (an absolute target is inside root, never the host's);
    None when it is no regular file there."""
    parts, seen = rel.strip("/").split("/"), 0
    done = []
    while parts:
        part = parts.pop(0)
        if part in ("", "."):
            continue
        if part == "..":
            done = done[:-1]
            continue
        here = os.path.join(root, *done, part)
        if os.path.islink(here):
            seen += 1
            if seen > 40:
                return None
            target = os.readlink(here)
            if target.startswith("/"):
                done = []
            parts = target.strip("/").split("/") + parts
            continue
        done.append(part)
    full = os.path.join(root, *done)
    if os.path.isfile(full) and not os.path.islink(full):
        return full
    return None


class Root:
    """The files an initramfs needs for a set of programs: path in the
    initramfs -> (package, path on the host)."""

    def __init__(self):
        self.files = {}
        self.packages = []

    def _use(self, package):
        if package not in self.packages:
            unpacked(package)
            self.packages.append(package)

    def _find(self, name, dirs):
        """(package, path inside the package) of library name in dirs of
        the packages in use, or None."""
        for package in self.packages:
            root = unpacked(package)
            for d in dirs:
                rel = os.path.join(d.lstrip("/"), name)
                if resolve(root, rel):
                    return package, rel
        return None

    def _locate(self, name, dirs, needer):
        """Like _find, fetching the packages needer's package depends on
        until one holds name (dpkg-shlibdeps makes a package depend on
        the package of each library it needs, so one of them does).
        Raises OSError."""
        hit = self._find(name, dirs)
        if hit:
            return hit
        prefetch(depends(needer))
        for package in likely_first(name, depends(needer)):
            if hit:
                break
            try:
                self._use(package)
            except OSError:
                continue            # a virtual package
            hit = self._find(name, dirs)
        if hit is None:
            raise OSError(f"{name} (needed by {needer}) is in no package "
                          "it depends on")
        return hit

    def add(self, package, path, mode=None):
        """Adds the file at path of package and, for an ELF, its
        interpreter and libraries, recursively. Raises OSError."""
        self._use(package)
        rel = path.lstrip("/")
        host = resolve(unpacked(package), rel)
        if not host:
            raise OSError(f"{package} has no {path}")
        if rel in self.files:
            return
        deps = elf_deps(host)
        self.files[rel] = (package, host, mode or (
            MODE_X if deps or os.access(host, os.X_OK) else MODE_R))
        if not deps:
            return
        interp, needed, runpath = deps
        if interp:
            d, name = os.path.split(interp)
            owner, found = self._locate(name, [d] + list(LIB_DIRS), package)
            self.add(owner, found)
            self.add(owner, interp)     # at the path the ELF names
        for name in needed:
            owner, found = self._locate(name, runpath + list(LIB_DIRS),
                                        package)
            self.add(owner, found)

    def add_tree(self, package, path):
        """Adds every file under directory path of package."""
        self._use(package)
        top = os.path.join(unpacked(package), path.lstrip("/"))
        for dirpath, _, names in os.walk(top):
            for n in sorted(names):
                rel = os.path.relpath(os.path.join(dirpath, n),
                                      unpacked(package))
                if resolve(unpacked(package), rel):
                    self.add(package, rel)

    def entries(self):
        """(name, mode, bytes) for each file, symbolic links followed."""
        out = []
        for rel, (_, host, mode) in sorted(self.files.items()):
            with open(host, "rb") as f:
                out.append((rel, mode, f.read()))
        return out


def main(argv):
    root = Root()
    try:
        for spec in argv[1:]:
            package, _, path = spec.partition(":")
            root.add(package, path)
    except OSError as e:
        print(f"debroot: {e}", file=sys.stderr)
        return 1
    for rel, (package, _, _) in sorted(root.files.items()):
        print(f"{package:24} /{rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
