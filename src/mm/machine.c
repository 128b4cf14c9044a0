/*
 * machine.c - life cycle of a machine description.
 */
#include <stdlib.h>
#include <string.h>

#include "mm/machine.h"
#include "mm/memmap.h"
#include "util/parse_num.h"
#include "util/xalloc.h"

void machine_init(struct machine *m, const struct arch *arch,
		  const char *source)
{
	memset(m, 0, sizeof(*m));
	m->arch = arch;
	memblock_init(&m->memory);
	memblock_init(&m->reserved);
	memblock_init(&m->late_free);
	m->boot_allocations = true;
	m->cmdline = xstrdup("");
	m->source = xstrdup(source);
	m->cmdline_loc = DIAG_LOC(m->source, 0);
	m->nr_cpus = 2;
	m->hz = MACHINE_DEFAULT_HZ;
	for (int i = 0; i < 256; i++)
		m->cpu_node[i] = -1;
	vm_sysctl_defaults(&m->sysctl);
}

int machine_parse_hz(const char *value, unsigned int *hz)
{
	uint64_t n;

	/* HZ_100 .. HZ_1000; msecs_to_jiffies needs one tick at least */
	if (!parse_u64_all(value, 10, 1000, &n) || n < 24)
		return -1;
	*hz = (unsigned int)n;
	return 0;
}

void machine_default_reservations(struct machine *m)
{
	if (!memblock_overlaps(&m->reserved, 0, 1 << 20))
		memblock_add_node(&m->reserved, 0, 1 << 20, MAX_NUMNODES, 0);
	if (!memblock_overlaps(&m->reserved, m->arch->physical_start,
			       KERNEL_IMAGE_RESERVED))
		memblock_add_node(&m->reserved, m->arch->physical_start,
				  KERNEL_IMAGE_RESERVED, MAX_NUMNODES, 0);
	if (!memblock_overlaps(&m->late_free, m->arch->physical_start +
			       KERNEL_IMAGE_RESERVED, KERNEL_INITMEM))
		memblock_add_node(&m->late_free, m->arch->physical_start +
				  KERNEL_IMAGE_RESERVED, KERNEL_INITMEM,
				  MAX_NUMNODES, 0);
}

int machine_cpu_node(const struct machine *m, int cpu)
{
	int nodes[MAX_NUMNODES], n = 0;

	if (m->cpu_node[cpu] >= 0)
		return m->cpu_node[cpu];
	for (size_t i = 0; i < m->memory.cnt; i++) {
		int nid = m->memory.regions[i].nid;

		if (n == 0 || nodes[n - 1] != nid) {
			int seen = 0;

			for (int j = 0; j < n; j++)
				seen |= nodes[j] == nid;
			if (!seen)
				nodes[n++] = nid;
		}
	}
	return n ? nodes[cpu % n] : 0;
}

int machine_node_distance(const struct machine *m, int a, int b)
{
	if (m->node_distance[a][b])
		return m->node_distance[a][b];
	return a == b ? 10 : 20;
}

void machine_release(struct machine *m)
{
	memblock_release(&m->memory);
	memblock_release(&m->reserved);
	memblock_release(&m->late_free);
	free(m->cmdline);
	free(m->source);
	memset(m, 0, sizeof(*m));
}

void machine_set_cmdline(struct machine *m, const char *cmdline,
			 struct diag_loc loc)
{
	free(m->cmdline);
	m->cmdline = xstrdup(cmdline);
	m->cmdline_loc = loc;
}

int machine_check_span(const struct machine *m)
{
	uint64_t lo, hi;

	if (!m->memory.cnt)
		return 0;
	lo = memblock_start_of_DRAM(&m->memory) >> PAGE_SHIFT;
	hi = (memblock_end_of_DRAM(&m->memory) + PAGE_SIZE - 1) >> PAGE_SHIFT;
	if (hi - lo > FRAME_INDEX_MASK) {
		diag_error(DIAG_LOC(m->source, 0), "the memory spans %llu GiB "
			   "of physical addresses (pfn %#llx to %#llx); fragsim "
			   "models a machine whose memory spans less than 2 TiB "
			   "(2^29 pages)",
			   (unsigned long long)(hi - lo) >> (30 - PAGE_SHIFT),
			   (unsigned long long)lo, (unsigned long long)hi);
		return -1;
	}
	if (hi > UINT64_C(1) << PFN_BITS) {
		diag_error(DIAG_LOC(m->source, 0), "the memory ends at pfn "
			   "%#llx; fragsim models physical addresses below "
			   "256 TiB (2^%d pages)", (unsigned long long)hi,
			   PFN_BITS);
		return -1;
	}
	return 0;
}
