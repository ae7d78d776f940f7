/* tests/bulletin/test_examples.c - the example bulletins: the structure a
 * reader sees in each, every word kept, the whole model as golden JSON
 * (through the json writer), and the same trees from several threads.
 *
 * Regenerate the golden files after a deliberate change with
 *     HERALD_REGEN_GOLDEN=1 make check TESTS=tests/bulletin/test_examples
 * and review the diff.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

#include "harness.h"

typedef struct example {
	const char *name;
	const char *date;       /* NULL: no date line */
	size_t warnings;
	const char *outline;    /* bt_outline() without titles */
} example;

static const example examples[] = {
	{ "city-digest", "2023-03-14", 0,
	  "quote[|Mira Valdane](p) item:news(p,p,p) item:news+video(p,p) "
	  "item:news+video() item:statement(p) item:speech[|Ana Ruiz](p,p,p,p) "
	  "item:interview[|Ana Ruiz](p,R,E=Ana Ruiz,R,E=Ana Ruiz,R,E=Ana Ruiz,"
	  "R,E=Ana Ruiz) item:news(p,p)" },
	{ "science-agency", "2024-03-02", 0,
	  "quote[|Ines Korhonen](p) item:news(p,p) item:news(p,p) "
	  "item:news+video(p) item:news+video() item:statement(p) "
	  "item:interview[|Petra Holm](p,R,E=Petra Holm,E=Petra Holm,R,"
	  "E=Petra Holm,R,?,E=Petra Holm,R,E=Petra Holm,R) "
	  "item:speech[|Ola Brandt](p,p,p)" },
	{ "harbour-notices", "2023-06-05", 0,
	  "item:news(p,p) item:news(p,p) item:news+video() item:statement(p) "
	  "item:statement(p) item:news(p) item:speech[|Tomas Eriksen](p,p,p)" },
	{ "library-bulletin", "2024-01-15", 0,
	  "quote[|Hana Okoye](p) item:news(p,p) item:news+video(p) "
	  "item:interview[|Jonas Pereira](p,R,E=Jonas Pereira,R,E=Jonas "
	  "Pereira,R,E=Jonas Pereira) item:news(p)" },
	{ "county-notices", NULL, 1,
	  "item:news(p,p) item:news(p) item:statement(p) item:news+video()" },
};

#define EXAMPLE_COUNT (sizeof examples / sizeof examples[0])

static char *example_path(const char *name, const char *dir, const char *ext)
{
	char rel[256];

	snprintf(rel, sizeof rel, "%s/%s.%s", dir, name, ext);
	return bt_srcpath(rel);
}

static char *load_example(const char *name, size_t *size)
{
	char *path = example_path(name, "examples/bulletins", "txt");
	char *data = bt_slurp(path, size);

	if (!data)
		fail_msg("cannot read %s", path);
	free(path);
	return data;
}

static void test_example_structure(void **state)
{
	const example *ex = *state;
	size_t size;
	char *data = load_example(ex->name, &size);
	bt_run r = bt_read("bulletin", data, size);
	char *outline, *why;

	assert_int_equal(r.rc, HERALD_OK);
	outline = bt_outline(r.doc, 0);
	assert_string_equal(outline, ex->outline);
	free(outline);
	if (ex->date)
		assert_string_equal(herald_doc_meta(r.doc, HERALD_META_DATE),
		                    ex->date);
	else
		assert_null(herald_doc_meta(r.doc, HERALD_META_DATE));
	assert_int_equal(herald_diag_count(r.diag, HERALD_WARNING),
	                 ex->warnings);
	why = bt_word_mismatch(data, size, r.doc);
	if (why)
		fail_msg("%s: %s", ex->name, why);
	bt_free(&r);
	free(data);
}

/* The json writer's rendering of the whole model, or NULL when there is
 * no json writer in the build. */
