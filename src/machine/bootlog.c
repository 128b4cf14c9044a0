/*
 * bootlog.c - read a machine's memory and command line from a boot log.
 *
 * Lines are matched by the text the kernel prints, wherever it stands on the
 * line, so timestamps, syslog levels ("<6>") and journal prefixes are all
 * accepted.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine/bootlog.h"
#include "util/line_reader.h"
#include "util/parse_num.h"
#include "util/xalloc.h"

/*
 * The bounds of a boot log: the kernel's lines are under 1 KiB
 * (PRINTK_MESSAGE_MAX) and its log buffer at most 32 MiB (log_buf_len's
 * limit); a journal's prefixes and a long serial capture fit in these.
 */
#define BOOTLOG_MAX_LINE	(64 * 1024)
#define BOOTLOG_MAX_BYTES	(256ULL << 20)
/* arch/x86/include/asm/sparsemem.h: MAX_PHYSMEM_BITS with 5-level paging */
#define BOOTLOG_PHYS_LIMIT	(1ULL << 52)

struct bootlog_reader {
	const char *path;
	int line;
	struct machine *m;
	bool in_node_ranges;
	bool seen_node_ranges;
	int node_ranges_line;
	bool have_cmdline;		/* from "Command line:" */
	bool have_kernel_cmdline;	/* from "Kernel command line:" */
	struct memblock_type hotplug;	/* SRAT hotplug ranges */
	int ramdisk_line;		/* 0: no "RAMDISK:" line */
	uint64_t ramdisk_start, ramdisk_end;
	int errors;
};

/*
 * "[mem START-END]" at p (after "[mem "), inclusive, each a hex number
 * below BOOTLOG_PHYS_LIMIT; *after is past the "]".  False if not so.
 */
static bool parse_mem(const char *p, uint64_t *start, uint64_t *end,
		      const char **after)
{
	if (!parse_u64(p, 16, BOOTLOG_PHYS_LIMIT - 1, start, &p) ||
	    *p++ != '-' ||
	    !parse_u64(p, 16, BOOTLOG_PHYS_LIMIT - 1, end, &p) || *p++ != ']')
		return false;
	*after = p;
	return true;
}

/* "  node   0: [mem 0x...-0x...]" inside the Early memory node ranges block. */
static bool read_node_range(struct bootlog_reader *r, const char *line)
{
	const char *p = strstr(line, "node "), *q, *after;
	uint64_t start, end, nid;

	if (!p)
		return false;
	q = p + 5;
	/* a line that starts as a node range is one: cut short, it is an
	 * error, not the end of the block (which would lose the memory) */
	if (!parse_u64(q, 10, UINT64_MAX, &nid, &q) || *q != ':')
		return false;
	q++;
	while (*q == ' ')
		q++;
	if (strncmp(q, "[mem ", 5) || !parse_mem(q + 5, &start, &end, &after) ||
	    nid >= MAX_NUMNODES || end < start) {
		diag_error(DIAG_LOC(r->path, r->line), "node range \"%s\": "
			   "expected \"node N: [mem START-END]\" with node "
			   "0..%d, START <= END below 2^52", p,
			   MAX_NUMNODES - 1);
		r->errors++;
		return true;
	}
	if (memblock_overlaps(&r->m->memory, start, end - start + 1) ||
	    (r->m->memory.cnt &&
	     start < memblock_end_of_DRAM(&r->m->memory))) {
		diag_error(DIAG_LOC(r->path, r->line), "node range \"%s\" "
			   "overlaps or precedes the previous one: expected "
			   "ascending, disjoint ranges", p);
		r->errors++;
		return true;
	}
	memblock_add_node(&r->m->memory, start, end - start + 1, (int)nid, 0);
	r->m->node_declared[nid] = true;
	return true;
}

static void read_srat_hotplug(struct bootlog_reader *r, const char *line)
{
	const char *p = strstr(line, "SRAT: Node ");
	uint64_t start, end;
	int nid, pxm, n = 0;

	if (!p || sscanf(p, "SRAT: Node %d PXM %d [mem %n", &nid, &pxm,
			 &n) != 2 || n == 0 || nid < 0 || nid >= MAX_NUMNODES ||
	    !parse_mem(p + n, &start, &end, &p))
		return;
	if (strstr(p, "hotplug") && end >= start &&
	    !memblock_overlaps(&r->hotplug, start, end - start + 1))
		memblock_add_node(&r->hotplug, start, end - start + 1, nid, 0);
}

/* "RAMDISK: [mem START-END]", checked against the memory once it is read. */
static void read_ramdisk(struct bootlog_reader *r, const char *line)
{
	const char *p = strstr(line, "RAMDISK: [mem ");
	uint64_t start, end;

	if (!p)
		return;
	if (!parse_mem(p + 14, &start, &end, &p) || end < start) {
		diag_error(DIAG_LOC(r->path, r->line), "\"%s\": expected "
			   "RAMDISK: [mem START-END] with START <= END below "
			   "2^52", strstr(line, "RAMDISK: "));
		r->errors++;
		return;
	}
	if (r->ramdisk_line) {
		diag_error(DIAG_LOC(r->path, r->line), "a second RAMDISK line "
			   "(the first is at line %d): expected the log of one "
			   "boot", r->ramdisk_line);
		r->errors++;
		return;
	}
	r->ramdisk_line = r->line;
	r->ramdisk_start = start;
	r->ramdisk_end = end;
}

