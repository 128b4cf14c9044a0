# pageblock_map.gp - the physical memory picture: every pageblock (2 MiB)
# of a zone along the x axis, simulated time up the y axis, coloured by
# the pageblock's migratetype; a pageblock that holds pages of another
# mobility (mixed: the pollution grouping by mobility exists to prevent)
# is drawn in a dark shade of its colour.
#
# Input (infile): TSV, no header: time_s, pageblock index, value, where
# value is the migratetype (0 Unmovable, 1 Movable, 2 Reclaimable,
# 3 HighAtomic, 4 Isolate, 6 not in the zone) plus 8 when mixed.
# Set: infile, outfile, term, title.
load "common.gp"
set xlabel "pageblock (2 MiB each, from the zone's start)"
set ylabel "simulated time (s)"
set cbrange [-0.5:15.5]
set palette maxcolors 16
set palette defined ( \
	0 "#d62728", 1 "#2ca02c", 2 "#1f77b4", 3 "#9467bd", 4 "#ff7f0e", \
	5 "#ffffff", 6 "#f0f0f0", 7 "#ffffff", \
	8 "#6b1010", 9 "#145214", 10 "#0c3a5e", 11 "#4a2f60", 12 "#7f3f07", \
	13 "#ffffff", 14 "#f0f0f0", 15 "#ffffff")
unset colorbox
set autoscale xfix
set autoscale yfix
set key outside right top
# the legend: one invisible point per class
plot infile using 2:1:3 with image notitle, \
	NaN with boxes fs solid lc rgb mt_unmovable title "Unmovable", \
	NaN with boxes fs solid lc rgb mt_movable title "Movable", \
	NaN with boxes fs solid lc rgb mt_reclaimable title "Reclaimable", \
	NaN with boxes fs solid lc rgb mt_highatomic title "HighAtomic", \
	NaN with boxes fs solid lc rgb "#6b1010" title "mixed (dark)"
