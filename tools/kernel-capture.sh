#!/bin/sh
# kernel-capture.sh - run one of the oracle's experiments on the real
# kernel here: Debian's 6.1.192 (the oracle's kernel, linux-image-6.1.0-57)
# booted under QEMU's TCG as ../shared/oracle was captured (machine pc,
# CPU qemu64, 2 CPUs, no NIC), with the oracle's own /init and workload
# (../shared/oracle/tools: init.sh, frag.c).  The files /init emits land in
# OUTDIR as an oracle run's do (00_boot/, 01_fragmented/, ..., trace.gz),
# so the comparison tools read them as they read the oracle.
#
# Usage: kernel-capture.sh [-t [-b KB] [-w LO-HI] [-p LO-HI] [-o ORDER] [-u]] [-M] [-m MEM] OUTDIR KERNEL_ARGS...
#   KERNEL_ARGS: the experiment's command line after the console, e.g.
#     oracle=churn oracle_hp=512 movablecore=50%   (churn/MANIFEST.tsv)
#   -t  trace more than the oracle did: compaction:*, vmscan kswapd
#       wake/sleep and wakeup_kswapd, kmem:mm_page_alloc of order 9; with
#       oracle=churn through the churn and the first nr_hugepages write
#       (16 MiB buffers per CPU instead of 4, so M0 is ~6000 pages
#       smaller), and the unplug step is left out; with oracle=workload
#       the first write alone (8 MiB per CPU, from after 01_fragmented to
#       the write's end, direct reclaim too), into trace.gz
#   -b  with -t and oracle=churn, the trace buffer per CPU in KiB instead
#       of 16384: -b 4096 is the oracle's own, so M0 and the churn are the
#       oracle's (compaction and kswapd events alone, about 5000 through
#       the churn and the write, fit in it; the windows below may not)
#   -w  with -t, also every page allocated (kmem:mm_page_alloc) and freed
#       (mm_page_free) in the pfn window [LO, HI), hex: e.g. -w 20000-21000
#       (16 MiB) follows frag's faults and MADV_DONTNEED frees there, so a
#       cycle's refill and frees, and the release, can be timed
#   -p  with -t, also every page a per-cpu list hands back to the buddy
#       allocator (kmem:mm_page_pcpu_drain: a pcp flush or drain, on the
#       CPU whose list it is) in the pfn window [LO, HI), hex, so that
#       when freed pages reach the free lists, and merge, can be followed
#   -o  with -w or -p, only the pages of that order in the windows: -o 9
#       follows the huge pages (a THP freed onto a pcp list, and when the
#       list hands it back), few enough for the oracle's own buffer
#   -u  with -t, also every Unmovable allocation (kmem:mm_page_alloc of
#       migratetype 0): a cycle's pipe buffers (GFP_HIGHUSER|
#       __GFP_ACCOUNT), page tables and ramfs pages, so frag's unmovable
#       phase can be timed round by round (about 55 thousand events)
#   -M  with oracle=churn, frag's pages by pfn as it becomes ready (after
#       the release, before its ready file): its anon[] pages, the sparse
#       region's touches and its tmpfs file's pages, read through
#       /proc/self/pagemap into frag_pagemap ("a PFN", "s PFN", "t PFN" a
#       line), so that a census's pages in use can be told apart
#       (tools/churn-census.sh's blocks, by owner); frag's own code is the
#       oracle's but for that dump, which takes it a few tens of ms
#   -m  guest memory (default 1G)
#
# The guest's timing is the host's: TCG runs guest time at wall-clock
# rate, so a run here is not the oracle's host's (doc/kernel-capture.md).
# Needs qemu-system-x86, busybox-static and gcc with a static libc; the
# kernel package is fetched once with apt-get download and unpacked into
# the cache (KCAPTURE_CACHE, default ${TMPDIR:-/tmp}/fragsim-kcapture).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
oracle=${ORACLE_DIR:-$top/../shared/oracle}
cache=${KCAPTURE_CACHE:-${TMPDIR:-/tmp}/fragsim-kcapture}
kpkg=linux-image-6.1.0-57-amd64
trace=no mem=1G window= drain_window= order= unmovable=no churn_buffer=16384 pagemap=no

