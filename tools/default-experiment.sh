#!/bin/sh
# default-experiment.sh - the experiment the README's first command runs.
#
# Until sweeps and the result store exist (the experiments issue), this
# runs the shipped high-order stress workload on the shipped 4 GiB model
# without ZONE_MOVABLE and with movablecore=10% and 25% (the whole Normal
# zone), and prints how many
# order-9 blocks each obtained, with each run's full summary kept in
# results/default/.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
fragsim=${FRAGSIM:-$top/src/fragsim}
out=${RESULTS:-results/default}
model=$top/models/x86_64-4g.ini
workload=$top/workloads/stress-highalloc.ini

mkdir -p "$out"
printf '%-16s %10s %10s %14s %14s\n' movablecore "order-9 ok" failed \
	compact_stall compact_success
for mc in 0 10% 25%; do
	set --
	[ "$mc" = 0 ] || set -- --set "movablecore=$mc"
	name=mc$(echo "$mc" | tr -d %)
	"$fragsim" run "$model" "$workload" --seed 1 --quiet "$@" \
		>"$out/$name.txt"
	awk -v mc="$mc" '
		$1 == "hugetlb" && $2 == 9 { req = $3; failed = $4 }
		{ for (i = 1; i < NF; i++) {
			if ($i == "compact_stall") stall = $(i + 1)
			if ($i == "compact_success") ok = $(i + 1) } }
		END { sub(",", "", stall); sub(",", "", ok)
		      printf "%-16s %10d %10d %14s %14s\n", mc, req - failed,
			     failed, stall, ok }' "$out/$name.txt"
done
echo
echo "Full summaries: $out/"
