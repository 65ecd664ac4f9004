/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Decoding of the stores a PV kernel makes to its page-table entries
 * (pure): REX.W 89 /r (mov r64 to memory), REX.W 87 /r (xchg with
 * memory, the old entry going to the register) and REX.W C7 /0 (mov of a
 * sign-extended imm32), any memory addressing form. The address itself
 * is the fault's (CR2), so only the length and the value are decoded.
 */
#include <xen/ptwr.h>

/*
 * Decodes the store at insn (n bytes readable). Returns its length, or 0
 * when it is not one of the two forms.
 */
unsigned int ptwr_decode_store(const uint8_t *insn, size_t n,
                               struct ptwr_store *st)
{
    unsigned int i = 0, mod, rm, rex;
    uint8_t op, modrm;

    if ( n < 3 || (insn[0] & 0xf8) != 0x48 )
        return 0;                       /* REX with W */
    rex = insn[i++];
    op = insn[i++];
    if ( op != 0x89 && op != 0x87 && op != 0xc7 )
        return 0;
    modrm = insn[i++];
    mod = modrm >> 6;
    rm = modrm & 7;
    if ( mod == 3 )
        return 0;                       /* register destination */
    if ( op == 0xc7 && ((modrm >> 3) & 7) != 0 )
        return 0;
    if ( rm == 4 )
    {
        if ( i >= n )
            return 0;
        if ( mod == 0 && (insn[i] & 7) == 5 )
            i += 4;                     /* SIB without base: disp32 */
        i++;
    }
    if ( mod == 1 )
        i += 1;
    else if ( mod == 2 || (mod == 0 && rm == 5) )
        i += 4;
    st->imm = op == 0xc7;
    st->xchg = op == 0x87;
    st->reg = ((modrm >> 3) & 7) | ((rex & 4) << 1);
    st->imm_val = 0;
    if ( st->imm )
    {
        if ( i + 4 > n )
            return 0;
        st->imm_val = (uint64_t)(int64_t)(int32_t)
                      ((uint32_t)insn[i] | (uint32_t)insn[i + 1] << 8 |
                       (uint32_t)insn[i + 2] << 16 |
                       (uint32_t)insn[i + 3] << 24);
        i += 4;
    }
    if ( i > n )
        return 0;
    st->len = i;
    return i;
}
