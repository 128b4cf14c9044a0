# compare-lib.sh - what oracle-compare.sh, churn-compare.sh and
# churn-census.sh read alike out of the oracle; sourced by them, not run.

# unmovable ZONE FILE: the Unmovable pageblocks of ZONE in a pagetypeinfo
# (its "Number of blocks type" table) or in fragsim's summary, whose zone
# lines read "Node 0, zone DMA32: Unmovable N, ...".
unmovable() {
	awk -v zone="$1" '
		/^Number of blocks type/ { table = 1; next }
		table && $4 == zone { print $5; exit }
		$1 == "Node" && $4 == zone":" && $5 == "Unmovable" {
			sub(",", "", $6); print $6; exit }' "$2"
}

# kernel CASE COLUMN: the column of the churn oracle's summary.tsv
# ($oracle/summary.tsv) for the case's runs whose churn completed, one per
# line; kernel_all CASE COLUMN: for every run of the case, its workload
# killed during the churn or not.
kernel() { kernel_column "$1" "$2" completed; }
kernel_all() { kernel_column "$1" "$2" all; }
kernel_column() {
	awk -F'\t' -v c="$1" -v k="$2" -v runs="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == c && (runs == "all" || $col["churn_completed"] == "yes") {
			print $col[k] }' "$oracle/summary.tsv"
}

# kernel_yields CASE: the first nr_hugepages write's yield of the case's
# runs whose churn completed, in percent of free pages / 512 (one
# decimal), one per line.
kernel_yields() {
	awk -F'\t' -v c="$1" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == c && $col["churn_completed"] == "yes" {
			y = $col["hp_obtained"] / ($col["free_pages_before"] / 512)
			printf "%.1f\n", 100 * y }' "$oracle/summary.tsv"
}

# first_yield FILE: the first write's yield of a fragsim run, in percent
# (its "hugetlb: nr_hugepages N at T: obtained P (free pages before: F)"
# line, one decimal); empty if it made none.
first_yield() {
	awk '$1 == "hugetlb:" { sub(")", "", $NF); y = $7 / ($NF / 512)
		printf "%.1f\n", 100 * y; exit }' "$1"
}

# Seeds whose workload the OOM killer killed during the churn are left
# out of fragsim's figures, as the oracle leaves out such kernel runs
# (churn_completed=no: "do not compare their yield or unplug counts with
# completed runs", its README), and further seeds are drawn in their
# place: SEEDS (default 1 2 3) first, then the next ones up to SEED_LIMIT
# (default 48), until as many completed the churn as SEEDS names.
seeds=${SEEDS:-1 2 3}
seed_limit=${SEED_LIMIT:-48}

# awk_sec: an awk function, sec(D), the seconds of a duration as fragsim
# prints it ("1.5s", "850ms", "[12.6675s]").
awk_sec='function sec(d) {
	gsub(/\[|\]|:/, "", d)
	if (d ~ /ns$/) return d / 1e9
	if (d ~ /us$/) return d / 1e6
	if (d ~ /ms$/) return d / 1e3
	if (d ~ /h$/) return d * 3600
	return d + 0
}'

# churn_killed FILE: "yes" if a fragsim run's output (phases printed, not
# -q) has frag, the churn's own process, OOM-killed at or before the
# ready phase began (frag had not finished its churn), else "no".
churn_killed() {
	awk "$awk_sec"'
		$2 == "phase" && $3 == "ready" { ready = sec($1) }
		$1 == "oom-kill:" && $2 == "process" && $3 == "frag" &&
			(ready == "" || sec($5) <= ready) { k = 1 }
		END { print k ? "yes" : "no" }' "$1"
}

# write_seconds FILE: how long, in simulated seconds, the first
# nr_hugepages write of a fragsim run took (its action line, "[T] action
# NAME: nr_hugepages N: the pool holds P (...) in D": not -q), as the
# oracles' hp_alloc_seconds times the kernel's; empty if none.
write_seconds() {
	awk "$awk_sec"'
		$2 == "action" && $4 == "nr_hugepages" {
			printf "%.3f\n", sec($NF); exit }' "$1"
}

# churn_seeds DMESG WORKLOAD DIR: run the case's churn to its ready phase
# for seed after seed (DIR/ready.SEED, with --show blocks), until as many
# completed the churn as $seeds names; sets completed_seeds and
# killed_seeds (space-separated, in order).  Every seed tried is in one
# of the two.  With CHURN_READY_DIR set, each run's output is also kept
# there (named by fragsim, boot log, the workload's text and seed) and
# taken from there when it is, so that tests/oracle/churn.sh's two
# comparisons run each seed's churn once.
churn_seeds() {
	completed_seeds= killed_seeds=
	_want=$(echo $seeds | wc -w)
	_last=$(printf '%s\n' $seeds | sort -n | tail -n 1)
	_key=$({ printf '%s\n%s\n' "$fragsim" "$1"; cat -- "$2" 2>/dev/null; } |
		cksum | cut -d' ' -f1)
	for _seed in $seeds $(seq $((_last + 1)) "$seed_limit"); do
		_kept=${CHURN_READY_DIR:+$CHURN_READY_DIR/$_key.ready.$_seed}
		if [ -n "$_kept" ] && [ -f "$_kept" ]; then
			cp "$_kept" "$3/ready.$_seed"
		else
			"$fragsim" run --dmesg "$1" "$2" --seed "$_seed" \
				--stop-after ready --show blocks >"$3/ready.$_seed" 2>"$3/err" || {
				echo "fragsim run --dmesg $1 $2 --seed $_seed failed:" >&2
				cat "$3/err" >&2
				return 1
			}
			[ -z "$_kept" ] || cp "$3/ready.$_seed" "$_kept"
		fi
		case $(churn_killed "$3/ready.$_seed") in
		yes) killed_seeds="$killed_seeds${killed_seeds:+ }$_seed" ;;
		no)
			completed_seeds="$completed_seeds${completed_seeds:+ }$_seed"
			[ "$(echo $completed_seeds | wc -w)" -lt "$_want" ] || break ;;
		*) echo "churn_killed: cannot read $3/ready.$_seed" >&2; return 1 ;;
		esac
	done
}
