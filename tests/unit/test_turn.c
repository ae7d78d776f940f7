/* tests/unit/test_turn.c - transcripts in libherald (herald/turn.h):
 * labels, inline turn marks, speakers, and the plan of an item's
 * paragraphs, against the source tree's language packs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <herald/lang.h>
#include <herald/turn.h>

/* --- labels ------------------------------------------------------------ */

typedef struct label_case {
	const char *text;
	herald_label_kind kind;
	const char *name;      /* as printed; NULL: not checked */
	const char *rest;      /* the text after the label */
} label_case;

static const label_case label_cases[] = {
	{ "Q    Thanks, Jen.", HERALD_LABEL_INTERVIEWER, "Q", "Thanks, Jen." },
	{ "Q\xc2\xa0 \xc2\xa0 Hello, sir.", HERALD_LABEL_INTERVIEWER, "Q",
	  "Hello, sir." },
	{ "Q: What now?", HERALD_LABEL_INTERVIEWER, "Q", "What now?" },
	{ "Q. What now?", HERALD_LABEL_INTERVIEWER, "Q", "What now?" },
	{ "Q Thanks.", HERALD_LABEL_INTERVIEWER, "Q", "Thanks." },
	{ "Question: why?", HERALD_LABEL_INTERVIEWER, "Question", "why?" },
	{ "\xd0\x92\xd0\xbe\xd0\xbf\xd1\x80\xd0\xbe\xd1\x81: \xd0\x9a\xd0\xb0\xd0\xba?",
	  HERALD_LABEL_INTERVIEWER, NULL, NULL },
	{ "\xe9\x97\xae\xef\xbc\x9a\xe4\xbd\xa0\xe5\xa5\xbd", HERALD_LABEL_INTERVIEWER,
	  NULL, NULL },
	{ "Sual: Necə?", HERALD_LABEL_INTERVIEWER, "Sual", "Necə?" },
	{ "A: Yes.", HERALD_LABEL_INTERVIEWEE, "A", "Yes." },
	{ "MS. PSAKI:\xc2\xa0 Hello, everyone.", HERALD_LABEL_NAMED, "MS. PSAKI",
	  "Hello, everyone." },
	{ "THE PRESIDENT: Thank you.", HERALD_LABEL_NAMED, "THE PRESIDENT",
	  "Thank you." },
	{ "ACTING ADMINISTRATOR SLAVITT:  Good morning.", HERALD_LABEL_NAMED,
	  "ACTING ADMINISTRATOR SLAVITT", "Good morning." },
	{ "DR. O'NEIL-SMITH: Yes.", HERALD_LABEL_NAMED, "DR. O'NEIL-SMITH",
	  "Yes." },
	{ "MODERATOR: First up, Ada.", HERALD_LABEL_MODERATOR, "MODERATOR",
	  "First up, Ada." },
	{ "   THE PRESIDENT:  Hi.", HERALD_LABEL_NAMED, "THE PRESIDENT", "Hi." },
	/* not labels */
	{ "FLIGHTS SHOULD BE SUPERVISED BY THE BEST EMPLOYEES: President",
	  HERALD_LABEL_NONE, NULL, NULL },
	{ "MILLIONS OF AMERICANS RELY ON SAFE, TIMELY AIR TRAVEL: Safety",
	  HERALD_LABEL_NONE, NULL, NULL },
	{ "Question time is over.", HERALD_LABEL_NONE, NULL, NULL },
	{ "Quite: so.", HERALD_LABEL_TITLED, "Quite", "so." },
	{ "A spokesman said so.", HERALD_LABEL_NONE, NULL, NULL },
	{ "q: lower case", HERALD_LABEL_NONE, NULL, NULL },
	/* title case: a label only where the item shows a pattern of them,
	 * which the builder decides (test_reader) */
	{ "Vladimir Putin: We agreed.", HERALD_LABEL_TITLED, "Vladimir Putin",
	  "We agreed." },
	{ "Dr. Fauci:  Yes.", HERALD_LABEL_TITLED, "Dr. Fauci", "Yes." },
	{ "Karine Jean-Pierre: Sure.", HERALD_LABEL_TITLED, "Karine Jean-Pierre",
	  "Sure." },
	{ "Note: shaped as a name", HERALD_LABEL_TITLED, "Note", NULL },
	{ "Speaker 2: (00:01) Yes.", HERALD_LABEL_TITLED, "Speaker 2",
	  "(00:01) Yes." },
	{ "Speaker 2b: no", HERALD_LABEL_NONE, NULL, NULL },
	{ "Covid19 News: no", HERALD_LABEL_NONE, NULL, NULL },
	{ "The answer is simple: no.", HERALD_LABEL_NONE, NULL, NULL },
	{ "Ursula Von Der Leyen Speaks Here: x", HERALD_LABEL_NONE, NULL, NULL },
	/* lower-case particles inside a title-case name */
	{ "Ursula von der Leyen: We will.", HERALD_LABEL_TITLED,
	  "Ursula von der Leyen", "We will." },
	{ "Charles de Gaulle: Non.", HERALD_LABEL_TITLED, "Charles de Gaulle",
	  "Non." },
	{ "Jos\xc3\xa9 da Silva: Sim.", HERALD_LABEL_TITLED, "Jos\xc3\xa9 da Silva",
	  "Sim." },
	{ "Ludwig van: no", HERALD_LABEL_NONE, NULL, NULL },
	{ "Paris de la ville de Lyon: no", HERALD_LABEL_NONE, NULL, NULL },
	{ "The state of play: no", HERALD_LABEL_NONE, NULL, NULL },
	/* a party and state, or an interpreter's note, after the name */
	{ "SEN. ROMNEY (R-UT):  Thank you.", HERALD_LABEL_NAMED,
	  "SEN. ROMNEY (R-UT)", "Thank you." },
	{ "REP. OCASIO-CORTEZ (D-N.Y.): Yes.", HERALD_LABEL_NAMED,
	  "REP. OCASIO-CORTEZ (D-N.Y.)", "Yes." },
	{ "PRESIDENT ZELENSKYY (as interpreted): Yes.", HERALD_LABEL_NAMED,
	  "PRESIDENT ZELENSKYY (as interpreted)", "Yes." },
	{ "Sen. Mitt Romney (R-Utah): Yes.", HERALD_LABEL_TITLED,
	  "Sen. Mitt Romney (R-Utah)", "Yes." },
	{ "(R-UT): no name", HERALD_LABEL_NONE, NULL, NULL },
	{ "SEN. ROMNEY (SAID THAT THE BILL WOULD PASS): x", HERALD_LABEL_NONE,
	  NULL, NULL },
	{ "Moderator: Next question.", HERALD_LABEL_MODERATOR, "Moderator",
	  "Next question." },
	/* literal Markdown emphasis in a plain text */
	{ "**Ms. Psaki:** Hello.", HERALD_LABEL_TITLED, "Ms. Psaki", "Hello." },
	{ "**MS. PSAKI**: Hello.", HERALD_LABEL_NAMED, "MS. PSAKI", "Hello." },
	{ "*Klaas Bollhoefer*: Hi.", HERALD_LABEL_TITLED, "Klaas Bollhoefer",
	  "Hi." },
	{ "**Q:** Why?", HERALD_LABEL_INTERVIEWER, "Q", "Why?" },
	{ "**Frage 2:** Wie?", HERALD_LABEL_INTERVIEWER, "Frage 2", "Wie?" },
	{ "**Ms. Psaki: Hello.", HERALD_LABEL_NONE, NULL, NULL },
	{ "* Psaki: a bullet", HERALD_LABEL_NONE, NULL, NULL },
	/* numbered questions, French spacing, language variants */
	{ "Frage 1: Wie geht es?", HERALD_LABEL_INTERVIEWER, "Frage 1",
	  "Wie geht es?" },
	{ "Question 3: And then?", HERALD_LABEL_INTERVIEWER, "Question 3",
	  "And then?" },
	{ "\xd0\x92\xd0\xbe\xd0\xbf\xd1\x80\xd0\xbe\xd1\x81 \xe2\x84\x96" "3: ?",
	  HERALD_LABEL_INTERVIEWER, "\xd0\x92\xd0\xbe\xd0\xbf\xd1\x80\xd0\xbe\xd1\x81 \xe2\x84\x96" "3",
	  "?" },
	{ "Pregunta 2: \xc2\xbfY?", HERALD_LABEL_INTERVIEWER, "Pregunta 2", NULL },
	{ "Sual 4: Necə?", HERALD_LABEL_INTERVIEWER, "Sual 4", "Necə?" },
	{ "Question : Pourquoi ?", HERALD_LABEL_INTERVIEWER, "Question",
	  "Pourquoi ?" },
	{ "Question\xe2\x80\xaf: Pourquoi ?", HERALD_LABEL_INTERVIEWER,
	  "Question", "Pourquoi ?" },
	{ "R\xc3\xa9ponse : Parce que.", HERALD_LABEL_INTERVIEWEE,
	  "R\xc3\xa9ponse", "Parce que." },
	{ "Pregunta: \xc2\xbfPor qu\xc3\xa9?", HERALD_LABEL_INTERVIEWER,
	  "Pregunta", NULL },
	{ "Respuesta: Porque s\xc3\xad.", HERALD_LABEL_INTERVIEWEE, "Respuesta",
	  "Porque s\xc3\xad." },
	{ "Antwort: Gut.", HERALD_LABEL_INTERVIEWEE, "Antwort", "Gut." },
	{ "Cavab: Bəli.", HERALD_LABEL_INTERVIEWEE, "Cavab", "Bəli." },
	{ "\xe7\xad\x94\xef\xbc\x9a\xe5\xa5\xbd", HERALD_LABEL_INTERVIEWEE,
	  "\xe7\xad\x94", "\xe5\xa5\xbd" },
	{ "\xd0\x9e\xd1\x82\xd0\xb2\xd0\xb5\xd1\x82: \xd0\x94\xd0\xb0.",
	  HERALD_LABEL_INTERVIEWEE, NULL, "\xd0\x94\xd0\xb0." },
	{ "Frage 12 ist offen.", HERALD_LABEL_NONE, NULL, NULL },
	{ "Answer 2 questions.", HERALD_LABEL_NONE, NULL, NULL },
	{ "COVID-19: a digit", HERALD_LABEL_NONE, NULL, NULL },
	{ "SENIOR ADMINISTRATION OFFICIAL 1:  Sure.", HERALD_LABEL_NAMED,
	  "SENIOR ADMINISTRATION OFFICIAL 1", "Sure." },
	{ "2020: a year", HERALD_LABEL_NONE, NULL, NULL },
	{ "10:51 A.M. EDT", HERALD_LABEL_NONE, NULL, NULL },
	{ "Q", HERALD_LABEL_INTERVIEWER, "Q", "" },
	{ "Q\nOn its own line.", HERALD_LABEL_INTERVIEWER, "Q",
	  "On its own line." },
	{ "MS. LIND:\nOn its own line.", HERALD_LABEL_NAMED, "MS. LIND",
	  "On its own line." },
	{ "", HERALD_LABEL_NONE, NULL, NULL },
	/* a label alone: its text is in the blocks that follow */
	{ "NASA:", HERALD_LABEL_NAMED, "NASA", "" },
};

