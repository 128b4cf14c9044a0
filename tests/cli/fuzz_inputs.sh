#!/bin/sh
# fuzz_inputs.sh - every input under tests/data/fuzz/ (what the fuzz
# harnesses found) goes through the command that reads it and ends with
# the exit status named here: no crash, no sanitizer report, no hang.

. "$SRCDIR/tests/lib.sh"

D="$SRCDIR/tests/data/fuzz"
M="$SRCDIR/models/x86_64-1g.ini"

# the command a harness stands for, given the input's path
read_input() {	# PARSER FILE
	case $1 in
	model) "$FRAGSIM" layout "$2" ;;
	bootlog) "$FRAGSIM" layout --dmesg "$2" ;;
	workload) "$FRAGSIM" run "$M" "$2" --dry-run ;;
	buddyinfo) "$FRAGSIM" index "$2" ;;
	ftrace) "$FRAGSIM" replay "$M" --skip-bad "$2" ;;
	db) "$FRAGSIM" buddyinfo "$2" ;;
	*) echo "fuzz_inputs.sh: no command for $1" >&2; return 99 ;;
	esac
}

# The harnesses, where "make fuzz" built them: clang's sanitizers see more
# than the sanitizer build's gcc (a pointer made from NULL, for one).
H="${FRAGSIM%/src/fragsim}/fuzz"

# input PARSER NAME EXIT WHY [MESSAGE]: the input must give exit status
# EXIT, nothing on stderr from a sanitizer or an assertion, and the
# message, a regex, if given; then it must pass through its harness, if
# built
input() {
	expect_exit "$3" "$1/$2: exit $3 ($4)" -- read_input "$1" "$D/$1/$2"
	if grep -Eq 'runtime error|Sanitizer|Assertion' "$TMP/err"; then
		fail "$1/$2: no sanitizer report or assertion"
		diag "$(head -n 5 "$TMP/err")"
	else
		pass "$1/$2: no sanitizer report or assertion"
	fi
	[ $# -lt 5 ] || err_matches "$1/$2: the line and what was expected" "$5"
	if [ -x "$H/fuzz_$1" ]; then
		expect_exit 0 "$1/$2: fuzz_$1 runs it cleanly" -- \
			"$H/fuzz_$1" -runs=1 "$D/$1/$2"
	else
		pass "# SKIP $1/$2: fuzz_$1 is not built (make fuzz)"
	fi
}

input ftrace empty 0 "an empty trace replays nothing"
input bootlog node-range-end-wraps 2 "a node range ending at 2^64 - 1" \
	"node-range-end-wraps:2: error: node range .*: expected \"node N: \[mem START-END\]\" with node 0\.\.63, START <= END below 2\^52"
input bootlog ramdisk-end-wraps 2 "a RAMDISK range ending past 64 bits" \
	"ramdisk-end-wraps:2: error: .*expected RAMDISK: \[mem START-END\] with START <= END below 2\^52"
input ftrace pid-20-digits 0 "a 20-digit PID is a bad line, skipped" \
	"pid-20-digits:1: warning: skipped: .*a PID above 4194304"
input workload long-section-name 2 "a section header longer than inih's buffer" \
	"long-section-name:1: error: .*a section header of 50 characters: expected at most 49"
input workload let-after-error 2 "a let after an error: nothing leaks" \
	"let-after-error:3: error: unknown key \"bogus\""
input workload header-without-bracket 2 "a header with no ']' after a refused one" \
	"header-without-bracket:3: error: expected \"\\[section\\]\", \"key = value\" or a comment"

# every input is listed above
for f in "$D"/*/*; do
	n=${f#"$D"/}
	if grep -q "^input ${n%%/*} ${n#*/} " "$SRCDIR/tests/cli/fuzz_inputs.sh"; then
		pass "$n is tested"
	else
		fail "$n is tested"
	fi
done
done_testing
