#!/bin/sh
# churn_seeds.sh - how the churn comparisons (tools/compare-lib.sh) tell a
# seed whose workload the OOM killer killed during the churn, and which
# seeds they draw in its place: churn_killed on hand-written run outputs,
# and churn_seeds with a stand-in fragsim that kills frag in the seeds it
# is told to; and how long they read a run's first nr_hugepages write
# took (write_seconds).

. "$SRCDIR/tests/lib.sh"

plan 23

# compare-lib.sh reads $oracle and $fragsim from the script sourcing it.
oracle=$TMP/oracle fragsim=$TMP/fake-fragsim
. "$SRCDIR/tools/compare-lib.sh"

# Each case: the answer, what it checks, and the run's output lines
# separated by ';'.
while IFS='|' read -r want desc lines; do
	printf '%s\n' "$lines" | tr ';' '\n' >"$TMP/run"
	is "$desc" "$want" "$(churn_killed "$TMP/run")"
done <<'CASES'
yes|frag killed before the ready phase|[3.1s] phase refill;[12.5s] phase ready;oom-kill: process frag-balloon at 11.24s: freed 8212 pages;oom-kill: process frag at 11.33s: freed 193870 pages
no|only the balloon killed: the churn completed|[12.5s] phase ready;oom-kill: process frag-balloon at 11.24s: freed 8212 pages
no|frag killed after the ready phase began: the churn completed|[12.5s] phase ready;oom-kill: process frag at 12.6s: freed 100 pages
yes|frag killed as the ready phase began (the kill ended the churn)|[12.8086s] phase ready;oom-kill: process frag at 12.8086s: freed 100 pages
yes|units: 900ms is before 1.2s|[1.2s] phase ready;oom-kill: process frag at 900ms: freed 1 pages
no|units: 2s is after 850ms|[850ms] phase ready;oom-kill: process frag at 2s: freed 1 pages
yes|frag killed and no ready phase reached|[3.1s] phase refill;oom-kill: process frag at 5s: freed 1 pages
no|no kill|[12.5s] phase ready
CASES

# write_seconds: the first nr_hugepages action's duration, in seconds.
while IFS='|' read -r want desc lines; do
	printf '%s\n' "$lines" | tr ';' '\n' >"$TMP/run"
	is "$desc" "$want" "$(write_seconds "$TMP/run")"
done <<'CASES'
0.409|milliseconds|[14.0156s] phase hugepages;[14.4247s] action hugepages-1: nr_hugepages 512: the pool holds 273 (free pages before: 154228) in 409.173ms
1.250|seconds|[14.4247s] action hugepages-1: nr_hugepages 512: the pool holds 273 (free pages before: 154228) in 1.25s
0.000|microseconds|[14.4247s] action hugepages-1: nr_hugepages 512: the pool holds 0 (free pages before: 154228) in 12us
0.201|the first write, not the retry nor other actions|[13s] action release-anon: free anon 90% in 1s;[14.2s] action hugepages-1: nr_hugepages 512: the pool holds 200 (free pages before: 1) in 201ms;[16.2s] action hugepages-2: nr_hugepages 512: the pool holds 280 (free pages before: 1) in 300ms
|no write|[12.5s] phase ready;hugetlb: nr_hugepages 512 at 14.0156s: obtained 273 (free pages before: 154228)
CASES

# The stand-in: "run ... --seed N ..." prints a ready phase, and kills frag
# before it when N is listed in $TMP/kill; exits 1 for seed 99.
cat >"$fragsim" <<'EOF'
#!/bin/sh
while [ $# -gt 0 ]; do [ "$1" = --seed ] && seed=$2; shift; done
[ "$seed" = 99 ] && { echo "boom" >&2; exit 1; }
echo run >>"$TMPN"
echo '[12.5s] phase ready'
grep -qx "$seed" "$TMPK" && echo 'oom-kill: process frag at 11s: freed 1 pages'
exit 0
EOF
chmod +x "$fragsim"
TMPK=$TMP/kill TMPN=$TMP/runs
export TMPK TMPN

printf '%s\n' 1 3 >"$TMPK"
seeds="1 2 3" seed_limit=48
churn_seeds dmesg workload "$TMP"
is "seeds 1 and 3 killed: 2, 4 and 5 drawn" "2 4 5" "$completed_seeds"
is "the killed seeds named" "1 3" "$killed_seeds"

: >"$TMPK"
seeds="7 2" seed_limit=48
churn_seeds dmesg workload "$TMP"
is "none killed: SEEDS as given" "7 2" "$completed_seeds"

seq 1 10 >"$TMPK"
seeds="1 2 3" seed_limit=6
churn_seeds dmesg workload "$TMP"
is "every seed up to SEED_LIMIT killed: none completed" "" "$completed_seeds"
is "every seed tried is named" "1 2 3 4 5 6" "$killed_seeds"

seeds="98 99" seed_limit=100
if churn_seeds dmesg workload "$TMP" 2>"$TMP/msg"; then
	fail "a failing run fails churn_seeds"
else
	grep -q "seed 99 failed" "$TMP/msg" && grep -q boom "$TMP/msg" &&
		pass "a failing run fails churn_seeds, naming the seed and its error" ||
		fail "a failing run's message: $(cat "$TMP/msg")"
fi

# CHURN_READY_DIR: a seed's churn is run once for both comparisons, and
# again for another workload's text.
printf 'a\n' >"$TMP/w1"
printf 'b\n' >"$TMP/w2"
printf '%s\n' 2 >"$TMPK"
mkdir -p "$TMP/kept"
: >"$TMPN"
seeds="1 2 3" seed_limit=48 CHURN_READY_DIR=$TMP/kept
churn_seeds dmesg "$TMP/w1" "$TMP"
first="$completed_seeds/$killed_seeds/$(wc -l <"$TMPN")"
churn_seeds dmesg "$TMP/w1" "$TMP"
is "kept runs: the same seeds" "1 3 4/2" "$completed_seeds/$killed_seeds"
is "the first call ran 4 seeds, the second none" "1 3 4/2/4 4" \
	"$first $(wc -l <"$TMPN")"
churn_seeds dmesg "$TMP/w2" "$TMP"
is "another workload's text runs its seeds again" 8 "$(wc -l <"$TMPN")"
CHURN_READY_DIR=
: >"$TMPN"
churn_seeds dmesg "$TMP/w1" "$TMP"
is "without CHURN_READY_DIR every seed runs" 4 "$(wc -l <"$TMPN")"
