/* support.c - plugins, rendering and word lists for the writer tests. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "support.h"

static herald_registry *registry;

static void free_registry(void)
{
	herald_registry_free(registry);
}

herald_registry *wt_registry(void)
{
	if (!registry) {
		herald_diag *diag = herald_diag_new(stderr);
		const char *dirs = getenv("HERALD_PLUGIN_PATH");

		assert_non_null(dirs);
		registry = herald_registry_new();
		assert_non_null(registry);
		/* Other areas' modules may be broken while they are written;
		 * the ones these tests need are checked by wt_have(). */
		herald_registry_load_dirs(registry, dirs, diag);
		herald_diag_free(diag);
		atexit(free_registry);
	}
	return registry;
}

int wt_have(const char *name, herald_role role)
{
	return herald_registry_find(wt_registry(), name, role) != NULL;
}

char *wt_render(const herald_doc *doc, const char *writer_spec)
{
	herald_diag *diag = herald_diag_new(NULL);
	herald_pipeline *pipe = herald_pipeline_new(wt_registry());
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	int rc;

	assert_non_null(out);
	rc = herald_pipeline_set_writer(pipe, writer_spec, diag);
	if (rc == HERALD_OK)
		rc = herald_pipeline_write(pipe, doc, out, diag);
	fclose(out);
	if (rc != HERALD_OK)
		fail_msg("%s failed: %s", writer_spec, herald_diag_text(diag));
	herald_pipeline_free(pipe);
	herald_diag_free(diag);
	return text;
}

herald_doc *wt_read_data(const char *chain, const char *name,
                         const void *data, size_t size)
{
	herald_diag *diag = herald_diag_new(NULL);
	herald_pipeline *pipe = herald_pipeline_new(wt_registry());
	herald_input in = { name, data, size };
	herald_doc *doc = NULL;
	char *full;
	int rc;

	/* A pipeline needs a writer to parse; json is never absent here. */
	full = malloc(strlen(chain) + sizeof(" ! json"));
	assert_non_null(full);
	sprintf(full, "%s ! json", chain);
	rc = herald_pipeline_parse(pipe, full, diag);
	if (rc == HERALD_OK)
		rc = herald_pipeline_read(pipe, &in, &doc, diag);
	if (rc != HERALD_OK)
		fail_msg("reading %s with %s failed: %s", name, chain,
		         herald_diag_text(diag));
	free(full);
	herald_pipeline_free(pipe);
	herald_diag_free(diag);
	return doc;
}

herald_doc *wt_read_file(const char *chain, const char *path)
{
	size_t size;
	char *data = wt_slurp(path, &size);
	herald_doc *doc;

	if (!data)
		fail_msg("cannot read %s", path);
	doc = wt_read_data(chain, wt_basename(path), data, size);
	free(data);
	return doc;
}

