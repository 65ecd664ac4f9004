/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ACPI tables poweroff needs, read from bytes the caller mapped. All
 * multi-byte fields are assembled byte by byte (ACPI is little-endian and
 * firmware places tables at any alignment), and every read is checked
 * against the caller's length first.
 */
#include <xen/acpi.h>

#define SDT_HDR_BYTES   sizeof(struct acpi_sdt_header)
#define FADT(field)     offsetof(struct acpi_fadt, field)

/* AML opcodes (ACPI spec 20.2) that can appear in a \_S5 package. */
#define AML_ZERO_OP         0x00
#define AML_ONE_OP          0x01
#define AML_NAME_OP         0x08
#define AML_BYTE_PREFIX     0x0a
#define AML_WORD_PREFIX     0x0b
#define AML_DWORD_PREFIX    0x0c
#define AML_PACKAGE_OP      0x12
#define AML_ROOT_CHAR       0x5c

/* SLP_TYP is a 3-bit field of PM1x_CNT (ACPI spec 4.8.4.2.1). */
#define SLP_TYP_MAX         7

/* True when n bytes at off lie within len, without overflow. */
static bool fits(size_t len, size_t off, size_t n)
{
    return off <= len && n <= len - off;
}

static uint32_t rd32(const uint8_t *b, size_t off)
{
    return b[off] | (uint32_t)b[off + 1] << 8 | (uint32_t)b[off + 2] << 16 |
           (uint32_t)b[off + 3] << 24;
}

static uint64_t rd64(const uint8_t *b, size_t off)
{
    return rd32(b, off) | (uint64_t)rd32(b, off + 4) << 32;
}

static uint8_t sum8(const uint8_t *b, size_t n)
{
    uint8_t s = 0;

    while ( n-- )
        s += *b++;
    return s;
}

static bool bytes_are(const uint8_t *b, const char *s, size_t n)
{
    for ( size_t i = 0; i < n; i++ )
        if ( b[i] != (uint8_t)s[i] )
            return false;
    return true;
}

/* Describes st in a few words; never NULL. */
const char *acpi_strerror(enum acpi_status st)
{
    switch ( st )
    {
    case ACPI_OK:               return "ok";
    case ACPI_ERR_SHORT:        return "table cut short";
    case ACPI_ERR_SIGNATURE:    return "wrong signature";
    case ACPI_ERR_CHECKSUM:     return "bad checksum";
    case ACPI_ERR_LENGTH:       return "bad length field";
    case ACPI_ERR_REVISION:     return "unsupported revision";
    case ACPI_ERR_NOT_FOUND:    return "not found";
    case ACPI_ERR_BAD_AML:      return "malformed \\_S5 package";
    }
    return "unknown ACPI error";
}

/*
 * Checks the RSDP at p (len readable bytes) and fills *out. Revisions 0
 * and 1 are read as ACPI 1.0 (20 bytes, RSDT only): revision 1 was never
 * defined, and treating it as 1.0 is what firmware in the field expects.
 * Revision 2 and later must carry a length of at least 36 bytes, within
 * len, and a matching extended checksum. *out is written only on ACPI_OK.
 */
enum acpi_status acpi_rsdp_parse(const void *p, size_t len,
                                 struct acpi_rsdp_info *out)
{
    const uint8_t *b = p;
    uint32_t length;

    if ( len < ACPI_RSDP_V1_BYTES )
        return ACPI_ERR_SHORT;
    if ( !bytes_are(b, "RSD PTR ", 8) )
        return ACPI_ERR_SIGNATURE;
    if ( sum8(b, ACPI_RSDP_V1_BYTES) )
        return ACPI_ERR_CHECKSUM;

    if ( b[offsetof(struct acpi_rsdp, revision)] < 2 )
    {
        out->revision = b[offsetof(struct acpi_rsdp, revision)];
        out->rsdt_pa = rd32(b, offsetof(struct acpi_rsdp, rsdt_pa));
        out->xsdt_pa = 0;
        return ACPI_OK;
    }

