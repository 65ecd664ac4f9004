/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XZ decoding benchmark (host): bench/unxz_bench.sh [BZIMAGE]. Finds the
 * xz payload of a Linux bzImage (lib/boot/bzimage.c), decodes it with
 * unxz_decode() (CRC32 or CRC64 check and x86 BCJ included) and with
 * liblzma in the same run, checks both give the same bytes, and prints
 * output MB/s for both and the ratio, best of several rounds of process
 * CPU time.
 */
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xen/bzimage.h>
#include <xen/unxz.h>

#define ROUNDS 5

static struct unxz_work work;

static double cpu_seconds(void)
{
    struct timespec t;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* liblzma on the first stream of in; the number of bytes it produced. */
static size_t lzma_unxz(const uint8_t *in, size_t in_bytes, uint8_t *out,
                        size_t out_bytes)
{
    lzma_stream s = LZMA_STREAM_INIT;
    size_t n;

    if ( lzma_stream_decoder(&s, UINT64_MAX, 0) != LZMA_OK )
        return 0;
    s.next_in = in;
    s.avail_in = in_bytes;
    s.next_out = out;
    s.avail_out = out_bytes;
    n = lzma_code(&s, LZMA_FINISH) == LZMA_STREAM_END ? s.total_out : 0;
    lzma_end(&s);
    return n;
}

int main(int argc, char **argv)
{
    double ours = 1e9, ref = 1e9;
    struct bzimage_info bz;
    uint8_t *img, *out, *ref_out;
    const uint8_t *in;
    size_t len, used;
    long img_bytes;
    FILE *f;

    if ( argc != 2 || !(f = fopen(argv[1], "rb")) )
    {
        fprintf(stderr, "usage: unxz_bench BZIMAGE\n");
        return 1;
    }
    fseek(f, 0, SEEK_END);
    img_bytes = ftell(f);
    fseek(f, 0, SEEK_SET);
    img = malloc(img_bytes);
    if ( !img || fread(img, 1, img_bytes, f) != (size_t)img_bytes )
        return 1;
    fclose(f);
    if ( bzimage_parse(img, img_bytes, &bz) != BZIMAGE_OK ||
         bz.format != BZIMAGE_FMT_XZ )
    {
        fprintf(stderr, "unxz_bench: %s has no xz payload\n", argv[1]);
        return 1;
    }
    in = img + bz.payload_offset;
    out = malloc(bz.size_hint);
    ref_out = malloc(bz.size_hint);
    if ( !out || !ref_out )
        return 1;

    for ( unsigned int r = 0; r < ROUNDS; r++ )
    {
        enum unxz_status st = UNXZ_OK;
        size_t ref_len = 0;
        double t_ours = 0, t_ref = 0;

        /* Each decoder goes first in every other round (the second finds
         * the cache full of the first one's output), and the comparison
         * is outside both times. */
        for ( unsigned int k = 0; k < 2; k++ )
        {
            double t0 = cpu_seconds();

            if ( (k == 0) == (r % 2 == 0) )
            {
                st = unxz_decode(in, bz.payload_bytes, out, bz.size_hint,
                                 &len, &used, &work);
                t_ours = cpu_seconds() - t0;
            }
            else
            {
                ref_len = lzma_unxz(in, bz.payload_bytes, ref_out,
                                    bz.size_hint);
                t_ref = cpu_seconds() - t0;
            }
        }
        if ( st != UNXZ_OK || len != bz.size_hint )
        {
            printf("unxz: %s\n", unxz_strerror(st));
            return 1;
        }
        if ( ref_len != len || memcmp(out, ref_out, len) )
        {
            printf("unxz: output differs from liblzma's\n");
            return 1;
        }
        ours = t_ours < ours ? t_ours : ours;
        ref = t_ref < ref ? t_ref : ref;
    }
    printf("unxz: bzImage payload %zu -> %zu bytes (same as liblzma)\n",
           bz.payload_bytes, len);
    printf("unxz: ours %.1f MB/s (%.3f s), liblzma %.1f MB/s (%.3f s), "
           "ours/liblzma time %.2f\n", len / ours / 1e6, ours,
           len / ref / 1e6, ref, ours / ref);
    return 0;
}
