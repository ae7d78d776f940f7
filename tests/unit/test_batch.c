/* test_batch.c - herald/batch.h from a program: results in input order,
 * outputs in memory, progress, the refusals before a run starts, the
 * pipeline a batch lends and prepares ahead, and a corpus (in parts, or
 * whole).  Uses the build tree's plugins
 * (HERALD_PLUGIN_PATH, as make check sets it). */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <herald/herald.h>

typedef struct fixture {
	herald_registry *reg;
	herald_diag *diag;
	char dir[64];
	char files[4][96];
} fixture;

typedef struct seen {
	size_t n;
	char inputs[8][96];
	int status[8];
	size_t sizes[8];
	int had_output_path;
	size_t progress_calls, last_done, last_total;
	size_t finished_calls;   /* calls with done == total */
	int went_back;           /* a call's done below the one before */
} seen;

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	char *path = herald_plugin_search_path(NULL);
	f->diag = herald_diag_new(NULL);
	f->reg = herald_registry_new();
	if (!f->diag || !f->reg || !path ||
	    herald_registry_set_search_path(f->reg, path, f->diag) != HERALD_OK)
		return -1;
	free(path);
	snprintf(f->dir, sizeof(f->dir), "/tmp/test_batch.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	/* Names whose sorted order is not the order they are added in. */
	static const char *const names[] = { "c.txt", "a.txt", "b.txt" };
	for (int i = 0; i < 3; i++) {
		snprintf(f->files[i], sizeof(f->files[i]), "%s/%s", f->dir, names[i]);
		char text[64];
		snprintf(text, sizeof(text), "Bulletin %d.\n\nItem %d.\n", i, i);
		write_file(f->files[i], text);
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	/* (with what the tests wrote there: a corpus, a site) */
	char rm[160];
	snprintf(rm, sizeof(rm), "rm -rf '%s'", f->dir);
	assert_int_equal(system(rm), 0);
	herald_registry_free(f->reg);
	herald_diag_free(f->diag);
	free(f);
	return 0;
}

static void on_done(const herald_batch_result *r, void *ctx)
{
	seen *s = ctx;
	assert_true(s->n < 8);
	snprintf(s->inputs[s->n], sizeof(s->inputs[0]), "%s", r->input);
	s->status[s->n] = r->status;
	s->sizes[s->n] = r->data ? r->size : 0;
	s->had_output_path |= r->output != NULL;
	assert_non_null(r->messages);
	s->n++;
}

static void on_progress(size_t done, size_t total, size_t bytes,
                        double seconds, void *ctx)
{
	seen *s = ctx;
	(void)bytes;
	assert_true(seconds >= 0);
	assert_true(done <= total);
	s->went_back |= s->progress_calls && done < s->last_done;
	s->finished_calls += done == total;
	s->progress_calls++;
	s->last_done = done;
	s->last_total = total;
}

static void test_batch_results_come_in_input_order(void **state)
{
	fixture *f = *state;
	seen s = { 0 };
	herald_batch_settings set = { .writer = "text", .workers = 3,
	                              .done = on_done, .progress = on_progress,
	                              .ctx = &s };
	herald_batch *b = herald_batch_new(f->reg, &set);
	assert_non_null(b);
	for (int i = 0; i < 3; i++)
		assert_int_equal(herald_batch_add(b, f->files[i]), HERALD_OK);
	assert_int_equal(herald_batch_run(b, f->diag), HERALD_OK);
	assert_int_equal(s.n, 3);
	for (int i = 0; i < 3; i++) {
		assert_string_equal(s.inputs[i], f->files[i]);
		assert_int_equal(s.status[i], HERALD_OK);
		assert_true(s.sizes[i] > 0);   /* the output, in memory */
	}
	assert_false(s.had_output_path);
	/* The last progress call says everything is done. */
	assert_true(s.progress_calls >= 1);
	assert_int_equal(s.last_done, 3);
	assert_int_equal(s.last_total, 3);
	/* A batch runs once. */
	assert_int_equal(herald_batch_run(b, f->diag), HERALD_EUSAGE);
	herald_batch_free(b);
}

static void test_batch_copies_its_settings(void **state)
{
	fixture *f = *state;
	seen s = { 0 };
	char writer[16] = "text";
	const char *transforms[] = { "segment", NULL };
	herald_batch_settings set = { .writer = writer, .transforms = transforms,
	                              .done = on_done, .ctx = &s };
	herald_batch *b = herald_batch_new(f->reg, &set);
	char input[96];
	snprintf(input, sizeof(input), "%s", f->files[1]);
	assert_int_equal(herald_batch_add(b, input), HERALD_OK);
	strcpy(writer, "nothing");
	transforms[0] = "nothing";
	strcpy(input, "/nowhere");
	assert_int_equal(herald_batch_run(b, f->diag), HERALD_OK);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.inputs[0], f->files[1]);
	herald_batch_free(b);
}

