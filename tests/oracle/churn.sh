#!/bin/sh
# churn.sh - fragsim held against the real kernel running frag --churn,
# its huge-page writes and the unplug loop (tools/churn-compare.sh runs
# every case of the churn oracle with seeds 1 to 3 on the case's own boot
# log), fragsim's figure being the mean over its seeds.  Runs whose
# workload was OOM-killed during the churn are left out of the figures on
# both sides, as the oracle's README asks of its own: the kernel's
# (churn_completed=no) and fragsim's seeds, for which the next seeds are
# drawn until three completed it; the OOM check alone counts every run
# and every seed tried.
# - Unmovable pageblocks at boot per zone, the state the growth is
#   measured from: within one block of the kernel's runs (00_boot);
# - M0, MemFree as frag starts, which sizes its churn: within 1% of the
#   kernel's range (frag.log);
# - Unmovable pageblock growth per zone: within 15% or 3 blocks
#   (whichever is larger) of the kernel's range;
# - the first nr_hugepages write's yield (obtained / (free pages / 512)):
#   inside the kernel's range widened by 5 percentage points;
# - the pool after compact_memory and the retry: inside the kernel's range
#   widened by 5%;
# - memory blocks offlined per zone: within one block of the kernel's range;
# - OOM kills: where every kernel run had one, most seeds tried do; where
#   none did, no seed tried does;
# - ZONE_MOVABLE's pageblocks just before the first write
#   (tools/churn-census.sh: frag --blockscan's census beside
#   run --show blocks): the blocks with at most 64 pages in use, which
#   compaction empties cheaply, and those with more than 256, each within
#   10% or 5 blocks (whichever is larger) of the kernel's range.
# A check listed in tests/oracle/churn.todo is where fragsim is known to
# depart from the kernel (the file says why): it is reported as TODO, and
# reported as an unexpected pass once fragsim meets it, so that the list
# is kept true.

. "$SRCDIR/tests/lib.sh"
needs_oracle

TODO_FILE="$SRCDIR/tests/oracle/churn.todo"

[ -f "$TODO_FILE" ] || { echo "1..1"; echo "not ok 1 - $TODO_FILE exists"; exit 0; }
[ -f "$ORACLE_DIR/churn/MANIFEST.tsv" ] ||
	skip_all "no churn oracle at $ORACLE_DIR/churn"
# both comparisons read each seed's churn to its ready phase: run once
CHURN_READY_DIR=$TMP/ready
mkdir -p "$CHURN_READY_DIR"
export CHURN_READY_DIR
FRAGSIM="$FRAGSIM" sh "$SRCDIR/tools/churn-compare.sh" "$ORACLE_DIR" \
	>"$TMP/table" 2>"$TMP/err" || {
	echo "1..1"; echo "not ok 1 - churn-compare.sh ran"
	diag "$(cat "$TMP/err")"; exit 0
}
FRAGSIM="$FRAGSIM" sh "$SRCDIR/tools/churn-census.sh" "$ORACLE_DIR" \
	>"$TMP/census" 2>"$TMP/err" || {
	echo "1..1"; echo "not ok 1 - churn-census.sh ran"
	diag "$(cat "$TMP/err")"; exit 0
}

# check NAME OK DESCRIPTION: a result, TODO if NAME is listed as a known
# departure.
check() {
	if grep -qx -- "$1" "$TODO_FILE"; then
		tap_n=$((tap_n + 1))
		if [ "$2" = 1 ]; then
			echo "ok $tap_n - $3 # TODO known departure ($1), now met: remove it from churn.todo"
		else
			echo "not ok $tap_n - $3 # TODO known departure ($1)"
		fi
	elif [ "$2" = 1 ]; then
		pass "$3"
	else
		fail "$3"
	fi
}

# mean LIST: the mean of comma-separated numbers.
mean() { printf '%s\n' "$1" | tr ',' '\n' | awk '{ s += $1 } END { print s / NR }'; }

# slack LIST FRACTION: that fraction of the list's lowest and highest
# values, as "LOW HIGH" (a margin relative to each end of the range).
slack() {
	printf '%s\n' "$1" | tr ',' '\n' | sort -n | awk -v f="$2" '
		NR == 1 { lo = $1 } { hi = $1 } END { print lo * f, hi * f }'
}

# within LIST F LOW_SLACK HIGH_SLACK: 1 if F lies in [min - low, max + high].
within() {
	printf '%s\n' "$1" | tr ',' '\n' | awk -v f="$2" -v lo="$3" -v hi="$4" '
		NR == 1 || $1 < min { min = $1 } NR == 1 || $1 > max { max = $1 }
		END { print (f >= min - lo && f <= max + hi) ? 1 : 0 }'
}

