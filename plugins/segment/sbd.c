/* sbd.c - sentence boundary detection: the rule tables and the scanner.
 *
 * How a text is split, in three passes over it:
 *  1. find_structure(): list markers ("1.", "a)", "ii.") and the
 *     parentheses that close mid-sentence, inside which nothing is cut;
 *  2. the main scan: at each terminator (. ? ! … and clusters of them,
 *     with the quotes and brackets that close after them) decide, from
 *     the word before and the word after, whether a sentence ends;
 *  3. cuts are emitted as spans trimmed of space.
 * Each decision looks at a bounded window around one terminator, and
 * windows do not overlap, so the whole is linear.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbd.h"

#define WORD_MAX 32         /* longest word looked up in the tables */
#define LOOK_MAX 64         /* how far a decision looks back or ahead */
#define PAREN_DEPTH 32      /* deeper brackets are not tracked */
#define NONE SIZE_MAX

/* --- the rule tables ------------------------------------------------- */

enum { W_STARTER = 1, W_CONTINUATION = 2, W_SPEECH = 4, W_PREPOSITION = 8 };

typedef struct entry {
	char *key;              /* NULL: empty slot */
	unsigned char len;
	unsigned char cls;      /* sbd_class when an abbreviation */
	unsigned char flags;    /* W_* when in a word list */
} entry;

struct sbd_rules {
	entry *slots;
	size_t cap, count;      /* cap: a power of two */
};

static const struct section {
	const char *name;
	sbd_class cls;
	unsigned flag;
} sections[] = {
	{ "prefix", SBD_PREFIX, 0 },
	{ "number", SBD_NUMBER, 0 },
	{ "ambiguous", SBD_AMBIGUOUS, 0 },
	{ "final", SBD_FINAL, 0 },
	{ "starters", SBD_PLAIN, W_STARTER },
	{ "continuations", SBD_PLAIN, W_CONTINUATION },
	{ "speech", SBD_PLAIN, W_SPEECH },
	{ "prepositions", SBD_PLAIN, W_PREPOSITION },
};

