/*
 * check_workload.c - the workload language: units, distributions (their
 * draws against their configured moments, with GSL's distributions for
 * the bounds) and every key of every section.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>

#include "sim/rng.h"
#include "suites.h"
#include "workload/expr.h"
#include "workload/units.h"
#include "workload/workload.h"

/* --- units --- */

START_TEST(test_durations)
{
	sim_time_t t;

	ck_assert_int_eq(parse_duration("1.5s", &t), 0);
	ck_assert_uint_eq(t, 1500000000ULL);
	ck_assert_int_eq(parse_duration(" 200ms ", &t), 0);
	ck_assert_uint_eq(t, 200000000ULL);
	ck_assert_int_eq(parse_duration("2min", &t), 0);
	ck_assert_uint_eq(t, 120 * NSEC_PER_SEC);
	ck_assert_int_eq(parse_duration("1h", &t), 0);
	ck_assert_uint_eq(t, 3600 * NSEC_PER_SEC);
	ck_assert_int_eq(parse_duration("3us", &t), 0);
	ck_assert_uint_eq(t, 3000);
	ck_assert_int_eq(parse_duration("7ns", &t), 0);
	ck_assert_uint_eq(t, 7);
	ck_assert_int_eq(parse_duration("10", &t), -1);	/* no unit */
	ck_assert_int_eq(parse_duration("0.5", &t), -1);
	t = 1;
	ck_assert_int_eq(parse_duration(" 0 ", &t), 0);	/* zero needs none */
	ck_assert_uint_eq(t, 0);
	ck_assert_int_eq(parse_duration("0.0", &t), 0);
	ck_assert_int_eq(parse_duration("-1s", &t), -1);
	ck_assert_int_eq(parse_duration("1 sec", &t), -1);
	ck_assert_int_eq(parse_duration("s", &t), -1);
	ck_assert_int_eq(parse_duration("1s x", &t), -1);
}
END_TEST

START_TEST(test_sizes_shares_rates_counts)
{
	uint64_t v;
	double d;

	ck_assert_int_eq(parse_size_bytes("64M", &v), 0);
	ck_assert_uint_eq(v, 64ULL << 20);
	ck_assert_int_eq(parse_size_bytes("1.5G", &v), 0);
	ck_assert_uint_eq(v, 3ULL << 29);
	ck_assert_int_eq(parse_size_bytes("4096", &v), 0);
	ck_assert_uint_eq(v, 4096);
	ck_assert_int_eq(parse_size_bytes("4X", &v), -1);

	ck_assert_int_eq(parse_share("20%", &d), 0);
	ck_assert_double_eq_tol(d, 0.2, 1e-12);
	ck_assert_int_eq(parse_share("100 %", &d), 0);
	ck_assert_int_eq(parse_share("100.5%", &d), -1);
	ck_assert_int_eq(parse_share("20", &d), -1);
	ck_assert_int_eq(parse_share("-5%", &d), -1);

	ck_assert_int_eq(parse_rate("1000/s", &d), 0);
	ck_assert_double_eq_tol(d, 1000, 1e-9);
	ck_assert_int_eq(parse_rate("5/ms", &d), 0);
	ck_assert_double_eq_tol(d, 5000, 1e-9);
	ck_assert_int_eq(parse_rate("60/min", &d), 0);
	ck_assert_double_eq_tol(d, 1, 1e-12);
	ck_assert_int_eq(parse_rate("0/s", &d), -1);
	ck_assert_int_eq(parse_rate("-3/s", &d), -1);
	ck_assert_int_eq(parse_rate("1000", &d), -1);

	ck_assert_int_eq(parse_count("12", 100, &v), 0);
	ck_assert_uint_eq(v, 12);
	ck_assert_int_eq(parse_count("101", 100, &v), -1);
	ck_assert_int_eq(parse_count("1.5", 100, &v), -1);
}
END_TEST

/* --- distributions --- */

static void parse_ok(struct distribution *d, const char *text,
		     enum dist_domain dom)
{
	char err[256];

