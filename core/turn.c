/* turn.c - transcripts: speaker labels, speakers, turns and roles
 * (herald/turn.h; doc/bulletin.md, "Turns").
 *
 * A label opens a paragraph (after any space, NBSP included):
 *  - an interviewer word from the language data (Q, Question, Вопрос,
 *    问, Pregunta) followed by a colon (also after a space, as French
 *    sets it: "Question :") or full stop, or by a run of spaces that
 *    typesetting leaves after a bare Q (two or more, or an NBSP); or
 *    followed by a number and a colon ("Frage 1:", "Вопрос №3:");
 *  - an anonymous answer word (A:, Answer:, Ответ:), colon required;
 *  - a name in upper case, one to five words, then a colon: MS. PSAKI:,
 *    THE PRESIDENT:.  Commas, digits and lower-case letters rule it out,
 *    which keeps an upper-case run-in lead ("MILLIONS OF AMERICANS RELY
 *    ON SAFE, TIMELY AIR TRAVEL:") a paragraph.  A number may follow the
 *    name as a word of its own (SENIOR ADMINISTRATION OFFICIAL 1:), and
 *    a short bracket its party and state (SEN. ROMNEY (R-UT):);
 *  - a name in title case, one to four capitalised words (Vladimir
 *    Putin:), with the lower-case particles of [particle] between them
 *    (Ursula von der Leyen:): TITLED, because "Note:" or "Washington:"
 *    has the same shape; the plan takes it only where the item shows a
 *    pattern of labels;
 *  - any of these inside literal Markdown emphasis (**Name:**, *Name*:)
 *    in a plain text; in Markdown, cmark has taken the emphasis off.
 * Whether labels make a transcript at all is the plan's decision.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <herald/diag.h>
#include <herald/lang.h>
#include <herald/text.h>
#include <herald/turn.h>

#define LABEL_MAX_BYTES 80
#define LABEL_MAX_WORDS 5
#define TITLE_MAX_WORDS 4
#define PARTICLES_MAX 2
#define AFFILIATION_MAX_BYTES 24   /* "(R-UT)", "(as interpreted)" */

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
	size_t stop = n - at > LABEL_MAX_BYTES ? at + LABEL_MAX_BYTES + 1 : n;
	size_t k = at, l = 1;

	if (at >= n)
		return false;
	/* By bytes, many at a time: '\n', ':' and the lead byte of U+FF1A
	 * (EF BC 9A) only ever start a character, even in invalid UTF-8. */
	for (;; k++) {
		k += herald_text_find_any(s + k, stop - k, ":\n\xEF", 3, false);
		if (k >= stop || s[k] == '\n')
			return false;
		if (s[k] == ':')
			break;
		if ((unsigned char)s[k] == 0xEF && k + 2 < n &&
		    (unsigned char)s[k + 1] == 0xBC &&
		    (unsigned char)s[k + 2] == 0x9A) {
			l = 3;
			break;
		}
	}
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
 * No other digits, no lower-case word (a sentence "The answer is
 * simple:" is no name) but the particles of [particle] inside the name,
 * never first or last (Ursula von der Leyen, José da Silva): at most
 * PARTICLES_MAX of them, so that a clause of short words stays text. */
static bool title_name(const char *s, size_t at, size_t end)
{
	size_t k = at, words = 0;
	bool word_start = true, lower = false, number = false;

	size_t particles = 0;

	while (k < end) {
		uint32_t cp;
		size_t l = herald_utf8_next(s + k, end - k, &cp);
		if (herald_cp_is_space(cp)) {
			word_start = true;
		} else if (word_start && words >= 1 && herald_cp_is_lower(cp)) {
			size_t w = k;
			while (w < end && s[w] != ' ')
				w++;
			if (w >= end || ++particles > PARTICLES_MAX ||
			    !herald_lang_any_is("particle", s + k, w - k))
				return false;
			l = w - k;
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
 * "Question 3 :", "Вопрос №2:"): the label's length with the number, 0
 * when none. */
static size_t numbered(const char *s, size_t n, size_t at, size_t len)
{
	size_t k = at + len, digits = 0;

	while (k < n && (s[k] == ' ' || s[k] == '#'))
		k++;
	if (k + 1 < n && (unsigned char)s[k] == 0xE2 &&
	    (unsigned char)s[k + 1] == 0x84 && k + 2 < n &&
	    (unsigned char)s[k + 2] == 0x96)
		k += 3 + (k + 3 < n && s[k + 3] == ' ');   /* the numero sign */
	while (k < n && s[k] >= '0' && s[k] <= '9' && digits < 6) {
		k++;
		digits++;
	}
	return digits ? k - at : 0;
}

/* Where a trailing bracket (a party and state, "SEN. ROMNEY (R-UT)", or
 * "(as interpreted)") starts in the name s[at, end), trimmed; end when
 * there is none.  A bracket is taken only after a name. */
static size_t affiliation(const char *s, size_t at, size_t end)
{
	size_t k;

	if (end - at < 4 || s[end - 1] != ')')
		return end;
	for (k = end - 1; k > at && end - k <= AFFILIATION_MAX_BYTES; k--) {
		if (s[k - 1] == ')')
			return end;
		if (s[k - 1] == '(') {
			size_t name = trim_label(s, at, k - 1);
			return name > at && name < k - 1 && k + 1 < end ? name : end;
		}
	}
	return end;
}

/* Whether s[at, end) is a name of its kind, a bracket after it aside. */
static bool named(bool (*shape)(const char *, size_t, size_t), const char *s,
                  size_t at, size_t end)
{
	return shape(s, at, affiliation(s, at, end));
}

static herald_label_kind found(herald_label *label, herald_label_kind kind,
                               size_t start, size_t len, size_t skip)
{
	*label = (herald_label){ kind, start, len, skip };
	return kind;
}

/* An interviewer (w 0) or interviewee (w 1) word opening s at at, after
 * stars asterisks: its kind in *label, or NONE. */
static herald_label_kind word_label(const char *s, size_t n, size_t at,
                                    size_t stars, int w, herald_label *label)
{
	static const char *const sections[] = { "interviewer", "interviewee" };
	static const herald_label_kind kinds[] = { HERALD_LABEL_INTERVIEWER,
		                                   HERALD_LABEL_INTERVIEWEE };
	const char *t = s + at + stars;
	size_t len = herald_lang_any_prefix(sections[w], t, n - at - stars);
	size_t num, end, name_end, after;

	if (!len)
		return HERALD_LABEL_NONE;
	num = numbered(t, n - at - stars, 0, len);
	if (stars) {
		/* **Q:** / *Frage 2*: */
		if (!label_colon(s, n, at + stars, stars, &name_end, &after) ||
		    (name_end - at - stars != len && name_end - at - stars != num) ||
		    !(end = after_colon(s, n, after)))
			return HERALD_LABEL_NONE;
		return found(label, kinds[w], at + stars, name_end - at - stars,
		             end);
	}
	if (num && (end = after_label(s, n, at, num, true)))
		return found(label, kinds[w], at, num, end);
	if ((end = after_label(s, n, at, len, w == 1)))
		return found(label, kinds[w], at, len, end);
	return HERALD_LABEL_NONE;
}

herald_label_kind herald_turn_label(const char *s, size_t n,
                                    herald_label *label)
{
	size_t at = herald_text_skip_space(s, n), end, name_end, after,
	       stars = 0;

	*label = (herald_label){ HERALD_LABEL_NONE, 0, 0, 0 };
	if (at >= n || !starts_capital(s + at, n - at))
		return HERALD_LABEL_NONE;
	/* literal Markdown emphasis around a label, in a plain text */
	while (stars < 2 && at + stars < n && s[at + stars] == '*')
		stars++;
	if (stars && (at + stars >= n || herald_cp_is_space(
	                                         cp_at(s, n, at + stars))))
		return HERALD_LABEL_NONE;   /* a bullet, not emphasis */
	for (int w = 0; w < 2; w++)
		if (word_label(s, n, at, stars, w, label) != HERALD_LABEL_NONE)
			return label->kind;
	if (!label_colon(s, n, at + stars, stars, &name_end, &after))
		return HERALD_LABEL_NONE;
	/* what follows the colon: space, a line end or the end */
	if (!(end = after_colon(s, n, after)))
		return HERALD_LABEL_NONE;
	at += stars;
	if (herald_lang_any_is("moderator", s + at, name_end - at) &&
	    (upper_name(s, at, name_end) || title_name(s, at, name_end)))
		return found(label, HERALD_LABEL_MODERATOR, at, name_end - at, end);
	if (named(upper_name, s, at, name_end))
		return found(label, HERALD_LABEL_NAMED, at, name_end - at, end);
	if (named(title_name, s, at, name_end))
		return found(label, HERALD_LABEL_TITLED, at, name_end - at, end);
	return HERALD_LABEL_NONE;
}

/* --- inline marks: turns inside one long line -------------------------- */

#define INLINE_LOOK 8   /* code points looked at before a dash */
/* bytes in which an inline label's colon must follow its start
 * ("Вопрос №12:" is 16) */
#define INLINE_LABEL_BYTES 32

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

/* Whether a question or answer label with its colon opens s[at..n)
 * after a sentence end and space (". Q: And then? A: Yes."): the bytes
 * of label and space in *skip, and whether the sentence asks in *term.
 * A word that is not a label costs the look back alone. */
static bool inline_label_at(const char *s, size_t n, size_t at,
                            uint32_t *term, size_t *skip)
{
	unsigned char c = (unsigned char)s[at];
	herald_label l;
	size_t start;

	if (at == 0 || s[at - 1] != ' ' || !((c >= 'A' && c <= 'Z') || c >= 0xC0))
		return false;
	/* a colon soon after, or no question or answer word is there */
	size_t look = n - at < INLINE_LABEL_BYTES ? n - at : INLINE_LABEL_BYTES;
	if (!memchr(s + at, ':', look) && !memchr(s + at, 0xEF, look))
		return false;
	*term = terminal_before(s, at, &start);
	if (!(*term == '.' || *term == '!' || *term == '?' || *term == 0x2026))
		return false;
	herald_label_kind k = herald_turn_label(s + at, n - at, &l);
	if (k != HERALD_LABEL_INTERVIEWER && k != HERALD_LABEL_INTERVIEWEE)
		return false;
	/* the colon is required inside a line: "Q." ends sentences too */
	for (size_t i = l.name_start + l.name_len; i < l.skip; i++)
		if (s[at + i] == ':' || (unsigned char)s[at + i] == 0xEF) {
			*skip = l.skip;
			return true;
		}
	return false;
}

static bool is_dash_lead(const char *s, size_t n, size_t k)
{
	unsigned char c = (unsigned char)s[k];

	/* '-', or the lead byte of U+2010..U+2015 */
	return c == '-' || (c == 0xE2 && k + 2 < n &&
	                    (unsigned char)s[k + 1] == 0x80 &&
	                    (unsigned char)s[k + 2] >= 0x90 &&
	                    (unsigned char)s[k + 2] <= 0x95);
}

/* The bytes a sentence terminal opens with: '.', '!', '?', and the lead
 * byte of '…'; found many bytes at a time, as the scan passes over
 * every byte of a text. */
static const char sentence_end_leads[] = ".!?\xE2";

/* The sentence terminal at k ('.', '!', '?', '…'): its byte length, 0
 * when there is none. */
static size_t terminal_at(const char *s, size_t n, size_t k)
{
	unsigned char c = (unsigned char)s[k];

	if (c == '.' || c == '!' || c == '?')
		return 1;
	return c == 0xE2 && k + 2 < n && (unsigned char)s[k + 1] == 0x80 &&
	       (unsigned char)s[k + 2] == 0xA6 ? 3 : 0;
}

/* Where a mark may open after the terminal ending at k: past closers,
 * quotes and one run of space, as terminal_before looks back; 0 when no
 * space follows (a mark needs one). */
static size_t mark_after(const char *s, size_t n, size_t k)
{
	size_t steps = 0, spaced;
	uint32_t cp;

	while (k < n && steps++ < INLINE_LOOK) {
		size_t l = herald_utf8_next(s + k, n - k, &cp);
		if (!herald_cp_is_closer(cp) && !herald_cp_is_quote(cp))
			break;
		k += l;
	}
	spaced = k;
	while (k < n && steps++ < INLINE_LOOK) {
		size_t l = herald_utf8_next(s + k, n - k, &cp);
		if (!herald_cp_is_space(cp))
			break;
		k += l;
	}
	return k > spaced && k < n ? k : 0;
}

size_t herald_turn_inline(const char *s, size_t n, size_t from,
                          unsigned kinds, bool *asks, size_t *skip)
{
	uint32_t term;
	size_t sk = 0, t;

	/* A mark follows a sentence end within INLINE_LOOK code points, so
	 * the scan looks for terminals, from a little before from, many
	 * bytes at a time, and only a terminal's follower is tried as a
	 * dash or a label. */
	for (size_t k = from > 4 * INLINE_LOOK ? from - 4 * INLINE_LOOK : 0;
	     (k += herald_text_find_any(s + k, n - k, sentence_end_leads,
	                                sizeof sentence_end_leads - 1,
	                                false)) < n;
	     k++) {
		if (!(t = terminal_at(s, n, k)))
			continue;
		size_t j = mark_after(s, n, k + t);
		if (!j || j < from)
			continue;
		bool dash = (kinds & HERALD_INLINE_DASH) && is_dash_lead(s, n, j) &&
		            inline_dash_at(s, n, j, &term);
		if (dash) {
			uint32_t cp;
			sk = herald_utf8_next(s + j, n - j, &cp);
			sk += herald_text_skip_space(s + j + sk, n - j - sk);
		}
		if (dash || ((kinds & HERALD_INLINE_LABEL) &&
		             inline_label_at(s, n, j, &term, &sk))) {
			if (asks)
				*asks = term == '?';
			if (skip)
				*skip = sk;
			return j;
		}
	}
	return n;
}

/* Whether some '?' of s is followed closely enough by what opens a turn
 * for the turn to follow that question: a turn that asks has its '?'
 * within INLINE_LOOK code points before its mark (terminal_before), and
 * opens by a dash lead (is_dash_lead) or by a label whose ':' or
 * U+FF1A's lead byte comes within INLINE_LABEL_BYTES of it
 * (inline_label_at).  Only the bytes after each '?' are looked at, a
 * few dozen of them. */
static bool question_before_mark(const char *s, size_t n)
{
	const size_t window = 4 * INLINE_LOOK + INLINE_LABEL_BYTES + 1;
	const char *q = memchr(s, '?', n);

	for (; q; q = memchr(q + 1, '?', n - (size_t)(q + 1 - s))) {
		size_t at = (size_t)(q + 1 - s);
		size_t end = n - at > window ? at + window : n;
		for (size_t k = at; k < end; k++) {
			unsigned char c = (unsigned char)s[k];
			if (c == ':' || c == '-' || c == 0xEF ||
			    (c == 0xE2 && is_dash_lead(s, n, k)))
				return true;
		}
	}
	return false;
}

/* Whether a line holds an interview of its own: two inline turns or
 * more, one of them after a question. */
static bool inline_interview(const char *s, size_t n)
{
	size_t turns = 0, at = 0;
	bool asks = false, a;

	/* one turn follows a question: a line without a '?' closely followed
	 * by a dash or a colon holds none (every line of every text is
	 * tried, most questions in prose are not) */
	if (!question_before_mark(s, n))
		return false;
	while ((at = herald_turn_inline(s, n, at,
	                                 HERALD_INLINE_DASH | HERALD_INLINE_LABEL,
	                                 &a, NULL)) < n) {
		turns++;
		asks = asks || a;
		at++;
	}
	return turns >= 2 && asks;
}

/* The speakers' table (herald_speakers in herald/turn.h).  The counters
 * are the plan's, for the item whose number is in stamp. */
typedef struct speaker {
	char *key, *display;
	size_t key_len;
	unsigned long stamp;      /* the item labels and asks count for */
	size_t labels, asks;      /* blocks it opens, turns ending in '?' */
	size_t speaks;            /* turns that say more than a hand-over */
	unsigned long judged;     /* the item its side was judged in */
} speaker;

struct herald_speakers {
	speaker *v;
	size_t count, cap;
	size_t *slots, nslots;    /* index + 1 into v, 0 when free */
	unsigned long items;      /* items planned: stamps the counters */
};

/* --- speakers, one per person in a document ----------------------------- */

/* The name as compared: case folded, full stops and asterisks dropped,
 * every run of space or line breaks one space, ends trimmed ("MS. PSAKI",
 * "Ms Psaki" and "**Ms. Psaki**" are all "ms psaki"), a bracket after
 * it dropped.  malloc'd. */
static char *speaker_key(const char *s, size_t n, size_t *len)
{
	size_t fl, o = 0;
	/* a party and state after the name do not make another person:
	 * "SEN. ROMNEY (R-UT)" is "Sen. Romney" */
	n = herald_text_trim_end(s, n);
	char *f = herald_text_casefold(s, affiliation(s, 0, n), &fl);
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

static int speakers_grow(herald_speakers *sp)
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

int herald_speakers_intern(herald_speakers *sp, const char *name, size_t n,
                           size_t *id)
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
		speaker *e = &sp->v[sp->slots[h] - 1];
		if (e->key_len == key_len && memcmp(e->key, key, key_len) == 0) {
			free(key);
			*id = sp->slots[h] - 1;
			return HERALD_OK;
		}
	}
	if (sp->count == sp->cap) {
		size_t cap = sp->cap ? 2 * sp->cap : 16;
		speaker *v = realloc(sp->v, cap * sizeof *v);
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
	sp->v[sp->count] = (speaker){ .key = key, .key_len = key_len,
		                      .display = display };
	sp->slots[h] = sp->count + 1;
	*id = sp->count++;
	return HERALD_OK;
}

static void speakers_clear(herald_speakers *sp)
{
	for (size_t i = 0; i < sp->count; i++) {
		free(sp->v[i].key);
		free(sp->v[i].display);
	}
	free(sp->v);
	free(sp->slots);
	memset(sp, 0, sizeof *sp);
}

herald_speakers *herald_speakers_new(void)
{
	return calloc(1, sizeof(herald_speakers));
}

void herald_speakers_free(herald_speakers *sp)
{
	if (!sp)
		return;
	speakers_clear(sp);
	free(sp);
}

const char *herald_speakers_display(const herald_speakers *sp, size_t id)
{
	return id < sp->count ? sp->v[id].display : "";
}

size_t herald_speakers_count(const herald_speakers *sp)
{
	return sp->count;
}

bool herald_turn_is_transcript(const char *text, size_t len)
{
	size_t questions = 0, pos = 0, repeating = 0, id;
	bool after_blank = true, yes = false;
	herald_speakers sp = { 0 };

	/* One scan of the lines, without building blocks: two question
	 * labels opening paragraphs, or two names that each open two
	 * paragraphs or more (an interview labelled by names alone), or a
	 * line holding inline turns (an interview stored as one line). */
	while (pos < len && questions < 2 && repeating < 2 && !yes) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		bool blank = herald_text_is_blank(s, n);
		herald_label l;
		if (!blank && inline_interview(s, n))
			yes = true;
		if (!blank && after_blank) {
			herald_label_kind k = herald_turn_label(s, n, &l);
			questions += k == HERALD_LABEL_INTERVIEWER;
			if ((k == HERALD_LABEL_NAMED || k == HERALD_LABEL_TITLED) &&
			    herald_speakers_intern(&sp, s + l.name_start, l.name_len,
			                           &id) == HERALD_OK &&
			    ++sp.v[id].labels == 2)
				repeating++;
		}
		after_blank = blank;
		pos += n + 1;
	}
	speakers_clear(&sp);
	return yes || questions >= 2 || repeating >= 2;
}


/* --- the shape of a turn -------------------------------------------------- */

#define ANSWER_MIN_WORDS 60      /* a long turn that asks nothing */
#define HANDOVER_MAX_WORDS 30    /* "Next, we'll go to Ada Lind at ABC." */

/* Tokens of s, counted up to at most limit (a long turn's evidence is
 * settled at ANSWER_MIN_WORDS: the rest of a 10 MB turn is not read). */
static size_t tokens_upto(const char *s, size_t n, size_t limit)
{
	size_t tokens = 0, i = 0;
	bool in_token = false, counted = false;

	while (i < n && tokens < limit) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = c;
		if (c < 0x80) {
			/* ASCII, without a call: a space or a line end ends a
			 * token, its first letter or digit counts it, and then
			 * the rest of its ASCII (0x21..0x7F) cannot matter */
			i++;
			if (c == ' ' || c == '\n' || c == '\t' || c == '\v' ||
			    c == '\f') {
				in_token = false;
				continue;
			}
		} else {
			i += herald_utf8_next(s + i, n - i, &cp);
			if (herald_cp_is_space(cp)) {
				in_token = false;
				continue;
			}
		}
		if (!in_token)
			counted = false;
		in_token = true;
		if (!counted && herald_cp_is_alnum(cp)) {
			tokens++;
			counted = true;
			i += herald_text_ascii_word_run(s + i, n - i);
		}
	}
	return tokens;
}

size_t herald_turn_tokens(const char *s, size_t n)
{
	return tokens_upto(s, n, SIZE_MAX);
}

/* The last code point of s, trailing space and closers (quotes,
 * brackets) aside; 0 when none. */
static uint32_t last_before_closers(const char *s, size_t n)
{
	n = herald_text_trim_end(s, n);
	while (n > 0) {
		uint32_t cp;
		size_t len = herald_utf8_prev(s, n, &cp);
		if (!herald_cp_is_closer(cp))
			return cp;
		n -= len;
	}
	return 0;
}

herald_turn_evidence herald_turn_evidence_of(const char *s, size_t n)
{
	if (last_before_closers(s, n) == '?')
		return HERALD_EVIDENCE_ASK;
	if (!memchr(s, '?', n) &&
	    tokens_upto(s, n, ANSWER_MIN_WORDS) >= ANSWER_MIN_WORDS)
		return HERALD_EVIDENCE_ANSWER;
	return HERALD_EVIDENCE_NONE;
}

/* --- the plan of an item ----------------------------------------------------- */

static bool is_named(herald_label_kind k)
{
	return k == HERALD_LABEL_NAMED || k == HERALD_LABEL_MODERATOR ||
	       k == HERALD_LABEL_TITLED;
}

/* The speaker of a named label, interned; SIZE_MAX when out of memory.
 * Its counters are reset when it is first seen in this item. */
static size_t speaker_of(herald_speakers *sp, const herald_turn_para *p,
                         const herald_label *l)
{
	size_t id;

	if (herald_speakers_intern(sp, p->text + l->name_start, l->name_len,
	                           &id))
		return SIZE_MAX;
	speaker *e = &sp->v[id];
	if (e->stamp != sp->items) {
		e->stamp = sp->items;
		e->labels = e->asks = e->speaks = 0;
	}
	return id;
}

/* What an item's labels say, from one scan of its paragraphs. */
typedef struct scan {
	size_t qa;             /* where the turns start (n: none) */
	bool questions;        /* the item has question labels */
	bool titled;           /* title-case names may be labels here */
	bool asking_side;      /* no question labels: a named side asks */
	size_t speaker;        /* the one speaker of a speech, or SIZE_MAX */
	size_t last_named;     /* the last upper-case name before a question */
	size_t first_upper;    /* the first of them */
	size_t one;            /* the one upper-case speaker, or SIZE_MAX */
	bool one_speaker;
	size_t labels, distinct, repeating;
} scan;

/* Title-case names (Vladimir Putin:) are labels only where the item
 * shows a pattern: a question label, or two names at least (in either
 * case: "NYT:" asking "Putin:") that each open two paragraphs or more.
 * A news item's "Note:" or "Washington:" has no such pattern and stays
 * a paragraph.  Without question labels a title-case name must itself
 * repeat. */
static bool label_holds(herald_speakers *sp, const scan *t,
                        const herald_turn_para *p, const herald_label *l)
{
	if (l->kind != HERALD_LABEL_TITLED)
		return l->kind != HERALD_LABEL_NONE;
	if (!t->titled)
		return false;
	if (t->questions)
		return true;
	size_t id = speaker_of(sp, p, l);
	return id != SIZE_MAX && sp->v[id].labels >= 2;
}

/* The labels of p[] into out[], and the speakers' counts for this item:
 * labels opened, and turns ending in a question. */
static int count_labels(herald_speakers *sp, const herald_turn_para *p,
                        size_t n, herald_turn_decision *out, scan *t)
{
	size_t question = n, current = SIZE_MAX;

	for (size_t i = 0; i <= n; i++) {
		herald_label l = { HERALD_LABEL_NONE, 0, 0, 0 };
		if (i < n) {
			out[i] = (herald_turn_decision){ l, HERALD_SPEAKER_UNKNOWN,
				                         SIZE_MAX };
			if (p[i].is_text && !p[i].unlabelled)
				herald_turn_label(p[i].text, p[i].len, &out[i].label);
			l = out[i].label;
		}
		if (i == n || l.kind != HERALD_LABEL_NONE) {
			/* the turn before ends at the paragraph before this one */
			if (current != SIZE_MAX && i > 0 && p[i - 1].is_text &&
			    herald_turn_evidence_of(p[i - 1].text, p[i - 1].len) ==
			            HERALD_EVIDENCE_ASK)
				sp->v[current].asks++;
			current = SIZE_MAX;
		}
		if (i == n)
			break;
		if (l.kind == HERALD_LABEL_NONE && current != SIZE_MAX &&
		    p[i].is_text && sp->v[current].speaks == 0)
			sp->v[current].speaks++;   /* a turn of several paragraphs */
		if (l.kind == HERALD_LABEL_INTERVIEWER && question == n)
			question = i;
		if (!is_named(l.kind))
			continue;
		size_t id = speaker_of(sp, &p[i], &l);
		if (id == SIZE_MAX)
			return HERALD_ENOMEM;
		speaker *e = &sp->v[id];
		t->distinct += e->labels == 0;
		if (++e->labels == 2)
			t->repeating++;
		t->labels++;
		current = id;
		if (l.kind == HERALD_LABEL_MODERATOR && e->speaks == 0 &&
		    herald_turn_tokens(p[i].text + l.skip, p[i].len - l.skip) >
		            HANDOVER_MAX_WORDS)
			e->speaks++;
		if (question == n && l.kind != HERALD_LABEL_TITLED) {
			/* upper-case names: a moderator before the first
			 * question, a speech's one speaker */
			t->last_named = i;
			if (t->first_upper == n)
				t->first_upper = i;
			if (t->one != SIZE_MAX && t->one != id)
				t->one_speaker = false;
			t->one = id;
		}
	}
	t->questions = question < n;
	t->titled = t->questions || t->repeating >= 2;
	t->qa = question;
	return HERALD_OK;
}

/* Without question labels: an interview when one side asks (most of
 * its turns end with '?') and another does not.  Only names that are
 * labels here count; the turns start at the first of them (a "Note:"
 * before it stays text). */
static int find_asking_side(herald_speakers *sp, const herald_turn_para *p,
                            size_t n, const herald_turn_decision *out,
                            scan *t)
{
	size_t askers = 0, answerers = 0, first_label = n;

	for (size_t i = 0; i < n && t->labels >= 3 && t->distinct >= 2; i++) {
		const herald_label *l = &out[i].label;
		if (!is_named(l->kind) || !label_holds(sp, t, &p[i], l))
			continue;
		if (first_label == n)
			first_label = i;
		size_t id = speaker_of(sp, &p[i], l);
		if (id == SIZE_MAX)
			return HERALD_ENOMEM;
		speaker *e = &sp->v[id];
		if (e->judged == sp->items)
			continue;   /* judged once a speaker */
		e->judged = sp->items;
		if (2 * e->asks > e->labels)
			askers++;
		else
			answerers++;
	}
	if (askers && answerers) {
		t->asking_side = true;
		t->qa = first_label;
	}
	return HERALD_OK;
}

/* One speaker, no questions: a speech when the name is a person's
 * label, two words or more or printed twice ("THE PRESIDENT:"), not a
 * dateline such as "WASHINGTON:". */
static void find_speech(const herald_speakers *sp, const herald_turn_para *p,
                        const herald_turn_decision *out, scan *t)
{
	if (t->one == SIZE_MAX || !t->one_speaker)
		return;
	const herald_label *l = &out[t->first_upper].label;
	if (l->kind == HERALD_LABEL_NAMED &&
	    (sp->v[t->one].labels >= 2 ||
	     herald_turn_tokens(p[t->first_upper].text + l->name_start,
	                        l->name_len) >= 2))
		t->speaker = t->one;
}

/* The role of a named turn: the asking side's when its speaker asks
 * most of the time, else the side that answers (briefers, officials).
 * A moderator who only hands over (one short paragraph a turn: "Next,
 * we'll go to Ada Lind") leads the questions: the interviewer; one who
 * speaks at length is a briefer. */
static herald_speaker_role named_role(const herald_speakers *sp,
                                      const scan *t, size_t id,
                                      herald_label_kind kind)
{
	const speaker *e = &sp->v[id];

	if (kind == HERALD_LABEL_MODERATOR && e->speaks == 0)
		return HERALD_SPEAKER_INTERVIEWER;
	return t->asking_side && 2 * e->asks > e->labels
	               ? HERALD_SPEAKER_INTERVIEWER
	               : HERALD_SPEAKER_INTERVIEWEE;
}

/* From the first turn on, each labelled paragraph whose label holds
 * opens a turn; before it, and where a label does not hold, the label
 * is text. */
static int decide(herald_speakers *sp, const herald_turn_para *p, size_t n,
                  herald_turn_decision *out, const scan *t)
{
	for (size_t i = 0; i < n; i++) {
		herald_turn_decision *d = &out[i];
		if (i < t->qa || !label_holds(sp, t, &p[i], &d->label)) {
			d->label = (herald_label){ HERALD_LABEL_NONE, 0, 0, 0 };
			continue;
		}
		if (d->label.kind == HERALD_LABEL_INTERVIEWER) {
			d->role = HERALD_SPEAKER_INTERVIEWER;
		} else if (d->label.kind == HERALD_LABEL_INTERVIEWEE) {
			/* "A:", "Ответ:" name nobody: markup, as "Q" is */
			d->role = HERALD_SPEAKER_INTERVIEWEE;
		} else {
			if ((d->speaker = speaker_of(sp, &p[i], &d->label)) ==
			    SIZE_MAX)
				return HERALD_ENOMEM;
			d->role = named_role(sp, t, d->speaker, d->label.kind);
		}
	}
	return HERALD_OK;
}

int herald_turn_plan_item(herald_speakers *sp, const herald_turn_para *p,
                          size_t n, herald_turn_decision *out,
                          herald_turn_plan *plan)
{
	scan t = { .qa = n, .speaker = SIZE_MAX, .last_named = n,
		   .first_upper = n, .one = SIZE_MAX, .one_speaker = true };
	int rc;

	sp->items++;
	*plan = (herald_turn_plan){ HERALD_ITEM_NEWS, n, SIZE_MAX };
	if ((rc = count_labels(sp, p, n, out, &t)))
		return rc;
	if (t.questions) {
		/* a moderator's block handing over to the first question */
		if (t.last_named < n &&
		    out[t.last_named].label.kind == HERALD_LABEL_MODERATOR)
			t.qa = t.last_named;
	} else if ((rc = find_asking_side(sp, p, n, out, &t))) {
		return rc;
	}
	if (t.qa == n)
		find_speech(sp, p, out, &t);
	if ((rc = decide(sp, p, n, out, &t)))
		return rc;
	plan->first_turn = t.qa;
	plan->speaker = t.speaker;
	plan->kind = t.qa < n ? HERALD_ITEM_INTERVIEW
	             : t.speaker != SIZE_MAX ? HERALD_ITEM_SPEECH
	                                     : HERALD_ITEM_NEWS;
	return HERALD_OK;
}
