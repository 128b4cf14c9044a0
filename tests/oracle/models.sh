#!/bin/sh
# models.sh - the shipped model of the workload oracle's guest
# (models/x86_64-1g.ini) against the real boots it stands for (the cases
# whose QEMU ran with -m 1G -smp 2): with each case's kernel command line,
# every zone's managed pages and lowmem_reserve (protection) equal the
# kernel's 00_boot/zoneinfo exactly, and equal what fragsim builds from the
# case's own boot log.  Both are fixed at boot: managed by what the boot
# reserved, protection by the managed pages the initcalls saw, before the
# initrd was freed.

. "$SRCDIR/tests/lib.sh"
needs_oracle

dir="$ORACLE_DIR/workload"
[ -f "$dir/MANIFEST.tsv" ] || skip_all "no workload oracle at $dir"
cases=$(tail -n +2 "$dir/MANIFEST.tsv" |
	awk -F'\t' '" "$2" " ~ / -m 1G / && " "$2" " ~ / -smp 2 / { print $1 }')
[ -n "$cases" ] || skip_all "no 1 GiB, 2-CPU case in $dir"
plan $(( $(echo "$cases" | wc -l) * 2 ))

# managed and protection lines, per zone, of a zoneinfo
fixed() { grep -E '^Node|^ +managed |protection:' "$1"; }

for c in $cases; do
	run=$(ls -d "$dir/$c"/run* | head -n 1)
	"$FRAGSIM" state "$SRCDIR/models/x86_64-1g.ini" --cmdline "$(cat "$run/cmdline")" \
		zoneinfo >"$TMP/model" 2>"$TMP/err" || diag "$(cat "$TMP/err")"
	"$FRAGSIM" state --dmesg "$run/dmesg" zoneinfo >"$TMP/dmesg" \
		2>>"$TMP/err" || diag "$(cat "$TMP/err")"
	fixed "$run/00_boot/zoneinfo" >"$TMP/want"
	fixed "$TMP/model" >"$TMP/got"
	if cmp -s "$TMP/want" "$TMP/got"; then
		pass "$c: the 1 GiB model's managed pages and protection are the kernel's"
	else
		fail "$c: the 1 GiB model's managed pages and protection are the kernel's"
		diag "$(diff "$TMP/want" "$TMP/got")"
	fi
	if cmp -s "$TMP/model" "$TMP/dmesg"; then
		pass "$c: the 1 GiB model boots as the case's boot log does"
	else
		fail "$c: the 1 GiB model boots as the case's boot log does"
		diag "$(diff "$TMP/model" "$TMP/dmesg")"
	fi
done
