#!/bin/sh
# bench-sweep.sh - the sweep benchmark: a 10-point x 3-seed movablecore
# sweep (0% to 90%) of the stress workload on the 4 GiB model, with 1 and
# with 2 jobs; prints both wall times, the speed-up and the conditions
# (CPUs, load), since the machine's other work shares the cores.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
fragsim=${FRAGSIM:-$top/src/fragsim}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fragsim-bench-sweep.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }

sweep() {
	start=$(now)
	"$fragsim" sweep "$top/models/x86_64-4g.ini" \
		"$top/workloads/stress-highalloc.ini" \
		--vary movablecore=0%..90%/10% --seeds 3 --jobs "$1" \
		--db "$tmp/jobs$1.db" >/dev/null
	awk -v a="$(now)" -v b="$start" 'BEGIN { printf "%.3f\n", a - b }'
}

echo "bench-sweep: 10 points x 3 seeds, x86_64-4g + stress-highalloc;" \
	"$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) before"
t1=$(sweep 1)
t2=$(sweep 2)
events=$(sqlite3 "$tmp/jobs1.db" "SELECT sum(events) FROM runs" 2>/dev/null || echo "?")
printf 'bench-sweep: --jobs 1: %.2f s wall (target < 60 s)\n' "$t1"
printf 'bench-sweep: --jobs 2: %.2f s wall\n' "$t2"
printf 'bench-sweep: speed-up %.2fx (target >= 1.8x); %s events per sweep\n' \
	"$(awk -v a="$t1" -v b="$t2" 'BEGIN { print a / b }')" "$events"
# the runs' own wall times over the sweep's: how many ran at once, and
# how much slower each ran beside the other (shared cores)
for j in 1 2; do
	sqlite3 "$tmp/jobs$j.db" "SELECT sum(wall_seconds), avg(wall_seconds)
		FROM runs" | awk -F'|' -v j="$j" -v t="$(eval echo \$t$j)" '
		{ printf "bench-sweep: --jobs %s: %.2f runs at once on average, " \
			 "%.3f s per run\n", j, $1 / t, $2 }'
done
"$fragsim" report --tsv "$tmp/jobs1.db" >"$tmp/r1"
"$fragsim" report --tsv "$tmp/jobs2.db" >"$tmp/r2"
if cmp -s "$tmp/r1" "$tmp/r2"; then
	echo "bench-sweep: both sweeps report the same figures"
else
	echo "bench-sweep: the two sweeps' reports DIFFER"; exit 1
fi
echo "bench-sweep: load average $(cut -d' ' -f1-3 /proc/loadavg) after"
