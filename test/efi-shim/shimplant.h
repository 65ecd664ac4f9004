/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the firmware test shim plants in the firmware's configuration
 * table (test/efi-shim/shimplant.c).
 */
#ifndef SHIMPLANT_H
#define SHIMPLANT_H

#include "shim.h"
#include "shimopt.h"

/*
 * esrt=N and its options (e): lays the table out in pages of the chosen
 * type and place and installs it under the ESRT GUID, replacing any the
 * firmware had; prints its "SHIM: esrt ..." lines. EFI_SUCCESS when e
 * asks for no table. Else what failed, with nothing left behind.
 */
efi_status_t shimplant_esrt(struct efi_system_table *st,
                            const struct shimopt_esrt *e);

/* Takes the planted ESRT out again after a later step failed. */
void shimplant_esrt_undo(void);

/*
 * acpi20=ADDR: the ACPI 2.0 entry names pa, anything at all; ACPI 1.0
 * stays.
 */
void shimplant_acpi20(struct efi_system_table *st, uint64_t pa);

#endif /* SHIMPLANT_H */
