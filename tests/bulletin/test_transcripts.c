/* tests/bulletin/test_transcripts.c - transcripts from hostile input
 * (issue 12, "Bad input"): a label on every line, a colon after every
 * word, 10 000 turns, a 10 MB turn, labels in a language no pack knows,
 * labels whose spelling changes mid-way.  Each must read without a
 * crash, keep every word (bt_word_mismatch: the input's words, as a
 * multiset, are all in the model), grow linearly in CPU time (n against
 * 2n, a generous ratio), and say "unknown" rather than a wrong role. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "harness.h"

/* --- helpers -------------------------------------------------------------- */

/* A text of count units made by unit(i, buffer), between head and tail. */
static char *built(const char *head, size_t count,
                   int (*unit)(size_t i, char *out, size_t size),
                   const char *tail, size_t *len)
{
	char *s = NULL, piece[256];
	FILE *f = open_memstream(&s, len);

	assert_non_null(f);
	fputs(head, f);
	for (size_t i = 0; i < count; i++) {
		unit(i, piece, sizeof piece);
		fputs(piece, f);
	}
	fputs(tail, f);
	assert_int_equal(fclose(f), 0);
	return s;
}

static double cpu_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Read text as name; fail on an error or a lost word.  *seconds gets the
 * CPU time the read took. */
static bt_run read_kept(const char *name, const char *text, size_t len,
                        double *seconds)
{
	double a = cpu_seconds();
	bt_run r = bt_read_named("bulletin", name, text, len);

	if (seconds)
		*seconds = cpu_seconds() - a;
	if (r.rc != HERALD_OK)
		fail_msg("%s: status %d", name, r.rc);
	char *why = bt_word_mismatch(text, len, r.doc);
	if (why)
		fail_msg("%s: %s", name, why);
	return r;
}

/* The best of three CPU times for a read of text. */
static double best_time(const char *name, const char *text, size_t len)
{
	double best = 1e9;

	for (int i = 0; i < 3; i++) {
		double t;
		bt_run r = read_kept(name, text, len, &t);
		bt_free(&r);
		best = t < best ? t : best;
	}
	return best;
}

/* Linear: 2n units cost at most four times n's (a quadratic path costs
 * four times at least, and more from noise only in the small). */
static void assert_linear(const char *name, const char *head, size_t n,
                          int (*unit)(size_t, char *, size_t))
{
	size_t l1, l2;
	char *a = built(head, n, unit, "", &l1);
	char *b = built(head, 2 * n, unit, "", &l2);
	double t1 = best_time(name, a, l1), t2 = best_time(name, b, l2);

	if (t2 > 0.2 && t2 > 4 * t1)
		fail_msg("%s: %.3f s for %zu units, %.3f s for %zu: not linear",
		         name, t1, n, t2, 2 * n);
	free(a);
	free(b);
}

/* Turns of each role under the document's items. */
typedef struct roles {
	size_t turns, asker, answerer, unknown;
} roles;

static roles roles_of(const bt_run *r)
{
	roles c = { 0 };
	herald_walker w;

	herald_walker_init(&w, herald_doc_root(r->doc));
	while (herald_walker_next(&w) != HERALD_WALK_DONE) {
		if (w.event != HERALD_WALK_ENTER ||
		    herald_node_type_of(w.node) != HERALD_NODE_TURN)
			continue;
		c.turns++;
		switch (herald_node_role(w.node)) {
		case HERALD_SPEAKER_INTERVIEWER: c.asker++; break;
		case HERALD_SPEAKER_INTERVIEWEE: c.answerer++; break;
		default: c.unknown++; break;
		}
	}
	return c;
}

/* --- the units ------------------------------------------------------------- */

static int name_line(size_t i, char *out, size_t size)
{
	return snprintf(out, size, "Name%zu Surname%zu:\n", i % 977, i);
}

static int colon_words(size_t i, char *out, size_t size)
{
	return snprintf(out, size, "Word%zu: ", i);
}

static int qa_pair(size_t i, char *out, size_t size)
{
	return snprintf(out, size, "Q    Question number %zu?\n\n"
	                "MS. LIND:  Answer number %zu.\n\n", i, i);
}

static int long_words(size_t i, char *out, size_t size)
{
	return snprintf(out, size, "word%zu and more of it. ", i % 1000);
}

static int inline_pairs(size_t i, char *out, size_t size)
{
	return snprintf(out, size, "Q: Why %zu? A: Because %zu. ", i, i);
}

/* --- the cases --------------------------------------------------------------- */

/* A table of names, one a line: no turn without a pattern, no word lost. */
static void test_transcripts_label_on_every_line(void **state)
{
	size_t len;
	char *s = built("Members of the board\n\n", 3000, name_line, "", &len);
	bt_run r = read_kept("names.txt", s, len, NULL);
	roles c = roles_of(&r);

	(void)state;
	/* names each printed once make no conversation: no role is guessed */
	assert_int_equal(c.asker + c.answerer, 0);
	bt_free(&r);
	free(s);
	assert_linear("names.txt", "Members\n\n", 20000, name_line);
}

static void test_transcripts_colon_after_every_word(void **state)
{
	size_t len;
	char *s = built("", 20000, colon_words, "\n", &len);
	bt_run r = read_kept("colons.txt", s, len, NULL);

	(void)state;
	assert_int_equal(roles_of(&r).asker, 0);
	bt_free(&r);
	free(s);
	/* and one a line */
	s = built("", 5000, colon_words, "", &len);
	for (size_t i = 0; i < len; i++)
		if (s[i] == ' ')
			s[i] = '\n';
	r = read_kept("colon-lines.txt", s, len, NULL);
	assert_int_equal(roles_of(&r).asker, 0);
	bt_free(&r);
	free(s);
	assert_linear("colons.txt", "", 50000, colon_words);
}

