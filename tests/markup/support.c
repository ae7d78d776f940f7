/* support.c - shared by the html and tei writer tests; see support.h. */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>
#include <cmocka.h>

#include <libxml/xpathInternals.h>

#include "support.h"

/* --- a growing string --------------------------------------------------- */

typedef struct strbuf {
	char *s;
	size_t len, cap;
} strbuf;

static void sb_add(strbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_puts(strbuf *b, const char *s)
{
	if (s != NULL)
		sb_add(b, s, strlen(s));
}

static char *sb_take(strbuf *b)
{
	if (b->s == NULL)
		sb_add(b, "", 0);
	return b->s;
}

/* --- plugins ------------------------------------------------------------ */

static herald_registry *registry;

herald_registry *mt_registry(void)
{
	const char *dirs = getenv("HERALD_PLUGIN_PATH");

	if (registry != NULL)
		return registry;
	assert_non_null(dirs);
	registry = herald_registry_new();
	herald_diag *diag = herald_diag_new(stderr);
	/* a module refused elsewhere in the tree is not this test's concern */
	herald_registry_load_dirs(registry, dirs, diag);
	herald_diag_free(diag);
	return registry;
}

int mt_has_plugin(const char *name, herald_role role)
{
	return herald_registry_find(mt_registry(), name, role) != NULL;
}

char *mt_render(const herald_doc *doc, const char *spec, size_t *warnings)
{
	herald_diag *diag = herald_diag_new(NULL);
	herald_pipeline *pipe = herald_pipeline_new(mt_registry());
	char *out = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&out, &size);
	int rc;

	assert_non_null(f);
	rc = herald_pipeline_set_writer(pipe, spec, diag);
	if (rc == HERALD_OK)
		rc = herald_pipeline_write(pipe, doc, f, diag);
	fclose(f);
	if (rc != HERALD_OK)
		fail_msg("%s failed (%d): %s", spec, rc, herald_diag_text(diag));
	if (warnings != NULL)
		*warnings = herald_diag_count(diag, HERALD_WARNING);
	herald_pipeline_free(pipe);
	herald_diag_free(diag);
	return out;
}

static char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	strbuf b = { 0 };
	char chunk[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_add(&b, chunk, n);
	fclose(f);
	*size = b.len;
	return sb_take(&b);
}

char *mt_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');

	return strndup(base, dot ? (size_t)(dot - base) : strlen(base));
}

herald_doc *mt_read_file(const char *path, int segmented)
{
	herald_diag *diag;
	herald_pipeline *pipe;
	herald_doc *doc = NULL;
	herald_input in;
	size_t size;
	char *data, *name;
	const char *slash = strrchr(path, '/');

	if (!mt_has_plugin("bulletin", HERALD_ROLE_READER) ||
	    (segmented && !mt_has_plugin("segment", HERALD_ROLE_TRANSFORM)))
		return NULL;
	data = slurp(path, &size);
	if (data == NULL)
		fail_msg("cannot read %s: %s", path, strerror(errno));
	name = strdup(slash ? slash + 1 : path);
	diag = herald_diag_new(NULL);
	pipe = herald_pipeline_new(mt_registry());
	assert_int_equal(herald_pipeline_set_reader(pipe, "bulletin", diag), 0);
	if (segmented)
		assert_int_equal(herald_pipeline_add_transform(pipe, "segment",
		                                               diag), 0);
	in.name = name;
	in.data = (const unsigned char *)data;
	in.size = size;
	if (herald_pipeline_read(pipe, &in, &doc, diag) != HERALD_OK)
		fail_msg("reading %s: %s", path, herald_diag_text(diag));
	herald_pipeline_free(pipe);
	herald_diag_free(diag);
	free(data);
	free(name);
	return doc;
}

/* --- documents built in C ----------------------------------------------- */

static herald_node *child(herald_node *parent, herald_node_type type)
{
	herald_node *node = herald_node_new(herald_node_doc(parent), type);

	assert_non_null(node);
	assert_int_equal(herald_node_append_child(parent, node), 0);
	return node;
}

static void text_child(herald_node *parent, const char *s, size_t n)
{
	if (n == 0)
		return;
	herald_node *t = herald_node_new_text(herald_node_doc(parent), s, n);
	assert_non_null(t);
	assert_int_equal(herald_node_append_child(parent, t), 0);
}

