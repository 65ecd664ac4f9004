/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/heap.c. The inputs are pseudo-random records from
 * a fixed seed, checked against a plain insertion sort; each record is an
 * exact-size heap block placed at an odd address, so ASan sees any access
 * past the array and UBSan any access the types do not allow.
 */
#include <stdlib.h>
#include <string.h>

#include <xen/heap.h>

#include "unit.h"

/* xorshift64: reproducible, and any seed but 0 will do. */
static uint64_t rnd(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

static uint64_t get_key(const unsigned char *rec, size_t key_offset)
{
    uint64_t key;

    memcpy(&key, rec + key_offset, sizeof(key));
    return key;
}

/* The byte a record made from input index i holds at offset j. */
static unsigned char fill_byte(size_t i, size_t j)
{
    return (unsigned char)(i * 131 + j * 7 + 1);
}

/* Insertion sort of the keys alone: slow, obviously right. */
static void ref_sort(uint64_t *k, size_t n)
{
    for ( size_t i = 1; i < n; i++ )
    {
        uint64_t v = k[i];
        size_t j = i;

        for ( ; j && k[j - 1] > v; j-- )
            k[j] = k[j - 1];
        k[j] = v;
    }
}

/* One heap_sort() shape: record size, where the key sits, how keys vary. */
struct sort_case {
    size_t elem_bytes;
    size_t key_offset;
    uint64_t key_mask;          /* small masks give many equal keys */
};

static const struct sort_case sort_cases[] = {
    { 8, 0, UINT64_MAX },       /* the key alone */
    { 9, 1, 0xff },             /* odd size, key unaligned */
    { 12, 4, 0x3 },             /* mostly equal keys */
    { 16, 8, UINT64_MAX },
    { 20, 5, 0xf000000000000000ULL },
    { 24, 0, UINT64_MAX },      /* e820_span */
    { 31, 23, 0x1f },           /* key in the last 8 bytes */
    { 32, 0, 0xfffff000 },      /* efimap_entry */
    { 40, 16, UINT64_MAX },
    { 56, 3, 0x7 },
    { 64, 56, UINT64_MAX },     /* the largest record */
};

static const size_t sort_counts[] = { 0, 1, 2, 3, 7, 64, 257, 1000 };

/*
 * Sorts nr records shaped as c and checks the keys against ref_sort() and
 * that every record arrives whole, each input record exactly once.
 */
static void check_one_sort(struct unit_ctx *ctx, const struct sort_case *c,
                           size_t nr, uint64_t *seed)
{
    size_t bytes = c->elem_bytes * nr;
    unsigned char *block = malloc(bytes + 1);
    unsigned char *recs = block + 1;
    uint64_t *keys = malloc((nr + 1) * sizeof(*keys));
    bool *seen = calloc(nr + 1, sizeof(*seen));
    bool keys_ok = true, records_ok = true;

    for ( size_t i = 0; i < nr; i++ )
    {
        unsigned char *r = recs + i * c->elem_bytes;

        for ( size_t j = 0; j < c->elem_bytes; j++ )
            r[j] = fill_byte(i, j);
        keys[i] = rnd(seed) & c->key_mask;
        memcpy(r + c->key_offset, &keys[i], sizeof(keys[i]));
    }
    ref_sort(keys, nr);

    CHECK_EQ(heap_sort(recs, nr, c->elem_bytes, c->key_offset), HEAP_OK);

    for ( size_t i = 0; i < nr; i++ )
    {
        const unsigned char *r = recs + i * c->elem_bytes;
        /* The first byte outside the key tells which input record this is. */
        size_t probe = c->key_offset ? 0 : sizeof(uint64_t);
        size_t from = nr;

        keys_ok &= get_key(r, c->key_offset) == keys[i];
        if ( probe >= c->elem_bytes )
            continue;
        for ( size_t k = 0; k < nr && from == nr; k++ )
            if ( !seen[k] && fill_byte(k, probe) == r[probe] )
            {
                bool whole = true;

                for ( size_t j = 0; j < c->elem_bytes; j++ )
                    if ( (j < c->key_offset ||
                          j >= c->key_offset + sizeof(uint64_t)) &&
                         r[j] != fill_byte(k, j) )
                        whole = false;
                if ( whole )
                    from = k;
            }
        records_ok &= from < nr;
        if ( from < nr )
            seen[from] = true;
    }
    CHECK(keys_ok);
    CHECK(records_ok);
    free(seen);
    free(keys);
    free(block);
}

static void sorts_random_records_of_many_shapes(struct unit_ctx *ctx)
{
    uint64_t seed = 0x243f6a8885a308d3ULL;

    for ( size_t c = 0; c < ARRAY_SIZE(sort_cases); c++ )
        for ( size_t n = 0; n < ARRAY_SIZE(sort_counts); n++ )
            check_one_sort(ctx, &sort_cases[c], sort_counts[n], &seed);
}

/* Keys compare as unsigned: 2^63 and above sort after everything else. */
static void keys_compare_unsigned(struct unit_ctx *ctx)
{
    uint64_t k[] = { UINT64_MAX, 0, 1ULL << 63, 1, (1ULL << 63) - 1,
                     UINT64_MAX - 1, 0 };
    const uint64_t want[] = { 0, 0, 1, (1ULL << 63) - 1, 1ULL << 63,
                              UINT64_MAX - 1, UINT64_MAX };

    CHECK_EQ(heap_sort(k, ARRAY_SIZE(k), sizeof(k[0]), 0), HEAP_OK);
    CHECK(!memcmp(k, want, sizeof(k)));
}

/* Input already sorted, reversed or all equal: the worst cases of others. */
static void sorted_reversed_and_equal_inputs(struct unit_ctx *ctx)
{
    uint64_t up[100], down[100], same[100];

    for ( unsigned int i = 0; i < 100; i++ )
    {
        up[i] = i;
        down[i] = 99 - i;
        same[i] = 42;
    }
    CHECK_EQ(heap_sort(up, 100, 8, 0), HEAP_OK);
    CHECK_EQ(heap_sort(down, 100, 8, 0), HEAP_OK);
    CHECK_EQ(heap_sort(same, 100, 8, 0), HEAP_OK);
    for ( unsigned int i = 0; i < 100; i++ )
    {
        CHECK_EQ(up[i], i);
        CHECK_EQ(down[i], i);
        CHECK_EQ(same[i], 42);
    }
}

static void bad_shapes_are_refused_untouched(struct unit_ctx *ctx)
{
    static const struct {
        size_t elem_bytes;
        size_t key_offset;
        enum heap_status want;
    } bad[] = {
        { 0, 0, HEAP_ERR_ELEM_BYTES },
        { HEAP_MAX_ELEM_BYTES + 1, 0, HEAP_ERR_ELEM_BYTES },
        { 4, 0, HEAP_ERR_KEY_OFFSET },
        { 16, 9, HEAP_ERR_KEY_OFFSET },
        { 16, SIZE_MAX, HEAP_ERR_KEY_OFFSET },
    };
    unsigned char buf[4 * (HEAP_MAX_ELEM_BYTES + 1)], copy[sizeof(buf)];

    for ( size_t i = 0; i < sizeof(buf); i++ )
        buf[i] = (unsigned char)(255 - i);
    memcpy(copy, buf, sizeof(buf));
    for ( size_t i = 0; i < ARRAY_SIZE(bad); i++ )
        CHECK_EQ(heap_sort(buf, 4, bad[i].elem_bytes, bad[i].key_offset),
                 bad[i].want);
    CHECK(!memcmp(buf, copy, sizeof(buf)));
    CHECK_EQ(heap_sort(NULL, 0, 8, 0), HEAP_OK);
}

/* The index heap ranks indices by the key array passed as ctx. */
static bool key_less(const void *ctx, uint32_t a, uint32_t b)
{
    const uint64_t *k = ctx;

    return k[a] < k[b];
}

static void index_heap_pops_in_order(struct unit_ctx *ctx)
{
    static const struct {
        unsigned int nr;
        uint64_t key_mask;
    } cases[] = { { 1, ~0ULL }, { 2, 1 }, { 5, ~0ULL }, { 100, 7 },
                  { 1000, ~0ULL } };
    uint64_t seed = 0x13198a2e03707344ULL;

    for ( size_t c = 0; c < ARRAY_SIZE(cases); c++ )
    {
        unsigned int nr = cases[c].nr;
        uint64_t *keys = malloc(nr * sizeof(*keys));
        uint64_t *want = malloc(nr * sizeof(*want));
        uint32_t *slot = malloc(nr * sizeof(*slot));
        struct heap_idx h;
        bool order_ok = true;

        for ( unsigned int i = 0; i < nr; i++ )
            want[i] = keys[i] = rnd(&seed) & cases[c].key_mask;
        ref_sort(want, nr);

        heap_idx_init(&h, slot, nr, key_less, keys);
        for ( unsigned int i = 0; i < nr; i++ )
            CHECK_EQ(heap_idx_push(&h, i), HEAP_OK);
        CHECK_EQ(h.nr, nr);
        for ( unsigned int i = nr; i-- > 0; )
        {
            order_ok &= keys[h.slot[0]] == want[i];
            CHECK_EQ(heap_idx_pop(&h), HEAP_OK);
        }
        CHECK(order_ok);
        CHECK_EQ(h.nr, 0);
        free(slot);
        free(want);
        free(keys);
    }
}

/* Pushes and pops mixed, against a linear scan for the largest key. */
static void index_heap_interleaved_matches_scan(struct unit_ctx *ctx)
{
    enum { NR = 300 };
    uint64_t keys[NR], seed = 0xa4093822299f31d0ULL;
    uint32_t slot[NR];
    bool held[NR] = { false }, top_ok = true;
    struct heap_idx h;
    unsigned int next = 0;

    for ( unsigned int i = 0; i < NR; i++ )
        keys[i] = rnd(&seed) % 50;
    heap_idx_init(&h, slot, NR, key_less, keys);
    while ( next < NR || h.nr )
    {
        uint64_t best = 0;

        if ( next < NR && (!h.nr || rnd(&seed) % 3) )
        {
            held[next] = true;
            CHECK_EQ(heap_idx_push(&h, next++), HEAP_OK);
        }
        else
        {
            held[h.slot[0]] = false;
            CHECK_EQ(heap_idx_pop(&h), HEAP_OK);
        }
        if ( !h.nr )
            continue;
        for ( unsigned int i = 0; i < NR; i++ )
            if ( held[i] && keys[i] > best )
                best = keys[i];
        top_ok &= held[h.slot[0]] && keys[h.slot[0]] == best;
    }
    CHECK(top_ok);
}

static void index_heap_full_and_empty_are_refused(struct unit_ctx *ctx)
{
    const uint64_t keys[] = { 5, 9, 1 };
    uint32_t slot[2];
    struct heap_idx h;

    heap_idx_init(&h, slot, 2, key_less, keys);
    CHECK_EQ(heap_idx_pop(&h), HEAP_ERR_EMPTY);
    CHECK_EQ(heap_idx_push(&h, 0), HEAP_OK);
    CHECK_EQ(heap_idx_push(&h, 1), HEAP_OK);
    CHECK_EQ(heap_idx_push(&h, 2), HEAP_ERR_FULL);
    CHECK_EQ(h.nr, 2);
    CHECK_EQ(h.slot[0], 1);
    CHECK_EQ(h.slot[1], 0);
    CHECK_EQ(heap_idx_pop(&h), HEAP_OK);
    CHECK_EQ(h.slot[0], 0);
    CHECK_EQ(heap_idx_pop(&h), HEAP_OK);
    CHECK_EQ(heap_idx_pop(&h), HEAP_ERR_EMPTY);
    CHECK_EQ(h.nr, 0);

    heap_idx_init(&h, NULL, 0, key_less, keys);
    CHECK_EQ(heap_idx_push(&h, 0), HEAP_ERR_FULL);
}

static void messages_exist(struct unit_ctx *ctx)
{
    for ( int st = HEAP_OK; st <= HEAP_ERR_EMPTY; st++ )
        CHECK(strcmp(heap_strerror(st), "unknown heap status"));
    CHECK(!strcmp(heap_strerror(HEAP_ERR_EMPTY + 1), "unknown heap status"));
}

static const struct unit_case heap_cases[] = {
    { "sorts_random_records_of_many_shapes",
      sorts_random_records_of_many_shapes },
    { "keys_compare_unsigned", keys_compare_unsigned },
    { "sorted_reversed_and_equal_inputs", sorted_reversed_and_equal_inputs },
    { "bad_shapes_are_refused_untouched", bad_shapes_are_refused_untouched },
    { "index_heap_pops_in_order", index_heap_pops_in_order },
    { "index_heap_interleaved_matches_scan",
      index_heap_interleaved_matches_scan },
    { "index_heap_full_and_empty_are_refused",
      index_heap_full_and_empty_are_refused },
    { "messages_exist", messages_exist },
};

UNIT_SUITE(heap, heap_cases)
