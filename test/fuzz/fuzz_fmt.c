/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Differential fuzzer for lib/fmt.c. The input is read as a series of
 * recipes, each one conversion from the supported subset (flags, width,
 * precision and length restricted to what C defines for it) between two
 * runs of literal text, plus its arguments and an output buffer size. Each
 * recipe is formatted by fmt_snprintf and by the host's snprintf; return
 * values and bytes must match. %p is our own format (0x and 16 digits),
 * so the reference formats a preformatted string with the same field.
 * Widths and precisions go well beyond 99 (digits and '*' up to a few
 * thousand, and digits beyond INT_MAX, where both must fail with -1).
 * Unknown conversions are compared too, in the forms where glibc also
 * copies them as written: at most one flag, a width and precision in
 * digits, no '*' or length modifier, a letter glibc gives no meaning.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/fmt.h>

/*
 * The host snprintf is only the reference here; its ASan interceptor would
 * warn about the unknown conversions fed to it on purpose.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "check_printf=0";
}

struct reader {
    const uint8_t *p;
    size_t left;
};

static uint8_t get8(struct reader *r)
{
    if ( !r->left )
        return 0;
    r->left--;
    return *r->p++;
}

static unsigned int get16(struct reader *r)
{
    unsigned int hi = get8(r);

    return hi << 8 | get8(r);
}

static uint64_t get64(struct reader *r)
{
    uint64_t v = 0;

    for ( int i = 0; i < 8; i++ )
        v = (v << 8) | get8(r);
    return v;
}

enum arg_kind { K_NONE, K_INT, K_LLONG, K_STR, K_PTR };

struct call {
    int nr_star;
    int star[2];
    enum arg_kind kind;
    int i;
    long long ll;
    const char *s;
    void *p;
};

typedef int snprintf_fn(char *, size_t, const char *, ...);

#define CALL_KIND(...)                                                  \
    switch ( c->kind )                                                  \
    {                                                                   \
    case K_NONE:  return f(buf, size, fmt, ##__VA_ARGS__);              \
    case K_INT:   return f(buf, size, fmt, ##__VA_ARGS__, c->i);        \
    case K_LLONG: return f(buf, size, fmt, ##__VA_ARGS__, c->ll);       \
    case K_STR:   return f(buf, size, fmt, ##__VA_ARGS__, c->s);        \
    case K_PTR:   return f(buf, size, fmt, ##__VA_ARGS__, c->p);        \
    }

/* Passes the recipe's arguments with their C types to f. */
static int invoke(snprintf_fn *f, char *buf, size_t size, const char *fmt,
                  const struct call *c)
{
    if ( c->nr_star == 0 )
        CALL_KIND()
    else if ( c->nr_star == 1 )
        CALL_KIND(c->star[0])
    else
        CALL_KIND(c->star[0], c->star[1])
    abort();
}

static void put_literal(struct reader *r, char *f, size_t *n)
{
    unsigned int len = get8(r) & 7;

    for ( unsigned int i = 0; i < len; i++ )
    {
        char c = get8(r);

        f[(*n)++] = (c == '%' || c == '\0') ? '.' : c;
    }
}

/* Longest field the host formats in a blink; far beyond it only fails. */
#define WIDE_MAX 5000

/*
 * Appends "n" or "*" for a width or precision field: mode 1 is 0..99,
 * mode 2 a '*' of -64..63, mode 3 digits of 100..WIDE_MAX+99 or, now and
 * then, beyond INT_MAX, mode 4 a '*' of up to +-WIDE_MAX.
 */
static void put_field(struct reader *r, char *f, size_t *n,
                      struct call *c, uint8_t mode)
{
    unsigned int v;

    switch ( mode )
    {
    case 1:
        *n += sprintf(f + *n, "%u", get8(r) % 100);
        break;
    case 2:
        f[(*n)++] = '*';
        c->star[c->nr_star++] = (int8_t)get8(r) / 2;
        break;
    case 3:
        v = get16(r);
        if ( v >= 0xfff0 )
            *n += sprintf(f + *n, "%llu",
                          2147483648ULL + (v & 15) * 1000000007ULL);
        else
            *n += sprintf(f + *n, "%u", 100 + v % WIDE_MAX);
        break;
    case 4:
        f[(*n)++] = '*';
        c->star[c->nr_star++] = (int16_t)get16(r) % (WIDE_MAX + 1);
        break;
    }
}

/*
 * An unknown conversion: '%', at most one flag, a width of 1..99 and a
 * precision of 0..99 in digits, then a letter that is no conversion,
 * length modifier or flag to glibc. glibc then copies it as written, as
 * fmt does (it rewrites '*', length modifiers and repeated flags).
 */
