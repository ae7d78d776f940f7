/* test_doc.c - the document model: building trees and the rules that
 * keep them well formed, the arena behind every string, ids, plain text
 * and the walker. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <herald/doc.h>
#include <herald/diag.h>
#include <herald/text.h>

/* --- helpers -------------------------------------------------------------- */

static herald_node *child(herald_node *parent, herald_node_type type)
{
	herald_node *n = herald_node_new(herald_node_doc(parent), type);
	assert_non_null(n);
	assert_int_equal(herald_node_append_child(parent, n), HERALD_OK);
	return n;
}

static herald_node *text_child(herald_node *parent, const char *s)
{
	herald_node *t = herald_node_new_text(herald_node_doc(parent), s, strlen(s));
	assert_non_null(t);
	assert_int_equal(herald_node_append_child(parent, t), HERALD_OK);
	return t;
}

static size_t child_count(const herald_node *n)
{
	size_t count = 0;
	for (herald_node *c = herald_node_first_child(n); c; c = herald_node_next(c))
		count++;
	return count;
}

/* The node types as the walker reports them: "+item" on enter, "-item"
 * on exit, joined by spaces. */
static void walk_trace(herald_node *root, char *out, size_t size)
{
	herald_walker w;
	size_t used = 0;
	out[0] = '\0';
	herald_walker_init(&w, root);
	while (herald_walker_next(&w) != HERALD_WALK_DONE) {
		int n = snprintf(out + used, size - used, "%s%c%s", used ? " " : "",
		                 w.event == HERALD_WALK_ENTER ? '+' : '-',
		                 herald_node_type_name(herald_node_type_of(w.node)));
		assert_true(n > 0 && (size_t)n < size - used);
		used += (size_t)n;
	}
}

/* --- building trees ------------------------------------------------------- */

static void test_doc_new_has_an_empty_document_root(void **state)
{
	herald_doc *doc = herald_doc_new();
	assert_non_null(doc);
	herald_node *root = herald_doc_root(doc);
	assert_non_null(root);
	assert_int_equal(herald_node_type_of(root), HERALD_NODE_DOCUMENT);
	assert_ptr_equal(herald_node_doc(root), doc);
	assert_null(herald_node_parent(root));
	assert_null(herald_node_first_child(root));
	assert_null(herald_node_last_child(root));
	herald_doc_free(doc);
	herald_doc_free(NULL);  /* freeing nothing is allowed */
}

/* What a published page may show of its source: the file's name. */
static void test_doc_source_name_drops_the_folders(void **state)
{
	(void)state;
	herald_doc *doc = herald_doc_new();
	static const char *const cases[][2] = {
		{ "/home/ed/archive/2031/x.txt", "x.txt" },
		{ "x.txt", "x.txt" },
		{ "in/sub/y.md", "y.md" },
		{ "-", NULL },            /* standard input */
		{ "folder/", NULL },
	};
	assert_null(herald_doc_source_name(doc));
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_int_equal(herald_doc_set_meta(doc, HERALD_META_SOURCE,
		                                     cases[i][0]), HERALD_OK);
		const char *got = herald_doc_source_name(doc);
		if (cases[i][1])
			assert_string_equal(got, cases[i][1]);
		else
			assert_null(got);
	}
	herald_doc_free(doc);
}

static void test_doc_append_links_siblings_in_order(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *root = herald_doc_root(doc);
	herald_node *q = child(root, HERALD_NODE_QUOTE);
	herald_node *i1 = child(root, HERALD_NODE_ITEM);
	herald_node *i2 = child(root, HERALD_NODE_ITEM);

	assert_ptr_equal(herald_node_first_child(root), q);
	assert_ptr_equal(herald_node_last_child(root), i2);
	assert_ptr_equal(herald_node_next(q), i1);
	assert_ptr_equal(herald_node_next(i1), i2);
	assert_null(herald_node_next(i2));
	assert_ptr_equal(herald_node_prev(i2), i1);
	assert_ptr_equal(herald_node_prev(i1), q);
	assert_null(herald_node_prev(q));
	assert_ptr_equal(herald_node_parent(i1), root);
	herald_doc_free(doc);
}

/* Every pair of types, against the table in doc.h. */
static int allowed(herald_node_type parent, herald_node_type c)
{
	int is_inline = c == HERALD_NODE_TEXT || c == HERALD_NODE_EMPH ||
	                c == HERALD_NODE_LINK || c == HERALD_NODE_LINEBREAK;
	switch (parent) {
	case HERALD_NODE_DOCUMENT:
		return c == HERALD_NODE_QUOTE || c == HERALD_NODE_ITEM ||
		       c == HERALD_NODE_PARAGRAPH || c == HERALD_NODE_LIST ||
		       c == HERALD_NODE_HEADING;
	case HERALD_NODE_ITEM:
		return c == HERALD_NODE_PARAGRAPH || c == HERALD_NODE_TURN ||
		       c == HERALD_NODE_QUOTE || c == HERALD_NODE_LIST ||
		       c == HERALD_NODE_HEADING;
	case HERALD_NODE_QUOTE:
		return c == HERALD_NODE_PARAGRAPH;
	case HERALD_NODE_LIST:
		return c == HERALD_NODE_LIST_ITEM;
	case HERALD_NODE_LIST_ITEM:
		return c == HERALD_NODE_PARAGRAPH || c == HERALD_NODE_LIST;
	case HERALD_NODE_PARAGRAPH:
	case HERALD_NODE_TURN:
		return c == HERALD_NODE_SENTENCE || is_inline;
	case HERALD_NODE_HEADING:
	case HERALD_NODE_SENTENCE:
	case HERALD_NODE_EMPH:
	case HERALD_NODE_LINK:
		return is_inline;
	default:
		return 0;
	}
}

static void test_doc_containment_rules_are_enforced(void **state)
{
	herald_doc *doc = herald_doc_new();
	size_t refused = 0;
	for (int p = HERALD_NODE_ITEM; p <= HERALD_NODE_LIST_ITEM; p++) {
		for (int c = HERALD_NODE_ITEM; c <= HERALD_NODE_LIST_ITEM; c++) {
			herald_node *parent = herald_node_new(doc, p);
			herald_node *kid = herald_node_new(doc, c);
			int rc = herald_node_append_child(parent, kid);
			if (allowed(p, c)) {
				assert_int_equal(rc, HERALD_OK);
				assert_ptr_equal(herald_node_parent(kid), parent);
			} else {
				assert_int_equal(rc, HERALD_EUSAGE);
				assert_null(herald_node_parent(kid));
				assert_null(herald_node_first_child(parent));
				refused++;
			}
		}
	}
	assert_true(refused > 40);  /* most pairs are wrong */

	/* The document node can be nobody's child. */
	herald_node *item = herald_node_new(doc, HERALD_NODE_ITEM);
	herald_node *root = herald_doc_root(doc);
	assert_int_equal(herald_node_append_child(item, root), HERALD_EUSAGE);
	assert_int_equal(herald_node_append_child(root, herald_node_new(doc, HERALD_NODE_DOCUMENT)),
	                 HERALD_EUSAGE);
	/* Text straight under the document is refused too. */
	assert_int_equal(herald_node_append_child(root, herald_node_new_text(doc, "x", 1)),
	                 HERALD_EUSAGE);
	assert_null(herald_node_first_child(root));
	herald_doc_free(doc);
}

static void test_doc_node_cannot_contain_itself(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *p = child(herald_doc_root(doc), HERALD_NODE_PARAGRAPH);
	herald_node *e1 = child(p, HERALD_NODE_EMPH);
	herald_node *e2 = child(e1, HERALD_NODE_EMPH);

	assert_int_equal(herald_node_append_child(e1, e1), HERALD_EUSAGE);
	assert_int_equal(herald_node_append_child(e2, e1), HERALD_EUSAGE);
	/* The refused edit left the tree as it was. */
	assert_ptr_equal(herald_node_parent(e1), p);
	assert_ptr_equal(herald_node_parent(e2), e1);
	herald_doc_free(doc);
}

static void test_doc_cross_document_links_are_refused(void **state)
{
	herald_doc *a = herald_doc_new();
	herald_doc *b = herald_doc_new();
	herald_node *item_a = child(herald_doc_root(a), HERALD_NODE_ITEM);
	herald_node *para_b = herald_node_new(b, HERALD_NODE_PARAGRAPH);
	herald_node *item_b = child(herald_doc_root(b), HERALD_NODE_ITEM);

	assert_int_equal(herald_node_append_child(item_a, para_b), HERALD_EUSAGE);
	assert_int_equal(herald_node_append_child(herald_doc_root(a), item_b),
	                 HERALD_EUSAGE);
	assert_int_equal(herald_node_insert_before(item_a, item_b), HERALD_EUSAGE);
	assert_null(herald_node_first_child(item_a));
	assert_ptr_equal(herald_node_parent(item_b), herald_doc_root(b));
	assert_int_equal(child_count(herald_doc_root(a)), 1);
	herald_doc_free(a);
	herald_doc_free(b);
}

