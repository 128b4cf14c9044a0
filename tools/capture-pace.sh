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
#
# From a capture made with -u as well (every Unmovable allocation traced),
# also frag's unmovable phases: each cycle's pipe buffers
# (GFP_HIGHUSER|__GFP_ACCOUNT), page tables (GFP_KERNEL_ACCOUNT|
# __GFP_ZERO) and ramfs pages (GFP_HIGHUSER|__GFP_COMP), which frag
# makes in 8 rounds.  Printed: the phases' span, and the rounds' pipe
# buffers (a run of them with no page table or ramfs page between), the
# time each round's took; medians and 10th-90th percentiles, in ms.
# Usage: capture-pace.sh CAPTURE_DIR
set -eu
dir=${1:?usage: capture-pace.sh CAPTURE_DIR}
[ -f "$dir/trace.gz" ] || {
	echo "capture-pace.sh: no $dir/trace.gz (kernel-capture.sh -t -w or -u)" >&2
	exit 2
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fragsim-pace.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
gzip -dc "$dir/trace.gz" >"$tmp/trace"

# quantiles WHAT FILE: median and 10th-90th percentile of FILE's numbers
quantiles() {
	sort -n "$2" | awk -v what="$1" '{ v[NR] = $1 }
		END {
			q = "%.1f"
			printf "%s: %d, median " q " ms (10th-90th percentile " \
			       q "-" q ")\n", what, NR, v[int((NR + 1) / 2)],
			       v[int(NR * 0.1) + 1], v[int(NR * 0.9) + 1]
		}'
}

# frag's unmovable allocations, if traced (-u): phases (a gap over 0.1 s
# between two ends one), and in each the runs of pipe buffers
awk -v phases="$tmp/phases" -v rounds="$tmp/rounds" '
	$1 ~ /^frag-/ && $5 == "mm_page_alloc:" && / migratetype=0 / {
		t = $4 + 0
		k = ""
		if (/ gfp_flags=GFP_HIGHUSER\|__GFP_ACCOUNT$/)
			k = "P"
		else if (/ gfp_flags=GFP_KERNEL_ACCOUNT\|__GFP_ZERO$/ ||
			 / gfp_flags=GFP_HIGHUSER\|__GFP_COMP$/)
			k = "TR"
		if (ps != "" && t - pt > 0.1)
			phase_end()
		if (ps == "")
			ps = t
		pt = t
		if (k == "P") {
			if (rs == "")
				rs = t
			rt = t; np++
		} else if (k == "TR")
			round_end()
	}
	function round_end() {
		if (rs != "")
			r[nr++] = (rt - rs) * 1000
		rs = ""
	}
	# a cycle has one; what comes before the churn has no pipes
	function phase_end() {
		round_end()
		if (np) {
			print (pt - ps) * 1000 > phases
			for (i = 0; i < nr; i++)
				print r[i] > rounds
		}
		ps = ""; np = nr = 0
	}
	END { if (ps != "") phase_end() }' "$tmp/trace"
unmovable=0
if [ -s "$tmp/phases" ]; then
	unmovable=1
	quantiles "unmovable phases" "$tmp/phases"
	quantiles "their rounds of pipe buffers" "$tmp/rounds"
fi

awk -v unmovable=$unmovable '
	# runs of one kind: T absorber (order 9), A fault, F free; the
	# Unmovable allocations of a -u capture are none of them
	$1 ~ /^frag-/ && !($5 == "mm_page_alloc:" && / migratetype=0 /) {
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
			if (unmovable)
				exit 0
			print "capture-pace.sh: no cycles with faults and frees in" \
			      " the window, nor unmovable phases (was it traced" \
			      " with -w or -u?)" > "/dev/stderr"
			exit 1
		}
		printf "cycles %d, %.3f s each; refill %.3f s, frees %.3f s a cycle\n",
		       ncyc, cyc / ncyc, sa / na, sf / nf
		# after the last absorber run: its refill, then the release
		if (ff != "")
			printf "release: frees over %.3f s (%.3f to %.3f)\n",
			       lf - ff, ff, lf
	}' "$tmp/trace"
