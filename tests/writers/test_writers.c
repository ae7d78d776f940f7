/* test_writers.c - what json, text and markdown promise, on a hostile
 * document built here, on every example bulletin and on the real sample:
 *
 *  - json parses back with jansson, every string equal to the model's, and
 *    the json reader rebuilds a model that writes the same bytes;
 *  - text holds exactly the model's words, and ids=true only adds an id
 *    column whose ids are the model's;
 *  - markdown parsed back by cmark gives the same headings, paragraphs,
 *    quotes and text (nothing in the text turned into markup), with and
 *    without wrapping, and exactly the model's words besides its labels;
 *    its front matter, read by libyaml, holds the title, the date and
 *    every free field as the model has them.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cmark.h>
#include <jansson.h>
#include <yaml.h>

#include "support.h"

/* --- a growable string ------------------------------------------------------ */

typedef struct {
	char *s;
	size_t len, cap;
} buf;

static void buf_add(buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = 2 * (b->len + n + 1);
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void buf_puts(buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* --- the hostile document --------------------------------------------------- */

static const char *const hostile_lines[] = {
	"# not a heading",
	"## nor this",
	"- not a list",
	"+ nor this",
	"* nor this one",
	"1. not ordered",
	"2) nor this",
	"> not a quote",
	"===",
	"---",
	"    indented, not code",
	"```not a fence",
	"~~~ nor this",
	"<div>not html</div>",
	"<!-- not a comment -->",
	"<script>alert(1)</script> and </script>",
	"a < b && c > d; &amp; &lt; &#65;",
	"CDATA end ]]> inside",
	"*stars* _underscores_ **strong** `ticks` \\backslash",
	"[not a link](http://example.com) ![nor an image](x.png)",
	"[ref]: http://example.com",
	"| a | table |",
	"trailing backslash \\",
	"https://example.com/autolink <https://example.com>",
	"emoji \xF0\x9F\x8E\x89 \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD and ZWJ \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",
	"Arabic \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 \xD8\xA8\xD8\xA7\xD9\x84\xD8\xB9\xD8\xA7\xD9\x84\xD9\x85 and Hebrew \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D, RLO \xE2\x80\xAE reversed \xE2\x80\xAC",
	"line\nbreak soft\n# and a hash after it",
	"quote \" apostrophe ' percent %s %n",
};
#define N_HOSTILE (sizeof(hostile_lines) / sizeof(hostile_lines[0]))

static herald_node *add_node(herald_node *parent, herald_node_type type)
{
	herald_node *n = herald_node_new(herald_node_doc(parent), type);

	assert_non_null(n);
	assert_int_equal(herald_node_append_child(parent, n), HERALD_OK);
	return n;
}

static void add_text(herald_node *parent, const char *s)
{
	herald_node *t = herald_node_new_text(herald_node_doc(parent), s,
	                                      strlen(s));

	assert_non_null(t);
	assert_int_equal(herald_node_append_child(parent, t), HERALD_OK);
}

static herald_node *add_block(herald_node *parent, herald_node_type type,
                              const char *text)
{
	herald_node *b = add_node(parent, type);

	add_text(b, text);
	return b;
}

/* The later additions to the model: metadata and free fields, an item
 * in its own language, subheadings, lists (numbered, nested, empty,
 * with entries of several paragraphs) inside an item and straight under
 * the document, and hostile text in them. */
static void add_structure(herald_doc *doc)
{
	herald_node *root = herald_doc_root(doc), *item, *h, *list, *e, *inner;

	herald_doc_set_meta(doc, HERALD_META_URL,
	                    "https://example.com/news?a=1&b=\"2\"");
	herald_doc_set_meta(doc, HERALD_META_AUTHOR, "A. *Writer* <b>");
	herald_doc_set_meta(doc, HERALD_META_TIME, "10:51 A.M. EDT");
	herald_doc_set_meta(doc, HERALD_META_LAYOUT, "blank");
	herald_doc_set_field(doc, "category", "city: \"harbour\"");
	herald_doc_set_field(doc, "key with spaces", "- a\nb");
	herald_doc_set_field(doc, "title", "a field named like a meta key");

	item = add_node(root, HERALD_NODE_ITEM);
	herald_node_set_title(item, "Structured item");
	herald_node_set_lang(item, "de");
	herald_node_add_tag(item, "video");
	h = add_block(item, HERALD_NODE_HEADING, "# First part");
	herald_node_set_heading_level(h, 1);
	add_block(item, HERALD_NODE_PARAGRAPH, "Before the list.");
	list = add_node(item, HERALD_NODE_LIST);
	add_block(add_node(list, HERALD_NODE_LIST_ITEM), HERALD_NODE_PARAGRAPH,
	          "- bullet one");
	e = add_node(list, HERALD_NODE_LIST_ITEM);
	add_block(e, HERALD_NODE_PARAGRAPH, "1. bullet two");
	inner = add_node(e, HERALD_NODE_LIST);
	herald_node_set_list(inner, HERALD_LIST_ORDERED, 3);
	add_block(add_node(inner, HERALD_NODE_LIST_ITEM), HERALD_NODE_PARAGRAPH,
	          "third *entry*");
	add_block(add_node(inner, HERALD_NODE_LIST_ITEM), HERALD_NODE_PARAGRAPH,
	          "fourth entry");
	h = add_block(item, HERALD_NODE_HEADING, "Deeper > part");
	herald_node_set_heading_level(h, 2);
	list = add_node(item, HERALD_NODE_LIST);
	herald_node_set_list(list, HERALD_LIST_ORDERED, 10);
	e = add_node(list, HERALD_NODE_LIST_ITEM);
	add_block(e, HERALD_NODE_PARAGRAPH, "Entry with");
	add_block(e, HERALD_NODE_PARAGRAPH, "two paragraphs.");
	add_node(item, HERALD_NODE_LIST);       /* empty: written as nothing */
	h = add_block(item, HERALD_NODE_HEADING, "Very deep");
	herald_node_set_heading_level(h, 9);

	add_block(root, HERALD_NODE_HEADING, "A heading under the document");
	list = add_node(root, HERALD_NODE_LIST);
	add_block(add_node(list, HERALD_NODE_LIST_ITEM), HERALD_NODE_PARAGRAPH,
	          "loose entry");
}

static herald_doc *hostile_doc(void)
{
	herald_doc *doc = herald_doc_new();
	herald_node *root = herald_doc_root(doc), *q, *item, *p, *s, *e, *l, *t;

	herald_doc_set_meta(doc, HERALD_META_DATE, "2031-04-02");
	herald_doc_set_meta(doc, HERALD_META_TITLE,
	                    "# 2 April \"2031\" \\ <b>&amp;</b> ]]>");
	herald_doc_set_meta(doc, HERALD_META_SOURCE, "hostile: 'file'.txt");
	herald_doc_set_meta(doc, HERALD_META_LANGUAGE, "en");

	q = add_node(root, HERALD_NODE_QUOTE);
	herald_node_set_title(q, "> On this *day* #1");
	herald_node_set_speaker(q, "</script> & \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D");
	add_block(q, HERALD_NODE_PARAGRAPH, "- Quoted words <here>.");

	item = add_node(root, HERALD_NODE_ITEM);
	herald_node_set_title(item, "*Starred* title with _under_ `ticks` [x]");
	herald_node_add_tag(item, "video");
	herald_node_set_position(item, 7, 1);
	for (size_t i = 0; i < N_HOSTILE; i++)
		add_block(item, HERALD_NODE_PARAGRAPH, hostile_lines[i]);

	item = add_node(root, HERALD_NODE_ITEM);
	herald_node_set_title(item, "1. Interview <with> & about");
	herald_node_set_item_kind(item, HERALD_ITEM_INTERVIEW);
	herald_node_set_speaker(item, "Dr. Ada *Star*");
	t = add_block(item, HERALD_NODE_TURN, "- # Why?");
	herald_node_set_role(t, HERALD_SPEAKER_INTERVIEWER);
	t = add_block(item, HERALD_NODE_TURN, "- Because > all.");
	herald_node_set_role(t, HERALD_SPEAKER_INTERVIEWEE);
	t = add_block(item, HERALD_NODE_TURN, "- [who] said *that*?");
	herald_node_set_role(t, HERALD_SPEAKER_UNKNOWN);
	t = add_block(item, HERALD_NODE_TURN, "Named speaker's turn.");
	herald_node_set_role(t, HERALD_SPEAKER_INTERVIEWEE);
	herald_node_set_speaker(t, "Bob_the_builder");

	/* A briefing: labels as printed, two spellings of one person, a
	 * reporter's "Q" without a name, a photo caption with markup. */
	item = add_node(root, HERALD_NODE_ITEM);
	herald_node_set_title(item, "Press briefing");
	herald_node_set_item_kind(item, HERALD_ITEM_INTERVIEW);
	p = add_block(item, HERALD_NODE_PARAGRAPH, "*Photo*: the [podium] #1");
	herald_node_add_tag(p, "caption");
	p = add_block(item, HERALD_NODE_PARAGRAPH, " spaced caption ");
	herald_node_add_tag(p, "caption");
	t = add_block(item, HERALD_NODE_TURN, "Good afternoon.");
	herald_node_set_role(t, HERALD_SPEAKER_INTERVIEWEE);
	herald_node_set_speaker(t, "Jen Psaki");
	herald_node_set_label(t, "MS. PSAKI");
	t = add_block(item, HERALD_NODE_TURN, "# Thank you?");
	herald_node_set_role(t, HERALD_SPEAKER_INTERVIEWER);
	herald_node_set_label(t, "Q");
	t = add_block(item, HERALD_NODE_TURN, "Go ahead.\nPlease.");
	herald_node_set_role(t, HERALD_SPEAKER_INTERVIEWEE);
	herald_node_set_speaker(t, "Jen Psaki");
	herald_node_set_label(t, "Ms. *Psaki*");
	t = add_node(item, HERALD_NODE_TURN);   /* a label over no text */
	herald_node_set_role(t, HERALD_SPEAKER_INTERVIEWER);
	herald_node_set_label(t, "Q");

	/* Inlines: emphasis, a link, a hard break, and sentences. */
	item = add_node(root, HERALD_NODE_ITEM);
	herald_node_set_title(item, "Inlines");
	herald_node_set_item_kind(item, HERALD_ITEM_SPEECH);
	herald_node_set_speaker(item, "A. Speaker");
	p = add_node(item, HERALD_NODE_PARAGRAPH);
	add_text(p, "Plain, then ");
	e = add_node(p, HERALD_NODE_EMPH);
	add_text(e, "emphasised *text*");
	add_text(p, ", a ");
	l = add_node(p, HERALD_NODE_LINK);
	herald_node_set_url(l, "http://example.com/a_(b)?c=<d>&e=\"f\"");
	add_text(l, "[link] text");
	add_text(p, " and a break");
	add_node(p, HERALD_NODE_LINEBREAK);
	add_text(p, "# after the break, ");
	e = add_node(p, HERALD_NODE_EMPH);
	add_text(e, " spaced emphasis ");
	add_text(p, " end.");
	p = add_node(item, HERALD_NODE_PARAGRAPH);
	s = add_node(p, HERALD_NODE_SENTENCE);
	add_text(s, "First <sentence>.");
	add_text(p, "  ");
	s = add_node(p, HERALD_NODE_SENTENCE);
	add_text(s, "- Second one, ");
	e = add_node(s, HERALD_NODE_EMPH);
	add_text(e, "stressed");
	add_text(s, "!");
	add_text(p, " ");
	s = add_node(p, HERALD_NODE_SENTENCE);
	add_text(s, "# Third.");

	/* An untitled statement, and a paragraph straight under the document
	 * as the plain reader makes them. */
	item = add_node(root, HERALD_NODE_ITEM);
	herald_node_set_item_kind(item, HERALD_ITEM_STATEMENT);
	add_block(item, HERALD_NODE_PARAGRAPH, "> Statement & <stuff>.");
	add_block(root, HERALD_NODE_PARAGRAPH, "Loose ]]> paragraph.");
	add_node(root, HERALD_NODE_PARAGRAPH);   /* empty: must not break layout */
	add_structure(doc);
	return doc;
}

/* --- json ------------------------------------------------------------------- */

static void assert_json_string(json_t *obj, const char *key, const char *want)
{
	json_t *v = json_object_get(obj, key);

	if (!want) {
		assert_null(v);
		return;
	}
	assert_true(json_is_string(v));
	assert_int_equal(json_string_length(v), strlen(want));
	assert_string_equal(json_string_value(v), want);
}

/* The JSON node says what the model node holds, recursively. */
static void assert_json_node(const herald_node *node, json_t *obj)
{
	herald_node_type type = herald_node_type_of(node);
	json_t *children = json_object_get(obj, "children");
	const char *id = herald_node_id(node);
	size_t i = 0;

	assert_true(json_is_object(obj));
	assert_json_string(obj, "type", herald_node_type_name(type));
	assert_json_string(obj, "id", *id ? id : NULL);
	assert_json_string(obj, "title", type == HERALD_NODE_ITEM ||
	                   type == HERALD_NODE_QUOTE ? herald_node_title(node)
	                                             : NULL);
	assert_json_string(obj, "speaker", herald_node_speaker(node));
	assert_json_string(obj, "label", herald_node_label(node));
	assert_json_string(obj, "url", herald_node_url(node));
	assert_json_string(obj, "text", herald_node_text(node));
	assert_json_string(obj, "lang", herald_node_lang(node));
	if (type == HERALD_NODE_HEADING)
		assert_int_equal(json_integer_value(json_object_get(obj, "level")),
		                 herald_node_heading_level(node));
	else
		assert_null(json_object_get(obj, "level"));
	if (type == HERALD_NODE_LIST) {
		assert_json_string(obj, "style",
		                   herald_node_list_type(node) == HERALD_LIST_ORDERED
		                   ? "ordered" : "bullet");
		assert_int_equal(json_integer_value(json_object_get(obj, "start")),
		                 herald_node_list_start(node));
	}
	assert_int_equal(json_integer_value(json_object_get(obj, "line")),
	                 herald_node_line(node));
	if (type == HERALD_NODE_ITEM)
		assert_json_string(obj, "kind",
		                   herald_item_kind_name(herald_node_item_kind(node)));
	if (type == HERALD_NODE_TURN)
		assert_json_string(obj, "role",
		                   herald_speaker_role_name(herald_node_role(node)));
	assert_int_equal(json_array_size(json_object_get(obj, "tags")),
	                 herald_node_tag_count(node));
	for (size_t t = 0; t < herald_node_tag_count(node); t++)
		assert_string_equal(json_string_value(json_array_get(
			json_object_get(obj, "tags"), t)), herald_node_tag(node, t));
	for (const herald_node *c = herald_node_first_child(node); c;
	     c = herald_node_next(c))
		assert_json_node(c, json_array_get(children, i++));
	assert_int_equal(json_array_size(children), i);
}

/* All the text below a JSON node, as herald_node_plain_text() gives it. */
static void json_text(json_t *node, buf *out)
{
	const char *type = json_string_value(json_object_get(node, "type"));
	size_t i;
	json_t *child;

	if (strcmp(type, "text") == 0)
		buf_puts(out, json_string_value(json_object_get(node, "text")));
	if (strcmp(type, "linebreak") == 0)
		buf_puts(out, "\n");
	json_array_foreach(json_object_get(node, "children"), i, child)
		json_text(child, out);
}

/* The words of a JSON document, in the order wt_model_words() uses. */
static void json_words(json_t *node, wt_words *words)
{
	const char *type = json_string_value(json_object_get(node, "type"));
	int section = strcmp(type, "item") == 0 || strcmp(type, "quote") == 0;
	int list = strcmp(type, "list") == 0 || strcmp(type, "list_item") == 0;
	size_t i;
	json_t *child;

	if (!section && !list && strcmp(type, "document") != 0) {
		buf text = { 0 };
		buf_puts(&text, "");
		json_text(node, &text);
		wt_words_add(words, text.s);
		free(text.s);
		return;
	}
	if (section)
		wt_words_add(words, json_string_value(json_object_get(node, "title")));
	json_array_foreach(json_object_get(node, "children"), i, child)
		json_words(child, words);
	if (strcmp(type, "quote") == 0)
		wt_words_add(words,
		             json_string_value(json_object_get(node, "speaker")));
}

static void check_json(const herald_doc *doc, const wt_words *model)
{
	char *pretty = wt_render(doc, "json");
	char *compact = wt_render(doc, "json:pretty=false");
	json_error_t error;
	json_t *a = json_loads(pretty, JSON_REJECT_DUPLICATES, &error);
	json_t *b = json_loads(compact, JSON_REJECT_DUPLICATES, &error);
	wt_words words = { 0 };
	herald_doc *back;
	char *again;

	if (!a || !b)
		fail_msg("json output does not parse: %d:%d: %s", error.line,
		         error.column, error.text);
	assert_true(json_equal(a, b));
	/* compact: one line, ended by the only newline */
	assert_ptr_equal(strchr(compact, '\n'), compact + strlen(compact) - 1);
	assert_int_equal(json_integer_value(json_object_get(a, "herald")), 2);
	/* free fields: an object, in the model's order */
	{
		json_t *fields = json_object_get(a, "fields");
		const char *key;
		json_t *value;
		size_t k = 0;
		assert_true(json_is_object(fields));
		assert_int_equal(json_object_size(fields),
		                 herald_doc_field_count(doc));
		json_object_foreach(fields, key, value) {
			assert_string_equal(key, herald_doc_field_key(doc, k));
			assert_string_equal(json_string_value(value),
			                    herald_doc_field_value(doc, k));
			k++;
		}
	}
	for (int m = 0; m < HERALD_META_COUNT; m++) {
		json_t *meta = json_object_get(json_object_get(a, "meta"),
		                               herald_meta_name((herald_meta)m));
		const char *want = herald_doc_meta(doc, (herald_meta)m);
		assert_non_null(meta);
		if (want)
			assert_string_equal(json_string_value(meta), want);
		else
			assert_true(json_is_null(meta));
	}
	assert_json_node(herald_doc_root(doc), json_object_get(a, "root"));

	wt_words_add(&words, json_string_value(json_object_get(
		json_object_get(a, "meta"), herald_doc_meta(doc, HERALD_META_TITLE)
		? "title" : "date")));
	json_words(json_object_get(a, "root"), &words);
	wt_assert_same_words(model, &words, "json");

	/* The reader rebuilds the same model: it writes the same bytes. */
	back = wt_read_data("json", "out.json", compact, strlen(compact));
	again = wt_render(back, "json");
	assert_string_equal(again, pretty);

	free(again);
	herald_doc_free(back);
	wt_words_free(&words);
	json_decref(a);
	json_decref(b);
	free(pretty);
	free(compact);
}

/* --- text ------------------------------------------------------------------- */

/* Every id the model gives, to check the id column against. */
static int is_model_id(const herald_doc *doc, const char *id, size_t len)
{
	herald_walker w;

	herald_walker_init(&w, herald_doc_root(doc));
	while (herald_walker_next(&w) != HERALD_WALK_DONE) {
		const char *mine = herald_node_id(w.node);
		if (w.event == HERALD_WALK_ENTER && strlen(mine) == len &&
		    memcmp(mine, id, len) == 0)
			return 1;
	}
	return 0;
}

static void check_text(const herald_doc *doc)
{
	char *plain = wt_render(doc, "text");
	char *with_ids = wt_render(doc, "text:ids=true");
	wt_words words = { 0 }, model = { 0 };
	buf stripped = { 0 };
	size_t lines = 0;

	wt_model_words_listed(doc, &model);
	wt_words_add(&words, plain);
	wt_assert_same_words(&model, &words, "text");
	wt_words_free(&model);
	assert_null(strstr(plain, "\n\n\n\n"));     /* at most two blank lines */
	assert_true(plain[0] != '\n');

	/* ids=true: "id<TAB>line" for every line but blank ones, the id one
	 * of the model's ("" only for the title line); without the column it
	 * is the plain output. */
	buf_puts(&stripped, "");
	for (char *line = with_ids; *line;) {
		char *end = strchr(line, '\n'), *tab = strchr(line, '\t');
		assert_non_null(end);
		if (end != line) {
			assert_true(tab && tab < end);
			if (tab == line)
				assert_int_equal(lines, 0);
			else if (!is_model_id(doc, line, (size_t)(tab - line)))
				fail_msg("unknown id \"%.*s\"", (int)(tab - line), line);
			line = tab + 1;
		}
		buf_add(&stripped, line, (size_t)(end - line) + 1);
		line = end + 1;
		lines++;
	}
	assert_string_equal(stripped.s, plain);

	free(stripped.s);
	wt_words_free(&words);
	free(plain);
	free(with_ids);
}

/* --- markdown --------------------------------------------------------------- */

/* Blocks as one line each: "h2:title", "p:text {em:stressed}", "quote{",
 * "}", "hr"; inlines in braces.  Built from cmark's parse of the output
 * and, independently, from the model by the layout doc/writers.md gives;
 * whitespace is normalised by normalise() afterwards. */

static void md_inlines(cmark_node *parent, buf *out)
{
	for (cmark_node *n = cmark_node_first_child(parent); n;
	     n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			buf_puts(out, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
			buf_puts(out, " ");
			break;
		case CMARK_NODE_LINEBREAK:
			buf_puts(out, "{br}");
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			buf_puts(out, cmark_node_get_type(n) == CMARK_NODE_EMPH
			              ? "{em:" : "{strong:");
			md_inlines(n, out);
			buf_puts(out, "}");
			break;
		case CMARK_NODE_LINK:
			buf_puts(out, "{link:");
			buf_puts(out, cmark_node_get_url(n));
			buf_puts(out, "|");
			md_inlines(n, out);
			buf_puts(out, "}");
			break;
		default:      /* code, html, image: escaping went wrong */
			buf_puts(out, "{");
			buf_puts(out, cmark_node_get_type_string(n));
			buf_puts(out, ":");
			if (cmark_node_get_literal(n))
				buf_puts(out, cmark_node_get_literal(n));
			md_inlines(n, out);
			buf_puts(out, "}");
			break;
		}
	}
}

static void md_blocks(cmark_node *parent, buf *out)
{
	for (cmark_node *n = cmark_node_first_child(parent); n;
	     n = cmark_node_next(n)) {
		char tag[16];

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			snprintf(tag, sizeof(tag), "h%d:",
			         cmark_node_get_heading_level(n));
			buf_puts(out, tag);
			md_inlines(n, out);
			break;
		case CMARK_NODE_PARAGRAPH:
			buf_puts(out, "p:");
			md_inlines(n, out);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			buf_puts(out, "quote{\n");
			md_blocks(n, out);
			buf_puts(out, "}");
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			buf_puts(out, "hr");
			break;
		case CMARK_NODE_LIST:
			if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST)
				snprintf(tag, sizeof(tag), "ol%d{\n",
				         cmark_node_get_list_start(n));
			else
				snprintf(tag, sizeof(tag), "ul{\n");
			buf_puts(out, tag);
			md_blocks(n, out);
			buf_puts(out, "}");
			break;
		case CMARK_NODE_ITEM:
			buf_puts(out, "li{\n");
			md_blocks(n, out);
			buf_puts(out, "}");
			break;
		default:
			buf_puts(out, "?");
			buf_puts(out, cmark_node_get_type_string(n));
			buf_puts(out, ":");
			if (cmark_node_get_literal(n))
				buf_puts(out, cmark_node_get_literal(n));
			md_blocks(n, out);
			break;
		}
		buf_puts(out, "\n");
	}
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Runs of blanks become one space; none at line ends nor around {br}
 * (Markdown drops the spaces at the ends of lines). */
static char *normalise(const char *s)
{
	buf out = { 0 };

	buf_puts(&out, "");
	while (*s) {
		if (blank(*s)) {
			while (blank(*s))
				s++;
			if (out.len && out.s[out.len - 1] != '\n' &&
			    out.s[out.len - 1] != ':' && *s != '\n' && *s &&
			    strncmp(s, "{br}", 4) != 0 &&
			    !(out.len >= 4 && strcmp(out.s + out.len - 4, "{br}") == 0))
				buf_puts(&out, " ");
			continue;
		}
		buf_add(&out, s++, 1);
	}
	return out.s;
}

static int edge_blank(const char *text, int last)
{
	size_t n = strlen(text);

	return n == 0 || strchr(" \t\n\r", text[last ? n - 1 : 0]) != NULL;
}

static void model_inlines(const herald_node *parent, buf *out)
{
	for (const herald_node *n = herald_node_first_child(parent); n;
	     n = herald_node_next(n)) {
		char *text;

		switch (herald_node_type_of(n)) {
		case HERALD_NODE_TEXT:
			for (const char *c = herald_node_text(n); *c; c++)
				buf_add(out, *c == '\n' ? " " : c, 1);
			break;
		case HERALD_NODE_LINEBREAK:
			buf_puts(out, "{br}");
			break;
		case HERALD_NODE_EMPH:
			text = herald_node_plain_text(n);
			if (edge_blank(text, 0) || edge_blank(text, 1)) {
				model_inlines(n, out);     /* written as plain text */
			} else {
				buf_puts(out, "{em:");
				model_inlines(n, out);
				buf_puts(out, "}");
			}
			free(text);
			break;
		case HERALD_NODE_LINK:
			buf_puts(out, "{link:");
			buf_puts(out, herald_node_url(n) ? herald_node_url(n) : "");
			buf_puts(out, "|");
			model_inlines(n, out);
			buf_puts(out, "}");
			break;
		default:                               /* sentence */
			model_inlines(n, out);
			break;
		}
	}
}

static void model_text_line(buf *out, const char *prefix, const char *text)
{
	buf_puts(out, prefix);
	for (const char *c = text; *c; c++)
		buf_add(out, *c == '\n' ? " " : c, 1);
	buf_puts(out, prefix[0] == 'p' && prefix[2] == '{' ? "}\n" : "\n");
}

/* The language pack the writers take an item's labels from. */
static const herald_lang *model_lang(const herald_node *item)
{
	const char *own = herald_node_lang(item);
	const herald_lang *lang = own ? herald_lang_find(own) : NULL;

	return lang ? lang : herald_lang_find(herald_doc_meta(
		herald_node_doc(item), HERALD_META_LANGUAGE));
}

static void model_item_line(buf *out, const herald_node *item)
{
	size_t ntags = herald_node_tag_count(item);
	const char *speaker = herald_node_speaker(item);

	if (!ntags && !speaker)
		return;
	buf_puts(out, "p:{em:");
	for (size_t i = 0; i < ntags; i++) {
		if (i == 0) {
			buf_puts(out, herald_lang_label(model_lang(item), "tags"));
			buf_puts(out, ": ");
		} else {
			buf_puts(out, ", ");
		}
		buf_puts(out, herald_node_tag(item, i));
	}
	if (speaker) {
		buf_puts(out, ntags ? "; " : "");
		buf_puts(out, herald_lang_label(model_lang(item),
		          herald_node_item_kind(item) == HERALD_ITEM_INTERVIEW
		          ? "interviewee" : "speaker"));
		buf_puts(out, ": ");
		buf_puts(out, speaker);
	}
	buf_puts(out, "}\n");
}

static const char *model_turn_label(const herald_node *turn)
{
	const char *item_speaker = herald_node_speaker(herald_node_parent(turn));

	if (herald_node_label(turn))
		return herald_node_label(turn);
	if (herald_node_speaker(turn))
		return herald_node_speaker(turn);
	if (herald_node_role(turn) == HERALD_SPEAKER_INTERVIEWER)
		return "Interviewer";
	if (herald_node_role(turn) == HERALD_SPEAKER_INTERVIEWEE)
		return item_speaker ? item_speaker : "Interviewee";
	return "Unknown speaker";
}

/* How the writer was asked to write (its options), for the model. */
static struct {
	int front_matter;
	const char *anchors;         /* "attributes", "html", "none" */
} md_spec;

/* An untitled item's heading: its kind's label. */
static const char *model_kind_label(const herald_node *item)
{
	char key[32];

	snprintf(key, sizeof key, "kind-%s",
	         herald_item_kind_name(herald_node_item_kind(item)));
	return herald_lang_label(model_lang(item), key);
}

/* "h2:Title {#i3}" as cmark reads the heading back: the attribute is
 * text to CommonMark; an HTML anchor is two raw inlines before it. */
static void model_item_heading(buf *out, const herald_node *item)
{
	const char *title = herald_node_title(item);
	const char *id = herald_node_id(item);

	buf_puts(out, "h2:");
	if (strcmp(md_spec.anchors, "html") == 0) {
		buf_puts(out, "{html_inline:<a id=\"");
		buf_puts(out, id);
		buf_puts(out, "\">}{html_inline:</a>}");
	}
	for (const char *c = title ? title : model_kind_label(item); *c; c++)
		buf_add(out, *c == '\n' ? " " : c, 1);
	if (strcmp(md_spec.anchors, "attributes") == 0) {
		buf_puts(out, " {#");
		buf_puts(out, id);
		buf_puts(out, "}");
	}
	buf_puts(out, "\n");
}

static int model_blocks(const herald_node *container, buf *out, int any)
{
	for (const herald_node *n = herald_node_first_child(container); n;
	     n = herald_node_next(n)) {
		char tag[32];
		unsigned level;

		switch (herald_node_type_of(n)) {
		case HERALD_NODE_LIST:
			if (!herald_node_first_child(n))
				break;             /* an empty list is nothing */
			if (herald_node_list_type(n) == HERALD_LIST_ORDERED)
				snprintf(tag, sizeof(tag), "ol%lu{\n",
				         herald_node_list_start(n));
			else
				snprintf(tag, sizeof(tag), "ul{\n");
			buf_puts(out, tag);
			model_blocks(n, out, 1);
			buf_puts(out, "}\n");
			break;
		case HERALD_NODE_LIST_ITEM:
			buf_puts(out, "li{\n");
			model_blocks(n, out, 1);
			buf_puts(out, "}\n");
			break;
		case HERALD_NODE_HEADING:
			level = herald_node_heading_level(n);
			snprintf(tag, sizeof(tag), "h%u:", level < 4 ? level + 2 : 6);
			buf_puts(out, tag);
			model_inlines(n, out);
			buf_puts(out, "\n");
			break;
		case HERALD_NODE_ITEM:
			model_item_heading(out, n);
			model_item_line(out, n);
			model_blocks(n, out, 1);
			break;
		case HERALD_NODE_QUOTE:
			buf_puts(out, "quote{\n");
			if (herald_node_title(n))
				model_text_line(out, "p:{strong:", herald_node_title(n));
			model_blocks(n, out, 1);
			if (herald_node_speaker(n))
				model_text_line(out, "p:\xE2\x80\x94 ", herald_node_speaker(n));
			buf_puts(out, "}\n");
			break;
		case HERALD_NODE_TURN:
			buf_puts(out, "p:{strong:");
			buf_puts(out, model_turn_label(n));
			buf_puts(out, ":} ");
			model_inlines(n, out);
			buf_puts(out, "\n");
			break;
		default: {
			char *text = herald_node_plain_text(n);
			/* a blank paragraph is left out */
			int empty = strspn(text, " \t\n\r") == strlen(text);
			if (!empty && herald_node_has_tag(n, "caption") &&
			    !edge_blank(text, 0) && !edge_blank(text, 1)) {
				buf_puts(out, "p:{em:");    /* a caption */
				model_inlines(n, out);
				buf_puts(out, "}\n");
			} else if (!empty) {
				buf_puts(out, "p:");
				model_inlines(n, out);
				buf_puts(out, "\n");
			}
			free(text);
			break;
		}
		}
		any = 1;
	}
	return any;
}

static char *model_markdown(const herald_doc *doc)
{
	const char *title = herald_doc_meta(doc, HERALD_META_TITLE);
	const char *date = herald_doc_meta(doc, HERALD_META_DATE);
	buf out = { 0 };
	int any = title || date;

	buf_puts(&out, "");
	if (any && !md_spec.front_matter)
		model_text_line(&out, "h1:", title ? title : date);
	if (title && date && !md_spec.front_matter)
		model_text_line(&out, "p:{em:", date);
	model_blocks(herald_doc_root(doc), &out, any);
	return out.s;
}

/* The lines the writer adds under headings, one "p:{em:...}" each after
 * a newline: the date, each item's tags and speaker. */
static char *model_label_lines(const herald_doc *doc)
{
	buf out = { 0 };
	herald_walker w;

	buf_puts(&out, "\n");
	if (herald_doc_meta(doc, HERALD_META_TITLE) &&
	    herald_doc_meta(doc, HERALD_META_DATE))
		model_text_line(&out, "p:{em:",
		                herald_doc_meta(doc, HERALD_META_DATE));
	herald_walker_init(&w, herald_doc_root(doc));
	while (herald_walker_next(&w) != HERALD_WALK_DONE)
		if (w.event == HERALD_WALK_ENTER &&
		    herald_node_type_of(w.node) == HERALD_NODE_ITEM) {
			model_item_line(&out, w.node);
			if (!herald_node_title(w.node))
				model_text_line(&out, "h:", model_kind_label(w.node));
		}
	return out.s;
}

/* The text of cmark inlines from first on. */
static void md_text(cmark_node *first, buf *out)
{
	for (cmark_node *n = first; n; n = cmark_node_next(n)) {
		cmark_node_type type = cmark_node_get_type(n);
		if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
			buf_puts(out, " ");
		else if (type == CMARK_NODE_HTML_INLINE)
			continue;                   /* an anchor, not text */
		else if (cmark_node_get_literal(n))
			buf_puts(out, cmark_node_get_literal(n));
		md_text(cmark_node_first_child(n), out);
	}
}

static int is_type(cmark_node *n, cmark_node_type type)
{
	return n && cmark_node_get_type(n) == type;
}

/* Whether the text of a cmark node ends with ':' (a turn's label alone,
 * over a turn without text). */
static int ends_in_colon(cmark_node *node)
{
	buf text = { 0 };
	int colon;

	buf_puts(&text, "");
	md_text(cmark_node_first_child(node), &text);
	colon = text.len > 0 && text.s[text.len - 1] == ':';
	free(text.s);
	return colon;
}

/* Whether a lone emphasis under a heading is one of the lines the writer
 * adds (the date, an item's tags and speaker), not a caption: the text
 * is one the model gives as such a line. */
static const char *md_layout;           /* model_label_lines() of the doc */

static int is_label(const char *prefix, const char *text, const char *end)
{
	buf line = { 0 };
	int found;

	buf_puts(&line, prefix);
	buf_puts(&line, text);
	buf_puts(&line, end);
	found = md_layout && strstr(md_layout, line.s);
	free(line.s);
	return found;
}

static int is_label_line(cmark_node *emph)
{
	buf text = { 0 };
	int found;

	buf_puts(&text, "");
	md_text(cmark_node_first_child(emph), &text);
	found = is_label("\np:{em:", text.s, "}\n");
	free(text.s);
	return found;
}

/* A heading's text without its " {#i3}" anchor; whether it is then an
 * untitled item's kind label ("Statement"), which is no word of the
 * model. */
static int strip_anchor(buf *text)
{
	char *open = strrchr(text->s, '{');

	if (strcmp(md_spec.anchors, "attributes") == 0 && open &&
	    open > text->s && open[-1] == ' ' && open[1] == '#' &&
	    text->s[text->len - 1] == '}') {
		text->len = (size_t)(open - 1 - text->s);
		text->s[text->len] = '\0';
	}
	return is_label("\nh:", text->s, "\n");
}

/* Words of the parsed Markdown without its labels: the lone-emphasis line
 * under a heading (date, tags), a turn's leading bold label, the "—"
 * before a quote's author.  Compared with the model's words exactly. */
static void md_words(cmark_node *parent, wt_words *words)
{
	static const char dash[] = "\xE2\x80\x94";

	for (cmark_node *n = cmark_node_first_child(parent); n;
	     n = cmark_node_next(n)) {
		cmark_node *first = cmark_node_first_child(n);
		buf text = { 0 };

		if (!is_type(n, CMARK_NODE_PARAGRAPH) &&
		    !is_type(n, CMARK_NODE_HEADING)) {
			md_words(n, words);
			continue;
		}
		if (is_type(first, CMARK_NODE_EMPH) && !cmark_node_next(first) &&
		    is_type(cmark_node_previous(n), CMARK_NODE_HEADING) &&
		    is_label_line(first))
			continue;                       /* date or tags line */
		if (is_type(n, CMARK_NODE_PARAGRAPH) &&
		    is_type(first, CMARK_NODE_STRONG) &&
		    (cmark_node_next(first) || ends_in_colon(first)))
			first = cmark_node_next(first);  /* a turn's label */
		buf_puts(&text, "");
		md_text(first, &text);
		if (is_type(n, CMARK_NODE_HEADING) && strip_anchor(&text)) {
			free(text.s);
			continue;                       /* an untitled item's */
		}
		if (is_type(parent, CMARK_NODE_BLOCK_QUOTE) && !cmark_node_next(n) &&
		    strncmp(text.s, dash, strlen(dash)) == 0)
			wt_words_add(words, text.s + strlen(dash));  /* author */
		else
			wt_words_add(words, text.s);
		free(text.s);
	}
}

/* --- front matter, read back by libyaml --- */

static yaml_node_t *fm_get(yaml_document_t *yaml, yaml_node_t *map,
                           const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(yaml, p->key);
		if (k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(yaml, p->value);
	}
	return NULL;
}

static void assert_scalar(yaml_node_t *node, const char *want,
                          const char *what)
{
	if (!node || node->type != YAML_SCALAR_NODE ||
	    strcmp((const char *)node->data.scalar.value, want) != 0)
		fail_msg("front matter %s is not \"%s\"", what, want);
}

/* The page title the front matter must hold: the writers' title line. */
static const char *model_page_title(const herald_doc *doc)
{
	static const herald_meta order[] = { HERALD_META_TITLE,
		HERALD_META_DATE, HERALD_META_SOURCE };

	for (size_t i = 0; i < 3; i++) {
		const char *s = herald_doc_meta(doc, order[i]);
		if (s && order[i] == HERALD_META_SOURCE)   /* its name only */
			s = strrchr(s, '/') ? strrchr(s, '/') + 1 : s;
		if (s && *s && strcmp(s, "-") != 0)
			return s;
	}
	return herald_lang_label(herald_lang_find(herald_doc_meta(doc,
		HERALD_META_LANGUAGE)), "bulletin");
}

static int has_string(yaml_document_t *yaml, yaml_node_t *seq,
                      const char *s)
{
	if (!seq || seq->type != YAML_SEQUENCE_NODE)
		return 0;
	for (yaml_node_item_t *i = seq->data.sequence.items.start;
	     i < seq->data.sequence.items.top; i++) {
		yaml_node_t *n = yaml_document_get_node(yaml, *i);
		if (strcmp((const char *)n->data.scalar.value, s) == 0)
			return 1;
	}
	return 0;
}

/* The front matter between md's "---" lines, parsed by libyaml: title,
 * date (plain when ISO, so a YAML date), every item tag, every free
 * field under "fields".  Returns where the Markdown body starts. */
static const char *check_front_matter(const herald_doc *doc, const char *md)
{
	const char *date = herald_doc_meta(doc, HERALD_META_DATE);
	const char *end = strstr(md, "\n---\n\n");
	yaml_parser_t parser;
	yaml_document_t yaml;
	yaml_node_t *root, *node, *fields;

	if (strncmp(md, "---\n", 4) != 0 || !end)
		fail_msg("no front matter:\n%s", md);
	assert_true(yaml_parser_initialize(&parser));
	yaml_parser_set_input_string(&parser, (const unsigned char *)md,
	                             (size_t)(end + 1 - md));
	if (!yaml_parser_load(&parser, &yaml))
		fail_msg("front matter is not YAML: %s", parser.problem);
	root = yaml_document_get_root_node(&yaml);
	node = fm_get(&yaml, root, "title");
	assert_scalar(node, model_page_title(doc), "title");
	assert_int_equal(node->data.scalar.style, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	/* a day that exists as "date", a YAML date; any other as the
	 * string "date_text"; the value either way */
	node = fm_get(&yaml, root, "date");
	if (!node)
		node = fm_get(&yaml, root, "date_text");
	else
		assert_null(fm_get(&yaml, root, "date_text"));
	if (date) {
		assert_scalar(node, date, "date");
		assert_int_equal(node->data.scalar.style,
		                 fm_get(&yaml, root, "date")
		                 ? YAML_PLAIN_SCALAR_STYLE
		                 : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	} else {
		assert_null(node);
	}
	for (herald_node *i = herald_node_first_child(herald_doc_root(doc)); i;
	     i = herald_node_next(i))
		for (size_t t = 0; herald_node_type_of(i) == HERALD_NODE_ITEM &&
		     t < herald_node_tag_count(i); t++)
			if (!has_string(&yaml, fm_get(&yaml, root, "tags"),
			                herald_node_tag(i, t)))
				fail_msg("front matter tags lack \"%s\"",
				         herald_node_tag(i, t));
	fields = fm_get(&yaml, root, "fields");
	for (size_t i = 0; i < herald_doc_field_count(doc); i++)
		assert_scalar(fm_get(&yaml, fields, herald_doc_field_key(doc, i)),
		              herald_doc_field_value(doc, i),
		              herald_doc_field_key(doc, i));
	yaml_document_delete(&yaml);
	yaml_parser_delete(&parser);
	return end + 6;
}

static void check_markdown_with(const herald_doc *doc, const wt_words *model,
                                const char *spec)
{
	char *md = wt_render(doc, spec);
	const char *body;
	cmark_node *parsed;
	buf seen = { 0 };
	char *want, *want_n, *seen_n, *labels;
	wt_words words = { 0 };

	md_spec.front_matter = !strstr(spec, "front-matter=false");
	md_spec.anchors = strstr(spec, "anchors=html") ? "html"
	                : strstr(spec, "anchors=none") ? "none" : "attributes";
	body = md_spec.front_matter ? check_front_matter(doc, md) : md;
	parsed = cmark_parse_document(body, strlen(body), CMARK_OPT_DEFAULT);
	want = model_markdown(doc);
	labels = model_label_lines(doc);
	buf_puts(&seen, "");
	md_blocks(parsed, &seen);
	want_n = normalise(want);
	seen_n = normalise(seen.s);
	if (strcmp(want_n, seen_n) != 0) {
		fprintf(stderr, "--- %s output:\n%s\n--- parsed back:\n%s\n"
		        "--- expected:\n%s\n", spec, md, seen_n, want_n);
		fail_msg("%s: markdown does not parse back to the document", spec);
	}
	/* the title line is the front matter's title (checked there) */
	if (md_spec.front_matter && (herald_doc_meta(doc, HERALD_META_TITLE) ||
	                             herald_doc_meta(doc, HERALD_META_DATE)))
		wt_words_add(&words, model_page_title(doc));
	md_layout = labels;
	md_words(parsed, &words);
	md_layout = NULL;
	free(labels);
	wt_assert_same_words(model, &words, spec);

	wt_words_free(&words);
	free(want);
	free(want_n);
	free(seen_n);
	free(seen.s);
	cmark_node_free(parsed);
	free(md);
}

static void check_markdown(const herald_doc *doc, const wt_words *model)
{
	check_markdown_with(doc, model, "markdown");
	check_markdown_with(doc, model, "markdown:width=20");
	check_markdown_with(doc, model, "markdown:width=1");
	check_markdown_with(doc, model, "markdown:front-matter=false");
	check_markdown_with(doc, model,
	                    "markdown:front-matter=false,anchors=html,width=20");
	check_markdown_with(doc, model, "markdown:anchors=none");
}

/* --- every writer on one document ------------------------------------------- */

static void check_all_writers(const herald_doc *doc)
{
	wt_words model = { 0 };

	wt_model_words(doc, &model);
	check_json(doc, &model);
	check_text(doc);
	check_markdown(doc, &model);
	wt_words_free(&model);
}

static int need_writers(void)
{
	return wt_have("json", HERALD_ROLE_WRITER) &&
	       wt_have("json", HERALD_ROLE_READER) &&
	       wt_have("text", HERALD_ROLE_WRITER) &&
	       wt_have("markdown", HERALD_ROLE_WRITER);
}

static void test_writers_hostile_text_stays_literal(void **state)
{
	herald_doc *doc = hostile_doc();

	assert_true(need_writers());
	check_all_writers(doc);
	herald_doc_free(doc);
}

/* The front matter of the hostile document, byte for byte as libyaml
 * writes it, and read back (check_front_matter) for titles YAML would
 * misread if written by hand: colons, quotes, '#', a leading '-' or '?',
 * "true", a number, line breaks, controls and U+2028, non-ASCII. */
static void test_writers_front_matter_escapes_yaml(void **state)
{
	static const char *const titles[] = {
		"a: b", "- item", "? key", "# not a comment", "true", "2031",
		"'single' \"double\"", "tab\there\nnew \x01 \xC2\x85 "
		"\xE2\x80\xA8 done", "Caf\xC3\xA9 \xE5\xB8\x82\xE6\x94\xBF "
		"\xD8\xA7\xD9\x84\xD9\x82\xD8\xA7\xD9\x87\xD8\xB1\xD8\xA9",
		"ends with space ", "---", "...", "{#x}", "[a, b]", "@at `tick`",
		"%YAML", "*alias &anchor !tag |"
	};
	herald_doc *doc = hostile_doc();
	char *md = wt_render(doc, "markdown");
	const char *want =
		"---\n"
		"title: \"# 2 April \\\"2031\\\" \\\\ <b>&amp;</b> ]]>\"\n"
		"date: 2031-04-02\n"
		"time: \"10:51 A.M. EDT\"\n"
		"author: \"A. *Writer* <b>\"\n"
		"lang: \"en\"\n"
		"tags: [\"video\"]\n"
		"source: \"hostile: 'file'.txt\"\n"
		"source_url: \"https://example.com/news?a=1&b=\\\"2\\\"\"\n"
		/* free fields nested, so that none can be "draft" or "url" */
		"fields:\n"
		"  \"category\": \"city: \\\"harbour\\\"\"\n"
		"  \"key with spaces\": \"- a\\nb\"\n"
		"  \"title\": \"a field named like a meta key\"\n"
		"---\n\n";

	if (strncmp(md, want, strlen(want)) != 0)
		fail_msg("front matter:\n%s\nexpected:\n%s", md, want);
	free(md);
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		herald_doc_set_meta(doc, HERALD_META_TITLE, titles[i]);
		md = wt_render(doc, "markdown");
		check_front_matter(doc, md);
		free(md);
	}
	/* a date no site generator can read is kept as a string */
	{
		static const char *const bad[] = { "yesterday", "2023-02-30",
			"2023-13-01", "2023-03", "2023-03-14T10:00" };
		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			herald_doc_set_meta(doc, HERALD_META_DATE, bad[i]);
			md = wt_render(doc, "markdown");
			check_front_matter(doc, md);
			assert_null(strstr(md, "\ndate:"));
			assert_non_null(strstr(md, "\ndate_text: \""));
			free(md);
		}
		herald_doc_set_meta(doc, HERALD_META_DATE, "2024-02-29");
		md = wt_render(doc, "markdown");
		assert_non_null(strstr(md, "\ndate: 2024-02-29\n"));
		free(md);
	}
	/* the source's name only: no folder of the converting machine */
	herald_doc_set_meta(doc, HERALD_META_SOURCE, "/home/ed/in/2031/x.txt");
	herald_doc_set_meta(doc, HERALD_META_TITLE, NULL);
	herald_doc_set_meta(doc, HERALD_META_DATE, NULL);
	md = wt_render(doc, "markdown");
	check_front_matter(doc, md);
	assert_non_null(strstr(md, "\ntitle: \"x.txt\"\n"));
	assert_non_null(strstr(md, "\nsource: \"x.txt\"\n"));
	assert_null(strstr(md, "/home/"));
	free(md);
	/* so with html's <title> and tei's (before, html's was the path) */
	md = wt_render(doc, "html:standalone=true");
	assert_non_null(strstr(md, "<title>x.txt</title>"));
	assert_null(strstr(md, "/home/"));
	free(md);
	md = wt_render(doc, "tei");
	assert_non_null(strstr(md, "<title>x.txt</title>"));
	assert_null(strstr(md, "/home/"));
	free(md);
	herald_doc_free(doc);
}

static void test_writers_plain_tree(void **state)
{
	/* What the plain reader gives: paragraphs only, no metadata. */
	herald_doc *doc = herald_doc_new();
	char *text;

	add_block(herald_doc_root(doc), HERALD_NODE_PARAGRAPH, "One.");
	add_block(herald_doc_root(doc), HERALD_NODE_PARAGRAPH, "Two\nlines.");
	check_all_writers(doc);
	text = wt_render(doc, "text");
	assert_string_equal(text, "One.\n\nTwo lines.\n");
	free(text);
	herald_doc_free(doc);
}

static void test_writers_examples(void **state)
{
	size_t count;
	char **examples = wt_examples(&count);

	if (count == 0 || !wt_have("bulletin", HERALD_ROLE_READER)) {
		wt_free_list(examples, count);
		skip();
	}
	for (size_t i = 0; i < count; i++) {
		static const char *const chains[] = { "bulletin",
		                                      "bulletin ! segment" };
		for (size_t c = 0; c < 2; c++) {
			herald_doc *doc;
			if (c == 1 && !wt_have("segment", HERALD_ROLE_TRANSFORM))
				continue;
			doc = wt_read_file(chains[c], examples[i]);
			check_all_writers(doc);
			herald_doc_free(doc);
		}
	}
	wt_free_list(examples, count);
}

/* The real sample: the same checks, plus its shape as the writers show it
 * (counted from the model, so no text of it is kept here). */
static size_t count_lines_starting(const char *text, const char *prefix)
{
	size_t n = 0, len = strlen(prefix);

	for (const char *line = text; line; line = strchr(line, '\n')) {
		line += *line == '\n';
		n += strncmp(line, prefix, len) == 0;
	}
	return n;
}

static void test_writers_real_sample(void **state)
{
	char *path = wt_real_sample();
	herald_doc *doc;
	size_t titled = 0, videos = 0, quotes = 0, items = 0, json_items = 0;
	char *md, *json;

	if (!path || !wt_have("bulletin", HERALD_ROLE_READER)) {
		free(path);
		skip();
	}
	doc = wt_read_file(wt_have("segment", HERALD_ROLE_TRANSFORM)
	                   ? "bulletin ! segment" : "bulletin", path);
	check_all_writers(doc);
	for (herald_node *n = herald_node_first_child(herald_doc_root(doc)); n;
	     n = herald_node_next(n)) {
		titled += herald_node_type_of(n) == HERALD_NODE_ITEM &&
		          herald_node_title(n);
		videos += herald_node_has_tag(n, "video");
		quotes += herald_node_type_of(n) == HERALD_NODE_QUOTE;
		items += herald_node_type_of(n) == HERALD_NODE_ITEM;
	}
	assert_true(titled > 0);
	md = wt_render(doc, "markdown");
	/* every item has a heading, an untitled one its kind's */
	assert_int_equal(count_lines_starting(md, "## "), items);
	assert_int_equal(count_lines_starting(md, "*Tags: video"), videos);
	assert_int_equal(count_lines_starting(md, "> **"), quotes);
	json = wt_render(doc, "json:pretty=false");
	for (const char *at = json; (at = strstr(at, "{\"type\":\"item\"")); at++)
		json_items++;
	assert_int_equal(json_items, items);
	free(json);
	free(md);
	herald_doc_free(doc);
	free(path);
}

/* --- lists, headings, labels, soft breaks ------------------------------------ */

/* A small document with every new block, rendered exactly. */
static herald_doc *structure_doc(const char *lang)
{
	herald_doc *doc = herald_doc_new();
	herald_node *root = herald_doc_root(doc), *item, *list, *e, *t;

	herald_doc_set_meta(doc, HERALD_META_TITLE, "Day");
	if (lang)
		herald_doc_set_meta(doc, HERALD_META_LANGUAGE, lang);
	item = add_node(root, HERALD_NODE_ITEM);
	herald_node_set_title(item, "Item");
	herald_node_add_tag(item, "video");
	add_block(item, HERALD_NODE_HEADING, "Part");
	list = add_node(item, HERALD_NODE_LIST);
	herald_node_set_list(list, HERALD_LIST_ORDERED, 9);
	add_block(add_node(list, HERALD_NODE_LIST_ITEM), HERALD_NODE_PARAGRAPH,
	          "nine");
	e = add_node(list, HERALD_NODE_LIST_ITEM);
	add_block(e, HERALD_NODE_PARAGRAPH, "ten");
	add_block(add_node(add_node(e, HERALD_NODE_LIST), HERALD_NODE_LIST_ITEM),
	          HERALD_NODE_PARAGRAPH, "inner");
	add_block(e, HERALD_NODE_PARAGRAPH, "ten again");
	add_block(item, HERALD_NODE_PARAGRAPH, "After.");
	item = add_node(root, HERALD_NODE_ITEM);
	herald_node_set_title(item, "Talk");
	herald_node_set_item_kind(item, HERALD_ITEM_INTERVIEW);
	t = add_block(item, HERALD_NODE_TURN, "Q?");
	herald_node_set_role(t, HERALD_SPEAKER_INTERVIEWER);
	t = add_block(item, HERALD_NODE_TURN, "A.");
	herald_node_set_role(t, HERALD_SPEAKER_INTERVIEWEE);
	return doc;
}

static void test_writers_text_lists_and_headings(void **state)
{
	herald_doc *doc = structure_doc(NULL);
	char *text = wt_render(doc, "text");
	char *ids = wt_render(doc, "text:ids=true");

	assert_string_equal(text,
		"Day\n\n\nItem\n\nPart\n\n9. nine\n10. ten\n    - inner\n"
		"    ten again\n\nAfter.\n\n\nTalk\n\nQ?\n\nA.\n");
	assert_non_null(strstr(ids, "\ni1.h1\tPart\n"));
	assert_non_null(strstr(ids, "\ni1.l1.e2.l1.e1.p1\t    - inner\n"));
	free(ids);
	free(text);
	herald_doc_free(doc);

	/* an entry that starts with a nested list shows its marker alone */
	doc = herald_doc_new();
	herald_node *list = add_node(herald_doc_root(doc), HERALD_NODE_LIST);
	herald_node_set_list(list, HERALD_LIST_ORDERED, 1);
	herald_node *e = add_node(list, HERALD_NODE_LIST_ITEM);
	add_block(add_node(add_node(e, HERALD_NODE_LIST), HERALD_NODE_LIST_ITEM),
	          HERALD_NODE_PARAGRAPH, "inside");
	add_block(add_node(list, HERALD_NODE_LIST_ITEM), HERALD_NODE_PARAGRAPH,
	          "second");
	text = wt_render(doc, "text");
	assert_string_equal(text, "1.\n   - inside\n2. second\n");
	ids = wt_render(doc, "text:ids=true");
	assert_string_equal(ids, "l1.e1\t1.\nl1.e1.l1.e1.p1\t   - inside\n"
	                    "l1.e2.p1\t2. second\n");
	free(ids);
	free(text);
	herald_doc_free(doc);
}

static void test_writers_markdown_lists_and_headings(void **state)
{
	herald_doc *doc = structure_doc(NULL);
	char *md = wt_render(doc, "markdown");

	assert_non_null(strstr(md, "## Item {#i1}\n\n*Tags: video*\n\n### Part\n\n"
	                       "9.  nine\n\n10. ten\n"));  /* loose: an entry has 3 blocks */
	assert_non_null(strstr(md, "**Interviewer:** Q?"));
	assert_non_null(strstr(md, "**Interviewee:** A."));
	free(md);
	herald_doc_free(doc);
}

/* A long ordered list goes out in runs of 1000 entries (cmark's renderer
 * is quadratic in one list's entries), numbered on without a gap. */
static void test_writers_markdown_long_ordered_list(void **state)
{
	enum { N = 2500 };
	herald_doc *doc = herald_doc_new();
	herald_node *list = add_node(herald_doc_root(doc), HERALD_NODE_LIST);
	char text[32], *md;
	cmark_node *parsed, *n;
	int lists = 0, entries = 0;

	herald_node_set_list(list, HERALD_LIST_ORDERED, 5);
	for (int i = 0; i < N; i++) {
		snprintf(text, sizeof text, "entry %d", i);
		add_block(add_node(list, HERALD_NODE_LIST_ITEM),
		          HERALD_NODE_PARAGRAPH, text);
	}
	md = wt_render(doc, "markdown");
	parsed = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	for (n = cmark_node_first_child(parsed); n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_LIST)
			continue;
		assert_int_equal(cmark_node_get_list_start(n), 5 + entries);
		for (cmark_node *e = cmark_node_first_child(n); e;
		     e = cmark_node_next(e))
			entries++;
		lists++;
	}
	assert_int_equal(lists, 3);
	assert_int_equal(entries, N);
	assert_non_null(strstr(md, "1004. entry 999\n"));
	assert_non_null(strstr(md, "1005. entry 1000\n"));
	cmark_node_free(parsed);
	free(md);
	herald_doc_free(doc);
}

