/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux bzImage files (lib/boot/bzimage.c): the x86 boot protocol's setup
 * header, read only far enough to find the compressed kernel (payload)
 * inside, which a PV loader decompresses and loads as an ELF image. Pure.
 */
#ifndef XEN_BZIMAGE_H
#define XEN_BZIMAGE_H

#include <xen/types.h>

/*
 * Linux Documentation/arch/x86/boot.rst, "The real-mode kernel header":
 * the offsets (from the start of the file) this loader reads.
 */
#define BZIMAGE_SETUP_SECTS     0x1f1   /* u8: 512-byte sectors; 0 means 4 */
#define BZIMAGE_BOOT_FLAG       0x1fe   /* u16: 0xaa55 */
#define BZIMAGE_HEADER          0x202   /* u32: "HdrS" */
#define BZIMAGE_VERSION         0x206   /* u16: boot protocol version */
#define BZIMAGE_PAYLOAD_OFFSET  0x248   /* u32: from the protected-mode code */
#define BZIMAGE_PAYLOAD_LENGTH  0x24c   /* u32 */
#define BZIMAGE_HEADER_END      0x250
#define BZIMAGE_BOOT_FLAG_MAGIC 0xaa55
#define BZIMAGE_VERSION_MIN     0x0208  /* first with the payload fields */

enum bzimage_status {
    BZIMAGE_OK,
    BZIMAGE_ERR_NOT_BZIMAGE,    /* too short, or no "HdrS" / 0xaa55 */
    BZIMAGE_ERR_VERSION,        /* boot protocol older than 2.08 */
    BZIMAGE_ERR_SETUP,          /* setup code runs past the file */
    BZIMAGE_ERR_PAYLOAD,        /* payload empty or outside the file */
    BZIMAGE_NR_STATUS
};

/* What the payload's first bytes say it is. */
enum bzimage_format {
    BZIMAGE_FMT_UNKNOWN,
    BZIMAGE_FMT_GZIP,
    BZIMAGE_FMT_XZ,
    BZIMAGE_FMT_BZIP2,
    BZIMAGE_FMT_LZMA,
    BZIMAGE_FMT_LZO,
    BZIMAGE_FMT_LZ4,
    BZIMAGE_FMT_ZSTD,
    BZIMAGE_FMT_ELF,            /* CONFIG_KERNEL_UNCOMPRESSED */
    BZIMAGE_NR_FMT
};

struct bzimage_info {
    uint16_t version;           /* boot protocol, 0x020f is 2.15 */
    size_t setup_bytes;         /* where the protected-mode code starts */
    size_t payload_offset;      /* from the start of the file */
    size_t payload_bytes;
    enum bzimage_format format;
    /*
     * The last four bytes of the payload, little-endian: Linux's build
     * appends the uncompressed size there (gzip's ISIZE is the same).
     */
    uint32_t size_hint;
};

const char *bzimage_strerror(enum bzimage_status st);

/* Short name of a payload format ("xz", "gzip", ...). */
const char *bzimage_format_name(enum bzimage_format fmt);

/* True when img (bytes) carries a setup header ("HdrS" and 0xaa55). */
bool bzimage_is(const void *img, size_t bytes);

/*
 * Reads the setup header of img (bytes, untrusted) into *out: the payload
 * lies wholly inside the file, after the setup code, and is not empty.
 * Reads only inside img; *out is valid only on BZIMAGE_OK.
 */
enum bzimage_status bzimage_parse(const void *img, size_t bytes,
                                  struct bzimage_info *out);

#endif /* XEN_BZIMAGE_H */
