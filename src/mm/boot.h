/*
 * boot.h - boot a machine description up to the point where its zones
 * exist: parse the command line, finish NUMA setup, lay out the zones.
 */
#ifndef FRAGSIM_MM_BOOT_H
#define FRAGSIM_MM_BOOT_H

#include "mm/machine.h"
#include "mm/printk.h"
#include "mm/zone_layout.h"

/*
 * Boot m.  Its command line is parsed (errors are reported at its location
 * and make this return -1); log receives what the kernel prints.
 */
int mm_boot(const struct machine *m, struct zone_layout *layout,
	    struct printk_log *log);

#endif
