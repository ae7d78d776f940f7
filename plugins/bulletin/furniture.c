/* plugins/bulletin/furniture.c - lines that frame a text rather than say
 * it: end marks, bylines, short heading-like lines, and a title glued to
 * the text of its item.  Each looks at one block, bounded by the block
 * (doc/bulletin.md, "Furniture").
 */
#include <stdlib.h>
#include <string.h>

#include <herald/text.h>

#include "bulletin.h"

#define TITLE_MAX_BYTES 400
#define TITLE_MAX_WORDS 30
#define TITLE_MIN_WORDS 3

/* A short line of symbols alone ("###", "* * *"): it has no words. */
static bool symbols_only(const char *s, size_t n)
{
	if (n == 0 || n > 16)
		return false;
	for (size_t k = 0; k < n;) {
		uint32_t cp;
		k += herald_utf8_next(s + k, n - k, &cp);
		if (herald_cp_is_alnum(cp))
			return false;
	}
	return true;
}

bool herald_bulletin_is_end_mark(const char *s, size_t n)
{
	size_t at = herald_text_skip_space(s, n), k;
	char time[64];

	n = herald_text_trim_end(s, n);
	if (at >= n)
		return false;
	if (symbols_only(s + at, n - at))
		return true;
	k = herald_lang_any_prefix("end", s + at, n - at);
	if (!k)
		return false;
	at += k;
	at += herald_text_skip_space(s + at, n - at);
	/* "END", or "END" and the time the briefing ended. */
	return at == n || herald_bulletin_parse_time(s + at, n - at, time,
	                                             sizeof time);
}

size_t herald_bulletin_byline(const char *s, size_t n)
{
	size_t k = herald_lang_any_prefix("byline", s, n), at;

	if (!k || !herald_bulletin_is_short_line(s, n, 12))
		return 0;
	at = k + herald_text_skip_space(s + k, n - k);
	/* The names that follow are capitalised: "By Ada Lind", not "By
	 * then, ...". */
	uint32_t cp = 0;
	if (at < n)
		herald_utf8_next(s + at, n - at, &cp);
	return herald_cp_is_upper(cp) ? at : 0;
}

/* The last code point of s that is not a closer or space. */
static uint32_t last_meaningful(const char *s, size_t n)
{
	while (n > 0) {
		uint32_t cp;
		size_t l = herald_utf8_prev(s, n, &cp);
		if (!herald_cp_is_space(cp) && !herald_cp_is_closer(cp) &&
		    cp != '\n')
			return cp;
		n -= l;
	}
	return 0;
}

bool herald_bulletin_is_short_line(const char *s, size_t n, size_t words)
{
	uint32_t last;

	if (n == 0 || n > TITLE_MAX_BYTES || memchr(s, '\n', n))
		return false;
	last = last_meaningful(s, n);
	if (herald_cp_is_sentence_terminal(last) || last == ',' || last == ';')
		return false;
	size_t w = herald_text_word_count(s, n);
	return w >= 1 && w <= words;
}

bool herald_bulletin_is_upper_text(const char *s, size_t n)
{
	size_t upper = 0;

	for (size_t k = 0; k < n;) {
		uint32_t cp;
		k += herald_utf8_next(s + k, n - k, &cp);
		if (herald_cp_is_lower(cp))
			return false;
		upper += herald_cp_is_upper(cp);
	}
	return upper >= 2;
}

/* One word: [start, end) and whether it ends with punctuation. */
typedef struct word {
	size_t start, end;
	uint32_t first, last;
} word;

static bool next_word(const char *s, size_t n, size_t *at, word *w)
{
	size_t k = *at;
	uint32_t cp;

	while (k < n) {
		size_t l = herald_utf8_next(s + k, n - k, &cp);
		if (!herald_cp_is_space(cp) && cp != '\n')
			break;
		k += l;
	}
	if (k >= n)
		return false;
	w->start = k;
	herald_utf8_next(s + k, n - k, &w->first);
	while (k < n) {
		/* ASCII inside a word, many bytes at a time */
		size_t run = herald_text_ascii_word_run(s + k, n - k);
		if (run) {
			w->last = (unsigned char)s[k + run - 1];
			k += run;
			if (k >= n)
				break;
		}
		size_t l = herald_utf8_next(s + k, n - k, &cp);
		if (herald_cp_is_space(cp) || cp == '\n')
			break;
		w->last = cp;
		k += l;
	}
	w->end = k;
	*at = k;
	return true;
}

