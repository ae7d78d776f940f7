/* plugins/bulletin/turns.c - speaker labels that open a transcript's turns,
 * and the speakers they name (doc/bulletin.md, "Turns").
 *
 * A label opens a paragraph (after any space, NBSP included):
 *  - an interviewer word from the language data (Q, Question, Вопрос,
 *    问, Pregunta) followed by a colon (also after a space, as French
 *    sets it: "Question :") or full stop, or by a run of spaces that
 *    typesetting leaves after a bare Q (two or more, or an NBSP); or
 *    followed by a number and a colon ("Frage 1:");
 *  - an anonymous answer word (A:, Answer:, Ответ:), colon required;
 *  - a name in upper case, one to five words, then a colon: MS. PSAKI:,
 *    THE PRESIDENT:.  Commas, digits and lower-case letters rule it out,
 *    which keeps an upper-case run-in lead ("MILLIONS OF AMERICANS RELY
 *    ON SAFE, TIMELY AIR TRAVEL:") a paragraph.  A number may follow the
 *    name as a word of its own (SENIOR ADMINISTRATION OFFICIAL 1:);
 *  - a name in title case, one to four capitalised words (Vladimir
 *    Putin:): returned as TITLED, because "Note:" or "Washington:" has
 *    the same shape; the builder takes it only where the item shows a
 *    pattern of labels (article.c);
 *  - any of these inside literal Markdown emphasis (**Name:**, *Name*:)
 *    in a plain text; in Markdown, cmark has taken the emphasis off.
 * Whether labels make a transcript at all is the builder's decision.
 */
#include <stdlib.h>
#include <string.h>

#include <herald/text.h>

#include "bulletin.h"

#define LABEL_MAX_BYTES 80
#define LABEL_MAX_WORDS 5
#define TITLE_MAX_WORDS 4

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

/* Just past a label's colon at k: the offset where its text starts, or 0
 * when what follows does not end a label ("10:51", "COVID:19").  A
 * spaceless script may follow at once ("问：你好"). */
static size_t after_colon(const char *s, size_t n, size_t k)
{
	bool typeset;

	if (k >= n)
		return n;
	if (!herald_cp_is_space(cp_at(s, n, k)) &&
	    !herald_cp_is_spaceless(cp_at(s, n, k)) && s[k] != '\n')
		return 0;
	k += space_run(s, n, k, &typeset);
	return k < n && s[k] == '\n' ? k + 1 : k;
}

/* A colon after a short run of space (French typography: "Question :",
 * with a space or a narrow NBSP): the colon's offset, else k. */
static size_t spaced_colon(const char *s, size_t n, size_t k)
{
	bool typeset;
	size_t run = space_run(s, n, k, &typeset);

	return run && run <= 6 && is_colon(cp_at(s, n, k + run)) ? k + run : k;
}

/* After a label of len bytes at s+at: the punctuation and space to drop,
 * or 0 when what follows does not end a label. */
