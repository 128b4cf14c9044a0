#!/bin/sh
# capture-costs.sh - what a compaction run costs on the real kernel, by
# the work it does, from captures traced with kernel-capture.sh -t.
#
# Each compaction run of a traced capture (mm_compaction_begin to
# mm_compaction_end of one task) has a duration and counts of its work:
# its migrate_pages() calls (mm_compaction_migratepages events) and the
# pages they migrated (their nr_migrated), the pages its migrate scanner
# looked at (mm_compaction_isolate_migratepages' nr_scanned) and those
# its linear free scanner looked at (mm_compaction_isolate_freepages'
# nr_scanned; the fast search's walks of the free lists have no event,
# and fall in the fixed part).  Over every run of one kind (the
# allocating tasks' direct compaction, or kcompactd's) a fit of
#     duration = fixed + calls * a + migrated * b
#                + migrate_scanned * c + free_scanned * d
# gives what a run and each unit of its work cost, in the guest's time
# (a capture's host is not the oracle's: doc/kernel-capture.md).  The
# fit is least squares made robust (Huber's weights, 1.345 times the
# residuals' scaled median deviation, iterated): a run the guest was
# descheduled in costs milliseconds that no work explains, and would
# otherwise pull every figure.  A run that migrates nothing costs tens
# of microseconds where one migrate_pages() call costs hundreds, so the
# calls are a term of their own; without it their cost lands in the
# fixed part.  fragsim's [costs] price the pages (migrate, compact_scan,
# the latter for both scanners); set them side by side.
# Printed, one line per kind with runs to fit: the kind, the runs, the
# fixed part and a in us, b in us, c and d in ns, and the residuals'
# scaled median absolute deviation in us.
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
				   nc[task] = 0; on[task] = 1; next }
	!on[task] { next }
	/ mm_compaction_migratepages: / { m[task] += count("nr_migrated")
					  nc[task]++; next }
	/ mm_compaction_isolate_migratepages: / { ms[task] += count("nr_scanned"); next }
	/ mm_compaction_isolate_freepages: / { fs[task] += count("nr_scanned"); next }
	/ mm_compaction_end: / {
		on[task] = 0
		kind = task ~ /^kcompactd/ ? "kcompactd" : "direct"
		n[kind]++
		x[kind, n[kind], 0] = 1
		x[kind, n[kind], 1] = nc[task]
		x[kind, n[kind], 2] = m[task]
		x[kind, n[kind], 3] = ms[task]
		x[kind, n[kind], 4] = fs[task]
		y[kind, n[kind]] = t - b[task]
		w[kind, n[kind]] = 1
	}
	# solve K: the weighted normal equations of kind K by Gaussian
	# elimination with partial pivoting into c[0..N-1]; 0 if singular
	function solve(K,   i, j, k, r, p, f, A, B, tmp) {
		for (i = 0; i < N; i++) {
			B[i] = 0
			for (j = 0; j < N; j++) A[i, j] = 0
			for (r = 1; r <= n[K]; r++) {
				B[i] += w[K, r] * x[K, r, i] * y[K, r]
				for (j = 0; j < N; j++)
					A[i, j] += w[K, r] * x[K, r, i] * x[K, r, j]
			}
		}
		for (i = 0; i < N; i++) {
			p = i
			for (k = i + 1; k < N; k++)
				if ((A[k, i] < 0 ? -A[k, i] : A[k, i]) > (A[p, i] < 0 ? -A[p, i] : A[p, i])) p = k
			if ((A[p, i] < 0 ? -A[p, i] : A[p, i]) < 1e-12 * (A[0, 0] + 1))
				return 0
			for (j = 0; j < N; j++) { tmp = A[i, j]; A[i, j] = A[p, j]; A[p, j] = tmp }
			tmp = B[i]; B[i] = B[p]; B[p] = tmp
			for (k = i + 1; k < N; k++) {
				f = A[k, i] / A[i, i]
				for (j = i; j < N; j++) A[k, j] -= f * A[i, j]
				B[k] -= f * B[i]
			}
		}
		for (i = N - 1; i >= 0; i--) {
			c[i] = B[i]
			for (j = i + 1; j < N; j++) c[i] -= A[i, j] * c[j]
			c[i] /= A[i, i]
		}
		return 1
	}
	function residual(K, r,   i, e) {
		e = y[K, r]
		for (i = 0; i < N; i++) e -= c[i] * x[K, r, i]
		return e
	}
	# the median absolute deviation of the residuals, scaled to a normal
	# distribution: its standard deviation
	function mad(K,   r, a, k, j, v, tmp) {
		for (r = 1; r <= n[K]; r++) {
			v = residual(K, r); a[r] = v < 0 ? -v : v
			for (j = r; j > 1 && a[j - 1] > a[j]; j--) {
				tmp = a[j]; a[j] = a[j - 1]; a[j - 1] = tmp }
		}
		k = int((n[K] + 1) / 2)
		return 1.4826 * (n[K] % 2 ? a[k] : (a[k] + a[k + 1]) / 2)
	}
	# Huber: least squares, then weights min(1, h / |residual|) with h
	# 1.345 scaled deviations, until the fit stops moving
	function robust(K,   it, r, s, h, e, i, prev, moved) {
		if (!solve(K)) return 0
		for (it = 0; it < 50; it++) {
			s = mad(K)
			if (s <= 0) break		# an exact fit
			h = 1.345 * s
			for (r = 1; r <= n[K]; r++) {
				e = residual(K, r); e = e < 0 ? -e : e
				w[K, r] = e <= h ? 1 : h / e
			}
			for (i = 0; i < N; i++) prev[i] = c[i]
			if (!solve(K)) return 0
			moved = 0
			for (i = 0; i < N; i++) {
				e = c[i] - prev[i]; e = e < 0 ? -e : e
				if (e > 1e-9 * (prev[i] < 0 ? -prev[i] : prev[i]) + 1e-15)
					moved = 1
			}
			if (!moved) break
		}
		return 1
	}
	BEGIN { N = 5 }
	END {
		split("direct kcompactd", kinds, " ")
		printed = 0
		for (k = 1; k <= 2; k++) {
			K = kinds[k]
			if (n[K] < 2 * N || !robust(K)) continue
			printf "%s: %d runs; fixed %.1f us, per migrate_pages call " \
			       "%.1f us, per page migrated %.2f us, per page the " \
			       "migrate scanner looked at %.1f ns, per page the free " \
			       "scanner looked at %.1f ns (residual deviation %.1f us)\n",
			       K, n[K], c[0] * 1e6, c[1] * 1e6, c[2] * 1e6, c[3] * 1e9,
			       c[4] * 1e9, mad(K) * 1e6
			printed++
		}
		if (!printed) {
			print "capture-costs.sh: too few compaction runs to fit" \
			      " (was it traced with -t?)" > "/dev/stderr"
			exit 1
		}
	}'
