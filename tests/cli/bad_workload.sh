#!/bin/sh
# bad_workload.sh - "fragsim run" refuses a bad workload or --set with exit
# status 2, a message naming the file, the line and the expected form, and
# nothing on stdout.

. "$SRCDIR/tests/lib.sh"

M="$SRCDIR/models/x86_64-4g.ini"

# quiet_stdout DESCRIPTION: the last command printed nothing on stdout.
quiet_stdout() {
	if [ -s "$TMP/out" ]; then
		fail "$1 prints nothing on stdout"
		diag "stdout was:" "$(head -n 5 "$TMP/out")"
	else
		pass "$1 prints nothing on stdout"
	fi
}

# run_bad NAME [ARG...]: write $TMP/NAME.ini from stdin and run it on $M
# with ARGs; it must exit 2 and print nothing on stdout.
run_bad() {
	name=$1; shift
	W="$TMP/$name.ini"
	cat >"$W"
	expect_exit 2 "workload $name is rejected" -- \
		"$FRAGSIM" run "$M" "$W" "$@"
	quiet_stdout "workload $name"
}

# bad_workload NAME LINE REGEX [ARG...]: as run_bad, and the error is at
# $TMP/NAME.ini:LINE and matches REGEX.
bad_workload() {
	name=$1 line=$2 re=$3; shift 3
	run_bad "$name" "$@"
	err_matches "workload $name: error at line $line" \
		"^$TMP/$name.ini:$line: error: $re"
}

# --- unknown keys, one per kind of section ---

bad_workload key_workload 3 \
	'unknown key "title" in \[workload\]: expected name or description' <<'X'
[workload]
name = w
title = w
[phase p]
duration = 1s
X
bad_workload key_costs 2 \
	'unknown key "allocate" in \[costs\]: expected alloc, compact_scan, .* or daemon_wakeup' <<'X'
[costs]
allocate = 200ns
[phase p]
duration = 1s
X
bad_workload key_phase 3 \
	'unknown key "until_time" in \[phase p\]: expected duration, until, until_free_below, .* until_shares or let NAME' <<'X'
[phase p]
duration = 1s
until_time = 5s
X
bad_workload key_generator 7 \
	'unknown key "size" in \[generator g\]: expected phase, kind, gfp, arrival, rate, order, .*, pages, with, until, while, let NAME, thp_fallback, reuse, continuous, process or file' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
size = 4K
X
bad_workload key_action 6 \
	'unknown key "when" in \[action a\]: expected phase, at, do, cpu, if or while' <<'X'
[phase p]
duration = 1s
[action a]
phase = p
do = compact_memory
when = start
X

bad_workload key_process 2 \
	'unknown key "nice" in \[process sh\]: expected oom_score_adj' <<'X'
[process sh]
nice = 5
[phase p]
duration = 1s
X

# --- processes ---

bad_workload oom_score_adj_range 2 \
	'oom_score_adj = 1001: expected a whole number from -1000 \(never killed\) to 1000' <<'X'
[process sh]
oom_score_adj = 1001
[phase p]
duration = 1s
X
bad_workload oom_score_adj_word 2 \
	'oom_score_adj = high: expected a whole number' <<'X'
[process sh]
oom_score_adj = high
[phase p]
duration = 1s
X
bad_workload lcg_word 3 \
	'lcg = seed: expected the generator.s starting state, a number of at most 64 bits' <<'X'
[process sh]
cpu = 0
lcg = seed
[phase p]
duration = 1s
X
bad_workload lcg_65_bits 2 \
	'lcg = 0x10000000000000000: expected the generator.s starting state' <<'X'
[process sh]
lcg = 0x10000000000000000
[phase p]
duration = 1s
X
bad_workload unknown_process 3 \
	'\[generator g\]: process = sh: there is no \[process sh\]' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
process = sh
kind = anon
rate = 1/s
X
bad_workload process_name_taken 3 \
	'\[process p\]: the name p is already used by the section at line 1' <<'X'
