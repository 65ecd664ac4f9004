/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * printf-style formatting into a caller's buffer. The output matches C99
 * snprintf for the conversions listed in <xen/fmt.h>; the host fuzzer
 * compares the two byte for byte. There is no floating point here: the
 * hypervisor is built with -mgeneral-regs-only.
 *
 * Choices where C leaves the behaviour open, as glibc does them: a NULL %s
 * prints "(null)", or nothing when the precision is too small to hold all
 * of it (a cut "(nu" would read like data); the '0' flag pads %c, %s and
 * %p with blanks; a length modifier on %c or %s is ignored (no wide
 * characters); a field width or precision written in digits beyond
 * INT_MAX makes the call fail (-1) after the output before it, since the
 * complete output would be longer than an int can say.
 * Our own choice, unlike glibc: an unknown conversion (or a '%' ending
 * the format) is copied to the output exactly as written, '*' and length
 * modifier included, and consumes no argument beyond its '*' fields;
 * glibc rewrites it in a canonical form, or fails on an incomplete one.
 */
#include <xen/fmt.h>

#define F_LEFT      0x01    /* '-' */
#define F_ZERO      0x02    /* '0' */
#define F_SPACE     0x04    /* ' ' */
#define F_PLUS      0x08    /* '+' */
#define F_ALT       0x10    /* '#' */

/* The longest output an int return value can report (INT_MAX). */
#define FMT_NUM_MAX 0x7fffffff

enum fmt_len {
    LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J,
};

/* Where the output goes: bytes past size - 1 are counted, not stored. */
struct fmt_out {
    char *buf;
    size_t size;
    size_t pos;
};

struct fmt_spec {
    unsigned int flags;
    size_t width;
    long prec;              /* -1: none given */
    enum fmt_len len;
    char conv;
};

static void out_bytes(struct fmt_out *o, const char *s, size_t n)
{
    for ( size_t i = 0; i < n; i++, o->pos++ )
        if ( o->pos + 1 < o->size )
            o->buf[o->pos] = s[i];
}

static void out_fill(struct fmt_out *o, char c, size_t n)
{
    /* Only the stored part is looped over, so a huge width stays cheap. */
    for ( size_t i = 0; i < n && o->pos + i + 1 < o->size; i++ )
        o->buf[o->pos + i] = c;
    o->pos += n;
}

/* Writes body (n bytes) padded with blanks to the field width. */
static void out_field(struct fmt_out *o, const struct fmt_spec *sp,
                      const char *body, size_t n)
{
    size_t pad = sp->width > n ? sp->width - n : 0;

    if ( !(sp->flags & F_LEFT) )
        out_fill(o, ' ', pad);
    out_bytes(o, body, n);
    if ( sp->flags & F_LEFT )
        out_fill(o, ' ', pad);
}

static uint64_t arg_unsigned(va_list *ap, enum fmt_len len)
{
    switch ( len )
    {
    case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_H:  return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_L:  return va_arg(*ap, unsigned long);
    case LEN_LL: return va_arg(*ap, unsigned long long);
    case LEN_Z:  return va_arg(*ap, size_t);
    case LEN_T:  return (uint64_t)va_arg(*ap, ptrdiff_t);
    case LEN_J:  return va_arg(*ap, uintmax_t);
    default:     return va_arg(*ap, unsigned int);
    }
}

static int64_t arg_signed(va_list *ap, enum fmt_len len)
{
    switch ( len )
    {
    case LEN_HH: return (signed char)va_arg(*ap, int);
    case LEN_H:  return (short)va_arg(*ap, int);
    case LEN_L:  return va_arg(*ap, long);
    case LEN_LL: return va_arg(*ap, long long);
    /* The signed type of size_t's width; ptrdiff_t is that on x86-64. */
    case LEN_Z:  return va_arg(*ap, ptrdiff_t);
    case LEN_T:  return va_arg(*ap, ptrdiff_t);
    case LEN_J:  return va_arg(*ap, intmax_t);
    default:     return va_arg(*ap, int);
    }
}

