/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Debug keys on the serial console (xen/keyhandler.h), a few of Xen's:
 * same letters, same lines ("'h' pressed -> showing installed handlers",
 * " key 'h' (ascii '68') => show this message").
 */
#include <xen/console.h>
#include <xen/keyhandler.h>

struct key {
    char key;
    const char *desc;
    void (*fn)(char key);
};

static void show_handlers(char key);

static void dump_dom0(char key)
{
    printk("'%c' pressed -> dumping Dom0's registers\n", key);
    arch_key_dump_dom0();
}

static void reboot_machine(char key)
{
    printk("'%c' pressed -> rebooting machine\n", key);
    arch_key_reboot();
}

static void read_clocks(char key)
{
    printk("'%c' pressed -> showing the clocks\n", key);
    arch_key_clocks();
}

/* In ASCII order, as Xen lists them. */
static const struct key keys[] = {
    { '0', "dump Dom0 registers", dump_dom0 },
    { 'R', "reboot machine", reboot_machine },
    { 'h', "show this message", show_handlers },
    { 't', "display the clocks", read_clocks },
};

static void show_handlers(char key)
{
    printk("'%c' pressed -> showing installed handlers\n", key);
    for ( unsigned int i = 0; i < sizeof(keys) / sizeof(keys[0]); i++ )
        printk(" key '%c' (ascii '%02x') => %s\n", keys[i].key,
               (unsigned int)(unsigned char)keys[i].key, keys[i].desc);
}

/* See xen/keyhandler.h. */
void keyhandler_press(char key)
{
    for ( unsigned int i = 0; i < sizeof(keys) / sizeof(keys[0]); i++ )
        if ( keys[i].key == key )
        {
            keys[i].fn(key);
            return;
        }
}
