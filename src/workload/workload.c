/*
 * workload.c - reading and checking workload files (see workload.h and
 * doc/workloads.md).
 *
 * Sections are found by their name as keys arrive; references between them
 * (a generator's phase, a free action's generator) are resolved by
 * workload_check once the whole file and every --set has been read, so the
 * file may list sections in any order.
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm/oom_kill.h"
#include "mm/sysctl.h"
#include "util/ini_reader.h"
#include "util/parse_num.h"
#include "util/xalloc.h"
#include "workload/expr.h"
#include "workload/units.h"
#include "workload/workload.h"

struct workload_reader {
	struct ini_reader ini;
	struct workload *w;
	struct diag_loc loc;	/* of the key being handled */
	/* the last [phase] header read: a generator or action after it
	 * runs in it unless it says phase = */
	const char *phase_above;
};

static const char *const kind_names_for_users =
	"anon, pagecache, slab_unmovable, slab_reclaimable, pagetable, "
	"kstack, thp, hugetlb, pinned, ramfs or kernel";

int owner_kind_parse(const char *name)
{
	for (int k = 0; k < NR_OWNER_KINDS; k++)
		if (k != OWNER_ISOLATED && !strcmp(name, owner_kind_names[k]))
			return k;
	return -1;
}

gfp_t owner_kind_gfp(enum owner_kind kind)
{
	switch (kind) {
	case OWNER_ANON:		/* do_anonymous_page: a zeroed folio */
	case OWNER_PINNED:		/* faulted in, then pinned */
		return GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_ZERO;
	case OWNER_PAGECACHE:		/* mapping_gfp_mask's, as a folio */
		return GFP_HIGHUSER_MOVABLE | __GFP_COMP;
	case OWNER_SLAB_RECLAIMABLE:	/* SLAB_RECLAIM_ACCOUNT caches */
		return GFP_KERNEL_RECLAIMABLE;
	case OWNER_THP:			/* vma_thp_gfp_mask, defrag=madvise */
		return GFP_TRANSHUGE_LIGHT;
	case OWNER_HUGETLB:		/* alloc_buddy_huge_page, try hard */
		return GFP_HIGHUSER_MOVABLE | __GFP_COMP |
		       __GFP_RETRY_MAYFAIL | __GFP_NOWARN;
	case OWNER_RAMFS:		/* ramfs_get_inode's mapping gfp */
		return GFP_HIGHUSER | __GFP_COMP;
	default:			/* slab, page tables, stacks */
		return GFP_KERNEL;
	}
}

static int werror(struct workload_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int werror(struct workload_reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vprint(r->loc, "error", fmt, ap);
	va_end(ap);
	r->ini.errors++;
	return 1;
}

/* KEY = a CPU number into *cpu; false (reported) if it is not one. */
static bool parse_cpu(struct workload_reader *r, const char *key,
		      const char *value, int *cpu)
{
	uint64_t n;

	if (parse_count(value, MAX_NR_CPUS - 1, &n)) {
		werror(r, "%s = %s: expected a CPU number from 0 to %d", key,
		       value, MAX_NR_CPUS - 1);
		return false;
	}
	*cpu = (int)n;
	return true;
}

static bool valid_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
			return false;
	return true;
}

static bool parse_bool(const char *s, bool *out)
{
	if (!strcmp(s, "yes") || !strcmp(s, "true") || !strcmp(s, "1"))
		*out = true;
	else if (!strcmp(s, "no") || !strcmp(s, "false") || !strcmp(s, "0"))
		*out = false;
	else
		return false;
	return true;
}

/* --- finding sections by name --- */

static struct phase *find_phase(struct workload *w, const char *name)
{
	for (int i = 0; i < w->nr_phases; i++)
		if (!strcmp(w->phases[i].name, name))
			return &w->phases[i];
	return NULL;
}

static struct generator *find_generator(struct workload *w, const char *name)
{
	for (int i = 0; i < w->nr_generators; i++)
		if (!strcmp(w->generators[i].name, name))
			return &w->generators[i];
	return NULL;
}

static struct action *find_action(struct workload *w, const char *name)
{
	for (int i = 0; i < w->nr_actions; i++)
		if (!strcmp(w->actions[i].name, name))
			return &w->actions[i];
	return NULL;
}

static struct process *find_process(struct workload *w, const char *name)
{
	for (int i = 0; i < w->nr_processes; i++)
		if (!strcmp(w->processes[i].name, name))
			return &w->processes[i];
	return NULL;
}

static struct repeat *find_repeat(struct workload *w, const char *name)
{
	for (int i = 0; i < w->nr_repeats; i++)
		if (!strcmp(w->repeats[i].name, name))
			return &w->repeats[i];
	return NULL;
}

static struct repeat *new_repeat(struct workload *w, const char *name,
				 struct diag_loc loc)
{
	struct repeat *rp;

	w->repeats = xrealloc(w->repeats, (size_t)(w->nr_repeats + 1) *
			      sizeof(*w->repeats));
	rp = &w->repeats[w->nr_repeats++];
	*rp = (struct repeat){ .name = xstrdup(name), .loc = loc,
			       .first = -1, .last = -1 };
	return rp;
}

static struct phase *new_phase(struct workload *w, const char *name,
			       struct diag_loc loc)
{
	struct phase *p;

	w->phases = xrealloc(w->phases, (size_t)(w->nr_phases + 1) *
			     sizeof(*w->phases));
	p = &w->phases[w->nr_phases++];
	*p = (struct phase){ .name = xstrdup(name), .loc = loc,
			     .until_free_below = -1, .until_allocated = -1,
			     .repeat = -1 };
	return p;
}

static struct generator *new_generator(struct workload *w, const char *name,
				       struct diag_loc loc)
{
	struct generator *g;
	char err[16];

	w->generators = xrealloc(w->generators, (size_t)(w->nr_generators + 1) *
				 sizeof(*w->generators));
	g = &w->generators[w->nr_generators++];
	*g = (struct generator){ .name = xstrdup(name), .loc = loc,
				 .phase = -1, .arrival = ARRIVAL_POISSON,
				 .burst_size = 1, .node = NODE_LOCAL,
				 .cpu = -1, .free_cpu = -1,
				 .thp_fallback = THP_FALLBACK_PAGE,
				 .process = -1, .file = -1, .pages = 1 };
	distribution_parse(&g->order, "0", DIST_ORDER, MAX_ORDER - 1, err,
			   sizeof(err));
	distribution_parse(&g->lifetime, "forever", DIST_TIME, 0, err,
			   sizeof(err));
	return g;
}

static struct action *new_action(struct workload *w, const char *name,
				 struct diag_loc loc)
{
	struct action *a;

	w->actions = xrealloc(w->actions, (size_t)(w->nr_actions + 1) *
			      sizeof(*w->actions));
	a = &w->actions[w->nr_actions++];
	*a = (struct action){ .name = xstrdup(name), .loc = loc, .phase = -1,
			      .generator = -1, .process = -1, .file = -1 };
	return a;
}

static struct process *new_process(struct workload *w, const char *name,
				   struct diag_loc loc)
{
	struct process *p;

	w->processes = xrealloc(w->processes, (size_t)(w->nr_processes + 1) *
				sizeof(*w->processes));
	p = &w->processes[w->nr_processes++];
	*p = (struct process){ .name = xstrdup(name), .loc = loc, .cpu = -1 };
	return p;
}

/* --- [workload] and [costs] --- */

static int handle_workload_key(struct workload_reader *r, const char *name,
			       const char *value)
{
	char **field;

	if (!strcmp(name, "name"))
		field = &r->w->name;
	else if (!strcmp(name, "description"))
		field = &r->w->description;
	else
		return werror(r, "unknown key \"%s\" in [workload]: expected "
			      "name or description", name);
	free(*field);
	*field = xstrdup(value);
	return 1;
}