	ck_assert_msg(distribution_parse(d, text, dom, 10, err,
					 sizeof(err)) == 0,
		      "%s: %s", text, err);
}

static void parse_bad(const char *text, enum dist_domain dom)
{
	struct distribution d;
	char err[256];

	ck_assert_msg(distribution_parse(&d, text, dom, 10, err,
					 sizeof(err)) == -1, "%s taken", text);
	ck_assert(strstr(err, "expected"));
}

START_TEST(test_distribution_syntax)
{
	struct distribution d;

	parse_ok(&d, "10s", DIST_TIME);
	ck_assert_int_eq(d.kind, DIST_FIXED);
	ck_assert_double_eq(d.a, 1e10);
	parse_ok(&d, "forever", DIST_TIME);
	ck_assert_int_eq(d.kind, DIST_FOREVER);
	parse_ok(&d, "phase", DIST_TIME);
	ck_assert_int_eq(d.kind, DIST_PHASE);
	parse_ok(&d, "lognormal(2s, 0.5)", DIST_TIME);
	ck_assert_int_eq(d.kind, DIST_LOGNORMAL);
	ck_assert_double_eq(d.a, 2e9);
	ck_assert_double_eq(d.b, 0.5);
	parse_ok(&d, "table(0:70, 1:20, 3:10)", DIST_ORDER);
	ck_assert_int_eq(d.kind, DIST_TABLE);
	ck_assert_uint_eq(d.n, 3);
	distribution_release(&d);
	parse_bad("exponential()", DIST_TIME);
	parse_bad("lognormal(1s)", DIST_TIME);
	parse_bad("pareto(1s, -2)", DIST_TIME);
	parse_bad("uniform(5s, 1s)", DIST_TIME);
	parse_bad("exponential(10)", DIST_TIME);
	parse_bad("geometric(0)", DIST_ORDER);
	parse_bad("geometric(1.5)", DIST_ORDER);
	parse_bad("11", DIST_ORDER);
	parse_bad("table(0:1, 11:1)", DIST_ORDER);
	parse_bad("table(0:0)", DIST_ORDER);
	parse_bad("table(0)", DIST_ORDER);
	parse_bad("phase", DIST_ORDER);
	parse_bad("zipf(1)", DIST_ORDER);
}
END_TEST

/*
 * The sample mean of n draws lies within 5 standard errors of the
 * distribution's mean (a false alarm once in 1.7 million runs; the seed
 * is fixed, so the test is deterministic anyway).
 */
static void check_mean(const char *text, enum dist_domain dom)
{
	const int n = 200000;
	struct distribution d;
	gsl_rng *r = rng_stream(7, text);
	double sum = 0, mean, se;

	parse_ok(&d, text, dom);
	for (int i = 0; i < n; i++)
		sum += distribution_sample(&d, r);
	mean = distribution_mean(&d);
	se = sqrt(distribution_variance(&d) / n);
	ck_assert_msg(fabs(sum / n - mean) <= 5 * se + 1e-9 * mean,
		      "%s: sample mean %g, expected %g +- %g", text, sum / n,
		      mean, 5 * se);
	distribution_release(&d);
	gsl_rng_free(r);
}

START_TEST(test_lifetime_means)
{
	check_mean("exponential(10ms)", DIST_TIME);
	check_mean("lognormal(1s, 0.8)", DIST_TIME);
	check_mean("uniform(1s, 3s)", DIST_TIME);
	check_mean("pareto(1s, 3.5)", DIST_TIME);
	check_mean("250ms", DIST_TIME);
}
END_TEST

/* Orders: a chi-square test of the observed mix against the expected. */
static void check_order_mix(const char *text, const double *p, int k)
{
	const int n = 100000;
	struct distribution d;
	gsl_rng *r = rng_stream(11, text);
	unsigned long seen[11] = { 0 };
	double chi2 = 0;

	parse_ok(&d, text, DIST_ORDER);
	for (int i = 0; i < n; i++) {
		double o = distribution_sample(&d, r);

		ck_assert(o >= 0 && o <= 10 && o == floor(o));
		seen[(int)o]++;
	}
	for (int o = 0; o < k; o++) {
		double e = p[o] * n;

		if (e > 0)
			chi2 += (seen[o] - e) * (seen[o] - e) / e;
		else
			ck_assert_uint_eq(seen[o], 0);
	}
	ck_assert_msg(gsl_cdf_chisq_Q(chi2, k - 1) > 1e-6,
		      "%s: chi2 %g over %d orders", text, chi2, k);
	distribution_release(&d);
	gsl_rng_free(r);
}