static void test_doc_unlink_and_insert_before(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *root = herald_doc_root(doc);
	herald_node *a = child(root, HERALD_NODE_ITEM);
	herald_node *b = child(root, HERALD_NODE_ITEM);
	herald_node *c = child(root, HERALD_NODE_ITEM);

	/* Unlink the middle, then each end. */
	herald_node_unlink(b);
	assert_null(herald_node_parent(b));
	assert_null(herald_node_next(b));
	assert_null(herald_node_prev(b));
	assert_ptr_equal(herald_node_next(a), c);
	assert_ptr_equal(herald_node_prev(c), a);
	herald_node_unlink(b);  /* unlinking twice is harmless */

	/* Insert before the first child. */
	assert_int_equal(herald_node_insert_before(a, b), HERALD_OK);
	assert_ptr_equal(herald_node_first_child(root), b);
	assert_ptr_equal(herald_node_next(b), a);
	assert_ptr_equal(herald_node_prev(a), b);

	/* Moving a linked node unlinks it first: c goes before a. */
	assert_int_equal(herald_node_insert_before(a, c), HERALD_OK);
	assert_ptr_equal(herald_node_first_child(root), b);
	assert_ptr_equal(herald_node_next(b), c);
	assert_ptr_equal(herald_node_next(c), a);
	assert_ptr_equal(herald_node_last_child(root), a);
	assert_null(herald_node_next(a));

	/* Unlink first and last. */
	herald_node_unlink(b);
	assert_ptr_equal(herald_node_first_child(root), c);
	assert_null(herald_node_prev(c));
	herald_node_unlink(a);
	assert_ptr_equal(herald_node_last_child(root), c);
	herald_node_unlink(c);
	assert_null(herald_node_first_child(root));
	assert_null(herald_node_last_child(root));

	/* A sibling without a parent has no place to insert at; nor may a
	 * node go before itself; nor may a wrong type go there. */
	assert_int_equal(herald_node_insert_before(a, b), HERALD_EUSAGE);
	child(root, HERALD_NODE_ITEM);
	herald_node *first = herald_node_first_child(root);
	assert_int_equal(herald_node_insert_before(first, first), HERALD_EUSAGE);
	assert_int_equal(herald_node_insert_before(first, herald_node_new(doc, HERALD_NODE_TURN)),
	                 HERALD_EUSAGE);
	assert_int_equal(child_count(root), 1);
	herald_doc_free(doc);
}

/* --- the arena ------------------------------------------------------------- */

static void test_doc_arena_keeps_many_strings(void **state)
{
	enum { N = 100000 };
	herald_doc *doc = herald_doc_new();
	const char **copies = malloc(N * sizeof(*copies));
	assert_non_null(copies);
	char buf[32];
	for (int i = 0; i < N; i++) {
		int len = snprintf(buf, sizeof(buf), "string %d", i);
		copies[i] = herald_doc_strndup(doc, buf, (size_t)len);
		assert_non_null(copies[i]);
		assert_ptr_not_equal(copies[i], buf);
	}
	for (int i = 0; i < N; i++) {
		snprintf(buf, sizeof(buf), "string %d", i);
		assert_string_equal(copies[i], buf);
	}
	free(copies);
	herald_doc_free(doc);
}

static void test_doc_arena_keeps_huge_strings(void **state)
{
	const size_t huge = 8u * 1024 * 1024 + 7;  /* above any block size */
	char *big = malloc(huge);
	assert_non_null(big);
	for (size_t i = 0; i < huge; i++)
		big[i] = (char)('a' + i % 26);

	herald_doc *doc = herald_doc_new();
	const char *before = herald_doc_strndup(doc, "before", 6);
	const char *copy = herald_doc_strndup(doc, big, huge);
	const char *after = herald_doc_strndup(doc, "after", 5);
	const char *copy2 = herald_doc_strndup(doc, big, huge / 2);
	const char *empty = herald_doc_strndup(doc, "ignored", 0);
	assert_non_null(copy);
	assert_non_null(copy2);
	assert_int_equal(strlen(copy), huge);
	assert_memory_equal(copy, big, huge);
	assert_int_equal(strlen(copy2), huge / 2);
	assert_memory_equal(copy2, big, huge / 2);
	assert_string_equal(before, "before");
	assert_string_equal(after, "after");
	assert_string_equal(empty, "");

	/* A TEXT node of that size keeps every byte. */
	herald_node *t = herald_node_new_text(doc, big, huge);
	assert_non_null(t);
	assert_int_equal(strlen(herald_node_text(t)), huge);
	free(big);
	herald_doc_free(doc);
}

/* --- attributes ------------------------------------------------------------- */

static void test_doc_positions_default_to_unknown(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
	assert_int_equal(herald_node_line(p), 0);
	assert_int_equal(herald_node_column(p), 0);
	herald_node_set_position(p, 12, 34);
	assert_int_equal(herald_node_line(p), 12);
	assert_int_equal(herald_node_column(p), 34);
	herald_node_set_position(p, 4000000000ul, 1);
	assert_int_equal(herald_node_line(p), 4000000000ul);
	herald_doc_free(doc);
}

/* Lines and columns of any size come back as set, however many nodes
 * have large ones (test_doc_long keeps those past 100 apart, libherald
 * those past 32 bits). */
static void test_doc_positions_of_every_size(void **state)
{
	static const unsigned long big[] = {
		1, 99, 100, 101, 4294967294ul, 4294967295ul, 4294967296ul,
		ULONG_MAX
	};
	enum { N = 500, NB = sizeof big / sizeof big[0] };
	herald_doc *doc = herald_doc_new();
	herald_node *n[N];

	for (size_t i = 0; i < N; i++) {
		n[i] = herald_node_new(doc, i % 2 ? HERALD_NODE_TEXT
		                                  : HERALD_NODE_SENTENCE);
		herald_node_set_position(n[i], big[i % NB] - i % 2,
		                         big[(i / NB) % NB]);
	}
	for (size_t i = 0; i < N; i += 3)        /* set again, then back */
		herald_node_set_position(n[i], 7, 8);
	for (size_t i = 0; i < N; i++) {
		int again = i % 3 == 0;
		assert_int_equal(herald_node_line(n[i]),
		                 again ? 7 : big[i % NB] - i % 2);
		assert_int_equal(herald_node_column(n[i]),
		                 again ? 8 : big[(i / NB) % NB]);
	}
	for (size_t i = 0; i < N; i += 3)
		herald_node_set_position(n[i], big[i % NB], 5000000000ul);
	for (size_t i = 0; i < N; i += 3) {
		assert_int_equal(herald_node_line(n[i]), big[i % NB]);
		assert_int_equal(herald_node_column(n[i]), 5000000000ul);
	}
	herald_doc_free(doc);
}

static void test_doc_text_is_copied_and_checked(void **state)
{
	herald_doc *doc = herald_doc_new();
	char buf[] = "hello world";
	herald_node *t = herald_node_new_text(doc, buf, 5);
	buf[0] = 'J';
	assert_string_equal(herald_node_text(t), "hello");
	assert_int_equal(herald_node_set_text(t, "x\0y", 3), HERALD_EUSAGE);
	assert_string_equal(herald_node_text(t), "hello");
	assert_int_equal(herald_node_set_text(t, "", 0), HERALD_OK);
	assert_string_equal(herald_node_text(t), "");
	/* Only TEXT holds text. */
	herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
	assert_int_equal(herald_node_set_text(p, "x", 1), HERALD_EUSAGE);
	assert_null(herald_node_text(p));
	herald_doc_free(doc);
}

/* Lengths of every size, set, set again and cut, are what strlen says
 * (test_doc_long runs this with a length limit of 8 bytes, the real one
 * 4 GiB, so that lengths past it are kept apart from the node). */