/* Fill a text block from a tiny markup: *emph*, [text](url), '|' for a
 * hard line break; "\n" stays in the TEXT as a soft break.  When
 * segmented, ". ", "? " and "! " outside emphasis end a SENTENCE and the
 * space between sentences is a TEXT of the block. */
static void fill(herald_node *block, const char *s, int segmented)
{
	herald_node *sentence = segmented ? child(block, HERALD_NODE_SENTENCE)
	                                  : block;
	herald_node *into = sentence;
	size_t run = 0;

	for (const char *p = s; ; p++) {
		if (*p != '\0' && !strchr("*[|", *p) &&
		    !(segmented && into == sentence && strchr(".?!", *p) &&
		      p[1] == ' ')) {
			run++;
			continue;
		}
		text_child(into, p - run, run);
		run = 0;
		if (*p == '\0')
			break;
		if (*p == '*') {
			into = into == sentence ? child(sentence, HERALD_NODE_EMPH)
			                        : sentence;
		} else if (*p == '|') {
			child(into, HERALD_NODE_LINEBREAK);
		} else if (*p == '[') {
			const char *close = strstr(p, "](");
			const char *end = close ? strchr(close, ')') : NULL;
			assert_non_null(end);
			herald_node *link = child(into, HERALD_NODE_LINK);
			char *url = strndup(close + 2, (size_t)(end - close - 2));
			herald_node_set_url(link, url);
			free(url);
			text_child(link, p + 1, (size_t)(close - p - 1));
			p = end;
		} else {                   /* end of a sentence */
			text_child(sentence, p, 1);
			text_child(block, " ", 1);
			sentence = into = child(block, HERALD_NODE_SENTENCE);
			p++;
		}
	}
}

static herald_node *para(herald_node *parent, herald_node_type type,
                         const char *s, int segmented)
{
	herald_node *block = child(parent, type);

	fill(block, s, segmented);
	return block;
}

static herald_node *item(herald_node *root, herald_item_kind kind,
                         const char *title, const char *speaker)
{
	herald_node *it = child(root, HERALD_NODE_ITEM);

	herald_node_set_item_kind(it, kind);
	if (title != NULL)
		herald_node_set_title(it, title);
	if (speaker != NULL)
		herald_node_set_speaker(it, speaker);
	return it;
}

static herald_node *turn(herald_node *it, herald_speaker_role role,
                         const char *name, const char *s, int segmented)
{
	herald_node *t = para(it, HERALD_NODE_TURN, s, segmented);

	herald_node_set_role(t, role);
	if (name != NULL)
		herald_node_set_speaker(t, name);
	return t;
}

static herald_node *quote(herald_node *parent, const char *title,
                          const char *author)
{
	herald_node *q = child(parent, HERALD_NODE_QUOTE);

	if (title != NULL)
		herald_node_set_title(q, title);
	if (author != NULL)
		herald_node_set_speaker(q, author);
	return q;
}

static herald_doc *new_doc(int with_meta, const char *source)
{
	herald_doc *doc = herald_doc_new();

	assert_non_null(doc);
	herald_doc_set_meta(doc, HERALD_META_SOURCE, source);
	if (with_meta) {
		herald_doc_set_meta(doc, HERALD_META_DATE, "2020-10-09");
		/* (a digest's: its title is its date line, as printed) */
		herald_doc_set_meta(doc, HERALD_META_TITLE, "9 October 2020");
		herald_doc_set_meta(doc, HERALD_META_DATELINE, "9 October 2020");
		herald_doc_set_meta(doc, HERALD_META_LANGUAGE, "en");
	}
	return doc;
}

