/*
 * model.c - read a machine model file (see model.h for the format).
 *
 * inih calls the handler once per key; a custom line reader keeps the line
 * number so that every message names the line it is about.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine/model.h"
#include "mm/bootparam.h"
#include "util/ini_reader.h"
#include "util/xalloc.h"

struct model_reader {
	struct ini_reader ini;
	struct machine *m;
	uint64_t last_end;	/* end of the previous mem range */
	bool have_mem;
	bool have_arch;
	int machine_line, sysctl_line;	/* their [section] headers */
	struct seen_key {
		char *section, *key;
		int line;
	} *seen;			/* keys given once, for duplicates */
	size_t nr_seen, cap_seen;
};

/*
 * Only these keys may be repeated: each adds one more range (initrd says
 * itself why it may not).
 */
static bool repeatable(const char *section, const char *name)
{
	return (!strcmp(section, "machine") && (!strcmp(name, "reserved") ||
						!strcmp(name, "initrd"))) ||
	       (strncmp(section, "machine", 7) && strcmp(section, "sysctl") &&
		!strcmp(name, "mem"));
}

/*
 * A key given twice would take the last value in silence: name both
 * lines instead.  1 if name was already given in section.
 */
static int duplicate_key(struct model_reader *r, const char *section,
			 const char *name)
{
	if (repeatable(section, name))
		return 0;
	for (size_t i = 0; i < r->nr_seen; i++)
		if (!strcmp(r->seen[i].section, section) &&
		    !strcmp(r->seen[i].key, name)) {
			ini_error(&r->ini, "%s is given again in [%s] (first at "
				  "line %d): expected each key once", name,
				  section, r->seen[i].line);
			return 1;
		}
	r->seen = xgrow(r->seen, &r->cap_seen, r->nr_seen + 1,
			sizeof(*r->seen));
	r->seen[r->nr_seen++] = (struct seen_key){ xstrdup(section),
						   xstrdup(name),
						   r->ini.line };
	return 0;
}

/* A second [machine] or [sysctl] would mix two machines' settings. */
static void model_section(struct ini_reader *ini, const char *section)
{
	struct model_reader *r = (struct model_reader *)ini;
	int *first = !strcmp(section, "machine") ? &r->machine_line :
		     !strcmp(section, "sysctl") ? &r->sysctl_line : NULL;

	if (!first)
		return;
	if (*first)
		ini_error(ini, "a second [%s] section (the first is at line "
			  "%d): expected one", section, *first);
	else
		*first = ini->line;
}

static char *skip_space(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return (char *)s;
}

/* A number with the kernel's memparse suffixes; 0 on success. */
static int parse_size(const char *s, uint64_t *out, const char **end)
{
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	*out = memparse(s, end);
	return errno ? -1 : 0;
}

int parse_mem_range(const char *s, uint64_t *base, uint64_t *size,
		    const char **rest)
{
	uint64_t a, b;
	const char *p;

	s = skip_space(s);
	if (parse_size(s, &a, &p))
		return -1;
	if (*p == '-') {
		if (parse_size(p + 1, &b, &p) || b < a || b == UINT64_MAX)
			return -1;
		*base = a;
		*size = b - a + 1;
	} else if (*p == '@') {
		if (parse_size(p + 1, &b, &p) || a == 0 || b + a < b)
			return -1;
		*base = b;
		*size = a;
	} else {
		return -1;
	}
	if (*p && !isspace((unsigned char)*p))
		return -1;
	*rest = skip_space(p);
	return 0;
}


static int parse_node_section(const char *section, int *nid)
{
	char *end;
	long n;

	if (strncmp(section, "node", 4) || !isspace((unsigned char)section[4]))
		return -1;
	errno = 0;
	n = strtol(section + 5, &end, 10);
	if (errno || end == section + 5 || *skip_space(end) || n < 0 ||
	    n >= MAX_NUMNODES)
		return -1;
	*nid = (int)n;
	return 0;
}

