/* batch.c - converting many documents at once on worker threads.
 *
 * Threads, not processes: plugins are loaded once (libltdl is not
 * thread-safe, so before any worker starts) and shared read-only; each
 * document has its own herald_doc and herald_diag.  doc/archives.md says
 * more. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <herald/herald.h>

#include "batch.h"
#include "site.h"

/* --fsync=batch: outputs are committed in groups of at most this many
 * files or bytes, and workers run at most two groups ahead of the last
 * commit, so that the temporaries on disk stay bounded however large the
 * archive.  For standard output, the outputs waiting in memory for their
 * turn (behind a slow document) are bounded by GROUP_BYTES too. */
enum {
	GROUP_FILES = 512,
	/* Towards the end a group holds half of the jobs left, down to this
	 * many: the last group is committed when no document is left to
	 * overlap it (its renames were up to 512 files with every worker
	 * idle), so it should be a small one. */
	TAIL_GROUP = 32,
	GROUP_BYTES = 32 << 20,
	WINDOW = 2 * GROUP_FILES,
	/* The main thread is woken once per this many documents done (or
	 * when the workers would wait for it), not for each: with two
	 * workers, a wake-up per document was two thousand context switches
	 * and lock hand-overs a run of 2 000 bulletins, taken from the
	 * workers' cores. */
	REPORT_BATCH = 32
};

/* What a worker made that the main thread is done with (a page's text,
 * once spooled), for that worker to free.  A block freed by another
 * thread than the one whose malloc arena it came from locks that arena:
 * the main thread freeing each text in a site's summary pass waited
 * 148 times a run of 2 000 bulletins on a worker's arena lock, and the
 * workers as often woke it (doc/performance.md, "Session 12"). */
typedef struct batch_handback {
	void **ptrs;
	size_t n, cap;
} batch_handback;

typedef struct batch_state {
	batch_job *jobs;
	size_t n;
	const batch_settings *settings;
	pthread_mutex_t lock;
	pthread_cond_t job_done;  /* the main thread waits for job `wanted` */
	pthread_cond_t window;    /* workers wait for `limit` to move */
	size_t next;             /* next job to take */
	size_t limit;            /* workers take jobs below this */
	size_t wanted;
	size_t ndone;
	unsigned char *done;     /* per job: finished */
	size_t bytes_done;
	size_t waiting_bytes;    /* outputs in memory, done but not reported */
	int stop;                /* a full disk's errno: start no new job */
	int stream_stdout;       /* settings->stream_stdout, and a lone job */
	batch_handback *handback;  /* one per worker thread (lock held) */
	/* When documents kept from an earlier run of the same pool are
	 * written (a site's writing pass): per job, the worker that read it
	 * (-1: any), whether it is taken, and each worker's first job of its
	 * own not taken yet.  NULL otherwise: jobs are taken in order. */
	long *affinity;
	unsigned char *taken;
	size_t *own;
} batch_state;

/* Worker threads that outlive one batch_run: a site's two passes share
 * them (batch_settings.pool).  A thread keeps its malloc arena for its
 * life, so a document kept from the reading pass is written and freed
 * in the writing pass by the worker whose arena holds it: freed by
 * another, each of its blocks took that arena's lock while the other
 * worker allocated in it (doc/performance.md, "Session 14"). */
typedef struct batch_pool_thread {
	batch_pool *pool;
	long index;
} batch_pool_thread;

struct batch_pool {
	pthread_mutex_t lock;
	pthread_cond_t wake;     /* a run was given, or quit */
	pthread_cond_t idle;     /* the last busy worker left its run */
	batch_state *run;        /* the run given last */
	unsigned long runs;      /* how many were given */
	long busy;               /* workers still in the run */
	int quit;
	long started;            /* threads running */
	pthread_t *threads;
	batch_pool_thread *selves;
};

static int out_of_space(int err)
{
	return err == ENOSPC || err == EDQUOT;
}

static const char *shown_name(const batch_job *job)
{
	return strcmp(job->input, "-") == 0 ? "<stdin>" : job->input;
}

