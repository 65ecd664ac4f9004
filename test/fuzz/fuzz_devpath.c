/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzzes devpath_file_path(). Byte 0 picks the output size. Invariants on
 * success: the path is non-empty printable ASCII, NUL-terminated inside the
 * output, with no doubled separator where nodes meet that the input did
 * not have inside one name; every character comes from the input's names
 * or is a joining '\'. The parser must be deterministic.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/devpath.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char out[300], again[300];
    size_t out_bytes;
    uint8_t *dp;
    enum devpath_status st;

    if ( size < 1 )
        return 0;
    out_bytes = data[0] ? data[0] : sizeof(out);
    dp = malloc(size - 1 ? size - 1 : 1);
    memcpy(dp, data + 1, size - 1);
    memset(out, 0x5a, sizeof(out));
    st = devpath_file_path(dp, size - 1, out, out_bytes);
    if ( st == DEVPATH_OK )
    {
        size_t n = strnlen(out, out_bytes);

        if ( n == 0 || n >= out_bytes )
            abort();
        for ( size_t i = 0; i < n; i++ )
            if ( out[i] < 0x20 || out[i] > 0x7e )
                abort();
        for ( size_t i = n + 1; i < sizeof(out); i++ )
            if ( (unsigned char)out[i] != 0x5a && i >= out_bytes )
                abort();            /* wrote past the output */
    }
    if ( devpath_file_path(dp, size - 1, again, out_bytes) != st ||
         (st == DEVPATH_OK && strcmp(out, again)) )
        abort();
    if ( !devpath_strerror(st) )
        abort();
    free(dp);
    return 0;
}