static const struct {
	const char *name;
	size_t offset;
} cost_keys[] = {
	{ "alloc", offsetof(struct cost_model, alloc) },
	{ "compact_scan", offsetof(struct cost_model, compact_scan) },
	{ "compact_isolate", offsetof(struct cost_model, compact_isolate) },
	{ "compact_freelist_scan",
	  offsetof(struct cost_model, compact_freelist_scan) },
	{ "migrate", offsetof(struct cost_model, migrate) },
	{ "tlb_shootdown", offsetof(struct cost_model, tlb_shootdown) },
	{ "init_on_alloc", offsetof(struct cost_model, init_on_alloc) },
	{ "reclaim_scan", offsetof(struct cost_model, reclaim_scan) },
	{ "reclaim", offsetof(struct cost_model, reclaim) },
	{ "daemon_wakeup", offsetof(struct cost_model, daemon_wakeup) },
};

static int handle_cost_key(struct workload_reader *r, const char *name,
			   const char *value)
{
	for (size_t i = 0; i < sizeof(cost_keys) / sizeof(cost_keys[0]); i++) {
		if (strcmp(name, cost_keys[i].name))
			continue;
		if (parse_duration(value, (sim_time_t *)((char *)&r->w->costs +
							  cost_keys[i].offset)))
			return werror(r, "%s = %s: expected a duration such "
				      "as 200ns or 1.5us", name, value);
		r->w->freelist_scan_set |= !strcmp(name, "compact_freelist_scan");
		return 1;
	}
	return werror(r, "unknown key \"%s\" in [costs]: expected alloc, "
		      "compact_scan, compact_isolate, compact_freelist_scan, "
		      "migrate, tlb_shootdown, init_on_alloc, reclaim_scan, "
		      "reclaim or daemon_wakeup",
		      name);
}

/* --- conditions: parsed as read, their names resolved by the check --- */

static void condition_free(struct condition *c)
{
	if (!c)
		return;
	expr_release(&c->e);
	free(c->q);
	free(c);
}

/* key = EXPR into *out (replacing what it held). */
static int set_condition(struct workload_reader *r, struct condition **out,
			 const char *key, const char *value)
{
	struct condition *c = xcalloc(1, sizeof(*c));
	char err[160];

	if (expr_parse(&c->e, value, err, sizeof(err))) {
		free(c);
		return werror(r, "%s = %s: %s (see doc/workloads.md, "
			      "\"Expressions\")", key, value, err);
	}
	c->loc = r->loc;
	c->key = key;
	condition_free(*out);
	*out = c;
	return 1;
}

static int var_index(struct workload *w, const char *name)
{
	for (int i = 0; i < w->nr_vars; i++)
		if (!strcmp(w->vars[i], name))
			return i;
	w->vars = xrealloc(w->vars, (size_t)(w->nr_vars + 1) *
			   sizeof(*w->vars));
	w->vars[w->nr_vars] = xstrdup(name);
	return w->nr_vars++;
}

/* let NAME = EXPR: a value captured as the phase begins */
static int handle_let(struct workload_reader *r, struct let_list *l,
		      const char *var, const char *value)
{
	struct condition *c = NULL;
	int idx;

	while (isspace((unsigned char)*var))
		var++;
	if (!valid_name(var) || !isalpha((unsigned char)*var))
		return werror(r, "let %s: expected let NAME = EXPRESSION, the "
			      "name starting with a letter and having only "
			      "letters, digits, _ and -", var);
	set_condition(r, &c, "let", value);
	if (!c)
		return 1;	/* the expression was refused */
	idx = var_index(r->w, var);
	for (int i = 0; i < l->nr; i++) {
		if (l->vars[i] == idx) {
			condition_free(l->values[i]);
			l->values[i] = c;
			return 1;
		}
	}
	l->vars = xrealloc(l->vars, (size_t)(l->nr + 1) * sizeof(*l->vars));
	l->values = xrealloc(l->values, (size_t)(l->nr + 1) *
			     sizeof(*l->values));
	l->vars[l->nr] = idx;
	l->values[l->nr++] = c;
	return 1;
}

static int resolve_condition(struct workload *w, struct condition *c,
			     const char *where);

static int resolve_lets(struct workload *w, struct let_list *l,
			const char *where)
{
	int errors = 0;

	for (int i = 0; i < l->nr; i++)
		errors += resolve_condition(w, l->values[i], where);
	return errors;
}

static void release_lets(struct let_list *l)
{
	for (int i = 0; i < l->nr; i++)
		condition_free(l->values[i]);
	free(l->vars);
	free(l->values);
	*l = (struct let_list){ 0 };
}

/* --- [phase NAME] --- */

/* "SHARE" or "SHARE of PHASE" */
static int parse_allocated(struct phase *p, const char *value)
{
	char share[32], of[8], phase[128], extra;
	int n = sscanf(value, "%31s %7s %127s %c", share, of, phase, &extra);

	if (n != 1 && (n != 3 || strcmp(of, "of")))
		return -1;
	if (parse_share(share, &p->until_allocated))
		return -1;
	free(p->until_allocated_of);
	p->until_allocated_of = n == 3 ? xstrdup(phase) : NULL;
	return 0;
}

/* duration = TIME, or uniform(MIN, MAX): a wait of a poll loop, say. */
static int parse_phase_duration(struct phase *p, const char *value)
{
	struct distribution d;
	char err[160];

	p->duration = p->duration_max = 0;
	if (!strchr(value, '('))
		return parse_duration(value, &p->duration) || !p->duration;
	if (distribution_parse(&d, value, DIST_TIME, 0, err, sizeof(err)))
		return -1;
	if (d.kind != DIST_UNIFORM || !(d.a >= 1) || !(d.b < 1.8e19)) {
		distribution_release(&d);
		return -1;
	}
	p->duration = (sim_time_t)d.a;
	p->duration_max = (sim_time_t)d.b;
	distribution_release(&d);
	return 0;
}

static int handle_phase_key(struct workload_reader *r, struct phase *p,
			    const char *name, const char *value)
{
	if (!strcmp(name, "duration")) {
		if (parse_phase_duration(p, value))
			return werror(r, "duration = %s: expected a positive "
				      "duration such as 60s or 1h, or "
				      "uniform(MIN, MAX) with 0 < MIN < MAX",
				      value);
	} else if (!strcmp(name, "until_free_below")) {
		if (parse_share(value, &p->until_free_below))
			return werror(r, "until_free_below = %s: expected a "
				      "share of memory from 0%% to 100%%",
				      value);
	} else if (!strcmp(name, "until_allocated")) {
		if (parse_allocated(p, value))
			return werror(r, "until_allocated = %s: expected a "
				      "share of the free memory at the phase's "
				      "start, from 0%% to 100%%, optionally "
				      "\"of PHASE\" to measure it at another "
				      "phase's start", value);
	} else if (!strcmp(name, "until_requests")) {
		if (parse_count(value, UINT64_MAX, &p->until_requests) ||
		    !p->until_requests)
			return werror(r, "until_requests = %s: expected a "
				      "positive number of requests", value);
	} else if (!strcmp(name, "until_failures")) {
		if (parse_count(value, UINT64_MAX, &p->until_failures) ||
		    !p->until_failures)
			return werror(r, "until_failures = %s: expected a "
				      "positive number of failed requests",
				      value);
	} else if (!strcmp(name, "until_shares")) {
		if (!parse_bool(value, &p->until_shares))
			return werror(r, "until_shares = %s: expected yes or "
				      "no", value);
	} else if (!strcmp(name, "until")) {
		return set_condition(r, &p->until, "until", value);
	} else if (!strncmp(name, "let ", 4)) {
		return handle_let(r, &p->lets, name + 4, value);
	} else {
		return werror(r, "unknown key \"%s\" in [phase %s]: expected "
			      "duration, until, until_free_below, "
			      "until_allocated, until_requests, until_failures, "
			      "until_shares or let NAME", name, p->name);
	}
	return 1;
}

/* --- [generator NAME] --- */

static int parse_arrival(struct generator *g, const char *value)
{
	unsigned int n;
	char close;

	if (!strcmp(value, "constant")) {
		g->arrival = ARRIVAL_CONSTANT;
	} else if (!strcmp(value, "poisson")) {
		g->arrival = ARRIVAL_POISSON;
	} else if (sscanf(value, "bursts ( %u %c", &n, &close) == 2 &&
		   close == ')' && n >= 1 && n <= 1000000) {
		g->arrival = ARRIVAL_BURSTS;
		g->burst_size = n;
	} else {
		return -1;
	}
	return 0;
}

/*
 * rate = R or rate = R1, R2, ...: a program that goes at another pace in
 * each of its phases (frag.c's first fill and its refills) is one
 * generator, its blocks and random stream shared.
 */