/* The words writers print come from the document's language pack; a
 * language without a pack, or a key a pack lacks, falls back to the
 * generic (English) words. */
static void test_writers_labels_follow_the_language(void **state)
{
	static const struct {
		const char *lang;
		const char *tags, *interviewer, *interviewee;
	} cases[] = {
		{ "de", "*Schlagw\xC3\xB6rter: video*", "**Interviewer:**",
		  "**Befragte Person:**" },
		{ "de-AT", "*Schlagw\xC3\xB6rter: video*", "**Interviewer:**",
		  "**Befragte Person:**" },
		{ "ru", "*\xD0\xA2\xD0\xB5\xD0\xB3\xD0\xB8: video*",
		  "**\xD0\x98\xD0\xBD\xD1\x82\xD0\xB5\xD1\x80\xD0\xB2\xD1\x8C"
		  "\xD1\x8E\xD0\xB5\xD1\x80:**", "**\xD0\xA1\xD0\xBE" },
		{ "zh", "*\xE6\xA0\x87\xE7\xAD\xBE: video*",
		  "**\xE9\x87\x87\xE8\xAE\xBF\xE8\x80\x85:**",
		  "**\xE5\x8F\x97\xE8\xAE\xBF\xE8\x80\x85:**" },
		{ "xx", "*Tags: video*", "**Interviewer:**", "**Interviewee:**" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		herald_doc *doc = structure_doc(cases[i].lang);
		char *md = wt_render(doc, "markdown");
		if (!strstr(md, cases[i].tags) || !strstr(md, cases[i].interviewer) ||
		    !strstr(md, cases[i].interviewee))
			fail_msg("%s: labels not from its pack:\n%s", cases[i].lang,
			         md);
		free(md);
		herald_doc_free(doc);
	}
	/* the generic pack holds every key the writers ask for */
	static const char *const keys[] = {
		"interviewer", "interviewee", "unknown-speaker", "tags", "speaker",
		"kind-news", "kind-statement", "kind-interview", "kind-speech",
		"byline-news", "byline-statement", "byline-interview",
		"byline-speech", "epigraph", "bulletin", "corpus", "corpus-count",
	};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		if (strcmp(herald_lang_label(NULL, keys[k]), keys[k]) == 0)
			fail_msg("und/writer.txt lacks \"%s\"", keys[k]);
	assert_string_equal(herald_lang_label(NULL, "no-such-key"),
	                    "no-such-key");
}

/* Chinese hard-wrapped text: the line break between two Han characters
 * is not a space in text or Markdown; between Latin words it is. */
static void test_writers_soft_breaks_in_spaceless_scripts(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *p = add_node(herald_doc_root(doc), HERALD_NODE_PARAGRAPH);
	herald_node *e;
	char *text, *md;

	add_text(p, "\xE5\xB8\x82\xE6\x94\xBF\xE5\xBA\x9C\n"
	         "\xE4\xBB\x8A\xE5\xA4\xA9 and\nmore \xE4\xBC\x9A\n");
	e = add_node(p, HERALD_NODE_EMPH);
	add_text(e, "\xE8\xAE\xAE");
	add_text(p, "\xE3\x80\x82");
	text = wt_render(doc, "text");
	md = wt_render(doc, "markdown:front-matter=false");
	{
		/* titles follow the same rule */
		herald_doc *titled = herald_doc_new();
		herald_node *item = add_node(herald_doc_root(titled),
		                             HERALD_NODE_ITEM);
		char *t;
		herald_node_set_title(item, "\xE6\x96\xB0\n\xE9\x97\xBB a\nb");
		t = wt_render(titled, "markdown:front-matter=false");
		assert_string_equal(t, "## \xE6\x96\xB0\xE9\x97\xBB a b {#i1}\n");
		free(t);
		t = wt_render(titled, "text");
		assert_string_equal(t, "\xE6\x96\xB0\xE9\x97\xBB a b\n");
		free(t);
		herald_doc_free(titled);
	}
	assert_string_equal(text, "\xE5\xB8\x82\xE6\x94\xBF\xE5\xBA\x9C"
	                    "\xE4\xBB\x8A\xE5\xA4\xA9 and more \xE4\xBC\x9A"
	                    "\xE8\xAE\xAE\xE3\x80\x82\n");
	assert_string_equal(md, "\xE5\xB8\x82\xE6\x94\xBF\xE5\xBA\x9C"
	                    "\xE4\xBB\x8A\xE5\xA4\xA9 and more \xE4\xBC\x9A"
	                    "*\xE8\xAE\xAE*\xE3\x80\x82\n");
	free(md);
	free(text);
	herald_doc_free(doc);
}

/* --- the json reader -------------------------------------------------------- */

/* The example in doc/json.md is a real document: the reader takes it and
 * the writer gives back the same bytes. */
static void test_json_doc_example_round_trips(void **state)
{
	const char *top = getenv("top_srcdir");
	char path[4096], *md, *start, *end, *again;
	herald_doc *doc;

	snprintf(path, sizeof(path), "%s/doc/json.md", top ? top : ".");
	md = wt_slurp(path, NULL);
	assert_non_null(md);
	start = strstr(md, "```json\n");
	assert_non_null(start);
	start += strlen("```json\n");
	end = strstr(start, "```");
	assert_non_null(end);
	*end = '\0';
	doc = wt_read_data("json", "example.json", start, strlen(start));
	assert_string_equal(herald_doc_meta(doc, HERALD_META_SOURCE),
	                    "example.txt");
	again = wt_render(doc, "json");
	assert_string_equal(again, start);
	free(again);
	herald_doc_free(doc);
	free(md);
}

/* A title that is not the date: a post (front matter, its date never
 * printed) and an article whose date is printed under its heading.  The
 * date is marked up as a date with its own text, never the title; the
 * title of a document that is one item so titled is shown once; the
 * printed date line is kept.  A digest's title is its date line, marked
 * up as the date it is (the examples' golden files). */
/* In out: before needle comes first, and after follows it. */
static void assert_in_order(const char *out, const char *first,
                            const char *then, const char *spec)
{
	const char *a = strstr(out, first), *b = strstr(out, then);

	if (!a || !b || a >= b)
		fail_msg("%s: \"%s\" does not come before \"%s\" in:\n%s", spec,
		         first, then, out);
}

/* The lines a release frames its text with (a release label, a byline,
 * a contact block, a signature), which the reader keeps in free fields,
 * are in every output that shows the words: above the text or under it.
 * Metadata fields are not. */
static void test_writers_show_printed_fields(void **state)
{
	static const char release[] =
		"PRESS RELEASE\n\nHarbour dredging finished\n\n"
		"By Ana Costa\n\nThe dredgers left on Monday.\n\n"
		"Media contact:\nJo Reed, 555 0100\n\n###\n";
	static const char *const specs[] = {
		"html", "html:standalone=true", "text", "text:ids=true",
		"markdown:front-matter=false",
	};
	herald_doc *doc = wt_read_data("bulletin", "release.txt", release,
	                               strlen(release));

	(void)state;
	assert_string_equal(herald_doc_field(doc, "release"), "PRESS RELEASE");
	assert_string_equal(herald_doc_field(doc, "byline"), "By Ana Costa");
	assert_string_equal(herald_doc_field(doc, "contact"),
	                    "Media contact: Jo Reed, 555 0100");
	assert_int_equal(herald_doc_set_field(doc, "signature",
	                                      "Jo Reed / Port Officer"), HERALD_OK);
	assert_int_equal(herald_doc_set_field(doc, "tags", "not-printed-tag"),
	                 HERALD_OK);
	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		char *out = wt_render(doc, specs[i]);
		assert_in_order(out, "PRESS RELEASE", "Harbour dredging", specs[i]);
		assert_in_order(out, "By Ana Costa", "Harbour dredging", specs[i]);
		assert_in_order(out, "left on Monday", "Media contact: Jo Reed",
		                specs[i]);
		assert_in_order(out, "left on Monday", "Jo Reed / Port Officer",
		                specs[i]);
		if (strstr(out, "not-printed-tag"))
			fail_msg("%s shows a metadata field:\n%s", specs[i], out);
		free(out);
	}
	/* html: in the header and in a footer, each a <p> of its key */
	char *html = wt_render(doc, "html");
	assert_in_order(html, "<header>", "<p class=\"byline\">By Ana Costa</p>",
	                "html");
	assert_in_order(html, "</section>\n<footer>\n<p class=\"contact\">",
	                "<p class=\"signature\">Jo Reed / Port Officer</p>\n"
	                "</footer>\n</article>", "html");
	free(html);
	/* with front matter, the fields are its "fields", not the body's */
	char *md = wt_render(doc, "markdown");
	const char *body = strstr(md + 3, "\n---\n");
	assert_non_null(body);
	assert_null(strstr(body, "By Ana Costa"));
	assert_non_null(strstr(md, "By Ana Costa"));
	free(md);
	herald_doc_free(doc);
}