START_TEST(test_order_mixes)
{
	static const double table[] = { 0.7, 0.2, 0, 0.1 };
	static const double uniform[] = { 0.25, 0.25, 0.25, 0.25 };
	double geo[11], q = 1;

	check_order_mix("table(0:70, 1:20, 3:10)", table, 4);
	check_order_mix("uniform(0, 3)", uniform, 4);
	/* geometric(0.6) clamped at order 10: the tail piles up there */
	for (int o = 0; o < 10; o++) {
		geo[o] = 0.6 * q;
		q *= 0.4;
	}
	geo[10] = q;
	check_order_mix("geometric(0.6)", geo, 11);
}
END_TEST

/* --- the parser --- */

static char path[64];

/* text read as a workload file, not yet checked (as before --set) */
static int load_unchecked(struct workload *w, const char *text)
{
	FILE *f;
	int fd, ret;

	strcpy(path, "/tmp/fragsim-workload-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	ret = workload_load(w, path);
	unlink(path);
	return ret;
}

static int load(struct workload *w, const char *text)
{
	return load_unchecked(w, text) ? -1 : workload_check(w);
}

START_TEST(test_every_key)
{
	struct workload w;
	const struct generator *g;
	const struct phase *p;
	const struct action *a;

	ck_assert_int_eq(load(&w,
		"[workload]\nname = t\ndescription = all keys\n"
		"[costs]\nalloc = 1us\ncompact_scan = 3ns\ncompact_isolate = 4ns\n"
		"migrate = 5us\nreclaim_scan = 6ns\nreclaim = 7ns\n"
		"daemon_wakeup = 8us\n"
		"[phase one]\nduration = 2s\nuntil_free_below = 10%\n"
		"until_allocated = 50%\nuntil_requests = 9\nuntil_failures = 3\n"
		"until_shares = yes\n"
		"[generator g]\nphase = one\nkind = slab_reclaimable\n"
		"gfp = GFP_KERNEL|__GFP_RECLAIMABLE\narrival = bursts(8)\n"
		"rate = 5/ms\norder = geometric(0.5)\n"
		"lifetime = pareto(1s, 2)\nshare = 25%\nnode = interleave\n"
		"cpu = 1\nthp_fallback = no\n"
		"[generator h]\nphase = one\nkind = thp\nrate = 1/s\nnode = 1\n"
		"share = 9M\n"
		"[action a]\nphase = one\nat = 1.5s\ndo = sysctl extfrag_threshold 400\n"
		"[action b]\nphase = one\nat = end\ndo = free g 30%\n"
		"[action c]\nphase = one\ndo = online 2 kernel\n"), 0);
	ck_assert_str_eq(w.name, "t");
	ck_assert_str_eq(w.description, "all keys");
	ck_assert_uint_eq(w.costs.alloc, 1000);
	ck_assert_uint_eq(w.costs.compact_scan, 3);
	ck_assert_uint_eq(w.costs.compact_isolate, 4);
	ck_assert_uint_eq(w.costs.migrate, 5000);
	ck_assert_uint_eq(w.costs.reclaim_scan, 6);
	ck_assert_uint_eq(w.costs.reclaim, 7);
	ck_assert_uint_eq(w.costs.daemon_wakeup, 8000);
	p = &w.phases[0];
	ck_assert_uint_eq(p->duration, 2 * NSEC_PER_SEC);
	ck_assert_double_eq_tol(p->until_free_below, 0.1, 1e-12);
	ck_assert_double_eq_tol(p->until_allocated, 0.5, 1e-12);
	ck_assert_uint_eq(p->until_requests, 9);
	ck_assert_uint_eq(p->until_failures, 3);
	ck_assert(p->until_shares);
	g = &w.generators[0];
	ck_assert_int_eq(g->phase, 0);
	ck_assert_int_eq(g->kind, OWNER_SLAB_RECLAIMABLE);
	ck_assert_uint_eq(g->gfp, GFP_KERNEL | __GFP_RECLAIMABLE);
	ck_assert_int_eq(g->arrival, ARRIVAL_BURSTS);
	ck_assert_uint_eq(g->burst_size, 8);
	ck_assert_double_eq_tol(g->rate, 5000, 1e-9);
	ck_assert_int_eq(g->order.kind, DIST_GEOMETRIC);
	ck_assert_int_eq(g->lifetime.kind, DIST_PARETO);
	ck_assert_double_eq_tol(g->share, 0.25, 1e-12);
	ck_assert_uint_eq(g->share_bytes, 0);
	ck_assert_uint_eq(generator_share_pages(g, 1000), 250);
	ck_assert_int_eq(g->node, NODE_INTERLEAVE);
	ck_assert_int_eq(g->cpu, 1);
	ck_assert(!g->thp_fallback);
	/* defaults: a THP generator asks for order 9 with the THP mask */
	g = &w.generators[1];
	/* a share given as an amount holds whatever the memory size */
	ck_assert_uint_eq(g->share_bytes, 9UL << 20);
	ck_assert_uint_eq(generator_share_pages(g, 1000), 2304);
	ck_assert_uint_eq(generator_share_pages(g, 1000000), 2304);
	ck_assert_int_eq(g->order.kind, DIST_FIXED);
	ck_assert_double_eq(g->order.a, 9);
	ck_assert_uint_eq(g->gfp, GFP_TRANSHUGE_LIGHT);
	ck_assert_int_eq(g->arrival, ARRIVAL_POISSON);
	ck_assert_int_eq(g->lifetime.kind, DIST_FOREVER);
	ck_assert_int_eq(g->node, 1);
	ck_assert(g->thp_fallback);
	a = &w.actions[0];
	ck_assert_int_eq(a->kind, ACTION_SYSCTL);
	ck_assert_int_eq(a->when, AT_TIME);
	ck_assert_uint_eq(a->offset, 1500 * NSEC_PER_MSEC);
	ck_assert_str_eq(a->sysctl_name, "extfrag_threshold");
	ck_assert_str_eq(a->sysctl_value, "400");
	a = &w.actions[1];
	ck_assert_int_eq(a->kind, ACTION_FREE);
	ck_assert_int_eq(a->when, AT_END);
	ck_assert_int_eq(a->generator, 0);
	ck_assert_double_eq_tol(a->fraction, 0.3, 1e-12);
	a = &w.actions[2];
	ck_assert_int_eq(a->kind, ACTION_ONLINE);
	ck_assert_int_eq(a->when, AT_START);
	ck_assert_uint_eq(a->count, 2);
	ck_assert_int_eq(a->online_as, ONLINE_KERNEL);
	ck_assert(strstr(w.text, "[generator h]"));
	workload_release(&w);
}
END_TEST

START_TEST(test_action_verbs)
{
	static const struct {
		const char *text;
		enum action_kind kind;
		uint64_t count;
	} verbs[] = {
		{ "compact_memory", ACTION_COMPACT_MEMORY, 0 },
		{ "drop_caches 3", ACTION_DROP_CACHES, 3 },
		{ "nr_hugepages 512", ACTION_NR_HUGEPAGES, 512 },
		{ "offline 4", ACTION_OFFLINE, 4 },
		{ "online 1", ACTION_ONLINE, 1 },
	};
	char text[256];

	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		struct workload w;

		snprintf(text, sizeof(text), "[phase p]\nduration = 1s\n"
			 "[action x]\nphase = p\ndo = %s\n", verbs[i].text);
		ck_assert_int_eq(load(&w, text), 0);
		ck_assert_int_eq(w.actions[0].kind, verbs[i].kind);
		ck_assert_uint_eq(w.actions[0].count, verbs[i].count);
		if (verbs[i].kind == ACTION_ONLINE)
			ck_assert_int_eq(w.actions[0].online_as,
					 ONLINE_MOVABLE);
		workload_release(&w);
	}
}
END_TEST

