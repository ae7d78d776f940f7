/* plugins/bulletin/recognise.c - what a line or a paragraph is.
 *
 * Each recogniser looks at one block of text, never at the whole input,
 * and at most a bounded window of it where a block may be huge (a title
 * is short, a name is short), so the reader stays linear in its input.
 * They are heuristics; doc/bulletin.md lists where each may fail.
 */
#include <string.h>
#include <strings.h>

#include "bulletin.h"

#define TITLE_MAX_CHARS 200
#define TITLE_MAX_WORDS 30
#define NAME_MAX_WORDS 8
#define ATTRIBUTION_WINDOW 160   /* bytes searched for the author's name */

/* --- small helpers ------------------------------------------------------ */

static unsigned long last_cp_skipping_closers(const char *s, size_t n)
{
	size_t len;

	n = herald_text_trim_end(s, n);
	while (n > 0) {
		unsigned long cp = herald_bulletin_cp_before(s, n, &len);
		if (!herald_cp_is_closer(cp))
			return cp;
		n -= len;
	}
	return 0;
}

static bool is_sentence_end(unsigned long cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

static bool is_upper_start(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];

	/* Non-ASCII initials count as capitals: no case tables here, and a
	 * wrongly accepted lower-case accented initial is rare. */
	return n > 0 && ((c >= 'A' && c <= 'Z') || c >= 0xC3);
}

static bool is_ascii_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

/* A word of s: bytes up to white space. */
typedef struct word {
	const char *s;
	size_t n;
} word;

/* Split s into at most max words; returns how many. */
static size_t split_words(const char *s, size_t n, word *w, size_t max)
{
	size_t i = 0, count = 0, len;

	while (i < n && count < max) {
		i += herald_text_skip_space(s + i, n - i);
		if (i < n && s[i] == '\n') {
			i++;
			continue;
		}
		size_t start = i;
		while (i < n && s[i] != '\n' &&
		       !herald_cp_is_space(herald_bulletin_cp(s + i, n - i,
		                                                    &len)))
			i += len;
		if (i > start)
			w[count++] = (word){ s + start, i - start };
	}
	return count;
}

static bool word_is(const word *w, const char *lit)
{
	return w->n == strlen(lit) && strncasecmp(w->s, lit, w->n) == 0;
}

/* Case-insensitive: the first place in s where prefix starts a word (no
 * ASCII letter before it), or NULL. */