static void test_writers_title_apart_from_date(void **state)
{
	static const char post[] = "---\ntitle: Harbour reopens\n"
	                           "date: 2031-04-02\n---\n\nBoats are back.\n";
	static const char article[] = "# Mayor opens the bridge\n\n"
	                              "(January 23, 2025)\n\nThe mayor opened it.\n";
	static const char digest[] = "2 April 2031\n\nFerry news\n\nIt runs.\n";
	herald_doc *p = wt_read_data("bulletin", "post.md", post, strlen(post));
	herald_doc *a = wt_read_data("bulletin", "article.md", article, strlen(article));
	herald_doc *d = wt_read_data("bulletin", "digest.txt", digest, strlen(digest));

	(void)state;
	assert_null(herald_doc_meta(p, HERALD_META_DATELINE));
	assert_string_equal(herald_doc_meta(a, HERALD_META_DATELINE),
	                    "(January 23, 2025)");
	assert_string_equal(herald_doc_meta(a, HERALD_META_DATE), "2025-01-23");
	assert_string_equal(herald_doc_meta(d, HERALD_META_DATELINE), "2 April 2031");
	assert_string_equal(herald_doc_meta(d, HERALD_META_TITLE), "2 April 2031");

	char *html = wt_render(p, "html");
	assert_non_null(strstr(html, "<p class=\"dateline\"><time datetime="
	                             "\"2031-04-02\">2031-04-02</time></p>"));
	assert_null(strstr(html, "<h1>"));
	assert_non_null(strstr(html, "<h2>Harbour reopens"));
	free(html);
	html = wt_render(a, "html");
	assert_non_null(strstr(html, "<time datetime=\"2025-01-23\">"
	                             "(January 23, 2025)</time>"));
	assert_null(strstr(html, ">Mayor opens the bridge</time>"));
	free(html);
	html = wt_render(d, "html");
	assert_non_null(strstr(html, "<h1><time datetime=\"2031-04-02\">"
	                             "2 April 2031</time></h1>"));
	assert_null(strstr(html, "dateline"));
	free(html);

	char *tei = wt_render(a, "tei");
	assert_non_null(strstr(tei, "<docDate when=\"2025-01-23\">"
	                            "(January 23, 2025)</docDate>"));
	free(tei);
	tei = wt_render(p, "tei");
	assert_non_null(strstr(tei, "<docDate when=\"2031-04-02\">2031-04-02"
	                            "</docDate>"));
	assert_null(strstr(tei, ">Harbour reopens</date"));
	free(tei);

	char *text = wt_render(p, "text");
	const char *first = strstr(text, "Harbour reopens");
	assert_non_null(first);
	assert_null(strstr(first + 1, "Harbour reopens"));
	free(text);
	text = wt_render(a, "text");
	assert_non_null(strstr(text, "(January 23, 2025)"));
	free(text);

	char *md = wt_render(p, "markdown:front-matter=false");
	assert_null(strstr(md, "# Harbour reopens\n"));
	assert_non_null(strstr(md, "*2031-04-02*"));
	assert_non_null(strstr(md, "## Harbour reopens"));
	free(md);
	md = wt_render(a, "markdown:front-matter=false");
	assert_non_null(strstr(md, "*(January 23, 2025)*"));
	free(md);
	md = wt_render(d, "markdown:front-matter=false");
	assert_non_null(strstr(md, "# 2 April 2031\n\n*2031-04-02*"));
	free(md);
	herald_doc_free(p);
	herald_doc_free(a);
	herald_doc_free(d);
}

