# SPDX-License-Identifier: GPL-2.0-only
#
# One top-level build, read top to bottom: programs, flags, sources, rules.
# Everything is built out of tree into build/.
#
#   make            build/xen, build/xen.gz (and the host tools)
#   make run        set up the machine if needed, boot in QEMU (see README)
#   make test       unit tests, fuzz replay and fuzz tier, ABI, boot tests
#   make abi        compare include/public/ with Xen's (libxen-dev) headers
#   make fuzz       run the libFuzzer harnesses for a while (clang)
#   make fuzz-ci    each harness for a few seconds (FUZZ_CI_TOTAL=51 in all),
#                   two at a time (part of make test)
#   make fuzz-merge fold inputs with new coverage into test/fuzz/corpus/
#   make xtf        build Xen's test framework (XTF_TARBALL) and boot each
#                   of its pv64 tests as dom0: a table, ours against Xen 4.17
#   make install    install for a real machine (DESTDIR=, prefix=; see
#                   docs/install.md); make uninstall removes it again
#   make docs       render docs/*.dot into build/docs/*.svg (graphviz)
#   make sign KEY=k.pem CERT=c.pem
#                   sign build/xen.efi into build/xen.signed.efi (sbsign)
#   make check-layers
#                   prove the layering rules of DESIGN.md on the objects
#
# Quiet by default (one "  CC      lib/boot/mb2.o" line per step); V=1
# prints the commands. Parallel by default (one job per core, output kept
# together per target) unless -j is given.

