#!/bin/sh
# check-layers.sh - fail when a source file includes a header of a layer
# above its own.  The layers and their order are the table of the "Layers"
# section of doc/design.md (first column, bottom layer first); a file under
# src/LAYER/ may include "L/..." only for L listed at or before LAYER.
# Files directly in src/ belong to the top layer.  A directory of src/ the
# table does not list is an error too, so that a new layer gets a place.
# A layer's internal.h (mm/internal.h) is for that layer's files alone.
# With --libs BUILDDIR, the layers' libraries (BUILDDIR/src/L/libL.a) are
# held to the same rule by their symbols: nothing a layer's library leaves
# undefined may be defined by the library of a layer above it.
# Usage: check-layers.sh [--libs BUILDDIR] [TOPDIR]   (default: this tree)
# Prints one line per offence (file:line: what and why); exit 1 if any.
set -eu
libs=
if [ "${1:-}" = --libs ]; then
	libs=${2:?check-layers.sh: --libs needs a build directory}
	shift 2
fi
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
design=$top/doc/design.md

[ -f "$design" ] || { echo "check-layers.sh: no $design" >&2; exit 2; }
layers=$(awk '
	/^## / { in_layers = ($0 == "## Layers"); next }
	in_layers && /^\| `[a-z_]+` \|/ {
		split($0, f, "`"); print f[2] }' "$design")
[ -n "$layers" ] || {
	echo "check-layers.sh: $design has no Layers table" >&2
	exit 2
}

# rank LAYER: its place in the table, 0 if absent
rank() {
	printf '%s\n' "$layers" | awk -v l="$1" '$0 == l { print NR; f = 1 }
		END { if (!f) print 0 }'
}
top_rank=$(printf '%s\n' "$layers" | wc -l)

status=0
for dir in "$top"/src/*/; do
	d=$(basename "$dir")
	if [ "$(rank "$d")" -eq 0 ]; then
		echo "src/$d/: a directory the Layers table of doc/design.md" \
			"does not list"
		status=1
	fi
done

# One awk over every source file: the layer table, then the includes.
find "$top/src" -name '*.[ch]' | LC_ALL=C sort |
awk -v top="$top/src/" -v layers="$layers" -v top_rank="$top_rank" '
	BEGIN {
		n = split(layers, l, "\n")
		for (i = 1; i <= n; i++) rank[l[i]] = i
	}
	{
		path = $0
		rel = substr(path, length(top) + 1)
		own = rel ~ /\// ? substr(rel, 1, index(rel, "/") - 1) : ""
		own_rank = own == "" ? top_rank : rank[own]
		if (!own_rank) next	# reported above as an unlisted directory
		line = 0
		while ((getline text < path) > 0) {
			line++
			if (text !~ /^[ \t]*#[ \t]*include[ \t]*"[a-z_]+\//) continue
			inc = text
			sub(/^[^"]*"/, "", inc)
			sub(/".*/, "", inc)
			to = substr(inc, 1, index(inc, "/") - 1)
			if (!(to in rank))
				continue	# not a layer (a system or local path)
			if (rank[to] > own_rank) {
				printf "src/%s:%d: includes %s: layer %s is above %s\n",
				       rel, line, inc, to,
				       own == "" ? "the top layer" : own
				bad = 1
			} else if (inc ~ /\/internal\.h$/ && to != own) {
				printf "src/%s:%d: includes %s: the internals of " \
				       "layer %s are for its own files\n",
				       rel, line, inc, to
				bad = 1
			}
		}
		close(path)
	}
	END { exit bad }' || status=1

# The libraries: each layer's undefined symbols against the definitions of
# the layers above it.
if [ -n "$libs" ]; then
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-layers.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	for l in $layers; do
		a="$libs/src/$l/lib$l.a"
		[ -f "$a" ] || continue
		nm -g --defined-only "$a" 2>/dev/null |
			awk 'NF == 3 { print $3 }' | sort -u >"$tmp/def.$l"
		nm -u "$a" 2>/dev/null | awk '{ print $NF }' | sort -u \
			>"$tmp/undef.$l"
	done
	below=
	for l in $layers; do
		[ -f "$tmp/undef.$l" ] || { below="$below $l"; continue; }
		for m in $layers; do
			case " $below $l " in *" $m "*) continue ;; esac
			[ -f "$tmp/def.$m" ] || continue
			comm -12 "$tmp/undef.$l" "$tmp/def.$m" | while read -r sym; do
				echo "src/$l/lib$l.a: uses $sym, defined by layer" \
					"$m above it"
			done
		done >>"$tmp/offences"
		below="$below $l"
	done
	if [ -s "$tmp/offences" ]; then
		cat "$tmp/offences"
		status=1
	fi
fi
exit $status
