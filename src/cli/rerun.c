/*
 * rerun.c - "fragsim rerun": repeat a stored run from its provenance alone
 * (the model's and workload's texts, its --set values, seed, tick and map
 * intervals) into a temporary database, and compare every stored row.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "config.h"
#include "version.h"
#include "store/store.h"
#include "util/diag.h"
#include "util/shell_quote.h"
#include "util/xalloc.h"

static int write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f)) {
		diag_error(DIAG_LOC(path, 0), "cannot write: %s",
			   strerror(errno));
		return -1;
	}
	return 0;
}

struct words {
	char **argv;
	int n;
};

static void add(struct words *w, const char *s)
{
	w->argv = xrealloc(w->argv, (size_t)(w->n + 2) * sizeof(*w->argv));
	w->argv[w->n++] = xstrdup(s);
	w->argv[w->n] = NULL;
}

/*
 * Whether the stored command line gave option opt, and its value (the word
 * after it, or after "opt=") in *value (free() it; NULL if none).  The line
 * is read back into words, so that a path holding " --cmdline" is a path.
 */
static bool had_option(const char *command_line, const char *opt,
		       char **value)
{
	char **w = shell_split(command_line);
	size_t len = strlen(opt);
	bool found = false;

	*value = NULL;
	for (size_t i = 0; w && w[i]; i++) {
		if (!strcmp(w[i], "--"))
			break;
		if (!strcmp(w[i], opt)) {
			found = true;
			*value = w[i + 1] ? xstrdup(w[i + 1]) : NULL;
		} else if (!strncmp(w[i], opt, len) && w[i][len] == '=') {
			found = true;
			*value = xstrdup(w[i] + len + 1);
		} else {
			continue;
		}
		break;
	}
	shell_words_free(w);
	return found;
}

/*
 * Where the workload's text goes: NAME.ini, so that a workload named by
 * its file (no "name =") is named the same again; "workload.ini" if the
 * name could not be a file's.
 */
static void workload_file(char *buf, size_t len, const char *dir,
			  const struct store_provenance *p)
{
	const char *name = p->workload_name;

	if (!name || !*name || strchr(name, '/') || strlen(name) > 200 ||
	    !strcmp(name, ".") || !strcmp(name, ".."))
		name = "workload";
	snprintf(buf, len, "%s/%s.ini", dir, name);
}

/* The dump a run started from, given again (the store does not hold it). */
struct dump_paths {
	const char *kpageflags, *kpagecount;
};

/* "fragsim run" for the provenance p, in the temporary folder dir. */
static struct words rerun_argv(const char *self,
			       const struct store_provenance *p,
			       const struct dump_paths *dump, const char *dir)
{
	struct words w = { 0 };
	char path[PATH_MAX], num[64];
	char *stop, *value;

	add(&w, self);
	add(&w, "run");
	snprintf(path, sizeof(path), "%s/machine", dir);
	if (!strcmp(p->model_kind, "dmesg"))
		add(&w, "--dmesg");
	add(&w, path);
	workload_file(path, sizeof(path), dir, p);
	add(&w, path);
	/* the booted command line, if the run replaced the model's */
	if (had_option(p->command_line, "--cmdline", &value)) {
		add(&w, "--cmdline");
		add(&w, p->boot_cmdline);
	}
	free(value);
	for (int i = 0; i < p->nr_sets; i++) {
		add(&w, "--set");
		add(&w, p->sets[i]);
	}
	if (dump->kpageflags) {
		add(&w, "--from-kpageflags");
		add(&w, dump->kpageflags);
		add(&w, "--kpagecount");
		add(&w, dump->kpagecount);
	}
	if (had_option(p->command_line, "--stop-after", &stop) && stop) {
		add(&w, "--stop-after");
		add(&w, stop);
	}
	free(stop);
	snprintf(num, sizeof(num), "%llu", (unsigned long long)p->seed);
	add(&w, "--seed");
	add(&w, num);
	snprintf(num, sizeof(num), "%lldns", (long long)p->tick_ns);
	add(&w, "--tick");
	add(&w, num);
	snprintf(num, sizeof(num), "%lldns", (long long)p->map_ns);
	add(&w, "--map");
	add(&w, num);
	snprintf(path, sizeof(path), "%s/rerun.db", dir);
	add(&w, "--db");
	add(&w, path);
	add(&w, "--quiet");
	return w;
}

