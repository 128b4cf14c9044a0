#!/bin/sh
# bad_input.sh - bad input gets exit status 2 and a message naming the file,
# the line and what was expected.

. "$SRCDIR/tests/lib.sh"


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

# A machine whose memory lies above the pfns a block record holds.
cat >"$TMP/high.ini" <<'X'
[node 0]
mem = 0x1000000000000-0x100003fffffff
X
expect_exit 2 "a machine with memory above 256 TiB is rejected" -- \
	"$FRAGSIM" state "$TMP/high.ini" buddyinfo
err_matches "a machine with memory above 256 TiB is explained" \
	"^$TMP/high.ini: error: the memory ends at pfn 0x1000040000; .* below 256 TiB"

# --- issue 14: inputs that crashed, hung or were accepted in silence ---

# bad_log NAME LINE REGEX: expect layout --dmesg to refuse $TMP/NAME.log
# with an error at that line (LINE "" for none).
bad_log() {
	expect_exit 2 "boot log $1 is rejected" -- \
		timeout 60 "$FRAGSIM" layout --dmesg "$TMP/$1.log"
	err_matches "boot log $1 is explained" "^$TMP/$1.log${2:+:$2}: error: .*$3"
}
RANGES='[    0.000000] Early memory node ranges
[    0.000000]   node   0: [mem 0x0000000000001000-0x000000000009efff]
[    0.000000]   node   0: [mem 0x0000000000100000-0x000000003fffffff]'
printf '[    0.000000] RAMDISK: [mem 0x3fe00-0xffffffffffffffff]\n%s\n' \
	"$RANGES" >"$TMP/ramdisk_wraps.log"
bad_log ramdisk_wraps 1 \
	'expected RAMDISK: \[mem START-END\] with START <= END below 2\^52'
printf '[    0.000000] RAMDISK: [mem 0x3fe00000-0x3fd00000]\n%s\n' \
	"$RANGES" >"$TMP/ramdisk_backwards.log"
bad_log ramdisk_backwards 1 'with START <= END'
printf '[    0.000000] RAMDISK: [mem 0x7fe00000-0x7fefffff]\n%s\n' \
	"$RANGES" >"$TMP/ramdisk_outside.log"
bad_log ramdisk_outside 1 \
	'RAMDISK \[mem 0x7fe00000-0x7fefffff\] lies outside the memory'
printf '%s\n[    0.000000]   node   1: [mem 0x0000000040000000-0x00000000' \
	"$RANGES" >"$TMP/cut_mid_line.log"
bad_log cut_mid_line 4 \
	'node range "node   1: \[mem 0x0000000040000000-0x00000000": expected'
printf '%s\n[    0.000000]   node   1: [mem 0x40000000-0xfffffffffffffff]\n' \
	"$RANGES" >"$TMP/node_beyond_2_52.log"
bad_log node_beyond_2_52 4 'below 2\^52'
printf '%s\n[    0.000000]   node   1: [mem 0x40000000-0xfffffffffffff]\n' \
	"$RANGES" >"$TMP/exabyte.log"
bad_log exabyte "" \
	'the memory spans [0-9]+ GiB .* less than 2 TiB'
printf '%s\n[    0.000000] x\0y\n' "$RANGES" >"$TMP/nul_byte.log"
bad_log nul_byte 4 \
	'a NUL byte at column 17: expected a Linux boot log'

expect_exit 2 "/dev/zero as a boot log is refused" -- \
	timeout 60 "$FRAGSIM" layout --dmesg /dev/zero
err_matches "... at its first line, saying what was expected" \
	'^/dev/zero:1: error: a NUL byte at column 1: expected a Linux boot log'
expect_exit 2 "an endless pipe as a boot log is refused" -- \
	timeout 120 sh -c 'yes "[    0.000000] x" | "$1" layout --dmesg /dev/stdin' \
	sh "$FRAGSIM"
err_matches "... at the size bound, saying what was expected" \
	'^/dev/stdin:[0-9]+: error: more than 256 MiB: expected a Linux boot log'
head -c 100000 /dev/zero | tr '\0' x >"$TMP/long.log"
expect_exit 2 "a boot log line of 100000 bytes is refused" -- \
	"$FRAGSIM" layout --dmesg "$TMP/long.log"
