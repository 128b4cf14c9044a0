/*
 * bootparam.c - kernelcore=, movablecore=, movable_node and coherent_pool=,
 * parsed as Linux 6.1 parses them (mm/page_alloc.c: cmdline_parse_kernelcore,
 * cmdline_parse_movablecore, cmdline_parse_core; mm/memory_hotplug.c:
 * cmdline_parse_movable_node; kernel/dma/pool.c: early_coherent_pool;
 * kernel/params.c: parse_args, next_arg).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mm/bootparam.h"
#include "mm/mmzone.h"
#include "util/xalloc.h"

/* lib/cmdline.c: memparse */
unsigned long long memparse(const char *ptr, const char **end)
{
	char *endptr;
	unsigned long long ret = strtoull(ptr, &endptr, 0);
	int shift = 0;

	switch (*endptr) {
	case 'E': case 'e': shift += 10; /* fall through */
	case 'P': case 'p': shift += 10; /* fall through */
	case 'T': case 't': shift += 10; /* fall through */
	case 'G': case 'g': shift += 10; /* fall through */
	case 'M': case 'm': shift += 10; /* fall through */
	case 'K': case 'k': shift += 10;
		endptr++;
		break;
	default:
		break;
	}
	if (end)
		*end = endptr;
	/* the kernel's simple_strtoull and shift wrap in silence: a size
	 * beyond 2^64 bytes is flagged here (strtoull set ERANGE itself) */
	if (shift && ret > (~0ULL >> shift))
		errno = ERANGE;
	return ret << shift;
}

/* lib/cmdline.c: parse_option_str */
static bool parse_option_str(const char *str, const char *option)
{
	size_t len = strlen(option);

	while (*str) {
		if (!strncmp(str, option, len)) {
			str += len;
			if (!*str || *str == ',')
				return true;
		}
		while (*str && *str != ',')
			str++;
		if (*str == ',')
			str++;
	}
	return false;
}

/* kernel/params.c: parameq - '-' and '_' are the same in a name. */
static bool parameq(const char *a, const char *b)
{
	for (; *a || *b; a++, b++) {
		char ca = *a == '-' ? '_' : *a;
		char cb = *b == '-' ? '_' : *b;

		if (ca != cb)
			return false;
	}
	return true;
}

/* mm/page_alloc.c: cmdline_parse_core */
static int cmdline_parse_core(const char *name, const char *p,
			      struct diag_loc loc, unsigned long *core,
			      unsigned long *percent)
{
	unsigned long long coremem;
	const char *end;
	char *endptr;

	if (!p || !*p) {
		diag_error(loc, "%s needs a value (the kernel prints "
			   "\"Malformed early option '%s'\"): expected "
			   "nn[KMGTPE], nn%% or mirror", name, name);
		return -1;
	}
	if (!isdigit((unsigned char)*p)) {
		diag_error(loc, "%s=%s: expected nn[KMGTPE], nn%%%s", name, p,
			   strcmp(name, "kernelcore") ? "" : " or mirror");
		return -1;
	}

	coremem = strtoull(p, &endptr, 0);
	if (*endptr == '%') {
		/* The kernel only WARNs (WARN_ON(coremem > 100)). */
		if (coremem > 100) {
			diag_error(loc, "%s=%s: a percentage must be 0 to 100 "
				   "(the kernel WARNs and then takes all of "
				   "memory)", name, p);
			return -1;
		}
		if (endptr[1])
			diag_warn(loc, "%s=%s: ignoring \"%s\" after the "
				  "percentage, as the kernel does", name, p,
				  endptr + 1);
		*percent = coremem;
		return 0;
	}

	errno = 0;
	coremem = memparse(p, &end);
	if (errno == ERANGE) {
		diag_error(loc, "%s=%s: more than 2^64 bytes (the kernel would "
			   "wrap it): expected nn[KMGTPE], nn%%", name, p);
		return -1;
	}
	if (*end)
		diag_warn(loc, "%s=%s: ignoring \"%s\" after the size, as the "
			  "kernel does", name, p, end);
	*core = (unsigned long)(coremem >> PAGE_SHIFT);
	*percent = 0;
	return 0;
}

static int do_early_param(const char *param, const char *val,
			  struct diag_loc loc, struct boot_params *bp)
{
	if (parameq(param, "kernelcore")) {
		/* mm/page_alloc.c: cmdline_parse_kernelcore */
		if (val && parse_option_str(val, "mirror")) {
			bp->mirrored_kernelcore = true;
			return 0;
		}
		return cmdline_parse_core("kernelcore", val, loc,
					  &bp->required_kernelcore,
					  &bp->required_kernelcore_percent);
	}
	if (parameq(param, "movablecore"))
		return cmdline_parse_core("movablecore", val, loc,
					  &bp->required_movablecore,
					  &bp->required_movablecore_percent);
	if (parameq(param, "coherent_pool")) {
		/* kernel/dma/pool.c: early_coherent_pool */
		const char *end;

		if (!val || !*val) {
			diag_error(loc, "coherent_pool needs a value: expected "
				   "coherent_pool=nn[KMG]");
			return -1;
		}
		errno = 0;
		bp->atomic_pool_size = (unsigned long)memparse(val, &end);
		if (errno == ERANGE) {
			diag_error(loc, "coherent_pool=%s: more than 2^64 bytes "
				   "(the kernel would wrap it): expected "
				   "nn[KMG]", val);
			return -1;
		}
		if (end == val) {
			diag_error(loc, "coherent_pool=%s: expected nn[KMG]", val);
			return -1;
		}
		if (*end)
			diag_warn(loc, "coherent_pool=%s: ignoring \"%s\" after "
				  "the size, as the kernel does", val, end);
		return 0;
	}
	if (parameq(param, "movable_node")) {
		/* mm/memory_hotplug.c: cmdline_parse_movable_node */
		bp->movable_node = true;
		return 0;
	}
	return 0;
}

/*
 * kernel/params.c: next_arg - one "param[=value]" word; double quotes group
 * spaces and are removed.  Returns a new string (param) and sets *val.
 */
static const char *next_arg(const char *args, char **param, char **val)
{
	size_t len = 0, cap = strlen(args) + 1;
	char *buf = xmalloc(cap);
	bool in_quote = false;

	while (*args && (in_quote || !isspace((unsigned char)*args))) {
		if (*args == '"')
			in_quote = !in_quote;
		else
			buf[len++] = *args;
		args++;
	}
	buf[len] = '\0';
	*param = buf;
	*val = strchr(buf, '=');
	if (*val)
		*(*val)++ = '\0';
	while (isspace((unsigned char)*args))
		args++;
	return args;
}

/* init/main.c: parse_early_param -> kernel/params.c: parse_args */
int parse_boot_cmdline(const char *cmdline, struct diag_loc loc,
		       struct boot_params *params)
{
	const char *args = cmdline;
	int ret = 0;

	memset(params, 0, sizeof(*params));
	while (isspace((unsigned char)*args))
		args++;
	while (*args) {
		char *param, *val;

		args = next_arg(args, &param, &val);
		/* "--" ends the kernel's parameters; the rest is for init. */
		if (!val && !strcmp(param, "--")) {
			free(param);
			break;
		}
		if (do_early_param(param, val, loc, params))
			ret = -1;
		free(param);
	}
	return ret;
}
