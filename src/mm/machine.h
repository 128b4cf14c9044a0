/*
 * machine.h - the description of a machine fragsim boots: its architecture,
 * its memory per NUMA node, the memory reserved before NUMA setup, and its
 * boot command line.  Read from a model file or a real boot log
 * (src/machine/), consumed by mm_boot (boot.h).
 */
#ifndef FRAGSIM_MM_MACHINE_H
#define FRAGSIM_MM_MACHINE_H

#include <stdbool.h>

#include "mm/arch.h"
#include "mm/memblock.h"
#include "mm/mmzone.h"
#include "mm/sysctl.h"
#include "util/diag.h"

struct machine {
	const struct arch *arch;
	struct memblock_type memory;	/* memblock.memory */
	struct memblock_type reserved;	/* memblock.reserved at NUMA setup */
	/* Reserved at boot and freed after the initcalls that set the
	 * watermarks: the initrd (free_initrd_mem) and the kernel's init
	 * sections (free_initmem). */
	struct memblock_type late_free;
	bool boot_allocations;		/* reserve memmap and hash tables */
	bool node_declared[MAX_NUMNODES];
	int nr_cpus;			/* CPUs (default 2, as the oracle's guests) */
	unsigned int hz;		/* CONFIG_HZ (default MACHINE_DEFAULT_HZ) */
	int cpu_node[256];		/* node of each CPU; -1: by default */
	int node_distance[MAX_NUMNODES][MAX_NUMNODES];	/* 0: by default */
	struct vm_sysctl sysctl;	/* sysctls at boot */
	char *cmdline;			/* boot command line, never NULL */
	struct diag_loc cmdline_loc;	/* where cmdline came from */
	char *source;			/* file the machine was read from */
};

/* CONFIG_HZ of Debian's 6.1 kernels, amd64 and i386 alike */
#define MACHINE_DEFAULT_HZ	250

/* What a bad hz value is told: CONFIG_HZ's range and its usual choices. */
#define MACHINE_HZ_EXPECTED \
	"expected CONFIG_HZ, a number of ticks a second from 24 to 1000 " \
	"(100, 250, 300, 1000)"

/* Parse CONFIG_HZ into *hz; 0, or -1 if value is not one. */
int machine_parse_hz(const char *value, unsigned int *hz);

void machine_init(struct machine *m, const struct arch *arch,
		  const char *source);
void machine_release(struct machine *m);
void machine_set_cmdline(struct machine *m, const char *cmdline,
			 struct diag_loc loc);

/*
 * What a Debian 6.1 kernel keeps reserved of its own image after boot
 * (code, rodata, data, bss; the init sections and alignment gaps are freed):
 * 44 MiB + 216 KiB at CONFIG_PHYSICAL_START, fitted to the oracle boots.
 */
#define KERNEL_IMAGE_RESERVED	((44ULL << 20) + (54ULL << 12))

/*
 * What the kernel frees of its image after the initcalls (Debian's
 * 6.1.192: unused decrypted memory 2036K, initmem 2824K, text/rodata gap
 * 2040K, rodata/data gap 1108K, as its boot log says).
 */
#define KERNEL_INITMEM		(8008ULL << 10)

/*
 * Reserve what every boot reserves unless the description says otherwise:
 * the first MiB (x86 keeps it for the BIOS and real-mode trampoline), the
 * kernel image, and its init sections until free_initmem.
 */
void machine_default_reservations(struct machine *m);

/* The node of a CPU: as set, else CPUs go round-robin over the nodes with
 * memory (as QEMU assigns them in the oracle's NUMA guests). */
int machine_cpu_node(const struct machine *m, int cpu);

/*
 * Whether fragsim can model the machine's memory: its span, first to last
 * page, must be under 2 TiB (the memmap's frame words index 2^29 pages),
 * and it must end below 256 TiB (a block record packs its pfn in PFN_BITS).
 * Every command boots through mm_boot, which checks this first, so that
 * "layout" of an exabyte stops here instead of walking 2^33 sections.
 * Prints the error; 0 if it can.
 */
int machine_check_span(const struct machine *m);

/* SLIT distance between nodes: as set, else 10 local and 20 remote. */
int machine_node_distance(const struct machine *m, int a, int b);

#endif
