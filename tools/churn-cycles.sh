#!/bin/sh
# churn-cycles.sh - the churn oracle's fallbacks cycle by cycle, the real
# kernel's beside fragsim's, and what kswapd and kcompactd did meanwhile.
#
# The kernel's trace.xz (tracing on from frag's start to its ready file)
# holds kmem:mm_page_alloc_extfrag; fragsim's --trace holds the same
# event and its vmscan/compaction tracepoints.  A cycle's unmovable
# allocations fall back within a few tens of milliseconds and cycles are
# about 0.4 s apart, so events more than GAP seconds (0.1) after the
# previous one start a new group: group 0 is the fill's.  Each group is
# printed as its fallbacks' fallback_order, with '*' where the pageblock
# changed owner, then (where the trace has them) the kswapd wakes
# (mm_vmscan_kswapd_wake) and kcompactd runs (mm_compaction_kcompactd_wake)
# from that group's first fallback to the next group's.  Only fallbacks of
# zone ZONE (DMA32) count, told by pfn from the case's boot log.  The
# oracle's churn traces hold no vmscan or compaction events, so its
# columns show '-'; a capture with them (tools/kernel-capture.sh -t, laid
# out as ORACLE_DIR/churn/CASE/run1) fills them in.
#
# Usage: churn-cycles.sh CASE [SEED] [ORACLE_DIR]
#   e.g. churn-cycles.sh m1G_churn_mc50pct 1
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
fragsim=${FRAGSIM:-$top/src/fragsim}
[ $# -ge 1 ] || { echo "usage: churn-cycles.sh CASE [SEED] [ORACLE_DIR]" >&2; exit 2; }
case=$1
seed=${2:-1}
oracle=${3:-${ORACLE_DIR:-$top/../shared/oracle}}/churn
zone=${ZONE:-DMA32}
gap=${GAP:-0.1}
dir=$oracle/$case
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fragsim-cycles.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

dmesg=$(ls "$dir"/run*/dmesg 2>/dev/null | head -n 1)
[ -n "$dmesg" ] || { echo "churn-cycles.sh: no boot log under $dir" >&2; exit 2; }

# The zone's pfn range, from the boot's zoneinfo (start_pfn, spanned).
"$fragsim" state --dmesg "$dmesg" zoneinfo >"$tmp/zoneinfo"
set -- $(awk -v z="$zone" '
	$1 == "Node" { on = $4 == z }
	on && $1 == "spanned" { span = $2 }
	on && $1 == "start_pfn:" { print $2, $2 + span; exit }' "$tmp/zoneinfo")
[ $# -eq 2 ] || { echo "churn-cycles.sh: no zone $zone in $case" >&2; exit 2; }
lo=$1 hi=$2

# groups FILE VM CP: one line per group: its fallbacks, kswapd wakes,
# kcompactd runs; '-' for the wakes or runs where VM or CP is 0: the
# trace has no such event at all (fragsim's tracepoints are always there).
groups() {
	awk -v lo="$lo" -v hi="$hi" -v gap="$gap" -v vm="$2" -v cp="$3" '
	function hex(s,   i, c, v) {
		v = 0; s = tolower(s); sub(/^0x/, "", s)
		for (i = 1; i <= length(s); i++) {
			c = index("0123456789abcdef", substr(s, i, 1)) - 1
			v = v * 16 + c
		}
		return v
	}
	/^ *#/ { next }
	{
		t = $0; sub(/^.*\] [^ ]* +/, "", t)
		t = substr(t, 1, index(t, ":") - 1) + 0
	}
	/ mm_vmscan_kswapd_wake: / { vm = 1; if (g >= 0) ks[g]++ }
	/ mm_compaction_kcompactd_wake: / { cp = 1; if (g >= 0) kc[g]++ }
	/ mm_page_alloc_extfrag: / {
		for (i = 1; i <= NF; i++) {
			if ($i ~ /^pfn=/) pfn = hex(substr($i, 5))
			if ($i ~ /^fallback_order=/) fo = substr($i, 16)
			if ($i ~ /^change_ownership=/) co = substr($i, 18)
		}
		if (pfn < lo || pfn >= hi) next
		if (n == 0 || t - last > gap) { g = n++; fb[g] = "" }
		last = t
		fb[g] = fb[g] " " fo (co == 1 ? "*" : "")
	}
	BEGIN { g = -1 }
	END {
		for (i = 0; i < n; i++)
			printf "%d\t%s\t%s\t%s\n", i, substr(fb[i], 2),
				vm ? ks[i] + 0 : "-", cp ? kc[i] + 0 : "-"
	}' "$1"
}

run=$(ls -d "$dir"/run* | head -n 1)
# the oracle's trace.xz, or a tools/kernel-capture.sh capture's trace.gz
if [ -f "$run/trace.xz" ]; then
	xz -dc "$run/trace.xz" >"$tmp/kernel"
else
	gzip -dc "$run/trace.gz" >"$tmp/kernel"
fi
kvm=0 kcp=0
grep -q 'mm_vmscan_kswapd_wake:' "$tmp/kernel" && kvm=1
grep -q 'mm_compaction_kcompactd_wake:' "$tmp/kernel" && kcp=1
groups "$tmp/kernel" $kvm $kcp >"$tmp/k"
"$fragsim" run --dmesg "$dmesg" "$top/workloads/churn.ini" -q --seed "$seed" \
	--stop-after ready --trace "$tmp/fragsim" >/dev/null
groups "$tmp/fragsim" 1 1 >"$tmp/f"

printf '# %s, zone %s: kernel %s, fragsim seed %s\n' "$case" "$zone" \
	"$(basename "$run")" "$seed"
printf 'group\tkernel fallbacks\tkswapd\tkcompactd\tfragsim fallbacks\tkswapd\tkcompactd\n'
# side by side by group number (join would want them sorted as text)
awk -F'\t' -v OFS='\t' '
	FNR == NR { k[$1] = $2 OFS $3 OFS $4; if ($1 + 1 > n) n = $1 + 1; next }
	{ f[$1] = $2 OFS $3 OFS $4; if ($1 + 1 > n) n = $1 + 1 }
	END { for (i = 0; i < n; i++)
		print i, (i in k ? k[i] : OFS OFS), (i in f ? f[i] : OFS OFS) }' \
	"$tmp/k" "$tmp/f"
