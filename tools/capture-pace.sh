#!/bin/sh
# capture-pace.sh - how fast frag goes on the real kernel: its cycles, and
# within them the refill's faults and the free's MADV_DONTNEED calls, and
# the release's, from a capture made with kernel-capture.sh -t -w LO-HI
# (every page allocated and freed in one pfn window traced).
#
# frag's events come in runs: the THP absorber's order-9 faults open a
# cycle, its pipes' fallbacks follow, then the refill's faults and the
# next cycle's frees.  A window holds a few percent of the pages, so each
# run's first and last event bound it from inside.  Printed: the cycles
# and their mean length (from one absorber run to the next), the mean
# span of a cycle's refill and of its frees, and the release's span (the
# frees after the last cycle), in seconds of guest time.
# Usage: capture-pace.sh CAPTURE_DIR
set -eu
dir=${1:?usage: capture-pace.sh CAPTURE_DIR}
[ -f "$dir/trace.gz" ] || {
	echo "capture-pace.sh: no $dir/trace.gz (kernel-capture.sh -t -w)" >&2
	exit 2
}
gzip -dc "$dir/trace.gz" | awk '
	# runs of one kind: T absorber (order 9), A fault, F free
	$1 ~ /^frag-/ {
		t = $4 + 0
		if ($5 == "mm_page_alloc:")
			k = $0 ~ /order=9 / ? "T" : "A"
		else if ($5 == "mm_page_free:")
			k = "F"
		else
			next
		if (k != pk || t - pt > 0.03) {
			if (pk != "")
				run(pk, st, pt)
			st = t
		}
		pk = k; pt = t
	}
	function run(k, a, b) {
		if (k == "T") {
			if (nt++) { cyc += a - lastt; ncyc++ }
			lastt = a; inref = 1; infree = 0
			if (fa != "") { sa += la - fa; na++ }
			if (ff != "") { sf += lf - ff; nf++ }
			fa = ff = ""
			return
		}
		if (k == "A" && nt) { if (fa == "") fa = a; la = b }
		if (k == "F" && nt) { if (ff == "") ff = a; lf = b }
	}
	END {
		if (pk != "")
			run(pk, st, pt)
		if (!ncyc || !na || !nf) {
			print "capture-pace.sh: no cycles with faults and frees in" \
			      " the window (was it traced with -w?)" > "/dev/stderr"
			exit 1
		}
		printf "cycles %d, %.3f s each; refill %.3f s, frees %.3f s a cycle\n",
		       ncyc, cyc / ncyc, sa / na, sf / nf
		# after the last absorber run: its refill, then the release
		if (ff != "")
			printf "release: frees over %.3f s (%.3f to %.3f)\n",
			       lf - ff, ff, lf
	}'
