#!/bin/sh
# capture-compare.sh - one churn capture of the real kernel
# (tools/kernel-capture.sh: any guest size, any case) beside fragsim's
# workloads/churn.ini run on that boot's own log, seeds 1, 2 and 3 (SEEDS
# overrides; WORKLOAD names another workload to try), the huge-page
# writes asking what the capture's asked.
#
# Printed, as TSV with a header, one row for the kernel and one per seed:
# the first write's yield (huge pages obtained / (free pages before /
# 512), %), the pool after compact_memory and the retry, the Unmovable
# pageblocks DMA32 and Movable gained over the churn, the OOM kills and
# the memory blocks offlined per zone ('-' where a zone is absent).
# Usage: capture-compare.sh CAPTURE_DIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
fragsim=${FRAGSIM:-$top/src/fragsim}
seeds=${SEEDS:-1 2 3}
workload=${WORKLOAD:-$top/workloads/churn.ini}
[ $# -eq 1 ] || { echo "usage: capture-compare.sh CAPTURE_DIR" >&2; exit 2; }
cap=$1
for f in dmesg hugepages_1 hugepages_2 00_boot/pagetypeinfo \
	 01_fragmented/pagetypeinfo 01_fragmented/vmstat; do
	[ -f "$cap/$f" ] || {
		echo "capture-compare.sh: no $cap/$f: not a churn capture" >&2
		exit 2
	}
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fragsim-capcmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

requested=$(sed -n 's/.*requested=\([0-9]*\).*/\1/p' "$cap/hugepages_1")
obtained() { sed -n 's/.*obtained=\([0-9]*\).*/\1/p' "$1"; }

# unmovable ZONE PAGETYPEINFO: the zone's Unmovable pageblocks, or '-'
unmovable() {
	awk -v z="$1" '/^Number of blocks type/ { on = 1; next }
		on && $4 == z { print $5; found = 1; exit }
		END { if (!found) print "-" }' "$2"
}
growth() {
	case "$2$3" in *-*) echo - ;; *) echo $(($3 - $2)) ;; esac
}

printf 'source\tyield_pct\tpool\tdma32_growth\tmovable_growth\toom_kills\tofflined\n'

k_free=$(awk '$1 == "nr_free_pages" { print $2 }' "$cap/01_fragmented/vmstat")
k_off=$(awk '$1 ~ /^zone=/ && $1 != "zone=none" {
		sub("zone=", "", $1); sub("offlined=", "", $4)
		printf "%s%s:%s", sep, $1, $4; sep = "," }' \
	"$cap/unplug_summary" 2>/dev/null || true)
printf 'kernel\t%s\t%s\t%s\t%s\t%s\t%s\n' \
	"$(awk -v o="$(obtained "$cap/hugepages_1")" -v f="$k_free" \
		'BEGIN { printf "%.1f", 100 * o / (f / 512) }')" \
	"$(obtained "$cap/hugepages_2")" \
	"$(growth x "$(unmovable DMA32 "$cap/00_boot/pagetypeinfo")" \
		"$(unmovable DMA32 "$cap/01_fragmented/pagetypeinfo")")" \
	"$(growth x "$(unmovable Movable "$cap/00_boot/pagetypeinfo")" \
		"$(unmovable Movable "$cap/01_fragmented/pagetypeinfo")")" \
	"$(grep -c 'Killed process' "$cap/dmesg" || true)" "${k_off:--}"

for seed in $seeds; do
	set -- --set "hugepages-1.do=nr_hugepages $requested" \
	       --set "hugepages-2.do=nr_hugepages $requested"
	"$fragsim" run --dmesg "$cap/dmesg" "$workload" -q \
		--seed "$seed" --stop-after boot --show pagetypeinfo \
		"$@" >"$tmp/boot" 2>/dev/null
	"$fragsim" run --dmesg "$cap/dmesg" "$workload" -q \
		--seed "$seed" --stop-after ready --show pagetypeinfo \
		"$@" >"$tmp/churned" 2>/dev/null
	"$fragsim" run --dmesg "$cap/dmesg" "$workload" -q \
		--seed "$seed" "$@" >"$tmp/full" 2>/dev/null || true
	printf 'fragsim seed %s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$seed" \
		"$(awk '$1 == "hugetlb:" { sub(")", "", $NF)
			printf "%.1f", 100 * $7 / ($NF / 512); exit }' "$tmp/full")" \
		"$(awk '$1 == "hugetlb:" && ++n == 2 { print $7 }' "$tmp/full")" \
		"$(growth x "$(unmovable DMA32 "$tmp/boot")" \
			"$(unmovable DMA32 "$tmp/churned")")" \
		"$(growth x "$(unmovable Movable "$tmp/boot")" \
			"$(unmovable Movable "$tmp/churned")")" \
		"$(grep -c '^oom-kill:' "$tmp/full" || true)" \
		"$(awk '$1 == "offline:" { z = $5; sub(":", "", z)
			printf "%s%s:%s", sep, z, $8; sep = "," }' "$tmp/full")"
done
