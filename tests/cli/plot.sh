#!/bin/sh
# plot.sh - "fragsim plot" runs gnuplot on a small stored run and on a small
# sweep, and writes every expected picture, each a valid PNG (signature,
# IHDR and its dimensions) or SVG (well-formed XML whose root is <svg>) of
# more than 5 KiB, in both formats; the scripts work on their own on the
# kept TSV, and FRAGSIM_ANALYSIS replaces them; bad input (no such run, an
# unknown format, a database of another version, no gnuplot) exits 2 with
# a clear message and writes nothing.

. "$SRCDIR/tests/lib.sh"

command -v gnuplot >/dev/null 2>&1 ||
	skip_all "gnuplot is not installed (Debian: gnuplot-nox)"

M1="$SRCDIR/models/x86_64-1g.ini"
W="$SRCDIR/workloads/stress-highalloc.ini"
D="$TMP/run.db"
S="$TMP/sweep.db"
HAVE_SQLITE3=0
command -v sqlite3 >/dev/null 2>&1 && HAVE_SQLITE3=1
HAVE_XMLLINT=0
command -v xmllint >/dev/null 2>&1 && HAVE_XMLLINT=1


# The bytes of file $1 from offset $2, $3 of them, as hex.
hex() { od -An -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'; }

# valid_picture FILE FORMAT WIDTH HEIGHT: the file is a picture of that
# format (and, for PNG, size) of more than 5 KiB.
valid_picture() {
	f=$1 size=$(wc -c <"$1")
	if [ "$size" -le 5120 ]; then
		fail "$(basename "$f"): more than 5 KiB"; diag "$size bytes"
		return
	fi
	case $2 in
	png)
		if [ "$(hex "$f" 0 8)" = 89504e470d0a1a0a ] &&
		   [ "$(hex "$f" 12 4)" = 49484452 ] &&
		   [ $((0x$(hex "$f" 16 4))) -eq "$3" ] &&
		   [ $((0x$(hex "$f" 20 4))) -eq "$4" ]; then
			pass "$(basename "$f"): a PNG of $3x$4, $size bytes"
		else
			fail "$(basename "$f"): a PNG of $3x$4"
			diag "header: $(hex "$f" 0 24)"
		fi ;;
	svg)
		if [ $HAVE_XMLLINT = 1 ]; then
			root=$(xmllint --xpath 'name(/*)' "$f" 2>/dev/null)
		else
			root=$(grep -o '<svg' "$f" | head -n 1 | tr -d '<')
		fi
		if [ "$root" = svg ]; then
			pass "$(basename "$f"): well-formed SVG, $size bytes"
		else
			fail "$(basename "$f"): well-formed SVG"
			diag "root: $root"
		fi ;;
	esac
}

# --- a run: every picture, both formats ---

"$FRAGSIM" run "$M1" "$W" -q --seed 3 --set movablecore=25% --db "$D" \
	--tick 50ms --map 100ms >/dev/null 2>&1
per_zone="frag-index unusable-index free-by-order free-by-migratetype pageblocks pollution"
expected() {
	for z in DMA DMA32 Movable; do
		for p in $per_zone; do
			echo "$TMP/$1/run1-node0-$z-$p.$1"
		done
	done
	echo "$TMP/$1/run1-compaction.$1"
}
for fmt in png svg; do
	expect_exit 0 "plot --format $fmt" -- \
		"$FRAGSIM" plot "$D" --out "$TMP/$fmt" --format "$fmt"
	expected "$fmt" >"$TMP/want"
	same_text "$fmt: prints the pictures written, one per zone and kind" \
		"$TMP/want" "$TMP/out"
	is "$fmt: writes those and nothing else" \
		"$(sort "$TMP/want" | xargs -n 1 basename | tr '\n' ' ')" \
		"$(ls "$TMP/$fmt" | sort | tr '\n' ' ')"
	for f in $(cat "$TMP/want"); do
		[ -f "$f" ] && valid_picture "$f" "$fmt" 1000 600 ||
			fail "$(basename "$f") written"
	done
done
# the default: the last run, PNG, in the current directory
mkdir "$TMP/cwd"
(cd "$TMP/cwd" && "$FRAGSIM" plot "$D" >"$TMP/cwd.out" 2>"$TMP/cwd.err")
is "default: PNGs of the last run in the current directory" \
	"19 19" "$(ls "$TMP/cwd" | grep -c '^run1-.*\.png$') $(wc -l <"$TMP/cwd.out")"
# --data keeps each picture's TSV, which its script reads on its own
expect_exit 0 "plot --data" -- "$FRAGSIM" plot "$D" --out "$TMP/data" --data
is "--data: a TSV beside each picture" "19" \
	"$(ls "$TMP/data" | grep -c '\.tsv$')"
is "--data: the compaction TSV has the header compaction.gp reads" \
	"time_s compact_migrate_scanned compact_free_scanned pgmigrate_success compact_stall compact_success compact_fail compact_deferred" \
	"$(head -n 1 "$TMP/data/run1-compaction.tsv" | tr '\t' ' ')"
# the pollution TSV's last row is the census stored at the last tick
is "--data: the pollution TSV ends with the stored census of DMA32" \
	"$(sqlite3 "$D" "SELECT tz.nonmovable_blocks FROM tick_zones tz JOIN zones z USING (run_id, zone_id) WHERE tz.run_id = 1 AND z.zone = 'DMA32' ORDER BY tz.tick DESC LIMIT 1")" \
	"$(tail -n 1 "$TMP/data/run1-node0-DMA32-pollution.tsv" | cut -f 2)"
