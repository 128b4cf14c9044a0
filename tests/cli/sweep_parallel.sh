#!/bin/sh
# sweep_parallel.sh - a sweep's emitted jobs run by GNU parallel, their
# shards merged, hold the same results as the same sweep run with --jobs.

. "$SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"
command -v parallel >/dev/null 2>&1 ||
	skip_all "GNU parallel is not installed (tools/install-deps.sh)"
parallel --version 2>/dev/null | grep -q "GNU parallel" ||
	skip_all "'parallel' is not GNU parallel"

M="$SRCDIR/models/x86_64-1g.ini"
W="$SRCDIR/workloads/stress-highalloc.ini"
sweep() {
	"$FRAGSIM" sweep "$M" "$W" --vary movablecore=0%..40%/20% \
		--vary vm.extfrag_threshold=300,500 --seeds 2 "$@"
}
# The per-run figures of a database, in sweep order, without run ids.
figures() {
	sqlite3 -separator ' ' "$1" "SELECT r.point, r.seed, r.status,
	  r.events, r.boot_cmdline, s.sets, s.order9_obtained,
	  s.compact_stall, s.compact_success, s.compact_fail, s.p99_ns_all,
	  (SELECT count(*) FROM ticks t WHERE t.run_id = r.run_id),
	  (SELECT sum(nr_free * (ord + 1)) FROM tick_orders o
	   WHERE o.run_id = r.run_id)
	  FROM runs r JOIN v_run_summary s USING (run_id)
	  ORDER BY r.point, r.seed"
}

plan 6
expect_exit 0 "the sweep with --jobs 2 (6 points x 2 seeds)" -- \
	sweep --jobs 2 --db "$TMP/jobs.db"
expect_exit 0 "the same sweep as --emit-jobs" -- \
	sweep --emit-jobs "$TMP/jobs.txt"
expect_exit 0 "GNU parallel runs the 12 commands" -- \
	parallel --will-cite -j 2 --halt now,fail=1 :::: "$TMP/jobs.txt"
expect_exit 0 "fragsim merge joins the 12 shards" -- \
	"$FRAGSIM" merge "$TMP/merged.db" "$TMP"/jobs.txt.shards/run-*.db
figures "$TMP/jobs.db" >"$TMP/jobs.fig"
figures "$TMP/merged.db" >"$TMP/merged.fig"
same_text "every run's figures are the --jobs sweep's" \
	"$TMP/jobs.fig" "$TMP/merged.fig"
"$FRAGSIM" report "$TMP/jobs.db" >"$TMP/jobs.tsv"
"$FRAGSIM" report "$TMP/merged.db" >"$TMP/merged.tsv"
same_text "the report is the --jobs sweep's" "$TMP/jobs.tsv" "$TMP/merged.tsv"
