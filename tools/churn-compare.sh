#!/bin/sh
# churn-compare.sh - run the churn oracle's cases on fragsim and print its
# figures beside the real kernel's.
#
# For every case of ORACLE/churn/MANIFEST.tsv (a 1 GiB guest running
# frag --churn at some movablecore or kernelcore), fragsim boots the
# case's own boot log (its first run's dmesg) and runs workloads/churn.ini
# with seeds 1, 2 and 3 (SEEDS overrides).  Runs whose workload was
# OOM-killed during the churn are left out of the figures on both sides:
# the kernel's (churn_completed=no) and fragsim's seeds (frag killed
# before its ready phase), for which further seeds are drawn
# (compare-lib.sh: churn_seeds).
# Printed, as TSV with a header (one row per case and zone; lists are per
# kernel run and per fragsim seed):
#   unmovable_growth: Unmovable pageblocks after the churn minus at boot
#     (pagetypeinfo; fragsim's summary after the ready phase, the
#     write's eve);
#   yield_pct: huge pages of the first nr_hugepages write as a share of the
#     free-memory bound (free pages / 512), in percent;
#   pool: the pool after compact_memory and the second write;
#   offlined: memory blocks of the zone the unplug loop offlined;
#   oom: whether the OOM killer killed anything (yes/no), per run: every
#     kernel run and every seed tried, in order (one left out had a kill);
#   fragsim_seeds: the seeds behind fragsim's figures;
#   killed_during_churn: the kernel's runs and fragsim's seeds left out,
#     as "kernel K of N runs; fragsim seeds LIST" ("-": none);
#   unmovable_boot: Unmovable pageblocks at boot (00_boot, every kernel
#     run: the boot is before any kill; fragsim's after its boot phase);
#   m0: MemFree in pages as frag starts, which sizes its churn (frag.log's
#     M0_pages, every kernel run; fragsim's free pages after its boot);
#   write_s: how long the first write took, in seconds (hp_alloc_seconds;
#     fragsim's in simulated time: compare-lib.sh, write_seconds).
# Usage: churn-compare.sh [ORACLE_DIR]   (default ../shared/oracle)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
fragsim=${FRAGSIM:-$top/src/fragsim}
oracle=${1:-${ORACLE_DIR:-$top/../shared/oracle}}/churn
workload=${WORKLOAD:-$top/workloads/churn.ini}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fragsim-churn.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

[ -f "$oracle/MANIFEST.tsv" ] || {
	echo "churn-compare.sh: no $oracle/MANIFEST.tsv" >&2
	exit 2
}

. "$top/tools/compare-lib.sh"

# offlined ZONE FILE: blocks of ZONE fragsim offlined (0 if none tried).
offlined() {
	awk -v zone="$1:" '$1 == "offline:" && $5 == zone { n = $8 }
		END { print n + 0 }' "$2"
}

# zone_of ZONE LIST: N from "DMA32:12,Movable:9" (empty if absent).
zone_of() {
	printf '%s\n' "$2" | tr ',' '\n' | sed -n "s/^$1://p"
}

join() { paste -sd, -; }

