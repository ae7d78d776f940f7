/* render.c - the markdown writer's cmark trees written out directly
 * (render.h).
 *
 * This follows cmark 0.30's CommonMark renderer step for step, for the
 * node types the writer makes and without wrapping: the same pending
 * line ends (need_cr: 1 a new line, 2 a blank one, with the prefix of
 * the open block quotes and list items), the same state at the start of
 * a line (begin_line, begin_content), the same escapes.  What differs is
 * how text goes out: the characters that need no thought (all but the
 * few ASCII ones cmark escapes) are copied a run at a time.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/escape.h>
#include <herald/text.h>

#include "render.h"

typedef struct md_buf {
	char *s;
	size_t len, cap;
	int failed;
} md_buf;

typedef struct md_renderer {
	md_buf out;
	md_buf prefix;          /* what each line inside the open blocks starts with */
	int need_cr;            /* 1: a line end is due, 2: a blank line */
	bool begin_line;        /* nothing written on this line (but prefix) */
	bool begin_content;     /* only a block marker, or digits, so far */
	bool in_tight_list_item;
	bool utf8_known;        /* every string is valid UTF-8 (md_render_valid) */
} md_renderer;

static int grow(md_buf *b, size_t n)
{
	size_t cap;
	char *s;

	if (b->failed)
		return -1;
	if (n <= b->cap - b->len)
		return 0;
	for (cap = b->cap ? b->cap : 4096; cap - b->len < n; cap *= 2)
		;
	if ((s = realloc(b->s, cap)) == NULL) {
		b->failed = 1;
		return -1;
	}
	b->s = s;
	b->cap = cap;
	return 0;
}

static void put(md_buf *b, const char *s, size_t n)
{
	if (n == 0 || grow(b, n) != 0)
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
}

static void putc_buf(md_buf *b, char c)
{
	if (grow(b, 1) == 0)
		b->s[b->len++] = c;
}

/* cmark_isdigit((char)c): cmark tests the low byte of a code point. */
static bool low_byte_digit(unsigned c)
{
	return (c & 0xFF) >= '0' && (c & 0xFF) <= '9';
}

static bool is_ascii_alpha(unsigned char c)
{
	return (c | 32) >= 'a' && (c | 32) <= 'z';
}

/* cmark_isspace: space, tab, line feed, vertical tab, form feed, CR. */
static bool is_ascii_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The line ends due before new output, as cmark's renderer writes them. */
static void settle_lines(md_renderer *r)
{
	size_t k = r->out.len;     /* one past cmark's k */

	if (r->in_tight_list_item && r->need_cr > 1)
		r->need_cr = 1;
	while (r->need_cr) {
		if (k == 0 || r->out.s[k - 1] == '\n') {
			if (k > 0)
				k--;
		} else {
			putc_buf(&r->out, '\n');
			if (r->need_cr > 1)
				put(&r->out, r->prefix.s, r->prefix.len);
		}
		r->begin_line = true;
		r->begin_content = true;
		r->need_cr--;
	}
}

static void line_start(md_renderer *r)
{
	if (r->begin_line)
		put(&r->out, r->prefix.s, r->prefix.len);
}

/* cmark stops a string at its first bad byte, having written the
 * line's prefix when the line had nothing yet (and it still has not:
 * the next output writes the prefix again). */
static void stop_at_bad_byte(md_renderer *r, size_t good, size_t n)
{
	if (good < n)
		line_start(r);
}

/* The ASCII characters text escapes wherever they stand: 1 a backslash,
 * 2 a character reference (controls); 3 those whose escape depends on
 * what surrounds them.  Everything else, and every byte beyond ASCII,
 * goes out as it is.  herald_escape_span finds the next of them (no
 * .with: the escape is decided here). */