/*
 * One integer conversion. C99 7.19.6.1: the precision is the minimum digit
 * count (zero prints nothing for a zero value), '#' makes octal start with
 * a 0 and puts 0x before a non-zero hex value, and '0' pads after the sign
 * or prefix only when no precision was given.
 */
static void out_int(struct fmt_out *o, const struct fmt_spec *sp,
                    uint64_t mag, char sign)
{
    const char *xdigits = sp->conv == 'X' ? "0123456789ABCDEF"
                                          : "0123456789abcdef";
    unsigned int base = sp->conv == 'o' ? 8 :
                        (sp->conv == 'x' || sp->conv == 'X') ? 16 : 10;
    char digits[24], prefix[2];
    size_t nd = 0, np = 0, zeros = 0, len;

    for ( uint64_t v = mag; v || (!nd && sp->prec != 0); v /= base )
        digits[sizeof(digits) - ++nd] = xdigits[v % base];

    if ( sp->prec > 0 && (size_t)sp->prec > nd )
        zeros = sp->prec - nd;
    if ( base == 8 && (sp->flags & F_ALT) && !zeros &&
         (!nd || digits[sizeof(digits) - nd] != '0') )
        zeros = 1;

    if ( sign )
        prefix[np++] = sign;
    else if ( base == 16 && (sp->flags & F_ALT) && mag )
    {
        prefix[np++] = '0';
        prefix[np++] = sp->conv;
    }

    len = np + zeros + nd;
    if ( (sp->flags & (F_ZERO | F_LEFT)) == F_ZERO && sp->prec < 0 &&
         sp->width > len )
    {
        zeros += sp->width - len;
        len = sp->width;
    }

    if ( !(sp->flags & F_LEFT) && sp->width > len )
        out_fill(o, ' ', sp->width - len);
    out_bytes(o, prefix, np);
    out_fill(o, '0', zeros);
    out_bytes(o, digits + sizeof(digits) - nd, nd);
    if ( (sp->flags & F_LEFT) && sp->width > len )
        out_fill(o, ' ', sp->width - len);
}

static void out_string(struct fmt_out *o, const struct fmt_spec *sp,
                       const char *s)
{
    size_t n = 0;

    if ( !s )
        s = sp->prec < 0 || sp->prec >= 6 ? "(null)" : "";
    /* With a precision the string need not be terminated: stop there. */
    while ( (sp->prec < 0 || n < (size_t)sp->prec) && s[n] )
        n++;
    out_field(o, sp, s, n);
}

static void out_pointer(struct fmt_out *o, const struct fmt_spec *sp,
                        const void *p)
{
    uint64_t v = (uintptr_t)p;
    char body[18];

    body[0] = '0';
    body[1] = 'x';
    for ( unsigned int i = 0; i < 16; i++ )
        body[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 0xf];
    out_field(o, sp, body, sizeof(body));
}

/*
 * Reads a decimal field from *f; any value beyond FMT_NUM_MAX reads as
 * FMT_NUM_MAX + 1, which the caller refuses, and never overflows.
 */
static long parse_num(const char **f)
{
    long n = 0;

    for ( ; **f >= '0' && **f <= '9'; (*f)++ )
    {
        n = n * 10 + (**f - '0');
        if ( n > FMT_NUM_MAX )
            n = FMT_NUM_MAX + 1L;
    }
    return n;
}

static void parse_flags(const char **f, struct fmt_spec *sp)
{
    for ( ;; (*f)++ )
    {
        switch ( **f )
        {
        case '-': sp->flags |= F_LEFT; break;
        case '0': sp->flags |= F_ZERO; break;
        case ' ': sp->flags |= F_SPACE; break;
        case '+': sp->flags |= F_PLUS; break;
        case '#': sp->flags |= F_ALT; break;
        default: return;
        }
    }
}