O          := build
V          ?= 0
ifeq ($(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS  += -j$(shell nproc 2>/dev/null || echo 2) --output-sync=target
endif
ifeq ($(V),1)
Q          :=
msg         =
else
Q          := @
msg         = @printf '  %-7s %s\n' '$(1)' '$(2)';
endif
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
# (scripts/check-relocs.py compares them).
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
# The folders are the lists (DESIGN.md, Layout). lib/ and arch/x86/lib/ are
# pure: no hardware access, no globals; linked into the hypervisor and,
# built by the host compiler, into the unit tests, fuzzers and host tools
# (make check-layers proves it on the objects). common/ is hypervisor code
# with state that knows nothing of x86; arch/ and drivers/ are the rest.
LIB_SRCS    := $(wildcard lib/*.c lib/*/*.c)
XLIB_SRCS   := $(wildcard arch/x86/lib/*.c)
PURE_SRCS   := $(LIB_SRCS) $(XLIB_SRCS)
COMMON_SRCS := $(wildcard common/*.c common/*/*.c)
ARCH_SRCS   := $(wildcard arch/x86/*.c arch/x86/efi/*.c arch/x86/pv/*.c \
               drivers/*.c)
# Pure logic of the dom0 tools, shared by their back ends (tools/lib/).
TOOLS_PURE_SRCS := $(wildcard tools/lib/*.c)

HV_SRCS    := $(PURE_SRCS) $(COMMON_SRCS) $(ARCH_SRCS)
HV_ASRCS   := $(wildcard arch/x86/boot/*.S arch/x86/*.S arch/x86/efi/*.S \
              arch/x86/pv/*.S)
HV_OBJS    := $(patsubst %.S,$(O)/%.o,$(HV_ASRCS)) \
              $(patsubst %.c,$(O)/%.o,$(HV_SRCS))

# ---- host test flags -------------------------------------------------------
# The sanitizer builds carry line tables only: their reports name file and
# line all the same, and the test programs build in 96 s of CPU, not 111
# (2026-12-08). HOST_G=-g for gdb's variables.
HOST_G      ?= -g1
HOST_CFLAGS := -std=gnu11 $(HOST_G) -O1 -Wall -Wextra -Werror \
               -Wno-unused-parameter \
               -fsanitize=address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer -D__HOST_TEST__ \
               -Iinclude -Iarch/x86/include -Itools/lib
UNIT_SRCS   := test/unit/main.c $(wildcard test/unit/test_*.c)
FUZZ_SRCS   := $(wildcard test/fuzz/fuzz_*.c)
FUZZ_NAMES  := $(patsubst test/fuzz/fuzz_%.c,%,$(FUZZ_SRCS))

# The guest ABI (what dom0 sees): each header must compile on its own.
PUBLIC_HDRS := $(wildcard include/public/*.h)

.PHONY: all run test bench unit fuzz-replay fuzz fuzz-ci fuzz-merge clean \
        check-layers \
        xtf xtf-build xtf-prepare xtf-quick \
        test-images test-bins dom0 check-public abi install uninstall docs \
        test-install tools-linux sign bench-boot FORCE
# Objects made on the way by pattern rules (the fuzz replays' host
# objects) are kept: make would delete them after each build, print an
# `rm` line and build them again next time.
.SECONDARY:
all: $(O)/xen $(O)/xen.gz $(O)/xen.efi $(O)/check-public.stamp dom0 \
     $(O)/tools/xencfgcheck $(O)/check-layers.stamp

# ---- flag stamps -----------------------------------------------------------
# Objects depend on a stamp of the flags they are built with, rewritten only
# when the flags change, not on the Makefile: editing a comment here
# rebuilds nothing, editing a source rebuilds that one object.
# in: stamp name, flags.
define flags_stamp
$(O)/.flags.$(1): FORCE
	@mkdir -p $(O)
	@echo '$(2)' | cmp -s - $$@ || echo '$(2)' > $$@
endef
$(eval $(call flags_stamp,hv,$(CC) $(HV_CFLAGS)))
$(eval $(call flags_stamp,host,$(HOSTCC) $(HOST_CFLAGS)))

# ---- hypervisor rules ------------------------------------------------------
$(O)/%.o: %.c $(O)/.flags.hv
	@mkdir -p $(@D)
	$(call msg,CC,$@)$(CC) $(HV_CFLAGS) -MMD -MP -c $< -o $@

$(O)/%.o: %.S $(O)/.flags.hv
	@mkdir -p $(@D)
	$(call msg,AS,$@)$(CC) $(HV_AFLAGS) -MMD -MP -c $< -o $@

# The SBAT records are assembled in with .incbin, which -MMD does not see.
$(O)/arch/x86/efi/sbat.o: arch/x86/efi/sbat.csv

$(O)/xen.lds: xen.lds.S $(O)/.flags.hv
	@mkdir -p $(@D)
	$(call msg,LDS,$@)$(CC) -E -P -D__ASSEMBLY__ -D__LINKER__ -Iinclude \
	    -Iarch/x86/include -x c $< -o $@

# Objects that run at the load address, before the switch (pe_reloc.c too,
# but its strerror table holds pointers that code never reads there).
PRE_SWITCH_OBJS := $(addprefix $(O)/,lib/boot/mb2.o lib/string.o \
                   arch/x86/lib/cc.o arch/x86/cc.o \
                   arch/x86/bootmap.o arch/x86/efi/switch.o \
                   arch/x86/efi/efi_start.o arch/x86/efi/mb2_entry.o)

# The linked image with symbols, then the stripped file GRUB loads (GRUB
# copies every non-allocated section into memory, so debug data stays out).
$(O)/xen-syms: $(HV_OBJS) $(O)/xen.lds
	$(call msg,LD,$@)$(LD) $(HV_LDFLAGS) -T $(O)/xen.lds \
	    -Map $(O)/xen-syms.map $(HV_OBJS) -o $@
	$(Q)scripts/check-image.py $@
	$(Q)scripts/check-pic.sh $(PRE_SWITCH_OBJS)

$(O)/xen: $(O)/xen-syms
	$(call msg,STRIP,$@)$(OBJCOPY) --strip-all $< $@
	$(Q)scripts/check-image.py $@

# xen.efi: the same objects linked as a PE32+ EFI application, 4 KiB
# sections, with the linker's base relocations (DIR64 for every absolute
# pointer) and NX_COMPAT; scripts/pecheck.c validates the result
# (relocations only in writable data, no byte outside a section, checksum,
# SBAT), and scripts/pecheck-refuses.py proves it refuses each fault on
# copies.
$(O)/efi.lds: xen.lds.S $(O)/.flags.hv
	@mkdir -p $(@D)
	$(call msg,LDS,$@)$(CC) -E -P -D__ASSEMBLY__ -D__LINKER__ -DEFI \
	    -Iinclude -Iarch/x86/include -x c $< -o $@

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
	$(call msg,LD,$@)$(LD) $(EFI_LDFLAGS) -T $(O)/efi.lds \
	    -Map $(O)/xen.efi.map $(HV_OBJS) -o $@
	$(Q)$(O)/tools/pecheck --sbat $@
	$(Q)scripts/pecheck-refuses.py $(O)/tools/pecheck $@ \
	    $(O)/pecheck-refuses
	$(Q)scripts/check-relocs.py $(O)/xen-syms $(O)/xen-syms-shifted \
	    $(RELOC_SHIFT) $(EFI_IMAGE_BASE) $@

# The same link 1 GiB higher: what differs are the absolute pointers,
# which xen.efi's .reloc must name exactly (scripts/check-relocs.py).
RELOC_SHIFT := 0x40000000
$(O)/xen-shift.lds: xen.lds.S $(O)/.flags.hv
	@mkdir -p $(@D)
	$(call msg,LDS,$@)$(CC) -E -P -D__ASSEMBLY__ -D__LINKER__ \
	    -DLINK_SHIFT=$(RELOC_SHIFT) -Iinclude -Iarch/x86/include \
	    -x c $< -o $@

$(O)/xen-syms-shifted: $(HV_OBJS) $(O)/xen-shift.lds
	$(call msg,LD,$@)$(LD) $(HV_LDFLAGS) -T $(O)/xen-shift.lds \
	    $(HV_OBJS) -o $@

# Host programs of the build and of users (the checks in scripts/) link the
# host archive of the pure code (below).
$(O)/tools/pecheck: $(O)/host/scripts/pecheck.o $(O)/host/libpure.a
	@mkdir -p $(@D)
	$(call msg,HOSTLD,$@)$(HOSTCC) $(HOST_CFLAGS) $^ -o $@

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

# Reads a xen.cfg with the hypervisor's own parser (tools/mkxencfg's check).
$(O)/tools/xencfgcheck: $(O)/host/scripts/xencfgcheck.o \
                        $(O)/host/libpure.a
	@mkdir -p $(@D)
	$(call msg,HOSTLD,$@)$(HOSTCC) $(HOST_CFLAGS) $^ -o $@

$(O)/xen.gz: $(O)/xen
	$(call msg,GZIP,$@)$(GZIP) -9 -n -c $< > $@

# ---- the layers, checked -----------------------------------------------------
# DESIGN.md's rules, proven on every build (scripts/check-layers.py): no
# <asm/...> in lib/, arch/x86/lib/, common/ or include/xen/; every
# undefined symbol of a lib/ or arch/x86/lib/ object resolves inside them
# (or to mem*/str*); common/ takes from arch/ and drivers/ only arch_*
# hooks (and the few named in the script).
LAYER_OBJS := $(patsubst %.c,$(O)/%.o,$(PURE_SRCS) $(COMMON_SRCS) \
              $(ARCH_SRCS)) $(patsubst %.S,$(O)/%.o,$(HV_ASRCS))
check-layers: $(O)/check-layers.stamp
$(O)/check-layers.stamp: scripts/check-layers.py $(LAYER_OBJS)
	$(call msg,CHECK,layers)scripts/check-layers.py --objdir $(O) \
	    $(sort $(dir $(PURE_SRCS) $(COMMON_SRCS) $(ARCH_SRCS)))
	@touch $@

# Each public header alone: as plain C99 with only the compiler's
# freestanding headers (no -I of ours), and through the assembler's
# preprocessor, the way Xen checks its public headers.
check-public: $(O)/check-public.stamp
$(O)/check-public.stamp: $(PUBLIC_HDRS)
	@mkdir -p $(@D)
	$(call msg,CHECK,include/public)set -e; for h in $(PUBLIC_HDRS); do \
	    $(CC) -fsyntax-only -std=c99 -ffreestanding -nostdinc \
	        -isystem $(shell $(CC) -print-file-name=include) \
	        -Wall -Wextra -Werror -x c $$h; \
	    $(CC) -E -D__ASSEMBLY__ -nostdinc -x assembler-with-cpp $$h \
	        -o /dev/null; \
	done
	@touch $@

# Test-only image without the EFI boot-services header tags: GRUB's EFI
# build then exits boot services itself and enters the 32-bit entry.
test-images: $(O)/test/xen-nobs.gz $(O)/efishim.efi $(O)/efilaunch.efi \
             tools-linux
$(O)/test/head-nobs.o: arch/x86/boot/head.S $(O)/.flags.hv
	@mkdir -p $(@D)
	$(call msg,AS,$@)$(CC) $(HV_AFLAGS) -DMB2_NO_EFI_BS -MMD -MP -c $< -o $@
$(O)/test/xen-nobs.gz: $(filter-out $(O)/arch/x86/boot/head.o,$(HV_OBJS)) \
                       $(O)/test/head-nobs.o $(O)/xen.lds
	$(call msg,LD,$@)$(LD) $(HV_LDFLAGS) -T $(O)/xen.lds \
	    -o $(O)/test/xen-nobs-syms $(O)/test/head-nobs.o \
	    $(filter-out $(O)/arch/x86/boot/head.o,$(HV_OBJS))
	$(Q)$(OBJCOPY) --strip-all $(O)/test/xen-nobs-syms $(O)/test/xen-nobs
	$(Q)scripts/check-image.py $(O)/test/xen-nobs
	$(Q)$(GZIP) -9 -n -c $(O)/test/xen-nobs > $@

# ---- the dom0 tools for a Linux dom0 ----------------------------------------
# xen-info, xen-esrt, xen-e820, xen-efimap and the runtime-call tools
# xen-efivar, xen-time and xen-capsule as Linux programs (docs/tools.md):
# the shared tools (tools/lib/) over the libxencall back end (tools/linux/),
# linked statically with Debian's libxen-dev so the binaries run in a bare
# initramfs. One program under seven names.
LINUX_TOOLS   := xen-info xen-esrt xen-e820 xen-efimap xen-efivar xen-time \
                 xen-capsule
LINUX_CFLAGS  := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
                 -Iinclude -Itools/lib
LINUX_SRCS    := tools/linux/main.c tools/linux/rtcall.c $(TOOLS_PURE_SRCS) \
                 lib/fmt.c lib/efi/esrt.c
LINUX_LIBS    := -static -lxencall -lxentoolcore -lxentoollog

tools-linux: $(addprefix $(O)/tools-linux/,$(LINUX_TOOLS))

$(O)/tools-linux/xen-tool: $(LINUX_SRCS) $(wildcard tools/lib/*.h) \
                           $(wildcard tools/linux/*.h) \
                           $(wildcard include/public/*.h include/xen/*.h)
	@mkdir -p $(@D)
	$(call msg,HOSTCC,$@)$(HOSTCC) $(LINUX_CFLAGS) $(LINUX_SRCS) \
	    $(LINUX_LIBS) -o $@

$(addprefix $(O)/tools-linux/,$(LINUX_TOOLS)): $(O)/tools-linux/xen-tool
	$(Q)cp $< $@

# ---- dom0 kernel -----------------------------------------------------------
# The demo PV dom0 (tools/dom0/, docs/tools.md): a freestanding ELF64 image
# linked at 0xffffffff80000000 (tools/dom0/layout.h), so the kernel code
# model applies; no red zone and no SSE, as in the hypervisor. It includes
# only include/public/ and the shared formatting of lib/fmt.c and
# lib/efi/esrt.c, which it compiles in.
DOM0_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -nostdinc \
               -isystem $(shell $(CC) -print-file-name=include) \
               -fno-pie -mcmodel=kernel -fno-stack-protector \
               -fno-asynchronous-unwind-tables -fno-common \
               -fcf-protection=none -mno-red-zone -mgeneral-regs-only \
               -fno-strict-aliasing -fno-delete-null-pointer-checks \
               -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow \
               -Wstrict-prototypes -Wmissing-prototypes -Wvla \
               -Iinclude -Itools/dom0 -Itools/lib
DOM0_AFLAGS := -D__ASSEMBLY__ $(filter-out -std=gnu11,$(DOM0_CFLAGS))
DOM0_SRCS   := $(wildcard tools/dom0/*.c) $(TOOLS_PURE_SRCS) lib/fmt.c \
               lib/efi/esrt.c
DOM0_OBJS   := $(O)/dom0/tools/dom0/head.o $(O)/dom0/tools/dom0/pvcpu_entry.o \
               $(patsubst %.c,$(O)/dom0/%.o,$(DOM0_SRCS))
$(eval $(call flags_stamp,dom0,$(CC) $(DOM0_CFLAGS)))

# A second image with a HYPERCALL_PAGE note and hypercalls through the
# page when the hypervisor fills it (both ways of issuing hypercalls are
# then tested); only head.S and hypercall.c differ.
DOM0HC_OBJS := $(O)/dom0/hcpage/head.o $(O)/dom0/hcpage/hypercall.o \
               $(filter-out %/tools/dom0/head.o %/tools/dom0/hypercall.o, \
                 $(DOM0_OBJS))

dom0: $(O)/dom0/dom0 $(O)/dom0/dom0.gz $(O)/dom0/dom0-hcpage.gz

$(O)/dom0/hcpage/%.o: tools/dom0/%.c $(O)/.flags.dom0
	@mkdir -p $(@D)
	$(call msg,CC,$@)$(CC) $(DOM0_CFLAGS) -DDOM0_HYPERCALL_PAGE -MMD -MP \
	    -c $< -o $@

$(O)/dom0/hcpage/%.o: tools/dom0/%.S $(O)/.flags.dom0
	@mkdir -p $(@D)
	$(call msg,AS,$@)$(CC) $(DOM0_AFLAGS) -DDOM0_HYPERCALL_PAGE -MMD -MP \
	    -c $< -o $@

$(O)/dom0/%.o: %.c $(O)/.flags.dom0
	@mkdir -p $(@D)
	$(call msg,CC,$@)$(CC) $(DOM0_CFLAGS) -MMD -MP -c $< -o $@

$(O)/dom0/%.o: %.S $(O)/.flags.dom0
	@mkdir -p $(@D)
	$(call msg,AS,$@)$(CC) $(DOM0_AFLAGS) -MMD -MP -c $< -o $@

$(O)/dom0/dom0.lds: tools/dom0/dom0.lds tools/dom0/layout.h
	@mkdir -p $(@D)
	$(call msg,LDS,$@)$(CC) -E -P -D__ASSEMBLY__ -Itools/dom0 -x c $< -o $@

DOM0_LDFLAGS := -m elf_x86_64 -nostdlib -static --no-dynamic-linker \
                -z max-page-size=0x1000 -z noexecstack --build-id=none \
                -T $(O)/dom0/dom0.lds
$(O)/dom0/dom0: $(DOM0_OBJS) $(O)/dom0/dom0.lds
	$(call msg,LD,$@)$(LD) $(DOM0_LDFLAGS) -Map $(O)/dom0/dom0.map \
	    $(DOM0_OBJS) -o $@

$(O)/dom0/dom0-hcpage: $(DOM0HC_OBJS) $(O)/dom0/dom0.lds
	$(call msg,LD,$@)$(LD) $(DOM0_LDFLAGS) $(DOM0HC_OBJS) -o $@

$(O)/dom0/%.gz: $(O)/dom0/%
	$(call msg,GZIP,$@)$(GZIP) -9 -n -c $< > $@

# ---- host builds of the pure code ------------------------------------------
# Built once, with ASan and UBSan, into one archive that the unit tests, the
# fuzz replays and the host checks link. lib/string.c stays out: on the
# host the C library has mem*/str* (test/unit/test_string.c includes the
# file itself under other names).
HOST_PURE_SRCS := $(filter-out lib/string.c,$(PURE_SRCS)) $(TOOLS_PURE_SRCS)
HOST_PURE_OBJS := $(patsubst %.c,$(O)/host/%.o,$(HOST_PURE_SRCS))

$(O)/host/%.o: %.c $(O)/.flags.host
	@mkdir -p $(@D)
	$(call msg,HOSTCC,$@)$(HOSTCC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

$(O)/host/libpure.a: $(HOST_PURE_OBJS)
	$(call msg,AR,$@)rm -f $@ && $(AR) rcs $@ $^

# ---- tests -----------------------------------------------------------------
# The firmware test shim's pure files are compiled into their tests.
SHIM_PURE   := $(wildcard test/efi-shim/shim*.[ch])
UNIT_OBJS   := $(patsubst %.c,$(O)/host/%.o,$(UNIT_SRCS))

$(O)/test/unit/run: $(UNIT_OBJS) $(O)/host/libpure.a
	@mkdir -p $(@D)
	$(call msg,HOSTLD,$@)$(HOSTCC) $(HOST_CFLAGS) $(UNIT_OBJS) \
	    $(O)/host/libpure.a -o $@

# Libraries a harness needs for a differential check (never the cores).
FUZZ_LIBS_inflate := -lz
FUZZ_LIBS_unxz    := -llzma
FUZZ_LIBS_unzstd  := -lzstd

$(O)/test/fuzz/%-replay: $(O)/host/test/fuzz/fuzz_%.o \
                         $(O)/host/test/fuzz/replay.o $(O)/host/libpure.a
	@mkdir -p $(@D)
	$(call msg,HOSTLD,$@)$(HOSTCC) $(HOST_CFLAGS) $^ $(FUZZ_LIBS_$*) -o $@

# The pure modules are compiled once for all libFuzzer harnesses.
FUZZ_CFLAGS := $(HOST_G) -O1 -fsanitize=address,undefined \
               -fno-sanitize-recover=all -D__HOST_TEST__ \
               -Iinclude -Iarch/x86/include -Itools/lib
$(eval $(call flags_stamp,fuzz,$(CLANG) $(FUZZ_CFLAGS)))
FUZZ_OBJS   := $(patsubst %.c,$(O)/fuzz-obj/%.o,$(HOST_PURE_SRCS))
$(O)/fuzz-obj/%.o: %.c $(O)/.flags.fuzz
	@mkdir -p $(@D)
	$(call msg,CLANG,$@)$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link \
	    -MMD -MP -c $< -o $@
$(O)/fuzz-obj/libpure.a: $(FUZZ_OBJS)
	$(call msg,AR,$@)rm -f $@ && $(AR) rcs $@ $^

$(O)/test/fuzz/%-fuzzer: test/fuzz/fuzz_%.c $(O)/fuzz-obj/libpure.a \
                         $(O)/.flags.fuzz
	@mkdir -p $(@D)
	$(call msg,CLANG,$@)$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer -MMD -MP \
	    -MF $@.d $< $(O)/fuzz-obj/libpure.a $(FUZZ_LIBS_$*) -o $@

# ABI probe: one fact list built against Debian's libxen-dev headers and
# against include/public/, compared at run time (test/abi/main.c). No -I of
# ours on Xen's side: include/xen/ would shadow /usr/include/xen.
ABI_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -I$(O)/test/abi
$(O)/test/abi/consts.h: test/abi/gen_consts.py $(PUBLIC_HDRS)
	@mkdir -p $(@D)
	$(call msg,GEN,$@)python3 test/abi/gen_consts.py $(PUBLIC_HDRS) \
	    > $@.tmp && mv $@.tmp $@
$(O)/test/abi/side-xen.o: test/abi/side.c test/abi/abi.h test/abi/facts.h \
                          $(O)/test/abi/consts.h
	$(call msg,HOSTCC,$@)$(HOSTCC) $(ABI_CFLAGS) -DABI_SIDE_XEN \
	    -D__XEN_TOOLS__ -c $< -o $@
$(O)/test/abi/side-ours.o: test/abi/side.c test/abi/abi.h test/abi/facts.h \
                           $(O)/test/abi/consts.h $(PUBLIC_HDRS)
	$(call msg,HOSTCC,$@)$(HOSTCC) $(ABI_CFLAGS) -Iinclude -c $< -o $@
$(O)/test/abi/probe: test/abi/main.c test/abi/abi.h \
                     $(O)/test/abi/side-xen.o $(O)/test/abi/side-ours.o
	$(call msg,HOSTLD,$@)$(HOSTCC) $(ABI_CFLAGS) $< \
	    $(O)/test/abi/side-xen.o $(O)/test/abi/side-ours.o -o $@

abi: $(O)/test/abi/probe
	$(O)/test/abi/probe

unit: $(O)/test/unit/run
	$(O)/test/unit/run

# Every test program of the host tiers, for `make test` to build in its
# one parallel build step: the unit runner, the ABI probe, the replays and
# the libFuzzer harnesses.
test-bins: $(O)/test/unit/run $(O)/test/abi/probe \
           $(patsubst %,$(O)/test/fuzz/%-replay,$(FUZZ_NAMES)) \
           $(patsubst %,$(O)/test/fuzz/%-fuzzer,$(FUZZ_NAMES))

# Each harness replays its seed corpus and, when there is one, the inputs
# that once crashed it (test/fuzz/crashes/NAME, kept as regressions).
fuzz-replay: $(patsubst %,$(O)/test/fuzz/%-replay,$(FUZZ_NAMES))
	@p=0; f=0; for n in $(FUZZ_NAMES); do \
	    c=; [ -d test/fuzz/crashes/$$n ] && c=test/fuzz/crashes/$$n; \
	    if $(O)/test/fuzz/$$n-replay test/fuzz/corpus/$$n $$c; then \
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

# New coverage from fuzzing into the committed corpora (scripts/fuzz-merge.sh).
fuzz-merge: $(patsubst %,$(O)/test/fuzz/%-fuzzer,$(FUZZ_NAMES))
	@scripts/fuzz-merge.sh $(FUZZ_NAMES)

# The fuzz tier of `make test`: every harness for FUZZ_CI_SECONDS (default
# 15, fewer so that all fit in FUZZ_CI_TOTAL, default 51), two at a time;
# crashing inputs land in test/fuzz/crashes/NAME.
fuzz-ci: $(patsubst %,$(O)/test/fuzz/%-fuzzer,$(FUZZ_NAMES))
	@scripts/fuzz-ci.sh $(FUZZ_NAMES)

test:
	scripts/run-tests.sh

# XTF (BSD-2-Clause, third-party test data) is built from its tarball into
# build/xtf/, never copied into the tree. `make xtf` boots every pv64 test;
# `make xtf-quick` (part of make test) the selftest and the XSA tests that
# apply to a PV dom0, two at a time.
XTF_TARBALL ?= ../shared/xtf/xtf-453490d.tar.gz

xtf-build:
	+@test/xtf/build.sh $(XTF_TARBALL) $(O)/xtf

xtf: all xtf-build
	python3 test/xtf/run.py -j 2

# make test's build step builds XTF beside everything else (when its
# tarball is there), so its own step only runs the tests.
xtf-prepare:
	+@if [ -f $(XTF_TARBALL) ]; then test/xtf/build.sh $(XTF_TARBALL) \
	    $(O)/xtf; fi

xtf-quick: all
	+@if [ -f $(XTF_TARBALL) ]; then test/xtf/build.sh $(XTF_TARBALL) \
	    $(O)/xtf && python3 test/xtf/run.py -j 2 --quick; else \
	    echo "xtf: 0 passed, 0 failed, 1 skipped (no $(XTF_TARBALL))"; fi

# ---- install ---------------------------------------------------------------
# GNU directory variables; /boot, the ESP and /etc/grub.d are where GRUB and
# the firmware look, so they do not follow prefix. DOM0 (default: the demo
# dom0 when it is built) and INITRD are copied beside xen.efi and named in
# its xen.cfg. tools/install.sh does the work and keeps a manifest.
VERSION      ?= 0.1
DESTDIR      ?=
prefix       ?= /usr/local
exec_prefix  ?= $(prefix)
sbindir      ?= $(exec_prefix)/sbin
datarootdir  ?= $(prefix)/share
datadir      ?= $(datarootdir)
sysconfdir   ?= /etc
BOOT_DIR     ?= /boot
EFI_DIR      ?= /boot/efi
EFI_NAME     ?= xen
EFI_SECTION  ?= hypervisor
DOM0         ?= $(wildcard $(O)/dom0/dom0.gz)
INITRD       ?=
XEN_OPTIONS  ?= console=com1,vga
DOM0_CMDLINE ?=
INSTALL_ENV   = DESTDIR='$(DESTDIR)' VERSION='$(VERSION)' O='$(O)' \
                BOOT_DIR='$(BOOT_DIR)' EFI_DIR='$(EFI_DIR)' \
                EFI_NAME='$(EFI_NAME)' EFI_SECTION='$(EFI_SECTION)' \
                SYSCONFDIR='$(sysconfdir)' SBINDIR='$(sbindir)' \
                DATADIR='$(datadir)' DOM0='$(DOM0)' INITRD='$(INITRD)' \
                XEN_OPTIONS='$(XEN_OPTIONS)' DOM0_CMDLINE='$(DOM0_CMDLINE)'

install: $(O)/xen.gz $(O)/xen.efi
	$(INSTALL_ENV) tools/install.sh install

uninstall:
	$(INSTALL_ENV) tools/install.sh uninstall

# Install tree, grub.d script through grub-mkconfig, QEMU boots of the
# generated entry and of both tools/mkmedia images, uninstall.
test-install: all
	+python3 test/install/run.py

# ---- docs ------------------------------------------------------------------
DOC_DOTS := $(wildcard docs/*.dot)
docs: $(patsubst docs/%.dot,$(O)/docs/%.svg,$(DOC_DOTS))
$(O)/docs/%.svg: docs/%.dot
	@mkdir -p $(dir $@)
	dot -Tsvg $< -o $@

# Benchmarks report ratios against a reference measured in the same run.
bench:
	bench/memmap_bench.sh
	bench/inflate_bench.sh
	bench/unzstd_bench.sh

# Boot time beside Xen 4.17 and the firmware floor under QEMU/OVMF, then
# Debian's Linux as dom0 on both (slow; not part of `make test`).
# ROUNDS=N (default 5), ONLY=demo or ONLY=linux.
bench-boot: all dom0 $(O)/efifloor.efi
	python3 bench/bench-boot.py $(if $(ROUNDS),--rounds $(ROUNDS)) \
	    $(if $(ONLY),--only $(ONLY))

run:
	DOM0='$(DOM0)' tools/run.sh

clean:
	rm -rf $(O)

include test/efi-shim/Makefile.inc
include test/efi-launch/Makefile.inc
include bench/efi-floor/Makefile.inc

# Dependency files, by name: every object built with -MMD.
DEP_FILES := $(patsubst %.o,%.d,$(HV_OBJS) $(HOST_PURE_OBJS) $(UNIT_OBJS) \
             $(FUZZ_OBJS) $(DOM0_OBJS) $(DOM0HC_OBJS) $(SHIM_OBJS) \
             $(LAUNCH_OBJS) \
             $(FLOOR_OBJS) $(O)/test/head-nobs.o \
             $(O)/host/scripts/pecheck.o $(O)/host/scripts/xencfgcheck.o \
             $(patsubst %,$(O)/host/test/fuzz/fuzz_%.o,$(FUZZ_NAMES)) \
             $(O)/host/test/fuzz/replay.o) \
             $(patsubst %,$(O)/test/fuzz/%-fuzzer.d,$(FUZZ_NAMES))
-include $(wildcard $(DEP_FILES))
