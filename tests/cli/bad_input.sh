#!/bin/sh
# bad_input.sh - bad input gets exit status 2 and a message naming the file,
# the line and what was expected.

. "$SRCDIR/tests/lib.sh"
plan 42

M="$SRCDIR/models/x86_64-4g.ini"

bad_cmdline() {	# CMDLINE REGEX
	expect_exit 2 "--cmdline '$1' is rejected" -- \
		"$FRAGSIM" layout "$M" --cmdline "$1"
	err_matches "--cmdline '$1' is explained" "$2"
}
bad_cmdline "kernelcore=abc" "^--cmdline: error: kernelcore=abc: expected nn\[KMGTPE\], nn% or mirror"
bad_cmdline "movablecore=150%" "^--cmdline: error: movablecore=150%: a percentage must be 0 to 100"
bad_cmdline "kernelcore=" "kernelcore needs a value"
bad_cmdline "movablecore" "movablecore needs a value"

# bad_model NAME LINE REGEX: write $TMP/NAME.ini from stdin, expect an error
# at that line.
bad_model() {
	cat >"$TMP/$1.ini"
	expect_exit 2 "model $1 is rejected" -- "$FRAGSIM" layout "$TMP/$1.ini"
	err_matches "model $1: error at $TMP/$1.ini:$2" "^$TMP/$1.ini:$2: error: .*$3"
}

bad_model unknown_key 3 'unknown key "memory" in \[node 0\]: expected mem, cpus or distance' <<'X'
[machine]
[node 0]
memory = 0x1000-0x9efff
X
bad_model overlap 4 'mem = 0x80000-0xfffff: overlaps or comes before' <<'X'
[machine]
[node 0]
mem = 0x1000-0x9efff
mem = 0x80000-0xfffff
X
bad_model unsorted 5 'overlaps or comes before the previous range' <<'X'
[node 0]
mem = 0x100000-0x1fffff
[node 1]
# node 1 below node 0
mem = 0x1000-0x9efff
X
bad_model bad_range 2 'expected START-END \(inclusive' <<'X'
[node 0]
mem = 0x9efff-0x1000
X
bad_model bad_arch 2 'arch = sparc: expected x86_64 or i386' <<'X'
[machine]
arch = sparc
[node 0]
mem = 0x1000-0x9efff
X
bad_model bad_initrd 3 'initrd = 0x3000-: expected START-END or SIZE@START' <<'X'
[machine]
cpus = 2
initrd = 0x3000-
[node 0]
mem = 0x1000-0x9efff
X
bad_model two_initrds 3 'initrd = 2M@64M: a machine has one initrd' <<'X'
[machine]
initrd = 1M@32M
initrd = 2M@64M
[node 0]
mem = 0x100000-0x7ffffff
X
bad_model bad_section 1 'unknown section \[nodes 0\]' <<'X'
[nodes 0]
mem = 0x1000-0x9efff
X
bad_model syntax 3 'expected "\[section\]", "key = value" or a comment' <<'X'
[node 0]
mem = 0x1000-0x9efff
this line has no equals sign
X
bad_model bad_flag 2 'unknown flag "hotpluggable"' <<'X'
[node 0]
mem = 0x1000-0x9efff hotpluggable
X
bad_model cmdline 2 'movablecore=200%: a percentage must be 0 to 100' <<'X'
[machine]
cmdline = console=ttyS0 movablecore=200%
[node 0]
mem = 0x1000-0x9efff
X

printf '[machine]\narch = x86_64\n' >"$TMP/empty.ini"
expect_exit 2 "a model without memory is rejected" -- "$FRAGSIM" layout "$TMP/empty.ini"
err_matches "a model without memory is explained" "empty.ini: error: the model has no memory"

expect_exit 2 "a missing model is rejected" -- "$FRAGSIM" layout "$TMP/nonexistent.ini"
err_matches "a missing model is named" "nonexistent.ini: error: cannot open model"

printf '[    0.000000] Linux version 6.1.0\n[    0.000000] Command line: ro\n' >"$TMP/nolayout.log"
expect_exit 2 "a boot log without memory ranges is rejected" -- \
	"$FRAGSIM" layout --dmesg "$TMP/nolayout.log"
err_matches "a boot log without memory ranges is explained" \
	'nolayout.log: error: no "Early memory node ranges" block'

printf 'Node 0, zone      DMA      0      0      0\n' >"$TMP/short.buddyinfo"
expect_exit 2 "a truncated buddyinfo line is rejected" -- "$FRAGSIM" index "$TMP/short.buddyinfo"
err_matches "a truncated buddyinfo line is located and explained" \
	'short.buddyinfo:1: error: expected a /proc/buddyinfo line'
: >"$TMP/empty.buddyinfo"
expect_exit 2 "an empty buddyinfo is rejected" -- "$FRAGSIM" index "$TMP/empty.buddyinfo"
err_matches "an empty buddyinfo is explained" 'empty.buddyinfo: error: no zones'

# A machine whose memory spans more than the memmap's 29-bit index reaches.
cat >"$TMP/span.ini" <<'X'
[node 0]
mem = 0x1000-0x9efff
mem = 0x100000-0x3fffffff
mem = 0x30000000000-0x3003fffffff
X
expect_exit 2 "a machine spanning 3 TiB is rejected" -- \
	"$FRAGSIM" state "$TMP/span.ini" buddyinfo
err_matches "a machine spanning 3 TiB is explained" \
	"^$TMP/span.ini: error: the memory spans 3072 GiB .* less than 2 TiB"
