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

#include <ini.h>

#include "machine/model.h"
#include "mm/bootparam.h"
#include "util/xalloc.h"

struct model_reader {
	FILE *file;
	const char *path;
	int line;
	int section_line;	/* line of the current [section] */
	bool section_reported;
	bool line_too_long;
	struct machine *m;
	int errors;
	uint64_t last_end;	/* end of the previous mem range */
	bool have_mem;
	bool have_arch;
};

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

static int model_error(struct model_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int model_error(struct model_reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vprint(DIAG_LOC(r->path, r->line), "error", fmt, ap);
	va_end(ap);
	r->errors++;
	return 1;	/* keep going: report every bad line */
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
		return model_error(r, "mem = %s: expected START-END (inclusive, "
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
			return model_error(r, "mem: unknown flag \"%.*s\": "
					   "expected hotplug or mirror",
					   (int)len, word);
		rest = skip_space(word + len);
	}
	if (PFN_UP(base) >= PFN_DOWN(base + size))
		return model_error(r, "mem = %s: the range holds no whole "
				   "4 KiB page", value);
	if (r->have_mem && base < r->last_end)
		return model_error(r, "mem = %s: overlaps or comes before the "
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
			return model_error(r, "arch = %s: expected x86_64 or "
					   "i386", value);
		if (r->have_mem)
			return model_error(r, "arch must come before the "
					   "[node] sections");
		m->arch = arch;
		r->have_arch = true;
	} else if (!strcmp(name, "cmdline")) {
		machine_set_cmdline(m, value, DIAG_LOC(m->source, r->line));
	} else if (!strcmp(name, "reserved")) {
		uint64_t base, size;
		const char *rest;

		if (parse_mem_range(value, &base, &size, &rest) || *rest)
			return model_error(r, "reserved = %s: expected START-END "
					   "or SIZE@START", value);
		if (memblock_overlaps(&m->reserved, base, size))
			return model_error(r, "reserved = %s: overlaps an "
					   "earlier reserved range", value);
		memblock_add_node(&m->reserved, base, size, MAX_NUMNODES, 0);
	} else if (!strcmp(name, "boot_allocations")) {
		if (!strcmp(value, "yes") || !strcmp(value, "on"))
			m->boot_allocations = true;
		else if (!strcmp(value, "no") || !strcmp(value, "off"))
			m->boot_allocations = false;
		else
			return model_error(r, "boot_allocations = %s: expected "
					   "yes or no", value);
	} else if (!strcmp(name, "cpus")) {
		char *end;
		long n = strtol(value, &end, 10);

		if (end == value || *end || n < 1 || n > 256)
			return model_error(r, "cpus = %s: expected a number of "
					   "CPUs from 1 to 256", value);
		m->nr_cpus = (int)n;
	} else if (strcmp(name, "description")) {
		return model_error(r, "unknown key \"%s\" in [machine]: "
				   "expected arch, cmdline, cpus, reserved, "
				   "boot_allocations or description", name);
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
	return model_error(r, "cpus = %s: expected a CPU list such as 0-3,8",
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
			return model_error(r, "distance = %s: expected one "
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
		return model_error(r, "%s", err);
	return 1;
}

static int model_handler(void *user, const char *section, const char *name,
			 const char *value)
{
	struct model_reader *r = user;
	int line = r->line;
	int nid;

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
		return model_error(r, "unknown key \"%s\" in [%s]: expected "
				   "mem, cpus or distance", name, section);
	}
	if (r->section_reported)
		return 1;
	r->section_reported = true;
	r->line = r->section_line;	/* name the header, not its first key */
	model_error(r, "unknown section [%s]: expected [machine], [sysctl] or "
		    "[node N] with N from 0 to %d", section, MAX_NUMNODES - 1);
	r->line = line;
	return 1;
}

/* ini_reader: fgets that counts lines and notices overlong ones. */
static char *model_read_line(char *str, int num, void *stream)
{
	struct model_reader *r = stream;
	char *s = fgets(str, num, r->file);
	size_t len;

	if (!s)
		return NULL;
	r->line++;
	if (*skip_space(s) == '[') {
		r->section_line = r->line;
		r->section_reported = false;
	}
	len = strlen(s);
	if (len == (size_t)num - 1 && s[len - 1] != '\n' && !feof(r->file)) {
		int c;

		if (!r->line_too_long)
			model_error(r, "line longer than %d characters", num - 2);
		r->line_too_long = true;
		while ((c = fgetc(r->file)) != EOF && c != '\n')
			;
	}
	return s;
}

int model_load(struct machine *m, const char *path)
{
	struct model_reader r = { .path = path, .m = m };
	int ret;

	machine_init(m, &arch_x86_64, path);
	r.file = fopen(path, "r");
	if (!r.file) {
		diag_error(DIAG_LOC(path, 0), "cannot open model: %s",
			   strerror(errno));
		machine_release(m);
		return -1;
	}
	ret = ini_parse_stream(model_read_line, &r, model_handler, &r);
	fclose(r.file);
	if (ret > 0)	/* the handler never fails: a syntax error */
		diag_error(DIAG_LOC(path, ret), "expected \"[section]\", "
			   "\"key = value\" or a comment");
	if (ret == 0 && !r.errors && !m->memory.cnt) {
		diag_error(DIAG_LOC(path, 0), "the model has no memory: "
			   "expected a [node N] section with mem = ranges");
		r.errors++;
	}
	if (ret || r.errors) {
		machine_release(m);
		return -1;
	}
	if (!m->reserved.cnt)
		machine_default_reservations(m);
	return 0;
}