/* A version 1 document (before lists and free fields) still reads, and
 * writes back as version 2 with the same model. */
static void test_json_reads_version_1(void **state)
{
	static const char v1[] =
		"{\"herald\": 1, \"meta\": {\"date\": \"2031-04-02\", "
		"\"title\": null, \"source\": \"old.txt\", \"language\": \"en\", "
		"\"identifier\": null}, \"root\": {\"type\": \"document\", "
		"\"children\": [{\"type\": \"item\", \"title\": \"Old\", "
		"\"kind\": \"news\", \"children\": [{\"type\": \"paragraph\", "
		"\"children\": [{\"type\": \"text\", \"text\": \"Still read.\"}]}]}]}}";
	herald_doc *doc = wt_read_data("json", "old.json", v1, strlen(v1));
	char *again = wt_render(doc, "json:pretty=false");
	herald_node *item = herald_node_first_child(herald_doc_root(doc));

	assert_string_equal(herald_doc_meta(doc, HERALD_META_SOURCE), "old.txt");
	assert_null(herald_doc_meta(doc, HERALD_META_AUTHOR));
	assert_string_equal(herald_node_title(item), "Old");
	assert_non_null(strstr(again, "{\"herald\":2,"));
	assert_non_null(strstr(again, "\"layout\":null,\"dateline\":null},\"fields\":{},"));
	assert_non_null(strstr(again, "\"text\":\"Still read.\""));
	free(again);
	herald_doc_free(doc);
}

