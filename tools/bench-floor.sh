#!/bin/sh
# bench-floor.sh - fragsim's page allocator as a share of a bare buddy
# allocator doing the same work (bench/alloc_work.h): bench_alloc and
# bench_floor run alternately, RUNS times each (default 3), and the ratio
# of their median throughputs is printed with each one's bytes of state
# per frame.  Alternating spreads whatever else the machine does over
# both.  Usage: bench-floor.sh BENCHDIR [RUNS] [OPERATIONS]
set -eu
dir=${1:?usage: bench-floor.sh BENCHDIR [RUNS] [OPERATIONS]}
runs=${2:-3}
ops=${3:-20000000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fragsim-floor.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# throughput FILE: the M operations/s a benchmark printed
throughput() { awk '$1 == "throughput:" { print $2 }' "$1"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

i=0
while [ "$i" -lt "$runs" ]; do
	"$dir/bench_alloc" "$ops" >"$tmp/alloc.$i"
	"$dir/bench_floor" "$ops" >"$tmp/floor.$i"
	i=$((i + 1))
done
a=$(for f in "$tmp"/alloc.*; do throughput "$f"; done | median)
f=$(for f in "$tmp"/floor.*; do throughput "$f"; done | median)
a_all=$(for f in "$tmp"/alloc.*; do throughput "$f"; done | tr '\n' ' ')
f_all=$(for f in "$tmp"/floor.*; do throughput "$f"; done | tr '\n' ' ')
a_state=$(awk '$1 == "per-frame" { print $3; exit }' "$tmp/alloc.0")
f_state=$(awk '$1 == "per-frame" { print $3; exit }' "$tmp/floor.0")
echo "fragsim's page allocator against a bare buddy allocator, the same work ($ops operations, $runs runs each, alternated)"
echo "  bench_alloc:  median $a M operations/s ($a_all), $a_state bytes/frame"
echo "  bench_floor:  median $f M operations/s ($f_all), $f_state bytes/frame"
echo "  ratio:        $(awk -v a="$a" -v f="$f" 'BEGIN { printf "%.2f", a / f }') (target: 0.5 on a quiet machine)"
