/* tests/bulletin/test_sample.c - the real bulletin of 9 October 2020, read
 * as a careful reader would.  Its text is someone else's: it is read from
 * the shared folder (skipped when absent) and only its structure is
 * asserted here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "harness.h"

#define SAMPLE "bulletin-2020-10-09.txt"
#define AUTHOR "Ilham Aliyev"

typedef struct sample {
	char *data;
	size_t size;
	bt_run run;
} sample;

static int sample_setup(void **state)
{
	static sample s;
	char *path = bt_sample_path(SAMPLE);

	if (bt_setup(state) != 0)
		return -1;
	*state = NULL;
	if (!path)
		return 0;
	s.data = bt_slurp(path, &s.size);
	free(path);
	if (!s.data)
		return -1;
	s.run = bt_read("bulletin", s.data, s.size);
	*state = &s;
	return 0;
}

static int sample_teardown(void **state)
{
	sample *s = *state;

	if (s) {
		bt_free(&s->run);
		free(s->data);
	}
	return bt_teardown(state);
}

static const bt_run *get(void **state)
{
	sample *s = *state;

	if (!s)
		skip();
	assert_int_equal(s->run.rc, HERALD_OK);
	return &s->run;
}

static void test_sample_metadata(void **state)
{
	const bt_run *r = get(state);

	assert_string_equal(herald_doc_meta(r->doc, HERALD_META_DATE),
	                    "2020-10-09");
	assert_string_equal(herald_doc_meta(r->doc, HERALD_META_TITLE),
	                    "9 October 2020");
	assert_int_equal(herald_diag_count(r->diag, HERALD_WARNING), 0);
	assert_int_equal(herald_diag_count(r->diag, HERALD_ERROR), 0);
}

static void test_sample_epigraph(void **state)
{
	const bt_run *r = get(state);
	herald_node *root = herald_doc_root(r->doc);
	herald_node *q = herald_node_first_child(root);
	char *text;

	assert_int_equal(herald_node_type_of(q), HERALD_NODE_QUOTE);
	assert_int_equal(bt_count(root, HERALD_NODE_QUOTE), 1);
	/* The heading line, as the sample writes it (its words are someone
	 * else's text, so only its shape is written here). */
	assert_non_null(herald_node_title(q));
	assert_int_equal(strncmp(herald_node_title(q), "On this ", 8), 0);
	assert_int_equal(strlen(herald_node_title(q)), 22);
	assert_string_equal(herald_node_speaker(q), AUTHOR);
	assert_int_equal(bt_count(q, HERALD_NODE_PARAGRAPH), 1);
	text = herald_node_plain_text(q);
	/* The author's name is not left in the quote. */
	assert_null(strstr(text, AUTHOR));
	assert_int_equal(text[strlen(text) - 1], '.');
	free(text);
	assert_int_equal(herald_node_line(q), 3);
}

static void test_sample_items(void **state)
{
	const bt_run *r = get(state);
	herald_node *root = herald_doc_root(r->doc);
	size_t titled = 0, statements = 0, video = 0, title_only = 0;
	size_t speeches = 0, interviews = 0;

	assert_int_equal(bt_count(root, HERALD_NODE_ITEM), 16);
	assert_int_equal(bt_count(root, HERALD_NODE_PARAGRAPH), 0);
	for (size_t i = 0; i < 16; i++) {
		herald_node *item = bt_item(r, i);
		herald_item_kind kind = herald_node_item_kind(item);
		if (herald_node_title(item)) {
			titled++;
			/* the marker never stays in a title */
			assert_null(strstr(herald_node_title(item), "VIDEO"));
		}
		statements += kind == HERALD_ITEM_STATEMENT;
		speeches += kind == HERALD_ITEM_SPEECH;
		interviews += kind == HERALD_ITEM_INTERVIEW;
		if (herald_node_has_tag(item, "video")) {
			video++;
			title_only += herald_node_first_child(item) == NULL;
		}
	}
	assert_int_equal(titled, 15);
	assert_int_equal(statements, 1);
	assert_int_equal(video, 5);
	assert_int_equal(title_only, 2);
	assert_int_equal(speeches, 1);
	assert_int_equal(interviews, 2);
	/* The statement stands after the second title-only video item's
	 * predecessor, and a title follows it after one blank line. */
	assert_int_equal(herald_node_item_kind(bt_item(r, 11)),
	                 HERALD_ITEM_STATEMENT);
	assert_null(herald_node_title(bt_item(r, 11)));
	assert_int_equal(bt_count(bt_item(r, 11), HERALD_NODE_PARAGRAPH), 1);
	assert_true(herald_node_has_tag(bt_item(r, 10), "video"));
	assert_null(herald_node_first_child(bt_item(r, 10)));
	assert_int_equal(herald_node_item_kind(bt_item(r, 12)),
	                 HERALD_ITEM_INTERVIEW);
}

