/* tests/bulletin/test_corpus.c - no word lost: every word of every
 * document of the real corpus (../shared/corpus, or $HERALD_SHARED/corpus;
 * skipped when absent) reaches the output of the json writer, and of the
 * text, markdown, html and tei writers together with what only metadata
 * holds.
 *
 * A word is a maximal run of letters, digits and combining marks; the
 * input's markup syntax is no word (punctuation), nor are HTML entity
 * names (cmark turns "&amp;" into "&"), backslash escapes (Markdown's
 * and YAML's: "\u2060" is one character), a Markdown input's HTML tags
 * and comments (their names and attributes: "<s>" in "People<s>s</s>")
 * and the question labels the
 * reader takes off turns (Q: the turn's role says it).  Words are
 * compared as multisets, per document.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>
#include <jansson.h>
#include <herald/lang.h>
#include <herald/text.h>

#include "harness.h"
#include "../words.h"
#include "../../plugins/bulletin/bulletin.h"

/* The end of an HTML tag or comment at s[k] ("<s>", "</s>", "<br/>",
 * "<!--more-->"), or k when there is none there. */
static size_t html_tag_end(const char *s, size_t k, size_t n)
{
	size_t e = k + 1;

	if (e < n && s[e] == '/')
		e++;
	if (e >= n || !(((s[e] | 0x20) >= 'a' && (s[e] | 0x20) <= 'z') ||
	                s[e] == '!'))
		return k;
	if (s[e] == '!' && e + 2 < n && s[e + 1] == '-' && s[e + 2] == '-') {
		for (e += 3; e + 2 < n; e++)
			if (s[e] == '-' && s[e + 1] == '-' && s[e + 2] == '>')
				return e + 2;
		return k;
	}
	while (e < n && s[e] != '>' && s[e] != '<')
		e++;
	return e < n && s[e] == '>' ? e : k;
}

/* The input's words without HTML entity names (and, in Markdown, HTML
 * tags). */
static void input_words(tw_bag *b, const char *s, size_t n, bool markdown)
{
	char *copy = malloc(n + 1);
	size_t out = 0;

	assert_non_null(copy);
	for (size_t k = 0; k < n; k++) {
		/* a backslash escape (Markdown's \_, YAML's \u2060) is syntax */
		if (s[k] == '\\' && k + 1 < n) {
			size_t hex = s[k + 1] == 'u' ? 4 : s[k + 1] == 'U' ? 8
			           : s[k + 1] == 'x' ? 2 : 0;
			k += 1 + hex;
			copy[out++] = ' ';
			continue;
		}
		if (markdown && s[k] == '<' && html_tag_end(s, k, n) > k) {
			/* what a browser shows: "People<s>s</s>" is "Peoples" */
			k = html_tag_end(s, k, n);
			continue;
		}
		if (s[k] == '&') {
			size_t e = k + 1;
			if (e < n && s[e] == '#')
				e++;
			while (e < n && e - k < 32 &&
			       (((s[e] | 0x20) >= 'a' && (s[e] | 0x20) <= 'z') ||
			        (s[e] >= '0' && s[e] <= '9')))
				e++;
			if (e < n && s[e] == ';' && e > k + 1) {
				copy[out++] = ' ';
				k = e;
				continue;
			}
		}
		copy[out++] = s[k];
	}
	tw_split(b, copy, out);
	free(copy);
}

/* Every string of a JSON value, keys too; text nodes apart when asked. */
static void json_words(tw_bag *all, tw_bag *nontext, json_t *v, bool in_text)
{
	const char *key;
	json_t *child;
	size_t i;

	if (json_is_string(v)) {
		tw_split(all, json_string_value(v), json_string_length(v));
		if (!in_text && nontext)
			tw_split(nontext, json_string_value(v), json_string_length(v));
	} else if (json_is_object(v)) {
		json_t *type = json_object_get(v, "type");
		bool text_node = json_is_string(type) &&
		                 strcmp(json_string_value(type), "text") == 0;
		json_object_foreach(v, key, child) {
			tw_split(all, key, strlen(key));
			if (nontext)
				tw_split(nontext, key, strlen(key));
			bool is_text = (text_node && strcmp(key, "text") == 0) ||
			               strcmp(key, "title") == 0;
			json_words(all, nontext, child, is_text);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, child)
			json_words(all, nontext, child, false);
	}
}

