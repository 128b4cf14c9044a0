/*
 * printk.h - the simulated kernel's log.
 *
 * Model code "prints" the lines the kernel prints at the same point, in the
 * kernel's exact text and order, so that fragsim's log and a real dmesg can
 * be compared line by line.  Lines are kept without their timestamp; a
 * log given a clock also notes when each line was printed, which
 * printk_write_timed shows as dmesg does.
 */
#ifndef FRAGSIM_MM_PRINTK_H
#define FRAGSIM_MM_PRINTK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct printk_log {
	char **lines;
	uint64_t *time_ns;	/* when each line was printed (0: boot) */
	size_t cnt;
	size_t cap;
	const uint64_t *clock_ns;	/* the time now, or NULL: 0 */
};

void printk_init(struct printk_log *log);
void printk_release(struct printk_log *log);

/* Append one line (no trailing newline in fmt). */
void printk(struct printk_log *log, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void printk_write(const struct printk_log *log, FILE *out);

/* The lines with dmesg's "[    1.234567] " timestamps. */
void printk_write_timed(const struct printk_log *log, FILE *out);

#endif
