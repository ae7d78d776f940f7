/* tests/bulletin/harness.c - see harness.h. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "harness.h"
#include "../../plugins/bulletin/bulletin.h"

static herald_registry *registry;

int bt_setup(void **state)
{
	herald_diag *diag = herald_diag_new(NULL);
	const char *dirs = getenv("HERALD_PLUGIN_PATH");

	registry = herald_registry_new();
	if (!registry || !diag || !dirs)
		return -1;
	/* Another area's module failing to load must not stop these tests;
	 * only the bulletin reader has to be there. */
	herald_registry_load_dirs(registry, dirs, diag);
	if (!herald_registry_find(registry, "bulletin", HERALD_ROLE_READER)) {
		fprintf(stderr, "bulletin reader not found in %s:\n%s", dirs,
		        herald_diag_text(diag));
		herald_diag_free(diag);
		return -1;
	}
	herald_diag_free(diag);
	return 0;
}

herald_registry *bt_registry(void)
{
	return registry;
}

int bt_teardown(void **state)
{
	herald_registry_free(registry);
	registry = NULL;
	return 0;
}

bt_run bt_read(const char *spec, const void *data, size_t size)
{
	return bt_read_named(spec, "input.txt", data, size);
}

bt_run bt_read_named(const char *spec, const char *name, const void *data,
                     size_t size)
{
	bt_run run = { HERALD_EUSAGE, NULL, herald_diag_new(NULL) };
	herald_pipeline *pipe = herald_pipeline_new(registry);
	herald_input in = { name, data, size };

	herald_diag_set_file(run.diag, in.name);
	run.rc = herald_pipeline_set_reader(pipe, spec, run.diag);
	if (run.rc == HERALD_OK)
		run.rc = herald_pipeline_read(pipe, &in, &run.doc, run.diag);
	if (run.rc != HERALD_OK)
		run.doc = NULL;
	herald_pipeline_free(pipe);
	return run;
}

bt_run bt_read_str(const char *spec, const char *text)
{
	return bt_read(spec, text, strlen(text));
}

void bt_free(bt_run *run)
{
	herald_doc_free(run->doc);
	herald_diag_free(run->diag);
	run->doc = NULL;
	run->diag = NULL;
}

char *bt_slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (!f)
		return NULL;
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 1);
			if (!buf)
				abort();
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	buf[len] = '\0';
	*size = len;
	return buf;
}

static char *join(const char *a, const char *b)
{
	char *s = malloc(strlen(a) + strlen(b) + 2);

	if (!s)
		abort();
	sprintf(s, "%s/%s", a, b);
	return s;
}

char *bt_srcpath(const char *rel)
{
	const char *top = getenv("top_srcdir");

	return join(top && *top ? top : ".", rel);
}

char *bt_sample_path(const char *name)
{
	const char *shared = getenv("HERALD_SHARED");
	char *dir = shared && *shared ? strdup(shared) : bt_srcpath("../shared");
	char *samples = join(dir, "samples");
	char *path = join(samples, name);

	free(dir);
	free(samples);
	if (access(path, R_OK) != 0) {
		free(path);
		return NULL;
	}
	return path;
}

herald_node *bt_nth(const herald_node *node, herald_node_type type, size_t n)
{
	for (herald_node *c = herald_node_first_child(node); c;
	     c = herald_node_next(c))
		if (herald_node_type_of(c) == type && n-- == 0)
			return c;
	return NULL;
}

size_t bt_count(const herald_node *node, herald_node_type type)
{
	size_t count = 0;

	for (herald_node *c = herald_node_first_child(node); c;
	     c = herald_node_next(c))
		count += herald_node_type_of(c) == type;
	return count;
}

herald_node *bt_item(const bt_run *run, size_t n)
{
	return run->doc ? bt_nth(herald_doc_root(run->doc), HERALD_NODE_ITEM, n)
	                : NULL;
}

/* --- a growing string ------------------------------------------------- */

typedef struct strbuf {
	char *s;
	size_t len, cap;
} strbuf;