    if ( len < sizeof(struct acpi_rsdp) )
        return ACPI_ERR_SHORT;
    length = rd32(b, offsetof(struct acpi_rsdp, length));
    if ( length < sizeof(struct acpi_rsdp) || length > len )
        return ACPI_ERR_LENGTH;
    if ( sum8(b, length) )
        return ACPI_ERR_CHECKSUM;

    out->revision = b[offsetof(struct acpi_rsdp, revision)];
    out->rsdt_pa = rd32(b, offsetof(struct acpi_rsdp, rsdt_pa));
    out->xsdt_pa = rd64(b, offsetof(struct acpi_rsdp, xsdt_pa));
    return ACPI_OK;
}

/*
 * Checks a table header at p (len readable bytes) against sig (4 chars,
 * or NULL for any), its length and its checksum. table_len may be NULL;
 * otherwise it receives the header's length field as soon as that has
 * been read, also with ACPI_ERR_LENGTH, so a caller that mapped only the
 * header learns how much to map.
 */
enum acpi_status acpi_sdt_check(const void *p, size_t len, const char *sig,
                                uint32_t *table_len)
{
    const uint8_t *b = p;
    uint32_t length;

    if ( len < SDT_HDR_BYTES )
        return ACPI_ERR_SHORT;
    if ( sig && !bytes_are(b, sig, 4) )
        return ACPI_ERR_SIGNATURE;
    length = rd32(b, offsetof(struct acpi_sdt_header, length));
    if ( table_len )
        *table_len = length;
    if ( length < SDT_HDR_BYTES || length > len )
        return ACPI_ERR_LENGTH;
    if ( sum8(b, length) )
        return ACPI_ERR_CHECKSUM;
    return ACPI_OK;
}

/*
 * Lists the entries of the RSDT or XSDT at sdt. The header's length is
 * checked again against len; a partial entry at the end is ignored. out
 * may be NULL when max is 0.
 */
enum acpi_status acpi_sdt_entries(const void *sdt, size_t len, bool xsdt,
                                  paddr_t *out, size_t max, size_t *nr)
{
    const uint8_t *b = sdt;
    size_t entry_bytes = xsdt ? 8 : 4, count;
    uint32_t length;

    if ( len < SDT_HDR_BYTES )
        return ACPI_ERR_SHORT;
    length = rd32(b, offsetof(struct acpi_sdt_header, length));
    if ( length < SDT_HDR_BYTES || length > len )
        return ACPI_ERR_LENGTH;

    count = (length - SDT_HDR_BYTES) / entry_bytes;
    for ( size_t i = 0; i < count && i < max; i++ )
    {
        size_t off = SDT_HDR_BYTES + i * entry_bytes;

        out[i] = xsdt ? rd64(b, off) : rd32(b, off);
    }
    *nr = count;
    return ACPI_OK;
}

/*
 * Reads the GAS at off when the table (tlen bytes) holds all of it. A
 * register counts only when it names a non-zero address.
 */
static bool gas_read(const uint8_t *b, size_t tlen, size_t off,
                     uint8_t *space, paddr_t *addr)
{
    if ( !fits(tlen, off, sizeof(struct acpi_gas)) )
        return false;
    *space = b[off + offsetof(struct acpi_gas, space_id)];
    *addr = rd64(b, off + offsetof(struct acpi_gas, address));
    return *addr != 0;
}

/*
 * A PM1x control block: the 64-bit X_ field wins when the table has it and
 * it names an I/O port (the 16-bit port space; anything above is firmware
 * garbage), otherwise the ACPI 1.0 port field.
 */