static int handle_mem(struct model_reader *r, int nid, const char *value)
{
	unsigned int flags = MEMBLOCK_NONE;
	uint64_t base, size;
	const char *rest;

	if (parse_mem_range(value, &base, &size, &rest))
		return ini_error(&r->ini, "mem = %s: expected START-END (inclusive, "
				   "e.g. 0x100000-0xbffdffff) or SIZE@START "
				   "(e.g. 2G@0x100000000)", value);
	while (*rest) {
		const char *word = rest;
		size_t len = 0;

		while (word[len] && !isspace((unsigned char)word[len]))
			len++;
		if (len == 7 && !strncmp(word, "hotplug", 7))
			flags |= MEMBLOCK_HOTPLUG;
		else if (len == 6 && !strncmp(word, "mirror", 6))
			flags |= MEMBLOCK_MIRROR;
		else
			return ini_error(&r->ini, "mem: unknown flag \"%.*s\": "
					   "expected hotplug or mirror",
					   (int)len, word);
		rest = skip_space(word + len);
	}
	if (PFN_UP(base) >= PFN_DOWN(base + size))
		return ini_error(&r->ini, "mem = %s: the range holds no whole "
				   "4 KiB page", value);
	if (r->have_mem && base < r->last_end)
		return ini_error(&r->ini, "mem = %s: overlaps or comes before the "
				   "previous range (which ends at %#llx); list "
				   "ranges in ascending address order", value,
				   (unsigned long long)r->last_end - 1);
	r->have_mem = true;
	r->last_end = base + size;
	memblock_add_node(&r->m->memory, base, size, nid, flags);
	return 1;
}

static int handle_machine_key(struct model_reader *r, const char *name,
			      const char *value)
{
	struct machine *m = r->m;

	if (!strcmp(name, "arch")) {
		const struct arch *arch = arch_find(value);

		if (!arch)
			return ini_error(&r->ini, "arch = %s: expected x86_64 or "
					   "i386", value);
		if (r->have_mem)
			return ini_error(&r->ini, "arch must come before the "
					   "[node] sections");
		m->arch = arch;
		r->have_arch = true;
	} else if (!strcmp(name, "cmdline")) {
		machine_set_cmdline(m, value, DIAG_LOC(m->source, r->ini.line));
	} else if (!strcmp(name, "reserved")) {
		uint64_t base, size;
		const char *rest;

		if (parse_mem_range(value, &base, &size, &rest) || *rest)
			return ini_error(&r->ini, "reserved = %s: expected START-END "
					   "or SIZE@START", value);
		if (memblock_overlaps(&m->reserved, base, size))
			return ini_error(&r->ini, "reserved = %s: overlaps an "
					   "earlier reserved range", value);
		memblock_add_node(&m->reserved, base, size, MAX_NUMNODES, 0);
	} else if (!strcmp(name, "initrd")) {
		/* arch/x86/kernel/setup.c: reserve_initrd; freed after the
		 * initcalls by free_initrd_mem, as a boot log's RAMDISK: */
		uint64_t base, size;
		const char *rest;

		if (parse_mem_range(value, &base, &size, &rest) || *rest)
			return ini_error(&r->ini, "initrd = %s: expected START-END "
					   "or SIZE@START", value);
		if (m->late_free.cnt)
			return ini_error(&r->ini, "initrd = %s: a machine has one "
					   "initrd", value);
		memblock_add_node(&m->late_free, base, size, MAX_NUMNODES, 0);
	} else if (!strcmp(name, "boot_allocations")) {
		if (!strcmp(value, "yes") || !strcmp(value, "on"))
			m->boot_allocations = true;
		else if (!strcmp(value, "no") || !strcmp(value, "off"))
			m->boot_allocations = false;
		else
			return ini_error(&r->ini, "boot_allocations = %s: expected "
					   "yes or no", value);
	} else if (!strcmp(name, "cpus")) {
		char *end;
		long n = strtol(value, &end, 10);

		if (end == value || *end || n < 1 || n > 256)
			return ini_error(&r->ini, "cpus = %s: expected a number of "
					   "CPUs from 1 to 256", value);
		m->nr_cpus = (int)n;
	} else if (!strcmp(name, "hz")) {
		if (machine_parse_hz(value, &m->hz))
			return ini_error(&r->ini, "hz = %s: %s", value,
					 MACHINE_HZ_EXPECTED);
	} else if (strcmp(name, "description")) {
		return ini_error(&r->ini, "unknown key \"%s\" in [machine]: "
				   "expected arch, cmdline, cpus, hz, reserved, "
				   "initrd, boot_allocations or description",
				   name);
	}
	return 1;
}

