/* plugins/bulletin/layout.c - how a plain text splits into paragraphs,
 * decided from the document's own statistics, and the split itself.
 *
 * One pass collects, for the non-blank lines: how many there are, how
 * many blank lines, the lines that a non-blank line follows ("inner"
 * lines: a paragraph's line ends, or paragraph ends where no blank line
 * separates them), how many of those end a sentence, their lengths, and
 * the indentation that opens a paragraph.  doc/bulletin.md says how the
 * figures decide; every rule prefers the layout of today's reader
 * (blank lines) when the evidence is weak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <herald/text.h>

#include "bulletin.h"

/* A line this long, alone, is a whole item rather than a paragraph. */
#define ITEM_LINE_MIN 300
/* Indented further than this and short: a centred heading. */
#define CENTRED_INDENT 8
#define CENTRED_MAX 70
#define WIDTH_MAX 100

/* --- the block list ---------------------------------------------------- */

int herald_bulletin_blocks_push(herald_bulletin_blocks *bl,
                                herald_bulletin_block b)
{
	if (bl->count == bl->cap) {
		size_t cap = bl->cap ? bl->cap * 2 : 64;
		herald_bulletin_block *v = realloc(bl->v, cap * sizeof *v);
		if (!v)
			return HERALD_ENOMEM;
		bl->v = v;
		bl->cap = cap;
	}
	bl->v[bl->count++] = b;
	return HERALD_OK;
}

char *herald_bulletin_blocks_own(herald_bulletin_blocks *bl, char *text)
{
	if (!text)
		return NULL;
	if (bl->owned_count == bl->owned_cap) {
		size_t cap = bl->owned_cap ? bl->owned_cap * 2 : 64;
		char **v = realloc(bl->owned, cap * sizeof *v);
		if (!v) {
			free(text);
			return NULL;
		}
		bl->owned = v;
		bl->owned_cap = cap;
	}
	bl->owned[bl->owned_count++] = text;
	return text;
}

/* --- lines --------------------------------------------------------------- */

typedef struct tline {
	const char *s;        /* trimmed */
	size_t n;
	size_t indent;        /* code points of leading space */
	size_t width;         /* code points, indent included */
	unsigned long number;
	bool blank;
} tline;

typedef struct lines {
	const char *text;
	size_t len, pos;
	unsigned long number;
} lines;

static bool next_line(lines *c, tline *l)
{
	if (c->pos >= c->len)
		return false;
	const char *start = c->text + c->pos;
	const char *nl = memchr(start, '\n', c->len - c->pos);
	size_t n = nl ? (size_t)(nl - start) : c->len - c->pos;
	size_t skip = herald_text_skip_space(start, n);

	c->pos += n + (nl != NULL);
	l->number = c->number++;
	l->indent = herald_utf8_count(start, skip);
	l->s = start + skip;
	l->n = herald_text_trim_end(l->s, n - skip);
	l->blank = l->n == 0;
	l->width = l->indent + herald_utf8_count(l->s, l->n);
	return true;
}

static bool ends_sentence(const char *s, size_t n)
{
	while (n > 0) {
		uint32_t cp;
		size_t l = herald_utf8_prev(s, n, &cp);
		if (!herald_cp_is_closer(cp) && !herald_cp_is_space(cp))
			return herald_cp_is_sentence_terminal(cp);
		n -= l;
	}
	return false;
}

/* Where the next byte that may end a sentence is, from k: '.', '!',
 * '?' or any byte of a non-ASCII character; n when none. */
static size_t next_mark(const char *s, size_t n, size_t k)
{
	return k + herald_text_find_any(s + k, n - k, ".!?", 3, true);
}

/* Sentence ends in s, counted up to limit (the layout asks whether a
 * long line holds two: the rest of it is not read). */
static size_t sentence_ends(const char *s, size_t n, size_t limit)
{
	size_t count = 0;

	for (size_t k = next_mark(s, n, 0); k < n && count < limit;
	     k = next_mark(s, n, k)) {
		uint32_t cp;

		k += herald_utf8_next(s + k, n - k, &cp);
		count += herald_cp_is_sentence_terminal(cp) &&
		         (k >= n || s[k] == ' ' || (unsigned char)s[k] >= 0x80);
	}
	return count;
}

/* --- detection ------------------------------------------------------------ */

