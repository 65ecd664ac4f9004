/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gzip decoding benchmark (host): bench/inflate_bench.sh FILE.gz. Decodes
 * the member with inflate_gunzip() (which includes the CRC-32 of the
 * output, lib/crc32.c) and with zlib in the same run, best of several
 * rounds of process CPU time, and prints output MB/s for both, the
 * ratio, and how much of ours is the CRC-32 alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include <xen/crc32.h>
#include <xen/inflate.h>

#define ROUNDS 5

static struct inflate_work work;
static uint32_t crc_tables[CRC32_SLICES][256];

static double cpu_seconds(void)
{
    struct timespec t;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static size_t zlib_gunzip(const uint8_t *in, size_t in_bytes, uint8_t *out,
                          size_t out_bytes)
{
    z_stream z;

    memset(&z, 0, sizeof(z));
    if ( inflateInit2(&z, 16 + MAX_WBITS) != Z_OK )
        return 0;
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)in_bytes;
    z.next_out = out;
    z.avail_out = (uInt)out_bytes;
    if ( inflate(&z, Z_FINISH) != Z_STREAM_END )
        z.total_out = 0;
    inflateEnd(&z);
    return z.total_out;
}

int main(int argc, char **argv)
{
    double ours = 1e9, ref = 1e9, crc = 1e9;
    uint8_t *in, *out;
    uint32_t isize;
    long in_bytes;
    size_t len;
    FILE *f;

    if ( argc != 2 || !(f = fopen(argv[1], "rb")) )
    {
        fprintf(stderr, "usage: inflate_bench FILE.gz\n");
        return 1;
    }
    fseek(f, 0, SEEK_END);
    in_bytes = ftell(f);
    fseek(f, 0, SEEK_SET);
    in = malloc(in_bytes);
    if ( !in || fread(in, 1, in_bytes, f) != (size_t)in_bytes ||
         !inflate_gzip_isize(in, in_bytes, &isize) || !(out = malloc(isize)) )
        return 1;
    fclose(f);

    for ( unsigned int r = 0; r < ROUNDS; r++ )
    {
        enum inflate_status st = INFLATE_OK;
        size_t ref_len = 0;
        double t_ours = 0, t_ref = 0, t0, t1;

        /* Each decoder goes first in every other round (the second finds
         * the cache full of the first one's output). */
        for ( unsigned int k = 0; k < 2; k++ )
        {
            t0 = cpu_seconds();
            if ( (k == 0) == (r % 2 == 0) )
            {
                st = inflate_gunzip(in, in_bytes, out, isize, &len, &work);
                t_ours = cpu_seconds() - t0;
            }
            else
            {
                ref_len = zlib_gunzip(in, in_bytes, out, isize);
                t_ref = cpu_seconds() - t0;
            }
        }
        if ( st != INFLATE_OK || len != isize )
        {
            printf("inflate: %s\n", inflate_strerror(st));
            return 1;
        }
        if ( ref_len != isize )
            return 1;
        t0 = cpu_seconds();
        /* The trailer check as inflate_gunzip() makes it. */
        crc32_table_build(crc_tables);
        (void)crc32_table_update(crc_tables, 0, out, isize);
        t1 = cpu_seconds();
        ours = t_ours < ours ? t_ours : ours;
        ref = t_ref < ref ? t_ref : ref;
        crc = t1 - t0 < crc ? t1 - t0 : crc;
    }
    printf("inflate: %ld -> %u bytes\n", in_bytes, isize);
    printf("inflate: ours %.1f MB/s (%.3f s, of which CRC-32 %.3f s), "
           "zlib %.1f MB/s (%.3f s), ours/zlib time %.2f\n",
           isize / ours / 1e6, ours, crc, isize / ref / 1e6, ref,
           ours / ref);
    return 0;
}
