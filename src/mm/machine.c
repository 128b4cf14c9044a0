/*
 * machine.c - life cycle of a machine description.
 */
#include <stdlib.h>
#include <string.h>

#include "mm/machine.h"
#include "util/xalloc.h"

void machine_init(struct machine *m, const struct arch *arch,
		  const char *source)
{
	memset(m, 0, sizeof(*m));
	m->arch = arch;
	memblock_init(&m->memory);
	memblock_init(&m->reserved);
	m->cmdline = xstrdup("");
	m->source = xstrdup(source);
	m->cmdline_loc = DIAG_LOC(m->source, 0);
}

void machine_release(struct machine *m)
{
	memblock_release(&m->memory);
	memblock_release(&m->reserved);
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
