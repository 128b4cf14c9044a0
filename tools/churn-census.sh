#!/bin/sh
# churn-census.sh - ZONE_MOVABLE's pageblocks just before the first
# nr_hugepages write of the churn oracle, the real kernel's beside
# fragsim's: how many blocks hold how many pages in use.
#
# The kernel's census is frag --blockscan's (01_fragmented/blocks.blocks,
# taken right before the write); fragsim's is `run --show blocks` of
# workloads/churn.ini stopped after its ready phase (the write's eve), on
# the case's own boot log (its first run's dmesg), seeds 1, 2 and 3 (SEEDS
# overrides; WORKLOAD names another workload to try).
# Runs whose workload was OOM-killed during the churn are left out, as
# churn-compare.sh leaves them: the kernel's (churn_completed=no) and
# fragsim's seeds, for which further seeds are drawn (compare-lib.sh:
# churn_seeds).  Cases without a ZONE_MOVABLE are left out too.
# Pages in use are a block's pages not free (free includes pcp pages).
# Printed, as TSV with a header, one row per kernel run and per seed:
# case, source (kernel runN / fragsim seedN) and the number of blocks with
# 0, 1-16, 17-64, 65-128, 129-256, 257-511 and 512 pages in use.
# Usage: churn-census.sh [ORACLE_DIR]   (default ../shared/oracle)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
fragsim=${FRAGSIM:-$top/src/fragsim}
oracle=${1:-${ORACLE_DIR:-$top/../shared/oracle}}/churn
workload=${WORKLOAD:-$top/workloads/churn.ini}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fragsim-census.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

[ -f "$oracle/MANIFEST.tsv" ] || {
	echo "churn-census.sh: no $oracle/MANIFEST.tsv" >&2
	exit 2
}

. "$top/tools/compare-lib.sh"

# bins FILE: the Movable blocks of a .blocks census by pages in use
bins() {
	awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$2 == "Movable" {
			u = 512 - $col["free"]
			b = u == 0 ? 1 : u <= 16 ? 2 : u <= 64 ? 3 : u <= 128 ? 4 : u <= 256 ? 5 : u < 512 ? 6 : 7
			n[b]++
		}
		END { for (b = 1; b <= 7; b++) printf "\t%d", n[b]; print "" }' "$1"
}

printf 'case\tsource\t0\t1-16\t17-64\t65-128\t129-256\t257-511\t512\n'
for dir in "$oracle"/*/; do
	case=$(basename "$dir")
	dmesg=$(ls "$dir"run*/dmesg 2>/dev/null | head -n 1)
	[ -n "$dmesg" ] || continue
	xz -dc "$(dirname "$dmesg")/01_fragmented/blocks.blocks.xz" 2>/dev/null |
		grep -q "$(printf '\tMovable\t')" || continue
	for run in $(kernel "$case" run); do
		census=$dir$run/01_fragmented/blocks.blocks.xz
		[ -f "$census" ] || continue
		xz -dc "$census" >"$tmp/k"
		printf '%s\tkernel %s' "$case" "$run"
		bins "$tmp/k"
	done
	churn_seeds "$dmesg" "$workload" "$tmp" || exit 1
	for seed in $completed_seeds; do
		sed -n '/^block_pfn/,$p' "$tmp/ready.$seed" >"$tmp/f"
		printf '%s\tfragsim seed %s' "$case" "$seed"
		bins "$tmp/f"
	done
done
