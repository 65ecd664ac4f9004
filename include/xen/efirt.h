/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XENPF_efi_runtime_call argument rules (lib/efi/efirt.c), kept apart from
 * the handler so host tests and a fuzzer can reach them: which function
 * and misc bits are allowed, the bounds on names, data and capsules, the
 * UCS-2 name scan, the capsule header check and the walk of a guest's
 * capsule scatter-gather list. Pure: no globals, no hardware access; the
 * walk reads memory only through the caller's callbacks.
 */
#ifndef XEN_EFIRT_H
#define XEN_EFIRT_H

#include <public/platform.h>
#include <xen/types.h>

/* A variable name: at most this many UCS-2 units, its 0 unit included. */
#define EFIRT_NAME_MAX_UNITS        1024
#define EFIRT_NAME_MAX_BYTES        (2 * EFIRT_NAME_MAX_UNITS)
/* Variable data handed to or taken from the firmware in one call. */
#define EFIRT_DATA_MAX_BYTES        (64 * 1024)
/* Capsules in one call, and their bytes (headers and bodies) together. */
#define EFIRT_CAPSULE_MAX_COUNT     64
#define EFIRT_CAPSULE_MAX_BYTES     (32ULL << 20)
/* EFI_CAPSULE_HEADER (UEFI spec 8.5.3): GUID, then three u32. */
#define EFIRT_CAPSULE_HDR_BYTES     28
/* Its flags (UEFI spec 8.5.3). */
#define EFIRT_CAPSULE_PERSIST_ACROSS_RESET  0x00010000U
#define EFIRT_CAPSULE_POPULATE_SYSTEM_TABLE 0x00020000U
#define EFIRT_CAPSULE_INITIATE_RESET        0x00040000U
/* Scatter-gather walk: descriptors read (continuations included), and
 * continuation pointers followed. */
#define EFIRT_SG_MAX_DESC           4096
#define EFIRT_SG_MAX_CONT           64

/* UEFI revision 2.0 as the runtime services header encodes it. */
#define EFIRT_REVISION_2_0          0x00020000

/* EFI_CAPSULE_HEADER (UEFI spec 8.5.3). */
struct efirt_capsule_hdr {
    uint8_t guid[16];           /* 0 */
    uint32_t header_size;       /* 16 */
    uint32_t flags;             /* 20 */
    uint32_t image_size;        /* 24: header included */
};
_Static_assert(sizeof(struct efirt_capsule_hdr) == EFIRT_CAPSULE_HDR_BYTES,
               "efirt_capsule_hdr");

/* EFI_CAPSULE_BLOCK_DESCRIPTOR (UEFI spec 8.5.3). */
struct efirt_sg_desc {
    uint64_t length;            /* 0: bytes; 0 = continuation or end */
    uint64_t addr;              /* 8: data block, or next descriptor list */
};
_Static_assert(sizeof(struct efirt_sg_desc) == 16, "efirt_sg_desc");

/*
 * Checks function, misc and the sizes the call names, before anything is
 * copied; rt_revision is the runtime services header revision. Returns 0
 * or a negated Xen errno: -ENOSYS unknown function, -EINVAL misc bits not
 * allowed, -EOPNOTSUPP (runtime revision below 2.0 for the query and
 * capsule calls), -E2BIG SetVariable data or capsule count over a bound.
 */
long efirt_check_args(const struct xenpf_efi_runtime_call *op,
                      uint32_t rt_revision);

/* GetVariable / GetNextVariableName: the buffer size the firmware sees
 * for a guest size (cut back to the bound). */
uint64_t efirt_get_size(uint64_t size, uint64_t bound);

/*
 * Whether a GetVariable or GetNextVariableName that succeeded answered a
 * size above the buffer it was given (efirt_get_size() of dom0's size):
 * then the answer is refused (-EIO), since copying that many bytes would
 * pass the end of dom0's buffer.
 */
bool efirt_answer_too_big(uint64_t given, uint64_t answered);

enum efirt_name_status {
    EFIRT_NAME_OK,              /* 0 unit found: *units counts it */
    EFIRT_NAME_MORE,            /* none yet and the bound not reached */
    EFIRT_NAME_TOO_LONG,        /* no 0 unit in EFIRT_NAME_MAX_UNITS */
};

/*
 * Scans the first nr_bytes bytes of a name (a little-endian UCS-2 string,
 * any alignment) for its 0 unit. A trailing odd byte is not a unit yet.
 */
enum efirt_name_status efirt_name_scan(const uint8_t *buf, size_t nr_bytes,
                                       size_t *units);

