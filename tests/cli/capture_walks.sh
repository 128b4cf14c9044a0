#!/bin/sh
# capture_walks.sh - tools/capture-walks.sh on three hand-made captures
# whose direct runs cost exactly 100 us, 200 us a migrate_pages() call,
# 10 us a page migrated, 50 ns and 300 ns a page the migrate and the
# linear free scanner looked at, and 20 ns an entry the fast search
# walked: given the first four prices, it must find the entries from the
# vmstat deltas and give back the other two.  kcompactd's run inside a
# write counts in the scanned and taken pages but not in the time; a run
# outside the write counts in nothing.  Then its refusals.

. "$SRCDIR/tests/lib.sh"

WALKS="$SRCDIR/tools/capture-walks.sh"
PRICES="200 10 50 300"

# run TASK START CALLS MIGRATED MSCANNED FSCANNED ENTRIES: one run's
# events (32 pages taken by each scanner), its end at START plus what
# its work and the ENTRIES its fast search walked cost
run() {
	end=$(awk -v s="$2" -v c="$3" -v m="$4" -v ms="$5" -v fs="$6" -v e="$7" \
		'BEGIN { printf "%.6f", s + 100e-6 + c * 200e-6 + m * 10e-6 + ms * 50e-9 + fs * 300e-9 + e * 20e-9 }')
	compaction_run "$1" "$2" "$end" "$3" "$4" "$5" "$6"
}

# capture DIR FREE_SCANNED ISOLATED: the write from 1 s to 2 s and the
# vmstat deltas across it; the trace comes on stdin
capture() {
	mkdir -p "$1/01_fragmented" "$1/02_after_hugepages"
	echo 'requested=512 obtained=10 t_start=1.00 t_end=2.00' >"$1/hugepages_1"
	printf 'compact_free_scanned 1000\ncompact_isolated 500\n' \
		>"$1/01_fragmented/vmstat"
	printf 'compact_free_scanned %s\ncompact_isolated %s\n' \
		$((1000 + $2)) $((500 + $3)) >"$1/02_after_hugepages/vmstat"
	{ echo '# tracer: nop'; cat; } | gzip >"$1/trace.gz"
}

# a: two direct runs walking 1000 and 5000 entries, kcompactd's run
# beside them; 64 pages isolated by the fast search.  Every task's
# scanners took 3 x 32 pages each and the linear one scanned 100 + 2000
# + 32, so free_scanned = 2132 + 6000 + 64 = 8196 and isolated = 96 + 96
# + 64 = 256.  Left over: 2 runs' 100 us and 6000 x 20 ns, 0.32 ms.
{
	run init-1 1.100000 1 32 40 100 1000
	run kcompactd0-33 1.200000 1 32 32 32 0
	run init-1 1.300000 2 480 520 2000 5000
} | capture "$TMP/a" 8196 256
# b: three runs walking 20500 entries in all, nothing else isolated:
# free_scanned = 50 + 5000 + 0 + 20500, isolated 96 + 96; 0.71 ms left
{
	run init-1 1.100000 3 200 900 50 20000
	run init-1 1.200000 1 64 60 5000 0
	run init-1 1.300000 0 0 600 0 500
} | capture "$TMP/b" 25550 192
# c: one run walking 100000 entries, 512 pages isolated by the search
# (free_scanned = 700 + 100000 + 512, isolated 32 + 32 + 512), and a run
# long after the write, which is not its; 2.1 ms left
{
	run init-1 1.100000 2 300 300 700 100000
	run init-1 5.000000 9 900 900 900 0
} | capture "$TMP/c" 101212 576

expect_exit 0 "capture-walks.sh fits three writes" -- \
	sh "$WALKS" -p "$PRICES" "$TMP/a" "$TMP/b" "$TMP/c"
is "the fast search's entries come from the vmstat deltas" \
	"a: 2 direct runs, 6.7 ms, 6000 entries walked, 0.3 ms left
b: 3 direct runs, 5.7 ms, 20500 entries walked, 0.7 ms left
c: 1 direct runs, 5.7 ms, 100000 entries walked, 2.1 ms left" \
	"$(sed -n 1,3p "$TMP/out")"
is "the run's and the entry's costs come back" \
	"fit over 3 writes: fixed 100.0 us a run, 20.0 ns an entry walked" \
	"$(sed -n 4p "$TMP/out")"

expect_exit 1 "two writes are too few" -- \
	sh "$WALKS" -p "$PRICES" "$TMP/a" "$TMP/b"
err_matches "it says why" "too few writes"
rm "$TMP/b/02_after_hugepages/vmstat"
expect_exit 2 "a capture without its vmstat is refused" -- \
	sh "$WALKS" "$TMP/a" "$TMP/b" "$TMP/c"
err_matches "it names the file" "no $TMP/b/02_after_hugepages/vmstat"
expect_exit 2 "prices must be four" -- sh "$WALKS" -p "1 2 3" "$TMP/a"
err_matches "it says so" "expected four numbers"
expect_exit 2 "no directory at all is refused" -- sh "$WALKS"
err_matches "with the usage" "usage: capture-walks.sh"

done_testing
