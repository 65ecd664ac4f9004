/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory-map processing benchmark (host). Build and run from the top of
 * the tree (bench/memmap_bench.sh does the same):
 *
 *   mkdir -p build/bench && gcc -std=gnu11 -O2 -Iinclude \
 *       bench/memmap_bench.c lib/heap.c lib/mm/e820.c lib/efi/efimap.c \
 *       lib/mm/unaccepted.c -o build/bench/memmap_bench && \
 *       build/bench/memmap_bench
 *
 * Part 1: time per descriptor to normalize a random unsorted EFI map of
 * 10^2 .. 10^6 descriptors (48-byte descriptors, as OVMF reports them:
 * parse, validate, sort, resolve overlaps, merge) and to sanitize the same
 * ranges as e820, each against a plain libc qsort() of an array of the
 * same records in the same run. An O(n log n) algorithm keeps the ratio
 * roughly flat while the time per descriptor grows slowly with log n.
 *
 * Part 2: memory for tracking unaccepted memory, ours (range records plus
 * bits for the tracked ranges only) against one bit per 2 MiB from 0 to
 * the highest address, and against Linux's bitmap from the lowest to the
 * highest unaccepted address, for the same maps.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xen/e820.h>
#include <xen/efimap.h>
#include <xen/unaccepted.h>

#define DESC_BYTES 48
#define MiB (1ULL << 20)
#define GiB (1ULL << 30)
#define TiB (1ULL << 40)
#define PiB (1ULL << 50)

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: reproducible and fast enough not to matter. */
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/*
 * n ranges in address order with random gaps, sizes, types and, for one
 * in 64, an overlap into the previous range; then shuffled.
 */
static void make_map(struct efimap_entry *e, size_t n)
{
    static const uint32_t types[] = { 7, 7, 7, 4, 3, 1, 2, 9, 10, 0, 5, 6 };
    uint64_t pa = 0;

    for ( size_t i = 0; i < n; i++ )
    {
        uint64_t pages = 1 + rnd() % 256;

        pa += (rnd() % 4) * 0x1000;
        if ( i && rnd() % 64 == 0 )
            pa -= 0x1000;
        e[i] = (struct efimap_entry){ .start_pa = pa, .nr_pages = pages,
                                      .attr = 0xf,
                                      .type = types[rnd() % 12] };
        pa += pages * 0x1000;
    }
    for ( size_t i = n - 1; i > 0; i-- )
    {
        size_t j = rnd() % (i + 1);
        struct efimap_entry t = e[i];

        e[i] = e[j];
        e[j] = t;
    }
}

static int cmp_entry(const void *a, const void *b)
{
    uint64_t x = ((const struct efimap_entry *)a)->start_pa;
    uint64_t y = ((const struct efimap_entry *)b)->start_pa;

    return x < y ? -1 : x > y;
}

static int cmp_e820(const void *a, const void *b)
{
    uint64_t x = ((const struct e820entry *)a)->addr;
    uint64_t y = ((const struct e820entry *)b)->addr;

    return x < y ? -1 : x > y;
}

/* Buffers for one size, allocated once, reused by every repetition. */
struct bench {
    size_t n;
    struct efimap_entry *map, *sorted, *out;
    struct e820entry *e820, *e820_tmp, *e820_out;
    uint8_t *raw;
    void *scratch;
};

static double time_normalize(struct bench *b, unsigned int reps)
{
    struct efimap_report rep;
    unsigned int nr;
    double best = 1e30;

    for ( unsigned int r = 0; r < reps; r++ )
    {
        double t0 = now_ns();

        if ( efimap_normalize(b->raw, b->n * DESC_BYTES, DESC_BYTES, 0,
                              b->out, 2 * b->n, &nr, b->scratch,
                              efimap_scratch_bytes(b->n), &rep) !=
             EFIMAP_OK )
            abort();
        best = MIN(best, now_ns() - t0);
    }
    return best / b->n;
}