/*
 * How many more bytes to copy of a name at guest address va, done bytes
 * read: up to the end of the page holding va + done, never past
 * EFIRT_NAME_MAX_BYTES (so a copy never touches a page the name does not
 * reach). 0 when the bound is reached.
 */
size_t efirt_name_chunk(uint64_t va, size_t done);

/*
 * Checks one capsule header (from guest memory) given the bytes of the
 * capsules before it: header_size at least 28 and at most image_size, no
 * CAPSULE_FLAGS_INITIATE_RESET (the firmware would reset the machine from
 * under the hypervisor inside UpdateCapsule; Linux refuses the flag too),
 * and the running total within EFIRT_CAPSULE_MAX_BYTES. Returns 0 (with
 * *image_bytes), -EINVAL or -E2BIG.
 */
long efirt_capsule_check(const struct efirt_capsule_hdr *h,
                         uint64_t bytes_before, uint32_t *image_bytes);

/* Whose an address named by a scatter-gather list is. */
enum efirt_owner {
    EFIRT_OWNER_DOM0,           /* dom0's own RAM: allowed */
    EFIRT_OWNER_HYPERVISOR,
    EFIRT_OWNER_FIRMWARE,       /* not RAM, or EFI runtime memory */
    EFIRT_OWNER_FREE,           /* RAM nobody holds */
    EFIRT_OWNER_OUTSIDE,        /* beyond dom0's pseudo-physical memory */
};

/*
 * How the walk reaches the list. Addresses are whatever the caller's
 * callbacks make of them: dom0's pseudo-physical addresses, as Linux
 * writes them (page_to_phys), for XENPF_efi_runtime_call.
 */
struct efirt_sg_ops {
    /* Owner of the page holding address pa. */
    enum efirt_owner (*owner)(void *ctx, uint64_t pa);
    /* Copies the descriptor at pa (only called once every byte of it was
     * found to be dom0's); false if it cannot be read. */
    bool (*read)(void *ctx, uint64_t pa, struct efirt_sg_desc *d);
    /*
     * NULL, or takes the data block of len bytes at pa, in list order
     * (only called once every byte was found to be dom0's); false when it
     * cannot (no memory for the copy).
     */
    bool (*block)(void *ctx, uint64_t pa, uint64_t len);
};

enum efirt_sg_status {
    EFIRT_SG_OK,
    EFIRT_SG_DESC_NOT_DOM0,     /* a descriptor lies outside dom0's RAM */
    EFIRT_SG_BLOCK_NOT_DOM0,    /* a data block lies outside dom0's RAM */
    EFIRT_SG_MISALIGNED,        /* a descriptor not 8-byte aligned */
    EFIRT_SG_WRAP,              /* a block passes 2^64 */
    EFIRT_SG_TOO_MANY_DESC,     /* more than EFIRT_SG_MAX_DESC read */
    EFIRT_SG_TOO_MANY_CONT,     /* more than EFIRT_SG_MAX_CONT followed */
    EFIRT_SG_TOO_BIG,           /* blocks above EFIRT_CAPSULE_MAX_BYTES */
    EFIRT_SG_UNREADABLE,        /* the read callback failed */
    EFIRT_SG_NO_MEMORY,         /* the block callback failed */
    EFIRT_SG_NR_STATUS
};

struct efirt_sg_result {
    unsigned int nr_desc;       /* descriptors read */
    unsigned int nr_blocks;     /* data blocks named */
    unsigned int nr_cont;       /* continuation pointers followed */
    uint64_t block_bytes;       /* bytes of all blocks */
    uint64_t bad_pa;            /* the refused address, when not OK */
    enum efirt_owner bad_owner; /* its owner, for *_NOT_DOM0 */
};

/*
 * Walks the scatter-gather list at address sg_pa (not 0): every
 * descriptor and every byte of every data block must be dom0's RAM;
 * hands each block to ops->block when there is one; stops at the first
 * problem. Fills *r; returns the status.
 */
enum efirt_sg_status efirt_sg_walk(const struct efirt_sg_ops *ops,
                                   void *ctx, uint64_t sg_pa,
                                   struct efirt_sg_result *r);

/* The Xen errno for a walk status (-EPERM, -EINVAL, -E2BIG, -EFAULT,
 * -ENOMEM). */
long efirt_sg_errno(enum efirt_sg_status st);

/* One phrase per walk status, and per owner ("hypervisor"). */
const char *efirt_sg_strerror(enum efirt_sg_status st);
const char *efirt_owner_name(enum efirt_owner o);

#endif /* XEN_EFIRT_H */
