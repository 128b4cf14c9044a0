#!/bin/sh
# sweep_slurm.sh - a sweep run for real as a SLURM array job on a one-node
# cluster that this test starts and stops itself: munged with its own key,
# slurmctld and slurmd from a generated slurm.conf on loopback ports, all
# state in the test's temporary folder; "sbatch --wait" runs the emitted
# jobs, and their merged shards must hold the same results as the same
# sweep run with --jobs.  Skipped, with the reason, where such a cluster
# cannot be started.

. "$SRCDIR/tests/lib.sh"

for prog in sqlite3 munged munge slurmctld slurmd sbatch sinfo; do
	command -v "$prog" >/dev/null 2>&1 ||
		skip_all "$prog is not installed (tools/install-deps.sh)"
done
[ "$(id -u)" -eq 0 ] ||
	skip_all "slurmd needs root to start jobs (this test runs as $(id -un))"

C="$TMP/cluster"
mkdir -p "$C/munge" "$C/state" "$C/spool"
chmod 700 "$C" "$C/munge"

daemons_gone() {
	for f in "$C/slurmd.pid" "$C/slurmctld.pid" "$C/munge/pid"; do
		[ -s "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && return 1
	done
	return 0
}
stop_cluster() {
	for f in "$C/slurmd.pid" "$C/slurmctld.pid" "$C/munge/pid"; do
		[ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	# gone before their folders go; bounded, as they may not stop
	WAIT_TRIES=100 wait_until daemons_gone
	rm -rf "$TMP"
}
trap stop_cluster EXIT

cluster_skip() {
	reason=$1
	for log in "$C/munge/log" "$C/slurmctld.log" "$C/slurmd.log"; do
		[ -s "$log" ] && reason="$reason; $(basename "$log"): $(tail -n 1 "$log")"
	done
	skip_all "$reason"
}

# munge, with a key of its own and its socket in the temporary folder
dd if=/dev/urandom of="$C/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$C/munge/munge.key"
munged --key-file="$C/munge/munge.key" --socket="$C/munge/sock" \
	--pid-file="$C/munge/pid" --log-file="$C/munge/log" \
	--seed-file="$C/munge/seed" --force 2>"$C/munged.err" ||
	cluster_skip "munged would not start: $(cat "$C/munged.err")"
munge -S "$C/munge/sock" -n 2>/dev/null | unmunge -S "$C/munge/sock" \
	>/dev/null 2>&1 || cluster_skip "munge cannot encode and decode"

# a port pair that nothing listens on, from this process's id
port=$((20000 + $$ % 20000))
cat >"$C/slurm.conf" <<CONF
ClusterName=fragsimtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$C/munge/sock
CredType=cred/munge
StateSaveLocation=$C/state
SlurmdSpoolDir=$C/spool
SlurmctldPidFile=$C/slurmctld.pid
SlurmdPidFile=$C/slurmd.pid
SlurmctldLogFile=$C/slurmctld.log
SlurmdLogFile=$C/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
NodeName=fragsimnode NodeHostname=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=fragsim Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
SLURM_CONF="$C/slurm.conf"
export SLURM_CONF
slurmctld -f "$C/slurm.conf" 2>"$C/ctld.err" ||
	cluster_skip "slurmctld would not start: $(cat "$C/ctld.err")"
slurmd -f "$C/slurm.conf" -N fragsimnode 2>"$C/slurmd.err" ||
	cluster_skip "slurmd would not start: $(cat "$C/slurmd.err")"
node_idle() { sinfo -h -o '%T' 2>/dev/null | grep -q idle; }
wait_until node_idle || cluster_skip "the node did not come up idle"

M="$SRCDIR/models/x86_64-1g.ini"
W="$SRCDIR/workloads/stress-highalloc.ini"
sweep() {
	"$FRAGSIM" sweep "$M" "$W" --vary movablecore=0%..40%/20% --seeds 2 "$@"
}
figures() {
	sqlite3 -separator ' ' "$1" "SELECT r.point, r.seed, r.status,
	  r.events, s.sets, s.order9_obtained, s.compact_stall,
	  s.compact_success, s.compact_fail, s.p99_ns_all,
	  (SELECT count(*) FROM ticks t WHERE t.run_id = r.run_id),
	  (SELECT sum(nr_free * (ord + 1)) FROM tick_orders o
	   WHERE o.run_id = r.run_id)
	  FROM runs r JOIN v_run_summary s USING (run_id)
	  ORDER BY r.point, r.seed"
}

plan 11
expect_exit 0 "the sweep with --jobs 2 (3 points x 2 seeds)" -- \
	sweep --jobs 2 --db "$TMP/jobs.db"
expect_exit 0 "the same sweep as --emit-jobs with --slurm" -- \
	sweep --emit-jobs "$TMP/jobs.txt" --slurm "$TMP/array.sh"
if grep -q '^#SBATCH --array=1-6$' "$TMP/array.sh"; then
	pass "the sbatch script is an array of 6 tasks"
else
	fail "the sbatch script is an array of 6 tasks"
fi
expect_exit 0 "sbatch --wait runs the array job on the cluster" -- \
	timeout 300 sbatch --wait "$TMP/array.sh"
expect_exit 0 "fragsim merge joins the 6 shards" -- \
	"$FRAGSIM" merge "$TMP/merged.db" "$TMP"/jobs.txt.shards/run-*.db
figures "$TMP/jobs.db" >"$TMP/jobs.fig"
figures "$TMP/merged.db" >"$TMP/merged.fig"
same_text "every run's figures are the --jobs sweep's" \
	"$TMP/jobs.fig" "$TMP/merged.fig"
"$FRAGSIM" report "$TMP/jobs.db" >"$TMP/jobs.tsv"
"$FRAGSIM" report "$TMP/merged.db" >"$TMP/merged.tsv"
same_text "the report is the --jobs sweep's" "$TMP/jobs.tsv" "$TMP/merged.tsv"

# hostile paths: the jobs file and the shards' folder (the #SBATCH --output
# directive) in a folder whose name holds quotes, $(...) and backquotes
cd "$TMP" || exit 1
D="$TMP/h b'c\"d \$(touch MARK1) \`touch MARK2\`"
mkdir -p "$D"
expect_exit 0 "a sweep emitted into a hostile folder" -- \
	sweep --emit-jobs "$D/jobs.txt" --slurm "$D/array.sh"
expect_exit 0 "sbatch --wait runs it" -- timeout 300 sbatch --wait "$D/array.sh"
n=$(ls "$D"/jobs.txt.shards/run-*.db 2>/dev/null | wc -l)
is "... each task writing its shard and its output there" "6 6" \
	"$n $(ls "$D"/jobs.txt.shards/slurm-*.out 2>/dev/null | wc -l)"
if ls "$TMP"/MARK* "$C"/spool/MARK* >/dev/null 2>&1; then
	fail "... and no command hidden in the path ran"
else
	pass "... and no command hidden in the path ran"
fi
