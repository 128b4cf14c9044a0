#!/bin/sh
# man.sh - fragsim(1) is written from the program's own --help
# (tools/man.sh): it renders without a warning, has a section for every
# subcommand --help lists, and says what each subcommand's --help says.

. "$SRCDIR/tests/lib.sh"

MAN="$TMP/fragsim.1"
sh "$SRCDIR/tools/man.sh" "$FRAGSIM" >"$MAN" 2>"$TMP/err"
if [ -s "$MAN" ]; then pass "tools/man.sh writes the page"; else
	fail "tools/man.sh writes the page"; diag "$(cat "$TMP/err")"; fi

if command -v groff >/dev/null 2>&1; then
	groff -man -Tutf8 -ww -z "$MAN" 2>"$TMP/groff"
	if [ ! -s "$TMP/groff" ]; then pass "groff renders it without a warning"
	else fail "groff renders it without a warning"; diag "$(cat "$TMP/groff")"; fi
	groff -man -Tutf8 -P-cbou "$MAN" 2>/dev/null >"$TMP/rendered"
else
	pass "groff renders it without a warning # SKIP no groff"
	cp "$MAN" "$TMP/rendered"
fi

subs=$("$FRAGSIM" --help | awk '/^  [a-z]+ +[a-z]/ { print $1 }')
[ -n "$subs" ] || fail "fragsim --help lists subcommands"
for sub in $subs; do
	if grep -q "^\.SS fragsim $sub\$" "$MAN"; then
		pass "a section for fragsim $sub"
	else
		fail "a section for fragsim $sub"
	fi
	# every option line of the subcommand's help is in the page
	missing=$("$FRAGSIM" help "$sub" | sed -n 's/^  \(--*[a-z][-a-z]*\).*/\1/p' |
		while read -r opt; do
			grep -q -- "$opt" "$TMP/rendered" || echo "$opt"
		done)
	is "fragsim $sub: every option of its --help is in the page" "" "$missing"
done

done_testing