/* text and plain lead a turn with its label as printed; a caption is a
 * paragraph like any other there. */
static void test_writers_text_shows_labels(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *item = add_node(herald_doc_root(doc), HERALD_NODE_ITEM);
	herald_node *p = add_block(item, HERALD_NODE_PARAGRAPH, "A caption");
	herald_node *t;
	char *text;

	herald_node_add_tag(p, "caption");
	t = add_block(item, HERALD_NODE_TURN, " Good\nafternoon. ");
	herald_node_set_label(t, "MS.\tPSAKI");
	herald_node_set_speaker(t, "Jen Psaki");
	t = add_block(item, HERALD_NODE_TURN, "- A dash turn.");
	t = add_node(item, HERALD_NODE_TURN);
	herald_node_set_label(t, "Q");
	text = wt_render(doc, "text");
	assert_string_equal(text, "A caption\n\nMS. PSAKI: Good afternoon.\n\n"
	                    "- A dash turn.\n\nQ:\n");
	free(text);
	text = wt_render(doc, "text:ids=true");
	assert_string_equal(text, "i1.p1\tA caption\n\ni1.t1\tMS. PSAKI: Good "
	                    "afternoon.\n\ni1.t2\t- A dash turn.\n\ni1.t3\tQ:\n");
	free(text);
	if (wt_have("plain", HERALD_ROLE_WRITER)) {
		text = wt_render(doc, "plain");
		assert_string_equal(text, "A caption\n\nMS.\tPSAKI:  Good\n"
		                    "afternoon. \n\n- A dash turn.\n\nQ:\n");
		free(text);
	}
	herald_doc_free(doc);
}

