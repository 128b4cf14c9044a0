#!/bin/sh
# run_ends.sh - every run ends: a phase that can no longer end, or memory
# exhausted with nothing killable (where the kernel panics), stops the
# run as "stalled" (exit 3, the reason in the summary and the store), the
# simulated time limit stops one as "time_limit", and a sweep whose points
# include a stalled run completes and reports it.  The churn workload runs
# its 30 cycles and its guarded unplug on a churn oracle boot log.

. "$SRCDIR/tests/lib.sh"

M1="$SRCDIR/models/x86_64-1g.ini"
W="$SRCDIR/workloads"
CHURN_DMESG="$ORACLE_DIR/churn/m1G_churn_mc75pct/run1/dmesg"

# --- oracle-frag at movablecore=90%: the OOM killer kills the balloon
# and frag during the fill, whose memory is ZONE_MOVABLE's, of no use to
# the unmovable requests that follow, and then finds nothing killable:
# the kernel panics there, and the run ends with it (it used to run for
# ever; the pipes phase, whose pipes died with frag, could never end) ---

expect_exit 3 "a stalled run exits 3" -- \
	"$FRAGSIM" run "$M1" "$W/oracle-frag.ini" --set movablecore=90% -q \
	--db "$TMP/stall.db"
out_matches "... its summary says stalled" \
	"^fragsim run: workload oracle-frag .*: stalled$"
out_matches "... and says why" \
	"stopped: out of memory and no killable processes"
err_matches "... and says so on stderr" "stalled: out of memory and no killable"
is "... the store marks it stalled" "stalled" \
	"$(sqlite3 "$TMP/stall.db" 'SELECT status FROM runs')"
case $(sqlite3 "$TMP/stall.db" 'SELECT stop_reason FROM runs') in
"out of memory and no killable processes"*) pass "... with the reason" ;;
*) fail "... with the reason" ;;
esac
out_matches "... after the OOM killer killed frag" "^oom-kill: process frag at "

# --- out of memory with nothing killable: the kernel panics ("System is
# deadlocked on memory"), so the run ends there, where its requests
# would fail for ever and the phase never end (it used to run on) ---
cat >"$TMP/deadlock.ini" <<'X'
[process kernel-user]
oom_score_adj = -1000
[phase fill]
until_allocated = 100%
[generator g]
phase = fill
process = kernel-user
kind = kernel
arrival = constant
rate = 1000/ms
X
expect_exit 3 "memory full, nothing killable: the run ends, exit 3" -- \
	"$FRAGSIM" run "$M1" "$TMP/deadlock.ini" -q --kernel-log "$TMP/deadlock.log"
out_matches "... stalled, for the kernel's panic" \
	"stopped: out of memory and no killable processes: the kernel panics"
is "... after one failed request" 1 \
	"$(awk '$1 == "kernel" && $2 == 0 { print $4 }' "$TMP/out")"
is "... the kernel log says it as the kernel does" 1 \
	"$(grep -c 'Out of memory and no killable processes' "$TMP/deadlock.log")"

# --- the simulated time limit ---

expect_exit 3 "--max-sim-time stops a run: exit 3" -- \
	"$FRAGSIM" run "$M1" "$W/oracle-frag.ini" -q --max-sim-time 50ms
out_matches "... time_limit" "^fragsim run: workload oracle-frag .*: time_limit$"
out_matches "... naming the phase" "stopped: phase fill had not ended"
sim=$(awk '$1 == "simulated" { sub(",", "", $2); print $2; exit }' "$TMP/out")
case $sim in
*ms|*us|*ns) pass "... before the limit ($sim)" ;;
*) fail "... before the limit ($sim)" ;;
esac
# frees spread over more time than the limit: the phase waiting for them,
# or the run's end, stops at the limit, saying what was still going
cat >"$TMP/spread.ini" <<'X'
[phase fill]
until_requests = 100
[generator g]
kind = anon
arrival = constant
rate = 1000/ms
[phase go]
[action f]
do = free g 50% at 1e-300/s
X
expect_exit 3 "a free at an absurdly slow rate ends at the time limit" -- \
	"$FRAGSIM" run "$M1" "$TMP/spread.ini" -q --max-sim-time 1h
err_matches "... the phase waiting for its frees" \
	"phase go had not ended \(its spread frees were still going\)"
sed 's/^\[phase go\]$/[phase go]\nduration = 1s/; s/at 1e-300\/s/over 1000000h/' \
	"$TMP/spread.ini" >"$TMP/spread2.ini"
expect_exit 3 "frees spread past the last phase end at the time limit" -- \
	"$FRAGSIM" run "$M1" "$TMP/spread2.ini" -q --max-sim-time 1h
err_matches "... the run's end waiting for them" \
	"the last phase, go, had ended, but not a spread free"

expect_exit 2 "--max-sim-time 0 is refused" -- \
	"$FRAGSIM" run "$M1" "$W/oracle-frag.ini" -q --max-sim-time 0s
err_matches "... saying what is expected" "--max-sim-time 0s: expected a positive duration"

# --- a rate so slow that its first arrival lies past what the clock
# counts: the gap saturates at "never" (it wrapped to a time in the past,
# and the run spun there) ---

