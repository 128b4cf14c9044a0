/*
 * printk.c - the simulated kernel's log, a growing array of lines.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "mm/printk.h"
#include "util/xalloc.h"

void printk_init(struct printk_log *log)
{
	log->lines = NULL;
	log->cnt = 0;
	log->cap = 0;
}

void printk_release(struct printk_log *log)
{
	for (size_t i = 0; i < log->cnt; i++)
		free(log->lines[i]);
	free(log->lines);
	printk_init(log);
}

void printk(struct printk_log *log, const char *fmt, ...)
{
	va_list ap;
	char *line;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	line = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(line, (size_t)n + 1, fmt, ap);
	va_end(ap);

	log->lines = xgrow(log->lines, &log->cap, log->cnt + 1,
			   sizeof(*log->lines));
	log->lines[log->cnt++] = line;
}

void printk_write(const struct printk_log *log, FILE *out)
{
	for (size_t i = 0; i < log->cnt; i++)
		fprintf(out, "%s\n", log->lines[i]);
}
