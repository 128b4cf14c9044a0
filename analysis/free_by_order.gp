# free_by_order.gp - a zone's free memory over simulated time, stacked by
# the order of the free blocks holding it (the buddy lists, as
# /proc/buddyinfo counts them, in MiB), or by migratetype (as
# /proc/pagetypeinfo counts them).
#
# Input (infile): TSV with a header: time_s, then one column per stack
# layer, in MiB: o0 .. o10 (by order) or Unmovable, Movable, Reclaimable,
# HighAtomic, Isolate (by migratetype).
# Set: infile, outfile, term, title, by ("order" or "migratetype").
# Optionally phases, marked on the time axis (see common.gp).
time_axis = "x"
load "common.gp"
set xlabel "simulated time (s)"
set autoscale xfix
set ylabel "free memory (MiB)"
set yrange [0:*]
set style fill solid 0.85 noborder
if (by eq "migratetype") {
	colours = mt_unmovable." ".mt_movable." ".mt_reclaimable." ".mt_highatomic." ".mt_isolate
	n = 5
	set key title "migratetype"
	plot for [i=n:1:-1] infile using 1:(sum [j=2:i+1] column(j)) \
		with filledcurves x1 lc rgb word(colours, i) title columnhead(i + 1)
} else {
	n = 11
	set key title "block order"
	plot for [i=n:1:-1] infile using 1:(sum [j=2:i+1] column(j)) \
		with filledcurves x1 lc rgb word(order_colours, i) title columnhead(i + 1)
}
