/*
 * run.h - the parts of "fragsim run" that live outside its main file.
 */
#ifndef FRAGSIM_CLI_RUN_H
#define FRAGSIM_CLI_RUN_H

#include <stdio.h>

#include "sim/sim.h"
#include "workload/units.h"

/* The end-of-run summary (run_summary.c). */
void run_print_summary(FILE *out, const struct sim *s);

#endif