char *wt_slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t len = 0, cap = 0, got;

	if (!f)
		return NULL;
	do {
		if (cap - len < 4096) {
			cap = cap ? 2 * cap : 65536;
			data = realloc(data, cap + 1);
			assert_non_null(data);
		}
		got = fread(data + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	data[len] = '\0';
	if (size)
		*size = len;
	return data;
}

const char *wt_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

char **wt_examples(size_t *count)
{
	const char *top = getenv("top_srcdir");
	char pattern[4096];
	glob_t g;
	char **list;

	snprintf(pattern, sizeof(pattern), "%s/examples/bulletins/*.txt",
	         top ? top : ".");
	*count = 0;
	if (glob(pattern, 0, NULL, &g) != 0)
		return NULL;
	list = calloc(g.gl_pathc, sizeof(*list));
	assert_non_null(list);
	for (size_t i = 0; i < g.gl_pathc; i++)
		list[i] = strdup(g.gl_pathv[i]);
	*count = g.gl_pathc;
	globfree(&g);
	return list;
}

void wt_free_list(char **list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(list[i]);
	free(list);
}

char *wt_real_sample(void)
{
	const char *shared = getenv("HERALD_SHARED");
	const char *top = getenv("top_srcdir");
	char path[4096];
	FILE *f;

	if (shared && *shared)
		snprintf(path, sizeof(path),
		         "%s/samples/bulletin-2020-10-09.txt", shared);
	else
		snprintf(path, sizeof(path),
		         "%s/../shared/samples/bulletin-2020-10-09.txt",
		         top ? top : ".");
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fclose(f);
	return strdup(path);
}

/* --- words ---------------------------------------------------------------- */

/* The byte length of the whitespace character at s (ASCII or Unicode
 * spaces and line separators), 0 if none: words are split on all of them,
 * since a writer may turn a no-break space between sentences into a line
 * break. */
static size_t space_at(const char *p)
{
	size_t n = strnlen(p, 4);
	uint32_t cp;
	size_t len;

	if (n == 0)
		return 0;
	len = herald_utf8_next(p, n, &cp);
	return herald_cp_is_space(cp) || herald_cp_is_line_break(cp) ? len : 0;
}

void wt_words_add(wt_words *words, const char *text)
{
	const char *p = text;

	while (p && *p) {
		const char *start;

		size_t n;

		while ((n = space_at(p)) > 0)
			p += n;
		if (!*p)
			break;
		start = p;
		while (*p && !space_at(p))
			p++;
		if (words->n == words->cap) {
			words->cap = words->cap ? 2 * words->cap : 256;
			words->word = realloc(words->word,
			                      words->cap * sizeof(*words->word));
			assert_non_null(words->word);
		}
		words->word[words->n++] = strndup(start, (size_t)(p - start));
	}
}

void wt_words_free(wt_words *words)
{
	for (size_t i = 0; i < words->n; i++)
		free(words->word[i]);
	free(words->word);
	words->word = NULL;
	words->n = words->cap = 0;
}

static void add_plain_text(wt_words *words, const herald_node *node)
{
	char *text = herald_node_plain_text(node);

	assert_non_null(text);
	wt_words_add(words, text);
	free(text);
}

/* markers: a list entry's marker ("-", "3.") is a word before its
 * text, and a turn's label and a colon before its text, as the text
 * writer shows them. */
static void model_blocks(const herald_node *container, wt_words *words,
                         int markers)
{
	unsigned long number = herald_node_list_start(container);

	for (const herald_node *n = herald_node_first_child(container); n;
	     n = herald_node_next(n)) {
		herald_node_type type = herald_node_type_of(n);
		char marker[32];

		if (type == HERALD_NODE_ITEM || type == HERALD_NODE_QUOTE) {
			wt_words_add(words, herald_node_title(n));
			model_blocks(n, words, markers);
			if (type == HERALD_NODE_QUOTE)
				wt_words_add(words, herald_node_speaker(n));
		} else if (type == HERALD_NODE_LIST) {
			model_blocks(n, words, markers);
		} else if (type == HERALD_NODE_LIST_ITEM) {
			if (herald_node_list_type(container) == HERALD_LIST_ORDERED)
				snprintf(marker, sizeof marker, "%lu.", number++);
			else
				snprintf(marker, sizeof marker, "-");
			if (markers)
				wt_words_add(words, marker);
			model_blocks(n, words, markers);
		} else {
			/* the text writer leads a turn with its label */
			if (markers && herald_node_label(n)) {
				char *lead;
				assert_true(asprintf(&lead, "%s:",
				                     herald_node_label(n)) > 0);
				wt_words_add(words, lead);
				free(lead);
			}
			add_plain_text(words, n);
		}
	}
}

void wt_model_words(const herald_doc *doc, wt_words *words)
{
	const char *title = herald_doc_meta(doc, HERALD_META_TITLE);

	wt_words_add(words, title ? title : herald_doc_meta(doc, HERALD_META_DATE));
	model_blocks(herald_doc_root(doc), words, 0);
}

void wt_model_words_listed(const herald_doc *doc, wt_words *words)
{
	const char *title = herald_doc_meta(doc, HERALD_META_TITLE);

	wt_words_add(words, title ? title : herald_doc_meta(doc, HERALD_META_DATE));
	model_blocks(herald_doc_root(doc), words, 1);
}

void wt_assert_same_words(const wt_words *expected, const wt_words *actual,
                          const char *what)
{
	size_t n = expected->n < actual->n ? expected->n : actual->n;

	for (size_t i = 0; i < n; i++)
		if (strcmp(expected->word[i], actual->word[i]) != 0)
			fail_msg("%s: word %zu is \"%s\", expected \"%s\"", what, i,
			         actual->word[i], expected->word[i]);
	if (expected->n != actual->n)
		fail_msg("%s: %zu words, expected %zu", what, actual->n,
		         expected->n);
}