static void test_batch_refuses_before_converting(void **state)
{
	fixture *f = *state;
	seen s = { 0 };
	/* A folder without recursive. */
	herald_batch_settings set = { .writer = "text", .done = on_done, .ctx = &s };
	herald_batch *b = herald_batch_new(f->reg, &set);
	herald_batch_add(b, f->dir);
	assert_int_equal(herald_batch_run(b, f->diag), HERALD_EUSAGE);
	herald_batch_free(b);
	assert_non_null(strstr(herald_diag_text(f->diag), "is a directory"));
	/* Several inputs to standard output with a writer whose outputs do
	 * not concatenate. */
	set.writer = "html";
	b = herald_batch_new(f->reg, &set);
	herald_batch_add(b, f->files[0]);
	herald_batch_add(b, f->files[1]);
	assert_int_equal(herald_batch_run(b, f->diag), HERALD_EUSAGE);
	herald_batch_free(b);
	assert_non_null(strstr(herald_diag_text(f->diag),
	                       "2 inputs cannot go to one output"));
	/* A writer that does not exist. */
	set.writer = "nosuchwriter";
	b = herald_batch_new(f->reg, &set);
	herald_batch_add(b, f->files[0]);
	assert_int_equal(herald_batch_run(b, f->diag), HERALD_EUSAGE);
	herald_batch_free(b);
	assert_int_equal(s.n, 0);   /* nothing was converted */
}

static void test_batch_reports_a_failed_input_and_goes_on(void **state)
{
	fixture *f = *state;
	seen s = { 0 };
	herald_batch_settings set = { .writer = "text", .workers = 2,
	                              .done = on_done, .ctx = &s };
	herald_batch *b = herald_batch_new(f->reg, &set);
	char missing[128];
	snprintf(missing, sizeof(missing), "%s/missing.txt", f->dir);
	herald_batch_add(b, f->files[0]);
	herald_batch_add(b, missing);
	herald_batch_add(b, f->files[2]);
	assert_int_equal(herald_batch_run(b, f->diag), HERALD_EINPUT);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.status[0], HERALD_OK);
	assert_int_not_equal(s.status[1], HERALD_OK);
	assert_int_equal(s.status[2], HERALD_OK);
	herald_batch_free(b);
}

/* A file's whole content (malloc'd, NUL-terminated), or NULL. */
static char *slurp(const char *path, size_t *len)
{
	FILE *in = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0;
	*len = 0;
	if (!in)
		return NULL;
	for (;;) {
		char *grown = realloc(buf, cap + 4097);
		if (!grown)
			break;
		buf = grown;
		size_t got = fread(buf + *len, 1, 4096, in);
		*len += got;
		cap += 4096;
		buf[*len] = '\0';
		if (got < 4096)
			break;
	}
	fclose(in);
	return buf;
}

/* "joined": a writer with write_many only (the corpus hook of a writer
 * written before write_corpus_part): the documents' sources, counted. */
