/* batch.h - converting many documents: inputs, jobs, workers, atomic
 * outputs (internal to libherald; herald/batch.h is the public side).
 *
 * The functions named cli_ were the herald command's before the batch
 * moved into libherald; they kept their names (all are hidden: only
 * herald_ symbols are exported). */
#ifndef HERALD_CORE_BATCH_H
#define HERALD_CORE_BATCH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include <herald/herald.h>
#include <herald/batch.h>

/* How a run ends (archive.c's checks say it so; herald_batch_run()
 * turns it into a herald_status).  The same numbers as the command's
 * exit statuses. */
enum {
	HERALD_EXIT_OK = 0,
	HERALD_EXIT_FAILURE = 1,  /* a document could not be converted */
	HERALD_EXIT_USAGE = 2     /* refused before converting anything */
};

/* A batch's settings, as archive.c and convert.c read them: the public
 * herald_batch_settings with every string copied, and the inputs. */
#include "shard.h"

typedef struct batch_options {
	const char *reader, *writer, *chain, *output;
	const char **transforms;
	size_t ntransforms;
	const char **files;
	size_t nfiles;
	long jobs;            /* 0: one per online core */
	int fsync_mode;       /* HERALD_FSYNC_*: how outputs are made durable */
	int standalone, recursive, dereference, quiet, update, corpus;
	cli_shard shard;      /* --shard K/N: count 0 when not given */
	int summarize;        /* --summarize: a shard's summary only */
	int merge;            /* --merge: what is archive-wide, from the shards' */
	int clean_on_signals; /* herald_batch_settings' */
} batch_options;

/* With an output, the folder it names (one output per input: an existing
 * folder, a name ending in '/', several inputs or recursive), else NULL. */
const char *cli_output_folder(const batch_options *o);
/* Whether path names a folder (following symbolic links). */
int cli_is_dir(const char *path);

/* The reader for standard input when the options name none. */
const char *cli_stdin_reader(const herald_registry *reg);

/* A pipeline as the options say, with reader (ignored with a chain);
 * NULL after reporting why. */
herald_pipeline *cli_pipeline(const batch_options *o, herald_registry *reg,
                              const char *reader, herald_diag *diag);

/* Create every missing folder on the way to path (mkdir -p of its
 * dirname) with mode (less the umask), with sync the parent of each one
 * made fsynced at once; -1 with errno set when one cannot be made (or
 * synced). */
int cli_make_parents(const char *path, mode_t mode, int sync);
/* dir/name, with one '/' between them; NULL when out of memory.  Free
 * with free(). */
char *cli_join_path(const char *dir, const char *name);

/* Writing a file atomically: everything goes to a temporary file in the
 * target's folder, renamed into place only when complete (and, unless
 * HERALD_FSYNC_NONE, on disk).  The stream's writes go through the
 * struct, so it must not move while open.  Every function returns
 * HERALD_OK or, after reporting to diag, a herald_status with errno
 * saying why. */
typedef struct cli_atomic {
	char *final_path;
	char *temp_path;
	FILE *stream;
	char *buffer;        /* the stream's (OUTPUT_BUFFER bytes), or NULL */
	int fd;
	int direct;          /* written through (a FIFO, a device): no rename */
	int fsync_mode;      /* HERALD_FSYNC_* */
	int write_errno;     /* errno of the first failed write(); 0 if none */
	size_t bytes;        /* written so far */
} cli_atomic;
/* Open a temporary sibling of path (making path's missing folders:
 * with HERALD_FSYNC_EACH each new one's entry is synced at once). */
int cli_atomic_open(cli_atomic *a, const char *path, int fsync_mode,
                    herald_diag *diag);
/* Close, sync (unless HERALD_FSYNC_NONE), rename into place, sync its
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
/* A stream straight into the open descriptor fd (standard output), for
 * its write errors and byte count: a duplicate of fd, so closing the
 * stream (cli_atomic_abort) leaves fd open; nothing to rename or sync,
 * no final_path.  0, or -1 with errno set. */