static double time_sanitize(struct bench *b, unsigned int reps)
{
    unsigned int nr;
    double best = 1e30;

    for ( unsigned int r = 0; r < reps; r++ )
    {
        double t0 = now_ns();

        if ( e820_sanitize(b->e820, b->n, b->e820_out, 2 * b->n, &nr,
                           b->scratch, e820_scratch_bytes(b->n)) != E820_OK )
            abort();
        best = MIN(best, now_ns() - t0);
    }
    return best / b->n;
}

/* qsort of a copy; the copy is part of the cost, as parsing is above. */
static double time_qsort(struct bench *b, unsigned int reps, bool e820)
{
    double best = 1e30;

    for ( unsigned int r = 0; r < reps; r++ )
    {
        double t0 = now_ns();

        if ( e820 )
        {
            memcpy(b->e820_tmp, b->e820, b->n * sizeof(*b->e820));
            qsort(b->e820_tmp, b->n, sizeof(*b->e820), cmp_e820);
        }
        else
        {
            memcpy(b->sorted, b->map, b->n * sizeof(*b->map));
            qsort(b->sorted, b->n, sizeof(*b->map), cmp_entry);
        }
        best = MIN(best, now_ns() - t0);
    }
    return best / b->n;
}

static void bench_setup(struct bench *b, size_t n)
{
    b->n = n;
    b->map = malloc(n * sizeof(*b->map));
    b->sorted = malloc(n * sizeof(*b->map));
    b->out = malloc(2 * n * sizeof(*b->out));
    b->e820 = malloc(n * sizeof(*b->e820));
    b->e820_tmp = malloc(n * sizeof(*b->e820));
    b->e820_out = malloc(2 * n * sizeof(*b->e820));
    b->raw = calloc(n, DESC_BYTES);
    b->scratch = malloc(efimap_scratch_bytes(n) + e820_scratch_bytes(n));
    make_map(b->map, n);
    for ( size_t i = 0; i < n; i++ )
    {
        struct efimap_fw_desc d = {
            .type = b->map[i].type, .phys_start = b->map[i].start_pa,
            .nr_pages = b->map[i].nr_pages, .attr = b->map[i].attr,
        };

        memcpy(b->raw + i * DESC_BYTES, &d, sizeof(d));
        b->e820[i] = (struct e820entry){
            b->map[i].start_pa, b->map[i].nr_pages * 0x1000,
            efimap_e820_type(b->map[i].type, 0xf, 0) };
    }
}

static void bench_free(struct bench *b)
{
    free(b->map);
    free(b->sorted);
    free(b->out);
    free(b->e820);
    free(b->e820_tmp);
    free(b->e820_out);
    free(b->raw);
    free(b->scratch);
}

static void timing_table(void)
{
    double base_norm = 0, base_san = 0, base_q = 0;

    printf("map processing, ns per descriptor (best of several runs)\n");
    printf("%9s %9s %7s %6s %9s %7s %6s %7s %7s %7s\n", "descs",
           "efimap", "qsort", "ratio", "e820", "qsort", "ratio", "growth",
           "growth", "growth");
    printf("%9s %9s %7s %6s %9s %7s %6s %7s %7s %7s\n", "", "normalize",
           "32B", "", "sanitize", "20B", "", "efimap", "e820", "qsort");
    for ( size_t n = 100; n <= 1000000; n *= 10 )
    {
        struct bench b;
        unsigned int reps = n >= 1000000 ? 5 : n >= 100000 ? 10 : 200;
        double norm, q, san, q20;

        bench_setup(&b, n);
        norm = time_normalize(&b, reps);
        q = time_qsort(&b, reps, false);
        san = time_sanitize(&b, reps);
        q20 = time_qsort(&b, reps, true);
        if ( n == 100 )
        {
            base_norm = norm;
            base_san = san;
            base_q = q;
        }
        printf("%9zu %9.1f %7.1f %6.2f %9.1f %7.1f %6.2f %6.1fx %6.1fx "
               "%6.1fx\n", n, norm, q, norm / q, san, q20, san / q20,
               norm / base_norm, san / base_san, q / base_q);
        bench_free(&b);
    }
    printf("ratio: our time / qsort time on the same records; growth: ns "
           "per descriptor\nrelative to 100 descriptors (n log n alone "
           "gives 3.0x; the rest is caches)\n\n");
}