static uint32_t
hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static entry *
find_slot(entry *slots, size_t cap, const char *key, size_t len)
{
	size_t i = hash_bytes(key, len) & (cap - 1);

	while (slots[i].key != NULL &&
	       (slots[i].len != len || memcmp(slots[i].key, key, len) != 0))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static const entry *
lookup(const sbd_rules *rules, const char *key, size_t len)
{
	const entry *e;

	if (rules->cap == 0 || len == 0 || len > WORD_MAX)
		return NULL;
	e = find_slot(rules->slots, rules->cap, key, len);
	return e->key != NULL ? e : NULL;
}

static int
rules_grow(sbd_rules *rules)
{
	size_t cap = rules->cap ? rules->cap * 2 : 256;
	entry *slots = calloc(cap, sizeof *slots);
	size_t i;

	if (slots == NULL)
		return -1;
	for (i = 0; i < rules->cap; i++)
		if (rules->slots[i].key != NULL)
			*find_slot(slots, cap, rules->slots[i].key,
			           rules->slots[i].len) = rules->slots[i];
	free(rules->slots);
	rules->slots = slots;
	rules->cap = cap;
	return 0;
}

/* The entry for key, created empty if new; NULL when out of memory. */
static entry *
rules_insert(sbd_rules *rules, const char *key, size_t len)
{
	entry *e;

	if ((rules->count + 1) * 2 > rules->cap && rules_grow(rules) != 0)
		return NULL;
	e = find_slot(rules->slots, rules->cap, key, len);
	if (e->key == NULL) {
		if ((e->key = malloc(len + 1)) == NULL)
			return NULL;
		memcpy(e->key, key, len);
		e->key[len] = '\0';
		e->len = (unsigned char)len;
		rules->count++;
	}
	return e;
}

sbd_rules *
sbd_rules_new(void)
{
	return calloc(1, sizeof(sbd_rules));
}

void
sbd_rules_free(sbd_rules *rules)
{
	size_t i;

	if (rules == NULL)
		return;
	for (i = 0; i < rules->cap; i++)
		free(rules->slots[i].key);
	free(rules->slots);
	free(rules);
}

static const struct section *
find_section(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if (strlen(sections[i].name) == len &&
		    memcmp(sections[i].name, name, len) == 0)
			return &sections[i];
	return NULL;
}

static int
load_error(sbd_error *err, unsigned long line, const char *what,
           const char *word, size_t len)
{
	if (err != NULL) {
		err->line = line;
		snprintf(err->message, sizeof err->message, "%s '%.*s'", what,
		         (int)(len > 40 ? 40 : len), word);
	}
	return -1;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Add one word of a section: abbreviations as written (less one final
 * full stop), list words folded to lower case. */
static int
load_word(sbd_rules *rules, const struct section *sec, const char *w,
          size_t n, unsigned long line, sbd_error *err)
{
	char folded[WORD_MAX];
	entry *e;
	size_t i;

	if (sec->cls != SBD_PLAIN && n > 1 && w[n - 1] == '.')
		n--;
	if (n > WORD_MAX)
		return load_error(err, line, "word too long:", w, n);
	if (sec->flag) {
		for (i = 0; i < n; i++)
			folded[i] = (w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i];
		w = folded;
	}
	if ((e = rules_insert(rules, w, n)) == NULL)
		return load_error(err, line, "out of memory at", w, n);
	if (sec->cls != SBD_PLAIN)
		e->cls = (unsigned char)sec->cls;
	e->flags |= (unsigned char)sec->flag;
	return 0;
}

static int
load_line(sbd_rules *rules, const char *p, const char *end,
          const struct section **sec, unsigned long line, sbd_error *err)
{
	const char *hash = memchr(p, '#', (size_t)(end - p));
	const char *w;

	if (hash != NULL)
		end = hash;
	while (p < end && is_blank(*p))
		p++;
	while (end > p && is_blank(end[-1]))
		end--;
	if (p < end && *p == '[') {
		const char *close = memchr(p, ']', (size_t)(end - p));

		if (close == NULL || close + 1 != end ||
		    (*sec = find_section(p + 1, (size_t)(close - p - 1))) == NULL)
			return load_error(err, line, "unknown section",
			                  p, (size_t)(end - p));
		return 0;
	}
	while (p < end) {
		for (w = p; p < end && !is_blank(*p); p++)
			;
		if (load_word(rules, *sec, w, (size_t)(p - w), line, err) != 0)
			return -1;
		while (p < end && is_blank(*p))
			p++;
	}
	return 0;
}

int
sbd_rules_load(sbd_rules *rules, const char *text, size_t len,
               const char *default_section, sbd_error *err)
{
	const struct section *sec = find_section(default_section,
	                                          strlen(default_section));
	const char *p = text, *end = text + len, *eol;
	unsigned long line = 1;

	if (sec == NULL)
		return load_error(err, 0, "unknown section", default_section,
		                  strlen(default_section));
	for (; p < end; p = eol + 1, line++) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (load_line(rules, p, eol, &sec, line, err) != 0)
			return -1;
	}
	return 0;
}

static int
has_upper_ascii(const char *w, size_t n)
{
	while (n--)
		if (*w >= 'A' && *w <= 'Z')
			return 1;
		else
			w++;
	return 0;
}

sbd_class
sbd_rules_abbrev(const sbd_rules *rules, const char *word, size_t len)
{
	char folded[WORD_MAX];
	const entry *e = lookup(rules, word, len);
	size_t i;

	if (e != NULL && e->cls != SBD_PLAIN)
		return (sbd_class)e->cls;
	/* "NO." and "No." find "no"; a lone capital is an initial, not "p". */
	if (len < 2 || len > WORD_MAX || !has_upper_ascii(word, len))
		return SBD_PLAIN;
	for (i = 0; i < len; i++)
		folded[i] = (word[i] >= 'A' && word[i] <= 'Z') ? word[i] + 32
		                                                 : word[i];
	e = lookup(rules, folded, len);
	return e != NULL ? (sbd_class)e->cls : SBD_PLAIN;
}

/* The W_* flags of a word, in any case. */
static unsigned
word_flags(const sbd_rules *rules, const char *w, size_t n)
{
	char folded[WORD_MAX];
	const entry *e;
	size_t i;

	if (n == 0 || n > WORD_MAX)
		return 0;
	for (i = 0; i < n; i++)
		folded[i] = (w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i];
	e = lookup(rules, folded, n);
	return e != NULL ? e->flags : 0;
}

/* --- characters ------------------------------------------------------ */

static size_t
utf8_decode(const char *str, size_t i, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str + i;
	size_t avail = len - i, n, k;
	uint32_t c = s[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
	if (n == 0 || n > avail) {
		*cp = 0xFFFD;
		return 1;
	}
	c &= 0x3F >> (n - 1);
	for (k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[k] & 0x3F);
	}
	*cp = c;
	return n;
}

static int
is_space_cp(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Bytes of the space character at s[i], 0 if it is not one. */
static size_t
space_at(const char *s, size_t i, size_t len)
{
	unsigned char c = (unsigned char)s[i];
	uint32_t cp;
	size_t n;

	if (c < 0x80)
		return (c == ' ' || (c >= '\t' && c <= '\r')) ? 1 : 0;
	if (c != 0xC2 && c != 0xE2 && c != 0xE3)
		return 0;
	n = utf8_decode(s, i, len, &cp);
	return is_space_cp(cp) ? n : 0;
}

/* Whether the character ending just before s[i] is a space. */
static int
space_before(const char *s, size_t i)
{
	size_t back;
	uint32_t cp;

	if (i == 0)
		return 0;
	if ((unsigned char)s[i - 1] < 0x80)
		return space_at(s, i - 1, i) != 0;
	for (back = 2; back <= 3 && back <= i; back++)
		if (utf8_decode(s, i - back, i, &cp) == back)
			return is_space_cp(cp);
	return 0;
}

enum { CASE_NONE, CASE_UPPER, CASE_LOWER, CASE_OTHER };

/* Letter case of the scripts a news text is likely to name things in;
 * letters of other scripts count as letters without case. */
static int
cp_case(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') ? CASE_UPPER
		     : (c >= 'a' && c <= 'z') ? CASE_LOWER : CASE_NONE;
	if (c < 0xC0)
		return (c == 0xAA || c == 0xB5 || c == 0xBA) ? CASE_LOWER
		                                             : CASE_NONE;
	if (c <= 0xDE)
		return c == 0xD7 ? CASE_NONE : CASE_UPPER;
	if (c <= 0xFF)
		return c == 0xF7 ? CASE_NONE : CASE_LOWER;
	if (c <= 0x137 || (c >= 0x14A && c <= 0x177))
		return (c & 1) ? CASE_LOWER : CASE_UPPER;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return (c & 1) ? CASE_UPPER : CASE_LOWER;
	if (c == 0x178 || c == 0x18F)
		return CASE_UPPER;
	if (c <= 0x24F)
		return CASE_OTHER;
	if (c <= 0x2AF)
		return CASE_LOWER;                      /* IPA: ə */
	if (c >= 0x386 && c <= 0x3AB)
		return (c == 0x387) ? CASE_NONE : CASE_UPPER;
	if (c >= 0x3AC && c <= 0x3CE)
		return CASE_LOWER;
	if (c >= 0x400 && c <= 0x42F)
		return CASE_UPPER;
	if (c >= 0x430 && c <= 0x45F)
		return CASE_LOWER;
	if (c >= 0x460 && c <= 0x52F)
		return (c & 1) ? CASE_LOWER : CASE_UPPER;
	if (c >= 0x531 && c <= 0x556)
		return CASE_UPPER;
	if (c >= 0x561 && c <= 0x587)
		return CASE_LOWER;
	if (c >= 0x1E00 && c <= 0x1EFF)
		return (c & 1) ? CASE_LOWER : CASE_UPPER;
	if ((c >= 0x5D0 && c <= 0x5EA) || (c >= 0x620 && c <= 0x64A) ||
	    (c >= 0x10D0 && c <= 0x10FF) || (c >= 0x3040 && c <= 0x30FF) ||
	    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3))
		return CASE_OTHER;
	return CASE_NONE;
}

static int
is_alnum_ascii(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Characters by role, as code points. */
static int
is_opener_cp(uint32_t c)
{
	return c == '(' || c == '[' || c == '{' || c == '"' || c == '\'' ||
	       c == 0x201C || c == 0x2018 || c == 0xAB || c == 0x2039 ||
	       c == 0x201E || c == 0x201A || c == 0xBF || c == 0xA1;
}

static int
is_quote_closer_cp(uint32_t c)
{
	return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 ||
	       c == 0xBB || c == 0x203A;
}

static int
is_closer_cp(uint32_t c)
{
	return c == ')' || c == ']' || c == '}' || is_quote_closer_cp(c);
}

static int
is_bullet_cp(uint32_t c)
{
	return c == 0x2022 || c == 0x2023 || c == 0x2043 || c == 0x25E6 ||
	       c == 0x25AA || c == 0x25CF || c == 0x2219;
}

enum { T_NONE, T_DOT, T_MARK, T_ELLIPSIS };

static int
terminator_kind(uint32_t c)
{
	if (c == '.')
		return T_DOT;
	if (c == '?' || c == '!' || c == 0x203D || c == 0x2047 ||
	    c == 0x2048 || c == 0x2049)
		return T_MARK;
	return c == 0x2026 ? T_ELLIPSIS : T_NONE;
}

/* Bytes of the character at s[i] when test() accepts it, else 0. */
static size_t
char_if(const char *s, size_t i, size_t len, int (*test)(uint32_t))
{
	uint32_t cp;
	size_t n = utf8_decode(s, i, len, &cp);

	return test(cp) ? n : 0;
}

/* --- the words around a terminator ----------------------------------- */

/* A run of terminators and the closing marks after them, "?!”)". */
typedef struct cluster {
	size_t start, end;
	unsigned dots, marks, ellipses, closers;
	int strong;        /* a terminator after a closer: "etc.)." */
	int spaced;        /* ". . ." */
	int quote_last;    /* ends with a closing quotation mark */
} cluster;

/* Bytes of a note call "[12]" at s[i], else 0. */
static size_t
citation_len(const char *s, size_t len, size_t i)
{
	size_t j = i + 1;

	while (j < len && j - i <= 4 && is_digit(s[j]))
		j++;
	return j > i + 1 && j < len && s[j] == ']' ? j + 1 - i : 0;
}

static void
scan_cluster(const char *s, size_t len, size_t i, cluster *k)
{
	int seen_closer = 0;

	memset(k, 0, sizeof *k);
	k->start = i;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s, i, len, &cp);
		int t = terminator_kind(cp);

		if (t != T_NONE) {
			k->dots += t == T_DOT;
			k->marks += t == T_MARK;
			k->ellipses += t == T_ELLIPSIS;
			k->strong |= seen_closer;
			k->quote_last = 0;
		} else if (is_closer_cp(cp)) {
			seen_closer = 1;
			k->closers++;
			k->quote_last = is_quote_closer_cp(cp);
		} else if (cp == '[' && (n = citation_len(s, len, i)) != 0) {
			seen_closer = 1;         /* ".[12]": a note call */
			k->closers++;
		} else if (cp == ' ' && k->dots && !seen_closer && i + 1 < len &&
		           s[i + 1] == '.' &&
		           (i + 2 == len || !is_alnum_ascii(s[i + 2]))) {
			k->spaced = 1;           /* ". . .": one more dot */
		} else {
			break;
		}
		i += n;
	}
	k->end = i;
}

