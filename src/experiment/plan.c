/*
 * plan.c - a sweep's identity and its runs' command lines (see plan.h).
 *
 * The identity is a 64-bit FNV-1a hash of the sweep's defining texts, each
 * preceded by its length so that no two different sets of texts can be
 * concatenated into the same input.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/plan.h"
#include "util/xalloc.h"

#define FNV_OFFSET	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL

static uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= FNV_PRIME;
	}
	return h;
}

static uint64_t hash_text(uint64_t h, const char *s)
{
	uint64_t len = s ? strlen(s) : UINT64_MAX;

	h = fnv1a(h, &len, sizeof(len));
	return s ? fnv1a(h, s, strlen(s)) : h;
}

void sweep_plan_identify(struct sweep_plan *p)
{
	char *axes = sweep_plan_lines(p->vary, p->nr_vary);
	char *sets = sweep_plan_lines(p->sets, p->nr_sets);
	char seeds[32];
	uint64_t h = FNV_OFFSET;

	snprintf(seeds, sizeof(seeds), "%u", p->seeds);
	h = hash_text(h, p->model_text);
	h = hash_text(h, p->workload_text);
	h = hash_text(h, axes);
	h = hash_text(h, sets);
	h = hash_text(h, seeds);
	h = hash_text(h, p->version);
	h = hash_text(h, p->tick);
	snprintf(p->sweep_id, sizeof(p->sweep_id), "%016" PRIx64, h);
	free(axes);
	free(sets);
}

char *sweep_plan_lines(const char *const *args, size_t n)
{
	size_t len = 1;
	char *out;

	for (size_t i = 0; i < n; i++)
		len += strlen(args[i]) + 1;
	out = xmalloc(len);
	*out = '\0';
	for (size_t i = 0; i < n; i++) {
		strcat(out, args[i]);
		if (i + 1 < n)
			strcat(out, "\n");
	}
	return out;
}

size_t sweep_plan_nr_runs(const struct sweep_plan *p)
{
	return axes_nr_points(&p->axes) * p->seeds;
}

size_t sweep_plan_point(const struct sweep_plan *p, size_t k)
{
	return k / p->seeds;
}

unsigned sweep_plan_seed(const struct sweep_plan *p, size_t k)
{
	return (unsigned)(k % p->seeds) + 1;
}

struct argv_builder {
	char **argv;
	size_t n;
};

static void push(struct argv_builder *b, const char *arg)
{
	b->argv = xrealloc(b->argv, (b->n + 2) * sizeof(*b->argv));
	b->argv[b->n++] = xstrdup(arg);
	b->argv[b->n] = NULL;
}

/*
 * "--set KEY=VALUE" for the fixed sets and every axis at point; an axis's
 * value given by axis_opt ("--vary-value" when checking, so that run names
 * a bad one as --vary's).
 */
static void push_sets(struct argv_builder *b, const struct sweep_plan *p,
		      size_t point, const char *axis_opt)
{
	for (size_t i = 0; i < p->nr_sets; i++) {
		push(b, "--set");
		push(b, p->sets[i]);
	}
	for (size_t i = 0; i < p->axes.nr; i++) {
		const char *key = p->axes.axis[i].key;
		const char *value = axes_value(&p->axes, i, point);
		char *set = xmalloc(strlen(key) + strlen(value) + 2);

		sprintf(set, "%s=%s", key, value);
		push(b, axis_opt);
		push(b, set);
		free(set);
	}
}

static void push_common(struct argv_builder *b, const struct sweep_plan *p)
{
	push(b, p->fragsim);
	push(b, "run");
	push(b, p->model);
	push(b, p->workload);
	if (p->tick) {
		push(b, "--tick");
		push(b, p->tick);
	}
}

char **sweep_plan_run_argv(const struct sweep_plan *p, size_t k,
			   const char *db)
{
	struct argv_builder b = { 0 };
	char num[32];

	push_common(&b, p);
	push_sets(&b, p, sweep_plan_point(p, k), "--set");
	push(&b, "--seed");
	snprintf(num, sizeof(num), "%u", sweep_plan_seed(p, k));
	push(&b, num);
	push(&b, "--db");
	push(&b, db);
	push(&b, "--sweep");
	push(&b, p->sweep_id);
	push(&b, "--point");
	snprintf(num, sizeof(num), "%zu", sweep_plan_point(p, k));
	push(&b, num);
	push(&b, "--quiet");
	return b.argv;
}

char **sweep_plan_check_argv(const struct sweep_plan *p, size_t point)
{
	struct argv_builder b = { 0 };

	push_common(&b, p);
	push_sets(&b, p, point, "--vary-value");
	push(&b, "--dry-run");
	return b.argv;
}

void sweep_plan_argv_free(char **argv)
{
	for (char **a = argv; a && *a; a++)
		free(*a);
	free(argv);
}
