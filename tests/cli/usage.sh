#!/bin/sh
# usage.sh - the command line's help, version, dispatch and exit codes.

. "$SRCDIR/tests/lib.sh"
plan 14

expect_exit 0 "--help exits 0" -- "$FRAGSIM" --help
if grep -q '^  layout ' "$TMP/out"; then pass "--help lists layout"; else fail "--help lists layout"; fi

expect_exit 0 "--version exits 0" -- "$FRAGSIM" --version
if grep -Eq '^fragsim [0-9]+\.[0-9]+\.[0-9]+(\+g[0-9a-f]+(-dirty)?)?$' "$TMP/out"; then pass "--version prints the version"; else fail "--version prints the version"; fi

expect_exit 0 "help layout exits 0" -- "$FRAGSIM" help layout
if grep -q '^usage: fragsim layout' "$TMP/out"; then pass "help layout prints its usage"; else fail "help layout prints its usage"; fi

expect_exit 0 "layout --help exits 0" -- "$FRAGSIM" layout --help
expect_exit 2 "no subcommand is bad usage" -- "$FRAGSIM"
expect_exit 2 "unknown subcommand is bad usage" -- "$FRAGSIM" frobnicate
err_matches "unknown subcommand is named" "no subcommand 'frobnicate'"
expect_exit 2 "help for an unknown subcommand" -- "$FRAGSIM" help frobnicate
expect_exit 2 "layout without a machine" -- "$FRAGSIM" layout
expect_exit 2 "layout with both MODEL and --dmesg" -- \
	"$FRAGSIM" layout "$SRCDIR/models/x86_64-4g.ini" --dmesg /dev/null
expect_exit 2 "layout with an unknown option" -- \
	"$FRAGSIM" layout --bogus "$SRCDIR/models/x86_64-4g.ini"
