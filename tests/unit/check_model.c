/*
 * check_model.c - machine model files and boot logs as readers of a
 * struct machine: every key, both range forms, the shipped models, and
 * bad input refused.  (The messages' file:line text is checked by
 * tests/cli/bad_input.sh.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "machine/bootlog.h"
#include "machine/model.h"
#include "suites.h"

static char path[64];
static struct machine m;

static void teardown(void)
{
	if (path[0])
		unlink(path);
	path[0] = '\0';
}

/* Write text to a temporary file and load it as a model; a test loads
 * several, and each replaces the one before. */
static int load_text(const char *text)
{
	FILE *f;
	int fd;

	teardown();
	snprintf(path, sizeof(path), "/tmp/fragsim-model-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	fflush(stderr);
	return model_load(&m, path);
}

static uint64_t total_memory(const struct machine *mach)
{
	uint64_t sum = 0;

	for (size_t i = 0; i < mach->memory.cnt; i++)
		sum += mach->memory.regions[i].size;
	return sum;
}

START_TEST(test_every_key)
{
	ck_assert_int_eq(load_text(
		"# a comment\n"
		"[machine]\n"
		"arch = i386\n"
		"description = test box\n"
		"cmdline = kernelcore=64M\n"
		"cpus = 4\n"
		"hz = 1000\n"
		"reserved = 0x0-0xfff\n"
		"boot_allocations = no\n"
		"[node 0]\n"
		"mem = 0x1000-0x9efff\n"
		"mem = 1G@0x100000 mirror\n"
		"cpus = 0-1,3\n"
		"distance = 10 21\n"
		"[node 1]\n"
		"mem = 0x40100000-0x7fffffff hotplug\n"
		"[sysctl]\n"
		"vm.min_free_kbytes = 2048\n"
		"watermark_scale_factor = 100\n"), 0);
	ck_assert_str_eq(m.arch->name, "i386");
	ck_assert_str_eq(m.cmdline, "kernelcore=64M");
	ck_assert_int_eq(m.nr_cpus, 4);
	ck_assert_uint_eq(m.hz, 1000);
	ck_assert(!m.boot_allocations);
	ck_assert_uint_eq(m.reserved.cnt, 1);
	ck_assert_uint_eq(m.memory.cnt, 3);
	ck_assert_uint_eq(m.memory.regions[1].base, 0x100000);
	ck_assert_uint_eq(m.memory.regions[1].size, 1ULL << 30);
	ck_assert_uint_eq(m.memory.regions[1].flags, MEMBLOCK_MIRROR);
	ck_assert_uint_eq(m.memory.regions[2].flags, MEMBLOCK_HOTPLUG);
	ck_assert_int_eq(m.memory.regions[2].nid, 1);
	ck_assert_int_eq(machine_cpu_node(&m, 3), 0);
	/* CPU 2 has no node set: round-robin over nodes 0 and 1 gives 0 */
	ck_assert_int_eq(machine_cpu_node(&m, 2), 0);
	ck_assert_int_eq(machine_node_distance(&m, 0, 1), 21);
	ck_assert_int_eq(machine_node_distance(&m, 1, 0), 20);	/* default */
	ck_assert_int_eq(m.sysctl.min_free_kbytes, 2048);
	ck_assert_int_eq(m.sysctl.user_min_free_kbytes, 2048);
	ck_assert_int_eq(m.sysctl.watermark_scale_factor, 100);
	machine_release(&m);
}
END_TEST

/* The default reservations: the first MiB, the kernel image, and its
 * init sections until after the initcalls. */
START_TEST(test_default_reservations)
{
	ck_assert_int_eq(load_text("[node 0]\nmem = 4G@0x100000000\n"), 0);
	ck_assert(memblock_overlaps(&m.reserved, 0, 1));
	ck_assert(memblock_overlaps(&m.reserved, 0x1000000, 1));
	ck_assert(memblock_overlaps(&m.late_free, 0x1000000 + KERNEL_IMAGE_RESERVED, 1));
	ck_assert(m.boot_allocations);
	ck_assert_int_eq(m.nr_cpus, 2);
	ck_assert_uint_eq(m.hz, MACHINE_DEFAULT_HZ);
	machine_release(&m);
}
END_TEST

START_TEST(test_errors)
{
	ck_assert_int_eq(load_text("[node 0]\nmemory = 1G@0\n"), -1);
	ck_assert_int_eq(load_text("[nodes 0]\nmem = 1G@0\n"), -1);
	ck_assert_int_eq(load_text("[node 64]\nmem = 1G@0\n"), -1);
	ck_assert_int_eq(load_text("[machine]\narch = sparc\n[node 0]\nmem = 1G@0\n"), -1);
	ck_assert_int_eq(load_text("[node 0]\nmem = 0x2000-0x1000\n"), -1);
	ck_assert_int_eq(load_text("[node 0]\nmem = 1G@0\nmem = 0x1000-0x2fff\n"), -1);
	ck_assert_int_eq(load_text("[node 0]\nmem = 1G@0 hotpluggable\n"), -1);
	ck_assert_int_eq(load_text("[machine]\narch = x86_64\n"), -1);
	ck_assert_int_eq(load_text("[node 0]\nmem = 1G@0\nno equals here\n"), -1);
	ck_assert_int_eq(load_text("[node 0]\nmem = 1G@0\n[sysctl]\nbogus = 1\n"), -1);
	ck_assert_int_eq(load_text("[node 0]\nmem = 1G@0\n[sysctl]\nextfrag_threshold = 1001\n"), -1);
	ck_assert_int_eq(load_text("[node 0]\nmem = 0x800-0xbff\n"), -1);	/* no whole page */
}
END_TEST

/* The shipped models: node counts and memory as their comments say. */
START_TEST(test_shipped_models)
{
	static const struct {
		const char *name;
		int nodes;
		uint64_t memory;
	} models[] = {
		/* 4 GiB less page 0, 640K-1M and 3G-128K..3G (the rest of
		 * the PCI hole's RAM sits above 4 GiB) */
		{ "x86_64-4g.ini", 1, (4ULL << 30) - 0x20000 - 0x61000 - 0x1000 },
		{ "x86_64-2node-16g.ini", 2, (16ULL << 30) - 0x20000 - 0x61000 - 0x1000 },
		{ "x86_64-3node-unequal.ini", 3, (9ULL << 30) - (64ULL << 20) - 0x61000 - 0x1000 },
		{ "i386-highmem-2g.ini", 1, (2ULL << 30) - 0x20000 - 0x61000 - 0x1000 },
		{ "x86_64-4node-1t.ini", 4, (1ULL << 40) - 0x61000 - 0x1000 },
	};

	for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++) {
		char p[512];
		int nodes = 0;

		snprintf(p, sizeof(p), "%s/%s", MODELS_DIR, models[i].name);
		ck_assert_msg(model_load(&m, p) == 0, "%s", p);
		for (int nid = 0; nid < MAX_NUMNODES; nid++)
			nodes += m.node_declared[nid];
		ck_assert_msg(nodes == models[i].nodes, "%s: %d nodes",
			      models[i].name, nodes);
		ck_assert_msg(total_memory(&m) == models[i].memory,
			      "%s: %llu bytes", models[i].name,
			      (unsigned long long)total_memory(&m));
		machine_release(&m);
	}
}
END_TEST

