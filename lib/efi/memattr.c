/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which page permissions each section of a loaded PE image wants
 * (include/xen/memattr.h). The headers are read as untrusted bytes.
 */
#include <efi/secboot.h>
#include <xen/le.h>
#include <xen/memattr.h>
#include <xen/pe.h>
#include <xen/string.h>

#define MEMATTR_PAGE    4096U

/* See xen/memattr.h. */
const char *memattr_strerror(enum memattr_status st)
{
    static const char *const text[MEMATTR_NR_STATUS] = {
        [MEMATTR_OK] = "ok",
        [MEMATTR_BAD_HEADERS] = "no PE32+ headers in the loaded image",
        [MEMATTR_TOO_MANY] = "too many sections",
        [MEMATTR_BAD_SECTION] = "a section is unaligned or past the image",
        [MEMATTR_SECTION_WX] = "a section is both writable and executable",
    };

    return st < MEMATTR_NR_STATUS && text[st] ? text[st]
                                              : "unknown memattr status";
}

/* See xen/memattr.h. */
uint64_t memattr_want(uint32_t characteristics)
{
    if ( characteristics & PE_SCN_MEM_EXECUTE )
        return EFI_MEMORY_RO;
    if ( characteristics & PE_SCN_MEM_WRITE )
        return EFI_MEMORY_XP;
    return EFI_MEMORY_RO | EFI_MEMORY_XP;
}

/* See xen/memattr.h. */
enum memattr_status memattr_sections(const void *image, size_t image_bytes,
                                     struct memattr_section *out,
                                     unsigned int max, unsigned int *nr)
{
    const uint8_t *b = image;
    size_t lfanew, table, nsec, opt_bytes;

    *nr = 0;
    if ( image_bytes < MEMATTR_PAGE || le16(b) != PE_DOS_MAGIC )
        return MEMATTR_BAD_HEADERS;
    lfanew = le32(b + offsetof(struct pe_dos_header, e_lfanew));
    if ( lfanew > MEMATTR_PAGE - 4 - sizeof(struct pe_file_header) ||
         le32(b + lfanew) != PE_SIGNATURE )
        return MEMATTR_BAD_HEADERS;
    nsec = le16(b + lfanew + 4 + offsetof(struct pe_file_header,
                                          nr_sections));
    opt_bytes = le16(b + lfanew + 4 + offsetof(struct pe_file_header,
                                               opt_header_bytes));
    table = lfanew + 4 + sizeof(struct pe_file_header) + opt_bytes;
    if ( table > MEMATTR_PAGE ||
         nsec > (MEMATTR_PAGE - table) / sizeof(struct pe_section) )
        return MEMATTR_BAD_HEADERS;

    for ( size_t i = 0; i < nsec; i++ )
    {
        const uint8_t *s = b + table + i * sizeof(struct pe_section);
        uint32_t vbytes = le32(s + offsetof(struct pe_section,
                                            virtual_bytes));
        uint32_t rva = le32(s + offsetof(struct pe_section, rva));
        uint32_t ch = le32(s + offsetof(struct pe_section, characteristics));
        uint64_t bytes = ((uint64_t)vbytes + MEMATTR_PAGE - 1) &
                         ~(uint64_t)(MEMATTR_PAGE - 1);
        struct memattr_section *m;

        if ( !vbytes )
            continue;
        if ( (rva & (MEMATTR_PAGE - 1)) || rva < MEMATTR_PAGE ||
             rva > image_bytes || bytes > image_bytes - rva )
            return MEMATTR_BAD_SECTION;
        if ( (ch & PE_SCN_MEM_WRITE) && (ch & PE_SCN_MEM_EXECUTE) )
            return MEMATTR_SECTION_WX;
        if ( *nr == max )
            return MEMATTR_TOO_MANY;
        m = &out[(*nr)++];
        memcpy(m->name, s, 8);
        m->name[8] = 0;
        m->rva = rva;
        m->bytes = (uint32_t)bytes;
        m->want = memattr_want(ch);
    }
    return MEMATTR_OK;
}

/* See xen/memattr.h. */
const char *memattr_perms(uint64_t attrs, char *buf)
{
    buf[0] = attrs & EFI_MEMORY_RP ? '-' : 'r';
    buf[1] = attrs & EFI_MEMORY_RO ? '-' : 'w';
    buf[2] = attrs & EFI_MEMORY_XP ? '-' : 'x';
    buf[3] = 0;
    return buf;
}
