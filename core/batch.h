/* batch.h - converting many documents: inputs, jobs, workers (internal). */
#ifndef HERALD_BATCH_H
#define HERALD_BATCH_H

#include <stddef.h>
#include <time.h>

#include "cli.h"

/* A navigation link for a page (herald_doc_add_link). */
typedef struct batch_link {
	char *rel, *url, *label;
} batch_link;

/* What the archive index needs to know of one converted bulletin. */
typedef struct batch_item {
	char *title;
	char *id;
} batch_item;

typedef struct batch_job {
	char *input;             /* path as given or found */
	char *output;            /* final path; NULL for standard output */
	char *href;              /* output path relative to the output folder */
	herald_pipeline *pipe;   /* borrowed */
	size_t size;             /* input bytes, for the rate */
	int skip_write;          /* --update found the output up to date */
	/* Results, written by the worker that ran the job. */
	int status;              /* HERALD_OK or a herald_status */
	char *messages;          /* its diagnostics, in order */
	char *first_error;
	char *buffer;            /* standard output mode: the output */
	size_t buffer_len;
	herald_doc *doc;         /* kept for --corpus, or between a site's passes */
	char *date, *title;      /* for the index */
	char *language;
	batch_item *items;
	size_t nitems;
	/* An archive site (site.c), written in two passes: the summary pass
	 * reads every input for the above (and its searchable text), the
	 * writing pass reads it again and writes it with its links. */
	char *text;              /* summary pass: its plain text, until spooled */
	batch_link *links;   /* set on the document before writing */
	size_t nlinks;
	int settled;             /* an earlier pass decided it: left as it is */
	int keep_doc;            /* the summary pass keeps doc for the writing
	                          * pass (within site.c's memory budget) */
	/* --fsync=batch: the complete, closed temporary waiting for its
	 * group's commit, and where it goes (output, or the target of the
	 * link output is); both freed once committed.  The bytes written. */
	char *temp_path, *final_path;
	size_t out_bytes;
	int out_errno;           /* why the output failed (an errno), or 0 */
	int unwritten;           /* the disk was full: not written (the run
	                          * says so once), or never started */
} batch_job;

typedef struct batch_settings {
	long workers;            /* threads converting at once */
	int progress;            /* draw a progress line on stderr */
	int keep_docs;           /* keep each document (for --corpus) */
	int want_summary;        /* record dates and item titles (index) */
	int summary_only;        /* read for the summary and text, write nothing */
	int read_said;           /* the summary pass printed what reading says:
	                          * keep only the writer's messages */
	int quiet;               /* -q: keep no notes or warnings */
	int fsync_mode;          /* CLI_FSYNC_*: how outputs reach the disk */
	const char *top;         /* the output folder, or NULL (see cli_commit_group) */
	/* Called on the main thread for each job, in input order, as soon
	 * as it and all jobs before it are done. */
	void (*done)(batch_job *job, void *ctx);
	void *ctx;
} batch_settings;

/* Run every job; returns once all are done and reported: 0, or the
 * errno (ENOSPC, EDQUOT) of a full disk, after which no new job was
 * started (those are reported with unwritten set). */
int batch_run(batch_job *jobs, size_t n, const batch_settings *settings);
void batch_job_clear(batch_job *job);

#endif
