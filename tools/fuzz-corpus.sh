#!/bin/sh
# fuzz-corpus.sh - gather the seed corpus of every fuzz harness (doc/fuzzing.md)
# from the tree's models, workloads and tests/data, the kernel oracle, and one
# small result database that fragsim records: small files or the first part
# of large ones, since a fuzzer mutates short inputs fastest.
#
# usage: tools/fuzz-corpus.sh SRCDIR ORACLE_DIR FRAGSIM OUTDIR
set -eu
src=$1 oracle=$2 fragsim=$3 out=$4

if [ ! -d "$oracle" ]; then
	echo "fuzz-corpus.sh: no oracle at $oracle (configure --with-oracle=DIR)" >&2
	exit 2
fi
for p in model workload bootlog buddyinfo pagetypeinfo ftrace kpageflags db run; do
	mkdir -p "$out/$p"
done

cp "$src"/models/*.ini "$out/model/"
cp "$src"/workloads/*.ini "$src"/tests/data/*.ini "$out/workload/"
cp "$src"/workloads/*.ini "$out/run/"	# run on the harness's machine
n=0
for d in "$oracle"/partition/*/; do
	c=$(basename "$d")
	[ -f "$d/dmesg" ] && cp "$d/dmesg" "$out/bootlog/$c"
	[ -f "$d/state/buddyinfo" ] && cp "$d/state/buddyinfo" "$out/buddyinfo/$c"
	[ -f "$d/state/pagetypeinfo" ] &&
		cp "$d/state/pagetypeinfo" "$out/pagetypeinfo/$c"
	n=$((n + 1))
	[ "$n" -lt 12 ] || break	# a dozen machines cover the forms
done

# ftrace: the header and the first 40 lines of each event the trace has,
# raw and xz (the reader takes both)
trace=$oracle/ftrace/m1G_small_mc0/trace.xz
xz -dc "$trace" | sed -n '1,/^[^#]/p' | sed '$d' >"$out/ftrace/header"
for ev in $(xz -dc "$trace" | sed -n 's/.*: \([a-z_]*\): .*/\1/p' | sort -u); do
	{ cat "$out/ftrace/header"; xz -dc "$trace" | grep -F ": $ev: " |
		head -n 40; } >"$out/ftrace/$ev"
done
xz -c "$out/ftrace/mm_page_alloc" >"$out/ftrace/mm_page_alloc.xz"

# kpageflags: a split byte (the middle), then 256 entries of each file,
# taken where the workload left memory mixed; raw, and both files xz
kpf=$oracle/kpageflags/m1G_std_mc0
for at in 0 4096 65536; do
	xz -dc "$kpf/kpageflags.xz" | dd bs=8 skip="$at" count=256 \
		2>/dev/null >"$out/kpageflags/.f"
	xz -dc "$kpf/kpagecount.xz" | dd bs=8 skip="$at" count=256 \
		2>/dev/null >"$out/kpageflags/.c"
	{ printf '\177'; cat "$out/kpageflags/.f" "$out/kpageflags/.c"; } \
		>"$out/kpageflags/raw-$at"
done
xz -c "$out/kpageflags/.f" >"$out/kpageflags/.fx"
xz -c "$out/kpageflags/.c" >"$out/kpageflags/.cx"
f=$(wc -c <"$out/kpageflags/.fx") c=$(wc -c <"$out/kpageflags/.cx")
# the split byte puts the end of the flags file at (size-1)*b/255
b=$(( (f * 255 + (f + c) - 1) / (f + c) ))
{ printf "\\$(printf %03o "$b")"; cat "$out/kpageflags/.fx" \
	"$out/kpageflags/.cx"; } >"$out/kpageflags/xz"
rm -f "$out/kpageflags/.f" "$out/kpageflags/.c" "$out/kpageflags/.fx" \
	"$out/kpageflags/.cx"

# db: a short recorded run (its ticks and maps), rewritten with 512-byte
# pages where sqlite3 is at hand: 46 KiB instead of 152, as every table
# takes a page of its own, and the fuzzer's time goes with an input's size
rm -f "$out/db/run.db"
"$fragsim" run "$src/models/x86_64-1g.ini" \
	"$src/workloads/stress-highalloc.ini" -q --stop-after fill \
	--tick 1s --db "$out/db/run.db" >/dev/null
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$out/db/run.db" "PRAGMA journal_mode = DELETE;
		PRAGMA page_size = 512; VACUUM;" >/dev/null
fi
ls "$out"/* | grep -c . | sed 's/^/fuzz-corpus.sh: seed files: /'