static int parse_rates(struct generator *g, const char *value)
{
	char *list = xstrdup(value), *tok = list, *comma;
	int err = 0;

	free(g->rates);
	g->rates = NULL;
	g->nr_rates = 0;
	do {	/* every comma separates two rates: "1/s," is refused */
		double rate;

		comma = strchr(tok, ',');
		if (comma)
			*comma = '\0';
		err = parse_rate(tok, &rate);
		if (err)
			break;
		g->rates = xrealloc(g->rates, (size_t)(g->nr_rates + 1) *
				    sizeof(*g->rates));
		g->rates[g->nr_rates++] = rate;
		if (comma)
			tok = comma + 1;
	} while (comma);
	free(list);
	if (!err)
		g->rate = g->rates[0];
	return err;
}

static int parse_node(struct generator *g, const char *value)
{
	uint64_t n;

	if (!strcmp(value, "local"))
		g->node = NODE_LOCAL;
	else if (!strcmp(value, "interleave"))
		g->node = NODE_INTERLEAVE;
	else if (!parse_count(value, MAX_NUMNODES - 1, &n))
		g->node = (int)n;
	else
		return -1;
	return 0;
}

static int set_distribution(struct workload_reader *r, struct distribution *d,
			    const char *name, const char *value,
			    enum dist_domain domain)
{
	struct distribution parsed;
	char err[256];

	if (distribution_parse(&parsed, value, domain, MAX_ORDER - 1, err,
			       sizeof(err)))
		return werror(r, "%s = %s: %s", name, value, err);
	distribution_release(d);
	*d = parsed;
	return 1;
}

static int handle_generator_key(struct workload_reader *r, struct generator *g,
				const char *name, const char *value)
{
	uint64_t n;
	int kind;

	if (!strcmp(name, "phase")) {
		free(g->phase_name);
		g->phase_name = xstrdup(value);
	} else if (!strcmp(name, "kind")) {
		kind = owner_kind_parse(value);
		if (kind < 0)
			return werror(r, "kind = %s: expected %s", value,
				      kind_names_for_users);
		g->kind = (enum owner_kind)kind;
		g->kind_set = true;
	} else if (!strcmp(name, "gfp")) {
		if (gfp_parse(value, &g->gfp))
			return werror(r, "gfp = %s: expected gfp flags as the "
				      "kernel names them, e.g. GFP_KERNEL|"
				      "__GFP_RECLAIMABLE", value);
		g->gfp_set = true;
	} else if (!strcmp(name, "arrival")) {
		if (parse_arrival(g, value))
			return werror(r, "arrival = %s: expected constant, "
				      "poisson or bursts(N) with N from 1 to "
				      "1000000", value);
	} else if (!strcmp(name, "rate")) {
		if (parse_rates(g, value))
			return werror(r, "rate = %s: expected a positive rate "
				      "such as 1000/s or 5/ms, or one for each "
				      "phase of phase =, separated by commas",
				      value);
		g->rate_set = true;
	} else if (!strcmp(name, "order")) {
		g->order_set = true;
		return set_distribution(r, &g->order, name, value, DIST_ORDER);
	} else if (!strcmp(name, "lifetime")) {
		return set_distribution(r, &g->lifetime, name, value,
					DIST_TIME);
	} else if (!strcmp(name, "share")) {
		/* an amount ("9M") holds where memory size does not matter,
		 * as the kernel's own boot-time slab */
		g->share = 0;
		g->share_bytes = 0;
		if (!parse_share(value, &g->share))
			return 1;
		g->share = 0;
		if (parse_size_bytes(value, &g->share_bytes) ||
		    g->share_bytes < PAGE_SIZE)
			return werror(r, "share = %s: expected a share of "
				      "memory from 0%% to 100%% or an amount "
				      "of at least a page (4K, 9M, 1G)", value);
	} else if (!strcmp(name, "node")) {
		if (parse_node(g, value))
			return werror(r, "node = %s: expected local, "
				      "interleave or a node number", value);
	} else if (!strcmp(name, "cpu")) {
		if (parse_cpu(r, name, value, &g->cpu))
			g->cpu_set = true;
	} else if (!strcmp(name, "free_cpu")) {
		parse_cpu(r, name, value, &g->free_cpu);
	} else if (!strcmp(name, "reuse")) {
		if (!strcmp(value, "lowest"))
			g->reuse_lowest = true;
		else if (!strcmp(value, "end"))
			g->reuse_lowest = false;
		else
			return werror(r, "reuse = %s: expected lowest (a new "
				      "block takes the lowest place a free "
				      "emptied) or end", value);
	} else if (!strcmp(name, "continuous")) {
		if (!parse_bool(value, &g->continuous))
			return werror(r, "continuous = %s: expected yes (its "
				      "arrivals keep one pace through its "
				      "phases) or no", value);
	} else if (!strcmp(name, "thp_fallback")) {
		bool on;

		if (!strcmp(value, "page"))
			g->thp_fallback = THP_FALLBACK_PAGE;
		else if (!strcmp(value, "range"))
			g->thp_fallback = THP_FALLBACK_RANGE;
		else if (parse_bool(value, &on))
			g->thp_fallback = on ? THP_FALLBACK_PAGE :
					       THP_FALLBACK_NONE;
		else
			return werror(r, "thp_fallback = %s: expected page "
				      "(or yes), range or no", value);
	} else if (!strcmp(name, "process")) {
		free(g->process_name);
		g->process_name = xstrdup(value);
	} else if (!strcmp(name, "file")) {
		if (!valid_name(value))
			return werror(r, "file = %s: expected a name of letters, "
				      "digits, _ and -", value);
		free(g->file_name);
		g->file_name = xstrdup(value);
	} else if (!strcmp(name, "pages")) {
		if (parse_count(value, 1024, &n) || !n)
			return werror(r, "pages = %s: expected the blocks of "
				      "one object, from 1 to 1024", value);
		g->pages = (unsigned int)n;
	} else if (!strcmp(name, "with")) {
		if (strcmp(value, "pagetable"))
			return werror(r, "with = %s: expected pagetable (a "
				      "page-table page allocated with each "
				      "object)", value);
		g->with_pagetable = true;
	} else if (!strcmp(name, "until")) {
		return set_condition(r, &g->until, "until", value);
	} else if (!strcmp(name, "while")) {
		return set_condition(r, &g->while_cond, "while", value);
	} else if (!strncmp(name, "let ", 4)) {
		return handle_let(r, &g->lets, name + 4, value);
	} else {
		return werror(r, "unknown key \"%s\" in [generator %s]: "
			      "expected phase, kind, gfp, arrival, rate, order, "
			      "lifetime, share, node, cpu, free_cpu, pages, "
			      "with, until, while, let NAME, thp_fallback, "
			      "reuse, continuous, process or file", name,
			      g->name);
	}
	return 1;
}

/* --- [repeat NAME] --- */

static int handle_repeat_key(struct workload_reader *r, struct repeat *rp,
			     const char *name, const char *value)
{
	if (!strcmp(name, "times")) {
		if (parse_count(value, 1000000000, &rp->times) || !rp->times)
			return werror(r, "times = %s: expected how many times "
				      "the phases run, from 1 to 1000000000",
				      value);
	} else if (!strcmp(name, "phases")) {
		free(rp->phase_names);
		rp->phase_names = xstrdup(value);
	} else {
		return werror(r, "unknown key \"%s\" in [repeat %s]: expected "
			      "phases or times", name, rp->name);
	}
	return 1;
}

/* --- [process NAME] --- */

static int handle_process_key(struct workload_reader *r, struct process *p,
			      const char *name, const char *value)
{
	char *end;
	long adj;

	if (!strcmp(name, "cpu")) {
		parse_cpu(r, name, value, &p->cpu);
		return 1;
	}
	if (!strcmp(name, "lcg")) {
		if (!parse_u64_all(value, 0, UINT64_MAX, &p->lcg_seed))
			return werror(r, "lcg = %s: expected the generator's "
				      "starting state, a number of at most 64 "
				      "bits (0x9E3779B97F4A7C15)", value);
		p->has_lcg = true;
		return 1;
	}
	if (strcmp(name, "oom_score_adj"))
		return werror(r, "unknown key \"%s\" in [process %s]: "
			      "expected oom_score_adj, cpu or lcg", name,
			      p->name);
	errno = 0;
	adj = strtol(value, &end, 10);
	if (errno || end == value || *end || adj < OOM_SCORE_ADJ_MIN ||
	    adj > OOM_SCORE_ADJ_MAX)
		return werror(r, "oom_score_adj = %s: expected a whole number "
			      "from %d (never killed) to %d", value,
			      OOM_SCORE_ADJ_MIN, OOM_SCORE_ADJ_MAX);
	p->oom_score_adj = (int)adj;
	return 1;
}

