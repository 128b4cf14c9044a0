# compare-lib.sh - what oracle-compare.sh and churn-compare.sh both read
# out of a snapshot; sourced by them, not run.

# unmovable ZONE FILE: the Unmovable pageblocks of ZONE in a pagetypeinfo
# (its "Number of blocks type" table) or in fragsim's summary, whose zone
# lines read "Node 0, zone DMA32: Unmovable N, ...".
unmovable() {
	awk -v zone="$1" '
		/^Number of blocks type/ { table = 1; next }
		table && $4 == zone { print $5; exit }
		$1 == "Node" && $4 == zone":" && $5 == "Unmovable" {
			sub(",", "", $6); print $6; exit }' "$2"
}