err_matches "... naming the line" \
	'long.log:1: error: a line longer than 65536 bytes: expected a Linux boot log'

mkdir -p "$TMP/adir"
expect_exit 2 "a directory as a model is refused" -- "$FRAGSIM" layout "$TMP/adir"
err_matches "... as a directory" "^$TMP/adir: error: is a directory: expected a model file"
expect_exit 2 "a directory as a boot log is refused" -- \
	"$FRAGSIM" layout --dmesg "$TMP/adir"
err_matches "... as a directory" "^$TMP/adir: error: is a directory: expected a Linux boot log"

# layout, not only run and state, refuses an exabyte of memory, at once
cat >"$TMP/exabyte.ini" <<'X'
[node 0]
mem = 0x1000-0x9efff
mem = 0x100000-0xfffffffffffffff
X
expect_exit 2 "layout of a model with an exabyte of memory is refused" -- \
	timeout 60 "$FRAGSIM" layout "$TMP/exabyte.ini"
err_matches "... with the 2 TiB limit of run and state" \
	"^$TMP/exabyte.ini: error: the memory spans .* less than 2 TiB"

bad_model second_machine 5 'a second \[machine\] section \(the first is at line 1\): expected one' <<'X'
[machine]
cpus = 2
[node 0]
mem = 0x1000-0x9efff
[machine]
arch = x86_64
X
bad_model hz 2 'hz = 10000: expected CONFIG_HZ, a number of ticks a second from 24 to 1000 \(100, 250, 300, 1000\)' <<'X'
[machine]
hz = 10000
[node 0]
mem = 0x1000-0x9efff
X
bad_model duplicate_key 3 'cpus is given again in \[machine\] \(first at line 2\): expected each key once' <<'X'
[machine]
cpus = 2
cpus = 4
[node 0]
mem = 0x1000-0x9efff
X
printf '[node 0]\nmem = 0x1000-0x9efff\0 hotplug\n' >"$TMP/nul.src"
bad_model nul 2 <"$TMP/nul.src" \
	'a NUL byte at column 21: expected a text file'
# a binary model: the errors come in line order, the first with its line
printf '\177ELF\002\001\001\000\000\000\n[node 0]\nfoo = 1\nmem = 0x1000-0x9efff\n' \
	>"$TMP/binary.ini"
expect_exit 2 "a binary model is rejected" -- "$FRAGSIM" layout "$TMP/binary.ini"
grep -o '^[^ ]*:[0-9]*: error' "$TMP/err" | cut -d: -f2 | tr '\n' ' ' \
	>"$TMP/lines"
if [ "$(cat "$TMP/lines")" = "1 1 3 " ]; then
	pass "... with every error at its line, in line order"
else
	fail "... with every error at its line, in line order"
	diag "$(cat "$TMP/err")"
fi

# /dev/zero or an endless pipe as a model or workload stops at 4 MiB
expect_exit 2 "/dev/zero as a model is refused" -- timeout 60 "$FRAGSIM" layout /dev/zero
err_matches "... saying what was expected" \
	'^/dev/zero:1: error: a NUL byte at column 1: expected a text file'
expect_exit 2 "an endless pipe as a model is refused" -- \
	timeout 60 sh -c 'yes "# comment" | "$1" layout /dev/stdin' sh "$FRAGSIM"
err_matches "... at the size bound" \
	'^/dev/stdin:[0-9]+: error: more than 4 MiB: expected a model file'
expect_exit 2 "/dev/zero as a workload is refused" -- \
	timeout 60 "$FRAGSIM" run "$M" /dev/zero --dry-run
err_matches "... at the size bound" \
	'^/dev/zero:[0-9]+: error: more than 4 MiB: expected a workload file'

# a NUL byte in a workload is refused by the same reader
printf '[workload]\nname = a\0b\n' >"$TMP/nul-workload.ini"
expect_exit 2 "a workload with a NUL byte is rejected" -- \
	"$FRAGSIM" run "$M" "$TMP/nul-workload.ini" --dry-run
err_matches "... at its line" \
	"^$TMP/nul-workload.ini:2: error: a NUL byte at column 9: expected a text file"

# buddyinfo: counts and node numbers are checked, endless input bounded
Z='      1      1      0      1      2      1      1      0      1      1'
printf 'Node 0, zone      DMA%s      3\nNode 0, zone    DMA32%s     -5\n' \
	"$Z" "$Z" >"$TMP/negative.buddyinfo"
