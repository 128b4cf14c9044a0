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
	log->time_ns = NULL;
	log->cnt = 0;
	log->cap = 0;
	log->clock_ns = NULL;
}

void printk_release(struct printk_log *log)
{
	for (size_t i = 0; i < log->cnt; i++)
		free(log->lines[i]);
	free(log->lines);
	free(log->time_ns);
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

	if (log->cnt == log->cap) {
		size_t cap = log->cap;

		log->lines = xgrow(log->lines, &cap, log->cnt + 1,
				   sizeof(*log->lines));
		log->time_ns = xrealloc(log->time_ns,
					cap * sizeof(*log->time_ns));
		log->cap = cap;
	}
	log->time_ns[log->cnt] = log->clock_ns ? *log->clock_ns : 0;
	log->lines[log->cnt++] = line;
}

void printk_write(const struct printk_log *log, FILE *out)
{
	for (size_t i = 0; i < log->cnt; i++)
		fprintf(out, "%s\n", log->lines[i]);
}

void printk_write_timed(const struct printk_log *log, FILE *out)
{
	for (size_t i = 0; i < log->cnt; i++)
		fprintf(out, "[%5llu.%06llu] %s\n",
			(unsigned long long)(log->time_ns[i] / 1000000000),
			(unsigned long long)(log->time_ns[i] / 1000 % 1000000),
			log->lines[i]);
}
