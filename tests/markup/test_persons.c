/* test_persons.c - the tei writer's index of persons (plugins/tei/
 * persons.c, compiled in here), timed on its own: in the whole writer
 * the index's share of a quadratic path hides behind the writing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "persons.h"
#include "support.h"

static herald_node *add_turn(herald_doc *doc, herald_node *item,
                             herald_speaker_role role)
{
	herald_node *turn = herald_node_new(doc, HERALD_NODE_TURN);

	assert_int_equal(herald_node_append_child(item, turn), HERALD_OK);
	herald_node_set_role(turn, role);
	return turn;
}

/* n interviews with an unnamed interviewer and interviewee each, and as
 * many named speakers (one an item): 3n persons, found for every turn. */
static double time_index(size_t n)
{
	herald_doc *doc = herald_doc_new();
	herald_node **turns = malloc(2 * n * sizeof *turns);
	const tei_person **found = malloc(2 * n * sizeof *found);
	char name[32], id[48];
	tei_persons persons;
	const tei_person *p;
	double t;

	assert_non_null(doc);
	assert_non_null(turns);
	assert_non_null(found);
	for (size_t i = 0; i < n; i++) {
		herald_node *item = herald_node_new(doc, HERALD_NODE_ITEM);
		assert_int_equal(herald_node_append_child(herald_doc_root(doc),
		                                          item), HERALD_OK);
		herald_node_set_item_kind(item, HERALD_ITEM_INTERVIEW);
		turns[2 * i] = add_turn(doc, item, HERALD_SPEAKER_INTERVIEWER);
		turns[2 * i + 1] = add_turn(doc, item, HERALD_SPEAKER_INTERVIEWEE);
		snprintf(name, sizeof name, "Speaker %zu", i + 1);
		herald_node_set_speaker(turns[2 * i + 1], name);
	}
	t = mt_cpu_seconds();
	assert_int_equal(herald_tei_persons_collect(&persons,
	                                            herald_doc_root(doc), NULL), 0);
	for (size_t i = 0; i < 2 * n; i++)
		found[i] = herald_tei_persons_of_turn(&persons, turns[i]);
	t = mt_cpu_seconds() - t;
	for (size_t i = 0; i < 2 * n; i++) {
		p = found[i];
		assert_non_null(p);
		if (i % 2 == 0) {
			snprintf(id, sizeof id, "i%zu.interviewer", i / 2 + 1);
			assert_string_equal(p->id, id);
			assert_null(p->name);
		} else {
			/* named ones are numbered in order of appearance */
			snprintf(id, sizeof id, "pers%zu", i / 2 + 1);
			assert_string_equal(p->id, id);
			assert_string_equal(p->role, "interviewee");
		}
	}
	assert_int_equal(persons.count, 2 * n);
	assert_int_equal(persons.named, n);
	herald_tei_persons_free(&persons);
	free(turns);
	free(found);
	herald_doc_free(doc);
	return t;
}

static void test_persons_index_linear(void **state)
{
	(void)state;
	mt_check_linear("tei persons index", time_index, 200000);
}

static void test_persons_same_name_once(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *item = herald_node_new(doc, HERALD_NODE_ITEM);
	herald_node *a, *b;
	tei_persons persons;

	(void)state;
	assert_int_equal(herald_node_append_child(herald_doc_root(doc), item),
	                 HERALD_OK);
	herald_node_set_item_kind(item, HERALD_ITEM_INTERVIEW);
	a = add_turn(doc, item, HERALD_SPEAKER_INTERVIEWER);
	b = add_turn(doc, item, HERALD_SPEAKER_INTERVIEWER);
	herald_node_set_speaker(a, "Ann");
	herald_node_set_speaker(b, "Ann");
	assert_int_equal(herald_tei_persons_collect(&persons,
	                                            herald_doc_root(doc), NULL), 0);
	assert_int_equal(persons.count, 1);
	assert_ptr_equal(herald_tei_persons_of_turn(&persons, a),
	                 herald_tei_persons_of_turn(&persons, b));
	herald_tei_persons_free(&persons);
	herald_doc_free(doc);
}

static herald_node *add(herald_node *parent, herald_node_type type)
{
	herald_node *n = herald_node_new(herald_node_doc(parent), type);

	assert_int_equal(herald_node_append_child(parent, n), HERALD_OK);
	return n;
}

/* Everybody is found wherever their item or turn stands, and a sentence
 * wherever it stands: in a turn, in a list entry's paragraph, after text
 * in the same paragraph; none when there is none. */
static void test_persons_everybody_and_sentences_found(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *root = herald_doc_root(doc);
	herald_node *item = add(root, HERALD_NODE_ITEM);
	herald_node *para = add(item, HERALD_NODE_PARAGRAPH);
	herald_node *emph = add(para, HERALD_NODE_EMPH);
	herald_node *list = add(item, HERALD_NODE_LIST);
	herald_node *entry = add(list, HERALD_NODE_LIST_ITEM);
	herald_node *deep = add(entry, HERALD_NODE_PARAGRAPH);
	herald_node *turn = add_turn(doc, item, HERALD_SPEAKER_INTERVIEWEE);
	herald_node *second = add(root, HERALD_NODE_ITEM);
	tei_persons persons;
	int sentences = -1;

	(void)state;
	assert_int_equal(herald_node_append_child(emph,
	                 herald_node_new_text(doc, "x", 1)), HERALD_OK);
	assert_int_equal(herald_node_append_child(deep,
	                 herald_node_new_text(doc, "y", 1)), HERALD_OK);
	herald_node_set_speaker(turn, "Ann");
	herald_node_set_speaker(second, "Bob");
	assert_int_equal(herald_tei_persons_collect(&persons, root,
	                                            &sentences), 0);
	assert_int_equal(sentences, 0);
	assert_int_equal(persons.count, 2);
	assert_string_equal(herald_tei_persons_of_turn(&persons, turn)->name,
	                    "Ann");
	assert_string_equal(herald_tei_persons_of_item(&persons, second)->name,
	                    "Bob");
	herald_tei_persons_free(&persons);
	/* a sentence after text, in a list entry's paragraph */
	herald_node *s = herald_node_new(doc, HERALD_NODE_SENTENCE);
	assert_int_equal(herald_node_append_child(deep, s), HERALD_OK);
	assert_int_equal(herald_tei_persons_collect(&persons, root,
	                                            &sentences), 0);
	assert_int_equal(sentences, 1);
	assert_int_equal(persons.count, 2);
	herald_tei_persons_free(&persons);
	/* in a turn, the last block */
	herald_node_unlink(s);
	assert_int_equal(herald_tei_persons_collect(&persons, root,
	                                            &sentences), 0);
	assert_int_equal(sentences, 0);
	herald_tei_persons_free(&persons);
	assert_int_equal(herald_node_append_child(turn, s), HERALD_OK);
	assert_int_equal(herald_tei_persons_collect(&persons, root,
	                                            &sentences), 0);
	assert_int_equal(sentences, 1);
	herald_tei_persons_free(&persons);
	/* from a sentence itself */
	assert_int_equal(herald_tei_persons_collect(&persons, s, &sentences), 0);
	assert_int_equal(sentences, 1);
	assert_int_equal(persons.count, 0);
	herald_tei_persons_free(&persons);
	herald_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_persons_same_name_once),
		cmocka_unit_test(test_persons_everybody_and_sentences_found),
		cmocka_unit_test(test_persons_index_linear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
