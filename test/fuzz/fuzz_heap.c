/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the binary heaps (lib/heap.c). Input layout:
 *   byte 0: record size % 70 (0 and 65..69 are refused sizes)
 *   byte 1: key offset % 72 (some lie outside the record)
 *   byte 2: how far (0..7 bytes) the records sit past an 8-byte boundary
 *   byte 3: slots of the index heap, % 64
 *   rest:   the records to sort; read again, byte i is the key of index
 *           record i (at most 128 records, many equal keys) and, byte by
 *           byte, the index-heap operations: odd pops, even pushes
 *           record (byte / 2) % nr.
 * Invariants: heap_sort() refuses exactly the bad sizes and key offsets
 * and then writes nothing; otherwise its result is sorted by key, is a
 * permutation of the input records, is the same for the same input, and
 * no byte around the records changes. The index heap matches a model
 * multiset after every push and pop: same count, same indices, FULL and
 * EMPTY exactly when the model says (the heap then unchanged), the heap
 * property holds in every slot, each pop drops a record no held one ranks
 * above, so draining it yields keys in non-increasing order; less() is
 * only ever asked about indices that were pushed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/heap.h>

#define ENSURE(c)   do { if ( !(c) ) abort(); } while ( 0 )

#define GUARD       16
#define MAX_KEYS    128
#define MAX_SLOTS   64

static size_t sort_elem_bytes;

static int cmp_records(const void *a, const void *b)
{
    return memcmp(a, b, sort_elem_bytes);
}

static uint64_t key_at(const uint8_t *rec, size_t key_offset)
{
    uint64_t k;

    memcpy(&k, rec + key_offset, sizeof(k));
    return k;
}

static void fuzz_sort(const uint8_t *data, size_t size)
{
    size_t elem = data[0] % 70, key_off = data[1] % 72, skew = data[2] % 8;
    const uint8_t *in = data + 4;
    size_t in_bytes = size - 4, nr = elem ? in_bytes / elem : in_bytes;
    size_t bytes = elem ? nr * elem : 0, frame_bytes = GUARD + skew + bytes +
                   GUARD;
    uint8_t *frame = malloc(frame_bytes), *again = malloc(bytes + 1);
    uint8_t *recs = frame + GUARD + skew, *a, *b;
    bool bad_elem = !elem || elem > HEAP_MAX_ELEM_BYTES;
    bool bad_key = !bad_elem && (elem < 8 || key_off > elem - 8);
    enum heap_status st;

    ENSURE(frame && again);
    for ( size_t i = 0; i < frame_bytes; i++ )
        frame[i] = (uint8_t)(i * 13 + 5);
    memcpy(recs, in, bytes);
    st = heap_sort(recs, nr, elem, key_off);
    ENSURE(st == (bad_elem ? HEAP_ERR_ELEM_BYTES :
                  bad_key ? HEAP_ERR_KEY_OFFSET : HEAP_OK));
    ENSURE(heap_strerror(st));
    for ( size_t i = 0; i < GUARD + skew; i++ )
        ENSURE(frame[i] == (uint8_t)(i * 13 + 5));
    for ( size_t i = frame_bytes - GUARD; i < frame_bytes; i++ )
        ENSURE(frame[i] == (uint8_t)(i * 13 + 5));
    if ( st != HEAP_OK )
    {
        ENSURE(!memcmp(recs, in, bytes));
        goto out;
    }

    for ( size_t i = 1; i < nr; i++ )
        ENSURE(key_at(recs + (i - 1) * elem, key_off) <=
               key_at(recs + i * elem, key_off));

    /* The same input sorts to the same bytes. */
    memcpy(again, in, bytes);
    ENSURE(heap_sort(again, nr, elem, key_off) == HEAP_OK);
    ENSURE(!memcmp(again, recs, bytes));

    /* A permutation: both sides in one canonical order are equal. */
    a = malloc(bytes + 1);
    b = malloc(bytes + 1);
    ENSURE(a && b);
    memcpy(a, in, bytes);
    memcpy(b, recs, bytes);
    sort_elem_bytes = elem;
    qsort(a, nr, elem, cmp_records);
    qsort(b, nr, elem, cmp_records);
    ENSURE(!memcmp(a, b, bytes));
    free(a);
    free(b);
out:
    free(frame);
    free(again);
}

