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
#include "util/xalloc.h"

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
	int errors;
};

static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* "  node   0: [mem 0x...-0x...]" inside the Early memory node ranges block. */
static bool read_node_range(struct bootlog_reader *r, const char *line)
{
	const char *p = strstr(line, "node ");
	unsigned long long start, end;
	int nid, n = 0;

	if (!p || sscanf(p, "node %d: [mem %llx-%llx]%n", &nid, &start, &end,
			 &n) != 3 || n == 0)
		return false;
	/* END + 1 must not wrap: sscanf gives ULLONG_MAX for any longer
	 * number, and a wrapped size broke memblock's order (an assertion) */
	if (nid < 0 || nid >= MAX_NUMNODES || end < start ||
	    end == ULLONG_MAX) {
		diag_error(DIAG_LOC(r->path, r->line), "node range \"%s\": "
			   "expected node 0..%d and START <= END < "
			   "0xffffffffffffffff", p, MAX_NUMNODES - 1);
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
	memblock_add_node(&r->m->memory, start, end - start + 1, nid, 0);
	r->m->node_declared[nid] = true;
	return true;
}

static void read_srat_hotplug(struct bootlog_reader *r, const char *line)
{
	const char *p = strstr(line, "SRAT: Node ");
	unsigned long long start, end;
	int nid, pxm, n = 0;

	if (!p || sscanf(p, "SRAT: Node %d PXM %d [mem %llx-%llx]%n", &nid,
			 &pxm, &start, &end, &n) != 4 || n == 0)
		return;
	if (strstr(p + n, "hotplug") && end >= start &&
	    !memblock_overlaps(&r->hotplug, start, end - start + 1))
		memblock_add_node(&r->hotplug, start, end - start + 1, nid, 0);
}

static void read_ramdisk(struct bootlog_reader *r, const char *line)
{
	const char *p = strstr(line, "RAMDISK: [mem ");
	unsigned long long start, end;

	if (p && sscanf(p, "RAMDISK: [mem %llx-%llx]", &start, &end) == 2 &&
	    end >= start &&
	    !memblock_overlaps(&r->m->late_free, start, end - start + 1))
		memblock_add_node(&r->m->late_free, start, end - start + 1,
				  MAX_NUMNODES, 0);
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
	char *line = NULL;
	size_t cap = 0;
	FILE *f;

	machine_init(m, &arch_x86_64, path);
	memblock_init(&r.hotplug);
	f = fopen(path, "r");
	if (!f) {
		diag_error(DIAG_LOC(path, 0), "cannot open boot log: %s",
			   strerror(errno));
		machine_release(m);
		return -1;
	}
	while (getline(&line, &cap, f) != -1) {
		r.line++;
		chomp(line);
		read_line(&r, line);
	}
	free(line);
	fclose(f);

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
