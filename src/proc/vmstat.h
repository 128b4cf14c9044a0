/*
 * vmstat.h - /proc/vmstat: "name value" lines, with the kernel's names and
 * in the kernel's order (mm/vmstat.c: vmstat_text), for the counters
 * fragsim keeps.
 */
#ifndef FRAGSIM_PROC_VMSTAT_H
#define FRAGSIM_PROC_VMSTAT_H

#include <stdio.h>

#include "mm/page_alloc.h"
#include "proc/snapshot.h"

void vmstat_print(FILE *out, const struct proc_snapshot *ps);

#endif
