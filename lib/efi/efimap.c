/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EFI memory map core: validation and normalization of the firmware's map,
 * lookup, and conversion to e820. Pure: the caller owns every buffer, the
 * firmware's bytes are only read, each descriptor within map_bytes.
 *
 * Ranges are handled as [start, last] with an inclusive last byte, so a
 * descriptor that ends at the top of the address space needs no 65-bit
 * end.
 */
#include <xen/efimap.h>
#include <xen/heap.h>

_Static_assert(sizeof(struct efimap_entry) <= HEAP_MAX_ELEM_BYTES,
               "efimap_entry");

/* Collects normalized entries, merging touching equal neighbours. */
struct efimap_emitter {
    struct efimap_entry *out;
    unsigned int max;
    unsigned int nr;            /* entries flushed, written or not */
    bool have_prev;
    struct efimap_entry prev;
};

const char *efimap_strerror(enum efimap_status st)
{
    switch ( st )
    {
    case EFIMAP_OK:                  return "ok";
    case EFIMAP_ERR_DESC_SIZE_SMALL: return "descriptor size below 40 bytes";
    case EFIMAP_ERR_DESC_SIZE_ALIGN: return "descriptor size not a multiple "
                                            "of 8";
    case EFIMAP_ERR_MAP_TRUNCATED:   return "map size not a multiple of the "
                                            "descriptor size";
    case EFIMAP_ERR_TOO_MANY:        return "too many descriptors";
    case EFIMAP_ERR_ZERO_PAGES:      return "descriptor has no pages";
    case EFIMAP_ERR_UNALIGNED:       return "descriptor start not 4 KiB "
                                            "aligned";
    case EFIMAP_ERR_ADDR_OVERFLOW:   return "descriptor end passes 2^64";
    case EFIMAP_ERR_SCRATCH:         return "scratch buffer too small";
    case EFIMAP_ERR_NO_ROOM:         return "output map too small";
    case EFIMAP_ERR_NOT_NORMALIZED:  return "map is not normalized";
    case EFIMAP_ERR_NOT_FOUND:       return "no descriptor holds the address";
    }
    return "unknown efimap status";
}

const char *efimap_overlap_name(enum efimap_overlap why)
{
    switch ( why )
    {
    case EFIMAP_OVERLAP_NONE:      return "none";
    case EFIMAP_OVERLAP_RANK:      return "stricter type kept";
    case EFIMAP_OVERLAP_TYPE:      return "equal rank, larger type kept";
    case EFIMAP_OVERLAP_ATTR:      return "equal type, larger attributes "
                                          "kept";
    case EFIMAP_OVERLAP_DUPLICATE: return "duplicate";
    }
    return "unknown overlap";
}

/* Overlap rank of each type; see the table in efimap.h. */
static uint32_t efimap_rank(uint32_t type)
{
    static const uint8_t rank[EFIMAP_NR_TYPES] = {
        [EFIMAP_TYPE_CONVENTIONAL] = 0,
        [EFIMAP_TYPE_BS_CODE] = 1, [EFIMAP_TYPE_BS_DATA] = 1,
        [EFIMAP_TYPE_LOADER_CODE] = 2, [EFIMAP_TYPE_LOADER_DATA] = 2,
        [EFIMAP_TYPE_UNACCEPTED] = 3,
        [EFIMAP_TYPE_PERSISTENT] = 4,
        [EFIMAP_TYPE_ACPI_RECLAIM] = 5,
        [EFIMAP_TYPE_RESERVED] = 6, [EFIMAP_TYPE_MMIO] = 6,
        [EFIMAP_TYPE_MMIO_PORT] = 6, [EFIMAP_TYPE_PAL_CODE] = 6,
        [EFIMAP_TYPE_RS_CODE] = 7, [EFIMAP_TYPE_RS_DATA] = 7,
        [EFIMAP_TYPE_ACPI_NVS] = 8,
        [EFIMAP_TYPE_UNUSABLE] = 9,
    };

    return type < EFIMAP_NR_TYPES ? rank[type] : 6;
}

/* Compares who wins an overlap: > 0 when a wins over b. */
static int efimap_cmp_key(const struct efimap_entry *a,
                          const struct efimap_entry *b)
{
    uint32_t ra = efimap_rank(a->type), rb = efimap_rank(b->type);

    if ( ra != rb )
        return ra > rb ? 1 : -1;
    if ( a->type != b->type )
        return a->type > b->type ? 1 : -1;
    if ( a->attr != b->attr )
        return a->attr > b->attr ? 1 : -1;
    return 0;
}

