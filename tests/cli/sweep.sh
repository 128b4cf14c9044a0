#!/bin/sh
# sweep.sh - sweeps end to end on the 1 GiB model: bad input refused with
# nothing written; a sweep killed midway (kill -9) and run again gives the
# results of an uninterrupted one; report's numbers equal a hand
# computation from exported rows; emitted jobs merged equal the sweep;
# merge refuses another sweep's shard or another schema version; rerun
# reproduces a run exactly and detects a tampered row.

. "$SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

M="$SRCDIR/models/x86_64-1g.ini"
W="$SRCDIR/workloads/stress-highalloc.ini"
H="$SRCDIR/workloads/container-hotplug.ini"
AXIS=movablecore=0%..40%/20%


sweep() { "$FRAGSIM" sweep "$M" "$W" --vary "$AXIS" --seeds 3 "$@"; }

# The per-run figures of a database, in sweep order, without run ids.
figures() {
	sqlite3 -separator ' ' "$1" "SELECT r.point, r.seed, r.status,
	  r.events, s.order9_obtained, s.compact_stall, s.compact_success,
	  s.compact_fail, s.p99_ns_all,
	  (SELECT count(*) FROM ticks t WHERE t.run_id = r.run_id),
	  (SELECT sum(nr_free * (ord + 1)) FROM tick_orders o
	   WHERE o.run_id = r.run_id)
	  FROM runs r JOIN v_run_summary s USING (run_id)
	  ORDER BY r.sweep_id, r.point, r.seed"
}

# --- bad input: exit 2, nothing written ---

