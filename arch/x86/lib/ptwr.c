/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Decoding and applying the writes a PV kernel makes to its page-table
 * entries (pure; the forms are listed in xen/ptwr.h). The address itself
 * is the fault's (CR2), so only the length, the operation and its source
 * are decoded; applying works on a copy of the 8-byte entry and of the
 * registers, so the caller commits nothing until the new entry has been
 * validated.
 */
#include <xen/ptwr.h>

#define FLAG_CF     (1ULL << 0)
#define FLAG_PF     (1ULL << 2)
#define FLAG_AF     (1ULL << 4)
#define FLAG_ZF     (1ULL << 6)
#define FLAG_SF     (1ULL << 7)
#define FLAG_OF     (1ULL << 11)
#define FLAGS_ARITH (FLAG_CF | FLAG_PF | FLAG_AF | FLAG_ZF | FLAG_SF | FLAG_OF)

/* Bytes of ModRM, SIB and displacement at insn, or 0 (a register form). */
static unsigned int modrm_bytes(const uint8_t *insn, size_t n)
{
    unsigned int mod, rm, i = 1;

    if ( n < 1 )
        return 0;
    mod = insn[0] >> 6;
    rm = insn[0] & 7;
    if ( mod == 3 )
        return 0;
    if ( rm == 4 )
    {
        if ( n < 2 )
            return 0;
        if ( mod == 0 && (insn[1] & 7) == 5 )
            i += 4;                     /* SIB without base: disp32 */
        i++;
    }
    if ( mod == 1 )
        i += 1;
    else if ( mod == 2 || (mod == 0 && rm == 5) )
        i += 4;                         /* disp32, or RIP-relative */
    return i;
}

static uint64_t read_imm(const uint8_t *p, unsigned int bytes)
{
    uint64_t v = 0;

    for ( unsigned int i = 0; i < bytes; i++ )
        v |= (uint64_t)p[i] << (8 * i);
    if ( bytes < 8 && (v >> (8 * bytes - 1)) & 1 )
        v |= ~0ULL << (8 * bytes);      /* sign-extend */
    return v;
}

/* The group-1 operation of ModRM reg (/1 or, /4 and, /6 xor), or -1. */
static int group1_kind(unsigned int sub)
{
    return sub == 1 ? PTWR_OR : sub == 4 ? PTWR_AND :
           sub == 6 ? PTWR_XOR : -1;
}

/* See xen/ptwr.h. */
unsigned int ptwr_decode(const uint8_t *insn, size_t n,
                         struct ptwr_insn *op)
{
    unsigned int i = 0, rex = 0, m, imm_bytes = 0, sub;
    bool opsize16 = false, byte_op = false, twobyte = false;
    int kind = -1;
    uint8_t b;

    /* Legacy prefixes: lock, segment overrides, operand size. */
    while ( i < n && i < 4 )
    {
        b = insn[i];
        if ( b == 0x66 )
            opsize16 = true;
        else if ( b != 0xf0 && b != 0x2e && b != 0x36 && b != 0x3e &&
                  b != 0x26 && b != 0x64 && b != 0x65 )
            break;
        i++;
    }
    if ( i < n && (insn[i] & 0xf0) == 0x40 )
        rex = insn[i++];
    if ( i >= n )
        return 0;
    b = insn[i++];
    if ( b == 0x0f )
    {
        if ( i >= n )
            return 0;
        twobyte = true;
        b = insn[i++];
    }
    if ( i >= n )
        return 0;
    sub = (insn[i] >> 3) & 7;
    if ( !twobyte )
    {
        switch ( b )
        {
        case 0x88: byte_op = true; /* fall through */
        case 0x89: kind = PTWR_MOV; break;
        case 0x86: byte_op = true; /* fall through */
        case 0x87: kind = PTWR_XCHG; break;
        case 0x08: byte_op = true; /* fall through */
        case 0x09: kind = PTWR_OR; break;
        case 0x20: byte_op = true; /* fall through */
        case 0x21: kind = PTWR_AND; break;
        case 0x30: byte_op = true; /* fall through */
        case 0x31: kind = PTWR_XOR; break;
        case 0xc6:
        case 0xc7:
            if ( sub != 0 )
                return 0;
            byte_op = b == 0xc6;
            kind = PTWR_MOV;
            imm_bytes = byte_op ? 1 : opsize16 && !(rex & 8) ? 2 : 4;
            break;
        case 0x80:
        case 0x81:
        case 0x83:
            kind = group1_kind(sub);
            byte_op = b == 0x80;
            imm_bytes = b != 0x81 ? 1 : opsize16 && !(rex & 8) ? 2 : 4;
            break;
        }
    }
    else
    {
        switch ( b )
        {
        case 0xb0: byte_op = true; /* fall through */
        case 0xb1: kind = PTWR_CMPXCHG; break;
        case 0xab: kind = PTWR_BTS; break;
        case 0xb3: kind = PTWR_BTR; break;
        case 0xbb: kind = PTWR_BTC; break;
        case 0xba:
            kind = sub == 5 ? PTWR_BTS : sub == 6 ? PTWR_BTR :
                   sub == 7 ? PTWR_BTC : -1;
            imm_bytes = 1;
            break;
        }
    }
    if ( kind < 0 )
        return 0;
    m = modrm_bytes(insn + i, n - i);
    if ( !m )
        return 0;                       /* register destination, or cut */
    op->kind = kind;
    op->bytes = byte_op ? 1 : (rex & 8) ? 8 : opsize16 ? 2 : 4;
    op->reg = sub | ((rex & 4) << 1);
    op->high_byte = byte_op && !rex && sub >= 4;
    op->src_imm = imm_bytes != 0;
    i += m;
    op->imm = 0;
    if ( imm_bytes )
    {
        if ( i + imm_bytes > n )
            return 0;
        op->imm = read_imm(insn + i, imm_bytes);
        i += imm_bytes;
    }
    if ( i > n || i > 15 )
        return 0;
    op->len = i;
    return i;
}

