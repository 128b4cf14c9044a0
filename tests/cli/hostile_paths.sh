#!/bin/sh
# hostile_paths.sh - paths with spaces, quotes, "$(...)" and backquotes
# through every command fragsim writes for a shell (the jobs file of
# --emit-jobs, the sbatch script of --slurm) and every command line it
# records (run, sweep, replay), read back by rerun: the generated files are
# executed, and no command hidden in a path may run.

. "$SRCDIR/tests/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"


# each hidden command would create a marker file in $TMP, the folder the
# commands run in
cd "$TMP" || exit 1
D="$TMP/a b'c\"d \$(touch MARK1) \`touch MARK2\` ;touch MARK3"
mkdir -p "$D" || skip_all "the file system refuses the hostile folder name"
cp "$SRCDIR/models/x86_64-1g.ini" "$D/m \$(touch MARK4).ini"
cp "$SRCDIR/workloads/stress-highalloc.ini" "$D/w'.ini"
M="$D/m \$(touch MARK4).ini"
W="$D/w'.ini"

no_marker() {
	if ls "$TMP"/MARK* >/dev/null 2>&1; then
		fail "$1: no command hidden in a path ran"
		diag "created: $(ls "$TMP"/MARK*)"
		rm -f "$TMP"/MARK*
	else
		pass "$1: no command hidden in a path ran"
	fi
}

# --- sweep --emit-jobs and --slurm ---
expect_exit 0 "a sweep with hostile paths emits jobs and an sbatch script" -- \
	"$FRAGSIM" sweep "$M" "$W" --vary 'movablecore=0%,20%' --seeds 1 \
	--emit-jobs "$D/jobs.txt" --slurm "$D/array \$(touch MARK5).sh"
no_marker "--emit-jobs"

# a job line as GNU parallel runs it: one line, given to sh -c
line=$(sed -n 1p "$D/jobs.txt")
expect_exit 0 "job line 1, run by sh -c, completes" -- sh -c "$line"
no_marker "job line 1"
if [ -s "$D/jobs.txt.shards/run-000000.db" ]; then
	pass "... and writes its shard into the hostile folder"
else
	fail "... and writes its shard into the hostile folder"
	diag "line: $line" "$(cat "$TMP/err")"
fi

# the sbatch script's task 2, run by sh as slurmd would
expect_exit 0 "the sbatch script's task 2 completes" -- \
	env SLURM_ARRAY_TASK_ID=2 sh "$D/array \$(touch MARK5).sh"
no_marker "the sbatch script"
if [ -s "$D/jobs.txt.shards/run-000001.db" ]; then
	pass "... and writes shard 2"
else
	fail "... and writes shard 2"; diag "$(cat "$TMP/err")"
fi

# a quote that closes the script's quoting early, then a command
J="$TMP/j'\$(touch MARK7)'.txt"
expect_exit 0 "a jobs file named with a quoted \$(...) is emitted" -- \
	"$FRAGSIM" sweep "$M" "$W" --vary 'movablecore=0%,20%' --seeds 1 \
	--emit-jobs "$J" --slurm "$TMP/array2.sh"
expect_exit 0 "... and its sbatch script's task 1 completes" -- \
	env SLURM_ARRAY_TASK_ID=1 sh "$TMP/array2.sh"
no_marker "the sbatch script reading that jobs file"

if command -v parallel >/dev/null 2>&1 &&
	parallel --version 2>/dev/null | grep -q "GNU parallel"; then
	rm -f "$D"/jobs.txt.shards/*.db
	expect_exit 0 "GNU parallel runs the jobs file" -- \
		parallel --will-cite -j 1 --halt now,fail=1 :::: "$D/jobs.txt"
	no_marker "GNU parallel"
else
	pass "# SKIP GNU parallel is not installed"
	pass "# SKIP GNU parallel is not installed"
fi

# --- recorded command lines, read back by a shell and by rerun ---

# words WORD...: the recorded line, split by sh, one word a line
recorded_words() {
	sqlite3 "$1" "SELECT command_line FROM runs WHERE run_id = 1" \
		>"$TMP/line"
	sh -c 'eval "set -- $(cat "$1")"; for w; do printf "%s\n" "$w"; done' \
		sh "$TMP/line"
}
"$FRAGSIM" run "$M" "$W" -q --stop-after fill --db "$D/run.db" \
	>/dev/null 2>"$TMP/err" || diag "$(cat "$TMP/err")"
recorded_words "$D/run.db" >"$TMP/words"
printf '%s\n' fragsim run "$M" "$W" -q --stop-after fill --db "$D/run.db" \
	>"$TMP/want"
same_text "run's recorded command line reads back as its words" \
	"$TMP/want" "$TMP/words"
no_marker "reading run's command line"

# a path holding " --stop-after" is a path, not the option
mkdir -p "$TMP/x --stop-after boot"
cp "$M" "$TMP/x --stop-after boot/m.ini"
"$FRAGSIM" run "$TMP/x --stop-after boot/m.ini" "$W" -q --stop-after fill \
	--db "$TMP/stop.db" >/dev/null 2>"$TMP/err" || diag "$(cat "$TMP/err")"
expect_exit 0 "rerun of a run whose model path holds \" --stop-after\"" -- \
	"$FRAGSIM" rerun "$TMP/stop.db"
if grep -q "reproduced exactly" "$TMP/out"; then pass "... reproduced exactly"
else fail "... reproduced exactly"; diag "$(cat "$TMP/out" "$TMP/err")"; fi
expect_exit 0 "rerun of the run in the hostile folder" -- \
	"$FRAGSIM" rerun "$D/run.db"
no_marker "rerun"

# replay records its command line quoted the same way
P='page=(____ptrval____)'
T="$D/trace \$(touch MARK6)"
printf '%s\n' "# tracer: nop" \
"            init-1       [001] .....     2.000000: mm_page_alloc: $P pfn=0x100 order=0 migratetype=0 gfp_flags=GFP_KERNEL" \
	>"$T"
expect_exit 0 "replay of a trace in the hostile folder" -- \
	"$FRAGSIM" replay "$M" "$T" --db "$D/replay.db"
recorded_words "$D/replay.db" >"$TMP/words"
printf '%s\n' fragsim replay "$M" "$T" --db "$D/replay.db" >"$TMP/want"
same_text "replay's recorded command line reads back as its words" \
	"$TMP/want" "$TMP/words"
no_marker "replay"

# a newline cannot be held by a line-oriented jobs file: refused
NL="$TMP/new
line"
mkdir -p "$NL"
cp "$SRCDIR/models/x86_64-1g.ini" "$NL/m.ini"
expect_exit 2 "--emit-jobs refuses a model path with a newline" -- \
	"$FRAGSIM" sweep "$NL/m.ini" "$W" --vary 'movablecore=0%,20%' \
	--emit-jobs "$TMP/nl-jobs.txt"
err_matches "... saying why" "nl-jobs.txt: error: .*has a line break: a jobs file holds one command per line"
if [ -e "$TMP/nl-jobs.txt" ]; then fail "... and writes no jobs file"
else pass "... and writes no jobs file"; fi
done_testing
