/*
 * snapshot_args.c - --from-kpageflags and --kpagecount: read the dump
 * (machine/kpageflags.c) into the imported state (mm/snapshot.c) and
 * explain in the user's terms what did not fit.
 */
#include <stdio.h>

#include "cli/snapshot_args.h"
#include "machine/kpageflags.h"
#include "mm/snapshot.h"
#include "util/diag.h"

bool snapshot_args_option(struct snapshot_args *a, int opt, const char *arg)
{
	if (opt == SNAPSHOT_OPT_KPAGEFLAGS)
		a->kpageflags = arg;
	else if (opt == SNAPSHOT_OPT_KPAGECOUNT)
		a->kpagecount = arg;
	else
		return false;
	return true;
}

int snapshot_args_check(const struct snapshot_args *a,
			const struct subcommand *sub)
{
	if (a->kpageflags && !a->kpagecount)
		return cli_usage_error(sub, "--from-kpageflags needs "
				       "--kpagecount FILE as well");
	if (a->kpagecount && !a->kpageflags)
		return cli_usage_error(sub, "--kpagecount needs "
				       "--from-kpageflags FILE as well");
	return 0;
}

static long dump_read(void *ctx, uint64_t *flags, uint64_t *count, size_t n)
{
	return kpf_dump_read(ctx, flags, count, n);
}

/* The reader reported its own errors; these are the machine's. */
static void report(const struct snapshot_args *a, enum snapshot_status status,
		   const struct snapshot_stats *st)
{
	struct diag_loc loc = DIAG_LOC(a->kpageflags, 0);

	if (status == SNAPSHOT_TRUNCATED)
		diag_error(loc, "truncated: %lu entries (and %s the same), but "
			   "the machine's memory runs to pfn %lu: expected at "
			   "least %lu entries of 8 bytes", st->frames,
			   a->kpagecount, st->frames_needed, st->frames_needed);
	else if (status == SNAPSHOT_TOO_LONG)
		diag_error(loc, "longer than the machine: more than %lu "
			   "entries, but the machine's memory ends at pfn %lu "
			   "(a dump stops at the end of that memory section, "
			   "pfn %lu): a dump of another machine?",
			   st->frames_max, st->frames_needed, st->frames_max);
}

int snapshot_args_boot(const struct snapshot_args *a, struct mm_state *mm,
		       const struct machine *m, struct printk_log *log)
{
	struct snapshot_source src = { .read = dump_read };
	enum snapshot_status status;
	struct snapshot_stats st;
	struct kpf_dump dump;

	if (!a->kpageflags)
		return mm_init(mm, m, log) ? EXIT_BAD_INPUT : EXIT_OK;
	if (kpf_dump_open(&dump, a->kpageflags, a->kpagecount))
		return EXIT_BAD_INPUT;
	src.ctx = &dump;
	status = snapshot_import(mm, m, log, &src, &st);
	kpf_dump_close(&dump);
	report(a, status, &st);
	if (status != SNAPSHOT_OK)
		return EXIT_BAD_INPUT;
	if (st.outside_pages)
		diag_warn(DIAG_LOC(a->kpageflags, 0), "%lu frames in use or "
			  "free in the dump lie where the machine has no zone; "
			  "left out (is the machine the one dumped? --dmesg "
			  "with its boot log describes it exactly)",
			  st.outside_pages);
	return EXIT_OK;
}