int cli_atomic_open_fd(cli_atomic *a, int fd);

/* Closed temporaries made durable together, then renamed, then their
 * folders synced: a group commit (as git's batch fsync mode). */
typedef struct cli_pending {
	const char *temp_path, *final_path;   /* borrowed */
	int error;           /* out: 0 when in place, else the errno */
	int unless_full;     /* not renamed when an item before it met a full
	                      * disk (a site's indexes committed with pages) */
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

/* Until cli_clean_on_signals_end(), SIGINT, SIGTERM and SIGHUP (those
 * at their default action: one ignored, as by nohup, or handled by the
 * host program stays so) remove this process's temporary files in dir
 * (and its subfolders when recursive), then the process dies of the
 * signal, as it would have: no temporary is created once one has come.
 * One run at a time.  0, or -1 when it cannot start (a run is cleaning
 * already, or no thread or pipe): then nothing changed. */
int cli_clean_on_signals(const char *dir, int recursive);
/* The signals as they were, after cli_clean_on_signals gave 0. */
void cli_clean_on_signals_end(void);

/* A navigation link for a page (herald_doc_add_link). */
typedef struct batch_link {
	char *rel, *url, *label;
} batch_link;

/* What the archive index needs to know of one converted bulletin. */
typedef struct batch_item {
	const char *title;
	const char *id;
} batch_item;

typedef struct batch_job {
	char *input;             /* path as given or found */
	char *output;            /* final path; NULL for standard output */
	char *href;              /* output path relative to the output folder */
	herald_pipeline *pipe;   /* borrowed */
	size_t size;             /* input bytes, for the rate */
	/* The input as the walk found it (stat, links followed), when
	 * walked: the checks before converting need not stat it again. */
	int walked;
	dev_t in_dev;
	ino_t in_ino;
	off_t in_size;
	int in_regular;
	int skip_write;          /* --update found the output up to date */
	int summary_pass;        /* last run by a site's reading pass (site.c) */
	long worker;             /* which worker thread ran it (batch.c) */
	/* Results, written by the worker that ran the job. */
	int status;              /* HERALD_OK or a herald_status */
	char *messages;          /* its diagnostics, in order */
	char *first_error;
	char *buffer;            /* standard output mode: the output */
	size_t buffer_len;
	herald_doc *doc;         /* kept for --corpus, or between a site's passes */
	/* The summary, for the index: date, title, language (each may be
	 * NULL) and the items, in one block (batch_job_set_summary). */
	const char *date, *title;
	const char *language;
	const batch_item *items;
	size_t nitems;
	void *summary;           /* the block they are in, or NULL */
	/* An archive site (site.c), written in two passes: the summary pass
	 * reads every input for the above (and its searchable text), the
	 * writing pass reads it again and writes it with its links. */
	char *text;              /* summary pass: its plain text, until reported
	                          * (the done callback spools it; batch_run
	                          * frees it after) */
	batch_link *links;   /* set on the document before writing */
	size_t nlinks;
	size_t order_at;         /* its place in the site's order by date */
	int links_later;         /* links made by its worker (site.c) */
	int settled;             /* an earlier pass decided it: left as it is */
	int foreign;             /* another shard's: linked to, never read or
	                          * written by this run (site.c, SITE_PAGES) */
	int keep_doc;            /* the summary pass keeps doc for the writing
	                          * pass (within site.c's memory budget) */
	/* --fsync=batch: the complete, closed temporary waiting for its
	 * group's commit, and where it goes (output, or the target of the
	 * link output is); both freed once committed.  The bytes written. */
	char *temp_path, *final_path;
	size_t out_bytes;
	int out_errno;           /* why the output failed (an errno), or 0 */
	char *manifest_entry;    /* a site's page in its manifest, as JSON text
	                          * made by the worker that wrote it (site.c) */
	int unwritten;           /* the disk was full: not written (the run
	                          * says so once), or never started */
	/* A corpus in parts (corpus.h): the input's place among every input
	 * of the run, other shards' too (from 1: the writer numbers the
	 * document so); where its part is (in shard part_shard's part file,
	 * for a merge, numbered part_number there), its length and hash
	 * (FNV-1a 64 of its bytes). */
	size_t position;
	size_t part_number;
	int has_part;
	long long part_off;
	size_t part_len;
	uint64_t part_hash;
	unsigned long part_shard;
} batch_job;

/* Worker threads for several batch_runs (batch.c says why). */
typedef struct batch_pool batch_pool;
/* Start up to workers threads (fewer when no more can start: none
 * leaves the work to batch_run's caller's thread); NULL when out of
 * memory. */
batch_pool *batch_pool_new(long workers);
/* Stop and join them; NULL is nothing. */
void batch_pool_free(batch_pool *pool);

typedef struct batch_settings {
	long workers;            /* threads converting at once */
	/* The threads to run on, kept from one run to the next, or NULL:
	 * the run starts workers of its own. */
	batch_pool *pool;
	/* Called on the main thread as herald_batch_settings.progress is;
	 * NULL: none. */
	void (*progress)(size_t done, size_t total, size_t bytes,
	                 double seconds, void *ctx);
	void *progress_ctx;
	int keep_docs;           /* keep each document (for --corpus) */
	int corpus_parts;        /* write each document's corpus part
	                          * (numbered by its position) into its buffer */
	int want_summary;        /* record dates and item titles (index) */
	int summary_only;        /* read for the summary and text, write nothing */
	int read_said;           /* the summary pass printed what reading says:
	                          * keep only the writer's messages */
	int quiet;               /* -q: keep no notes or warnings */
	int fsync_mode;          /* HERALD_FSYNC_*: how outputs reach the disk */
	const char *top;         /* the output folder, or NULL (see cli_commit_group) */
	/* done prints each job's messages to standard error and its buffer
	 * to standard output: then a lone job (no other output can come
	 * between) writes its output straight there instead of into buffer,
	 * printing the messages it has so far first; a standard output that
	 * fails is that job's error ("writing to standard output"). */
	int stream_stdout;
	/* Called on the main thread for each job, in input order, as soon
	 * as it and all jobs before it are done. */
	void (*done)(batch_job *job, void *ctx);
	void *ctx;
	/* Called on the worker thread, with written_ctx, for each job whose
	 * output it wrote: what the run needs of the job afterwards, made in
	 * parallel rather than on the main thread at the end (a site's
	 * manifest entry).  NULL: nothing. */
	void (*written)(batch_job *job, void *ctx);
	void *written_ctx;
	/* Called on the worker thread, with prepare_ctx, before a job's
	 * output is written (a site page's links, made in parallel): a
	 * herald_status, said to diag when not HERALD_OK.  NULL: nothing. */
	int (*prepare)(batch_job *job, herald_diag *diag, void *ctx);
	void *prepare_ctx;
	/* Called on the main thread before the last group is committed
	 * (--fsync=batch, unless the disk is full): n more closed
	 * temporaries to commit with it, after its outputs, their errors
	 * set in the array (a site's indexes, made meanwhile: one syncfs for
	 * both).  NULL: none. */
	cli_pending *(*also_commit)(size_t *n, void *ctx);
	void *also_commit_ctx;
} batch_settings;

/* Run every job; returns once all are done and reported: 0, or the
 * errno (ENOSPC, EDQUOT) of a full disk, after which no new job was
 * started (those are reported with unwritten set). */
int batch_run(batch_job *jobs, size_t n, const batch_settings *settings);
void batch_job_clear(batch_job *job);
/* Set job's summary (replacing any) to copies of date, title and language
 * (each may be NULL) and of n items, given as their ids and titles
 * (id_title[2 * i], id_title[2 * i + 1]), all in one block: the main
 * thread frees thousands of summaries at the end of a run, one free each
 * rather than three and two an item.  -1 when out of memory (job then
 * has none). */
int batch_job_set_summary(batch_job *job, const char *date, const char *title,
                          const char *language, const char *const *id_title,
                          size_t n);
/* Free the job's links (none left). */
void batch_job_free_links(batch_job *job);

#endif