herald_doc *mt_doc_full(int seg)
{
	herald_doc *doc = new_doc(1, "full.txt");
	herald_node *root = herald_doc_root(doc), *it, *q;

	q = quote(root, "Words for this day", "A. N. Author");
	para(q, HERALD_NODE_PARAGRAPH, "Words were said. More words follow!",
	     seg);
	it = item(root, HERALD_ITEM_NEWS, "Army reports progress", NULL);
	herald_node_add_tag(it, "video");
	para(it, HERALD_NODE_PARAGRAPH, "First sentence here. A second one "
	     "with *some emphasis* and [a link](https://example.org/a b?x=1&y=2)"
	     ". Third?", seg);
	para(it, HERALD_NODE_PARAGRAPH, "Line one\nline two.|After a break.",
	     seg);
	it = item(root, HERALD_ITEM_NEWS, "A title alone", NULL);
	herald_node_add_tag(it, "video");
	it = item(root, HERALD_ITEM_INTERVIEW, "Interview with the minister",
	          "Jane Minister");
	para(it, HERALD_NODE_PARAGRAPH, "The minister gave an interview.", seg);
	turn(it, HERALD_SPEAKER_INTERVIEWER, NULL, "What happened?", seg);
	turn(it, HERALD_SPEAKER_INTERVIEWEE, NULL, "Much happened. We acted.",
	     seg);
	turn(it, HERALD_SPEAKER_INTERVIEWER, "Ali Host", "And then?", seg);
	turn(it, HERALD_SPEAKER_UNKNOWN, NULL, "A turn without a role.", seg);
	q = quote(it, "As written", "Someone Quoted");
	para(q, HERALD_NODE_PARAGRAPH, "Quoted words.", seg);
	it = item(root, HERALD_ITEM_SPEECH, "Speech of the minister",
	          "Jane Minister");
	para(it, HERALD_NODE_PARAGRAPH, "Dear citizens. We speak today.", seg);
	it = item(root, HERALD_ITEM_STATEMENT, NULL, NULL);
	para(it, HERALD_NODE_PARAGRAPH, "A statement stands alone.", seg);
	return doc;
}

/* What the model gained later: metadata and free fields, an item in
 * another language, subheadings (one past h6), lists numbered, nested,
 * empty and with entries of several paragraphs, a list and a heading
 * under the document after an item, and Chinese hard-wrapped text. */
herald_doc *mt_doc_rich(int seg)
{
	herald_doc *doc = new_doc(1, "rich.txt");
	herald_node *root = herald_doc_root(doc), *it, *h, *l, *e, *inner;

	herald_doc_set_meta(doc, HERALD_META_URL,
	                    "https://example.org/news/9 october?a=1&b=2");
	herald_doc_set_meta(doc, HERALD_META_AUTHOR, "Desk & <Staff>");
	herald_doc_set_meta(doc, HERALD_META_TIME, "10:51 P.M. EDT");
	herald_doc_set_meta(doc, HERALD_META_LAYOUT, "blank");
	herald_doc_set_field(doc, "category", "city & port");
	herald_doc_set_field(doc, "key with spaces", "value");

	it = item(root, HERALD_ITEM_NEWS, "Hours of the new bridge", NULL);
	h = child(it, HERALD_NODE_HEADING);
	text_child(h, "When it opens", strlen("When it opens"));
	para(it, HERALD_NODE_PARAGRAPH, "It opens twice. Then it closes.", seg);
	l = child(it, HERALD_NODE_LIST);
	herald_node_set_list(l, HERALD_LIST_ORDERED, 3);
	e = child(l, HERALD_NODE_LIST_ITEM);
	para(e, HERALD_NODE_PARAGRAPH, "Mornings at six.", seg);
	e = child(l, HERALD_NODE_LIST_ITEM);
	para(e, HERALD_NODE_PARAGRAPH, "Evenings at nine. Not on Sundays.", seg);
	inner = child(e, HERALD_NODE_LIST);
	para(child(inner, HERALD_NODE_LIST_ITEM), HERALD_NODE_PARAGRAPH,
	     "Holidays differ.", seg);
	para(e, HERALD_NODE_PARAGRAPH, "A second paragraph of the entry.", seg);
	child(it, HERALD_NODE_LIST);             /* empty */
	h = child(it, HERALD_NODE_HEADING);
	herald_node_set_heading_level(h, 2);
	text_child(h, "Who pays", strlen("Who pays"));
	para(it, HERALD_NODE_PARAGRAPH, "The city pays.", seg);
	h = child(it, HERALD_NODE_HEADING);
	herald_node_set_heading_level(h, 7);
	text_child(h, "Far down", strlen("Far down"));
	h = child(it, HERALD_NODE_HEADING);
	text_child(h, "Back up", strlen("Back up"));
	para(it, HERALD_NODE_PARAGRAPH, "Last words of the item.", seg);

	it = item(root, HERALD_ITEM_INTERVIEW, "Ein Gespr\xC3\xA4" "ch", NULL);
	herald_node_set_lang(it, "de");
	turn(it, HERALD_SPEAKER_INTERVIEWER, NULL, "Wie geht es?", seg);
	turn(it, HERALD_SPEAKER_INTERVIEWEE, NULL, "Gut.", seg);

	it = item(root, HERALD_ITEM_NEWS, "\xE6\x96\xB0\xE9\x97\xBB", NULL);
	herald_node_set_lang(it, "zh");
	para(it, HERALD_NODE_PARAGRAPH,
	     "\xE5\xB8\x82\xE6\x94\xBF\xE5\xBA\x9C\n"
	     "\xE4\xBB\x8A\xE5\xA4\xA9\xE5\xBC\x80\xE4\xBC\x9A\xE3\x80\x82",
	     seg);

	l = child(root, HERALD_NODE_LIST);
	para(child(l, HERALD_NODE_LIST_ITEM), HERALD_NODE_PARAGRAPH,
	     "A loose entry after the items.", seg);
	h = child(root, HERALD_NODE_HEADING);
	text_child(h, "Notes", strlen("Notes"));
	para(root, HERALD_NODE_PARAGRAPH, "Under the notes heading.", seg);
	return doc;
}