printf 'case\tzone\tkernel_unmovable_growth\tfragsim_unmovable_growth\t'
printf 'kernel_yield_pct\tfragsim_yield_pct\tkernel_pool\tfragsim_pool\t'
printf 'kernel_offlined\tfragsim_offlined\tkernel_oom\tfragsim_oom\t'
printf 'fragsim_seeds\tkilled_during_churn\tkernel_unmovable_boot\t'
printf 'fragsim_unmovable_boot\tkernel_m0\tfragsim_m0\tkernel_write_s\t'
printf 'fragsim_write_s\n'
tail -n +2 "$oracle/MANIFEST.tsv" | while IFS='	' read -r case qemu cmdline; do
	dmesg=$(ls "$oracle/$case"/run*/dmesg | head -n 1)
	[ -n "$(kernel "$case" case)" ] || continue	# no complete run
	churn_seeds "$dmesg" "$workload" "$tmp" || exit 1
	for seed in $completed_seeds; do
		"$fragsim" run --dmesg "$dmesg" "$workload" -q --seed "$seed" \
			--stop-after boot --show zoneinfo >"$tmp/boot.$seed"
		"$fragsim" run --dmesg "$dmesg" "$workload" --seed "$seed" \
			>"$tmp/full.$seed"
	done
	k_yield=$(kernel_yields "$case" | join)
	k_pool=$(kernel "$case" hp_obtained_after_compact_memory | join)
	k_write=$(kernel "$case" hp_alloc_seconds | join)
	f_write=$(for seed in $completed_seeds; do
		write_seconds "$tmp/full.$seed"; done | join)
	k_oom=$(kernel_all "$case" oom_kills |
		sed 's/^none$/no/; s/^[^n].*/yes/' | join)
	k_killed=$(kernel_all "$case" churn_completed |
		awk '$1 == "no" { k++ } END { printf "%d of %d runs", k, NR }')
	f_yield= f_pool=
	for seed in $completed_seeds; do
		# hugetlb: nr_hugepages 512 at T: obtained N (free pages
		# before: F), once per write
		f_yield="$f_yield${f_yield:+,}$(first_yield "$tmp/full.$seed")"
		f_pool="$f_pool${f_pool:+,}$(awk '$1 == "hugetlb:" && ++n == 2 {
			print $7 }' "$tmp/full.$seed")"
	done
	f_oom=$(for seed in $(printf '%s\n' $completed_seeds $killed_seeds | sort -n); do
		case " $killed_seeds " in
		*" $seed "*) echo yes ;;
		*) grep -q '^oom-kill:' "$tmp/full.$seed" && echo yes || echo no ;;
		esac
	done | join)
	killed="kernel $k_killed; fragsim seeds $(echo ${killed_seeds:--} | tr ' ' ,)"
	k_m0=$(for log in "$oracle/$case"/run*/frag.log; do
		sed -n 's/.*M0_pages=\([0-9]*\).*/\1/p' "$log"; done | join)
	f_m0=$(for seed in $completed_seeds; do
		awk '$1 == "pages" && $2 == "free" { s += $3 } END { print s }' \
			"$tmp/boot.$seed"; done | join)
	for zone in DMA32 Movable; do
		k_growth= k_off=
		boot=$(kernel "$case" unmovable_pageblocks_00_boot)
		after=$(kernel "$case" unmovable_pageblocks_01_after_churn)
		off=$(kernel "$case" unplug_offlined)
		n=$(printf '%s\n' "$boot" | wc -l)
		for i in $(seq 1 "$n"); do
			b=$(zone_of "$zone" "$(printf '%s\n' "$boot" | sed -n "${i}p")")
			a=$(zone_of "$zone" "$(printf '%s\n' "$after" | sed -n "${i}p")")
			o=$(zone_of "$zone" "$(printf '%s\n' "$off" | sed -n "${i}p")")
			[ -n "$b" ] && [ -n "$a" ] || continue
			k_growth="$k_growth${k_growth:+,}$((a - b))"
			k_off="$k_off${k_off:+,}${o:-0}"
		done
		[ -n "$k_growth" ] || continue
		k_boot=$(kernel_all "$case" unmovable_pageblocks_00_boot |
			while read -r b; do zone_of "$zone" "$b"; done | join)
		f_growth= f_off= f_boot=
		for seed in $completed_seeds; do
			b=$(unmovable "$zone" "$tmp/boot.$seed")
			a=$(unmovable "$zone" "$tmp/ready.$seed")
			f_growth="$f_growth${f_growth:+,}$((${a:-0} - ${b:-0}))"
			f_boot="$f_boot${f_boot:+,}${b:-0}"
			f_off="$f_off${f_off:+,}$(offlined "$zone" "$tmp/full.$seed")"
		done
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
			"$case" "$zone" "$k_growth" "$f_growth" "$k_yield" \
			"$f_yield" "$k_pool" "$f_pool" "$k_off" "$f_off" \
			"$k_oom" "$f_oom" "$(echo $completed_seeds | tr ' ' ,)" \
			"$killed" "$k_boot" "$f_boot" "$k_m0" "$f_m0" \
			"$k_write" "$f_write"
	done
done