/* A boot log with timestamps, SRAT hotplug, a RAMDISK and nr_cpu_ids. */
START_TEST(test_bootlog)
{
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/tmp/fragsim-dmesg-XXXXXX");
	fd = mkstemp(path);
	f = fdopen(fd, "w");
	fputs("[    0.000000] Linux version 6.1.0\n"
	      "[    0.000000] Command line: ro movable_node\n"
	      "[    0.001000] RAMDISK: [mem 0x3fe00000-0x3fefffff]\n"
	      "[    0.002000] ACPI: SRAT: Node 1 PXM 1 [mem 0x40000000-0x7fffffff] hotplug\n"
	      "[    0.050000] Early memory node ranges\n"
	      "[    0.050001]   node   0: [mem 0x0000000000001000-0x000000000009efff]\n"
	      "[    0.050002]   node   0: [mem 0x0000000000100000-0x000000003fffffff]\n"
	      "[    0.050003]   node   1: [mem 0x0000000040000000-0x000000007fffffff]\n"
	      "[    0.050004] Initmem setup node 0 [mem 0x1000-0x3fffffff]\n"
	      "[    1.000000] Kernel command line: ignored\n", f);
	fclose(f);
	ck_assert_int_eq(bootlog_load(&m, path), 0);
	ck_assert_str_eq(m.cmdline, "ro movable_node");
	ck_assert_uint_eq(m.memory.cnt, 3);
	ck_assert_uint_eq(m.memory.regions[2].flags, MEMBLOCK_HOTPLUG);
	ck_assert_uint_eq(m.memory.regions[0].flags, 0);
	ck_assert(memblock_overlaps(&m.late_free, 0x3fe00000, 1));
	machine_release(&m);

	f = fopen(path, "w");
	fputs("[    0.000000] Command line: ro\n", f);
	fclose(f);
	ck_assert_int_eq(bootlog_load(&m, path), -1);
}
END_TEST

Suite *model_suite(void)
{
	Suite *s = suite_create("model");
	TCase *tc = tcase_create("model");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_every_key);
	tcase_add_test(tc, test_default_reservations);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_shipped_models);
	tcase_add_test(tc, test_bootlog);
	suite_add_tcase(s, tc);
	return s;
}
