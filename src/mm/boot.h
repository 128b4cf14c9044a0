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
 * and make this return -1); log receives what the kernel prints.  When
 * reserved is not NULL it receives memblock.reserved as memblock_free_all
 * finds it: the machine's reservations plus, unless the machine turns them
 * off, the kernel's own memblock allocations (NODE_DATA, memmap, percpu,
 * hash tables, swiotlb) and, flagged MEMBLOCK_BOOT_ONLY, what is freed
 * after the initcalls (initrd, init sections).
 */
int mm_boot(const struct machine *m, struct zone_layout *layout,
	    struct memblock_type *reserved, struct printk_log *log);

#endif
