#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The layering rules of DESIGN.md ("Layout", "Calls go down"), proven on
the sources and on the hypervisor's objects (`make check-layers`, run by
`make` and `make test`):

1. nothing under lib/, arch/x86/lib/, common/ or include/xen/ includes an
   <asm/...> header;
2. lib/ and arch/x86/lib/ are pure: every symbol an object built from
   them leaves undefined is defined by another object of theirs, or is a
   mem*/str* routine (what a compiler may call on its own);
3. common/ takes from arch/ and drivers/ only arch_* hooks and the few
   named below; everything else it uses is its own, lib/'s or
   arch/x86/lib/'s.

    scripts/check-layers.py --objdir build [--src .]
    scripts/check-layers.py --selftest

Prints one line per violation and exits 1, or one summary line and 0.
--selftest builds small trees in a temporary folder, a clean one and one
with each kind of violation planted, and proves the check passes the
first and names every planted violation in the second (`make test`).
"""
import argparse
import os
import re
import subprocess
import sys

PURE_DIRS = ["lib", "arch/x86/lib"]
NO_ASM_DIRS = ["lib", "arch/x86/lib", "common", "include/xen"]
# What common/ may call below it besides arch_*: the guest-copy routines
# (arch/x86/pv/guest_copy.c, the one checked path into guest memory),
# maddr_to_virt (xen/arch.h), the arch side of EFI boot declared in
# xen/efi.h (the CR3 thunk every boot service goes through, the
# load-address and linked-address translations, the firmware's CR3 and the
# first TSC stamp), the serial and VGA drivers the console writes to, and
# symbols the linker script defines.
COMMON_MAY_USE = re.compile(
    r"^(arch_\w+|copy_(from|to)_guest|maddr_to_virt"
    r"|efi_(thunk_call|pa|linked_va|fw_cr3|start_tsc)"
    r"|ns16550_\w+|vga_\w+|_start|_end)$")
COMPILER_MAY_CALL = re.compile(r"^(mem|str)\w+$")
INCLUDE_ASM = re.compile(r'^\s*#\s*include\s*<asm/', re.M)


def sources(top, dirs, exts):
    for d in dirs:
        for root, _, files in os.walk(os.path.join(top, d)):
            for f in sorted(files):
                if f.endswith(exts):
                    yield os.path.relpath(os.path.join(root, f), top)


def nm(objs, undefined):
    """{object: set of its defined (or undefined) symbols}, from one nm
    run over all of them (one process per object took seconds)."""
    syms = {o: set() for o in objs}
    if not objs:
        return syms
    args = ["nm", "-A", "-P", "--undefined-only" if undefined else
            "--defined-only"] + list(objs)
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    for line in out.stdout.splitlines():
        # "file.o: symbol type [value size]"
        name, _, rest = line.partition(": ")
        parts = rest.split()
        if name in syms and len(parts) >= 2 and \
                (undefined or parts[1] not in "Nn"):
            syms[name].add(parts[0])
    return syms


def objects(top, objdir, dirs):
    return [(src, os.path.join(objdir, src[:-2] + ".o"))
            for src in sources(top, dirs, (".c", ".S"))]


def check(src_top, objdir):
    """The violations of the tree at src_top built into objdir."""
    bad = []

    for path in sources(src_top, NO_ASM_DIRS, (".c", ".h", ".S")):
        with open(os.path.join(src_top, path), encoding="utf-8") as f:
            text = f.read()
        for m in INCLUDE_ASM.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            bad.append(f"{path}:{line}: includes an <asm/...> header "
                       "(calls go down: declare an arch_* hook in "
                       "include/xen/)")

    def load(dirs):
        objs = objects(src_top, objdir, dirs)
        missing = [o for _, o in objs if not os.path.exists(o)]
        if missing:
            sys.exit("check-layers: not built: " + " ".join(missing[:5]))
        return objs

    pure = load(PURE_DIRS)
    pure_defs = set().union(*nm([o for _, o in pure], False).values())
    pure_undef = nm([o for _, o in pure], True)
    for src, o in pure:
        for s in sorted(pure_undef[o] - pure_defs):
            if not COMPILER_MAY_CALL.match(s):
                bad.append(f"{src}: uses {s}, defined outside lib/ and "
                           "arch/x86/lib/ (pure code resolves inside them)")

    common = load(["common"])
    common_defs = set(pure_defs).union(
        *nm([o for _, o in common], False).values())
    common_undef = nm([o for _, o in common], True)
    for src, o in common:
        for s in sorted(common_undef[o] - common_defs):
            if not (COMPILER_MAY_CALL.match(s) or COMMON_MAY_USE.match(s)):
                bad.append(f"{src}: uses {s} from arch/ or drivers/ (common/ "
                           "may call only arch_* hooks declared in "
                           "include/xen/)")

    return bad, len(pure), len(common)


# The self-test's trees: path -> source. CLEAN keeps every rule; PLANTED
# breaks each one once.
CLEAN = {
    "lib/a.c": "int lib_a(const char *s) { return lib_b(s) + (int)strlen(s); }\n",
    "lib/b.c": "int lib_b(const char *s) { return s[0]; }\n",
    "arch/x86/lib/c.c": "int xlib_c(int x) { return x * 2; }\n",
    "common/d.c": "int common_d(void) { return arch_e() + lib_b(\"x\"); }\n",
    "include/xen/d.h": "int common_d(void);\n",
}
PLANTED = dict(CLEAN)
PLANTED.update({
    "lib/a.c": "int lib_a(const char *s) { return printk(s); }\n",
    "arch/x86/lib/c.c": "int xlib_c(int x) { return pv_emulate(x); }\n",
    "common/d.c": "#include <asm/io.h>\n"
                  "int common_d(void) { return pv_shutdown(); }\n",
    "include/xen/d.h": "#include <asm/pv.h>\n",
})
PLANTED_EXPECT = [
    "common/d.c:1: includes an <asm/...> header",
    "include/xen/d.h:1: includes an <asm/...> header",
    "lib/a.c: uses printk,",
    "arch/x86/lib/c.c: uses pv_emulate,",
    "common/d.c: uses pv_shutdown from arch/",
]


def build_tree(top, files):
    obj = os.path.join(top, "obj")
    for path, text in files.items():
        full = os.path.join(top, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
        if path.endswith(".c"):
            out = os.path.join(obj, path[:-2] + ".o")
            os.makedirs(os.path.dirname(out), exist_ok=True)
            # Implicit declarations are fine here: only symbols matter.
            subprocess.run(["gcc", "-w", "-fno-builtin", "-nostdinc",
                            "-Dasm=__asm__", "-c", "-x", "c", "-",
                            "-o", out], check=True,
                           input=text.replace("#include <asm/io.h>\n", "")
                           .encode())
    return obj


def selftest():
    import tempfile
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        clean = os.path.join(tmp, "clean")
        bad, _, _ = check(clean, build_tree(clean, CLEAN))
        if bad:
            fails += 1
            print("FAIL check-layers/clean_tree_passes: " + "; ".join(bad))
        else:
            print("ok   check-layers/clean_tree_passes")
        planted = os.path.join(tmp, "planted")
        bad, _, _ = check(planted, build_tree(planted, PLANTED))
        for want in PLANTED_EXPECT:
            if any(b.startswith(want) for b in bad):
                print(f"ok   check-layers/finds {want.rstrip(',')}")
            else:
                fails += 1
                print(f"FAIL check-layers/finds {want.rstrip(',')}: got "
                      + "; ".join(bad))
        extra = [b for b in bad
                 if not any(b.startswith(w) for w in PLANTED_EXPECT)]
        if extra:
            fails += 1
            print("FAIL check-layers/nothing_else_reported: "
                  + "; ".join(extra))
        else:
            print("ok   check-layers/nothing_else_reported")
    total = 2 + len(PLANTED_EXPECT)
    print(f"check-layers: {total - fails} passed, {fails} failed")
    return 1 if fails else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--objdir", default="build")
    ap.add_argument("--src", default=".")
    ap.add_argument("--selftest", action="store_true")
    ap.add_argument("dirs", nargs="*", help="ignored (the Makefile's list)")
    a = ap.parse_args()
    if a.selftest:
        return selftest()
    bad, nr_pure, nr_common = check(a.src, a.objdir)
    for line in bad:
        print("check-layers: " + line)
    if bad:
        print(f"check-layers: {len(bad)} violations")
        return 1
    print(f"check-layers: {nr_pure} pure and {nr_common} common objects "
          "keep to their layers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
