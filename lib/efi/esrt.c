/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ESRT line format (include/xen/esrt.h). Fields are read byte by byte
 * in little-endian order, so the input may sit at any alignment and the
 * same code serves the hypervisor, the shim and dom0.
 */
#include <xen/esrt.h>
#include <xen/fmt.h>
#include <xen/le.h>

char *esrt_guid_string(char *buf, const void *guid)
{
    const uint8_t *g = guid;

    fmt_snprintf(buf, 37, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                 le32(g), g[4] | g[5] << 8, g[6] | g[7] << 8, g[8], g[9],
                 g[10], g[11], g[12], g[13], g[14], g[15]);
    return buf;
}

char *esrt_header_line(char *buf, const void *hdr)
{
    const uint8_t *h = hdr;

    fmt_snprintf(buf, ESRT_LINE_MAX, "esrt header: count=%u max=%u "
                 "version=%llu", le32(h), le32(h + 4),
                 (unsigned long long)le64(h + 8));
    return buf;
}

char *esrt_entry_line(char *buf, unsigned int index, const void *entry)
{
    const uint8_t *e = entry;
    char guid[37];

    fmt_snprintf(buf, ESRT_LINE_MAX, "esrt entry %u: class=%s fw_type=%u "
                 "fw_version=0x%x lowest_supported_fw_version=0x%x "
                 "capsule_flags=0x%x last_attempt_version=0x%x "
                 "last_attempt_status=%u", index,
                 esrt_guid_string(guid, e), le32(e + 16), le32(e + 20),
                 le32(e + 24), le32(e + 28), le32(e + 32), le32(e + 36));
    return buf;
}
