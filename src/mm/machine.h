/*
 * machine.h - the description of a machine fragsim boots: its architecture,
 * its memory per NUMA node, the memory reserved before NUMA setup, and its
 * boot command line.  Read from a model file or a real boot log
 * (src/machine/), consumed by mm_boot (boot.h).
 */
#ifndef FRAGSIM_MM_MACHINE_H
#define FRAGSIM_MM_MACHINE_H

#include <stdbool.h>

#include "mm/arch.h"
#include "mm/memblock.h"
#include "mm/mmzone.h"
#include "util/diag.h"

struct machine {
	const struct arch *arch;
	struct memblock_type memory;	/* memblock.memory */
	struct memblock_type reserved;	/* memblock.reserved at NUMA setup */
	bool node_declared[MAX_NUMNODES];
	char *cmdline;			/* boot command line, never NULL */
	struct diag_loc cmdline_loc;	/* where cmdline came from */
	char *source;			/* file the machine was read from */
};

void machine_init(struct machine *m, const struct arch *arch,
		  const char *source);
void machine_release(struct machine *m);
void machine_set_cmdline(struct machine *m, const char *cmdline,
			 struct diag_loc loc);

#endif