/* A turn's label as printed and a paragraph's caption tag: written, read
 * back, written again the same; the person stays apart from the label. */
static void test_json_labels_and_captions_round_trip(void **state)
{
	static const char in[] =
		"{\"herald\": 2, \"root\": {\"type\": \"document\", \"children\": "
		"[{\"type\": \"item\", \"kind\": \"interview\", \"children\": ["
		"{\"type\": \"paragraph\", \"tags\": [\"caption\"], \"children\": "
		"[{\"type\": \"text\", \"text\": \"At the podium\"}]},"
		"{\"type\": \"turn\", \"role\": \"interviewee\", \"speaker\": "
		"\"Jen Psaki\", \"label\": \"MS. PSAKI\", \"children\": "
		"[{\"type\": \"text\", \"text\": \"Hello.\"}]},"
		"{\"type\": \"turn\", \"role\": \"interviewee\", \"speaker\": "
		"\"Jen Psaki\", \"label\": \"Ms. Psaki\", \"children\": []},"
		"{\"type\": \"turn\", \"role\": \"interviewer\", \"children\": []}"
		"]}]}}";
	herald_doc *doc = wt_read_data("json", "in.json", in, strlen(in));
	herald_node *item = herald_node_first_child(herald_doc_root(doc));
	herald_node *caption = herald_node_first_child(item);
	herald_node *t1 = herald_node_next(caption), *t2 = herald_node_next(t1);
	char *out = wt_render(doc, "json:pretty=false"), *again;
	herald_doc *back;

	assert_true(herald_node_has_tag(caption, "caption"));
	assert_string_equal(herald_node_label(t1), "MS. PSAKI");
	assert_string_equal(herald_node_label(t2), "Ms. Psaki");
	assert_string_equal(herald_node_speaker(t2), "Jen Psaki");
	assert_null(herald_node_label(herald_node_next(t2)));
	assert_non_null(strstr(out, "\"type\":\"paragraph\",\"id\":\"i1.p1\","
	                       "\"tags\":[\"caption\"]"));
	assert_non_null(strstr(out, "\"role\":\"interviewee\",\"speaker\":"
	                       "\"Jen Psaki\",\"label\":\"MS. PSAKI\",\"children\""));
	/* a turn has no title, whatever the model's getter says */
	assert_non_null(strstr(out, "\"id\":\"i1.t1\",\"role\""));
	assert_non_null(strstr(out, "\"id\":\"i1.t2\",\"role\""));
	assert_non_null(strstr(out, "{\"herald\":2,"));
	back = wt_read_data("json", "out.json", out, strlen(out));
	again = wt_render(back, "json:pretty=false");
	assert_string_equal(again, out);
	free(again);
	free(out);
	herald_doc_free(back);
	herald_doc_free(doc);
}

