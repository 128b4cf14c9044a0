/*
 * fuzz_run.c - libFuzzer harness of the engine: the input is a workload,
 * run as "fragsim run --check --max-sim-time 10ms" runs it, on a 64 MiB
 * two-CPU machine built in.  The readers' harnesses stop where a workload
 * is accepted; this one goes on to what the engine does with it, so that
 * an accepted workload that trips an invariant, an assert or a sanitizer
 * is a finding, and one that does not end (libFuzzer's -timeout) too.
 */
#include <stdlib.h>

#include "experiment/run.h"
#include "fuzz.h"
#include "machine/model.h"
#include "mm/machine.h"
#include "mm/printk.h"
#include "sim/sim.h"
#include "workload/workload.h"

/* Small, so that a boot costs little: one node, as QEMU "pc" lays out RAM. */
static const char fuzz_machine[] =
	"[machine]\n"
	"arch = x86_64\n"
	"cmdline = console=ttyS0\n"
	"cpus = 2\n"
	"[node 0]\n"
	"mem = 0x1000-0x9efff\n"
	"mem = 0x100000-0x3ffffff\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sim_params params = { .seed = 1, .check = true,
				     .max_time = 10 * NSEC_PER_MSEC };
	struct printk_log log;
	struct mm_state mm;
	struct machine m;
	struct workload w;
	struct sim s;

	if (model_load(&m, fuzz_file(1, (const uint8_t *)fuzz_machine,
				     sizeof(fuzz_machine) - 1)))
		abort();	/* the harness's own machine: never bad */
	if (workload_load(&w, fuzz_file(0, data, size))) {
		machine_release(&m);
		return 0;
	}
	printk_init(&log);
	if (workload_check(&w) || mm_init(&mm, &m, &log))
		goto out;
	if (!experiment_check_placement(&w, &mm)) {
		sim_init(&s, &mm, &w, &params, NULL);
		sim_run(&s);
		/* --check recounted the state at a phase end and disagreed */
		if (s.check_failures)
			abort();
		sim_release(&s);
	}
	mm_release(&mm);
out:
	printk_release(&log);
	workload_release(&w);
	machine_release(&m);
	return 0;
}
