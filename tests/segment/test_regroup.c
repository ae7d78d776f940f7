/* test_regroup.c - the segment plugin's tree side: SENTENCE nodes built
 * around the segmenter's spans, inlines split and copied, positions, and
 * the plugin's options through a real pipeline. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <herald/herald.h>

#include "regroup.h"
#include "sbd.h"

static sbd_rules *rules;

static int
setup(void **state)
{
	rules = sbd_rules_new();
	return rules == NULL ||
	       sbd_rules_load_lang(rules, herald_lang_find("en"), NULL) != 0;
}

static int
teardown(void **state)
{
	sbd_rules_free(rules);
	return 0;
}

/* --- building and showing trees ------------------------------------- */

static herald_node *
add(herald_node *parent, herald_node_type type)
{
	herald_node *n = herald_node_new(herald_node_doc(parent), type);

	assert_non_null(n);
	assert_int_equal(herald_node_append_child(parent, n), HERALD_OK);
	return n;
}

static herald_node *
add_text(herald_node *parent, const char *s)
{
	herald_node *n = herald_node_new_text(herald_node_doc(parent), s,
	                                      strlen(s));

	assert_non_null(n);
	assert_int_equal(herald_node_append_child(parent, n), HERALD_OK);
	return n;
}

static herald_node *
add_link(herald_node *parent, const char *url)
{
	herald_node *n = add(parent, HERALD_NODE_LINK);

	assert_int_equal(herald_node_set_url(n, url), HERALD_OK);
	return n;
}

static void
show_into(const herald_node *n, char *out, size_t cap)
{
	const herald_node *c;
	size_t len = strlen(out);

	switch (herald_node_type_of(n)) {
	case HERALD_NODE_TEXT:
		snprintf(out + len, cap - len, "%s", herald_node_text(n));
		return;
	case HERALD_NODE_LINEBREAK:
		snprintf(out + len, cap - len, "|");
		return;
	case HERALD_NODE_SENTENCE:
		snprintf(out + len, cap - len, "{");
		break;
	case HERALD_NODE_EMPH:
		snprintf(out + len, cap - len, "<e>");
		break;
	case HERALD_NODE_LINK:
		snprintf(out + len, cap - len, "<a %s>", herald_node_url(n));
		break;
	default:
		break;
	}
	for (c = herald_node_first_child(n); c; c = herald_node_next(c))
		show_into(c, out, cap);
	len = strlen(out);
	switch (herald_node_type_of(n)) {
	case HERALD_NODE_SENTENCE:
		snprintf(out + len, cap - len, "}");
		break;
	case HERALD_NODE_EMPH:
		snprintf(out + len, cap - len, "</e>");
		break;
	case HERALD_NODE_LINK:
		snprintf(out + len, cap - len, "</a>");
		break;
	default:
		break;
	}
}

/* The block's content: {sentence}, <e>emph</e>, <a url>link</a>, | for a
 * line break. */
static const char *
show(const herald_node *block)
{
	static char out[4096];
	const herald_node *c;

	out[0] = '\0';
	for (c = herald_node_first_child(block); c; c = herald_node_next(c))
		show_into(c, out, sizeof out);
	return out;
}

static herald_node *
new_paragraph(herald_doc **doc)
{
	*doc = herald_doc_new();
	assert_non_null(*doc);
	return add(herald_doc_root(*doc), HERALD_NODE_PARAGRAPH);
}

static void
segment(herald_node *block)
{
	sbd_scratch sc;

	memset(&sc, 0, sizeof sc);
	assert_int_equal(sbd_segment_block(block, rules, &sc), HERALD_OK);
	sbd_scratch_release(&sc);
}

/* --- cases ------------------------------------------------------------ */

static void
test_regroup_plain_text(void **state)
{
	herald_doc *doc;
	herald_node *p = new_paragraph(&doc);

	add_text(p, "  Mr. Smith left. He came back!  Then? ");
	segment(p);
	assert_string_equal(show(p),
	                    "  {Mr. Smith left.} {He came back!}  {Then?} ");
	herald_doc_free(doc);
}