/* The date, title and item titles the archive index lists. */
static void take_summary(batch_job *job, const herald_doc *doc)
{
	size_t n = 0;
	herald_node *root = herald_doc_root(doc);
	for (herald_node *c = herald_node_first_child(root); c; c = herald_node_next(c))
		n += herald_node_type_of(c) == HERALD_NODE_ITEM &&
		     herald_node_title(c) != NULL;
	const char **id_title = n ? malloc(2 * n * sizeof(*id_title)) : NULL;
	if (n && !id_title)
		return;
	size_t k = 0;
	for (herald_node *c = herald_node_first_child(root); c; c = herald_node_next(c))
		if (herald_node_type_of(c) == HERALD_NODE_ITEM && herald_node_title(c)) {
			id_title[k++] = herald_node_id(c);
			id_title[k++] = herald_node_title(c);
		}
	batch_job_set_summary(job, herald_doc_meta(doc, HERALD_META_DATE),
	                      herald_doc_meta(doc, HERALD_META_TITLE),
	                      herald_doc_meta(doc, HERALD_META_LANGUAGE), id_title, n);
	free(id_title);
}

/* Copy s (when not NULL) to *at, moving it past the copy. */
static const char *put_string(char **at, const char *s)
{
	if (!s)
		return NULL;
	size_t len = strlen(s) + 1;
	char *copy = memcpy(*at, s, len);
	*at += len;
	return copy;
}

int batch_job_set_summary(batch_job *job, const char *date, const char *title,
                          const char *language, const char *const *id_title,
                          size_t n)
{
	size_t bytes = n * sizeof(batch_item);
	const char *fixed[] = { date, title, language };
	for (size_t i = 0; i < 3; i++)
		bytes += fixed[i] ? strlen(fixed[i]) + 1 : 0;
	for (size_t i = 0; i < 2 * n; i++)
		bytes += strlen(id_title[i]) + 1;
	batch_item *items = malloc(bytes ? bytes : 1);
	char *at = items ? (char *)(items + n) : NULL;
	for (size_t i = 0; items && i < n; i++) {
		items[i].id = put_string(&at, id_title[2 * i]);
		items[i].title = put_string(&at, id_title[2 * i + 1]);
	}
	/* (copied before the old block goes: the strings may be in it) */
	const char *copies[3] = { NULL, NULL, NULL };
	for (size_t i = 0; items && i < 3; i++)
		copies[i] = put_string(&at, fixed[i]);
	free(job->summary);
	job->summary = items;
	job->date = copies[0];
	job->title = copies[1];
	job->language = copies[2];
	job->items = items && n ? items : NULL;
	job->nitems = items ? n : 0;
	return items ? 0 : -1;
}

/* An error of the run's own about job (file, or none) after its
 * messages. */
__attribute__((format(printf, 3, 4)))
static void add_error(batch_job *job, const char *file, const char *fmt, ...)
{
	herald_diag *diag = herald_diag_new(NULL);
	if (!diag)
		return;
	va_list ap;
	va_start(ap, fmt);
	herald_diag_set_file(diag, file);
	herald_diag_vreport(diag, HERALD_ERROR, 0, 0, fmt, ap);
	va_end(ap);
	const char *text = herald_diag_text(diag);
	size_t had = job->messages ? strlen(job->messages) : 0;
	char *all = realloc(job->messages, had + strlen(text) + 1);
	if (all) {
		strcpy(all + had, text);
		job->messages = all;
	}
	if (!job->first_error)
		job->first_error = strdup(herald_diag_first_error(diag));
	herald_diag_free(diag);
}

/* A job whose output could not be put in place after it was written. */
static void output_failed(batch_job *job, int err)
{
	job->status = HERALD_EIO;
	job->out_errno = err;
	if (out_of_space(err)) {
		job->unwritten = 1;
		return;
	}
	char q[HERALD_QUOTE_SIZE];
	add_error(job, shown_name(job), "%s: cannot write output: %s",
	          herald_diag_quote(job->output, q, sizeof(q)), strerror(err));
}

/* A streamed output that standard output did not take: a reader that
 * went away (EPIPE) is no error to say, as the command's own check of
 * standard output says nothing of it either. */
static void stdout_failed(batch_job *job, int err)
{
	job->status = HERALD_EIO;
	free(job->first_error);
	job->first_error = NULL;
	if (err != EPIPE)
		add_error(job, NULL, "writing to standard output: %s", strerror(err));
}

/* Where what is written to standard output will begin, if it is a
 * regular file (appended to: at its end), else -1. */
static off_t output_start(void)
{
	struct stat st;
	int flags = fcntl(STDOUT_FILENO, F_GETFL);
	if (flags < 0 || fstat(STDOUT_FILENO, &st) != 0 || !S_ISREG(st.st_mode))
		return -1;
	return flags & O_APPEND ? st.st_size : lseek(STDOUT_FILENO, 0, SEEK_CUR);
}