/* --- [action NAME] --- */

/*
 * free TARGET SHARE [earlier] [in random|allocation|address order]:
 * TARGET is a generator or a process, resolved by the check.
 */
/*
 * An amount given as "(EXPRESSION)": into a->amount, evaluated when the
 * action runs; *s moves past it.  0 if there is none, 1 taken, -1 bad.
 */
static int paren_amount(struct workload_reader *r, struct action *a,
			const char **s)
{
	const char *p = *s;
	int depth = 0, errors;
	char *text;
	int ret;

	while (isspace((unsigned char)*p))
		p++;
	if (*p != '(')
		return 0;
	*s = p;
	for (; *p; p++) {
		depth += *p == '(';
		depth -= *p == ')';
		if (!depth)
			break;
	}
	if (!*p)
		return -1;
	text = xmalloc((size_t)(p - *s) + 2);
	memcpy(text, *s, (size_t)(p - *s) + 1);
	text[p - *s + 1] = '\0';
	errors = r->ini.errors;
	set_condition(r, &a->amount, "do", text);
	/* a bad expression is reported already */
	ret = r->ini.errors == errors ? 1 : -2;
	free(text);
	*s = p + 1;
	return ret;
}

static int parse_do_free(struct workload_reader *r, struct action *a,
			 const char *args)
{
	char target[128], share[32] = "", word[7][16];
	const char *rest = args;
	int n = 0, w = 0, paren;

	a->free_order = FREE_ALLOCATION;
	a->earlier = false;
	a->over = 0;
	a->over_rate = 0;
	if (sscanf(args, "%127s %n", target, &n) != 1 || !n)
		goto bad;
	rest = args + n;
	paren = paren_amount(r, a, &rest);
	if (paren == -2)
		return 1;
	if (paren < 0)
		goto bad;
	if (!paren && (sscanf(rest, "%31s %n", share, &n) != 1 ||
		       parse_share(share, &a->fraction)))
		goto bad;
	if (!paren)
		rest += n;
	n = sscanf(rest, "%15s %15s %15s %15s %15s %15s %15s", word[0],
		   word[1], word[2], word[3], word[4], word[5], word[6]);
	if (n < 0)
		n = 0;
	if (n > 6)
		goto bad;
	if (n && !strcmp(word[w], "earlier")) {
		a->earlier = true;
		w++;
		n--;
	}
	if (n >= 2 && !strcmp(word[w + n - 2], "over")) {
		if (parse_duration(word[w + n - 1], &a->over) || !a->over)
			goto bad;
		n -= 2;
	} else if (n >= 2 && !strcmp(word[w + n - 2], "at")) {
		if (parse_rate(word[w + n - 1], &a->over_rate))
			goto bad;
		n -= 2;
	}
	if (n == 3 && !strcmp(word[w], "in") && !strcmp(word[w + 2], "order")) {
		if (!strcmp(word[w + 1], "random"))
			a->free_order = FREE_RANDOM;
		else if (!strcmp(word[w + 1], "address"))
			a->free_order = FREE_ADDRESS;
		else if (strcmp(word[w + 1], "allocation"))
			goto bad;
	} else if (n) {
		goto bad;
	}
	free(a->generator_name);
	a->generator_name = xstrdup(target);
	return 1;
bad:
	return werror(r, "do = free %s: expected free GENERATOR|PROCESS SHARE "
		      "[earlier] [in random|allocation|address order] "
		      "[over DURATION | at RATE], e.g. free fill 50%% in "
		      "address order (SHARE may be an expression in "
		      "parentheses)", args);
}

static int parse_do_sysctl(struct workload_reader *r, struct action *a,
			   const char *args)
{
	char name[64], value[192], err[256];
	const char *eq = strchr(args, '=');
	struct vm_sysctl scratch;

	if (eq && (size_t)(eq - args) < sizeof(name)) {
		snprintf(name, sizeof(name), "%.*s", (int)(eq - args), args);
		snprintf(value, sizeof(value), "%s", eq + 1);
	} else if (sscanf(args, "%63s %191[^\n]", name, value) != 2) {
		return werror(r, "do = sysctl %s: expected sysctl NAME VALUE, "
			      "e.g. sysctl extfrag_threshold 400", args);
	}
	/* check the name and value now, on a scratch copy */
	vm_sysctl_defaults(&scratch);
	if (vm_sysctl_set(&scratch, name, value, err, sizeof(err)))
		return werror(r, "do = sysctl %s: %s", args, err);
	free(a->sysctl_name);
	free(a->sysctl_value);
	a->sysctl_name = xstrdup(name);
	a->sysctl_value = xstrdup(value);
	return 1;
}

static int parse_do_count(struct workload_reader *r, struct action *a,
			  const char *verb, const char *args, uint64_t min,
			  uint64_t max, const char *what)
{
	char word[32] = "";
	int n = 0;

	if (sscanf(args, "%31s %n", word, &n) >= 1 &&
	    a->kind == ACTION_OFFLINE && !strcmp(word, "all"))
		a->count = OFFLINE_ALL;
	else if (sscanf(args, "%31s %n", word, &n) < 1 ||
	    parse_count(word, max, &a->count) || a->count < min)
		return werror(r, "do = %s %s: expected %s %s", verb, args,
			      verb, what);
	args += n;
	if (a->kind == ACTION_ONLINE && *args) {
		if (!strcmp(args, "movable"))
			a->online_as = ONLINE_MOVABLE;
		else if (!strcmp(args, "kernel"))
			a->online_as = ONLINE_KERNEL;
		else
			return werror(r, "do = online %s: expected online N "
				      "[movable|kernel]", args);
	} else if (*args) {
		return werror(r, "do = %s: unexpected \"%s\"", verb, args);
	}
	return 1;
}

static int parse_do(struct workload_reader *r, struct action *a,
		    const char *value)
{
	char verb[32] = "";
	int n = 0;
	const char *args;

	sscanf(value, "%31s %n", verb, &n);
	args = value + n;
	a->kind_set = true;
	condition_free(a->amount);
	a->amount = NULL;
	if (!strcmp(verb, "compact_memory") && !*args) {
		a->kind = ACTION_COMPACT_MEMORY;
		return 1;
	}
	if (!strcmp(verb, "drop_caches")) {
		a->kind = ACTION_DROP_CACHES;
		return parse_do_count(r, a, verb, args, 1, 3, "MODE (1: page "
				      "cache, 2: slab, 3: both)");
	}
	if (!strcmp(verb, "nr_hugepages")) {
		const char *rest = args;
		int paren;

		a->kind = ACTION_NR_HUGEPAGES;
		paren = paren_amount(r, a, &rest);
		if (paren == -2)
			return 1;
		while (paren > 0 && isspace((unsigned char)*rest))
			rest++;
		if (paren > 0 && !*rest)
			return 1;
		if (paren)
			return werror(r, "do = nr_hugepages %s: expected "
				      "nr_hugepages N or nr_hugepages "
				      "(EXPRESSION)", args);
		return parse_do_count(r, a, verb, args, 0, 1 << 30,
				      "N (the pool size to reach) or "
				      "(EXPRESSION)");
	}
	if (!strcmp(verb, "offline")) {
		a->kind = ACTION_OFFLINE;
		return parse_do_count(r, a, verb, args, 1, 1 << 30,
				      "N (memory blocks) or offline all");
	}
	if (!strcmp(verb, "online")) {
		a->kind = ACTION_ONLINE;
		a->online_as = ONLINE_MOVABLE;
		return parse_do_count(r, a, verb, args, 1, 1 << 30,
				      "N [movable|kernel]");
	}
	if (!strcmp(verb, "sysctl")) {
		a->kind = ACTION_SYSCTL;
		return parse_do_sysctl(r, a, args);
	}
	if (!strcmp(verb, "free")) {
		a->kind = ACTION_FREE;
		return parse_do_free(r, a, args);
	}
	if (!strcmp(verb, "exit")) {
		char proc[128], extra;

		a->kind = ACTION_EXIT;
		if (sscanf(args, "%127s %c", proc, &extra) != 1)
			return werror(r, "do = exit %s: expected exit PROCESS",
				      args);
		free(a->generator_name);
		a->generator_name = xstrdup(proc);
		return 1;
	}
	a->kind_set = false;
	return werror(r, "do = %s: expected compact_memory, drop_caches N, "
		      "sysctl NAME VALUE, nr_hugepages N, free GENERATOR|PROCESS "
		      "SHARE, exit PROCESS, offline N|all or online N "
		      "[movable|kernel]", value);
}