static uint64_t efimap_last(const struct efimap_entry *e)
{
    return e->start_pa + ((e->nr_pages << EFIMAP_PAGE_SHIFT) - 1);
}

/* The most pages a range starting at the aligned start_pa may have. */
static uint64_t efimap_max_pages(uint64_t start_pa)
{
    return start_pa ? (0 - start_pa) >> EFIMAP_PAGE_SHIFT
                    : 1ULL << (64 - EFIMAP_PAGE_SHIFT);
}

/* Little-endian loads that make no assumption about alignment. */
static uint32_t efimap_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint64_t efimap_get64(const uint8_t *p)
{
    return (uint64_t)efimap_get32(p) | (uint64_t)efimap_get32(p + 4) << 32;
}

unsigned int efimap_count(size_t map_bytes, size_t desc_bytes)
{
    size_t n;

    if ( desc_bytes < sizeof(struct efimap_fw_desc) || desc_bytes % 8 ||
         map_bytes % desc_bytes )
        return 0;
    n = map_bytes / desc_bytes;
    return n > UINT32_MAX ? 0 : (unsigned int)n;
}

/* The scratch holds entries[n] then heap[n], from an 8-byte boundary. */
size_t efimap_scratch_bytes(unsigned int nr_fw)
{
    if ( !nr_fw )
        return 0;
    return (size_t)nr_fw * (sizeof(struct efimap_entry) + sizeof(uint32_t)) +
           sizeof(uint64_t) - 1;
}

/* Overlap order of entries, for the index heap of efimap_sweep(). */
static bool efimap_key_less(const void *ctx, uint32_t a, uint32_t b)
{
    const struct efimap_entry *s = ctx;

    return efimap_cmp_key(&s[a], &s[b]) < 0;
}

static void efimap_flush(struct efimap_emitter *em)
{
    if ( !em->have_prev )
        return;
    if ( em->nr < em->max )
        em->out[em->nr] = em->prev;
    em->nr++;
    em->have_prev = false;
}

/* Adds [start, last] taken from src; all are page aligned. */
static void efimap_emit(struct efimap_emitter *em, uint64_t start,
                        uint64_t last, const struct efimap_entry *src)
{
    uint64_t pages = ((last - start) >> EFIMAP_PAGE_SHIFT) + 1;

    if ( em->have_prev && em->prev.type == src->type &&
         em->prev.attr == src->attr &&
         efimap_last(&em->prev) + 1 == start )
    {
        em->prev.nr_pages += pages;
        return;
    }
    efimap_flush(em);
    em->have_prev = true;
    em->prev = *src;
    em->prev.start_pa = start;
    em->prev.nr_pages = pages;
}

static void efimap_note_overlap(struct efimap_report *rep,
                                const struct efimap_entry *a,
                                const struct efimap_entry *b)
{
    const struct efimap_entry *win = a, *lose = b;

    if ( rep->nr_overlaps++ )
        return;
    if ( efimap_cmp_key(a, b) < 0 )
    {
        win = b;
        lose = a;
    }
    if ( efimap_rank(a->type) != efimap_rank(b->type) )
        rep->overlap = EFIMAP_OVERLAP_RANK;
    else if ( a->type != b->type )
        rep->overlap = EFIMAP_OVERLAP_TYPE;
    else if ( a->attr != b->attr )
        rep->overlap = EFIMAP_OVERLAP_ATTR;
    else
        rep->overlap = EFIMAP_OVERLAP_DUPLICATE;
    rep->overlap_winner = win->fw_index;
    rep->overlap_loser = lose->fw_index;
}

/*
 * Walks the sorted entries in address order. The heap holds every entry
 * that has started; those that ended are dropped lazily when they reach
 * the top, so the top is always the winner among live entries. Each step
 * pushes or pops at least once, so there are at most 2n steps. heap has
 * room for all n entries, so no push fails and every pop finds an entry.
 */
static void efimap_sweep(const struct efimap_entry *s, uint32_t *heap,
                         unsigned int n, struct efimap_emitter *em,
                         struct efimap_report *rep)
{
    struct heap_idx h;
    unsigned int i = 0;
    uint64_t pos = 0;

    heap_idx_init(&h, heap, n, efimap_key_less, s);
    for ( ;; )
    {
        uint64_t seg_last;

        while ( h.nr && efimap_last(&s[h.slot[0]]) < pos )
            heap_idx_pop(&h);
        if ( !h.nr )
        {
            if ( i == n )
                break;
            pos = s[i].start_pa;
        }
        while ( i < n && s[i].start_pa <= pos )
        {
            if ( h.nr )
                efimap_note_overlap(rep, &s[h.slot[0]], &s[i]);
            heap_idx_push(&h, i++);
        }

        seg_last = efimap_last(&s[h.slot[0]]);
        if ( i < n && s[i].start_pa - 1 < seg_last )
            seg_last = s[i].start_pa - 1;
        efimap_emit(em, pos, seg_last, &s[h.slot[0]]);
        if ( seg_last == UINT64_MAX )
            break;
        pos = seg_last + 1;
    }
    efimap_flush(em);
}

