/*
 * zonelist.c - the order in which an allocation tries zones: the local
 * node's zones from the highest down, then the other nodes' by distance
 * (mm/page_alloc.c: build_all_zonelists, build_zonelists,
 * find_next_best_node, build_zonerefs_node).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "mm/zone_layout.h"
#include "util/xalloc.h"

struct zonelist_ctx {
	struct zone_layout *l;
	int node_load[MAX_NUMNODES];
};

static bool node_is_online(const struct zone_layout *l, int nid)
{
	return nid < l->nr_node_ids && l->node_data[nid].online;
}

/*
 * mm/page_alloc.c: find_next_best_node - the nearest unused node, nodes
 * below the local one penalised by one, less loaded ones preferred.  At
 * boot no CPU is online yet, so PENALTY_FOR_NODE_WITH_CPUS never applies
 * (the oracle's "Fallback order" lines confirm it).
 */
static int find_next_best_node(struct zonelist_ctx *c, int node,
			       bool used[MAX_NUMNODES])
{
	int min_val = INT_MAX, best_node = -1;

	if (!used[node]) {
		used[node] = true;
		return node;
	}
	for (int n = 0; n < c->l->nr_node_ids; n++) {
		int val;

		if (!node_is_online(c->l, n) || used[n])
			continue;
		val = c->l->node_distance[node][n];
		val += (n < node);
		val *= 1024;	/* MAX_NUMNODES on Debian */
		val += c->node_load[n];
		if (val < min_val) {
			min_val = val;
			best_node = n;
		}
	}
	if (best_node >= 0)
		used[best_node] = true;
	return best_node;
}

/* mm/page_alloc.c: build_zonerefs_node - populated zones, highest first */
static int build_zonerefs_node(struct pglist_data *pgdat, struct zoneref *zr)
{
	int nr_zones = 0;
	int zone_type = MAX_NR_ZONES;

	do {
		struct zone *zone = &pgdat->node_zones[--zone_type];

		if (populated_zone(zone)) {
			zr[nr_zones].zone = zone;
			zr[nr_zones].zone_idx = zone_type;
			nr_zones++;
		}
	} while (zone_type);
	return nr_zones;
}

/* mm/page_alloc.c: build_zonelists */
static void build_zonelists(struct zonelist_ctx *c, int local_node,
			    struct printk_log *log)
{
	struct zone_layout *l = c->l;
	bool used[MAX_NUMNODES] = { false };
	int node_order[MAX_NUMNODES], nr_nodes = 0, node;
	int prev_node = local_node;
	struct zoneref *zr;
	char line[16 + 32 + MAX_NUMNODES * 4];
	size_t len;

	while ((node = find_next_best_node(c, local_node, used)) >= 0) {
		/* Round-robin the first node of each distance group. */
		if (l->node_distance[local_node][node] !=
		    l->node_distance[local_node][prev_node])
			c->node_load[node] += 1;
		node_order[nr_nodes++] = node;
		prev_node = node;
	}

	/* build_zonelists_in_node_order */
	zr = xcalloc((size_t)nr_nodes * MAX_NR_ZONES + 1, sizeof(*zr));
	for (int i = 0, n = 0; i < nr_nodes; i++)
		n += build_zonerefs_node(&l->node_data[node_order[i]], zr + n);
	l->node_zonelists[local_node][ZONELIST_FALLBACK] = zr;
	/* build_thisnode_zonelists */
	zr = xcalloc(MAX_NR_ZONES + 1, sizeof(*zr));
	build_zonerefs_node(&l->node_data[local_node], zr);
	l->node_zonelists[local_node][ZONELIST_NOFALLBACK] = zr;

	len = (size_t)snprintf(line, sizeof(line), "Fallback order for Node %d: ",
			       local_node);
	for (int i = 0; i < nr_nodes; i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%d ",
					node_order[i]);
	printk(log, "%s", line);
}

void build_all_zonelists(struct zone_layout *l, struct printk_log *log)
{
	struct zonelist_ctx c = { .l = l };
	const struct zoneref *zr;
	int nr_online_nodes = 0, first = -1;

	for (int nid = 0; nid < l->nr_node_ids; nid++) {
		if (!node_is_online(l, nid))
			continue;
		if (first < 0)
			first = nid;
		nr_online_nodes++;
		build_zonelists(&c, nid, log);
	}
	l->nr_online_nodes = nr_online_nodes;
	if (first < 0)
		return;

	/*
	 * nr_free_pagecache_pages: the boot CPU's zonelist up to
	 * ZONE_MOVABLE, managed minus high watermark (still 0 at this point).
	 */
	l->vm_total_pages = 0;
	for (zr = l->node_zonelists[first][ZONELIST_FALLBACK]; zr->zone; zr++)
		l->vm_total_pages += zr->zone->managed_pages;
	l->page_group_by_mobility_disabled =
		l->vm_total_pages < pageblock_nr_pages * 5;	/* MIGRATE_TYPES */
	printk(log, "Built %d zonelists, mobility grouping %s.  Total pages: %lu",
	       nr_online_nodes,
	       l->page_group_by_mobility_disabled ? "off" : "on",
	       l->vm_total_pages);
}

void zone_layout_release(struct zone_layout *l)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int i = 0; i < MAX_ZONELISTS; i++) {
			free(l->node_zonelists[nid][i]);
			l->node_zonelists[nid][i] = NULL;
		}
}
