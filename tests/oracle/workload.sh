#!/bin/sh
# workload.sh - fragsim held against the real kernel running the workload
# oracle's frag.c (tools/oracle-compare.sh runs every case with seeds 1 to
# 3, as the oracle has three runs of each), on what is stable from run to
# run of the kernel, fragsim's figure being the mean over its seeds:
# - the pageblocks the workload turned Unmovable, per zone: within 15% or
#   3 blocks (whichever is larger) of the mean of the kernel's runs;
# - the first nr_hugepages write's yield as a share of the free-memory
#   bound (obtained / (free pages / 512)): inside the range of the kernel's
#   runs widened by 5 percentage points;
# - the pool after compact_memory and the retry: inside the kernel's range
#   widened by 5% (its growth alone says little: a first write that got
#   more leaves the retry less to add);
# - OOM kills: where every kernel run had one, most of fragsim's seeds do;
#   where no kernel run had one, no seed does (cases in between, such as
#   std without movablecore, 1 run of 3, are not held either way).

. "$SRCDIR/tests/lib.sh"
needs_oracle

[ -f "$ORACLE_DIR/workload/MANIFEST.tsv" ] ||
	skip_all "no workload oracle at $ORACLE_DIR/workload"
FRAGSIM="$FRAGSIM" sh "$SRCDIR/tools/oracle-compare.sh" "$ORACLE_DIR" \
	>"$TMP/table" 2>"$TMP/err" || {
	echo "1..1"; echo "not ok 1 - oracle-compare.sh ran"
	diag "$(cat "$TMP/err")"; exit 0
}

tail -n +2 "$TMP/table" >"$TMP/rows"
while IFS='	' read -r case zone k_delta f_delta k_yield f_yield k_growth \
	f_growth k_hp f_hp k_oom f_oom k_write f_write; do
	ok=$(awk -v k="$k_delta" -v f="$f_delta" 'BEGIN {
		n = split(k, v, ","); for (i = 1; i <= n; i++) s += v[i]
		m = split(f, w, ","); for (i = 1; i <= m; i++) t += w[i]
		mean = s / n; tol = mean * 0.15; if (tol < 3) tol = 3
		d = t / m - mean; if (d < 0) d = -d; print (d <= tol) ? 1 : 0 }')
	if [ "$ok" = 1 ]; then
		pass "$case $zone: $f_delta pageblocks turned Unmovable (kernel: $k_delta)"
	else
		fail "$case $zone: $f_delta pageblocks turned Unmovable (kernel: $k_delta)"
	fi
	[ "$zone" = DMA32 ] || continue
	ok=$(awk -v k="$k_yield" -v f="$f_yield" 'BEGIN {
		n = split(k, v, ","); lo = hi = v[1]
		for (i = 2; i <= n; i++) { if (v[i] < lo) lo = v[i]; if (v[i] > hi) hi = v[i] }
		m = split(f, w, ","); for (i = 1; i <= m; i++) t += w[i]
		f = t / m; print (f >= lo - 5 && f <= hi + 5) ? 1 : 0 }')
	if [ "$ok" = 1 ]; then
		pass "$case: huge-page yield $f_yield% (kernel: $k_yield%)"
	else
		fail "$case: huge-page yield $f_yield% (kernel: $k_yield%)"
	fi
	# the pool after compact_memory and the retry (the second figure of
	# each "first/second"): inside the kernel's range widened by 5%
	ok=$(awk -v k="$k_hp" -v f="$f_hp" 'BEGIN {
		n = split(k, v, ","); lo = hi = -1
		for (i = 1; i <= n; i++) { split(v[i], p, "/")
			if (lo < 0 || p[2] < lo) lo = p[2]; if (p[2] > hi) hi = p[2] }
		m = split(f, w, ","); for (i = 1; i <= m; i++) { split(w[i], p, "/"); t += p[2] }
		t /= m; print (t >= lo * 0.95 && t <= hi * 1.05) ? 1 : 0 }')
	desc="$case: the pool after compact_memory and the retry, $f_hp (kernel: $k_hp)"
	if [ "$ok" = 1 ]; then pass "$desc"; else fail "$desc"; fi
	# runs with kills, of how many: "none" is a run without
	ok=$(awk -v k="$k_oom" -v f="$f_oom" 'BEGIN {
		n = split(k, v, ","); for (i = 1; i <= n; i++) kk += v[i] != "none"
		m = split(f, w, ","); for (i = 1; i <= m; i++) ff += w[i] != "none"
		if (kk == n) print (2 * ff > m) ? 1 : 0
		else if (kk == 0) print (ff == 0) ? 1 : 0
		else print "-" }')
	desc="$case: OOM kills $f_oom (kernel: $k_oom)"
	case $ok in
	1) pass "$desc" ;;
	0) fail "$desc" ;;
	esac
done <"$TMP/rows"
[ "$tap_n" -gt 0 ] || fail "the comparison produced no rows"
done_testing
