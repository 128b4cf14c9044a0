/*
 * bootparam.h - the boot command line parameters that shape the zones:
 * kernelcore=, movablecore= and movable_node.
 */
#ifndef FRAGSIM_MM_BOOTPARAM_H
#define FRAGSIM_MM_BOOTPARAM_H

#include <stdbool.h>

#include "util/diag.h"

struct boot_params {
	unsigned long required_kernelcore;		/* pages */
	unsigned long required_kernelcore_percent;
	unsigned long required_movablecore;		/* pages */
	unsigned long required_movablecore_percent;
	bool mirrored_kernelcore;
	bool movable_node;
	unsigned long atomic_pool_size;	/* coherent_pool=, bytes; 0: none */
};

/*
 * Parse a kernel command line as init/main.c: parse_early_param does for the
 * parameters above; other parameters are ignored.  Values the kernel would
 * take silently but that cannot be what the user meant (no number at all, a
 * percentage above 100) are errors here: the message names loc and the
 * function returns -1.  Returns 0 on success.
 */
int parse_boot_cmdline(const char *cmdline, struct diag_loc loc,
		       struct boot_params *params);

/*
 * lib/cmdline.c: memparse; *end points after the number and its suffix.
 * errno is ERANGE if the size does not fit 64 bits (the kernel wraps it).
 */
unsigned long long memparse(const char *ptr, const char **end);

#endif
