#!/bin/sh
# kpageflags.sh - the snapshot import against real Linux 6.1 machines.
#
# For every dump of the kpageflags oracle (/proc/kpageflags and
# /proc/kpagecount of a 1 GiB guest holding a fragmenting workload, with
# buddyinfo and pagetypeinfo read just before and just after the dump),
# boot the machine from the dump's own boot log, import the dump and check:
#  - the imported state's census (state ... blocks) is frag --blockscan's
#    of the raw dump, class by class in each zone;
#  - the imported state passes the invariant check;
#  - buddyinfo from order 2 up is within 2% of the kernel's (orders 0-1
#    differ by the per-cpu lists); the kernel's two reads bracket the
#    dump, so within 2% of the range they span;
#  - the pageblock-type table is within 3 blocks per type per zone of the
#    kernel's (again of the range of the two reads);
#  - nr_hugepages = 512 from the imported state obtains within 10% of what
#    the kernel obtained right after the dump (hugepages_1).
# Then bad dumps, made from the first one, are refused with exit 2 and a
# message naming the file: truncated, a partial entry, files of different
# lengths, longer than the machine, a corrupt .xz.

. "$SRCDIR/tests/lib.sh"
needs_oracle

dir="$ORACLE_DIR/kpageflags"
[ -d "$dir" ] || skip_all "no kpageflags oracle at $dir"
cases=$(cd "$dir" && for c in */; do
	[ -f "$c/kpageflags.xz" ] && [ -f "$c/dmesg" ] && echo "${c%/}"; done)
[ -n "$cases" ] || skip_all "no dumps in $dir"
command -v xz >/dev/null 2>&1 || skip_all "xz is needed to make bad dumps"

# buddyinfo lines -> "zone order count", orders >= 2
orders() {
	awk '/^Node/ { z = $2 $4; for (i = 5; i <= NF; i++)
		if (i - 5 >= 2) print z, i - 5, $i }'
}
# pagetypeinfo's block table -> "zone type count"
blocks() {
	sed -n '/^Number of blocks/,/^$/p' | awk '/^Node/ {
		z = $2 $4; for (i = 5; i <= NF; i++) print z, i - 5, $i }'
}
# within FILE_BEFORE FILE_AFTER FILE_OURS REL ABS: every "key key value"
# line of ours lies within REL x value + ABS of the range the kernel's two
# reads span; prints the lines that do not.
within() {
	paste "$1" "$2" "$3" | awk -v rel="$4" -v abs="$5" '
		{ lo = $3 < $6 ? $3 : $6; hi = $3 < $6 ? $6 : $3
		  tol = rel * hi + abs
		  if ($1 != $7 || $2 != $8) { print "misaligned: " $0; next }
		  if ($9 < lo - tol || $9 > hi + tol)
			print $1 " " $2 ": " $9 " (kernel " $3 ".." $6 ")" }'
}

# raw_census FLAGS COUNT: frag --blockscan's census of a raw dump pair,
# one line per 512-page block (block_pfn, then nopage free lru
# unevictable slab pgtable reserved huge other), each page classed by its
# own flags as frag.c's blockscan() classes it
raw_census() {
	od -An -v -t x8 -w8 "$1" >"$TMP/raw_flags"
	od -An -v -t u8 -w8 "$2" >"$TMP/raw_count"
	paste "$TMP/raw_flags" "$TMP/raw_count" | awk '
		function bit(h, b,   d) {
			d = index("0123456789abcdef", substr(h, 16 - int(b / 4), 1)) - 1
			return int(d / 2 ^ (b % 4)) % 2
		}
		{ h = $1; pfn = NR - 1
		  if (bit(h, 20)) k = 1; else if (bit(h, 10)) k = 2
		  else if (bit(h, 17)) k = 8; else if (bit(h, 7)) k = 5
		  else if (bit(h, 26)) k = 6; else if (bit(h, 32)) k = 7
		  else if (bit(h, 5)) k = bit(h, 18) ? 4 : 3
		  else if ($2 == 0) k = 2; else k = 9
		  n[int(pfn / 512), k]++; last = int(pfn / 512) }
		END { for (b = 0; b <= last; b++) { printf "%d", b * 512
			for (k = 1; k <= 9; k++) printf "\t%d", n[b, k] + 0
			printf "\n" } }'
}