/* Bytes of one bit per 2 MiB over [lo, hi), in 8-byte words. */
static uint64_t bitmap_bytes(uint64_t lo, uint64_t hi)
{
    uint64_t units = (hi - lo + UNACCEPTED_UNIT_BYTES - 1) /
                     UNACCEPTED_UNIT_BYTES;

    return (units + 63) / 64 * 8;
}

static void memory_row(const char *name, const struct efimap_entry *m,
                       unsigned int nr)
{
    struct unaccepted_need need;
    uint64_t lo = UINT64_MAX, hi = 0, top = 0;

    if ( unaccepted_measure(m, nr, &need) != UNACCEPTED_OK )
        abort();
    for ( unsigned int i = 0; i < nr; i++ )
    {
        uint64_t end = m[i].start_pa + m[i].nr_pages * 0x1000;

        top = MAX(top, end);
        if ( m[i].type != EFIMAP_TYPE_UNACCEPTED )
            continue;
        lo = MIN(lo, ALIGN_DOWN(m[i].start_pa, UNACCEPTED_UNIT_BYTES));
        hi = MAX(hi, end);
    }
    /* Linux adds a 24-byte header to its bitmap. */
    printf("%-34s %12zu %16llu %16llu %8u\n", name, need.storage_bytes,
           (unsigned long long)bitmap_bytes(0, top),
           (unsigned long long)(bitmap_bytes(lo, hi) + 24), need.nr_ranges);
}

static void memory_table(void)
{
    static struct efimap_entry many[2001];
    const struct efimap_entry sparse[] = {
        { 0, 2 * GiB / 0x1000, 0xf, EFIMAP_TYPE_CONVENTIONAL, 0 },
        { 4 * GiB, 4 * GiB / 0x1000, 0xf, EFIMAP_TYPE_UNACCEPTED, 1 },
        { 4 * PiB - 4 * GiB, 4 * GiB / 0x1000, 0xf,
          EFIMAP_TYPE_UNACCEPTED, 2 },
    };
    const struct efimap_entry dense[] = {
        { 0, 2 * GiB / 0x1000, 0xf, EFIMAP_TYPE_CONVENTIONAL, 0 },
        { 4 * GiB, 4 * GiB / 0x1000, 0xf, EFIMAP_TYPE_UNACCEPTED, 1 },
        { 12 * GiB, 4 * GiB / 0x1000, 0xf, EFIMAP_TYPE_UNACCEPTED, 2 },
    };
    const struct efimap_entry guest[] = {
        { 0, 2 * GiB / 0x1000, 0xf, EFIMAP_TYPE_CONVENTIONAL, 0 },
        { 4 * GiB, 60 * GiB / 0x1000, 0xf, EFIMAP_TYPE_UNACCEPTED, 1 },
    };
    unsigned int n = 0;

    /* 1000 ranges of 10 MiB + 4 KiB, unaligned, spread over 4 PiB. */
    for ( unsigned int i = 0; i < 1000; i++ )
        many[n++] = (struct efimap_entry){
            .start_pa = i * (4 * TiB) + 3 * MiB + 0x1000,
            .nr_pages = (10 * MiB + 0x1000) / 0x1000, .attr = 0xf,
            .type = EFIMAP_TYPE_UNACCEPTED, .fw_index = i };

    printf("unaccepted-memory tracking, bytes\n");
    printf("%-34s %12s %16s %16s %8s\n", "map", "ours", "bit/2MiB from 0",
           "Linux lo..hi", "ranges");
    memory_row("4 GiB at 4 GiB + 4 GiB below 4 PiB", sparse, 3);
    memory_row("same, second range at 12 GiB", dense, 3);
    memory_row("64 GiB guest, 60 GiB unaccepted", guest, 2);
    memory_row("1000 x 10 MiB spread over 4 PiB", many, n);
}

int main(void)
{
    timing_table();
    memory_table();
    return 0;
}