/* A writer that failed on its own, not for standard output, wrote part
 * of an output there: a regular file is cut back to where the output
 * began (unless something else wrote to it meanwhile); a pipe or a
 * terminal keeps what it was given. */
static void take_back(off_t start, size_t bytes)
{
	struct stat st;
	off_t end = lseek(STDOUT_FILENO, 0, SEEK_CUR);
	if (start < 0 || end != start + (off_t)bytes ||
	    fstat(STDOUT_FILENO, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size != end)
		return;
	if (ftruncate(STDOUT_FILENO, start) == 0)
		lseek(STDOUT_FILENO, start, SEEK_SET);
}

/* A lone document for standard output goes there as it is written
 * rather than gathered in memory first (its output would sit beside the
 * document at the peak, and be copied as the buffer grows): nothing else
 * can come between.  Its messages so far are printed first, *reported
 * then their length.  Returns the writer's status; *out_errno is the
 * errno of a failed write to standard output, or 0.  1 when standard
 * output cannot be given a stream of its own: then gather it. */
static int stream_output(batch_job *job, const herald_doc *doc,
                         herald_diag *diag, size_t *reported, int *out_errno)
{
	cli_atomic out;
	*out_errno = 0;
	if (fflush(stdout) != 0 || cli_atomic_open_fd(&out, STDOUT_FILENO) != 0)
		return 1;
	/* What the document said so far comes before its output, as it does
	 * when the output is gathered (report_job prints the rest). */
	fputs(herald_diag_text(diag) + *reported, stderr);
	*reported = strlen(herald_diag_text(diag));
	off_t start = output_start();
	int rc = herald_pipeline_write(job->pipe, doc, out.stream, diag);
	fflush(out.stream);
	*out_errno = out.write_errno;
	if (rc != HERALD_OK && !out.write_errno)
		take_back(start, out.bytes);
	cli_atomic_abort(&out);
	return rc;
}

static int write_output(batch_job *job, const herald_doc *doc,
                        herald_diag *diag, const batch_settings *s)
{
	if (!job->output) {
		FILE *mem = open_memstream(&job->buffer, &job->buffer_len);
		if (!mem)
			return HERALD_ENOMEM;
		int rc = s->corpus_parts
		         ? herald_pipeline_write_corpus_part(job->pipe,
		               HERALD_CORPUS_DOCUMENT, doc, job->position, mem, diag)
		         : herald_pipeline_write(job->pipe, doc, mem, diag);
		fclose(mem);
		return rc;
	}
	cli_atomic out;
	int rc = cli_atomic_open(&out, job->output, s->fsync_mode, diag);
	if (rc != HERALD_OK) {
		job->out_errno = errno;
		return rc;
	}
	rc = herald_pipeline_write(job->pipe, doc, out.stream, diag);
	if (rc != HERALD_OK) {
		/* (the writer said why; a full disk is known by its write) */
		job->out_errno = out.write_errno;
		cli_atomic_abort(&out);
		return rc;
	}
	/* --fsync=batch: the main thread commits it with its group. */
	if (s->fsync_mode == HERALD_FSYNC_BATCH)
		rc = cli_atomic_close(&out, &job->temp_path, &job->final_path, diag);
	else
		rc = cli_atomic_commit(&out, diag);
	if (rc != HERALD_OK)
		job->out_errno = errno;
	job->out_bytes = out.bytes;
	return rc;
}

/* The page's links, for the writer to render. */
static int add_links(const batch_job *job, herald_doc *doc)
{
	for (size_t i = 0; i < job->nlinks; i++) {
		const batch_link *l = &job->links[i];
		int rc = herald_doc_add_link(doc, l->rel, l->url, l->label);
		if (rc != HERALD_OK)
			return rc;
	}
	return HERALD_OK;
}

/* stream: a lone document, whose output for standard output may go
 * there at once (batch_settings.stream_stdout). */
static void run_job(batch_job *job, const batch_settings *s, int stream)
{
	if (job->settled)
		return;
	/* An up-to-date output needs nothing, unless the index wants to know
	 * what its bulletin holds. */
	if (job->skip_write && !s->want_summary && !s->keep_docs) {
		herald_doc_free(job->doc);   /* (kept by a summary pass) */
		job->doc = NULL;
		job->status = HERALD_OK;
		return;
	}
	herald_diag *diag = herald_diag_new(NULL);
	if (!diag) {
		job->status = HERALD_ENOMEM;
		job->first_error = strdup("out of memory");
		return;
	}
	if (s->quiet)
		herald_diag_set_min_severity(diag, HERALD_ERROR);
	herald_diag_set_file(diag, shown_name(job));
	unsigned char *data = NULL;
	herald_doc *doc = job->doc;      /* a summary pass may have kept it */
	int rc = HERALD_OK;
	job->doc = NULL;
	if (!doc)
		rc = herald_input_read_file(job->input, &data, &job->size, diag);
	if (rc == HERALD_OK && !doc) {
		herald_input in = { job->input, data, job->size };
		rc = herald_pipeline_read_buffer(job->pipe, &in, data, &doc, diag);
	}
	if (rc == HERALD_OK && s->want_summary)
		take_summary(job, doc);
	if (rc == HERALD_OK && s->summary_only &&
	    !(job->text = site_search_text(doc)))
		rc = HERALD_ENOMEM;
	size_t before_write = strlen(herald_diag_text(diag));
	/* Of the diag's text, what is reported already: by the summary pass,
	 * or printed before a streamed output. */
	size_t reported = s->read_said ? before_write : 0;
	int stdout_errno = 0;
	if (rc == HERALD_OK && s->prepare)
		rc = s->prepare(job, diag, s->prepare_ctx);
	if (rc == HERALD_OK && job->nlinks)
		rc = add_links(job, doc);
	if (rc == HERALD_OK && !job->skip_write && !s->keep_docs &&
	    !s->summary_only) {
		int streamed = stream && !job->output && !s->corpus_parts
			? stream_output(job, doc, diag, &reported, &stdout_errno) : 1;
		rc = streamed == 1 ? write_output(job, doc, diag, s) : streamed;
		if (rc == HERALD_OK && s->written)
			s->written(job, s->written_ctx);
	}
	if (rc == HERALD_OK && (s->keep_docs || (s->summary_only && job->keep_doc)))
		job->doc = doc;
	else
		herald_doc_free(doc);
	job->status = rc;
	job->summary_pass = s->summary_only;
	/* What a summary pass said and nobody reported yet (an embedding
	 * program hears of a page once, after its writing pass) comes
	 * first. */
	char *earlier = s->read_said ? job->messages : NULL;
	if (!s->read_said)
		free(job->messages);
	const char *said = herald_diag_text(diag) + reported;
	size_t had = earlier ? strlen(earlier) : 0;
	job->messages = malloc(had + strlen(said) + 1);
	if (job->messages) {
		memcpy(job->messages, earlier ? earlier : "", had);
		strcpy(job->messages + had, said);
	}
	free(earlier);
	/* (where the writing's messages begin in job->messages) */
	size_t written_from = had + (before_write > reported ? before_write - reported : 0);
	if (stdout_errno) {
		/* Standard output failed, not the writer: said once, as the
		 * command says it of its own writes, without the writer's
		 * messages about it. */
		if (job->messages)
			job->messages[written_from] = '\0';
		stdout_failed(job, stdout_errno);
	} else if (rc != HERALD_OK && out_of_space(job->out_errno)) {
		/* A full disk is said once for the whole run (by batch_run's
		 * caller), not by every document and every layer of each (the
		 * writer's message, libxml2's, ours): what the document said
		 * before its output stays. */
		job->unwritten = 1;
		if (job->messages)
			job->messages[written_from] = '\0';
	} else if (rc != HERALD_OK) {
		job->first_error = strdup(herald_diag_first_error(diag));
	}
	herald_diag_free(diag);
}

enum { NO_JOB_LEFT = -1, WAIT_FOR_WINDOW = -2 };

/* The job worker w would take next (lock held): its index, WAIT_FOR_WINDOW
 * while the workers must wait for the main thread to commit or report,
 * or NO_JOB_LEFT.  Jobs are taken in order; with affinity, a worker
 * takes the first of its own documents unless a job for any worker
 * comes before it, and another's only when none of its own is within
 * the window (at the end of a run, or when the other lags). */
static long next_job(batch_state *st, long w)
{
	if (st->taken)
		while (st->next < st->n && st->taken[st->next])
			st->next++;
	if (st->next >= st->n)
		return NO_JOB_LEFT;
	if (st->waiting_bytes >= GROUP_BYTES)
		return WAIT_FOR_WINDOW;
	size_t first = st->next;
	if (st->affinity && w >= 0 && st->affinity[first] >= 0 &&
	    st->affinity[first] != w) {
		size_t *own = &st->own[w];
		while (*own < st->n && (st->taken[*own] || st->affinity[*own] != w))
			++*own;
		if (*own < st->n && *own < st->limit)
			return (long)*own;
	}
	return first < st->limit ? (long)first : WAIT_FOR_WINDOW;
}

static void take_job(batch_state *st, size_t i, long w)
{
	st->jobs[i].worker = w;
	if (st->taken)
		st->taken[i] = 1;
	else
		st->next = i + 1;
}

/* Free (outside the lock, which it drops and takes again) up to a stack's
 * worth of what the main thread handed back to worker w. */
static void free_handed_back(batch_state *st, long w)
{
	enum { AT_ONCE = 64 };
	void *mine[AT_ONCE];
	size_t n = 0;
	batch_handback *hb = &st->handback[w];
	while (hb->n && n < AT_ONCE)
		mine[n++] = hb->ptrs[--hb->n];
	if (!n)
		return;
	pthread_mutex_unlock(&st->lock);
	for (size_t k = 0; k < n; k++)
		free(mine[k]);
	pthread_mutex_lock(&st->lock);
}

/* Worker w's part of run st (w -1: the main thread, doing it alone). */
static void work(batch_state *st, long w)
{
	pthread_mutex_lock(&st->lock);
	for (;;) {
		if (w >= 0)
			free_handed_back(st, w);
		long next = NO_JOB_LEFT;   /* (read only once next_job has set it) */
		while (!st->stop && (next = next_job(st, w)) == WAIT_FOR_WINDOW)
			pthread_cond_wait(&st->window, &st->lock);
		if (st->stop || next == NO_JOB_LEFT)
			break;
		size_t i = (size_t)next;
		take_job(st, i, w);
		pthread_mutex_unlock(&st->lock);
		run_job(&st->jobs[i], st->settings, st->stream_stdout);
		pthread_mutex_lock(&st->lock);
		st->done[i] = 1;
		st->ndone++;
		st->bytes_done += st->jobs[i].size;
		st->waiting_bytes += st->jobs[i].buffer_len;
		if (st->jobs[i].unwritten && !st->stop) {
			st->stop = st->jobs[i].out_errno;
			pthread_cond_broadcast(&st->window);
		}
		/* Only the job the main thread waits for wakes it, or a worker
		 * that would otherwise wait for the main thread's commit. */
		if (i == st->wanted || st->stop || next_job(st, w) == WAIT_FOR_WINDOW)
			pthread_cond_signal(&st->job_done);
	}
	pthread_mutex_unlock(&st->lock);
}

static void *pool_thread(void *arg)
{
	const batch_pool_thread *self = arg;
	batch_pool *p = self->pool;
	unsigned long seen = 0;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->quit && p->runs == seen)
			pthread_cond_wait(&p->wake, &p->lock);
		if (p->quit)
			break;
		seen = p->runs;
		batch_state *st = p->run;
		pthread_mutex_unlock(&p->lock);
		work(st, self->index);
		pthread_mutex_lock(&p->lock);
		if (--p->busy == 0)
			pthread_cond_signal(&p->idle);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

batch_pool *batch_pool_new(long workers)
{
	batch_pool *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	if (workers < 1)
		workers = 1;
	p->threads = calloc((size_t)workers, sizeof(*p->threads));
	p->selves = calloc((size_t)workers, sizeof(*p->selves));
	if (!p->threads || !p->selves) {
		free(p->threads);
		free(p->selves);
		free(p);
		return NULL;
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->wake, NULL);
	pthread_cond_init(&p->idle, NULL);
	for (; p->started < workers; p->started++) {
		p->selves[p->started] = (batch_pool_thread){ p, p->started };
		if (pthread_create(&p->threads[p->started], NULL, pool_thread,
		                   &p->selves[p->started]) != 0)
			break;
	}
	return p;
}

void batch_pool_free(batch_pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->quit = 1;
	pthread_cond_broadcast(&p->wake);
	pthread_mutex_unlock(&p->lock);
	for (long i = 0; i < p->started; i++)
		pthread_join(p->threads[i], NULL);
	pthread_cond_destroy(&p->idle);
	pthread_cond_destroy(&p->wake);
	pthread_mutex_destroy(&p->lock);
	free(p->threads);
	free(p->selves);
	free(p);
}

/* Hand run st to every thread of p. */
static void pool_give(batch_pool *p, batch_state *st)
{
	pthread_mutex_lock(&p->lock);
	p->run = st;
	p->busy = p->started;
	p->runs++;
	pthread_cond_broadcast(&p->wake);
	pthread_mutex_unlock(&p->lock);
}

/* Wait until every thread of p has left the run it was given. */
static void pool_wait(batch_pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->busy > 0)
		pthread_cond_wait(&p->idle, &p->lock);
	p->run = NULL;
	pthread_mutex_unlock(&p->lock);
}