/*
 * compact_freelist_scan prices the fast search's free-list entries apart
 * when given; unset, it is compact_scan's, whatever sets that (the file,
 * or --set before the check), so a workload that prices scanning alone
 * is priced as before the key existed.
 */
START_TEST(test_freelist_scan_follows_compact_scan)
{
	struct workload w;
	const char *phase = "[phase p]\nduration = 1s\n";
	char text[256];

	ck_assert_int_eq(load(&w, phase), 0);
	ck_assert_uint_eq(w.costs.compact_freelist_scan, w.costs.compact_scan);
	workload_release(&w);
	snprintf(text, sizeof(text), "[costs]\ncompact_scan = 195ns\n%s", phase);
	ck_assert_int_eq(load(&w, text), 0);
	ck_assert_uint_eq(w.costs.compact_freelist_scan, 195);
	workload_release(&w);
	snprintf(text, sizeof(text), "[costs]\ncompact_scan = 195ns\n"
		 "compact_freelist_scan = 40ns\n%s", phase);
	ck_assert_int_eq(load(&w, text), 0);
	ck_assert_uint_eq(w.costs.compact_scan, 195);
	ck_assert_uint_eq(w.costs.compact_freelist_scan, 40);
	workload_release(&w);
	/* the command line's --set comes before the check */
	ck_assert_int_eq(load_unchecked(&w, phase), 0);
	ck_assert_int_eq(workload_set(&w, "costs.compact_scan=50ns", "--set"),
			 0);
	ck_assert_int_eq(workload_check(&w), 0);
	ck_assert_uint_eq(w.costs.compact_freelist_scan, 50);
	workload_release(&w);
}
END_TEST

