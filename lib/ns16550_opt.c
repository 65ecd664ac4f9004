/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * com1=/com2= for a 16550 UART, pure: the value is parsed into a copy of
 * the caller's settings, which is written back only when the whole value
 * is usable, so a refused option leaves the defaults in force. A divisor
 * of 0 (e.g. com1=115200/1) or one wider than the 16-bit latch (e.g.
 * com1=300/4000000000) is refused, not truncated.
 */
#include <xen/cmdline.h>
#include <xen/ns16550_opt.h>
#include <xen/string.h>

const char *ns16550_opt_strerror(enum ns16550_opt_status st)
{
    switch ( st )
    {
    case NS16550_OPT_OK:            return "ok";
    case NS16550_OPT_MALFORMED:     return "not understood";
    case NS16550_OPT_DIVISOR_RANGE: return "baud and clock give a UART "
                                           "divisor outside 1..65535";
    }
    return "unknown UART option status";
}

void ns16550_opt_default(unsigned int index, struct ns16550_config *cfg)
{
    cfg->io_base = index ? 0x2f8 : 0x3f8;
    cfg->irq = -1;
    cfg->baud = 115200;
    cfg->clock_hz = NS16550_CLOCK_HZ;
    cfg->divisor = NS16550_CLOCK_HZ / (16 * 115200);
    cfg->data_bits = 8;
    cfg->parity = 'n';
    cfg->stop_bits = 1;
}

enum ns16550_opt_status ns16550_opt_divisor(uint32_t clock_hz, uint32_t baud,
                                            uint16_t *divisor)
{
    uint64_t div;

    if ( !baud )
        return NS16550_OPT_DIVISOR_RANGE;
    div = clock_hz / (16 * (uint64_t)baud);
    if ( !div || div > NS16550_OPT_DIVISOR_MAX )
        return NS16550_OPT_DIVISOR_RANGE;
    *divisor = (uint16_t)div;
    return NS16550_OPT_OK;
}

/* "<baud>|auto[/<clock_hz>]" up to end; *val moves past it. */
static bool ns16550_opt_speed(const char **val, const char *end,
                              struct ns16550_config *c)
{
    const char *v = *val, *rest;
    uint64_t n;

    if ( end - v >= 4 && !strncmp(v, "auto", 4) )
    {
        c->baud = 0;
        rest = v + 4;
    }
    else if ( cmdline_uint(v, end - v, &n, &rest) || !n ||
              n > NS16550_OPT_BAUD_MAX )
        return false;
    else
        c->baud = (uint32_t)n;
    if ( rest < end && *rest == '/' )
    {
        rest++;
        if ( cmdline_uint(rest, end - rest, &n, &rest) || !n ||
             n > UINT32_MAX )
            return false;
        c->clock_hz = (uint32_t)n;
    }
    *val = rest;
    return true;
}

/* ",DPS[,<io-base>[,<irq>[,...]]]" or nothing, up to end. */
static bool ns16550_opt_line(const char *val, const char *end,
                             struct ns16550_config *c)
{
    const char *rest;
    uint64_t n;

    if ( val == end )
        return true;
    if ( *val++ != ',' )
        return false;
    /* DPS: data bits, parity, stop bits, e.g. 8n1. */
    if ( end - val >= 3 && val[0] != ',' )
    {
        if ( val[0] < '5' || val[0] > '8' || !val[1] ||
             !strchr("noems", val[1]) || (val[2] != '1' && val[2] != '2') )
            return false;
        c->data_bits = val[0] - '0';
        c->parity = val[1];
        c->stop_bits = val[2] - '0';
        val += 3;
    }
    if ( val == end )
        return true;
    if ( *val++ != ',' )
        return false;
    if ( cmdline_uint(val, end - val, &n, &rest) || !n || n > 0xfff8 )
        return false;
    c->io_base = (uint16_t)n;
    if ( rest == end )
        return true;
    if ( *rest++ != ',' )
        return false;
    /*
     * The IRQ, 0 for polling as in Xen; a word there ("msi") or nothing
     * keeps the usual line. Xen's later fields (PCI) are not ours.
     */
    if ( rest < end && *rest >= '0' && *rest <= '9' )
    {
        if ( cmdline_uint(rest, end - rest, &n, &rest) || n > 255 ||
             (rest != end && *rest != ',') )
            return false;
        c->irq = (int16_t)n;
    }
    return true;
}

enum ns16550_opt_status ns16550_opt_parse(const char *val, size_t len,
                                          struct ns16550_config *cfg)
{
    struct ns16550_config c = *cfg;
    const char *end = val + len;

    if ( len && val[0] != ',' && !ns16550_opt_speed(&val, end, &c) )
        return NS16550_OPT_MALFORMED;
    if ( !ns16550_opt_line(val, end, &c) )
        return NS16550_OPT_MALFORMED;
    if ( c.baud && ns16550_opt_divisor(c.clock_hz, c.baud, &c.divisor) )
        return NS16550_OPT_DIVISOR_RANGE;
    *cfg = c;
    return NS16550_OPT_OK;
}