/* Checks one firmware descriptor and fills *e from it. */
static enum efimap_status efimap_read_desc(const uint8_t *p, uint32_t index,
                                           struct efimap_entry *e)
{
    e->type = efimap_get32(p);
    e->start_pa = efimap_get64(p + 8);
    e->nr_pages = efimap_get64(p + 24);
    e->attr = efimap_get64(p + 32);
    e->fw_index = index;

    if ( !e->nr_pages )
        return EFIMAP_ERR_ZERO_PAGES;
    if ( !IS_ALIGNED(e->start_pa, EFIMAP_PAGE_BYTES) )
        return EFIMAP_ERR_UNALIGNED;
    if ( e->nr_pages > efimap_max_pages(e->start_pa) )
        return EFIMAP_ERR_ADDR_OVERFLOW;
    return EFIMAP_OK;
}

static enum efimap_status efimap_check_sizes(size_t map_bytes,
                                             size_t desc_bytes)
{
    if ( desc_bytes < sizeof(struct efimap_fw_desc) )
        return EFIMAP_ERR_DESC_SIZE_SMALL;
    if ( desc_bytes % 8 )
        return EFIMAP_ERR_DESC_SIZE_ALIGN;
    if ( map_bytes % desc_bytes )
        return EFIMAP_ERR_MAP_TRUNCATED;
    if ( map_bytes / desc_bytes > UINT32_MAX )
        return EFIMAP_ERR_TOO_MANY;
    return EFIMAP_OK;
}

enum efimap_status efimap_normalize(const void *map, size_t map_bytes,
                                    size_t desc_bytes, unsigned int flags,
                                    struct efimap_entry *out,
                                    unsigned int max_out,
                                    unsigned int *nr_out,
                                    void *scratch, size_t scratch_bytes,
                                    struct efimap_report *rep)
{
    struct efimap_emitter em = { .out = out, .max = max_out };
    uintptr_t base = ALIGN_UP((uintptr_t)scratch, sizeof(uint64_t));
    struct efimap_entry *s = (struct efimap_entry *)base;
    const uint8_t *p = map;
    enum efimap_status st;
    unsigned int nr_fw, n = 0;

    *nr_out = 0;
    *rep = (struct efimap_report){ .bad = EFIMAP_OK };
    st = efimap_check_sizes(map_bytes, desc_bytes);
    if ( st != EFIMAP_OK )
        return st;
    nr_fw = map_bytes / desc_bytes;
    rep->nr_fw = nr_fw;
    if ( !nr_fw )
        return EFIMAP_OK;
    if ( scratch_bytes < efimap_scratch_bytes(nr_fw) )
        return EFIMAP_ERR_SCRATCH;

    /* i < nr_fw, so the descriptor at p lies wholly inside map_bytes. */
    for ( unsigned int i = 0; i < nr_fw; i++, p += desc_bytes )
    {
        st = efimap_read_desc(p, i, &s[n]);
        if ( st == EFIMAP_OK )
        {
            n++;
            continue;
        }
        if ( rep->bad == EFIMAP_OK )
        {
            rep->bad = st;
            rep->bad_index = i;
        }
        if ( !(flags & EFIMAP_F_SKIP_BAD) )
            return st;
        rep->nr_skipped++;
    }

    /* Cannot fail: the record size and key offset are constants that fit. */
    heap_sort(s, n, sizeof(*s), offsetof(struct efimap_entry, start_pa));
    efimap_sweep(s, (uint32_t *)(s + nr_fw), n, &em, rep);

    *nr_out = em.nr;
    return em.nr > max_out ? EFIMAP_ERR_NO_ROOM : EFIMAP_OK;
}

bool efimap_is_normalized(const struct efimap_entry *map, unsigned int nr)
{
    for ( unsigned int i = 0; i < nr; i++ )
    {
        const struct efimap_entry *e = &map[i];

        if ( !e->nr_pages || !IS_ALIGNED(e->start_pa, EFIMAP_PAGE_BYTES) ||
             e->nr_pages > efimap_max_pages(e->start_pa) )
            return false;
        if ( i )
        {
            const struct efimap_entry *prev = &map[i - 1];
            uint64_t prev_last = efimap_last(prev);

            if ( prev_last >= e->start_pa )
                return false;
            if ( prev_last + 1 == e->start_pa && prev->type == e->type &&
                 prev->attr == e->attr )
                return false;
        }
    }
    return true;
}