static void test_doc_text_lengths_of_every_size(void **state)
{
	static const char abc[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH";
	herald_doc *doc = herald_doc_new();
	herald_node *t[40];

	for (size_t i = 0; i < 40; i++) {
		t[i] = herald_node_new_text(doc, abc, i);
		assert_non_null(t[i]);
	}
	for (size_t i = 0; i < 40; i++)       /* shorter, then longer again */
		assert_int_equal(herald_node_set_text(t[i], abc, 39 - i), HERALD_OK);
	for (size_t i = 0; i < 40; i += 2)
		assert_int_equal(herald_node_set_text(t[i], abc, i), HERALD_OK);
	for (size_t i = 0; i < 40; i++) {
		size_t len = i % 2 ? 39 - i : i;
		assert_int_equal(herald_node_text_length(t[i]), len);
		assert_int_equal(strlen(herald_node_text(t[i])), len);
	}
	/* t[0] is empty now: nothing to cut; a 39-byte text cut at 3..5,
	 * then its rest at 10..30 */
	herald_node *head, *run;
	assert_int_equal(herald_node_cut_text(t[0], 3, 5, &head, &run), HERALD_EUSAGE);
	herald_node *long_one = herald_node_new_text(doc, abc, 39);
	assert_int_equal(herald_node_cut_text(long_one, 3, 5, &head, &run), HERALD_OK);
	assert_int_equal(herald_node_text_length(head), 3);
	assert_int_equal(herald_node_text_length(run), 2);
	assert_int_equal(herald_node_text_length(long_one), 34);
	assert_int_equal(herald_node_cut_text(long_one, 10, 30, &head, &run), HERALD_OK);
	assert_int_equal(herald_node_text_length(head), 10);
	assert_string_equal(herald_node_text(head), "fghijklmno");
	assert_int_equal(herald_node_text_length(run), 20);
	assert_string_equal(herald_node_text(run), "pqrstuvwxyz012345678");
	assert_int_equal(herald_node_text_length(long_one), 4);
	assert_string_equal(herald_node_text(long_one), "9ABC");
	for (size_t i = 0; i < 40; i++)
		assert_int_equal(herald_node_text_length(t[i]),
		                 strlen(herald_node_text(t[i])));
	herald_doc_free(doc);
}

/* A cut keeps every byte: the head and the rest in place (each ending
 * with a NUL and knowing its length), the run copied. */
static void test_doc_cut_text_keeps_every_byte(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *t = herald_node_new_text(doc, "One.\n Two. \xc3\xa9t\xc3\xa9", 16);
	herald_node *head = NULL, *run = NULL;
	const char *before = herald_node_text(t);

	assert_int_equal(herald_node_cut_text(t, 4, 6, &head, &run), HERALD_OK);
	assert_string_equal(herald_node_text(head), "One.");
	assert_int_equal(herald_node_text_length(head), 4);
	assert_ptr_equal(herald_node_text(head), before);      /* not copied */
	assert_string_equal(herald_node_text(run), "\n ");
	assert_int_equal(herald_node_text_length(run), 2);
	assert_string_equal(herald_node_text(t), "Two. \xc3\xa9t\xc3\xa9");
	assert_int_equal(herald_node_text_length(t), 10);
	assert_ptr_equal(herald_node_text(t), before + 6);
	assert_null(herald_node_parent(head));
	assert_int_equal(herald_node_line(run), 0);
	/* from the start: no head, the run is the copy of what is cut */
	assert_int_equal(herald_node_cut_text(t, 0, 5, &head, &run), HERALD_OK);
	assert_null(head);
	assert_string_equal(herald_node_text(run), "Two. ");
	assert_string_equal(herald_node_text(t), "\xc3\xa9t\xc3\xa9");
	/* refused, changing nothing: inside a character, empty or out of
	 * range runs, a node that is not a TEXT */
	head = run = NULL;
	assert_int_equal(herald_node_cut_text(t, 1, 2, &head, &run), HERALD_EUSAGE);
	assert_int_equal(herald_node_cut_text(t, 0, 1, &head, &run), HERALD_EUSAGE);
	assert_int_equal(herald_node_cut_text(t, 2, 2, &head, &run), HERALD_EUSAGE);
	assert_int_equal(herald_node_cut_text(t, 2, 9, &head, &run), HERALD_EUSAGE);
	herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
	assert_int_equal(herald_node_cut_text(p, 0, 1, &head, &run), HERALD_EUSAGE);
	assert_null(head);
	assert_null(run);
	assert_string_equal(herald_node_text(t), "\xc3\xa9t\xc3\xa9");
	/* to the end: the node keeps "" */
	assert_int_equal(herald_node_cut_text(t, 2, 5, &head, &run), HERALD_OK);
	assert_string_equal(herald_node_text(head), "\xc3\xa9");
	assert_string_equal(herald_node_text(run), "t\xc3\xa9");
	assert_string_equal(herald_node_text(t), "");
	assert_int_equal(herald_node_text_length(t), 0);
	herald_doc_free(doc);
}

/* TEXT nodes in a text the document keeps: in place, the byte after
 * each its NUL, refused outside a kept text or inside a character; the
 * text freed with the document (leak checkers see it). */
static void test_doc_text_in_kept_text(void **state)
{
	herald_doc *doc = herald_doc_new();
	char *text = strdup("One line.\nCaf\xC3\xA9 two.  \nend");
	char outside[] = "free text";

	assert_null(herald_node_new_text_in(doc, text, 4));   /* not kept */
	assert_int_equal(herald_doc_keep_text(doc, text, strlen(text)), HERALD_OK);
	herald_node *one = herald_node_new_text_in(doc, text, 9);
	assert_non_null(one);
	assert_ptr_equal(herald_node_text(one), text);         /* not copied */
	assert_string_equal(herald_node_text(one), "One line.");
	assert_int_equal(herald_node_text_length(one), 9);
	herald_node *two = herald_node_new_text_in(doc, text + 10, 10);
	assert_string_equal(herald_node_text(two), "Caf\xC3\xA9 two.");
	/* to the text's end: its own NUL */
	herald_node *end = herald_node_new_text_in(doc, text + 23, 3);
	assert_string_equal(herald_node_text(end), "end");
	/* refused: inside a character, past the end, outside */
	assert_null(herald_node_new_text_in(doc, text + 14, 2));
	assert_null(herald_node_new_text_in(doc, text + 10, 4));
	assert_null(herald_node_new_text_in(doc, text + 23, 4));
	assert_null(herald_node_new_text_in(doc, outside, 4));
	assert_string_equal(outside, "free text");
	/* a kept TEXT is cut and set like any other */
	herald_node *head = NULL, *run = NULL;
	assert_int_equal(herald_node_cut_text(two, 5, 6, &head, &run), HERALD_OK);
	assert_string_equal(herald_node_text(head), "Caf\xC3\xA9");
	assert_string_equal(herald_node_text(two), "two.");
	assert_int_equal(herald_node_set_text(one, "new", 3), HERALD_OK);
	assert_string_equal(herald_node_text(one), "new");
	/* no input is held outside a pipeline's read */
	assert_null(herald_doc_take_input(doc, (const unsigned char *)text));
	herald_doc_free(doc);
}

static void test_doc_tags_keep_order_without_duplicates(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *item = herald_node_new(doc, HERALD_NODE_ITEM);
	const char *tags[] = { "video", "audio", "video", "photo", "audio",
	                       "t5", "t6", "t7", "t8", "t9", "video" };
	for (size_t i = 0; i < sizeof(tags) / sizeof(*tags); i++)
		assert_int_equal(herald_node_add_tag(item, tags[i]), HERALD_OK);
	const char *want[] = { "video", "audio", "photo", "t5", "t6", "t7",
	                       "t8", "t9" };
	assert_int_equal(herald_node_tag_count(item), 8);
	for (size_t i = 0; i < 8; i++)
		assert_string_equal(herald_node_tag(item, i), want[i]);
	assert_null(herald_node_tag(item, 8));
	assert_true(herald_node_has_tag(item, "photo"));
	assert_false(herald_node_has_tag(item, "phot"));

	/* Tags are copied; empty tags and tags on other nodes are refused. */
	char mutable_tag[] = "live";
	herald_node_add_tag(item, mutable_tag);
	mutable_tag[0] = 'd';
	assert_true(herald_node_has_tag(item, "live"));
	assert_int_equal(herald_node_add_tag(item, ""), HERALD_EUSAGE);
	herald_node *t = herald_node_new(doc, HERALD_NODE_TURN);
	assert_int_equal(herald_node_add_tag(t, "video"), HERALD_EUSAGE);
	assert_int_equal(herald_node_tag_count(t), 0);
	/* A paragraph takes tags (a photo caption). */
	herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
	assert_int_equal(herald_node_add_tag(p, "caption"), HERALD_OK);
	assert_true(herald_node_has_tag(p, "caption"));

	/* A turn's printed label is its own; other nodes have none. */
	assert_null(herald_node_label(t));
	assert_int_equal(herald_node_set_label(t, "MS. PSAKI"), HERALD_OK);
	assert_string_equal(herald_node_label(t), "MS. PSAKI");
	assert_int_equal(herald_node_set_label(p, "Q"), HERALD_EUSAGE);
	assert_null(herald_node_label(p));
	assert_null(herald_node_title(t));
	herald_doc_free(doc);
}

static void test_doc_metadata_set_get_unset(void **state)
{
	herald_doc *doc = herald_doc_new();
	const char *names[] = { "date", "title", "source", "language", "identifier",
	                        "url", "author", "time", "layout", "dateline" };
	assert_int_equal(HERALD_META_COUNT, 10);
	for (int k = 0; k < HERALD_META_COUNT; k++) {
		assert_string_equal(herald_meta_name(k), names[k]);
		assert_null(herald_doc_meta(doc, k));
	}
	char date[] = "2020-10-09";
	assert_int_equal(herald_doc_set_meta(doc, HERALD_META_DATE, date), HERALD_OK);
	date[0] = '1';
	assert_string_equal(herald_doc_meta(doc, HERALD_META_DATE), "2020-10-09");
	assert_int_equal(herald_doc_set_meta(doc, HERALD_META_DATE, "2021-01-01"), HERALD_OK);
	assert_string_equal(herald_doc_meta(doc, HERALD_META_DATE), "2021-01-01");
	assert_int_equal(herald_doc_set_meta(doc, HERALD_META_DATE, NULL), HERALD_OK);
	assert_null(herald_doc_meta(doc, HERALD_META_DATE));
	assert_int_equal(herald_doc_set_meta(doc, HERALD_META_COUNT, "x"), HERALD_EUSAGE);
	assert_null(herald_doc_meta(doc, HERALD_META_COUNT));
	assert_null(herald_meta_name(HERALD_META_COUNT));
	herald_doc_free(doc);
}

static void test_doc_attributes_only_where_they_belong(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *item = herald_node_new(doc, HERALD_NODE_ITEM);
	herald_node *turn = herald_node_new(doc, HERALD_NODE_TURN);
	herald_node *link = herald_node_new(doc, HERALD_NODE_LINK);
	herald_node *para = herald_node_new(doc, HERALD_NODE_PARAGRAPH);

	assert_int_equal(herald_node_item_kind(item), HERALD_ITEM_NEWS);
	herald_node_set_item_kind(item, HERALD_ITEM_INTERVIEW);
	assert_int_equal(herald_node_item_kind(item), HERALD_ITEM_INTERVIEW);
	herald_node_set_item_kind(item, (herald_item_kind)99);
	assert_int_equal(herald_node_item_kind(item), HERALD_ITEM_INTERVIEW);
	assert_string_equal(herald_item_kind_name(HERALD_ITEM_SPEECH), "speech");

	assert_int_equal(herald_node_role(turn), HERALD_SPEAKER_UNKNOWN);
	herald_node_set_role(turn, HERALD_SPEAKER_INTERVIEWEE);
	assert_int_equal(herald_node_role(turn), HERALD_SPEAKER_INTERVIEWEE);
	herald_node_set_role(para, HERALD_SPEAKER_INTERVIEWER);
	assert_int_equal(herald_node_role(para), HERALD_SPEAKER_UNKNOWN);
	assert_string_equal(herald_speaker_role_name(HERALD_SPEAKER_INTERVIEWER),
	                    "interviewer");

	assert_int_equal(herald_node_set_title(item, "Title"), HERALD_OK);
	assert_string_equal(herald_node_title(item), "Title");
	assert_int_equal(herald_node_set_title(para, "No"), HERALD_EUSAGE);
	assert_null(herald_node_title(para));
	assert_int_equal(herald_node_set_speaker(turn, "A. Person"), HERALD_OK);
	assert_string_equal(herald_node_speaker(turn), "A. Person");
	assert_int_equal(herald_node_set_speaker(link, "x"), HERALD_EUSAGE);
	assert_int_equal(herald_node_set_url(link, "https://example.org/"), HERALD_OK);
	assert_string_equal(herald_node_url(link), "https://example.org/");
	assert_int_equal(herald_node_set_url(item, "x"), HERALD_EUSAGE);
	assert_null(herald_node_url(item));
	assert_string_equal(herald_node_type_name(HERALD_NODE_LINEBREAK), "linebreak");
	herald_doc_free(doc);
}

/* --- ids -------------------------------------------------------------------- */

/* DOCUMENT > QUOTE q1 > PARAGRAPH, then three items; the third has two
 * paragraphs (the second with sentences) and a turn. */
typedef struct sample_tree {
	herald_doc *doc;
	herald_node *quote, *quote_para, *items[3], *p1, *p2, *turn, *s1, *s2,
	            *text, *emph;
} sample_tree;

static void build_sample(sample_tree *t)
{
	t->doc = herald_doc_new();
	herald_node *root = herald_doc_root(t->doc);
	t->quote = child(root, HERALD_NODE_QUOTE);
	t->quote_para = child(t->quote, HERALD_NODE_PARAGRAPH);
	for (int i = 0; i < 3; i++)
		t->items[i] = child(root, HERALD_NODE_ITEM);
	t->p1 = child(t->items[2], HERALD_NODE_PARAGRAPH);
	t->p2 = child(t->items[2], HERALD_NODE_PARAGRAPH);
	t->turn = child(t->items[2], HERALD_NODE_TURN);
	t->s1 = child(t->p2, HERALD_NODE_SENTENCE);
	text_child(t->p2, " ");
	t->s2 = child(t->p2, HERALD_NODE_SENTENCE);
	t->text = text_child(t->s1, "One.");
	t->emph = child(t->s2, HERALD_NODE_EMPH);
	text_child(t->emph, "Two.");
}

static void test_doc_ids_follow_type_and_rank(void **state)
{
	sample_tree t;
	build_sample(&t);
	assert_string_equal(herald_node_id(herald_doc_root(t.doc)), "");
	assert_string_equal(herald_node_id(t.quote), "q1");
	assert_string_equal(herald_node_id(t.quote_para), "q1.p1");
	/* The quote does not count among the items. */
	assert_string_equal(herald_node_id(t.items[0]), "i1");
	assert_string_equal(herald_node_id(t.items[2]), "i3");
	assert_string_equal(herald_node_id(t.p1), "i3.p1");
	assert_string_equal(herald_node_id(t.p2), "i3.p2");
	assert_string_equal(herald_node_id(t.turn), "i3.t1");
	assert_string_equal(herald_node_id(t.s1), "i3.p2.s1");
	assert_string_equal(herald_node_id(t.s2), "i3.p2.s2");
	/* Inlines have none. */
	assert_string_equal(herald_node_id(t.text), "");
	assert_string_equal(herald_node_id(t.emph), "");
	herald_doc_free(t.doc);
}

static void test_doc_ids_are_stable_and_unique(void **state)
{
	sample_tree t;
	build_sample(&t);
	herald_node *blocks[] = { t.quote, t.quote_para, t.items[0], t.items[1],
	                          t.items[2], t.p1, t.p2, t.turn, t.s1, t.s2 };
	size_t n = sizeof(blocks) / sizeof(*blocks);
	char first[10][32];
	for (size_t i = 0; i < n; i++)
		snprintf(first[i], sizeof(first[i]), "%s", herald_node_id(blocks[i]));
	/* Asked again, in another order, the answers do not change. */
	for (size_t i = n; i-- > 0;)
		assert_string_equal(herald_node_id(blocks[i]), first[i]);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			assert_string_not_equal(first[i], first[j]);
	/* Non-structural edits keep them too. */
	herald_node_set_title(t.items[0], "A title");
	herald_node_set_position(t.p1, 3, 1);
	assert_string_equal(herald_node_id(t.p1), "i3.p1");

	/* A second document built the same way gets the same ids. */
	sample_tree u;
	build_sample(&u);
	assert_string_equal(herald_node_id(u.s2), herald_node_id(t.s2));
	herald_doc_free(u.doc);
	herald_doc_free(t.doc);
}

static void test_doc_ids_kept_through_edits(void **state)
{
	sample_tree t;
	build_sample(&t);
	assert_string_equal(herald_node_id(t.items[2]), "i3");
	assert_string_equal(herald_node_id(t.s2), "i3.p2.s2");

	/* Dropping the first two items renames nothing: the third is
	 * still i3, as in the unfiltered document. */
	herald_node_unlink(t.items[0]);
	herald_node_unlink(t.items[1]);
	assert_string_equal(herald_node_id(t.items[2]), "i3");
	assert_string_equal(herald_node_id(t.s2), "i3.p2.s2");
	/* A node keeps its id out of the tree. */
	assert_string_equal(herald_node_id(t.items[0]), "i1");

	/* New items come after the highest rank, wherever they are put:
	 * one in front is not mistaken for the dropped i1. */
	herald_node *fresh = herald_node_new(t.doc, HERALD_NODE_ITEM);
	assert_string_equal(herald_node_id(fresh), "");   /* not linked yet */
	assert_int_equal(herald_node_insert_before(t.items[2], fresh), HERALD_OK);
	assert_string_equal(herald_node_id(fresh), "i4");
	assert_string_equal(herald_node_id(t.items[2]), "i3");
	herald_node *last = child(herald_doc_root(t.doc), HERALD_NODE_ITEM);
	assert_string_equal(herald_node_id(last), "i5");

	/* Removing the first sentence keeps the second's; new sentences
	 * are numbered after it, in document order. */
	herald_node_unlink(t.s1);
	assert_string_equal(herald_node_id(t.s2), "i3.p2.s2");
	herald_node *s3 = child(t.p2, HERALD_NODE_SENTENCE);
	herald_node *s0 = herald_node_new(t.doc, HERALD_NODE_SENTENCE);
	assert_int_equal(herald_node_insert_before(t.s2, s0), HERALD_OK);
	assert_string_equal(herald_node_id(s3), "i3.p2.s4");
	assert_string_equal(herald_node_id(s0), "i3.p2.s3");

	/* A moved subtree keeps its ids; what is added below it then
	 * starts from its id. */
	assert_int_equal(herald_node_append_child(last, t.p2), HERALD_OK);
	assert_string_equal(herald_node_id(t.p2), "i3.p2");
	herald_node *p = child(last, HERALD_NODE_PARAGRAPH);
	assert_string_equal(herald_node_id(p), "i5.p1");
	herald_node *s5 = child(t.p2, HERALD_NODE_SENTENCE);
	assert_string_equal(herald_node_id(s5), "i3.p2.s5");

	/* The id of a removed node is never given again: with i5 dropped,
	 * the next item is i6, not i5. */
	herald_node_unlink(last);
	assert_string_equal(herald_node_id(child(herald_doc_root(t.doc),
	                                         HERALD_NODE_ITEM)), "i6");
	/* Nor is one that moved away: p2 left i3, so i3's next is p3. */
	assert_string_equal(herald_node_id(child(t.items[2],
	                                         HERALD_NODE_PARAGRAPH)), "i3.p3");
	herald_doc_free(t.doc);
}

static void test_doc_ids_set_by_a_reader(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *root = herald_doc_root(doc);
	herald_node *item = herald_node_new(doc, HERALD_NODE_ITEM);
	herald_node *text = herald_node_new_text(doc, "x", 1);

	assert_false(herald_doc_id_taken(doc, "intro"));
	assert_int_equal(herald_node_set_id(item, "intro"), HERALD_OK);
	assert_true(herald_doc_id_taken(doc, "intro"));
	assert_int_equal(herald_node_append_child(root, item), HERALD_OK);
	assert_string_equal(herald_node_id(item), "intro");
	/* Its new children are numbered below it. */
	herald_node *p = child(item, HERALD_NODE_PARAGRAPH);
	assert_string_equal(herald_node_id(p), "intro.p1");
	/* A rank read from a sibling's id: the next item is i8. */
	herald_node *i7 = herald_node_new(doc, HERALD_NODE_ITEM);
	assert_int_equal(herald_node_set_id(i7, "i7"), HERALD_OK);
	assert_int_equal(herald_node_append_child(root, i7), HERALD_OK);
	assert_string_equal(herald_node_id(child(root, HERALD_NODE_ITEM)), "i8");

	/* What is not an XML and HTML id, and nodes without ids, are
	 * refused and change nothing. */
	const char *bad[] = { "", "3a", "a b", "a:b", "-a", "\xc3\xa9t\xc3\xa9",
	                      "a\"b", NULL };
	for (size_t i = 0; bad[i]; i++)
		assert_int_equal(herald_node_set_id(p, bad[i]), HERALD_EUSAGE);
	assert_int_equal(herald_node_set_id(p, NULL), HERALD_EUSAGE);
	assert_string_equal(herald_node_id(p), "intro.p1");
	assert_int_equal(herald_node_set_id(text, "t1"), HERALD_EUSAGE);
	assert_int_equal(herald_node_set_id(root, "d1"), HERALD_EUSAGE);
	assert_false(herald_doc_id_taken(doc, "t1"));
	assert_int_equal(herald_node_set_id(p, "_x.y-z_9"), HERALD_OK);
	assert_string_equal(herald_node_id(p), "_x.y-z_9");
	herald_doc_free(doc);
}

/* New nodes in front of many numbered ones come after them; new ones
 * after many removed ones skip their ids, one probe each: the numbering
 * stays linear. */
static void test_doc_ids_of_many_inserted_siblings(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *root = herald_doc_root(doc), *first, *fresh = NULL;
	enum { N = 20000 };
	char want[32];
	for (int i = 0; i < N; i++)
		child(root, HERALD_NODE_PARAGRAPH);
	first = herald_node_first_child(root);
	assert_string_equal(herald_node_id(herald_node_last_child(root)), "p20000");
	for (int i = 0; i < N; i++) {
		fresh = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
		assert_int_equal(herald_node_insert_before(first, fresh), HERALD_OK);
	}
	assert_string_equal(herald_node_id(fresh), "p40000");
	assert_string_equal(herald_node_id(herald_node_first_child(root)), "p20001");
	assert_string_equal(herald_node_id(first), "p1");

	/* Drop all but p1, then add as many: they skip the dropped ids. */
	while (herald_node_first_child(root))
		herald_node_unlink(herald_node_first_child(root));
	assert_int_equal(herald_node_append_child(root, first), HERALD_OK);
	for (int i = 0; i < 2 * N; i++)
		fresh = child(root, HERALD_NODE_PARAGRAPH);
	snprintf(want, sizeof(want), "p%d", 4 * N);
	assert_string_equal(herald_node_id(fresh), want);
	assert_string_equal(herald_node_id(herald_node_next(first)), "p40001");
	herald_doc_free(doc);
}

/* A paragraph's sentences numbered at once (herald_node_give_ids) get
 * the ids the numbering gives them later: two documents built alike,
 * one numbered block by block, the other at the end.  The numbering
 * still finds every node added or moved after. */
static void build_sentences(herald_doc *doc, herald_node **p, int now)
{
	herald_node *root = herald_doc_root(doc);
	herald_node *item = child(root, HERALD_NODE_ITEM);

	p[0] = child(item, HERALD_NODE_PARAGRAPH);
	p[1] = child(item, HERALD_NODE_PARAGRAPH);
	assert_string_equal(herald_node_id(p[1]), "i1.p2");    /* numbered */
	/* one id set by a reader among them, and a taken one */
	herald_node *by_hand = child(p[1], HERALD_NODE_SENTENCE);
	assert_int_equal(herald_node_set_id(by_hand, "i1.p2.s2"), HERALD_OK);
	assert_int_equal(herald_node_set_id(child(root, HERALD_NODE_ITEM),
	                                    "i1.p1.s2"), HERALD_OK);
	for (int b = 0; b < 2; b++) {
		for (int i = 0; i < 3; i++) {
			text_child(p[b], " ");
			child(p[b], HERALD_NODE_SENTENCE);
		}
		if (now)
			assert_int_equal(herald_node_give_ids(p[b]), HERALD_OK);
	}
}

static void test_doc_ids_given_block_by_block(void **state)
{
	herald_doc *early = herald_doc_new(), *late = herald_doc_new();
	herald_node *pe[2], *pl[2];

	build_sentences(early, pe, 1);
	build_sentences(late, pl, 0);
	for (int b = 0; b < 2; b++) {
		const herald_node *ce = herald_node_first_child(pe[b]);
		const herald_node *cl = herald_node_first_child(pl[b]);
		for (; ce && cl; ce = herald_node_next(ce), cl = herald_node_next(cl))
			assert_string_equal(herald_node_id(ce), herald_node_id(cl));
		assert_null(ce);
		assert_null(cl);
	}
	assert_string_equal(herald_node_id(herald_node_last_child(pe[1])),
	                    "i1.p2.s5");
	assert_string_equal(herald_node_id(herald_node_first_child(pe[0])), "");
	assert_string_equal(herald_node_id(herald_node_next(
	                    herald_node_first_child(pe[0]))), "i1.p1.s1");
	assert_string_equal(herald_node_id(herald_node_last_child(pe[0])),
	                    "i1.p1.s4");
	/* a parent without an id gives none: its own comes first */
	herald_node *loose = herald_node_new(early, HERALD_NODE_PARAGRAPH);
	herald_node *s = child(loose, HERALD_NODE_SENTENCE);
	assert_int_equal(herald_node_give_ids(loose), HERALD_OK);
	assert_string_equal(herald_node_id(s), "");
	herald_node *item = herald_node_parent(pe[0]);
	assert_int_equal(herald_node_append_child(item, loose), HERALD_OK);
	assert_string_equal(herald_node_id(loose), "i1.p3");
	assert_string_equal(herald_node_id(s), "i1.p3.s1");
	/* a sentence that leaves unnumbered, one set by hand, one moved:
	 * the numbering still finds the one added after them */
	herald_node *gone = child(pe[0], HERALD_NODE_SENTENCE);
	herald_node_unlink(gone);
	herald_node *set = child(pe[0], HERALD_NODE_SENTENCE);
	assert_int_equal(herald_node_set_id(set, "mine"), HERALD_OK);
	assert_int_equal(herald_node_set_id(set, "mine2"), HERALD_OK);
	herald_node *moved = herald_node_first_child(pe[1]);
	herald_node *added = child(pe[1], HERALD_NODE_SENTENCE);
	assert_int_equal(herald_node_append_child(pe[0], moved), HERALD_OK);
	assert_string_equal(herald_node_id(added), "i1.p2.s6");
	assert_string_equal(herald_node_id(moved), "i1.p2.s2");   /* kept */
	assert_int_equal(herald_node_append_child(pe[0], gone), HERALD_OK);
	assert_string_equal(herald_node_id(gone), "i1.p1.s5");
	herald_doc_free(early);
	herald_doc_free(late);
}

static void test_doc_ids_of_many_siblings(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *last = NULL;
	for (int i = 0; i < 12345; i++)
		last = child(herald_doc_root(doc), HERALD_NODE_PARAGRAPH);
	assert_string_equal(herald_node_id(last), "p12345");
	assert_string_equal(herald_node_id(herald_doc_root(doc)), "");
	herald_doc_free(doc);
}

/* --- plain text --------------------------------------------------------------- */

static void test_doc_plain_text_concatenates_all_text(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *p = child(herald_doc_root(doc), HERALD_NODE_PARAGRAPH);
	text_child(p, "Plain ");
	herald_node *e = child(p, HERALD_NODE_EMPH);
	text_child(e, "emphasised");
	child(p, HERALD_NODE_LINEBREAK);
	herald_node *a = child(p, HERALD_NODE_LINK);
	herald_node_set_url(a, "https://example.org/");
	text_child(a, "link");
	text_child(p, " and é.");

	char *s = herald_node_plain_text(p);
	assert_string_equal(s, "Plain emphasised\nlink and é.");
	free(s);
	s = herald_node_plain_text(herald_doc_root(doc));
	assert_string_equal(s, "Plain emphasised\nlink and é.");
	free(s);
	/* A node without text gives "", a TEXT node its own text. */
	s = herald_node_plain_text(child(herald_doc_root(doc), HERALD_NODE_ITEM));
	assert_string_equal(s, "");
	free(s);
	s = herald_node_plain_text(herald_node_first_child(p));
	assert_string_equal(s, "Plain ");
	free(s);
	herald_doc_free(doc);
}

/* --- the walker ------------------------------------------------------------------ */

static void test_doc_walker_enters_and_exits_in_order(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *root = herald_doc_root(doc);
	herald_node *item = child(root, HERALD_NODE_ITEM);
	herald_node *p = child(item, HERALD_NODE_PARAGRAPH);
	text_child(p, "a");
	child(p, HERALD_NODE_LINEBREAK);
	herald_node *e = child(p, HERALD_NODE_EMPH);  /* empty: still exits */
	(void)e;
	child(item, HERALD_NODE_TURN);
	child(root, HERALD_NODE_PARAGRAPH);

	char trace[512];
	walk_trace(root, trace, sizeof(trace));
	/* Leaves (TEXT, LINEBREAK) only enter; the others also exit. */
	assert_string_equal(trace,
		"+document +item +paragraph +text +linebreak +emph -emph "
		"-paragraph +turn -turn -item +paragraph -paragraph -document");

	/* A walk of a subtree stays inside it. */
	walk_trace(item, trace, sizeof(trace));
	assert_string_equal(trace,
		"+item +paragraph +text +linebreak +emph -emph -paragraph "
		"+turn -turn -item");
	/* Of a leaf: one event. */
	walk_trace(herald_node_first_child(p), trace, sizeof(trace));
	assert_string_equal(trace, "+text");

	/* After DONE, the walker stays done. */
	herald_walker w;
	herald_walker_init(&w, p);
	while (herald_walker_next(&w) != HERALD_WALK_DONE)
		;
	assert_int_equal(herald_walker_next(&w), HERALD_WALK_DONE);
	herald_walker_init(&w, NULL);
	assert_int_equal(herald_walker_next(&w), HERALD_WALK_DONE);
	herald_doc_free(doc);
}

/* Edits below the current node, as a transform makes them: on entering
 * each paragraph its text is wrapped into a new SENTENCE; on leaving an
 * item its turns are removed.  The walk sees the new nodes and carries
 * on past the removed ones. */
static void test_doc_walker_follows_edits_below_current_node(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *root = herald_doc_root(doc);
	for (int i = 0; i < 2; i++) {
		herald_node *item = child(root, HERALD_NODE_ITEM);
		text_child(child(item, HERALD_NODE_PARAGRAPH), "words");
		child(item, HERALD_NODE_TURN);
	}

	char trace[1024];
	size_t used = 0;
	herald_walker w;
	herald_walker_init(&w, root);
	while (herald_walker_next(&w) != HERALD_WALK_DONE) {
		herald_node_type t = herald_node_type_of(w.node);
		used += (size_t)snprintf(trace + used, sizeof(trace) - used, "%s%c%s",
		                         used ? " " : "",
		                         w.event == HERALD_WALK_ENTER ? '+' : '-',
		                         herald_node_type_name(t));
		if (w.event == HERALD_WALK_ENTER && t == HERALD_NODE_PARAGRAPH) {
			herald_node *s = herald_node_new(doc, HERALD_NODE_SENTENCE);
			herald_node *text = herald_node_first_child(w.node);
			assert_int_equal(herald_node_append_child(s, text), HERALD_OK);
			assert_int_equal(herald_node_append_child(w.node, s), HERALD_OK);
		}
		if (w.event == HERALD_WALK_EXIT && t == HERALD_NODE_ITEM) {
			herald_node *c = herald_node_first_child(w.node), *next;
			for (; c; c = next) {
				next = herald_node_next(c);
				if (herald_node_type_of(c) == HERALD_NODE_TURN)
					herald_node_unlink(c);
			}
		}
	}
	assert_string_equal(trace,
		"+document "
		"+item +paragraph +sentence +text -sentence -paragraph +turn -turn -item "
		"+item +paragraph +sentence +text -sentence -paragraph +turn -turn -item "
		"-document");
	/* And the edits are in the tree. */
	walk_trace(root, trace, sizeof(trace));
	assert_string_equal(trace,
		"+document +item +paragraph +sentence +text -sentence -paragraph -item "
		"+item +paragraph +sentence +text -sentence -paragraph -item -document");
	char *s = herald_node_plain_text(root);
	assert_string_equal(s, "wordswords");
	free(s);
	herald_doc_free(doc);
}

/* Deep nesting of inlines does not exhaust the stack anywhere. */
static void test_doc_deep_nesting_is_handled(void **state)
{
	enum { DEPTH = 200000 };
	herald_doc *doc = herald_doc_new();
	herald_node *p = child(herald_doc_root(doc), HERALD_NODE_PARAGRAPH);
	herald_node *n = p;
	for (int i = 0; i < DEPTH; i++)
		n = child(n, HERALD_NODE_EMPH);
	text_child(n, "deep");
	char *s = herald_node_plain_text(herald_doc_root(doc));
	assert_string_equal(s, "deep");
	free(s);
	assert_string_equal(herald_node_id(p), "p1");
	assert_string_equal(herald_node_id(n), "");
	size_t events = 0;
	herald_walker w;
	herald_walker_init(&w, herald_doc_root(doc));
	while (herald_walker_next(&w) != HERALD_WALK_DONE)
		events++;
	assert_int_equal(events, 2 * (DEPTH + 2) + 1);
	herald_doc_free(doc);
}


/* --- the model's later additions ------------------------------------------- */

static void test_doc_lists_headings_and_their_attributes(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *item = child(herald_doc_root(doc), HERALD_NODE_ITEM);
	herald_node *h = child(item, HERALD_NODE_HEADING);
	herald_node *list = child(item, HERALD_NODE_LIST);
	herald_node *para = herald_node_new(doc, HERALD_NODE_PARAGRAPH);

	text_child(h, "Sub");
	assert_int_equal(herald_node_heading_level(h), 1);
	herald_node_set_heading_level(h, 3);
	assert_int_equal(herald_node_heading_level(h), 3);
	herald_node_set_heading_level(h, 0);          /* levels start at 1 */
	assert_int_equal(herald_node_heading_level(h), 3);
	herald_node_set_heading_level(para, 2);
	assert_int_equal(herald_node_heading_level(para), 1);

	assert_int_equal(herald_node_list_type(list), HERALD_LIST_BULLET);
	assert_int_equal(herald_node_list_start(list), 1);
	herald_node_set_list(list, HERALD_LIST_ORDERED, 7);
	assert_int_equal(herald_node_list_type(list), HERALD_LIST_ORDERED);
	assert_int_equal(herald_node_list_start(list), 7);
	herald_node_set_list(list, (herald_list_type)5, 9);
	assert_int_equal(herald_node_list_start(list), 7);
	herald_node_set_list(para, HERALD_LIST_ORDERED, 3);
	assert_int_equal(herald_node_list_type(para), HERALD_LIST_BULLET);

	assert_null(herald_node_lang(item));
	assert_int_equal(herald_node_set_lang(item, "de"), HERALD_OK);
	assert_string_equal(herald_node_lang(item), "de");
	assert_int_equal(herald_node_set_lang(item, ""), HERALD_EUSAGE);
	assert_int_equal(herald_node_set_lang(para, "de"), HERALD_EUSAGE);
	assert_int_equal(herald_node_set_lang(item, NULL), HERALD_OK);
	assert_null(herald_node_lang(item));

	assert_string_equal(herald_node_type_name(HERALD_NODE_HEADING), "heading");
	assert_string_equal(herald_node_type_name(HERALD_NODE_LIST), "list");
	assert_string_equal(herald_node_type_name(HERALD_NODE_LIST_ITEM),
	                    "list_item");
	assert_null(herald_node_new(doc, (herald_node_type)(HERALD_NODE_LIST_ITEM + 1)));
	herald_doc_free(doc);
}

static void test_doc_ids_of_lists_and_headings(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *root = herald_doc_root(doc);
	herald_node *top = child(root, HERALD_NODE_LIST);
	herald_node *i1 = child(root, HERALD_NODE_ITEM);
	herald_node *i2 = child(root, HERALD_NODE_ITEM);
	herald_node *h1 = child(i2, HERALD_NODE_HEADING);
	herald_node *p1 = child(i2, HERALD_NODE_PARAGRAPH);
	herald_node *h2 = child(i2, HERALD_NODE_HEADING);
	herald_node *l1 = child(i2, HERALD_NODE_LIST);
	herald_node *e1 = child(l1, HERALD_NODE_LIST_ITEM);
	herald_node *e2 = child(l1, HERALD_NODE_LIST_ITEM);
	herald_node *e2p1 = child(e2, HERALD_NODE_PARAGRAPH);
	herald_node *nested = child(e2, HERALD_NODE_LIST);
	herald_node *deep = child(child(nested, HERALD_NODE_LIST_ITEM),
	                          HERALD_NODE_PARAGRAPH);
	(void)i1;
	assert_string_equal(herald_node_id(top), "l1");
	assert_string_equal(herald_node_id(i2), "i2");
	assert_string_equal(herald_node_id(h1), "i2.h1");
	assert_string_equal(herald_node_id(p1), "i2.p1");
	assert_string_equal(herald_node_id(h2), "i2.h2");
	assert_string_equal(herald_node_id(l1), "i2.l1");
	assert_string_equal(herald_node_id(e1), "i2.l1.e1");
	assert_string_equal(herald_node_id(e2p1), "i2.l1.e2.p1");
	assert_string_equal(herald_node_id(nested), "i2.l1.e2.l1");
	assert_string_equal(herald_node_id(deep), "i2.l1.e2.l1.e1.p1");
	herald_doc_free(doc);
}

/* Lists nest without bound; ids, plain text and the walker must not use
 * the C stack for it.  An id holds its whole path, so ids of a nesting
 * this deep already take DEPTH^2 bytes: the depth is what keeps that
 * small, not a limit of the model. */
static void test_doc_deeply_nested_lists(void **state)
{
	enum { DEPTH = 3000 };
	herald_doc *doc = herald_doc_new();
	herald_node *list = child(herald_doc_root(doc), HERALD_NODE_LIST);
	herald_node *entry = NULL;
	for (int i = 0; i < DEPTH; i++) {
		entry = child(list, HERALD_NODE_LIST_ITEM);
		list = child(entry, HERALD_NODE_LIST);
	}
	text_child(child(entry, HERALD_NODE_PARAGRAPH), "bottom");
	const char *id = herald_node_id(herald_node_first_child(entry));
	/* "l1", then ".e1" per entry and ".l1" per nested list, then ".p1" */
	assert_int_equal(strlen(id), 2 + 3 * DEPTH + 3 * (DEPTH - 1) + 3);
	char *s = herald_node_plain_text(herald_doc_root(doc));
	assert_string_equal(s, "bottom");
	free(s);
	herald_doc_free(doc);
}

static void test_doc_plain_text_of_new_nodes(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *item = child(herald_doc_root(doc), HERALD_NODE_ITEM);
	text_child(child(item, HERALD_NODE_HEADING), "Head ");
	herald_node *e = child(child(item, HERALD_NODE_LIST), HERALD_NODE_LIST_ITEM);
	text_child(child(e, HERALD_NODE_PARAGRAPH), "one ");
	herald_node *inner = child(child(e, HERALD_NODE_LIST), HERALD_NODE_LIST_ITEM);
	text_child(child(inner, HERALD_NODE_PARAGRAPH), "two");
	char *s = herald_node_plain_text(item);
	assert_string_equal(s, "Head one two");
	free(s);
	s = herald_node_plain_text(e);
	assert_string_equal(s, "one two");
	free(s);
	herald_doc_free(doc);
}

/* Printed lines kept in fields are placed above or under the text; a
 * "dateline" field shows what it holds besides the DATELINE; anything
 * else is metadata. */
static void test_doc_field_place(void **state)
{
	herald_doc *doc = herald_doc_new();
	const char *shown = "unset";

	(void)state;
	assert_int_equal(herald_doc_set_field(doc, "tags", "port"), HERALD_OK);
	assert_int_equal(herald_doc_set_field(doc, "byline", "By Ana"), HERALD_OK);
	assert_int_equal(herald_doc_set_field(doc, "signature", "Jo / Mayor"),
	                 HERALD_OK);
	assert_int_equal(herald_doc_set_field(doc, "dateline", "Rome, 5 May 2031"),
	                 HERALD_OK);
	assert_int_equal(herald_doc_set_field(doc, "end", ""), HERALD_OK);

	assert_int_equal(herald_doc_field_place(doc, 0, &shown),
	                 HERALD_FIELD_METADATA);
	assert_null(shown);
	assert_int_equal(herald_doc_field_place(doc, 1, &shown), HERALD_FIELD_HEAD);
	assert_string_equal(shown, "By Ana");
	assert_int_equal(herald_doc_field_place(doc, 2, &shown), HERALD_FIELD_FOOT);
	assert_string_equal(shown, "Jo / Mayor");
	/* no DATELINE: the field is shown whole */
	assert_int_equal(herald_doc_field_place(doc, 3, &shown), HERALD_FIELD_HEAD);
	assert_string_equal(shown, "Rome, 5 May 2031");
	/* the DATELINE alone: shown already */
	herald_doc_set_meta(doc, HERALD_META_DATELINE, "Rome, 5 May 2031");
	assert_int_equal(herald_doc_field_place(doc, 3, &shown), HERALD_FIELD_HEAD);
	assert_null(shown);
	/* the DATELINE and more: the more */
	herald_doc_set_field(doc, "dateline", "Rome, 5 May 2031 / Posted 6 May 2031");
	herald_doc_field_place(doc, 3, &shown);
	assert_string_equal(shown, "Posted 6 May 2031");
	/* a line that merely starts like the DATELINE is another line */
	herald_doc_set_field(doc, "dateline", "Rome, 5 May 2031, noon");
	herald_doc_field_place(doc, 3, &shown);
	assert_string_equal(shown, "Rome, 5 May 2031, noon");
	/* an empty value shows nothing; out of range is metadata */
	assert_int_equal(herald_doc_field_place(doc, 4, &shown), HERALD_FIELD_FOOT);
	assert_null(shown);
	assert_int_equal(herald_doc_field_place(doc, 5, NULL),
	                 HERALD_FIELD_METADATA);
	herald_doc_free(doc);
}

static void test_doc_free_fields_keep_order_replace_remove(void **state)
{
	herald_doc *doc = herald_doc_new();
	assert_int_equal(herald_doc_field_count(doc), 0);
	assert_null(herald_doc_field(doc, "tags"));
	assert_null(herald_doc_field_key(doc, 0));
	assert_int_equal(herald_doc_set_field(doc, "tags", "a, b"), HERALD_OK);
	assert_int_equal(herald_doc_set_field(doc, "category", "city"), HERALD_OK);
	assert_int_equal(herald_doc_set_field(doc, "weather", "rain"), HERALD_OK);
	assert_int_equal(herald_doc_set_field(doc, "tags", "c"), HERALD_OK);
	assert_int_equal(herald_doc_field_count(doc), 3);
	assert_string_equal(herald_doc_field_key(doc, 0), "tags");
	assert_string_equal(herald_doc_field_value(doc, 0), "c");
	assert_string_equal(herald_doc_field_key(doc, 2), "weather");
	assert_null(herald_doc_field_key(doc, 3));
	assert_null(herald_doc_field_value(doc, 3));

	assert_int_equal(herald_doc_set_field(doc, "category", NULL), HERALD_OK);
	assert_int_equal(herald_doc_set_field(doc, "absent", NULL), HERALD_OK);
	assert_int_equal(herald_doc_field_count(doc), 2);
	assert_null(herald_doc_field(doc, "category"));
	assert_string_equal(herald_doc_field_key(doc, 1), "weather");
	assert_string_equal(herald_doc_field(doc, "weather"), "rain");
	/* set again after removal: it is new, so it goes last */
	assert_int_equal(herald_doc_set_field(doc, "category", "port"), HERALD_OK);
	assert_string_equal(herald_doc_field_key(doc, 2), "category");
	assert_string_equal(herald_doc_field(doc, "category"), "port");

	assert_int_equal(herald_doc_set_field(doc, NULL, "x"), HERALD_EUSAGE);
	assert_int_equal(herald_doc_set_field(doc, "", "x"), HERALD_EUSAGE);
	assert_int_equal(herald_doc_set_field(doc, "bad\xC3", "x"), HERALD_EUSAGE);
	assert_int_equal(herald_doc_set_field(doc, "weather", "\xFFoops"),
	                 HERALD_EUSAGE);
	assert_string_equal(herald_doc_field(doc, "weather"), "rain");
	assert_int_equal(herald_doc_field_count(doc), 3);
	herald_doc_free(doc);
}

/* Many fields, set, replaced, removed and re-added: every key still found,
 * in order (the index must survive growth and holes). */
static void test_doc_many_free_fields(void **state)
{
	enum { N = 20000 };
	herald_doc *doc = herald_doc_new();
	char key[32], value[32];
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof key, "k%d", i);
		snprintf(value, sizeof value, "v%d", i);
		assert_int_equal(herald_doc_set_field(doc, key, value), HERALD_OK);
	}
	for (int i = 0; i < N; i += 2) {
		snprintf(key, sizeof key, "k%d", i);
		assert_int_equal(herald_doc_set_field(doc, key, NULL), HERALD_OK);
	}
	for (int i = 0; i < N; i += 4) {
		snprintf(key, sizeof key, "k%d", i);
		assert_int_equal(herald_doc_set_field(doc, key, "again"), HERALD_OK);
	}
	assert_int_equal(herald_doc_field_count(doc), N / 2 + N / 4);
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof key, "k%d", i);
		snprintf(value, sizeof value, "v%d", i);
		const char *got = herald_doc_field(doc, key);
		if (i % 4 == 0)
			assert_string_equal(got, "again");
		else if (i % 2 == 0)
			assert_null(got);
		else
			assert_string_equal(got, value);
	}
	assert_string_equal(herald_doc_field_key(doc, 0), "k1");
	assert_string_equal(herald_doc_field_key(doc, N / 2), "k0");
	assert_string_equal(herald_doc_field_key(doc, N / 2 + 1), "k4");
	herald_doc_free(doc);
}