for c in $cases; do
	d="$dir/$c"
	snap="--from-kpageflags $d/kpageflags.xz --kpagecount $d/kpagecount.xz"
	f="$d/01_fragmented"

	# The census of the imported state (state ... blocks) is the dump's
	# own, class by class and zone by zone: the import keeps every page's
	# kind, and blockscan gives each kind the flags stable_page_flags
	# would.  Only the pages frag counts "other" (mapped, no class of
	# their own) are guessed at (page cache or kernel: lru or free).
	xz -dc "$d/kpageflags.xz" >"$TMP/flags"
	xz -dc "$d/kpagecount.xz" >"$TMP/count"
	raw_census "$TMP/flags" "$TMP/count" >"$TMP/raw_census"
	# shellcheck disable=SC2086
	"$FRAGSIM" state --dmesg "$d/dmesg" $snap blocks >"$TMP/census" 2>"$TMP/err"
	bad=$(awk -F'\t' 'NR == FNR { for (i = 2; i <= 10; i++) r[$1, i + 1] = $i; next }
		FNR > 1 { z[$2] = 1; for (i = 3; i <= 11; i++) {
			ours[$2, i] += $i; raw[$2, i] += r[$1, i] } }
		END { split("nopage free lru unevictable slab pgtable reserved huge other", nm, " ")
			for (zz in z) {
				slack = raw[zz, 11]
				for (i = 3; i <= 11; i++) {
					d = ours[zz, i] - raw[zz, i]
					ok = (i == 4 || i == 5 || i == 11) ? (d <= slack && -d <= slack) : d == 0
					if (!ok) printf "%s %s: %d, the dump %d\n", zz, nm[i - 2], ours[zz, i], raw[zz, i]
				} } }' "$TMP/raw_census" "$TMP/census")
	if [ -s "$TMP/census" ] && [ -z "$bad" ]; then
		pass "$c: the imported state's census is the dump's, class by class"
	else
		fail "$c: the imported state's census is the dump's, class by class"
		diag "$bad" "$(cat "$TMP/err")"
	fi

	# shellcheck disable=SC2086
	if "$FRAGSIM" state --dmesg "$d/dmesg" --check $snap buddyinfo \
		>"$TMP/buddy" 2>"$TMP/err"; then
		pass "$c: imported state passes the invariant check"
	else
		fail "$c: imported state passes the invariant check"
		diag "$(cat "$TMP/err")"
	fi

	orders <"$f/buddyinfo.before_kpageflags" >"$TMP/kb"
	orders <"$f/buddyinfo.after_kpageflags" >"$TMP/ka"
	orders <"$TMP/buddy" >"$TMP/fb"
	bad=$(within "$TMP/kb" "$TMP/ka" "$TMP/fb" 0.02 0)
	if [ -s "$TMP/fb" ] && [ -z "$bad" ]; then
		pass "$c: buddyinfo from order 2 up within 2% of the kernel's"
	else
		fail "$c: buddyinfo from order 2 up within 2% of the kernel's"
		diag "$bad" "fragsim:" "$(cat "$TMP/buddy")"
	fi

	# shellcheck disable=SC2086
	"$FRAGSIM" state --dmesg "$d/dmesg" $snap pagetypeinfo >"$TMP/ptype" 2>"$TMP/err"
	blocks <"$f/pagetypeinfo.before_kpageflags" >"$TMP/kb"
	blocks <"$f/pagetypeinfo.after_kpageflags" >"$TMP/ka"
	blocks <"$TMP/ptype" >"$TMP/fb"
	bad=$(within "$TMP/kb" "$TMP/ka" "$TMP/fb" 0 3)
	if [ -s "$TMP/fb" ] && [ -z "$bad" ]; then
		pass "$c: pageblock types within 3 blocks per type and zone"
	else
		fail "$c: pageblock types within 3 blocks per type and zone"
		diag "$bad" "$(cat "$TMP/err")"
	fi

	if [ -f "$d/hugepages_1" ]; then
		want=$(sed -n 's/.*obtained=\([0-9]*\).*/\1/p' "$d/hugepages_1")
		req=$(sed -n 's/.*requested=\([0-9]*\).*/\1/p' "$d/hugepages_1")
		# shellcheck disable=SC2086
		"$FRAGSIM" run --dmesg "$d/dmesg" $snap \
			"$SRCDIR/workloads/snapshot-hugepages.ini" \
			--set "hugepages-1.do=nr_hugepages ${req:-512}" \
			>"$TMP/run" 2>"$TMP/err"
		got=$(sed -n 's/^hugetlb: nr_hugepages [0-9]* at [^:]*: obtained \([0-9]*\).*/\1/p' "$TMP/run")
		if [ -n "$got" ] && [ $((got * 10)) -ge $((want * 9)) ] &&
		   [ $((got * 10)) -le $((want * 11)) ]; then
			pass "$c: nr_hugepages ${req:-512} obtains $got, kernel $want (10%)"
		else
			fail "$c: nr_hugepages ${req:-512} obtains ${got:-nothing}, kernel $want (10%)"
			diag "$(cat "$TMP/run" "$TMP/err")"
		fi
	fi
done

# Bad dumps, from the first case.
c=$(echo "$cases" | head -n 1)
d="$dir/$c"
xz -dc "$d/kpageflags.xz" >"$TMP/flags"
xz -dc "$d/kpagecount.xz" >"$TMP/count"
state() { "$FRAGSIM" state --dmesg "$d/dmesg" --from-kpageflags "$1" --kpagecount "$2" buddyinfo; }

# rerun: a run started from a dump is repeated only with the dump given
# again, and the comparison tells the same dump from another
"$FRAGSIM" run --dmesg "$d/dmesg" --from-kpageflags "$d/kpageflags.xz" \
	--kpagecount "$d/kpagecount.xz" "$SRCDIR/workloads/oracle-frag.ini" -q \
	--stop-after boot --db "$TMP/dump.db" >/dev/null 2>"$TMP/err" ||
	diag "$(cat "$TMP/err")"
expect_exit 2 "rerun of a dump's run without the dump refused" -- \
	"$FRAGSIM" rerun "$TMP/dump.db"
err_matches "... saying how to give it" "give it again with --from-kpageflags"
expect_exit 0 "rerun with the dump given again" -- "$FRAGSIM" rerun \
	"$TMP/dump.db" --from-kpageflags "$d/kpageflags.xz" \
	--kpagecount "$d/kpagecount.xz"
if grep -q "reproduced exactly" "$TMP/out"; then pass "... reproduced exactly"
else fail "... reproduced exactly"; diag "$(cat "$TMP/out")"; fi
# another dump: the first anonymous page from pfn 100000 on (LRU, MMAP,
# ANON: 0x5828 and more) free instead (BUDDY, bit 10)
pfn=$(od -An -v -t x8 -w8 -j 800000 -N 80000 "$TMP/flags" |
	awk '$1 ~ /5828$/ { print 100000 + NR - 1; exit }')
cp "$TMP/flags" "$TMP/flags.other"
printf '\000\004\000\000\000\000\000\000' |
	dd of="$TMP/flags.other" bs=8 seek="$pfn" count=1 conv=notrunc 2>/dev/null
expect_exit 1 "rerun with another dump finds the difference (pfn $pfn)" -- \
	"$FRAGSIM" rerun "$TMP/dump.db" --from-kpageflags "$TMP/flags.other" \
	--kpagecount "$TMP/count"

head -c 800000 "$TMP/flags" >"$TMP/f.short"
head -c 800000 "$TMP/count" >"$TMP/c.short"
expect_exit 2 "truncated dump refused" -- state "$TMP/f.short" "$TMP/c.short"
err_matches "truncated: names the file and the entries expected" \
	"f.short: error: truncated: 100000 entries.*expected at least [0-9]+ entries"

head -c 800004 "$TMP/flags" >"$TMP/f.part"
head -c 800004 "$TMP/count" >"$TMP/c.part"
expect_exit 2 "partial entry refused" -- state "$TMP/f.part" "$TMP/c.part"
err_matches "partial entry: names the file" "f.part: error: ends inside an entry"

expect_exit 2 "files of different lengths refused" -- state "$TMP/flags" "$TMP/c.short"
err_matches "different lengths: names both and their entries" \
	"c.short: error: ends after 100000 entries, but .*flags goes on \(at least [0-9]+\)"

cat "$TMP/flags" "$TMP/flags" >"$TMP/f.long"
cat "$TMP/count" "$TMP/count" >"$TMP/c.long"
expect_exit 2 "dump longer than the machine refused" -- state "$TMP/f.long" "$TMP/c.long"
err_matches "too long: names the file and the machine's end" \
	"f.long: error: longer than the machine: .*ends at pfn [0-9]+"

head -c 20000 "$d/kpageflags.xz" >"$TMP/cut.xz"
expect_exit 2 "truncated .xz refused" -- state "$TMP/cut.xz" "$d/kpagecount.xz"
err_matches "truncated .xz: names the file" "cut.xz: error: .*truncated \\.xz"

xz -c "$TMP/flags" >"$TMP/good.xz"
# overwrite 4 bytes in the middle of the compressed data
cp "$TMP/good.xz" "$TMP/bad.xz"
printf 'XYZW' | dd of="$TMP/bad.xz" bs=1 seek=$(($(wc -c <"$TMP/good.xz") / 2)) \
	conv=notrunc 2>/dev/null
cmp -s "$TMP/good.xz" "$TMP/bad.xz" && diag "the corruption changed nothing"
expect_exit 2 "corrupt .xz refused" -- state "$TMP/bad.xz" "$d/kpagecount.xz"
err_matches "corrupt .xz: names the file" "bad.xz: error: .*(corrupt|xz)"

cp "$TMP/flags" "$TMP/raw.xz"
expect_exit 2 "a .xz name on a raw file refused" -- state "$TMP/raw.xz" "$TMP/count"
err_matches "not xz: names the file" "raw.xz: error: not in the .xz format"

expect_exit 0 "raw (uncompressed) dumps are read too" -- state "$TMP/flags" "$TMP/count"

done_testing
