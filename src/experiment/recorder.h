/*
 * recorder.h - the engine's observer that records a run into the store
 * (recorder.c), through the store's public interface: the experiment
 * layer ties the engine to the store, so that the store's readers (plot,
 * export, report, merge) do not compile against the engine's observer.
 */
#ifndef FRAGSIM_EXPERIMENT_RECORDER_H
#define FRAGSIM_EXPERIMENT_RECORDER_H

#include "sim/sim.h"
#include "store/store.h"

/*
 * The engine's observer that records a run (recorder.c): its callbacks
 * take ctx = the recorder.  Errors are counted, reported once each by the
 * store, and stop the writing (the run is then marked failed).
 */
struct run_recorder {
	struct store *st;
	const struct mm_state *mm;
	struct proc_snapshot ps;
	sim_time_t map_interval, next_map;	/* 0: no maps */
	int64_t nr_ticks;		/* ticks recorded */
	int64_t nr_maps_at_last_tick;	/* nr_ticks when maps were taken */
	uint8_t *map;
	size_t map_cap;
	int errors;
};

void run_recorder_init(struct run_recorder *rec, struct store *st,
			 const struct mm_state *mm, sim_time_t map_interval);
void run_recorder_release(struct run_recorder *rec);
void run_recorder_tick(void *ctx, const struct sim *s);
/* Maps of the last tick recorded (the run's end), if not taken yet. */
void run_recorder_final_maps(struct run_recorder *rec);
void run_recorder_action(void *ctx, const struct sim *s,
			   const struct action *a, const char *result);
/* The moments --at names (run_moments): each with its tick. */
void run_recorder_phase_begin(void *ctx, const struct sim *s, int phase);
void run_recorder_phase_end(void *ctx, const struct sim *s, int phase);
void run_recorder_action_start(void *ctx, const struct sim *s,
				 const struct action *a);
void run_recorder_first_failure(void *ctx, const struct sim *s,
				  unsigned int order);
/* A tracepoint (mm->trace) at simulated time now. */
void run_recorder_trace(struct run_recorder *rec, sim_time_t now,
			  const char *event, const char *text);
/* The run's kernel log, boot included, at the run's end. */
void run_recorder_kernel_log(struct run_recorder *rec,
			       const struct printk_log *log);

#endif
