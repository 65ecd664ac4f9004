/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzzer for lib/acpi_madt.c, the MADT parser (firmware bytes). The input
 * is the table from its signature on. Invariants: no read past the input
 * (ASan), a short input is ACPI_ERR_SHORT only below the header's size,
 * a table that parses OK has its entries' lengths summing to the input,
 * and the same bytes parse the same way twice.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/acpi_madt.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct acpi_madt_info a, b;
    enum acpi_status st = acpi_madt_parse(data, size, &a);
    size_t off = 44, sum = 44;

    if ( st == ACPI_ERR_SHORT && size >= 44 )
        abort();
    if ( st != ACPI_OK )
        return 0;
    while ( off + 2 <= size && data[off + 1] >= 2 )
    {
        sum += data[off + 1];
        off += data[off + 1];
    }
    if ( sum != size )
        abort();                        /* OK means every byte was read */
    /* The same bytes parse the same way again (no hidden state). */
    if ( acpi_madt_parse(data, size, &b) != st || memcmp(&a, &b, sizeof(a)) )
        abort();
    return 0;
}
