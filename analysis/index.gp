# index.gp - a zone's fragmentation index, or its unusable free space
# index, for every order over simulated time, order 9 (a 2 MiB huge page)
# drawn thick.  The values are the kernel's (mm/vmstat.c), as
# /sys/kernel/debug/extfrag/ prints them: the fragmentation index is -1
# while a free block of the order exists, else from 0 (a request would fail
# for lack of memory) to 1 (it would fail from fragmentation); the unusable
# index is the share of free memory in blocks too small for the order.
#
# Input (infile): TSV with a header: time_s, then o0 .. o10.
# Set: infile, outfile, term, title, which ("extfrag" or "unusable").
# Optionally phases, marked on the time axis (see common.gp).
time_axis = "x"
load "common.gp"
set xlabel "simulated time (s)"
set autoscale xfix
set bmargin 6
if (which eq "unusable") {
	set ylabel "unusable free space index (0 to 1)"
	set yrange [0:1.02]
	set label 100 "the share of free memory in blocks smaller than the order: 0 = every free page is usable, 1 = none is (or no free memory)" \
		at screen 0.02, screen 0.03 font ",9" noenhanced
} else {
	set ylabel "fragmentation index (-1 to 1)"
	set yrange [-1.05:1.05]
	set label 100 "-1: a free block of the order exists.  Otherwise an allocation of the order would fail: near 0 for lack of free memory, near 1 from fragmentation" \
		at screen 0.02, screen 0.03 font ",9" noenhanced
}
set key title "order"
plot for [o=0:10] infile using 1:(column(o + 2)) with lines \
	lw (o == 9 ? 3.5 : 1.2) lc rgb word(order_colours, o + 1) \
	title sprintf("%d%s", o, o == 9 ? " (2 MiB)" : "")
