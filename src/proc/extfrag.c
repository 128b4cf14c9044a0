/*
 * extfrag.c - extfrag_index and unusable_index text, and the buddyinfo
 * reader they are computed from.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mm/frag_index.h"
#include "proc/extfrag.h"
#include "util/diag.h"
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

/* "Node 0, zone   DMA32      2      3 ..." with MAX_ORDER counts. */
static int parse_line(const char *line, struct buddyinfo_zone *z)
{
	const char *p;
	char *end;
	int n = 0;

	if (sscanf(line, "Node %d, zone %15s%n", &z->node, z->zone, &n) != 2 ||
	    z->node < 0)
		return -1;
	p = line + n;
	for (int order = 0; order < MAX_ORDER; order++) {
		errno = 0;
		z->nr_free[order] = strtoul(p, &end, 10);
		if (end == p || errno)
			return -1;
		p = end;
	}
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return *p ? -1 : 0;
}

int buddyinfo_read(const char *path, struct buddyinfo_zone **zones)
{
	struct buddyinfo_zone *z = NULL;
	size_t cnt = 0, cap = 0, len = 0;
	char *line = NULL;
	int lineno = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		diag_error(DIAG_LOC(path, 0), "cannot open: %s", strerror(errno));
		return -1;
	}
	while (getline(&line, &len, f) != -1) {
		lineno++;
		if (strspn(line, " \t\r\n") == strlen(line))
			continue;
		z = xgrow(z, &cap, cnt + 1, sizeof(*z));
		if (parse_line(line, &z[cnt])) {
			diag_error(DIAG_LOC(path, lineno), "expected a "
				   "/proc/buddyinfo line: \"Node N, zone NAME\" "
				   "and %d free block counts", MAX_ORDER);
			free(line);
			free(z);
			fclose(f);
			return -1;
		}
		cnt++;
	}
	free(line);
	fclose(f);
	if (!cnt) {
		diag_error(DIAG_LOC(path, 0), "no zones: expected /proc/buddyinfo "
			   "text");
		free(z);
		return -1;
	}
	*zones = z;
	return (int)cnt;
}
