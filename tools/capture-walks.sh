#!/bin/sh
# capture-walks.sh - what the real kernel's direct compaction spends on
# each free-list entry its fast search walks, from captures traced with
# kernel-capture.sh -t.
#
# fast_isolate_freepages has no event: the entries it walks show only in
# compact_free_scanned, beside the pages it isolates (each counted by its
# order's pages) and the pages the linear free scanner looks at.  Over a
# capture's first nr_hugepages write (hugepages_1's t_start to t_end,
# give or take 20 ms, the snapshots 01_fragmented and 02_after_hugepages
# around it) they are therefore
#     entries = compact_free_scanned - linear scanned
#               - (compact_isolated - migrate taken - linear taken)
# with every task's mm_compaction_isolate_migratepages and
# _isolate_freepages events giving the scanned and taken pages.  The time
# the write's direct compaction runs took (begin to end, every task but
# kcompactd), less what their other work costs at capture-costs.sh's
# prices, is then fitted over the captures as
#     left = runs * fixed + entries * walk
# by least squares.  The prices (-p "CALL_US PAGE_US MSCAN_NS FSCAN_NS":
# a migrate_pages() call, a page migrated, a page the migrate and the
# linear free scanner looked at) default to capture-costs.sh's fit of
# the churn captures taken here (doc/kernel-capture.md).  Printed: a line
# per capture (its runs, their seconds, the entries, what is left in ms),
# then the fit: fixed in us, walk in ns, on the capture's host.
# Usage: capture-walks.sh [-p PRICES] CAPTURE_DIR...
set -eu
prices="260 7.4 54 189"
if [ "${1:-}" = -p ]; then
	[ $# -ge 2 ] || { echo "capture-walks.sh: -p needs four prices" >&2; exit 2; }
	prices=$2
	shift 2
fi
[ $# -ge 1 ] || {
	echo "usage: capture-walks.sh [-p \"CALL_US PAGE_US MSCAN_NS FSCAN_NS\"] CAPTURE_DIR..." >&2
	exit 2
}
[ "$(echo $prices | wc -w)" -eq 4 ] || {
	echo "capture-walks.sh: -p \"$prices\": expected four numbers" >&2
	exit 2
}
for dir in "$@"; do
	for f in trace.gz hugepages_1 01_fragmented/vmstat 02_after_hugepages/vmstat; do
		[ -f "$dir/$f" ] || {
			echo "capture-walks.sh: no $dir/$f (kernel-capture.sh -t)" >&2
			exit 2
		}
	done
done

# one line per capture: name runs seconds entries left
for dir in "$@"; do
	ts=$(sed -n 's/.*t_start=\([0-9.]*\).*/\1/p' "$dir/hugepages_1")
	te=$(sed -n 's/.*t_end=\([0-9.]*\).*/\1/p' "$dir/hugepages_1")
	[ -n "$ts" ] && [ -n "$te" ] || {
		echo "capture-walks.sh: $dir/hugepages_1: expected t_start= and t_end=" >&2
		exit 2
	}
	vm=$(awk 'NR == FNR { a[$1] = $2; next }
		{ d[$1] = $2 - a[$1] }
		END { print d["compact_free_scanned"] + 0, d["compact_isolated"] + 0 }' \
		"$dir/01_fragmented/vmstat" "$dir/02_after_hugepages/vmstat")
	gzip -dc "$dir/trace.gz" | awk -v name="$(basename "$dir")" \
		-v ts="$ts" -v te="$te" -v vm="$vm" -v prices="$prices" '
		function count(field,   v) {
			if (!match($0, field "=[0-9]+")) return 0
			v = substr($0, RSTART + length(field) + 1, RLENGTH - length(field) - 1)
			return v + 0
		}
		/^#/ { next }
		{ t = $4; sub(":", "", t); t += 0; task = $1 }
		t < ts - 0.02 || t > te + 0.02 { next }
		{ direct = task !~ /^kcompactd/ }
		/ mm_compaction_isolate_migratepages: / {
			mt += count("nr_taken")
			if (on[task] && direct) ms += count("nr_scanned")
		}
		/ mm_compaction_isolate_freepages: / {
			ls += count("nr_scanned"); lt += count("nr_taken")
			if (on[task] && direct) fs += count("nr_scanned")
		}
		/ mm_compaction_migratepages: / && on[task] && direct {
			mig += count("nr_migrated"); calls++
		}
		/ mm_compaction_begin: / { on[task] = 1; b[task] = t }
		/ mm_compaction_end: / && on[task] {
			on[task] = 0
			if (direct) { secs += t - b[task]; runs++ }
		}
		END {
			split(vm, v, " "); split(prices, p, " ")
			entries = v[1] - ls - (v[2] - mt - lt)
			left = secs - calls * p[1] * 1e-6 - mig * p[2] * 1e-6 \
			       - ms * p[3] * 1e-9 - fs * p[4] * 1e-9
			printf "%s %d %.6f %d %.6f\n", name, runs, secs, entries, left
		}'
done | awk '
	{ n++; name[n] = $1; r[n] = $2; s[n] = $3; e[n] = $4; y[n] = $5 }
	END {
		for (i = 1; i <= n; i++) {
			printf "%s: %d direct runs, %.1f ms, %d entries walked, " \
			       "%.1f ms left\n", name[i], r[i], s[i] * 1e3, e[i], y[i] * 1e3
			if (r[i] > 0) {
				m++; srr += r[i] * r[i]; sre += r[i] * e[i]
				see += e[i] * e[i]; sry += r[i] * y[i]; sey += e[i] * y[i]
			}
		}
		det = srr * see - sre * sre
		if (m < 3 || det <= 1e-9 * srr * see) {
			print "capture-walks.sh: too few writes with direct runs " \
			      "(or entries that do not vary) to fit" > "/dev/stderr"
			exit 1
		}
		fixed = (sry * see - sre * sey) / det
		walk = (srr * sey - sre * sry) / det
		printf "fit over %d writes: fixed %.1f us a run, %.1f ns an entry walked\n",
		       m, fixed * 1e6, walk * 1e9
	}'