/* A headline glued to its text, as one-item-per-line archives store
 * them: the title ends at the first word boundary, inside the first
 * sentence, where a word in lower case without punctuation is followed
 * by a capitalised word, and the lower-case word is no conjunction,
 * article or preposition (data: [nonfinal]) -- a title does not end on
 * "and".  Needs three words or more before it and a body after it. */
size_t herald_bulletin_glued_title(const char *s, size_t n)
{
	size_t at = 0, words = 0;
	word prev = { 0 }, w;
	bool have_prev = false;

	while (at < TITLE_MAX_BYTES && next_word(s, n, &at, &w)) {
		if (have_prev && words >= TITLE_MIN_WORDS &&
		    herald_cp_is_upper(w.first) &&
		    herald_cp_is_lower(prev.first) &&
		    herald_cp_is_letter(prev.last) &&
		    !herald_lang_any_is("nonfinal", s + prev.start,
		                              prev.end - prev.start))
			return w.start < TITLE_MAX_BYTES && w.start < n / 2
			               ? herald_text_trim_end(s, w.start)
			               : 0;
		if (herald_cp_is_sentence_terminal(w.last) || words >= TITLE_MAX_WORDS)
			return 0;
		prev = w;
		have_prev = true;
		words++;
	}
	return 0;
}

size_t herald_bulletin_bullet(const char *s, size_t n)
{
	uint32_t cp;
	size_t at = herald_text_skip_space(s, n), l;

	if (at >= n)
		return 0;
	l = herald_utf8_next(s + at, n - at, &cp);
	if (cp != '-' && cp != '*' && cp != 0x2022 && cp != 0x2023 &&
	    cp != 0x2013)
		return 0;
	at += l;
	l = herald_text_skip_space(s + at, n - at);
	return l ? at + l : 0;
}

bool herald_bulletin_is_bullet_block(const char *s, size_t n)
{
	size_t lines = 0;

	for (size_t at = 0; at < n;) {
		const char *nl = memchr(s + at, '\n', n - at);
		size_t len = nl ? (size_t)(nl - (s + at)) : n - at;
		size_t b = herald_bulletin_bullet(s + at, len);
		if (!b || b >= herald_text_trim_end(s + at, len))
			return false;
		lines++;
		at += len + 1;
	}
	return lines >= 2;
}

int herald_bulletin_plain_list(herald_doc *doc, herald_node *parent,
                               const char *s, size_t n, unsigned long line,
                               unsigned long col)
{
	herald_node *list = herald_node_new(doc, HERALD_NODE_LIST);

	if (!list || herald_node_append_child(parent, list) != HERALD_OK)
		return HERALD_ENOMEM;
	herald_node_set_position(list, line, col);
	for (size_t at = 0; at < n; line++) {
		const char *nl = memchr(s + at, '\n', n - at);
		size_t len = nl ? (size_t)(nl - (s + at)) : n - at;
		size_t b = herald_bulletin_bullet(s + at, len);
		size_t end = herald_text_trim_end(s + at, len);
		herald_node *entry = herald_node_new(doc, HERALD_NODE_LIST_ITEM);
		herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
		herald_node *t = herald_node_new_text(doc, s + at + b, end - b);
		if (!entry || !p || !t || herald_node_append_child(list, entry) ||
		    herald_node_append_child(entry, p) ||
		    herald_node_append_child(p, t))
			return HERALD_ENOMEM;
		herald_node_set_position(entry, line, col);
		herald_node_set_position(p, line, col);
		herald_node_set_position(t, line, col + herald_utf8_count(s + at, b));
		at += len + 1;
	}
	return HERALD_OK;
}

/* --- release furniture: labels, datelines, contacts, notes, captions ---- */

#define LABEL_LINE_WORDS 6
/* Byte bounds checked before words are counted (a pass over the block):
 * generous for the word limits they stand before. */
#define LABEL_LINE_BYTES 160
#define DATED_LINE_BYTES 240
#define CAPTION_MAX_BYTES 400
#define PLACE_MAX_WORDS 4
#define PLACE_MAX_BYTES 80
#define DATE_MAX_BYTES 80
#define AGENCY_MAX_BYTES 40
#define CAPTION_MAX_WORDS 40
#define SIGNATURE_LINES 6
#define SIGNATURE_WORDS 8
#define ABOUT_WORDS 10

/* s without trailing white space and one final colon (ASCII or full
 * width): "Media contact :" is the label "Media contact". */
static size_t without_colon(const char *s, size_t n)
{
	uint32_t cp;

	n = herald_text_trim_end(s, n);
	if (n > 0) {
		size_t l = herald_utf8_prev(s, n, &cp);
		if (cp == ':' || cp == 0xFF1A)
			n = herald_text_trim_end(s, n - l);
	}
	return n;
}

