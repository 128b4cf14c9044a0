# pageblock_map.gp - the physical memory picture: a zone's pageblocks
# (2 MiB each) along the x axis by physical address, simulated time up the
# y axis, coloured by the pageblock's migratetype; a pageblock that holds
# pages of another mobility (mixed: the pollution grouping by mobility
# exists to prevent) is drawn in a dark shade of its colour.
#
# Input (infile): TSV, no header, one line per cell and a blank line
# between rows: time_s, address (the cell's middle, in xunit), class,
# where class is the migratetype (0 Unmovable, 1 Movable, 2 Reclaimable,
# 3 HighAtomic, 4 Isolate, 5 not in the zone: a hole, offline memory or
# another zone's) plus 8 when mixed.  Rows and cells must be evenly
# spaced (gnuplot's images need a grid); "fragsim plot" resamples the
# stored maps so.
# Set: infile, outfile, term, title; optionally xunit ("MiB" or "GiB",
# default MiB) and cell (pageblocks per cell, as a string, default "1").
# Optionally phases, marked on the time axis (see common.gp).
time_axis = "y"
load "common.gp"
if (!exists("xunit")) xunit = "MiB"
if (!exists("cell")) cell = "1"
set xlabel sprintf("physical address (%s)%s", xunit, cell eq "1" ? \
	"; a column is one pageblock (2 MiB)" : \
	"; a column is ".cell." pageblocks, drawn in their most common state")
set ylabel "simulated time (s)"
set cbrange [-0.5:15.5]
set palette maxcolors 16
set palette defined ( \
	0 "#d62728", 1 "#2ca02c", 2 "#1f77b4", 3 "#9467bd", 4 "#ff7f0e", \
	5 "#e6e6e6", 6 "#ffffff", 7 "#ffffff", \
	8 "#6b1010", 9 "#145214", 10 "#0c3a5e", 11 "#4a2f60", 12 "#7f3f07", \
	13 "#e6e6e6", 14 "#ffffff", 15 "#ffffff")
unset colorbox
unset grid
set autoscale xfix
set autoscale yfix
set key outside right top title "pageblock type"
# the legend: one invisible box per class
plot infile using 2:1:3 with image notitle, \
	NaN with boxes fs solid lc rgb mt_unmovable title "Unmovable", \
	NaN with boxes fs solid lc rgb mt_movable title "Movable", \
	NaN with boxes fs solid lc rgb mt_reclaimable title "Reclaimable", \
	NaN with boxes fs solid lc rgb mt_highatomic title "HighAtomic", \
	NaN with boxes fs solid lc rgb mt_isolate title "Isolate", \
	NaN with boxes fs solid lc rgb "#6b1010" title "Unmovable, mixed", \
	NaN with boxes fs solid lc rgb "#145214" title "Movable, mixed", \
	NaN with boxes fs solid lc rgb "#0c3a5e" title "Reclaimable, mixed", \
	NaN with boxes fs solid lc rgb "#e6e6e6" title "not in the zone"