struct idx_model {
    uint64_t key[MAX_KEYS];
    unsigned int nr_keys;
    unsigned int held[MAX_KEYS];    /* how often each index is held */
    unsigned int nr_held;
};

static bool less(const void *ctx, uint32_t a, uint32_t b)
{
    const struct idx_model *m = ctx;

    ENSURE(a < m->nr_keys && b < m->nr_keys);
    ENSURE(m->held[a] && m->held[b]);
    return m->key[a] < m->key[b];
}

static uint64_t model_max(const struct idx_model *m)
{
    uint64_t max = 0;

    for ( unsigned int i = 0; i < m->nr_keys; i++ )
        if ( m->held[i] && m->key[i] > max )
            max = m->key[i];
    return max;
}

/* The heap holds exactly the model's indices, in heap order. */
static void check_heap(const struct heap_idx *h, const struct idx_model *m)
{
    unsigned int count[MAX_KEYS] = { 0 };

    ENSURE(h->nr == m->nr_held && h->nr <= h->max_nr);
    for ( unsigned int i = 0; i < h->nr; i++ )
    {
        ENSURE(h->slot[i] < m->nr_keys);
        count[h->slot[i]]++;
        if ( i )
            ENSURE(m->key[h->slot[(i - 1) / 2]] >= m->key[h->slot[i]]);
    }
    ENSURE(!memcmp(count, m->held, sizeof(count)));
    if ( h->nr )
        ENSURE(m->key[h->slot[0]] == model_max(m));
}

static void pop_checked(struct heap_idx *h, struct idx_model *m)
{
    uint32_t top;

    if ( !m->nr_held )
    {
        ENSURE(heap_idx_pop(h) == HEAP_ERR_EMPTY);
        return;
    }
    top = h->slot[0];
    ENSURE(heap_idx_pop(h) == HEAP_OK);
    m->held[top]--;
    m->nr_held--;
}

static void fuzz_index_heap(const uint8_t *data, size_t size)
{
    static struct idx_model m;
    uint32_t slot[MAX_SLOTS + 1], before[MAX_SLOTS + 1];
    unsigned int max_nr = data[3] % MAX_SLOTS;
    const uint8_t *ops = data + 4;
    size_t nr_ops = size - 4;
    struct heap_idx h;
    uint64_t last;

    memset(&m, 0, sizeof(m));
    m.nr_keys = nr_ops < MAX_KEYS ? nr_ops : MAX_KEYS;
    if ( !m.nr_keys )
        m.nr_keys = 1;
    for ( unsigned int i = 0; i < m.nr_keys && i < nr_ops; i++ )
        m.key[i] = ops[i];
    slot[max_nr] = 0xdeadbeef;      /* one past the slots: never written */
    heap_idx_init(&h, slot, max_nr, less, &m);
    check_heap(&h, &m);

    for ( size_t i = 0; i < nr_ops; i++ )
    {
        if ( ops[i] & 1 )
            pop_checked(&h, &m);
        else if ( m.nr_held == max_nr )
        {
            memcpy(before, slot, sizeof(slot));
            ENSURE(heap_idx_push(&h, (ops[i] >> 1) % m.nr_keys) ==
                   HEAP_ERR_FULL);
            ENSURE(!memcmp(before, slot, max_nr * sizeof(slot[0])));
        }
        else
        {
            uint32_t idx = (ops[i] >> 1) % m.nr_keys;

            /* Counted first: less() may be asked about it while pushing. */
            m.held[idx]++;
            m.nr_held++;
            ENSURE(heap_idx_push(&h, idx) == HEAP_OK);
        }
        check_heap(&h, &m);
        ENSURE(slot[max_nr] == 0xdeadbeef);
    }

    /* Draining gives keys in non-increasing order. */
    last = UINT64_MAX;
    while ( m.nr_held )
    {
        uint64_t k = m.key[slot[0]];

        ENSURE(k <= last);
        last = k;
        pop_checked(&h, &m);
        check_heap(&h, &m);
    }
    ENSURE(heap_idx_pop(&h) == HEAP_ERR_EMPTY);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if ( size < 4 )
        return 0;
    fuzz_sort(data, size);
    fuzz_index_heap(data, size);
    return 0;
}