expect_exit 2 "a buddyinfo count of -5 is rejected" -- \
	"$FRAGSIM" index "$TMP/negative.buddyinfo"
err_matches "... at its line" 'negative.buddyinfo:2: error: expected a /proc/buddyinfo line'
printf 'Node 99999999999, zone      DMA%s      3\n' "$Z" >"$TMP/bignode.buddyinfo"
expect_exit 2 "buddyinfo's Node 99999999999 is rejected" -- \
	"$FRAGSIM" index "$TMP/bignode.buddyinfo"
err_matches "... saying which nodes are expected" \
	'bignode.buddyinfo:1: error: expected a /proc/buddyinfo line: "Node N, zone NAME" \(N from 0 to 1023\)'
expect_exit 2 "/dev/zero as buddyinfo is refused" -- \
	timeout 60 "$FRAGSIM" index /dev/zero
err_matches "... saying what was expected" \
	'^/dev/zero:1: error: a NUL byte at column 1: expected /proc/buddyinfo text'
expect_exit 2 "an endless pipe as buddyinfo is refused" -- \
	timeout 60 sh -c 'yes "Node 0, zone      DMA$2      3" | "$1" index /dev/stdin' \
	sh "$FRAGSIM" "$Z"
err_matches "... at the size bound" \
	'^/dev/stdin:[0-9]+: error: more than 4 MiB: expected /proc/buddyinfo text'

# ftrace: numbers that would overflow, flags wider than gfp_t, bounded lines
TM="$SRCDIR/models/x86_64-1g.ini"
trace_line() {	# PID CPU TIME PFN GFP
	printf '            init-%s       [%s] .....     %s: mm_page_alloc: page=(____ptrval____) pfn=%s order=0 migratetype=0 gfp_flags=%s\n' "$@"
}
bad_trace() {	# NAME LINE REGEX, with the trace in $TMP/NAME.trace
	expect_exit 2 "trace $1 is rejected" -- \
		timeout 60 "$FRAGSIM" replay "$TM" "$TMP/$1.trace"
	err_matches "trace $1 is explained at its line" \
		"^$TMP/$1.trace:$2: error: $3"
}
{ trace_line 1 001 2.000000 0x100 GFP_KERNEL
  trace_line 12345678901234567890 001 2.000001 0x101 GFP_KERNEL; } \
	>"$TMP/pid20.trace"
bad_trace pid20 2 'a PID above 4194304 \(the kernel.s PID_MAX_LIMIT\)'
trace_line 1 12345678901234567890 2.000000 0x100 GFP_KERNEL >"$TMP/cpu20.trace"
bad_trace cpu20 1 'a CPU number above 8191'
trace_line 1 001 100000000000000000000.000000 0x100 GFP_KERNEL \
	>"$TMP/ts1e20.trace"
bad_trace ts1e20 1 'a timestamp of more than 2\^64 ns'
trace_line 1 001 2.000000 0x100 0x1ffffffffffffffffff >"$TMP/gfp72.trace"
bad_trace gfp72 1 "unknown gfp flag in '0x1ffffffffffffffffff': .*or a hex number of 32 bits"
trace_line 1 001 2.000000 0x100 "$(head -c 200000 /dev/zero | tr '\0' A)" \
	>"$TMP/gfplong.trace"
bad_trace gfplong 1 "unknown gfp flag in 'A{80}\.\.\.': expected"
if [ "$(wc -c <"$TMP/err")" -lt 400 ]; then
	pass "... echoing 80 bytes of the 200 KB flags, not all"
else
	fail "... echoing 80 bytes of the 200 KB flags, not all"
fi
{ trace_line 1 001 3.000000 0x100 GFP_KERNEL
  trace_line 1 001 2.000000 0x200 GFP_KERNEL; } >"$TMP/backwards.trace"
expect_exit 0 "a trace going back in time is replayed" -- \
	"$FRAGSIM" replay "$TM" "$TMP/backwards.trace"
err_matches "... with a warning at the line" \
	"^$TMP/backwards.trace:2: warning: time 2.000000 is before the previous event's 3.000000: expected events in time order"