typedef struct stats {
	size_t lines, blanks, inner, inner_ends, long_lines, glued;
	size_t runs, run, multi, multi_lines;  /* runs of non-blank lines;
	                         the one going on; those of two lines or more,
	                         and their lines */
	size_t width_hist[WIDTH_MAX + 2];
	size_t indent_starts[CENTRED_INDENT + 1];
	size_t cont, cont_flush;   /* lines after a non-blank one; flush ones */
} stats;

herald_bulletin_layout herald_bulletin_detect_layout(const char *text,
                                                     size_t len)
{
	lines c = { text, len, 0, 1 };
	tline prev = { .blank = true }, l;
	stats st = { 0 };
	bool first = true;

	while (next_line(&c, &l)) {
		if (l.blank) {
			st.blanks += !first;
		} else {
			size_t w = l.width;
			st.lines++;
			if (w >= ITEM_LINE_MIN && sentence_ends(l.s, l.n, 2) >= 2) {
				st.long_lines++;
				st.glued += herald_bulletin_glued_title(l.s, l.n) > 0;
			}
			st.runs += prev.blank;
			st.run = prev.blank ? 1 : st.run + 1;
			if (st.run == 2) {
				st.multi++;
				st.multi_lines += 2;
			} else if (st.run > 2) {
				st.multi_lines++;
			}
			if (!prev.blank) {
				size_t pw = prev.width;
				st.inner++;
				st.cont++;
				st.cont_flush += l.indent == 0;
				st.inner_ends += ends_sentence(prev.s, prev.n);
				st.width_hist[pw > WIDTH_MAX ? WIDTH_MAX + 1 : pw]++;
				/* an indented line after a flush one opens a paragraph */
				if (l.indent >= 2 && l.indent <= CENTRED_INDENT &&
				    prev.indent < l.indent)
					st.indent_starts[l.indent]++;
			}
			first = false;
		}
		prev = l;
	}
	if (st.lines == 0)
		return BULLETIN_LAYOUT_BLANK;
	/* Lines that are long runs of sentences opening with a headline
	 * glued to them, four in five at least (a short item among them is
	 * still one), few blank lines.  Long lines without headlines are
	 * paragraphs (the line layout below). */
	if (st.lines >= 2 && st.long_lines * 5 >= st.lines * 4 &&
	    st.glued * 5 >= st.lines * 4 && st.blanks * 2 < st.lines)
		return BULLETIN_LAYOUT_ITEM;
	if (st.inner == 0)
		return BULLETIN_LAYOUT_BLANK;

	/* Hard-wrapped: most line ends inside paragraphs fall in a narrow
	 * band below the widest line (within 20 columns of it), the widest
	 * is a typewriter's width, and most line ends fall inside
	 * sentences. */
	size_t widest = 0, band = 0, wide = st.width_hist[WIDTH_MAX + 1];
	for (size_t w = WIDTH_MAX; w > 0 && !widest; w--)
		if (st.width_hist[w])
			widest = w;
	for (size_t w = widest > 20 ? widest - 20 : 0; w <= widest; w++)
		band += st.width_hist[w];
	bool wrapped = wide * 10 < st.inner && widest >= 40 &&
	               band * 10 >= st.inner * 6 &&
	               st.inner_ends * 2 < st.inner;

	/* Indentation alone: lines that open paragraphs by an indent
	 * (after a line less indented: no blank line between them),
	 * continued by flush lines at least as often. */
	size_t starts = 0;
	for (size_t i = 2; i <= CENTRED_INDENT; i++)
		starts += st.indent_starts[i];
	if (starts >= 2 && st.cont_flush >= starts && starts * 20 >= st.inner)
		return BULLETIN_LAYOUT_INDENT;
	if (wrapped)
		return BULLETIN_LAYOUT_WRAPPED;
	/* Single newlines between paragraphs: most inner line ends end a
	 * sentence, there are enough of them to tell, and the runs of
	 * lines between blank lines are long (three lines or more on
	 * average): a bulletin's paragraphs of a sentence or two a line,
	 * between blank lines, stay paragraphs. */
	if (st.inner >= 3 && st.inner_ends * 10 >= st.inner * 7 &&
	    st.multi_lines >= 3 * st.multi)
		return BULLETIN_LAYOUT_LINE;
	/* No blank line at all in four lines or more, and neither wrapped
	 * nor indented: nothing but the line ends can separate paragraphs
	 * (a digest of headlines and one-line paragraphs, whose headlines
	 * keep the share of sentence ends under the bar above). */
	if (st.blanks == 0 && st.lines >= 4)
		return BULLETIN_LAYOUT_LINE;
	return BULLETIN_LAYOUT_BLANK;
}

