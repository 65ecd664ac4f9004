/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The com1=/com2= option of a 16550 UART (lib/ns16550_opt.c): parsing
 * and the baud-rate divisor arithmetic, pure, so the range checks are
 * unit-tested. drivers/ns16550.c programs what this accepted.
 */
#ifndef XEN_NS16550_OPT_H
#define XEN_NS16550_OPT_H

#include <xen/serial.h>

/* The divisor latch (DLL, DLM) holds 16 bits; 0 is not a usable divisor. */
#define NS16550_OPT_DIVISOR_MAX 0xffff
/* The highest baud we accept before the divisor is checked. */
#define NS16550_OPT_BAUD_MAX    4000000

enum ns16550_opt_status {
    NS16550_OPT_OK,
    NS16550_OPT_MALFORMED,      /* not <baud>[/<clock>][,DPS[,<io>[,...]]] */
    NS16550_OPT_DIVISOR_RANGE,  /* clock / (16 * baud) not in 1..65535 */
};

/* Fixed English text for a status; never NULL. */
const char *ns16550_opt_strerror(enum ns16550_opt_status st);

/* The settings of port index (0: com1 at 0x3f8, 1: com2 at 0x2f8). */
void ns16550_opt_default(unsigned int index, struct ns16550_config *cfg);

/*
 * The divisor for baud from a UART clock of clock_hz: clock_hz / (16 *
 * baud), rounded down. NS16550_OPT_DIVISOR_RANGE when baud is 0 or the
 * result is 0 or does not fit 16 bits; *divisor is then untouched.
 */
enum ns16550_opt_status ns16550_opt_divisor(uint32_t clock_hz, uint32_t baud,
                                            uint16_t *divisor);

/*
 * Parses Xen's com<N>= value "<baud>|auto[/<clock_hz>][,DPS[,<io-base>
 * [,<irq>]]]" (len bytes at val) over the settings in *cfg. On
 * NS16550_OPT_OK *cfg holds the result, divisor included (for "auto" the
 * divisor is not used); on any error *cfg is unchanged.
 */
enum ns16550_opt_status ns16550_opt_parse(const char *val, size_t len,
                                          struct ns16550_config *cfg);

#endif /* XEN_NS16550_OPT_H */
