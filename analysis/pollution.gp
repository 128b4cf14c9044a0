# pollution.gp - a zone's pollution over simulated time: the pageblocks
# that hold at least one page allocated as unmovable or reclaimable (slab,
# page tables, kernel memory, pinned and ramfs pages) or a reserved page:
# what neither compaction nor offlining can empty (the churn oracle's
# census of blocks_with_nonlru), beside the pageblocks
# of type Unmovable (what /proc/pagetypeinfo counts) and the mixed ones.
#
# Input (infile): TSV with a header: time_s, nonmovable, unmovable, mixed.
# Set: infile, outfile, term, title.  Optionally phases (see common.gp).
time_axis = "x"
load "common.gp"
set xlabel "simulated time (s)"
set autoscale xfix
set ylabel "pageblocks"
set yrange [0:*]
set key inside top left box opaque
plot infile using 1:2 with steps lw 2 lc rgb mt_unmovable title "holding an unmovable page", \
	infile using 1:3 with steps lw 2 dt 2 lc rgb "#8c564b" title "of type Unmovable", \
	infile using 1:4 with steps lw 1.5 lc rgb mt_highatomic title "mixed"