static uint32_t pm1_cnt_port(const uint8_t *b, size_t tlen, size_t x_off,
                             size_t off)
{
    uint8_t space;
    paddr_t addr;

    if ( gas_read(b, tlen, x_off, &space, &addr) &&
         space == ACPI_GAS_SPACE_IO && addr <= 0xffff )
        return addr;
    return rd32(b, off);
}

/*
 * Fills *out from the FADT at fadt. The table's length must cover the ACPI
 * 1.0 layout (116 bytes) and lie within len; fields past the length count
 * as absent (zero). The checksum is the caller's business (acpi_sdt_check).
 * *out is written only on ACPI_OK.
 */
enum acpi_status acpi_fadt_parse(const void *fadt, size_t len,
                                 struct acpi_fadt_info *out)
{
    const uint8_t *b = fadt;
    uint32_t tlen, flags;
    uint8_t space;
    paddr_t addr;

    if ( len < SDT_HDR_BYTES )
        return ACPI_ERR_SHORT;
    if ( !bytes_are(b, "FACP", 4) )
        return ACPI_ERR_SIGNATURE;
    tlen = rd32(b, offsetof(struct acpi_sdt_header, length));
    if ( tlen < ACPI_FADT_V1_BYTES || tlen > len )
        return ACPI_ERR_LENGTH;

    flags = rd32(b, FADT(flags));
    out->dsdt_pa = rd32(b, FADT(dsdt));
    if ( fits(tlen, FADT(x_dsdt), 8) &&
         rd64(b, FADT(x_dsdt)) )
        out->dsdt_pa = rd64(b, FADT(x_dsdt));
    out->smi_cmd = rd32(b, FADT(smi_cmd));
    out->acpi_enable = b[FADT(acpi_enable)];
    out->pm1a_cnt_port = pm1_cnt_port(b, tlen, FADT(x_pm1a_cnt_blk),
                                      FADT(pm1a_cnt_blk));
    out->pm1b_cnt_port = pm1_cnt_port(b, tlen, FADT(x_pm1b_cnt_blk),
                                      FADT(pm1b_cnt_blk));
    out->hw_reduced = flags & ACPI_FADT_HW_REDUCED_ACPI;

    out->sleep_cnt_space = 0;
    out->sleep_cnt_addr = 0;
    if ( gas_read(b, tlen, FADT(sleep_control_reg), &space, &addr) )
    {
        out->sleep_cnt_space = space;
        out->sleep_cnt_addr = addr;
    }

    out->reset_space = 0;
    out->reset_addr = 0;
    out->reset_value = 0;
    out->reset_supported = false;
    if ( fits(tlen, FADT(reset_value), 1) &&
         gas_read(b, tlen, FADT(reset_reg), &space, &addr) )
    {
        out->reset_space = space;
        out->reset_addr = addr;
        out->reset_value = b[FADT(reset_value)];
        out->reset_supported = flags & ACPI_FADT_RESET_REG_SUP;
    }
    return ACPI_OK;
}

/*
 * Matches NameOp, an optional root prefix and the name _S5_ at b[i]
 * (i < len). On a match *after is the offset just past the name.
 */
static bool s5_name_at(const uint8_t *b, size_t len, size_t i,
                       size_t *after)
{
    if ( b[i++] != AML_NAME_OP )
        return false;
    if ( i < len && b[i] == AML_ROOT_CHAR )
        i++;
    if ( !fits(len, i, 4) || !bytes_are(b + i, "_S5_", 4) )
        return false;
    *after = i + 4;
    return true;
}

/*
 * ACPI spec 20.2.4 PkgLength at b[*pos]: the lead byte's top two bits
 * count the bytes that follow; with none, its low six bits are the length,
 * otherwise its low four bits are the lowest nibble and each following
 * byte adds eight more bits. The length counts itself and the body.
 */
