#!/bin/sh
# capture_costs.sh - tools/capture-costs.sh on a hand-made capture whose
# runs cost exactly 100 us, 200 us a migrate_pages() call, 10 us a page
# migrated, 50 ns a page the migrate scanner looked at and 300 ns a page
# the free scanner looked at, so the fit must give those back; one run
# descheduled for 50 ms must not pull them (the fit is robust);
# kcompactd's two runs are too few to fit, and another task's events
# inside a run are not the run's.  Then its refusals.  (The runs' work is
# chosen so that each costs whole microseconds, which is as far as
# ftrace's timestamps go.)

. "$SRCDIR/tests/lib.sh"

COSTS="$SRCDIR/tools/capture-costs.sh"

# run TASK START CALLS MIGRATED MSCANNED FSCANNED [EXTRA_US]: one run's
# events, its end at START plus what the work costs (and EXTRA_US more:
# time the guest was away); the pages migrate in CALLS calls, the first
# taking the remainder
run() {
	end=$(awk -v s="$2" -v c="$3" -v m="$4" -v ms="$5" -v fs="$6" -v x="${7:-0}" \
		'BEGIN { printf "%.6f", s + 100e-6 + c * 200e-6 + m * 10e-6 + ms * 50e-9 + fs * 300e-9 + x * 1e-6 }')
	compaction_run "$1" "$2" "$end" "$3" "$4" "$5" "$6"
}

# another task's event inside a run of init-1's: not the run's
other() {
	sed '2a\
         other-9 [000] .....    1.000000: mm_compaction_migratepages: nr_migrated=7 nr_failed=0'
}

mkdir "$TMP/cap"
{
	echo '# tracer: nop'
	run init-1 1.000000 1 32 40 100 | other
	run init-1 1.100000 2 480 520 2000
	run init-1 1.200000 0 0 600 0
	run init-1 1.300000 3 200 900 50
	run init-1 1.400000 1 64 60 5000
	run init-1 1.500000 0 0 20 20
	run init-1 1.600000 4 96 1000 1000
	run init-1 1.700000 2 512 200 3000 50000
	run init-1 1.800000 1 10 80 400
	run init-1 1.900000 2 300 300 700
	run init-1 2.000000 5 160 2000 20
	run kcompactd0-33 3.000000 1 32 32 32
	run kcompactd0-33 4.000000 2 64 64 64
} | gzip >"$TMP/cap/trace.gz"

expect_exit 0 "capture-costs.sh fits a capture" -- sh "$COSTS" "$TMP/cap"
is "the direct runs' costs come back, the descheduled run aside" \
	"direct: 11 runs; fixed 100.0 us, per migrate_pages call 200.0 us, per page migrated 10.00 us, per page the migrate scanner looked at 50.0 ns, per page the free scanner looked at 300.0 ns (residual deviation 0.0 us)" \
	"$(cat "$TMP/out")"

mkdir "$TMP/two"
cp "$TMP/cap/trace.gz" "$TMP/two/trace.gz"
expect_exit 0 "two captures are fitted together" -- \
	sh "$COSTS" "$TMP/cap" "$TMP/two"
is "... as one: 22 runs" "direct: 22 runs;" "$(cut -d' ' -f1-3 "$TMP/out")"

mkdir "$TMP/few"
run init-1 1.000000 1 32 40 100 | gzip >"$TMP/few/trace.gz"
expect_exit 1 "a capture with too few runs is refused" -- sh "$COSTS" "$TMP/few"
err_matches "it says why" "too few compaction runs to fit"
expect_exit 2 "a directory without a trace is refused" -- sh "$COSTS" "$TMP"
err_matches "it names the file" "no $TMP/trace.gz"
expect_exit 2 "no directory at all is refused" -- sh "$COSTS"
err_matches "with the usage" "usage: capture-costs.sh CAPTURE_DIR"

done_testing
