# SPDX-License-Identifier: GPL-2.0-only
#
# One top-level build, read top to bottom: programs, flags, sources, rules.
# Everything is built out of tree into build/.
#
#   make            build/xen, build/xen.gz (and the host tools)
#   make run        set up the machine if needed, boot in QEMU (see README)
#   make test       unit tests, fuzz-corpus replay, ABI checks, boot tests
#   make abi        compare include/public/ with Xen's (libxen-dev) headers
#   make fuzz       run the libFuzzer harnesses for a while (clang)
#   make sign KEY=k.pem CERT=c.pem
#                   sign build/xen.efi into build/xen.signed.efi (sbsign)

O          := build
CC         := gcc
LD         := ld
OBJCOPY    := objcopy
HOSTCC     := gcc
CLANG      := clang
GZIP       := gzip

# ---- hypervisor flags ------------------------------------------------------
# Freestanding, no red zone (interrupts arrive on the same stack), no SSE in
# hypervisor code, position independent code (so the same objects run at the
# load address before the switch and at the linked address after it, and
# link into a relocatable PE image), strict and fatal warnings. No
# mergeable constant sections: the ELF linker merges their strings and the
# PE linker does not, and the two images must have one layout
# (tools/check-relocs.py compares them).
HV_CFLAGS  := -std=gnu11 -O2 -g -ffreestanding -nostdinc -fno-merge-constants \
              -isystem $(shell $(CC) -print-file-name=include) \
              -fpie -fvisibility=hidden -fno-stack-protector \
              -fno-asynchronous-unwind-tables -fno-common \
              -fcf-protection=none -mno-red-zone -mgeneral-regs-only \
              -fno-strict-aliasing -fno-delete-null-pointer-checks \
              -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow \
              -Wstrict-prototypes -Wmissing-prototypes -Wvla \
              -include xen/visibility.h \
              -Iinclude -Iarch/x86/include
HV_AFLAGS  := -D__ASSEMBLY__ $(filter-out -std=gnu11 -include xen/visibility.h,$(HV_CFLAGS))
HV_LDFLAGS := -m elf_x86_64 -nostdlib -static --no-dynamic-linker \
              -z max-page-size=0x1000 -z noexecstack --build-id=none

# ---- sources ---------------------------------------------------------------
# Pure modules: no hardware access, no globals. Linked into the hypervisor
# and, built by the host compiler, into the unit tests and fuzzers.
PURE_SRCS  := common/fmt.c common/cmdline.c common/mb2.c common/e820.c \
              common/acpi.c common/efimap.c common/unaccepted.c \
              common/xencfg.c common/loadopt.c common/pe_reloc.c \
              common/frame.c common/devpath.c common/heap.c \
              common/crc32.c common/esrt.c common/efi/retain.c \
              common/efi/efiopt.c common/sbat.c common/cc.c \
              common/elf.c common/inflate.c
PURE_SRCS  := $(wildcard $(PURE_SRCS))