[phase p]
duration = 1s
[process p]
oom_score_adj = 0
X
bad_workload free_cpu_range 3 \
	'\[generator g\]: free_cpu = 9: the machine has CPUs 0 to' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
free_cpu = 9
X

# --- sections ---

bad_workload unknown_section 3 \
	'unknown section \[phases q\]: expected \[workload\], \[costs\], \[phase NAME\], \[generator NAME\], \[action NAME\], \[process NAME\] or \[repeat NAME\]' <<'X'
[phase p]
duration = 1s
[phases q]
duration = 1s
X
bad_workload nameless_section 3 'unknown section \[generator\]' <<'X'
[phase p]
duration = 1s
[generator]
phase = p
X
bad_workload duplicate_name 3 \
	'\[generator p\]: the name p is already used by the section at line 1' <<'X'
[phase p]
duration = 1s
[generator p]
phase = p
kind = anon
rate = 1/s
X
bad_workload duplicate_action 7 \
	'\[action g\]: the name g is already used by the section at line 3' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
[action g]
phase = p
do = compact_memory
X
# Two sections of one type with one name: the second is not a new generator
# (one namespace), and silently merging it into the first hides a mistake.
cat >"$TMP/duplicate_generator.ini" <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
[generator g]
rate = 5/s
X
W="$TMP/duplicate_generator.ini"
expect_exit 2 "workload duplicate_generator is rejected" -- \
	"$FRAGSIM" run "$M" "$W"
err_matches "workload duplicate_generator: error at line 7" \
	"^$W:7: error: \[generator g\]: the name g is already used by the section at line 3"

# The name is refused; the header is the line that holds it (the duplicate
# check names the header too).
run_bad bad_name <<'X'
[phase p]
duration = 1s
[generator a.b]
phase = p
kind = anon
rate = 1/s
X
err_matches "workload bad_name: a section name is letters, digits, _ and -" \
	"^$W:[0-9]+: error: \[generator a.b\]: a name has only letters, digits, _ and -"
err_matches "workload bad_name: the error names the header, line 3" \
	"^$W:3: error: \[generator a.b\]"
# ... and so a bad name with no key after it is not reported at all.
cat >"$TMP/bad_name_alone.ini" <<'X'
[phase p]
duration = 1s
[action a.b]
X
W="$TMP/bad_name_alone.ini"
expect_exit 2 "workload bad_name_alone is rejected" -- "$FRAGSIM" run "$M" "$W"
err_matches "workload bad_name_alone: error at line 3" \
	"^$W:3: error: \[action a.b\]: a name has only letters, digits, _ and -"

# --- generator values ---

bad_workload negative_rate 6 \
	'rate = -5/s: expected a positive rate such as 1000/s or 5/ms' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = -5/s
X
bad_workload unitless_rate 6 \
	'rate = 100: expected a positive rate such as 1000/s or 5/ms' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 100
X
bad_workload zero_rate 6 'rate = 0/s: expected a positive rate' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 0/s
X
bad_workload order_11 7 \
	'order = 11: expected an order from 0 to 10, uniform\(MIN, MAX\), geometric\(P\)' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
order = 11
X
bad_workload share_150 7 \
	'share = 150%: expected a share of memory from 0% to 100%' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
share = 150%
X
bad_workload share_no_percent 7 'share = 0.5: expected a share of memory' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
share = 0.5
X
bad_workload share_under_a_page 7 \
	'share = 100: expected a share of memory from 0% to 100% or an amount of at least a page' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
share = 100
X
bad_workload exponential_empty 7 \
	'lifetime = exponential\(\): expected a duration \(10s\), uniform\(MIN, MAX\), exponential\(MEAN\), lognormal\(MEDIAN, SIGMA\)' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
lifetime = exponential()
X
bad_workload lognormal_one 7 \
	'lifetime = lognormal\(1s\): expected a duration \(10s\), .*lognormal\(MEDIAN, SIGMA\)' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