/* "0-3,8" -> each CPU of the list gets node nid. */
static int handle_node_cpus(struct model_reader *r, int nid, const char *value)
{
	const char *p = value;

	while (*p) {
		char *end;
		long a = strtol(p, &end, 10), b;

		if (end == p || a < 0 || a >= 256)
			goto bad;
		b = a;
		p = end;
		if (*p == '-') {
			b = strtol(p + 1, &end, 10);
			if (end == p + 1 || b < a || b >= 256)
				goto bad;
			p = end;
		}
		for (long c = a; c <= b; c++)
			r->m->cpu_node[c] = nid;
		if (*p == ',')
			p++;
		else if (*p)
			goto bad;
	}
	return 1;
bad:
	return ini_error(&r->ini, "cpus = %s: expected a CPU list such as 0-3,8",
			   value);
}

/* "10 20 20": this node's SLIT distances to nodes 0, 1, 2, ... */
static int handle_node_distance(struct model_reader *r, int nid,
				const char *value)
{
	const char *p = value;
	int to = 0;

	while (*p) {
		char *end;
		long d = strtol(p, &end, 10);

		if (end == p || d < 10 || d > 255 || to >= MAX_NUMNODES)
			return ini_error(&r->ini, "distance = %s: expected one "
					   "distance from 10 to 255 per node",
					   value);
		r->m->node_distance[nid][to++] = (int)d;
		p = skip_space(end);
	}
	return 1;
}

static int handle_sysctl(struct model_reader *r, const char *name,
			 const char *value)
{
	char err[256];

	if (vm_sysctl_set(&r->m->sysctl, name, value, err, sizeof(err)))
		return ini_error(&r->ini, "%s", err);
	return 1;
}

static int model_handler(void *user, const char *section, const char *name,
			 const char *value)
{
	struct model_reader *r = user;
	char expected[80];
	int nid;

	if (duplicate_key(r, section, name))
		return 1;
	if (!strcmp(section, "machine"))
		return handle_machine_key(r, name, value);
	if (!strcmp(section, "sysctl"))
		return handle_sysctl(r, name, value);
	if (!parse_node_section(section, &nid)) {
		r->m->node_declared[nid] = true;
		if (!strcmp(name, "mem"))
			return handle_mem(r, nid, value);
		if (!strcmp(name, "cpus"))
			return handle_node_cpus(r, nid, value);
		if (!strcmp(name, "distance"))
			return handle_node_distance(r, nid, value);
		return ini_error(&r->ini, "unknown key \"%s\" in [%s]: expected "
				   "mem, cpus or distance", name, section);
	}
	snprintf(expected, sizeof(expected), "[machine], [sysctl] or [node N] "
		 "with N from 0 to %d", MAX_NUMNODES - 1);
	return ini_unknown_section(&r->ini, section, expected);
}

int model_load(struct machine *m, const char *path)
{
	struct model_reader r = { .m = m, .ini.on_section = model_section };
	int ret;

	machine_init(m, &arch_x86_64, path);
	ret = ini_reader_parse(&r.ini, path, "model", model_handler, &r);
	for (size_t i = 0; i < r.nr_seen; i++) {
		free(r.seen[i].section);
		free(r.seen[i].key);
	}
	free(r.seen);
	if (ret == 0 && !m->memory.cnt) {
		diag_error(DIAG_LOC(path, 0), "the model has no memory: "
			   "expected a [node N] section with mem = ranges");
		ret = -1;
	}
	if (ret) {
		machine_release(m);
		return -1;
	}
	if (!m->reserved.cnt)
		machine_default_reservations(m);
	return 0;
}