/* The texts of jobs [from, to), reported (done has spooled them), back to
 * the workers that made them; freed here when a job ran on this thread or
 * there is no memory to queue one. */
static void hand_back(batch_state *st, size_t from, size_t to)
{
	pthread_mutex_lock(&st->lock);
	for (size_t i = from; i < to; i++) {
		batch_job *job = &st->jobs[i];
		if (!job->text)
			continue;
		batch_handback *hb = job->worker >= 0 ? &st->handback[job->worker] : NULL;
		if (hb && hb->n == hb->cap) {
			size_t cap = hb->cap ? 2 * hb->cap : 64;
			void **grown = realloc(hb->ptrs, cap * sizeof(*grown));
			if (grown) {
				hb->ptrs = grown;
				hb->cap = cap;
			}
		}
		if (hb && hb->n < hb->cap)
			hb->ptrs[hb->n++] = job->text;
		else
			free(job->text);
		job->text = NULL;
	}
	pthread_mutex_unlock(&st->lock);
}

/* --- progress ------------------------------------------------------------ */

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) +
	       (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* --- running ---------------------------------------------------------------- */

/* --- committing and reporting ------------------------------------------- */

/* Whether path lies in folder. */
static int is_below(const char *path, const char *folder)
{
	size_t len = strlen(folder);
	return strncmp(path, folder, len) == 0 &&
	       (path[len] == '/' || (len && folder[len - 1] == '/'));
}

/* An item's error once its group is committed: its own, or that of
 * its folder that could not be synced (the rename may be lost to a
 * power cut, so the output is not done). */
static int group_error(const cli_pending *item, int err, const char *bad)
{
	if (!item->error && err && (!bad || is_below(item->final_path, bad)))
		return err;
	return item->error;
}

static void commit_alone(cli_pending *items, size_t n, const char *top)
{
	char *bad = NULL;
	int err = cli_commit_group(items, n, top, &bad);
	for (size_t i = 0; i < n; i++)
		items[i].error = group_error(&items[i], err, bad);
	free(bad);
}

/* Commit the group of jobs [from, to): their temporaries made durable
 * and renamed together, then each job reported, in order; and extra,
 * nextra more temporaries (the settings' also_commit), after them in
 * the same group, their errors set there.  Returns a full disk's errno,
 * or 0. */
static int commit_range(batch_state *st, size_t from, size_t to,
                        cli_pending *items, cli_pending *extra, size_t nextra)
{
	const batch_settings *s = st->settings;
	int full = 0;
	size_t k = 0;
	for (size_t i = from; i < to; i++)
		if (st->jobs[i].temp_path)
			items[k++] = (cli_pending){ .temp_path = st->jobs[i].temp_path,
			                            .final_path = st->jobs[i].final_path };
	cli_pending *group = items;
	size_t alone = 0;   /* no memory for one group: theirs after */
	if (nextra && (group = malloc((k + nextra) * sizeof(*group)))) {
		memcpy(group, items, k * sizeof(*group));
		for (size_t i = 0; i < nextra; i++) {
			group[k + i] = extra[i];
			group[k + i].unless_full = 1;
		}
	} else if (nextra) {
		group = items;
		alone = nextra;
		nextra = 0;
	}
	if (k + nextra) {
		char *bad = NULL;
		int err = cli_commit_group(group, k + nextra, s->top, &bad);
		for (size_t i = 0; i < nextra; i++)
			extra[i].error = group_error(&group[k + i], err, bad);
		k = 0;
		for (size_t i = from; i < to; i++) {
			batch_job *job = &st->jobs[i];
			if (!job->temp_path)
				continue;
			int e = group_error(&group[k++], err, bad);
			if (e)
				output_failed(job, e);
			if (out_of_space(e) && !full)
				full = e;
			free(job->temp_path);
			free(job->final_path);
			job->temp_path = job->final_path = NULL;
		}
		free(bad);
	}
	if (group != items)
		free(group);
	if (alone) {
		for (size_t i = 0; i < alone; i++)
			extra[i].unless_full = 1;
		if (full)   /* (as in one group: not renamed after a full disk) */
			for (size_t i = 0; i < alone; i++) {
				extra[i].error = full;
				unlink(extra[i].temp_path);
			}
		else
			commit_alone(extra, alone, s->top);
	}
	for (size_t i = from; i < to; i++)
		if (s->done)
			s->done(&st->jobs[i], s->ctx);
	hand_back(st, from, to);
	return full;
}

/* The most files the group from job committed on holds (of n). */
static size_t group_limit(size_t n, size_t committed)
{
	size_t half = (n - committed) / 2;
	return half < TAIL_GROUP ? TAIL_GROUP : half > GROUP_FILES ? GROUP_FILES : half;
}

/* After a full disk: the jobs not started are not written. */
static void skip_the_rest(batch_state *st)
{
	for (size_t i = st->next; i < st->n; i++) {
		if (st->taken && st->taken[i])
			continue;   /* (running) */
		if (st->taken)
			st->taken[i] = 1;
		st->jobs[i].status = HERALD_EIO;
		st->jobs[i].unwritten = 1;
		st->done[i] = 1;
		st->ndone++;
	}
	st->next = st->n;
}

/* --- running ---------------------------------------------------------------- */

/* Jobs whose document an earlier run on pool kept (job->doc) go to the
 * worker that read it.  Without memory for that, in order: slower only. */
/* The pool's worker that read job's kept document, or -1. */
static long reader_of(const batch_job *job, const batch_pool *pool)
{
	return job->doc && job->worker >= 0 && job->worker < pool->started
	       ? job->worker : -1;
}

static void set_affinity(batch_state *st, const batch_pool *pool)
{
	size_t kept = 0;
	for (size_t i = 0; i < st->n; i++)
		kept += reader_of(&st->jobs[i], pool) >= 0;
	if (!kept || pool->started < 2)
		return;
	st->affinity = malloc(st->n * sizeof(*st->affinity));
	st->taken = calloc(st->n, 1);
	st->own = calloc((size_t)pool->started, sizeof(*st->own));
	if (!st->affinity || !st->taken || !st->own) {
		free(st->affinity);
		free(st->taken);
		free(st->own);
		st->affinity = NULL;
		st->taken = NULL;
		st->own = NULL;
		return;
	}
	for (size_t i = 0; i < st->n; i++)
		st->affinity[i] = reader_of(&st->jobs[i], pool);
}

int batch_run(batch_job *jobs, size_t n, const batch_settings *s)
{
	batch_state st = { .jobs = jobs, .n = n, .settings = s, .limit = WINDOW,
	                   .stream_stdout = s->stream_stdout && n == 1 };
	/* One document: nothing to overlap, and a thread would cost a
	 * stack and a malloc arena (a tenth of a one-line run's CPU). */
	batch_pool *own_pool = NULL, *pool = s->pool;
	if (!pool && n > 1) {
		long workers = s->workers < 1 ? 1 : s->workers;
		own_pool = pool = batch_pool_new((size_t)workers > n ? (long)n : workers);
	}
	long nthreads = pool && pool->started ? pool->started : 1;
	st.done = calloc(n ? n : 1, 1);
	st.handback = calloc((size_t)nthreads, sizeof(*st.handback));
	/* (a group is at most GROUP_FILES of the n jobs) */
	cli_pending *items = calloc(n && n < GROUP_FILES ? n : GROUP_FILES,
	                            sizeof(*items));
	if (!st.done || !items || !st.handback) {
		fprintf(stderr, "herald: error: out of memory\n");
		for (size_t i = 0; i < n; i++)
			jobs[i].status = HERALD_ENOMEM;
		free(st.done);
		free(st.handback);
		free(items);
		batch_pool_free(own_pool);
		return 0;
	}
	if (s->pool)
		set_affinity(&st, s->pool);
	/* Each worker's malloc arena would otherwise give its free top back
	 * to the kernel after nearly every document (an madvise, and with
	 * several threads a TLB shoot-down on every core): keep up to this
	 * much per arena instead. */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	pthread_mutex_init(&st.lock, NULL);
	pthread_cond_init(&st.job_done, NULL);
	pthread_cond_init(&st.window, NULL);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);

	int threaded = pool && pool->started > 0;
	if (threaded) {
		pool_give(pool, &st);
	} else {
		st.limit = n;   /* no thread could start: do the work here */
		work(&st, -1);
	}

	size_t committed = 0, collected = 0, group_files = 0, group_bytes = 0;
	double next_draw = 0;
	pthread_mutex_lock(&st.lock);
	while (committed < n) {
		if (st.stop && st.next < n)
			skip_the_rest(&st);
		while (collected < n && st.done[collected] &&
		       collected - committed < GROUP_FILES) {
			group_files += jobs[collected].temp_path != NULL;
			group_bytes += jobs[collected].out_bytes;
			collected++;
		}
		/* A group is committed when full, at the end, or on a full
		 * disk; jobs without a temporary waiting are reported at once. */
		int full = collected == n ||
		           collected - committed >= group_limit(n, committed) ||
		           group_bytes >= GROUP_BYTES || st.stop;
		if (collected > committed && (full || group_files == 0)) {
			size_t from = committed, shown = 0;
			for (size_t i = from; i < collected; i++)
				shown += jobs[i].buffer_len;
			pthread_mutex_unlock(&st.lock);
			cli_pending *extra = NULL;
			size_t nextra = 0;
			if (collected == n && !st.stop && s->also_commit &&
			    s->fsync_mode == HERALD_FSYNC_BATCH)
				extra = s->also_commit(&nextra, s->also_commit_ctx);
			int e = commit_range(&st, from, collected, items, extra, nextra);
			pthread_mutex_lock(&st.lock);
			st.waiting_bytes -= shown;
			if (e && !st.stop)
				st.stop = e;
			committed = collected;
			group_files = group_bytes = 0;
			st.limit = committed + WINDOW;
			pthread_cond_broadcast(&st.window);
			continue;
		}
		/* Five redraws a second at most, however fast documents go. */
		if (s->progress && seconds_since(&t0) >= next_draw) {
			size_t d = st.ndone, b = st.bytes_done;
			next_draw = seconds_since(&t0) + 0.2;
			pthread_mutex_unlock(&st.lock);
			s->progress(d, n, b, seconds_since(&t0), s->progress_ctx);
			pthread_mutex_lock(&st.lock);
		}
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 200 * 1000 * 1000;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		/* The job REPORT_BATCH - 1 after the first not done; that one
		 * when a later job is done already (a slow document). */
		st.wanted = collected + REPORT_BATCH - 1 < n
		            ? collected + REPORT_BATCH - 1 : n - 1;
		if (st.done[st.wanted])
			st.wanted = collected;
		if (!st.done[collected])
			pthread_cond_timedwait(&st.job_done, &st.lock, &until);
	}
	int stop = st.stop;
	pthread_mutex_unlock(&st.lock);
	if (threaded)
		pool_wait(pool);
	batch_pool_free(own_pool);
	/* (what was handed back after a worker had left: no arena is busy now) */
	for (long w = 0; w < nthreads; w++) {
		for (size_t k = 0; k < st.handback[w].n; k++)
			free(st.handback[w].ptrs[k]);
		free(st.handback[w].ptrs);
	}
	free(st.handback);
	free(st.affinity);
	free(st.taken);
	free(st.own);
	if (s->progress)
		s->progress(n, n, st.bytes_done, seconds_since(&t0), s->progress_ctx);
	pthread_cond_destroy(&st.window);
	pthread_cond_destroy(&st.job_done);
	pthread_mutex_destroy(&st.lock);
	free(items);
	free(st.done);
	return stop;
}

void batch_job_free_links(batch_job *job)
{
	for (size_t i = 0; i < job->nlinks; i++) {
		free(job->links[i].rel);
		free(job->links[i].url);
		free(job->links[i].label);
	}
	free(job->links);
	job->links = NULL;
	job->nlinks = 0;
}

void batch_job_clear(batch_job *job)
{
	free(job->input);
	free(job->output);
	free(job->href);
	free(job->messages);
	free(job->first_error);
	free(job->buffer);
	herald_doc_free(job->doc);
	free(job->summary);
	free(job->text);
	batch_job_free_links(job);
	if (job->temp_path)
		unlink(job->temp_path);
	free(job->temp_path);
	free(job->final_path);
	free(job->manifest_entry);
	memset(job, 0, sizeof(*job));
}