static void sb_add(strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static char *sb_take(strbuf *b)
{
	if (!b->s)
		sb_add(b, "%s", "");
	return b->s;
}

/* --- outline and dump --------------------------------------------------- */

static void outline_names(strbuf *b, const herald_node *n, int with_titles)
{
	const char *title = herald_node_title(n);
	const char *speaker = herald_node_speaker(n);

	if ((with_titles && title) || speaker)
		sb_add(b, "[%s|%s]", with_titles && title ? title : "",
		       speaker ? speaker : "");
}

static void outline_children(strbuf *b, const herald_node *n)
{
	const char *sep = "";

	sb_add(b, "(");
	for (herald_node *c = herald_node_first_child(n); c;
	     c = herald_node_next(c), sep = ",") {
		const char *speaker = herald_node_speaker(c);
		sb_add(b, "%s", sep);
		if (herald_node_type_of(c) != HERALD_NODE_TURN) {
			sb_add(b, "%s", herald_node_type_of(c) ==
			       HERALD_NODE_PARAGRAPH ? "p" : "x");
			continue;
		}
		switch (herald_node_role(c)) {
		case HERALD_SPEAKER_INTERVIEWER:
			sb_add(b, "R");
			break;
		case HERALD_SPEAKER_INTERVIEWEE:
			sb_add(b, "E");
			break;
		default:
			sb_add(b, "?");
		}
		if (speaker)
			sb_add(b, "=%s", speaker);
	}
	sb_add(b, ")");
}

char *bt_outline(const herald_doc *doc, int with_titles)
{
	strbuf b = { 0 };
	const char *sep = "";

	for (herald_node *n = herald_node_first_child(herald_doc_root(doc)); n;
	     n = herald_node_next(n), sep = " ") {
		sb_add(&b, "%s", sep);
		switch (herald_node_type_of(n)) {
		case HERALD_NODE_QUOTE:
			sb_add(&b, "quote");
			break;
		case HERALD_NODE_ITEM:
			sb_add(&b, "item:%s", herald_item_kind_name(
			               herald_node_item_kind(n)));
			for (size_t i = 0; i < herald_node_tag_count(n); i++)
				sb_add(&b, "+%s", herald_node_tag(n, i));
			break;
		default:
			sb_add(&b, "%s", herald_node_type_name(
			               herald_node_type_of(n)));
		}
		outline_names(&b, n, with_titles);
		outline_children(&b, n);
	}
	return sb_take(&b);
}

static void dump_node(strbuf *b, const herald_node *n, int depth)
{
	herald_node_type t = herald_node_type_of(n);

	sb_add(b, "%*s%s %lu:%lu", depth * 2, "", herald_node_type_name(t),
	       herald_node_line(n), herald_node_column(n));
	if (t == HERALD_NODE_ITEM)
		sb_add(b, " kind=%s", herald_item_kind_name(
		               herald_node_item_kind(n)));
	if (t == HERALD_NODE_TURN)
		sb_add(b, " role=%s", herald_speaker_role_name(
		               herald_node_role(n)));
	if (t == HERALD_NODE_ITEM || t == HERALD_NODE_QUOTE ||
	    t == HERALD_NODE_LIST || t == HERALD_NODE_LIST_ITEM) {
		if (herald_node_title(n))
			sb_add(b, " title=[%s]", herald_node_title(n));
		for (size_t i = 0; i < herald_node_tag_count(n); i++)
			sb_add(b, " tag=%s", herald_node_tag(n, i));
	}
	if (herald_node_speaker(n))
		sb_add(b, " speaker=[%s]", herald_node_speaker(n));
	if (t == HERALD_NODE_TEXT)
		sb_add(b, " [%s]", herald_node_text(n));
	sb_add(b, "\n");
	for (herald_node *c = herald_node_first_child(n); c;
	     c = herald_node_next(c))
		dump_node(b, c, depth + 1);
}

char *bt_dump(const herald_doc *doc)
{
	strbuf b = { 0 };

	for (int m = 0; m < HERALD_META_COUNT; m++)
		if (m != HERALD_META_SOURCE && herald_doc_meta(doc, m))
			sb_add(&b, "%s=%s\n", herald_meta_name(m),
			       herald_doc_meta(doc, m));
	dump_node(&b, herald_doc_root(doc), 0);
	return sb_take(&b);
}

/* --- words ---------------------------------------------------------------
 * A word is a run of non-space holding a letter or a digit, compared
 * without leading dashes (a turn's dash is markup, "-Sir," is "Sir,").
 * Written apart from the reader's own code on purpose. */

#define VIDEO_MARK "\001video"

typedef struct words {
	char **w;
	size_t n, cap;
} words;

static unsigned long next_cp(const unsigned char *s, size_t n, size_t *len)
{
	unsigned long cp;
	size_t need;

	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	need = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
	if (need == 1 || need > n) {
		*len = 1;
		return 0xFFFD;
	}
	cp = s[0] & (0xFF >> (need + 1));
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*len = 1;
			return 0xFFFD;
		}
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	*len = need;
	return cp;
}

static bool space_cp(unsigned long cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000 || cp == 0xFEFF;
}

static bool letter_cp(unsigned long cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z');
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
	return !(cp >= 0x2000 && cp <= 0x2BFF) &&
	       !(cp >= 0x3000 && cp <= 0x303F) &&
	       !(cp >= 0xFE30 && cp <= 0xFE4F) && cp != 0xFFFD && cp != 0xFEFF;
}