/* arch/x86/kernel/setup.c: reserve_initrd - the initrd lies in memory. */
static void check_ramdisk(struct bootlog_reader *r)
{
	const struct memblock_type *mem = &r->m->memory;

	if (!r->ramdisk_line || !mem->cnt)
		return;
	if (r->ramdisk_start < memblock_start_of_DRAM(mem) ||
	    r->ramdisk_end >= memblock_end_of_DRAM(mem)) {
		diag_error(DIAG_LOC(r->path, r->ramdisk_line), "RAMDISK [mem "
			   "%#llx-%#llx] lies outside the memory (%#llx-%#llx)"
			   ": expected an initrd inside the node ranges",
			   (unsigned long long)r->ramdisk_start,
			   (unsigned long long)r->ramdisk_end,
			   (unsigned long long)memblock_start_of_DRAM(mem),
			   (unsigned long long)memblock_end_of_DRAM(mem) - 1);
		r->errors++;
		return;
	}
	memblock_add_node(&r->m->late_free, r->ramdisk_start,
			  r->ramdisk_end - r->ramdisk_start + 1, MAX_NUMNODES,
			  0);
}

/* "Command line: ..." from setup_arch, else "Kernel command line: ...". */
static void read_cmdline(struct bootlog_reader *r, const char *line)
{
	const char *p;

	if (r->have_cmdline)
		return;
	if ((p = strstr(line, "Command line: ")) != NULL) {
		machine_set_cmdline(r->m, p + 14,
				    DIAG_LOC(r->m->source, r->line));
		r->have_cmdline = true;
	} else if (!r->have_kernel_cmdline &&
		   (p = strstr(line, "Kernel command line: ")) != NULL) {
		machine_set_cmdline(r->m, p + 21,
				    DIAG_LOC(r->m->source, r->line));
		r->have_kernel_cmdline = true;
	}
}

static void read_line(struct bootlog_reader *r, char *line)
{
	if (r->in_node_ranges) {
		if (read_node_range(r, line))
			return;
		r->in_node_ranges = false;
	}
	if (strstr(line, "Early memory node ranges")) {
		if (r->seen_node_ranges) {
			diag_error(DIAG_LOC(r->path, r->line), "a second "
				   "\"Early memory node ranges\" block (the "
				   "first is at line %d): expected the log of "
				   "one boot", r->node_ranges_line);
			r->errors++;
			return;
		}
		r->in_node_ranges = true;
		r->seen_node_ranges = true;
		r->node_ranges_line = r->line;
		return;
	}
	read_cmdline(r, line);
	read_srat_hotplug(r, line);
	read_ramdisk(r, line);
}

static void apply_hotplug(struct bootlog_reader *r)
{
	for (size_t i = 0; i < r->hotplug.cnt; i++) {
		const struct memblock_region *h = &r->hotplug.regions[i];

		memblock_setclr_flag(&r->m->memory, h->base, h->size, true,
				     MEMBLOCK_HOTPLUG);
	}
}

int bootlog_load(struct machine *m, const char *path)
{
	struct bootlog_reader r = { .path = path, .m = m };
	struct line_reader lr;
	char *line;
	int got;

	machine_init(m, &arch_x86_64, path);
	memblock_init(&r.hotplug);
	if (line_reader_open(&lr, path, "a Linux boot log", BOOTLOG_MAX_LINE,
			     BOOTLOG_MAX_BYTES)) {
		memblock_release(&r.hotplug);
		machine_release(m);
		return -1;
	}
	while ((got = line_reader_next(&lr, &line)) > 0) {
		r.line = lr.line;
		read_line(&r, line);
	}
	line_reader_close(&lr);
	if (got < 0)
		r.errors++;
	else
		check_ramdisk(&r);

	if (!r.seen_node_ranges && !r.errors) {
		diag_error(DIAG_LOC(path, 0), "no \"Early memory node ranges\" "
			   "block: expected a Linux boot log (dmesg or serial "
			   "console output from the start of boot)");
		r.errors++;
	} else if (!m->memory.cnt && !r.errors) {
		diag_error(DIAG_LOC(path, r.node_ranges_line), "\"Early memory "
			   "node ranges\" is followed by no \"node N: [mem "
			   "START-END]\" line");
		r.errors++;
	}
	if (r.errors) {
		memblock_release(&r.hotplug);
		machine_release(m);
		return -1;
	}
	apply_hotplug(&r);
	memblock_release(&r.hotplug);
	machine_default_reservations(m);
	return 0;
}
