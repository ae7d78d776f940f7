/* batch.c - converting many documents at once on worker threads.
 *
 * Threads, not processes: plugins are loaded once (libltdl is not
 * thread-safe, so before any worker starts) and shared read-only; each
 * document has its own herald_doc and herald_diag.  doc/archives.md says
 * more. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <herald/herald.h>

#include "batch.h"

typedef struct batch_state {
	batch_job *jobs;
	size_t n;
	const batch_settings *settings;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	size_t next;             /* next job to take */
	size_t ndone;
	unsigned char *done;     /* per job: finished */
	size_t bytes_done;
} batch_state;

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The date, title and item titles the archive index lists. */
static void take_summary(batch_job *job, const herald_doc *doc)
{
	job->date = dup_or_null(herald_doc_meta(doc, HERALD_META_DATE));
	job->title = dup_or_null(herald_doc_meta(doc, HERALD_META_TITLE));
	size_t n = 0;
	herald_node *root = herald_doc_root(doc);
	for (herald_node *c = herald_node_first_child(root); c; c = herald_node_next(c))
		n += herald_node_type_of(c) == HERALD_NODE_ITEM &&
		     herald_node_title(c) != NULL;
	job->items = n ? calloc(n, sizeof(*job->items)) : NULL;
	if (!job->items)
		return;
	for (herald_node *c = herald_node_first_child(root); c; c = herald_node_next(c)) {
		if (herald_node_type_of(c) != HERALD_NODE_ITEM || !herald_node_title(c))
			continue;
		batch_item *it = &job->items[job->nitems++];
		it->title = strdup(herald_node_title(c));
		it->id = strdup(herald_node_id(c));
	}
}

static int write_output(batch_job *job, const herald_doc *doc, herald_diag *diag)
{
	if (!job->output) {
		FILE *mem = open_memstream(&job->buffer, &job->buffer_len);
		if (!mem)
			return HERALD_ENOMEM;
		int rc = herald_pipeline_write(job->pipe, doc, mem, diag);
		fclose(mem);
		return rc;
	}
	if (cli_make_parents(job->output) != 0) {
		char q[HERALD_QUOTE_SIZE];
		herald_error(diag, "%s: cannot create its folder: %s",
		             herald_diag_quote(job->output, q, sizeof(q)), strerror(errno));
		return HERALD_EIO;
	}
	cli_atomic out;
	int rc = cli_atomic_open(&out, job->output, diag);
	if (rc)
		return rc;
	rc = herald_pipeline_write(job->pipe, doc, out.stream, diag);
	if (rc == HERALD_OK)
		return cli_atomic_commit(&out, diag);
	cli_atomic_abort(&out);
	return rc;
}

