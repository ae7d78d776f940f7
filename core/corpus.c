/* corpus.c - a corpus written in parts, and assembled from shards
 * (corpus.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/herald.h>

#include "corpus.h"

int corpus_begin(corpus_run *c, herald_pipeline *pipe, const char *part_path,
                 int fsync_mode, herald_diag *diag)
{
	memset(c, 0, sizeof(*c));
	c->pipe = pipe;
	c->diag = diag;
	c->sharded = part_path != NULL;
	herald_diag_set_file(diag, part_path);
	if (part_path) {
		int rc = cli_atomic_open(&c->part_file, part_path, fsync_mode, diag);
		c->parts = rc == HERALD_OK ? c->part_file.stream : NULL;
		return rc;
	}
	/* (the size of the corpus, in the temporary folder, not in memory) */
	if (!(c->parts = tmpfile())) {
		herald_error(diag, "cannot make a temporary file for the corpus: %s",
		             strerror(errno));
		return HERALD_EIO;
	}
	return HERALD_OK;
}

void corpus_take(corpus_run *c, batch_job *job)
{
	if (job->status != HERALD_OK || !c->parts) {
		free(job->buffer);
		job->buffer = NULL;
		return;
	}
	size_t len = job->buffer ? job->buffer_len : 0;
	if (len && fwrite(job->buffer, 1, len, c->parts) != len && !c->write_errno)
		c->write_errno = errno ? errno : EIO;
	job->has_part = 1;
	job->part_off = c->size;
	job->part_len = len;
	/* (a shard's summary holds it, for the merge to check the part) */
	if (c->sharded)
		job->part_hash = cli_fnv1a(CLI_FNV1A_BASIS, job->buffer ? job->buffer : "", len);
	c->size += (long long)len;
	c->documents++;
	free(job->buffer);
	job->buffer = NULL;
	job->buffer_len = 0;
}

void corpus_abort(corpus_run *c)
{
	if (c->sharded && c->parts)
		cli_atomic_abort(&c->part_file);
	else if (c->parts)
		fclose(c->parts);
	c->parts = NULL;
}

/* What goes between the head and the tail: 0; BODY_REFUSED after an
 * error said (a part not as its summary says); BODY_OUT_FAILED when out
 * failed (errno says why); else a herald_status after saying why. */
enum { BODY_REFUSED = 1, BODY_OUT_FAILED = 2 };
typedef int (*corpus_body)(void *ctx, FILE *out, herald_diag *diag);

/* The head for documents, the body, the tail to target (standard output
 * or a file, atomically).  HERALD_OK; BODY_REFUSED; else a herald_status
 * after saying why. */
static int write_corpus(herald_pipeline *pipe, size_t documents,
                        corpus_body body, void *ctx, const char *target,
                        int fsync_mode, herald_diag *diag)
{
	int to_stdout = !target || strcmp(target, "-") == 0;
	cli_atomic file;
	herald_diag_set_file(diag, to_stdout ? NULL : target);
	if (!to_stdout) {
		int rc = cli_atomic_open(&file, target, fsync_mode, diag);
		if (rc != HERALD_OK)
			return rc;
	}
	FILE *out = to_stdout ? stdout : file.stream;
	int rc = herald_pipeline_write_corpus_part(pipe, HERALD_CORPUS_HEAD, NULL,
	                                           documents, out, diag);
	if (rc == HERALD_OK) {
		rc = body(ctx, out, diag);
		if (rc == BODY_OUT_FAILED) {
			herald_diag_set_file(diag, to_stdout ? NULL : target);
			herald_error(diag, "cannot write the corpus: %s", strerror(errno));
			rc = HERALD_EIO;
		}
	}
	if (rc == HERALD_OK)
		rc = herald_pipeline_write_corpus_part(pipe, HERALD_CORPUS_TAIL, NULL,
		                                       0, out, diag);
	if (!to_stdout && rc == HERALD_OK)
		return cli_atomic_commit(&file, diag);
	if (!to_stdout)
		cli_atomic_abort(&file);
	return rc;
}

