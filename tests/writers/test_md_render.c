/* test_md_render.c - the markdown writer's own renderer (render.h) against
 * cmark's: on trees generated here of every node type it covers, nested
 * in every way the writer nests them, with texts full of the characters
 * CommonMark escapes (at the start of a line, after digits, before
 * letters, controls, characters beyond ASCII, bad UTF-8) and links (with
 * and without a scheme, their URL as their text), both must give
 * the same bytes.  The generator is seeded (tree t with 14 + t), so a
 * failure repeats.  md_render_valid() is compared the same way on trees
 * without bad UTF-8.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cmark.h>

#include "../../plugins/markdown/render.h"

#define TREES 4000

static uint32_t seed;

/* Texts of valid UTF-8 only, for md_render_valid(). */
static int valid_only;

static unsigned roll(unsigned n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 16) % n;
}

/* Pieces texts are made of: what cmark's escapes turn on, and plain
 * words. */
static const char *const pieces[] = {
	"*", "_", "[", "]", "#", "<", ">", "\\", "`", "!", "![", "~", "~~~",
	"&", "&amp", "&x", "& ", "-", "+", "=", ".", ")", "(", "1", "12",
	"2.", "3)", "4. ", "5) ", " ", "  ", "\t", "\n", "\r", "\x01", "\x1f",
	"\x7f", "a", "Word", "z9", "\xc3\xa9", "\xe4\xb8\xad", "\xc4\xb1",
	"\xf0\x9f\x98\x80", "\xe2\x80\x94", "\xff", "\xc3", "\"", "'", ":",
	"|", "{#i3}", "0", "9", "-- ", "+x", "=y", "1.", "..."
};

static char *random_text(void)
{
	size_t n = 1 + roll(6), len = 0;
	char *s = calloc(1, 64);

	for (size_t i = 0; i < n; i++) {
		const char *p = pieces[roll(sizeof pieces / sizeof *pieces)];

		if (valid_only && (p[0] == '\xff' || strcmp(p, "\xc3") == 0))
			p = "b";
		if (len + strlen(p) < 63) {
			strcpy(s + len, p);
			len += strlen(p);
		}
	}
	return s;
}

static cmark_node *leaf(cmark_node_type type, const char *literal)
{
	cmark_node *n = cmark_node_new(type);

	if (literal != NULL)
		cmark_node_set_literal(n, literal);
	return n;
}

static void add_inlines(cmark_node *parent, int depth);

/* Link destinations: with and without a scheme, mailto:, characters a
 * destination escapes (spaces percent-encoded). */
static const char *const urls[] = {
	"http://example.org/a", "https://e.f/x y", "mailto:a@b.c", "x(y)",
	"", "ftp://h/`<>\\", "a1+.-:b", "1http://x", "tel:+1\t2",
	"http://\xc3\xa9.example/\xe4\xb8\xad", "w:", "abcdefghijklmnopqrstuvwxyzabcdefg:x"
};

static cmark_node *random_link(int depth)
{
	cmark_node *link = cmark_node_new(CMARK_NODE_LINK);
	const char *url = urls[roll(sizeof urls / sizeof *urls)];

	cmark_node_set_url(link, url);
	if (roll(8) == 0)
		cmark_node_set_title(link, roll(2) ? "a \"t\" `<x>`" : "");
	switch (roll(4)) {
	case 0:                  /* the URL as its text: an autolink */
		cmark_node_append_child(link, leaf(CMARK_NODE_TEXT,
		        strncmp(url, "mailto:", 7) == 0 ? url + 7 : url));
		break;
	case 1:                  /* the same, in two text nodes */
		if (strlen(url) > 2) {
			char head[3] = { url[0], url[1], '\0' };

			cmark_node_append_child(link, leaf(CMARK_NODE_TEXT, head));
			cmark_node_append_child(link, leaf(CMARK_NODE_TEXT, url + 2));
		}
		break;
	default:
		add_inlines(link, depth + 1);
	}
	return link;
}

static void add_inlines(cmark_node *parent, int depth)
{
	size_t n = 1 + roll(4);

	for (size_t i = 0; i < n; i++) {
		unsigned kind = roll(depth > 2 ? 3 : 7);
		cmark_node *c;
		char *t;

		switch (kind) {
		case 0: case 1:
			t = random_text();
			c = leaf(CMARK_NODE_TEXT, t);
			free(t);
			break;
		case 2:
			c = roll(2) ? leaf(CMARK_NODE_HTML_INLINE, roll(2) ? " {#i3}"
			                   : "\\~") : cmark_node_new(CMARK_NODE_LINEBREAK);
			break;
		case 3: case 4:
			c = cmark_node_new(CMARK_NODE_EMPH);
			add_inlines(c, depth + 1);
			break;
		case 5:
			c = cmark_node_new(CMARK_NODE_STRONG);
			add_inlines(c, depth + 1);
			break;
		default:
			c = random_link(depth);
			break;
		}
		cmark_node_append_child(parent, c);
	}
}