enum { NEXT_END, NEXT_UPPER, NEXT_LOWER, NEXT_DIGIT, NEXT_OTHER };

/* What follows a terminator: its kind and first word. */
typedef struct next_word {
	int kind;
	size_t word, wlen;      /* letters of the first word */
} next_word;

static size_t
letters_end(const char *s, size_t len, size_t i)
{
	size_t start = i;
	uint32_t cp;
	size_t n;

	while (i < len && i - start < LOOK_MAX) {
		n = utf8_decode(s, i, len, &cp);
		if (cp_case(cp) == CASE_NONE)
			break;
		i += n;
	}
	return i;
}

static int
is_currency(uint32_t c)
{
	return c == '$' || c == 0xA3 || c == 0xA5 || c == 0x20AC ||
	       c == 0x20BD || c == 0x20BC || c == '#';
}

/* "eBay", "iPhone": a lower-case letter then a capital, read as a
 * capitalised word. */
static int
is_mixed_case(const char *s, size_t i, size_t end)
{
	uint32_t cp;
	size_t k;

	for (k = 0; i < end && k < 4; k++) {
		i += utf8_decode(s, i, end, &cp);
		if (k > 0 && cp_case(cp) == CASE_UPPER)
			return 1;
	}
	return 0;
}

static void
look_next(const char *s, size_t len, size_t j, next_word *nw)
{
	uint32_t cp;
	size_t n;
	int c;

	memset(nw, 0, sizeof *nw);
	while (j < len && (n = space_at(s, j, len)) != 0)
		j += n;
	while (j < len && (n = char_if(s, j, len, is_opener_cp)) != 0)
		j += n;
	if (j >= len) {
		nw->kind = NEXT_END;
		return;
	}
	utf8_decode(s, j, len, &cp);
	nw->word = j;
	nw->wlen = letters_end(s, len, j) - j;
	c = cp_case(cp);
	if ((cp >= '0' && cp <= '9') || is_currency(cp))
		nw->kind = NEXT_DIGIT;
	else if (c == CASE_UPPER || c == CASE_OTHER)
		nw->kind = NEXT_UPPER;
	else if (c == CASE_LOWER)
		nw->kind = is_mixed_case(s, j, j + nw->wlen) ? NEXT_UPPER
		                                            : NEXT_LOWER;
	else
		nw->kind = NEXT_OTHER;
}