/* Every string setter refuses invalid UTF-8 and NUL, and keeps the old
 * value. */
static void test_doc_setters_refuse_invalid_utf8(void **state)
{
	static const char *const bad[] = {
		"\xFF", "caf\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
	};
	herald_doc *doc = herald_doc_new();
	herald_node *item = herald_node_new(doc, HERALD_NODE_ITEM);
	herald_node *link = herald_node_new(doc, HERALD_NODE_LINK);
	herald_node *t = herald_node_new_text(doc, "ok", 2);

	herald_doc_set_meta(doc, HERALD_META_AUTHOR, "A");
	herald_node_set_title(item, "T");
	herald_node_set_speaker(item, "S");
	herald_node_set_lang(item, "de");
	herald_node_set_url(link, "u");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *b = bad[i];
		assert_int_equal(herald_node_set_text(t, b, strlen(b)), HERALD_EUSAGE);
		assert_null(herald_node_new_text(doc, b, strlen(b)));
		assert_int_equal(herald_node_set_title(item, b), HERALD_EUSAGE);
		assert_int_equal(herald_node_set_speaker(item, b), HERALD_EUSAGE);
		assert_int_equal(herald_node_set_lang(item, b), HERALD_EUSAGE);
		assert_int_equal(herald_node_set_url(link, b), HERALD_EUSAGE);
		assert_int_equal(herald_node_add_tag(item, b), HERALD_EUSAGE);
		assert_int_equal(herald_doc_set_meta(doc, HERALD_META_AUTHOR, b),
		                 HERALD_EUSAGE);
		assert_int_equal(herald_doc_set_field(doc, "k", b), HERALD_EUSAGE);
	}
	assert_int_equal(herald_node_set_text(t, "a\0b", 3), HERALD_EUSAGE);
	assert_null(herald_node_new_text(doc, "a\0b", 3));
	assert_string_equal(herald_node_text(t), "ok");
	assert_string_equal(herald_node_title(item), "T");
	assert_string_equal(herald_node_speaker(item), "S");
	assert_string_equal(herald_node_lang(item), "de");
	assert_string_equal(herald_node_url(link), "u");
	assert_int_equal(herald_node_tag_count(item), 0);
	assert_string_equal(herald_doc_meta(doc, HERALD_META_AUTHOR), "A");
	assert_int_equal(herald_doc_field_count(doc), 0);
	/* valid text in every script is taken */
	assert_int_equal(herald_node_set_title(item, "\xE6\x96\xB0\xE9\x97\xBB"),
	                 HERALD_OK);
	herald_doc_free(doc);
}

