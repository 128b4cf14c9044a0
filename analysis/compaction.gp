# compaction.gp - compaction's activity over simulated time, from the
# kernel's /proc/vmstat counters as they grow: pages scanned by the migrate
# and free scanners and pages migrated (left axis), compaction stalls,
# successes, failures and deferrals (right axis).
#
# Input (infile): TSV with a header: time_s, compact_migrate_scanned,
# compact_free_scanned, pgmigrate_success, compact_stall, compact_success,
# compact_fail, compact_deferred (all cumulative since boot).
# Set: infile, outfile, term, title.
# Optionally phases, marked on the time axis (see common.gp).
time_axis = "x"
load "common.gp"
set xlabel "simulated time (s)"
set autoscale xfix
set ylabel "pages since boot (solid lines)"
set y2label "events since boot (steps)"
set key inside left top box opaque
set ytics nomirror
set y2tics
set format y "%.1s%c"
# ranges from the data, at least 1, so that a run without compaction
# draws flat lines at 0 rather than an empty range
max2(a, b) = a > b ? a : b
stats infile skip 1 using (max2(max2($2, $3), $4)):(max2(max2($5, $6), max2($7, $8))) nooutput
set yrange [0:max2(STATS_max_x * 1.05, 1)]
set y2range [0:max2(STATS_max_y * 1.05, 1)]
plot infile using 1:2 with lines lw 2 lc rgb "#1f77b4" title "pages scanned by the migrate scanner (left axis)", \
	'' using 1:3 with lines lw 2 lc rgb "#aec7e8" title "pages scanned by the free scanner (left axis)", \
	'' using 1:4 with lines lw 2 lc rgb "#2ca02c" title "pages migrated (left axis)", \
	'' using 1:5 axes x1y2 with steps lw 1.5 lc rgb "#7f7f7f" title "direct compaction stalls (right axis)", \
	'' using 1:6 axes x1y2 with steps lw 1.5 lc rgb "#17becf" title "compactions that succeeded (right axis)", \
	'' using 1:7 axes x1y2 with steps lw 1.5 lc rgb "#d62728" title "compactions that failed (right axis)", \
	'' using 1:8 axes x1y2 with steps lw 1.5 dt 2 lc rgb "#ff7f0e" title "compactions deferred (right axis)"
