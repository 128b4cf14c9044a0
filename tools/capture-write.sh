#!/bin/sh
# capture-write.sh - an nr_hugepages write's timeline from a trace: the
# huge pages it obtained before, during and after kcompactd's proactive
# pass over the zone, so that a kernel capture's write and fragsim's can
# be set side by side (doc/kernel-capture.md, "The churn's two open
# departures").
#
# The write is the task of the first order-9 __GFP_RETRY_MAYFAIL
# mm_page_alloc at or after FROM; it ends 0.2 s after a huge page with no
# other (its failing attempt's compaction follows its last page at
# once).  The pass is kcompactd's last whole-zone pass (mm_compaction_begin
# with migrate_pfn at the zone's start, to its mm_compaction_end) over
# the zone the write first compacted that was under way between the
# write's first huge page and its last; it may have begun before the
# first (a negative time).  Times are
# seconds from the write's first huge page.  Printed, one line:
#   hugepages=N last=+S tick=-S pass=+S..+S pass_migrated=N
#   before=N during=N after=N write_migrated=N/N/N
# tick is kcompactd's last sleep before the write (its timer runs 0.512 s
# from there); pass=none when no pass came while the write ran.
#
# The trace needs the huge pages' mm_page_alloc: a kernel capture made
# with kernel-capture.sh -t has them; fragsim's wants --trace-pfns over
# the zones (as 0-40000 for 1 GiB).
# Usage: capture-write.sh CAPTURE_DIR      (FROM: hugepages_1's t_start - 0.6)
#        capture-write.sh TRACE FROM       (TRACE may be gzip'd)
set -eu
usage() { echo "usage: capture-write.sh CAPTURE_DIR | TRACE FROM" >&2; exit 2; }
case $# in
1)
	[ -f "$1/trace.gz" ] && [ -f "$1/hugepages_1" ] || {
		echo "capture-write.sh: $1: no trace.gz and hugepages_1 (kernel-capture.sh -t)" >&2
		exit 2
	}
	trace=$1/trace.gz
	from=$(sed -n 's/.*t_start=\([0-9.]*\).*/\1/p' "$1/hugepages_1" |
		awk '{ printf "%.6f", $1 - 0.6 }')
	[ -n "$from" ] || {
		echo "capture-write.sh: $1/hugepages_1: no t_start=" >&2
		exit 2
	} ;;
2)
	[ -f "$1" ] || { echo "capture-write.sh: $1: no such file" >&2; exit 2; }
	trace=$1 from=$2
	printf '%s\n' "$from" | grep -Eq '^[0-9]+(\.[0-9]+)?$' || {
		echo "capture-write.sh: FROM \"$from\": expected seconds (as 14.171)" >&2
		exit 2
	} ;;
*) usage ;;
esac

gzip -dcf "$trace" | awk -v from="$from" '
function field(name,   i) {
	for (i = 6; i <= NF; i++)
		if (index($i, name "=") == 1)
			return substr($i, length(name) + 2)
	return ""
}
function part(x) { return pb == "" || x < pb ? 0 : pe == "" || x < pe ? 1 : 2 }
BEGIN { n = nm = np = 0 }
{ t = $4; sub(":$", "", t); t += 0 }
t < from { next }
writer != "" && t - last > 0.2 { exit }
# the write: its task, its huge pages, its migrations
$5 == "mm_page_alloc:" && / order=9 / && /__GFP_RETRY_MAYFAIL/ &&
    (writer == "" || $1 == writer) {
	if (writer == "") { writer = $1; t0 = t }
	last = t; hp[n++] = t
	next
}
$5 == "mm_compaction_kcompactd_sleep:" && writer == "" { tick = t; next }
$1 == writer && $5 == "mm_compaction_begin:" && zone == "" {
	zone = field("zone_start")
}
writer != "" && $1 == writer && $5 == "mm_compaction_migratepages:" {
	mt[nm] = t; mn[nm++] = field("nr_migrated")
}
# kcompactd: its whole-zone passes, what each migrated
$1 ~ /^kcompactd/ && $5 == "mm_compaction_begin:" {
	cur = ""
	if (field("migrate_pfn") == field("zone_start")) {
		cur = np++; pz[cur] = field("zone_start"); pbt[cur] = t
	}
}
$1 ~ /^kcompactd/ && $5 == "mm_compaction_migratepages:" && cur != "" {
	pmn[cur] += field("nr_migrated")
}
$1 ~ /^kcompactd/ && $5 == "mm_compaction_end:" && cur != "" {
	pet[cur] = t; cur = ""
}
END {
	if (writer == "") {
		print "capture-write.sh: no order-9 __GFP_RETRY_MAYFAIL mm_page_alloc after " from > "/dev/stderr"
		exit 1
	}
	for (i = 0; i < np; i++)	# the last pass of the zone under way
		if (pz[i] == zone && pbt[i] <= last &&
		    (!(i in pet) || pet[i] >= t0)) {
			pb = pbt[i]; pe = i in pet ? pet[i] : ""; pm = pmn[i]
		}
	for (i = 0; i < n; i++) h[part(hp[i])]++
	for (i = 0; i < nm; i++) d[part(mt[i])] += mn[i]
	printf "hugepages=%d last=%+.3f tick=%s pass=%s pass_migrated=%d", n,
	    last - t0, tick == "" ? "none" : sprintf("%+.3f", tick - t0),
	    pb == "" ? "none" : sprintf("%+.3f..%s", pb - t0,
	    pe == "" ? "end" : sprintf("%+.3f", pe - t0)), pm
	printf " before=%d during=%d after=%d write_migrated=%d/%d/%d\n",
	    h[0], h[1], h[2], d[0], d[1], d[2]
}'
