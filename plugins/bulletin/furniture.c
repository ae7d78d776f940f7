/* plugins/bulletin/furniture.c - lines that frame a text rather than say
 * it: end marks, bylines, short heading-like lines, and a title glued to
 * the text of its item.  Each looks at one block, bounded by the block
 * (doc/bulletin.md, "Furniture").
 */
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
	k = herald_bulletin_label_prefix("end", s + at, n - at);
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
	size_t k = herald_bulletin_label_prefix("byline", s, n), at;

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
		    !herald_bulletin_label_is("nonfinal", s + prev.start,
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