herald_doc *mt_doc_plain(int seg)
{
	herald_doc *doc = new_doc(0, "plain.txt");
	herald_node *root = herald_doc_root(doc);

	para(root, HERALD_NODE_PARAGRAPH, "Just text. Nothing else.", seg);
	para(root, HERALD_NODE_PARAGRAPH, "A second paragraph.", seg);
	return doc;
}

herald_doc *mt_doc_mixed(int seg)
{
	herald_doc *doc = new_doc(1, "mixed.txt");
	herald_node *root = herald_doc_root(doc), *it, *q;

	para(root, HERALD_NODE_PARAGRAPH, "A loose paragraph first.", seg);
	it = item(root, HERALD_ITEM_NEWS, "An item", NULL);
	para(it, HERALD_NODE_PARAGRAPH, "Its text.", seg);
	para(root, HERALD_NODE_PARAGRAPH, "A loose paragraph after it.", seg);
	para(root, HERALD_NODE_PARAGRAPH, "And another.", seg);
	q = quote(root, NULL, NULL);
	para(q, HERALD_NODE_PARAGRAPH, "An untitled quotation late on.", seg);
	item(root, HERALD_ITEM_STATEMENT, NULL, NULL);
	it = item(root, HERALD_ITEM_INTERVIEW, NULL, NULL);
	turn(it, HERALD_SPEAKER_INTERVIEWEE, NULL, "Nobody named.", seg);
	para(root, HERALD_NODE_PARAGRAPH, "The end.", seg);
	return doc;
}

herald_doc *mt_doc_empty(void)
{
	return herald_doc_new();
}

herald_doc *mt_doc_deep(size_t depth)
{
	herald_doc *doc = new_doc(1, "deep.txt");
	herald_node *inner = herald_node_new_text(doc, "deep", 4);

	/* built from the inside out: each append then has no ancestors to
	 * check, so building costs linear time */
	for (size_t i = 0; i < depth; i++) {
		herald_node *emph = herald_node_new(doc, HERALD_NODE_EMPH);
		assert_non_null(emph);
		assert_int_equal(herald_node_append_child(emph, inner), 0);
		inner = emph;
	}
	herald_node *p = child(herald_doc_root(doc), HERALD_NODE_PARAGRAPH);
	assert_int_equal(herald_node_append_child(p, inner), 0);
	return doc;
}

herald_doc *mt_c_doc(size_t i, const char **name)
{
	static const char *const names[MT_C_DOCS] = {
		"c-full", "c-full-seg", "c-plain", "c-plain-seg",
		"c-mixed", "c-mixed-seg", "c-empty", "c-rich", "c-rich-seg"
	};

	*name = names[i];
	switch (i) {
	case 0: case 1:
		return mt_doc_full(i & 1);
	case 2: case 3:
		return mt_doc_plain(i & 1);
	case 4: case 5:
		return mt_doc_mixed(i & 1);
	case 7: case 8:
		return mt_doc_rich(i == 8);
	default:
		return mt_doc_empty();
	}
}