bool herald_bulletin_is_release_label(const char *s, size_t n)
{
	size_t at = herald_text_skip_space(s, n);

	/* the cheap tests first: every block is asked, and counting words
	 * is a pass */
	if (n > LABEL_LINE_BYTES || at >= n ||
	    !herald_lang_any_prefix("release", s + at, n - at) ||
	    memchr(s, '\n', n) ||
	    herald_bulletin_tokens(s + at, n - at) > LABEL_LINE_WORDS)
		return false;
	n = without_colon(s + at, n - at);
	return n > 0 && herald_lang_any_is("release", s + at, n);
}

bool herald_bulletin_opens_with_label(const char *section, const char *s,
                                      size_t n)
{
	size_t at = herald_text_skip_space(s, n), k;
	uint32_t cp = 0;

	k = herald_lang_any_prefix(section, s + at, n - at);
	if (!k)
		return false;
	at += k;
	at += herald_text_skip_space(s + at, n - at);
	if (at == n || s[at] == '\n')
		return true;   /* the label alone on its line, a heading */
	herald_utf8_next(s + at, n - at, &cp);
	return cp == ':' || cp == 0xFF1A;
}

/* One caption line (is_caption for a line). */
static bool caption_line(const char *s, size_t n);

bool herald_bulletin_is_caption(const char *s, size_t n)
{
	/* a block of caption lines ("Image copyright PA Media" / "Image
	 * caption Crowds on the beach"): every line one */
	size_t lines = 0;
	for (size_t at = 0; at < n; lines++) {
		const char *nl = memchr(s + at, '\n', n - at);
		size_t len = nl ? (size_t)(nl - (s + at)) : n - at;
		if (lines >= 4 || !caption_line(s + at, len))
			return false;
		at += len + 1;
	}
	return lines > 0;
}

/* A caption's opening, its length aside. */
static bool caption_shape(const char *s, size_t n)
{
	size_t at = herald_text_skip_space(s, n), k;
	bool paren;

	n = herald_text_trim_end(s, n);
	if (at >= n || n > CAPTION_MAX_BYTES || memchr(s, '\n', n))
		return false;
	paren = s[at] == '(' || s[at] == '[';
	if (paren) {
		/* "(Photo by Ana Costa)": the whole line in brackets */
		if (s[n - 1] != (s[at] == '(' ? ')' : ']'))
			return false;
		at++;
	}
	/* "Image caption Crowds on the beach": the label runs into the
	 * caption without a colon */
	k = herald_lang_any_prefix("caption-run", s + at, n - at);
	if (k && !paren && at + k < n &&
	    herald_text_skip_space(s + at + k, n - at - k) > 0)
		return true;
	k = herald_lang_any_prefix("caption", s + at, n - at);
	if (!k)
		return false;
	if (paren)
		return true;
	at += k;
	at += herald_text_skip_space(s + at, n - at);
	uint32_t cp = 0;
	if (at < n)
		herald_utf8_next(s + at, n - at, &cp);
	return cp == ':' || cp == 0xFF1A;
}

/* the words counted last: a pass over the line, and few lines get here */
static bool caption_line(const char *s, size_t n)
{
	return caption_shape(s, n) &&
	       herald_bulletin_tokens(s, n) <= CAPTION_MAX_WORDS;
}

/* Whether the code point opens a place name: a capital, or a letter of
 * a script without case (Arabic, Han). */
static bool place_initial(uint32_t cp)
{
	return herald_cp_is_upper(cp) ||
	       (herald_cp_is_letter(cp) && !herald_cp_is_lower(cp));
}

/* The place of a dateline: up to PLACE_MAX_WORDS words without digits,
 * the first capitalised, then a comma (",", "،", "，").  The offset just
 * after the first comma past from, 0 when there is none in reach.  A
 * place may hold commas itself ("WASHINGTON, D.C., October 5"): the
 * caller tries the next comma when no date follows one. */
static size_t place_comma(const char *s, size_t n, size_t from)
{
	size_t at = from, limit = n < PLACE_MAX_BYTES ? n : PLACE_MAX_BYTES;
	uint32_t cp;

	if (n == 0)
		return 0;
	herald_utf8_next(s, n, &cp);
	if (!place_initial(cp))
		return 0;
	while (at < limit) {
		size_t l = herald_utf8_next(s + at, n - at, &cp);
		if (cp == ',' || cp == 0x060C || cp == 0xFF0C) {
			if (herald_bulletin_tokens(s, at) > PLACE_MAX_WORDS)
				return 0;
			return at + l;
		}
		if (herald_cp_is_digit(cp) || cp == '\n' ||
		    (herald_cp_is_sentence_terminal(cp) && cp != '.'))
			return 0;
		at += l;
	}
	return 0;
}

