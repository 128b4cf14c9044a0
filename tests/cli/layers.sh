#!/bin/sh
# layers.sh - the source tree keeps its layers (doc/design.md, "Layers"):
# tools/check-layers.sh passes on it, and fails, naming the file and line,
# on a copy with an include that points up, and on a directory the table
# does not list.

. "$SRCDIR/tests/lib.sh"

CHECK="$SRCDIR/tools/check-layers.sh"

if sh "$CHECK" "$SRCDIR" >"$TMP/out" 2>&1; then
	pass "the source tree includes no header of a layer above its own"
else
	fail "the source tree includes no header of a layer above its own"
	diag "$(cat "$TMP/out")"
fi

# the build's libraries: FRAGSIM is BUILDDIR/src/fragsim
build=$(cd "$(dirname "$FRAGSIM")/.." && pwd)
if [ -f "$build/src/mm/libmm.a" ]; then
	if sh "$CHECK" --libs "$build" "$SRCDIR" >"$TMP/out" 2>&1; then
		pass "no layer's library uses a symbol of a layer above it"
	else
		fail "no layer's library uses a symbol of a layer above it"
		diag "$(cat "$TMP/out")"
	fi
else
	pass "no layer's library uses a symbol of a layer above it # SKIP not built"
fi

# A small tree with the real table: util, mm and cli.
fake="$TMP/tree"
mkdir -p "$fake/doc" "$fake/src/util" "$fake/src/mm" "$fake/src/cli"
cp "$SRCDIR/doc/design.md" "$fake/doc/"
printf '#include <stdio.h>\n' >"$fake/src/util/a.h"
printf '#include "util/a.h"\n' >"$fake/src/mm/b.h"
printf '#include "mm/b.h"\n#include "util/a.h"\n' >"$fake/src/cli/c.c"
printf '#include "cli/cli.h"\n' >"$fake/src/main.c"
expect_exit 0 "a tree whose includes all point down passes" -- sh "$CHECK" "$fake"

printf '#include <stdint.h>\n\n#include "mm/b.h"\n' >"$fake/src/util/d.c"
expect_exit 1 "util including mm fails" -- sh "$CHECK" "$fake"
sh "$CHECK" "$fake" >"$TMP/out" 2>&1 || true
is "the offence is named by file, line and layers" \
	"src/util/d.c:3: includes mm/b.h: layer mm is above util" \
	"$(cat "$TMP/out")"
rm "$fake/src/util/d.c"

printf ' # include "cli/c.h"\n' >"$fake/src/mm/e.c"
sh "$CHECK" "$fake" >"$TMP/out" 2>&1 && rc=0 || rc=$?
is "an indented include of the top layer from mm is found" \
	"1 src/mm/e.c:1: includes cli/c.h: layer cli is above mm" \
	"$rc $(cat "$TMP/out")"
rm "$fake/src/mm/e.c"

printf '#include "mm/internal.h"\n' >"$fake/src/cli/g.c"
sh "$CHECK" "$fake" >"$TMP/out" 2>&1 && rc=0 || rc=$?
is "a layer's internal.h included from another layer fails" \
	"1 src/cli/g.c:1: includes mm/internal.h: the internals of layer mm are for its own files" \
	"$rc $(cat "$TMP/out")"
rm "$fake/src/cli/g.c"
printf '#include "mm/internal.h"\n' >"$fake/src/mm/g.c"
expect_exit 0 "... and passes from its own layer" -- sh "$CHECK" "$fake"
rm "$fake/src/mm/g.c"

mkdir "$fake/src/newlayer"
printf '#include "util/a.h"\n' >"$fake/src/newlayer/f.c"
sh "$CHECK" "$fake" >"$TMP/out" 2>&1 && rc=0 || rc=$?
is "a directory the table does not list fails" \
	"1 src/newlayer/: a directory the Layers table of doc/design.md does not list" \
	"$rc $(cat "$TMP/out")"
rmdir "$fake/src/newlayer" 2>/dev/null || rm -r "$fake/src/newlayer"

# libraries: util calling into mm is found by its symbol
if command -v cc >/dev/null 2>&1 && command -v ar >/dev/null 2>&1; then
	mkdir -p "$fake/b/src/util" "$fake/b/src/mm"
	printf 'int mm_thing(void) { return 1; }\n' >"$fake/b/m.c"
	printf 'int mm_thing(void);\nint util_thing(void) { return mm_thing(); }\n' \
		>"$fake/b/u.c"
	cc -c -o "$fake/b/m.o" "$fake/b/m.c" && cc -c -o "$fake/b/u.o" "$fake/b/u.c"
	ar rc "$fake/b/src/mm/libmm.a" "$fake/b/m.o"
	ar rc "$fake/b/src/util/libutil.a" "$fake/b/u.o"
	sh "$CHECK" --libs "$fake/b" "$fake" >"$TMP/out" 2>&1 && rc=0 || rc=$?
	is "a lower layer's library calling into a higher one fails" \
		"1 src/util/libutil.a: uses mm_thing, defined by layer mm above it" \
		"$rc $(cat "$TMP/out")"
	printf 'int util_thing(void) { return 0; }\n' >"$fake/b/u.c"
	cc -c -o "$fake/b/u.o" "$fake/b/u.c"
	rm "$fake/b/src/util/libutil.a"
	ar rc "$fake/b/src/util/libutil.a" "$fake/b/u.o"
	expect_exit 0 "... and passes once it does not" -- \
		sh "$CHECK" --libs "$fake/b" "$fake"
else
	pass "a lower layer's library calling into a higher one fails # SKIP no cc"
	pass "... and passes once it does not # SKIP no cc"
fi

rm "$fake/doc/design.md"
printf '# design\n' >"$fake/doc/design.md"
expect_exit 2 "a design.md without the table is an error, not a pass" \
	-- sh "$CHECK" "$fake"

done_testing
