/*
 * gfp.h - allocation flags and what they select: the highest zone and the
 * migratetype (include/linux/gfp_types.h, include/linux/gfp.h, 6.1).
 */
#ifndef FRAGSIM_MM_GFP_H
#define FRAGSIM_MM_GFP_H

#include <stdbool.h>
#include <stddef.h>

#include "mm/mmzone.h"

typedef unsigned int gfp_t;

#define __GFP_DMA		0x01u
#define __GFP_HIGHMEM		0x02u
#define __GFP_DMA32		0x04u
#define __GFP_MOVABLE		0x08u
#define __GFP_RECLAIMABLE	0x10u
#define __GFP_HIGH		0x20u
#define __GFP_IO		0x40u
#define __GFP_FS		0x80u
#define __GFP_ZERO		0x100u
#define __GFP_ATOMIC		0x200u
#define __GFP_DIRECT_RECLAIM	0x400u
#define __GFP_KSWAPD_RECLAIM	0x800u
#define __GFP_WRITE		0x1000u
#define __GFP_NOWARN		0x2000u
#define __GFP_RETRY_MAYFAIL	0x4000u
#define __GFP_NOFAIL		0x8000u
#define __GFP_NORETRY		0x10000u
#define __GFP_MEMALLOC		0x20000u
#define __GFP_COMP		0x40000u
#define __GFP_NOMEMALLOC	0x80000u
#define __GFP_HARDWALL		0x100000u
#define __GFP_THISNODE		0x200000u

#define GFP_ZONEMASK	(__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)
#define GFP_MOVABLE_MASK	(__GFP_RECLAIMABLE | __GFP_MOVABLE)
#define __GFP_RECLAIM	(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)

#define GFP_ATOMIC	(__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_NOWAIT	(__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO	(__GFP_RECLAIM)
#define GFP_NOFS	(__GFP_RECLAIM | __GFP_IO)
#define GFP_USER	(__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA		__GFP_DMA
#define GFP_DMA32	__GFP_DMA32
#define GFP_HIGHUSER	(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)
#define GFP_TRANSHUGE_LIGHT	((GFP_HIGHUSER_MOVABLE | __GFP_COMP | \
				  __GFP_NOMEMALLOC | __GFP_NOWARN) & \
				 ~__GFP_RECLAIM)
#define GFP_TRANSHUGE	(GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM)

/* Reclaimable slab (SLAB_RECLAIM_ACCOUNT caches: dentries, inodes). */
#define GFP_KERNEL_RECLAIMABLE	(GFP_KERNEL | __GFP_RECLAIMABLE)

/*
 * include/linux/gfp.h: gfp_zone - the highest zone a request may use, or
 * -1 for a combination of zone modifiers the kernel treats as a bug.
 * has_highmem says whether the configuration has ZONE_HIGHMEM (__GFP_HIGHMEM
 * selects Normal when it does not).
 */
static inline int gfp_zone(gfp_t flags, bool has_highmem)
{
	extern const signed char gfp_zone_table[2][GFP_ZONEMASK + 1];

	/* A table lookup, not a switch: a mix of requests would mispredict
	 * the switch's jump on every allocation. */
	return gfp_zone_table[has_highmem][flags & GFP_ZONEMASK];
}

/* include/linux/gfp.h: gfp_migratetype */
static inline int gfp_migratetype(gfp_t flags)
{
	return (int)((flags & GFP_MOVABLE_MASK) >> 3);
}

/*
 * Parse "GFP_KERNEL|__GFP_NOWARN" (names as the kernel's tracepoints print
 * them, or a hex number).  Returns 0, or -1 if a name is unknown.
 */
int gfp_parse(const char *text, gfp_t *out);

/*
 * include/trace/events/mmflags.h: show_gfp_flags - the flags as ftrace
 * prints them, composites first ("GFP_HIGHUSER_MOVABLE|__GFP_COMP"), bits
 * without a name in hex, "none" for 0.
 */
void gfp_format(gfp_t flags, char *buf, size_t len);

#endif