static bool dash_cp(unsigned long cp)
{
	return cp == '-' || (cp >= 0x2012 && cp <= 0x2015);
}

static void add_word(words *ws, const unsigned char *s, size_t n)
{
	size_t len;

	while (n > 0 && dash_cp(next_cp(s, n, &len))) {
		s += len;
		n -= len;
	}
	if (ws->n == ws->cap) {
		ws->cap = ws->cap ? ws->cap * 2 : 1024;
		ws->w = realloc(ws->w, ws->cap * sizeof *ws->w);
		if (!ws->w)
			abort();
	}
	ws->w[ws->n] = strndup((const char *)s, n);
	if (!ws->w[ws->n++])
		abort();
}

static void split(words *ws, const void *data, size_t size)
{
	const unsigned char *s = data;
	size_t i = 0, len, start = 0;
	bool in = false, wordy = false;

	while (i <= size) {
		unsigned long cp = i < size ? next_cp(s + i, size - i, &len) : ' ';
		if (i == size)
			len = 1;
		if (space_cp(cp)) {
			if (in && wordy)
				add_word(ws, s + start, i - start);
			in = wordy = false;
		} else {
			if (!in)
				start = i;
			in = true;
			wordy = wordy || letter_cp(cp);
		}
		i += len;
	}
}

static void split_str(words *ws, const char *s)
{
	if (s)
		split(ws, s, strlen(s));
}

/* Block by block: plain text runs blocks together without a space. */
static void split_node_text(words *ws, const herald_node *n)
{
	herald_node_type t = herald_node_type_of(n);

	if (t == HERALD_NODE_ITEM || t == HERALD_NODE_QUOTE ||
	    t == HERALD_NODE_LIST || t == HERALD_NODE_LIST_ITEM) {
		for (herald_node *c = herald_node_first_child(n); c;
		     c = herald_node_next(c))
			split_node_text(ws, c);
		return;
	}
	char *text = herald_node_plain_text(n);
	split_str(ws, text);
	free(text);
}

static void model_words(words *ws, const herald_doc *doc)
{
	split_str(ws, herald_doc_meta(doc, HERALD_META_TITLE));
	for (herald_node *n = herald_node_first_child(herald_doc_root(doc)); n;
	     n = herald_node_next(n)) {
		split_str(ws, herald_node_title(n));
		if (herald_node_type_of(n) == HERALD_NODE_ITEM &&
		    herald_node_has_tag(n, "video"))
			add_word(ws, (const unsigned char *)VIDEO_MARK,
			         strlen(VIDEO_MARK));
		split_node_text(ws, n);
		/* A quote's author follows its text; an item's speaker is
		 * taken from its title, not a word of its own. */
		if (herald_node_type_of(n) == HERALD_NODE_QUOTE)
			split_str(ws, herald_node_speaker(n));
	}
}

static void words_free(words *ws)
{
	for (size_t i = 0; i < ws->n; i++)
		free(ws->w[i]);
	free(ws->w);
}

static int word_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every word the document holds anywhere: metadata, free fields, titles,
 * speakers and text, in no particular order. */
static void all_model_words(words *ws, const herald_doc *doc)
{
	herald_walker w;

	for (int k = 0; k < HERALD_META_COUNT; k++)
		if (k != HERALD_META_SOURCE && k != HERALD_META_LAYOUT &&
		    k != HERALD_META_LANGUAGE && k != HERALD_META_DATE)
			split_str(ws, herald_doc_meta(doc, (herald_meta)k));
	for (size_t i = 0; i < herald_doc_field_count(doc); i++) {
		split_str(ws, herald_doc_field_key(doc, i));
		split_str(ws, herald_doc_field_value(doc, i));
	}
	herald_walker_init(&w, herald_doc_root(doc));
	while (herald_walker_next(&w) != HERALD_WALK_DONE) {
		if (w.event != HERALD_WALK_ENTER)
			continue;
		herald_node_type t = herald_node_type_of(w.node);
		if (t == HERALD_NODE_TEXT)
			split_str(ws, herald_node_text(w.node));
		if (t == HERALD_NODE_ITEM || t == HERALD_NODE_QUOTE) {
			split_str(ws, herald_node_title(w.node));
			if (herald_node_has_tag(w.node, "video"))
				add_word(ws, (const unsigned char *)VIDEO_MARK,
				         strlen(VIDEO_MARK));
		}
		if (t == HERALD_NODE_TURN || t == HERALD_NODE_QUOTE)
			split_str(ws, herald_node_speaker(w.node));
		if (t == HERALD_NODE_TURN)   /* the label as printed */
			split_str(ws, herald_node_label(w.node));
	}
}