static void test_transcripts_ten_thousand_turns(void **state)
{
	size_t len;
	char *s = built("Briefing\n\n", 5000, qa_pair, "", &len);
	bt_run r = read_kept("turns.txt", s, len, NULL);
	roles c = roles_of(&r);

	(void)state;
	assert_int_equal(c.turns, 10000);
	assert_int_equal(c.asker, 5000);
	assert_int_equal(c.answerer, 5000);
	bt_free(&r);
	free(s);
	assert_linear("turns.txt", "Briefing\n\n", 10000, qa_pair);
	/* inline question and answer labels in one long line */
	s = built("Interview\n\n", 5000, inline_pairs, "\n", &len);
	r = read_kept("inline.txt", s, len, NULL);
	c = roles_of(&r);
	assert_int_equal(c.turns, 10000);
	assert_int_equal(c.asker, 5000);
	bt_free(&r);
	free(s);
	assert_linear("inline.txt", "Interview\n\n", 10000, inline_pairs);
}

/* One answer of 10 MB, in one paragraph: read whole, in linear time. */
static void test_transcripts_ten_megabyte_turn(void **state)
{
	size_t len, n = (10u << 20) / 20;
	char *s = built("Interview\n\nQ    Why?\n\nMS. LIND:  ", n, long_words,
	                "\n\nQ    And then?\n\nMS. LIND:  Then.\n", &len);
	double t;
	bt_run r = read_kept("big.txt", s, len, &t);
	roles c = roles_of(&r);

	(void)state;
	assert_true(len >= 10u << 20);
	assert_int_equal(c.turns, 4);
	assert_int_equal(c.asker, 2);
	bt_free(&r);
	free(s);
	assert_linear("big.txt", "Interview\n\nQ    Why?\n\nMS. LIND:  ",
	              n / 4, long_words);
}

/* Question and answer words no pack holds (Esperanto's): read as names
 * in title case, each repeating, the asking side found by its
 * questions, or left unknown; never the other way round. */
static void test_transcripts_unknown_language(void **state)
{
	static const char text[] =
	        "Intervjuo\n\n"
	        "Demando: Kial vi venis?\n\nRespondo: Por labori.\n\n"
	        "Demando: Kaj poste?\n\nRespondo: Ni vidos.\n\n"
	        "Demando: Kiam?\n\nRespondo: Baldau.\n";
	bt_run r = read_kept("eo.txt", text, sizeof text - 1, NULL);

	(void)state;
	herald_node *item = bt_item(&r, 0);
	for (size_t i = 0; i < bt_count(item, HERALD_NODE_TURN); i++) {
		herald_node *t = bt_nth(item, HERALD_NODE_TURN, i);
		herald_speaker_role want = i % 2 ? HERALD_SPEAKER_INTERVIEWEE
		                                 : HERALD_SPEAKER_INTERVIEWER;
		if (herald_node_role(t) != want &&
		    herald_node_role(t) != HERALD_SPEAKER_UNKNOWN)
			fail_msg("turn %zu: role %d", i, herald_node_role(t));
	}
	bt_free(&r);
}

/* A transcript whose labels change spelling: one person as long as only
 * case, full stops and spacing change; each turn keeps its label as
 * printed; a briefer stays on the answering side. */
static void test_transcripts_spelling_changes(void **state)
{
	static const char text[] =
	        "Gaggle\n\n"
	        "Q    First?\n\nMS. PSAKI:  One.\n\n"
	        "Q    Second?\n\nMs. Psaki:  Two.\n\n"
	        "Q    Third?\n\nMS PSAKI:  Three.\n\n"
	        "Q    Fourth?\n\nMS.  PSAKI:  Four.\n\n"
	        "Q    Fifth?\n\nPSAKI:  Five.\n";
	static const char *const printed[] = { "MS. PSAKI", "Ms. Psaki",
		                               "MS PSAKI", "MS.  PSAKI",
		                               "PSAKI" };
	bt_run r = read_kept("gaggle.txt", text, sizeof text - 1, NULL);

	(void)state;
	herald_node *item = bt_item(&r, 0);
	assert_int_equal(herald_node_item_kind(item), HERALD_ITEM_INTERVIEW);
	assert_int_equal(bt_count(item, HERALD_NODE_TURN), 10);
	for (size_t i = 0; i < 5; i++) {
		herald_node *q = bt_nth(item, HERALD_NODE_TURN, 2 * i);
		herald_node *a = bt_nth(item, HERALD_NODE_TURN, 2 * i + 1);
		assert_int_equal(herald_node_role(q), HERALD_SPEAKER_INTERVIEWER);
		assert_int_equal(herald_node_role(a), HERALD_SPEAKER_INTERVIEWEE);
		assert_string_equal(herald_node_label(a), printed[i]);
		assert_string_equal(herald_node_speaker(a),
		                    i < 4 ? "MS. PSAKI" : "PSAKI");
	}
	bt_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transcripts_label_on_every_line),
		cmocka_unit_test(test_transcripts_colon_after_every_word),
		cmocka_unit_test(test_transcripts_ten_thousand_turns),
		cmocka_unit_test(test_transcripts_ten_megabyte_turn),
		cmocka_unit_test(test_transcripts_unknown_language),
		cmocka_unit_test(test_transcripts_spelling_changes),
	};

	return cmocka_run_group_tests_name("bulletin transcripts", tests,
	                                   bt_setup, bt_teardown);
}