static char *to_json(const char *data, size_t size)
{
	herald_registry *reg = herald_registry_new();
	herald_diag *diag = herald_diag_new(stderr);
	herald_pipeline *pipe;
	herald_input in = { "example.txt", (const unsigned char *)data, size };
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	herald_registry_load_dirs(reg, getenv("HERALD_PLUGIN_PATH"), diag);
	pipe = herald_pipeline_new(reg);
	if (herald_registry_find(reg, "json", HERALD_ROLE_WRITER) &&
	    herald_pipeline_parse(pipe, "bulletin ! json", diag) == HERALD_OK &&
	    (f = open_memstream(&out, &len))) {
		assert_int_equal(herald_pipeline_run(pipe, &in, f, diag),
		                 HERALD_OK);
		fclose(f);
	}
	herald_pipeline_free(pipe);
	herald_registry_free(reg);
	herald_diag_free(diag);
	return out;
}

static void test_example_golden_json(void **state)
{
	const example *ex = *state;
	size_t size, golden_size;
	char *data = load_example(ex->name, &size);
	char *json = to_json(data, size);
	char *path = example_path(ex->name, "tests/bulletin/golden", "json");
	char *golden;
	const char *regen = getenv("HERALD_REGEN_GOLDEN");

	free(data);
	if (!json) {
		free(path);
		skip();
	}
	if (regen && *regen == '1') {
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		fputs(json, f);
		assert_int_equal(fclose(f), 0);
	}
	golden = bt_slurp(path, &golden_size);
	if (!golden)
		fail_msg("missing %s (HERALD_REGEN_GOLDEN=1 writes it)", path);
	assert_string_equal(json, golden);
	free(golden);
	free(json);
	free(path);
}

/* read() may run in several threads with the same reader state. */
typedef struct job {
	const char *data;
	size_t size;
	char *dump;
} job;

static void *read_in_thread(void *arg)
{
	job *j = arg;
	bt_run r = bt_read("bulletin", j->data, j->size);

	j->dump = r.doc ? bt_dump(r.doc) : NULL;
	bt_free(&r);
	return NULL;
}

static void test_examples_in_threads(void **state)
{
	enum { THREADS = 8 };
	pthread_t tid[THREADS];
	job jobs[THREADS];
	char *data[EXAMPLE_COUNT], *expected[EXAMPLE_COUNT];
	size_t size[EXAMPLE_COUNT];

	for (size_t e = 0; e < EXAMPLE_COUNT; e++) {
		data[e] = load_example(examples[e].name, &size[e]);
		bt_run r = bt_read("bulletin", data[e], size[e]);
		expected[e] = bt_dump(r.doc);
		bt_free(&r);
	}
	for (size_t t = 0; t < THREADS; t++) {
		size_t e = t % EXAMPLE_COUNT;
		jobs[t] = (job){ data[e], size[e], NULL };
		assert_int_equal(pthread_create(&tid[t], NULL, read_in_thread,
		                                &jobs[t]), 0);
	}
	for (size_t t = 0; t < THREADS; t++) {
		pthread_join(tid[t], NULL);
		assert_non_null(jobs[t].dump);
		assert_string_equal(jobs[t].dump, expected[t % EXAMPLE_COUNT]);
		free(jobs[t].dump);
	}
	for (size_t e = 0; e < EXAMPLE_COUNT; e++) {
		free(data[e]);
		free(expected[e]);
	}
}

int main(void)
{
	static char golden_names[EXAMPLE_COUNT][64];
	struct CMUnitTest tests[2 * EXAMPLE_COUNT + 1];
	size_t n = 0;

	for (size_t e = 0; e < EXAMPLE_COUNT; e++) {
		snprintf(golden_names[e], sizeof golden_names[e], "%s.json",
		         examples[e].name);
		tests[n++] = (struct CMUnitTest){
			examples[e].name, test_example_structure, NULL, NULL,
			(void *)&examples[e] };
		tests[n++] = (struct CMUnitTest){
			golden_names[e], test_example_golden_json, NULL, NULL,
			(void *)&examples[e] };
	}
	tests[n++] = (struct CMUnitTest){ "threads", test_examples_in_threads,
	                                  NULL, NULL, NULL };
	return cmocka_run_group_tests_name("bulletin examples", tests,
	                                   bt_setup, bt_teardown);
}
