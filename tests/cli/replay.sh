#!/bin/sh
# replay.sh - "fragsim replay" on small hand-made traces: what each event
# becomes (replayed, skipped with its reason, read as the kernel's outcome),
# the side-by-side figures, bad and truncated lines with file:line and the
# expected form, --skip-bad, .xz input, the snapshot table, --db and
# --trace.

. "$SRCDIR/tests/lib.sh"
plan 71

M="$SRCDIR/models/x86_64-1g.ini"
mkdir -p "$TMP/t/01_snap"
T="$TMP/t/trace"

# has DESCRIPTION REGEX: the last command's stdout matches REGEX.
has() {
	if grep -Eq -- "$2" "$TMP/out"; then pass "$1"
	else fail "$1"; diag "stdout was:" "$(cat "$TMP/out")" "expected: $2"; fi
}

P='page=(____ptrval____)'
cat >"$T" <<TRACE
# tracer: nop
#
#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
            init-1       [001] .....     2.000000: mm_page_alloc: $P pfn=0x100 order=0 migratetype=0 gfp_flags=GFP_KERNEL
            frag-7       [000] .....     2.000100: mm_page_alloc: $P pfn=0x200 order=2 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_COMP
            frag-7       [000] d..2.     2.000150: mm_page_alloc_zone_locked: $P pfn=0x300 order=0 migratetype=1 percpu_refill=1
            frag-7       [000] .....     2.000200: mm_page_free: $P pfn=0x100 order=0
            frag-7       [000] .....     2.000300: mm_page_free: $P pfn=0x999 order=0
            frag-7       [001] .....     2.000400: mm_page_alloc: page=0000000000000000 pfn=0x0 order=1 migratetype=2 gfp_flags=GFP_KERNEL|__GFP_NORETRY|__GFP_RECLAIMABLE
            frag-7       [001] d..3.     2.000500: mm_page_alloc_extfrag: $P pfn=0x12000 alloc_order=0 fallback_order=3 pageblock_order=9 alloc_migratetype=0 fallback_migratetype=1 fragmenting=1 change_ownership=0
            frag-7       [001] .....     2.000600: mm_page_alloc: $P pfn=0x400 order=1 migratetype=0 gfp_flags=GFP_KERNEL_ACCOUNT|__GFP_ZERO
            frag-7       [001] .....     2.000700: mm_page_free: $P pfn=0x401 order=0
            frag-7       [001] .....     2.000800: mm_page_free: $P pfn=0x400 order=0
            frag-7       [005] .....     2.000900: mm_page_alloc: $P pfn=0x500 order=0 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE
            frag-7       [000] .....     2.001000: mm_page_free_batched: $P pfn=0x500 order=0
            init-1       [000] .....     2.500000: mm_compaction_begin: zone_start=0x1000 migrate_pfn=0x1000 free_pfn=0x3fe00 zone_end=0x3ffe0, mode=async
            init-1       [000] .....     2.600000: mm_compaction_end: zone_start=0x1000 migrate_pfn=0xfe00 free_pfn=0x1b239 zone_end=0x3ffe0, mode=async status=success
            init-1       [000] .....     2.700000: mm_compaction_defer_reset: node=0 zone=DMA32    order=9 order_failed=10 consider=0 limit=1
TRACE

expect_exit 0 "replays a hand-made trace with --check" -- "$FRAGSIM" replay "$M" "$T" --check
cp "$TMP/out" "$TMP/good"
has "5 allocations replayed" '^  mm_page_alloc +5  replayed$'
has "5 frees: 2 freed a block, 2 parts of a split block, 1 before the trace" \
	'mm_page_free, mm_page_free_batched +5  replayed: 2 freed .*, 2 were parts of a split block'
has "the free of a page never allocated in the trace is skipped, with the reason" \
	' 1 skipped \(allocated before the trace began\)'
has "mm_page_alloc_zone_locked is counted as not input" '^  mm_page_alloc_zone_locked +1  read as the kernel'
has "order 0 Unmovable: 1 request on both sides, none failed" '^ +0  Unmovable +1 \(0\) +1 \(0\)$'
has "order 1 Unmovable: the split block's request" '^ +1  Unmovable +1 \(0\) +1 \(0\)$'
has "order 0 Movable: 1 request on both sides" '^ +0  Movable +1 \(0\) +1 \(0\)$'
has "order 1 Reclaimable: the kernel's failure counted as a request and a failure" '^ +1  Reclaimable +1 \(1\) +1 \([01]\)$'
has "order 2 Movable: 1 request on both sides" '^ +2  Movable +1 \(0\) +1 \(0\)$'
has "the kernel's fallback counted, and its fragmenting flag" '^  fragmenting +1 +[0-9]+$'
has "the kernel's compaction begin and end counted, beside fragsim's" '^  begins \(mm_compaction_begin\) +1 +[0-9]+$'
has "the kernel's defer reset counted" '^  resets \(mm_compaction_defer_reset\) +1 +[0-9]+$'
has "a CPU beyond the machine's 2 is folded, and said" 'CPU mod 2\): 1$'
has "with no snapshot beside the trace: a fresh boot, no block table" '^Start state: fresh boot$'
if grep -q '^Pageblock types' "$TMP/out"; then fail "no block table without a snapshot"; else pass "no block table without a snapshot"; fi

