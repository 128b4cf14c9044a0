/*
 * extfrag.c - extfrag_index and unusable_index text, and the buddyinfo
 * reader they are computed from.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "mm/frag_index.h"
#include "proc/extfrag.h"
#include "util/diag.h"
#include "util/line_reader.h"
#include "util/parse_num.h"
#include "util/xalloc.h"

void extfrag_show_zone(FILE *out, int node, const char *zone,
		       const unsigned long nr_free[MAX_ORDER], int unusable)
{
	fprintf(out, "Node %d, zone %8s ", node, zone);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct contig_page_info info;
		int index;

		fill_contig_page_info(nr_free, order, &info);
		if (unusable) {
			/* mm/vmstat.c: unusable_show_print */
			index = unusable_free_index(order, &info);
			fprintf(out, "%d.%03d ", index / 1000, index % 1000);
		} else {
			/* mm/vmstat.c: extfrag_show_print */
			index = __fragmentation_index(order, &info);
			fprintf(out, "%2d.%03d ", index / 1000, index % 1000);
		}
	}
	fputc('\n', out);
}

/*
 * The bounds of a /proc/buddyinfo capture: a line per zone of each node,
 * and nodes numbered below 2^CONFIG_NODES_SHIFT (at most 10 on x86_64).
 */
#define BUDDYINFO_MAX_LINE	4096
#define BUDDYINFO_MAX_BYTES	(4ULL << 20)
#define BUDDYINFO_MAX_NODE	1023

/* "Node 0, zone   DMA32      2      3 ..." with MAX_ORDER counts. */
static int parse_line(const char *line, struct buddyinfo_zone *z)
{
	const char *p = line;
	uint64_t v;
	int n = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "Node ", 5) ||
	    !parse_u64(p + 5, 10, BUDDYINFO_MAX_NODE, &v, &p) ||
	    sscanf(p, ", zone %15s%n", z->zone, &n) != 1 || n == 0)
		return -1;
	z->node = (int)v;
	p += n;
	for (int order = 0; order < MAX_ORDER; order++) {
		if (!parse_u64(p, 10, ULONG_MAX, &v, &p))
			return -1;
		z->nr_free[order] = (unsigned long)v;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	return *p ? -1 : 0;
}

int buddyinfo_read(const char *path, struct buddyinfo_zone **zones)
{
	struct buddyinfo_zone *z = NULL;
	struct line_reader lr;
	size_t cnt = 0, cap = 0;
	char *line;
	int got;

	if (line_reader_open(&lr, path, "/proc/buddyinfo text",
			     BUDDYINFO_MAX_LINE, BUDDYINFO_MAX_BYTES))
		return -1;
	while ((got = line_reader_next(&lr, &line)) > 0) {
		if (strspn(line, " \t") == strlen(line))
			continue;
		z = xgrow(z, &cap, cnt + 1, sizeof(*z));
		if (parse_line(line, &z[cnt])) {
			diag_error(DIAG_LOC(path, lr.line), "expected a "
				   "/proc/buddyinfo line: \"Node N, zone NAME\" "
				   "(N from 0 to %d) and %d free block counts",
				   BUDDYINFO_MAX_NODE, MAX_ORDER);
			got = -1;
			break;
		}
		cnt++;
	}
	line_reader_close(&lr);
	if (got < 0) {
		free(z);
		return -1;
	}
	if (!cnt) {
		diag_error(DIAG_LOC(path, 0), "no zones: expected /proc/buddyinfo "
			   "text");
		free(z);
		return -1;
	}
	*zones = z;
	return (int)cnt;
}
