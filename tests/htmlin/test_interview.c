/* tests/htmlin/test_interview.c - interviews on web pages: paragraphs
 * opening with bold speaker labels become an INTERVIEW item of TURNs,
 * read by libherald's recogniser (plugins/htmlin/turns.c).  The page is
 * tests/htmlin/pages/interview.html, written for this test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <herald/herald.h>

static herald_registry *registry;

static int setup(void **state)
{
	herald_diag *diag = herald_diag_new(NULL);
	const char *dirs = getenv("HERALD_PLUGIN_PATH");

	(void)state;
	registry = herald_registry_new();
	if (!registry || !diag || !dirs) {
		herald_diag_free(diag);
		return -1;
	}
	herald_registry_load_dirs(registry, dirs, diag);
	herald_diag_free(diag);
	return herald_registry_find(registry, "htmlin", HERALD_ROLE_READER) ? 0
	                                                                    : -1;
}

static int teardown(void **state)
{
	(void)state;
	herald_registry_free(registry);
	return 0;
}

static herald_doc *read_page(const char *data, size_t size)
{
	herald_diag *diag = herald_diag_new(NULL);
	herald_pipeline *pipe = herald_pipeline_new(registry);
	herald_input in = { "page.html", data, size };
	herald_doc *doc = NULL;

	assert_non_null(diag);
	assert_int_equal(herald_pipeline_set_reader(pipe, "htmlin", diag), 0);
	assert_int_equal(herald_pipeline_read(pipe, &in, &doc, diag), 0);
	herald_pipeline_free(pipe);
	herald_diag_free(diag);
	return doc;
}

static char *slurp(const char *rel, size_t *size)
{
	const char *top = getenv("top_srcdir");
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", top ? top : ".", rel);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = malloc(1 << 16);
	assert_non_null(buf);
	*size = fread(buf, 1, (1 << 16) - 1, f);
	buf[*size] = '\0';
	fclose(f);
	return buf;
}

static herald_node *nth_of(const herald_node *parent, herald_node_type type,
                           size_t n)
{
	for (herald_node *c = herald_node_first_child(parent); c;
	     c = herald_node_next(c))
		if (herald_node_type_of(c) == type && n-- == 0)
			return c;
	return NULL;
}

static size_t count_of(const herald_node *parent, herald_node_type type)
{
	size_t n = 0;

	while (nth_of(parent, type, n))
		n++;
	return n;
}

static void assert_turn(const herald_node *turn, herald_speaker_role role,
                        const char *label, const char *speaker,
                        const char *text)
{
	char *t = herald_node_plain_text(turn);

	assert_non_null(turn);
	assert_int_equal(herald_node_role(turn), role);
	assert_string_equal(herald_node_label(turn), label);
	if (speaker)
		assert_string_equal(herald_node_speaker(turn), speaker);
	else
		assert_null(herald_node_speaker(turn));
	assert_string_equal(t, text);
	free(t);
}

static void test_interview_bold_labels_make_turns(void **state)
{
	size_t size;
	char *page = slurp("tests/htmlin/pages/interview.html", &size);
	herald_doc *doc = read_page(page, size);
	herald_node *item = nth_of(herald_doc_root(doc), HERALD_NODE_ITEM, 0);

	(void)state;
	assert_non_null(item);
	assert_int_equal(herald_node_item_kind(item), HERALD_ITEM_INTERVIEW);
	/* the introduction stays a paragraph, before the first question */
	assert_int_equal(count_of(item, HERALD_NODE_PARAGRAPH), 1);
	assert_int_equal(count_of(item, HERALD_NODE_TURN), 4);
	assert_turn(nth_of(item, HERALD_NODE_TURN, 0), HERALD_SPEAKER_INTERVIEWER,
	            "Q", NULL, "How did the season go for the fleet this year?");
	/* the unlabelled paragraph after an answer is the answer's */
	assert_turn(nth_of(item, HERALD_NODE_TURN, 1), HERALD_SPEAKER_INTERVIEWEE,
	            "Ada Lind", "Ada Lind",
	            "Well. The boats came back full, and the prices held all "
	            "summer long.\nWe had no storms to speak of until October.");
	assert_turn(nth_of(item, HERALD_NODE_TURN, 3), HERALD_SPEAKER_INTERVIEWEE,
	            "Ada Lind", "Ada Lind",
	            "We shall see. The quota talks start in January.");
	herald_doc_free(doc);
	free(page);
}

/* Bold labels without the pattern (a contact box, a product sheet), or
 * labels in plain text, leave the page as it was. */
static void test_interview_no_pattern_no_turns(void **state)
{
	static const char *const pages[] = {
		"<html><body><article><p>The fair opens on Monday in the old "
		"market hall, with forty stands.</p>"
		"<p><strong>Telefon:</strong> 030 1234</p>"
		"<p><strong>Ort:</strong> Markthalle, Berlin</p>"
		"<p><strong>Note:</strong> entry is free.</p></article></body></html>",
		"<html><body><article><p>An introduction of some length to the "
		"talk that follows here.</p><p>Q: Why?</p><p>A: Because.</p>"
		"<p>Q: When?</p><p>A: Soon.</p></article></body></html>",
		"<html><body><article><p><b>MEDIA CONTACT:</b> Ada Lind, "
		"desk@example.org, for the city's press office.</p>"
		"<p>The council met on Monday.</p></article></body></html>",
	};

	(void)state;
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		herald_doc *doc = read_page(pages[i], strlen(pages[i]));
		herald_node *root = herald_doc_root(doc);
		if (count_of(root, HERALD_NODE_ITEM) != 0)
			fail_msg("page %zu: an item", i);
		assert_true(count_of(root, HERALD_NODE_PARAGRAPH) >= 2);
		herald_doc_free(doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interview_bold_labels_make_turns),
		cmocka_unit_test(test_interview_no_pattern_no_turns),
	};

	return cmocka_run_group_tests_name("htmlin interviews", tests, setup,
	                                   teardown);
}