# the same trace compressed: the same report, but for its name
xz -k "$T"
expect_exit 0 "replays the .xz" -- "$FRAGSIM" replay "$M" "$T.xz"
sed 's/trace\.xz/trace/' "$TMP/out" >"$TMP/xzout"
same_text "the .xz gives the same report" "$TMP/good" "$TMP/xzout"
rm "$T.xz"

# the fields in another order and spacing (not the kernel's printing, which
# replay reads in one pass): read all the same, with the same report
mkdir -p "$TMP/u"
sed -e 's/\(page=[^ ]*\) \(pfn=[^ ]*\)/\2 \1/' -e 's/ order=/  order=/' \
	"$T" >"$TMP/u/trace"
expect_exit 0 "replays fields in another order" -- "$FRAGSIM" replay "$M" "$TMP/u/trace" --check
sed 's|u/trace|t/trace|' "$TMP/out" >"$TMP/uout"
same_text "fields in another order give the same report" "$TMP/good" "$TMP/uout"

# one pagetypeinfo snapshot beside the trace: compared with at the end
"$FRAGSIM" state "$M" pagetypeinfo >"$TMP/t/01_snap/pagetypeinfo"
expect_exit 0 "replays with a snapshot beside the trace" -- "$FRAGSIM" replay "$M" "$T"
has "the block table names the snapshot it compares with" "^Pageblock types at the end \(kernel: .*/01_snap/pagetypeinfo\)$"
has "the DMA zone's 7 movable blocks on both sides" '^  Node 0, zone DMA +Movable +7 +7 +\+0\.0%$'
rm -r "$TMP/t/01_snap"

# bad lines: file:line, the expected form, exit 2, nothing on stdout
sed '5s/\[000\]/CPU0/' "$T" >"$TMP/bad1"
expect_exit 2 "a line without its [CPU] column is an error" -- "$FRAGSIM" replay "$M" "$TMP/bad1"
err_matches "it names file:line and the expected form" "bad1:5: error: no \[CPU\] column: expected 'TASK-PID \[CPU\] FLAGS SECONDS.MICROSECONDS: EVENT: FIELDS'"
if [ -s "$TMP/out" ]; then fail "nothing on stdout after a bad line"; else pass "nothing on stdout after a bad line"; fi
sed '4s/ gfp_flags=.*//' "$T" >"$TMP/bad2"
head -n 17 "$T" >"$TMP/bad3"	# then a last line cut short, no newline
printf '            init-1       [000] .....     2.70' >>"$TMP/bad3"
expect_exit 2 "an mm_page_alloc without gfp_flags is an error" -- "$FRAGSIM" replay "$M" "$TMP/bad2"
err_matches "it names the line and mm_page_alloc's form" "bad2:4: error: expected 'mm_page_alloc: page=PTR pfn=0xPFN order=N migratetype=N gfp_flags=FLAGS'"
expect_exit 2 "a truncated last line is an error" -- "$FRAGSIM" replay "$M" "$TMP/bad3"
err_matches "it is called truncated, with its line" "bad3:18: error: truncated line: "
# a cut .xz: every whole line it still holds is read, then the error names
# the line the file breaks in, and nothing is printed
i=0
while [ $i -lt 3000 ]; do
	printf '            frag-7       [000] .....     3.%06d: mm_page_free: %s pfn=0x%x order=0\n' $i "$P" $((i + 4096))
	i=$((i + 1))
done >"$TMP/long"
xz -0 -k "$TMP/long"
head -c $(( $(wc -c <"$TMP/long.xz") / 2 )) "$TMP/long.xz" >"$TMP/cut.xz"
whole=$(xz -dc "$TMP/cut.xz" 2>/dev/null | wc -l)
expect_exit 2 "a cut .xz is an error" -- "$FRAGSIM" replay "$M" "$TMP/cut.xz"
err_matches "at the line it breaks in, after the $whole whole ones" \
	"cut\.xz:$((whole + 1)): error: corrupt or truncated xz data"