HV_SRCS    := $(PURE_SRCS) $(filter-out $(PURE_SRCS), \
              $(wildcard common/string.c common/console.c common/efi/*.c \
              drivers/*.c arch/x86/*.c arch/x86/efi/*.c))
HV_ASRCS   := $(wildcard arch/x86/boot/*.S arch/x86/*.S arch/x86/efi/*.S)
HV_OBJS    := $(patsubst %.S,$(O)/%.o,$(HV_ASRCS)) \
              $(patsubst %.c,$(O)/%.o,$(HV_SRCS))

# ---- host test flags -------------------------------------------------------
HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter \
               -fsanitize=address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer -D__HOST_TEST__ \
               -Iinclude -Iarch/x86/include
UNIT_SRCS   := test/unit/main.c $(wildcard test/unit/test_*.c)
FUZZ_SRCS   := $(wildcard test/fuzz/fuzz_*.c)
FUZZ_NAMES  := $(patsubst test/fuzz/fuzz_%.c,%,$(FUZZ_SRCS))

# The guest ABI (what dom0 sees): each header must compile on its own.
PUBLIC_HDRS := $(wildcard include/public/*.h)

.PHONY: all run test bench unit fuzz-replay fuzz clean check-pure \
        test-images check-public abi sign
all: $(O)/xen $(O)/xen.gz $(O)/xen.efi $(O)/check-public.stamp

# ---- hypervisor rules ------------------------------------------------------
$(O)/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	$(CC) $(HV_CFLAGS) -MMD -MP -c $< -o $@

$(O)/%.o: %.S Makefile
	@mkdir -p $(dir $@)
	$(CC) $(HV_AFLAGS) -MMD -MP -c $< -o $@

# The SBAT records are assembled in with .incbin, which -MMD does not see.
$(O)/arch/x86/efi/sbat.o: arch/x86/efi/sbat.csv

$(O)/xen.lds: xen.lds.S
	@mkdir -p $(dir $@)
	$(CC) -E -P -D__ASSEMBLY__ -D__LINKER__ -Iinclude -Iarch/x86/include \
	    -x c $< -o $@

# Objects that run at the load address, before the switch (pe_reloc.c too,
# but its strerror table holds pointers that code never reads there).
PRE_SWITCH_OBJS := $(addprefix $(O)/,common/mb2.o common/string.o \
                   common/cc.o arch/x86/cc.o \
                   arch/x86/bootmap.o arch/x86/efi/switch.o \
                   arch/x86/efi/efi_start.o arch/x86/efi/mb2_entry.o)

# The linked image with symbols, then the stripped file GRUB loads (GRUB
# copies every non-allocated section into memory, so debug data stays out).
$(O)/xen-syms: $(HV_OBJS) $(O)/xen.lds
	$(LD) $(HV_LDFLAGS) -T $(O)/xen.lds -Map $(O)/xen-syms.map \
	    $(HV_OBJS) -o $@
	tools/check-image.py $@
	tools/check-pic.sh $(PRE_SWITCH_OBJS)

$(O)/xen: $(O)/xen-syms
	$(OBJCOPY) --strip-all $< $@
	tools/check-image.py $@

# xen.efi: the same objects linked as a PE32+ EFI application, 4 KiB
# sections, with the linker's base relocations (DIR64 for every absolute
# pointer) and NX_COMPAT; tools/pecheck validates the result (relocations
# only in writable data, no byte outside a section, checksum, SBAT), and
# tools/pecheck-refuses.py proves it refuses each fault on copies.
$(O)/efi.lds: xen.lds.S
	@mkdir -p $(dir $@)
	$(CC) -E -P -D__ASSEMBLY__ -D__LINKER__ -DEFI -Iinclude \
	    -Iarch/x86/include -x c $< -o $@

# The PE headers sit 64 KiB (the PE image-base granule) below the first
# section, so the firmware allocates only what the image uses.
EFI_IMAGE_BASE := 0xffff82d0401f0000
EFI_LDFLAGS := -m i386pep --subsystem=10 --image-base=$(EFI_IMAGE_BASE) \
               --section-alignment=0x1000 --file-alignment=0x200 \
               --no-insert-timestamp --dynamicbase --nxcompat \
               --enable-reloc-section --major-os-version=2 \
               --minor-os-version=0 --major-subsystem-version=2 \
               --minor-subsystem-version=0 --strip-all -e efi_start

$(O)/xen.efi: $(HV_OBJS) $(O)/efi.lds $(O)/tools/pecheck $(O)/xen-syms \
              $(O)/xen-syms-shifted
	$(LD) $(EFI_LDFLAGS) -T $(O)/efi.lds -Map $(O)/xen.efi.map \
	    $(HV_OBJS) -o $@
	$(O)/tools/pecheck --sbat $@
	tools/pecheck-refuses.py $(O)/tools/pecheck $@ $(O)/pecheck-refuses
	tools/check-relocs.py $(O)/xen-syms $(O)/xen-syms-shifted \
	    $(RELOC_SHIFT) $(EFI_IMAGE_BASE) $@

# The same link 1 GiB higher: what differs are the absolute pointers,
# which xen.efi's .reloc must name exactly (tools/check-relocs.py).
RELOC_SHIFT := 0x40000000
$(O)/xen-shift.lds: xen.lds.S
	@mkdir -p $(dir $@)
	$(CC) -E -P -D__ASSEMBLY__ -D__LINKER__ -DLINK_SHIFT=$(RELOC_SHIFT) \
	    -Iinclude -Iarch/x86/include -x c $< -o $@

$(O)/xen-syms-shifted: $(HV_OBJS) $(O)/xen-shift.lds
	$(LD) $(HV_LDFLAGS) -T $(O)/xen-shift.lds $(HV_OBJS) -o $@

$(O)/tools/pecheck: tools/pecheck.c common/pe_reloc.c include/xen/pe.h \
                    common/sbat.c include/xen/sbat.h
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -O1 -Wall -Wextra -Werror -Iinclude \
	    tools/pecheck.c common/pe_reloc.c common/sbat.c -o $@

# Secure Boot: an Authenticode signature by sbsigntool with the key and
# certificate given by path (docs/secureboot.md). Always re-signed, since
# the key is not a prerequisite make can see change; the result is checked
# like xen.efi (its certificate table must end the file) and verified.
sign: $(O)/xen.efi $(O)/tools/pecheck
	@[ -n "$(KEY)" ] && [ -n "$(CERT)" ] || \
	    { echo "usage: make sign KEY=key.pem CERT=cert.pem" >&2; exit 2; }
	sbsign --key $(KEY) --cert $(CERT) --output $(O)/xen.signed.efi \
	    $(O)/xen.efi
	$(O)/tools/pecheck --sbat $(O)/xen.signed.efi
	sbverify --cert $(CERT) $(O)/xen.signed.efi

$(O)/xen.gz: $(O)/xen
	$(GZIP) -9 -n -c $< > $@

check-pure: $(patsubst %.c,$(O)/%.o,$(PURE_SRCS))

# Each public header alone: as plain C99 with only the compiler's
# freestanding headers (no -I of ours), and through the assembler's
# preprocessor, the way Xen checks its public headers.
check-public: $(O)/check-public.stamp
$(O)/check-public.stamp: $(PUBLIC_HDRS) Makefile
	@mkdir -p $(dir $@)
	@set -e; for h in $(PUBLIC_HDRS); do \
	    $(CC) -fsyntax-only -std=c99 -ffreestanding -nostdinc \
	        -isystem $(shell $(CC) -print-file-name=include) \
	        -Wall -Wextra -Werror -x c $$h; \
	    $(CC) -E -D__ASSEMBLY__ -nostdinc -x assembler-with-cpp $$h \
	        -o /dev/null; \
	done
	@touch $@

# Test-only image without the EFI boot-services header tags: GRUB's EFI
# build then exits boot services itself and enters the 32-bit entry.
test-images: $(O)/test/xen-nobs.gz $(O)/efishim.efi
$(O)/test/head-nobs.o: arch/x86/boot/head.S Makefile
	@mkdir -p $(dir $@)
	$(CC) $(HV_AFLAGS) -DMB2_NO_EFI_BS -c $< -o $@
$(O)/test/xen-nobs.gz: $(filter-out $(O)/arch/x86/boot/head.o,$(HV_OBJS)) \
                       $(O)/test/head-nobs.o $(O)/xen.lds
	$(LD) $(HV_LDFLAGS) -T $(O)/xen.lds -o $(O)/test/xen-nobs-syms \
	    $(O)/test/head-nobs.o \
	    $(filter-out $(O)/arch/x86/boot/head.o,$(HV_OBJS))
	$(OBJCOPY) --strip-all $(O)/test/xen-nobs-syms $(O)/test/xen-nobs
	tools/check-image.py $(O)/test/xen-nobs
	$(GZIP) -9 -n -c $(O)/test/xen-nobs > $@

# ---- tests -----------------------------------------------------------------
# The firmware test shim's pure files are compiled into their tests.
SHIM_PURE   := $(wildcard test/efi-shim/shim*.[ch])

$(O)/test/unit/run: $(UNIT_SRCS) $(PURE_SRCS) $(wildcard include/xen/*.h) \
                    test/unit/unit.h $(SHIM_PURE)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(UNIT_SRCS) $(PURE_SRCS) -o $@

$(O)/test/fuzz/%-replay: test/fuzz/fuzz_%.c test/fuzz/replay.c $(PURE_SRCS) \
                         $(SHIM_PURE)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $< test/fuzz/replay.c $(PURE_SRCS) -o $@

$(O)/test/fuzz/%-fuzzer: test/fuzz/fuzz_%.c $(PURE_SRCS) $(SHIM_PURE)
	@mkdir -p $(dir $@)
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=all -D__HOST_TEST__ \
	    -Iinclude -Iarch/x86/include $< $(PURE_SRCS) -o $@

# ABI probe: one fact list built against Debian's libxen-dev headers and
# against include/public/, compared at run time (test/abi/main.c). No -I of
# ours on Xen's side: include/xen/ would shadow /usr/include/xen.
ABI_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -I$(O)/test/abi
$(O)/test/abi/consts.h: test/abi/gen_consts.py $(PUBLIC_HDRS)
	@mkdir -p $(dir $@)
	python3 test/abi/gen_consts.py $(PUBLIC_HDRS) > $@.tmp && mv $@.tmp $@
$(O)/test/abi/side-xen.o: test/abi/side.c test/abi/abi.h test/abi/facts.h \
                          $(O)/test/abi/consts.h
	$(HOSTCC) $(ABI_CFLAGS) -DABI_SIDE_XEN -D__XEN_TOOLS__ -c $< -o $@
$(O)/test/abi/side-ours.o: test/abi/side.c test/abi/abi.h test/abi/facts.h \
                           $(O)/test/abi/consts.h $(PUBLIC_HDRS)
	$(HOSTCC) $(ABI_CFLAGS) -Iinclude -c $< -o $@
$(O)/test/abi/probe: test/abi/main.c test/abi/abi.h \
                     $(O)/test/abi/side-xen.o $(O)/test/abi/side-ours.o
	$(HOSTCC) $(ABI_CFLAGS) $< $(O)/test/abi/side-xen.o \
	    $(O)/test/abi/side-ours.o -o $@

abi: $(O)/test/abi/probe
	$(O)/test/abi/probe

unit: $(O)/test/unit/run
	$(O)/test/unit/run

fuzz-replay: $(patsubst %,$(O)/test/fuzz/%-replay,$(FUZZ_NAMES))
	@p=0; f=0; for n in $(FUZZ_NAMES); do \
	    if $(O)/test/fuzz/$$n-replay test/fuzz/corpus/$$n; then \
	        p=$$((p + 1)); echo "ok   fuzz-replay/$$n"; \
	    else f=$$((f + 1)); echo "FAIL fuzz-replay/$$n"; fi; done; \
	echo "fuzz-replay: $$p passed, $$f failed"; [ $$f -eq 0 ]

# Each harness for FUZZ_SECONDS (default 60) with the libFuzzer engine.
FUZZ_SECONDS ?= 60
fuzz: $(patsubst %,$(O)/test/fuzz/%-fuzzer,$(FUZZ_NAMES))
	@set -e; for n in $(FUZZ_NAMES); do \
	    mkdir -p $(O)/fuzz-work/$$n; \
	    $(O)/test/fuzz/$$n-fuzzer -max_total_time=$(FUZZ_SECONDS) \
	        $(O)/fuzz-work/$$n test/fuzz/corpus/$$n; done

test:
	tools/run-tests.sh

# Benchmarks report ratios against a reference measured in the same run.
bench:
	bench/memmap_bench.sh

run:
	tools/run.sh

clean:
	rm -rf $(O)

include test/efi-shim/Makefile.inc

-include $(shell find $(O) -name '*.d' 2>/dev/null)
