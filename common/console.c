/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console: formats with fmt_vsnprintf and writes to every registered
 * sink, starting each line with Xen's "(XEN) " prefix and turning "\n" into
 * "\r\n" for serial terminals.
 *
 * Options (Xen's names): console=<list of com1, com2, vga, none>
 * (default com1,vga), com1= and com2= "<baud>[/<clock>][,DPS[,<io-base>]]",
 * loglvl= and guest_loglvl= "<level>[/<rate-limited level>]" (default
 * warning and none/warning, lib/loglvl.c).
 *
 * Every message has a level: a Xen-style prefix (XENLOG_INFO ...) at the
 * start of the format, else LOGLVL_ERR for "ERR:"/"PANIC:" text,
 * LOGLVL_WARNING for "WARNING:" text and for untagged messages, which are
 * the boot summary. A message the threshold does not print is not even
 * formatted. boot_fail() and panic() always print.
 */
#include <xen/cmdline.h>
#include <xen/console.h>
#include <xen/fmt.h>
#include <xen/loglvl.h>
#include <xen/ns16550_opt.h>
#include <xen/serial.h>
#include <xen/string.h>

static struct console_sink *sinks;
static bool at_line_start = true;
/* A dom0 line is on the console, not ended yet (its prompt, its echo). */
static bool guest_mid_line;
static bool want_vga;
static struct loglvl_setting hv_loglvl = { LOGLVL_WARNING, LOGLVL_WARNING };
static struct loglvl_setting guest_loglvl = { LOGLVL_NONE, LOGLVL_WARNING };

void console_register(struct console_sink *sink)
{
    struct console_sink **p;

    for ( p = &sinks; *p; p = &(*p)->next )
        if ( *p == sink )
            return;
    sink->next = NULL;
    *p = sink;
}

void console_unregister(struct console_sink *sink)
{
    for ( struct console_sink **p = &sinks; *p; p = &(*p)->next )
        if ( *p == sink )
        {
            *p = sink->next;
            return;
        }
}

static void console_putc(char c)
{
    for ( struct console_sink *s = sinks; s; s = s->next )
    {
        if ( c == '\n' )
            s->putc('\r');
        s->putc(c);
    }
}

static void console_puts(const char *str)
{
    /* The hypervisor never continues a line of dom0's. */
    if ( guest_mid_line )
    {
        console_putc('\n');
        at_line_start = true;
        guest_mid_line = false;
    }
    for ( ; *str; str++ )
    {
        if ( at_line_start )
        {
            for ( const char *p = "(XEN) "; *p; p++ )
                console_putc(*p);
            at_line_start = false;
        }
        console_putc(*str);
        if ( *str == '\n' )
            at_line_start = true;
    }
}

/* Formats and prints whatever the level: the fatal lines use this. */
static void console_vformat(const char *fmt, va_list ap)
{
    char buf[512];

    fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
    console_puts(buf);
}

void vprintk(const char *fmt, va_list ap)
{
    size_t skip;
    int level = loglvl_of_message(fmt, LOGLVL_WARNING, &skip);

    if ( !loglvl_prints(&hv_loglvl, level) )
        return;
    console_vformat(fmt + skip, ap);
}

/* See xen/console.h. */
bool console_prints(int level)
{
    return loglvl_prints(&hv_loglvl, level);
}

void console_guest_text(const char *prefix, const char *s, size_t len,
                        bool eol)
{
    if ( !loglvl_prints(&guest_loglvl, LOGLVL_WARNING) )
        return;
    if ( !guest_mid_line )
    {
        if ( !at_line_start )
            console_putc('\n');
        for ( ; *prefix; prefix++ )
            console_putc(*prefix);
    }
    for ( size_t i = 0; i < len; i++ )
        console_putc(s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?');
    if ( eol )
        console_putc('\n');
    at_line_start = eol;
    guest_mid_line = !eol;
}

void console_guest_line(const char *prefix, const char *s, size_t len)
{
    console_guest_text(prefix, s, len, true);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void console_init_early(void)
{
    struct ns16550_config cfg;

    ns16550_opt_default(0, &cfg);
    ns16550_setup(0, &cfg);
}

/* Applies one console= list; returns false on an unknown name. */
static bool parse_console_list(const char *v, size_t len, bool *com,
                               bool *vga)
{
    bool ok = true;

    com[0] = com[1] = *vga = false;
    while ( len )
    {
        size_t n = 0;

        while ( n < len && v[n] != ',' )
            n++;
        if ( n == 4 && !strncmp(v, "com1", 4) )
            com[0] = true;
        else if ( n == 4 && !strncmp(v, "com2", 4) )
            com[1] = true;
        else if ( n == 3 && !strncmp(v, "vga", 3) )
            *vga = true;
        else if ( !(n == 4 && !strncmp(v, "none", 4)) )
            ok = false;
        v += n;
        len -= n;
        if ( len )
            v++, len--;
    }
    return ok;
}

/*
 * Applies a loglvl= or guest_loglvl= word; false when the word is one of
 * them and its value is refused (the setting is then unchanged).
 */
static bool console_loglvl_word(const struct cmdline_word *w)
{
    struct loglvl_setting *s;

    if ( cmdline_name_is(w, "loglvl") )
        s = &hv_loglvl;
    else if ( cmdline_name_is(w, "guest_loglvl") )
        s = &guest_loglvl;
    else
        return true;
    return w->value && !w->negated &&
           loglvl_parse(w->value, w->value_len, s) == LOGLVL_OK;
}

/* See xen/console.h. */
void console_loglvl_init(const char *cmdline)
{
    struct cmdline_iter it;
    struct cmdline_word w;

    cmdline_iter_init(&it, cmdline, strlen(cmdline));
    while ( cmdline_next(&it, &w) )
        console_loglvl_word(&w);
}

void console_init(const char *cmdline)
{
    struct ns16550_config cfg[NS16550_NR_PORTS];
    bool com[NS16550_NR_PORTS] = { true, false }, vga = true;
    struct cmdline_iter it;
    struct cmdline_word w;
    const char *bad = NULL, *why = NULL;
    size_t bad_len = 0;

    for ( unsigned int i = 0; i < NS16550_NR_PORTS; i++ )
        ns16550_opt_default(i, &cfg[i]);

    cmdline_iter_init(&it, cmdline, strlen(cmdline));
    while ( cmdline_next(&it, &w) )
    {
        enum ns16550_opt_status st = NS16550_OPT_OK;
        bool ok = true;

        if ( cmdline_name_is(&w, "console") )
            ok = w.value && parse_console_list(w.value, w.value_len, com, &vga);
        else if ( cmdline_name_is(&w, "com1") || cmdline_name_is(&w, "com2") )
        {
            unsigned int i = w.name[3] - '1';

            st = w.value ? ns16550_opt_parse(w.value, w.value_len, &cfg[i])
                         : NS16550_OPT_MALFORMED;
            ok = st == NS16550_OPT_OK;
        }
        else
            ok = console_loglvl_word(&w);
        if ( !ok )
        {
            why = st == NS16550_OPT_DIVISOR_RANGE ? ns16550_opt_strerror(st)
                                                  : NULL;
            bad = w.name;
            bad_len = w.value ? (size_t)(w.value + w.value_len - w.name)
                              : w.name_len;
        }
    }

    /* Rebuild the serial sinks with the chosen set. */
    for ( unsigned int i = 0; i < NS16550_NR_PORTS; i++ )
        ns16550_unregister(i);
    for ( unsigned int i = 0; i < NS16550_NR_PORTS; i++ )
        if ( com[i] )
            ns16550_setup(i, &cfg[i]);
    want_vga = vga;

    /* A refused com<N>= keeps that port's defaults (see ns16550_opt.c). */
    if ( bad && why )
        printk("WARNING: console option not usable: %.*s: %s; the port "
               "keeps its defaults\n", (int)bad_len, bad, why);
    else if ( bad )
        printk("WARNING: console option not understood: %.*s\n",
               (int)bad_len, bad);
}

void console_enable_vga(void)
{
    if ( want_vga )
        vga_setup();
}

static void __noreturn vfail(const char *prefix, const char *fmt, va_list ap)
{
    if ( !at_line_start )
        console_puts("\n");
    console_puts(prefix);
    console_vformat(fmt, ap);
    console_puts("\n");
    arch_halt();
}

void boot_fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfail("ERR: ", fmt, ap);
}

void panic(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfail("PANIC: ", fmt, ap);
}