START_TEST(test_set_overrides)
{
	struct workload w;

	ck_assert_int_eq(load(&w, "[phase p]\nduration = 1s\n"
			      "[generator g]\nphase = p\nkind = anon\n"
			      "rate = 1/s\n"), 0);
	ck_assert_int_eq(workload_set(&w, "g.rate=20/s", "--set"), 0);
	ck_assert_double_eq_tol(w.generators[0].rate, 20, 1e-9);
	ck_assert_int_eq(workload_set(&w, "p.duration=5s", "--set"), 0);
	ck_assert_uint_eq(w.phases[0].duration, 5 * NSEC_PER_SEC);
	ck_assert_int_eq(workload_set(&w, "costs.migrate=1us", "--set"), 0);
	ck_assert_uint_eq(w.costs.migrate, 1000);
	ck_assert_int_eq(workload_set(&w, "costs.compact_freelist_scan=7ns",
				      "--set"), 0);
	ck_assert_uint_eq(w.costs.compact_freelist_scan, 7);
	ck_assert(w.freelist_scan_set);
	ck_assert_int_eq(workload_set(&w, "nosuch.rate=1/s", "--set"), 1);
	ck_assert_int_eq(workload_set(&w, "g.rate=fast", "--set"), -1);
	ck_assert_int_eq(workload_set(&w, "g.colour=red", "--set"), -1);
	workload_release(&w);
}
END_TEST

/* Each of bad after head is refused. */
static void refuse_each(const char *head, const char *const *bad, size_t n)
{
	struct workload w;
	char text[512];

	for (size_t i = 0; i < n; i++) {
		snprintf(text, sizeof(text), "%s%s", head, bad[i]);
		ck_assert_msg(load(&w, text) == -1, "taken: %s", bad[i]);
		workload_release(&w);
	}
}

/*
 * duration = uniform(MIN, MAX): a phase whose length is drawn each time it
 * begins (a poll loop's wait); --set gives it back a fixed one; an action
 * at a time must come before the shortest; anything but uniform with
 * 0 < MIN < MAX is refused.
 */
