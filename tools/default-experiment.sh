#!/bin/sh
# default-experiment.sh - the experiment the README's first command runs:
# what movablecore buys and what it costs.  A movablecore sweep (0% to 90%
# of memory, in steps of 10%) of the churn workload (workloads/churn.ini,
# the kernel oracle's frag --churn, then huge-page writes and offlining
# every memory block) on the two-node 16 GiB model, where most memory is
# in the highest zone so that every point differs; 3 seeds per point.
# The workload as on the oracle's 1 GiB guests, scaled to 16 GiB: frag's
# 80 MiB floor is 8% of a 1 GiB guest's memory, and the writes ask for a
# pool of all memory (MemTotal / 2 MiB), so that where unmovable pages sit,
# not the request, limits it; 20 cycles rather than 30, to fit the sweep
# into three minutes on two cores.  Results in results/default/: the
# database, the report (report.txt; report.tsv with every figure per zone,
# read as the first huge-page write starts) and plots/movablecore.png.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
fragsim=${FRAGSIM:-$top/src/fragsim}
out=${RESULTS:-results/default}
model=$top/models/x86_64-2node-16g.ini
workload=$top/workloads/churn.ini
db=$out/results.db
analysis=${FRAGSIM_ANALYSIS:-$top/analysis}
metrics=offlined,offline_ebusy,hugepages,unmovable_failures,direct_stalls
metrics=$metrics,oom_kills,nonmovable_blocks,unmovable_blocks,mixed_blocks
metrics=$metrics,frag_index_o9,free_pages

mkdir -p "$out"
out=$(cd "$out" && pwd)
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
"$fragsim" sweep "$model" "$workload" --vary movablecore=0%..90%/10% \
	--seeds 3 --db "$db" \
	--set 'write-tmpfs.let floor=MemTotal * 8%' --set cycles.times=20 \
	--set 'hugepages-1.do=nr_hugepages (MemTotal / 512)' \
	--set 'hugepages-2.do=nr_hugepages (MemTotal / 512)'
"$fragsim" report --table "$db" --at action:hugepages-1 --metric \
	offlined,hugepages,unmovable_failures,direct_stalls,oom_kills,nonmovable_blocks,frag_index_o9 |
	tee "$out/report.txt"
"$fragsim" report --tsv "$db" --zones --at action:hugepages-1 \
	--metric "$metrics" >"$out/report.tsv"
"$fragsim" report --tsv "$db" --metric "$metrics" >"$out/report-end.tsv"

# the experiment's picture, from the report; and the last run's plots
rm -rf "$out/plots"
mkdir -p "$out/plots"
if command -v gnuplot >/dev/null 2>&1; then
	(cd "$analysis" && gnuplot -e "infile='$out/report.tsv'" \
		-e "endfile='$out/report-end.tsv'" \
		-e "outfile='$out/plots/movablecore.png'" \
		-e "term='png'" \
		-e "title='movablecore on 16 GiB, 2 nodes: churn, huge-page writes, offlining every block (3 seeds)'" \
		movablecore.gp)
fi
"$fragsim" plot "$db" --out "$out/plots" >"$out/plots.txt"

echo
echo "The default experiment took $(($(date +%s) - start)) s. Results in $out/:"
echo "  results.db   every run, tick by tick (doc/schema.md; fragsim export)"
echo "  report.txt   mean and 95% CI per movablecore value (report.tsv: every"
echo "               figure per zone, as the first huge-page write starts)"
echo "  plots/movablecore.png   what movablecore buys and costs"
echo "  plots/       $(wc -l <"$out/plots.txt") more pictures (list: plots.txt)"
echo "Cite it as the database plus: $("$fragsim" --version)"