static int joined_write(void *state, const herald_doc *doc, FILE *out,
                        herald_diag *diag)
{
	(void)state;
	(void)diag;
	fprintf(out, "%s\n", herald_doc_meta(doc, HERALD_META_SOURCE));
	return HERALD_OK;
}

static int joined_write_many(void *state, const herald_doc *const *docs,
                             size_t n, FILE *out, herald_diag *diag)
{
	fprintf(out, "%zu:\n", n);
	for (size_t i = 0; i < n; i++)
		joined_write(state, docs[i], out, diag);
	return HERALD_OK;
}

static const herald_plugin joined_plugin = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "joined",
	.version = "1",
	.description = "sources, one a line",
	.roles = HERALD_ROLE_WRITER,
	.output_extension = "joined",
	.write = joined_write,
	.write_many = joined_write_many,
};

/* A corpus through the writer's pieces is what write_many writes for the
 * same documents (tei); a writer with write_many only still writes one,
 * every document kept, but cannot be sharded. */
static void test_batch_writes_a_corpus_in_parts_or_whole(void **state)
{
	fixture *f = *state;
	seen s = { 0 };
	char corpus[128];
	snprintf(corpus, sizeof(corpus), "%s/corpus.xml", f->dir);
	herald_batch_settings set = { .writer = "tei", .corpus = 1, .workers = 2,
	                              .output = corpus, .done = on_done, .ctx = &s };
	herald_batch *b = herald_batch_new(f->reg, &set);
	for (int i = 0; i < 3; i++)
		herald_batch_add(b, f->files[i]);
	assert_int_equal(herald_batch_run(b, f->diag), HERALD_OK);
	assert_int_equal(s.n, 3);
	for (int i = 0; i < 3; i++)
		assert_int_equal(s.sizes[i], 0);   /* (the parts are the corpus's) */
	size_t len;
	char *got = slurp(corpus, &len);
	assert_non_null(got);
	/* The same documents through write_many, numbered 1 to 3. */
	herald_pipeline *pipe = herald_batch_pipeline(b, NULL, f->diag);
	herald_doc *docs[3];
	for (int i = 0; i < 3; i++) {
		size_t size;
		char *text = slurp(f->files[i], &size);
		herald_input in = { f->files[i], (const unsigned char *)text, size };
		assert_int_equal(herald_pipeline_read(pipe, &in, &docs[i], f->diag), HERALD_OK);
		free(text);
	}
	char *whole = NULL;
	size_t whole_len;
	FILE *out = open_memstream(&whole, &whole_len);
	assert_int_equal(herald_pipeline_write_many(pipe, (const herald_doc *const *)docs,
	                                            3, out, f->diag), HERALD_OK);
	fclose(out);
	assert_int_equal(len, whole_len);
	assert_memory_equal(got, whole, len);
	assert_non_null(strstr(got, "xml:id=\"d3."));
	for (int i = 0; i < 3; i++)
		herald_doc_free(docs[i]);
	free(whole);
	free(got);
	herald_batch_free(b);

	/* write_many only: kept whole, written at the end. */
	assert_int_equal(herald_registry_add(f->reg, &joined_plugin, NULL, f->diag),
	                 HERALD_OK);
	set.writer = "joined";
	b = herald_batch_new(f->reg, &set);
	herald_batch_add(b, f->files[0]);
	herald_batch_add(b, f->files[1]);
	assert_int_equal(herald_batch_run(b, f->diag), HERALD_OK);
	herald_batch_free(b);
	got = slurp(corpus, &len);
	char want[256];
	snprintf(want, sizeof(want), "2:\n%s\n%s\n", f->files[0], f->files[1]);
	assert_string_equal(got, want);
	free(got);
	/* ... and no corpus of shards. */
	set.shard_count = 2;
	b = herald_batch_new(f->reg, &set);
	herald_batch_add(b, f->files[0]);
	assert_int_equal(herald_batch_run(b, f->diag), HERALD_EUSAGE);
	herald_batch_free(b);
	assert_non_null(strstr(herald_diag_text(f->diag),
	                       "cannot write a corpus in parts (write_corpus_part)"));
	unlink(corpus);
}