static size_t after_label(const char *s, size_t n, size_t at, size_t len,
                          bool colon_only)
{
	size_t k = spaced_colon(s, n, at + len);
	uint32_t cp = cp_at(s, n, k);
	bool typeset;

	if (k >= n)
		return colon_only ? 0 : k;
	if (is_colon(cp) || (!colon_only && cp == '.'))
		return after_colon(s, n, k + herald_utf8_next(s + k, n - k, &cp));
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

/* The colon that ends a name label, looked for within LABEL_MAX_BYTES of
 * at (so a block of any size costs constant time here).  *name_end gets
 * where the name ends (space and the asterisks of literal Markdown
 * emphasis, "**Name:**" or "*Name*:", left out), *after the offset just
 * past the colon and any asterisks closing the emphasis.  stars: how many
 * asterisks opened the label (0 to 2); a name written with asterisks must
 * close them, and one written without may hold none. */
static bool label_colon(const char *s, size_t n, size_t at, size_t stars,
                        size_t *name_end, size_t *after)
{
	size_t k = at;

	while (k < n && k - at <= LABEL_MAX_BYTES) {
		uint32_t cp;
		size_t l = herald_utf8_next(s + k, n - k, &cp);
		if (cp == '\n')
			return false;
		if (is_colon(cp)) {
			size_t e = k, closing = 0, a = k + l;
			while (e > at && s[e - 1] == '*') {
				e--;
				closing++;
			}
			while (a < n && s[a] == '*' && closing < stars) {
				a++;
				closing++;
			}
			if (closing != stars)
				return false;
			*name_end = trim_label(s, at, e);
			*after = a;
			return *name_end > at;
		}
		k += l;
	}
	return false;
}

/* A name in upper case, one to five words, in s[at, end): MS. PSAKI,
 * THE PRESIDENT, SENIOR ADMINISTRATION OFFICIAL 1. */
static bool upper_name(const char *s, size_t at, size_t end)
{
	size_t k = at, words = 0, letters = 0;
	bool in_word = false, digit_word = false;

	while (k < end) {
		uint32_t cp;
		size_t l = herald_utf8_next(s + k, end - k, &cp);
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
	return words >= 1 && words <= LABEL_MAX_WORDS && letters >= 2;
}

/* A name in title case, one to four words each opening with a capital
 * and holding a lower-case letter or being an initial: Vladimir Putin,
 * Dr. Fauci, Klaas Bollhoefer, or a number after them (Speaker 2).
 * No other digits, no lower-case word (a
 * sentence "The answer is simple:" is no name); particles (von, de) are
 * not taken, which loses a few names rather than taking clauses. */
static bool title_name(const char *s, size_t at, size_t end)
{
	size_t k = at, words = 0;
	bool word_start = true, lower = false, number = false;

	while (k < end) {
		uint32_t cp;
		size_t l = herald_utf8_next(s + k, end - k, &cp);
		if (herald_cp_is_space(cp)) {
			word_start = true;
		} else if (number || (herald_cp_is_digit(cp) && word_start &&
		                      words >= 1)) {
			/* a number closing the name, a word of its own: the
			 * anonymous speakers of scraped transcripts, Speaker 2 */
			if (!herald_cp_is_digit(cp))
				return false;
			number = true;
		} else if (herald_cp_is_letter(cp)) {
			if (word_start) {
				if (!herald_cp_is_upper(cp))
					return false;
				words++;
			} else if (herald_cp_is_lower(cp)) {
				lower = true;
			}
			word_start = false;
		} else if (!word_start &&
		           (herald_cp_is_mark(cp) || cp == '.' || cp == '\'' ||
		            cp == 0x2019 || herald_cp_is_dash(cp))) {
			/* Dr., O'Neil, Jean-Pierre */
		} else {
			return false;
		}
		k += l;
	}
	return words >= 1 && words <= TITLE_MAX_WORDS && lower;
}

/* A question or answer label word followed by a number ("Frage 1:",
 * "Question 3 :"): the label's length with the number, 0 when none. */
static size_t numbered(const char *s, size_t n, size_t at, size_t len)
{
	size_t k = at + len, digits = 0;

	while (k < n && (s[k] == ' ' || s[k] == '#'))
		k++;
	while (k < n && s[k] >= '0' && s[k] <= '9' && digits < 6) {
		k++;
		digits++;
	}
	return digits ? k - at : 0;
}

size_t herald_bulletin_label_start(const char *s, size_t n)
{
	size_t at = herald_text_skip_space(s, n), stars = 0;

	while (stars < 2 && at + stars < n && s[at + stars] == '*')
		stars++;
	return at + stars;
}

herald_bulletin_label_kind herald_bulletin_turn_label(const char *s, size_t n,
                                                      size_t *name_len,
                                                      size_t *skip)
{
	size_t at = herald_text_skip_space(s, n), len, num, end, name_end,
	       after, stars = 0;
	static const char *const words[] = { "interviewer", "interviewee" };
	static const herald_bulletin_label_kind kinds[] = {
		BULLETIN_LABEL_INTERVIEWER, BULLETIN_LABEL_INTERVIEWEE
	};

	*name_len = *skip = 0;
	if (at >= n || !starts_capital(s + at, n - at))
		return BULLETIN_LABEL_NONE;
	/* literal Markdown emphasis around a label, in a plain text */
	while (stars < 2 && at + stars < n && s[at + stars] == '*')
		stars++;
	if (stars && (at + stars >= n || herald_cp_is_space(
	                                         cp_at(s, n, at + stars))))
		return BULLETIN_LABEL_NONE;   /* a bullet, not emphasis */
	for (size_t w = 0; w < 2; w++) {
		const char *t = s + at + stars;
		len = herald_bulletin_label_prefix(words[w], t, n - at - stars);
		if (!len)
			continue;
		num = numbered(t, n - at - stars, 0, len);
		if (stars && label_colon(s, n, at + stars, stars, &name_end,
		                         &after) &&
		    (name_end - at - stars == len ||
		     name_end - at - stars == num)) {
			/* **Q:** / *Frage 2*: */
		} else if (!stars && num &&
		           (end = after_label(s, n, at, num, true))) {
			*name_len = num;
			*skip = end;
			return kinds[w];
		} else if (!stars &&
		           (end = after_label(s, n, at, len, w == 1))) {
			*name_len = len;
			*skip = end;
			return kinds[w];
		} else {
			continue;
		}
		*name_len = name_end - at - stars;
		*skip = after_colon(s, n, after);
		if (*skip)
			return kinds[w];
		*name_len = 0;
	}
	if (!label_colon(s, n, at + stars, stars, &name_end, &after))
		return BULLETIN_LABEL_NONE;
	/* what follows the colon: space, a line end or the end */
	if (!(end = after_colon(s, n, after)))
		return BULLETIN_LABEL_NONE;
	at += stars;
	*name_len = name_end - at;
	*skip = end;
	if (herald_bulletin_label_is("moderator", s + at, name_end - at) &&
	    (upper_name(s, at, name_end) || title_name(s, at, name_end)))
		return BULLETIN_LABEL_MODERATOR;
	if (upper_name(s, at, name_end))
		return BULLETIN_LABEL_NAMED;
	if (title_name(s, at, name_end))
		return BULLETIN_LABEL_TITLED;
	*name_len = *skip = 0;
	return BULLETIN_LABEL_NONE;
}

/* --- inline dashes: turns inside one long line ------------------------- */

#define INLINE_LOOK 8   /* code points looked at before a dash */

/* The code point ending s[0..at) after skipping closers (quotes,
 * brackets), in at most INLINE_LOOK steps; *start gets where the run of
 * space before at began (at when there is none). */
static uint32_t terminal_before(const char *s, size_t at, size_t *start)
{
	size_t k = at, steps = 0;
	uint32_t cp = 0;

	while (k > 0 && steps++ < INLINE_LOOK) {
		size_t l = herald_utf8_prev(s, k, &cp);
		if (!herald_cp_is_space(cp))
			break;
		k -= l;
	}
	*start = k;
	if (k == at)
		return 0;   /* no space before the dash: a hyphen */
	while (k > 0 && steps++ < INLINE_LOOK) {
		size_t l = herald_utf8_prev(s, k, &cp);
		if (!herald_cp_is_closer(cp) && !herald_cp_is_quote(cp))
			return cp;
		k -= l;
	}
	return 0;
}

/* Whether a dash at at opens a turn inside a line: after a sentence
 * end and space (". -Salam", "? — Yes"), before a word; a hyphen
 * glued to a letter ("-Salam") or, for the long dashes, after a space.
 * "-5 degrees", " - " list bullets and "--" rules do not. */
static bool inline_dash_at(const char *s, size_t n, size_t at, uint32_t *term)
{
	uint32_t cp, next;
	size_t l = herald_utf8_next(s + at, n - at, &cp), k = at + l, start;

	if (!herald_cp_is_dash(cp) || at == 0)
		return false;
	*term = terminal_before(s, at, &start);
	if (!(*term == '.' || *term == '!' || *term == '?' || *term == 0x2026))
		return false;
	if (cp != '-' && k < n && s[k] == ' ')
		k++;
	next = cp_at(s, n, k);
	return k < n && (herald_cp_is_letter(next) || herald_cp_is_quote(next) ||
	                 herald_cp_is_opener(next));
}

size_t herald_bulletin_inline_dash(const char *s, size_t n, size_t from,
                                   bool *asks)
{
	uint32_t term;

	for (size_t k = from; k < n; k++) {
		unsigned char c = (unsigned char)s[k];
		/* '-', or the lead byte of U+2010..U+2015 */
		if ((c == '-' || (c == 0xE2 && k + 2 < n &&
		                  (unsigned char)s[k + 1] == 0x80 &&
		                  (unsigned char)s[k + 2] >= 0x90 &&
		                  (unsigned char)s[k + 2] <= 0x95)) &&
		    inline_dash_at(s, n, k, &term)) {
			if (asks)
				*asks = term == '?';
			return k;
		}
	}
	return n;
}

/* Whether a line holds an interview of its own: two inline turns or
 * more, one of them after a question. */
static bool inline_interview(const char *s, size_t n)
{
	size_t turns = 0, at = 0;
	bool asks = false, a;

	while ((at = herald_bulletin_inline_dash(s, n, at, &a)) < n) {
		turns++;
		asks = asks || a;
		at++;
	}
	return turns >= 2 && asks;
}

bool herald_bulletin_is_transcript(const char *text, size_t len)
{
	size_t questions = 0, name_len, skip, pos = 0, repeating = 0, id;
	bool after_blank = true;
	herald_bulletin_speakers sp = { 0 };

	/* One scan of the lines, without building blocks: two question
	 * labels opening paragraphs, or two names that each open two
	 * paragraphs or more (an interview labelled by names alone), or a
	 * line holding inline turns (an interview stored as one line). */
	while (pos < len && questions < 2 && repeating < 2) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		bool blank = herald_text_is_blank(s, n);
		if (!blank && inline_interview(s, n))
			return herald_bulletin_speakers_free(&sp), true;
		if (!blank && after_blank) {
			herald_bulletin_label_kind k =
			        herald_bulletin_turn_label(s, n, &name_len, &skip);
			questions += k == BULLETIN_LABEL_INTERVIEWER;
			if ((k == BULLETIN_LABEL_NAMED || k == BULLETIN_LABEL_TITLED) &&
			    herald_bulletin_speakers_intern(
			            &sp, s + herald_bulletin_label_start(s, n), name_len,
			            &id) == HERALD_OK &&
			    ++sp.v[id].labels == 2)
				repeating++;
		}
		after_blank = blank;
		pos += n + 1;
	}
	herald_bulletin_speakers_free(&sp);
	return questions >= 2 || repeating >= 2;
}

/* --- speakers, one per person in a document ----------------------------- */

/* The name as compared: case folded, full stops and asterisks dropped,
 * every run of space or line breaks one space, ends trimmed ("MS. PSAKI",
 * "Ms Psaki" and "**Ms. Psaki**" are all "ms psaki").  malloc'd. */
static char *speaker_key(const char *s, size_t n, size_t *len)
{
	size_t fl, o = 0;
	char *f = herald_text_casefold(s, n, &fl);
	bool space = true;

	if (!f)
		return NULL;
	for (size_t i = 0; i < fl;) {
		uint32_t cp;
		size_t l = herald_utf8_next(f + i, fl - i, &cp);
		if (herald_cp_is_space(cp) || cp == '\n') {
			if (!space)
				f[o++] = ' ';
			space = true;
		} else if (cp != '.' && cp != '*') {
			memmove(f + o, f + i, l);
			o += l;
			space = false;
		}
		i += l;
	}
	while (o > 0 && f[o - 1] == ' ')
		o--;
	f[o] = '\0';
	*len = o;
	return f;
}

static uint64_t key_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;   /* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static int speakers_grow(herald_bulletin_speakers *sp)
{
	size_t nslots = sp->nslots ? 2 * sp->nslots : 64;
	size_t *slots = calloc(nslots, sizeof *slots);

	if (!slots)
		return HERALD_ENOMEM;
	for (size_t i = 0; i < sp->count; i++) {
		size_t h = key_hash(sp->v[i].key, sp->v[i].key_len) & (nslots - 1);
		while (slots[h])
			h = (h + 1) & (nslots - 1);
		slots[h] = i + 1;
	}
	free(sp->slots);
	sp->slots = slots;
	sp->nslots = nslots;
	return HERALD_OK;
}

int herald_bulletin_speakers_intern(herald_bulletin_speakers *sp,
                                    const char *name, size_t n, size_t *id)
{
	size_t key_len, h;
	char *key = speaker_key(name, n, &key_len);

	if (!key)
		return HERALD_ENOMEM;
	/* at most half full, so a probe ends soon: constant time a label */
	if (2 * (sp->count + 1) > sp->nslots && speakers_grow(sp)) {
		free(key);
		return HERALD_ENOMEM;
	}
	for (h = key_hash(key, key_len) & (sp->nslots - 1); sp->slots[h];
	     h = (h + 1) & (sp->nslots - 1)) {
		herald_bulletin_speaker *e = &sp->v[sp->slots[h] - 1];
		if (e->key_len == key_len && memcmp(e->key, key, key_len) == 0) {
			free(key);
			*id = sp->slots[h] - 1;
			return HERALD_OK;
		}
	}
	if (sp->count == sp->cap) {
		size_t cap = sp->cap ? 2 * sp->cap : 16;
		herald_bulletin_speaker *v = realloc(sp->v, cap * sizeof *v);
		if (!v) {
			free(key);
			return HERALD_ENOMEM;
		}
		sp->v = v;
		sp->cap = cap;
	}
	/* the display form: the name as first printed, in one line */
	char *display = malloc(n + 1);
	size_t at = herald_text_skip_space(name, n), dl = 0;
	if (!display) {
		free(key);
		return HERALD_ENOMEM;
	}
	n = at + herald_text_trim_end(name + at, n - at);
	for (size_t i = at; i < n; i++)
		display[dl++] = name[i] == '\n' ? ' ' : name[i];
	display[dl] = '\0';
	sp->v[sp->count] = (herald_bulletin_speaker){ .key = key,
	                                              .key_len = key_len,
	                                              .display = display };
	sp->slots[h] = sp->count + 1;
	*id = sp->count++;
	return HERALD_OK;
}

void herald_bulletin_speakers_free(herald_bulletin_speakers *sp)
{
	for (size_t i = 0; i < sp->count; i++) {
		free(sp->v[i].key);
		free(sp->v[i].display);
	}
	free(sp->v);
	free(sp->slots);
	memset(sp, 0, sizeof *sp);
}
