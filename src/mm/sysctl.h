/*
 * sysctl.h - the vm sysctls the model obeys (/proc/sys/vm/...), with the
 * kernel's defaults and ranges, settable by name from a model file, a
 * --set option or a workload action.
 */
#ifndef FRAGSIM_MM_SYSCTL_H
#define FRAGSIM_MM_SYSCTL_H

#include <stdbool.h>

#include "mm/mmzone.h"

struct vm_sysctl {
	int min_free_kbytes;		/* computed at boot unless set */
	int user_min_free_kbytes;	/* -1: never written */
	int watermark_scale_factor;	/* 10 (0.1%), 1..3000 */
	int watermark_boost_factor;	/* 15000 (150%), >= 0 */
	int lowmem_reserve_ratio[MAX_NR_ZONES];
	int percpu_pagelist_high_fraction;	/* 0: from the low watermark */
	int extfrag_threshold;		/* 500, 0..1000 */
	int compaction_proactiveness;	/* 20, 0..100 */
	/* written since mm_apply_sysctl last looked: its handler wakes
	 * kcompactd on every write, whatever the value was */
	bool compaction_proactiveness_written;
	bool pcp_enabled;		/* fragsim: model the per-cpu lists */
	bool thp_enabled;		/* transparent_hugepage/enabled != never */
	/* fragsim, at boot only: false forces page_group_by_mobility_disabled
	 * (the kernel decides it from the memory size alone) */
	bool mobility_grouping;
};

/* The defaults of Linux 6.1 as Debian configures it. */
void vm_sysctl_defaults(struct vm_sysctl *s);

/*
 * Set the sysctl called name ("min_free_kbytes", "vm.min_free_kbytes",
 * "lowmem_reserve_ratio" takes "256 256 32 0 0") from text.  Returns 0, or
 * -1 with a message in err (of errlen bytes) saying what was expected.
 */
int vm_sysctl_set(struct vm_sysctl *s, const char *name, const char *value,
		  char *err, int errlen);

#endif