if grep -q "events earlier than the event before them .*: 1$" "$TMP/out"
then pass "... and counted in the summary"
else fail "... and counted in the summary"; fi
{ trace_line 1 001 3.000000 0x100 GFP_KERNEL
  trace_line 1 001 3.000001 0x100 GFP_KERNEL; } >"$TMP/twice.trace"
expect_exit 0 "a trace allocating pfn 0x100 twice is replayed" -- \
	"$FRAGSIM" replay "$TM" "$TMP/twice.trace"
err_matches "... with a warning at the second" \
	"^$TMP/twice.trace:2: warning: pfn 0x100 is allocated again while the trace holds it"
expect_exit 2 "/dev/zero as a trace is refused" -- \
	timeout 60 "$FRAGSIM" replay "$TM" /dev/zero
err_matches "... saying what was expected" \
	'^/dev/zero:1: error: a line longer than 64 MiB: expected ftrace text'
expect_exit 2 "/dev/zero as replay's --start snapshot is refused" -- \
	timeout 60 "$FRAGSIM" replay "$TM" "$TMP/twice.trace" --start /dev/zero
err_matches "... saying what was expected" \
	'^/dev/zero:1: error: a NUL byte at column 1: expected a /proc/pagetypeinfo snapshot'

# kpageflags: the longer file is not read to its end for the message
head -c 8000 /dev/zero >"$TMP/kpf.short"
expect_exit 2 "a kpagecount of /dev/zero beside a short kpageflags is refused" -- \
	timeout 60 "$FRAGSIM" state "$TM" buddyinfo \
	--from-kpageflags "$TMP/kpf.short" --kpagecount /dev/zero
err_matches "... at once, naming both" \
	"^$TMP/kpf.short: error: ends after 1000 entries, but /dev/zero goes on \(at least [0-9]+\)"
expect_exit 2 "/dev/zero as both dump files is refused" -- \
	timeout 60 "$FRAGSIM" state "$TM" buddyinfo \
	--from-kpageflags /dev/zero --kpagecount /dev/zero
err_matches "... at the machine's end" \
	"^/dev/zero: error: longer than the machine"

# sizes beyond 64 bits, which the kernel would wrap, and seeds that wrapped
bad_cmdline "movablecore=99999999999999999999G" \
	"^--cmdline: error: movablecore=99999999999999999999G: more than 2\^64 bytes"
bad_cmdline "movablecore=16777216T" "more than 2\^64 bytes"
bad_cmdline "coherent_pool=99999999999999999999" \
	"^--cmdline: error: coherent_pool=99999999999999999999: more than 2\^64 bytes"
W="$SRCDIR/workloads/stress-highalloc.ini"
for seed in -1 99999999999999999999 18446744073709551616 5x; do
	expect_exit 2 "--seed '$seed' is rejected" -- \
		"$FRAGSIM" run "$TM" "$W" --seed "$seed" --dry-run
	err_matches "... saying which seeds there are" \
		"--seed $seed: expected a whole number from 0 to 18446744073709551615"
done
expect_exit 0 "--seed 18446744073709551615 is the largest seed" -- \
	"$FRAGSIM" run "$TM" "$W" --seed 18446744073709551615 --dry-run

# a bad --vary key is reported as --vary's, not as a --set error
expect_exit 2 "sweep --vary with an unknown key is refused" -- \
	"$FRAGSIM" sweep "$TM" "$W" --vary bogus=1,2 --db "$TMP/vary.db"
err_matches "... as --vary's error" '^--vary: error: bogus=1: unknown key: expected'
# The sweep's checks of its values share one stderr: each message is one
# write, so that two refusals cannot interleave mid-line (they did, before
# diag_vprint wrote the place, the message and the newline at once).
if command -v strace >/dev/null 2>&1; then
	# (the sanitizers' own lines, such as LeakSanitizer's refusal to run
	# under ptrace, are other writes: only the message's are counted)
	strace -f -s 4096 -e trace=write -o "$TMP/strace" "$FRAGSIM" run \
		"$TM" "$W" --set bogus=1 --dry-run >/dev/null 2>&1
	whole=$(grep -c 'write(2, "--set: error: bogus=1: unknown key: .*of the workload\\n"' "$TMP/strace")
	parts=$(grep -c 'write(2, .*\(bogus=1\|unknown key\|of the workload\)' "$TMP/strace")
	if [ "$whole" -eq 1 ] && [ "$parts" -eq 1 ]; then
		pass "an error message is one write to stderr"
	else
		fail "an error message is one write to stderr"
		diag "$(grep 'write(2' "$TMP/strace")"
	fi