/* The word after the one at [w, w+n): skips spaces and one comma. */
static size_t
following_word(const char *s, size_t len, size_t w, size_t n, size_t *wlen)
{
	size_t j = w + n, sp;

	if (j < len && s[j] == ',')
		j++;
	while (j < len && (sp = space_at(s, j, len)) != 0)
		j += sp;
	*wlen = letters_end(s, len, j) - j;
	return j;
}

/* The token before a terminator at i, without the quotes and brackets
 * around it: "(U.S" gives "U.S".  *tb == *te when there is none or it is
 * too long to be an abbreviation. */
static void
prev_token(const char *s, size_t i, size_t *tb, size_t *te)
{
	size_t end = i, begin, n;
	uint32_t cp;

	while (end > 0 && end + LOOK_MAX > i && !space_before(s, end) &&
	       is_closer_cp((unsigned char)s[end - 1]))
		end--;
	begin = end;
	while (begin > 0 && !space_before(s, begin) && end - begin <= LOOK_MAX)
		begin--;
	if (end - begin > LOOK_MAX) {
		*tb = *te = end;
		return;
	}
	while (begin < end) {
		n = utf8_decode(s, begin, end, &cp);
		if (!is_opener_cp(cp) && !is_bullet_cp(cp) && cp != '-' &&
		    cp != 0x2013 && cp != 0x2014)
			break;
		begin += n;
	}
	*tb = begin;
	*te = end;
}

/* "U.S", "a.m", "Ph.D": letter groups of one or two joined by dots. */
static int
is_initialism(const char *w, size_t n)
{
	size_t i, group = 0, groups = 1, singles = 0;

	for (i = 0; i <= n; i++) {
		if (i == n || w[i] == '.') {
			if (group == 0 || group > 2)
				return 0;
			singles += group == 1;
			if (i < n)
				groups++;
			group = 0;
		} else if ((w[i] | 32) >= 'a' && (w[i] | 32) <= 'z') {
			group++;
		} else {
			return 0;
		}
	}
	return groups >= 2 && singles > 0;
}

static int
is_lower_word(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return 0;
	return n > 0;
}

/* "II", "XIV": a capital Roman numeral (not the pronoun "I"). */
static int
is_roman_word(const char *w, size_t n)
{
	size_t i;

	if (n == 0 || n > 7 || (n == 1 && w[0] == 'I'))
		return 0;
	for (i = 0; i < n; i++)
		if (!strchr("IVXLCDM", w[i]) || w[i] == '\0')
			return 0;
	return 1;
}

/* "Tuesday.Mr": the abbreviation after a glued sentence end. */
static sbd_class
glued_suffix(const sbd_rules *rules, const char *s, size_t tb, size_t te)
{
	size_t x = te;

	while (x > tb && s[x - 1] != '.' && s[x - 1] != '?' && s[x - 1] != '!')
		x--;
	if (x == tb || x == te || s[x] < 'A' || s[x] > 'Z')
		return SBD_PLAIN;
	return sbd_rules_abbrev(rules, s + x, te - x);
}

static sbd_class
classify_prev(const sbd_rules *rules, const char *s, size_t tb, size_t te)
{
	size_t n = te - tb;
	sbd_class c;

	if (n == 0 || n > WORD_MAX)
		return SBD_PLAIN;
	if ((c = sbd_rules_abbrev(rules, s + tb, n)) != SBD_PLAIN)
		return c;
	c = glued_suffix(rules, s, tb, te);
	if (c != SBD_PLAIN)
		return c;
	if ((n == 1 && cp_case((unsigned char)s[tb]) != CASE_NONE) ||
	    is_initialism(s + tb, n))
		return SBD_AMBIGUOUS;
	return SBD_PLAIN;
}

/* --- list markers and quiet brackets --------------------------------- */

enum { MK_DIGIT, MK_LALPHA, MK_UALPHA, MK_LROMAN, MK_UROMAN, MK_KINDS };
enum { FORM_DOT, FORM_PAREN, FORM_DOT_PAREN, FORM_ENCLOSED, FORM_COUNT };

struct sbd_marker {
	size_t cut;             /* where its item's sentence would start */
	size_t dot;             /* its full stop, or NONE */
	size_t item;            /* the first character of the item */
	unsigned char value[MK_KINDS];  /* 0: not read that way */
	unsigned char form, line_start, anchored, accepted, first, cuts;
};

struct sbd_interval {
	size_t open, close;
};

