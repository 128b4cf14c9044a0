# sweep.gp - a sweep's headline figures against the swept parameter, with
# 95% confidence intervals across seeds: huge pages obtained (left) and
# the fragmentation index at order 9 at the end of the run (right).
#
# Input (infile): TSV with a header: value (the parameter, a number), then
# hugepages_mean, hugepages_ci, frag9_mean, frag9_ci.
# Set: infile, outfile, term, title, param (the parameter's name and unit,
# e.g. "movablecore (% of memory)").
load "common.gp"
set multiplot layout 1,2 title title noenhanced
set xlabel param noenhanced
unset title
set ylabel "huge pages obtained (2 MiB)"
set yrange [0:*]
plot infile using 1:2:3 with yerrorlines lw 2 pt 7 lc rgb "#1f77b4" title "mean, 95% CI"
set ylabel "fragmentation index, order 9"
set yrange [-1.05:1.05]
plot infile using 1:4:5 with yerrorlines lw 2 pt 7 lc rgb "#d62728" title "mean, 95% CI"
unset multiplot