/* A writer whose prepare hook counts its calls and notes the thread. */
static int prepare_calls;
static pthread_t prepared_on;

static void counted_prepare(void *state)
{
	(void)state;
	__atomic_add_fetch(&prepare_calls, 1, __ATOMIC_SEQ_CST);
	prepared_on = pthread_self();
}

static int prepare_calls_in(fixture *f, long workers, int ninputs)
{
	seen s = { 0 };
	herald_batch_settings set = { .writer = "prepared", .workers = workers,
	                              .done = on_done, .ctx = &s };
	herald_batch *b = herald_batch_new(f->reg, &set);
	for (int i = 0; i < ninputs; i++)
		herald_batch_add(b, f->files[i]);
	prepare_calls = 0;
	assert_int_equal(herald_batch_run(b, f->diag), HERALD_OK);
	herald_batch_free(b);   /* (the hooks have returned once it has) */
	assert_int_equal(s.n, (size_t)ninputs);
	return __atomic_load_n(&prepare_calls, __ATOMIC_SEQ_CST);
}

/* Several inputs on several workers: the pipeline's prepare hooks run
 * once, on a thread of their own, while the inputs are gathered; one
 * input, or one worker, keeps one thread and never calls them. */
static void test_batch_prepares_its_pipeline_ahead(void **state)
{
	fixture *f = *state;
	/* joined, with the hook (static: the registry borrows it) */
	static herald_plugin prepared;
	prepared = joined_plugin;
	prepared.name = "prepared";
	prepared.writer_flags = HERALD_WRITER_CONCATENATES;
	prepared.prepare = counted_prepare;
	assert_int_equal(herald_registry_add(f->reg, &prepared, NULL, f->diag),
	                 HERALD_OK);
	assert_int_equal(prepare_calls_in(f, 2, 3), 1);
	assert_false(pthread_equal(prepared_on, pthread_self()));
	assert_int_equal(prepare_calls_in(f, 1, 3), 0);
	assert_int_equal(prepare_calls_in(f, 2, 1), 0);
}

static void test_batch_lends_its_pipeline(void **state)
{
	fixture *f = *state;
	herald_batch_settings set = { .writer = "json" };
	herald_batch *b = herald_batch_new(f->reg, &set);
	herald_pipeline *p = herald_batch_pipeline(b, NULL, f->diag);
	assert_non_null(p);
	assert_string_equal(herald_pipeline_reader(p)->name, "bulletin");
	assert_string_equal(herald_pipeline_writer(p)->name, "json");
	/* Asked again, the same one. */
	assert_ptr_equal(herald_batch_pipeline(b, NULL, f->diag), p);
	assert_ptr_equal(herald_batch_pipeline(b, "bulletin", f->diag), p);
	assert_null(herald_batch_pipeline(b, "nosuchreader", f->diag));
	herald_batch_free(b);
}

/* A site is made in two passes (summaries, then pages), but its
 * progress is one: done never goes back, and reaches total once. */
static void test_batch_site_progress_is_one(void **state)
{
	fixture *f = *state;
	seen s = { 0 };
	char site[128];
	snprintf(site, sizeof(site), "%s/site", f->dir);
	herald_batch_settings set = { .writer = "html", .output = site,
	                              .workers = 2, .done = on_done,
	                              .progress = on_progress, .ctx = &s };
	herald_batch *b = herald_batch_new(f->reg, &set);
	for (int i = 0; i < 3; i++)
		herald_batch_add(b, f->files[i]);
	assert_int_equal(herald_batch_run(b, f->diag), HERALD_OK);
	herald_batch_free(b);
	assert_int_equal(s.n, 3);
	assert_true(s.progress_calls >= 2);
	assert_false(s.went_back);
	assert_int_equal(s.finished_calls, 1);
	assert_int_equal(s.last_done, 3);
	assert_int_equal(s.last_total, 3);
	char page[160];
	snprintf(page, sizeof(page), "%s/a.html", site);
	assert_int_equal(access(page, F_OK), 0);
}

