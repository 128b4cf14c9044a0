/*
 * machine_args.c - load the machine named by MODEL or --dmesg FILE, with
 * the boot command line optionally replaced by --cmdline.
 */
#include "cli/cli.h"
#include "machine/bootlog.h"
#include "machine/model.h"

int machine_args_load(const struct machine_args *args, struct machine *m)
{
	int ret;

	if (args->dmesg)
		ret = bootlog_load(m, args->dmesg);
	else
		ret = model_load(m, args->model);
	if (ret)
		return ret;
	if (args->cmdline)
		machine_set_cmdline(m, args->cmdline, DIAG_LOC("--cmdline", 0));
	return 0;
}
