/*
 * model.h - machine model files (models/NAME.ini), read with inih.
 *
 *   [machine]
 *   arch     = x86_64 | i386
 *   cmdline  = kernelcore=... movablecore=...     (the boot command line)
 *   reserved = RANGE                              (repeatable)
 *   [node N]
 *   mem      = RANGE [hotplug] [mirror]           (repeatable)
 *
 * A RANGE is either START-END, inclusive, as the kernel prints
 * "[mem 0x...-0x...]", or SIZE@START; numbers take the kernel's
 * nn[KMGTPE] suffixes.  doc/models.md is the full reference.
 */
#ifndef FRAGSIM_MACHINE_MODEL_H
#define FRAGSIM_MACHINE_MODEL_H

#include "mm/machine.h"

/*
 * Read the model at path into m (which this initialises).  On bad input a
 * message naming path and line is printed and -1 returned; m is then
 * released.
 */
int model_load(struct machine *m, const char *path);

/* Parse a RANGE as above into [*base, *base + *size). 0 on success. */
int parse_mem_range(const char *s, uint64_t *base, uint64_t *size,
		    const char **rest);

#endif