if [ -s "$TMP/out" ]; then fail "nothing on stdout"; else pass "nothing on stdout"; fi
sed '4s/GFP_KERNEL$/GFP_KERNEL|__GFP_BOGUS/' "$T" >"$TMP/bad4"
expect_exit 2 "an unknown gfp flag is an error" -- "$FRAGSIM" replay "$M" "$TMP/bad4"
cat "$TMP/bad1" >"$TMP/bad5" && sed -n 4p "$TMP/bad2" >>"$TMP/bad5"
expect_exit 0 "--skip-bad goes on past both" -- "$FRAGSIM" replay "$M" "$TMP/bad5" --skip-bad --check
err_matches "each skipped line is still reported with file:line" "bad5:19: warning: skipped: expected 'mm_page_alloc"
has "the skipped lines are counted" '^  bad lines +2  skipped \(--skip-bad\)$'
cat "$TMP/out" "$TMP/err" >"$TMP/bad5.both"
xz -k "$TMP/bad5"
expect_exit 0 "--skip-bad on the .xz too" -- "$FRAGSIM" replay "$M" "$TMP/bad5.xz" --skip-bad --check
cat "$TMP/out" "$TMP/err" | sed 's/bad5\.xz/bad5/' >"$TMP/xzboth"
same_text "the same report and warnings, lines and all, from the .xz" \
	"$TMP/bad5.both" "$TMP/xzboth"

# the state at the trace's start from the first of two snapshots: the boot
# has 9 unmovable DMA32 blocks, and each fallback of the fill claims a free
# order-10 block, 2 pageblocks, so asking for 20 gives 21, all 12 new ones
# filled (6144 pages, the boot's own free unmovable pages left as they
# were).  The trace's reclaimable order-1 request then falls back once
# (claiming 2 more blocks); the fill's own fallbacks are not counted.
mkdir -p "$TMP/s/01_a" "$TMP/s/02_b"
"$FRAGSIM" state "$M" pagetypeinfo |
	sed -E 's/^(Node 0, zone    DMA32) +9 +495 /\1           20          484 /' >"$TMP/s/01_a/pagetypeinfo"
cp "$TMP/s/01_a/pagetypeinfo" "$TMP/s/02_b/pagetypeinfo"
cat >"$TMP/s/trace" <<TRACE
            init-1       [001] .....     2.000000: mm_page_alloc: $P pfn=0x100 order=0 migratetype=0 gfp_flags=GFP_KERNEL
            frag-7       [001] .....     2.000400: mm_page_alloc: $P pfn=0x300 order=1 migratetype=2 gfp_flags=GFP_KERNEL|__GFP_NORETRY|__GFP_RECLAIMABLE
            frag-7       [000] .....     2.000200: mm_page_free: $P pfn=0x100 order=0
TRACE
expect_exit 0 "replays from a start snapshot, with --check" -- "$FRAGSIM" replay "$M" "$TMP/s/trace" --check
has "the first snapshot is the start: 12 new unmovable blocks filled" \
	"^Start state: built from .*/01_a/pagetypeinfo \(held: 6144 unmovable, 0 movable, 0 reclaimable pages\)$"
has "the last snapshot is the end" "^Pageblock types at the end \(kernel: .*/02_b/pagetypeinfo\)$"
has "21 unmovable DMA32 blocks at the end" '^  Node 0, zone DMA32 +Unmovable +20 +21 +\+5\.0%$'
has "the reclaimable request claimed 2 blocks" '^  Node 0, zone DMA32 +Reclaimable +0 +2 +-$'
has "only the trace's fallback is counted" '^  all +0 +1$'
expect_exit 0 "--start none boots only" -- "$FRAGSIM" replay "$M" "$TMP/s/trace" --start none
has "and says so" '^Start state: fresh boot$'
echo "not a pagetypeinfo" >"$TMP/s/bogus"
expect_exit 2 "--start with a file that is no pagetypeinfo is an error" -- "$FRAGSIM" replay "$M" "$TMP/s/trace" --start "$TMP/s/bogus"

# --start-at: a trace that began before its start snapshot.  The snapshot
# is the state after the trace's first event (a huge page allocated at
# 1.0 s), made by replaying that event alone; replayed from 1.5 s, the
# first event happens on the booted machine and the state is then already
# the snapshot's: nothing is held for it.  From the trace's start the huge
# page would be in the state twice: held for the snapshot, then allocated.
mkdir -p "$TMP/a/01_a" "$TMP/a/02_b"
cat >"$TMP/a/pre" <<TRACE
            frag-3       [000] .....     1.000000: mm_page_alloc: $P pfn=0x20000 order=9 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_COMP
TRACE
"$FRAGSIM" replay "$M" "$TMP/a/pre" --start none --db "$TMP/a.db" >/dev/null &&
	"$FRAGSIM" pagetypeinfo "$TMP/a.db" >"$TMP/a/01_a/pagetypeinfo"