void mt_each_c_doc(void (*check)(const herald_doc *, const char *))
{
	for (size_t i = 0; i < MT_C_DOCS; i++) {
		const char *name;
		herald_doc *doc = mt_c_doc(i, &name);
		check(doc, name);
		herald_doc_free(doc);
	}
}

void mt_check_deep(const char *spec, const char *name)
{
	const size_t depth = 100000;
	herald_doc *doc = mt_doc_deep(depth);
	char *out = mt_render(doc, spec, NULL), *inner;
	size_t opens = 0, len = strlen(name) + 2;
	char *open = malloc(len + 1);

	assert_non_null(open);
	snprintf(open, len + 1, "<%s>", name);
	for (const char *p = out; (p = strstr(p, open)) != NULL; p += len)
		opens++;
	assert_int_equal(opens, depth);
	assert_true(asprintf(&inner, "%sdeep</%s>", open, name) > 0);
	assert_non_null(strstr(out, inner));
	free(inner);
	free(open);
	free(out);
	herald_doc_free(doc);
}

/* Each character at every offset from 0 to 33 in a paragraph of ASCII
 * around it, so that it falls at each place of a 16-byte block and
 * after a whole one: what the writer must make of it (quote: of '"'). */
void mt_check_characters(const char *spec, const char *quote)
{
	static const char *const bad = "\xef\xbf\xbd";   /* U+FFFD */
	const struct { const char *in, *out; } cases[] = {
		{ "\xc2\x9f", bad },            /* U+009F, a C1 control */
		{ "\xc2\xa0", "\xc2\xa0" },     /* U+00A0 */
		{ "\xdf\xbf", "\xdf\xbf" },     /* U+07FF */
		{ "\xe0\xa0\x80", "\xe0\xa0\x80" },
		{ "\xe1\x80\x80", "\xe1\x80\x80" },
		{ "\xec\xbf\xbf", "\xec\xbf\xbf" },
		{ "\xed\x9f\xbf", "\xed\x9f\xbf" },
		{ "\xee\x80\x80", "\xee\x80\x80" },
		{ "\xef\xb7\x90", bad },        /* U+FDD0, a noncharacter */
		{ "\xef\xbf\xbe", bad },        /* U+FFFE */
		{ "\xef\xbf\xbd", bad },        /* U+FFFD itself */
		{ "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80" },
		{ "\x01", bad }, { "\x7f", bad },
		{ "\t", "\t" }, { "&", "&amp;" }, { "<", "&lt;" }, { ">", "&gt;" },
		{ "\"", quote }, { "'", "'" },
	};
	const char *tail = "0123456789abcdefghij";

	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		for (size_t at = 0; at <= 33; at++) {
			char in[80], want[80];
			snprintf(in, sizeof in, "%.*s%s%s", (int)at,
			         "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", cases[c].in, tail);
			snprintf(want, sizeof want, "%.*s%s%s", (int)at,
			         "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", cases[c].out, tail);
			herald_doc *doc = herald_doc_new();
			herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
			assert_int_equal(herald_node_append_child(herald_doc_root(doc), p),
			                 HERALD_OK);
			assert_int_equal(herald_node_append_child(p,
			                 herald_node_new_text(doc, in, strlen(in))),
			                 HERALD_OK);
			char *out = mt_render(doc, spec, NULL);
			if (strstr(out, want) == NULL)
				fail_msg("%s: case %zu at %zu: \"%s\" not in the output",
				         spec, c, at, want);
			free(out);
			herald_doc_free(doc);
		}
	}
}

void mt_check_same_every_run(const char *spec)
{
	herald_doc *a = mt_doc_full(1), *b = mt_doc_full(1);
	char *x = mt_render(a, spec, NULL);
	char *y = mt_render(b, spec, NULL);
	char *z = mt_render(a, spec, NULL);

	assert_string_equal(x, y);
	assert_string_equal(x, z);
	free(x);
	free(y);
	free(z);
	herald_doc_free(a);
	herald_doc_free(b);
}