usage() {
	echo "usage: kernel-capture.sh [-t [-b KB] [-w LO-HI] [-p LO-HI] [-o ORDER] [-u]] [-M] [-m MEM] OUTDIR" \
	     "KERNEL_ARGS..." >&2
	exit 2
}
while getopts b:tMm:o:p:uw: opt; do
	case $opt in
	M) pagemap=yes ;;
	b) churn_buffer=$OPTARG ;;
	t) trace=yes ;;
	p) drain_window=$OPTARG ;;
	o) order=$OPTARG ;;
	u) unmovable=yes ;;
	m) mem=$OPTARG ;;
	w) window=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || usage
# pfn_filter OPTION LO-HI: the ftrace filter of a window of hex pfns
pfn_filter() {
	_lo=${2%-*} _hi=${2#*-}
	[ "$_lo" != "$2" ] || _lo=	# no dash
	case "$trace,$_lo,$_hi" in
	yes,*[!0-9a-fA-F]*,* | yes,*,*[!0-9a-fA-F]* | yes,,* | yes,*, | no,*)
		echo "kernel-capture.sh: $1 $2: expected -t and a window" \
		     "LO-HI of hex pfns, e.g. $1 20000-21000" >&2
		exit 2 ;;
	esac
	echo "pfn >= 0x$_lo && pfn < 0x$_hi"
}
alloc_filter="order == 9" free_filter= drain_filter=
if [ -n "$window" ]; then
	free_filter=$(pfn_filter -w "$window") || exit 2
	alloc_filter="order == 9 || ($free_filter)"
fi
if [ -n "$drain_window" ]; then
	drain_filter=$(pfn_filter -p "$drain_window") || exit 2
fi
if [ -n "$order" ]; then
	case "$order,$window$drain_window" in
	*[!0-9]*,* | ,* | *,)
		echo "kernel-capture.sh: -o $order: expected an order (0-10)" \
		     "with -w or -p" >&2
		exit 2 ;;
	esac
	[ "$order" -le 10 ] || {
		echo "kernel-capture.sh: -o $order: expected an order (0-10)" >&2
		exit 2
	}
	[ -z "$free_filter" ] || free_filter="($free_filter) && order == $order"
	[ -z "$drain_filter" ] || drain_filter="($drain_filter) && order == $order"
	[ -z "$window" ] || alloc_filter="order == 9 || ($free_filter)"
fi
case $churn_buffer in
'' | *[!0-9]* | 0*)
	echo "kernel-capture.sh: -b $churn_buffer: expected a size in KiB," \
	     "e.g. -b 4096" >&2
	exit 2 ;;
esac
if [ "$unmovable" = yes ]; then
	[ "$trace" = yes ] || {
		echo "kernel-capture.sh: -u: expected -t as well" >&2
		exit 2
	}
	alloc_filter="$alloc_filter || migratetype == 0"
fi
out=$1
shift
for tool in qemu-system-x86_64 busybox gcc cpio; do
	command -v $tool >/dev/null || {
		echo "kernel-capture.sh: $tool not found (apt-get install" \
		     "qemu-system-x86 busybox-static gcc cpio)" >&2
		exit 2
	}
done
[ -f "$oracle/tools/init.sh" ] && [ -f "$oracle/tools/frag.c" ] || {
	echo "kernel-capture.sh: no $oracle/tools/init.sh and frag.c" >&2
	exit 2
}
[ -e "$out" ] && {
	echo "kernel-capture.sh: $out exists; give a new directory" >&2
	exit 2
}

# the kernel, unpacked once
mkdir -p "$cache"
vmlinuz=$(ls "$cache"/pkg/boot/vmlinuz-* 2>/dev/null | head -1 || true)
if [ -z "$vmlinuz" ]; then
	(cd "$cache" && apt-get download "$kpkg" >/dev/null 2>&1) || {
		echo "kernel-capture.sh: apt-get download $kpkg failed" >&2
		exit 2
	}
	dpkg -x "$cache"/"$kpkg"_*.deb "$cache/pkg"
	vmlinuz=$(ls "$cache"/pkg/boot/vmlinuz-* | head -1)
fi

