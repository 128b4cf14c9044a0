#!/bin/sh
# report_at.sh - fragsim report's figures at a moment of the run: the
# per-zone fragmentation index at a named moment is the kernel's formula
# (mm/vmstat.c: __fragmentation_index) applied by hand to the buddyinfo
# stored at that moment; --metric refuses an unknown figure, naming the
# known ones; --at refuses what is not a moment; every figure is in
# 'fragsim help report'.

. "$SRCDIR/tests/lib.sh"

M1="$SRCDIR/models/x86_64-1g.ini"
DB="$TMP/churn.db"
positive=0

expect_exit 0 "a one-run sweep of churn" -- "$FRAGSIM" sweep "$M1" \
	"$SRCDIR/workloads/churn.ini" --vary movablecore=0% --seeds 1 --db "$DB"
# order-9 requests until they fail: a first failure to name
expect_exit 0 "a one-run sweep of stress-highalloc" -- "$FRAGSIM" sweep \
	"$M1" "$SRCDIR/workloads/stress-highalloc.ini" --vary movablecore=0% \
	--seeds 1 --db "$TMP/stress.db"

# the kernel's fragmentation index at order 9 of ZONE, x1000 as debugfs
# prints it /1000, from /proc/buddyinfo lines on stdin
frag9() {
	awk -v zone="$1" '$4 == zone {
		for (o = 0; o <= 10; o++) {
			n = $(5 + o); total += n; pages += n * 2 ^ o
			if (o >= 9) suitable += n * 2 ^ (o - 9)
		}
		if (!total) v = 0
		else if (suitable) v = -1000
		else v = 1000 - int((1000 + int(pages * 1000 / 512)) / total)
		printf "%.6f\n", v / 1000 }'
}

for at in stress.db:first-failure:9 churn.db:phase-end:fill \
	churn.db:action:hugepages-1 churn.db:action:compact \
	churn.db:phase-end:refill#30; do
	db="$TMP/${at%%:*}" moment=${at#*:}
	kind=${moment%%:*} name=${moment#*:} nth=1
	case $name in *#*) nth=${name#*#}; name=${name%#*} ;; esac
	case $kind in
	first-failure) kind=first_failure ;;
	phase-end) kind=phase_end ;;
	action) kind=action_start ;;
	esac
	tick=$(sqlite3 "$db" "SELECT tick FROM run_moments WHERE kind = '$kind' AND name = '$name' ORDER BY seq LIMIT 1 OFFSET $((nth - 1))")
	if [ -z "$tick" ]; then
		fail "$moment is recorded"
		continue
	fi
	want=$("$FRAGSIM" buddyinfo "$db" --tick "$tick" | frag9 DMA32)
	got=$("$FRAGSIM" report "$db" --tsv --metric frag_index_o9 --zones \
		--at "$moment" | awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		{ print $col["frag_index_o9@0/DMA32_mean"] }')
	is "DMA32's order-9 index at $moment (tick $tick of ${at%%:*}) is the kernel's formula on its buddyinfo" "$want" "$got"
	[ "$want" = -1.000000 ] || positive=$((${positive:-0} + 1))
done
# not every index is -1 (a free 2 MiB block): the formula's other branch
case ${positive:-0} in 0) fail "some moment has an index other than -1" ;;
*) pass "$positive moments have an index other than -1" ;; esac

# the machine's figure is the formula on every zone's free blocks together
tick=$(sqlite3 "$DB" "SELECT MAX(tick) FROM ticks")
want=$("$FRAGSIM" buddyinfo "$DB" --tick "$tick" | awk '{
	for (o = 0; o <= 10; o++) n[o] += $(5 + o) }
	END { printf "Node 0, zone all"; for (o = 0; o <= 10; o++) printf " %d", n[o]; print "" }' |
	frag9 all)