/* The date right at s + at (after one short lower-case word, "le", at
 * most), then an agency in brackets, then the end or a period, colon or
 * dash: the offset of what follows in *rest. */
static bool date_after(const char *s, size_t n, size_t at, size_t *rest,
                       char iso[11])
{
	size_t start, end, w, limit;
	uint32_t cp;

	at += herald_text_skip_space(s + at, n - at);
	w = at;
	limit = n - at < DATE_MAX_BYTES ? n : at + DATE_MAX_BYTES;
	if (!herald_bulletin_find_date(s + at, limit - at, &start, &end, iso))
		return false;
	if (start > 0) {
		/* "Paris, le 5 octobre", "Roma, lì 5 ottobre" */
		while (w < at + start) {
			size_t l = herald_utf8_next(s + w, n - w, &cp);
			if (herald_cp_is_space(cp))
				break;
			if (!herald_cp_is_lower(cp))
				return false;
			w += l;
		}
		if (herald_utf8_count(s + at, w - at) > 3 ||
		    w + herald_text_skip_space(s + w, n - w) != at + start)
			return false;
	}
	at += end;
	at += herald_text_skip_space(s + at, n - at);
	/* an agency in brackets: "(EFE)", "(AP)" */
	if (at < n && s[at] == '(') {
		const char *close = memchr(s + at, ')', n - at < AGENCY_MAX_BYTES
		                                                ? n - at
		                                                : AGENCY_MAX_BYTES);
		if (!close)
			return false;
		at = (size_t)(close - s) + 1;
		at += herald_text_skip_space(s + at, n - at);
	}
	/* then the end of the line, or a period, colon or dash before the
	 * text it opens */
	size_t punct = at;
	while (at < n) {
		size_t l = herald_utf8_next(s + at, n - at, &cp);
		if (cp != '.' && cp != ':' && !herald_cp_is_dash(cp))
			break;
		at += l;
	}
	if (at < n && at == punct && s[at] != '\n')
		return false;   /* more words run on: not a dateline */
	*rest = at + herald_text_skip_space(s + at, n - at);
	return true;
}

#define PLACE_COMMAS 3

bool herald_bulletin_dateline(const char *s, size_t n, size_t *rest,
                              char iso[11])
{
	size_t lead = herald_text_skip_space(s, n), k = 0;

	s += lead, n -= lead;
	for (int commas = 0; commas < PLACE_COMMAS; commas++) {
		size_t next, at;
		uint32_t cp = 0;
		if (!(next = place_comma(s, n, k)))
			return false;
		if (commas > 0) {
			/* a comma inside the place: one or two capitalised words
			 * after it ("WASHINGTON, D.C.", "Springfield, Ill."), not
			 * a list of places */
			at = k + herald_text_skip_space(s + k, n - k);
			herald_utf8_next(s + at, n - at, &cp);
			if (!herald_cp_is_upper(cp) ||
			    herald_bulletin_tokens(s + k, next - 1 - k) > 2)
				return false;
		}
		k = next;
		if (date_after(s, n, k, rest, iso)) {
			*rest += lead;
			return true;
		}
	}
	return false;
}

#define DATED_TITLE_WORDS 10

/* Whether s[0..at) ends with a space, and before it a lower-case word of
 * at most 3 letters after a space ("... vom ", "... du "). */
static bool short_word_before(const char *s, size_t at)
{
	size_t letters = 0;
	uint32_t cp;

	at = herald_text_trim_end(s, at);
	while (at > 0) {
		size_t l = herald_utf8_prev(s, at, &cp);
		if (herald_cp_is_space(cp))
			break;
		if (!herald_cp_is_lower(cp) || ++letters > 3)
			return false;
		at -= l;
	}
	return letters > 0 && at > 0;
}

bool herald_bulletin_dated_line(const char *s, size_t n, char iso[11])
{
	size_t rest;

	n = herald_text_trim_end(s, n);
	if (n > DATED_LINE_BYTES || memchr(s, '\n', n))
		return false;
	/* a dateline with nothing running on after the date (its place
	 * and comma, a cheap test, first) */
	return herald_bulletin_dateline(s, n, &rest, iso) && rest >= n &&
	       herald_bulletin_tokens(s, n) <= 12;
}

