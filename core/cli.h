/* cli.h - what the herald command's parts share (not installed). */
#ifndef HERALD_CLI_H
#define HERALD_CLI_H

#include <stddef.h>
#include <time.h>

#include <herald/herald.h>

enum {
	HERALD_EXIT_OK = 0,
	HERALD_EXIT_FAILURE = 1,  /* a document could not be converted */
	HERALD_EXIT_USAGE = 2
};

typedef struct cli_options {
	const char *reader, *writer, *chain, *output, *plugin_path, *describe;
	const char **transforms;
	size_t ntransforms;
	const char **files;
	size_t nfiles;
	long jobs;            /* 0: one per online core */
	int standalone, recursive, dereference, quiet, update, progress, corpus, records, list;
} cli_options;

/* Convert what the options say; returns the exit status. */
int cli_convert(const cli_options *o, herald_registry *reg, herald_diag *diag);

/* The reader for standard input when -f names none. */
const char *cli_stdin_reader(const herald_registry *reg);

/* A pipeline as the options say, with reader (ignored with -p); NULL
 * after reporting why. */
herald_pipeline *cli_pipeline(const cli_options *o, herald_registry *reg,
                              const char *reader, herald_diag *diag);

/* The whole content of path ("-" for stdin) in a malloc'd buffer. */
int cli_read_input(const char *path, unsigned char **data, size_t *size,
                   herald_diag *diag);

/* Create every missing folder on the way to path (mkdir -p of its
 * dirname); -1 with errno set when one cannot be made. */
int cli_make_parents(const char *path);

/* Writing a file atomically: everything goes to a temporary file in the
 * target's folder, renamed into place only when complete. */
typedef struct cli_atomic {
	char *final_path;
	char *temp_path;
	FILE *stream;
	int direct;          /* written through (a FIFO, a device): no rename */
} cli_atomic;
int cli_atomic_open(cli_atomic *a, const char *path, herald_diag *diag);
int cli_atomic_commit(cli_atomic *a, herald_diag *diag);
void cli_atomic_abort(cli_atomic *a);

/* Remove the temporary files that runs killed mid-write left in dir (and
 * its subfolders when recursive): ours by name, older than before, and
 * made by a process that no longer exists.  Returns how many, after a
 * note saying so. */
size_t cli_clean_stale(const char *dir, int recursive, time_t before,
                       herald_diag *diag);

/* --records: JSON Lines in, JSON Lines out; returns the exit status. */
int cli_records(const cli_options *o, herald_registry *reg, herald_diag *diag);

/* Flush and close stdout, turning a write error (a full disk, a closed
 * pipe) into a failure status with a message. */
int cli_close_stdout(int status);

#endif