/* A soft break between two characters of a spaceless script is nothing;
 * elsewhere a space.  At a text's end the neighbours come from the next
 * inlines of the same block. */
static void test_doc_soft_breaks_between_scripts(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *p = child(herald_doc_root(doc), HERALD_NODE_PARAGRAPH);
	herald_node *zh = text_child(p, "\xE4\xB8\xAD\n\xE6\x96\x87 x\ny");
	herald_node *edge = text_child(p, "\xE4\xB8\xAD\n");
	herald_node *e = child(p, HERALD_NODE_EMPH);
	text_child(e, "");
	text_child(e, "\xE6\x96\x87");
	herald_node *last = text_child(p, "\n");

	assert_false(herald_node_soft_break_is_space(zh, 3));
	assert_true(herald_node_soft_break_is_space(zh, 8));
	assert_false(herald_node_soft_break_is_space(edge, 3));
	/* at the end of the block: nothing after it */
	assert_true(herald_node_soft_break_is_space(last, 0));
	/* not a break position at all, or not a text */
	assert_true(herald_node_soft_break_is_space(zh, 100));
	assert_true(herald_node_soft_break_is_space(p, 0));
	/* in a bare string the ends have no neighbours: a space */
	assert_false(herald_text_soft_break_is_space("\xE4\xB8\xAD\n\xE6\x96\x87",
	                                             7, 3));
	assert_true(herald_text_soft_break_is_space("a\n\xE6\x96\x87", 5, 1));
	assert_true(herald_text_soft_break_is_space("\n\xE6\x96\x87", 4, 0));
	assert_true(herald_text_soft_break_is_space("\xE4\xB8\xAD\n", 4, 3));
	herald_doc_free(doc);
}