for bad in "foo=1,2:unknown key" "movablecore=40%..0%/10%:empty" \
	"movablecore=0%..25%/10%:does not divide" "movablecore=abc,10%:abc"; do
	arg=${bad%%:*} why=${bad#*:}
	expect_exit 2 "--vary $arg is refused" -- \
		"$FRAGSIM" sweep "$M" "$W" --vary "$arg" --db "$TMP/bad.db"
	err_matches "--vary $arg: the message says why" "$why"
	if [ -e "$TMP/bad.db" ]; then fail "--vary $arg: nothing written"
	else pass "--vary $arg: nothing written"; fi
done
expect_exit 2 "--seeds 0 is refused" -- sweep --seeds 0 --db "$TMP/bad.db"

# --- an uninterrupted sweep ---

expect_exit 0 "sweep of 3 points x 3 seeds, 2 jobs" -- \
	sweep --jobs 2 --db "$TMP/full.db"
is "9 complete runs" 9 "$(sqlite3 "$TMP/full.db" \
	"SELECT count(*) FROM runs WHERE status = 'complete'")"
is "one sweeps row, with its 3 points and 3 seeds" "1|3|3" \
	"$(sqlite3 "$TMP/full.db" "SELECT count(*), nr_points, seeds
	   FROM sweeps")"
is "every run is tagged with the sweep" 0 "$(sqlite3 "$TMP/full.db" \
	"SELECT count(*) FROM runs r LEFT JOIN sweeps s USING (sweep_id)
	 WHERE s.sweep_id IS NULL")"
is "point 2's runs have movablecore=40%" "3" "$(sqlite3 "$TMP/full.db" \
	"SELECT count(*) FROM runs JOIN run_sets USING (run_id)
	 WHERE point = 2 AND key = 'movablecore' AND value = '40%'")"
expect_exit 0 "the same sweep again" -- sweep --jobs 2 --db "$TMP/full.db"

if grep -q "0 runs done now, 9 were already complete" "$TMP/out"; then
	pass "... runs nothing: every run was complete"
else
	fail "... runs nothing"; diag "$(cat "$TMP/out")"
fi
"$FRAGSIM" report "$TMP/full.db" >"$TMP/full.tsv"
figures "$TMP/full.db" >"$TMP/full.fig"

# --- killed midway, then resumed (the 4 GiB model: runs long enough to
# kill the sweep between them) ---

M4="$SRCDIR/models/x86_64-4g.ini"
sweep4() { "$FRAGSIM" sweep "$M4" "$W" --vary "$AXIS" --seeds 2 "$@"; }
expect_exit 0 "4 GiB: an uninterrupted sweep of 6 runs" -- \
	sweep4 --jobs 2 --db "$TMP/full4.db"
figures "$TMP/full4.db" >"$TMP/full4.fig"
"$FRAGSIM" report "$TMP/full4.db" >"$TMP/full4.tsv"
setsid "$FRAGSIM" sweep "$M4" "$W" --vary "$AXIS" --seeds 2 --jobs 1 \
	--db "$TMP/kill.db" >/dev/null 2>&1 &
pid=$!
# killed once two runs are complete (merged into the database) and the
# next one has recorded its start in its shard, which is then left
# "running"
third_run_started() {
	n=$(sqlite3 -cmd ".timeout 2000" "$TMP/kill.db" "SELECT count(*) FROM
	    runs WHERE status = 'complete'" 2>/dev/null || echo 0)
	[ "${n:-0}" -ge 2 ] || return 1
	for s in "$TMP"/kill.db.runs/run-*.db; do
		[ -e "$s" ] || continue
		r=$(sqlite3 -cmd ".timeout 2000" "$s" "SELECT count(*) FROM
		    runs WHERE status = 'running'" 2>/dev/null || echo 0)
		[ "${r:-0}" -ge 1 ] && return 0
	done
	return 1
}
wait_until third_run_started ||
	diag "the sweep never had two runs complete and a third running"
kill -9 "-$pid" 2>/dev/null
wait "$pid" 2>/dev/null
left=$(sqlite3 "$TMP/kill.db" "SELECT count(*) FROM runs WHERE
	status = 'complete'")
if [ "$left" -ge 2 ] && [ "$left" -lt 6 ]; then
	pass "killed midway: $left of 6 runs complete"
else
	fail "killed midway (complete runs: $left)"
fi
diag "runs left by the killed sweep:" "$(sqlite3 "$TMP/kill.db" \
	"SELECT point, seed, status FROM runs")"
expect_exit 0 "the same command resumes the sweep" -- \
	sweep4 --jobs 2 --db "$TMP/kill.db"
is "... 6 complete runs, nothing else" "6 6" "$(sqlite3 "$TMP/kill.db" \
	"SELECT count(*), sum(status = 'complete') FROM runs" | tr '|' ' ')"
figures "$TMP/kill.db" >"$TMP/kill.fig"
same_text "resumed: every run's figures equal the uninterrupted sweep's" \
	"$TMP/full4.fig" "$TMP/kill.fig"
"$FRAGSIM" report "$TMP/kill.db" >"$TMP/kill.tsv"
same_text "resumed: the report equals the uninterrupted sweep's" \
	"$TMP/full4.tsv" "$TMP/kill.tsv"

if [ -e "$TMP/kill.db.runs" ]; then
	fail "the resumed sweep leaves no shard behind"
	diag "$(ls "$TMP/kill.db.runs")"
else
	pass "the resumed sweep leaves no shard behind"
fi

# a shard whose run the database already has (the sweep was killed after
# merging it, before removing it) is removed, not merged again
mkdir -p "$TMP/kill.db.runs"
cp "$TMP/kill.db" "$TMP/kill.db.runs/run-000001.db"
expect_exit 0 "a complete sweep with a merged run's shard left, resumed" -- \
	sweep4 --jobs 2 --db "$TMP/kill.db"
is "... the shard is gone and the database still has 6 runs" "no 6" \
	"$([ -e "$TMP/kill.db.runs" ] && echo yes || echo no) $(sqlite3 \
	"$TMP/kill.db" "SELECT count(*) FROM runs")"

# an interrupted run in the database is deleted and redone
sqlite3 "$TMP/kill.db" "UPDATE runs SET status = 'interrupted'
	WHERE point = 1 AND seed = 2"
expect_exit 0 "a sweep with an interrupted run, resumed" -- \
	sweep4 --jobs 2 --db "$TMP/kill.db"
if grep -q "1 runs done now, 5 were already complete" "$TMP/out"; then
	pass "... redoes that run alone"
else
	fail "... redoes that run alone"; diag "$(cat "$TMP/out")"
fi
figures "$TMP/kill.db" >"$TMP/kill.fig"
same_text "... and every run's figures are the uninterrupted sweep's" \
	"$TMP/full4.fig" "$TMP/kill.fig"

# Ctrl-C (SIGINT to the sweep and its runs): exit 130, finished runs kept
setsid sh -c 'exec "$0" sweep "$1" "$2" --vary "$3" --seeds 2 --jobs 1 \
	--db "$4" >/dev/null 2>&1' "$FRAGSIM" "$M4" "$W" "$AXIS" \
	"$TMP/int.db" &
pid=$!
for i in $(seq 1 400); do
	n=$(sqlite3 -cmd ".timeout 2000" "$TMP/int.db" "SELECT count(*)
	    FROM runs" 2>/dev/null || echo 0)
	[ "${n:-0}" -ge 1 ] && break
	sleep 0.02
done
sleep 0.1
kill -INT "-$pid" 2>/dev/null
wait "$pid"
is "Ctrl-C: the sweep exits 130" 130 "$?"
n=$(sqlite3 "$TMP/int.db" "SELECT count(*) FROM runs WHERE status = 'complete'")
all=$(sqlite3 "$TMP/int.db" "SELECT count(*) FROM runs")
if [ "$n" -ge 1 ] && [ "$n" -lt 6 ] && [ "$n" = "$all" ]; then
	pass "Ctrl-C: $n finished runs kept, no partial one recorded"
else
	fail "Ctrl-C: finished runs kept ($n complete of $all)"
fi

# --- report against a hand computation from exported rows ---

"$FRAGSIM" export "$TMP/full.db" v_run_summary >"$TMP/summary.tsv"
sqlite3 -separator '	' "$TMP/full.db" "SELECT run_id, point FROM runs" \
	>"$TMP/points.tsv"
# mean and 95% CI of a column at point 1: t(0.975, 2) = 4.302653
hand() {
	awk -F'\t' -v col="$1" -v col2="${2:-}" '
		FNR == NR { point[$1] = $2; next }
		FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		point[$1] == 1 { v = $c[col] + (col2 ? $c[col2] : 0)
				 x[n++] = v; s += v }
		END { m = s / n; for (i = 0; i < n; i++) q += (x[i] - m) ^ 2
		      printf "%.3f %.3f\n", m, 4.302653 * sqrt(q / (n - 1)) / sqrt(n) }
	' "$TMP/points.tsv" "$TMP/summary.tsv"
}
rep() {
	awk -F'\t' -v col="$1" '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$2 == 1 { printf "%.3f %.3f\n", $c[col "_mean"], $c[col "_ci95"] }
	' "$TMP/full.tsv"
}
is "report: huge pages = order-9 obtained + the largest pool, mean and CI" \
	"$(hand order9_obtained hugetlb_pool_max)" "$(rep hugepages)"
is "report: compact_stall mean and CI" "$(hand compact_stall)" \
	"$(rep compact_stall)"
is "report: compact_fail mean and CI" "$(hand compact_fail)" \
	"$(rep compact_fail)"
# the fragmentation index of all zones' free blocks at the last tick,
# integer arithmetic as in mm/vmstat.c, then the mean over the 3 seeds
fi_hand=$(sqlite3 -separator ' ' "$TMP/full.db" "SELECT o.run_id, o.ord,
	sum(o.nr_free) FROM tick_orders o JOIN v_last_tick USING (run_id, tick)
	JOIN runs r USING (run_id) WHERE r.point = 1 GROUP BY o.run_id, o.ord" |
	awk '{ f[$1] += $3 * 2 ^ $2; t[$1] += $3; if ($2 >= 9) s[$1] += $3 }
	END { for (r in t) { n++
		if (s[r]) i = -1000
		else if (!t[r]) i = 0
		else i = 1000 - int((1000 + int(f[r] * 1000 / 512)) / t[r])
		sum += i / 1000 }
	      printf "%.3f\n", sum / n }')
is "report: the order-9 fragmentation index over all zones" "$fi_hand" \
	"$(rep frag_index_o9 | cut -d' ' -f1)"
expect_exit 0 "report on a terminal-less stdout is TSV" -- \
	"$FRAGSIM" report "$TMP/full.db"
is "... one header and 3 rows" 4 "$(wc -l <"$TMP/out")"
expect_exit 0 "report --table" -- "$FRAGSIM" report --table "$TMP/full.db"
if grep -q '±' "$TMP/out"; then pass "... shows mean ± CI"
else fail "... shows mean ± CI"; fi

# unplug success: offline successes / attempts, from the hotplug workload
expect_exit 0 "a second sweep (hotplug) into the same database" -- \
	"$FRAGSIM" sweep "$M" "$H" --vary cpus=2,4 --seeds 2 --db "$TMP/full.db"
is "two sweeps in the database" 2 \
	"$(sqlite3 "$TMP/full.db" "SELECT count(*) FROM sweeps")"
unplug_hand=$(sqlite3 "$TMP/full.db" "SELECT printf('%.6f',
	avg(1.0 * s.value / a.value)) FROM runs r
	JOIN v_last_tick lt USING (run_id)
	JOIN tick_vm_events a ON a.run_id = r.run_id AND a.tick = lt.tick
	JOIN tick_vm_events s ON s.run_id = r.run_id AND s.tick = lt.tick
	WHERE a.event = (SELECT event FROM vm_event_names
	                 WHERE name = 'fragsim_offline_attempt')
	  AND s.event = (SELECT event FROM vm_event_names
	                 WHERE name = 'fragsim_offline_success')
	  AND r.point = 0 AND r.workload_name = 'container-hotplug'")
"$FRAGSIM" report "$TMP/full.db" >"$TMP/two.tsv"
is "report: unplug success = offline successes / attempts" "$unplug_hand" \
	"$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	   $(c["cpus"]) == "2" { print $(c["unplug_success_mean"]) }' \
	   "$TMP/two.tsv")"
is "report: both sweeps' keys are columns" "movablecore cpus" \
	"$(head -n 1 "$TMP/two.tsv" | cut -f3,4 | tr '\t' ' ')"

# --- emitted jobs, run one by one, merged ---

expect_exit 0 "--emit-jobs writes the commands" -- \
	sweep --emit-jobs "$TMP/jobs.txt"
is "one command per run" 9 "$(wc -l <"$TMP/jobs.txt")"
while read -r line; do sh -c "$line" >/dev/null 2>&1; done <"$TMP/jobs.txt"
expect_exit 0 "merge the 9 shards" -- \
	"$FRAGSIM" merge "$TMP/merged.db" "$TMP"/jobs.txt.shards/run-*.db
figures "$TMP/merged.db" >"$TMP/merged.fig"
same_text "merged shards: every run's figures equal the sweep's" \
	"$TMP/full.fig" "$TMP/merged.fig"
"$FRAGSIM" report "$TMP/merged.db" >"$TMP/merged.tsv"
same_text "merged shards: the report equals the sweep's" \
	"$TMP/full.tsv" "$TMP/merged.tsv"
for t in ticks tick_orders tick_zones tick_vm_events run_requests \
	pageblock_maps run_actions; do
	is "merged: $t has every row" \
		"$(sqlite3 "$TMP/full.db" "SELECT count(*) FROM $t t JOIN runs r
		   USING (run_id) WHERE r.workload_name = 'stress-highalloc'")" \
		"$(sqlite3 "$TMP/merged.db" "SELECT count(*) FROM $t")"
done
expect_exit 0 "merging again copies nothing twice" -- \
	"$FRAGSIM" merge "$TMP/merged.db" "$TMP"/jobs.txt.shards/run-*.db
is "... still 9 runs" 9 "$(sqlite3 "$TMP/merged.db" "SELECT count(*) FROM runs")"

"$FRAGSIM" sweep "$M" "$W" --vary "$AXIS" --seeds 2 \
	--emit-jobs "$TMP/other.txt" >/dev/null
sh -c "$(head -n 1 "$TMP/other.txt")" >/dev/null 2>&1
expect_exit 2 "merge refuses a shard of another sweep" -- \
	"$FRAGSIM" merge "$TMP/new.db" "$TMP"/jobs.txt.shards/run-000000.db \
	"$TMP"/other.txt.shards/run-000000.db
err_matches "... saying so" "another sweep"
if [ -e "$TMP/new.db" ]; then fail "... and writes nothing"
else pass "... and writes nothing"; fi
cp "$TMP"/jobs.txt.shards/run-000001.db "$TMP/v999.db"
sqlite3 "$TMP/v999.db" "PRAGMA user_version = 999"
expect_exit 2 "merge refuses a shard of another schema version" -- \
	"$FRAGSIM" merge "$TMP/new.db" "$TMP"/jobs.txt.shards/run-000000.db \
	"$TMP/v999.db"
err_matches "... naming the versions" "schema version 999"
if [ -e "$TMP/new.db" ]; then fail "... and writes nothing"
else pass "... and writes nothing"; fi

# --- rerun ---

expect_exit 0 "rerun of run 5 from its provenance" -- \
	"$FRAGSIM" rerun "$TMP/full.db" --run 5
if grep -q "reproduced exactly" "$TMP/out"; then pass "... reproduced exactly"
else fail "... reproduced exactly"; diag "$(cat "$TMP/out")"; fi
sqlite3 "$TMP/full.db" "UPDATE tick_orders SET nr_free = nr_free + 1
	WHERE run_id = 5 AND tick = 3 AND zone_id = 1 AND ord = 0"
expect_exit 1 "rerun detects a tampered row" -- \
	"$FRAGSIM" rerun "$TMP/full.db" --run 5
if grep -q "tick_orders" "$TMP/out" && grep -q "tick=3 zone_id=1 ord=0" \
	"$TMP/out"; then
	pass "... and names the table and the row"
else
	fail "... and names the table and the row"; diag "$(cat "$TMP/out")"
fi

# a run stopped after a phase is repeated up to that phase, as its stored
# command line says (--stop-after is read back from it)
"$FRAGSIM" run "$M" "$W" -q --stop-after fill --db "$TMP/stopped.db" \
	>/dev/null 2>"$TMP/err" || diag "$(cat "$TMP/err")"
expect_exit 0 "rerun of a run stopped with --stop-after fill" -- \
	"$FRAGSIM" rerun "$TMP/stopped.db" --run 1
if grep -q "reproduced exactly" "$TMP/out"; then pass "... reproduced exactly"
else fail "... reproduced exactly"; diag "$(cat "$TMP/out")"; fi

expect_exit 2 "rerun refuses a dump for a run that did not start from one" -- \
	"$FRAGSIM" rerun "$TMP/stopped.db" --run 1 --from-kpageflags "$M" \
	--kpagecount "$M"
err_matches "... saying so" "did not start from a kpageflags dump"
expect_exit 2 "rerun: --from-kpageflags without --kpagecount" -- \
	"$FRAGSIM" rerun "$TMP/stopped.db" --from-kpageflags "$M"
err_matches "... saying they go together" "go together"

# the report's OOM column: a workload whose hog is killed, with its balloon
# (tests/data/oom.ini)
"$FRAGSIM" sweep "$M" "$SRCDIR/tests/data/oom.ini" --vary cpus=1,2 \
	--seeds 1 --jobs 1 --db "$TMP/oom.db" >/dev/null 2>"$TMP/err" || diag "$(cat "$TMP/err")"
is "report: the OOM kills of each point (balloon, then hog)" "2 2" \
	"$("$FRAGSIM" report --tsv "$TMP/oom.db" | awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == "oom_kills_mean") c = i; next }
		{ printf "%s%d", s, $c; s = " " }')"

done_testing
