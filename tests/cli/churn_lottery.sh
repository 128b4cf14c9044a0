#!/bin/sh
# churn_lottery.sh - tools/churn-lottery.sh on a hand-made churn oracle and
# a stand-in fragsim whose seeds obtain known yields: the moments of the
# yields, the killed seeds left out, and the odds of a three-seed mean
# inside the kernel's range widened by 5, and the same odds for three of
# the kernel's own runs (the oracle's and a captures table's), each
# computed by hand here.

. "$SRCDIR/tests/lib.sh"

plan 10

oracle=$TMP/oracle/churn
mkdir -p "$oracle/caseA/run1" "$oracle/caseB/run1"
: >"$oracle/caseA/run1/dmesg"
: >"$oracle/caseB/run1/dmesg"
printf 'case\tqemu_args\tkernel_cmdline\ncaseA\t-m 1G\tx\ncaseB\t-m 1G\ty\n' \
	>"$oracle/MANIFEST.tsv"
# caseA: two completed runs at 50% and 60% (the window: 45-65), a third
# killed during the churn; caseB: its one run killed, so no window
cat >"$oracle/summary.tsv" <<'EOF'
case	run	hp_obtained	free_pages_before	churn_completed
caseA	1	50	51200	yes
caseA	2	60	51200	yes
caseA	3	10	51200	no
caseB	1	80	51200	no
EOF

# The captures: caseA's one completed boot at 80% joins the oracle's 50
# and 60 (the other, killed during the churn, is left out); caseB's one.
cat >"$TMP/captures.tsv" <<'EOF'
capture	case	yield_pct	churn_completed
c1	caseA	80.0	yes
c2	caseA	10.0	no
c3	caseB	60.0	yes
EOF

# The stand-in: the yield of CASE's seed N is $TMP/yields' "CASE N KILLED
# OBTAINED" line (51200 pages free: OBTAINED is the yield in percent);
# seed 99 fails.
cat >"$TMP/fake-fragsim" <<'EOF'
#!/bin/sh
while [ $# -gt 0 ]; do
	case $1 in
	--seed) seed=$2 ;;
	--dmesg) case=$(basename "$(dirname "$(dirname "$2")")") ;;
	esac
	shift
done
[ "$seed" = 99 ] && { echo "boom" >&2; exit 1; }
set -- $(grep "^$case $seed " "$TMPY")
echo '[12.5s] phase ready'
[ "$3" = yes ] && echo 'oom-kill: process frag at 11s: freed 1 pages'
echo "[14.3s] action hugepages-1: nr_hugepages 512: the pool holds $4 (free pages before: 51200) in 250ms"
echo "hugetlb: nr_hugepages 512 at 14.05s: obtained $4 (free pages before: 51200)"
EOF
chmod +x "$TMP/fake-fragsim"
TMPY=$TMP/yields
export TMPY
cat >"$TMPY" <<'EOF'
caseA 1 no 20
caseA 2 no 50
caseA 3 no 60
caseA 4 no 90
caseA 5 yes 99
caseB 1 no 70
caseB 2 yes 10
caseB 3 no 70
caseB 4 no 70
caseB 5 yes 10
EOF

lottery() {
	FRAGSIM=$TMP/fake-fragsim SEEDS=$1 PER_SEED=$TMP/per_seed \
		CAPTURES=$TMP/captures.tsv \
		sh "$SRCDIR/tools/churn-lottery.sh" "$TMP/oracle"
}

expect_exit 0 "churn-lottery.sh over seeds 1-5" -- lottery "1 2 3 4 5"
is "the header" \
	"case	kernel_yield_pct	seeds	killed	mean	sd	min	max	ge65	odds	kernel_runs	kernel_odds" \
	"$(head -n 1 "$TMP/out")"
# caseA's completed seeds obtain 20, 50, 60 and 90: mean 55, sd
# sqrt((35^2 + 5^2 + 5^2 + 35^2) / 3) = 28.9; of the four sets of three,
# (20,50,90) and (20,60,90) have means 53.3 and 56.7 inside 45-65,
# (20,50,60) 43.3 and (50,60,90) 66.7 outside.  The kernel's own runs,
# 50, 60 and 80: of the 27 draws of three, a sum inside 135-195 for the
# 8 without an 80 (150-180) and for 9 of the 9 + 9 with one (80 with
# 50+50 three ways, 190 with 50+60 six ways; 200 with 60+60 out), none
# with two or three: 17/27 = 0.63
is "caseA: the kernel's completed runs, seed 5 left out, the moments, odds 0.50, the kernel's 0.63" \
	"caseA	50.0,60.0	5	1	55.0	28.9	20.0	90.0	1	0.50	3	0.63" \
	"$(grep '^caseA' "$TMP/out")"
is "caseB: no completed kernel run, so no window" \
	"caseB	-	5	2	70.0	0.0	70.0	70.0	3	-	1	-" \
	"$(grep '^caseB' "$TMP/out")"
is "PER_SEED: a header and a row per seed run" 11 \
	"$(wc -l <"$TMP/per_seed" | tr -d ' ')"
is "... with the killed seed, its yield and the write's seconds" \
	"caseA	5	yes	99.0	0.250" "$(grep '^caseA	5	' "$TMP/per_seed")"

expect_exit 0 "two seeds" -- lottery "1 2"
is "fewer than three completed seeds: no odds" \
	"caseA	50.0,60.0	2	0	35.0	21.2	20.0	50.0	0	-	3	0.63" \
	"$(grep '^caseA' "$TMP/out")"

expect_exit 1 "a failing run fails the tool" -- lottery "1 99"
err_matches "... naming the seed and its error" "seed 99 failed"