/* The new nodes and fields survive a round trip with every attribute. */
static void test_json_round_trips_structure(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_doc *back;
	char *json, *again;
	herald_node *item, *list, *h;

	add_structure(doc);
	json = wt_render(doc, "json");
	back = wt_read_data("json", "s.json", json, strlen(json));
	again = wt_render(back, "json");
	assert_string_equal(again, json);
	assert_string_equal(herald_doc_meta(back, HERALD_META_TIME),
	                    "10:51 A.M. EDT");
	assert_string_equal(herald_doc_meta(back, HERALD_META_LAYOUT), "blank");
	assert_int_equal(herald_doc_field_count(back), 3);
	assert_string_equal(herald_doc_field_key(back, 1), "key with spaces");
	assert_string_equal(herald_doc_field_value(back, 1), "- a\nb");
	item = herald_node_first_child(herald_doc_root(back));
	assert_string_equal(herald_node_lang(item), "de");
	h = herald_node_first_child(item);
	assert_int_equal(herald_node_type_of(h), HERALD_NODE_HEADING);
	list = herald_node_next(herald_node_next(h));
	assert_int_equal(herald_node_type_of(list), HERALD_NODE_LIST);
	list = herald_node_last_child(herald_node_last_child(list));
	assert_int_equal(herald_node_list_type(list), HERALD_LIST_ORDERED);
	assert_int_equal(herald_node_list_start(list), 3);
	assert_string_equal(herald_node_id(herald_node_first_child(
		herald_node_first_child(list))), "i1.l1.e2.l1.e1.p1");
	free(again);
	free(json);
	herald_doc_free(back);
	herald_doc_free(doc);
}

