/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzzes devpath_file_path(). Byte 0 picks the output size. Invariants on
 * success: the path is non-empty printable ASCII, NUL-terminated inside the
 * output, nothing written past it; a doubled separator appears only where
 * one input name holds one; and the path is exactly what a model builds
 * from the input: the file-path names in order, each cut at its NUL, empty
 * ones skipped, and one '\' where two meet (added when neither side has
 * it, dropped from the second when both do), so every character comes
 * from the input's names or is such a joining '\'. When the model's path
 * does not fit the output the parser must say DEVPATH_TOO_LONG. The parser
 * must be deterministic.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/devpath.h>

#define ENSURE(c)   do { if ( !(c) ) abort(); } while ( 0 )

/*
 * The joined names are never longer than the device path (two bytes per
 * character, a 4-byte head per joining '\\'); longer inputs skip the model.
 */
#define MODEL_BYTES (1 << 17)

struct model {
    char path[MODEL_BYTES];
    size_t len;
    bool doubled_in_name;   /* some name holds two '\' in a row */
    bool complete;          /* the walk reached an end node */
};

/* Appends one file-path name of len bytes (UCS-2) the model's way. */
static void model_name(struct model *m, const uint8_t *name, size_t len)
{
    size_t nr = 0;
    char prev = 0;

    for ( size_t i = 0; i + 1 < len; i += 2 )
    {
        uint16_t u = name[i] | (name[i + 1] << 8);
        char c = (char)u;

        if ( !u )
            break;
        if ( c == '\\' && prev == '\\' )
            m->doubled_in_name = true;
        prev = c;
        if ( nr++ == 0 && m->len )
        {
            bool left = m->path[m->len - 1] == '\\', right = c == '\\';

            if ( left && right )
                continue;
            if ( !left && !right )
                m->path[m->len++] = '\\';
        }
        m->path[m->len++] = c;
    }
}

/*
 * The model of a device path the parser accepted: every node is known to
 * fit and every name to be printable ASCII, so the walk is plain.
 */
static void model_build(struct model *m, const uint8_t *dp, size_t dp_bytes)
{
    size_t off = 0;

    m->len = 0;
    m->doubled_in_name = m->complete = false;
    if ( dp_bytes >= MODEL_BYTES )
        return;
    while ( dp_bytes - off >= DEVPATH_NODE_HEAD )
    {
        size_t len = dp[off + 2] | (dp[off + 3] << 8);

        if ( len < DEVPATH_NODE_HEAD || len > dp_bytes - off )
            return;
        if ( dp[off] == DEVPATH_TYPE_END )
        {
            m->complete = true;
            break;
        }
        if ( dp[off] == DEVPATH_TYPE_MEDIA &&
             dp[off + 1] == DEVPATH_SUBTYPE_FILE )
            model_name(m, dp + off + DEVPATH_NODE_HEAD,
                       len - DEVPATH_NODE_HEAD);
        off += len;
    }
    m->path[m->len] = 0;
}

static struct model model;

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
        model_build(&model, dp, size - 1);
        ENSURE(size > MODEL_BYTES || (model.complete && model.len == n &&
                                      !strcmp(model.path, out)));
        ENSURE(!strstr(out, "\\\\") || model.doubled_in_name);
    }
    else if ( st == DEVPATH_TOO_LONG )
    {
        model_build(&model, dp, size - 1);
        ENSURE(size > MODEL_BYTES || model.len + 1 > out_bytes);
    }
    if ( devpath_file_path(dp, size - 1, again, out_bytes) != st ||
         (st == DEVPATH_OK && strcmp(out, again)) )
        abort();
    if ( !devpath_strerror(st) )
        abort();
    free(dp);
    return 0;
}
