/*
 * buddyinfo.h - /proc/buddyinfo and /proc/pagetypeinfo in the kernel's
 * exact formats (mm/vmstat.c: frag_show_print, pagetypeinfo_show), printed
 * from a snapshot (a live machine's or a stored tick's).
 */
#ifndef FRAGSIM_PROC_BUDDYINFO_H
#define FRAGSIM_PROC_BUDDYINFO_H

#include <stdio.h>

#include "mm/page_alloc.h"
#include "proc/snapshot.h"

void buddyinfo_print(FILE *out, const struct proc_snapshot *ps);
void pagetypeinfo_print(FILE *out, const struct proc_snapshot *ps);

#endif