static char *render(herald_doc *doc, const char *writer, size_t *len)
{
	herald_pipeline *pipe = herald_pipeline_new(bt_registry());
	herald_diag *diag = herald_diag_new(NULL);
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(f);
	assert_int_equal(herald_pipeline_set_writer(pipe, writer, diag), HERALD_OK);
	if (herald_pipeline_write(pipe, doc, f, diag) != HERALD_OK)
		fail_msg("%s writer failed: %s", writer, herald_diag_text(diag));
	fclose(f);
	herald_pipeline_free(pipe);
	herald_diag_free(diag);
	return buf;
}

/* The question labels the reader takes off turns: no loss. */
static bool turn_label(const char *w)
{
	return herald_lang_any_is("interviewer", w, strlen(w)) ||
	       herald_lang_any_is("interviewee", w, strlen(w));
}

/* The writers whose output is checked besides json: their markup adds
 * words (tag and attribute names), which is no loss. */
static const char *const writers[] = { "text", "markdown", "html", "tei" };

static void check_document(const char *path, const char *name)
{
	size_t size, jlen;
	char *data = bt_slurp(path, &size), why[512] = "";
	tw_bag in = { 0 }, js = { 0 }, meta = { 0 };

	assert_non_null(data);
	bt_run r = bt_read_named("bulletin", name, data, size);
	if (r.rc != HERALD_OK)
		fail_msg("%s: reader failed: %s", name, herald_diag_text(r.diag));
	char *json = render(r.doc, "json", &jlen);
	json_error_t err;
	json_t *root = json_loadb(json, jlen, 0, &err);
	if (!root)
		fail_msg("%s: json output does not parse: %s", name, err.text);
	input_words(&in, data, size, strlen(name) > 3 &&
	            strcmp(name + strlen(name) - 3, ".md") == 0);
	json_words(&js, &meta, root, false);
	tw_sort(&in);
	tw_sort(&js);
	size_t lost = tw_missing(&in, &js, turn_label, why, sizeof why);
	if (lost)
		fail_msg("%s: %zu words lost in json:%s", name, lost, why);
	for (size_t k = 0; k < sizeof writers / sizeof *writers; k++) {
		size_t len;
		char *out = render(r.doc, writers[k], &len);
		tw_bag have = { 0 };
		tw_split(&have, out, len);
		/* with what only metadata and attributes hold, which a writer
		 * may leave out (text) or put where a split does not see it */
		for (size_t i = 0; i < meta.n; i++)
			tw_add(&have, meta.w[i], strlen(meta.w[i]));
		tw_sort(&have);
		lost = tw_missing(&in, &have, turn_label, why, sizeof why);
		if (lost)
			fail_msg("%s: %zu words lost in %s:%s", name, lost,
			         writers[k], why);
		tw_free(&have);
		free(out);
	}
	json_decref(root);
	tw_free(&in);
	tw_free(&js);
	tw_free(&meta);
	free(json);
	free(data);
	bt_free(&r);
}

static char *corpus_dir(void)
{
	const char *shared = getenv("HERALD_SHARED");
	char *dir;

	if (shared && *shared) {
		size_t n = strlen(shared) + 16;
		dir = malloc(n);
		assert_non_null(dir);
		snprintf(dir, n, "%s/corpus", shared);
	} else {
		dir = bt_srcpath("../shared/corpus");
	}
	return dir;
}

/* Every document of dir (.txt and .md) through check_document; how
 * many there were, or -1 when dir cannot be opened. */
static long check_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	long checked = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (strcmp(e->d_name, "README.md") == 0 || e->d_name[0] == '.' ||
		    !((n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0) ||
		      (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0)))
			continue;
		size_t len = strlen(dir) + n + 2;
		char *path = malloc(len);
		assert_non_null(path);
		snprintf(path, len, "%s/%s", dir, e->d_name);
		check_document(path, e->d_name);
		free(path);
		checked++;
	}
	closedir(d);
	return checked;
}

static void test_corpus_no_word_lost(void **state)
{
	char *dir = corpus_dir();
	long checked = check_dir(dir);

	(void)state;
	free(dir);
	if (checked < 0)
		skip();
	assert_true(checked > 0);
}

/* The variety set (tests/bulletin/variety: releases, datelines,
 * captions, signatures, plain headings), which is ours and always
 * there: its furniture moves into fields, and no word may go. */
static void test_variety_no_word_lost(void **state)
{
	char *dir = bt_srcpath("tests/bulletin/variety");
	long checked = check_dir(dir);

	(void)state;
	free(dir);
	assert_true(checked >= 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_no_word_lost),
		cmocka_unit_test(test_variety_no_word_lost),
	};

	return cmocka_run_group_tests_name("bulletin corpus", tests, bt_setup,
	                                   bt_teardown);
}
