# common.gp - what every fragsim plot shares: the terminal, fonts, grid and
# the migratetype colours (pagetypeinfo's order: Unmovable, Movable,
# Reclaimable, HighAtomic, Isolate; then "not in the zone").
#
# Set before loading: outfile, term ("png" or "svg"), title; optionally
# phases ("START NAME START NAME ...": each phase's start in simulated
# seconds and its one-word name), marked as dotted lines across the time
# axis, which the script names with time_axis ("x" or "y") before loading.
if (!exists("term")) term = "png"
if (term eq "svg") {
	set terminal svg size 1000,600 dynamic enhanced font "sans,11" background "#ffffff"
} else {
	set terminal pngcairo size 1000,600 enhanced font "sans,10" background "#ffffff"
}
set output outfile
set datafile separator "\t"
set key outside right top
set grid xtics ytics lt 1 lw 1 lc rgb "#e0e0e0"
set border lc rgb "#555555"
set title title noenhanced
mt_unmovable   = "#d62728"
mt_movable     = "#2ca02c"
mt_reclaimable = "#1f77b4"
mt_highatomic  = "#9467bd"
mt_isolate     = "#ff7f0e"
# a colour per order, 0 to 10, from light to dark
order_colours = "#fde725 #b5de2b #6ece58 #35b779 #1f9e89 #26828e #31688e #3e4989 #8c6bb1 #d62728 #2d0a3e"
if (exists("phases") && exists("time_axis")) {
	do for [i = 1:words(phases) - 1:2] {
		t = real(word(phases, i))
		if (time_axis eq "y") {
			set arrow from graph 0, first t to graph 1, first t nohead \
				dt 3 lw 1.5 lc rgb "#000000" front
			set label word(phases, i + 1) at graph 1, first t \
				offset 0.5, 0 left font ",9" noenhanced
		} else {
			set arrow from first t, graph 0 to first t, graph 1 nohead \
				dt 3 lw 1 lc rgb "#555555" front
			set label word(phases, i + 1) at first t, graph 0 \
				offset 1.1, 0.5 left rotate by 90 font ",9" \
				noenhanced front
		}
	}
}