/* One run's body: the spool, whole. */
static int copy_spool(void *ctx, FILE *out, herald_diag *diag)
{
	corpus_run *c = ctx;
	char buf[65536];
	long long left = c->size;
	if (fflush(c->parts) != 0 || fseek(c->parts, 0, SEEK_SET) != 0) {
		herald_error(diag, "cannot read the corpus's temporary file: %s",
		             strerror(errno));
		return HERALD_EIO;
	}
	while (left > 0) {
		size_t want = left < (long long)sizeof(buf) ? (size_t)left : sizeof(buf);
		if (fread(buf, 1, want, c->parts) != want) {
			herald_error(diag, "cannot read the corpus's temporary file: %s",
			             errno ? strerror(errno) : "cut short");
			return HERALD_EIO;
		}
		if (fwrite(buf, 1, want, out) != want)
			return BODY_OUT_FAILED;
		left -= (long long)want;
	}
	return HERALD_OK;
}

int corpus_finish(corpus_run *c, const char *target, int fsync_mode)
{
	int rc = HERALD_OK;
	if (c->write_errno || fflush(c->parts) != 0) {
		herald_diag_set_file(c->diag, NULL);
		herald_error(c->diag, "cannot write the corpus's temporary file: %s",
		             strerror(c->write_errno ? c->write_errno : errno));
		rc = HERALD_EIO;
	}
	if (rc == HERALD_OK)
		rc = write_corpus(c->pipe, c->documents, copy_spool, c, target,
		                  fsync_mode, c->diag);
	corpus_abort(c);
	return rc;
}

int corpus_commit_part(corpus_run *c)
{
	herald_diag_set_file(c->diag, c->part_file.final_path);
	if (c->write_errno) {
		herald_error(c->diag, "cannot write: %s", strerror(c->write_errno));
		corpus_abort(c);
		return HERALD_EIO;
	}
	int rc = cli_atomic_commit(&c->part_file, c->diag);
	c->parts = NULL;
	return rc;
}

/* --- the merge ------------------------------------------------------------ */

typedef struct merge_body {
	const batch_job *jobs;
	size_t n;
	shard_set *set;
} merge_body;

static int in_corpus(const batch_job *job)
{
	return job->status == HERALD_OK && job->has_part;
}

/* Every part, in input order, each checked against its hash. */
static int copy_parts(void *ctx, FILE *out, herald_diag *diag)
{
	merge_body *m = ctx;
	for (size_t i = 0; i < m->n; i++) {
		const batch_job *job = &m->jobs[i];
		uint64_t hash;
		if (!in_corpus(job))
			continue;
		int rc = shard_set_copy_part(m->set, job->part_shard, job->part_off,
		                             job->part_len, out, &hash, diag);
		if (rc)
			return rc == -2 ? BODY_OUT_FAILED : BODY_REFUSED;
		if (hash != job->part_hash) {
			char *path = shard_set_path(m->set->dir, m->set->stem,
			                            job->part_shard, m->set->count, "part");
			char q[HERALD_QUOTE_SIZE];
			herald_diag_set_file(diag, path);
			herald_error(diag, "bytes %lld to %lld, the part of %s, do not "
			             "match its summary's hash: not the part file of that "
			             "summary (run the shard again)", job->part_off,
			             job->part_off + (long long)job->part_len,
			             herald_diag_quote(job->input, q, sizeof(q)));
			free(path);
			return BODY_REFUSED;
		}
	}
	return 0;
}

int corpus_merge(const batch_job *jobs, size_t n, shard_set *set,
                 herald_pipeline *pipe, const char *target, int fsync_mode,
                 herald_diag *diag)
{
	_Static_assert(BODY_REFUSED == CORPUS_REFUSED, "one value for a refusal");
	merge_body m = { jobs, n, set };
	size_t documents = 0;
	for (size_t i = 0; i < n; i++)
		documents += in_corpus(&jobs[i]);
	return write_corpus(pipe, documents, copy_parts, &m, target, fsync_mode,
	                    diag);
}
