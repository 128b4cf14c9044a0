# compare-lib.sh - what oracle-compare.sh, churn-compare.sh and
# churn-census.sh read alike out of the oracle; sourced by them, not run.

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

# kernel CASE COLUMN: the column of the churn oracle's summary.tsv
# ($oracle/summary.tsv) for the case's runs whose churn completed, one per
# line.
kernel() {
	awk -F'\t' -v c="$1" -v k="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == c && $col["churn_completed"] == "yes" { print $col[k] }' \
		"$oracle/summary.tsv"
}