static const char *find_word(const char *s, size_t n, const char *prefix)
{
	size_t p = strlen(prefix);
	/* prefixes open with an ASCII letter: a byte is tried further only
	 * when it is that letter in either case (a call per byte of every
	 * title and intro was most of this search) */
	const char first[2] = { (char)(prefix[0] | 0x20),
		                (char)(prefix[0] & ~0x20) };

	if (p > n)
		return NULL;
	for (size_t i = 0;
	     (i += herald_text_find_any(s + i, n - p + 1 - i, first, 2, false)) <
	     n - p + 1;
	     i++) {
		if ((i > 0 && ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z')) ||
		    strncasecmp(s + i, prefix, p) != 0)
			continue;
		return s + i;
	}
	return NULL;
}

/* --- titles, markers, dashes ------------------------------------------- */

size_t herald_bulletin_strip_video(const char *s, size_t n)
{
	size_t len, end = herald_text_trim_end(s, n), k;
	unsigned long cp;

	if (end < 5 || strncasecmp(s + end - 5, "video", 5) != 0)
		return n;
	k = herald_text_trim_end(s, end - 5);
	if (k == 0)
		return n;
	cp = herald_bulletin_cp_before(s, k, &len);
	if (!herald_cp_is_dash(cp))
		return n;
	k -= len;
	/* The dash stands apart: "captured – VIDEO", not "pre-video". */
	if (k == 0 || !herald_cp_is_space(herald_bulletin_cp_before(s, k,
	                                                                  &len)))
		return n;
	k = herald_text_trim_end(s, k);
	return herald_bulletin_tokens(s, k) > 0 ? k : n;
}

bool herald_bulletin_dash_turn(const char *s, size_t n, size_t *skip)
{
	size_t len, i;
	unsigned long cp;

	if (n == 0 || !herald_cp_is_dash(herald_bulletin_cp(s, n, &len)))
		return false;
	i = len;
	if (s[0] == '-' && i < n && s[i] == '-')   /* "--" typed for a dash */
		i++;
	if (i < n) {
		cp = herald_bulletin_cp(s + i, n - i, &len);
		if (herald_cp_is_dash(cp))   /* "---": a rule, not a turn */
			return false;
	}
	*skip = i + herald_text_skip_space(s + i, n - i);
	return true;
}

bool herald_bulletin_ends_sentence(const char *s, size_t n)
{
	return is_sentence_end(last_cp_skipping_closers(s, n));
}

bool herald_bulletin_is_title_line(const char *s, size_t n)
{
	size_t skip, words;
	unsigned long last;

	/* Every block is asked, most are paragraphs: the tests that look at
	 * a few bytes (the first, the last) come before those that read
	 * the whole block; all must hold, so the order changes no answer. */
	if (n == 0 || n > 4 * TITLE_MAX_CHARS || is_ascii_lower(s[0]) ||
	    herald_bulletin_dash_turn(s, n, &skip))
		return false;
	if (herald_bulletin_strip_video(s, n) == n) {
		last = last_cp_skipping_closers(s, n);
		if (is_sentence_end(last) || last == ',' || last == ';' ||
		    last == ':' || herald_cp_is_dash(last))
			return false;
	}
	/* (a VIDEO marker only ever ends a title) */
	if (memchr(s, '\n', n) || herald_utf8_count(s, n) > TITLE_MAX_CHARS)
		return false;
	words = herald_bulletin_tokens(s, n);
	return words > 0 && words <= TITLE_MAX_WORDS;
}

/* --- names --------------------------------------------------------------- */

/* Words that are a name's particles, not its end. */
static bool is_particle(const word *w)
{
	static const char *const particles[] = {
		"of", "the", "de", "del", "der", "van", "von", "bin", "ibn", "al",
		"da", "di", "du", "la", "le", "ter", NULL
	};

	for (size_t i = 0; particles[i]; i++)
		if (word_is(w, particles[i]))
			return true;
	return false;
}

/* Titles and offices that come before a name ("President Ilham Aliyev"). */
static bool is_honorific(const word *w)
{
	static const char *const honorifics[] = {
		"president", "prime", "minister", "vice", "deputy", "foreign",
		"defence", "defense", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
		"dr", "dr.", "prof", "prof.", "professor", "sir", "dame", "lady",
		"lord", "general", "colonel", "captain", "capt.", "admiral",
		"mayor", "governor", "senator", "ambassador", "chairman",
		"chairwoman", "chair", "director", "chief", "head", "secretary",
		"commissioner", "harbour", "harbor", "master", "councillor",
		"councilor", "judge", "king", "queen", "prince", "princess",
		"speaker", "commander", "inspector", "officer", "doctor", "dean",
		"rector", "spokesman", "spokeswoman", "spokesperson", "executive",
		"general-director", "director-general", "acting", "former",
		"author", "writer", "novelist", "poet", "artist", "journalist",
		"editor", "composer", "singer", "actor", "actress", "coach",
		"scientist", "researcher", "economist", "historian", "architect",
		"engineer", "lawyer", "mp", NULL
	};

	for (size_t i = 0; honorifics[i]; i++)
		if (word_is(w, honorifics[i]))
			return true;
	return false;
}

/* A word ends a name run when it carries punctuation at its end. */
static bool ends_with_stop(const word *w)
{
	unsigned long cp = last_cp_skipping_closers(w->s, w->n);
	char c = w->s[w->n - 1];

	return c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
	       c == '"' || cp == 0x201D || (c == '.' && w->n > 3);
}

/* The length of w without a possessive "'s" / "’s". */
static size_t without_possessive(const word *w)
{
	if (w->n > 2 && strncmp(w->s + w->n - 2, "'s", 2) == 0)
		return w->n - 2;
	if (w->n > 4 && strncmp(w->s + w->n - 4, "\xE2\x80\x99s", 4) == 0)
		return w->n - 4;
	return w->n;
}

/* Choose the name among a run of capitalised words and particles: drop
 * offices first; after an "of" ("President of the Republic of X First
 * Last") the place is mixed in, so keep the last two words. */
static bool pick_name(word *w, size_t count, char *out, size_t size)
{
	size_t first = 0, used = 0;
	bool had_of = false;

	while (count > 0 && is_particle(&w[count - 1]))
		count--;
	for (size_t i = 0; i < count; i++)
		if (word_is(&w[i], "of")) {
			had_of = true;
			first = i + 1;
		}
	while (first < count && (is_honorific(&w[first]) ||
	                         is_particle(&w[first])))
		first++;
	if (had_of && count - first > 2)
		first = count - 2;
	if (first >= count)
		return false;
	out[0] = '\0';
	for (size_t i = first; i < count; i++) {
		size_t n = w[i].n;
		while (n > 0 && strchr(".,;:!?\"')", w[i].s[n - 1]))
			n--;
		if (i + 1 == count)
			n = without_possessive(&(word){ w[i].s, n });
		if (n == 0 || used + n + 2 > size)
			return false;
		if (used)
			out[used++] = ' ';
		memcpy(out + used, w[i].s, n);
		used += n;
		out[used] = '\0';
	}
	return used > 0;
}

/* The name that starts at the words w[0..count): capitalised words and
 * particles, up to one that ends in punctuation. */
static bool name_from(word *w, size_t count, char *out, size_t size)
{
	size_t k = 0;

	while (k < count && (word_is(&w[k], "the") || word_is(&w[k], "a") ||
	                     word_is(&w[k], "an")))
		k++;
	size_t start = k;
	while (k < count && k - start < NAME_MAX_WORDS &&
	       (is_upper_start(w[k].s, w[k].n) || is_particle(&w[k]))) {
		if (ends_with_stop(&w[k++]))
			break;
	}
	return pick_name(w + start, k - start, out, size);
}

/* The name that ends just before s + at: a run of capitalised words. */
static bool name_before(const char *s, size_t at, char *out, size_t size)
{
	size_t from = at > 200 ? at - 200 : 0;
	word w[48];

	while (from > 0 && from < at && s[from - 1] != ' ')
		from++;   /* start the window on a word, not inside one */
	size_t count = split_words(s + from, at - from, w, 48), k = count;

	if (count == 48)
		return false;
	while (k > 0 && count - k < NAME_MAX_WORDS &&
	       (is_upper_start(w[k - 1].s, w[k - 1].n) ||
	        is_particle(&w[k - 1])) &&
	       !(k < count && ends_with_stop(&w[k - 1])))
		k--;
	/* Particles belong inside a name, never at its start. */
	while (k < count && is_particle(&w[k]))
		k++;
	return pick_name(w + k, count - k, out, size);
}

bool herald_bulletin_interviewee_in(const char *s, size_t n, char *name,
                                    size_t name_size)
{
	static const char *const verbs[] = { "gave", "given", "granted",
	                                     "gives", "grants", NULL };
	const char *at = s;
	word w[NAME_MAX_WORDS + 4];

	name[0] = '\0';
	/* "... interview with President X" */
	while ((at = find_word(at, n - (size_t)(at - s), "interview"))) {
		size_t rest = n - (size_t)(at - s);
		size_t count = split_words(at, rest, w, NAME_MAX_WORDS + 4);
		at += 9;
		if (count >= 3 && word_is(&w[1], "with") &&
		    name_from(w + 2, count - 2, name, name_size))
			return true;
	}
	/* "X gave an interview", "X has given an interview" */
	for (size_t v = 0; verbs[v]; v++) {
		const char *verb = find_word(s, n, verbs[v]);
		if (!verb || (size_t)(verb - s) + strlen(verbs[v]) >= n ||
		    s[verb - s + strlen(verbs[v])] != ' ')
			continue;
		size_t rest = n - (size_t)(verb - s);
		if (!find_word(verb, rest < 40 ? rest : 40, "interview"))
			continue;
		size_t at_verb = (size_t)(verb - s);
		/* skip an auxiliary: "X has given" */
		const char *aux = at_verb >= 4 ? s + at_verb - 4 : NULL;
		if (aux && (strncasecmp(aux, "has ", 4) == 0 ||
		            strncasecmp(aux, "had ", 4) == 0))
			at_verb -= 4;
		if (name_before(s, at_verb, name, name_size))
			return true;
	}
	return false;
}

bool herald_bulletin_mentions_interview(const char *s, size_t n)
{
	return find_word(s, n, "interview") != NULL;
}

/* "X addressed the nation", "address by X", "X's address to the nation". */
static bool speech_title(const char *s, size_t n, char *name, size_t size)
{
	static const char *const verbs[] = { "addressed ", "addresses ",
	                                     "delivered a speech",
	                                     "made a speech", "gave a speech",
	                                     NULL };
	word w[NAME_MAX_WORDS + 4];

	for (size_t v = 0; verbs[v]; v++) {
		const char *at = find_word(s, n, verbs[v]);
		if (at) {
			name_before(s, (size_t)(at - s), name, size);
			return true;
		}
	}
	for (const char *at = find_word(s, n, "address"); at;
	     at = find_word(at + 7, n - (size_t)(at + 7 - s), "address")) {
		size_t count = split_words(at, n - (size_t)(at - s), w,
		                           NAME_MAX_WORDS + 4);
		if (count >= 3 && word_is(&w[0], "address") &&
		    word_is(&w[1], "by")) {
			name_from(w + 2, count - 2, name, size);
			return true;
		}
		if (count >= 3 && word_is(&w[0], "address") &&
		    word_is(&w[1], "to") && at > s) {
			name_before(s, (size_t)(at - s), name, size);
			return true;
		}
	}
	const char *sp = find_word(s, n, "speech by ");
	if (sp) {
		size_t count = split_words(sp, n - (size_t)(sp - s), w,
		                           NAME_MAX_WORDS + 4);
		if (count >= 3)
			name_from(w + 2, count - 2, name, size);
		return true;
	}
	return false;
}

herald_bulletin_title_kind herald_bulletin_title_kind_of(const char *s,
                                                         size_t n, char *name,
                                                         size_t name_size)
{
	name[0] = '\0';
	if (herald_bulletin_mentions_interview(s, n)) {
		herald_bulletin_interviewee_in(s, n, name, name_size);
		return BULLETIN_TITLE_INTERVIEW;
	}
	if (speech_title(s, n, name, name_size))
		return BULLETIN_TITLE_SPEECH;
	name[0] = '\0';
	return BULLETIN_TITLE_NEWS;
}

/* --- epigraph attribution --------------------------------------------- */

/* Whether the words of s[0..n) can be a name: 1..5 words, capitalised
 * (particles aside), no digits, no sentence punctuation. */
static bool looks_like_name(const char *s, size_t n)
{
	word w[6];
	size_t count = split_words(s, n, w, 6);

	if (count == 0 || count > 5)
		return false;
	for (size_t i = 0; i < count; i++) {
		if (!is_upper_start(w[i].s, w[i].n) &&
		    !(i > 0 && i + 1 < count && is_particle(&w[i])))
			return false;
		for (size_t k = 0; k < w[i].n; k++) {
			char c = w[i].s[k];
			if ((c >= '0' && c <= '9') || c == ',' || c == ';' ||
			    c == ':' || c == '!' || c == '?' || c == '"' ||
			    c == '(' || c == ')')
				return false;
		}
	}
	return true;
}

/* Whether the '.' ending at s + k closes an initial ("J.") rather than a
 * sentence. */
static bool is_initial(const char *s, size_t k)
{
	return k >= 2 && s[k - 1] == '.' && s[k - 2] >= 'A' && s[k - 2] <= 'Z' &&
	       (k == 2 || s[k - 3] == ' ' || s[k - 3] == '\n');
}

size_t herald_bulletin_attribution(const char *s, size_t n)
{
	size_t end = herald_text_trim_end(s, n), len;
	size_t floor = end > ATTRIBUTION_WINDOW ? end - ATTRIBUTION_WINDOW : 0;
	size_t k = end;

	if (end == 0 || herald_bulletin_ends_sentence(s, end))
		return 0;
	/* Back to the last sentence end that white space follows. */
	while (k > floor) {
		unsigned long cp = herald_bulletin_cp_before(s, k, &len);
		size_t next;
		bool spaced = k < end && (s[k] == '\n' ||
		                          herald_cp_is_space(herald_bulletin_cp(
		                                  s + k, end - k, &next)));
		if (spaced && (is_sentence_end(cp) ||
		               herald_cp_is_closer(cp)) &&
		    !is_initial(s, k))
			break;
		k -= len;
	}
	if (k <= floor)
		return 0;
	/* A closing quote must follow a sentence end to count. */
	size_t q = k;
	while (q > 0 && herald_cp_is_closer(herald_bulletin_cp_before(s, q,
	                                                                    &len)))
		q -= len;
	if (q == 0 || !is_sentence_end(herald_bulletin_cp_before(s, q, &len)))
		return 0;
	/* The name, after white space and an optional dash ("— Name"). */
	size_t start = k;
	for (;;) {
		start += herald_text_skip_space(s + start, end - start);
		if (start < end && s[start] == '\n') {
			start++;
		} else if (start < end &&
		           herald_cp_is_dash(herald_bulletin_cp(
		                   s + start, end - start, &len))) {
			start += len;
		} else {
			break;
		}
	}
	if (start >= end || !looks_like_name(s + start, end - start) ||
	    herald_bulletin_tokens(s, k) < 3)
		return 0;
	return start;
}
