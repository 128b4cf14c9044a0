#!/bin/sh
# store.sh - the result store from the command line: a run's final state
# printed live (run --show) equals the stored last tick printed by the
# readers, byte for byte; kill -9 leaves a sound database with the run
# still "running"; a database of another schema version is refused and
# left unchanged; runs are kept apart; export writes TSV.

. "$SRCDIR/tests/lib.sh"

M1="$SRCDIR/models/x86_64-1g.ini"
M4="$SRCDIR/models/x86_64-4g.ini"
W="$SRCDIR/workloads"
D="$TMP/runs.db"
HAVE_SQLITE3=0
command -v sqlite3 >/dev/null 2>&1 && HAVE_SQLITE3=1


sql() { sqlite3 "$1" "$2"; }

# --- round trip: live final state = stored last tick ---

for wl in stress-highalloc container-hotplug; do
	# the same run without a store (ticks are events: the same ones)
	"$FRAGSIM" run "$M1" "$W/$wl.ini" -q --tick 100ms >"$TMP/base" 2>/dev/null
	for f in buddyinfo pagetypeinfo zoneinfo vmstat; do
		expect_exit 0 "$wl: run --db --show $f" -- \
			"$FRAGSIM" run "$M1" "$W/$wl.ini" -q --db "$D" --show "$f"
		cp "$TMP/out" "$TMP/live"
		# the summary is the run's without --db: storing changes nothing
		head -n "$(wc -l <"$TMP/base")" "$TMP/live" >"$TMP/summary"
		same_text "$wl: the summary with --db is the one without" \
			"$TMP/base" "$TMP/summary"
		tail -n +"$(($(wc -l <"$TMP/base") + 1))" "$TMP/live" >"$TMP/shown"
		expect_exit 0 "$wl: fragsim $f DB --tick last" -- \
			"$FRAGSIM" "$f" "$D" --tick last
		if [ -s "$TMP/out" ]; then
			same_text "$wl: $f from the database equals run --show" \
				"$TMP/shown" "$TMP/out"
		else
			fail "$wl: $f from the database printed nothing"
		fi
	done
done
# tick 0 is the booted machine, as "fragsim state" prints it
"$FRAGSIM" state "$M1" zoneinfo >"$TMP/boot"
expect_exit 0 "zoneinfo DB --tick 0" -- "$FRAGSIM" zoneinfo "$D" --tick 0
same_text "tick 0 of the last run is the booted machine" "$TMP/boot" "$TMP/out"

# --- two runs in one database, kept apart ---

D2="$TMP/two.db"
"$FRAGSIM" run "$M1" "$W/stress-highalloc.ini" -q --seed 1 --db "$D2" \
	--show buddyinfo >"$TMP/s1" 2>/dev/null
"$FRAGSIM" run "$M1" "$W/stress-highalloc.ini" -q --seed 2 --db "$D2" \
	--show buddyinfo >"$TMP/s2" 2>/dev/null
"$FRAGSIM" buddyinfo "$D2" --run 1 >"$TMP/r1"
"$FRAGSIM" buddyinfo "$D2" --run 2 >"$TMP/r2"
n=$(wc -l <"$TMP/r1")
tail -n "$n" "$TMP/s1" >"$TMP/s1.shown"
tail -n "$n" "$TMP/s2" >"$TMP/s2.shown"
same_text "seed 1: --run 1 gives run 1's final state" "$TMP/s1.shown" "$TMP/r1"
same_text "seed 2: --run 2 gives run 2's final state" "$TMP/s2.shown" "$TMP/r2"
if cmp -s "$TMP/r1" "$TMP/r2"; then fail "the two seeds' final states differ"
else pass "the two seeds' final states differ"; fi
"$FRAGSIM" buddyinfo "$D2" >"$TMP/rlast"
same_text "without --run: the last run" "$TMP/r2" "$TMP/rlast"
expect_exit 0 "export --run 1 ticks" -- "$FRAGSIM" export "$D2" --run 1 ticks
is "export --run 1: a header, then run 1's rows only" \
	"run_id tick time_ns phase nr_hugepages|1" \
	"$(head -n 1 "$TMP/out" | tr '\t' ' ')|$(tail -n +2 "$TMP/out" | cut -f1 | sort -u)"
expect_exit 0 "export v_run_summary" -- "$FRAGSIM" export "$D2" v_run_summary
is "v_run_summary: one line per run, both complete, seeds 1 and 2" \
	"1 complete 1|2 complete 2|" \
	"$(tail -n +2 "$TMP/out" | awk -F '\t' '{ printf "%s %s %s|", $1, $2, $5 }')"
expect_exit 0 "export pageblock_map_cells --run 2" -- \
	"$FRAGSIM" export "$D2" --run 2 pageblock_map_cells
# 1 GiB: DMA (8 pageblocks) and DMA32 (504); maps at 0s, 1s, 2s, 3s, end
cells=$(tail -n +2 "$TMP/out" | awk -F '\t' '$2 == 0' | wc -l)
is "the first map has a cell per pageblock of DMA and DMA32" 512 "$cells"
if [ $HAVE_SQLITE3 = 1 ]; then
	is "maps on the 1 s grid and at the last tick" \
		"0 1 2 3 $(sql "$D2" 'SELECT max(tick) FROM ticks WHERE run_id = 2')" \
		"$(sql "$D2" "SELECT group_concat(t, ' ') FROM (SELECT DISTINCT
			CASE WHEN m.tick = (SELECT max(tick) FROM ticks WHERE run_id = 2)
			THEN m.tick ELSE CAST(t.time_ns / 1000000000 AS INTEGER) END AS t
			FROM pageblock_maps m JOIN ticks t USING (run_id, tick)
			WHERE run_id = 2 ORDER BY m.tick)")"