# the initramfs: busybox, frag (static), the oracle's /init
work=$(mktemp -d "${TMPDIR:-/tmp}/fragsim-kcapture.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root/bin" "$root/sbin" "$root/proc" "$root/sys" "$root/dev" \
	 "$root/tmp" "$root/ramfs" "$root/out"
cp "$(command -v busybox)" "$root/bin/busybox"
! ldd "$root/bin/busybox" >/dev/null 2>&1 || {
	echo "kernel-capture.sh: busybox is not static (apt-get install" \
	     "busybox-static)" >&2
	exit 2
}
if [ $pagemap = yes ]; then
	# churn(): before the ready file, after the release's printf
	awk '
		/release done:/ { released = 1 }
		released && !done && /signal\(SIGUSR1, on_usr1\);/ {
			print "    { FILE *pm = fopen(\"/out/frag_pagemap\", \"w\");"
			print "      int pf = open(\"/proc/self/pagemap\", O_RDONLY); uint64_t e;"
			print "      if (pm && pf >= 0) {"
			print "        for (long i = 0; i < A; i++) if (live[i] && pread(pf, &e, 8, (off_t)((uintptr_t)(anon + (size_t)i * 4096) / 4096 * 8)) == 8 && (e >> 63))"
			print "          fprintf(pm, \"a %llu\\n\", (unsigned long long)(e & ((1ULL << 55) - 1)));"
			print "        for (long j = 0; j < sparse_idx; j++) if (pread(pf, &e, 8, (off_t)((uintptr_t)(sparse + ((size_t)j << 21)) / 4096 * 8)) == 8 && (e >> 63))"
			print "          fprintf(pm, \"s %llu\\n\", (unsigned long long)(e & ((1ULL << 55) - 1)));"
			print "        int tr = open(\"/tmp/churn_movable.dat\", O_RDONLY); struct stat st;"
			print "        long tn = tr >= 0 && !fstat(tr, &st) ? (long)(st.st_size / 4096) : 0;"
			print "        char *tm = tn ? mmap(NULL, (size_t)tn * 4096, PROT_READ, MAP_SHARED, tr, 0) : MAP_FAILED;"
			print "        if (tr >= 0) close(tr);"
			print "        if (tm != MAP_FAILED) { volatile char sink = 0; for (long k = 0; k < tn; k++) { sink += tm[(size_t)k * 4096];"
			print "          if (pread(pf, &e, 8, (off_t)((uintptr_t)(tm + (size_t)k * 4096) / 4096 * 8)) == 8 && (e >> 63))"
			print "            fprintf(pm, \"t %llu\\n\", (unsigned long long)(e & ((1ULL << 55) - 1))); }"
			print "          (void)sink; munmap(tm, (size_t)tn * 4096); }"
			print "      }"
			print "      if (pm) fclose(pm); if (pf >= 0) close(pf); }"
			done = 1
		}
		{ print }
		END { if (!done) exit 1 }
	' "$oracle/tools/frag.c" > "$work/frag.c" || {
		echo "kernel-capture.sh: -M: frag.c is not the one -M knows" >&2
		exit 2
	}
	gcc -O2 -static -o "$root/bin/frag" "$work/frag.c"
else
	gcc -O2 -static -o "$root/bin/frag" "$oracle/tools/frag.c"
