# sweep.gp - a sweep's headline figures against the swept parameter, with
# 95% confidence intervals across seeds: huge pages obtained (left) and
# the fragmentation index at order 9 at the end of the run (right).
#
# Input (infile): TSV, one block per series (a line per curve: the runs
# that share the values of the other swept parameters), blocks separated
# by two blank lines, each opening with a header line whose first field
# names the series: value (the parameter, a number), label (the value as
# given, for the tics), hugepages_mean, hugepages_ci95, frag9_mean,
# frag9_ci95 (the half-widths of the 95% intervals; 0 with one seed),
# seeds.
# Set: infile, outfile, term, title, param (the parameter's name and unit,
# e.g. "movablecore (%)"); optionally nseries (the number of blocks, as a
# string, default "1") and at (the moment the index was read, as fragsim
# plot --at names it; default the run's end).
load "common.gp"
if (!exists("nseries")) nseries = "1"
ns = int(nseries + 0)
if (term eq "svg") {
	set terminal svg size 1200,600 dynamic enhanced font "sans,11" background "#ffffff"
} else {
	set terminal pngcairo size 1200,600 enhanced font "sans,10" background "#ffffff"
}
set output outfile
set multiplot layout 1,2 title title noenhanced
set xlabel param noenhanced
set offsets graph 0.05, graph 0.05, 0, 0
set key inside top right box opaque
unset title
set title "huge pages (2 MiB) obtained: order-9 allocations + hugetlb pool"
set ylabel "huge pages obtained"
set yrange [0:*]
series_colours = "#1f77b4 #d62728 #2ca02c #9467bd #ff7f0e #8c564b #e377c2 #7f7f7f"
plot for [i=0:ns-1] infile index i using 1:3:4:xtic(2) with yerrorlines \
	lw 2 pt 7 ps 1.2 lc rgb word(series_colours, i % 8 + 1) title (ns > 1 ? columnhead(1) : "mean over seeds, 95% CI")
if (!exists("at") || at eq "end") {
	set title "fragmentation index at order 9, all zones, at the run's end"
} else {
	set title sprintf("fragmentation index at order 9, all zones, at %s", at) noenhanced
}
set ylabel "fragmentation index (-1: a free 2 MiB block exists)"
set yrange [-1.1:1.1]
plot for [i=0:ns-1] infile index i using 1:5:6:xtic(2) with yerrorlines \
	lw 2 pt 7 ps 1.2 lc rgb word(series_colours, (ns > 1 ? i : 1) % 8 + 1) title (ns > 1 ? columnhead(1) : "mean over seeds, 95% CI")
unset multiplot
