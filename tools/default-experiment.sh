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
# a database another fragsim build made is not resumed (its runs would be
# mixed with this build's): it is set aside and the sweep starts again
version=$("$fragsim" --version | cut -d' ' -f2)
if [ -f "$db" ]; then
	made_by=$("$fragsim" export "$db" sweeps 2>/dev/null | awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == "fragsim_version") c = i
			  next }
		c { print $c }' | sort -u | tr '\n' ' ')
	if [ "$made_by" != "$version " ]; then
		echo "default experiment: $db was made by another fragsim" \
			"build (${made_by:-unreadable here }; this is $version):" \
			"moved to $db.old"
		mv "$db" "$db.old"
		rm -f "$db-wal" "$db-shm"
	fi
fi
# resumable: running this again finishes an interrupted sweep, and does
# nothing more if it is complete
"$fragsim" sweep "$model" "$workload" --vary movablecore=0%..80%/10% \
	--seeds 3 --db "$db"
"$fragsim" report --table "$db" | tee "$out/report.txt"
"$fragsim" report --tsv "$db" >"$out/report.tsv"

# the plots of the last run, and the sweep's (huge pages and the order-9
# index against movablecore, with 95% intervals across seeds)
rm -rf "$out/plots"
"$fragsim" plot "$db" --out "$out/plots" >"$out/plots.txt"

echo
echo "The default experiment took $(($(date +%s) - start)) s. Results in $out/:"
echo "  results.db   every run, tick by tick (doc/schema.md; fragsim export)"
echo "  report.txt   mean and 95% CI per movablecore value (report.tsv: TSV)"
echo "  plots/       $(wc -l <"$out/plots.txt") pictures (list: plots.txt)"
echo "Cite it as the database plus: $("$fragsim" --version)"
