#!/bin/sh
# ftrace.sh - "fragsim replay" against a real kernel's trace
# (ORACLE_DIR/ftrace/*/trace.xz: a 1 GiB guest running a small fragmenting
# workload, then a 512 huge page request), the acceptance of issue 7:
# every event parsed or counted as skipped with its reason; allocation
# counts by order and migratetype identical to the trace's (counted here
# independently of fragsim's reader); fallbacks within a factor of 2 of the
# kernel's; compactions begun within 25% of the kernel's (at least 3); the
# final pageblock-type table within 10% of the last snapshot
# (02_after_hugepages/pagetypeinfo, taken with the pool still held, so
# within the trace's time range), at least one block either way.
#
# The oracle's /init enabled the events before it started the balloon and
# took 00_boot after: the trace holds the balloon's allocations, which the
# snapshot holds too.  The snapshot's time is passed as --start-at: its
# snap() begins with `mkdir -p`, the trace's first mkdir, before its cats
# read /proc.

. "$SRCDIR/tests/lib.sh"
needs_oracle

[ -d "$ORACLE_DIR/ftrace" ] || skip_all "no ftrace oracle at $ORACLE_DIR"
ls "$ORACLE_DIR"/ftrace/*/trace.xz >"$TMP/traces" 2>/dev/null || skip_all "no traces"
command -v xz >/dev/null || skip_all "no xz to count the trace independently"

while read -r tr; do
	d=$(dirname "$tr")
	name=${d#"$ORACLE_DIR"/}
	xz -dc "$tr" >"$TMP/text"
	at=$(awk '$1 ~ /^mkdir-[0-9]+$/ { sub(/:$/, "", $4); print $4; exit }' "$TMP/text")
	start="the trace's start"
	[ -z "$at" ] || start="the snapshot ($at)"
	expect_exit 0 "$name: replay with --check, started at $start" -- \
		"$FRAGSIM" replay --dmesg "$d/dmesg" "$tr" --check \
		${at:+--start-at "$at"} --trace "$TMP/model"
	cp "$TMP/out" "$TMP/report"

	# every event: the header's entry count = the events read = the sum
	# of the per-event lines (each with its treatment)
	entries=$(sed -n 's/^# entries-in-buffer\/entries-written: \([0-9]*\)\/.*/\1/p' "$TMP/text")
	read_n=$(sed -n 's/^Events read: \([0-9]*\) .*/\1/p' "$TMP/report")
	summed=$(awk '/^Events read/ { on = 1; next } on && /^$/ { exit }
		on && match($0, /^  [a-z_, ]+ +[0-9]+  /) {
			split(substr($0, 1, RLENGTH), f, " "); s2 += f[length(f)] }
		END { print s2 }' "$TMP/report")
	if [ "$entries" = "$read_n" ] && [ "$read_n" = "$summed" ]; then
		pass "$name: all $entries events read, each counted with its treatment"
	else
		fail "$name: events: trace header $entries, read $read_n, counted by treatment $summed"
	fi
	skipped=$(sed -n 's/.* \([0-9]*\) skipped (allocated before the trace began)/\1/p' "$TMP/report")
	if [ "${skipped:-0}" -gt 0 ]; then pass "$name: $skipped frees of pages allocated before the trace counted and skipped"
	else fail "$name: frees of pages allocated before the trace counted"; fi

	# allocations by order and migratetype, counted here from the text
	awk '/ mm_page_alloc: / { o = m = ""
		for (i = 1; i <= NF; i++) {
			if ($i ~ /^order=/) o = substr($i, 7)
			if ($i ~ /^migratetype=/) m = substr($i, 13)
		}
		n[o " " m]++ }
		END { for (k in n) print k, n[k] }' "$TMP/text" | sort >"$TMP/by_awk"
	awk 'BEGIN { t["Unmovable"] = 0; t["Movable"] = 1; t["Reclaimable"] = 2; t["HighAtomic"] = 3 }
		/^Allocations by order/ { on = 1; next } on && /^$/ { exit }
		on && $1 ~ /^[0-9]+$/ { print $1, t[$2], $3 }' "$TMP/report" | sort >"$TMP/kernel_col"
	same_text "$name: the kernel's allocations by order and migratetype, as read" "$TMP/by_awk" "$TMP/kernel_col"
	awk '/^Allocations by order/ { on = 1; next } on && /^$/ { exit }
		on && $1 ~ /^[0-9]+$/ && $3 != $5 { bad++ } END { exit bad > 0 }' "$TMP/report"
	if [ $? -eq 0 ]; then pass "$name: fragsim made the same requests, by order and migratetype"
	else fail "$name: fragsim made the same requests, by order and migratetype"; fi

	# fallbacks within a factor of 2
	set -- $(awk '/^Fallbacks/ { on = 1; next } on && $1 == "all" { print $2, $3; exit }' "$TMP/report")
	k=$1 s=$2
	if [ "$s" -le $((2 * k)) ] && [ $((2 * s)) -ge "$k" ]; then
		pass "$name: fallbacks within a factor of 2 (kernel $k, fragsim $s)"
	else
		fail "$name: fallbacks within a factor of 2 (kernel $k, fragsim $s)"
	fi

	# compactions begun within 25% of the kernel's, at least 3 either way
	set -- $(awk '/^Compaction/ { on = 1; next } on && $1 == "begins" { print $3, $4; exit }' "$TMP/report")
	k=$1 s=$2
	tol=$((k / 4)); [ "$tol" -ge 3 ] || tol=3
	if [ "$s" -le $((k + tol)) ] && [ "$s" -ge $((k - tol)) ]; then
		pass "$name: compactions begun within 25% (kernel $k, fragsim $s)"
	else
		fail "$name: compactions begun within 25% (kernel $k, fragsim $s)"
	fi

	# the pageblock-type table, beside the last snapshot
	if grep -q "^Pageblock types at the end (kernel: .*02_after_hugepages/pagetypeinfo)" "$TMP/report"; then
		pass "$name: compared with 02_after_hugepages/pagetypeinfo"
	else
		fail "$name: compared with 02_after_hugepages/pagetypeinfo"
	fi
	awk '/^Pageblock types/ { on = 1; next } on && $1 == "Node" {
			k = $(NF - 2); s = $(NF - 1); tol = k / 10; if (tol < 1) tol = 1
			d = s - k; if (d < 0) d = -d
			if (d > tol) { print; bad++ } }
		END { exit bad > 0 }' "$TMP/report" >"$TMP/off"
	if [ $? -eq 0 ]; then pass "$name: every pageblock type within 10% (at least 1 block)"
	else fail "$name: every pageblock type within 10% (at least 1 block)"; diag "$(cat "$TMP/off")"; fi
	# --trace: fragsim's compactions as lines beside the kernel's, as
	# many as the summary counts, each begin closed by its end, on the
	# trace's clock (within its first and last event) and in time order
	sb=$(awk '/^Compaction/ { on = 1; next }
		on && $1 == "begins" { print $4; exit }' "$TMP/report")
	awk -v want="$sb" '
		{ t = $0; sub(/^.*\] [^ ]* +/, "", t); t = substr(t, 1, index(t, ":") - 1) + 0 }
		/: mm_compaction_begin: / { b++; if (open) bad = bad " unclosed"; open = 1 }
		/: mm_compaction_end: / { if (!open) bad = bad " end-without-begin"; open = 0 }
		{ if (t < last) bad = bad " out-of-order"; last = t
		  if (!first) first = t }
		END { print first, last; if (b != want || open || bad != "") {
			print "begins " b " (summary " want ")" bad; exit 1 } }' \
		"$TMP/model" >"$TMP/span"
	if [ $? -eq 0 ]; then
		set -- $(head -n 1 "$TMP/span")
		span=$(awk -v a="$1" -v b="$2" '/^ *#/ { next }
			{ t = $0; sub(/^.*\] [^ ]* +/, "", t); t = substr(t, 1, index(t, ":") - 1) + 0
			  if (!f) f = t; l = t }
			END { print (a >= f && b <= l) ? "in" : "out" }' "$TMP/text")
		is "$name: --trace: $sb compactions, each begin closed, on the trace's clock" in "$span"
	else
		fail "$name: --trace: compactions as the summary counts them, paired"
		diag "$(tail -n 1 "$TMP/span")"
	fi
	diag "$(sed -n '/^Fallbacks/,$p' "$TMP/report")"
done <"$TMP/traces"
done_testing