static void test_sample_speech(void **state)
{
	const bt_run *r = get(state);
	herald_node *speech = bt_item(r, 9);

	assert_int_equal(herald_node_item_kind(speech), HERALD_ITEM_SPEECH);
	assert_string_equal(herald_node_speaker(speech), AUTHOR);
	assert_int_equal(bt_count(speech, HERALD_NODE_TURN), 0);
	assert_true(bt_count(speech, HERALD_NODE_PARAGRAPH) >= 10);
}

/* Every turn alternates, the interviewer first; the three that lost their
 * dash keep their place in the alternation. */
static void check_interview(const herald_node *item, size_t turns,
                            size_t *dashless)
{
	size_t i = 0;

	assert_int_equal(herald_node_item_kind(item), HERALD_ITEM_INTERVIEW);
	assert_string_equal(herald_node_speaker(item), AUTHOR);
	assert_int_equal(bt_count(item, HERALD_NODE_TURN), turns);
	/* One intro paragraph, before the turns. */
	assert_int_equal(bt_count(item, HERALD_NODE_PARAGRAPH), 1);
	assert_int_equal(herald_node_type_of(herald_node_first_child(item)),
	                 HERALD_NODE_PARAGRAPH);
	for (herald_node *t = bt_nth(item, HERALD_NODE_TURN, 0); t;
	     t = herald_node_next(t), i++) {
		herald_node *text = herald_node_first_child(t);
		assert_int_equal(herald_node_type_of(t), HERALD_NODE_TURN);
		if (i % 2 == 0) {
			assert_int_equal(herald_node_role(t),
			                 HERALD_SPEAKER_INTERVIEWER);
			assert_null(herald_node_speaker(t));
		} else {
			assert_int_equal(herald_node_role(t),
			                 HERALD_SPEAKER_INTERVIEWEE);
			assert_string_equal(herald_node_speaker(t), AUTHOR);
		}
		/* A dashed turn's text starts after its dash. */
		*dashless += herald_node_column(text) == herald_node_column(t);
		assert_int_not_equal(herald_node_text(text)[0], '-');
	}
}

static void test_sample_interviews(void **state)
{
	const bt_run *r = get(state);
	size_t dashless = 0;

	check_interview(bt_item(r, 12), 51, &dashless);
	check_interview(bt_item(r, 15), 36, &dashless);
	assert_int_equal(dashless, 3);
}

static void test_sample_keeps_every_word(void **state)
{
	const bt_run *r = get(state);
	sample *s = *state;
	char *why = bt_word_mismatch(s->data, s->size, r->doc);

	if (why)
		fail_msg("%s", why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_metadata),
		cmocka_unit_test(test_sample_epigraph),
		cmocka_unit_test(test_sample_items),
		cmocka_unit_test(test_sample_speech),
		cmocka_unit_test(test_sample_interviews),
		cmocka_unit_test(test_sample_keeps_every_word),
	};

	return cmocka_run_group_tests_name("bulletin sample", tests,
	                                   sample_setup, sample_teardown);
}