const char *herald_bulletin_layout_name(herald_bulletin_layout layout)
{
	static const char *const names[] = { "auto", "blank", "wrapped", "line",
	                                     "indent", "item" };
	return (unsigned)layout < sizeof names / sizeof *names ? names[layout]
	                                                       : "blank";
}

/* --- splitting ---------------------------------------------------------- */

typedef struct builder {
	herald_bulletin_blocks *bl;
	herald_buf text;          /* the open block's lines, '\n'-joined */
	herald_bulletin_block cur;
	bool open;
} builder;

static int flush(builder *b)
{
	if (!b->open)
		return HERALD_OK;
	b->open = false;
	char *text = malloc(b->text.len + 1);
	if (!text)
		return HERALD_ENOMEM;
	memcpy(text, b->text.data, b->text.len);
	text[b->text.len] = '\0';
	if (!herald_bulletin_blocks_own(b->bl, text))
		return HERALD_ENOMEM;
	b->cur.text = text;
	b->cur.len = b->text.len;
	return herald_bulletin_blocks_push(b->bl, b->cur);
}

static int add_line(builder *b, const tline *l, size_t gap, unsigned level)
{
	if (!b->open) {
		b->cur = (herald_bulletin_block){ .kind = BULLETIN_BLOCK_TEXT,
		                                  .level = level,
		                                  .line = l->number,
		                                  .col = l->indent + 1,
		                                  .gap = gap };
		herald_buf_clear(&b->text);
		b->open = true;
	}
	if (b->text.len)
		herald_buf_putc(&b->text, '\n');
	return herald_buf_append(&b->text, l->s, l->n);
}

/* Centred: far indented and short, as typeset headings of official acts
 * are. */
static bool is_centred(const tline *l)
{
	return l->indent > CENTRED_INDENT &&
	       l->width - l->indent <= CENTRED_MAX;
}

/* --- plain-text headings (doc/bulletin.md, "Plain-text headings") ------ */

#define HEADING_MAX_CPS 60
#define HEADING_MAX_WORDS 12

/* An underline: a run of three or more '=' (1) or '-' (2) alone on its
 * line; 0 when l is not one. */
static unsigned underline_level(const tline *l)
{
	if (l->n < 3 || (l->s[0] != '=' && l->s[0] != '-'))
		return 0;
	for (size_t i = 1; i < l->n; i++)
		if (l->s[i] != l->s[0])
			return 0;
	return l->s[0] == '=' ? 1 : 2;
}

/* The open block is one line, and the underline under it is about as
 * wide (half its width at least, a few columns more at most), as a
 * writer underlines a title. */
static bool underlines(const builder *b, const tline *l)
{
	size_t w;

	if (!b->open || memchr(b->text.data, '\n', b->text.len))
		return false;
	w = herald_utf8_count(b->text.data, b->text.len);
	return w <= HEADING_MAX_CPS && l->n * 2 >= w && l->n <= w + 4 &&
	       !herald_bulletin_ends_sentence(b->text.data, b->text.len);
}

/* A title in lenticular brackets, the line whole: "【市政府发布计划】";
 * [*start, *end) gets the title's span inside them. */
static bool bracketed_title(const tline *l, size_t *start, size_t *end)
{
	static const char open[] = "\xE3\x80\x90", close[] = "\xE3\x80\x91";

	if (l->n <= 6 || memcmp(l->s, open, 3) != 0 ||
	    memcmp(l->s + l->n - 3, close, 3) != 0 ||
	    l->width - l->indent > HEADING_MAX_CPS)
		return false;
	for (size_t at = 3; at + 6 <= l->n; at++)
		if (memcmp(l->s + at, close, 3) == 0)
			return false;   /* 【a】 text 【b】: not one title */
	*start = 3;
	*end = l->n - 3;
	return true;
}

/* A short line numbered by a Chinese numeral and an ideographic comma
 * ("一、全国秋粮收获进度过半"), not a sentence. */
