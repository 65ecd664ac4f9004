/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The firmware test shim's runtime stubs: wrappers of runtime services
 * that stand in for firmware misbehaving, or behaving unusually, after
 * ExitBootServices. The stubs (rtstub.c) are copied whole, code and data,
 * into pages of runtime memory (shimrt.c), so they outlive the shim; every
 * reference inside them is RIP-relative. They do nothing of their own
 * until ExitBootServices, when the shim's notification arms them and puts
 * them into the runtime services table:
 *
 *   GetTime                counts its calls in its own page (so the page
 *                          must be writable and executable), then, per
 *                          rt-gettime=: reads a page of boot-services
 *                          data (bsread; EFI_VOLUME_CORRUPTED if it does
 *                          not hold SHIMRT_BS_MAGIC), raises vector 2
 *                          (nmi) or 18 (mce) with an int instruction, or
 *                          touches 64 KiB of stack a page at a time
 *                          (stack); then calls the firmware's GetTime
 *   GetVariable,           call the firmware's; when it succeeds for a
 *   GetNextVariableName    name starting "XenRt", the size answered grows
 *                          by rt-var-extra= bytes (no byte more written)
 *   QueryCapsule-          for a PERSIST_ACROSS_RESET capsule: success,
 *   Capabilities           maximum SHIMRT_CAPSULE_MAX, EfiResetWarm
 *   UpdateCapsule          for a PERSIST_ACROSS_RESET capsule: walks the
 *                          scatter-gather list (physical addresses, 1:1)
 *                          and compares its bytes with the capsules of
 *                          the header array; equal: success, the list is
 *                          kept pending; different: EFI_VOLUME_CORRUPTED
 *   ResetSystem            with a capsule pending, walks its list again
 *                          as firmware does after the reset; if the bytes
 *                          changed, shuts down instead of resetting
 *
 * Other calls go to the firmware unchanged.
 */
#ifndef SHIMRT_H
#define SHIMRT_H

#include <efi/efi.h>

#include "shimopt.h"

/* What bsread finds in every word of its boot-services page. */
#define SHIMRT_BS_MAGIC         0x5348494d42534441ULL   /* "ADSBMIHS" */
#define SHIMRT_DATA_MAGIC       0x5348494d52545354ULL   /* "TSTRMIHS" */
#define SHIMRT_CAPSULE_MAX      (32ULL << 20)
#define SHIMRT_STACK_PROBE      (64 * 1024)
#define SHIMRT_CAPSULE_PERSIST  0x00010000U
#define SHIMRT_RESET_WARM       1
#define SHIMRT_RESET_SHUTDOWN   2

/* The stubs' data, at a fixed place inside the copied blob. */
struct shimrt_data {
    uint64_t magic;                 /* 0: SHIMRT_DATA_MAGIC */
    uint64_t armed;                 /* 8: set at ExitBootServices */
    uint64_t gettime;               /* 16: enum shimopt_rt_gettime */
    uint64_t var_extra;             /* 24 */
    uint64_t capsule;               /* 32: rt-capsule=persist */
    uint64_t bs_pa;                 /* 40: bsread's page */
    uint64_t fw_get_time;           /* 48: the firmware's functions */
    uint64_t fw_get_variable;       /* 56 */
    uint64_t fw_get_next_variable_name; /* 64 */
    uint64_t fw_reset_system;       /* 72 */
    uint64_t fw_update_capsule;     /* 80 */
    uint64_t fw_query_capsule;      /* 88 */
    uint64_t gettime_calls;         /* 96 */
    uint64_t pending_sg;            /* 104: an accepted capsule's list */
    uint64_t pending_hash;          /* 112 */
    uint64_t pending_bytes;         /* 120 */
};

/* The blob, in the shim's image (shim.lds): copied as it is. */
extern const uint8_t shimrt_blob_start[], shimrt_blob_end[];
extern const struct shimrt_data shimrt_data;

/* The stubs, by their place in the blob. */
efi_status_t EFIAPI shimrt_get_time(void *time, void *caps);
efi_status_t EFIAPI shimrt_get_variable(const char16_t *name, void *guid,
                                        uint32_t *attr, uint64_t *bytes,
                                        void *data);
efi_status_t EFIAPI shimrt_get_next_variable_name(uint64_t *bytes,
                                                  char16_t *name,
                                                  void *guid);
efi_status_t EFIAPI shimrt_query_capsule(uint64_t *array, uint64_t count,
                                         uint64_t *max_bytes,
                                         uint32_t *reset_type);
efi_status_t EFIAPI shimrt_update_capsule(uint64_t *array, uint64_t count,
                                          uint64_t sg_pa);
void EFIAPI shimrt_reset_system(uint32_t type, efi_status_t status,
                                uint64_t data_bytes, void *data);

/*
 * Sets up what o->rt asks for (stubs, their boot-services page, the
 * table above 4 GiB); prints one line per thing.
 */
efi_status_t shimrt_setup(struct efi_system_table *st,
                          const struct shimopt *o);

#endif /* SHIMRT_H */