/* "lockstep": a reader and a site writer whose calls for the pages
 * p0.txt ... p7.txt wait for each other two by two, recording the thread
 * (its kernel id: a pthread_t may be reused by the next thread) that read
 * and wrote each page.  Two workers then each take one page of every
 * pair, whatever the machine's timing. */
enum { LOCKSTEP_PAGES = 8 };
static long read_by[LOCKSTEP_PAGES], written_by[LOCKSTEP_PAGES];
static int gate_timed_out;
static struct {
	pthread_mutex_t lock;
	pthread_cond_t opened;
	int waiting;
	unsigned long openings;
} gate = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0 };

/* Wait (5 s at most: then the test fails, not hangs) for one other call. */
static void meet_the_other(void)
{
	pthread_mutex_lock(&gate.lock);
	unsigned long opening = gate.openings;
	if (++gate.waiting == 2) {
		gate.waiting = 0;
		gate.openings++;
		pthread_cond_broadcast(&gate.opened);
	} else {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 5;
		while (gate.openings == opening &&
		       pthread_cond_timedwait(&gate.opened, &gate.lock, &until) != ETIMEDOUT)
			;
		if (gate.openings == opening) {
			gate.waiting--;
			gate_timed_out = 1;
		}
	}
	pthread_mutex_unlock(&gate.lock);
}

/* k for a document or input named .../pK.txt, else -1. */
static int page_number(const char *name)
{
	const char *slash = name ? strrchr(name, '/') : NULL;
	int k;
	char rest[8];
	if (!slash || sscanf(slash + 1, "p%d.%7s", &k, rest) != 2 ||
	    strcmp(rest, "txt") != 0 || k < 0 || k >= LOCKSTEP_PAGES)
		return -1;
	return k;
}

static int lockstep_read(void *state, const herald_input *in, herald_doc *doc,
                         herald_diag *diag)
{
	(void)state;
	(void)diag;
	int k = page_number(in->name);
	if (k >= 0) {
		read_by[k] = (long)syscall(SYS_gettid);
		meet_the_other();
	}
	herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
	herald_node *t = herald_node_new_text(doc, (const char *)in->data, in->size);
	if (!p || !t || herald_node_append_child(p, t) != HERALD_OK)
		return HERALD_ENOMEM;
	return herald_node_append_child(herald_doc_root(doc), p);
}

static int lockstep_write(void *state, const herald_doc *doc, FILE *out,
                          herald_diag *diag)
{
	(void)state;
	(void)diag;
	/* (the site's index pages, written by no worker, have no source) */
	int k = page_number(herald_doc_meta(doc, HERALD_META_SOURCE));
	if (k >= 0) {
		written_by[k] = (long)syscall(SYS_gettid);
		meet_the_other();
	}
	fputs("page\n", out);
	return HERALD_OK;
}

static const herald_plugin lockstep_plugin = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "lockstep",
	.version = "1",
	.description = "pages read and written two by two",
	.roles = HERALD_ROLE_READER | HERALD_ROLE_WRITER,
	.output_extension = "page",
	.read = lockstep_read,
	.write = lockstep_write,
	.writer_flags = HERALD_WRITER_SITE,
};

/* A site's writing pass writes each page kept from its reading pass on
 * the worker thread that read it (whose malloc arena holds the page's
 * model, which it frees): the two passes share their workers, and each
 * takes its own pages first. */