static uint64_t size_mask(unsigned int bytes)
{
    return bytes >= 8 ? ~0ULL : (1ULL << (8 * bytes)) - 1;
}

/* The bytes-wide value of register reg (AH..BH when high). */
static uint64_t reg_read(const uint64_t gpr[16], unsigned int reg, bool high,
                         unsigned int bytes)
{
    if ( high )
        return (gpr[reg - 4] >> 8) & 0xff;
    return gpr[reg] & size_mask(bytes);
}

/*
 * Register reg after writing a bytes-wide val: 1 and 2 bytes merge, 4
 * bytes zero-extend, 8 replace (as the CPU does in 64-bit mode).
 */
static uint64_t reg_merge(uint64_t cur, uint64_t val, bool high,
                          unsigned int bytes)
{
    if ( high )
        return (cur & ~0xff00ULL) | ((val & 0xff) << 8);
    if ( bytes >= 4 )
        return val & size_mask(bytes);
    return (cur & ~size_mask(bytes)) | (val & size_mask(bytes));
}

/* PF, ZF and SF of a bytes-wide result. */
static uint64_t result_flags(uint64_t res, unsigned int bytes)
{
    uint64_t f = 0;

    if ( !(__builtin_popcount((unsigned int)(res & 0xff)) & 1) )
        f |= FLAG_PF;
    if ( !(res & size_mask(bytes)) )
        f |= FLAG_ZF;
    if ( (res >> (8 * bytes - 1)) & 1 )
        f |= FLAG_SF;
    return f;
}

/* The flags of cmp a, b (a - b), bytes wide. */
static uint64_t cmp_flags(uint64_t a, uint64_t b, unsigned int bytes)
{
    uint64_t res = (a - b) & size_mask(bytes), f = result_flags(res, bytes);

    if ( a < b )
        f |= FLAG_CF;
    if ( (a ^ b ^ res) & 0x10 )
        f |= FLAG_AF;
    if ( (((a ^ b) & (a ^ res)) >> (8 * bytes - 1)) & 1 )
        f |= FLAG_OF;
    return f;
}

/* See xen/ptwr.h. */
bool ptwr_apply(const struct ptwr_insn *op, unsigned int off, uint64_t old,
                const uint64_t gpr[16], uint64_t rflags,
                struct ptwr_result *res)
{
    unsigned int bytes = op->bytes, bit;
    uint64_t mask = size_mask(bytes), dst, src, val;
    bool write = true;

    if ( bytes == 0 || bytes > 8 || off > 8 - bytes || op->reg > 15 ||
         (op->high_byte && (op->reg < 4 || op->reg > 7)) )
        return false;
    dst = (old >> (8 * off)) & mask;
    src = op->src_imm ? op->imm & mask
                      : reg_read(gpr, op->reg, op->high_byte, bytes);
    res->reg = -1;
    res->reg_val = 0;
    res->rflags = rflags;
    switch ( op->kind )
    {
    case PTWR_MOV:
        val = src;
        break;
    case PTWR_XCHG:
        val = src;
        res->reg = op->high_byte ? op->reg - 4 : op->reg;
        res->reg_val = reg_merge(gpr[res->reg], dst, op->high_byte, bytes);
        break;
    case PTWR_CMPXCHG:
        res->rflags = (rflags & ~FLAGS_ARITH) |
                      cmp_flags(gpr[0] & mask, dst, bytes);
        val = src;
        if ( (gpr[0] & mask) != dst )
        {
            write = false;
            res->reg = 0;
            res->reg_val = reg_merge(gpr[0], dst, false, bytes);
        }
        break;
    case PTWR_AND:
    case PTWR_OR:
    case PTWR_XOR:
        val = op->kind == PTWR_AND ? dst & src :
              op->kind == PTWR_OR ? dst | src : dst ^ src;
        res->rflags = (rflags & ~FLAGS_ARITH) | result_flags(val, bytes);
        break;
    case PTWR_BTS:
    case PTWR_BTR:
    case PTWR_BTC:
        if ( op->src_imm )
            bit = src & (8 * bytes - 1);
        else if ( src < 8 * bytes )
            bit = src;                  /* else: another word of memory */
        else
            return false;
        res->rflags = (rflags & ~FLAG_CF) | ((dst >> bit) & 1);
        val = op->kind == PTWR_BTS ? dst | (1ULL << bit) :
              op->kind == PTWR_BTR ? dst & ~(1ULL << bit) :
              dst ^ (1ULL << bit);
        break;
    default:
        return false;
    }
    res->write = write;
    res->entry = (old & ~(mask << (8 * off))) | ((val & mask) << (8 * off));
    if ( !write )
        res->entry = old;
    return true;
}
