/*
 * zone_layout.h - how the kernel divides each node's memory into zones at
 * boot, ZONE_MOVABLE included (mm/page_alloc.c, Linux 6.1: free_area_init
 * and the functions it calls).
 */
#ifndef FRAGSIM_MM_ZONE_LAYOUT_H
#define FRAGSIM_MM_ZONE_LAYOUT_H

#include <stdbool.h>

#include "mm/arch.h"
#include "mm/bootparam.h"
#include "mm/memblock.h"
#include "mm/mmzone.h"
#include "mm/printk.h"

/* A zonelist: zones in the order an allocation tries them. */
struct zoneref {
	struct zone *zone;	/* NULL ends the list */
	int zone_idx;
};

enum { ZONELIST_FALLBACK, ZONELIST_NOFALLBACK, MAX_ZONELISTS };

struct zone_layout {
	const struct arch *arch;
	struct boot_params params;
	enum zone_type movable_zone;
	unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
	unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];
	unsigned long zone_movable_pfn[MAX_NUMNODES];
	/* Nodes the machine declares (node_possible_map). */
	bool node_possible[MAX_NUMNODES];
	int nr_node_ids;
	struct pglist_data node_data[MAX_NUMNODES];
	/* x86: reserved pages below 16 MiB (memblock_find_dma_reserve) */
	unsigned long dma_reserve;
	/* Zonelists per node, built by build_all_zonelists. */
	struct zoneref *node_zonelists[MAX_NUMNODES][MAX_ZONELISTS];
	int node_distance[MAX_NUMNODES][MAX_NUMNODES];
	bool page_group_by_mobility_disabled;
	unsigned long vm_total_pages;
	int nr_online_nodes;		/* nodes with memory */
};

/*
 * mm/page_alloc.c: free_area_init - compute every node's zones from the
 * memory map and boot parameters, printing to log what the kernel prints.
 * possible[] lists the declared nodes (NULL: the nodes that have memory).
 */
void free_area_init(struct zone_layout *layout, const struct arch *arch,
		    const struct memblock_type *memory,
		    const bool possible[MAX_NUMNODES],
		    const struct boot_params *params, unsigned long dma_reserve,
		    struct printk_log *log);

/*
 * mm/page_alloc.c: build_all_zonelists - every online node's zonelists
 * (nodes by distance, zones from the highest), the mobility-grouping
 * decision and the boot lines "Fallback order for Node N:" and "Built N
 * zonelists".  node_distance must be filled in first.
 */
void build_all_zonelists(struct zone_layout *layout, struct printk_log *log);

/* Free what free_area_init and build_all_zonelists allocated. */
void zone_layout_release(struct zone_layout *layout);

/* The zone of node nid with type t. */
static inline const struct zone *layout_zone(const struct zone_layout *l,
					     int nid, enum zone_type t)
{
	return &l->node_data[nid].node_zones[t];
}

#endif
