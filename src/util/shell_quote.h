/*
 * shell_quote.h - argv as one line that a POSIX shell reads back as the
 * same words, and back again.
 *
 * Every command line fragsim records (a run's, a sweep's, a replay's) and
 * every command it writes for a shell to run (the jobs file of --emit-jobs,
 * the sbatch script of --slurm) goes through these, so that a path with a
 * space, a quote, "$(...)" or a backquote is one word and runs nothing.
 */
#ifndef FRAGSIM_UTIL_SHELL_QUOTE_H
#define FRAGSIM_UTIL_SHELL_QUOTE_H

/* s as one shell word: as it is if that is safe, else in '...'.  free() it. */
char *shell_quote(const char *s);

/* The words of argv (NULL-terminated), each quoted, joined by spaces. */
char *shell_join(char *const *argv);

/*
 * The first word of argv that a line-oriented file cannot hold (it has a
 * newline or a carriage return: a jobs file has one command per line);
 * NULL if there is none.
 */
const char *shell_line_unsafe(char *const *argv);

/*
 * The words of a line made by shell_join (NULL-terminated; free with
 * shell_words_free), or NULL if line is not such a line (an unclosed
 * quote).  It reads the quoting shell_join writes: plain words, '...'
 * and backslash escapes outside quotes, so an older record's line of
 * plain words reads too.
 */
char **shell_split(const char *line);

void shell_words_free(char **words);

#endif