static const herald_escapes text_class = { .index = {
	[0x01] = 2, [0x02] = 2, [0x03] = 2, [0x04] = 2, [0x05] = 2,
	[0x06] = 2, [0x07] = 2, [0x08] = 2, [0x09] = 2, [0x0A] = 2,
	[0x0B] = 2, [0x0C] = 2, [0x0D] = 2, [0x0E] = 2, [0x0F] = 2,
	[0x10] = 2, [0x11] = 2, [0x12] = 2, [0x13] = 2, [0x14] = 2,
	[0x15] = 2, [0x16] = 2, [0x17] = 2, [0x18] = 2, [0x19] = 2,
	[0x1A] = 2, [0x1B] = 2, [0x1C] = 2, [0x1D] = 2, [0x1E] = 2,
	[0x1F] = 2,
	['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1, ['#'] = 1, ['<'] = 1,
	['>'] = 1, ['\\'] = 1, ['`'] = 1, ['!'] = 1,
	['&'] = 3, ['-'] = 3, ['+'] = 3, ['='] = 3, ['.'] = 3, [')'] = 3
} };

/* How a string is escaped: not at all (block markers, raw inline HTML),
 * as text, as a link's destination, as its title. */
typedef enum { ESC_LITERAL, ESC_TEXT, ESC_URL, ESC_TITLE } md_escape;

/* Whether ASCII c is escaped in a link's destination or title. */
static bool needs_escape_in(md_escape mode, unsigned char c)
{
	if (c == '`' || c == '<' || c == '>' || c == '\\')
		return true;
	if (mode == ESC_URL)
		return c == ')' || c == '(' || is_ascii_space(c);
	return c == '"';
}

/* Whether ASCII c, followed by next, is escaped where it stands. */
static bool needs_escape(const md_renderer *r, unsigned char c,
                         unsigned char next)
{
	bool follows_digit = r->out.len > 0 &&
	                     r->out.s[r->out.len - 1] >= '0' &&
	                     r->out.s[r->out.len - 1] <= '9';

	switch (text_class.index[c]) {
	case 0:
		return false;
	case 3:
		if (c == '&')
			return is_ascii_alpha(next);
		if (c == '-' || c == '+' || c == '=')
			return r->begin_content && !follows_digit;
		return r->begin_content && follows_digit &&
		       (next == 0 || is_ascii_space(next));
	default:
		return true;
	}
}

/* One character (s[0..len), code point cp) as cmark's outc. */
static void escaped_char(md_renderer *r, const char *s, size_t len,
                         uint32_t cp, md_escape mode)
{
	char ref[16];
	unsigned char next = (unsigned char)s[len];
	bool escape = cp < 0x80 && mode != ESC_LITERAL &&
	              (mode == ESC_TEXT ? needs_escape(r, (unsigned char)cp, next)
	                                : needs_escape_in(mode, (unsigned char)cp));

	line_start(r);
	if (mode == ESC_LITERAL && cp == '\n') {
		putc_buf(&r->out, '\n');
		r->begin_line = true;
		r->begin_content = true;
		return;
	}
	if (escape) {
		if (mode == ESC_URL && is_ascii_space((unsigned char)cp)) {
			snprintf(ref, sizeof ref, "%%%2X", (unsigned)cp);
			put(&r->out, ref, strlen(ref));
		} else if (cp < 0x20) {
			snprintf(ref, sizeof ref, "&#%d;", (int)cp);
			put(&r->out, ref, strlen(ref));
		} else {
			putc_buf(&r->out, '\\');
			putc_buf(&r->out, (char)cp);
		}
	} else {
		put(&r->out, s, len);
	}
	r->begin_line = false;
	r->begin_content = r->begin_content && low_byte_digit(cp);
}

static void text_char(md_renderer *r, const char *s, size_t len,
                      uint32_t cp)
{
	escaped_char(r, s, len, cp, ESC_TEXT);
}

/* How much of s[0..n) cmark writes: up to its first bad byte. */
static size_t valid_prefix(const md_renderer *r, const char *s, size_t n)
{
	return r->utf8_known ? n : herald_utf8_valid_prefix(s, n);
}

/* s escaped as mode says, character by character; or, for a literal
 * that neither starts a line's content nor holds a line end, as it is. */
static void escaped(md_renderer *r, const char *s, md_escape mode)
{
	size_t n = strlen(s), good, i, len;
	uint32_t cp;

	settle_lines(r);
	good = valid_prefix(r, s, n);
	if (mode == ESC_LITERAL && !r->begin_content &&
	    memchr(s, '\n', good) == NULL) {
		if (good > 0) {
			line_start(r);
			put(&r->out, s, good);
			r->begin_line = false;
		}
		stop_at_bad_byte(r, good, n);
		return;
	}
	for (i = 0; i < good; i += len) {
		len = herald_utf8_next(s + i, good - i, &cp);
		escaped_char(r, s + i, len, cp, mode);
	}
	stop_at_bad_byte(r, good, n);
}

static void literal(md_renderer *r, const char *s)
{
	escaped(r, s, ESC_LITERAL);
}

/* Text, escaped: character by character while the line's start state
 * matters, then in runs of the bytes that need no look. */
static void text(md_renderer *r, const char *s)
{
	size_t n = strlen(s), good, i = 0, len, run;
	uint32_t cp;

	settle_lines(r);
	good = valid_prefix(r, s, n);
	while (i < good && (r->begin_line || r->begin_content)) {
		len = herald_utf8_next(s + i, n - i, &cp);
		text_char(r, s + i, len, cp);
		i += len;
	}
	while (i < good) {
		run = i + herald_escape_span(&text_class, s + i, good - i);
		put(&r->out, s + i, run - i);
		if ((i = run) == good)
			break;
		/* an ASCII character to decide; text holds no line feed
		 * (it is escaped), so the line's start is behind us */
		text_char(r, s + i, 1, (unsigned char)s[i]);
		i++;
	}
	stop_at_bad_byte(r, good, n);
}

/* --- blocks ------------------------------------------------------------ */

static void cr(md_renderer *r)
{
	if (r->need_cr < 1)
		r->need_cr = 1;
}

static void blankline(md_renderer *r)
{
	if (r->need_cr < 2)
		r->need_cr = 2;
}

static bool is_block(cmark_node *node)
{
	cmark_node_type t = cmark_node_get_type(node);

	return t >= CMARK_NODE_FIRST_BLOCK && t <= CMARK_NODE_LAST_BLOCK;
}

static cmark_node *containing_block(cmark_node *node)
{
	while (node != NULL && !is_block(node))
		node = cmark_node_parent(node);
	return node;
}

static bool tight_list(cmark_node *list)
{
	return list != NULL && cmark_node_get_list_tight(list);
}

static void note_tightness(md_renderer *r, cmark_node *node)
{
	cmark_node *b = containing_block(node), *parent;

	parent = b ? cmark_node_parent(b) : NULL;
	r->in_tight_list_item = b != NULL &&
		((cmark_node_get_type(b) == CMARK_NODE_ITEM && tight_list(parent)) ||
		 (parent != NULL && cmark_node_get_type(parent) == CMARK_NODE_ITEM &&
		  tight_list(cmark_node_parent(parent))));
}

static void prefix_add(md_renderer *r, const char *s, size_t n)
{
	put(&r->prefix, s, n);
}

static void prefix_drop(md_renderer *r, size_t n)
{
	r->prefix.len = n <= r->prefix.len ? r->prefix.len - n : 0;
}

/* An item's marker: "  - ", or the number ("1.  ", "12. "). */
static size_t item_marker(cmark_node *item, char *marker, size_t size)
{
	cmark_node *list = cmark_node_parent(item), *tmp;
	int number;

	if (cmark_node_get_list_type(list) == CMARK_BULLET_LIST) {
		snprintf(marker, size, "  - ");
		return 4;
	}
	number = cmark_node_get_list_start(list);
	for (tmp = item; cmark_node_previous(tmp) != NULL;
	     tmp = cmark_node_previous(tmp))
		number++;
	snprintf(marker, size, "%d%s%s", number,
	         cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ")" : ".",
	         number < 10 ? "  " : " ");
	return strlen(marker);
}

static bool is_ascii_alnum(unsigned char c)
{
	return is_ascii_alpha(c) || (c >= '0' && c <= '9');
}

/* cmark's scheme: a letter, then 1 to 31 letters, digits, '.', '+' or
 * '-', then ':'. */
static bool has_scheme(const char *url)
{
	size_t i = 1;

	if (!is_ascii_alpha((unsigned char)url[0]))
		return false;
	while (i <= 32 && (is_ascii_alnum((unsigned char)url[i]) ||
	                   url[i] == '.' || url[i] == '+' || url[i] == '-'))
		i++;
	return i >= 2 && i <= 32 && url[i] == ':';
}

/* Whether cmark writes the link as <url>: a scheme, no title, and a text
 * that is the URL (mailto: aside).  As cmark does, the text nodes that
 * open the link are merged first (which the rest of the rendering sees). */
static bool is_autolink(cmark_node *link)
{
	const char *url = cmark_node_get_url(link);
	const char *title = cmark_node_get_title(link);
	cmark_node *text = cmark_node_first_child(link);
	const char *words;

	if (url == NULL || !has_scheme(url) || (title != NULL && *title) ||
	    text == NULL)
		return false;
	cmark_consolidate_text_nodes(text);
	if (strncmp(url, "mailto:", 7) == 0)
		url += 7;
	words = cmark_node_get_literal(text);
	return words != NULL && *words != '\0' && strcmp(url, words) == 0;
}

/* A link; false when its content is not to be walked (an autolink). */
static bool render_link(md_renderer *r, cmark_node *link, bool entering)
{
	const char *url, *title;

	if (is_autolink(link)) {
		if (!entering)
			return true;
		url = cmark_node_get_url(link);
		literal(r, "<");
		literal(r, strncmp(url, "mailto:", 7) == 0 ? url + 7 : url);
		literal(r, ">");
		return false;
	}
	if (entering) {
		literal(r, "[");
		return true;
	}
	url = cmark_node_get_url(link);
	title = cmark_node_get_title(link);
	literal(r, "](");
	escaped(r, url != NULL ? url : "", ESC_URL);
	if (title != NULL && *title) {
		literal(r, " \"");
		escaped(r, title, ESC_TITLE);
		literal(r, "\"");
	}
	literal(r, ")");
	return true;
}

/* Render one event; false when the node's content is to be skipped. */
static bool render_node(md_renderer *r, cmark_node *node, bool entering)
{
	cmark_node_type type = cmark_node_get_type(node);
	cmark_node *parent = cmark_node_parent(node), *next;
	char marker[32];
	size_t width;
	int i;

	/* cmark asks at every node; an inline's containing block is the one
	 * of the last block event (its block's entry), so the answer stands */
	if (is_block(node) &&
	    !(type == CMARK_NODE_ITEM && cmark_node_previous(node) == NULL &&
	      entering))
		note_tightness(r, node);
	switch (type) {
	case CMARK_NODE_BLOCK_QUOTE:
		if (entering) {
			literal(r, "> ");
			r->begin_content = true;
			prefix_add(r, "> ", 2);
		} else {
			prefix_drop(r, 2);
			blankline(r);
		}
		break;
	case CMARK_NODE_LIST:
		next = cmark_node_next(node);
		if (!entering && next != NULL &&
		    (cmark_node_get_type(next) == CMARK_NODE_CODE_BLOCK ||
		     cmark_node_get_type(next) == CMARK_NODE_LIST)) {
			cr(r);
			literal(r, "<!-- end list -->");
			blankline(r);
		}
		break;
	case CMARK_NODE_ITEM:
		width = item_marker(node, marker, sizeof marker);
		if (entering) {
			literal(r, marker);
			r->begin_content = true;
			for (size_t k = 0; k < width; k++)
				prefix_add(r, " ", 1);
		} else {
			prefix_drop(r, width);
			cr(r);
		}
		break;
	case CMARK_NODE_HEADING:
		if (entering) {
			for (i = cmark_node_get_heading_level(node); i > 0; i--)
				literal(r, "#");
			literal(r, " ");
			r->begin_content = true;
		} else {
			blankline(r);
		}
		break;
	case CMARK_NODE_PARAGRAPH:
		if (!entering)
			blankline(r);
		break;
	case CMARK_NODE_TEXT:
		text(r, cmark_node_get_literal(node));
		break;
	case CMARK_NODE_HTML_INLINE:
		literal(r, cmark_node_get_literal(node));
		break;
	case CMARK_NODE_LINEBREAK:
		literal(r, "  ");
		cr(r);
		break;
	case CMARK_NODE_STRONG:
		literal(r, "**");
		break;
	case CMARK_NODE_EMPH:
		/* EMPH(EMPH(x)) as *_x_*: **x** would be STRONG(x) */
		literal(r, parent != NULL &&
		           cmark_node_get_type(parent) == CMARK_NODE_EMPH &&
		           cmark_node_next(node) == NULL &&
		           cmark_node_previous(node) == NULL ? "_" : "*");
		break;
	case CMARK_NODE_LINK:
		return render_link(r, node, entering);
	default:                                  /* DOCUMENT */
		break;
	}
	return true;
}

int md_render_covers(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	int covered = it != NULL;

	while (covered && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		switch (cmark_node_get_type(cmark_iter_get_node(it))) {
		case CMARK_NODE_DOCUMENT: case CMARK_NODE_BLOCK_QUOTE:
		case CMARK_NODE_LIST: case CMARK_NODE_ITEM:
		case CMARK_NODE_HEADING: case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_TEXT: case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_LINEBREAK: case CMARK_NODE_STRONG:
		case CMARK_NODE_EMPH: case CMARK_NODE_LINK:
			break;
		default:
			covered = 0;
		}
	}
	cmark_iter_free(it);
	return covered;
}

static char *render(cmark_node *root, bool utf8_known)
{
	md_renderer r;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	if (it == NULL)
		return NULL;
	memset(&r, 0, sizeof r);
	r.begin_line = r.begin_content = true;
	r.utf8_known = utf8_known;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);

		if (!render_node(&r, node, ev == CMARK_EVENT_ENTER))
			cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
	if (r.out.len == 0 || r.out.s[r.out.len - 1] != '\n')
		putc_buf(&r.out, '\n');
	putc_buf(&r.out, '\0');
	free(r.prefix.s);
	if (r.out.failed || r.prefix.failed) {
		free(r.out.s);
		return NULL;
	}
	return r.out.s;
}

char *md_render(cmark_node *root)
{
	return render(root, false);
}

char *md_render_valid(cmark_node *root)
{
	return render(root, true);
}
