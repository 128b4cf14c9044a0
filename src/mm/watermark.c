/*
 * watermark.c - min_free_kbytes, the per-zone watermarks and boost, the
 * lowmem reserve, and the watermark check every allocation passes
 * (mm/page_alloc.c, mm/khugepaged.c; Linux 6.1).
 */
#include "mm/internal.h"


static unsigned long max_ul(unsigned long a, unsigned long b)
{
	return a > b ? a : b;
}

/* lib/math/int_sqrt.c: int_sqrt */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long b, m, y = 0;

	if (x <= 1)
		return x;
	m = 1UL << ((63 - __builtin_clzl(x)) & ~1UL);
	while (m != 0) {
		b = y + m;
		y >>= 1;
		if (x >= b) {
			x -= b;
			y += m;
		}
		m >>= 2;
	}
	return y;
}

static bool is_highmem(const struct mm_state *mm, const struct zone *zone)
{
	return zone->type == ZONE_HIGHMEM ||
	       (zone->type == ZONE_MOVABLE &&
		mm->layout.movable_zone == ZONE_HIGHMEM);
}

#define for_each_zone(mm, zone)                                                \
	for (int nid_ = 0; nid_ < (mm)->layout.nr_node_ids; nid_++)           \
		for (int t_ = 0; t_ < MAX_NR_ZONES; t_++)                     \
			if (((zone) = &(mm)->layout.node_data[nid_]           \
					       .node_zones[t_]),              \
			    (mm)->layout.node_data[nid_].online)

/*
 * mm/page_alloc.c: nr_free_zone_pages - managed above the high watermark
 * over the boot CPU's zonelist, up to the zone of offset.
 */
unsigned long nr_free_zone_pages(const struct mm_state *mm, int offset)
{
	const struct zoneref *zr;
	unsigned long sum = 0;
	int nid = mm->cpu_to_node[0];

	for (zr = mm->layout.node_zonelists[nid][ZONELIST_FALLBACK];
	     zr && zr->zone; zr++) {
		unsigned long size = zr->zone->managed_pages;
		unsigned long high = high_wmark_pages(zr->zone);

		if (zr->zone_idx <= offset && size > high)
			sum += size - high;
	}
	return sum;
}

unsigned long nr_free_buffer_pages(const struct mm_state *mm)
{
	return nr_free_zone_pages(mm, gfp_zone(GFP_USER, false));
}

/* mm/page_alloc.c: calculate_min_free_kbytes */
static void calculate_min_free_kbytes(struct mm_state *mm)
{
	unsigned long lowmem_kbytes = nr_free_buffer_pages(mm) * (PAGE_SIZE >> 10);
	long new_min_free_kbytes = (long)int_sqrt(lowmem_kbytes * 16);

	if (new_min_free_kbytes > mm->sysctl.user_min_free_kbytes) {
		if (new_min_free_kbytes < 128)
			new_min_free_kbytes = 128;
		if (new_min_free_kbytes > 262144)
			new_min_free_kbytes = 262144;
		mm->sysctl.min_free_kbytes = (int)new_min_free_kbytes;
	}
}

/* mm/page_alloc.c: calculate_totalreserve_pages */
static void calculate_totalreserve_pages(struct mm_state *mm)
{
	struct zone *zone;

	mm->totalreserve_pages = 0;
	for_each_zone(mm, zone) {
		long max = 0;
		unsigned long managed = zone->managed_pages;

		for (int j = zone->type; j < MAX_NR_ZONES; j++)
			if (zone->lowmem_reserve[j] > max)
				max = zone->lowmem_reserve[j];
		max += (long)high_wmark_pages(zone);
		if ((unsigned long)max > managed)
			max = (long)managed;
		mm->totalreserve_pages += (unsigned long)max;
	}
}

/* mm/page_alloc.c: __setup_per_zone_wmarks */
static void __setup_per_zone_wmarks(struct mm_state *mm)
{
	unsigned long pages_min = (unsigned long)mm->sysctl.min_free_kbytes >>
				  (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	for_each_zone(mm, zone)
		if (!is_highmem(mm, zone))
			lowmem_pages += zone->managed_pages;

	for_each_zone(mm, zone) {
		unsigned long tmp = lowmem_pages ?
			pages_min * zone->managed_pages / lowmem_pages : 0;

		if (is_highmem(mm, zone)) {
			/* __GFP_HIGH users rarely need highmem: cap it */
			unsigned long min_pages = zone->managed_pages / 1024;

			zone->_watermark[WMARK_MIN] =
				min_ul(max_ul(min_pages, 32), 128);
		} else {
			zone->_watermark[WMARK_MIN] = tmp;
		}
		/* kswapd's distance: the scale factor, or a quarter of min */
		tmp = max_ul(tmp >> 2, zone->managed_pages *
			     (unsigned long)mm->sysctl.watermark_scale_factor /
			     10000);
		zone->watermark_boost = 0;
		zone->_watermark[WMARK_LOW] = min_wmark_pages(zone) + tmp;
		zone->_watermark[WMARK_HIGH] = low_wmark_pages(zone) + tmp;
		zone->_watermark[WMARK_PROMO] = high_wmark_pages(zone) + tmp;
	}
	calculate_totalreserve_pages(mm);
}

void setup_per_zone_wmarks(struct mm_state *mm)
{
	__setup_per_zone_wmarks(mm);
	/* the pcp high and batch follow the low watermark */
	zone_pcp_update_all(mm);
}

void setup_per_zone_lowmem_reserve(struct mm_state *mm)
{
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++) {
		struct pglist_data *pgdat = &mm->layout.node_data[nid];

		if (!pgdat->online)
			continue;
		for (int i = 0; i < MAX_NR_ZONES - 1; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			int ratio = mm->sysctl.lowmem_reserve_ratio[i];
			bool clear = !ratio || !zone->managed_pages;
			unsigned long managed_pages = 0;

			for (int j = i + 1; j < MAX_NR_ZONES; j++) {
				managed_pages += pgdat->node_zones[j].managed_pages;
				zone->lowmem_reserve[j] = clear ? 0 :
					(long)(managed_pages / (unsigned long)ratio);
			}
		}
	}
	calculate_totalreserve_pages(mm);
}