START_TEST(test_drawn_phase_duration)
{
	static const char *const bad[] = {
		"uniform(0ms, 1s)\n", "uniform(2s, 1s)\n", "uniform(1s, 1s)\n",
		"exponential(1s)\n", "uniform(1s)\n", "phase\n", "forever\n",
		"uniform(1s, 2)\n",
		/* at = 300ms is not before the shortest, 280 ms */
		"uniform(280ms, 780ms)\n[action a]\nphase = p\nat = 300ms\n"
		"do = compact_memory\n",
	};
	struct workload w;

	ck_assert_int_eq(load(&w, "[phase p]\nduration = uniform(280ms, 780ms)\n"
			      "[action a]\nphase = p\nat = 250ms\n"
			      "do = compact_memory\n"), 0);
	ck_assert_uint_eq(w.phases[0].duration, 280 * NSEC_PER_MSEC);
	ck_assert_uint_eq(w.phases[0].duration_max, 780 * NSEC_PER_MSEC);
	ck_assert_int_eq(workload_set(&w, "p.duration=530ms", "--set"), 0);
	ck_assert_uint_eq(w.phases[0].duration, 530 * NSEC_PER_MSEC);
	ck_assert_uint_eq(w.phases[0].duration_max, 0);
	ck_assert_int_eq(workload_set(&w, "p.duration=uniform(1s, 2s)",
				      "--set"), 0);
	ck_assert_uint_eq(w.phases[0].duration, NSEC_PER_SEC);
	ck_assert_uint_eq(w.phases[0].duration_max, 2 * NSEC_PER_SEC);
	workload_release(&w);
	refuse_each("[phase p]\nduration = ", bad,
		    sizeof(bad) / sizeof(bad[0]));
}
END_TEST

/*
 * rate = R1, R2: one rate for each phase of phase =, matched as written
 * (phase = b, a: the first rate is b's though a runs first); one rate
 * serves every phase; a count that matches neither is refused.
 */
START_TEST(test_rate_per_phase)
{
	static const char *const head =
		"[phase a]\nduration = 1s\n[phase b]\nduration = 1s\n"
		"[generator g]\nkind = anon\n";
	static const char *const bad[] = {
		"phase = a, b\nrate = 1/s, 2/s, 3/s\n",
		"phase = a\nrate = 1/s, 2/s\n",
		"phase = a, b\nrate = 1/s, fast\n",
		"phase = a, b\nrate = 1/s,\n",
		"phase = a, b\nrate = 1/s, 2e9/s\n",
	};
	struct workload w;
	char text[512];

	snprintf(text, sizeof(text), "%sphase = b, a\nrate = 40/s, 10/ms\n",
		 head);
	ck_assert_int_eq(load(&w, text), 0);
	ck_assert_int_eq(w.generators[0].nr_rates, 2);
	ck_assert_double_eq_tol(generator_rate_in(&w.generators[0], 0), 10000,
				1e-9);
	ck_assert_double_eq_tol(generator_rate_in(&w.generators[0], 1), 40,
				1e-9);
	/* checked again (after a --set of another key): still matched */
	ck_assert_int_eq(workload_check(&w), 0);
	ck_assert_double_eq_tol(generator_rate_in(&w.generators[0], 0), 10000,
				1e-9);
	workload_release(&w);

	snprintf(text, sizeof(text), "%sphase = a, b\nrate = 5/s\n", head);
	ck_assert_int_eq(load(&w, text), 0);
	ck_assert_double_eq_tol(generator_rate_in(&w.generators[0], 1), 5,
				1e-9);
	ck_assert_int_eq(workload_set(&w, "g.rate=7/s, 9/s", "--set"), 0);
	ck_assert_int_eq(workload_check(&w), 0);
	ck_assert_double_eq_tol(generator_rate_in(&w.generators[0], 1), 9,
				1e-9);
	workload_release(&w);

	refuse_each(head, bad, sizeof(bad) / sizeof(bad[0]));
}
END_TEST

/* free ... over DURATION or at RATE: a generator of single blocks, in
 * allocation order. */
