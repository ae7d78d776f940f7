/* plugins/bulletin/turns.c - speaker labels that open a transcript's turns.
 *
 * A first, conservative recogniser (doc/bulletin.md, "Turn labels"):
 *  - an interviewer label from the language data (Q, Question, Вопрос,
 *    问) followed by a colon or full stop, or by a run of spaces that
 *    typesetting leaves after a bare Q (two or more, or an NBSP);
 *  - an anonymous answer label (A:, Answer:, Ответ:), colon required;
 *  - a name in upper case, one to five words, followed by a colon:
 *    MS. PSAKI:, THE PRESIDENT:, ACTING ADMINISTRATOR SLAVITT:.  Commas,
 *    digits and lower-case letters rule a label out, which keeps an
 *    upper-case run-in lead ("MILLIONS OF AMERICANS RELY ON SAFE, TIMELY
 *    AIR TRAVEL:") a paragraph.  A number may follow the name as a word
 *    of its own (SENIOR ADMINISTRATION OFFICIAL 1:), never lead it.
 * Title-case names (Vladimir Putin:), Markdown-bold names and inline
 * dashes are the next step (issue 12); whether labels make a transcript
 * at all is the builder's decision (article.c), not this unit's.
 */
#include <string.h>

#include <herald/text.h>

#include "bulletin.h"

#define LABEL_MAX_BYTES 80
#define LABEL_MAX_WORDS 5

static bool is_colon(uint32_t cp)
{
	return cp == ':' || cp == 0xFF1A;
}

/* Bytes of space after at, and whether the run is typeset (two spaces
 * or more, or one that is not ASCII). */
static size_t space_run(const char *s, size_t n, size_t at, bool *typeset)
{
	size_t k = at, count = 0;
	bool wide = false;

	while (k < n) {
		uint32_t cp;
		size_t l = herald_utf8_next(s + k, n - k, &cp);
		if (!herald_cp_is_space(cp))
			break;
		wide = wide || cp != ' ';
		count++;
		k += l;
	}
	*typeset = count >= 2 || wide;
	return k - at;
}

static uint32_t cp_at(const char *s, size_t n, size_t at)
{
	uint32_t cp = 0;

	if (at < n)
		herald_utf8_next(s + at, n - at, &cp);
	return cp;
}

/* After a label of len bytes at s+at: the punctuation and space to drop,
 * or 0 when what follows does not end a label. */
static size_t after_label(const char *s, size_t n, size_t at, size_t len,
                          bool colon_only)
{
	size_t k = at + len;
	uint32_t cp = cp_at(s, n, k);
	bool typeset;

	if (k >= n)
		return colon_only ? 0 : k;
	if (is_colon(cp) || (!colon_only && cp == '.')) {
		k += herald_utf8_next(s + k, n - k, &cp);
		if (k < n && !herald_cp_is_space(cp_at(s, n, k)) &&
		    !herald_cp_is_spaceless(cp_at(s, n, k)) && s[k] != '\n')
			return 0;
		k += space_run(s, n, k, &typeset);
		return k < n && s[k] == '\n' ? k + 1 : k;
	}
	if (cp == '\n' && !colon_only)
		return k + 1;   /* the label alone on its line ("Q", then text) */
	if (colon_only || !herald_cp_is_space(cp))
		return 0;
	size_t run = space_run(s, n, k, &typeset);
	/* A bare one-letter capital label then one space ("Q Thanks") is
	 * still a label; a word such as "Question" needs the typeset run. */
	if (!typeset && !(len == 1 && s[at] >= 'A' && s[at] <= 'Z' &&
	                  herald_cp_is_upper(cp_at(s, n, k + run))))
		return 0;
	return k + run;
}

/* Latin and Cyrillic labels are written with a capital; "q" opening a
 * sentence is not a question label. */
static bool starts_capital(const char *s, size_t n)
{
	uint32_t cp = cp_at(s, n, 0);

	return !herald_cp_is_lower(cp);
}

static size_t trim_label(const char *s, size_t at, size_t end)
{
	while (end > at) {
		uint32_t cp;
		size_t l = herald_utf8_prev(s + at, end - at, &cp);
		if (!herald_cp_is_space(cp))
			break;
		end -= l;
	}
	return end;
}

/* An upper-case name of one to five words ending where a colon is, the
 * colon's offset in *colon. */
static bool upper_name(const char *s, size_t n, size_t at, size_t *colon)
{
	size_t k = at, words = 0, letters = 0;
	bool in_word = false, digit_word = false;

	while (k < n && k - at <= LABEL_MAX_BYTES) {
		uint32_t cp;
		size_t l = herald_utf8_next(s + k, n - k, &cp);
		if (is_colon(cp)) {
			*colon = k;
			return words >= 1 && words <= LABEL_MAX_WORDS &&
			       letters >= 2 && in_word;
		}
		if (herald_cp_is_space(cp)) {
			in_word = digit_word = false;
		} else if (herald_cp_is_letter(cp)) {
			if (herald_cp_is_lower(cp) || digit_word)
				return false;
			if (!in_word)
				words++;
			in_word = true;
			letters++;
		} else if (herald_cp_is_digit(cp) && words >= 1 &&
		           (!in_word || digit_word)) {
			/* a number after a name, a word of its own: OFFICIAL 1: */
			if (!in_word)
				words++;
			in_word = digit_word = true;
		} else if (herald_cp_is_mark(cp) ||
		           ((cp == '.' || cp == '\'' || cp == 0x2019 ||
		             herald_cp_is_dash(cp)) && in_word)) {
			/* initials, apostrophes, double names: MS. O'NEIL-SMITH */
		} else {
			return false;
		}
		k += l;
	}
	return false;
}

herald_bulletin_label_kind herald_bulletin_turn_label(const char *s, size_t n,
                                                      size_t *name_len,
                                                      size_t *skip)
{
	size_t at = herald_text_skip_space(s, n), len, end, colon;

	*name_len = *skip = 0;
	if (at >= n || !starts_capital(s + at, n - at))
		return BULLETIN_LABEL_NONE;
	len = herald_bulletin_label_prefix("interviewer", s + at, n - at);
	if (len && (end = after_label(s, n, at, len, false))) {
		*name_len = len;
		*skip = end;
		return BULLETIN_LABEL_INTERVIEWER;
	}
	len = herald_bulletin_label_prefix("interviewee", s + at, n - at);
	if (len && (end = after_label(s, n, at, len, true))) {
		*name_len = len;
		*skip = end;
		return BULLETIN_LABEL_INTERVIEWEE;
	}
	if (upper_name(s, n, at, &colon) &&
	    (end = after_label(s, n, at, colon - at, true))) {
		size_t name_end = trim_label(s, at, colon);
		*name_len = name_end - at;
		*skip = end;
		return herald_bulletin_label_is("moderator", s + at, name_end - at)
		               ? BULLETIN_LABEL_MODERATOR
		               : BULLETIN_LABEL_NAMED;
	}
	return BULLETIN_LABEL_NONE;
}

bool herald_bulletin_is_transcript(const char *text, size_t len)
{
	size_t questions = 0, name_len, skip, pos = 0;
	bool after_blank = true;

	/* one scan of the paragraphs' first lines, without building blocks */
	while (pos < len && questions < 2) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		bool blank = herald_text_is_blank(s, n);
		if (!blank && after_blank)
			questions += herald_bulletin_turn_label(s, n, &name_len,
			                                        &skip) ==
			             BULLETIN_LABEL_INTERVIEWER;
		after_blank = blank;
		pos += n + 1;
	}
	return questions >= 2;
}
