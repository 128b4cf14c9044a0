/*
 * kmem.c - decoding the kmem events replay reads (see kmem.h): a fast
 * path for the kernel's own printing, ftrace_fields for anything else.
 */
#include <string.h>

#include "trace/kmem.h"

#define TAKE(p, lit) ftrace_take(p, lit, sizeof(lit) - 1)

/* "page=" of a failed allocation: a NULL %p ("0000000000000000", "(null)") */
static bool page_is_null(const char *v, size_t len)
{
	if (len == 6 && !memcmp(v, "(null)", 6))
		return true;
	if (!len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (v[i] != '0')
			return false;
	return true;
}

/* include/trace/events/kmem.h: mm_page_alloc's TP_printk */
/*
 * mm_page_alloc's fields as the kernel prints them (page=%p pfn=0x%lx
 * order=%d migratetype=%d gfp_flags=%s), read in one pass; false if they
 * are in any other form, for ftrace_fields to read.
 */
static bool alloc_fields_fast(const char *p, struct ftrace_value *page,
			      unsigned long *pfn, unsigned long *order,
			      long *mt, struct ftrace_value *gfp)
{
	unsigned long m;

	if (!TAKE(&p, "page=") || !ftrace_take_word(&p, page) ||
	    !TAKE(&p, " pfn=") || !ftrace_take_hex(&p, pfn) ||
	    !TAKE(&p, " order=") || !ftrace_take_dec(&p, order) ||
	    !TAKE(&p, " migratetype=") || !ftrace_take_dec(&p, &m) ||
	    !TAKE(&p, " gfp_flags=") || !ftrace_take_word(&p, gfp))
		return false;
	*mt = (long)m;
	return true;
}

bool kmem_page_alloc_read(const struct ftrace_event *ev,
			  struct kmem_page_alloc *a)
{
	static const char *const keys[] = { "page", "pfn", "order",
					    "migratetype", "gfp_flags" };
	struct ftrace_value v[5];

	if (!alloc_fields_fast(ev->fields, &v[0], &a->pfn, &a->order,
			       &a->migratetype, &v[4]) &&
	    (ftrace_fields(ev, keys, 5, v) < 5 ||
	     ftrace_parse_ulong(v[1].s, v[1].len, &a->pfn) ||
	     ftrace_parse_ulong(v[2].s, v[2].len, &a->order) ||
	     ftrace_parse_long(v[3].s, v[3].len, &a->migratetype)))
		return false;
	a->failed = page_is_null(v[0].s, v[0].len);
	a->gfp_flags = v[4];
	return true;
}

/* include/trace/events/kmem.h: mm_page_free, mm_page_free_batched TP_printk */
/*
 * mm_page_free's fields (page=%p pfn=0x%lx order=%d) or, reading no
 * further than the pfn, mm_page_free_batched's (page=%p pfn=0x%lx
 * order=0), the same way.
 */
static bool free_fields_fast(const char *p, bool batched, unsigned long *pfn,
			     unsigned long *order)
{
	struct ftrace_value page;

	return TAKE(&p, "page=") && ftrace_take_word(&p, &page) &&
	       TAKE(&p, " pfn=") && ftrace_take_hex(&p, pfn) &&
	       (batched || (TAKE(&p, " order=") &&
			    ftrace_take_dec(&p, order)));
}

bool kmem_page_free_read(const struct ftrace_event *ev, bool batched,
			 unsigned long *pfn, unsigned long *order)
{
	static const char *const keys[] = { "page", "pfn", "order" };
	int want = batched ? 2 : 3;
	struct ftrace_value v[3];

	return free_fields_fast(ev->fields, batched, pfn, order) ||
	       (ftrace_fields(ev, keys, want, v) == want &&
		!ftrace_parse_ulong(v[1].s, v[1].len, pfn) &&
		(batched || !ftrace_parse_ulong(v[2].s, v[2].len, order)));
}

static bool field_ulong(const struct ftrace_event *ev, const char *key,
			unsigned long *out)
{
	size_t len;
	const char *v = ftrace_field(ev, key, &len);

	return v && !ftrace_parse_ulong(v, len, out);
}

/* include/trace/events/kmem.h: mm_page_alloc_extfrag's TP_printk */
bool kmem_extfrag_read(const struct ftrace_event *ev, bool *fragmenting,
		       bool *change_ownership)
{
	unsigned long frag, own;

	if (!field_ulong(ev, "fragmenting", &frag) ||
	    !field_ulong(ev, "change_ownership", &own))
		return false;
	*fragmenting = frag != 0;
	*change_ownership = own != 0;
	return true;
}
