#!/bin/sh
# oracle-compare.sh - run the workload oracle's cases on fragsim and print
# its figures beside the real kernel's.
#
# For every case of ORACLE/workload/MANIFEST.tsv (a guest running
# tools/frag.c at some fill, extra, movablecore or kernelcore), fragsim
# boots the machine of the case's boot log (its first run's dmesg; without
# one, models/x86_64-1g.ini with the case's kernel command line) and runs
# workloads/oracle-frag.ini with the case's fill, extra, balloon and pool
# size (oracle_fill=, oracle_extra=, oracle_balloon=, oracle_hp=), with
# seeds 1, 2 and 3 (as the oracle has three runs of each case; SEEDS
# overrides).
# Printed, as TSV with a header (one row per case and zone; lists are per
# kernel run and per fragsim seed):
#   unmovable_delta_<zone>: pageblocks the workload turned Unmovable (the
#     pageblock-type table after fragmenting minus the one before it), the
#     kernel's per run and fragsim's;
#   yield: huge pages obtained by the first nr_hugepages write as a share of
#     the free-memory bound (free pages / 512), in percent;
#   growth: what compact_memory and the second write added to the pool;
#   oom_kills: the processes the OOM killer killed (the kernel's from
#     dmesg, "none" for none), in order, joined by "+";
#   write_s: how long the first write took, in seconds (hp_alloc_seconds;
#     fragsim's in simulated time: compare-lib.sh, write_seconds).
# WORKLOAD names another workload to try in oracle-frag.ini's place.
# Usage: oracle-compare.sh [ORACLE_DIR]   (default ../shared/oracle)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
fragsim=${FRAGSIM:-$top/src/fragsim}
oracle=${1:-${ORACLE_DIR:-$top/../shared/oracle}}/workload
model=$top/models/x86_64-1g.ini
workload=${WORKLOAD:-$top/workloads/oracle-frag.ini}
seeds=${SEEDS:-1 2 3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fragsim-oracle.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

[ -f "$oracle/MANIFEST.tsv" ] || {
	echo "oracle-compare.sh: no $oracle/MANIFEST.tsv" >&2
	exit 2
}

. "$top/tools/compare-lib.sh"

# param NAME CMDLINE: the value of NAME= on a kernel command line.
param() {
	printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1
}

printf 'case\tzone\tkernel_unmovable_delta\tfragsim_unmovable_delta\t'
printf 'kernel_yield_pct\tfragsim_yield_pct\tkernel_growth\tfragsim_growth\t'
printf 'kernel_hugepages\tfragsim_hugepages\tkernel_oom_kills\tfragsim_oom_kills\t'
printf 'kernel_write_s\tfragsim_write_s\n'
tail -n +2 "$oracle/MANIFEST.tsv" | while IFS='	' read -r case qemu cmdline; do
	fill=$(param oracle_fill "$cmdline")
	extra=$(param oracle_extra "$cmdline")
	hp=$(param oracle_hp "$cmdline")
	balloon=$(param oracle_balloon "$cmdline")
	fill_pct=$(awk -v f="$fill" 'BEGIN { print f * 100 }')
	extra_pct=$(awk -v f="$extra" 'BEGIN { print f * 100 }')
	# the machine the case booted: its own boot log (memory map, CPUs,
	# command line), else the 1 GiB model with the case's command line
	dmesg=$(ls "$oracle/$case"/run*/dmesg 2>/dev/null | head -n 1)
	if [ -n "$dmesg" ]; then
		set -- --dmesg "$dmesg"
	else
		set -- "$model" --cmdline "$cmdline"
	fi
	set -- "$@" "$workload" \
		--set "fill.until_allocated=$fill_pct%" \
		--set "pipes.until_allocated=$extra_pct% of fill" \
		--set "hugepages-1.do=nr_hugepages ${hp:-512}" \
		--set "hugepages-2.do=nr_hugepages ${hp:-512}" \
		--set "balloon-anon.share=$(( ${balloon:-32} * 1024 + 80 ))K"
	f_yield= f_growth= f_hp= f_oom= f_write=
	for seed in $seeds; do
		"$fragsim" run "$@" --seed "$seed" >"$tmp/full"
		# hugetlb: nr_hugepages 512 at 1.4s: obtained N (free pages
		# before: F), once per write
		hp1=$(awk '$1 == "hugetlb:" { print $7; exit }' "$tmp/full")
		hp2=$(awk '$1 == "hugetlb:" { n++ }
			$1 == "hugetlb:" && n == 2 { print $7 }' "$tmp/full")
		free=$(awk '$1 == "hugetlb:" { sub(")", "", $NF); print $NF; exit }' \
			"$tmp/full")
		f_yield="$f_yield${f_yield:+,}$(awk -v o="$hp1" -v f="$free" \
			'BEGIN { printf "%.1f", 100 * o / (f / 512) }')"
		f_growth="$f_growth${f_growth:+,}$((hp2 - hp1))"
		f_hp="$f_hp${f_hp:+,}$hp1/$hp2"
		# oom-kill: process P at T: freed N pages
		# (oracle-frag's frag-balloon is the kernel's "balloon")
		kills=$(awk '$1 == "oom-kill:" { p = $3
			sub(/^frag-balloon$/, "balloon", p)
			printf "%s%s", s, p; s = "+" }' "$tmp/full")
		f_oom="$f_oom${f_oom:+,}${kills:-none}"
		f_write="$f_write${f_write:+,}$(write_seconds "$tmp/full")"
	done
	k_yield=$(awk -F'\t' -v c="$case" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == c { y = 100 * $col["hp_obtained"] / ($col["free_pages_before"] / 512)
			  printf "%s%.1f", sep, y; sep = "," }' "$oracle/summary.tsv")
	k_growth=$(awk -F'\t' -v c="$case" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == c { printf "%s%d", sep, $col["hp_obtained_after_compact_memory"] - $col["hp_obtained"]
			  sep = "," }' "$oracle/summary.tsv")
	k_hp=$(awk -F'\t' -v c="$case" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == c { printf "%s%d/%d", sep, $col["hp_obtained"], $col["hp_obtained_after_compact_memory"]
			  sep = "," }' "$oracle/summary.tsv")
	k_write=$(awk -F'\t' -v c="$case" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == c { printf "%s%s", sep, $col["hp_alloc_seconds"]; sep = "," }' \
		"$oracle/summary.tsv")
	# balloon@8.117280,frag@8.345445: frag.c's balloon is a frag process
	k_oom=$(awk -F'\t' -v c="$case" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == c { k = $col["oom_kills"]; gsub(/@[0-9.]*/, "", k)
			  gsub(/,/, "+", k); printf "%s%s", sep, k; sep = "," }' \
		"$oracle/summary.tsv")
	for zone in DMA32 Movable; do
		k_delta=
		for run in "$oracle/$case"/run*; do
			b=$(unmovable "$zone" "$run/00_boot/pagetypeinfo")
			a=$(unmovable "$zone" "$run/01_fragmented/pagetypeinfo")
			[ -n "$a" ] && [ -n "$b" ] || continue
			k_delta="$k_delta${k_delta:+,}$((a - b))"
		done
		[ -n "$k_delta" ] || continue
		f_delta=
		for seed in $seeds; do
			"$fragsim" run "$@" --seed "$seed" --quiet \
				--stop-after balloon >"$tmp/boot"
			"$fragsim" run "$@" --seed "$seed" --quiet \
				--stop-after pipes >"$tmp/fragmented"
			b=$(unmovable "$zone" "$tmp/boot")
			a=$(unmovable "$zone" "$tmp/fragmented")
			f_delta="$f_delta${f_delta:+,}$((a - b))"
		done
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
			"$case" "$zone" "$k_delta" "$f_delta" "$k_yield" \
			"$f_yield" "$k_growth" "$f_growth" "$k_hp" "$f_hp" \
			"$k_oom" "$f_oom" "$k_write" "$f_write"
	done
done