/* Navigation links: kept in order, copied, found by rel; bad ones
 * refused without changing anything. */
static void test_doc_links_keep_order_and_refuse_bad_input(void **state)
{
	(void)state;
	herald_doc *doc = herald_doc_new();
	char url[16] = "../index.html";
	assert_int_equal(herald_doc_link_count(doc), 0);
	assert_int_equal(herald_doc_find_link(doc, "up"), -1);
	assert_int_equal(herald_doc_add_link(doc, "up", url, "Archive"), HERALD_OK);
	url[0] = 'X';   /* copied, not borrowed */
	for (int i = 0; i < 20; i++)   /* past the first growth */
		assert_int_equal(herald_doc_add_link(doc, "up", "y.html", NULL), HERALD_OK);
	assert_int_equal(herald_doc_add_link(doc, "next", "b.html", "2020-01-02"), HERALD_OK);
	assert_int_equal(herald_doc_add_link(doc, "", "b.html", "x"), HERALD_EUSAGE);
	assert_int_equal(herald_doc_add_link(doc, "prev", "", "x"), HERALD_EUSAGE);
	assert_int_equal(herald_doc_add_link(doc, "prev", "a.html", "\xff"), HERALD_EUSAGE);
	assert_int_equal(herald_doc_link_count(doc), 22);
	assert_string_equal(herald_doc_link_url(doc, 0), "../index.html");
	assert_string_equal(herald_doc_link_label(doc, 0), "Archive");
	assert_string_equal(herald_doc_link_label(doc, 1), "");
	assert_int_equal(herald_doc_find_link(doc, "next"), 21);
	assert_string_equal(herald_doc_link_rel(doc, 21), "next");
	assert_int_equal(herald_doc_find_link(doc, "prev"), -1);
	assert_null(herald_doc_link_url(doc, 22));
	herald_doc_free(doc);
}