/*
 * mm/khugepaged.c: set_recommended_min_free_kbytes - with THP, keep free
 * enough for two pageblocks per zone plus one per migratetype pair, at
 * most 5% of lowmem.
 */
static void set_recommended_min_free_kbytes(struct mm_state *mm,
					    struct printk_log *log)
{
	unsigned long recommended_min;
	struct zone *zone;
	int nr_zones = 0;

	for_each_zone(mm, zone)
		if (populated_zone(zone) &&
		    (int)zone->type <= gfp_zone(GFP_USER, false))
			nr_zones++;
	recommended_min = pageblock_nr_pages * (unsigned long)nr_zones * 2;
	recommended_min += pageblock_nr_pages * (unsigned long)nr_zones *
			   MIGRATE_PCPTYPES * MIGRATE_PCPTYPES;
	recommended_min = min_ul(recommended_min, nr_free_buffer_pages(mm) / 20);
	recommended_min <<= (PAGE_SHIFT - 10);
	if (recommended_min > (unsigned long)mm->sysctl.min_free_kbytes) {
		if (mm->sysctl.user_min_free_kbytes >= 0 && log)
			printk(log, "raising min_free_kbytes from %d to %lu to "
			       "help transparent hugepage allocations",
			       mm->sysctl.min_free_kbytes, recommended_min);
		mm->sysctl.min_free_kbytes = (int)recommended_min;
	}
	setup_per_zone_wmarks(mm);
}

unsigned long totalram_pages(const struct mm_state *mm)
{
	const struct zone *zone;
	unsigned long sum = 0;

	for_each_zone(mm, zone)
		sum += zone->managed_pages;
	return sum;
}

void init_per_zone_wmark_min(struct mm_state *mm)
{
	/* postcore_initcall(init_per_zone_wmark_min) */
	if (mm->sysctl.user_min_free_kbytes < 0)
		calculate_min_free_kbytes(mm);
	setup_per_zone_wmarks(mm);
	setup_per_zone_lowmem_reserve(mm);
	/*
	 * subsys_initcall(hugepage_init): THP stays off below 512 MiB of RAM;
	 * otherwise starting khugepaged raises min_free_kbytes.
	 */
	if (mm->sysctl.thp_enabled && totalram_pages(mm) < (512UL << (20 - PAGE_SHIFT)))
		mm->sysctl.thp_enabled = false;
	if (mm->sysctl.thp_enabled)
		set_recommended_min_free_kbytes(mm, NULL);
}

bool __zone_watermark_ok(const struct zone *z, unsigned int order,
			 unsigned long mark, int highest_zoneidx,
			 unsigned int alloc_flags, long free_pages)
{
	long min = (long)mark;

	/* free_pages may go negative - that's OK */
	free_pages -= (1L << order) - 1;
	if (!(alloc_flags & ALLOC_RESERVES))
		free_pages -= (long)z->nr_reserved_highatomic;
	if (alloc_flags & ALLOC_MIN_RESERVE) {
		min -= min / 2;
		if (alloc_flags & ALLOC_NON_BLOCK)
			min -= min / 4;
	}
	if (alloc_flags & ALLOC_OOM)
		min -= min / 2;

	/* Check watermarks for an order-0 allocation request */
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;

	/* For a high-order request, check at least one suitable page is free */
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		const struct free_area *area = &z->free_area[o];

		if (!area->nr_free)
			continue;
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (area->free_list[mt].head != NIL)
				return true;
		if ((alloc_flags & (ALLOC_HIGHATOMIC | ALLOC_OOM)) &&
		    area->free_list[MIGRATE_HIGHATOMIC].head != NIL)
			return true;
	}
	return false;
}

bool zone_watermark_ok(const struct zone *z, unsigned int order,
		       unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags)
{
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags,
				   (long)z->nr_free_pages);
}

bool boost_watermark(struct mm_state *mm, struct zone *zone)
{
	unsigned long max_boost;

	if (!mm->sysctl.watermark_boost_factor)
		return false;
	/* Don't bother in zones that are unlikely to produce results. */
	if (pageblock_nr_pages * 4 > zone->managed_pages)
		return false;
	max_boost = zone->_watermark[WMARK_HIGH] *
		    (unsigned long)mm->sysctl.watermark_boost_factor / 10000;
	/* the high watermark may still be 0 this early in boot */
	if (!max_boost)
		return false;
	max_boost = max_ul(pageblock_nr_pages, max_boost);
	zone->watermark_boost = min_ul(zone->watermark_boost + pageblock_nr_pages,
				       max_boost);
	return true;
}
