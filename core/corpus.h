/* corpus.h - --corpus through the writer's write_corpus_part hook
 * (herald/plugin.h): one output of every document, written in bounded
 * memory, and assembled from shards (internal; doc/archives.md,
 * "--corpus" and "Shards").
 *
 * Each document's part (the writer's HERALD_CORPUS_DOCUMENT, numbered by
 * its input's place in the run) is written by a worker into the job's
 * buffer and taken, in input order, into a part file: a temporary spool
 * for one run, or the shard's .NAME.herald-shard-K-of-N.part beside the
 * corpus.  The corpus is then the writer's head, the parts as they are
 * (copied, never parsed: the core knows no format) and its tail.  Only a
 * document at a time is in memory, and the part files' bytes are copied
 * in pieces. */
#ifndef HERALD_CORE_CORPUS_H
#define HERALD_CORE_CORPUS_H

#include "batch.h"
#include "shard_set.h"

typedef struct corpus_run {
	herald_pipeline *pipe;    /* borrowed: its writer writes the pieces */
	herald_diag *diag;        /* borrowed */
	FILE *parts;              /* the spool, or part_file's stream */
	cli_atomic part_file;     /* a shard's part file */
	int sharded;
	long long size;           /* bytes taken into parts */
	size_t documents;         /* parts taken */
	int write_errno;          /* the first failed write to parts, or 0 */
} corpus_run;

/* Start taking parts: into a temporary spool (part_path NULL), or into
 * a shard's part file at part_path, written atomically.  HERALD_OK, or
 * a herald_status after saying why. */
int corpus_begin(corpus_run *c, herald_pipeline *pipe, const char *part_path,
                 int fsync_mode, herald_diag *diag);

/* A job reported in input order: its part (job->buffer) appended to the
 * part file and freed, its place recorded in the job (part_off,
 * part_len, part_hash, has_part).  A failed job has none. */
void corpus_take(corpus_run *c, batch_job *job);

/* One run: the corpus to target (NULL or "-": standard output; else a
 * file written atomically): the head, the spool, the tail.  HERALD_OK,
 * or a herald_status after saying why (nothing written to a file). */
int corpus_finish(corpus_run *c, const char *target, int fsync_mode);

/* A shard: its part file put in place (c->size its size).  HERALD_OK,
 * or a herald_status after saying why. */
int corpus_commit_part(corpus_run *c);

/* Drop what was begun (a part file's temporary is removed). */
void corpus_abort(corpus_run *c);

/* The merge: the corpus of the jobs (each page's part and status taken
 * from the set by site_load_shards) to target as corpus_finish writes
 * it, every part checked against its hash as it is copied.  HERALD_OK;
 * CORPUS_REFUSED when a part file cannot be read or a part does not
 * match its summary (said, nothing written); a herald_status when
 * writing failed (said). */
#define CORPUS_REFUSED 1
int corpus_merge(const batch_job *jobs, size_t n, shard_set *set,
                 herald_pipeline *pipe, const char *target, int fsync_mode,
                 herald_diag *diag);

#endif