/* A speaker label's colon and literal emphasis are markup once the
 * label is a turn's ("MS. LIND:" is the label "MS. LIND", "**Q:**" the
 * role): words are compared without them. */
static void strip_label_marks(words *ws)
{
	for (size_t i = 0; i < ws->n; i++) {
		char *w = ws->w[i];
		size_t n = strlen(w), a = 0;
		while (n > a && (w[n - 1] == ':' || w[n - 1] == '*'))
			n--;
		if (n >= a + 3 && memcmp(w + n - 3, "\xef\xbc\x9a", 3) == 0)
			n -= 3;   /* a full-width colon */
		while (a < n && w[a] == '*')
			a++;
		memmove(w, w + a, n - a);
		w[n - a] = '\0';
	}
}

/* Documents the block builder read (any layout but the bulletin's blank
 * lines, or a transcript) move framing lines into metadata: there every input word must
 * be found somewhere in the model, as many times, in any order. */
static char *multiset_mismatch(words *in, const herald_doc *doc)
{
	words model = { 0 };
	char *why = NULL;
	size_t i = 0, j = 0;

	all_model_words(&model, doc);
	strip_label_marks(in);
	strip_label_marks(&model);
	qsort(in->w, in->n, sizeof *in->w, word_cmp);
	qsort(model.w, model.n, sizeof *model.w, word_cmp);
	while (i < in->n && !why) {
		int c = j < model.n ? strcmp(in->w[i], model.w[j]) : -1;
		if (c == 0) {
			i++;
			j++;
		} else if (c > 0) {
			j++;
		} else if (strcasecmp(in->w[i], "video") == 0 ||
		           herald_lang_any_is("interviewer", in->w[i],
		                                    strlen(in->w[i])) ||
		           herald_lang_any_is("interviewee", in->w[i],
		                                    strlen(in->w[i]))) {
			i++;   /* a VIDEO marker, now a tag; a question or
			          answer label, now a turn's role */
		} else {
			why = malloc(512);
			if (!why)
				abort();
			snprintf(why, 512, "word '%.80s' lost (%s layout)", in->w[i],
			         herald_doc_meta(doc, HERALD_META_LAYOUT));
		}
	}
	words_free(&model);
	return why;
}

char *bt_word_mismatch(const void *input, size_t size, const herald_doc *doc)
{
	words in = { 0 }, model = { 0 };
	char *why = NULL;
	size_t i;
	const char *layout = herald_doc_meta(doc, HERALD_META_LAYOUT);

	split(&in, input, size);
	if ((layout && strcmp(layout, "blank") != 0 &&
	     strcmp(layout, "wrapped") != 0) ||
	    herald_turn_is_transcript(input, size)) {
		why = multiset_mismatch(&in, doc);
		words_free(&in);
		return why;
	}
	model_words(&model, doc);
	/* The text keeps the input's order; furniture the grammar moved
	 * into free fields (a dateline, a contact block) leaves the
	 * sequence: the model's words must be a subsequence of the input's,
	 * and what the subsequence skips must be, as a multiset, exactly
	 * the fields' words.  Without fields this is plain equality. */
	words skipped = { 0 }, fields = { 0 };
	size_t j = 0;
	for (i = 0; i < in.n; i++) {
		bool same = j < model.n &&
		            (strcmp(model.w[j], VIDEO_MARK) == 0
		                     ? strcasecmp(in.w[i], "video") == 0
		                     : strcmp(in.w[i], model.w[j]) == 0);
		if (same)
			j++;
		else
			add_word(&skipped, (const unsigned char *)in.w[i],
			         strlen(in.w[i]));
	}
	for (size_t f = 0; f < herald_doc_field_count(doc); f++)
		split_str(&fields, herald_doc_field_value(doc, f));
	/* qsort wants a real array even for no elements */
	if (skipped.n)
		qsort(skipped.w, skipped.n, sizeof *skipped.w, word_cmp);
	if (fields.n)
		qsort(fields.w, fields.n, sizeof *fields.w, word_cmp);
	bool fields_match = skipped.n == fields.n;
	for (size_t k = 0; fields_match && k < skipped.n; k++)
		fields_match = strcmp(skipped.w[k], fields.w[k]) == 0;
	if (j < model.n || !fields_match) {
		why = malloc(512);
		if (!why)
			abort();
		snprintf(why, 512, "words out of place: %zu of %zu model words "
		         "in input order (input %zu words); %zu skipped, %zu in "
		         "fields; first skipped '%.80s', next model '%.80s'",
		         j, model.n, in.n, skipped.n, fields.n,
		         skipped.n ? skipped.w[0] : "(none)",
		         j < model.n ? model.w[j] : "(end)");
	}
	words_free(&skipped);
	words_free(&fields);
	words_free(&in);
	words_free(&model);
	return why;
}