START_TEST(test_free_over)
{
	static const char *const head =
		"[phase p]\nduration = 1s\n[generator g]\nkind = anon\n"
		"rate = 1/s\n[generator o]\nkind = anon\nrate = 1/s\n"
		"pages = 4\n[process q]\n[action a]\nphase = p\n";
	static const char *const bad[] = {
		"do = free g 10% over\n", "do = free g 10% over 0s\n",
		"do = free g 10% over soon\n", "do = free g 10% over 1s x\n",
		"do = free g 10% in random order over 1s\n",
		"do = free o 10% over 1s\n", "do = free q 10% over 1s\n",
		"do = free g 10% at fast\n", "do = free g 10% over 1s at 5/s\n",
		"do = free o 10% at 5/s\n",
	};
	struct workload w;
	char text[512];

	snprintf(text, sizeof(text), "%sdo = free g (5%% * 2) over 150ms\n",
		 head);
	ck_assert_int_eq(load(&w, text), 0);
	ck_assert_uint_eq(w.actions[0].over, 150 * NSEC_PER_MSEC);
	workload_release(&w);
	snprintf(text, sizeof(text), "%sdo = free g 10%% in allocation order "
		 "over 2s\n", head);
	ck_assert_int_eq(load(&w, text), 0);
	ck_assert_uint_eq(w.actions[0].over, 2 * NSEC_PER_SEC);
	workload_release(&w);
	snprintf(text, sizeof(text), "%sdo = free g 10%% at 110000/s\n", head);
	ck_assert_int_eq(load(&w, text), 0);
	ck_assert_double_eq_tol(w.actions[0].over_rate, 110000, 1e-9);
	ck_assert_uint_eq(w.actions[0].over, 0);
	workload_release(&w);
	refuse_each(head, bad, sizeof(bad) / sizeof(bad[0]));

	/* a phase with no end of its own ends when the frees it began do */
	ck_assert_int_eq(load(&w, "[phase p]\nduration = 1s\n[generator g]\n"
			      "kind = anon\nrate = 1/s\n[phase q]\n"
			      "[action a]\ndo = free g 10% at 5/s\n"), 0);
	workload_release(&w);
	ck_assert_int_eq(load(&w, "[phase p]\nduration = 1s\n[generator g]\n"
			      "kind = anon\nrate = 1/s\n[phase q]\n"
			      "[action a]\nat = 1s\ndo = free g 10% at 5/s\n"),
			 -1);
	workload_release(&w);
}
END_TEST

START_TEST(test_checks_refuse)
{
	static const char *const bad[] = {
		/* a phase that can never end */
		"[phase p]\n[generator g]\nphase = p\nkind = anon\nrate = 1/s\n",
		/* until_requests with nothing making requests */
		"[phase p]\nuntil_requests = 5\n",
		/* until_shares with no share */
		"[phase p]\nuntil_shares = yes\n[generator g]\nphase = p\n"
		"kind = anon\nrate = 1/s\n",
		/* no phase at all */
		"[workload]\nname = x\n",
		/* a generator without kind, or rate, or phase */
		"[phase p]\nduration = 1s\n[generator g]\nphase = p\nrate = 1/s\n",
		"[phase p]\nduration = 1s\n[generator g]\nphase = p\nkind = anon\n",
		"[generator g]\nkind = anon\nrate = 1/s\n[phase p]\nduration = 1s\n",
		/* an unknown phase, an unknown generator to free */
		"[phase p]\nduration = 1s\n[action a]\nphase = q\ndo = compact_memory\n",
		"[phase p]\nduration = 1s\n[action a]\nphase = p\ndo = free g 10%\n",
		/* an action with nothing to do */
		"[phase p]\nduration = 1s\n[action a]\nphase = p\nat = end\n",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct workload w;

		ck_assert_msg(load(&w, bad[i]) == -1, "taken: %s", bad[i]);
		workload_release(&w);
	}
}
END_TEST


/* Names for test_expressions: x = 50000 (pages), y = 3. */
static double test_value(void *ctx, int name)
{
	const struct expr *e = ctx;

	return !strcmp(e->names[name], "x") ? 50000 : 3;
}