/* The value of a Roman numeral up to 39 written canonically, else 0. */
static unsigned
roman_value(const char *w, size_t n)
{
	static const char *const units[] = { "", "i", "ii", "iii", "iv", "v",
		"vi", "vii", "viii", "ix" };
	char low[8];
	size_t i, tens = 0;
	unsigned u;

	if (n == 0 || n > 7)
		return 0;
	for (i = 0; i < n; i++)
		if (!strchr("ivxlcdm", low[i] = (char)(w[i] | 32)) || !low[i])
			return 0;
	while (tens < n && tens < 3 && low[tens] == 'x')
		tens++;
	for (u = 0; u < 10; u++)
		if (strlen(units[u]) == n - tens &&
		    memcmp(units[u], low + tens, n - tens) == 0)
			return (unsigned)(tens * 10 + u);
	return 0;
}

/* Read a marker at s[p]: "12." "a)" "ii.)" "(b)".  Returns the index
 * just past it, or 0. */
static size_t
parse_marker(const char *s, size_t len, size_t p, sbd_marker *m)
{
	size_t q = p, x;
	int enclosed = 0;

	memset(m, 0, sizeof *m);
	m->dot = NONE;
	if (q < len && s[q] == '(') {
		enclosed = 1;
		q++;
	}
	for (x = q; x < len && x - q < 3 && is_digit(s[x]); x++)
		;
	if (x == q)
		for (; x < len && x - q < 6 && ((s[x] | 32) >= 'a' &&
		     (s[x] | 32) <= 'z'); x++)
			;
	/* most tokens are words: reject them before reading numbers */
	if (x == q || x - q > 5 || x >= len || (s[x] != '.' && s[x] != ')'))
		return 0;
	if (is_digit(s[q])) {
		if (x - q > 2)
			return 0;
		m->value[MK_DIGIT] = (unsigned char)atoi(s + q);
	} else {
		int upper = s[q] >= 'A' && s[q] <= 'Z';
		unsigned r;

		if (x - q == 1)
			m->value[upper ? MK_UALPHA : MK_LALPHA] =
				(unsigned char)((s[q] | 32) - 'a' + 1);
		if ((r = roman_value(s + q, x - q)) != 0)
			m->value[upper ? MK_UROMAN : MK_LROMAN] = (unsigned char)r;
		if (!m->value[MK_LALPHA] && !m->value[MK_UALPHA] && r == 0)
			return 0;
	}
	if (enclosed) {
		if (x >= len || s[x] != ')')
			return 0;
		m->form = FORM_ENCLOSED;
		x++;
	} else if (x < len && s[x] == '.') {
		m->dot = x++;
		m->form = FORM_DOT;
		if (x < len && s[x] == ')') {
			m->form = FORM_DOT_PAREN;
			x++;
		}
	} else if (x < len && s[x] == ')') {
		m->form = FORM_PAREN;
		x++;
	} else {
		return 0;
	}
	return x < len && space_at(s, x, len) ? x : 0;
}

/* Whether the text before a token ends a clause: ':' or a terminator. */
static int
anchors_list(const char *s, size_t prev_end)
{
	unsigned char c;

	while (prev_end > 0 && strchr(")]\"'", s[prev_end - 1]) &&
	       s[prev_end - 1] != '\0')
		prev_end--;
	if (prev_end == 0)
		return 1;
	c = (unsigned char)s[prev_end - 1];
	return c == ':' || c == '.' || c == '?' || c == '!' ||
	       (c == 0xA6 && prev_end >= 3 &&
	        (unsigned char)s[prev_end - 3] == 0xE2);
}

typedef struct scan {
	const sbd_rules *rules;
	const char *s;
	size_t len;
	sbd_result *out;
	size_t sent;           /* where the current sentence began */
	size_t qi, cover;      /* quiet intervals passed, and their reach */
	size_t mi_cut, mi_dot; /* next marker to cut at, to test the dot of */
	int oom;
} scan;

int
sbd_grow(void **v, size_t *cap, size_t need, size_t size)
{
	size_t cap2;
	void *p;

	if (need <= *cap)
		return 0;
	cap2 = *cap ? *cap * 2 : 16;
	while (cap2 < need)
		cap2 *= 2;
	if (cap2 > SIZE_MAX / size || (p = realloc(*v, cap2 * size)) == NULL)
		return -1;
	*v = p;
	*cap = cap2;
	return 0;
}

/* A new slot at the end of an array of *n elements, or NULL (noted in
 * st->oom) when out of memory. */
static void *
push(scan *st, void **v, size_t *n, size_t *cap, size_t size)
{
	if (sbd_grow(v, cap, *n + 1, size) != 0) {
		st->oom = 1;
		return NULL;
	}
	return (char *)*v + (*n)++ * size;
}

static void
add_marker(scan *st, const sbd_marker *m)
{
	sbd_result *o = st->out;
	sbd_marker *slot = push(st, (void **)&o->markers, &o->nmarkers,
	                        &o->capmarkers, sizeof *slot);

	if (slot != NULL)
		*slot = *m;
}

/* A bullet standing alone at the start of a line begins a sentence. */
static void
add_bullet(scan *st, size_t p)
{
	sbd_marker m;

	memset(&m, 0, sizeof m);
	m.cut = m.item = p;
	m.dot = NONE;
	m.line_start = 1;
	add_marker(st, &m);
}

/* A token at s[p]: a bullet, or a list marker (perhaps after a bullet). */
static void
token_marker(scan *st, size_t p, size_t prev_end, int line_start,
             size_t *bullet)
{
	const char *s = st->s;
	size_t len = st->len, n, end, cut = p;
	sbd_marker m;

	if ((n = char_if(s, p, len, is_bullet_cp)) != 0 ||
	    (line_start && (s[p] == '-' || s[p] == '*') && p + 1 < len &&
	     space_at(s, p + 1, len))) {
		n = n ? n : 1;
		if (p + n < len && space_at(s, p + n, len)) {
			*bullet = p;     /* the next token starts an item */
			if (line_start)
				add_bullet(st, p);
			return;
		}
		cut = p;
		p += n;
		line_start = 1;
	} else if (*bullet != NONE) {
		cut = *bullet;
		line_start = 1;
	}
	*bullet = NONE;
	if ((end = parse_marker(s, len, p, &m)) == 0)
		return;
	m.cut = cut;
	m.line_start = (unsigned char)line_start;
	m.anchored = (unsigned char)(line_start || anchors_list(s, prev_end));
	while (end < len && (n = space_at(s, end, len)) != 0)
		end += n;
	m.item = end;
	add_marker(st, &m);
}