static int handle_action_key(struct workload_reader *r, struct action *a,
			     const char *name, const char *value)
{
	if (!strcmp(name, "phase")) {
		free(a->phase_name);
		a->phase_name = xstrdup(value);
	} else if (!strcmp(name, "at")) {
		if (!strcmp(value, "start")) {
			a->when = AT_START;
		} else if (!strcmp(value, "end")) {
			a->when = AT_END;
		} else if (!parse_duration(value, &a->offset)) {
			a->when = AT_TIME;
		} else {
			return werror(r, "at = %s: expected start, end or a "
				      "time into the phase such as 1.5s",
				      value);
		}
	} else if (!strcmp(name, "cpu")) {
		if (parse_cpu(r, name, value, &a->cpu))
			a->cpu_set = true;
	} else if (!strcmp(name, "do")) {
		return parse_do(r, a, value);
	} else if (!strcmp(name, "if")) {
		return set_condition(r, &a->if_cond, "if", value);
	} else if (!strcmp(name, "while")) {
		return set_condition(r, &a->while_cond, "while", value);
	} else {
		return werror(r, "unknown key \"%s\" in [action %s]: expected "
			      "phase, at, do, cpu, if or while", name, a->name);
	}
	return 1;
}

/* --- dispatch --- */

static const char *const section_forms =
	"[workload], [costs], [phase NAME], [generator NAME], "
	"[action NAME], [process NAME] or [repeat NAME]";

static int handle_named(struct workload_reader *r, const char *type,
			const char *sname, const char *name,
			const char *value)
{
	struct workload *w = r->w;
	bool is_phase = !strcmp(type, "phase");
	bool is_gen = !strcmp(type, "generator");
	bool is_proc = !strcmp(type, "process");
	bool is_repeat = !strcmp(type, "repeat");
	void *found = NULL;

	if (r->ini.section_reported)
		return 1;	/* its header was refused */
	if (is_phase)
		found = find_phase(w, sname);
	else if (is_gen)
		found = find_generator(w, sname);
	else if (is_proc)
		found = find_process(w, sname);
	else if (is_repeat)
		found = find_repeat(w, sname);
	else
		found = find_action(w, sname);
	/* workload_section made it at its header; --set names existing ones */
	assert(found);
	if (is_phase)
		return handle_phase_key(r, found, name, value);
	if (is_gen)
		return handle_generator_key(r, found, name, value);
	if (is_proc)
		return handle_process_key(r, found, name, value);
	if (is_repeat)
		return handle_repeat_key(r, found, name, value);
	return handle_action_key(r, found, name, value);
}

static int dispatch(struct workload_reader *r, const char *raw_section,
		    const char *name, const char *value)
{
	char type[16], section[256];
	size_t len;
	int n = 0;

	/* trimmed as workload_section saw the header */
	while (isspace((unsigned char)*raw_section))
		raw_section++;
	snprintf(section, sizeof(section), "%s", raw_section);
	len = strlen(section);
	while (len && isspace((unsigned char)section[len - 1]))
		section[--len] = '\0';

	if (!strcmp(section, "workload"))
		return handle_workload_key(r, name, value);
	if (!strcmp(section, "costs"))
		return handle_cost_key(r, name, value);
	if (sscanf(section, "%15s %n", type, &n) == 1 && n &&
	    section[n] && (!strcmp(type, "phase") ||
			   !strcmp(type, "generator") ||
			   !strcmp(type, "action") ||
			   !strcmp(type, "process") ||
			   !strcmp(type, "repeat")))
		return handle_named(r, type, section + n, name, value);
	return ini_unknown_section(&r->ini, section, section_forms);
}

/* A header: make its section exist even if no key follows. */
static void workload_section(struct ini_reader *ini, const char *section)
{
	struct workload_reader *r = (struct workload_reader *)ini;
	struct workload *w = r->w;
	char type[16];
	const char *name;
	int n = 0;

	struct diag_loc first;

	if (sscanf(section, "%15s %n", type, &n) != 1 || !n || !section[n] ||
	    (strcmp(type, "phase") && strcmp(type, "generator") &&
	     strcmp(type, "action") && strcmp(type, "process") &&
	     strcmp(type, "repeat")))
		return;		/* the first key reports the problem */
	name = section + n;
	r->loc = ini_loc(ini);
	if (!valid_name(name)) {
		ini->section_reported = true;
		werror(r, "[%s]: a name has only letters, digits, _ and -",
		       section);
		return;
	}
	if (find_phase(w, name))
		first = find_phase(w, name)->loc;
	else if (find_generator(w, name))
		first = find_generator(w, name)->loc;
	else if (find_action(w, name))
		first = find_action(w, name)->loc;
	else if (find_process(w, name))
		first = find_process(w, name)->loc;
	else if (find_repeat(w, name))
		first = find_repeat(w, name)->loc;
	else
		first.file = NULL;
	if (first.file) {
		ini->section_reported = true;
		werror(r, "[%s]: the name %s is already used by the section "
		       "at line %d: expected one section per name", section,
		       name, first.line);
		return;
	}
	if (!strcmp(type, "phase"))
		r->phase_above = new_phase(w, name, ini_loc(ini))->name;
	else if (!strcmp(type, "generator"))
		new_generator(w, name, ini_loc(ini))->phase_name =
			r->phase_above ? xstrdup(r->phase_above) : NULL;
	else if (!strcmp(type, "action"))
		new_action(w, name, ini_loc(ini))->phase_name =
			r->phase_above ? xstrdup(r->phase_above) : NULL;
	else if (!strcmp(type, "process"))
		new_process(w, name, ini_loc(ini));
	else if (!strcmp(type, "repeat"))
		new_repeat(w, name, ini_loc(ini));
}

static int workload_handler(void *user, const char *section,
			    const char *name, const char *value)
{
	struct workload_reader *r = user;

	r->loc = ini_loc(&r->ini);
	return dispatch(r, section, name, value);
}

void cost_model_defaults(struct cost_model *c)
{
	c->alloc = 200;
	c->compact_scan = 10;
	c->compact_isolate = 40;
	c->compact_freelist_scan = c->compact_scan;
	c->migrate = 2000;
	c->tlb_shootdown = 0;
	c->init_on_alloc = 0;
	c->reclaim_scan = 50;
	c->reclaim = 500;
	c->daemon_wakeup = 50 * NSEC_PER_USEC;
}

static char *read_whole_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f)
		return NULL;
	do {
		buf = xgrow(buf, &cap, len + 4096 + 1, 1);
		n = fread(buf + len, 1, 4096, f);
		len += n;
	} while (n == 4096);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

int workload_load(struct workload *w, const char *path)
{
	struct workload_reader r = { .w = w,
				     .ini.on_section = workload_section };

	*w = (struct workload){ .path = xstrdup(path) };
	cost_model_defaults(&w->costs);
	if (ini_reader_parse(&r.ini, path, "workload", workload_handler, &r)) {
		workload_release(w);
		return -1;
	}
	w->text = read_whole_file(path);
	if (!w->name) {
		const char *base = strrchr(path, '/');
		char *dot;

		w->name = xstrdup(base ? base + 1 : path);
		dot = strrchr(w->name, '.');
		if (dot && dot != w->name)
			*dot = '\0';
	}
	return 0;
}