/* A block's one TEXT is cut in place: each sentence keeps the reader's
 * bytes (only the space between is copied), ends with a NUL, knows its
 * length, and starts where the source says. */
static void
test_regroup_sentences_keep_the_text(void **state)
{
	herald_doc *doc;
	herald_node *p = new_paragraph(&doc), *t, *c;
	const char *orig;
	size_t n = 0;

	t = add_text(p, "One here. Two there.\n  Three? Four");
	herald_node_set_position(t, 3, 5);
	orig = herald_node_text(t);
	segment(p);
	assert_string_equal(show(p),
	                    "{One here.} {Two there.}\n  {Three?} {Four}");
	for (c = herald_node_first_child(p); c; c = herald_node_next(c)) {
		const herald_node *s = herald_node_first_child(c);
		const char *x;

		if (herald_node_type_of(c) != HERALD_NODE_SENTENCE)
			continue;
		x = herald_node_text(s);
		assert_true(x >= orig && x < orig + 34);
		assert_int_equal(herald_node_text_length(s), strlen(x));
		n++;
	}
	assert_int_equal(n, 4);
	c = herald_node_last_child(p);
	assert_int_equal(herald_node_line(c), 4);
	assert_int_equal(herald_node_column(c), 10);
	herald_doc_free(doc);
}

static void
test_regroup_emph_across_boundary(void **state)
{
	herald_doc *doc;
	herald_node *p = new_paragraph(&doc), *e;

	add_text(p, "It was ");
	e = add(p, HERALD_NODE_EMPH);
	add_text(e, "late. Very");
	add_text(p, " late.");
	segment(p);
	assert_string_equal(show(p),
	                    "{It was <e>late.</e>}<e> </e>{<e>Very</e> late.}");
	herald_doc_free(doc);
}

static void
test_regroup_link_across_boundary(void **state)
{
	herald_doc *doc;
	herald_node *p = new_paragraph(&doc), *a, *e;
	herald_node *first, *second;

	a = add_link(p, "https://example.org/x");
	add_text(a, "See it. ");
	e = add(a, HERALD_NODE_EMPH);
	add_text(e, "Now");
	add_text(p, ".");
	segment(p);
	assert_string_equal(show(p),
	                    "{<a https://example.org/x>See it.</a>}"
	                    "<a https://example.org/x> </a>"
	                    "{<a https://example.org/x><e>Now</e></a>.}");
	/* the copies carry the same target */
	first = herald_node_first_child(herald_node_first_child(p));
	second = herald_node_first_child(herald_node_last_child(p));
	assert_string_equal(herald_node_url(first), herald_node_url(second));
	herald_doc_free(doc);
}

static void
test_regroup_inline_inside_sentence_kept_whole(void **state)
{
	herald_doc *doc;
	herald_node *p = new_paragraph(&doc), *e;

	add_text(p, "One ");
	e = add(p, HERALD_NODE_EMPH);
	add_text(e, "two");
	add_text(p, " three. Four.");
	segment(p);
	assert_string_equal(show(p), "{One <e>two</e> three.} {Four.}");
	herald_doc_free(doc);
}

static void
test_regroup_linebreak(void **state)
{
	herald_doc *doc;
	herald_node *p = new_paragraph(&doc);

	add_text(p, "First line.");
	add(p, HERALD_NODE_LINEBREAK);
	add_text(p, "Second line");
	add(p, HERALD_NODE_LINEBREAK);
	add_text(p, "goes on.");
	segment(p);
	assert_string_equal(show(p), "{First line.}|{Second line|goes on.}");
	herald_doc_free(doc);
}