static bool cjk_numbered_title(const tline *l)
{
	/* 一 二 三 四 五 六 七 八 九 十 */
	static const uint32_t numerals[] = { 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
	                                     0x4E94, 0x516D, 0x4E03, 0x516B,
	                                     0x4E5D, 0x5341 };
	size_t at = 0, count = 0;
	uint32_t cp = 0;

	while (at < l->n && count <= 3) {
		size_t len = herald_utf8_next(l->s + at, l->n - at, &cp), k;
		for (k = 0; k < sizeof numerals / sizeof *numerals; k++)
			if (cp == numerals[k])
				break;
		if (k == sizeof numerals / sizeof *numerals)
			break;
		at += len;
		count++;
	}
	return count > 0 && count <= 3 && cp == 0x3001 /* 、 */ &&
	       at + 3 < l->n &&
	       l->width - l->indent <= HEADING_MAX_CPS &&
	       !herald_bulletin_ends_sentence(l->s, l->n);
}

/* In the line layout, a headline in capitals on its own line: short,
 * no lower-case letter, not a sentence, not a speaker label or a time
 * or a date ("CITY COUNCIL APPROVES NEW BUDGET"). */
static bool upper_headline(const tline *l)
{
	herald_label label;
	char time[64], iso[11];

	return herald_bulletin_tokens(l->s, l->n) <= HEADING_MAX_WORDS &&
	       herald_bulletin_tokens(l->s, l->n) >= 2 &&
	       herald_bulletin_is_upper_text(l->s, l->n) &&
	       herald_bulletin_is_short_line(l->s, l->n, HEADING_MAX_WORDS) &&
	       herald_turn_label(l->s, l->n, &label) == HERALD_LABEL_NONE &&
	       !herald_bulletin_parse_time(l->s, l->n, time, sizeof time) &&
	       herald_bulletin_parse_date(l->s, l->n, BULLETIN_ORDER_DMY, iso) ==
	               BULLETIN_DATE_NONE;
}

/* A line ending a sentence with a full-width terminal (。！？, closers
 * aside), and one opening in a script written without spaces.  Such
 * scripts are not wrapped at spaces, so a line break after a full stop
 * there ends a paragraph, as single-newline Chinese news puts them. */
static bool ends_fullwidth_sentence(const tline *l)
{
	size_t n = l->n;

	while (n > 0) {
		uint32_t cp;
		size_t len = herald_utf8_prev(l->s, n, &cp);
		if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F)
			return true;
		if (!herald_cp_is_closer(cp))
			return false;
		n -= len;
	}
	return false;
}

static bool opens_spaceless(const tline *l)
{
	uint32_t cp = 0;

	if (l->n)
		herald_utf8_next(l->s, l->n, &cp);
	return herald_cp_is_spaceless(cp);
}

/* A heading line of its own as a HEADING block of level. */
static int add_heading_line(builder *b, const tline *l, size_t gap,
                            unsigned level)
{
	int rc = flush(b);

	if (rc == HERALD_OK)
		rc = add_line(b, l, gap, 0);
	b->cur.kind = BULLETIN_BLOCK_HEADING;
	b->cur.level = level;
	return rc == HERALD_OK ? flush(b) : rc;
}

/* A line numbered as an item title: one or two digits, "." or ")", a
 * space, a capital, at most HEADING_MAX_WORDS words, no sentence end
 * ("1. Council approves new cycle lanes").  Its number, 0 when none. */
static unsigned numbered_title(const herald_bulletin_block *k)
{
	size_t at = 0;
	unsigned number = 0;
	uint32_t cp = 0;

	if (k->kind != BULLETIN_BLOCK_TEXT || memchr(k->text, '\n', k->len))
		return 0;
	while (at < k->len && at < 2 && k->text[at] >= '0' && k->text[at] <= '9')
		number = number * 10 + (unsigned)(k->text[at++] - '0');
	if (!at || at + 2 >= k->len ||
	    (k->text[at] != '.' && k->text[at] != ')') || k->text[at + 1] != ' ')
		return 0;
	herald_utf8_next(k->text + at + 2, k->len - at - 2, &cp);
	return herald_cp_is_upper(cp) &&
	       herald_bulletin_is_short_line(k->text, k->len, HEADING_MAX_WORDS)
	               ? number : 0;
}

