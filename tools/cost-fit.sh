#!/bin/sh
# cost-fit.sh - how closely the oracle guests' cost model times the
# kernel's first nr_hugepages writes, at one or more scales of it.
#
# workloads/churn.ini and workloads/oracle-frag.ini price the kernel's
# work on the oracles' QEMU guests ([costs]: a page migrated, scanned,
# isolated, zeroed, a TLB shootdown).  What the oracles measure of that
# work is how long the first write took (summary.tsv: hp_alloc_seconds),
# so the costs are fitted to it: for each SCALE (default 1), every
# duration in both workloads' [costs] is multiplied by it,
# churn-compare.sh and oracle-compare.sh run them with SEEDS (default
# 1 to 16: with fewer the medians, and the fit, are noisy), and over
# every kernel run (the churn oracle's completed ones) the squared
# natural log of its write's seconds over the median of fragsim's seeds
# is summed, per oracle and in all.  One scale for every
# case of both oracles: the cost of a page is not a property of a case.
# Printed, as TSV with a header: scale, churn_sse, workload_sse, sse.
# Usage: cost-fit.sh [SCALE...]   (ORACLE_DIR as the compare scripts')
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
export SEEDS="${SEEDS:-$(seq 1 16 | tr '\n' ' ')}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fragsim-costfit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
[ $# -gt 0 ] || set -- 1

# scaled SCALE FILE: FILE with every duration of its [costs] section
# multiplied by SCALE.
scaled() {
	awk -v s="$1" '
		/^\[/ { costs = ($0 == "[costs]") }
		costs && $2 == "=" && match($3, /^[0-9.]+/) {
			v = substr($3, 1, RLENGTH) * s; u = substr($3, RLENGTH + 1)
			if (u ~ /^(ns|us|ms|s)$/) { printf "%s = %g%s\n", $1, v, u; next }
		}
		{ print }' "$2"
}

# sse TABLE: the sum, over the distinct cases of a compare script's table,
# of (ln(kernel run's seconds / median of fragsim's seeds))^2.
sse() {
	awk -F'\t' '
		function median(list,   a, n, i, j, t) {
			n = split(list, a, ",")
			for (i = 2; i <= n; i++)
				for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
					t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
			return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
		}
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		!seen[$1]++ {
			m = median($col["fragsim_write_s"])
			n = split($col["kernel_write_s"], k, ",")
			for (i = 1; i <= n; i++) if (k[i] > 0 && m > 0)
				e += log(k[i] / m) ^ 2
		}
		END { printf "%.3f", e }' "$1"
}

printf 'scale\tchurn_sse\tworkload_sse\tsse\n'
for scale in "$@"; do
	scaled "$scale" "$top/workloads/churn.ini" >"$tmp/churn.ini"
	scaled "$scale" "$top/workloads/oracle-frag.ini" >"$tmp/oracle-frag.ini"
	WORKLOAD=$tmp/churn.ini sh "$top/tools/churn-compare.sh" >"$tmp/churn"
	WORKLOAD=$tmp/oracle-frag.ini sh "$top/tools/oracle-compare.sh" \
		>"$tmp/workload"
	c=$(sse "$tmp/churn") w=$(sse "$tmp/workload")
	printf '%s\t%s\t%s\t%s\n' "$scale" "$c" "$w" \
		"$(awk -v c="$c" -v w="$w" 'BEGIN { printf "%.3f", c + w }')"
done
