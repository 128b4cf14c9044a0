#!/bin/sh
# state.sh - "fragsim state": a booted machine in the kernel's /proc
# formats, and the formats agreeing with one another.

. "$SRCDIR/tests/lib.sh"
plan 13

M="$SRCDIR/models/x86_64-4g.ini"

expect_exit 0 "state buddyinfo with --check" -- "$FRAGSIM" state "$M" --check buddyinfo
cp "$TMP/out" "$TMP/buddyinfo"
n=$(grep -cE '^Node 0, zone +(DMA|DMA32|Normal) +([0-9]+ +){11}$' "$TMP/buddyinfo")
if [ "$n" -eq 3 ]; then pass "buddyinfo lists the 3 populated zones, 11 orders each"
else fail "buddyinfo lists the 3 populated zones, 11 orders each (got $n)"; fi

expect_exit 0 "state vmstat" -- "$FRAGSIM" state "$M" vmstat
cp "$TMP/out" "$TMP/vmstat"
# pages in buddyinfo: sum over zones and orders of count * 2^order
buddy_pages=$(awk '{ for (o = 0; o <= 10; o++) s += $(5 + o) * 2 ^ o } END { print s }' "$TMP/buddyinfo")
vm_free=$(awk '$1 == "nr_free_pages" { print $2 }' "$TMP/vmstat")
if [ "$buddy_pages" = "$vm_free" ]; then pass "vmstat nr_free_pages equals the pages in buddyinfo ($vm_free)"
else fail "vmstat nr_free_pages ($vm_free) equals the pages in buddyinfo ($buddy_pages)"; fi

expect_exit 0 "state zoneinfo" -- "$FRAGSIM" state "$M" zoneinfo
zi_free=$(awk '/^  pages free/ { s += $3 } END { print s }' "$TMP/out")
if [ "$zi_free" = "$vm_free" ]; then pass "zoneinfo's pages free add up to nr_free_pages"
else fail "zoneinfo's pages free ($zi_free) add up to nr_free_pages ($vm_free)"; fi
# 4 GiB: THP on, so min_free_kbytes = 5632 * 3 zones pages = 67584 kB and
# the three zones' min watermarks add up to 67584 / 4 = 16896 pages, to
# within the rounding of each zone's share (at most one page per zone).
mins=$(awk '$1 == "min" { s += $2 } END { print s }' "$TMP/out")
if [ "$mins" -le 16896 ] && [ "$mins" -ge 16893 ]; then pass "min watermarks share min_free_kbytes = 67584 kB ($mins pages)"
else fail "min watermarks share min_free_kbytes = 67584 kB (got $mins pages)"; fi

expect_exit 0 "state pagetypeinfo with movablecore=50%" -- \
	"$FRAGSIM" state "$M" --cmdline movablecore=50% pagetypeinfo
if grep -q '^Node 0, zone  Movable ' "$TMP/out"; then pass "pagetypeinfo lists ZONE_MOVABLE"
else fail "pagetypeinfo lists ZONE_MOVABLE"; fi
# reserved memory at the top of RAM (memmap, percpu, hash tables) is in
# ZONE_MOVABLE, and its pageblocks, never freed, stay Unmovable
unmov=$(awk '/^Node 0, zone  Movable / && NF == 9 { print $5 }' "$TMP/out")
if [ "${unmov:-0}" -gt 0 ]; then pass "ZONE_MOVABLE holds the reserved pageblocks as Unmovable ($unmov)"
else fail "ZONE_MOVABLE holds the reserved pageblocks as Unmovable"; fi

expect_exit 2 "state without what to show" -- "$FRAGSIM" state "$M"
expect_exit 2 "state with an unknown format" -- "$FRAGSIM" state "$M" slabinfo
err_matches "an unknown format is explained" "buddyinfo, pagetypeinfo, zoneinfo, vmstat or blocks"