lifetime = lognormal(1s)
X
bad_workload table_no_weight 7 \
	'order = table\(0:80, 1\): expected an order .*table\(ORDER:WEIGHT, ...\)' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
order = table(0:80, 1)
X
bad_workload table_unclosed 7 'order = table\(0:80, 1:20: expected an order' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
order = table(0:80, 1:20
X
bad_workload table_order_12 7 'order = table\(12:1\): expected an order from 0 to 10' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
order = table(12:1)
X
bad_workload bad_kind 5 \
	'kind = movable: expected anon, pagecache, slab_unmovable, .* pinned, ramfs or kernel' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = movable
rate = 1/s
X
bad_workload bad_arrival 7 \
	'arrival = bursts\(0\): expected constant, poisson or bursts\(N\) with N from 1 to 1000000' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
arrival = bursts(0)
X

# --- a section missing what it needs: the error names its header ---

bad_workload no_kind 3 \
	'\[generator g\]: no kind: expected kind = anon, pagecache, .* or kernel' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
rate = 1/s
X
bad_workload no_rate 3 '\[generator g\]: no rate: expected rate = N/s' <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
X
bad_workload rates_for_phases 5 \
	'\[generator g\]: 3 rates for 2 phases: expected one rate, or one for each phase of phase = \(p, q\)' <<'X'
[phase p]
duration = 1s
[phase q]
duration = 1s
[generator g]
phase = p, q
kind = anon
rate = 1/s, 2/s, 3/s
X
bad_workload rate_list 8 \
	'rate = 1/s, 2: expected a positive rate such as 1000/s or 5/ms, or one for each phase of phase =, separated by commas' <<'X'
[phase p]
duration = 1s
[phase q]
duration = 1s
[generator g]
phase = p, q
kind = anon
rate = 1/s, 2
X
bad_workload free_over_random 6 \
	'\[action a\]: free g \.\.\. over: expected a generator of single blocks \(no pages = or with =\), freed in allocation order' <<'X'
[phase p]
duration = 1s
[generator g]
kind = anon
rate = 1/s
[action a]
do = free g 10% in random order over 1s
X
bad_workload free_over_duration 7 \
	'do = free g 10% over soon: expected free GENERATOR\|PROCESS SHARE \[earlier\] \[in random\|allocation\|address order\] \[over DURATION \| at RATE\]' <<'X'
[phase p]
duration = 1s
[generator g]
kind = anon
rate = 1/s
[action a]
do = free g 10% over soon
X
bad_workload no_phase 1 \
	'\[generator g\]: no phase: expected phase = NAME of a \[phase NAME\] section' <<'X'
[generator g]
kind = anon
rate = 1/s
[phase p]
duration = 1s
X
bad_workload unknown_phase 3 '\[generator g\]: phase = q: there is no \[phase q\]' <<'X'
[phase p]
duration = 1s
[generator g]
phase = q
kind = anon
rate = 1/s
X

# --- phases that can never end ---

bad_workload never_ends 1 \
	'\[phase p\] can never end: expected duration = TIME, until = CONDITION, an until_... condition or generators that each have an until' <<'X'
[phase p]
until_shares = no
X

bad_workload requests_without_generator 1 \
	'\[phase p\] can never end: its until_... condition needs requests, but no generator runs in it \(a continuous one runs beside it\); give it a duration' <<'X'
[phase p]
until_requests = 500
[phase q]
duration = 1s
[generator g]
phase = q
kind = anon
rate = 1/s
X

# a continuous generator runs beside its phases: its requests end none
bad_workload requests_of_continuous_only 1 \
	'\[phase p\] can never end: its until_... condition needs requests, but no generator runs in it \(a continuous one runs beside it\); give it a duration' <<'X'
[phase p]
until_requests = 500
[generator poll]
continuous = yes
kind = pagetable
order = 1
rate = 2/s
X

bad_workload until_of_continuous_only 1 \
	'\[phase p\] can never end: expected duration = TIME, until = CONDITION, an until_... condition or generators that each have an until' <<'X'
[phase p]
[generator poll]
continuous = yes
kind = anon
rate = 2/s
until = MemFree < 1G
X

bad_workload shares_without_share 1 \
	'\[phase p\] can never end: until_shares needs a generator with a share' <<'X'
[phase p]
until_shares = yes
[generator g]
phase = p
kind = anon
rate = 1/s
X

# A phase with no keys at all exists and has no end either.
bad_workload empty_phase 1 '\[phase idle\] can never end' <<'X'
[phase idle]
[phase p]
duration = 1s
[generator g]
phase = idle
kind = anon
rate = 1/s
X

bad_workload zero_duration 2 \
	'duration = 0s: expected a positive duration such as 60s or 1h' <<'X'
[phase p]
duration = 0s
X
run_bad no_phase_at_all <<'X'
[workload]
name = empty
X
err_matches "workload no_phase_at_all is explained" \
	"^$W: error: the workload has no phase: expected a \[phase NAME\] section"

# --- the language: repeats, conditions, processes, objects ---

bad_workload repeat_no_body 1 \
	'\[repeat r\]: no phases: expected phases = FIRST, ..., LAST' <<'X'
[repeat r]
times = 3
[phase p]
duration = 1s
X
bad_workload repeat_empty_list 1 \
	'\[repeat r\]: phases = ,: a loop with no body: expected at least one phase' <<'X'
[repeat r]
times = 3
phases = ,
[phase p]
duration = 1s
X
bad_workload repeat_gap 1 \
	'\[repeat r\]: phase c does not follow a in the file: expected consecutive phases' <<'X'
[repeat r]
times = 3
phases = a, c
[phase a]
duration = 1s
[phase b]
duration = 1s
[phase c]
duration = 1s
X
bad_workload repeat_zero 3 \
	'times = 0: expected how many times the phases run, from 1 to 1000000000' <<'X'
[repeat r]
phases = p
times = 0
[phase p]
duration = 1s
X
bad_workload until_unknown_quantity 2 \
	'p: until = MemFre < 80M: unknown quantity "MemFre": expected MemFree, MemTotal, .* or a name given by let' <<'X'
[phase p]
until = MemFre < 80M
duration = 1s
X
bad_workload until_unknown_member 5 \
	'g: until = g.size > 3: unknown quantity "g.size"' <<'X'
[phase p]
duration = 1s
[generator g]
kind = anon
until = g.size > 3
rate = 1/s
X
bad_workload until_syntax 2 \
	'until = MemFree <: at the end: expected a number, a name or \(' <<'X'
[phase p]
until = MemFree < 
duration = 1s
X
bad_workload until_assign 2 \
	'until = MemFree = 3: at "= 3": expected == to compare' <<'X'
[phase p]
until = MemFree = 3
duration = 1s
X
bad_workload until_bad_unit 2 \
	'until = MemFree < 80MB: at "B": expected a unit' <<'X'
[phase p]
until = MemFree < 80MB
duration = 1s
X
bad_workload let_bad_name 2 \
	'let 2x: expected let NAME = EXPRESSION' <<'X'
[phase p]
let 2x = MemFree
duration = 1s
X
bad_workload free_unknown_process 3 \
	'\[action a\]: free frag: there is no \[generator frag\], \[process frag\] or file frag' <<'X'
[phase p]
duration = 1s
[action a]
do = free frag 10%
X
bad_workload free_bad_order 4 \
	'do = free g 10% in pfn order: expected free GENERATOR\|PROCESS SHARE' <<'X'
[phase p]
duration = 1s
[action a]
do = free g 10% in pfn order
X
bad_workload free_earlier_blocks 6 \
	'\[action a\]: free g ... earlier: expected a generator of objects' <<'X'
[phase p]
duration = 1s
[generator g]
kind = anon
rate = 1/s
[action a]
do = free g 10% earlier
X
bad_workload free_unbalanced 4 \
	'do = free g \(10% \* iteration: expected free GENERATOR\|PROCESS SHARE' <<'X'
[phase p]
duration = 1s
[action a]
do = free g (10% * iteration
X
bad_workload hugepages_unknown_quantity 4 \
	'a: do = \(2 \* cycle\): unknown quantity "cycle"' <<'X'
[phase p]
duration = 1s
[action a]
do = nr_hugepages (2 * cycle)
X
bad_workload file_and_process 4 \
	'\[generator g\]: process = p and file = f: expected one owner' <<'X'
[process p]
[phase q]
duration = 1s
[generator g]
kind = anon
rate = 1/s
process = p
file = f
X
bad_workload file_named_as_section 3 \
	'\[generator g\]: file = g: the name is a section.s: expected a name of its own' <<'X'
[phase q]
duration = 1s
[generator g]
kind = anon
rate = 1/s
file = g
X
bad_workload long_section_name 3 \
	'\[generator g+\.\.\.\]: a section header of 60 characters: expected at most 49' <<'X'
[phase p]
duration = 1s
[generator gggggggggggggggggggggggggggggggggggggggggggggggggg]
kind = anon
rate = 1/s
X
bad_workload long_padded_section_name 3 \
	'\[     phase a+\.\.\.\]: a section header of 56 characters: expected at most 49' <<'X'
[phase p]
duration = 1s
[     phase aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa     ]
duration = 1s
X
# inih keeps the section it had after a header with no "]" (here one cut
# short by an inline comment): its keys are not the refused header's
bad_workload header_inline_comment 3 \
	'expected "\[section\]", "key = value" or a comment' <<'X'
[phase p]
duration = 1s
[phase q ;]
duration = 2s
X
bad_workload header_without_bracket_after_refused 3 \
	'expected "\[section\]", "key = value" or a comment' <<'X'
[repeat r]
[action r]
[action s
phase = p
X
# an indented line after a key continues its value, even one like a header
bad_workload indented_header 3 \
	'duration = \[phase q\]: expected a positive duration' <<'X'
[phase p]
duration = 1s
  [phase q]
duration = 2s
X
bad_workload exit_unknown 3 \
	'\[action a\]: exit frag: there is no \[process frag\]' <<'X'
[phase p]
duration = 1s
[action a]
do = exit frag
X
bad_workload while_not_offline 5 \
	'\[action a\]: while guards each block of offline or online: expected if = CONDITION' <<'X'
[phase p]
duration = 1s
[action a]
do = compact_memory
while = MemFree > 1M
X
bad_workload pages_zero 5 \
	'pages = 0: expected the blocks of one object, from 1 to 1024' <<'X'
[phase p]
duration = 1s
[generator g]
kind = anon
pages = 0
rate = 1/s
X
bad_workload with_what 5 \
	'with = slab: expected pagetable' <<'X'
[phase p]
duration = 1s
[generator g]
kind = anon
with = slab
rate = 1/s
X
bad_workload thp_fallback_word 6 \
	'thp_fallback = maybe: expected page \(or yes\), range or no' <<'X'
[phase p]
duration = 1s
[generator g]
kind = thp
rate = 1/s
thp_fallback = maybe
X
bad_workload reuse_word 6 \
	'reuse = middle: expected lowest \(a new block takes the lowest place a free emptied\) or end' <<'X'
[phase p]
duration = 1s
[generator g]
kind = anon
rate = 1/s
reuse = middle
X
bad_workload continuous_word 6 \
	'continuous = maybe: expected yes \(its arrivals keep one pace through its phases\) or no' <<'X'
[phase p]
duration = 1s
[generator g]
kind = anon
rate = 1/s
continuous = maybe
X
bad_workload rate_too_fast 3 \
	'\[generator g\]: rate = 1e\+308/s: arrivals less than 1 ns apart cannot be simulated: expected a rate from above 0 to 1000000000/s' <<'X'
[phase p]
duration = 1s
[generator g]
kind = anon
rate = 1e308/s
X

# --- actions ---

bad_workload at_soon 4 \
	'at = soon: expected start, end or a time into the phase such as 1.5s' <<'X'
[phase p]
duration = 1s
[action a]
at = soon
phase = p
do = compact_memory
X
bad_workload at_unitless 4 'at = 5: expected start, end or a time into the phase' <<'X'
[phase p]
duration = 1s
[action a]
at = 5
phase = p
do = compact_memory
X
bad_workload do_unknown 5 \
	'do = explode: expected compact_memory, drop_caches N, sysctl NAME VALUE, nr_hugepages N, free GENERATOR\|PROCESS SHARE, exit PROCESS, offline N\|all or online N \[movable\|kernel\]' <<'X'
[phase p]
duration = 1s
[action a]
phase = p
do = explode
X
bad_workload sysctl_unknown 5 \
	'do = sysctl swappiness 10: unknown sysctl "swappiness": expected min_free_kbytes, .* or mobility_grouping' <<'X'
[phase p]
duration = 1s
[action a]
phase = p
do = sysctl swappiness 10
X
bad_workload sysctl_range 5 \
	'do = sysctl extfrag_threshold 2000: extfrag_threshold = 2000: expected a whole number from 0 to 1000' <<'X'
[phase p]
duration = 1s
[action a]
phase = p
do = sysctl extfrag_threshold 2000
X
bad_workload sysctl_no_value 5 \
	'do = sysctl extfrag_threshold: expected sysctl NAME VALUE' <<'X'
[phase p]
duration = 1s
[action a]
phase = p
do = sysctl extfrag_threshold
X
bad_workload drop_caches_4 5 \
	'do = drop_caches 4: expected drop_caches MODE \(1: page cache, 2: slab, 3: both\)' <<'X'
[phase p]
duration = 1s
[action a]
phase = p
do = drop_caches 4
X
bad_workload free_no_generator 5 \
	'do = free 50%: expected free GENERATOR\|PROCESS SHARE \[earlier\] \[in random\|allocation\|address order\] \[over DURATION \| at RATE\], e.g. free fill 50% in address order' <<'X'
[phase p]
duration = 1s
[action a]
phase = p
do = free 50%
X
bad_workload free_unknown_generator 3 \
	'\[action a\]: free ghost: there is no \[generator ghost\]' <<'X'
[phase p]
duration = 1s
[action a]
do = free ghost 50%
phase = p
X
bad_workload nothing_to_do 3 '\[action a\]: nothing to do: expected do = ...' <<'X'
[phase p]
duration = 1s
[action a]
phase = p
at = start
X
bad_workload at_after_end 3 \
	'\[action a\]: at = 2s is not before the end of \[phase p\] \(duration = 1s\): expected a time into the phase, or at = end' <<'X'
[phase p]
duration = 1s
[action a]
phase = p
at = 2s
do = compact_memory
X

# --- placement on the machine: the 4 GiB model has CPUs 0 and 1 ---

bad_workload cpu_beyond 3 '\[generator g\]: cpu = 2: the machine has CPUs 0 to 1' <<'X'
[phase p]
duration = 1s
[generator g]
cpu = 2
phase = p
kind = anon
rate = 1/s
X
bad_workload action_cpu_beyond 3 '\[action a\]: cpu = 2: the machine has CPUs 0 to 1' <<'X'
[phase p]
duration = 1s
[action a]
phase = p
cpu = 2
do = nr_hugepages 4
X
bad_workload action_cpu_not_kop 3 '\[action a\]: cpu = 1: only a kernel operation \(nr_hugepages, compact_memory, drop_caches, offline, online\) runs on a CPU of its own' <<'X'
[phase p]
duration = 1s
[action a]
phase = p
cpu = 1
do = sysctl extfrag_threshold 400
X
bad_workload action_cpu_form 5 'cpu = x: expected a CPU number from 0 to [0-9]+' <<'X'
[phase p]
duration = 1s
[action a]
phase = p
cpu = x
do = compact_memory
X
bad_workload node_beyond 3 '\[generator g\]: node = 1: the machine has nodes 0 to 0' <<'X'
[phase p]
duration = 1s
[generator g]
node = 1
phase = p
kind = anon
rate = 1/s
X

# --- --set ---

cat >"$TMP/ok.ini" <<'X'
[phase p]
duration = 1s
[generator g]
phase = p
kind = anon
rate = 1/s
X

# bad_set ASSIGNMENT REGEX: --set ASSIGNMENT on a good workload is refused.
bad_set() {
	expect_exit 2 "--set $1 is rejected" -- \
		"$FRAGSIM" run "$M" "$TMP/ok.ini" --set "$1"
	quiet_stdout "--set $1"
	err_matches "--set $1 is explained" "^--set: error: $2"
}
bad_set swappiness=10 \
	'swappiness=10: unknown key: expected a boot parameter \(kernelcore, movablecore, movable_node, coherent_pool\), cpus, hz, a sysctl \(min_free_kbytes, .* or mobility_grouping\) or SECTION.KEY of the workload'
bad_set g.rate=fast 'rate = fast: expected a positive rate such as 1000/s or 5/ms'
bad_set g.rate=-1/s 'rate = -1/s: expected a positive rate'
bad_set p.duration=0s 'duration = 0s: expected a positive duration'
bad_set g.size=4K \
	'unknown key "size" in \[generator g\]: expected phase, kind, .*, thp_fallback, reuse, continuous, process or file'
bad_set nosuch.rate=1/s \
	'nosuch.rate=1/s: the workload has no section called "nosuch": expected workload, costs or the name of a phase, generator, action or process'
bad_set workload.title=x 'unknown key "title" in \[workload\]: expected name or description'
bad_set extfrag_threshold=1001 \
	'extfrag_threshold = 1001: expected a whole number from 0 to 1000'
bad_set movablecore=150% 'movablecore=150%: a percentage must be 0 to 100'
bad_set cpus=0 'cpus=0: expected a number of CPUs from 1 to [0-9]+'
bad_set hz=2500 'hz=2500: expected CONFIG_HZ, a number of ticks a second from 24 to 1000'
bad_set rate 'rate: expected KEY=VALUE'

# A --set that names a phase which does not exist is not a new phase.
expect_exit 2 "--set g.phase=q is rejected" -- \
	"$FRAGSIM" run "$M" "$TMP/ok.ini" --set g.phase=q
quiet_stdout "--set g.phase=q"
err_matches "--set g.phase=q is explained" \
	'\[generator g\]: phase = q: there is no \[phase q\]'

# a sweep's workload value is named as --vary's, not --set's
expect_exit 2 "--vary of a bad workload value is refused" -- \
	"$FRAGSIM" sweep "$M" "$SRCDIR/workloads/oracle-frag.ini" \
	--vary fill.until_allocated=1000% --db "$TMP/vary.db"
err_matches "... as --vary's" "^--vary: error: until_allocated = 1000%: expected a share"

# --- files ---

expect_exit 2 "a missing workload is rejected" -- \
	"$FRAGSIM" run "$M" "$TMP/nonexistent.ini"
quiet_stdout "a missing workload"
err_matches "a missing workload is named" \
	"^$TMP/nonexistent.ini: error: cannot open workload: No such file or directory"

run_bad syntax <<'X'
[phase p]
duration = 1s
this line has no equals sign
X
err_matches "workload syntax: error at line 3" \
	"^$W:3: error: expected \"\[section\]\", \"key = value\" or a comment"

# a byte order mark before the first header is inih's to skip: the header
# is a header, its keys are its own
W="$TMP/bom.ini"
printf '\357\273\277[phase p]\nduration = 1s\n' >"$W"
expect_exit 0 "workload with a byte order mark is read" -- \
	"$FRAGSIM" run "$M" "$W" --dry-run

done_testing
