#!/bin/sh
# layout.sh - "fragsim layout" on the shipped models, against values worked
# out by hand from mm/page_alloc.c: find_zone_movable_pfns_for_nodes.

. "$SRCDIR/tests/lib.sh"
plan 19

M="$SRCDIR/models"

# has_line DESCRIPTION LINE: the last output holds LINE exactly.
has_line() {
	if grep -Fxq -- "$2" "$TMP/out"; then pass "$1"; else
		fail "$1"; diag "missing line: $2" "output:" "$(cat "$TMP/out")"
	fi
}

# zone_field NODE ZONE FIELD: a zone's spanned/present/start_pfn in the output.
zone_field() {
	awk -v hdr="$(printf 'Node %d, zone %8s' "$1" "$2")" -v f="$3" '
		/^Node / { inz = ($0 == hdr); next }
		inz && $1 == f ":" { print $2; exit }
		inz && $1 == f { print $2; exit }' "$TMP/out"
}

check_zone() {	# DESC NODE ZONE FIELD VALUE
	got=$(zone_field "$2" "$3" "$4")
	if [ "$got" = "$5" ]; then pass "$1"; else
		fail "$1 (got '$got', expected $5)"; fi
}

# 4 GiB: pfn ranges [1,159) [256,786400) [1048576,1310720); 1048446 pages.
expect_exit 0 "4 GiB model, no parameter" -- "$FRAGSIM" layout "$M/x86_64-4g.ini"
has_line "no ZONE_MOVABLE without a parameter" "Movable zone start for each node"
check_zone "Normal spans the memory above 4 GiB" 0 Normal spanned 262144

# movablecore=25%: 1048446*100*25/10000 = 262111, rounded up to 1024 pages
# = 262144, so kernelcore = 786302 = all memory below 4 GiB (158 + 786144):
# ZONE_MOVABLE starts exactly at 4 GiB and Normal is empty.
expect_exit 0 "4 GiB model, movablecore=25%" -- \
	"$FRAGSIM" layout "$M/x86_64-4g.ini" --cmdline "movablecore=25%"
has_line "Movable starts at 4 GiB" "  Node 0: 0x0000000100000000"
check_zone "Normal is empty" 0 Normal spanned 0
check_zone "Movable spans all of the upper 1 GiB" 0 Movable spanned 262144

# kernelcore=3G = 786432 pages: 786302 below 4 GiB, 130 more above, so the
# movable start is 1048576 + 130 rounded up to 1024 = 1049600 (0x100400000).
expect_exit 0 "4 GiB model, kernelcore=3G" -- \
	"$FRAGSIM" layout "$M/x86_64-4g.ini" --cmdline "kernelcore=3G"
has_line "Movable starts 4 MiB above 4 GiB" "  Node 0: 0x0000000100400000"
check_zone "Normal keeps 1024 pages" 0 Normal spanned 1024
check_zone "Movable gets the rest" 0 Movable spanned 261120

# 2 nodes of 8 GiB, kernelcore=4G = 1048576 pages, 524288 per node.
# Pass 1, node 0: its 786302 pages below 4 GiB are kernel-only, so required
#   drops to 262274 and Movable would start at 4 GiB (0x100000).
# Pass 1, node 1: required 262274 < 524288, so its share is recomputed as
#   262274 / 2 = 131137: start 0x240000 + 131137; required 131137.
# Pass 2 (one node fewer): share 131137; node 0 takes it above 4 GiB:
#   0x100000 + 131137 = 1179713; node 1 gets nothing more.
# Rounded up to 1024 pages: node 0 1180672 (0x120400000),
#   node 1 2490433 -> 2491392 (0x260400000).
expect_exit 0 "2-node model, kernelcore=4G" -- \
	"$FRAGSIM" layout "$M/x86_64-2node-16g.ini" --cmdline "kernelcore=4G"
has_line "node 0's Movable start after the restart pass" "  Node 0: 0x0000000120400000"
has_line "node 1's Movable start after the recomputed share" "  Node 1: 0x0000000260400000"

# i386, 2 GiB: HighMem is the highest zone, so ZONE_MOVABLE comes from it.
# kernelcore=1G = 262144 pages: below HighMem (pfn 229376) there are
# 158 + 229120 = 229278 pages, so 32866 more come from HighMem:
# 229376 + 32866 = 262242, rounded up to 1024 = 262144 + 1024 = 263168.
expect_exit 0 "i386 HIGHMEM model, kernelcore=1G" -- \
	"$FRAGSIM" layout "$M/i386-highmem-2g.ini" --cmdline "kernelcore=1G"
has_line "Movable carved out of HighMem" "  Node 0: 0x0000000040400000"
check_zone "HighMem keeps the kernel's part" 0 HighMem spanned 33792

# 1 TiB, 4 nodes: boots in a blink and lists 4 nodes x 5 zones.
expect_exit 0 "1 TiB model, movablecore=50%" -- \
	"$FRAGSIM" layout "$M/x86_64-4node-1t.ini" --cmdline "movablecore=50%"
n=$(grep -c '^Node [0-3], zone' "$TMP/out")
if [ "$n" -eq 20 ]; then pass "1 TiB model lists 20 zones"; else fail "1 TiB model lists 20 zones (got $n)"; fi