enum efimap_status efimap_find(const struct efimap_entry *map,
                               unsigned int nr, uint64_t addr,
                               unsigned int *index)
{
    unsigned int lo = 0, hi = nr;

    /* Find the first entry starting above addr; the one before may hold it. */
    while ( lo < hi )
    {
        unsigned int mid = lo + (hi - lo) / 2;

        if ( map[mid].start_pa <= addr )
            lo = mid + 1;
        else
            hi = mid;
    }
    if ( !lo || efimap_last(&map[lo - 1]) < addr )
        return EFIMAP_ERR_NOT_FOUND;
    *index = lo - 1;
    return EFIMAP_OK;
}

enum efimap_status efimap_mem_info(const struct efimap_entry *map,
                                   unsigned int nr, uint64_t addr,
                                   uint64_t *size, uint64_t *attr,
                                   uint32_t *type)
{
    unsigned int i;
    uint64_t room;

    if ( efimap_find(map, nr, addr, &i) != EFIMAP_OK )
        return EFIMAP_ERR_NOT_FOUND;

    /*
     * room is the number of bytes from addr to the entry's last byte, less
     * one, so that an entry ending at 2^64 needs no 65-bit end. A size
     * passing the end (which includes every size that wraps) is cut back.
     */
    room = efimap_last(&map[i]) - addr;
    if ( *size && *size - 1 > room )
        *size = room + 1;
    *attr = map[i].attr;
    *type = map[i].type;
    return EFIMAP_OK;
}

/* Reference 3.1: memory the OS may use, unless marked runtime or not WB. */
static uint32_t efimap_e820_usable(uint64_t attr)
{
    if ( attr & EFIMAP_ATTR_RUNTIME )
        return E820_RESERVED;
    return (attr & EFIMAP_ATTR_WB) ? E820_RAM : E820_UNUSABLE;
}

uint32_t efimap_e820_type(uint32_t type, uint64_t attr, unsigned int flags)
{
    switch ( type )
    {
    case EFIMAP_TYPE_BS_CODE:
    case EFIMAP_TYPE_BS_DATA:
        if ( flags & EFIMAP_E820_MAPBS )
            return E820_RESERVED;
        return efimap_e820_usable(attr);
    case EFIMAP_TYPE_LOADER_CODE:
    case EFIMAP_TYPE_LOADER_DATA:
    case EFIMAP_TYPE_CONVENTIONAL:
        return efimap_e820_usable(attr);
    case EFIMAP_TYPE_UNACCEPTED:
        /* Usable only by a caller that accepts it before first use. */
        if ( flags & EFIMAP_E820_UNACCEPTED_RAM )
            return efimap_e820_usable(attr);
        return E820_RESERVED;
    case EFIMAP_TYPE_UNUSABLE:
        return E820_UNUSABLE;
    case EFIMAP_TYPE_ACPI_RECLAIM:
        return E820_ACPI;
    case EFIMAP_TYPE_ACPI_NVS:
        return E820_NVS;
    }
    return E820_RESERVED;
}

/* Builds an e820 map, merging as e820_sanitize() does. */
struct efimap_e820_emitter {
    struct e820entry *out;
    unsigned int max;
    unsigned int nr;            /* entries flushed, written or not */
    bool have_prev;
    struct e820entry prev;
};

static void efimap_e820_flush(struct efimap_e820_emitter *em)
{
    if ( !em->have_prev )
        return;
    if ( em->nr < em->max )
        em->out[em->nr] = em->prev;
    em->nr++;
    em->have_prev = false;
}

static void efimap_e820_emit(struct efimap_e820_emitter *em, uint64_t addr,
                             uint64_t last, uint32_t type)
{
    if ( em->have_prev )
    {
        uint64_t prev_last = em->prev.addr + (em->prev.size - 1);

        /* Merge unless the result would be a 2^64-byte entry. */
        if ( em->prev.type == type && prev_last + 1 == addr &&
             !(em->prev.addr == 0 && last == UINT64_MAX) )
        {
            em->prev.size += last - prev_last;
            return;
        }
    }
    efimap_e820_flush(em);
    em->have_prev = true;
    em->prev.addr = addr;
    em->prev.size = last - addr + 1;
    em->prev.type = type;
}