tail -n +2 "$TMP/table" >"$TMP/rows"
[ -s "$TMP/rows" ] || fail "churn-compare.sh printed no case"
while IFS='	' read -r case zone k_growth f_growth k_yield f_yield k_pool \
	f_pool k_off f_off k_oom f_oom f_seeds killed k_boot f_boot k_m0 f_m0 \
	k_write f_write; do
	if [ -z "$f_seeds" ]; then
		fail "$case $zone: no seed completed the churn ($killed)"
		continue
	fi
	f=$(mean "$f_boot")
	check "$case $zone boot" "$(within "$k_boot" "$f" 1 1)" \
		"$case $zone: Unmovable pageblocks at boot $f_boot (kernel: $k_boot)"
	f=$(mean "$f_growth")
	tol=$(awk -v m="$(mean "$k_growth")" 'BEGIN { t = m * 0.15; print (t < 3) ? 3 : t }')
	check "$case $zone growth" "$(within "$k_growth" "$f" "$tol" "$tol")" \
		"$case $zone: Unmovable pageblocks grew by $f_growth (kernel: $k_growth)"
	f=$(mean "$f_off")
	check "$case $zone offlined" "$(within "$k_off" "$f" 1 1)" \
		"$case $zone: $f_off blocks offlined (kernel: $k_off)"
	[ "$zone" = DMA32 ] || continue
	f=$(mean "$f_m0")
	slack=$(slack "$k_m0" 0.01)
	check "$case m0" "$(within "$k_m0" "$f" ${slack% *} ${slack#* })" \
		"$case: MemFree as frag starts $f_m0 pages (kernel: $k_m0)"
	f=$(mean "$f_yield")
	[ "$f_seeds" = 1,2,3 ] || diag "$case: fragsim's figures from seeds $f_seeds (killed during the churn: $killed)"
	check "$case yield" "$(within "$k_yield" "$f" 5 5)" \
		"$case: first write's yield $f_yield% (kernel: $k_yield%)"
	f=$(mean "$f_pool")
	slack=$(slack "$k_pool" 0.05)
	check "$case pool" "$(within "$k_pool" "$f" ${slack% *} ${slack#* })" \
		"$case: pool after compact_memory and the retry $f_pool (kernel: $k_pool)"
	k_all=$(printf '%s\n' "$k_oom" | tr ',' '\n' | sort -u | paste -sd, -)
	f_yes=$(printf '%s\n' "$f_oom" | tr ',' '\n' | grep -c yes || true)
	f_n=$(printf '%s\n' "$f_oom" | tr ',' '\n' | wc -l)
	case $k_all in
	yes) check "$case oom" "$([ $((2 * f_yes)) -gt "$f_n" ] && echo 1 || echo 0)" \
		"$case: OOM kills in $f_oom (kernel: $k_oom)" ;;
	no) check "$case oom" "$([ "$f_yes" -eq 0 ] && echo 1 || echo 0)" \
		"$case: no OOM kill in $f_oom (kernel: $k_oom)" ;;
	*) pass "$case: OOM kills not held (the kernel's runs differ: $k_oom; fragsim's: $f_oom)" ;;
	esac
done <"$TMP/rows"

# census CASE SOURCE COLUMNS: the census rows of CASE from SOURCE (kernel
# or fragsim), each the sum of the bins COLUMNS (as "4 5 6"), as a list.
census() {
	awk -F'\t' -v c="$1" -v src="$2" -v cols="$3" '
		$1 == c && index($2, src " ") == 1 {
			n = split(cols, k, " "); s = 0
			for (i = 1; i <= n; i++) s += $k[i]
			print s }' "$TMP/census" | paste -sd, -
}
cut -f1 "$TMP/census" | tail -n +2 | uniq >"$TMP/census_cases"
[ -s "$TMP/census_cases" ] || fail "churn-census.sh printed no case"
while read -r case; do
	for what in "light 3 4 5" "dense 8 9"; do
		name=${what%% *} cols=${what#* }
		k=$(census "$case" kernel "$cols")
		f=$(census "$case" fragsim "$cols")
		tol=$(printf '%s\n' "$k" | tr ',' '\n' | sort -n | head -n 1 |
			awk '{ t = $1 * 0.10; print (t < 5) ? 5 : t }')
		case $name in
		light) desc="at most 64 pages in use" ;;
		dense) desc="more than 256 pages in use" ;;
		esac
		check "$case census $name" "$(within "$k" "$(mean "$f")" "$tol" "$tol")" \
			"$case: ZONE_MOVABLE blocks with $desc before the first write $f (kernel: $k)"
	done
done <"$TMP/census_cases"

done_testing
