#!/bin/sh
# partition.sh - the zone layout against real Linux 6.1 boots.
#
# For every case of the partition oracle (a real boot log and the
# /proc/zoneinfo read after it), feed fragsim the boot log with every line
# that states the answer removed, and check that "fragsim layout --dmesg"
# prints exactly the kernel's zone ranges, movable zone starts, node ranges,
# unavailable-range lines, and each zone's spanned, present and start_pfn.

. "$SRCDIR/tests/lib.sh"
needs_oracle

dir="$ORACLE_DIR/partition"
[ -d "$dir" ] || skip_all "no partition oracle at $dir"

# The kernel's layout lines, timestamps removed.
answer_lines='^(This configuration results in unmirrored kernel memory.|Zone ranges:|  (DMA|DMA32|Normal|HighMem|Device) |Movable zone start for each node|  Node [0-9]+: 0x|Early memory node ranges|  node +[0-9]+: \[mem|Initmem setup node|Initializing node [0-9]+ as memoryless|On node [0-9]+, zone [A-Za-z0-9]+: [0-9]+ pages in unavailable ranges|Fallback order for Node [0-9]+:|Built [0-9]+ zonelists, mobility grouping)'
strip_ts='s/^\[ *[0-9]*\.[0-9]*\] //'

cases=$(cd "$dir" && for c in */; do [ -f "$c/dmesg" ] && echo "${c%/}"; done)
[ -n "$cases" ] || skip_all "no cases in $dir"
plan $(echo "$cases" | wc -l)

for c in $cases; do
	sed "$strip_ts" "$dir/$c/dmesg" >"$TMP/log"
	# The input: the boot log without the answer (but with its node ranges,
	# which are the question).
	grep -Ev '^(This configuration results in unmirrored|Zone ranges:|  (DMA|DMA32|Normal|HighMem|Device) |Movable zone start|  Node [0-9]+: 0x|Initmem setup|On node [0-9]+, zone|Fallback order for Node|Built [0-9]+ zonelists)' \
		"$TMP/log" >"$TMP/input"
	{
		grep -E "$answer_lines" "$TMP/log"
		grep -E '^Node [0-9]+, zone|^        (spanned|present) |^  start_pfn:' \
			"$dir/$c/state/zoneinfo"
	} >"$TMP/expected"
	if ! "$FRAGSIM" layout --dmesg "$TMP/input" >"$TMP/actual" 2>"$TMP/err"; then
		fail "$c: fragsim layout failed"
		diag "$(cat "$TMP/err")"
		continue
	fi
	same_text "$c: layout equals the kernel's" "$TMP/expected" "$TMP/actual"
done
