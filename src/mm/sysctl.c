/*
 * sysctl.c - vm sysctls by name, with the kernel's ranges
 * (kernel/sysctl.c, mm/page_alloc.c, mm/compaction.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm/sysctl.h"

void vm_sysctl_defaults(struct vm_sysctl *s)
{
	memset(s, 0, sizeof(*s));
	s->min_free_kbytes = 1024;
	s->user_min_free_kbytes = -1;
	s->watermark_scale_factor = 10;
	s->watermark_boost_factor = 15000;
	/* mm/page_alloc.c: sysctl_lowmem_reserve_ratio */
	s->lowmem_reserve_ratio[ZONE_DMA] = 256;
	s->lowmem_reserve_ratio[ZONE_DMA32] = 256;
	s->lowmem_reserve_ratio[ZONE_NORMAL] = 32;
	s->extfrag_threshold = 500;
	s->compaction_proactiveness = 20;
	s->pcp_enabled = true;
	s->thp_enabled = true;
	s->mobility_grouping = true;
}

static int parse_int(const char *v, long lo, long hi, int *out, char *err,
		     int errlen, const char *name)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < lo || n > hi) {
		snprintf(err, (size_t)errlen, "%s = %s: expected a whole number "
			 "from %ld to %ld", name, v, lo, hi);
		return -1;
	}
	*out = (int)n;
	return 0;
}

static int parse_bool(const char *v, bool *out, char *err, int errlen,
		      const char *name)
{
	if (!strcmp(v, "1") || !strcmp(v, "yes") || !strcmp(v, "on") ||
	    !strcmp(v, "true"))
		*out = true;
	else if (!strcmp(v, "0") || !strcmp(v, "no") || !strcmp(v, "off") ||
		 !strcmp(v, "false"))
		*out = false;
	else {
		snprintf(err, (size_t)errlen, "%s = %s: expected on or off",
			 name, v);
		return -1;
	}
	return 0;
}

static int parse_ratios(struct vm_sysctl *s, const char *v, char *err,
			int errlen)
{
	/* In the kernel's index order of x86_64: DMA DMA32 Normal Movable. */
	static const enum zone_type order[] = {
		ZONE_DMA, ZONE_DMA32, ZONE_NORMAL, ZONE_MOVABLE,
	};
	int vals[4];
	int n = 0;
	const char *p = v;

	while (*p && n < 4) {
		char *end;
		long x = strtol(p, &end, 10);

		if (end == p || x < 0 || x > 1000000)
			break;
		vals[n++] = (int)x;
		p = end;
		while (*p == ' ' || *p == '\t')
			p++;
	}
	if (n < 3 || *p) {
		snprintf(err, (size_t)errlen, "lowmem_reserve_ratio = %s: "
			 "expected 3 or 4 numbers (DMA DMA32 Normal [Movable])",
			 v);
		return -1;
	}
	for (int i = 0; i < n; i++)
		s->lowmem_reserve_ratio[order[i]] = vals[i];
	return 0;
}

int vm_sysctl_set(struct vm_sysctl *s, const char *name, const char *value,
		  char *err, int errlen)
{
	if (!strncmp(name, "vm.", 3))
		name += 3;
	if (!strcmp(name, "min_free_kbytes")) {
		if (parse_int(value, 0, 1L << 30, &s->min_free_kbytes, err,
			      errlen, name))
			return -1;
		s->user_min_free_kbytes = s->min_free_kbytes;
		return 0;
	}
	if (!strcmp(name, "watermark_scale_factor"))
		return parse_int(value, 1, 3000, &s->watermark_scale_factor,
				 err, errlen, name);
	if (!strcmp(name, "watermark_boost_factor"))
		return parse_int(value, 0, 1L << 30, &s->watermark_boost_factor,
				 err, errlen, name);
	if (!strcmp(name, "percpu_pagelist_high_fraction")) {
		int v;

		if (parse_int(value, 0, 1L << 30, &v, err, errlen, name))
			return -1;
		if (v != 0 && v < 8) {
			snprintf(err, (size_t)errlen, "%s = %s: expected 0 or at "
				 "least 8", name, value);
			return -1;
		}
		s->percpu_pagelist_high_fraction = v;
		return 0;
	}
	if (!strcmp(name, "extfrag_threshold"))
		return parse_int(value, 0, 1000, &s->extfrag_threshold, err,
				 errlen, name);
	if (!strcmp(name, "compaction_proactiveness")) {
		s->compaction_proactiveness_written = true;
		return parse_int(value, 0, 100, &s->compaction_proactiveness,
				 err, errlen, name);
	}
	if (!strcmp(name, "lowmem_reserve_ratio"))
		return parse_ratios(s, value, err, errlen);
	if (!strcmp(name, "pcp"))
		return parse_bool(value, &s->pcp_enabled, err, errlen, name);
	if (!strcmp(name, "thp"))
		return parse_bool(value, &s->thp_enabled, err, errlen, name);
	if (!strcmp(name, "mobility_grouping"))
		return parse_bool(value, &s->mobility_grouping, err, errlen,
				  name);
	snprintf(err, (size_t)errlen, "unknown sysctl \"%s\": expected "
		 "min_free_kbytes, watermark_scale_factor, "
		 "watermark_boost_factor, lowmem_reserve_ratio, "
		 "percpu_pagelist_high_fraction, extfrag_threshold, "
		 "compaction_proactiveness, pcp, thp or mobility_grouping",
		 name);
	return -1;
}
