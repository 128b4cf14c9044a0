#!/bin/sh
# capture_pace.sh - tools/capture-pace.sh on a hand-made capture whose
# figures are known: two cycles (0.3 and 0.4 s, from one absorber fault to
# the next), refills of 0.05 and 0.07 s, frees of 0.03 and 0.05 s, each run
# split by a gap longer than the 30 ms that ends a run, and a release of
# 0.8 s after the last absorber; and its refusals.

. "$SRCDIR/tests/lib.sh"

PACE="$SRCDIR/tools/capture-pace.sh"

# ev TIME EVENT [ORDER]: one line of a trace as ftrace writes it
ev() {
	case $2 in
	alloc) printf '            frag-156     [001] .....    %s: mm_page_alloc: page=(____ptrval____) pfn=0x20010 order=%s migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE\n' "$1" "$3" ;;
	free) printf '            frag-156     [001] .....    %s: mm_page_free: page=(____ptrval____) pfn=0x20010 order=0\n' "$1" ;;
	other) printf '      kcompactd0-34      [000] .....    %s: mm_page_free: page=(____ptrval____) pfn=0x20010 order=0\n' "$1" ;;
	esac
}

mkdir "$TMP/cap"
{
	echo '# tracer: nop'
	ev 0.900000 free		# cycle 0's frees: before any cycle
	ev 1.000000 alloc 9
	ev 1.050000 alloc 0
	ev 1.100000 alloc 0
	ev 1.150000 free
	ev 1.160000 other		# not frag's
	ev 1.180000 free
	ev 1.300000 alloc 9
	ev 1.350000 alloc 0
	ev 1.420000 alloc 0
	ev 1.450000 free
	ev 1.500000 free
	ev 1.700000 alloc 9
	ev 1.750000 alloc 0
	ev 1.800000 free
	ev 2.200000 free
	ev 2.600000 free
} | gzip >"$TMP/cap/trace.gz"

expect_exit 0 "capture-pace.sh times a capture" -- sh "$PACE" "$TMP/cap"
is "two cycles of 0.35 s, refills of 0.06 s, frees of 0.04 s" \
	"cycles 2, 0.350 s each; refill 0.060 s, frees 0.040 s a cycle" \
	"$(sed -n 1p "$TMP/out")"
is "the release's frees over 0.8 s" \
	"release: frees over 0.800 s (1.800 to 2.600)" "$(sed -n 2p "$TMP/out")"

mkdir "$TMP/bare"
ev 1.000000 alloc 9 | gzip >"$TMP/bare/trace.gz"
expect_exit 1 "a capture without the window's events is refused" -- \
	sh "$PACE" "$TMP/bare"
err_matches "it says to trace with -w" "was it traced with -w"
expect_exit 2 "a directory without a trace is refused" -- \
	sh "$PACE" "$TMP"
err_matches "it names the file" "no $TMP/trace.gz"

done_testing