got=$("$FRAGSIM" report "$DB" --tsv --metric frag_index_o9 | awk -F'\t' '
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	{ print $col["frag_index_o9_mean"] }')
is "the machine's order-9 index at the end is the formula on all zones together" "$want" "$got"

# the census: the stored per-zone counts, summed over the kernel zones
want=$(sqlite3 "$DB" "SELECT SUM(tz.nonmovable_blocks) FROM tick_zones tz JOIN zones z USING (run_id, zone_id) WHERE tz.tick = $tick AND z.zone <> 'Movable'")
got=$("$FRAGSIM" report "$DB" --tsv --metric nonmovable_blocks | awk -F'\t' '
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	{ printf "%d\n", $col["nonmovable_blocks_mean"] }')
is "nonmovable_blocks is the stored census of the kernel zones" "$want" "$got"
case $want in ''|0) fail "... and the churn polluted some block ($want)" ;;
*) pass "... and the churn polluted some block ($want)" ;; esac

# offlined per zone agrees with run_offline
want=$(sqlite3 "$DB" "SELECT COUNT(*) FROM run_offline WHERE result = 'offlined' AND zone = 'DMA32'")
got=$("$FRAGSIM" report "$DB" --tsv --metric offlined --zones | awk -F'\t' '
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	{ printf "%d\n", $col["offlined@0/DMA32_mean"] }')
is "offlined@0/DMA32 counts the stored attempts that offlined" "$want" "$got"

# the requests that waited in direct compaction or reclaim: each cost more
# than a plain allocation (200 ns), there are fewer of them than requests,
# and the report's figures are the stored row's
st=$(sqlite3 "$TMP/stress.db" "SELECT count || ' ' || min_ns || ' ' || p99_ns FROM run_latency WHERE kind = 'stalled_all'")
all=$(sqlite3 "$TMP/stress.db" "SELECT count FROM run_latency WHERE kind = 'all'")
set -- $st
if [ -n "$st" ] && [ "$1" -gt 0 ] && [ "$1" -lt "$all" ] && [ "$2" -gt 200 ]; then
	pass "stress-highalloc: $1 of $all requests waited, each over 200 ns (min $2 ns)"
else
	fail "stress-highalloc: stalled requests ($st of $all)"
fi
got=$("$FRAGSIM" report "$TMP/stress.db" --tsv --metric stalled_requests,stall_p99_us | awk -F'\t' '
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	{ printf "%d %d\n", $col["stalled_requests_mean"], $col["stall_p99_us_mean"] * 1000 + 0.5 }')
is "the report's stalled_requests and stall_p99_us are the stored row's" "$1 $3" "$got"

# fragsim plot --at: the sweep picture's index is the report's at that moment
for at in action:compact end; do
	rm -rf "$TMP/plot"
	"$FRAGSIM" plot "$DB" --out "$TMP/plot" --data --at "$at" >/dev/null 2>&1
	want=$("$FRAGSIM" report "$DB" --tsv --metric frag_index_o9 --at "$at" |
		awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		{ printf "%.3f\n", $col["frag_index_o9_mean"] }')
	got=$(awk -F'\t' 'NR == 2 { printf "%.3f\n", $5 }' "$TMP"/plot/sweep-*.tsv)
	is "plot --at $at: the sweep's order-9 index is the report's" "$want" "$got"
done
expect_exit 2 "plot --at refuses what is not a moment" -- \
	"$FRAGSIM" plot "$DB" --at soon --out "$TMP/plot2"

expect_exit 2 "--metric refuses an unknown figure" -- \
	"$FRAGSIM" report "$DB" --metric hugepages,nosuch
err_matches "... naming it and every known one" \
	"--metric nosuch: no such figure: expected one of hugepages, frag_index_o9, .*nonmovable_blocks"
expect_exit 2 "--at refuses what is not a moment" -- \
	"$FRAGSIM" report "$DB" --at yesterday
err_matches "... saying what a moment is" "--at yesterday: expected start, end, time:T"

"$FRAGSIM" help report >"$TMP/help"
missing=$("$FRAGSIM" report "$DB" --metric nosuch 2>&1 |
	sed 's/.*expected one of //; s/ (fragsim help report)//' | tr ',' '\n' |
	sed 's/^ //' | while read -r f; do
		grep -q "^  $f\( \|,\|$\)\|, $f\( \|,\)" "$TMP/help" || echo "$f"
	done)
is "every figure is described in fragsim help report" "" "$missing"

done_testing
