#!/bin/sh
# capture_write.sh - tools/capture-write.sh on hand-made traces whose
# write timeline is known: six huge pages, three before kcompactd's
# whole-zone pass, two during it, one after; the writer's migrations
# split 0/7/5; kcompactd's last sleep 0.5 s before the write.  What
# follows the write (compact_memory by the same task 0.7 s later, the
# retry's huge page) is not the write's, nor is another zone's pass nor
# another task's order-9 page.  Then a write without a pass, a capture
# directory, and the refusals.

. "$SRCDIR/tests/lib.sh"

WRITE="$SRCDIR/tools/capture-write.sh"

# ev TASK TIME EVENT FIELDS...
ev() { printf '%16s [000] .....    %s: %s %s\n' "$1" "$2" "$3" "$4"; }
hp() {
	ev "$1" "$2" mm_page_alloc: "page=(____ptrval____) pfn=0x20000 order=9 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_NOWARN|__GFP_RETRY_MAYFAIL|__GFP_COMP|__GFP_THISNODE"
}
begin() {
	ev "$1" "$2" mm_compaction_begin: "zone_start=$3 migrate_pfn=$4 free_pfn=0x3fe00 zone_end=0x3ffe0, mode=sync"
}
end() {
	ev "$1" "$2" mm_compaction_end: "zone_start=$3 migrate_pfn=0x20000 free_pfn=0x20000 zone_end=0x3ffe0, mode=sync status=success"
}
mig() { ev "$1" "$2" mm_compaction_migratepages: "nr_migrated=$3 nr_failed=0"; }

{
	echo '# tracer: nop'
	ev kcompactd0-33 9.400000 mm_compaction_kcompactd_sleep: nid=0
	ev kcompactd0-33 9.500000 mm_compaction_kcompactd_sleep: nid=0
	ev frag-99 9.900000 mm_page_alloc: "page=(____ptrval____) pfn=0x30000 order=9 migratetype=1 gfp_flags=GFP_TRANSHUGE_LIGHT"
	hp init-1 10.000000
	begin init-1 10.050000 0x10400 0x15000
	hp init-1 10.060000
	hp init-1 10.100000
	begin kcompactd0-33 10.140000 0x1000 0x1000
	mig kcompactd0-33 10.141000 1000
	end kcompactd0-33 10.145000 0x1000
	begin kcompactd0-33 10.150000 0x10400 0x10400
	mig kcompactd0-33 10.151000 100
	mig init-1 10.160000 7
	hp init-1 10.200000
	mig kcompactd0-33 10.210000 50
	hp init-1 10.250000
	end kcompactd0-33 10.300000 0x10400
	hp init-1 10.310000
	mig init-1 10.320000 5
	mig init-1 11.000000 999
	hp init-1 12.000000
} >"$TMP/trace"

expect_exit 0 "capture-write.sh reads a write" -- sh "$WRITE" "$TMP/trace" 9.3
is "its timeline comes back" \
	"hugepages=6 last=+0.310 tick=-0.500 pass=+0.150..+0.300 pass_migrated=150 before=3 during=2 after=1 write_migrated=0/7/5" \
	"$(cat "$TMP/out")"
expect_exit 0 "from after kcompactd's sleeps" -- sh "$WRITE" "$TMP/trace" 9.95
is "... there is no tick to tell" "tick=none" \
	"$(tr ' ' '\n' <"$TMP/out" | grep '^tick=')"

mkdir "$TMP/cap"
gzip -c "$TMP/trace" >"$TMP/cap/trace.gz"
echo "requested=512 obtained=6 t_start=10.00 t_end=10.31" >"$TMP/cap/hugepages_1"
expect_exit 0 "a capture directory (its trace gzip'd)" -- sh "$WRITE" "$TMP/cap"
is "... gives the same from t_start - 0.6" \
	"hugepages=6 last=+0.310 tick=-0.500 pass=+0.150..+0.300 pass_migrated=150 before=3 during=2 after=1 write_migrated=0/7/5" \
	"$(cat "$TMP/out")"

grep -v 'kcompactd0-33 .*10\.[1-3]' "$TMP/trace" >"$TMP/nopass"
expect_exit 0 "a write without a pass" -- sh "$WRITE" "$TMP/nopass" 9.3
is "... has every huge page before" \
	"hugepages=6 last=+0.310 tick=-0.500 pass=none pass_migrated=0 before=6 during=0 after=0 write_migrated=12/0/0" \
	"$(cat "$TMP/out")"

expect_exit 1 "a trace without a write is refused" -- sh "$WRITE" "$TMP/trace" 13
err_matches "it says what it looked for" "no order-9 __GFP_RETRY_MAYFAIL mm_page_alloc after 13"
expect_exit 2 "a FROM that is not seconds is refused" -- sh "$WRITE" "$TMP/trace" 9s
err_matches "it says what was expected" 'FROM "9s": expected seconds'
expect_exit 2 "a directory without a capture is refused" -- sh "$WRITE" "$TMP"
err_matches "it names it" "$TMP: no trace.gz and hugepages_1"
expect_exit 2 "no argument is refused" -- sh "$WRITE"
err_matches "with the usage" "usage: capture-write.sh CAPTURE_DIR | TRACE FROM"

done_testing
