#!/bin/sh
# boot_state.sh - the booted machine against real Linux 6.1 boots.
#
# For every partition-oracle case, boot the machine from its boot log and
# compare with the /proc files the kernel gave ~2 s after boot:
#  - ZONE_MOVABLE's and DMA's pageblock-type table, exactly (no kernel
#    allocation can change them during boot; the Unmovable blocks are the
#    memblock reservations that deferred struct page init left untyped);
#  - every zone's managed pages, min/low/high watermarks, lowmem_reserve
#    (protection) and pcp high/batch, within 0.1% + 8 pages (the kernel's
#    own small boot allocations are modelled only in aggregate);
#  - the DMA zone's free blocks (buddyinfo), exactly: the only allocation
#    a boot makes there is the GFP_DMA atomic pool (kernel/dma/pool.c).
# Other zones' free pages are not compared: the real boot has allocated
# memory there by then.

. "$SRCDIR/tests/lib.sh"
needs_oracle

dir="$ORACLE_DIR/partition"
[ -d "$dir" ] || skip_all "no partition oracle at $dir"
cases=$(cd "$dir" && for c in */; do [ -f "$c/dmesg" ] && echo "${c%/}"; done)
[ -n "$cases" ] || skip_all "no cases in $dir"
plan $(( $(echo "$cases" | wc -l) * 3 ))

blocks() { sed -n '/^Number of blocks/,/^$/p' | grep -E '^Node [0-9]+, zone +(DMA|Movable) '; }
numbers() {
	grep -E '^ +(managed|min|low|high) |protection:|^ +(high|batch): ' |
		tr -d '(),:' | awk '{ for (i = 2; i <= NF; i++) print $1, $i }'
}

for c in $cases; do
	if ! "$FRAGSIM" state --dmesg "$dir/$c/dmesg" --check pagetypeinfo \
		>"$TMP/ptype" 2>"$TMP/err" ||
	   ! "$FRAGSIM" state --dmesg "$dir/$c/dmesg" zoneinfo >"$TMP/zinfo" 2>>"$TMP/err" ||
	   ! "$FRAGSIM" state --dmesg "$dir/$c/dmesg" buddyinfo >"$TMP/buddy" 2>>"$TMP/err"; then
		fail "$c: fragsim state failed"
		fail "$c: (no zoneinfo)"
		fail "$c: (no buddyinfo)"
		diag "$(cat "$TMP/err")"
		continue
	fi
	grep 'zone      DMA ' "$dir/$c/state/buddyinfo" >"$TMP/kdma"
	grep 'zone      DMA ' "$TMP/buddy" >"$TMP/fdma"
	same_text "$c: DMA's free blocks equal the kernel's" "$TMP/kdma" "$TMP/fdma"
	blocks <"$dir/$c/state/pagetypeinfo" >"$TMP/expected"
	blocks <"$TMP/ptype" >"$TMP/actual"
	same_text "$c: DMA and Movable pageblock types equal the kernel's" \
		"$TMP/expected" "$TMP/actual"

	numbers <"$dir/$c/state/zoneinfo" >"$TMP/kz"
	numbers <"$TMP/zinfo" >"$TMP/fz"
	bad=$(paste "$TMP/kz" "$TMP/fz" | awk '
		{ d = $2 - $4; if (d < 0) d = -d
		  if ($1 != $3 || d > $2 / 1000 + 8) { print NR ": " $0; n++ } }
		END { if (NR == 0) print "no numbers" }')
	if [ "$(wc -l <"$TMP/kz")" -eq "$(wc -l <"$TMP/fz")" ] && [ -z "$bad" ]; then
		pass "$c: managed, watermarks, protection and pcp within 0.1%"
	else
		fail "$c: managed, watermarks, protection and pcp within 0.1%"
		diag "kernel vs fragsim (field, value):" "$bad"
	fi
done
