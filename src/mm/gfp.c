/*
 * gfp.c - gfp_zone and gfp flag names (include/linux/gfp.h,
 * include/trace/events/mmflags.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm/gfp.h"
#include "util/parse_num.h"

/*
 * include/linux/gfp.h: GFP_ZONE_TABLE, indexed by whether the configuration
 * has ZONE_HIGHMEM and by the four zone modifier bits; -1 marks the
 * GFP_ZONE_BAD combinations.  __GFP_HIGHMEM selects Normal without HIGHMEM.
 */
#define GFP_ZONE_ROW(high) {						\
	[0] = ZONE_NORMAL,						\
	[__GFP_DMA] = ZONE_DMA,						\
	[__GFP_HIGHMEM] = (high),					\
	[__GFP_DMA | __GFP_HIGHMEM] = -1,				\
	[__GFP_DMA32] = ZONE_DMA32,					\
	[__GFP_DMA32 | __GFP_DMA] = -1,					\
	[__GFP_DMA32 | __GFP_HIGHMEM] = -1,				\
	[__GFP_DMA32 | __GFP_HIGHMEM | __GFP_DMA] = -1,			\
	[__GFP_MOVABLE] = ZONE_NORMAL,					\
	[__GFP_MOVABLE | __GFP_DMA] = ZONE_DMA,				\
	[__GFP_MOVABLE | __GFP_HIGHMEM] = ZONE_MOVABLE,			\
	[__GFP_MOVABLE | __GFP_HIGHMEM | __GFP_DMA] = -1,		\
	[__GFP_MOVABLE | __GFP_DMA32] = ZONE_DMA32,			\
	[__GFP_MOVABLE | __GFP_DMA32 | __GFP_DMA] = -1,			\
	[__GFP_MOVABLE | __GFP_DMA32 | __GFP_HIGHMEM] = -1,		\
	[GFP_ZONEMASK] = -1,						\
}

const signed char gfp_zone_table[2][GFP_ZONEMASK + 1] = {
	[false] = GFP_ZONE_ROW(ZONE_NORMAL),
	[true] = GFP_ZONE_ROW(ZONE_HIGHMEM),
};

static const struct {
	const char *name;
	gfp_t flags;
} gfp_names[] = {
	/*
	 * __def_gfpflag_names (include/trace/events/mmflags.h), in its
	 * order, which is the order show_gfp_flags and %pGg print them in:
	 * composites first
	 */
	{ "GFP_TRANSHUGE", GFP_TRANSHUGE },
	{ "GFP_TRANSHUGE_LIGHT", GFP_TRANSHUGE_LIGHT },
	{ "GFP_HIGHUSER_MOVABLE", GFP_HIGHUSER_MOVABLE },
	{ "GFP_HIGHUSER", GFP_HIGHUSER },
	{ "GFP_USER", GFP_USER },
	{ "GFP_KERNEL_ACCOUNT", GFP_KERNEL },
	{ "GFP_KERNEL", GFP_KERNEL },
	{ "GFP_NOFS", GFP_NOFS },
	{ "GFP_ATOMIC", GFP_ATOMIC },
	{ "GFP_NOIO", GFP_NOIO },
	{ "GFP_NOWAIT", GFP_NOWAIT },
	{ "GFP_DMA", GFP_DMA },
	{ "__GFP_HIGHMEM", __GFP_HIGHMEM },
	{ "GFP_DMA32", GFP_DMA32 },
	{ "__GFP_HIGH", __GFP_HIGH },
	{ "__GFP_ATOMIC", __GFP_ATOMIC },
	{ "__GFP_IO", __GFP_IO },
	{ "__GFP_FS", __GFP_FS },
	{ "__GFP_NOWARN", __GFP_NOWARN },
	{ "__GFP_RETRY_MAYFAIL", __GFP_RETRY_MAYFAIL },
	{ "__GFP_NOFAIL", __GFP_NOFAIL },
	{ "__GFP_NORETRY", __GFP_NORETRY },
	{ "__GFP_COMP", __GFP_COMP },
	{ "__GFP_ZERO", __GFP_ZERO },
	{ "__GFP_NOMEMALLOC", __GFP_NOMEMALLOC },
	{ "__GFP_MEMALLOC", __GFP_MEMALLOC },
	{ "__GFP_HARDWALL", __GFP_HARDWALL },
	{ "__GFP_THISNODE", __GFP_THISNODE },
	{ "__GFP_RECLAIMABLE", __GFP_RECLAIMABLE },
	{ "__GFP_MOVABLE", __GFP_MOVABLE },
	{ "__GFP_ACCOUNT", 0 },
	{ "__GFP_WRITE", __GFP_WRITE },
	{ "__GFP_RECLAIM", __GFP_RECLAIM },
	{ "__GFP_DIRECT_RECLAIM", __GFP_DIRECT_RECLAIM },
	{ "__GFP_KSWAPD_RECLAIM", __GFP_KSWAPD_RECLAIM },
	{ "__GFP_ZEROTAGS", 0 },
	/* read in traces, never printed: fragsim has none of them */
	{ "__GFP_NOLOCKDEP", 0 },
	{ "__GFP_SKIP_KASAN_POISON", 0 },
	{ "__GFP_SKIP_KASAN_UNPOISON", 0 },
	{ "__GFP_SKIP_ZERO", 0 },
};

/* include/trace/events/mmflags.h: show_gfp_flags */
void gfp_format(gfp_t flags, char *buf, size_t len)
{
	size_t n = 0;

	if (!len)
		return;
	*buf = '\0';
	if (!flags) {
		snprintf(buf, len, "none");
		return;
	}
	for (size_t i = 0; i < sizeof(gfp_names) / sizeof(gfp_names[0]) &&
	     flags; i++) {
		gfp_t f = gfp_names[i].flags;

		/* fragsim has no __GFP_ACCOUNT: GFP_KERNEL is GFP_KERNEL */
		if (!f || (flags & f) != f ||
		    !strcmp(gfp_names[i].name, "GFP_KERNEL_ACCOUNT"))
			continue;
		n += (size_t)snprintf(buf + (n < len ? n : len - 1),
				      n < len ? len - n : 1, "%s%s",
				      n ? "|" : "", gfp_names[i].name);
		flags &= ~f;
	}
	if (flags)
		snprintf(buf + (n < len ? n : len - 1), n < len ? len - n : 1,
			 "%s%#x", n ? "|" : "", flags);
}

int gfp_parse(const char *text, gfp_t *out)
{
	gfp_t flags = 0;
	const char *p = text;

	if (!strncmp(text, "0x", 2)) {
		uint64_t v;

		/* gfp_t is an unsigned int: wider flags are not a kernel's */
		if (!parse_u64_all(text, 16, UINT_MAX, &v))
			return -1;
		*out = (gfp_t)v;
		return 0;
	}
	if (!strcmp(text, "0")) {
		*out = 0;
		return 0;
	}
	while (*p) {
		size_t len = strcspn(p, "|");
		size_t i;

		for (i = 0; i < sizeof(gfp_names) / sizeof(gfp_names[0]); i++)
			if (strlen(gfp_names[i].name) == len &&
			    !strncmp(gfp_names[i].name, p, len))
				break;
		if (i == sizeof(gfp_names) / sizeof(gfp_names[0]))
			return -1;
		flags |= gfp_names[i].flags;
		p += len;
		if (*p == '|')
			p++;
	}
	*out = flags;
	return 0;
}