static void
add_quiet(scan *st, size_t open, size_t close)
{
	sbd_result *o = st->out;
	sbd_interval *slot = push(st, (void **)&o->quiet, &o->nquiet,
	                          &o->capquiet, sizeof *slot);

	if (slot != NULL) {
		slot->open = open;
		slot->close = close;
	}
}

/* A bracket closing at s[close] that the sentence goes on after, "(see
 * above.) and": nothing inside it ends the sentence. */
static void
bracket_closed(scan *st, size_t open, size_t close)
{
	const char *s = st->s;
	size_t j = close + 1, n;
	uint32_t cp;

	while (j < st->len && (n = space_at(s, j, st->len)) != 0)
		j += n;
	if (j >= st->len)
		return;
	utf8_decode(s, j, st->len, &cp);
	if (cp_case(cp) == CASE_LOWER || cp == ',' || cp == ';' || cp == ':')
		add_quiet(st, open, close);
}

static int
cmp_interval(const void *a, const void *b)
{
	const sbd_interval *x = a, *y = b;

	return x->open < y->open ? -1 : x->open > y->open;
}

/* Bytes that may start a space or a bracket: all others are skipped
 * inside a token. */
static const unsigned char structural[256] = {
	[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
	['('] = 1, [')'] = 1, ['['] = 1, [']'] = 1,
	[0xC2] = 1, [0xE2] = 1, [0xE3] = 1,
};

/* Pass 1: list marker candidates and quiet brackets. */
static void
find_structure(scan *st)
{
	const char *s = st->s;
	size_t len = st->len, i, prev_end = 0, bullet = NONE;
	size_t stack[PAREN_DEPTH];
	char kinds[PAREN_DEPTH];
	size_t depth = 0, overflow = 0;
	int in_space = 1, newline = 1;

	for (i = 0; i < len; i++) {
		unsigned char c;
		size_t n;

		if (!in_space)
			while (i < len && !structural[(unsigned char)s[i]])
				i++;
		if (i >= len)
			break;
		c = (unsigned char)s[i];
		if ((n = space_at(s, i, len)) != 0) {
			if (!in_space)
				prev_end = i;
			in_space = 1;
			newline |= c == '\n';
			i += n - 1;
			continue;
		}
		if (in_space) {
			token_marker(st, i, prev_end, newline, &bullet);
			in_space = newline = 0;
		}
		if (c == '(' || c == '[') {
			if (depth < PAREN_DEPTH) {
				stack[depth] = i;
				kinds[depth++] = (char)c;
			} else {
				overflow++;
			}
		} else if (c == ')' || c == ']') {
			if (overflow)
				overflow--;
			else if (depth && kinds[depth - 1] == (c == ')' ? '(' : '['))
				bracket_closed(st, stack[--depth], i);
		}
	}
	if (st->out->nquiet > 1)
		qsort(st->out->quiet, st->out->nquiet, sizeof *st->out->quiet,
		      cmp_interval);
}

/* Which candidates are list markers: those at the start of a line, and
 * runs of two or more numbered in sequence (1. 2. 3., a) b), i. ii.) whose
 * first stands after a colon or a sentence end (or whose form, "a)", is
 * unlikely in prose). */
static void
accept_markers(scan *st)
{
	struct run {
		size_t first, len;
		unsigned last;
	} runs[MK_KINDS][FORM_COUNT];
	sbd_marker *mk = st->out->markers;
	size_t j, n = st->out->nmarkers;
	int k;

	memset(runs, 0, sizeof runs);
	for (j = 0; j < n; j++) {
		sbd_marker *m = &mk[j];

		m->accepted |= m->line_start;
		for (k = 0; k < MK_KINDS; k++) {
			struct run *r = &runs[k][m->form];
			unsigned v = m->value[k];

			if (v == 0)
				continue;
			if (r->len && v == r->last + 1) {
				sbd_marker *f = &mk[r->first];
				int ok = f->anchored || m->form == FORM_PAREN ||
				         m->form == FORM_ENCLOSED;

				r->len++;
				r->last = v;
				if (ok) {
					f->accepted = f->first = 1;
					m->accepted = 1;
				}
			} else if (v == 1) {
				r->first = j;
				r->len = 1;
				r->last = 1;
			} else {
				r->len = 0;
			}
		}
	}
	for (j = 0; j < n; j++) {
		sbd_marker *m = &mk[j];
		uint32_t cp;
		int c;

		if (!m->accepted || m->item >= st->len)
			continue;
		utf8_decode(st->s, m->item, st->len, &cp);
		c = cp_case(cp);
		m->cuts = m->line_start ? m->cut > 0
		        : !m->first && (c == CASE_UPPER || (cp >= '0' && cp <= '9'));
	}
}

/* --- cutting ---------------------------------------------------------- */

static int
in_quiet(scan *st, size_t p)
{
	const sbd_result *o = st->out;

	while (st->qi < o->nquiet && o->quiet[st->qi].open < p) {
		if (o->quiet[st->qi].close > st->cover)
			st->cover = o->quiet[st->qi].close;
		st->qi++;
	}
	return p <= st->cover && st->cover != 0;
}

static void
emit(scan *st, size_t a, size_t b)
{
	sbd_result *o = st->out;
	sbd_span *span;
	size_t n;

	while (a < b && (n = space_at(st->s, a, b)) != 0)
		a += n;
	while (b > a && space_before(st->s, b)) {
		b--;
		while (b > a && ((unsigned char)st->s[b] & 0xC0) == 0x80)
			b--;
	}
	if (a >= b ||
	    (span = push(st, (void **)&o->spans, &o->count, &o->cap,
	                 sizeof *span)) == NULL)
		return;
	span->start = a;
	span->end = b;
}

/* End the current sentence before p (unless inside quiet brackets). */
static void
cut(scan *st, size_t p, int force)
{
	if (!force && in_quiet(st, p))
		return;
	emit(st, st->sent, p);
	st->sent = p;
}

/* Whether the full stop at pos belongs to an accepted list marker. */
static int
marker_dot(scan *st, size_t pos)
{
	const sbd_result *o = st->out;

	while (st->mi_dot < o->nmarkers &&
	       (o->markers[st->mi_dot].dot == NONE ||
	        o->markers[st->mi_dot].dot < pos))
		st->mi_dot++;
	return st->mi_dot < o->nmarkers && o->markers[st->mi_dot].dot == pos &&
	       o->markers[st->mi_dot].accepted;
}

/* --- deciding ---------------------------------------------------------- */

/* '"Why?" Smith asked': a capitalised name then a speech verb. */
static int
speech_follows(const scan *st, const next_word *nw)
{
	const char *s = st->s;
	size_t w2, n2, w3, n3;
	uint32_t cp;
	unsigned f1 = word_flags(st->rules, s + nw->word, nw->wlen);
	int is_i = nw->wlen == 1 && s[nw->word] == 'I';

	if (nw->kind != NEXT_UPPER || ((f1 & W_STARTER) && !is_i))
		return 0;
	w2 = following_word(s, st->len, nw->word, nw->wlen, &n2);
	if (word_flags(st->rules, s + w2, n2) & W_SPEECH)
		return 1;
	if (n2 == 0 || (utf8_decode(s, w2, st->len, &cp),
	                cp_case(cp) != CASE_UPPER))
		return 0;
	w3 = following_word(s, st->len, w2, n2, &n3);
	return (word_flags(st->rules, s + w3, n3) & W_SPEECH) != 0;
}

static int
exclamation_ends(const scan *st, const cluster *k, const next_word *nw)
{
	if (nw->kind == NEXT_LOWER)
		return 0;
	return !(k->quote_last && speech_follows(st, nw));
}

static int
ellipsis_ends(const scan *st, const cluster *k, const next_word *nw)
{
	const char *s = st->s;
	int four = k->dots >= 4 || (k->ellipses && k->dots);

	if (nw->kind == NEXT_LOWER)
		return 0;
	if (k->start > 0 && s[k->start - 1] == '[')
		return 0;                          /* "[...]": an omission */
	/* "... I mean": a pause before "I" rarely ends the sentence */
	if (!four && nw->wlen == 1 && s[nw->word] == 'I')
		return 0;
	return 1;
}

/* "At 5 a.m. Mr. Smith left": a sentence is not only a preposition and
 * a time or a place ending in an abbreviation (up to three words). */
static int
short_lead_phrase(const scan *st, size_t tb)
{
	const char *s = st->s;
	size_t i = st->sent, n, w, words = 0;

	while (i < tb && i - st->sent <= LOOK_MAX &&
	       ((n = space_at(s, i, tb)) != 0 ||
	        (n = char_if(s, i, tb, is_opener_cp)) != 0))
		i += n;
	if (tb - i > LOOK_MAX)
		return 0;
	w = letters_end(s, tb, i) - i;
	if (!(word_flags(st->rules, s + i, w) & W_PREPOSITION))
		return 0;
	for (; i < tb; i++)
		if (space_at(s, i, tb) && !space_before(s, i))
			words++;
	return words <= 2;
}

static int
period_ends(scan *st, const cluster *k, const next_word *nw)
{
	const char *s = st->s;
	unsigned flags = word_flags(st->rules, s + nw->word, nw->wlen);
	size_t tb, te;
	sbd_class c;

	if (marker_dot(st, k->start))
		return 0;
	prev_token(s, k->start, &tb, &te);
	c = k->strong ? SBD_PLAIN : classify_prev(st->rules, s, tb, te);
	if (nw->kind == NEXT_LOWER)             /* "the end. then" */
		return c == SBD_PLAIN && te - tb >= 4 && k->dots == 1 &&
		       k->closers == 0 && is_lower_word(s + tb, te - tb);
	switch (c) {
	case SBD_PREFIX:
		return 0;
	case SBD_NUMBER:
		return !(nw->kind == NEXT_DIGIT || (flags & W_CONTINUATION) ||
		         is_roman_word(s + nw->word, nw->wlen));
	case SBD_AMBIGUOUS:
		return (nw->kind == NEXT_DIGIT || (flags & W_STARTER)) &&
		       !short_lead_phrase(st, tb);
	case SBD_FINAL:
		return !(flags & W_CONTINUATION) && !short_lead_phrase(st, tb);
	default:
		return 1;
	}
}

static int
ends_sentence(scan *st, const cluster *k, const next_word *nw)
{
	if (nw->kind == NEXT_OTHER)
		return 0;
	if (k->marks)
		return exclamation_ends(st, k, nw);
	if (k->ellipses || k->dots >= 3 || k->spaced)
		return ellipsis_ends(st, k, nw);
	return period_ends(st, k, nw);
}

/* After a word, what may follow it and still end it: "Today," "Today." */
static int
word_ends_at(const char *s, size_t len, size_t r)
{
	uint32_t cp;
	size_t n;

	if (r >= len || space_at(s, r, len) || s[r] == ',' || s[r] == ';' ||
	    s[r] == ':')
		return 1;
	n = utf8_decode(s, r, len, &cp);
	if (is_closer_cp(cp))
		return 1;
	if (terminator_kind(cp) == T_NONE)
		return 0;
	r += n;
	return r >= len || space_at(s, r, len) ||
	       char_if(s, r, len, is_closer_cp);
}

/* "world.Today is": a full stop without the space after it, between a
 * lower-case word and a capitalised sentence starter, outside URLs and
 * addresses. */
static int
glued_ends(scan *st, const cluster *k)
{
	const char *s = st->s;
	size_t len = st->len, r = k->end, l = k->start, b, lower = 0, x;
	uint32_t cp;
	int has_comma = 0;

	if (k->end - k->start != 1)
		return 0;
	r += utf8_decode(s, r, len, &cp);
	if (cp_case(cp) != CASE_UPPER)
		return 0;
	while (r < len && lower < LOOK_MAX) {
		size_t n = utf8_decode(s, r, len, &cp);

		if (cp_case(cp) != CASE_LOWER)
			break;
		r += n;
		lower++;
	}
	if (lower == 0)
		return 0;
	if (!word_ends_at(s, len, r))
		return 0;
	/* "world.Today", "Tuesday.Mr. Smith": a sentence starter or a title,
	 * not any capital ("Example.Net") */
	if (!(word_flags(st->rules, s + k->end, r - k->end) & W_STARTER) &&
	    !(s[r] == '.' && sbd_rules_abbrev(st->rules, s + k->end,
	                                      r - k->end) == SBD_PREFIX))
		return 0;
	for (b = l; b > 0 && !space_before(s, b) && l - b < LOOK_MAX; b--)
		if (strchr(".@/:\\_?!=&#%", s[b - 1]) && s[b - 1] != '\0')
			return 0;
		else
			has_comma |= s[b - 1] == ',';
	while (b < l && char_if(s, b, l, is_opener_cp))
		b++;
	if (sbd_rules_abbrev(st->rules, s + b, r - b) != SBD_PLAIN)
		return 0;                          /* "Dipl.Ing." listed whole */
	for (x = b; x < l && (is_digit(s[x]) || s[x] == ','); x++)
		;
	if (x == l && has_comma && l - b >= 4)
		return 1;                          /* "1,000.That" */
	for (x = l; x > b && s[x - 1] >= 'a' && s[x - 1] <= 'z'; x--)
		;
	if (l - x < 2)
		return 0;
	while (x > b && (s[x - 1] | 32) >= 'a' && (s[x - 1] | 32) <= 'z')
		x--;
	return sbd_rules_abbrev(st->rules, s + x, l - x) == SBD_PLAIN;
}

static size_t
handle_cluster(scan *st, size_t i)
{
	cluster k;
	next_word nw;

	scan_cluster(st->s, st->len, i, &k);
	if (k.end >= st->len)
		return k.end;
	if (!space_at(st->s, k.end, st->len)) {
		if (glued_ends(st, &k))
			cut(st, k.end, 0);
		return k.end;
	}
	look_next(st->s, st->len, k.end, &nw);
	if (nw.kind != NEXT_END && ends_sentence(st, &k, &nw))
		cut(st, k.end, 0);
	return k.end;
}

/* A line holding only spaces follows the '\n' at i. */
static int
blank_line_at(const char *s, size_t len, size_t i)
{
	for (i++; i < len && is_blank(s[i]); i++)
		;
	return i < len && s[i] == '\n';
}

static size_t
next_marker_cut(scan *st, size_t from)
{
	const sbd_result *o = st->out;

	while (st->mi_cut < o->nmarkers &&
	       (!o->markers[st->mi_cut].cuts ||
	        o->markers[st->mi_cut].cut < from))
		st->mi_cut++;
	return st->mi_cut < o->nmarkers ? o->markers[st->mi_cut].cut : NONE;
}

/* Bytes where a decision may be needed: terminators, lead bytes of
 * "…" and bullets, and line ends. */
static const unsigned char interesting[256] = {
	['.'] = 1, ['?'] = 1, ['!'] = 1, ['\n'] = 1, [0xE2] = 1,
};

static void
main_scan(scan *st)
{
	const char *s = st->s;
	size_t len = st->len, i = 0, stop, n;

	while (i < len) {
		stop = next_marker_cut(st, i);
		if (stop > len)
			stop = len;
		while (i < stop && !interesting[(unsigned char)s[i]])
			i++;
		if (i >= len)
			break;
		if (i == stop) {
			cut(st, stop, 0);
			st->mi_cut++;
			continue;
		}
		if (s[i] == '\n') {
			if (blank_line_at(s, len, i))
				cut(st, i, 1);
			i++;
		} else if (s[i] == '.' || s[i] == '?' || s[i] == '!' ||
		           char_if(s, i, len, terminator_kind) != 0) {
			i = handle_cluster(st, i);
		} else {
			if ((n = char_if(s, i, len, is_bullet_cp)) != 0 &&
			    (i == 0 || space_before(s, i)))
				cut(st, i, 0);
			i++;
		}
	}
	emit(st, st->sent, len);
}

int
sbd_split(const sbd_rules *rules, const char *s, size_t len,
          sbd_result *out)
{
	scan st;

	memset(&st, 0, sizeof st);
	st.rules = rules;
	st.s = s;
	st.len = len;
	st.out = out;
	out->count = out->nmarkers = out->nquiet = 0;
	find_structure(&st);
	accept_markers(&st);
	main_scan(&st);
	return st.oom ? -1 : 0;
}

void
sbd_result_release(sbd_result *result)
{
	free(result->spans);
	free(result->markers);
	free(result->quiet);
	memset(result, 0, sizeof *result);
}