static void add_blocks(cmark_node *parent, int depth)
{
	size_t n = 1 + roll(3);

	for (size_t i = 0; i < n; i++) {
		unsigned kind = roll(depth > 2 ? 2 : 5);
		cmark_node *c;

		if (kind == 0) {
			c = cmark_node_new(CMARK_NODE_PARAGRAPH);
			add_inlines(c, 0);
		} else if (kind == 1) {
			c = cmark_node_new(CMARK_NODE_HEADING);
			cmark_node_set_heading_level(c, 1 + (int)roll(6));
			add_inlines(c, 0);
		} else if (kind == 2) {
			c = cmark_node_new(CMARK_NODE_BLOCK_QUOTE);
			add_blocks(c, depth + 1);
		} else {
			size_t items = 1 + roll(depth == 0 ? 12 : 4);

			c = cmark_node_new(CMARK_NODE_LIST);
			cmark_node_set_list_type(c, roll(2) ? CMARK_BULLET_LIST
			                                    : CMARK_ORDERED_LIST);
			cmark_node_set_list_delim(c, roll(2) ? CMARK_PERIOD_DELIM
			                                     : CMARK_PAREN_DELIM);
			cmark_node_set_list_start(c, (int)roll(3) * 7 + 1);
			cmark_node_set_list_tight(c, (int)roll(2));
			for (size_t k = 0; k < items; k++) {
				cmark_node *item = cmark_node_new(CMARK_NODE_ITEM);

				cmark_node_append_child(c, item);
				if (roll(5))
					add_blocks(item, depth + 1);
			}
		}
		cmark_node_append_child(parent, c);
	}
}

/* Trees made with valid_only as it is set, each rendered by cmark and
 * by render (md_render or md_render_valid). */
static void compare_with_cmark(char *(*render)(cmark_node *))
{
	size_t covered = 0;

	for (size_t t = 0; t < TREES; t++) {
		/* two copies of tree t: both renderers merge the text nodes
		 * that open a link (cmark_consolidate_text_nodes), so each gets
		 * the tree as built */
		cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
		cmark_node *copy = cmark_node_new(CMARK_NODE_DOCUMENT);
		char *want, *got;

		seed = 14 + (uint32_t)t;
		add_blocks(doc, 0);
		seed = 14 + (uint32_t)t;
		add_blocks(copy, 0);
		if (md_render_covers(doc)) {
			covered++;
			want = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
			got = render(copy);
			assert_non_null(got);
			if (strcmp(want, got) != 0) {
				size_t at = 0, from;

				while (want[at] == got[at])
					at++;
				from = at > 60 ? at - 60 : 0;
				fail_msg("tree %zu (seed 14 + %zu), byte %zu:\ncmark:\n%.100s\n"
				         "md_render:\n%.100s", t, t, at, want + from,
				         got + from);
			}
			free(want);
			free(got);
		}
		cmark_node_free(doc);
		cmark_node_free(copy);
	}
	assert_int_equal(covered, TREES);
}

static void test_md_render_matches_cmark(void **state)
{
	(void)state;
	valid_only = 0;
	compare_with_cmark(md_render);
}

/* The same without bad UTF-8, not checked again. */
static void test_md_render_valid_matches_cmark(void **state)
{
	(void)state;
	valid_only = 1;
	compare_with_cmark(md_render_valid);
	valid_only = 0;
}

/* What the writer never makes (code, images) is cmark's to write. */
static void test_md_render_leaves_the_rest_to_cmark(void **state)
{
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);

	(void)state;
	cmark_node_append_child(doc, p);
	cmark_node_append_child(p, cmark_node_new(CMARK_NODE_LINK));
	assert_true(md_render_covers(doc));
	cmark_node_append_child(p, cmark_node_new(CMARK_NODE_IMAGE));
	assert_false(md_render_covers(doc));
	cmark_node_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_md_render_matches_cmark),
		cmocka_unit_test(test_md_render_valid_matches_cmark),
		cmocka_unit_test(test_md_render_leaves_the_rest_to_cmark),
	};

	return cmocka_run_group_tests_name("md_render", tests, NULL, NULL);
}
