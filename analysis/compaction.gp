# compaction.gp - compaction's activity over simulated time, from the
# kernel's /proc/vmstat counters as they grow: pages scanned by the migrate
# and free scanners and pages migrated (left axis), compaction stalls,
# successes, failures and deferrals (right axis).
#
# Input (infile): TSV with a header: time_s, compact_migrate_scanned,
# compact_free_scanned, pgmigrate_success, compact_stall, compact_success,
# compact_fail, compact_deferred (all cumulative since boot).
# Set: infile, outfile, term, title.
load "common.gp"
set xlabel "simulated time (s)"
set ylabel "pages (cumulative)"
set y2label "events (cumulative)"
set ytics nomirror
set y2tics
set format y "%.1s%c"
set yrange [0:*]
set y2range [0:*]
plot infile using 1:2 with lines lw 2 lc rgb "#1f77b4" title "migrate scanner: pages scanned", \
	'' using 1:3 with lines lw 2 lc rgb "#aec7e8" title "free scanner: pages scanned", \
	'' using 1:4 with lines lw 2 lc rgb "#2ca02c" title "pages migrated", \
	'' using 1:5 axes x1y2 with steps lw 1.5 lc rgb "#7f7f7f" title "stalls (direct compaction)", \
	'' using 1:6 axes x1y2 with steps lw 1.5 lc rgb "#17becf" title "successes", \
	'' using 1:7 axes x1y2 with steps lw 1.5 lc rgb "#d62728" title "failures", \
	'' using 1:8 axes x1y2 with steps lw 1.5 dt 2 lc rgb "#ff7f0e" title "deferred"