static void parse_length(const char **f, struct fmt_spec *sp)
{
    const char *s = *f;

    switch ( *s )
    {
    case 'h':
        sp->len = s[1] == 'h' ? LEN_HH : LEN_H;
        break;
    case 'l':
        sp->len = s[1] == 'l' ? LEN_LL : LEN_L;
        break;
    case 'z': sp->len = LEN_Z; break;
    case 't': sp->len = LEN_T; break;
    case 'j': sp->len = LEN_J; break;
    default: return;
    }
    *f = s + ((sp->len == LEN_HH || sp->len == LEN_LL) ? 2 : 1);
}

/*
 * Parses one conversion after its '%' and leaves *f past it. A '*' width
 * or precision takes an int argument; a negative width means '-', a
 * negative precision means none.
 */
static void parse_spec(const char **f, struct fmt_spec *sp, va_list *ap)
{
    sp->flags = 0;
    sp->width = 0;
    sp->prec = -1;
    sp->len = LEN_NONE;

    parse_flags(f, sp);
    if ( **f == '*' )
    {
        int w = va_arg(*ap, int);

        (*f)++;
        if ( w < 0 )
            sp->flags |= F_LEFT;
        sp->width = w < 0 ? -(unsigned long)w : (unsigned long)w;
    }
    else
        sp->width = parse_num(f);

    if ( **f == '.' )
    {
        (*f)++;
        if ( **f == '*' )
        {
            int p = va_arg(*ap, int);

            (*f)++;
            sp->prec = p < 0 ? -1 : p;
        }
        else
            sp->prec = parse_num(f);
    }

    parse_length(f, sp);
    sp->conv = **f;
    if ( sp->conv )
        (*f)++;
}

static void convert(struct fmt_out *o, struct fmt_spec *sp, va_list *ap,
                    const char *start, const char *end)
{
    int64_t sv;

    switch ( sp->conv )
    {
    case 'd': case 'i':
        sv = arg_signed(ap, sp->len);
        out_int(o, sp, sv < 0 ? -(uint64_t)sv : (uint64_t)sv,
                sv < 0 ? '-' : (sp->flags & F_PLUS) ? '+' :
                (sp->flags & F_SPACE) ? ' ' : 0);
        break;
    case 'u': case 'x': case 'X': case 'o':
        out_int(o, sp, arg_unsigned(ap, sp->len), 0);
        break;
    case 'c':
    {
        char c = (unsigned char)va_arg(*ap, int);

        out_field(o, sp, &c, 1);
        break;
    }
    case 's':
        out_string(o, sp, va_arg(*ap, const char *));
        break;
    case 'p':
        out_pointer(o, sp, va_arg(*ap, const void *));
        break;
    case '%':
        out_bytes(o, "%", 1);
        break;
    default:
        out_bytes(o, start, end - start);
        break;
    }
}

/*
 * Formats fmt into buf (size bytes; may be NULL when size is 0). The output
 * is always NUL-terminated when size > 0. Returns the length the complete
 * output has, excluding the NUL, or -1 if that exceeds INT_MAX (as it
 * does for any width or precision beyond INT_MAX).
 */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct fmt_out o = { .buf = buf, .size = size, .pos = 0 };
    struct fmt_spec sp;
    va_list args;
    bool too_long = false;

    va_copy(args, ap);
    while ( *fmt )
    {
        const char *start = fmt;

        if ( *fmt != '%' )
        {
            while ( *fmt && *fmt != '%' )
                fmt++;
            out_bytes(&o, start, fmt - start);
            continue;
        }
        fmt++;
        parse_spec(&fmt, &sp, &args);
        if ( sp.width > FMT_NUM_MAX || sp.prec > FMT_NUM_MAX )
        {
            too_long = true;
            break;
        }
        convert(&o, &sp, &args, start, fmt);
    }
    va_end(args);

    if ( size )
        buf[o.pos < size ? o.pos : size - 1] = '\0';
    return too_long || o.pos > FMT_NUM_MAX ? -1 : (int)o.pos;
}

/* As fmt_vsnprintf, with the arguments inline. */
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
