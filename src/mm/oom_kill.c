/*
 * oom_kill.c - choosing and killing a task when memory runs out
 * (mm/oom_kill.c: oom_badness, select_bad_process, out_of_memory,
 * oom_kill_process; Linux 6.1), over the task table the machine's driver
 * registers (oom_kill.h).  No memory cgroups, cpusets or mempolicies: every
 * OOM is the global kind (CONSTRAINT_NONE), and there is no swap.
 */
#include <limits.h>
#include <stdio.h>

#include "mm/oom_kill.h"
#include "mm/page_alloc.h"
#include "mm/printk.h"

/* mm/oom_kill.c: oom_badness */
long oom_badness(const struct oom_task *t, unsigned long totalpages)
{
	long points, adj = t->oom_score_adj;

	/* no mm (already killed) or explicitly unkillable */
	if (t->exited || adj == OOM_SCORE_ADJ_MIN)
		return LONG_MIN;
	/* get_mm_rss + MM_SWAPENTS (no swap) + page tables */
	points = (long)(t->anon_rss + t->file_rss + t->shmem_rss +
			t->pgtables);
	/* oom_score_adj in units of a thousandth of memory */
	adj *= (long)(totalpages / 1000);
	return points + adj;
}

/* mm/oom_kill.c: select_bad_process, over oom_evaluate_task; victims exit
 * at once here, so none is ever still dying (the kernel's "abort") */
int select_bad_process(const struct oom_tasks *tasks, unsigned long totalpages)
{
	long chosen_points = LONG_MIN;
	int chosen = -1;

	for (int i = 0; i < tasks->nr; i++) {
		long points = oom_badness(&tasks->task[i], totalpages);

		if (points == LONG_MIN || points < chosen_points)
			continue;
		chosen = i;
		chosen_points = points;
	}
	return chosen;
}

/* The name and oom_score_adj of the task allocating now. */
static void current_task(const struct oom_tasks *tasks, const char **comm,
			 short *adj)
{
	*comm = "fragsim";	/* a request of no registered task */
	*adj = 0;
	if (tasks && tasks->current >= 0) {
		*comm = tasks->task[tasks->current].comm;
		*adj = tasks->task[tasks->current].oom_score_adj;
	}
}

/* lib/vsprintf.c: bitmap_list_string (%*pbl) of the online nodes */
static void online_nodes_list(const struct mm_state *mm, char *buf,
			      size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++) {
		int last = nid;

		if (!mm->layout.node_data[nid].online)
			continue;
		while (last + 1 < mm->layout.nr_node_ids &&
		       mm->layout.node_data[last + 1].online)
			last++;
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0,
					 last > nid ? "%s%d-%d" : "%s%d",
					 used ? "," : "", nid, last);
		nid = last;
	}
}

/* K(x): pages to kB */
static unsigned long K(unsigned long pages)
{
	return pages * (PAGE_SIZE / 1024);
}

/*
 * mm/oom_kill.c: oom_kill_process, __oom_kill_process: the lines of its
 * report that fragsim has figures for - dump_header's first line,
 * dump_oom_summary (a global OOM: no memcg, cpuset "/") and the "Killed
 * process" line as __oom_kill_process prints it; no Mem-Info dump or task
 * list.
 */
static void oom_kill_process(struct mm_state *mm, int victim, gfp_t gfp,
			     unsigned int order)
{
	struct oom_tasks *tasks = mm->oom;
	struct oom_task *t = &tasks->task[victim];
	const char *comm;
	char nodes[64];
	char flags[256];
	short adj;

	current_task(tasks, &comm, &adj);
	if (mm->log) {
		online_nodes_list(mm, nodes, sizeof(nodes));
		/* dump_header: the mask, then %pGg's names of its flags */
		gfp_format(gfp, flags, sizeof(flags));
		printk(mm->log, "%s invoked oom-killer: gfp_mask=%#x(%s), "
		       "order=%u, oom_score_adj=%d", comm, gfp, flags, order,
		       adj);
		printk(mm->log, "oom-kill:constraint=CONSTRAINT_NONE,"
		       "nodemask=(null),cpuset=/,mems_allowed=%s,global_oom,"
		       "task_memcg=/,task=%s,pid=%d,uid=%u", nodes, t->comm,
		       t->pid, t->uid);
		printk(mm->log, "Out of memory: Killed process %d (%s) "
		       "total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, "
		       "shmem-rss:%lukB, UID:%u pgtables:%lukB "
		       "oom_score_adj:%d", t->pid, t->comm, K(t->total_vm),
		       K(t->anon_rss), K(t->file_rss), K(t->shmem_rss), t->uid,
		       K(t->pgtables), t->oom_score_adj);
	}
	mm->vm_events[OOM_KILL]++;
	t->exited = true;
	tasks->kill(tasks->ctx, victim);
}

/* mm/oom_kill.c: out_of_memory */
bool out_of_memory(struct mm_state *mm, gfp_t gfp, unsigned int order)
{
	static const char no_victim[] =
		"Out of memory and no killable processes...";
	int victim;

	/*
	 * "The OOM killer does not compensate for IO-less reclaim": the
	 * kernel reports progress and the request loops until others free
	 * memory; nothing else runs during a request here, so it fails.
	 */
	if (!(gfp & __GFP_FS))
		return false;
	/* totalpages: totalram_pages() + total_swap_pages (none) */
	victim = mm->oom ? select_bad_process(mm->oom, totalram_pages(mm)) : -1;
	if (victim < 0) {
		/* the kernel panics ("System is deadlocked on memory");
		 * the model fails the request, says so once, and the
		 * engine ends the run there (sim.c) */
		if (!mm->warned_no_oom_victim && mm->log)
			printk(mm->log, "%s", no_victim);
		mm->warned_no_oom_victim = true;
		return false;
	}
	oom_kill_process(mm, victim, gfp, order);
	return true;
}