static void
test_regroup_glued_sentences(void **state)
{
	herald_doc *doc;
	herald_node *p = new_paragraph(&doc);

	add_text(p, "They fought.Then they rested.");
	segment(p);
	assert_string_equal(show(p), "{They fought.}{Then they rested.}");
	herald_doc_free(doc);
}

static void
test_regroup_text_unchanged(void **state)
{
	static const char *const texts[] = {
		"A. B. C. D.", "Hello world.Today is Tuesday.", "\n\n x \n",
		"1. The first item 2. The second item", "“Why?” he asked. No.",
		"(He left. He came.) Then it rained.", "...", "é. É. ü",
	};
	size_t i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		herald_doc *doc;
		herald_node *p = new_paragraph(&doc), *e;
		char *after;
		size_t half = strlen(texts[i]) / 2;

		while (half > 0 && ((unsigned char)texts[i][half] & 0xC0) == 0x80)
			half--;
		add_text(p, "");
		e = add(p, HERALD_NODE_EMPH);
		herald_node_append_child(e, herald_node_new_text(doc, texts[i],
		                                                 half));
		add_text(p, texts[i] + half);
		segment(p);
		after = herald_node_plain_text(p);
		assert_string_equal(after, texts[i]);
		free(after);
		herald_doc_free(doc);
	}
}

static void
test_regroup_idempotent(void **state)
{
	herald_doc *doc;
	herald_node *p = new_paragraph(&doc);
	char first[4096];

	add_text(p, "One. Two. Three.");
	segment(p);
	snprintf(first, sizeof first, "%s", show(p));
	segment(p);
	assert_string_equal(show(p), first);
	herald_doc_free(doc);
}

static void
test_regroup_space_only_untouched(void **state)
{
	herald_doc *doc;
	herald_node *p = new_paragraph(&doc);

	add_text(p, "  \n ");
	segment(p);
	assert_string_equal(show(p), "  \n ");
	assert_int_equal(herald_node_type_of(herald_node_first_child(p)),
	                 HERALD_NODE_TEXT);
	herald_doc_free(doc);
}

static void
test_regroup_empty_emph_kept(void **state)
{
	herald_doc *doc;
	herald_node *p = new_paragraph(&doc);

	add_text(p, "One. ");
	add(p, HERALD_NODE_EMPH);
	add_text(p, "Two.");
	segment(p);
	assert_string_equal(show(p), "{One.} <e></e>{Two.}");
	herald_doc_free(doc);
}

static void
test_regroup_positions(void **state)
{
	herald_doc *doc;
	herald_node *p = new_paragraph(&doc), *t, *s;

	t = add_text(p, "Ça va. Très\nbien.  Oui.");
	herald_node_set_position(t, 3, 5);
	segment(p);
	s = herald_node_first_child(p);
	assert_int_equal(herald_node_type_of(s), HERALD_NODE_SENTENCE);
	assert_int_equal(herald_node_line(s), 3);
	assert_int_equal(herald_node_column(s), 5);
	s = herald_node_next(herald_node_next(s));
	assert_int_equal(herald_node_line(s), 3);
	assert_int_equal(herald_node_column(s), 12);   /* characters, not bytes */
	s = herald_node_next(herald_node_next(s));
	assert_int_equal(herald_node_line(s), 4);
	assert_int_equal(herald_node_column(s), 8);
	herald_doc_free(doc);
}

static void
test_regroup_no_position_stays_unknown(void **state)
{
	herald_doc *doc;
	herald_node *p = new_paragraph(&doc);

	add_text(p, "One. Two.");
	segment(p);
	assert_int_equal(herald_node_line(herald_node_first_child(p)), 0);
	herald_doc_free(doc);
}