static void test_batch_site_page_stays_on_its_worker(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_registry_add(f->reg, &lockstep_plugin, NULL,
	                                     f->diag), HERALD_OK);
	seen s = { 0 };
	char site[128];
	snprintf(site, sizeof(site), "%s/site", f->dir);
	herald_batch_settings set = { .reader = "lockstep", .writer = "lockstep",
	                              .output = site, .workers = 2,
	                              .done = on_done, .ctx = &s };
	herald_batch *b = herald_batch_new(f->reg, &set);
	char pages[LOCKSTEP_PAGES][96];
	for (int k = 0; k < LOCKSTEP_PAGES; k++) {
		snprintf(pages[k], sizeof(pages[k]), "%s/p%d.txt", f->dir, k);
		write_file(pages[k], "Text.\n");
		assert_int_equal(herald_batch_add(b, pages[k]), HERALD_OK);
	}
	assert_int_equal(herald_batch_run(b, f->diag), HERALD_OK);
	herald_batch_free(b);
	assert_false(gate_timed_out);
	assert_int_equal(s.n, LOCKSTEP_PAGES);
	for (int k = 0; k < LOCKSTEP_PAGES; k++) {
		assert_true(read_by[k] > 0);
		assert_int_equal(written_by[k], read_by[k]);
		/* (two workers: each page of a pair read by the other one) */
		if (k % 2)
			assert_int_not_equal(read_by[k], read_by[k - 1]);
	}
	char page[160];
	snprintf(page, sizeof(page), "%s/p7.page", site);
	assert_int_equal(access(page, F_OK), 0);
}

static void own_handler(int sig)
{
	(void)sig;
}

/* on_done, and whether SIGHUP was caught while the run went on */
static int hup_caught;
static void on_done_hup(const herald_batch_result *r, void *ctx)
{
	struct sigaction now;
	on_done(r, ctx);
	if (sigaction(SIGHUP, NULL, &now) == 0 && now.sa_handler != SIG_DFL)
		hup_caught = 1;
}

/* clean_on_signals catches only signals at their default action, and
 * gives them back as they were when the run ends. */
static void test_batch_gives_signals_back(void **state)
{
	fixture *f = *state;
	seen s = { 0 };
	char out[128];
	snprintf(out, sizeof(out), "%s/out", f->dir);
	struct sigaction mine = { .sa_handler = own_handler }, was;
	sigemptyset(&mine.sa_mask);
	assert_int_equal(sigaction(SIGTERM, &mine, NULL), 0);
	signal(SIGHUP, SIG_DFL);
	for (int run = 0; run < 2; run++) {   /* (and a second run starts again) */
		herald_batch_settings set = { .writer = "text", .output = out,
		                              .workers = 2, .clean_on_signals = 1,
		                              .done = on_done_hup, .ctx = &s };
		hup_caught = 0;
		herald_batch *b = herald_batch_new(f->reg, &set);
		for (int i = 0; i < 3; i++)
			herald_batch_add(b, f->files[i]);
		assert_int_equal(herald_batch_run(b, f->diag), HERALD_OK);
		herald_batch_free(b);
		assert_true(hup_caught);
		assert_int_equal(sigaction(SIGTERM, NULL, &was), 0);
		assert_ptr_equal(was.sa_handler, own_handler);
		assert_int_equal(sigaction(SIGHUP, NULL, &was), 0);
		assert_ptr_equal(was.sa_handler, SIG_DFL);
	}
	signal(SIGTERM, SIG_DFL);
	assert_int_equal(s.n, 6);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_batch_results_come_in_input_order),
		T(test_batch_copies_its_settings),
		T(test_batch_refuses_before_converting),
		T(test_batch_reports_a_failed_input_and_goes_on),
		T(test_batch_lends_its_pipeline),
		T(test_batch_writes_a_corpus_in_parts_or_whole),
		T(test_batch_prepares_its_pipeline_ahead),
		T(test_batch_site_progress_is_one),
		T(test_batch_site_page_stays_on_its_worker),
		T(test_batch_gives_signals_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