printf '[phase a]\nduration = 1s\n[phase p]\nduration = 1s\n[generator g]\nkind = anon\nrate = 1e-30/s\n' >"$TMP/slow.ini"
expect_exit 0 "a rate of 1e-30/s ends with its phases" -- \
	"$FRAGSIM" run "$M1" "$TMP/slow.ini" -q
out_matches "... after 2 s, no request made" "^simulated 2s, "

# --- a sweep over the documented range completes, the stalled point
# reported as such ---

expect_exit 0 "a sweep with a stalled point completes" -- \
	"$FRAGSIM" sweep "$M1" "$W/oracle-frag.ini" \
	--vary movablecore=80%,90% --seeds 1 --jobs 2 --db "$TMP/sweep.db"
out_matches "... and says a run stopped early" \
	"1 of these runs stopped early"
is "... the stalled run is in the database" "1|complete
2|stalled" "$(sqlite3 "$TMP/sweep.db" 'SELECT point + 1, status FROM runs ORDER BY point')"
"$FRAGSIM" report "$TMP/sweep.db" --table >"$TMP/report" 2>&1
if grep -Eq '90% +0 \(\+1 stalled\)' "$TMP/report"; then
	pass "... and the report shows the point as stalled"
else
	fail "... and the report shows the point as stalled"
	diag "$(cat "$TMP/report")"
fi
expect_exit 0 "rerunning the sweep keeps the stalled run" -- \
	"$FRAGSIM" sweep "$M1" "$W/oracle-frag.ini" \
	--vary movablecore=80%,90% --seeds 1 --jobs 2 --db "$TMP/sweep.db"
out_matches "... as already done" "0 runs done now, 2 were already complete"

# --- churn: 30 cycles, the huge-page writes and the guarded unplug ---
# (movablecore=75%'s boot: the kernel's guard stopped its three unplugs,
# after four ZONE_MOVABLE blocks; without movablecore it tried all seven)

if [ -f "$CHURN_DMESG" ]; then
	expect_exit 0 "churn runs on a churn oracle boot log, --check" -- \
		"$FRAGSIM" run --dmesg "$CHURN_DMESG" "$W/churn.ini" --check \
		--db "$TMP/churn.db"
	is "... 30 refills" 30 "$(grep -c '\] phase refill$' "$TMP/out")"
	is "... 29 pipe closes after the first cycle's (which has none)" 29 \
		"$(grep 'action close-pipes: closed' "$TMP/out" | grep -vc 'closed 0 of 0')"
	out_matches "... the guard ends the unplug" \
		"action offline: offline all: .*the guard stopped it at memory"
	out_matches "... offlining reported per zone" \
		"^offline: Node 0, zone +Movable: [0-9]+ attempts, [0-9]+ offlined"
	is "... every attempt stored" \
		"$(sed -n 's/.*fragsim_offline_attempt \([0-9]*\),.*/\1/p' "$TMP/out")" \
		"$(sqlite3 "$TMP/churn.db" 'SELECT count(*) FROM run_offline')"
	is "... the per-zone line agrees with the stored attempts" \
		"$(sqlite3 "$TMP/churn.db" "SELECT count(*) || ' attempts, ' || sum(result = 'offlined') || ' offlined' FROM run_offline WHERE zone = 'Movable'")" \
		"$(sed -n 's/^offline: Node 0, zone *Movable: \([0-9]* attempts, [0-9]* offlined\).*/\1/p' "$TMP/out")"
	# frag reads MemFree once every 256 pages it touches, so each refill
	# ends 0-255 pages under its 80 MiB floor, not at it (frag.log's
	# MemFree_kB after each cycle: 4-1184 kB under the floor in the
	# oracle's runs, typically; their refill counts all 255 mod 256)
	sqlite3 "$TMP/churn.db" "SELECT 20480 - (SELECT sum(free_pages)
		FROM tick_zones z WHERE z.run_id = t.run_id AND z.tick = t.tick)
		FROM ticks t JOIN ticks n ON n.run_id = t.run_id
		AND n.tick = t.tick + 1 JOIN phases p ON p.run_id = t.run_id
		AND p.phase = t.phase WHERE p.name = 'refill'
		AND n.phase != t.phase ORDER BY 1" >"$TMP/under"
	is "... every refill ends under frag's floor" 30 \
		"$(awk '$1 > 0' "$TMP/under" | wc -l | tr -d ' ')"
	median=$(sed -n 15p "$TMP/under")
	if [ "$median" -ge 64 ] && [ "$median" -le 192 ]; then
		pass "... by 0-255 pages, as frag's check every 256 pages leaves it"
	else
		fail "... by 0-255 pages, as frag's check every 256 pages leaves it"
		diag "pages under the floor at each refill's end:" "$(cat "$TMP/under")"
	fi
	"$FRAGSIM" run --dmesg "$CHURN_DMESG" "$W/churn.ini" -q --seed 2 \
		>"$TMP/c1" 2>&1
	"$FRAGSIM" run --dmesg "$CHURN_DMESG" "$W/churn.ini" -q --seed 2 \
		>"$TMP/c2" 2>&1
	same_text "churn: the same seed gives the same output" "$TMP/c1" "$TMP/c2"
else
	fail "the churn oracle is missing: $CHURN_DMESG"
fi

done_testing