bool herald_bulletin_dated_title(const char *s, size_t n, char iso[11])
{
	size_t start, end;
	uint32_t cp;

	n = herald_text_trim_end(s, n);
	if (herald_bulletin_dated_line(s, n, iso))
		return true;
	if (memchr(s, '\n', n))
		return false;
	/* a date closing the line, in brackets ("新闻摘要（2020年10月5日）")
	 * or after one short lower-case word ("Meldungen vom 5. Oktober
	 * 2020", "Revue de presse du 5 octobre 2020") */
	if (!herald_bulletin_find_date(s, n, &start, &end, iso) || start == 0 ||
	    herald_bulletin_tokens(s, n) > DATED_TITLE_WORDS)
		return false;
	herald_utf8_prev(s, start, &cp);
	if (!herald_cp_is_opener(cp) && !short_word_before(s, start))
		return false;
	for (size_t at = end; at < n;) {
		size_t l = herald_utf8_next(s + at, n - at, &cp);
		if (!herald_cp_is_closer(cp) && !herald_cp_is_space(cp))
			return false;
		at += l;
	}
	return true;
}

bool herald_bulletin_is_signature_block(const char *s, size_t n, char iso[11])
{
	size_t lines = 0, start, end;
	bool dated = false;

	for (size_t at = 0; at < n; lines++) {
		const char *nl = memchr(s + at, '\n', n - at);
		size_t len = nl ? (size_t)(nl - (s + at)) : n - at;
		len = herald_text_trim_end(s + at, len);
		if (lines >= SIGNATURE_LINES ||
		    !herald_bulletin_is_short_line(s + at, len, SIGNATURE_WORDS))
			return false;
		if (!dated)
			dated = herald_bulletin_parse_date(s + at, len,
			                                   BULLETIN_ORDER_DMY, iso) ==
			                BULLETIN_DATE_OK ||
			        herald_bulletin_find_date(s + at, len, &start, &end,
			                                  iso);
		at = nl ? (size_t)(nl - s) + 1 : n;
	}
	return lines >= 2 && dated;
}

#define FIELD_MAX 4096

int herald_bulletin_add_field(herald_doc *doc, const char *key, const char *s,
                              size_t n)
{
	const char *old = herald_doc_field(doc, key);
	size_t old_len = old ? strlen(old) : 0;
	herald_buf v = HERALD_BUF_INIT;
	int rc;

	/* a full field is not copied again to learn it is full: the cost
	 * of ten thousand end marks stays linear */
	if (old_len && old_len + 3 + n >= FIELD_MAX)
		return 1;
	if (old_len) {
		herald_buf_append(&v, old, old_len);
		herald_buf_puts(&v, " / ");
	}
	/* the block's lines made one: line breaks become spaces */
	for (size_t at = herald_text_skip_space(s, n); at < n;) {
		const char *nl = memchr(s + at, '\n', n - at);
		size_t len = nl ? (size_t)(nl - (s + at)) : n - at;
		size_t lead = herald_text_skip_space(s + at, len);
		size_t l = herald_text_trim_end(s + at + lead, len - lead);
		if (l && v.len > old_len + (old_len ? 3 : 0))
			herald_buf_putc(&v, ' ');
		herald_buf_append(&v, s + at + lead, l);
		at += len + 1;
	}
	if (old_len && v.len >= FIELD_MAX) {
		herald_buf_free(&v);
		return 1;
	}
	rc = herald_buf_failed(&v) ? HERALD_ENOMEM
	     : herald_doc_set_field(doc, key, v.data ? v.data : "");
	herald_buf_free(&v);
	return rc == HERALD_OK ? HERALD_OK : HERALD_ENOMEM;
}

bool herald_bulletin_is_about_heading(const char *s, size_t n)
{
	size_t at = herald_text_skip_space(s, n);

	n = herald_text_trim_end(s, n);
	return at < n && !memchr(s, '\n', n) &&
	       herald_lang_any_prefix("about", s + at, n - at) > 0 &&
	       herald_bulletin_is_short_line(s + at, n - at, ABOUT_WORDS);
}

#define POSTED_WORDS 14

bool herald_bulletin_posted_line(const char *s, size_t n, char iso[11])
{
	size_t at = herald_text_skip_space(s, n), start, end;

	n = herald_text_trim_end(s, n);
	return at < n && n <= DATED_LINE_BYTES &&
	       herald_lang_any_prefix("posted", s + at, n - at) > 0 &&
	       !memchr(s, '\n', n) &&
	       herald_bulletin_tokens(s, n) <= POSTED_WORDS &&
	       herald_bulletin_find_date(s + at, n - at, &start, &end, iso);
}
