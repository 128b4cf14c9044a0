#!/bin/sh
# blocks.sh - "--show blocks": each pageblock's pages by kpageflags class
# in frag --blockscan's format, held to the machine's own counts: every
# page of a block in exactly one class, the free ones those of the buddy
# and pcp lists, the huge ones the hugetlb pool's.  "--show owners": the
# same blocks' pages by the generator holding them, held to what each
# generator was asked for and to the census's free pages.

. "$SRCDIR/tests/lib.sh"
plan 28

M="$SRCDIR/models/x86_64-4g.ini"
HEADER="block_pfn	zone	nopage	free	lru	unevictable	slab	pgtable	reserved	huge	other"

# free_by_zone FILE: "ZONE PAGES" per zone, the free column summed
free_by_zone() {
	awk -F'\t' 'NR > 1 { f[$2] += $4 } END { for (z in f) if (f[z]) print z, f[z] }' \
		"$1" | sort
}

# every_block_whole FILE: the lines whose classes do not add up to 512
every_block_whole() {
	awk -F'\t' 'NR > 1 { s = 0; for (i = 3; i <= 11; i++) s += $i
		if (s != 512) n++ } END { print n + 0 }' "$1"
}

expect_exit 0 "state blocks" -- "$FRAGSIM" state "$M" blocks
cp "$TMP/out" "$TMP/boot"
is "the header is frag --blockscan's" "$HEADER" "$(head -n 1 "$TMP/boot")"
is "every pageblock's 512 pages are counted once" 0 "$(every_block_whole "$TMP/boot")"
# 4 GiB: DMA from pfn 1, DMA32 to 4 GiB, Normal from 4 GiB to the end of
# RAM above the PCI hole: blocks from pfn 0 to Normal's end, none skipped
expect_exit 0 "state zoneinfo" -- "$FRAGSIM" state "$M" zoneinfo
zone_end=$(awk '/^Node/ { z = $4 } $1 == "spanned" { sp[z] = $2 }
	$1 == "start_pfn:" { e = $2 + sp[z]; if (e > m) m = e } END { print m }' "$TMP/out")
is "one line per pageblock up to the last zone's end" \
	$(((zone_end + 511) / 512)) $(($(wc -l <"$TMP/boot") - 1))
# after boot the managed pages are free in the buddy lists but for the
# DMA atomic pools (kind kernel), which have no flag for kpageflags to
# show and are counted free as frag counts them: the free column, which
# also holds the second half of each order-10 block, is the managed pages
awk '/^Node/ { z = $4 } $1 == "managed" && $2 { print z, $2 }' "$TMP/out" | sort >"$TMP/managed"
free_by_zone "$TMP/boot" >"$TMP/bl_free"
same_text "the free pages of each zone are its managed pages, at boot" "$TMP/managed" "$TMP/bl_free"

# a hugetlb write on a 1 GiB machine: the pool's pages are "huge", and
# the free column is the buddy lists' pages plus the pcp lists' (the
# workload allocates nothing else)
M1="$SRCDIR/models/x86_64-1g.ini"
expect_exit 0 "run snapshot-hugepages --show blocks" -- \
	"$FRAGSIM" run "$M1" "$SRCDIR/workloads/snapshot-hugepages.ini" -q --show blocks
sed -n '/^block_pfn/,$p' "$TMP/out" >"$TMP/run"
obtained=$(sed -n 's/.*obtained \([0-9]*\).*/\1/p' "$TMP/out")
is "the huge pages are the pool's ($obtained x 512)" $((obtained * 512)) \
	"$(awk -F'\t' 'NR > 1 { s += $10 } END { print s + 0 }' "$TMP/run")"
is "... and every block still adds up to 512" 0 "$(every_block_whole "$TMP/run")"
expect_exit 0 "the same run --show zoneinfo" -- \
	"$FRAGSIM" run "$M1" "$SRCDIR/workloads/snapshot-hugepages.ini" -q --show zoneinfo
awk '/^Node/ { z = $4 } $1 == "managed" && $2 { print z, $2 }' "$TMP/out" | sort >"$TMP/managed"
# a managed page is in a class of its own, never reserved or nopage
awk -F'\t' 'NR > 1 { f[$2] += $4 + $5 + $6 + $7 + $8 + $10 + $11 }
	END { for (z in f) if (f[z]) print z, f[z] }' "$TMP/run" | sort >"$TMP/bl_managed"
same_text "every managed page of each zone is counted once, outside reserved" \
	"$TMP/managed" "$TMP/bl_managed"
awk '/^Node/ { z = $4 } /^  pages free/ { f[z] += $3 } $1 == "count:" { f[z] += $2 }
	END { for (z in f) if (f[z]) print z, f[z] }' "$TMP/out" | sort >"$TMP/zi_free"
free_by_zone "$TMP/run" >"$TMP/bl_free"
# zones whose buddy and pcp pages outnumber the free column's, of how many
short=$(awk 'NR == FNR { bf[$1] = $2; next }
	{ n++; if (!($1 in bf) || $2 > bf[$1]) bad++ } END { print bad + 0, "of", n + 0 }' \
	"$TMP/bl_free" "$TMP/zi_free")
is "the buddy and pcp pages are among the free ones" \
	"0 of $(wc -l <"$TMP/zi_free" | tr -d ' ')" "$short"

# slab of order 1 (300 requests, nothing freed): stable_page_flags sets
# SLAB on a slab's tails too (PageSlab of the compound head), so every
# page of each slab is counted slab: 600, where the boot has none
cat >"$TMP/slab.ini" <<'X'
[phase p]
until_requests = 300
[generator g]
phase = p
kind = slab_unmovable
order = 1
arrival = constant
rate = 1000/s
X
expect_exit 0 "run 300 order-1 slabs --show blocks" -- \
	"$FRAGSIM" run "$M1" "$TMP/slab.ini" -q --show blocks
is "a slab's head and tail pages are all slab" 600 \
	"$(sed -n '/^block_pfn/,$p' "$TMP/out" | awk -F'\t' 'NR > 1 { s += $7 } END { print s + 0 }')"

# owners: tests/data/anon-release.ini's generators hold 60000 and 30000
# single anonymous pages; every block's 512 pages counted once, and where
# no kernel page sits (kernel pages are free to the census) the owners'
# free pages are the census's
expect_exit 0 "run --show owners" -- \
	"$FRAGSIM" run "$M1" "$SRCDIR/tests/data/anon-release.ini" -q --show owners
sed -n '/^block_pfn/,$p' "$TMP/out" >"$TMP/own"
is "the header names the columns and each generator" \
	"block_pfn	zone	free	unheld	g	g2" "$(head -n 1 "$TMP/own")"
is "every pageblock's 512 pages are counted once" 0 \
	"$(awk -F'\t' 'NR > 1 { s = 0; for (i = 3; i <= NF; i++) s += $i
		if (s != 512) n++ } END { print n + 0 }' "$TMP/own")"
is "g holds 60000 pages and g2 30000" "60000 30000" \
	"$(awk -F'\t' 'NR > 1 { a += $5; b += $6 } END { print a, b }' "$TMP/own")"
expect_exit 0 "the same run --show blocks" -- \
	"$FRAGSIM" run "$M1" "$SRCDIR/tests/data/anon-release.ini" -q --show blocks
sed -n '/^block_pfn/,$p' "$TMP/out" >"$TMP/own_blocks"
is "where only the generators hold pages, the free pages are the census's" 0 \
	"$(awk -F'\t' 'NR == FNR { if (FNR > 1) { fr[$1] = $3; un[$1] = $4 }; next }
		FNR > 1 && un[$1] == 0 && fr[$1] != $4 { n++ } END { print n + 0 }' \
		"$TMP/own" "$TMP/own_blocks")"
expect_exit 2 "state refuses owners (no workload holds anything)" -- \
	"$FRAGSIM" state "$M1" owners

# places: an array of 1000 pages (reuse = lowest), 40% of it freed, then
# refilled to 900 pages: the refill takes the lowest emptied places, so
# the places are 900 of 0..999, none past the array's end; each block's
# pfn is where --show owners counts it.  (In the refill the generator's
# requests of the phase are fewer than its pages: its until asks 900.)
cat >"$TMP/places.ini" <<'X'
[phase fill]
[generator g]
phase = fill, refill
kind = anon
reuse = lowest
rate = 100000/s
until = g.pages >= 1000 - 100 * (g.requests < g.pages)
[phase release]
duration = 1ms
[action some]
do = free g 40%
[phase refill]
X
expect_exit 0 "run --show places" -- \
	"$FRAGSIM" run "$M1" "$TMP/places.ini" -q --show places
sed -n '/^generator/,$p' "$TMP/out" >"$TMP/places"
is "the header names the columns" "generator	place	pfn" \
	"$(head -n 1 "$TMP/places")"
is "900 blocks of g, places ascending and distinct, all below 1000" \
	"900 0 999" \
	"$(awk -F'\t' 'NR > 1 { n++; if ($2 <= last && n > 1) bad++
		last = $2; if ($1 != "g") bad++ }
		END { print n, bad + 0, last }' "$TMP/places")"
expect_exit 0 "the same run --show owners" -- \
	"$FRAGSIM" run "$M1" "$TMP/places.ini" -q --show owners
sed -n '/^block_pfn/,$p' "$TMP/out" >"$TMP/places_own"
is "each pageblock holds as many of g's places as --show owners counts" 0 \
	"$(awk -F'\t' 'NR == FNR { if (FNR > 1) c[int($3 / 512) * 512]++; next }
		FNR > 1 && c[$1] != $5 { n++ } END { print n + 0 }' \
		"$TMP/places" "$TMP/places_own")"
expect_exit 2 "--show refuses an unknown format, naming places" -- \
	"$FRAGSIM" run "$M1" "$TMP/places.ini" -q --show slots
err_matches "... in its list" "blocks, owners or places"
