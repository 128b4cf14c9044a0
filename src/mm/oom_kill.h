/*
 * oom_kill.h - the OOM killer (mm/oom_kill.c): when reclaim and compaction
 * cannot serve a request, kill the task whose death frees the most memory.
 *
 * The allocator knows no tasks of its own: whoever runs the machine (the
 * engine, src/sim) registers a table of them in mm->oom, keeps their memory
 * counters (what get_mm_rss and mm_pgtables_bytes read) as it hands out and
 * takes back blocks, and frees a victim's memory when asked to kill it.
 * With no table, out_of_memory finds nothing to kill.
 */
#ifndef FRAGSIM_MM_OOM_KILL_H
#define FRAGSIM_MM_OOM_KILL_H

#include <stdbool.h>

#include "mm/gfp.h"

struct mm_state;

/* include/uapi/linux/oom.h */
#define OOM_SCORE_ADJ_MIN	(-1000)
#define OOM_SCORE_ADJ_MAX	1000

#define TASK_COMM_LEN		16

/*
 * A task as the OOM killer sees it (task_struct and its mm_struct).  The
 * counters are pages, as the kernel's are; whoever registers the table
 * keeps them (oom_badness reads the rss counters and page tables, the
 * "Killed process" line prints them all).
 */
struct oom_task {
	char comm[TASK_COMM_LEN];
	int pid;
	unsigned int uid;		/* task_uid, as from_kuid prints it */
	short oom_score_adj;
	unsigned long total_vm;		/* mm->total_vm: pages mapped */
	unsigned long anon_rss;		/* MM_ANONPAGES */
	unsigned long file_rss;		/* MM_FILEPAGES */
	unsigned long shmem_rss;	/* MM_SHMEMPAGES */
	unsigned long pgtables;		/* mm_pgtables_bytes / PAGE_SIZE */
	bool exited;			/* killed: no mm any more */
};

struct oom_tasks {
	struct oom_task *task;		/* in creation order (for_each_process) */
	int nr;
	int current;			/* the task allocating now, or -1 */
	/* Free every page the task held; called once per victim. */
	void (*kill)(void *ctx, int task);
	void *ctx;
};

/* mm/oom_kill.c: oom_badness - LONG_MIN for a task never to be killed. */
long oom_badness(const struct oom_task *t, unsigned long totalpages);

/*
 * mm/oom_kill.c: select_bad_process - the index of the task with the
 * highest badness (the last one found on a tie), or -1.
 */
int select_bad_process(const struct oom_tasks *tasks, unsigned long totalpages);

/*
 * mm/oom_kill.c: out_of_memory - kill a task for a request of this gfp and
 * order that nothing else could serve.  True if memory was freed.
 */
bool out_of_memory(struct mm_state *mm, gfp_t gfp, unsigned int order);

#endif