/* --- files -------------------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **mt_bulletins(void)
{
	const char *top = getenv("top_srcdir");
	char **list = calloc(256, sizeof *list), dir[4096];
	size_t n = 0;
	DIR *d;
	struct dirent *e;

	assert_non_null(top);
	assert_non_null(list);
	snprintf(dir, sizeof dir, "%s/examples/bulletins", top);
	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL && n < 254) {
			size_t len = strlen(e->d_name);
			if (len > 4 && strcmp(e->d_name + len - 4, ".txt") == 0)
				assert_true(asprintf(&list[n++], "%s/%s", dir,
				                     e->d_name) > 0);
		}
		closedir(d);
	}
	qsort(list, n, sizeof *list, by_name);
	assert_true(asprintf(&list[n++], "%s/tests/markup/hostile.txt",
	                     top) > 0);
	return list;
}

void mt_free_list(char **list)
{
	for (size_t i = 0; list != NULL && list[i] != NULL; i++)
		free(list[i]);
	free(list);
}

static void check_golden(const herald_doc *model, const char *spec,
                         const char *base, const char *ext)
{
	char *out = mt_render(model, spec, NULL), file[256];

	snprintf(file, sizeof file, "%s.%s", base, ext);
	mt_check_golden(file, out);
	free(out);
}

void mt_each_bulletin(void (*check)(const herald_doc *, const char *),
                      const char *golden_spec, const char *ext)
{
	char **list = mt_bulletins();

	if (!mt_has_plugin("bulletin", HERALD_ROLE_READER)) {
		mt_free_list(list);
		skip();
	}
	for (size_t i = 0; list[i] != NULL; i++) {
		char *base = mt_basename(list[i]), name[256];
		for (int seg = 0; seg <= 1; seg++) {
			herald_doc *doc = mt_read_file(list[i], seg);
			if (doc == NULL)
				continue;            /* no segment plugin */
			snprintf(name, sizeof name, "%s%s", base,
			         seg ? "-seg" : "");
			check(doc, name);
			if (!seg)
				check_golden(doc, golden_spec, base, ext);
			herald_doc_free(doc);
		}
		free(base);
	}
	mt_free_list(list);
}

void mt_real_sample(void (*check)(const herald_doc *, const char *))
{
	char *path = mt_shared_path("samples/bulletin-2020-10-09.txt");

	if (path == NULL || !mt_has_plugin("bulletin", HERALD_ROLE_READER)) {
		free(path);
		skip();
	}
	for (int seg = 0; seg <= 1; seg++) {
		herald_doc *doc = mt_read_file(path, seg);
		if (doc == NULL)
			continue;
		check(doc, seg ? "real-seg" : "real");
		herald_doc_free(doc);
	}
	free(path);
}

char *mt_shared_path(const char *relative)
{
	const char *shared = getenv("HERALD_SHARED");
	const char *top = getenv("top_srcdir");
	struct stat st;
	char *path;

	if (shared != NULL && *shared != '\0')
		assert_true(asprintf(&path, "%s/%s", shared, relative) > 0);
	else
		assert_true(asprintf(&path, "%s/../shared/%s",
		                     top ? top : ".", relative) > 0);
	if (stat(path, &st) != 0) {
		free(path);
		return NULL;
	}
	return path;
}

void mt_check_golden(const char *name, const char *output)
{
	const char *top = getenv("top_srcdir");
	const char *update = getenv("HERALD_UPDATE_GOLDEN");
	char *path, *expected;
	size_t size;

	assert_true(asprintf(&path, "%s/tests/markup/golden/%s", top, name) > 0);
	if (update != NULL && strcmp(update, "1") == 0) {
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		fputs(output, f);
		assert_int_equal(fclose(f), 0);
	}
	expected = slurp(path, &size);
	if (expected == NULL)
		fail_msg("no golden file %s; make it with HERALD_UPDATE_GOLDEN=1 "
		         "and check it by hand", path);
	if (strcmp(expected, output) != 0) {
		size_t i = 0;
		while (expected[i] == output[i])
			i++;
		fail_msg("%s differs at byte %zu: expected \"%.40s\", got "
		         "\"%.40s\"", path, i, expected + i, output + i);
	}
	free(expected);
	free(path);
}

