#!/bin/sh
# fuzz.sh - fuzz one reader with its libFuzzer harness (doc/fuzzing.md), in
# the build tree, at low priority: RUNS inputs from the seeds in
# fuzz-corpus/PARSER, new coverage kept in fuzz-findings/PARSER/corpus and
# any crash, hang (over 5 s an input) or memory blow-up written to
# fuzz-findings/PARSER/ as the input that caused it.
#
# usage: tools/fuzz.sh PARSER [RUNS [LIBFUZZER_OPTION...]]
set -eu
if [ $# -lt 1 ]; then
	echo "usage: $0 PARSER [RUNS [LIBFUZZER_OPTION...]]" >&2
	exit 2
fi
p=$1 runs=${2:-1000000}
[ $# -lt 2 ] || shift
shift
h=./fuzz/fuzz_$p
if [ ! -x "$h" ]; then
	echo "fuzz.sh: no harness $h (make fuzz builds them)" >&2
	exit 2
fi
if [ ! -d "fuzz-corpus/$p" ]; then
	echo "fuzz.sh: no seeds in fuzz-corpus/$p (make fuzz-corpus)" >&2
	exit 2
fi
# inputs a little longer than the seeds, so that mutations can grow them
case $p in
	db) max_len=65536 ;;
	bootlog) max_len=65536 ;;
	*) max_len=16384 ;;
esac
mkdir -p "fuzz-findings/$p/corpus"
# stderr closed (-close_fd_mask=2): the readers' messages for every bad
# input would cost more than the fuzzing; the sanitizers' reports still
# come out.
exec nice "$h" -runs="$runs" -timeout=5 -rss_limit_mb=2048 \
	-max_len="$max_len" -close_fd_mask=2 -print_final_stats=1 \
	-artifact_prefix="fuzz-findings/$p/" "$@" \
	"fuzz-findings/$p/corpus" "fuzz-corpus/$p"
