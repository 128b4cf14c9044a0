# lib.sh - TAP helpers for fragsim's shell tests.
#
# A test script sources this, calls "plan N" (or "plan_later" and
# "done_testing"), then "ok COND DESCRIPTION..." style checks.  Environment
# from the makefile: FRAGSIM (the built program), SRCDIR, ORACLE_DIR.

: "${FRAGSIM:?FRAGSIM must name the fragsim program (run through make check)}"
: "${SRCDIR:?SRCDIR must name the source tree}"

tap_n=0
tap_failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/fragsim-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

plan() { echo "1..$1"; }

pass() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }

fail() {
	tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $*"
}

# skip_all REASON: skip the whole script; but in CI (CI=true, which .ci/run
# sets) after "needs_oracle", fail it instead: a green CI must mean that
# the kernel comparisons ran.
skip_all() {
	if [ "${CI:-}" = true ] && [ "${tap_needs_oracle:-0}" = 1 ]; then
		echo "Bail out! $* (CI=true: the oracle tests must run;" \
			"configure --with-oracle=DIR)"
		exit 1
	fi
	echo "1..0 # SKIP $*"
	exit 0
}

# needs_oracle: this script compares against the kernel oracle
# (ORACLE_DIR); whatever stops it from running fails it in CI.
needs_oracle() { tap_needs_oracle=1; }

done_testing() { echo "1..$tap_n"; }

# diag TEXT: a comment line in the TAP stream, shown in the test's log.
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

# expect_exit CODE DESCRIPTION -- COMMAND...: run COMMAND, check its status.
# Its stdout and stderr are left in $TMP/out and $TMP/err.
expect_exit() {
	want=$1 desc=$2; shift 3
	"$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		pass "$desc"
	else
		fail "$desc (exit $got, expected $want)"
		diag "stderr:" "$(cat "$TMP/err")"
	fi
}

# same_text DESCRIPTION EXPECTED_FILE ACTUAL_FILE: pass if identical, else
# name the first differing line.
same_text() {
	if cmp -s "$2" "$3"; then
		pass "$1"
	else
		fail "$1"
		diag "first difference (expected vs fragsim):" \
			"$(diff "$2" "$3" | head -n 6)"
	fi
}

# is DESCRIPTION EXPECTED ACTUAL: pass if the two strings are equal.
is() {
	if [ "$2" = "$3" ]; then pass "$1"
	else fail "$1"; diag "expected: $2" "got:      $3"; fi
}

# out_matches DESCRIPTION REGEX: the last command's stdout matches REGEX.
out_matches() {
	if grep -Eq -- "$2" "$TMP/out"; then
		pass "$1"
	else
		fail "$1"
		diag "stdout was:" "$(head -n 5 "$TMP/out")" "expected to match: $2"
	fi
}

# err_matches DESCRIPTION REGEX: the last command's stderr matches REGEX.
err_matches() {
	if grep -Eq -- "$2" "$TMP/err"; then
		pass "$1"
	else
		fail "$1"
		diag "stderr was:" "$(cat "$TMP/err")" "expected to match: $2"
	fi
}

# wait_until COMMAND...: run COMMAND every 0.1 s until it succeeds, for a
# state the program reports (a progress line, rows in its database);
# returns 1 if it never did.  The bound, WAIT_TRIES (default 3000: five
# minutes), is for a program that never gets there, not a timing: however
# busy the machine, a sound program reaches the state well within it.
wait_until() {
	wait_n=0
	while ! "$@"; do
		wait_n=$((wait_n + 1))
		[ "$wait_n" -lt "${WAIT_TRIES:-3000}" ] || return 1
		sleep 0.1
	done
}

# compaction_run TASK START END CALLS MIGRATED MSCANNED FSCANNED: one
# compaction run's events as ftrace's text shows them, for hand-made
# captures (tools/capture-*.sh's tests): its begin at START, a pass of
# each scanner looking at MSCANNED and FSCANNED pages and taking 32,
# MIGRATED pages migrated in CALLS migrate_pages() calls (the first
# taking the remainder), its end at END.
compaction_run() {
	printf '%16s [001] .....    %s: mm_compaction_begin: zone_start=0x10400 migrate_pfn=0x10400 free_pfn=0x3fe00 zone_end=0x3ffe0, mode=async\n' "$1" "$2"
	printf '%16s [001] .....    %s: mm_compaction_isolate_migratepages: range=(0x10400 ~ 0x10600) nr_scanned=%s nr_taken=32\n' "$1" "$2" "$6"
	printf '%16s [001] .....    %s: mm_compaction_isolate_freepages: range=(0x3fe00 ~ 0x3ffe0) nr_scanned=%s nr_taken=32\n' "$1" "$2" "$7"
	cr_i=0
	while [ "$cr_i" -lt "$4" ]; do
		cr_n=$(( $5 / $4 ))
		[ "$cr_i" -eq 0 ] && cr_n=$(( $5 - $5 / $4 * ($4 - 1) ))
		printf '%16s [001] .....    %s: mm_compaction_migratepages: nr_migrated=%s nr_failed=0\n' "$1" "$2" "$cr_n"
		cr_i=$((cr_i + 1))
	done
	printf '%16s [001] .....    %s: mm_compaction_end: zone_start=0x10400 migrate_pfn=0x10600 free_pfn=0x3fe00 zone_end=0x3ffe0, mode=async status=success\n' "$1" "$3"
}
