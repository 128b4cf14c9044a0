/*
 * memblock.h - the boot-time memory map: physical memory regions with their
 * NUMA node and flags (include/linux/memblock.h, mm/memblock.c).
 *
 * This is what the kernel has when it lays out zones: the "Early memory node
 * ranges" of the boot log.  Regions are kept sorted and non-overlapping, and
 * adjacent regions of the same node and flags are merged, as memblock does.
 */
#ifndef FRAGSIM_MM_MEMBLOCK_H
#define FRAGSIM_MM_MEMBLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum memblock_flags {
	MEMBLOCK_NONE = 0x0,
	MEMBLOCK_HOTPLUG = 0x1,		/* hotpluggable region (SRAT) */
	MEMBLOCK_MIRROR = 0x2,		/* mirrored region (EFI) */
	/* fragsim: reserved during boot only (initrd, init sections) */
	MEMBLOCK_BOOT_ONLY = 0x100,
};

struct memblock_region {
	uint64_t base;
	uint64_t size;
	unsigned int flags;
	int nid;
};

struct memblock_type {
	struct memblock_region *regions;
	size_t cnt;
	size_t cap;
};

void memblock_init(struct memblock_type *type);
void memblock_release(struct memblock_type *type);

/*
 * memblock_add_node: add [base, base+size) on node nid.  The caller checks
 * for overlaps first (memblock_overlaps); adding keeps the regions sorted
 * and merges neighbours of the same node and flags.
 */
void memblock_add_node(struct memblock_type *type, uint64_t base,
		       uint64_t size, int nid, unsigned int flags);

/* True if [base, base+size) intersects a region of type. */
bool memblock_overlaps(const struct memblock_type *type, uint64_t base,
		       uint64_t size);

/*
 * memblock_setclr_flag: set (or clear) flag on [base, base+size), splitting
 * regions at the range's ends (memblock_mark_hotplug and friends).
 */
void memblock_setclr_flag(struct memblock_type *type, uint64_t base,
			  uint64_t size, bool set, unsigned int flag);

/* Clear flag on every region of node nid. */
void memblock_clear_node_flag(struct memblock_type *type, int nid,
			      unsigned int flag);

/* memblock_start_of_DRAM / memblock_end_of_DRAM */
uint64_t memblock_start_of_DRAM(const struct memblock_type *type);
uint64_t memblock_end_of_DRAM(const struct memblock_type *type);

/*
 * for_each_mem_pfn_range: iterate the pfn ranges of node nid (nid < 0: all
 * nodes).  Regions that hold no whole page are skipped, as in the kernel.
 * Use as:  size_t i = 0; while (memblock_next_pfn_range(t, nid, &i, &s, &e, &n))
 */
bool memblock_next_pfn_range(const struct memblock_type *type, int nid,
			     size_t *idx, unsigned long *start_pfn,
			     unsigned long *end_pfn, int *out_nid);

/*
 * memblock_find_in_range_node + memblock_reserve, top-down as memblock
 * allocates by default: the highest size-byte range aligned to align, at or
 * above min_addr, inside memory of node nid (-1: any node) and outside
 * reserved.  Returns 0 and the base in *base, or -1 if nothing fits.
 */
int memblock_alloc_top_down(struct memblock_type *reserved,
			    const struct memblock_type *memory, uint64_t size,
			    uint64_t align, uint64_t min_addr, uint64_t max_addr,
			    int nid, uint64_t *base);

/* memblock_phys_free: remove [base, base+size) from type, splitting regions. */
void memblock_remove_range(struct memblock_type *type, uint64_t base,
			   uint64_t size);

/* True if any region intersects the pfn range [start_pfn, end_pfn). */
bool memblock_pfn_range_has_memory(const struct memblock_type *type,
				   unsigned long start_pfn,
				   unsigned long end_pfn);

#endif
