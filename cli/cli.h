/* cli.h - what the herald command's parts share (not installed).  The
 * command uses libherald through its public headers only: conversions
 * are a herald_batch (herald/batch.h). */
#ifndef HERALD_CLI_H
#define HERALD_CLI_H

#include <stddef.h>

#include <herald/herald.h>
#include <herald/batch.h>

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
	herald_fsync_mode fsync_mode;   /* how outputs are made durable */
	int standalone, recursive, dereference, quiet, update, progress, corpus, records, list;
	unsigned long shard_index, shard_count;  /* --shard K/N; count 0: none */
	int summarize, merge;  /* the steps of a sharded site (--summarize, --merge) */
	int version;          /* --version: print the versions and exit */
} cli_options;

/* Convert what the options say; returns the exit status. */
int cli_convert(const cli_options *o, herald_registry *reg, herald_diag *diag);

/* A batch set up as the options say, with their files added; NULL when
 * out of memory. */
herald_batch *cli_batch(const cli_options *o, herald_registry *reg);

/* --records: JSON Lines in, JSON Lines out; returns the exit status. */
int cli_records(const cli_options *o, herald_registry *reg, herald_diag *diag);

/* Flush and close stdout, turning a write error (a full disk, a closed
 * pipe) into a failure status with a message. */
int cli_close_stdout(int status);

#endif