static void put_unknown(struct reader *r, char *f, size_t *n)
{
    static const char letters[] = "ykrvwKMRUVWY";
    static const char flags[] = "-0 +#";
    uint8_t flag = get8(r), w = get8(r), p = get8(r);

    f[(*n)++] = '%';
    if ( flag % 6 )
        f[(*n)++] = flags[flag % 6 - 1];
    if ( w % 2 )
        *n += sprintf(f + *n, "%u", 1 + w / 2 % 99);
    if ( p % 2 )
        *n += sprintf(f + *n, ".%u", p / 2 % 100);
    f[(*n)++] = letters[get8(r) % (sizeof(letters) - 1)];
}

/* Appends one conversion; returns the index of its conversion letter. */
static size_t put_spec(struct reader *r, char *f, size_t *n, struct call *c,
                       char conv, char *str, char *pstr)
{
    static const char *const lens[] = {
        "", "hh", "h", "l", "ll", "z", "t", "j",
    };
    bool num = strchr("diuxXo", conv);
    uint8_t flags = get8(r), wmode = get8(r) % 5, pmode = get8(r) % 6;
    const char *len = num ? lens[get8(r) % 8] : "";
    uint64_t v = get64(r);
    size_t at;

    f[(*n)++] = '%';
    if ( conv == '%' )
        flags = wmode = pmode = 0;
    if ( flags & 1 ) f[(*n)++] = '-';
    if ( flags & 2 ) f[(*n)++] = '0';
    /* ' ', '+' and '#' are defined for numbers only; '#' not for d/i/u. */
    if ( num && (flags & 4) ) f[(*n)++] = ' ';
    if ( num && (flags & 8) ) f[(*n)++] = '+';
    if ( strchr("xXo", conv) && (flags & 16) ) f[(*n)++] = '#';
    put_field(r, f, n, c, wmode);
    if ( (num || conv == 's') && pmode )
    {
        /* pmode 3 is a bare '.', 4 and 5 the wide fields. */
        f[(*n)++] = '.';
        put_field(r, f, n, c,
                  pmode == 3 ? 0 : pmode > 3 ? pmode - 1 : pmode);
    }
    *n += sprintf(f + *n, "%s%c", len, conv);
    at = *n - 1;

    if ( num )
    {
        c->kind = (len[0] == 'l' || len[0] == 'z' || len[0] == 't' ||
                   len[0] == 'j') ? K_LLONG : K_INT;
        c->ll = v;
        c->i = v;
    }
    else if ( conv == 'c' )
        c->kind = K_INT, c->i = (int)v;
    else if ( conv == 's' )
    {
        size_t sl = v & 15;

        c->kind = K_STR;
        memset(str, 'a' + (v >> 8) % 26, sl);
        str[sl] = '\0';
        c->s = (v >> 16) % 16 ? str : NULL;
    }
    else if ( conv == 'p' )
    {
        c->kind = K_PTR;
        c->p = (void *)(uintptr_t)v;
        snprintf(pstr, 19, "0x%016llx", (unsigned long long)v);
    }
    return at;
}

static void one_recipe(struct reader *r)
{
    static const char convs[] = "diuxXocsp%?";
    char fmt[128], ref_fmt[128], str[16], pstr[19], want[4096];
    struct call c = { 0 }, ref_c;
    size_t n = 0, at = 0, size;
    char conv = convs[get8(r) % 11];
    char *buf;
    int got, exp;

    put_literal(r, fmt, &n);
    if ( conv == '?' )
        put_unknown(r, fmt, &n);
    else
        at = put_spec(r, fmt, &n, &c, conv, str, pstr);
    put_literal(r, fmt, &n);
    fmt[n] = '\0';
    size = get8(r);

    memcpy(ref_fmt, fmt, n + 1);
    ref_c = c;
    if ( conv == 'p' )
    {
        ref_fmt[at] = 's';
        ref_c.kind = K_STR;
        ref_c.s = pstr;
    }

    exp = invoke(snprintf, want, sizeof(want), ref_fmt, &ref_c);
    /* An exact-size heap buffer lets ASan see a write past size. */
    buf = size ? malloc(size) : NULL;
    got = invoke(fmt_snprintf, buf, size, fmt, &c);
    if ( got != exp )
    {
        fprintf(stderr, "fmt \"%s\": returned %d, libc %d\n", fmt, got, exp);
        abort();
    }
    if ( size && got < 0 )
    {
        if ( !memchr(buf, '\0', size) )
        {
            fprintf(stderr, "fmt \"%s\": no NUL after failing\n", fmt);
            abort();
        }
    }
    else if ( size )
    {
        size_t keep = (size_t)exp < size ? (size_t)exp : size - 1;

        if ( memcmp(buf, want, keep) || buf[keep] != '\0' )
        {
            fprintf(stderr, "fmt \"%s\" size %zu: output differs\n",
                    fmt, size);
            abort();
        }
    }
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct reader r = { data, size };

    while ( r.left )
        one_recipe(&r);
    return 0;
}