static void
test_regroup_every_block_in_tree(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *root = herald_doc_root(doc), *item, *quote, *turn, *p1;
	herald_node *p2, *p3;
	sbd_scratch sc;

	quote = add(root, HERALD_NODE_QUOTE);
	p1 = add(quote, HERALD_NODE_PARAGRAPH);
	add_text(p1, "We won. They lost.");
	item = add(root, HERALD_NODE_ITEM);
	p2 = add(item, HERALD_NODE_PARAGRAPH);
	add_text(p2, "A. B? C!");
	turn = add(item, HERALD_NODE_TURN);
	add_text(turn, "-Why? Because.");
	p3 = add(root, HERALD_NODE_PARAGRAPH);
	add_text(p3, "Alone");
	memset(&sc, 0, sizeof sc);
	assert_int_equal(sbd_segment_tree(root, rules, &sc), HERALD_OK);
	sbd_scratch_release(&sc);
	assert_string_equal(show(p1), "{We won.} {They lost.}");
	assert_string_equal(show(p2), "{A. B?} {C!}");
	assert_string_equal(show(turn), "{-Why?} {Because.}");
	assert_string_equal(show(p3), "{Alone}");
	herald_doc_free(doc);
}

/* The picker of test_regroup_item_language: German rules for "de". */
static const sbd_rules *
pick_german(void *ctx, const char *lang)
{
	sbd_rules **de = ctx;

	return strcmp(lang, "de") == 0 ? *de : NULL;
}

/* An ITEM in another language is split with its own pack's rules, and
 * what follows it with the document's again; a failing picker stops. */
static void
test_regroup_item_language(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *root = herald_doc_root(doc), *item, *p1, *p2, *p3;
	sbd_rules *de = sbd_rules_new();
	sbd_scratch sc;

	(void)state;
	assert_non_null(de);
	assert_int_equal(sbd_rules_load_lang(de, herald_lang_find("de"), NULL), 0);
	p1 = add(root, HERALD_NODE_PARAGRAPH);
	add_text(p1, "It began on the 3. Oktober was cold.");
	item = add(root, HERALD_NODE_ITEM);
	assert_int_equal(herald_node_set_lang(item, "de"), HERALD_OK);
	p2 = add(item, HERALD_NODE_PARAGRAPH);
	add_text(p2, "Es begann am 3. Oktober in Bonn.");
	p3 = add(root, HERALD_NODE_PARAGRAPH);
	add_text(p3, "It began on the 3. Oktober was cold.");
	memset(&sc, 0, sizeof sc);
	assert_int_equal(sbd_segment_tree_langs(root, rules, pick_german, &de,
	                                        &sc), HERALD_OK);
	assert_string_equal(show(p1), "{It began on the 3.} {Oktober was cold.}");
	assert_string_equal(show(p2), "{Es begann am 3. Oktober in Bonn.}");
	assert_string_equal(show(p3), "{It began on the 3.} {Oktober was cold.}");
	assert_int_equal(herald_node_set_lang(item, "xx"), HERALD_OK);
	assert_int_equal(sbd_segment_tree_langs(root, rules, pick_german, &de,
	                                        &sc), HERALD_EUSAGE);
	sbd_scratch_release(&sc);
	sbd_rules_free(de);
	herald_doc_free(doc);
}

/* One rule set serves several threads at once (each its own document):
 * every round must give the same sentences.  Returns the number of rounds
 * that did. */
static void *
segment_in_thread(void *arg)
{
	const char *text = arg;
	size_t good = 0;
	int round;

	for (round = 0; round < 200; round++) {
		herald_doc *doc = herald_doc_new();
		herald_node *p, *c;
		sbd_scratch sc;
		size_t sentences = 0;

		if (doc == NULL)
			break;
		p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
		herald_node_append_child(herald_doc_root(doc), p);
		herald_node_append_child(p, herald_node_new_text(doc, text,
		                                                 strlen(text)));
		memset(&sc, 0, sizeof sc);
		if (sbd_segment_block(p, rules, &sc) == HERALD_OK) {
			for (c = herald_node_first_child(p); c; c = herald_node_next(c))
				sentences += herald_node_type_of(c) ==
				             HERALD_NODE_SENTENCE;
			good += sentences == 5;
		}
		sbd_scratch_release(&sc);
		herald_doc_free(doc);
	}
	return (void *)good;
}