static enum acpi_status pkg_length(const uint8_t *b, size_t len,
                                   size_t *pos, size_t *pkg_len)
{
    uint8_t lead = b[*pos];
    size_t nr = lead >> 6, v;

    if ( !fits(len, *pos, 1 + nr) )
        return ACPI_ERR_SHORT;
    v = nr ? lead & 0x0f : lead & 0x3f;
    for ( size_t k = 1; k <= nr; k++ )
        v |= (size_t)b[*pos + k] << (4 + 8 * (k - 1));
    *pos += 1 + nr;
    *pkg_len = v;
    return ACPI_OK;
}

/*
 * One integer element of the package ending at end; only constant forms
 * are expected in \_S5. The low byte is the SLP_TYP value.
 */
static enum acpi_status s5_element(const uint8_t *b, size_t end,
                                   size_t *pos, uint8_t *out)
{
    size_t n;
    uint8_t v = 0;

    switch ( b[*pos] )
    {
    case AML_ZERO_OP:       n = 0; break;
    case AML_ONE_OP:        n = 0; v = 1; break;
    case AML_BYTE_PREFIX:   n = 1; break;
    case AML_WORD_PREFIX:   n = 2; break;
    case AML_DWORD_PREFIX:  n = 4; break;
    default:                return ACPI_ERR_BAD_AML;
    }
    if ( !fits(end, *pos + 1, n) )
        return ACPI_ERR_BAD_AML;
    if ( n )
        v = b[*pos + 1];
    if ( v > SLP_TYP_MAX )
        return ACPI_ERR_BAD_AML;
    *pos += 1 + n;
    *out = v;
    return ACPI_OK;
}

/*
 * The package after the \_S5 name at b[pos]: PackageOp, PkgLength,
 * NumElements, then SLP_TYPa and (if present) SLP_TYPb.
 */
static enum acpi_status s5_package(const uint8_t *b, size_t len, size_t pos,
                                   uint8_t *slp_typa, uint8_t *slp_typb)
{
    size_t start, pkg_len, end, nr_elems;
    uint8_t typa, typb = 0;
    enum acpi_status st;

    if ( pos >= len )
        return ACPI_ERR_SHORT;
    if ( b[pos++] != AML_PACKAGE_OP )
        return ACPI_ERR_BAD_AML;
    if ( pos >= len )
        return ACPI_ERR_SHORT;
    start = pos;
    st = pkg_length(b, len, &pos, &pkg_len);
    if ( st != ACPI_OK )
        return st;
    if ( pkg_len < pos - start + 1 )
        return ACPI_ERR_BAD_AML;
    if ( !fits(len, start, pkg_len) )
        return ACPI_ERR_SHORT;
    end = start + pkg_len;

    nr_elems = b[pos++];
    if ( !nr_elems || pos >= end )
        return ACPI_ERR_BAD_AML;
    st = s5_element(b, end, &pos, &typa);
    if ( st != ACPI_OK )
        return st;
    /* Elements a package declares but does not initialize read as 0. */
    if ( nr_elems > 1 && pos < end )
    {
        st = s5_element(b, end, &pos, &typb);
        if ( st != ACPI_OK )
            return st;
    }
    *slp_typa = typa;
    *slp_typb = typb;
    return ACPI_OK;
}

/*
 * Finds the first NameOp defining \_S5 in len bytes of AML and returns its
 * first two package elements. Returns ACPI_ERR_NOT_FOUND when no such
 * definition is there, ACPI_ERR_SHORT when the bytes end inside it and
 * ACPI_ERR_BAD_AML when it is not a package of small integer constants.
 * The outputs are written only on ACPI_OK.
 */
enum acpi_status acpi_s5_find(const void *aml, size_t len, uint8_t *slp_typa,
                              uint8_t *slp_typb)
{
    const uint8_t *b = aml;
    size_t after;

    for ( size_t i = 0; i < len; i++ )
        if ( s5_name_at(b, len, i, &after) )
            return s5_package(b, len, after, slp_typa, slp_typb);
    return ACPI_ERR_NOT_FOUND;
}
