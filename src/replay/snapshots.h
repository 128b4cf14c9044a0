/*
 * snapshots.h - the /proc/pagetypeinfo snapshots taken beside a trace:
 * finding them, the state at the trace's start rebuilt from one, and the
 * model's pageblocks set beside another's at the end (doc/replay.md).
 */
#ifndef FRAGSIM_REPLAY_SNAPSHOTS_H
#define FRAGSIM_REPLAY_SNAPSHOTS_H

#include "machine/pagetypeinfo.h"
#include "mm/page_alloc.h"

/*
 * The pagetypeinfo snapshots beside the trace, in name order (their
 * folders are numbered in the order they were taken): DIR/<sub>/pagetypeinfo,
 * then DIR/pagetypeinfo last.  Returns how many (at most max), their paths
 * in out[] (free() them).
 */
int replay_find_snapshots(const char *trace, char **out, int max);

/*
 * The state at the trace's start, rebuilt from the snapshot t taken before
 * it (the trace cannot say what was allocated before it began): per zone,
 * unmovable and reclaimable pages are allocated until the zone has as many
 * pageblocks of their type as the snapshot (each fallback claims whole
 * blocks, as boot-time allocations did) and no more free pages of their
 * type than the snapshot, then movable pages until its free pages are down
 * to the snapshot's.  These blocks are held to the end; held[] counts
 * their pages by migratetype.  (A heuristic of fragsim's own.)
 */
void replay_build_start(struct mm_state *mm,
			const struct pagetypeinfo_table *t,
			unsigned long held[MIGRATE_PCPTYPES]);

/*
 * The model's pageblocks of each type in zone (a pagetypeinfo's name) of
 * node nid: zeros if it has no such zone, or one that spans nothing.
 */
void replay_zone_pageblocks(struct mm_state *mm, int nid, const char *zone,
			    unsigned long out[MIGRATE_TYPES]);

#endif