enum efimap_status efimap_to_e820(const struct efimap_entry *map,
                                  unsigned int nr, unsigned int flags,
                                  struct e820entry *out, unsigned int max_out,
                                  unsigned int *nr_out)
{
    struct efimap_e820_emitter em = { .out = out, .max = max_out };

    *nr_out = 0;
    if ( !efimap_is_normalized(map, nr) )
        return EFIMAP_ERR_NOT_NORMALIZED;

    for ( unsigned int i = 0; i < nr; i++ )
    {
        uint32_t type = efimap_e820_type(map[i].type, map[i].attr, flags);
        uint64_t start = map[i].start_pa, last = efimap_last(&map[i]);

        /* A 2^64-byte entry has no e820 size: split off its last page. */
        if ( start == 0 && last == UINT64_MAX )
        {
            efimap_e820_emit(&em, 0, last - EFIMAP_PAGE_BYTES, type);
            start = last - EFIMAP_PAGE_BYTES + 1;
        }
        efimap_e820_emit(&em, start, last, type);
    }
    efimap_e820_flush(&em);
    *nr_out = em.nr;
    return em.nr > max_out ? EFIMAP_ERR_NO_ROOM : EFIMAP_OK;
}

const char *efimap_type_name(uint32_t type)
{
    static const char *const names[EFIMAP_NR_TYPES] = {
        "Reserved", "LoaderCode", "LoaderData", "BootServicesCode",
        "BootServicesData", "RuntimeServicesCode", "RuntimeServicesData",
        "Conventional", "Unusable", "ACPIReclaim", "ACPINVS", "MMIO",
        "MMIOPortSpace", "PalCode", "Persistent", "Unaccepted",
    };

    if ( type < EFIMAP_NR_TYPES )
        return names[type];
    if ( type >= EFIMAP_TYPE_OSV_FIRST )
        return "OSV";
    if ( type >= EFIMAP_TYPE_OEM_FIRST )
        return "OEM";
    return "unknown";
}

/* A string being built in a caller's buffer, snprintf style. */
struct efimap_strbuf {
    char *buf;
    size_t size;
    size_t len;             /* full length, even past size */
};

static void efimap_putc(struct efimap_strbuf *sb, char c)
{
    if ( sb->len + 1 < sb->size )
    {
        sb->buf[sb->len] = c;
        sb->buf[sb->len + 1] = '\0';
    }
    sb->len++;
}

static void efimap_puts(struct efimap_strbuf *sb, const char *s)
{
    if ( sb->len )
        efimap_putc(sb, '|');
    while ( *s )
        efimap_putc(sb, *s++);
}

static void efimap_puthex(struct efimap_strbuf *sb, uint64_t v)
{
    int shift = 60;

    if ( sb->len )
        efimap_putc(sb, '|');
    efimap_putc(sb, '0');
    efimap_putc(sb, 'x');
    while ( shift > 0 && !(v >> shift) )
        shift -= 4;
    for ( ; shift >= 0; shift -= 4 )
        efimap_putc(sb, "0123456789abcdef"[(v >> shift) & 0xf]);
}

size_t efimap_attr_string(uint64_t attr, char *buf, size_t buf_bytes)
{
    static const struct {
        uint64_t bit;
        const char *name;
    } names[] = {
        { EFIMAP_ATTR_UC, "UC" }, { EFIMAP_ATTR_WC, "WC" },
        { EFIMAP_ATTR_WT, "WT" }, { EFIMAP_ATTR_WB, "WB" },
        { EFIMAP_ATTR_UCE, "UCE" }, { EFIMAP_ATTR_WP, "WP" },
        { EFIMAP_ATTR_RP, "RP" }, { EFIMAP_ATTR_XP, "XP" },
        { EFIMAP_ATTR_NV, "NV" }, { EFIMAP_ATTR_MORE_RELIABLE, "MR" },
        { EFIMAP_ATTR_RO, "RO" }, { EFIMAP_ATTR_SP, "SP" },
        { EFIMAP_ATTR_CPU_CRYPTO, "CC" }, { EFIMAP_ATTR_HOT_PLUGGABLE, "HP" },
        { EFIMAP_ATTR_ISA_VALID, "ISA" }, { EFIMAP_ATTR_RUNTIME, "RUNTIME" },
    };
    struct efimap_strbuf sb = { buf, buf_bytes, 0 };
    uint64_t rest = attr;

    if ( buf_bytes )
        buf[0] = '\0';
    for ( unsigned int i = 0; i < ARRAY_SIZE(names); i++ )
        if ( attr & names[i].bit )
        {
            efimap_puts(&sb, names[i].name);
            rest &= ~names[i].bit;
        }
    if ( rest )
        efimap_puthex(&sb, rest);
    if ( !attr )
        efimap_puts(&sb, "none");
    return sb.len;
}
