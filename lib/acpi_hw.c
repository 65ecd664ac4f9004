/* SPDX-License-Identifier: GPL-2.0-only */
/* The HPET and MCFG tables (xen/acpi_hw.h). Bytes read through le*(). */
#include <xen/acpi_hw.h>
#include <xen/le.h>

#define HPET_BYTES          56
#define HPET_BASE_GAS       40          /* generic address structure */
#define HPET_PAGE_PROTECT   55
#define MCFG_FIRST          44
#define MCFG_ENTRY_BYTES    16

enum acpi_status acpi_hpet_parse(const void *hpet, size_t len,
                                 struct acpi_hpet_info *out)
{
    const uint8_t *b = hpet;

    if ( len < HPET_BYTES )
        return ACPI_ERR_SHORT;
    if ( b[HPET_BASE_GAS] != ACPI_GAS_SPACE_MEMORY ||
         !le64(b + HPET_BASE_GAS + 4) )
        return ACPI_ERR_NOT_FOUND;
    out->base_pa = le64(b + HPET_BASE_GAS + 4);
    out->page_protect = b[HPET_PAGE_PROTECT] & 0xf;
    return ACPI_OK;
}

enum acpi_status acpi_mcfg_parse(const void *mcfg, size_t len,
                                 struct acpi_mcfg_window *out, size_t max,
                                 size_t *nr)
{
    const uint8_t *b = mcfg;
    size_t n = 0;

    *nr = 0;
    if ( len < MCFG_FIRST )
        return ACPI_ERR_SHORT;
    for ( size_t off = MCFG_FIRST; len - off >= MCFG_ENTRY_BYTES;
          off += MCFG_ENTRY_BYTES )
    {
        struct acpi_mcfg_window w = {
            .base_pa = le64(b + off),
            .segment = le16(b + off + 8),
            .start_bus = b[off + 10],
            .end_bus = b[off + 11],
        };

        if ( w.end_bus < w.start_bus )
            continue;
        if ( n < max )
            out[n] = w;
        n++;
    }
    *nr = n;
    return ACPI_OK;
}
