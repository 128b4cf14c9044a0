#!/bin/sh
# trace.sh - fragsim run --trace writes the kernel's compaction, kswapd and
# fallback tracepoints in ftrace's text format (include/trace/events/
# compaction.h, vmscan.h and kmem.h, 6.1): every modelled event appears,
# each line as /sys/kernel/tracing/trace prints it, in time order;
# kswapd's wake-ups and sleeps pair up; each line names the task and CPU
# that ran it: kswapd0 and kcompactd0 on node 0's first CPU until a write
# keeps that CPU busy, then on the idle one, a write as its action on the
# CPU the action names.  With --trace-pfns LO-HI also
# kmem's mm_page_alloc, mm_page_free and mm_page_pcpu_drain of the pages
# in that window, and of no other: followed page by page, they tell the
# window's state at the end as the census does.

. "$SRCDIR/tests/lib.sh"

# movablecore=50%: the first huge-page write after the churn then defers
# compaction (without a Movable zone the write needs no deferral)
M1="$SRCDIR/models/x86_64-1g.ini"
"$FRAGSIM" run "$M1" "$SRCDIR/workloads/churn.ini" -q --trace "$TMP/trace" \
	--set movablecore=50% --set hugepages-1.cpu=1 >"$TMP/out" 2>"$TMP/err" ||
	{ fail "churn with --trace runs"; diag "$(cat "$TMP/err")"; }

# in_kernel_format TRACE: for each "EVENT|FORMAT" line on stdin, TRACE
# has lines of EVENT, each as /sys/kernel/tracing/trace prints it with
# that FORMAT for its fields
in_kernel_format() {
	while IFS='|' read -r event format; do
		n=$(grep -c ": $event: " "$1")
		bad=$(grep ": $event: " "$1" | grep -Evc -- "^ +[a-z0-9-]{1,15}-0 +\[00[01]\] \.\.\.\.\. +[0-9]+\.[0-9]{6}: $event: $format\$")
		if [ "$n" -gt 0 ] && [ "$bad" -eq 0 ]; then
			pass "$event: $n lines in the kernel's format"
		else
			fail "$event: $n lines, $bad not in the kernel's format"
			diag "$(grep ": $event: " "$1" | head -n 2)"
		fi
	done
}

Z='(DMA|DMA32|Normal|Movable) *'
R='range=\(0x[0-9a-f]+ ~ 0x[0-9a-f]+\) nr_scanned=[0-9]+ nr_taken=[0-9]+'
in_kernel_format "$TMP/trace" <<X
mm_compaction_begin|zone_start=0x[0-9a-f]+ migrate_pfn=0x[0-9a-f]+ free_pfn=0x[0-9a-f]+ zone_end=0x[0-9a-f]+, mode=(async|sync)
mm_compaction_end|zone_start=0x[0-9a-f]+ migrate_pfn=0x[0-9a-f]+ free_pfn=0x[0-9a-f]+ zone_end=0x[0-9a-f]+, mode=(async|sync) status=[a-z_]+
mm_compaction_isolate_migratepages|$R
mm_compaction_isolate_freepages|$R
mm_compaction_migratepages|nr_migrated=[0-9]+ nr_failed=[0-9]+
mm_compaction_try_to_compact_pages|order=[0-9]+ gfp_mask=[A-Z_|]+ priority=[0-2]
mm_compaction_suitable|node=[0-9]+ zone=$Z order=-?[0-9]+ ret=[a-z_]+
mm_compaction_finished|node=[0-9]+ zone=$Z order=-?[0-9]+ ret=[a-z_]+
mm_compaction_deferred|node=[0-9]+ zone=$Z order=[0-9]+ order_failed=-?[0-9]+ consider=[0-9]+ limit=[0-9]+
mm_compaction_defer_compaction|node=[0-9]+ zone=$Z order=[0-9]+ order_failed=-?[0-9]+ consider=[0-9]+ limit=[0-9]+
mm_compaction_defer_reset|node=[0-9]+ zone=$Z order=[0-9]+ order_failed=-?[0-9]+ consider=[0-9]+ limit=[0-9]+
mm_compaction_kcompactd_sleep|nid=[0-9]+
mm_vmscan_wakeup_kswapd|nid=[0-9]+ order=[0-9]+ gfp_flags=([A-Z_|]+|none)
mm_vmscan_kswapd_wake|nid=[0-9]+ order=[0-9]+
mm_vmscan_kswapd_sleep|nid=[0-9]+
mm_page_alloc_extfrag|page=\(____ptrval____\) pfn=0x[0-9a-f]+ alloc_order=[0-9]+ fallback_order=(10|[0-9]) pageblock_order=9 alloc_migratetype=[0-2] fallback_migratetype=[0-2] fragmenting=[01] change_ownership=[01]
X

# time never goes back
back=$(awk '{ t = $4 + 0 } t < last { n++ } { last = t } END { print n + 0 }' "$TMP/trace")
[ "$back" -eq 0 ] && pass "the lines are in time order" ||
	fail "the lines are in time order ($back go back)"

