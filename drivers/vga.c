/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VGA text-mode console (80x25 at 0xB8000), for BIOS machines. It writes
 * through the direct map and scrolls; the hardware cursor is left alone.
 */
#include <xen/console.h>
#include <xen/serial.h>
#include <xen/string.h>
#include <asm/io.h>

#define VGA_TEXT_PA 0xb8000
#define VGA_COLS    80
#define VGA_ROWS    25
#define VGA_ATTR    0x07

static uint16_t *vga_buf;
static unsigned int vga_col, vga_row;

static void vga_newline(void)
{
    vga_col = 0;
    if ( ++vga_row < VGA_ROWS )
        return;
    memmove(vga_buf, vga_buf + VGA_COLS,
            (VGA_ROWS - 1) * VGA_COLS * sizeof(*vga_buf));
    for ( unsigned int i = 0; i < VGA_COLS; i++ )
        vga_buf[(VGA_ROWS - 1) * VGA_COLS + i] = (VGA_ATTR << 8) | ' ';
    vga_row = VGA_ROWS - 1;
}

static void vga_putc(char c)
{
    if ( c == '\r' )
        return;
    if ( c == '\n' )
    {
        vga_newline();
        return;
    }
    vga_buf[vga_row * VGA_COLS + vga_col] = (VGA_ATTR << 8) | (uint8_t)c;
    if ( ++vga_col == VGA_COLS )
        vga_newline();
}

static struct console_sink vga_sink = { .name = "vga", .putc = vga_putc };

void vga_setup(void)
{
    vga_buf = __va(VGA_TEXT_PA);
    for ( unsigned int i = 0; i < VGA_COLS * VGA_ROWS; i++ )
        vga_buf[i] = (VGA_ATTR << 8) | ' ';
    vga_col = vga_row = 0;
    console_register(&vga_sink);
}