else
	pass "# SKIP sqlite3 is not installed"
fi
expect_exit 2 "export of an unknown table" -- "$FRAGSIM" export "$D2" nosuch
err_matches "... names it and lists the tables" 'no table or view called "nosuch".*|tables and views:'
expect_exit 2 "--run of a run the database lacks" -- "$FRAGSIM" vmstat "$D2" --run 3
err_matches "... is named" "no run 3"
expect_exit 2 "--tick past the last" -- "$FRAGSIM" vmstat "$D2" --tick 100000
err_matches "... says which ticks there are" "no tick 100000 \\(its ticks are 0 to [0-9]+\\)"
expect_exit 2 "a database that does not exist" -- "$FRAGSIM" vmstat "$TMP/none.db"
[ -e "$TMP/none.db" ] && fail "a reader does not create the database" ||
	pass "a reader does not create the database"

# --- bad input opens no database ---

expect_exit 2 "a bad --set with --db" -- \
	"$FRAGSIM" run "$M1" "$W/stress-highalloc.ini" -q --db "$TMP/bad.db" --set nosuch=1
[ -e "$TMP/bad.db" ] && fail "bad input creates no database" ||
	pass "bad input creates no database"
expect_exit 2 "--show of an unknown format" -- \
	"$FRAGSIM" run "$M1" "$W/stress-highalloc.ini" --show slabinfo

# --- a database of another schema version ---

if [ $HAVE_SQLITE3 = 1 ]; then
	V="$TMP/v999.db"
	sql "$V" "CREATE TABLE t (x); PRAGMA user_version = 999;"
	sum=$(cksum <"$V")
	expect_exit 2 "buddyinfo refuses user_version 999" -- "$FRAGSIM" buddyinfo "$V"
	err_matches "... naming the file and both versions" "v999.db.*version 999.*version 3"
	expect_exit 2 "run --db refuses user_version 999" -- \
		"$FRAGSIM" run "$M1" "$W/stress-highalloc.ini" -q --db "$V"
	err_matches "... naming the file and both versions" "v999.db.*version 999.*version 3"
	is "... with nothing on stdout" "" "$(cat "$TMP/out")"
	expect_exit 2 "export refuses user_version 999" -- "$FRAGSIM" export "$V" t
	is "the refused database is unchanged" "$sum" "$(cksum <"$V")"
	is "... and holds no WAL" "no" "$([ -e "$V-wal" ] && echo yes || echo no)"
else
	for i in 1 2 3 4 5 6 7 8; do pass "# SKIP sqlite3 is not installed"; done
fi

# --- kill -9 and Ctrl-C mid-run ---

cat >"$TMP/long.ini" <<'X'
[phase forever]
duration = 1h
[generator churn]
phase = forever
kind = anon
arrival = poisson
rate = 1000000/s
lifetime = exponential(1ms)
X

# start a long run in the background; wait until it has committed ticks
start_long() {
	"$FRAGSIM" run "$M4" "$TMP/long.ini" -q --tick 10ms --db "$1" \
		>"$TMP/long.out" 2>"$TMP/long.err" &
	pid=$!
	wait_until committed_ticks "$1"
}
committed_ticks() {	# DB: more than 20 ticks committed
	n=$(sqlite3 "$1" "SELECT count(*) FROM ticks" 2>/dev/null)
	[ "${n:-0}" -gt 20 ]
}

if [ $HAVE_SQLITE3 = 1 ]; then
	K="$TMP/killed.db"
	start_long "$K"
	kill -KILL "$pid"
	wait "$pid"
	is "kill -9: the run died of SIGKILL" 137 $?
	is "kill -9: PRAGMA integrity_check says ok" ok \
		"$(sql "$K" 'PRAGMA integrity_check')"
	is "kill -9: the run is still running (not complete)" running \
		"$(sql "$K" 'SELECT status FROM runs WHERE run_id = 1')"
	is "kill -9: the run has no end time" "" \
		"$(sql "$K" 'SELECT ended FROM runs WHERE run_id = 1')"
	expect_exit 0 "kill -9: export still works" -- "$FRAGSIM" export "$K" v_zone_ticks
	rows=$(tail -n +2 "$TMP/out" | wc -l)
	[ "$rows" -gt 20 ] && pass "kill -9: the committed ticks are there ($rows zone rows)" ||
		fail "kill -9: the committed ticks are there ($rows zone rows)"
	expect_exit 0 "kill -9: buddyinfo of the last committed tick" -- "$FRAGSIM" buddyinfo "$K"
	is "kill -9: ... lists the 3 zones" 3 "$(wc -l <"$TMP/out")"

	I="$TMP/interrupted.db"
	start_long "$I"
	kill -INT "$pid"
	wait "$pid"
	is "SIGINT: exit status 130" 130 $?
	is "SIGINT: the run is marked interrupted" interrupted \
		"$(sql "$I" 'SELECT status FROM runs WHERE run_id = 1')"
	is "SIGINT: ... with its end time and figures" "1|1" \
		"$(sql "$I" "SELECT ended IS NOT NULL, (SELECT count(*) > 0 FROM run_requests) FROM runs")"
	last=$(sql "$I" 'SELECT time_ns FROM ticks ORDER BY tick DESC LIMIT 1')
	sim=$(sql "$I" 'SELECT simulated_ns FROM runs')
	is "SIGINT: the last tick is the moment the run stopped" "$sim" "$last"
else
	for i in $(seq 1 13); do pass "# SKIP sqlite3 is not installed"; done
fi

done_testing
