#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Tests of the boot-test checks themselves, without QEMU: each case hands
a check a made-up serial log and QEMU outcome, one that a working feature
prints and one that a broken feature could print, and expects the first
to pass and the second to fail. The logs are written here by hand, in the
formats the hypervisor and OVMF print (compare build/boot-test/*.log).
Prints one line per case and "boot-checks: N passed, N failed".

    test/boot/test_checks.py
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dom0_scenarios  # noqa: E402
import qemu  # noqa: E402
import rt_pt_scenarios  # noqa: E402
import run  # noqa: E402
from fixtures import module_crc32  # noqa: E402


def result(log, reason=None, probes=()):
    res = qemu.Result()
    res.log = log
    res.shutdown_reason = reason
    res.halt_probes = list(probes)
    return res


def scenario(name):
    return next(s for s in run.SCENARIOS if s["name"] == name)


HALTED = [(True, "ffff82d040200123"), (True, "ffff82d040200123")]

NO_CFG_ERR = ("ERR: no configuration file for BOOTX64.EFI in \\EFI\\BOOT\\ "
              "(EFI_NOT_FOUND)")
BDS_TAIL = ('BdsDxe: failed to start Boot0001 "UEFI QEMU HARDDISK" from '
            'PciRoot(0x0): Not Found\n'
            'BdsDxe: loading Boot0002 "EFI Internal Shell" from Fv(1)\n')


def fell_through(err):
    return result(f"(XEN) {err}\n(XEN) Returning to the firmware\n"
                  + BDS_TAIL)


def poweroff_log(*tail):
    return "(XEN) Boot complete: powering off\n" + "".join(
        f"(XEN) {t}\n" for t in tail)


WX = "(XEN) Page tables: 2363 leaf mappings, 0 writable+executable (0 KiB)"


def modules_log(count, mods):
    out = f"(XEN) Modules: {count}\n"
    start = 0x100000
    for i, (size, crc, cmdline) in enumerate(mods):
        out += (f"(XEN)  module {i}: [{start:#x}, {start + size:#x}) {size} "
                f'bytes, crc32 {crc:08x}, cmdline "{cmdline}"\n')
        start += 0x100000
    return out


SC_MODS = dict(modules=[(12293, "dom0"), (3001, "")])
GOOD_MODS = [(12293, module_crc32(12293, 0), "dom0"),
             (3001, module_crc32(3001, 1), "")]


def unknown_scenario_name():
    p = subprocess.run([sys.executable, run.__file__, "nosuch"],
                       capture_output=True, text=True)
    return p.returncode != 0 and "nosuch" in p.stderr


def timeline_log(stamps, khz=2994000):
    out = (f"(XEN) Boot timeline (TSC {khz} kHz from PIT, us since the "
           "first stamp):\n")
    for name, us in stamps:
        out += f"(XEN)  {name:<18} {us:12}\n"
    return out + "(XEN) Boot complete: powering off\n"


TIMELINE = [("entry", 0), ("linked address", 1200),
            ("ExitBootServices", 90000), ("__start_xen", 90010),
            ("console and traps", 90300), ("dom0 build", 120000),
            ("dom0 built", 160000), ("dom0 entry", 160050)]


# (name, check, result, scenario, should pass)
CASES = [
    ("timeline_in_order", run.check_timeline_dom0,
     result(timeline_log(TIMELINE)), {}, True),
    ("timeline_without_dom0_stamps_is_fine_without_dom0",
     run.check_timeline, result(timeline_log(TIMELINE[:5])), {}, True),
    ("timeline_dom0_missing_fails", run.check_timeline_dom0,
     result(timeline_log(TIMELINE[:6])), {}, False),
    ("timeline_out_of_order_fails", run.check_timeline,
     result(timeline_log(TIMELINE[:2] + [("ExitBootServices", 1100)]
                         + TIMELINE[3:])), {}, False),
    ("timeline_without_entry_fails", run.check_timeline,
     result(timeline_log([("linked address", 0)] + TIMELINE[2:])), {},
     False),
    ("timeline_in_cycles_fails", run.check_timeline,
     result(timeline_log(TIMELINE).replace(
         "TSC 2994000 kHz from PIT, us", "TSC frequency unknown, cycles")),
     {}, False),
    ("fell_through_expected_line",
     run.check_fell_through, fell_through(NO_CFG_ERR),
     scenario("xen-efi-no-cfg"), True),
    ("fell_through_other_error_fails",
     run.check_fell_through,
     fell_through("ERR: cannot load kernel file \\EFI\\BOOT\\vmlinuz "
                  "(EFI_NOT_FOUND)"),
     scenario("xen-efi-no-cfg"), False),
    ("fell_through_truncated_line_fails",
     run.check_fell_through,
     fell_through("ERR: no configuration file for BOOTX64.EFI"),
     scenario("xen-efi-no-cfg"), False),
    ("efi_poweroff_by_resetsystem",
     run.check_efi_poweroff,
     result(poweroff_log("Calling EFI ResetSystem(shutdown)"),
            "guest-shutdown"), {}, True),
    ("efi_poweroff_by_acpi_fallback_fails",
     run.check_efi_poweroff,
     result(poweroff_log("Calling EFI ResetSystem(shutdown)",
                         "EFI ResetSystem returned",
                         "Powering off through ACPI S5"),
            "guest-shutdown"), {}, False),
    ("efi_poweroff_without_guest_shutdown_fails",
     run.check_efi_poweroff,
     result(poweroff_log("Calling EFI ResetSystem(shutdown)"), None),
     {}, False),
    ("wx_all_tables_walked", run.check_wx, result(WX + "\n"), {}, True),
    ("wx_tables_not_reachable_fails", run.check_wx,
     result(WX + ", some tables not reachable\n"), {}, False),
    ("error_line_then_halt", run.check_error_line,
     result("\rERR: not entered by a multiboot2 loader (bad magic in EAX)"
            "\r\n", None, HALTED),
     scenario("grub-bios-mb1-refused"), True),
    ("error_line_without_halt_proof_fails", run.check_error_line,
     result("\rERR: not entered by a multiboot2 loader (bad magic in EAX)"
            "\r\n", None, [(False, "1000"), (False, "1004")]),
     scenario("grub-bios-mb1-refused"), False),
    ("error_line_cpu_moving_fails", run.check_error_line,
     result("ERR: not entered by a multiboot2 loader (bad magic in EAX)\n",
            None, [(True, "1000"), (True, "2000")]),
     scenario("grub-bios-mb1-refused"), False),
    ("error_line_prefix_only_fails", run.check_error_line,
     result("ERR: not entered by a multiboot2 loader\n", None, HALTED),
     scenario("grub-bios-mb1-refused"), False),
    ("modules_sizes_crcs_count", run.check_modules,
     result(modules_log(2, GOOD_MODS)), SC_MODS, True),
    ("modules_wrong_contents_fail", run.check_modules,
     result(modules_log(2, [GOOD_MODS[0],
                            (3001, GOOD_MODS[1][1] ^ 1, "")])),
     SC_MODS, False),
    ("modules_count_12_is_not_1_fails", run.check_modules,
     result(modules_log(12, GOOD_MODS[:1])),
     dict(modules=SC_MODS["modules"][:1]), False),
]

CASES += rt_pt_scenarios.check_cases(result)

SCRUBBED = "(XEN) dom0: bootscrub: 49152 KiB of dom0's RAM scrubbed\n"
SCRUB_REFUSED = "(XEN) WARNING: bootscrub=maybe not understood\n"
CASES += [
    ("bootscrub_line_when_asked", dom0_scenarios.check_bootscrub,
     result(SCRUBBED), dict(scrub="scrubbed"), True),
    ("bootscrub_asked_without_line_fails", dom0_scenarios.check_bootscrub,
     result(""), dict(scrub="scrubbed"), False),
    ("bootscrub_by_default_fails", dom0_scenarios.check_bootscrub,
     result(SCRUBBED), {}, False),
    ("bootscrub_refused_value_warned", dom0_scenarios.check_bootscrub,
     result(SCRUB_REFUSED), dict(scrub="refused"), True),
    ("bootscrub_refused_value_still_scrubbing_fails",
     dom0_scenarios.check_bootscrub, result(SCRUB_REFUSED + SCRUBBED),
     dict(scrub="refused"), False),
]

LAUNCHED = ('BdsDxe: starting Boot0001 "UEFI QEMU HARDDISK QM00001 " from '
            'PciRoot(0x0)/Pci(0x1F,0x2)/Sata(0x0,0xFFFF,0x0)\n'
            'LAUNCH: starting Boot0002 "EFI Internal Shell" with -delay 0\n'
            'UEFI Interactive Shell v2.2\n')
COUNTDOWN = (BDS_TAIL + 'UEFI Interactive Shell v2.2\n'
             'Press ESC in 5 seconds to skip startup.nsh or any other key '
             'to continue.\n')
CASES += [
    ("launcher_started_the_shell", run.check_launcher, result(LAUNCHED),
     dict(loader="efishim"), True),
    ("shell_countdown_without_launcher_fails", run.check_launcher,
     result(COUNTDOWN), dict(loader="efishim"), False),
    ("launcher_error_fails", run.check_launcher,
     result('LAUNCH: ERR: no "EFI Internal Shell" boot option\n' +
            COUNTDOWN), dict(loader="efishim"), False),
    ("no_launcher_needed_by_grub", run.check_launcher, result(""),
     dict(loader="grub-bios"), True),
]


def main():
    passed = failed = 0
    for name, check, res, sc, want_pass in CASES:
        errs = check(res, dict(sc))
        ok = (not errs) == want_pass
        passed += ok
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} boot-checks/{name}")
        if not ok:
            print(f"    check said: {errs or 'pass'}")
    ok = unknown_scenario_name()
    passed += ok
    failed += not ok
    print(f"{'ok  ' if ok else 'FAIL'} boot-checks/unknown_scenario_name_fails")
    print(f"boot-checks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
