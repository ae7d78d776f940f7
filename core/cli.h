/* cli.h - what the herald command's parts share (not installed). */
#ifndef HERALD_CLI_H
#define HERALD_CLI_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include <herald/herald.h>

#include "shard.h"

enum {
	HERALD_EXIT_OK = 0,
	HERALD_EXIT_FAILURE = 1,  /* a document could not be converted */
	HERALD_EXIT_USAGE = 2
};

/* --fsync: when outputs reach the disk before their rename. */
enum {
	CLI_FSYNC_BATCH = 0,  /* a group of outputs synced together (default) */
	CLI_FSYNC_EACH,       /* each output, and its folder, on its own */
	CLI_FSYNC_NONE        /* never: atomic for readers, not for a power cut */
};

typedef struct cli_options {
	const char *reader, *writer, *chain, *output, *plugin_path, *describe;
	const char **transforms;
	size_t ntransforms;
	const char **files;
	size_t nfiles;
	long jobs;            /* 0: one per online core */
	int fsync_mode;       /* CLI_FSYNC_*: how outputs are made durable */
	cli_shard shard;      /* --shard K/N: count 0 when not given */
	int standalone, recursive, dereference, quiet, update, progress, corpus, records, list;
} cli_options;

/* Convert what the options say; returns the exit status. */
int cli_convert(const cli_options *o, herald_registry *reg, herald_diag *diag);

/* With -o, the folder it names (one output per input: an existing
 * folder, a name ending in '/', several inputs or -r), else NULL. */
const char *cli_output_folder(const cli_options *o);
/* Whether path names a folder (following symbolic links). */
int cli_is_dir(const char *path);

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
 * dirname), with sync the parent of each one made fsynced at once; -1
 * with errno set when one cannot be made (or synced). */
int cli_make_parents(const char *path, int sync);

/* Writing a file atomically: everything goes to a temporary file in the
 * target's folder, renamed into place only when complete (and, unless
 * CLI_FSYNC_NONE, on disk).  The stream's writes go through the struct,
 * so it must not move while open.  Every function returns HERALD_OK or,
 * after reporting to diag, a herald_status with errno saying why. */
typedef struct cli_atomic {
	char *final_path;
	char *temp_path;
	FILE *stream;
	int fd;
	int direct;          /* written through (a FIFO, a device): no rename */
	int fsync_mode;      /* CLI_FSYNC_* */
	int write_errno;     /* errno of the first failed write(); 0 if none */
	size_t bytes;        /* written so far */
} cli_atomic;
/* Open a temporary sibling of path (making path's missing folders:
 * with CLI_FSYNC_EACH each new one's entry is synced at once). */
int cli_atomic_open(cli_atomic *a, const char *path, int fsync_mode,
                    herald_diag *diag);
/* Close, sync (unless CLI_FSYNC_NONE), rename into place, sync its
 * folder.  This and cli_atomic_close leave a->bytes, the size. */
int cli_atomic_commit(cli_atomic *a, herald_diag *diag);
/* Close only, for cli_commit_group: *temp_path gets the complete,
 * closed temporary and *final_path where it goes (the output, or the
 * target of the link it is); both malloc'd, NULL when written through
 * (nothing to rename).  The caller removes the temporary if it is never
 * committed. */
int cli_atomic_close(cli_atomic *a, char **temp_path, char **final_path,
                     herald_diag *diag);
void cli_atomic_abort(cli_atomic *a);

/* Closed temporaries made durable together, then renamed, then their
 * folders synced: a group commit (as git's batch fsync mode). */
typedef struct cli_pending {
	const char *temp_path, *final_path;   /* borrowed */
	int error;           /* out: 0 when in place, else the errno */
	dev_t dev;           /* (scratch) */
	int synced;          /* (scratch) */
} cli_pending;
/* Sync the n temporaries' data (one syncfs per file system; one fsync
 * each where that fails or is missing), rename each that is on disk,
 * remove the others, then fsync each folder the renames changed and,
 * when top (the output folder) is given, every folder up to it, it and
 * its parent, which the workers may have made without syncing.  Returns 0, or the errno of a folder that could
 * not be synced, *bad_folder (malloc'd) naming it. */
int cli_commit_group(cli_pending *items, size_t n, const char *top,
                     char **bad_folder);

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