# kswapd sleeps only after it woke, and it sleeps 100 ms after its last
# run at the earliest (kswapd_try_to_sleep's HZ/10 nap); woken during the
# nap it runs again with no sleep between (kswapd_low_wmark_hit_quickly)
pairs=$(awk '/mm_vmscan_kswapd_wake:/ { awake = 1; woke = $4 + 0 }
	/mm_vmscan_kswapd_sleep:/ { if (!awake || $4 + 0 < woke + 0.1 - 1e-9) bad++
				    awake = 0 }
	END { print bad + 0 }' "$TMP/trace")
[ "$pairs" -eq 0 ] && pass "kswapd sleeps only after a run, and a nap after it" ||
	fail "kswapd sleeps only after a run, and a nap after it ($pairs not)"
quick=$(awk '/mm_vmscan_kswapd_wake:/ { if (awake) n++; awake = 1 }
	/mm_vmscan_kswapd_sleep:/ { awake = 0 } END { print n + 0 }' "$TMP/trace")
[ "$quick" -gt 0 ] && pass "kswapd is woken in its nap and runs again ($quick times)" ||
	fail "kswapd is woken in its nap and runs again (never)"

# who ran it: task-pid [cpu] as ftrace prints it
runs_as() {	# EVENT TASK CPU DESCRIPTION
	n=$(grep -c ": $1: " "$TMP/trace")
	other=$(grep ": $1: " "$TMP/trace" | grep -Evc "^ +$2-0 +\[$3\] ")
	if [ "$n" -gt 0 ] && [ "$other" -eq 0 ]; then
		pass "$4 ($n lines)"
	else
		fail "$4 ($n lines, $other not)"
		diag "$(grep ": $1: " "$TMP/trace" | grep -Ev "^ +$2-0 +\[$3\] " | head -n 2)"
	fi
}
runs_as mm_vmscan_kswapd_wake kswapd0 000 "kswapd's wake-ups run as kswapd0 on node 0's CPU"
runs_as mm_vmscan_kswapd_sleep kswapd0 000 "kswapd's sleeps run as kswapd0 on node 0's CPU"
runs_as mm_compaction_kcompactd_sleep kcompactd0 000 "kcompactd's sleeps run as kcompactd0 on node 0's CPU"
# the first huge-page write is set to cpu = 1: its direct compaction runs
# there, as the action, and nothing else of the write runs elsewhere
w=$(grep -c "^ *hugepages-1-0 *\[001\] .*: mm_compaction_try_to_compact_pages: " "$TMP/trace")
w0=$(grep -c "^ *hugepages-1-0 *\[000\] " "$TMP/trace")
if [ "$w" -gt 0 ] && [ "$w0" -eq 0 ]; then
	pass "the first write's direct compaction runs as hugepages-1 on CPU 1 ($w stalls)"
else
	fail "the first write's direct compaction runs as hugepages-1 on CPU 1 ($w on CPU 1, $w0 lines on CPU 0)"
fi
# a compaction's begin and end run as the same task on the same CPU; two
# tasks' compactions may overlap (kcompactd's on CPU 0 while the write's
# run on CPU 1), one task's never do
pairs=$(awk '/: mm_compaction_begin: / { who = $1 " " $2; if (open[who]++) bad++ }
	/: mm_compaction_end: / { who = $1 " " $2; if (!open[who]) bad++; else open[who]-- }
	END { print bad + 0 }' "$TMP/trace")
[ "$pairs" -eq 0 ] && pass "every compaction ends as the task and on the CPU it began on" ||
	fail "every compaction ends as the task and on the CPU it began on ($pairs do not)"

# kcompactd runs where the scheduler would wake it (daemon_cpu): on node
# 0's first CPU while nothing keeps it busy, on CPU 1 while a write runs
# on CPU 0 (the default), as the kernel's churn captures show it; at
# kernelcore=25% its proactive timer fires during seed 1's first write
"$FRAGSIM" run "$M1" "$SRCDIR/workloads/churn.ini" -q --trace "$TMP/trace0" \
	--set kernelcore=25% >/dev/null 2>"$TMP/err" ||
	{ fail "churn at kernelcore=25% with --trace runs"; diag "$(cat "$TMP/err")"; }
set -- $(awk '{ t = $4; sub(":$", "", t); t += 0 }
	$1 ~ /^hugepages-1-/ { if (first == "") first = t; last = t; next }
	$1 ~ /^kcompactd0-/ { k[NR] = t; cpu[NR] = $2 }
	END {
		for (i in k)
			if (k[i] < first) { before++; b1 += cpu[i] != "[000]" }
			else if (k[i] <= last) { during++; d0 += cpu[i] != "[001]" }
		printf "%d %d %d %d\n", before, b1, during, d0
	}' "$TMP/trace0")
if [ "$1" -gt 0 ] && [ "$2" -eq 0 ] && [ "$3" -gt 0 ] && [ "$4" -eq 0 ]; then
	pass "kcompactd runs on CPU 0 before the writes ($1 lines) and on CPU 1 while the first one runs on CPU 0 ($3)"
else
	fail "kcompactd on CPU 0 before the writes and on CPU 1 beside the first ($1 lines before, $2 elsewhere; $3 during, $4 elsewhere)"
fi

# --- --trace-pfns: the page events of one pfn window ---
# A workload without compaction (order 0 alone, memory to spare), so that
# every page that changes hands in the window does so through an event
# (tests/data/anon-release.ini).
W_LO=32768 W_HI=36864
"$FRAGSIM" run "$M1" "$SRCDIR/tests/data/anon-release.ini" -q --trace "$TMP/pt" \
	--trace-pfns 8000-9000 --show blocks >"$TMP/pt.out" 2>"$TMP/err" ||
	{ fail "a run with --trace-pfns runs"; diag "$(cat "$TMP/err")"; }
P='page=\(____ptrval____\) pfn=0x[0-9a-f]+ order=([0-9]|10)'
in_kernel_format "$TMP/pt" <<X
mm_page_alloc|$P migratetype=[0-2] gfp_flags=[A-Z_|]+
mm_page_free|$P
mm_page_pcpu_drain|$P migratetype=[0-2]
X
# Every event's page in the window, and the events consistent page by
# page: a page is allocated only while free, freed only while allocated,
# drained from a pcp list only while free (a pcp refill takes pages from
# the buddy without an event, as the kernel's rmqueue_bulk does); at the
# end, the window's pages the events leave allocated are the census's
# pages in use there.
check=$(awk -v lo=$W_LO -v hi=$W_HI '
	function hex(s,   i, v) {
		v = 0; s = tolower(s)
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	/: mm_page_(alloc|free|pcpu_drain): / {
		match($0, /pfn=0x[0-9a-f]+/); p = hex(substr($0, RSTART + 6, RLENGTH - 6))
		match($0, /order=[0-9]+/); o = substr($0, RSTART + 6, RLENGTH - 6) + 0
		if (p < lo || p >= hi) out++
		if ($5 == "mm_page_alloc:") { if (p in held) bad++; held[p] = o }
		else if ($5 == "mm_page_free:") { if (!(p in held)) bad++; delete held[p] }
		else if (p in held) bad++
	}
	END { for (p in held) n += 2 ^ held[p]; print out + 0, bad + 0, n + 0 }' "$TMP/pt")
set -- $check
is "no page event outside the window" 0 "$1"
is "allocations, frees and drains follow one another page by page" 0 "$2"
census=$(awk -F'\t' -v lo=$W_LO -v hi=$W_HI '$1 ~ /^[0-9]+$/ && $1 >= lo && $1 < hi { n += 512 - $4 } END { print n + 0 }' "$TMP/pt.out")
if [ "$3" -gt 0 ] && [ "$3" -lt 4096 ]; then
	is "the window's pages in use by the events ($3) are the census's" "$census" "$3"
else
	fail "the window's pages in use by the events: $3, expected some but not all"
fi
"$FRAGSIM" run "$M1" "$SRCDIR/tests/data/anon-release.ini" -q --trace "$TMP/pt2" \
	--trace-pfns 8000-9000 >/dev/null 2>&1
if cmp -s "$TMP/pt" "$TMP/pt2"; then
	pass "the same run traces the same events"
else
	fail "the same run traces the same events"
fi
# onlining frees the block's pages as __free_pages_core does, through
# free_pages_prepare's tracepoint: container-hotplug's plug onlines 8
# blocks of 128 MiB, 256 order-10 blocks, as its action
"$FRAGSIM" run "$SRCDIR/models/x86_64-4g.ini" \
	"$SRCDIR/workloads/container-hotplug.ini" -q --trace "$TMP/hp" \
	--trace-pfns 0-150000 >/dev/null 2>&1
is "onlining 8 blocks traces 256 order-10 frees, as the plug action" 256 \
	"$(grep -c '^ *plug-0 .*: mm_page_free: .* order=10$' "$TMP/hp")"
is "without --trace-pfns no page event is traced" 0 \
	"$(grep -c ': mm_page_\(alloc\|free\|pcpu_drain\): ' "$TMP/trace")"
expect_exit 2 "a window with LO above HI is refused" -- \
	"$FRAGSIM" run "$M1" "$SRCDIR/tests/data/anon-release.ini" --trace "$TMP/x" \
	--trace-pfns 9000-8000
err_matches "it says what a window is" "--trace-pfns 9000-8000: expected a window LO-HI of hex pfns"
expect_exit 2 "a window that is not hex is refused" -- \
	"$FRAGSIM" run "$M1" "$SRCDIR/tests/data/anon-release.ini" --trace "$TMP/x" \
	--trace-pfns 8x-9000
expect_exit 2 "--trace-pfns without --trace is refused" -- \
	"$FRAGSIM" run "$M1" "$SRCDIR/tests/data/anon-release.ini" --trace-pfns 8000-9000
err_matches "it asks for --trace" "give --trace FILE too"

done_testing
