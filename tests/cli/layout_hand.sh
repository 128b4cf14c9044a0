#!/bin/sh
# layout_hand.sh - zone layouts the oracle's QEMU guests cannot show,
# worked out by hand from mm/page_alloc.c (6.1): real mirrored memory with
# kernelcore=mirror, hotpluggable nodes with movable_node, and a node too
# small to hold its share of kernelcore.

. "$SRCDIR/tests/lib.sh"
plan 22

has_line() {	# DESCRIPTION LINE
	if grep -Fxq -- "$2" "$TMP/out"; then pass "$1"; else
		fail "$1"; diag "missing line: $2" "output:" "$(cat "$TMP/out")"
	fi
}
lacks_line() {	# DESCRIPTION REGEX
	if grep -Eq -- "$2" "$TMP/out"; then
		fail "$1"; diag "unexpected line: $(grep -E -- "$2" "$TMP/out")"
	else pass "$1"; fi
}
zone_field() {	# NODE ZONE FIELD
	awk -v hdr="$(printf 'Node %d, zone %8s' "$1" "$2")" -v f="$3" '
		/^Node / { inz = ($0 == hdr); next }
		inz && ($1 == f ":" || $1 == f) { print $2; exit }' "$TMP/out"
}
check_zone() {	# DESC NODE ZONE FIELD VALUE
	got=$(zone_field "$2" "$3" "$4")
	if [ "$got" = "$5" ]; then pass "$1"; else fail "$1 (got '$got', expected $5)"; fi
}

# --- kernelcore=mirror with mirrored memory ---------------------------------
# Below 4 GiB all mirrored, above it 1 GiB mirrored then 2 GiB not.
# find_zone_movable_pfns_for_nodes (mirror path): the first unmirrored
# region at or above 4 GiB starts ZONE_MOVABLE: pfn 0x140000, already
# 1024-aligned; nothing below 4 GiB is unmirrored, so no warning.
# adjust_zone_range_for_zone_movable does not truncate Normal in mirror
# mode: Normal spans 0x100000..0x1c0000 (786432 pages), Movable
# 0x140000..0x1c0000 (524288); zone_absent_pages_in_node counts Normal's
# unmirrored 524288 pages as absent (present 262144) and Movable's mirrored
# ones (none there): present 524288.  262144 + 524288 = all 3 GiB, once.
cat >"$TMP/mirror.ini" <<'X'
[machine]
cmdline = kernelcore=mirror
[node 0]
mem = 0x1000-0x9efff mirror
mem = 0x100000-0x7fffffff mirror
mem = 0x100000000-0x13fffffff mirror
mem = 0x140000000-0x1bfffffff
X
expect_exit 0 "mirror: layout" -- "$FRAGSIM" layout "$TMP/mirror.ini"
has_line "mirror: Movable starts at the first unmirrored range" "  Node 0: 0x0000000140000000"
lacks_line "mirror: no unmirrored-kernel-memory warning" "unmirrored kernel memory"
check_zone "mirror: Normal spans 4-7 GiB" 0 Normal spanned 786432
check_zone "mirror: Normal keeps only the mirrored 1 GiB" 0 Normal present 262144
check_zone "mirror: Movable holds the unmirrored 2 GiB" 0 Movable present 524288

# The same with the first low range unmirrored: the kernel warns.
sed 's/^mem = 0x1000-0x9efff mirror$/mem = 0x1000-0x9efff/' "$TMP/mirror.ini" >"$TMP/mirror2.ini"
expect_exit 0 "mirror with unmirrored low memory: layout" -- "$FRAGSIM" layout "$TMP/mirror2.ini"
has_line "mirror with unmirrored low memory: the kernel's warning" \
	"This configuration results in unmirrored kernel memory."

# --- movable_node with a hotpluggable node ----------------------------------
# Node 1 (2 GiB at 4 GiB) is hotpluggable: its ZONE_MOVABLE starts at its
# base, pfn 0x100000, so its Normal is empty (zone start >= movable start).
cat >"$TMP/hotplug.ini" <<'X'
[machine]
cmdline = movable_node
[node 0]
mem = 0x1000-0x9efff
mem = 0x100000-0x7fffffff
[node 1]
mem = 2G@0x100000000 hotplug
X
expect_exit 0 "movable_node: layout" -- "$FRAGSIM" layout "$TMP/hotplug.ini"
has_line "movable_node: node 1 is all Movable" "  Node 1: 0x0000000100000000"
check_zone "movable_node: node 1's Movable spans its 2 GiB" 1 Movable spanned 524288
check_zone "movable_node: node 1's Normal is empty" 1 Normal spanned 0
# Without movable_node the hotplug flag does nothing.
expect_exit 0 "hotplug without movable_node: layout" -- \
	"$FRAGSIM" layout "$TMP/hotplug.ini" --cmdline ""
lacks_line "hotplug without movable_node: no Movable zone" "^  Node [0-9]+: 0x"
# numa_clear_kernel_node_hotplug: a node holding kernel reservations (here a
# reserved range in node 1) cannot be hot-removed; its flag is cleared.
sed 's/^cmdline = movable_node$/cmdline = movable_node\nreserved = 0x0-0xfffff\nreserved = 0x100000000-0x1001fffff/' \
	"$TMP/hotplug.ini" >"$TMP/hotplug_rsv.ini"
expect_exit 0 "movable_node, node 1 holds a reservation: layout" -- \
	"$FRAGSIM" layout "$TMP/hotplug_rsv.ini"
lacks_line "movable_node, node 1 holds a reservation: no Movable zone" "^  Node [0-9]+: 0x"

# --- a node too small for its share of kernelcore ---------------------------
# Nodes: 0 = 1 GiB below 4 GiB (158 + 261888 pages), 1 = 256 MiB at 4 GiB
# (65536 pages), 2 = 2 GiB at 4.25 GiB (524288 pages).  kernelcore=2G =
# 524288 pages over 3 nodes: share 174762.
#  pass 1: node 0 is all kernel-only (below 4 GiB): required 262242 left;
#          node 1 gives all its 65536 (too small for 174762): 196706 left;
#          node 2 gives 174762: movable at 0x110000 + 174762 = 1288874;
#          21944 left
#  pass 2 (2 nodes, share 10972): nodes 0 and 1 are used up; node 2 gives
#          10972: 1299846; 10972 left
#  pass 3 (1 node, share 10972): node 2: 1310818; 0 left
#  rounding: node 0 -> 262144 = its end: none; node 1 -> 1114112 = its end:
#          none; node 2 -> 1311744 (0x140400).
cat >"$TMP/small.ini" <<'X'
[machine]
cmdline = kernelcore=2G
[node 0]
mem = 0x1000-0x9efff
mem = 0x100000-0x3fffffff
[node 1]
mem = 256M@0x100000000
[node 2]
mem = 2G@0x110000000
X
expect_exit 0 "small node: layout" -- "$FRAGSIM" layout "$TMP/small.ini"
has_line "small node: only node 2 gets a Movable zone, after 3 passes" "  Node 2: 0x0000000140400000"
lacks_line "small node: nodes 0 and 1 get none" "^  Node [01]: 0x"
check_zone "small node: node 1 is all Normal" 1 Normal spanned 65536
check_zone "small node: node 2 Normal up to the Movable start" 2 Normal spanned 197632
check_zone "small node: node 2 Movable" 2 Movable spanned 326656