cp "$TMP/a/01_a/pagetypeinfo" "$TMP/a/02_b/pagetypeinfo"
cat "$TMP/a/pre" - >"$TMP/a/trace" <<TRACE
            frag-7       [000] .....     2.000000: mm_page_alloc: $P pfn=0x30000 order=9 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_COMP
            frag-3       [000] .....     2.500000: mm_page_free: $P pfn=0x20000 order=9
TRACE
expect_exit 0 "--start-at replays the events before it first, with --check" -- "$FRAGSIM" replay "$M" "$TMP/a/trace" --start-at 1.5 --check
has "the state after them is the snapshot's: nothing held" \
	"^Start state: built from .*/01_a/pagetypeinfo at 1\.500000 s, after the trace's first 1 events \(held: 0 unmovable, 0 movable, 0 reclaimable pages\)$"
has "the block allocated before the start is freed after it" '^  mm_page_free, mm_page_free_batched +1  replayed: 1 freed fragsim'
expect_exit 0 "from the trace's start" -- "$FRAGSIM" replay "$M" "$TMP/a/trace" --check
has "the snapshot's huge page is held, and allocated again" \
	"^Start state: built from .*/01_a/pagetypeinfo \(held: 0 unmovable, [1-9][0-9]* movable, 0 reclaimable pages\)$"
expect_exit 2 "--start-at after the trace's last event is an error" -- "$FRAGSIM" replay "$M" "$TMP/a/trace" --start-at 2.6
err_matches "which says both times" "error: --start-at 2\.600000 is after the trace's last event \(2\.500000\)"
expect_exit 2 "--start-at without a start snapshot is an error" -- "$FRAGSIM" replay "$M" "$TMP/a/trace" --start none --start-at 1
err_matches "which says what it needs" "error: --start-at needs a start snapshot"
expect_exit 2 "--start-at that is no time is a usage error" -- "$FRAGSIM" replay "$M" "$TMP/a/trace" --start-at 1.x
err_matches "which says the form" "--start-at 1\.x: expected seconds on the trace's clock"

# --db: the replay is recorded as a run of its own, complete, whose last
# tick reads back in the kernel's formats.
rm -f "$TMP/r.db"
expect_exit 0 "replay --db exits 0" -- "$FRAGSIM" replay "$M" "$T" --db "$TMP/r.db"
expect_exit 0 "the recorded replay reads back" -- "$FRAGSIM" pagetypeinfo "$TMP/r.db"
if grep -q '^Node 0, zone    DMA32' "$TMP/out"; then
	pass "the recorded replay's last tick holds the machine's zones"
else
	fail "the recorded replay's last tick holds the machine's zones"
fi
"$FRAGSIM" export "$TMP/r.db" runs >"$TMP/runs" 2>/dev/null
status=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ print $c["status"], $c["workload_name"] }' "$TMP/runs")
if [ "$status" = "complete replay" ]; then
	pass "the replay's run is complete and named replay"
else
	fail "the replay's run is complete and named replay (got: $status)"
fi

# --trace: the model's tracepoints in ftrace's text, each as the replayed
# event that caused it (its task, pid, CPU and time) or as the daemon
# that ran; as many fallbacks as the summary counts for fragsim.
expect_exit 0 "replay --trace exits 0" -- "$FRAGSIM" replay "$M" "$TMP/t/trace" --trace "$TMP/tp"
if grep -Eq '^ +frag-7 +\[001\] \.\.\.\.\. +2\.000400: mm_page_alloc_extfrag: .* alloc_order=1 .*alloc_migratetype=2 ' "$TMP/tp"; then
	pass "fragsim's fallback is the reclaimable request's: frag-7 on CPU 1 at 2.000400"
else
	fail "fragsim's fallback is the reclaimable request's: frag-7 on CPU 1 at 2.000400"
	diag "the trace was:" "$(cat "$TMP/tp")"
fi
n=$(grep -c ': mm_page_alloc_extfrag: ' "$TMP/tp")
fallbacks=$(awk '$1 == "all" { print $3 }' "$TMP/out")
is "as many fallback lines as the summary's fragsim column" "$fallbacks" "$n"
# read back: the file is a trace the reader takes, its events the kernel's
expect_exit 0 "the written trace replays" -- "$FRAGSIM" replay "$M" "$TMP/tp"
has "its fallbacks come back as the kernel's" "^  all +$fallbacks +[0-9]+$"
expect_exit 2 "a --trace file that cannot be written is an error" -- "$FRAGSIM" replay "$M" "$TMP/t/trace" --trace "$TMP/no/such/dir/tp"
rm -f "$TMP/tp"
expect_exit 2 "a bad trace line stops the replay" -- "$FRAGSIM" replay "$M" "$TMP/bad1" --trace "$TMP/tp"
if [ -e "$TMP/tp" ]; then fail "and leaves no --trace file"; else pass "and leaves no --trace file"; fi
