#!/bin/sh
# default-experiment.sh - the experiment the README's first command runs:
# a movablecore sweep (0% to 80% of memory, in steps of 10%) of the shipped
# high-order stress workload on the shipped 4 GiB model, 3 seeds per point,
# into results/default/results.db; then its report (results/default/
# report.txt, and report.tsv for plotting) and its plots, in one folder.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
fragsim=${FRAGSIM:-$top/src/fragsim}
out=${RESULTS:-results/default}
model=$top/models/x86_64-4g.ini
workload=$top/workloads/stress-highalloc.ini
db=$out/results.db

mkdir -p "$out"
start=$(date +%s)
# resumable: running this again finishes an interrupted sweep, and does
# nothing more if it is complete
"$fragsim" sweep "$model" "$workload" --vary movablecore=0%..80%/10% \
	--seeds 3 --db "$db"
"$fragsim" report --table "$db" | tee "$out/report.txt"
"$fragsim" report --tsv "$db" >"$out/report.tsv"

# MERGE: the plots come from "fragsim plot" (another branch, not yet merged
# when this was written): this call runs once that subcommand exists; check
# its arguments against "fragsim help plot" when merging.
if "$fragsim" help plot >/dev/null 2>&1; then
	"$fragsim" plot "$db" --out "$out"
else
	echo "(this fragsim has no 'plot' subcommand yet: no plots drawn)"
fi

echo
echo "The default experiment took $(($(date +%s) - start)) s. Results in $out/:"
echo "  results.db   every run, tick by tick (doc/schema.md; fragsim export)"
echo "  report.txt   mean and 95% CI per movablecore value (report.tsv: TSV)"
echo "Cite it as the database plus: $("$fragsim" --version)"