void mt_export(const char *name, const char *content)
{
	const char *dir = getenv("HERALD_MARKUP_OUT");
	char *path;
	FILE *f;

	if (dir == NULL || *dir == '\0')
		return;
	assert_true(asprintf(&path, "%s/%s", dir, name) > 0);
	f = fopen(path, "wb");
	if (f == NULL)
		fail_msg("cannot write %s", path);
	fputs(content, f);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static xmlXPathObjectPtr vquery(xmlDocPtr doc, const char *fmt, va_list ap)
{
	char xpath[1024];
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr res;

	assert_non_null(ctx);
	vsnprintf(xpath, sizeof xpath, fmt, ap);
	xmlXPathRegisterNs(ctx, BAD_CAST "t",
	                   BAD_CAST "http://www.tei-c.org/ns/1.0");
	res = xmlXPathEvalExpression(BAD_CAST xpath, ctx);
	xmlXPathFreeContext(ctx);
	if (res == NULL)
		fail_msg("bad XPath %s", xpath);
	return res;
}

xmlXPathObjectPtr mt_query(xmlDocPtr doc, const char *fmt, ...)
{
	va_list ap;
	xmlXPathObjectPtr res;

	va_start(ap, fmt);
	res = vquery(doc, fmt, ap);
	va_end(ap);
	return res;
}

int mt_count(xmlDocPtr doc, const char *fmt, ...)
{
	va_list ap;
	xmlXPathObjectPtr res;
	int n;

	va_start(ap, fmt);
	res = vquery(doc, fmt, ap);
	va_end(ap);
	n = res->nodesetval ? res->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(res);
	return n;
}

char *mt_attr(xmlNodePtr el, const char *name)
{
	xmlChar *v = xmlGetProp(el, BAD_CAST name);
	char *copy = strdup(v ? (const char *)v : "");

	xmlFree(v);
	return copy;
}

/* --- words -------------------------------------------------------------- */

char *mt_model_text(const herald_doc *doc)
{
	const char *head = herald_doc_meta(doc, HERALD_META_TITLE);
	herald_walker w;
	herald_walk_event ev;
	strbuf b = { 0 };

	sb_puts(&b, head ? head : herald_doc_meta(doc, HERALD_META_DATE));
	herald_walker_init(&w, herald_doc_root(doc));
	while ((ev = herald_walker_next(&w)) != HERALD_WALK_DONE) {
		herald_node_type type = herald_node_type_of(w.node);
		if (type == HERALD_NODE_TEXT) {
			/* a soft break between spaceless characters is
			 * nothing: the writers drop it */
			const char *t = herald_node_text(w.node);
			for (size_t i = 0; t[i] != '\0'; i++)
				if (t[i] != '\n' ||
				    herald_node_soft_break_is_space(w.node, i))
					sb_add(&b, t + i, 1);
			continue;
		}
		if (type >= HERALD_NODE_SENTENCE && type <= HERALD_NODE_LINK)
			continue;          /* inline elements join words */
		sb_puts(&b, " ");
		if (ev == HERALD_WALK_ENTER && (type == HERALD_NODE_ITEM ||
		                                type == HERALD_NODE_QUOTE))
			sb_puts(&b, herald_node_title(w.node));
		if (ev == HERALD_WALK_EXIT && type == HERALD_NODE_QUOTE)
			sb_puts(&b, herald_node_speaker(w.node));
		sb_puts(&b, " ");
	}
	return sb_take(&b);
}

static int is_inline(const xmlChar *name, const char *const *names)
{
	for (size_t i = 0; names[i] != NULL; i++)
		if (xmlStrcmp(name, BAD_CAST names[i]) == 0)
			return 1;
	return 0;
}

static void markup_text(strbuf *b, xmlNodePtr node,
                        const char *const *inline_names,
                        int (*leave_out)(xmlNodePtr))
{
	for (; node != NULL; node = node->next) {
		if (node->type == XML_TEXT_NODE ||
		    node->type == XML_CDATA_SECTION_NODE) {
			sb_puts(b, (const char *)node->content);
		} else if (node->type == XML_ELEMENT_NODE && !leave_out(node)) {
			int block = !is_inline(node->name, inline_names);
			if (block)
				sb_puts(b, " ");
			markup_text(b, node->children, inline_names, leave_out);
			if (block)
				sb_puts(b, " ");
		}
	}
}

char *mt_markup_text(xmlNodePtr node, const char *const *inline_names,
                     int (*leave_out)(xmlNodePtr))
{
	strbuf b = { 0 };
	xmlNodePtr next = node->next;

	node->next = NULL;         /* this node only, not its siblings */
	markup_text(&b, node, inline_names, leave_out);
	node->next = next;
	return sb_take(&b);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* The next word of *s, as a pointer and a length; 0 at the end. */
static size_t next_word(const char **s, const char **word)
{
	const char *p = *s;
	size_t n = 0;

	while (*p && is_space(*p))
		p++;
	*word = p;
	while (p[n] && !is_space(p[n]))
		n++;
	*s = p + n;
	return n;
}

void mt_assert_same_words(const char *expected, const char *actual,
                          const char *what)
{
	const char *e = expected, *a = actual, *ew, *aw;
	size_t count = 0;

	for (;;) {
		size_t en = next_word(&e, &ew), an = next_word(&a, &aw);
		if (en == 0 && an == 0)
			return;
		if (en != an || memcmp(ew, aw, en) != 0)
			fail_msg("%s: word %zu differs: model \"%.*s\", "
			         "output \"%.*s\"", what, count + 1, (int)en, ew,
			         (int)an, aw);
		count++;
	}
}

double mt_cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void mt_check_linear(const char *what, double (*run)(size_t n), size_t n)
{
	double a = 1e9, b = 1e9;

	/* Under the sanitizers (.ci/sanitize.sh) every allocation is dear:
	 * an eighth of the size keeps the run to seconds, and the ratio
	 * still tells linear from quadratic (the slack absorbs the rest). */
	if (getenv("HERALD_SANITIZE"))
		n /= 8;

	for (int i = 0; i < 3; i++) {
		double ta = run(n), tb = run(2 * n);
		a = ta < a ? ta : a;
		b = tb < b ? tb : b;
	}
	fprintf(stderr, "# %s: %zu in %.3f s, %zu in %.3f s CPU\n", what, n,
	        a, 2 * n, b);
	if (b > 3.5 * a + 0.25)
		fail_msg("%s: %zu in %.3f s, %zu in %.3f s CPU", what, n, a,
		         2 * n, b);
}

void mt_check_full_disk(const char *spec)
{
	herald_doc *doc = herald_doc_new();
	herald_diag *diag = herald_diag_new(NULL);
	herald_pipeline *pipe = herald_pipeline_new(mt_registry());
	FILE *full, *err = tmpfile();
	struct stat st;
	int rc, saved, fd2, write_errno;
	long said;

	if (stat("/dev/full", &st) != 0 || !S_ISCHR(st.st_mode)) {
		herald_pipeline_free(pipe);
		herald_diag_free(diag);
		herald_doc_free(doc);
		skip();
	}
	assert_non_null(err);
	for (int i = 0; i < 2000; i++) {
		herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
		assert_int_equal(herald_node_append_child(herald_doc_root(doc), p),
		                 HERALD_OK);
		assert_int_equal(herald_node_append_child(p,
		                 herald_node_new_text(doc, "Some text here.", 15)),
		                 HERALD_OK);
	}
	assert_int_equal(herald_pipeline_set_writer(pipe, spec, diag), HERALD_OK);
	full = fopen("/dev/full", "w");
	assert_non_null(full);
	/* standard error goes to a file while the writer runs */
	fflush(stderr);
	saved = dup(2);
	fd2 = fileno(err);
	assert_true(saved >= 0 && dup2(fd2, 2) == 2);
	errno = 0;
	rc = herald_pipeline_write(pipe, doc, full, diag);
	write_errno = errno;
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fclose(full);
	said = ftell(err);
	fclose(err);
	assert_int_equal(rc, HERALD_EIO);
	assert_int_equal(herald_diag_count(diag, HERALD_ERROR), 1);
	if (strstr(herald_diag_first_error(diag),
	           "cannot write the output: No space left on device") == NULL)
		fail_msg("%s said: %s", spec, herald_diag_text(diag));
	assert_int_equal(write_errno, ENOSPC);
	assert_int_equal(said, 0);
	herald_pipeline_free(pipe);
	herald_diag_free(diag);
	herald_doc_free(doc);
}

size_t mt_occurrences(const char *s, const char *what)
{
	size_t n = 0, len = strlen(what);

	for (; (s = strstr(s, what)) != NULL; s += len)
		n++;
	return n;
}
