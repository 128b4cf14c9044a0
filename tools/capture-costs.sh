#!/bin/sh
# capture-costs.sh - what a compaction run costs on the real kernel, by
# the work it does, from captures traced with kernel-capture.sh -t.
#
# Each compaction run of a traced capture (mm_compaction_begin to
# mm_compaction_end of one task) has a duration and counts of its work:
# the pages it migrated (mm_compaction_migratepages' nr_migrated), those
# its migrate scanner looked at (mm_compaction_isolate_migratepages'
# nr_scanned) and those its linear free scanner looked at
# (mm_compaction_isolate_freepages' nr_scanned; the fast search's walks
# of the free lists have no event, and fall in the fixed part).  Over
# every run of one kind (the allocating tasks' direct compaction, or
# kcompactd's) a least-squares fit of
#     duration = fixed + migrated * a + migrate_scanned * b + free_scanned * c
# gives what a run and each unit of its work cost, in the guest's time
# (a capture's host is not the oracle's: doc/kernel-capture.md).
# fragsim's [costs] price the same units (migrate, compact_scan, the
# latter for both scanners); set them side by side.
# Printed, one line per kind with runs to fit: the kind, the runs, the
# fixed part in us, a in us, b and c in ns, and the root mean square of
# the residuals in us.
# Usage: capture-costs.sh CAPTURE_DIR...
set -eu
[ $# -ge 1 ] || { echo "usage: capture-costs.sh CAPTURE_DIR..." >&2; exit 2; }
for dir in "$@"; do
	[ -f "$dir/trace.gz" ] || {
		echo "capture-costs.sh: no $dir/trace.gz (kernel-capture.sh -t)" >&2
		exit 2
	}
done
for dir in "$@"; do gzip -dc "$dir/trace.gz"; done | awk '
	# runs: one line per finished run, "kind duration m ms fs"
	/^#/ { next }
	{ t = $4; sub(":", "", t); t += 0; task = $1 }
	function count(field,   v) {
		if (!match($0, field "=[0-9]+")) return 0
		v = substr($0, RSTART + length(field) + 1, RLENGTH - length(field) - 1)
		return v + 0
	}
	/ mm_compaction_begin: / { b[task] = t; m[task] = ms[task] = fs[task] = 0
				   on[task] = 1; next }
	!on[task] { next }
	/ mm_compaction_migratepages: / { m[task] += count("nr_migrated"); next }
	/ mm_compaction_isolate_migratepages: / { ms[task] += count("nr_scanned"); next }
	/ mm_compaction_isolate_freepages: / { fs[task] += count("nr_scanned"); next }
	/ mm_compaction_end: / {
		on[task] = 0
		kind = task ~ /^kcompactd/ ? "kcompactd" : "direct"
		n[kind]++
		x[kind, n[kind], 0] = 1
		x[kind, n[kind], 1] = m[task]
		x[kind, n[kind], 2] = ms[task]
		x[kind, n[kind], 3] = fs[task]
		y[kind, n[kind]] = t - b[task]
	}
	# solve K: the normal equations of kind K by Gaussian elimination
	# with partial pivoting into c[0..3]; 0 if they are singular
	function solve(K,   i, j, k, r, p, f, A, B, tmp) {
		for (i = 0; i < 4; i++) {
			B[i] = 0
			for (j = 0; j < 4; j++) A[i, j] = 0
			for (r = 1; r <= n[K]; r++) {
				B[i] += x[K, r, i] * y[K, r]
				for (j = 0; j < 4; j++) A[i, j] += x[K, r, i] * x[K, r, j]
			}
		}
		for (i = 0; i < 4; i++) {
			p = i
			for (k = i + 1; k < 4; k++)
				if ((A[k, i] < 0 ? -A[k, i] : A[k, i]) > (A[p, i] < 0 ? -A[p, i] : A[p, i])) p = k
			if (A[p, i] == 0) return 0
			for (j = 0; j < 4; j++) { tmp = A[i, j]; A[i, j] = A[p, j]; A[p, j] = tmp }
			tmp = B[i]; B[i] = B[p]; B[p] = tmp
			for (k = i + 1; k < 4; k++) {
				f = A[k, i] / A[i, i]
				for (j = i; j < 4; j++) A[k, j] -= f * A[i, j]
				B[k] -= f * B[i]
			}
		}
		for (i = 3; i >= 0; i--) {
			c[i] = B[i]
			for (j = i + 1; j < 4; j++) c[i] -= A[i, j] * c[j]
			c[i] /= A[i, i]
		}
		return 1
	}
	END {
		split("direct kcompactd", kinds, " ")
		printed = 0
		for (k = 1; k <= 2; k++) {
			K = kinds[k]
			if (n[K] < 4 || !solve(K)) continue
			se = 0
			for (r = 1; r <= n[K]; r++) {
				e = y[K, r] - c[0] - c[1] * x[K, r, 1] - c[2] * x[K, r, 2] - c[3] * x[K, r, 3]
				se += e * e
			}
			printf "%s: %d runs; fixed %.1f us, per page migrated %.2f us, " \
			       "per page the migrate scanner looked at %.1f ns, per page " \
			       "the free scanner looked at %.1f ns (rms residual %.1f us)\n",
			       K, n[K], c[0] * 1e6, c[1] * 1e6, c[2] * 1e9, c[3] * 1e9,
			       sqrt(se / n[K]) * 1e6
			printed++
		}
		if (!printed) {
			print "capture-costs.sh: too few compaction runs to fit" \
			      " (was it traced with -t?)" > "/dev/stderr"
			exit 1
		}
	}'
