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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_persons_same_name_once),
		cmocka_unit_test(test_persons_index_linear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