bool herald_bulletin_may_have_headings(const char *text, size_t len)
{
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t s = at + herald_text_skip_space(text + at, end - at);
		tline l = { .s = text + s,
		            .n = herald_text_trim_end(text + s, end - s) };
		/* the width matters only to a line opening with a CJK
		 * numeral (cjk_numbered_title): counted for those alone */
		l.width = l.n && (unsigned char)l.s[0] >= 0x80
		                  ? herald_utf8_count(l.s, l.n) : 0;
		/* "1. ", "12) ": a digit or two, a stop or bracket, a space */
		size_t d = 0;
		while (d < 2 && d < l.n && l.s[d] >= '0' && l.s[d] <= '9')
			d++;
		bool numbered = d > 0 && d + 2 < l.n &&
		                (l.s[d] == '.' || l.s[d] == ')') && l.s[d + 1] == ' ';
		if (l.n >= 3 && (numbered || underline_level(&l) ||
		                 cjk_numbered_title(&l) ||
		                 memcmp(l.s, "\xE3\x80\x90", 3) == 0))
			return true;
		at = end + 1;
	}
	return false;
}

/* Numbered item titles: a numbered line is a heading only when text
 * follows it and the next number follows that text, or when it is that
 * next number and text follows it too ("1. Title", text, "2. Title",
 * text): a numbered list has no text between its entries, a lone "1."
 * may be anything.  One pass, the last candidate remembered. */
static void mark_heading(herald_bulletin_block *k)
{
	k->kind = BULLETIN_BLOCK_HEADING;
	k->level = 2;
}

static void number_headings(herald_bulletin_blocks *bl)
{
	size_t last = 0, between = 0;
	unsigned last_number = 0;
	bool follows = false;   /* last is its predecessor's successor */

	for (size_t i = 0; i < bl->count; i++) {
		unsigned number = numbered_title(&bl->v[i]);
		if (!number) {
			between += bl->v[i].kind == BULLETIN_BLOCK_TEXT;
			continue;
		}
		bool next = last_number && number == last_number + 1 && between;
		if (between && (follows || next))
			mark_heading(&bl->v[last]);
		follows = next;
		last = i;
		last_number = number;
		between = 0;
	}
	if (follows && between)
		mark_heading(&bl->v[last]);
}

int herald_bulletin_text_blocks(const char *text, size_t len,
                                unsigned long first_line,
                                herald_bulletin_layout layout,
                                herald_bulletin_blocks *bl)
{
	lines c = { text, len, 0, first_line };
	builder b = { .bl = bl, .text = HERALD_BUF_INIT };
	tline l;
	size_t gap = 0;
	bool prev_centred = false, prev_fullwidth_end = false;
	int rc = HERALD_OK;

	bl->layout = layout;
	while (rc == HERALD_OK && next_line(&c, &l)) {
		if (l.blank) {
			rc = flush(&b);
			gap++;
			continue;
		}
		bool centred = is_centred(&l);
		bool split;
		unsigned under = underline_level(&l);
		size_t hs, he;
		if (under && underlines(&b, &l)) {
			/* the line above is a title; the underline has no words */
			b.cur.kind = BULLETIN_BLOCK_HEADING;
			b.cur.level = under;
			rc = flush(&b);
			gap = 0;
			prev_centred = false;
			continue;
		}
		if (bracketed_title(&l, &hs, &he)) {
			tline t = l;
			t.s += hs;
			t.n = he - hs;
			t.indent += 1;   /* the bracket's column */
			t.width = t.indent + herald_utf8_count(t.s, t.n);
			rc = add_heading_line(&b, &t, gap, 2);
			gap = 0;
			prev_centred = false;
			continue;
		}
		if (cjk_numbered_title(&l) ||
		    (layout == BULLETIN_LAYOUT_LINE && upper_headline(&l))) {
			rc = add_heading_line(&b, &l, gap, 2);
			gap = 0;
			prev_centred = false;
			continue;
		}
		switch (layout) {
		case BULLETIN_LAYOUT_LINE:
		case BULLETIN_LAYOUT_ITEM:
			split = true;
			break;
		case BULLETIN_LAYOUT_INDENT:
			split = l.indent >= 2 || centred != prev_centred;
			break;
		default:
			split = prev_fullwidth_end && opens_spaceless(&l);
			break;
		}
		/* centred lines run together into one heading */
		if (centred && prev_centred && b.open)
			split = false;
		if (split && (rc = flush(&b)) != HERALD_OK)
			break;
		rc = add_line(&b, &l, layout == BULLETIN_LAYOUT_ITEM ? 2 : gap,
		              centred ? 1 : 0);
		gap = 0;
		prev_centred = centred;
		prev_fullwidth_end = ends_fullwidth_sentence(&l);
	}
	if (rc == HERALD_OK)
		rc = flush(&b);
	if (rc == HERALD_OK)
		number_headings(bl);
	herald_buf_free(&b.text);
	return rc;
}