/* Reads text with the json reader; returns its status and the messages. */
static int json_read_fails(const char *text, char *messages, size_t size)
{
	herald_diag *diag = herald_diag_new(NULL);
	herald_pipeline *pipe = herald_pipeline_new(wt_registry());
	herald_input in = { "bad.json", (const unsigned char *)text,
	                    strlen(text) };
	herald_doc *doc = NULL;
	int rc;

	herald_diag_set_file(diag, "bad.json");
	assert_int_equal(herald_pipeline_parse(pipe, "json ! json", diag),
	                 HERALD_OK);
	rc = herald_pipeline_read(pipe, &in, &doc, diag);
	snprintf(messages, size, "%s", herald_diag_text(diag));
	herald_doc_free(doc);
	herald_pipeline_free(pipe);
	herald_diag_free(diag);
	return rc;
}

static void test_json_reader_reports_errors(void **state)
{
	static const struct {
		const char *json;
		const char *message;      /* a part of the expected message */
	} cases[] = {
		{ "{\"herald\": 1,\n  \"root\": [}", "bad.json:2:" },
		{ "", "bad.json:" },
		{ "[]", "must be an object" },
		{ "{\"herald\": 3, \"root\": {\"type\": \"document\"}}",
		  "format version 3" },
		{ "{\"herald\": 0, \"root\": {\"type\": \"document\"}}",
		  "format version 0" },
		/* version 1 has none of version 2's additions */
		{ "{\"herald\": 1, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"list\", \"children\": []}]}}",
		  "unknown node type \"list\"" },
		{ "{\"herald\": 1, \"meta\": {\"author\": \"A\"}, "
		  "\"root\": {\"type\": \"document\"}}", "unknown meta key" },
		{ "{\"herald\": 1, \"fields\": {}, \"root\": {\"type\": \"document\"}}",
		  "unknown top-level key \"fields\"" },
		{ "{\"herald\": 1, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"item\", \"lang\": \"de\", \"kind\": \"news\", "
		  "\"children\": []}]}}", "unknown key \"lang\"" },
		{ "{\"herald\": 1, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"item\", \"kind\": \"interview\", \"children\": "
		  "[{\"type\": \"turn\", \"role\": \"unknown\", \"label\": \"Q\", "
		  "\"children\": []}]}]}}", "unknown key \"label\"" },
		{ "{\"herald\": 1, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"paragraph\", \"tags\": [\"caption\"], "
		  "\"children\": []}]}}", "a paragraph has no \"tags\" in version 1" },
		/* version 2's own rules */
		{ "{\"herald\": 2, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"paragraph\", \"label\": \"Q\", \"children\": []}]}}",
		  "a paragraph has no \"label\"" },
		{ "{\"herald\": 2, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"list\", \"tags\": [\"caption\"], \"children\": []}]}}",
		  "a list cannot have tags" },
		{ "{\"herald\": 2, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"item\", \"kind\": \"news\", \"children\": "
		  "[{\"type\": \"turn\", \"role\": \"unknown\", \"label\": 7, "
		  "\"children\": []}]}]}}", "\"label\" must be a string" },
		{ "{\"herald\": 2, \"fields\": [], \"root\": {\"type\": \"document\"}}",
		  "\"fields\" must be an object" },
		{ "{\"herald\": 2, \"fields\": {\"a\": 1}, "
		  "\"root\": {\"type\": \"document\"}}", "field \"a\" must be a string" },
		{ "{\"herald\": 2, \"fields\": {\"\": \"x\"}, "
		  "\"root\": {\"type\": \"document\"}}", "non-empty key" },
		{ "{\"herald\": 2, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"list\", \"style\": \"roman\", \"children\": []}]}}",
		  "unknown list style \"roman\"" },
		{ "{\"herald\": 2, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"heading\", \"level\": 0, \"children\": []}]}}",
		  "\"level\" must be an integer from 1" },
		{ "{\"herald\": 2, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"paragraph\", \"level\": 2, \"children\": []}]}}",
		  "a paragraph has no \"level\"" },
		{ "{\"herald\": 2, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"list\", \"start\": -1, \"children\": []}]}}",
		  "\"start\" must be a non-negative" },
		{ "{\"herald\": 2, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"list\", \"children\": [{\"type\": \"paragraph\", "
		  "\"children\": []}]}]}}",
		  "root.children[0].children[0]: a list cannot hold a paragraph" },
		{ "{\"herald\": 2, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"paragraph\", \"lang\": \"de\", \"children\": []}]}}",
		  "a paragraph has no \"lang\"" },
		{ "{\"herald\": 1}", "\"root\" is missing" },
		{ "{\"herald\": 1, \"extra\": 0, \"root\": {}}", "unknown top-level" },
		{ "{\"herald\": 1, \"root\": {\"type\": \"item\"}}",
		  "the root must be a document" },
		{ "{\"herald\": 1, \"meta\": {\"colour\": \"red\"}, "
		  "\"root\": {\"type\": \"document\"}}", "unknown meta key" },
		{ "{\"herald\": 1, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"quote\", \"children\": [{\"type\": \"turn\"}]}]}}",
		  "root.children[0].children[0]: a quote cannot hold a turn" },
		{ "{\"herald\": 1, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"paragraph\", \"children\": [{\"type\": \"text\"}]}]}}",
		  "a text node needs" },
		{ "{\"herald\": 1, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"item\", \"kind\": \"gossip\"}]}}",
		  "unknown kind \"gossip\"" },
		{ "{\"herald\": 1, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"paragraph\", \"title\": \"x\"}]}}",
		  "a paragraph has no \"title\"" },
		{ "{\"herald\": 1, \"root\": {\"type\": \"document\", \"line\": -3}}",
		  "non-negative integer" },
		{ "{\"herald\": 1, \"herald\": 1, \"root\": {\"type\": \"document\"}}",
		  "duplicate" },
		{ "{\"herald\": 1, \"root\": {\"type\": \"document\", \"children\": "
		  "[{\"type\": \"paragraph\", \"children\": [{\"type\": \"text\", "
		  "\"text\": \"a\\u0000b\"}]}]}}", "bad.json:1:" },
	};
	char messages[2048];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = json_read_fails(cases[i].json, messages, sizeof(messages));
		if (rc == HERALD_OK || !strstr(messages, cases[i].message))
			fail_msg("case %zu: status %d, messages \"%s\", expected "
			         "\"%s\"", i, rc, messages, cases[i].message);
		assert_non_null(strstr(messages, "error:"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writers_hostile_text_stays_literal),
		cmocka_unit_test(test_writers_front_matter_escapes_yaml),
		cmocka_unit_test(test_writers_plain_tree),
		cmocka_unit_test(test_writers_examples),
		cmocka_unit_test(test_writers_real_sample),
		cmocka_unit_test(test_writers_text_lists_and_headings),
		cmocka_unit_test(test_writers_markdown_lists_and_headings),
		cmocka_unit_test(test_writers_markdown_long_ordered_list),
		cmocka_unit_test(test_writers_labels_follow_the_language),
		cmocka_unit_test(test_writers_soft_breaks_in_spaceless_scripts),
		cmocka_unit_test(test_json_doc_example_round_trips),
		cmocka_unit_test(test_json_reader_reports_errors),
		cmocka_unit_test(test_json_reads_version_1),
		cmocka_unit_test(test_writers_title_apart_from_date),
		cmocka_unit_test(test_writers_show_printed_fields),
		cmocka_unit_test(test_json_round_trips_structure),
		cmocka_unit_test(test_json_labels_and_captions_round_trip),
		cmocka_unit_test(test_writers_text_shows_labels),
	};

	return cmocka_run_group_tests_name("writers", tests, NULL, NULL);
}
