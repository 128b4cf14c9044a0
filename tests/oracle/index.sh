#!/bin/sh
# index.sh - "fragsim index" against the kernel's own debugfs files.
#
# Every capture of the index oracle (partition boots and workload runs) has
# a /proc/buddyinfo read just before and just after extfrag/extfrag_index
# and extfrag/unusable_index.  Where the two buddyinfo reads are identical,
# the debugfs files are exactly what the kernel computed from that
# buddyinfo, and fragsim must print them byte for byte.

. "$SRCDIR/tests/lib.sh"
needs_oracle

[ -d "$ORACLE_DIR" ] || skip_all "no oracle at $ORACLE_DIR"
find "$ORACLE_DIR" -name extfrag_index -type f | sort >"$TMP/captures"
[ -s "$TMP/captures" ] || skip_all "no index captures in $ORACLE_DIR"

while read -r f; do
	d=$(dirname "$f")
	name=${d#"$ORACLE_DIR"/}
	if [ ! -f "$d/buddyinfo.before_index" ] || [ ! -f "$d/unusable_index" ]; then
		continue
	fi
	if ! cmp -s "$d/buddyinfo.before_index" "$d/buddyinfo.after_index"; then
		diag "$name: memory moved between the reads; not an exact reference"
		continue
	fi
	"$FRAGSIM" index "$d/buddyinfo.before_index" >"$TMP/extfrag" 2>"$TMP/err"
	same_text "$name: extfrag_index" "$d/extfrag_index" "$TMP/extfrag"
	"$FRAGSIM" index --unusable "$d/buddyinfo.before_index" >"$TMP/unusable" 2>"$TMP/err"
	same_text "$name: unusable_index" "$d/unusable_index" "$TMP/unusable"
done <"$TMP/captures"
done_testing
