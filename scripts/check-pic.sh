#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Code that runs at the load address before the switch to the linked
# address (under GRUB nothing relocates the image) must not hold absolute
# addresses: no R_X86_64_64/32/32S relocation in any allocated section of
# these objects. Debug sections do not count.
#
#   scripts/check-pic.sh OBJ...
set -eu
bad=0
for o in "$@"; do
    n=$(readelf -rW "$o" | awk '
        /^Relocation section/ { sec = $3; next }
        sec !~ /debug/ && /R_X86_64_(64|32|32S) / { n++ }
        END { print n + 0 }')
    if [ "$n" -ne 0 ]; then
        echo "check-pic: $o runs before the switch but has $n absolute relocations:" >&2
        readelf -rW "$o" | awk '/^Relocation section/ { sec = $3; next }
            sec !~ /debug/ && /R_X86_64_(64|32|32S) / { print "  " sec, $3, $5 }' >&2
        bad=1
    fi
done
[ "$bad" -eq 0 ] && echo "check-pic: $# pre-switch objects hold no absolute addresses"
exit $bad