int workload_set(struct workload *w, const char *assignment,
		 const char *origin)
{
	struct workload_reader r = { .w = w, .loc = DIAG_LOC(origin, 0) };
	const char *dot = strchr(assignment, '.');
	const char *eq = strchr(assignment, '=');
	char section[160], name[128], key[64];

	if (!dot || !eq || dot > eq)
		return 1;
	snprintf(name, sizeof(name), "%.*s", (int)(dot - assignment),
		 assignment);
	snprintf(section, sizeof(section), "%s", name);
	snprintf(key, sizeof(key), "%.*s", (int)(eq - dot - 1), dot + 1);
	r.ini.path = origin;
	if (strcmp(section, "workload") && strcmp(section, "costs")) {
		if (find_phase(w, name))
			snprintf(section, sizeof(section), "phase %s", name);
		else if (find_generator(w, name))
			snprintf(section, sizeof(section), "generator %s",
				 name);
		else if (find_action(w, name))
			snprintf(section, sizeof(section), "action %s", name);
		else if (find_process(w, name))
			snprintf(section, sizeof(section), "process %s", name);
		else if (find_repeat(w, name))
			snprintf(section, sizeof(section), "repeat %s", name);
		else
			return 1;
	}
	dispatch(&r, section, key, eq + 1);
	return r.ini.errors ? -1 : 0;
}

/* --- checking the whole --- */