static void
test_regroup_threads_share_rules(void **state)
{
	static const char text[] = "Mr. Smith left at 5 p.m. He came back. "
		"The U.S. Army stayed (see No. 5.) near the bridge. Why? No.";
	pthread_t t[4];
	void *out[4];
	int i;

	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, segment_in_thread,
		                                (void *)text), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], &out[i]), 0);
		assert_int_equal((size_t)out[i], 200);
	}
}

/* --- the plugin through a pipeline ------------------------------------ */

static herald_pipeline *
pipeline_or_skip(herald_registry **reg, herald_diag **diag)
{
	const char *dirs = getenv("HERALD_PLUGIN_PATH");

	if (dirs == NULL)
		skip();
	*reg = herald_registry_new();
	*diag = herald_diag_new(NULL);
	herald_registry_load_dirs(*reg, dirs, *diag);
	if (herald_registry_find(*reg, "segment", HERALD_ROLE_TRANSFORM) == NULL)
		fail_msg("segment not found in %s", dirs);
	return herald_pipeline_new(*reg);
}

static void
test_plugin_options(void **state)
{
	herald_registry *reg;
	herald_diag *diag;
	herald_pipeline *pipe = pipeline_or_skip(&reg, &diag);
	char spec[4096], path[] = "/tmp/herald-segment-XXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	assert_true(fd >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs("# test\nAld\n[prefix]\nIng\n", f);
	fclose(f);
	assert_int_equal(herald_pipeline_add_transform(pipe, "segment", diag),
	                 HERALD_OK);
	assert_int_equal(herald_pipeline_add_transform(pipe, "segment:lang=en",
	                                               diag), HERALD_OK);
	snprintf(spec, sizeof spec, "segment:abbrev=%s", path);
	assert_int_equal(herald_pipeline_add_transform(pipe, spec, diag),
	                 HERALD_OK);
	assert_int_not_equal(herald_pipeline_add_transform(pipe,
	                     "segment:abbrev=/nonexistent/abbrev.txt", diag),
	                     HERALD_OK);
	assert_non_null(strstr(herald_diag_text(diag), "/nonexistent/abbrev.txt"));
	f = fopen(path, "w");
	fputs("[nonsense]\n", f);
	fclose(f);
	assert_int_equal(herald_pipeline_add_transform(pipe, spec, diag),
	                 HERALD_EUSAGE);
	assert_non_null(strstr(herald_diag_text(diag), "nonsense"));
	assert_int_not_equal(herald_pipeline_add_transform(pipe,
	                     "segment:lang=xx", diag), HERALD_OK);
	remove(path);
	herald_pipeline_free(pipe);
	herald_registry_free(reg);
	herald_diag_free(diag);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regroup_plain_text),
		cmocka_unit_test(test_regroup_sentences_keep_the_text),
		cmocka_unit_test(test_regroup_emph_across_boundary),
		cmocka_unit_test(test_regroup_link_across_boundary),
		cmocka_unit_test(test_regroup_inline_inside_sentence_kept_whole),
		cmocka_unit_test(test_regroup_linebreak),
		cmocka_unit_test(test_regroup_glued_sentences),
		cmocka_unit_test(test_regroup_text_unchanged),
		cmocka_unit_test(test_regroup_idempotent),
		cmocka_unit_test(test_regroup_space_only_untouched),
		cmocka_unit_test(test_regroup_empty_emph_kept),
		cmocka_unit_test(test_regroup_positions),
		cmocka_unit_test(test_regroup_no_position_stays_unknown),
		cmocka_unit_test(test_regroup_every_block_in_tree),
		cmocka_unit_test(test_regroup_item_language),
		cmocka_unit_test(test_regroup_threads_share_rules),
		cmocka_unit_test(test_plugin_options),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