static double eval_text(const char *text)
{
	struct expr e;
	char err[160];
	double v;

	ck_assert_msg(!expr_parse(&e, text, err, sizeof(err)), "%s: %s", text,
		      err);
	v = expr_eval(&e, test_value, &e);
	expr_release(&e);
	return v;
}

/*
 * Worked by hand: 128M is 32768 pages and 64M 16384, so x - 128M is 17232,
 * at least 16384; * binds before +, comparisons before and/or, and not
 * applies to the comparison after it; a division by 0 gives 0.  mod
 * binds as * does and floors: 50000 = 195 * 256 + 80, -7 = -3 * 3 + 2.
 */
START_TEST(test_expressions)
{
	static const char *const bad[] = {
		"", "x <", "x = 3", "(x", "x)", "3 4", "x < 1 < 2", "80MB",
		"and", "x.", "1e999", "x mod", "mod 3", "x mod3", "xmod 3",
	};
	struct expr e;
	char err[160];

	ck_assert_double_eq(eval_text("x - 128M >= 64M"), 1);
	ck_assert_double_eq(eval_text("x - 128M"), 17232);
	ck_assert_double_eq(eval_text("1 + 2 * 3"), 7);
	ck_assert_double_eq(eval_text("(1 + 2) * 3"), 9);
	ck_assert_double_eq(eval_text("10% * 50"), 5);
	ck_assert_double_eq(eval_text("4K + 1G"), 1 + 262144);
	ck_assert_double_eq(eval_text("-y + 1"), -2);
	ck_assert_double_eq(eval_text("y / 0"), 0);
	ck_assert_double_eq(eval_text("x mod 256"), 80);
	ck_assert_double_eq(eval_text("x mod 256 == 80 and y mod 3 == 0"), 1);
	ck_assert_double_eq(eval_text("1 + x mod 256 * 2"), 161);
	ck_assert_double_eq(eval_text("-7 mod 3"), 2);
	ck_assert_double_eq(eval_text("7.5 mod 2"), 1.5);
	ck_assert_double_eq(eval_text("y mod 0"), 0);
	ck_assert_double_eq(eval_text("x < 1 or y == 3"), 1);
	ck_assert_double_eq(eval_text("x < 1 or y == 3 and x < 1"), 0);
	ck_assert_double_eq(eval_text("not x < 1"), 1);
	ck_assert_double_eq(eval_text("not y != 3 and 1"), 1);
	/* a '-' inside a name belongs to it; with blanks it subtracts */
	ck_assert_int_eq(expr_parse(&e, "pipe-slab.pages - 1", err,
				    sizeof(err)), 0);
	ck_assert_int_eq(e.nr_names, 1);
	ck_assert_str_eq(e.names[0], "pipe-slab.pages");
	expr_release(&e);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(expr_parse(&e, bad[i], err, sizeof(err)),
			      "\"%s\" was accepted", bad[i]);
		ck_assert_ptr_nonnull(strstr(err, "expected"));
	}
}
END_TEST

Suite *workload_suite(void)
{
	Suite *s = suite_create("workload");
	TCase *units = tcase_create("units");
	TCase *dist = tcase_create("distributions");
	TCase *parse = tcase_create("parser");

	tcase_add_test(units, test_durations);
	tcase_add_test(units, test_sizes_shares_rates_counts);
	tcase_add_test(dist, test_distribution_syntax);
	tcase_add_test(dist, test_lifetime_means);
	tcase_add_test(dist, test_order_mixes);
	tcase_add_test(parse, test_every_key);
	tcase_add_test(parse, test_action_verbs);
	tcase_add_test(parse, test_set_overrides);
	tcase_add_test(parse, test_freelist_scan_follows_compact_scan);
	tcase_add_test(parse, test_drawn_phase_duration);
	tcase_add_test(parse, test_rate_per_phase);
	tcase_add_test(parse, test_free_over);
	tcase_add_test(parse, test_checks_refuse);
	tcase_add_test(parse, test_expressions);
	suite_add_tcase(s, units);
	suite_add_tcase(s, dist);
	suite_add_tcase(s, parse);
	return s;
}