fi
cp "$oracle/tools/init.sh" "$root/init"
if [ $trace = yes ]; then
	# churnrun: more events, tracing kept on through the first write,
	# no unplug (the lines are the oracle's init.sh's own); workload:
	# the same events over the first write alone
	awk -v alloc_filter="$alloc_filter" -v free_filter="$free_filter" \
	    -v drain_filter="$drain_filter" -v churn_buffer="$churn_buffer" '
		function events() {
			print "  echo 1 > $T/events/compaction/enable"
			print "  echo 1 > $T/events/vmscan/mm_vmscan_kswapd_wake/enable"
			print "  echo 1 > $T/events/vmscan/mm_vmscan_kswapd_sleep/enable"
			print "  echo 1 > $T/events/vmscan/mm_vmscan_wakeup_kswapd/enable"
			print "  echo \"" alloc_filter "\" > $T/events/kmem/mm_page_alloc/filter"
			print "  echo 1 > $T/events/kmem/mm_page_alloc/enable"
			if (free_filter != "") {
				print "  echo \"" free_filter "\" > $T/events/kmem/mm_page_free/filter"
				print "  echo 1 > $T/events/kmem/mm_page_free/enable"
			}
			if (drain_filter != "") {
				print "  echo \"" drain_filter "\" > $T/events/kmem/mm_page_pcpu_drain/filter"
				print "  echo 1 > $T/events/kmem/mm_page_pcpu_drain/enable"
			}
		}
		/^churnrun\(\)/ { in_churn = 1 }
		/^workload\(\)/ { in_workload = 1 }
		in_workload && /^  read t0 x < \/proc\/uptime$/ {
			print "  T=/sys/kernel/tracing"
			print "  echo 8192 > $T/buffer_size_kb"
			events()
			print "  echo 1 > $T/events/vmscan/mm_vmscan_direct_reclaim_begin/enable"
			print "  echo 1 > $T/events/vmscan/mm_vmscan_direct_reclaim_end/enable"
			print "  echo 1 > $T/tracing_on"
			print
			next
		}
		in_workload && /> \$O\/hugepages_1$/ {
			print
			print "  echo 0 > $T/tracing_on"
			print "  cat $T/per_cpu/cpu*/stats > $O/trace_stats"
			print "  cat $T/trace | gzip -1 > $O/trace.gz"
			print "  echo 0 > $T/events/enable"
			next
		}
		in_churn && /buffer_size_kb/ {
			print "  echo " churn_buffer " > $T/buffer_size_kb"
			events()
			next
		}
		in_churn && /echo 0 > \$T\/tracing_on/ && !off { off = 1; next }
		in_churn && /> \$O\/hugepages_1$/ {
			print
			print "  echo 0 > $T/tracing_on"
			print "  cat $T/per_cpu/cpu*/stats > $O/trace_stats_write"
			next
		}
		in_churn && /^  unplug$/ { print "  : unplug left out by -t"; next }
		/^}/ { in_churn = 0; in_workload = 0 }
		{ print }
	' "$oracle/tools/init.sh" > "$root/init"
	grep -q trace_stats_write "$root/init" &&
	grep -q 'mm_vmscan_direct_reclaim_end' "$root/init" || {
		echo "kernel-capture.sh: init.sh is not the one -t knows" >&2
		exit 2
	}
fi
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc 2>/dev/null) | gzip -1 > "$work/initrd"

# the boot: console on the first port, /init's data on the second
echo "kernel-capture.sh: booting $(basename "$vmlinuz") -m $mem -smp 2 with" \
     "'$*'" >&2
rc=0
timeout 1800 qemu-system-x86_64 -machine pc -cpu qemu64 -accel tcg -smp 2 \
	-m "$mem" -display none -no-reboot -nic none \
	-kernel "$vmlinuz" -initrd "$work/initrd" \
	-append "console=ttyS0 panic=-1 nokaslr $*" \
	-serial file:"$work/console" -serial file:"$work/data" || rc=$?
grep -q '^ORACLE_DONE' "$work/data" || {
	echo "kernel-capture.sh: the guest did not finish (qemu exit $rc);" \
	     "its console's end:" >&2
	tail -5 "$work/console" >&2
	cp "$work/console" "${TMPDIR:-/tmp}/kernel-capture.console" && echo "kernel-capture.sh: whole console in ${TMPDIR:-/tmp}/kernel-capture.console" >&2
	exit 1
}

# BEGIN name / END name: a text file; BEGIN64 / END64: base64 of a binary
mkdir -p "$out"
awk -v out="$out" '
	{ sub(/\r$/, "") }
	/^BEGIN(64)? / && !name {
		name = $2; b64 = ($1 == "BEGIN64")
		file = out "/" name (b64 ? ".b64" : "")
		dir = file; sub(/\/[^\/]*$/, "", dir)
		system("mkdir -p \"" dir "\"")
		printf "" > file
		next
	}
	name && ($0 == "END " name || $0 == "END64 " name) {
		close(file); name = ""; next
	}
	name { print > file }
' "$work/data"
for f in $(find "$out" -name '*.b64'); do
	base64 -d "$f" > "${f%.b64}" && rm "$f"
done
cp "$work/console" "$out/console"
echo "qemu_exit=$rc host=$(uname -n) cmdline=$*" > "$out/capture_status"
echo "kernel-capture.sh: $out: $(cat "$out/hugepages_1" 2>/dev/null || echo done)" >&2