static int check_error(struct diag_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int check_error(struct diag_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vprint(loc, "error", fmt, ap);
	va_end(ap);
	return 1;
}

static int resolve_phase(struct workload *w, const char *phase_name,
			 const char *type, const char *name,
			 struct diag_loc loc, int *out)
{
	if (!phase_name)
		return check_error(loc, "[%s %s]: no phase: expected phase = "
				   "NAME of a [phase NAME] section", type,
				   name);
	for (int i = 0; i < w->nr_phases; i++) {
		if (!strcmp(w->phases[i].name, phase_name)) {
			*out = i;
			return 0;
		}
	}
	return check_error(loc, "[%s %s]: phase = %s: there is no [phase %s]",
			   type, name, phase_name, phase_name);
}

/* phase = NAME[, NAME...]: the phases a generator runs in */
static int resolve_phases(struct workload *w, struct generator *g)
{
	char *list, *tok, *save = NULL;
	int errors = 0;

	free(g->phases);
	g->phases = NULL;
	g->nr_phases = 0;
	free(g->phase_rates);
	g->phase_rates = NULL;
	if (!g->phase_name)
		return resolve_phase(w, NULL, "generator", g->name, g->loc,
				     &g->phase);
	list = xstrdup(g->phase_name);
	for (tok = strtok_r(list, ", \t", &save); tok;
	     tok = strtok_r(NULL, ", \t", &save)) {
		int idx;

		if (resolve_phase(w, tok, "generator", g->name, g->loc, &idx)) {
			errors++;
			continue;
		}
		for (int i = 0; i < g->nr_phases; i++)
			if (g->phases[i] == idx)
				idx = -1;
		if (idx < 0) {
			errors += check_error(g->loc, "[generator %s]: phase "
					      "%s is named twice", g->name,
					      tok);
			continue;
		}
		g->phases = xrealloc(g->phases, (size_t)(g->nr_phases + 1) *
				     sizeof(*g->phases));
		g->phases[g->nr_phases++] = idx;
	}
	free(list);
	if (!errors && !g->nr_phases)
		errors += resolve_phase(w, NULL, "generator", g->name, g->loc,
					&g->phase);
	if (errors)
		return errors;
	if (g->nr_rates > 1 && g->nr_rates != g->nr_phases)
		return check_error(g->loc, "[generator %s]: %d rates for %d "
				   "phases: expected one rate, or one for "
				   "each phase of phase = (%s)", g->name,
				   g->nr_rates, g->nr_phases, g->phase_name);
	if (g->nr_rates > 1)	/* a copy: the check may run again */
		g->phase_rates = memcpy(xmalloc((size_t)g->nr_rates *
						sizeof(*g->rates)),
					g->rates,
					(size_t)g->nr_rates * sizeof(*g->rates));
	/* ascending: the order phases run in; each rate goes with its own */
	for (int i = 1; i < g->nr_phases; i++)
		for (int j = i; j > 0 && g->phases[j - 1] > g->phases[j]; j--) {
			int t = g->phases[j];

			g->phases[j] = g->phases[j - 1];
			g->phases[j - 1] = t;
			if (g->phase_rates) {
				double rate = g->phase_rates[j];

				g->phase_rates[j] = g->phase_rates[j - 1];
				g->phase_rates[j - 1] = rate;
			}
		}
	g->phase = g->phases[0];
	return 0;
}

/* The fastest rate the engine's nanosecond clock can honour. */
#define MAX_RATE	1e9

static int check_generator(struct workload *w, struct generator *g)
{
	int errors = resolve_phases(w, g);

	if (!g->kind_set)
		errors += check_error(g->loc, "[generator %s]: no kind: "
				      "expected kind = %s", g->name,
				      kind_names_for_users);
	if (!g->rate_set)
		errors += check_error(g->loc, "[generator %s]: no rate: "
				      "expected rate = N/s", g->name);
	for (int i = 0; g->rate_set && i < g->nr_rates; i++)
		if (g->rates[i] / (g->arrival == ARRIVAL_BURSTS ?
				   g->burst_size : 1) > MAX_RATE)
			errors += check_error(g->loc, "[generator %s]: rate = "
					      "%g/s: arrivals less than 1 ns "
					      "apart cannot be simulated: "
					      "expected a rate from above 0 "
					      "to 1000000000/s (per burst)",
					      g->name, g->rates[i]);
	if (generator_has_objects(g) && g->kind_set &&
	    (g->kind == OWNER_THP || g->kind == OWNER_HUGETLB))
		errors += check_error(g->loc, "[generator %s]: pages and with "
				      "make objects of small pages: expected "
				      "no pages or with for kind %s", g->name,
				      owner_kind_names[g->kind]);
	if (!g->gfp_set && g->kind_set)
		g->gfp = owner_kind_gfp(g->kind);
	g->process = -1;
	if (g->process_name) {
		struct process *p = find_process(w, g->process_name);

		if (p) {
			g->process = (int)(p - w->processes);
			/* a process runs on its CPU (its generators' default) */
			if (g->cpu < 0 && !g->cpu_set)
				g->cpu = p->cpu;
		} else
			errors += check_error(g->loc, "[generator %s]: "
					      "process = %s: there is no "
					      "[process %s]", g->name,
					      g->process_name,
					      g->process_name);
	}
	g->file = -1;
	if (g->file_name) {
		int f;

		for (f = 0; f < w->nr_files; f++)
			if (!strcmp(w->files[f], g->file_name))
				break;
		if (f == w->nr_files) {
			w->files = xrealloc(w->files, (size_t)(f + 1) *
					    sizeof(*w->files));
			w->files[w->nr_files++] = xstrdup(g->file_name);
		}
		g->file = f;
		if (g->process_name)
			errors += check_error(g->loc, "[generator %s]: process "
					      "= %s and file = %s: expected one "
					      "owner, the process or the file "
					      "(which outlives processes)",
					      g->name, g->process_name,
					      g->file_name);
		if (find_generator(w, g->file_name) ||
		    find_process(w, g->file_name))
			errors += check_error(g->loc, "[generator %s]: file = "
					      "%s: the name is a section's: "
					      "expected a name of its own",
					      g->name, g->file_name);
	}
	if (!g->order_set && (g->kind == OWNER_THP ||
			      g->kind == OWNER_HUGETLB)) {
		char err[16];

		distribution_release(&g->order);
		distribution_parse(&g->order, "9", DIST_ORDER, MAX_ORDER - 1,
				   err, sizeof(err));
	}
	return errors;
}

static int zone_type_named(const char *name, size_t len)
{
	for (int t = 0; t < MAX_NR_ZONES; t++)
		if (strlen(zone_names[t]) == len &&
		    !strncmp(zone_names[t], name, len))
			return t;
	return -1;
}

/* NAME.FIELD of a generator or a process */
static int resolve_member(struct workload *w, const char *name,
			  const char *field, struct quantity *q)
{
	static const struct {
		const char *field;
		enum quantity_kind kind;
	} gen_fields[] = {
		{ "pages", Q_GEN_PAGES }, { "objects", Q_GEN_OBJECTS },
		{ "allocated", Q_GEN_ALLOCATED },
		{ "requests", Q_GEN_REQUESTS }, { "failures", Q_GEN_FAILURES },
	};
	struct generator *g = find_generator(w, name);
	struct process *p = find_process(w, name);

	if (g) {
		q->index = (int)(g - w->generators);
		for (size_t i = 0; i < sizeof(gen_fields) /
		     sizeof(gen_fields[0]); i++) {
			if (!strcmp(field, gen_fields[i].field)) {
				q->kind = gen_fields[i].kind;
				return 0;
			}
		}
		return -1;
	}
	if (p) {
		q->index = (int)(p - w->processes);
		if (!strcmp(field, "pages"))
			q->kind = Q_PROC_PAGES;
		else if (!strcmp(field, "alive"))
			q->kind = Q_PROC_ALIVE;
		else
			return -1;
		return 0;
	}
	for (int f = 0; f < w->nr_files; f++) {
		if (strcmp(w->files[f], name) || strcmp(field, "pages"))
			continue;
		q->kind = Q_FILE_PAGES;
		q->index = f;
		return 0;
	}
	return -1;
}

/* What a name in an expression stands for; -1 if nothing. */
static int resolve_name(struct workload *w, const char *name,
			struct quantity *q)
{
	const char *dot = strchr(name, '.');
	unsigned int nid;
	int n = 0, t;

	*q = (struct quantity){ .nid = -1, .zone = -1 };
	if (!strcmp(name, "MemFree"))
		return q->kind = Q_MEMFREE, 0;
	if (!strcmp(name, "MemTotal"))
		return q->kind = Q_MEMTOTAL, 0;
	if (!strcmp(name, "iteration"))
		return q->kind = Q_ITERATION, 0;
	if (!strcmp(name, "requests"))
		return q->kind = Q_PHASE_REQUESTS, 0;
	if (!strcmp(name, "failures"))
		return q->kind = Q_PHASE_FAILURES, 0;
	if (!strcmp(name, "allocated"))
		return q->kind = Q_PHASE_ALLOCATED, 0;
	if (!strcmp(name, "busy"))
		return q->kind = Q_BUSY, 0;
	for (int i = 0; i < w->nr_vars; i++)
		if (!strcmp(w->vars[i], name))
			return q->kind = Q_VAR, q->index = i, 0;
	if (!dot)
		return -1;
	if (!strncmp(name, "vmstat.", 7)) {
		for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
			if (!strcmp(vm_event_names[i], name + 7))
				return q->kind = Q_VMSTAT, q->index = i, 0;
		return -1;
	}
	if (sscanf(name, "node%u.%n", &nid, &n) == 1 && n &&
	    nid < MAX_NUMNODES) {
		q->nid = (int)nid;
		name += n;
		if (!strcmp(name, "MemFree"))
			return q->kind = Q_MEMFREE, 0;
		if (!strcmp(name, "MemTotal"))
			return q->kind = Q_MEMTOTAL, 0;
		dot = strchr(name, '.');
		if (!dot)
			return -1;
	}
	t = zone_type_named(name, (size_t)(dot - name));
	if (t >= 0) {
		if (strcmp(dot + 1, "free"))
			return -1;
		q->kind = Q_ZONE_FREE;
		q->zone = t;
		return 0;
	}
	if (q->nid >= 0)
		return -1;
	{
		char owner[128];

		if ((size_t)(dot - name) >= sizeof(owner))
			return -1;
		memcpy(owner, name, (size_t)(dot - name));
		owner[dot - name] = '\0';
		return resolve_member(w, owner, dot + 1, q);
	}
}

static int resolve_condition(struct workload *w, struct condition *c,
			     const char *where)
{
	int errors = 0;

	if (!c)
		return 0;
	free(c->q);
	c->q = xcalloc((size_t)(c->e.nr_names ? c->e.nr_names : 1),
		       sizeof(*c->q));
	for (int i = 0; i < c->e.nr_names; i++) {
		if (!resolve_name(w, c->e.names[i], &c->q[i]))
			continue;
		errors += check_error(c->loc, "%s: %s = %s: unknown quantity "
				      "\"%s\": expected MemFree, MemTotal, "
				      "nodeN.MemFree, [nodeN.]ZONE.free, "
				      "vmstat.COUNTER, iteration, requests, "
				      "failures, allocated, busy, GENERATOR.pages|"
				      "objects|allocated|requests|failures, "
				      "PROCESS.pages|alive, FILE.pages or a name "
				      "given by let", where, c->key, c->e.text,
				      c->e.names[i]);
	}
	return errors;
}

/* [repeat NAME]: phases = FIRST, ..., LAST, consecutive in the file */
static int check_repeat(struct workload *w, int r)
{
	struct repeat *rp = &w->repeats[r];
	char *list, *tok, *save = NULL;
	int errors = 0, prev = -1;

	if (!rp->phase_names)
		return check_error(rp->loc, "[repeat %s]: no phases: expected "
				   "phases = FIRST, ..., LAST (consecutive "
				   "phases of the file)", rp->name);
	if (!rp->times)
		return check_error(rp->loc, "[repeat %s]: no times: expected "
				   "times = N", rp->name);
	list = xstrdup(rp->phase_names);
	for (tok = strtok_r(list, ", \t", &save); tok;
	     tok = strtok_r(NULL, ", \t", &save)) {
		int idx;

		if (resolve_phase(w, tok, "repeat", rp->name, rp->loc, &idx)) {
			errors++;
			break;
		}
		if (prev >= 0 && idx != prev + 1) {
			errors += check_error(rp->loc, "[repeat %s]: phase %s "
					      "does not follow %s in the file: "
					      "expected consecutive phases",
					      rp->name, tok,
					      w->phases[prev].name);
			break;
		}
		if (w->phases[idx].repeat >= 0) {
			errors += check_error(rp->loc, "[repeat %s]: phase %s "
					      "is already repeated by [repeat "
					      "%s]: expected each phase in one "
					      "repeat at most", rp->name, tok,
					      w->repeats[w->phases[idx].repeat]
						      .name);
			break;
		}
		w->phases[idx].repeat = r;
		if (prev < 0)
			rp->first = idx;
		rp->last = prev = idx;
	}
	free(list);
	if (!errors && prev < 0)
		errors += check_error(rp->loc, "[repeat %s]: phases = %s: a "
				      "loop with no body: expected at least "
				      "one phase", rp->name, rp->phase_names);
	return errors;
}

/* Does the phase begin with a spread free, which it waits for? */
static bool phase_begins_spread_free(const struct workload *w, int idx)
{
	for (int i = 0; i < w->nr_actions; i++) {
		const struct action *a = &w->actions[i];

		if (a->phase == idx && a->when == AT_START && a->kind_set &&
		    a->kind == ACTION_FREE && (a->over || a->over_rate))
			return true;
	}
	return false;
}

/* Can the phase's end condition ever hold? */
static int check_phase_ends(struct workload *w, int idx)
{
	const struct phase *p = &w->phases[idx];
	int nr_gens = 0, nr_shares = 0, nr_untils = 0;

	for (int i = 0; i < w->nr_generators; i++) {
		/* a continuous generator runs beside the phase: it neither
		 * keeps it from ending nor ends it */
		if (!generator_runs_in(&w->generators[i], idx) ||
		    w->generators[i].continuous)
			continue;
		nr_gens++;
		nr_shares += generator_has_share(&w->generators[i]);
		nr_untils += w->generators[i].until ||
			     w->generators[i].while_cond;
	}
	if (p->duration || p->until)
		return 0;	/* the clock, or the state, ends it */
	if (nr_gens && nr_untils == nr_gens)
		return 0;	/* it ends when its generators have */
	if (!nr_gens && phase_begins_spread_free(w, idx))
		return 0;	/* it ends when its frees are done */
	if (p->until_free_below < 0 &&
	    p->until_allocated < 0 && !p->until_requests &&
	    !p->until_failures && !p->until_shares)
		return check_error(p->loc, "[phase %s] can never end: expected "
				   "duration = TIME, until = CONDITION, an "
				   "until_... condition or generators that "
				   "each have an until", p->name);
	if (!nr_gens)
		return check_error(p->loc, "[phase %s] can never end: its "
				   "until_... condition needs requests, but "
				   "no generator runs in it (a continuous one "
				   "runs beside it); give it a duration",
				   p->name);
	if (p->until_shares && !nr_shares && p->until_free_below < 0 &&
	    p->until_allocated < 0 && !p->until_requests &&
	    !p->until_failures)
		return check_error(p->loc, "[phase %s] can never end: "
				   "until_shares needs a generator with a "
				   "share", p->name);
	return 0;
}

static int check_action(struct workload *w, struct action *a)
{
	int errors = resolve_phase(w, a->phase_name, "action", a->name,
				   a->loc, &a->phase);

	if (!a->kind_set)
		errors += check_error(a->loc, "[action %s]: nothing to do: "
				      "expected do = ...", a->name);
	if (!errors && a->when == AT_TIME && w->phases[a->phase].duration &&
	    a->offset >= w->phases[a->phase].duration) {
		char at[32], dur[32];

		format_duration(a->offset, at, sizeof(at));
		format_duration(w->phases[a->phase].duration, dur,
				sizeof(dur));
		errors += check_error(a->loc, "[action %s]: at = %s is not "
				      "before the end of [phase %s] (duration "
				      "%s %s): expected a time into the "
				      "phase, or at = end", a->name, at,
				      w->phases[a->phase].name,
				      w->phases[a->phase].duration_max ?
				      "at least" : "=", dur);
	}
	if (a->kind_set && a->kind == ACTION_FREE) {
		struct generator *g = find_generator(w, a->generator_name);
		struct process *p = find_process(w, a->generator_name);

		a->target = g ? FREE_GENERATOR : FREE_PROCESS;
		a->file = -1;
		for (int f = 0; !g && !p && f < w->nr_files; f++)
			if (!strcmp(w->files[f], a->generator_name))
				a->file = f;
		if (g)
			a->generator = (int)(g - w->generators);
		else if (p)
			a->process = (int)(p - w->processes);
		else if (a->file >= 0)
			a->target = FREE_FILE;
		else
			errors += check_error(a->loc, "[action %s]: free %s: "
					      "there is no [generator %s], "
					      "[process %s] or file %s", a->name,
					      a->generator_name,
					      a->generator_name,
					      a->generator_name,
					      a->generator_name);
		if ((a->over || a->over_rate) &&
		    (!g || generator_has_objects(g) ||
		     a->free_order != FREE_ALLOCATION))
			errors += check_error(a->loc, "[action %s]: free %s "
					      "... %s: expected a generator "
					      "of single blocks (no pages = or "
					      "with =), freed in allocation "
					      "order", a->name,
					      a->generator_name,
					      a->over ? "over" : "at");
		if (a->earlier && (!g || !generator_has_objects(g)))
			errors += check_error(a->loc, "[action %s]: free %s "
					      "... earlier: expected a generator "
					      "of objects (pages = N or with = "
					      "pagetable)", a->name,
					      a->generator_name);
	}
	if (a->kind_set && a->kind == ACTION_EXIT) {
		struct process *p = find_process(w, a->generator_name);

		if (p)
			a->process = (int)(p - w->processes);
		else
			errors += check_error(a->loc, "[action %s]: exit %s: "
					      "there is no [process %s]",
					      a->name, a->generator_name,
					      a->generator_name);
	}
	if (a->while_cond && a->kind_set && a->kind != ACTION_OFFLINE &&
	    a->kind != ACTION_ONLINE)
		errors += check_error(a->while_cond->loc, "[action %s]: while "
				      "guards each block of offline or online: "
				      "expected if = CONDITION for this "
				      "action", a->name);
	if (a->cpu_set && a->kind_set && !action_is_kernel_op(a->kind))
		errors += check_error(a->loc, "[action %s]: cpu = %d: only a "
				      "kernel operation (nr_hugepages, "
				      "compact_memory, drop_caches, offline, "
				      "online) runs on a CPU of its own; a "
				      "free runs on its generators' CPUs",
				      a->name, a->cpu);
	errors += resolve_condition(w, a->if_cond, a->name);
	errors += resolve_condition(w, a->while_cond, a->name);
	errors += resolve_condition(w, a->amount, a->name);
	return errors;
}

int workload_check(struct workload *w)
{
	int errors = 0;

	/* the fast search's entries are priced as any page scanned unless
	 * the workload prices them apart */
	if (!w->freelist_scan_set)
		w->costs.compact_freelist_scan = w->costs.compact_scan;
	if (!w->nr_phases)
		errors += check_error(DIAG_LOC(w->path, 0), "the workload has "
				      "no phase: expected a [phase NAME] "
				      "section");
	for (int i = 0; i < w->nr_generators; i++)
		errors += check_generator(w, &w->generators[i]);
	for (int i = 0; i < w->nr_phases; i++)
		w->phases[i].repeat = -1;
	for (int i = 0; i < w->nr_repeats; i++)
		errors += check_repeat(w, i);
	for (int i = 0; i < w->nr_actions; i++)
		errors += check_action(w, &w->actions[i]);
	for (int i = 0; i < w->nr_generators; i++) {
		errors += resolve_condition(w, w->generators[i].until,
					    w->generators[i].name);
		errors += resolve_condition(w, w->generators[i].while_cond,
					    w->generators[i].name);
		errors += resolve_lets(w, &w->generators[i].lets,
				       w->generators[i].name);
	}
	for (int i = 0; i < w->nr_phases; i++) {
		errors += resolve_condition(w, w->phases[i].until,
					    w->phases[i].name);
		errors += resolve_lets(w, &w->phases[i].lets,
				       w->phases[i].name);
	}
	if (errors)
		return -1;
	for (int i = 0; i < w->nr_phases; i++) {
		struct phase *ph = &w->phases[i];

		ph->allocated_base = i;
		if (!ph->until_allocated_of)
			continue;
		ph->allocated_base = -1;
		for (int j = 0; j <= i; j++)
			if (!strcmp(w->phases[j].name, ph->until_allocated_of))
				ph->allocated_base = j;
		if (ph->allocated_base < 0)
			errors += check_error(ph->loc, "[phase %s]: "
					      "until_allocated ... of %s: expected "
					      "this phase or an earlier one",
					      ph->name, ph->until_allocated_of);
	}
	for (int i = 0; i < w->nr_phases; i++)
		errors += check_phase_ends(w, i);
	return errors ? -1 : 0;
}

void workload_release(struct workload *w)
{
	for (int i = 0; i < w->nr_phases; i++) {
		free(w->phases[i].name);
		free(w->phases[i].until_allocated_of);
		condition_free(w->phases[i].until);
		release_lets(&w->phases[i].lets);
	}
	for (int i = 0; i < w->nr_repeats; i++) {
		free(w->repeats[i].name);
		free(w->repeats[i].phase_names);
	}
	for (int i = 0; i < w->nr_vars; i++)
		free(w->vars[i]);
	free(w->vars);
	for (int i = 0; i < w->nr_files; i++)
		free(w->files[i]);
	free(w->files);
	free(w->repeats);
	for (int i = 0; i < w->nr_generators; i++) {
		free(w->generators[i].name);
		free(w->generators[i].phase_name);
		distribution_release(&w->generators[i].order);
		distribution_release(&w->generators[i].lifetime);
		free(w->generators[i].process_name);
		free(w->generators[i].phases);
		free(w->generators[i].rates);
		free(w->generators[i].phase_rates);
		free(w->generators[i].file_name);
		condition_free(w->generators[i].until);
		condition_free(w->generators[i].while_cond);
		release_lets(&w->generators[i].lets);
	}
	for (int i = 0; i < w->nr_processes; i++)
		free(w->processes[i].name);
	for (int i = 0; i < w->nr_actions; i++) {
		free(w->actions[i].name);
		free(w->actions[i].phase_name);
		free(w->actions[i].sysctl_name);
		free(w->actions[i].sysctl_value);
		free(w->actions[i].generator_name);
		condition_free(w->actions[i].if_cond);
		condition_free(w->actions[i].while_cond);
		condition_free(w->actions[i].amount);
	}
	free(w->phases);
	free(w->generators);
	free(w->actions);
	free(w->processes);
	free(w->path);
	free(w->text);
	free(w->name);
	free(w->description);
	*w = (struct workload){ 0 };
}
