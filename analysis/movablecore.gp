# movablecore.gp - what movablecore buys and what it costs, from the TSV of
# "fragsim report --tsv --zones --metric ..." of a movablecore sweep (the
# default experiment, tools/default-experiment.sh): per point, the mean
# and 95% confidence interval across seeds of
#   memory blocks offlined, machine-wide and per zone (what it buys);
#   huge pages obtained;
#   unmovable allocation failures, direct stalls and OOM kills (the cost);
#   the pollution of the kernel zones: pageblocks holding an unmovable page,
#   Unmovable pageblocks;
#   the order-9 fragmentation index of each kernel zone as the huge-page
#   request starts.
# Columns are found by name (NAME_mean, NAME_ci95; a zone's NAME@NODE/ZONE),
# "point" gives the x position and "movablecore" its label; a zone a point
# does not have is an empty field, which gnuplot leaves out.
# The cost panel reads endfile: the same report at the run's end (--at
# end), so that it counts the huge-page writes' stalls too.
# Set: infile, endfile, outfile, term, title.
load "common.gp"
if (term eq "svg") {
	set terminal svg size 1500,900 dynamic enhanced font "sans,11" background "#ffffff"
} else {
	set terminal pngcairo size 1500,900 enhanced font "sans,10" background "#ffffff"
}
set output outfile
set datafile separator "\t"
set datafile missing ""
set key inside top left box opaque font ",8"
set multiplot layout 2,3 title title noenhanced
set xlabel "movablecore (% of memory)"
set offsets graph 0.04, graph 0.04, 0, 0
zones = "0/DMA32 0/Normal 0/Movable 1/Normal 1/Movable"
zone_colours = "#1f77b4 #ff7f0e #2ca02c #d62728 #9467bd"
m(name) = column(name . "_mean")
e(name) = column(name . "_ci95")

set title "memory blocks offlined (what movablecore buys)"
set ylabel "blocks of 128 MiB"
set yrange [0:*]
plot infile using "point":(m("offlined")):(e("offlined")):xtic(strcol("movablecore")) \
	with yerrorlines lw 3 pt 7 lc rgb "#000000" title "all zones", \
	for [i=1:words(zones)] infile using "point":(m("offlined@" . word(zones, i))):(e("offlined@" . word(zones, i))) \
	with yerrorlines lw 1.5 pt 7 ps 0.7 lc rgb word(zone_colours, i) title word(zones, i)

set title "huge pages obtained (writes of MemTotal / 2 MiB)"
set ylabel "2 MiB pages"
plot infile using "point":(m("hugepages")):(e("hugepages")):xtic(strcol("movablecore")) \
	with yerrorlines lw 2 pt 7 lc rgb "#1f77b4" title "mean over seeds, 95% CI"

set title "the cost, over the whole run: failures, stalls, OOM kills"
set ylabel "count"
set yrange [0:*]
plot endfile using "point":(m("unmovable_failures")):(e("unmovable_failures")):xtic(strcol("movablecore")) \
	with yerrorlines lw 2 pt 7 lc rgb "#d62728" title "unmovable allocation failures", \
	endfile using "point":(m("direct_stalls")):(e("direct_stalls")) \
	with yerrorlines lw 2 pt 5 lc rgb "#ff7f0e" title "direct compaction/reclaim stalls", \
	endfile using "point":(m("oom_kills")):(e("oom_kills")) \
	with yerrorlines lw 2 pt 9 lc rgb "#000000" title "OOM kills"

set title "pollution of the kernel zones, as the huge-page request starts"
set ylabel "pageblocks"
set yrange [0:*]
plot infile using "point":(m("nonmovable_blocks")):(e("nonmovable_blocks")):xtic(strcol("movablecore")) \
	with yerrorlines lw 2 pt 7 lc rgb "#d62728" title "holding an unmovable page", \
	infile using "point":(m("unmovable_blocks")):(e("unmovable_blocks")) \
	with yerrorlines lw 2 pt 5 lc rgb "#8c564b" title "of type Unmovable", \
	infile using "point":(m("mixed_blocks")):(e("mixed_blocks")) \
	with yerrorlines lw 2 pt 9 lc rgb "#9467bd" title "mixed"

set title "order-9 fragmentation index per zone, as the huge-page request starts"
set ylabel "index (-1: a free 2 MiB block exists)"
set yrange [-1.1:1.1]
plot for [i=1:words(zones)] infile using "point":(m("frag_index_o9@" . word(zones, i))):(e("frag_index_o9@" . word(zones, i))):xtic(strcol("movablecore")) \
	with yerrorlines lw 1.5 pt 7 ps 0.7 lc rgb word(zone_colours, i) title word(zones, i)

set title "free pages per zone, as the huge-page request starts"
set ylabel "pages of 4 KiB"
set yrange [0:*]
plot for [i=1:words(zones)] infile using "point":(m("free_pages@" . word(zones, i))):(e("free_pages@" . word(zones, i))):xtic(strcol("movablecore")) \
	with yerrorlines lw 1.5 pt 7 ps 0.7 lc rgb word(zone_colours, i) title word(zones, i)
unset multiplot