/* Run argv with its stdout discarded; its exit status, or -1. */
static int run_child(char **argv)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, 1);
		execv(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void remove_dir(const char *dir, const struct store_provenance *p)
{
	static const char *const files[] = { "machine", "rerun.db",
		"rerun.db-wal", "rerun.db-shm" };
	char path[PATH_MAX];

	workload_file(path, sizeof(path), dir, p);
	unlink(path);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

static int rerun(struct store *st, int64_t run, const char *db,
		 const struct dump_paths *dump)
{
	char dir[] = "/tmp/fragsim-rerun-XXXXXX", path[PATH_MAX + 32];
	char self[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	struct store_provenance p;
	struct words w = { 0 };
	int ret = EXIT_RUN_FAILED, status, differ;
	bool from_dump;
	char *value;

	self[len > 0 ? len : 0] = '\0';
	if (store_read_provenance(st, run, &p))
		return EXIT_BAD_INPUT;
	from_dump = had_option(p.command_line, "--from-kpageflags", &value);
	free(value);
	if (!from_dump != !dump->kpageflags) {
		if (dump->kpageflags)
			cli_message(&cmd_rerun, "run %lld did not start "
				"from a kpageflags dump: --from-kpageflags "
				"does not apply", (long long)run);
		else
			cli_message(&cmd_rerun, "run %lld started from "
				"a kpageflags dump, which the store does not "
				"hold: give it again with --from-kpageflags "
				"FILE --kpagecount FILE (the comparison shows "
				"whether it is the same)", (long long)run);
		store_provenance_release(&p);
		return EXIT_BAD_INPUT;
	}
	if (strcmp(p.fragsim_version, FRAGSIM_VERSION))
		cli_message(&cmd_rerun, "note: run %lld was made by "
			"fragsim %s, this is %s", (long long)run,
			p.fragsim_version, FRAGSIM_VERSION);
	if (!mkdtemp(dir)) {
		cli_message(&cmd_rerun, "cannot create a temporary "
			"folder: %s", strerror(errno));
		store_provenance_release(&p);
		return EXIT_RUN_FAILED;
	}
	snprintf(path, sizeof(path), "%s/machine", dir);
	if (write_text(path, p.model_text))
		goto out;
	workload_file(path, sizeof(path), dir, &p);
	if (write_text(path, p.workload_text))
		goto out;
	w = rerun_argv(self, &p, dump, dir);
	status = run_child(w.argv);
	if (status) {
		cli_message(&cmd_rerun, "the repeated run exited with "
			"status %d", status);
		goto out;
	}
	snprintf(path, sizeof(path), "%s/rerun.db", dir);
	printf("fragsim rerun: run %lld of %s, seed %llu\n", (long long)run,
	       db, (unsigned long long)p.seed);
	differ = store_compare_run(st, run, path, 1, stdout);
	if (!differ) {
		printf("reproduced exactly\n");
		ret = EXIT_OK;
	} else if (differ > 0) {
		printf("NOT reproduced: %d table(s) differ (above: rows only "
		       "in the stored run, then rows only in the rerun)\n",
		       differ);
	}
out:
	for (int i = 0; i < w.n; i++)
		free(w.argv[i]);
	free(w.argv);
	remove_dir(dir, &p);
	store_provenance_release(&p);
	return ret;
}

static int rerun_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "run", required_argument, NULL, 'r' },
		{ "from-kpageflags", required_argument, NULL, 'f' },
		{ "kpagecount", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int64_t run = 0, tick = -1;
	struct dump_paths dump = { 0 };
	struct store *st;
	struct cli_getopt g;
	int opt, ret;

	cli_getopt_init(&g, &cmd_rerun, argc, argv, "h", options);
	while ((opt = cli_getopt_next(&g)) >= 0) {
		switch (opt) {
		case 'r':
			if (cli_parse_run(&cmd_rerun, optarg, &run))
				return EXIT_BAD_INPUT;
			break;
		case 'f':
			dump.kpageflags = optarg;
			break;
		case 'c':
			dump.kpagecount = optarg;
			break;
		}
	}
	if (opt == CLI_GETOPT_EXIT)
		return g.status;
	if (optind + 1 != argc)
		return cli_usage_error(&cmd_rerun, "expected one DB");
	if (!dump.kpageflags != !dump.kpagecount)
		return cli_usage_error(&cmd_rerun, "--from-kpageflags and "
				       "--kpagecount go together");
	if (store_open_read(&st, argv[optind]))
		return EXIT_BAD_INPUT;
	if (store_find_tick(st, &run, &tick)) {
		store_close(st);
		return EXIT_BAD_INPUT;
	}
	ret = rerun(st, run, argv[optind], &dump);
	store_close(st);
	return ret;
}

const struct subcommand cmd_rerun = {
	.name = "rerun",
	.summary = "repeat a stored run from its provenance and compare",
	.usage =
	"usage: fragsim rerun DB [--run N] [--from-kpageflags FILE --kpagecount FILE]\n"
	"\n"
	"Repeat run N (default: the last) of the result store DB from what the\n"
	"database holds alone: the model's (or boot log's) and workload's texts\n"
	"are written to temporary files and run with the run's --set values,\n"
	"seed, tick and map intervals into a temporary database; then every\n"
	"stored row of the run (its ticks and per-run tables, and the runs\n"
	"columns a repeat must reproduce) is compared with the repeat's.\n"
	"Prints \"reproduced exactly\", or the first differences.\n"
	"\n"
	"A run that started from a kpageflags dump needs the dump again (the\n"
	"store does not hold it): --from-kpageflags FILE --kpagecount FILE; a\n"
	"different dump shows up as differences.\n"
	"\n"
	"Exit status: 0 reproduced exactly, 1 a difference (or the repeat\n"
	"failed), 2 bad input.\n",
	.run = rerun_main,
};
