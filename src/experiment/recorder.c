/*
 * recorder.c - the engine's observer that records a run in the store:
 * a snapshot at every tick, the pageblock maps at their coarser interval,
 * actions with their result line and tracepoints with their simulated
 * time.
 */
#include <stdlib.h>

#include "experiment/recorder.h"
#include "store/store.h"
#include "util/xalloc.h"

void run_recorder_init(struct run_recorder *rec, struct store *st,
			 const struct mm_state *mm, sim_time_t map_interval)
{
	*rec = (struct run_recorder){ .st = st, .mm = mm,
					.map_interval = map_interval };
	proc_snapshot_init(&rec->ps, mm);
}

void run_recorder_release(struct run_recorder *rec)
{
	proc_snapshot_release(&rec->ps);
	free(rec->map);
	rec->map = NULL;
}

/* Every zone's pageblock map, at the tick just written. */
static void record_maps(struct run_recorder *rec)
{
	const struct zone_layout *l = &rec->mm->layout;

	rec->nr_maps_at_last_tick = rec->nr_ticks;

	for (int i = 0; i < rec->ps.t.nr_zones; i++) {
		const struct zone_sample *zs = &rec->ps.t.zones[i];
		const struct zone *z = &l->node_data[zs->nid]
						.node_zones[zs->type];
		size_t n = zone_nr_pageblocks(z);

		if (!n)
			continue;
		rec->map = xgrow(rec->map, &rec->map_cap, n, 1);
		zone_pageblock_map(rec->mm, z, rec->map);
		if (store_map(rec->st, i, pageblock_start_pfn(z->zone_start_pfn),
			      rec->map, n))
			rec->errors++;
	}
}

void run_recorder_tick(void *ctx, const struct sim *s)
{
	struct run_recorder *rec = ctx;

	proc_snapshot_take(&rec->ps, rec->mm);
	rec->ps.t.time = s->now;
	rec->ps.t.phase = s->phase;
	rec->ps.t.nr_hugepages = s->hstate.nr_huge_pages;
	if (store_tick(rec->st, &rec->ps)) {
		rec->errors++;
		return;
	}
	rec->nr_ticks++;
	/* maps on a fixed grid of simulated time, starting at the first
	 * tick, so that runs of one sweep line up */
	if (rec->map_interval && s->now >= rec->next_map) {
		record_maps(rec);
		rec->next_map = (s->now / rec->map_interval + 1) *
				rec->map_interval;
	}
}

void run_recorder_final_maps(struct run_recorder *rec)
{
	/* the run's final picture, unless the grid just took it */
	if (rec->map_interval && rec->nr_ticks &&
	    rec->nr_maps_at_last_tick != rec->nr_ticks)
		record_maps(rec);
}

static void moment(struct run_recorder *rec, const struct sim *s,
		   const char *kind, const char *name)
{
	if (rec->errors || !rec->nr_ticks)
		return;
	if (store_moment(rec->st, s->now, kind, name, rec->nr_ticks - 1))
		rec->errors++;
}

/* A phase begins in the state of the tick its predecessor ended with
 * (or the run's first). */
void run_recorder_phase_begin(void *ctx, const struct sim *s, int phase)
{
	moment(ctx, s, "phase_start", s->w->phases[phase].name);
}

/* end_phase has just taken its tick. */
void run_recorder_phase_end(void *ctx, const struct sim *s, int phase)
{
	moment(ctx, s, "phase_end", s->w->phases[phase].name);
}

/* The state an action starts from: a tick of its own. */
void run_recorder_action_start(void *ctx, const struct sim *s,
				 const struct action *a)
{
	run_recorder_tick(ctx, s);
	moment(ctx, s, "action_start", a->name);
}

void run_recorder_first_failure(void *ctx, const struct sim *s,
				  unsigned int order)
{
	char name[16];

	run_recorder_tick(ctx, s);
	snprintf(name, sizeof(name), "%u", order);
	moment(ctx, s, "first_failure", name);
}

void run_recorder_action(void *ctx, const struct sim *s,
			   const struct action *a, const char *result)
{
	struct run_recorder *rec = ctx;

	if (store_action(rec->st, s->now, s->phase, a->name, result))
		rec->errors++;
}

void run_recorder_trace(struct run_recorder *rec, sim_time_t now,
			  const char *event, const char *text)
{
	if (store_trace(rec->st, now, event, text))
		rec->errors++;
}

void run_recorder_kernel_log(struct run_recorder *rec,
			       const struct printk_log *log)
{
	for (size_t i = 0; i < log->cnt && !rec->errors; i++)
		if (store_message(rec->st, log->time_ns[i], log->lines[i]))
			rec->errors++;
}