(cd "$SRCDIR/analysis" && gnuplot -e "infile='$TMP/data/run1-node0-DMA32-free-by-order.tsv'; outfile='$TMP/alone.png'; term='png'; title='alone'; by='order'" free_by_order.gp) 2>"$TMP/err"
valid_picture "$TMP/alone.png" png 1000 600

# FRAGSIM_ANALYSIS: restyled scripts are used instead of the shipped ones
mkdir "$TMP/restyled"
cp "$SRCDIR"/analysis/*.gp "$TMP/restyled"
sed -i 's/size 1000,600/size 800,500/' "$TMP/restyled/common.gp"
expect_exit 0 "plot with FRAGSIM_ANALYSIS" -- \
	env FRAGSIM_ANALYSIS="$TMP/restyled" "$FRAGSIM" plot "$D" --out "$TMP/restyled-out"
valid_picture "$TMP/restyled-out/run1-compaction.png" png 800 500

# --- a sweep: the runs of "fragsim run --sweep" and a sweeps row ---

point=0
for mc in 0% 30% 60%; do
	for seed in 1 2; do
		"$FRAGSIM" run "$M1" "$W" -q --db "$S" --sweep sw1 \
			--point $point --seed $seed --set movablecore=$mc \
			>/dev/null 2>&1 || fail "sweep run $mc seed $seed"
	done
	point=$((point + 1))
done
if [ $HAVE_SQLITE3 = 1 ]; then
	sqlite3 "$S" "INSERT INTO sweeps VALUES ('sw1', '2026-11-30T00:00:00Z',
		'fragsim sweep', '0', 'models/x86_64-1g.ini', '',
		'workloads/stress-highalloc.ini', '', 'movablecore=0%..60%/30%',
		'', 2, 3)"
fi
for fmt in png svg; do
	expect_exit 0 "sweep: plot --format $fmt" -- \
		"$FRAGSIM" plot "$S" --out "$TMP/sweep-$fmt" --format "$fmt" --data
	is "sweep: the last run's pictures and the sweep's" "20 1" \
		"$(grep -c "\.$fmt\$" "$TMP/out") $(grep -c "/sweep-sw1\.$fmt\$" "$TMP/out")"
	f="$TMP/sweep-$fmt/sweep-sw1.$fmt"
	[ -f "$f" ] && valid_picture "$f" "$fmt" 1200 600 ||
		fail "sweep-sw1.$fmt written"
done
is "sweep: one line per movablecore value, 2 seeds each" \
	"0 0% 2|30 30% 2|60 60% 2|" \
	"$(tail -n +2 "$TMP/sweep-png/sweep-sw1.tsv" | awk -F '\t' '{ printf "%s %s %s|", $1, $2, $7 }')"

# --- bad input: exit 2, a clear message, nothing written ---

expect_exit 2 "no such run" -- "$FRAGSIM" plot "$D" --run 99 --out "$TMP/bad1"
err_matches "no such run: named" "no run 99"
[ ! -e "$TMP/bad1" ] && pass "no such run: nothing written" ||
	fail "no such run: nothing written"
expect_exit 2 "unknown format" -- \
	"$FRAGSIM" plot "$D" --format jpeg --out "$TMP/bad2"
err_matches "unknown format: named, with the choices" "jpeg.*png or svg"
[ ! -e "$TMP/bad2" ] && pass "unknown format: nothing written" ||
	fail "unknown format: nothing written"
expect_exit 2 "no such database" -- \
	"$FRAGSIM" plot "$TMP/none.db" --out "$TMP/bad3"
err_matches "no such database: named" "none.db"
[ ! -e "$TMP/bad3" ] && [ ! -e "$TMP/none.db" ] &&
	pass "no such database: nothing written, not created" ||
	fail "no such database: nothing written, not created"
if [ $HAVE_SQLITE3 = 1 ]; then
	cp "$D" "$TMP/v999.db"
	sqlite3 "$TMP/v999.db" "PRAGMA user_version = 999"
	expect_exit 2 "a database of another version" -- \
		"$FRAGSIM" plot "$TMP/v999.db" --out "$TMP/bad4"
	err_matches "another version: both versions named" "version 999.*version 3"
	[ ! -e "$TMP/bad4" ] && pass "another version: nothing written" ||
		fail "another version: nothing written"
fi
expect_exit 2 "no gnuplot on PATH" -- \
	env PATH="$TMP/empty" "$FRAGSIM" plot "$D" --out "$TMP/bad5"
err_matches "no gnuplot: names the package" "gnuplot-nox"
[ ! -e "$TMP/bad5" ] && pass "no gnuplot: nothing written" ||
	fail "no gnuplot: nothing written"
expect_exit 2 "FRAGSIM_ANALYSIS without the scripts" -- \
	env FRAGSIM_ANALYSIS="$TMP" "$FRAGSIM" plot "$D" --out "$TMP/bad6"
err_matches "FRAGSIM_ANALYSIS: named" "FRAGSIM_ANALYSIS=.*no gnuplot scripts"
[ ! -e "$TMP/bad6" ] && pass "FRAGSIM_ANALYSIS: nothing written" ||
	fail "FRAGSIM_ANALYSIS: nothing written"
expect_exit 2 "two databases" -- "$FRAGSIM" plot "$D" "$S"

done_testing
