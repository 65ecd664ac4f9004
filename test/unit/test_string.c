/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/string.c, the hypervisor's own memcpy, memmove and
 * memset. The file is included here with its functions renamed, so that
 * the host's C library keeps its own; each result is compared with a
 * byte-wise model for every alignment of source and destination and every
 * length from 0 to 67 (all head, word and tail combinations).
 */
#define memcpy string_memcpy
#define memmove string_memmove
#define memset string_memset
#define memcmp string_memcmp
#define strlen string_strlen
#define strnlen string_strnlen
#define strcmp string_strcmp
#define strncmp string_strncmp
#define strchr string_strchr
#define memscrub string_memscrub
#include "../../lib/string.c"
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef memscrub

#include <string.h>
#include <sys/mman.h>

#include "unit.h"

#define STRING_MAX_LEN  67
#define STRING_GUARD    24
#define STRING_BUF      (STRING_GUARD + 8 + STRING_MAX_LEN + STRING_GUARD)

/* A recognisable pattern, different per buffer (seed). */
static void string_fill(unsigned char *b, size_t n, unsigned int seed)
{
    for ( size_t i = 0; i < n; i++ )
        b[i] = (unsigned char)(i * 31 + seed * 7 + 1);
}

/* Compares got with want byte by byte; the first difference fails. */
static bool string_same(const unsigned char *got, const unsigned char *want,
                        size_t n)
{
    for ( size_t i = 0; i < n; i++ )
        if ( got[i] != want[i] )
            return false;
    return true;
}

static void memcpy_matches_bytewise_model(struct unit_ctx *ctx)
{
    static unsigned char src[STRING_BUF] __attribute__((aligned(64)));
    static unsigned char dst[STRING_BUF] __attribute__((aligned(64)));
    static unsigned char want[STRING_BUF];
    unsigned int bad = 0;

    string_fill(src, sizeof(src), 1);
    for ( size_t sa = 0; sa < 8; sa++ )
        for ( size_t da = 0; da < 8; da++ )
            for ( size_t n = 0; n <= STRING_MAX_LEN; n++ )
            {
                unsigned char *d = dst + STRING_GUARD + da;
                const unsigned char *s = src + STRING_GUARD + sa;

                string_fill(dst, sizeof(dst), 2);
                string_fill(want, sizeof(want), 2);
                for ( size_t i = 0; i < n; i++ )
                    want[STRING_GUARD + da + i] = s[i];
                if ( string_memcpy(d, s, n) != d ||
                     !string_same(dst, want, sizeof(dst)) )
                    bad++;
            }
    CHECK_EQ(bad, 0);
}

static void memcpy_copies_large_unaligned_blocks(struct unit_ctx *ctx)
{
    static unsigned char src[4096 + 16], dst[4096 + 16], want[4096 + 16];

    string_fill(src, sizeof(src), 3);
    for ( size_t sa = 0; sa < 8; sa += 3 )
        for ( size_t da = 0; da < 8; da += 5 )
        {
            string_fill(dst, sizeof(dst), 4);
            memcpy(want, dst, sizeof(want));
            memcpy(want + da, src + sa, 4096 + 1);
            string_memcpy(dst + da, src + sa, 4096 + 1);
            CHECK(string_same(dst, want, sizeof(dst)));
        }
}

static void memmove_matches_model_both_directions(struct unit_ctx *ctx)
{
    static unsigned char buf[STRING_BUF * 2], want[STRING_BUF * 2];
    unsigned char tmp[STRING_MAX_LEN];
    unsigned int bad = 0;

    for ( size_t from = 0; from < 16; from++ )
        for ( size_t to = 0; to < 16; to++ )
            for ( size_t n = 0; n <= STRING_MAX_LEN; n++ )
            {
                string_fill(buf, sizeof(buf), 5);
                string_fill(want, sizeof(want), 5);
                for ( size_t i = 0; i < n; i++ )
                    tmp[i] = want[STRING_GUARD + from + i];
                for ( size_t i = 0; i < n; i++ )
                    want[STRING_GUARD + to + i] = tmp[i];
                if ( string_memmove(buf + STRING_GUARD + to,
                                    buf + STRING_GUARD + from, n) !=
                     buf + STRING_GUARD + to ||
                     !string_same(buf, want, sizeof(buf)) )
                    bad++;
            }
    CHECK_EQ(bad, 0);
}

static void memset_matches_bytewise_model(struct unit_ctx *ctx)
{
    static unsigned char dst[STRING_BUF] __attribute__((aligned(64)));
    static unsigned char want[STRING_BUF];
    unsigned int bad = 0;

    for ( size_t da = 0; da < 8; da++ )
        for ( size_t n = 0; n <= STRING_MAX_LEN; n++ )
        {
            unsigned char *d = dst + STRING_GUARD + da;

            string_fill(dst, sizeof(dst), 6);
            string_fill(want, sizeof(want), 6);
            for ( size_t i = 0; i < n; i++ )
                want[STRING_GUARD + da + i] = 0xa5;
            if ( string_memset(d, 0x1a5, n) != d ||
                 !string_same(dst, want, sizeof(dst)) )
                bad++;
        }
    CHECK_EQ(bad, 0);
}

static void memscrub_zeroes_every_byte(struct unit_ctx *ctx)
{
    static uint64_t words[(STRING_BUF + 256) / 8];
    unsigned char *buf = (unsigned char *)words;
    unsigned int bad = 0;

    /* Lengths past several lines, a nonzero byte at each place in turn. */
    for ( size_t n = 0; n <= 200; n++ )
        for ( size_t dirty = 0; dirty <= n; dirty++ )
        {
            memset(words, 0, sizeof(words));
            if ( dirty < n )
                buf[8 + dirty] = 0x80;
            buf[8 + n] = 0x77;      /* just past the end: must stay */
            if ( string_memscrub(buf + 8, n) != buf + 8 )
                bad++;
            for ( size_t i = 0; i < n; i++ )
                if ( buf[8 + i] )
                    bad++;
            if ( buf[8 + n] != 0x77 )
                bad++;
        }
    CHECK_EQ(bad, 0);
}

static void memscrub_scrubs_a_fully_dirty_block(struct unit_ctx *ctx)
{
    static uint64_t words[4096 / 8];
    unsigned int bad = 0;

    memset(words, 0xff, sizeof(words));
    string_memscrub(words, sizeof(words));
    for ( size_t i = 0; i < ARRAY_SIZE(words); i++ )
        if ( words[i] )
            bad++;
    CHECK_EQ(bad, 0);
}

/* Zero memory is only read: a read-only zero page must not fault. */
static void memscrub_never_writes_zero_lines(struct unit_ctx *ctx)
{
    void *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
                      -1, 0);

    CHECK(page != MAP_FAILED);
    if ( page == MAP_FAILED )
        return;
    CHECK(string_memscrub(page, 4096) == page);
    munmap(page, 4096);
}

static const struct unit_case string_cases[] = {
    { "memcpy_matches_bytewise_model", memcpy_matches_bytewise_model },
    { "memcpy_copies_large_unaligned_blocks",
      memcpy_copies_large_unaligned_blocks },
    { "memmove_matches_model_both_directions",
      memmove_matches_model_both_directions },
    { "memset_matches_bytewise_model", memset_matches_bytewise_model },
    { "memscrub_zeroes_every_byte", memscrub_zeroes_every_byte },
    { "memscrub_scrubs_a_fully_dirty_block",
      memscrub_scrubs_a_fully_dirty_block },
    { "memscrub_never_writes_zero_lines", memscrub_never_writes_zero_lines },
};

UNIT_SUITE(string, string_cases)
