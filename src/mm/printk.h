/*
 * printk.h - the simulated kernel's log.
 *
 * Model code "prints" the lines the kernel prints at the same point, in the
 * kernel's exact text and order, so that fragsim's log and a real dmesg can
 * be compared line by line.  Lines carry no timestamp.
 */
#ifndef FRAGSIM_MM_PRINTK_H
#define FRAGSIM_MM_PRINTK_H

#include <stddef.h>
#include <stdio.h>

struct printk_log {
	char **lines;
	size_t cnt;
	size_t cap;
};

void printk_init(struct printk_log *log);
void printk_release(struct printk_log *log);

/* Append one line (no trailing newline in fmt). */
void printk(struct printk_log *log, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void printk_write(const struct printk_log *log, FILE *out);

#endif
