/* SPDX-License-Identifier: GPL-2.0-only */
/* Serial console input (placeholder). */
#include <xen/console.h>

void console_rx_interrupt(void)
{
}