else
	pass "an error message is one write to stderr # SKIP no strace"
fi
if grep -q -- '--set' "$TMP/err"; then
	fail "... not as a --set error"; diag "$(cat "$TMP/err")"
else
	pass "... not as a --set error"
fi

# --- the result store ---
if command -v sqlite3 >/dev/null 2>&1; then
	"$FRAGSIM" sweep "$TM" "$W" --vary movablecore=0%,20% \
		--emit-jobs "$TMP/st-jobs.txt" >/dev/null
	sh -c "$(sed -n 1p "$TMP/st-jobs.txt")" >/dev/null 2>&1
	sh -c "$(sed -n 2p "$TMP/st-jobs.txt")" >/dev/null 2>&1
	SH="$TMP/st-jobs.txt.shards"
	# a merge killed before it wrote anything left a 0-byte output
	: >"$TMP/killed-merge.db"
	expect_exit 0 "merge into the 0-byte output a killed merge left" -- \
		"$FRAGSIM" merge "$TMP/killed-merge.db" "$SH"/run-*.db
	is "... holds both runs" "2" \
		"$(sqlite3 "$TMP/killed-merge.db" "SELECT count(*) FROM runs")"
	expect_exit 0 "merge into a new output" -- \
		"$FRAGSIM" merge "$TMP/new-merge.db" "$SH"/run-*.db
	if ls "$TMP"/new-merge.db.* >/dev/null 2>&1; then
		fail "... leaves only the output (written aside, renamed)"
		diag "$(ls "$TMP"/new-merge.db*)"
	else
		pass "... leaves only the output (written aside, renamed)"
	fi
	# a database with a corrupt page is refused, not read in part
	cp "$TMP/new-merge.db" "$TMP/corrupt.db"
	size=$(wc -c <"$TMP/corrupt.db")
	head -c 4000 /dev/zero | tr '\0' 'g' | dd of="$TMP/corrupt.db" bs=1 \
		seek=$((size / 2)) conv=notrunc 2>/dev/null
	expect_exit 2 "report of a database with corrupt pages is refused" -- \
		"$FRAGSIM" report "$TMP/corrupt.db"
	err_matches "... saying it is corrupt" \
		"^$TMP/corrupt.db: error: the database is corrupt \(.*\): expected a whole fragsim result database"
	: >"$TMP/zero.db"
	expect_exit 2 "a 0-byte file is not read as a database" -- \
		"$FRAGSIM" report "$TMP/zero.db"
	err_matches "... saying it is empty" "zero.db: error: not a fragsim result database \(it is empty\)"
	expect_exit 2 "a directory as a database is refused" -- \
		"$FRAGSIM" report "$TMP/adir"
	err_matches "... as a directory" \
		"^$TMP/adir: error: is a directory: expected a fragsim result database"
	expect_exit 2 "a directory as run's --db is refused" -- \
		"$FRAGSIM" run "$TM" "$W" -q --db "$TMP/adir"
	err_matches "... as a directory" \
		"^$TMP/adir: error: is a directory: expected a fragsim result database"
	# a run on a full disk is marked failed, not left running
	mkdir -p "$TMP/full"
	if [ "$(id -u)" -eq 0 ] &&
		mount -t tmpfs -o size=1M fragsim-test "$TMP/full" 2>/dev/null; then
		expect_exit 1 "a run on a full disk fails" -- \
			"$FRAGSIM" run "$SRCDIR/models/x86_64-4g.ini" "$W" -q \
			--db "$TMP/full/run.db" --map 10ms
		err_matches "... saying the disk is full" "run.db: error: (writing the run: )?database or disk is full"
		is "... and is marked failed, not running" "failed" \
			"$(sqlite3 "$TMP/full/run.db" "SELECT status FROM runs")"
		umount "$TMP/full"
	else
		for i in 1 2 3; do pass "# SKIP a full disk needs root to mount a tmpfs"; done
	fi
else
	for i in $(seq 1 16); do pass "# SKIP sqlite3 is not installed"; done
fi

done_testing
