#!/bin/sh
# churn-lottery.sh - the churn oracle's first nr_hugepages write as the
# lottery it is: fragsim's yield over many seeds, beside the kernel's runs
# and the window tests/oracle/churn.sh holds three seeds' mean to.
#
# Whether kcompactd's proactive timer fires while the write runs decides
# its yield, in the kernel as in fragsim (tests/oracle/churn.todo), so
# three seeds are one draw: this says what the draws are.  For every case
# of ORACLE/churn/MANIFEST.tsv, workloads/churn.ini (WORKLOAD overrides)
# runs on the case's own boot log (its first run's dmesg) to the end of
# the huge-page writes, for each seed of SEEDS (default 1 to 48).
# Printed, as TSV with a header, one row per case:
#   kernel_yield_pct: the yields of the kernel's runs whose churn completed;
#   seeds, killed: seeds run, and of them those whose frag the OOM killer
#     killed during the churn (left out of the rest, as churn.sh does);
#   mean, sd, min, max: the others' yields, in percent of free pages / 512
#     (sd: the sample's standard deviation);
#   ge65: how many of them obtained 65% or more;
#   odds: the share of the sets of three of them whose mean lies inside
#     the kernel's range widened by 5 points (churn.sh's yield check,
#     which takes the first three that completed the churn); "-" when the
#     kernel has no completed run or fewer than three seeds completed;
#   kernel_runs, kernel_odds: the kernel's own lottery, for scale: its
#     runs that completed the churn, the oracle's and those of
#     doc/kernel-captures.tsv (CAPTURES overrides; its churn_completed
#     column), and the share of the draws of three of them (with
#     replacement) whose mean lies inside the same window.
# With PER_SEED=FILE, also every seed's row into FILE: case, seed, killed
# (yes/no), yield_pct, write_s (the write's simulated seconds).
# Usage: churn-lottery.sh [ORACLE_DIR]   (default ../shared/oracle)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
fragsim=${FRAGSIM:-$top/src/fragsim}
oracle=${1:-${ORACLE_DIR:-$top/../shared/oracle}}/churn
workload=${WORKLOAD:-$top/workloads/churn.ini}
captures=${CAPTURES:-$top/doc/kernel-captures.tsv}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fragsim-lottery.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

[ -f "$oracle/MANIFEST.tsv" ] || {
	echo "churn-lottery.sh: no $oracle/MANIFEST.tsv" >&2
	exit 2
}

. "$top/tools/compare-lib.sh"
lottery_seeds=${SEEDS:-$(seq 1 48)}

printf 'case\tkernel_yield_pct\tseeds\tkilled\tmean\tsd\tmin\tmax\tge65\todds'
printf '\tkernel_runs\tkernel_odds\n'
: >"$tmp/per_seed"
tail -n +2 "$oracle/MANIFEST.tsv" | while IFS='	' read -r case qemu cmdline; do
	dmesg=$(ls "$oracle/$case"/run*/dmesg | head -n 1)
	: >"$tmp/yields"
	n=0 killed=0
	for seed in $lottery_seeds; do
		"$fragsim" run --dmesg "$dmesg" "$workload" --seed "$seed" \
			--stop-after hugepages >"$tmp/run" 2>"$tmp/err" || {
			echo "fragsim run --dmesg $dmesg $workload --seed $seed failed:" >&2
			cat "$tmp/err" >&2
			exit 1
		}
		n=$((n + 1))
		k=$(churn_killed "$tmp/run")
		y=$(first_yield "$tmp/run")
		[ -n "$y" ] || {
			echo "churn-lottery.sh: $case seed $seed: no nr_hugepages write" >&2
			exit 1
		}
		if [ "$k" = yes ]; then
			killed=$((killed + 1))
		else
			echo "$y" >>"$tmp/yields"
		fi
		printf '%s\t%s\t%s\t%s\t%s\n' "$case" "$seed" "$k" "$y" \
			"$(write_seconds "$tmp/run")" >>"$tmp/per_seed"
	done
	k_yield=$(kernel_yields "$case" | paste -sd, -)
	# churn.sh's window: the kernel's range widened by 5 ("" if no run)
	window=$(printf '%s\n' "$k_yield" | tr ',' '\n' | awk '
		$1 != "" { if (!n++ || $1 < lo) lo = $1; if (n == 1 || $1 > hi) hi = $1 }
		END { if (n) print lo - 5, hi + 5 }')
	printf '%s\t%s\t%d\t%d\t' "$case" "${k_yield:--}" "$n" "$killed"
	# the yields' moments, and every set of three against the window
	awk -v w="$window" '
		{ y[++n] = $1 }
		END {
			if (!n) { printf "-\t-\t-\t-\t0\t-"; exit }
			for (i = 1; i <= n; i++) {
				s += y[i]; ge += y[i] >= 65
				if (i == 1 || y[i] < lo) lo = y[i]
				if (i == 1 || y[i] > hi) hi = y[i]
			}
			m = s / n
			for (i = 1; i <= n; i++) v += (y[i] - m) ^ 2
			sd = n > 1 ? sqrt(v / (n - 1)) : 0
			odds = "-"
			if (w != "" && n >= 3) {
				split(w, b, " ")
				for (i = 1; i <= n; i++)
					for (j = i + 1; j <= n; j++)
						for (k = j + 1; k <= n; k++) {
							t = (y[i] + y[j] + y[k]) / 3
							sets++
							inside += t >= b[1] && t <= b[2]
						}
				odds = sprintf("%.2f", inside / sets)
			}
			printf "%.1f\t%.1f\t%.1f\t%.1f\t%d\t%s", m, sd, lo, hi, ge, odds
		}' "$tmp/yields"
	# the kernel's own runs, the oracle's and the captures', drawn three
	# at a time with replacement against the same window
	{
		printf '%s\n' "$k_yield" | tr ',' '\n'
		[ -f "$captures" ] && awk -F'\t' -v c="$case" '
			NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
			$col["case"] == c && $col["churn_completed"] == "yes" {
				print $col["yield_pct"] }' "$captures"
	} | awk -v w="$window" '
		$1 != "" { r[++n] = $1 }
		END {
			if (w == "" || !n) { print "\t" n "\t-"; exit }
			split(w, b, " ")
			for (i = 1; i <= n; i++)
				for (j = 1; j <= n; j++)
					for (k = 1; k <= n; k++) {
						t = (r[i] + r[j] + r[k]) / 3
						inside += t >= b[1] && t <= b[2]
					}
			printf "\t%d\t%.2f\n", n, inside / (n * n * n)
		}'
done
if [ -n "${PER_SEED:-}" ]; then
	{ printf 'case\tseed\tkilled\tyield_pct\twrite_s\n'; cat "$tmp/per_seed"; } >"$PER_SEED"
fi