/* The pipeline's stages, in the order added, copied; bad names refused. */
static void test_doc_stages_record_the_pipeline(void **state)
{
	(void)state;
	herald_doc *doc = herald_doc_new();
	char name[16];

	assert_int_equal(herald_doc_stage_count(doc), 0);
	assert_null(herald_doc_stage_name(doc, 0));
	assert_int_equal(herald_doc_add_stage(doc, "", "1.0"), HERALD_EUSAGE);
	assert_int_equal(herald_doc_add_stage(doc, NULL, "1.0"), HERALD_EUSAGE);
	assert_int_equal(herald_doc_add_stage(doc, "bad", "\xff"), HERALD_EUSAGE);
	assert_int_equal(herald_doc_stage_count(doc), 0);
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof name, "stage%d", i);
		assert_int_equal(herald_doc_add_stage(doc, name, i % 2 ? "1.0" : NULL),
		                 HERALD_OK);
	}
	name[0] = 'X';        /* the document keeps its own copy */
	assert_int_equal(herald_doc_stage_count(doc), 100);
	assert_string_equal(herald_doc_stage_name(doc, 0), "stage0");
	assert_null(herald_doc_stage_version(doc, 0));
	assert_string_equal(herald_doc_stage_name(doc, 99), "stage99");
	assert_string_equal(herald_doc_stage_version(doc, 99), "1.0");
	assert_null(herald_doc_stage_name(doc, 100));
	herald_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc_links_keep_order_and_refuse_bad_input),
		cmocka_unit_test(test_doc_new_has_an_empty_document_root),
		cmocka_unit_test(test_doc_source_name_drops_the_folders),
		cmocka_unit_test(test_doc_append_links_siblings_in_order),
		cmocka_unit_test(test_doc_containment_rules_are_enforced),
		cmocka_unit_test(test_doc_node_cannot_contain_itself),
		cmocka_unit_test(test_doc_cross_document_links_are_refused),
		cmocka_unit_test(test_doc_unlink_and_insert_before),
		cmocka_unit_test(test_doc_arena_keeps_many_strings),
		cmocka_unit_test(test_doc_arena_keeps_huge_strings),
		cmocka_unit_test(test_doc_positions_default_to_unknown),
		cmocka_unit_test(test_doc_positions_of_every_size),
		cmocka_unit_test(test_doc_text_is_copied_and_checked),
		cmocka_unit_test(test_doc_text_lengths_of_every_size),
		cmocka_unit_test(test_doc_cut_text_keeps_every_byte),
		cmocka_unit_test(test_doc_tags_keep_order_without_duplicates),
		cmocka_unit_test(test_doc_metadata_set_get_unset),
		cmocka_unit_test(test_doc_attributes_only_where_they_belong),
		cmocka_unit_test(test_doc_ids_follow_type_and_rank),
		cmocka_unit_test(test_doc_ids_are_stable_and_unique),
		cmocka_unit_test(test_doc_ids_kept_through_edits),
		cmocka_unit_test(test_doc_ids_set_by_a_reader),
		cmocka_unit_test(test_doc_ids_of_many_inserted_siblings),
		cmocka_unit_test(test_doc_ids_of_many_siblings),
		cmocka_unit_test(test_doc_ids_given_block_by_block),
		cmocka_unit_test(test_doc_plain_text_concatenates_all_text),
		cmocka_unit_test(test_doc_walker_enters_and_exits_in_order),
		cmocka_unit_test(test_doc_walker_follows_edits_below_current_node),
		cmocka_unit_test(test_doc_deep_nesting_is_handled),
		cmocka_unit_test(test_doc_lists_headings_and_their_attributes),
		cmocka_unit_test(test_doc_ids_of_lists_and_headings),
		cmocka_unit_test(test_doc_deeply_nested_lists),
		cmocka_unit_test(test_doc_plain_text_of_new_nodes),
		cmocka_unit_test(test_doc_free_fields_keep_order_replace_remove),
		cmocka_unit_test(test_doc_field_place),
		cmocka_unit_test(test_doc_many_free_fields),
		cmocka_unit_test(test_doc_setters_refuse_invalid_utf8),
		cmocka_unit_test(test_doc_soft_breaks_between_scripts),
		cmocka_unit_test(test_doc_stages_record_the_pipeline),
		cmocka_unit_test(test_doc_text_in_kept_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
