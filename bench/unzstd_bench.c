/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Zstandard decoding benchmark (host): bench/unzstd_bench.sh [FILE...].
 * Each FILE is a Linux bzImage with a zstd payload (lib/boot/bzimage.c) or
 * a plain .zst file. Decodes it with unzstd_decode() and with libzstd's
 * ZSTD_decompress() in the same run, checks both give the same bytes,
 * and prints output MB/s for both and the time ratio, best of several
 * rounds of process CPU time (both run in each round, each first in
 * every other round, so both see the same machine and the same cache),
 * and the median of the rounds' own ratios, which a busy machine disturbs
 * less.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zstd.h>

#include <xen/bzimage.h>
#include <xen/unzstd.h>

#define ROUNDS 15

static struct unzstd_work work;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static double cpu_seconds(void)
{
    struct timespec t;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static uint8_t *slurp(const char *path, size_t *bytes)
{
    FILE *f = fopen(path, "rb");
    uint8_t *p;
    long n;

    if ( !f )
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    p = malloc(n ? n : 1);
    if ( !p || fread(p, 1, n, f) != (size_t)n )
    {
        fclose(f);
        free(p);
        return NULL;
    }
    fclose(f);
    *bytes = n;
    return p;
}

static int bench(const char *path)
{
    double ours = 1e9, ref = 1e9, ratio[ROUNDS];
    struct bzimage_info bz;
    uint8_t *img, *out, *ref_out;
    const uint8_t *in;
    size_t img_bytes, in_bytes, out_bytes, len = 0, used;
    unsigned long long fcs;

    img = slurp(path, &img_bytes);
    if ( !img )
    {
        fprintf(stderr, "unzstd_bench: cannot read %s\n", path);
        return 1;
    }
    if ( bzimage_parse(img, img_bytes, &bz) == BZIMAGE_OK )
    {
        if ( bz.format != BZIMAGE_FMT_ZSTD )
        {
            fprintf(stderr, "unzstd_bench: %s has a %s payload\n", path,
                    bzimage_format_name(bz.format));
            return 1;
        }
        /* Linux appends the size after the frame. */
        in = img + bz.payload_offset;
        in_bytes = bz.payload_bytes - 4;
        out_bytes = bz.size_hint;
    }
    else
    {
        in = img;
        in_bytes = img_bytes;
        fcs = ZSTD_getFrameContentSize(in, in_bytes);
        if ( fcs == ZSTD_CONTENTSIZE_UNKNOWN ||
             fcs == ZSTD_CONTENTSIZE_ERROR )
        {
            fprintf(stderr, "unzstd_bench: %s has no content size\n", path);
            return 1;
        }
        out_bytes = fcs;
    }
    out = malloc(out_bytes + 1);
    ref_out = malloc(out_bytes + 1);
    if ( !out || !ref_out )
        return 1;

    for ( unsigned int r = 0; r < ROUNDS; r++ )
    {
        enum unzstd_status st = UNZSTD_OK;
        size_t ref_len = 0;
        double t_ours = 0, t_ref = 0;

        /*
         * Each decoder goes first in every other round: the second finds
         * the cache full of the first one's output, which costs it 8-10 %
         * on the synthetic input (measured with our decoder run twice).
         */
        for ( unsigned int k = 0; k < 2; k++ )
        {
            double t0 = cpu_seconds();

            if ( (k == 0) == (r % 2 == 0) )
            {
                st = unzstd_decode(in, in_bytes, out, out_bytes, &len, &used,
                                   &work);
                t_ours = cpu_seconds() - t0;
            }
            else
            {
                ref_len = ZSTD_decompress(ref_out, out_bytes, in, in_bytes);
                t_ref = cpu_seconds() - t0;
            }
        }
        if ( st != UNZSTD_OK || len != out_bytes )
        {
            printf("unzstd: %s: %s\n", path, unzstd_strerror(st));
            return 1;
        }
        if ( ZSTD_isError(ref_len) || ref_len != len ||
             memcmp(out, ref_out, len) )
        {
            printf("unzstd: %s: output differs from libzstd's\n", path);
            return 1;
        }
        ours = t_ours < ours ? t_ours : ours;
        ref = t_ref < ref ? t_ref : ref;
        ratio[r] = t_ours / t_ref;
    }
    qsort(ratio, ROUNDS, sizeof(ratio[0]), cmp_double);
    printf("unzstd: %s: %zu -> %zu bytes (same as libzstd %s)\n", path,
           in_bytes, len, ZSTD_versionString());
    printf("unzstd: ours %.1f MB/s (%.4f s), libzstd %.1f MB/s (%.4f s), "
           "ours/libzstd time %.2f, median of %u rounds %.2f\n",
           len / ours / 1e6, ours, len / ref / 1e6, ref, ours / ref,
           ROUNDS, ratio[ROUNDS / 2]);
    free(img);
    free(out);
    free(ref_out);
    return 0;
}

int main(int argc, char **argv)
{
    int rc = 0;

    if ( argc < 2 )
    {
        fprintf(stderr, "usage: unzstd_bench FILE...\n");
        return 1;
    }
    for ( int i = 1; i < argc; i++ )
        rc |= bench(argv[i]);
    return rc;
}