static void run_job(batch_job *job, const batch_settings *s)
{
	/* An up-to-date output needs nothing, unless the index wants to know
	 * what its bulletin holds. */
	if (job->skip_write && !s->want_summary && !s->keep_docs) {
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
	herald_diag_set_file(diag, strcmp(job->input, "-") == 0 ? "<stdin>"
	                                                       : job->input);
	unsigned char *data = NULL;
	herald_doc *doc = NULL;
	int rc = cli_read_input(job->input, &data, &job->size, diag);
	if (rc == HERALD_OK) {
		herald_input in = { job->input, data, job->size };
		rc = herald_pipeline_read(job->pipe, &in, &doc, diag);
	}
	free(data);
	if (rc == HERALD_OK && s->want_summary)
		take_summary(job, doc);
	if (rc == HERALD_OK && !job->skip_write && !s->keep_docs)
		rc = write_output(job, doc, diag);
	if (rc == HERALD_OK && s->keep_docs)
		job->doc = doc;
	else
		herald_doc_free(doc);
	job->status = rc;
	job->messages = strdup(herald_diag_text(diag));
	if (rc != HERALD_OK)
		job->first_error = strdup(herald_diag_first_error(diag));
	herald_diag_free(diag);
}

static void *worker(void *arg)
{
	batch_state *st = arg;
	for (;;) {
		pthread_mutex_lock(&st->lock);
		size_t i = st->next < st->n ? st->next++ : st->n;
		pthread_mutex_unlock(&st->lock);
		if (i == st->n)
			return NULL;
		run_job(&st->jobs[i], st->settings);
		pthread_mutex_lock(&st->lock);
		st->done[i] = 1;
		st->ndone++;
		st->bytes_done += st->jobs[i].size;
		pthread_cond_signal(&st->changed);
		pthread_mutex_unlock(&st->lock);
	}
}

/* --- progress ------------------------------------------------------------ */

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) +
	       (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static void draw_progress(size_t done, size_t n, size_t bytes,
                          const struct timespec *t0, int final)
{
	double elapsed = seconds_since(t0);
	double rate = elapsed > 0 ? (double)bytes / 1e6 / elapsed : 0;
	long left = done && !final
		? (long)(elapsed / (double)done * (double)(n - done) + 0.5) : 0;
	/* \r and "erase line" redraw in place on a terminal. */
	fprintf(stderr, "\r\033[Kherald: %zu/%zu documents, %.1f MB/s, %ld:%02ld left",
	        done, n, rate, left / 60, left % 60);
	if (final)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* --- running ---------------------------------------------------------------- */

void batch_run(batch_job *jobs, size_t n, const batch_settings *s)
{
	batch_state st = { .jobs = jobs, .n = n, .settings = s };
	st.done = calloc(n ? n : 1, 1);
	long nthreads = s->workers < 1 ? 1 : s->workers;
	if ((size_t)nthreads > n)
		nthreads = n ? (long)n : 1;
	pthread_t *threads = calloc((size_t)nthreads, sizeof(*threads));
	if (!st.done || !threads) {
		fprintf(stderr, "herald: error: out of memory\n");
		for (size_t i = 0; i < n; i++)
			jobs[i].status = HERALD_ENOMEM;
		free(st.done);
		free(threads);
		return;
	}
	pthread_mutex_init(&st.lock, NULL);
	pthread_cond_init(&st.changed, NULL);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);

	long started = 0;
	for (; started < nthreads; started++)
		if (pthread_create(&threads[started], NULL, worker, &st) != 0)
			break;
	if (started == 0)
		worker(&st);   /* no thread could start: do the work here */

	size_t reported = 0;
	double next_draw = 0;
	pthread_mutex_lock(&st.lock);
	while (reported < n) {
		while (reported < n && st.done[reported]) {
			pthread_mutex_unlock(&st.lock);
			if (s->done)
				s->done(&jobs[reported], s->ctx);
			reported++;
			pthread_mutex_lock(&st.lock);
		}
		if (reported == n)
			break;
		/* Five redraws a second at most, however fast documents go. */
		if (s->progress && seconds_since(&t0) >= next_draw) {
			size_t d = st.ndone, b = st.bytes_done;
			next_draw = seconds_since(&t0) + 0.2;
			pthread_mutex_unlock(&st.lock);
			draw_progress(d, n, b, &t0, 0);
			pthread_mutex_lock(&st.lock);
		}
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 200 * 1000 * 1000;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		if (!st.done[reported])
			pthread_cond_timedwait(&st.changed, &st.lock, &until);
	}
	pthread_mutex_unlock(&st.lock);
	for (long i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	if (s->progress)
		draw_progress(n, n, st.bytes_done, &t0, 1);
	pthread_cond_destroy(&st.changed);
	pthread_mutex_destroy(&st.lock);
	free(threads);
	free(st.done);
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
	free(job->date);
	free(job->title);
	for (size_t i = 0; i < job->nitems; i++) {
		free(job->items[i].title);
		free(job->items[i].id);
	}
	free(job->items);
	memset(job, 0, sizeof(*job));
}