static void test_turn_labels(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof label_cases / sizeof *label_cases; i++) {
		const label_case *c = &label_cases[i];
		size_t n = strlen(c->text);
		herald_label l;
		herald_label_kind k = herald_turn_label(c->text, n, &l);
		size_t name_len = l.name_len, skip = l.skip, lead = l.name_start;
		if (k != c->kind)
			fail_msg("'%s': kind %d, expected %d", c->text, k, c->kind);
		if (k != l.kind)
			fail_msg("'%s': kind %d returned, %d stored", c->text, k,
			         l.kind);
		if (k == HERALD_LABEL_NONE)
			continue;
		if (c->name && (name_len != strlen(c->name) ||
		                memcmp(c->text + lead, c->name, name_len) != 0))
			fail_msg("'%s': name '%.*s'", c->text, (int)name_len,
			         c->text + lead);
		if (c->rest && strcmp(c->text + skip, c->rest) != 0)
			fail_msg("'%s': rest '%s'", c->text, c->text + skip);
	}
}

static void test_turn_inline_marks(void **state)
{
	static const struct { const char *text; long at; bool asks; } cases[] = {
		{ "Intro. -Salam, nazir.", 7, false },
		{ "How are you? -Fine.", 13, true },
		{ "Really?\xe2\x80\x9d \xe2\x80\x94 Yes.", 11, true },
		{ "So\xe2\x80\xa6 \xe2\x80\x93Then.", 6, false },
		/* not turns */
		{ "It was cold. -5 degrees.", -1, false },
		{ "A well-known fact.", -1, false },
		{ "Done. - a bullet", -1, false },
		{ "Word -word.", -1, false },
		{ "Done. ---", -1, false },
		{ "-Salam at the start.", -1, false },
		/* question and answer labels inside a line, colon required */
		{ "Q: Why? A: Because.", 8, true },
		{ "Yes. Q: And then?", 5, false },
		{ "So. \xd0\x9e\xd1\x82\xd0\xb2\xd0\xb5\xd1\x82: \xd0\x94\xd0\xb0.",
		  4, false },
		{ "Why? A because.", -1, false },
		{ "Done. Q. Next.", -1, false },
		{ "Mid sentence Q: no.", -1, false },
		{ "Done. Answer 2 questions.", -1, false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t n = strlen(cases[i].text);
		bool asks = !cases[i].asks;
		size_t at = herald_turn_inline(cases[i].text, n, 0,
		                               HERALD_INLINE_DASH | HERALD_INLINE_LABEL,
		                               &asks, NULL);
		long want = cases[i].at < 0 ? (long)n : cases[i].at;
		if ((long)at != want || (cases[i].at >= 0 && asks != cases[i].asks))
			fail_msg("'%s': at %zu, asks %d", cases[i].text, at, asks);
	}
}

static void test_turn_speakers_one_per_person(void **state)
{
	herald_speakers *sp = herald_speakers_new();
	size_t a, b, c, d, e;
	char name[32];

	(void)state;
	assert_non_null(sp);
	assert_int_equal(herald_speakers_intern(sp, "MS. PSAKI", 9, &a), 0);
	assert_int_equal(herald_speakers_intern(sp, "Ms. Psaki", 9, &b), 0);
	assert_int_equal(herald_speakers_intern(sp, "Ms\xc2\xa0 Psaki", 10,
	                                                 &c), 0);
	assert_int_equal(herald_speakers_intern(sp, "MS.\nPSAKI", 9, &d), 0);
	assert_int_equal(herald_speakers_intern(sp, "MR. PSAKI", 9, &e), 0);
	assert_true(a == b && b == c && c == d);
	assert_true(e != a);
	assert_string_equal(herald_speakers_display(sp, a), "MS. PSAKI");
	/* a party and state after the name are the same person */
	assert_int_equal(herald_speakers_intern(sp, "SEN. ROMNEY (R-UT)", 18, &c),
	                 0);
	assert_int_equal(herald_speakers_intern(sp, "Sen. Romney", 11, &d), 0);
	assert_true(c == d && c != e);
	assert_string_equal(herald_speakers_display(sp, c), "SEN. ROMNEY (R-UT)");
	/* many names: each once, the table grows, the first stay found */
	for (int i = 0; i < 5000; i++) {
		size_t id;
		snprintf(name, sizeof name, "SPEAKER %d", i);
		assert_int_equal(herald_speakers_intern(sp, name,
		                                                 strlen(name), &id),
		                 0);
		assert_int_equal(id, (size_t)i + 3);
	}
	assert_int_equal(herald_speakers_intern(sp, "ms psaki", 8, &b), 0);
	assert_int_equal(b, a);
	assert_int_equal(herald_speakers_count(sp), 5003);
	herald_speakers_free(sp);
}

/* --- labels of any language (herald/lang.h) ------------------------------- */

static void test_turn_any_pack_labels(void **state)
{
	(void)state;
	assert_true(herald_lang_any_is("interviewer", "Q", 1));
	assert_true(herald_lang_any_is("interviewer", "frage", 5));
	assert_true(herald_lang_any_is("interviewer",
	                               "\xd0\x92\xd0\x9e\xd0\x9f\xd0\xa0\xd0\x9e\xd0\xa1",
	                               12));   /* ВОПРОС, case folded */
	assert_true(herald_lang_any_is("moderator", "MODERATOR", 9));
	assert_false(herald_lang_any_is("moderator", "MODERATORS", 10));
	assert_false(herald_lang_any_is("no such section", "Q", 1));
	assert_int_equal(herald_lang_any_prefix("byline", "By Ada Lind", 11), 2);
	assert_int_equal(herald_lang_any_prefix("byline", "Bystander", 9), 0);
	assert_int_equal(herald_lang_any_prefix("interviewer", "", 0), 0);
	assert_true(herald_lang_any_is("particle", "von", 3));
}

/* --- the plan of an item ------------------------------------------------- */

typedef struct planned {
	herald_speakers *sp;
	herald_turn_plan plan;
	herald_turn_decision out[16];
	size_t n;
} planned;

static void plan_of(planned *p, const char *const *texts)
{
	herald_turn_para paras[16];

	p->n = 0;
	while (texts[p->n]) {
		paras[p->n] = (herald_turn_para){ texts[p->n], strlen(texts[p->n]),
			                          true, false };
		p->n++;
	}
	assert_int_equal(herald_turn_plan_item(p->sp, paras, p->n, p->out,
	                                       &p->plan), 0);
}

/* Each paragraph's decision as one letter: '.' no turn opens, 'Q' the
 * interviewer's, 'A' an interviewee's, '?' unknown. */
static void assert_roles(const planned *p, const char *want)
{
	char got[17];

	for (size_t i = 0; i < p->n; i++)
		got[i] = p->out[i].label.kind == HERALD_LABEL_NONE ? '.'
		         : p->out[i].role == HERALD_SPEAKER_INTERVIEWER ? 'Q'
		         : p->out[i].role == HERALD_SPEAKER_INTERVIEWEE ? 'A'
		                                                        : '?';
	got[p->n] = '\0';
	assert_string_equal(got, want);
}

static void test_turn_plan_briefing(void **state)
{
	static const char *const texts[] = {
		"Good afternoon.", "MS. PSAKI: A few items at the top.",
		"Q Thanks, Jen.", "MS. PSAKI: Sure.", "More of her answer.",
		"Q: And then?", "Ms. Psaki: Then we went.",
		"SEN. ROMNEY (R-UT): May I add?", NULL
	};
	planned p = { herald_speakers_new(), { 0 }, { { { 0 } } }, 0 };

	(void)state;
	plan_of(&p, texts);
	assert_int_equal(p.plan.kind, HERALD_ITEM_INTERVIEW);
	assert_int_equal(p.plan.first_turn, 2);
	assert_roles(&p, "..QA.QAA");
	assert_int_equal(p.out[3].speaker, p.out[6].speaker);
	assert_string_equal(herald_speakers_display(p.sp, p.out[6].speaker),
	                    "MS. PSAKI");
	assert_string_equal(herald_speakers_display(p.sp, p.out[7].speaker),
	                    "SEN. ROMNEY (R-UT)");
	assert_int_equal(p.out[2].speaker, SIZE_MAX);
	herald_speakers_free(p.sp);
}

static void test_turn_plan_moderator_hands_over(void **state)
{
	static const char *const texts[] = {
		"MODERATOR: Welcome, everyone.", "DR. FAUCI: An opening statement.",
		"MODERATOR: First up, Ada Lind.", "Q: Why now?",
		"DR. FAUCI: Because.", NULL
	};
	planned p = { herald_speakers_new(), { 0 }, { { { 0 } } }, 0 };

	(void)state;
	plan_of(&p, texts);
	assert_int_equal(p.plan.kind, HERALD_ITEM_INTERVIEW);
	assert_int_equal(p.plan.first_turn, 2);
	assert_int_equal(p.out[2].label.kind, HERALD_LABEL_MODERATOR);
	herald_speakers_free(p.sp);
}

static void test_turn_plan_speech(void **state)
{
	static const char *const texts[] = {
		"THE PRESIDENT: My fellow Americans.", "We will go on.",
		"Thank you.", NULL
	};
	planned p = { herald_speakers_new(), { 0 }, { { { 0 } } }, 0 };

	(void)state;
	plan_of(&p, texts);
	assert_int_equal(p.plan.kind, HERALD_ITEM_SPEECH);
	assert_int_equal(p.plan.first_turn, 3);
	assert_roles(&p, "...");
	assert_string_equal(herald_speakers_display(p.sp, p.plan.speaker),
	                    "THE PRESIDENT");
	herald_speakers_free(p.sp);
}

static void test_turn_plan_asking_side(void **state)
{
	static const char *const texts[] = {
		"Note: the interview was edited.", "NYT: Why did you go?",
		"Vladimir Putin: We had to.", "NYT: And then?",
		"Vladimir Putin: Then we came back.", NULL
	};
	planned p = { herald_speakers_new(), { 0 }, { { { 0 } } }, 0 };

	(void)state;
	plan_of(&p, texts);
	assert_int_equal(p.plan.kind, HERALD_ITEM_INTERVIEW);
	assert_int_equal(p.plan.first_turn, 1);
	assert_roles(&p, ".QAQA");
	herald_speakers_free(p.sp);
}

static void test_turn_plan_no_pattern(void **state)
{
	static const char *const names[] = {
		"Note: shaped as a name.", "Washington: a dateline.",
		"Plain text.", NULL
	};
	static const char *const table[] = {
		"Ada Lind:", "Bo Berg:", "Cy Dahl:", "Di Eng:", NULL
	};
	planned p = { herald_speakers_new(), { 0 }, { { { 0 } } }, 0 };

	(void)state;
	plan_of(&p, names);
	assert_int_equal(p.plan.kind, HERALD_ITEM_NEWS);
	assert_roles(&p, "...");
	/* a table of names, each once: no pattern, no roles */
	plan_of(&p, table);
	assert_int_equal(p.plan.kind, HERALD_ITEM_NEWS);
	assert_roles(&p, "....");
	herald_speakers_free(p.sp);
}

static void test_turn_is_transcript(void **state)
{
	static const char *const yes[] = {
		"Intro.\n\nQ: Why?\n\nA: Because.\n\nQ: And?\n\nA: So.\n",
		"Ada Lind: Hi.\n\nBo Berg: Hi.\n\nAda Lind: Bye.\n\nBo Berg: Bye.\n",
		"Q: Why? A: Because. Q: And then? A: So.\n",
		"Intro. -Salam, how are you? -Fine. -Good.\n",
		/* the turn after the question as far from its '?' as a mark
		 * may be: closers, quotes and spaces, or a long label word */
		"He said: \"Why?\u201D)\"   \u2014 Because. -Right.\n",
		"Intro. Was it so? \u0412\u043E\u043F\u0440\u043E\u0441 \u211612: "
		"Yes. A: No.\n",
	};
	static const char *const no[] = {
		"Text.\n\nQ: Why?\n\nMore text.\n",
		"Note: a note.\n\nWashington: a dateline.\n",
		/* questions in prose, dashes and colons far from them */
		"Why? Nobody knew what had happened in the long night - or why."
		" -A dash. -Another.\n",
		"",
	};

	(void)state;
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		if (!herald_turn_is_transcript(yes[i], strlen(yes[i])))
			fail_msg("not a transcript: '%s'", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		if (herald_turn_is_transcript(no[i], strlen(no[i])))
			fail_msg("a transcript: '%s'", no[i]);
}

static void test_turn_evidence(void **state)
{
	char answer[1024] = "";

	(void)state;
	assert_int_equal(herald_turn_evidence_of("Why?\xe2\x80\x9d ", 8),
	                 HERALD_EVIDENCE_ASK);
	assert_int_equal(herald_turn_evidence_of("Yes.", 4), HERALD_EVIDENCE_NONE);
	for (int i = 0; i < 70; i++)
		strcat(answer, "word ");
	assert_int_equal(herald_turn_evidence_of(answer, strlen(answer)),
	                 HERALD_EVIDENCE_ANSWER);
	assert_int_equal(herald_turn_tokens("a -- b, 3", 9), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_turn_labels),
		cmocka_unit_test(test_turn_inline_marks),
		cmocka_unit_test(test_turn_speakers_one_per_person),
		cmocka_unit_test(test_turn_any_pack_labels),
		cmocka_unit_test(test_turn_plan_briefing),
		cmocka_unit_test(test_turn_plan_moderator_hands_over),
		cmocka_unit_test(test_turn_plan_speech),
		cmocka_unit_test(test_turn_plan_asking_side),
		cmocka_unit_test(test_turn_plan_no_pattern),
		cmocka_unit_test(test_turn_is_transcript),
		cmocka_unit_test(test_turn_evidence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
