/*
 * run.c - setting up one run from a machine and a workload, and its record
 * in the result store (see run.h).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/run.h"
#include "mm/sysctl.h"
#include "util/diag.h"
#include "util/xalloc.h"

static bool is_boot_param(const char *key)
{
	return !strcmp(key, "kernelcore") || !strcmp(key, "movablecore") ||
	       !strcmp(key, "movable_node") || !strcmp(key, "coherent_pool");
}

/* Replace (or add) a parameter on the machine's boot command line. */
static void set_boot_param(struct machine *m, const char *key,
			   const char *value, const char *origin)
{
	size_t len = strlen(m->cmdline) + strlen(key) + strlen(value) + 3;
	char *out = xmalloc(len), *copy = xstrdup(m->cmdline), *tok;
	size_t klen = strlen(key);

	*out = '\0';
	for (tok = strtok(copy, " \t"); tok; tok = strtok(NULL, " \t")) {
		if (!strncmp(tok, key, klen) &&
		    (tok[klen] == '=' || !tok[klen]))
			continue;
		if (*out)
			strcat(out, " ");
		strcat(out, tok);
	}
	/* movable_node=0 or =no takes it off; the others are key=value */
	if (strcmp(key, "movable_node") ||
	    (strcmp(value, "0") && strcmp(value, "no"))) {
		if (*out)
			strcat(out, " ");
		strcat(out, key);
	}
	if (strcmp(key, "movable_node")) {
		strcat(out, "=");
		strcat(out, value);
	}
	machine_set_cmdline(m, out, DIAG_LOC(origin, 0));
	free(out);
	free(copy);
}

int experiment_apply_set(struct machine *m, struct workload *w,
			 const char *arg, const char *origin)
{
	const char *eq = strchr(arg, '=');
	char key[64], err[256];
	int ret;

	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(key)) {
		diag_error(DIAG_LOC(origin, 0), "%s: expected KEY=VALUE", arg);
		return -1;
	}
	snprintf(key, sizeof(key), "%.*s", (int)(eq - arg), arg);
	if (strchr(key, '.') && strncmp(key, "vm.", 3)) {
		ret = workload_set(w, arg, origin);
		if (ret <= 0)
			return ret;
		diag_error(DIAG_LOC(origin, 0), "%s: the workload has no "
			   "section called \"%.*s\": expected workload, costs "
			   "or the name of a phase, generator, action or "
			   "process", arg, (int)(strchr(key, '.') - key), key);
		return -1;
	}
	if (is_boot_param(key)) {
		set_boot_param(m, key, eq + 1, origin);
		return 0;
	}
	if (!strcmp(key, "cpus")) {
		char *end;
		long n = strtol(eq + 1, &end, 10);

		if (end == eq + 1 || *end || n < 1 || n > MAX_NR_CPUS) {
			diag_error(DIAG_LOC(origin, 0), "%s: expected a "
				   "number of CPUs from 1 to %d", arg,
				   MAX_NR_CPUS);
			return -1;
		}
		m->nr_cpus = (int)n;
		return 0;
	}
	if (!strcmp(key, "hz")) {
		if (!machine_parse_hz(eq + 1, &m->hz))
			return 0;
		diag_error(DIAG_LOC(origin, 0), "%s: %s", arg,
			   MACHINE_HZ_EXPECTED);
		return -1;
	}
	if (!vm_sysctl_set(&m->sysctl, key, eq + 1, err, sizeof(err)))
		return 0;
	if (strncmp(err, "unknown sysctl", 14)) {
		diag_error(DIAG_LOC(origin, 0), "%s", err);
		return -1;
	}
	diag_error(DIAG_LOC(origin, 0), "%s: unknown key: expected a boot "
		   "parameter (kernelcore, movablecore, movable_node, "
		   "coherent_pool), cpus, hz, "
		   "a sysctl (%s) or SECTION.KEY of the workload", arg,
		   strchr(err, ':') ? strchr(err, ':') + 11 : "");
	return -1;
}

int experiment_check_placement(const struct workload *w,
			       const struct mm_state *mm)
{
	int errors = 0;

	for (int g = 0; g < w->nr_generators; g++) {
		const struct generator *gen = &w->generators[g];

		if (gen->cpu >= mm->nr_cpus) {
			diag_error(gen->loc, "[generator %s]: cpu = %d: the "
				   "machine has CPUs 0 to %d", gen->name,
				   gen->cpu, mm->nr_cpus - 1);
			errors++;
		}
		if (gen->free_cpu >= mm->nr_cpus) {
			diag_error(gen->loc, "[generator %s]: free_cpu = %d: "
				   "the machine has CPUs 0 to %d", gen->name,
				   gen->free_cpu, mm->nr_cpus - 1);
			errors++;
		}
		if (gen->node >= mm->layout.nr_node_ids) {
			diag_error(gen->loc, "[generator %s]: node = %d: the "
				   "machine has nodes 0 to %d", gen->name,
				   gen->node, mm->layout.nr_node_ids - 1);
			errors++;
		}
	}
	for (int i = 0; i < w->nr_actions; i++) {
		const struct action *a = &w->actions[i];

		if (a->cpu >= mm->nr_cpus) {
			diag_error(a->loc, "[action %s]: cpu = %d: the "
				   "machine has CPUs 0 to %d", a->name,
				   a->cpu, mm->nr_cpus - 1);
			errors++;
		}
	}
	return errors ? -1 : 0;
}

int experiment_open_store(const struct experiment_record *r,
			  const struct machine *m, const struct workload *w,
			  const struct mm_state *mm, struct store **st,
			  struct run_recorder *rec)
{
	const char **phases = xcalloc((size_t)w->nr_phases + 1,
				      sizeof(*phases));
	struct store_run_info info = {
		.model_kind = r->model_kind,
		.model_path = r->model_path, .boot_cmdline = m->cmdline,
		.workload_path = r->workload_path, .workload_name = w->name,
		.sets = r->sets, .nr_sets = r->nr_sets,
		.phase_names = phases, .nr_phases = w->nr_phases,
		.seed = r->seed, .tick = r->tick,
		.map_interval = r->map_interval,
	};
	char *model_text = store_file_text(r->model_path);
	char *workload_text = store_file_text(r->workload_path);
	int ret = -1;

	for (int p = 0; p < w->nr_phases; p++)
		phases[p] = w->phases[p].name;
	info.command_line = r->command_line;
	info.sweep_id = r->sweep_id;
	info.point = r->sweep_id ? r->point : -1;
	info.model_text = model_text;
	info.workload_text = workload_text;
	*st = NULL;
	if (model_text && workload_text && !store_open_write(st, r->db)) {
		run_recorder_init(rec, *st, mm, r->map_interval);
		if (store_run_begin(*st, &info, &rec->ps) >= 0) {
			ret = 0;
		} else {
			run_recorder_release(rec);
			store_close(*st);
			*st = NULL;
		}
	}
	free(model_text);
	free(workload_text);
	free(phases);
	return ret;
}

int experiment_close_store(struct store *st, struct run_recorder *rec,
			   enum run_status status, const struct sim *s,
			   double wall)
{
	int ret;

	run_recorder_final_maps(rec);
	ret = rec->errors ? -1 : 0;
	if (store_run_end(st, status, s, wall))
		ret = -1;
	run_recorder_release(rec);
	if (store_close(st))
		ret = -1;
	return ret;
}
