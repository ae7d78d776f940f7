/* sbd.c - sentence boundary detection: the rule tables and the scanner.
 *
 * The rules come from language packs (segment.txt, format in
 * data/lang/und/segment.txt); what a character is comes from the text
 * layer (herald/text.h, libunistring), with ASCII answered from tables
 * so that English costs a compare per byte.
 *
 * How a text is split, in three passes over it:
 *  1. find_structure(): list markers ("1.", "a)", "ii."), the
 *     parentheses that close mid-sentence and the quotations of the
 *     pack's pairs, inside which nothing is cut; it passes over letters
 *     and spaces eight bytes at a time, and looks at a token only when
 *     a '.', ')' or bullet in it may make it a list marker;
 *  2. the main scan, from one byte it must look at to the next (found
 *     the same way, eight at a time; kept nowhere, so a text of nothing
 *     but full stops costs no memory for them): at each
 *     terminator (. ? ! … 。 ։ ؟ and every other
 *     Sentence_Terminal, and clusters of them, with the quotes and
 *     brackets that close after them) decide, from the word before and
 *     the word after, whether a sentence ends;
 *  3. cuts are emitted as spans trimmed of space.
 * Each decision looks at a bounded window around one terminator, and
 * windows do not overlap, so the whole is linear.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/lang.h>
#include <herald/text.h>

#include "sbd.h"

#define WORD_MAX 32         /* longest word looked up in the tables */
#define LOOK_MAX 64         /* how far a decision looks back or ahead */
#define PAREN_DEPTH 32      /* deeper brackets are not tracked */
#define CHARS_MAX 128       /* non-ASCII characters a pack may name */
#define SCRIPTS_MAX 8       /* [caseless] scripts */
#define PAIRS_MAX 24        /* [quotes] pairs */
#define QUOTE_DEPTH 16      /* deeper quotations are not tracked */
#define QUOTE_QUIET_MAX 512 /* a longer quotation may hold sentences */
#define NONE SIZE_MAX

/* --- the rule tables ------------------------------------------------- */

enum {
	W_STARTER = 1, W_CONTINUATION = 2, W_SPEECH = 4, W_PREPOSITION = 8,
	W_ORDINAL_NEXT = 16, W_ORDINAL_PREV = 32, W_JOINER = 64
};

/* What a character is to the scanner.  The terminator kind is in the
 * low two bits. */
enum {
	T_NONE = 0, T_DOT = 1, T_MARK = 2, T_ELLIPSIS = 3, T_KIND = 3,
	C_OPEN = 4, C_CLOSE = 8, C_QUOTE = 16, C_BULLET = 32, C_NUMERIC = 64,
	C_TITLE = 128       /* with C_OPEN or C_CLOSE: 《 》, around a title */
};

typedef struct entry {
	char *key;              /* NULL: empty slot */
	unsigned char len;
	unsigned char cls;      /* sbd_class when an abbreviation */
	unsigned char flags;    /* W_* when in a word list */
} entry;

typedef struct pack_char {
	uint32_t cp;
	unsigned char cls;      /* C_* and T_* bits the pack adds */
} pack_char;

struct sbd_rules {
	entry *slots;
	size_t cap, count;      /* cap: a power of two */
	unsigned ordinal_dot;   /* "3." may be an ordinal ([ordinals]) */
	unsigned lowercase_ends;  /* "ended. the guests" ([lowercase-ends]) */
	unsigned suffixes;      /* some abbreviations are "-str": word ends */
	char scripts[SCRIPTS_MAX][24];  /* [caseless]: small letters that */
	size_t nscripts;                /* may begin a sentence */
	unsigned char ascii[128];       /* C_* and T_* of ASCII characters */
	pack_char chars[CHARS_MAX];     /* the pack's others, sorted */
	size_t nchars;
	unsigned char bytes[256];       /* B_* of each byte value */
	uint32_t pairs[PAIRS_MAX][2];   /* [quotes]: opening, closing */
	size_t npairs;
};

/* What a byte may start, for the scans (rules->bytes): pass 1 stops at
 * B_PASS1 bytes only, the main scan at B_STOP ones only. */
enum {
	B_STRUCTURAL = 1,   /* a space, a bracket or a quotation mark */
	B_STOP = 2,         /* a terminator, a bullet or a line end */
	B_BULLET = 4,       /* a bullet of the pack */
	B_MARKER = 8,       /* may belong to a list marker: . ) - * bullets */
	B_PASS1 = 16        /* pass 1 looks at it: all the above but ASCII
	                       spaces other than '\n' */
};

/* How a section reads its entries. */
enum { S_ABBREV, S_WORDS, S_CHARS, S_PAIRS, S_OPTION, S_SCRIPTS };

static const struct section {
	const char *name;
	int kind;
	unsigned bits;          /* sbd_class, W_* or C_*|T_* */
} sections[] = {
	{ "prefix", S_ABBREV, SBD_PREFIX },
	{ "number", S_ABBREV, SBD_NUMBER },
	{ "ambiguous", S_ABBREV, SBD_AMBIGUOUS },
	{ "final", S_ABBREV, SBD_FINAL },
	{ "starters", S_WORDS, W_STARTER },
	{ "continuations", S_WORDS, W_CONTINUATION },
	{ "speech", S_WORDS, W_SPEECH },
	{ "prepositions", S_WORDS, W_PREPOSITION },
	{ "ordinal-next", S_WORDS, W_ORDINAL_NEXT },
	{ "ordinal-prev", S_WORDS, W_ORDINAL_PREV },
	{ "quote-joiners", S_WORDS, W_JOINER },
	{ "stops", S_CHARS, T_DOT },
	{ "marks", S_CHARS, T_MARK },
	{ "ellipses", S_CHARS, T_ELLIPSIS },
	{ "openers", S_CHARS, C_OPEN },
	{ "closers", S_CHARS, C_CLOSE },
	{ "bullets", S_CHARS, C_BULLET },
	{ "numeric", S_CHARS, C_NUMERIC },
	{ "quotes", S_PAIRS, C_QUOTE },
	{ "titles", S_PAIRS, C_TITLE },
	{ "ordinals", S_OPTION, 0 },
	{ "lowercase-ends", S_OPTION, 1 },
	{ "caseless", S_SCRIPTS, 0 },
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

/* The characters every language shares before its pack speaks: ASCII
 * from the text layer's own answers, so that the two never disagree.
 * '.' is the one full stop whose abbreviations the rules describe. */
static void
rules_init_chars(sbd_rules *rules)
{
	uint32_t c;

	for (c = 0; c < 128; c++) {
		unsigned char k = 0;

		if (herald_cp_is_sentence_terminal(c))
			k |= c == '.' ? T_DOT : T_MARK;
		if (herald_cp_is_opener(c))
			k |= C_OPEN;
		if (herald_cp_is_closer(c))
			k |= C_CLOSE;
		if (herald_cp_is_quote(c))
			k |= C_QUOTE;
		if (herald_cp_is_digit(c))
			k |= C_NUMERIC;
		rules->ascii[c] = k;
	}
}

sbd_rules *
sbd_rules_new(void)
{
	sbd_rules *rules = calloc(1, sizeof(sbd_rules));

	if (rules != NULL) {
		rules_init_chars(rules);
		sbd_rules_finish(rules);
	}
	return rules;
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
is_space_ascii(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Whether a word holds a capital (of any script). */
static int
has_upper(const char *w, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)w[i] < 0x80) {
			if (w[i] >= 'A' && w[i] <= 'Z')
				return 1;
			i++;
			continue;
		}
		i += herald_utf8_next(w + i, n - i, &cp);
		if (herald_cp_is_upper(cp))
			return 1;
	}
	return 0;
}

static int
is_ascii(const char *w, size_t n)
{
	while (n--)
		if ((unsigned char)*w++ >= 0x80)
			return 0;
	return 1;
}

/* Look up the case folding of w in the tables.  ASCII is folded here,
 * without a call (the common case, and the benchmark's); other words go
 * to the text layer's full case folding ("Über" -> "über", "Проф" ->
 * "проф", "STRASSE" -> "strasse"). */
static const entry *
lookup_folded(const sbd_rules *rules, const char *w, size_t n)
{
	char folded[WORD_MAX];
	const entry *e;
	size_t i, flen;
	char *f;

	if (n == 0 || n > WORD_MAX)
		return NULL;
	if (is_ascii(w, n)) {
		for (i = 0; i < n; i++)
			folded[i] = (w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i];
		return lookup(rules, folded, n);
	}
	/* a word without capitals is stored as written (load_word): the
	 * common case in any script needs no folding */
	if (!has_upper(w, n))
		return lookup(rules, w, n);
	if ((f = herald_text_casefold(w, n, &flen)) == NULL)
		return NULL;
	e = lookup(rules, f, flen);
	free(f);
	return e;
}

/* A character a pack names, sorted into rules->chars. */
static int
add_char(sbd_rules *rules, uint32_t cp, unsigned bits)
{
	size_t i, j;

	if (cp < 128) {
		/* a pack's terminator kind replaces the default one */
		if (bits & T_KIND)
			rules->ascii[cp] &= (unsigned char)~T_KIND;
		rules->ascii[cp] |= (unsigned char)bits;
		return 0;
	}
	for (i = 0; i < rules->nchars && rules->chars[i].cp < cp; i++)
		;
	if (i < rules->nchars && rules->chars[i].cp == cp) {
		if (bits & T_KIND)
			rules->chars[i].cls &= (unsigned char)~T_KIND;
		rules->chars[i].cls |= (unsigned char)bits;
		return 0;
	}
	if (rules->nchars == CHARS_MAX)
		return -1;
	for (j = rules->nchars; j > i; j--)
		rules->chars[j] = rules->chars[j - 1];
	rules->chars[i].cp = cp;
	rules->chars[i].cls = (unsigned char)bits;
	rules->nchars++;
	return 0;
}

/* One entry of a character section: a single character ("։", or
 * "U+0589"), or for [quotes] an opening and a closing one ("„“"). */
static int
load_chars(sbd_rules *rules, const struct section *sec, const char *w,
           size_t n, unsigned long line, sbd_error *err)
{
	uint32_t cp[2];
	size_t i = 0, k = 0;

	while (i < n && k < 2) {
		if (n - i >= 6 && w[i] == 'U' && w[i + 1] == '+') {
			/* U+0023: a character that cannot be written as itself */
			char hex[7] = { 0 };
			size_t h = 0;

			for (i += 2; i < n && h < 6 && !is_blank(w[i]); i++)
				hex[h++] = w[i];
			cp[k] = (uint32_t)strtoul(hex, NULL, 16);
			if (h < 4 || strspn(hex, "0123456789ABCDEFabcdef") != h)
				return load_error(err, line, "bad code point:", w, n);
		} else {
			i += herald_utf8_next(w + i, n - i, &cp[k]);
		}
		if (cp[k] == HERALD_REPLACEMENT_CHAR || cp[k] == 0 ||
		    cp[k] > 0x10FFFF)
			return load_error(err, line, "not a character:", w, n);
		k++;
	}
	if (i < n || k != (sec->kind == S_PAIRS ? 2u : 1u))
		return load_error(err, line, sec->kind == S_PAIRS ?
		                  "not a pair of quotes:" : "not one character:",
		                  w, n);
	if (sec->kind == S_PAIRS && sec->bits == C_QUOTE) {
		if (rules->npairs == PAIRS_MAX)
			return load_error(err, line, "too many quote pairs at", w, n);
		rules->pairs[rules->npairs][0] = cp[0];
		rules->pairs[rules->npairs++][1] = cp[1];
	}
	if (sec->kind == S_PAIRS)
		return add_char(rules, cp[0], C_OPEN | sec->bits) != 0 ||
		       add_char(rules, cp[1], C_CLOSE | sec->bits) != 0
		       ? load_error(err, line, "too many characters at", w, n) : 0;
	return add_char(rules, cp[0], sec->bits) != 0
	       ? load_error(err, line, "too many characters at", w, n) : 0;
}

/* Give the entry key[0..n) the meaning of section sec. */
static int
set_entry(sbd_rules *rules, const struct section *sec, const char *key,
          size_t n)
{
	entry *e = rules_insert(rules, key, n);

	if (e == NULL)
		return -1;
	if (sec->kind == S_ABBREV)
		e->cls = (unsigned char)sec->bits;
	else
		e->flags |= (unsigned char)sec->bits;
	return 0;
}

/* Add one word of a section: abbreviations as written (less one final
 * full stop), list words case folded.  An abbreviation without capitals
 * is stored folded too, so that it matches in any case.  A word
 * without capitals is also stored as written when its folding differs
 * ("straße", "ς"), so that a text word without capitals is found by an
 * exact lookup, with no folding at all (see lookup_folded). */
static int
load_word(sbd_rules *rules, const struct section *sec, const char *w,
          size_t n, unsigned long line, sbd_error *err)
{
	char *folded;
	size_t flen;
	int upper, rc;

	if (sec->kind == S_ABBREV && n > 1 && w[n - 1] == '.')
		n--;
	if (n > WORD_MAX)
		return load_error(err, line, "word too long:", w, n);
	if (!herald_utf8_is_valid(w, n))
		return load_error(err, line, "not UTF-8:", w, n);
	if (sec->kind == S_ABBREV && n > 2 && w[0] == '-')
		rules->suffixes = 1;
	upper = has_upper(w, n);
	if (sec->kind == S_ABBREV && upper)
		return set_entry(rules, sec, w, n) != 0
		       ? load_error(err, line, "out of memory at", w, n) : 0;
	if ((folded = herald_text_casefold(w, n, &flen)) == NULL)
		return load_error(err, line, "out of memory at", w, n);
	if (flen > WORD_MAX) {
		free(folded);
		return load_error(err, line, "word too long:", w, n);
	}
	rc = set_entry(rules, sec, folded, flen);
	if (rc == 0 && !upper && (flen != n || memcmp(folded, w, n) != 0))
		rc = set_entry(rules, sec, w, n);
	free(folded);
	return rc != 0 ? load_error(err, line, "out of memory at", w, n) : 0;
}

/* "[ordinals] yes", "[lowercase-ends] no". */
static int
load_option(sbd_rules *rules, const struct section *sec, const char *w,
            size_t n, unsigned long line, sbd_error *err)
{
	unsigned *opt = sec->bits ? &rules->lowercase_ends : &rules->ordinal_dot;

	if (n == 3 && memcmp(w, "yes", 3) == 0)
		*opt = 1;
	else if (n == 2 && memcmp(w, "no", 2) == 0)
		*opt = 0;
	else
		return load_error(err, line, "expected yes or no, not", w, n);
	return 0;
}

/* Where a comment starts: '#' at the start of the line or after a blank,
 * so that a word may hold one ("C#"). */
static const char *
comment_start(const char *p, const char *end)
{
	const char *q;

	for (q = p; q < end; q++)
		if (*q == '#' && (q == p || is_blank(q[-1])))
			return q;
	return end;
}

/* A script of [caseless], by its Unicode name ("Georgian"). */
static int
load_script(sbd_rules *rules, const char *w, size_t n, unsigned long line,
            sbd_error *err)
{
	if (n >= sizeof rules->scripts[0])
		return load_error(err, line, "no such script:", w, n);
	if (rules->nscripts == SCRIPTS_MAX)
		return load_error(err, line, "too many scripts at", w, n);
	memcpy(rules->scripts[rules->nscripts], w, n);
	rules->scripts[rules->nscripts++][n] = '\0';
	return 0;
}

static int
load_line(sbd_rules *rules, const char *p, const char *end,
          const struct section **sec, unsigned long line, sbd_error *err)
{
	const char *w;

	end = comment_start(p, end);
	while (p < end && is_blank(*p))
		p++;
	while (end > p && is_blank(end[-1]))
		end--;
	if (p < end && *p == '[' && end[-1] == ']' && end - p > 2 &&
	    (p[1] | 32) >= 'a' && (p[1] | 32) <= 'z') {
		if ((*sec = find_section(p + 1, (size_t)(end - p - 2))) == NULL)
			return load_error(err, line, "unknown section",
			                  p, (size_t)(end - p));
		return 0;
	}
	while (p < end) {
		for (w = p; p < end && !is_blank(*p); p++)
			;
		if ((*sec)->kind == S_CHARS || (*sec)->kind == S_PAIRS) {
			if (load_chars(rules, *sec, w, (size_t)(p - w), line, err))
				return -1;
		} else if ((*sec)->kind == S_SCRIPTS) {
			if (load_script(rules, w, (size_t)(p - w), line, err))
				return -1;
		} else if ((*sec)->kind == S_OPTION) {
			if (load_option(rules, *sec, w, (size_t)(p - w), line, err))
				return -1;
		} else if (load_word(rules, *sec, w, (size_t)(p - w), line,
		                     err) != 0) {
			return -1;
		}
		while (p < end && is_blank(*p))
			p++;
	}
	return 0;
}

/* Bytes that may begin a character the main scan stops at: the lead
 * bytes of every Sentence_Terminal in the Basic Multilingual Plane,
 * found once by asking the text layer (so no table is written here).
 * Four-byte sequences are all let through: terminators exist up there
 * (Brahmi, Chakma, ...) and the scan only pays for them in such text. */
static unsigned char unicode_lead[256];
/* Bytes that may start a space or a bracket: all others are skipped
 * inside a token, and a byte above ASCII that is not here starts no
 * space (the lead bytes of every non-ASCII space, asked as above). */
static unsigned char structural[256];
static pthread_once_t unicode_lead_once = PTHREAD_ONCE_INIT;

static void
unicode_lead_init(void)
{
	static const char ascii[] = " \t\n\v\f\r()[]";
	uint32_t cp, first, last;
	unsigned lead;
	size_t i;

	/* the code points each lead byte begins: C2..DF two bytes (64
	 * each), E0..EF three (4096 each, from U+0800); a byte's range is
	 * left as soon as both its answers are known */
	for (lead = 0xC2; lead <= 0xEF; lead++) {
		first = lead < 0xE0 ? (uint32_t)(lead & 0x1F) << 6
		                    : (uint32_t)(lead & 0x0F) << 12;
		last = first + (lead < 0xE0 ? 0x3F : 0xFFF);
		if (lead == 0xE0)
			first = 0x800;
		for (cp = first; cp <= last &&
		     !(unicode_lead[lead] && structural[lead]); cp++) {
			if (cp >= 0xD800 && cp <= 0xDFFF)
				continue;
			if (!unicode_lead[lead] && herald_cp_is_sentence_terminal(cp))
				unicode_lead[lead] = 1;
			if (!structural[lead] &&
			    (herald_cp_is_space(cp) || herald_cp_is_line_break(cp)))
				structural[lead] = 1;
		}
	}
	for (cp = 0xF0; cp <= 0xF4; cp++)
		unicode_lead[cp] = 1;
	for (i = 0; ascii[i] != '\0'; i++)
		structural[(unsigned char)ascii[i]] = 1;
}

void
sbd_rules_finish(sbd_rules *rules)
{
	size_t i, k;
	char buf[4];

	pthread_once(&unicode_lead_once, unicode_lead_init);
	for (i = 0; i < 256; i++)
		rules->bytes[i] = (unicode_lead[i] ? B_STOP : 0) |
		                  (structural[i] ? B_STRUCTURAL : 0);
	for (i = 0; i < rules->npairs; i++)
		for (k = 0; k < 2; k++)
			if (herald_utf8_encode(rules->pairs[i][k], buf) > 0)
				rules->bytes[(unsigned char)buf[0]] |= B_STRUCTURAL;
	rules->bytes['\n'] |= B_STOP;
	for (i = 0; i < 128; i++) {
		if (rules->ascii[i] & (T_KIND | C_BULLET))
			rules->bytes[i] |= B_STOP;
		if (rules->ascii[i] & C_BULLET)
			rules->bytes[i] |= B_BULLET;
	}
	for (i = 0; i < rules->nchars; i++)
		if ((rules->chars[i].cls & (T_KIND | C_BULLET)) &&
		    herald_utf8_encode(rules->chars[i].cp, buf) > 0)
			rules->bytes[(unsigned char)buf[0]] |= B_STOP |
				(rules->chars[i].cls & C_BULLET ? B_BULLET : 0);
	rules->bytes['.'] |= B_MARKER;
	rules->bytes[')'] |= B_MARKER;
	rules->bytes['-'] |= B_MARKER;
	rules->bytes['*'] |= B_MARKER;
	for (i = 0; i < 256; i++) {
		unsigned char b = rules->bytes[i];

		if (b & B_BULLET)
			rules->bytes[i] |= B_MARKER;
		if ((b & (B_STOP | B_BULLET | B_MARKER)) ||
		    ((b & B_STRUCTURAL) && !(i < 0x80 && is_space_ascii((char)i))))
			rules->bytes[i] |= B_PASS1;
	}
}

int
sbd_rules_load(sbd_rules *rules, const char *text, size_t len,
               const char *default_section, sbd_error *err)
{
	const struct section *sec = find_section(default_section,
	                                          strlen(default_section));
	const char *p = text, *end = text + len, *eol;
	unsigned long line = 1;
	int rc = 0;

	if (sec == NULL)
		return load_error(err, 0, "unknown section", default_section,
		                  strlen(default_section));
	for (; p < end; p = eol + 1, line++) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if ((rc = load_line(rules, p, eol, &sec, line, err)) != 0)
			break;
	}
	sbd_rules_finish(rules);
	return rc;
}

/* One pack's segment.txt, if it has one. */
static int
load_pack(sbd_rules *rules, const herald_lang *pack, sbd_error *err)
{
	size_t len;
	const char *text = herald_lang_topic(pack, "segment", &len);

	if (text == NULL)
		return 0;
	if (sbd_rules_load(rules, text, len, "ambiguous", err) != 0) {
		if (err != NULL) {
			char msg[sizeof err->message];
			int at = snprintf(msg, sizeof msg, "%s/segment.txt:%lu: ",
			                  herald_lang_tag(pack), err->line);

			/* the message may lose its tail, never its place */
			if (at > 0 && (size_t)at < sizeof msg)
				memcpy(msg + at, err->message, sizeof msg - (size_t)at - 1);
			msg[sizeof msg - 1] = '\0';
			memcpy(err->message, msg, sizeof msg);
		}
		return -1;
	}
	return 0;
}

int
sbd_rules_load_lang(sbd_rules *rules, const herald_lang *pack,
                    sbd_error *err)
{
	const herald_lang *generic = herald_lang_generic();

	if (load_pack(rules, generic, err) != 0)
		return -1;
	if (pack != NULL && pack != generic && load_pack(rules, pack, err) != 0)
		return -1;
	return 0;
}

sbd_class
sbd_rules_abbrev(const sbd_rules *rules, const char *word, size_t len)
{
	const entry *e = lookup(rules, word, len);
	uint32_t cp;

	if (e != NULL && e->cls != SBD_PLAIN)
		return (sbd_class)e->cls;
	if (len == 0 || len > WORD_MAX)
		return SBD_PLAIN;
	/* "NO." and "No." find "no", "ÜBER" "über"; a lone capital is an
	 * initial, not "p" */
	if (herald_utf8_next(word, len, &cp) == len ||
	    (is_ascii(word, len) && !has_upper(word, len)))
		return SBD_PLAIN;
	e = lookup_folded(rules, word, len);
	return e != NULL ? (sbd_class)e->cls : SBD_PLAIN;
}

/* The W_* flags of a word, in any case. */
static unsigned
word_flags(const sbd_rules *rules, const char *w, size_t n)
{
	const entry *e = lookup_folded(rules, w, n);

	return e != NULL ? e->flags : 0;
}

/* --- characters ------------------------------------------------------ */

/* The code point at s[i]: ASCII without a call. */
static inline size_t
decode(const char *s, size_t i, size_t len, uint32_t *cp)
{
	if ((unsigned char)s[i] < 0x80) {
		*cp = (unsigned char)s[i];
		return 1;
	}
	return herald_utf8_next(s + i, len - i, cp);
}

/* The code point ending just before s[i] (i > 0), and its bytes: ASCII
 * without a call. */
static inline size_t
decode_prev(const char *s, size_t i, uint32_t *cp)
{
	if ((unsigned char)s[i - 1] < 0x80) {
		*cp = (unsigned char)s[i - 1];
		return 1;
	}
	return herald_utf8_prev(s, i, cp);
}

/* What the pack says cp, beyond ASCII, is: 0 when it names it in no
 * character section. */
static unsigned
pack_class(const sbd_rules *rules, uint32_t cp)
{
	size_t lo = 0, hi = rules->nchars;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (rules->chars[mid].cp == cp)
			return rules->chars[mid].cls;
		if (rules->chars[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* What cp, beyond ASCII, is to the scanner: the pack's word first, then
 * Unicode's. */
static unsigned
char_class_wide(const sbd_rules *rules, uint32_t cp)
{
	unsigned k = pack_class(rules, cp);

	if (!(k & T_KIND) && herald_cp_is_sentence_terminal(cp))
		k |= T_MARK;
	if (herald_cp_is_opener(cp))
		k |= C_OPEN;
	if (herald_cp_is_closer(cp))
		k |= C_CLOSE;
	if (herald_cp_is_quote(cp))
		k |= C_QUOTE;
	if (herald_cp_is_digit(cp))
		k |= C_NUMERIC;
	return k;
}

/* What cp is to the scanner (ASCII from the table, without a call). */
static inline unsigned
char_class(const sbd_rules *rules, uint32_t cp)
{
	return cp < 128 ? rules->ascii[cp] : char_class_wide(rules, cp);
}

static inline int
is_space_cp(uint32_t c)
{
	return herald_cp_is_space(c) || herald_cp_is_line_break(c);
}

/* Bytes of the space character at s[i], 0 if it is not one (inline:
 * the scans ask it at every token). */
static inline size_t
space_at(const char *s, size_t i, size_t len)
{
	unsigned char c = (unsigned char)s[i];
	uint32_t cp;
	size_t n;

	if (c < 0x80)
		return (c == ' ' || (c >= '\t' && c <= '\r')) ? 1 : 0;
	if (!structural[c])
		return 0;
	n = herald_utf8_next(s + i, len - i, &cp);
	return is_space_cp(cp) ? n : 0;
}

/* Whether the character ending just before s[i] is a space. */
static inline int
space_before(const char *s, size_t i)
{
	uint32_t cp;

	if (i == 0)
		return 0;
	if ((unsigned char)s[i - 1] < 0x80)
		return space_at(s, i - 1, i) != 0;
	herald_utf8_prev(s, i, &cp);
	return is_space_cp(cp);
}

enum { CASE_NONE, CASE_UPPER, CASE_LOWER, CASE_OTHER };

static int
cp_case_wide(uint32_t c)
{
	if (herald_cp_is_upper(c))
		return CASE_UPPER;
	if (herald_cp_is_lower(c))
		return CASE_LOWER;
	if (herald_cp_is_letter(c))
		return CASE_OTHER;
	/* a combining mark continues the letter it sits on */
	return herald_cp_is_mark(c) ? CASE_OTHER : CASE_NONE;
}

/* Letter case; letters of scripts without case are CASE_OTHER and read
 * as capitals (a sentence may begin with them). */
static inline int
cp_case(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') ? CASE_UPPER
		     : (c >= 'a' && c <= 'z') ? CASE_LOWER : CASE_NONE;
	return cp_case_wide(c);
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

/* Bytes of the character at s[i] when its class has one of bits, else 0. */
static size_t
char_is(const sbd_rules *rules, const char *s, size_t i, size_t len,
        unsigned bits)
{
	uint32_t cp;
	size_t n = decode(s, i, len, &cp);

	return (char_class(rules, cp) & bits) ? n : 0;
}

/* Bytes of the bullet at s[i], else 0.  Bullets are the pack's alone
 * (the [bullets] section), so no Unicode property is asked, and a byte
 * that starts none of them (B_BULLET) is not decoded: every byte the
 * scans stop at that is no terminator ("’", "—") is asked this. */
static size_t
bullet_at(const sbd_rules *rules, const char *s, size_t i, size_t len)
{
	uint32_t cp;
	size_t n;

	if (!(rules->bytes[(unsigned char)s[i]] & B_BULLET))
		return 0;
	n = decode(s, i, len, &cp);
	return ((cp < 128 ? rules->ascii[cp] : pack_class(rules, cp)) &
	        C_BULLET) ? n : 0;
}

/* Whether a terminator starts at s[i]: the main scan's question at
 * every byte the lead table lets through, so it asks only that. */
static int
starts_terminator(const sbd_rules *rules, const char *s, size_t i,
                  size_t len)
{
	uint32_t cp;

	decode(s, i, len, &cp);
	if (cp < 128)
		return (rules->ascii[cp] & T_KIND) != 0;
	return (pack_class(rules, cp) & T_KIND) != 0 ||
	       herald_cp_is_sentence_terminal(cp);
}

static int
terminator_kind(const sbd_rules *rules, uint32_t cp)
{
	return (int)(char_class(rules, cp) & T_KIND);
}

/* --- the words around a terminator ----------------------------------- */

/* A run of terminators and the closing marks after them, "?!”)". */
typedef struct cluster {
	size_t start, end;
	unsigned dots, marks, ellipses, closers;
	int strong;        /* a terminator after a closer: "etc.)." */
	int spaced;        /* ". . ." */
	int quote_last;    /* ends with a closing quotation mark */
	int spaceless;     /* holds a terminator of a script without spaces */
	int title_last;    /* ends with the closing mark of a title: "？》" */
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
scan_cluster(const sbd_rules *rules, const char *s, size_t len, size_t i,
             cluster *k)
{
	int seen_closer = 0;

	memset(k, 0, sizeof *k);
	k->start = i;
	while (i < len) {
		uint32_t cp;
		size_t n = decode(s, i, len, &cp);
		unsigned c = char_class(rules, cp);
		int t = (int)(c & T_KIND);

		if (t != T_NONE) {
			k->dots += t == T_DOT;
			k->marks += t == T_MARK;
			k->ellipses += t == T_ELLIPSIS;
			k->strong |= seen_closer;
			k->quote_last = k->title_last = 0;
			/* "。" "！" "။" are written with no space after them;
			 * a terminator beyond ASCII never stands inside a
			 * number, an address or a file name, so it may end a
			 * sentence without a space in any script */
			k->spaceless |= cp >= 0x80 && t != T_ELLIPSIS;
		} else if (c & C_CLOSE) {
			seen_closer = 1;
			k->closers++;
			k->quote_last = (c & C_QUOTE) != 0;
			k->title_last = (c & C_TITLE) != 0;
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
		unsigned char c = (unsigned char)s[i];

		/* an ASCII letter without decoding (cp_case's answer) */
		if (c < 0x80 && (unsigned char)((c | 32) - 'a') < 26) {
			i++;
			continue;
		}
		n = decode(s, i, len, &cp);
		if (cp_case(cp) == CASE_NONE)
			break;
		i += n;
	}
	return i;
}

/* "eBay", "iPhone": a lower-case letter then a capital, read as a
 * capitalised word. */
static int
is_mixed_case(const char *s, size_t i, size_t end)
{
	uint32_t cp;
	size_t k;

	for (k = 0; i < end && k < 4; k++) {
		i += decode(s, i, end, &cp);
		if (k > 0 && cp_case(cp) == CASE_UPPER)
			return 1;
	}
	return 0;
}

/* Georgian letters are small letters to Unicode, yet the script has no
 * capitals in use: a sentence begins with them. */
static int
caseless_script(const sbd_rules *rules, uint32_t cp)
{
	const char *name;
	size_t i;

	if (cp < 0x80 || rules->nscripts == 0)
		return 0;
	name = herald_cp_script(cp);
	for (i = 0; i < rules->nscripts; i++)
		if (strcmp(rules->scripts[i], name) == 0)
			return 1;
	return 0;
}

/* Bytes of a dash at s[j] ("—", "–", "-") followed by a space or a
 * letter, else 0. */
static size_t
dash_at(const char *s, size_t j, size_t len)
{
	uint32_t cp;
	size_t n = decode(s, j, len, &cp);

	if (!herald_cp_is_dash(cp) || j + n >= len)
		return 0;
	if (space_at(s, j + n, len))
		return n;
	decode(s, j + n, len, &cp);
	return cp_case(cp) != CASE_NONE || cp == 0xBF || cp == 0xA1 ? n : 0;
}

/* Whether the apostrophe at s[j] begins a starter ("'s", "'t" in
 * Dutch) rather than a quotation. */
static int
elided_starter(const sbd_rules *rules, const char *s, size_t len, size_t j)
{
	size_t e = letters_end(s, len, j + 1);

	return e > j + 1 && e - j <= 4 && (e == len || space_at(s, e, len)) &&
	       (word_flags(rules, s + j, e - j) & W_STARTER);
}

static void
look_next(const sbd_rules *rules, const char *s, size_t len, size_t j,
          next_word *nw)
{
	uint32_t cp;
	size_t n;
	int c;

	memset(nw, 0, sizeof *nw);
	while (j < len && (n = space_at(s, j, len)) != 0)
		j += n;
	if (j < len && s[j] == '\'' && elided_starter(rules, s, len, j)) {
		nw->kind = NEXT_UPPER;        /* "'s Morgens", "'t Is" */
		nw->word = j;
		nw->wlen = letters_end(s, len, j + 1) - j;
		return;
	}
	while (j < len && (n = char_is(rules, s, j, len, C_OPEN)) != 0)
		j += n;
	/* "он. — Как дела?", "ella. —¿Vienes?": a dash opens a line of
	 * dialogue; the word after it decides ("?» — спросила" goes on) */
	if (j < len && (n = dash_at(s, j, len)) != 0) {
		for (j += n; j < len && (n = space_at(s, j, len)) != 0; j += n)
			;
		while (j < len && (n = char_is(rules, s, j, len, C_OPEN)) != 0)
			j += n;
	}
	if (j >= len) {
		nw->kind = NEXT_END;
		return;
	}
	decode(s, j, len, &cp);
	nw->word = j;
	nw->wlen = letters_end(s, len, j) - j;
	c = cp_case(cp);
	if (char_class(rules, cp) & C_NUMERIC)
		nw->kind = NEXT_DIGIT;
	else if (c == CASE_UPPER || c == CASE_OTHER)
		nw->kind = NEXT_UPPER;
	else if (c == CASE_LOWER)
		nw->kind = is_mixed_case(s, j, j + nw->wlen) ||
		           caseless_script(rules, cp) ? NEXT_UPPER : NEXT_LOWER;
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
prev_token(const sbd_rules *rules, const char *s, size_t i, size_t *tb,
           size_t *te)
{
	size_t end = i, begin, n;
	uint32_t cp;

	while (end > 0 && end + LOOK_MAX > i && !space_before(s, end) &&
	       (n = decode_prev(s, end, &cp)) > 0 &&
	       (char_class(rules, cp) & C_CLOSE))
		end -= n;
	begin = end;
	while (begin > 0 && !space_before(s, begin) && end - begin <= LOOK_MAX)
		begin--;
	if (end - begin > LOOK_MAX) {
		*tb = *te = end;
		return;
	}
	while (begin < end) {
		n = decode(s, begin, end, &cp);
		if (!(char_class(rules, cp) & (C_OPEN | C_BULLET)) &&
		    !herald_cp_is_dash(cp))
			break;
		begin += n;
	}
	*tb = begin;
	*te = end;
}

/* "U.S", "a.m", "Ph.D", "С.Ш.А": letter groups of one or two joined by
 * dots, in any script. */
static int
is_initialism(const char *w, size_t n)
{
	size_t i, group = 0, groups = 1, singles = 0;
	uint32_t cp;

	for (i = 0; i <= n;) {
		if (i == n || w[i] == '.') {
			if (group == 0 || group > 2)
				return 0;
			singles += group == 1;
			if (i < n)
				groups++;
			group = 0;
			i++;
			continue;
		}
		i += decode(w, i, n, &cp);
		/* a group of three letters fails at its end: no need to
		 * read on ("today" is no initialism after its "tod") */
		if (!herald_cp_is_letter(cp) || ++group > 2)
			return 0;
	}
	return groups >= 2 && singles > 0;
}

/* A word of lower-case letters only (any script). */
static int
is_lower_word(const char *w, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		i += decode(w, i, n, &cp);
		if (cp_case(cp) != CASE_LOWER)
			return 0;
	}
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

	uint32_t cp;

	while (x > tb && s[x - 1] != '.' && s[x - 1] != '?' && s[x - 1] != '!')
		x--;
	if (x == tb || x == te || (decode(s, x, te, &cp),
	                           cp_case(cp) != CASE_UPPER))
		return SBD_PLAIN;
	return sbd_rules_abbrev(rules, s + x, te - x);
}

/* "L'avv.", "dell'art.", "l’art.": an abbreviation after an elided
 * article. */
static sbd_class
elided_abbrev(const sbd_rules *rules, const char *s, size_t tb, size_t te)
{
	size_t x = tb, n;
	uint32_t cp;

	/* most words hold no apostrophe: the bytes of either ("\'" or
	 * U+2019's first, 0xE2) looked for before any is decoded */
	while (x < te && s[x] != '\'' && (unsigned char)s[x] != 0xE2)
		x++;
	if (x == te)
		return SBD_PLAIN;
	x = te;
	while (x > tb) {
		n = decode_prev(s + tb, x - tb, &cp);
		if (cp == '\'' || cp == 0x2019)
			return x < te ? sbd_rules_abbrev(rules, s + x, te - x)
			              : SBD_PLAIN;
		if (cp_case(cp) == CASE_NONE)
			return SBD_PLAIN;
		x -= n;
	}
	return SBD_PLAIN;
}

/* "Hauptstr.": the end of a longer word written "-str" in a section.
 * Tails of two to eight characters are tried, so this costs a few
 * lookups, and only in a language that has such entries. */
static sbd_class
suffix_abbrev(const sbd_rules *rules, const char *s, size_t tb, size_t te)
{
	char key[WORD_MAX + 1];
	size_t x = te, k, n;
	const entry *e;
	uint32_t cp;

	for (k = 1; k <= 8 && x > tb; k++) {
		n = decode_prev(s + tb, x - tb, &cp);
		if (!herald_cp_is_letter(cp))
			return SBD_PLAIN;
		x -= n;
		if (k < 2 || x == tb || te - x + 1 > WORD_MAX)
			continue;
		key[0] = '-';
		memcpy(key + 1, s + x, te - x);
		/* "-str" was stored as written and folded (load_word), so a
		 * tail without capitals is found as it is */
		if ((e = lookup_folded(rules, key, te - x + 1)) != NULL &&
		    e->cls != SBD_PLAIN)
			return (sbd_class)e->cls;
	}
	return SBD_PLAIN;
}

static sbd_class
classify_prev(const sbd_rules *rules, const char *s, size_t tb, size_t te)
{
	size_t n = te - tb, one;
	uint32_t cp;
	sbd_class c;

	if (n == 0 || n > WORD_MAX)
		return SBD_PLAIN;
	if ((c = sbd_rules_abbrev(rules, s + tb, n)) != SBD_PLAIN)
		return c;
	if ((c = elided_abbrev(rules, s, tb, te)) != SBD_PLAIN)
		return c;
	if (rules->suffixes && (c = suffix_abbrev(rules, s, tb, te)) != SBD_PLAIN)
		return c;
	c = glued_suffix(rules, s, tb, te);
	if (c != SBD_PLAIN)
		return c;
	/* an initial: a capital of any script ("J.", "А."), or a Latin
	 * small letter ("z. B."); a small letter elsewhere is more often a
	 * word ("я.", "в.") */
	one = decode(s, tb, te, &cp);
	if ((one == n && (cp_case(cp) == CASE_UPPER ||
	                  (cp < 0x80 && cp_case(cp) == CASE_LOWER))) ||
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

/* Whether s[p..p+7) holds a '.' or a ')': a word at a time when eight
 * bytes are there (a zero byte in v ^ c marks a byte equal to c). */
static int
stop_within(const char *s, size_t len, size_t p)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	const uint64_t first7 = 0x00FFFFFFFFFFFFFFu;   /* little-endian */
	uint64_t v, d, r;
	size_t i;

	if (len - p >= 8) {
		memcpy(&v, s + p, 8);
		d = v ^ (ones * '.');
		r = v ^ (ones * ')');
		d = ((d - ones) & ~d & highs) | ((r - ones) & ~r & highs);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		return (d & first7 & highs) != 0;
#else
		return d != 0;     /* eight bytes: a superset, still exact below */
#endif
	}
	for (i = p; i < len && i - p < 7; i++)
		if (s[i] == '.' || s[i] == ')')
			return 1;
	return 0;
}

/* Read a marker at s[p]: "12." "a)" "ii.)" "(b)".  Returns the index
 * just past it, or 0. */
static size_t
parse_marker(const char *s, size_t len, size_t p, sbd_marker *m)
{
	size_t q = p, x;
	int enclosed = 0;

	/* most tokens are words: a marker has its '.' or ')' within its
	 * first seven bytes ("(iii.)", "viii."), which a word has not */
	if (!stop_within(s, len, p))
		return 0;
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
anchors_list(const sbd_rules *rules, const char *s, size_t prev_end)
{
	uint32_t cp = 0;
	size_t n;

	while (prev_end > 0) {
		n = decode_prev(s, prev_end, &cp);
		if (!(char_class(rules, cp) & C_CLOSE))
			break;
		prev_end -= n;
	}
	if (prev_end == 0)
		return 1;
	return cp == ':' || terminator_kind(rules, cp) != T_NONE;
}

typedef struct scan {
	const sbd_rules *rules;
	const char *s;
	size_t len;
	sbd_result *out;
	size_t sent;           /* where the current sentence began */
	size_t qi, cover;      /* quiet intervals passed, and their reach */
	size_t mi_cut, mi_dot; /* next marker to cut at, to test the dot of */
	int next_digit;        /* the word after a stop is a number */
	int oom;
	/* the B_STOP bytes pass 1 stepped on, for the main scan: the first
	 * STOPS_KEPT of them, then (stops_end < NONE) where the main scan
	 * looks for itself; a bounded array, so a text of nothing but stops
	 * costs no memory */
	size_t *stops, nstops, si, stops_end;
} scan;

enum { STOPS_KEPT = 128 };

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

	if ((n = bullet_at(st->rules, s, p, len)) != 0 ||
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
	m.anchored = (unsigned char)(line_start ||
	                             anchors_list(st->rules, s, prev_end));
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
	decode(s, j, st->len, &cp);
	if (cp_case(cp) == CASE_LOWER || cp == ',' || cp == ';' || cp == ':')
		add_quiet(st, open, close);
}

static int
cmp_interval(const void *a, const void *b)
{
	const sbd_interval *x = a, *y = b;

	return x->open < y->open ? -1 : x->open > y->open;
}

/* The quotations open at a point of pass 1. */
typedef struct quote_stack {
	size_t open[QUOTE_DEPTH];
	uint32_t closer[QUOTE_DEPTH];
	size_t depth;
} quote_stack;

/* A character at s[i] that may open or close a quotation of [quotes]
 * ("„…“", "«…»", '"…"').  A quotation closed within QUOTE_QUIET_MAX
 * bytes is quiet: no sentence ends inside it ("„Kommst du? Jetzt?“,
 * fragte er"); it may still end where it closes.  A closing mark that
 * matches an outer quotation closes the inner ones too; an opening mark
 * never closed is forgotten. */
static void
quote_mark(scan *st, quote_stack *q, uint32_t cp, size_t i)
{
	const sbd_rules *rules = st->rules;
	size_t d, p;

	for (d = q->depth; d > 0; d--)
		if (q->closer[d - 1] == cp) {
			q->depth = d - 1;
			if (i - q->open[d - 1] <= QUOTE_QUIET_MAX)
				add_quiet(st, q->open[d - 1], i);
			return;
		}
	for (p = 0; p < rules->npairs; p++)
		if (rules->pairs[p][0] == cp) {
			if (q->depth == QUOTE_DEPTH)
				return;
			q->open[q->depth] = i;
			q->closer[q->depth++] = rules->pairs[p][1];
			return;
		}
}

/* The first byte at or after i whose table entry has one of bits, or
 * len: B_PASS1 for pass 1, B_STOP for the main scan.  Most bytes are
 * letters, spaces or the continuation bytes of a UTF-8 sequence, which
 * neither looks at: eight are tested at once, their table entries
 * or'ed, before the one that stops is found. */
static inline size_t
skip_to(const sbd_rules *rules, unsigned bits, const char *s, size_t i,
        size_t len)
{
	const unsigned char *bytes = rules->bytes;
	const unsigned char *u = (const unsigned char *)s;

	while (len - i >= 8 &&
	       !((bytes[u[i]] | bytes[u[i + 1]] | bytes[u[i + 2]] |
	          bytes[u[i + 3]] | bytes[u[i + 4]] | bytes[u[i + 5]] |
	          bytes[u[i + 6]] | bytes[u[i + 7]]) & bits))
		i += 8;
	while (i < len && !(bytes[u[i]] & bits))
		i++;
	return i;
}

static size_t
space_len_before_wide(const char *s, size_t i)
{
	uint32_t cp;
	size_t n = herald_utf8_prev(s, i, &cp);

	return is_space_cp(cp) ? n : 0;
}

/* Bytes of the space character ending just before s[i], 0 if none
 * (inline for ASCII: pass 1 asks it at each byte of the word before
 * every full stop). */
static inline size_t
space_len_before(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	if ((unsigned char)s[i - 1] < 0x80)
		return space_at(s, i - 1, i);
	return space_len_before_wide(s, i);
}

/* What pass 1 knows of a token when it reaches it: where the token
 * before it ended (0 when none), whether it starts a line (a '\n'
 * before it, or no token), and the lone bullet token just before it
 * (NONE when not).  Looked up backwards over the space before it, for
 * the few tokens that may be markers. */
typedef struct token_before {
	size_t prev_end;
	int line_start;
	size_t bullet;
} token_before;

static void
space_before_token(const char *s, size_t t, size_t *e, int *newline)
{
	size_t n;

	*e = t;
	*newline = 0;
	while ((n = space_len_before(s, *e)) != 0) {
		*newline |= s[*e - 1] == '\n';
		*e -= n;
	}
	if (*e == 0)
		*newline = 1;
}

static void
look_before_token(const scan *st, size_t t, token_before *tb)
{
	const char *s = st->s;
	size_t e, pt, pe;
	uint32_t cp;
	int nl;

	space_before_token(s, t, &e, &tb->line_start);
	tb->prev_end = e;
	tb->bullet = NONE;
	if (e == 0)
		return;
	/* a token of one character: a bullet, or "-" "*" opening a line */
	pt = e - decode_prev(s, e, &cp);
	if (pt > 0 && space_len_before(s, pt) == 0)
		return;
	if (bullet_at(st->rules, s, pt, st->len) != 0) {
		tb->bullet = pt;
	} else if (cp == '-' || cp == '*') {
		space_before_token(s, pt, &pe, &nl);
		if (nl)
			tb->bullet = pt;
	}
}

/* A marker's '.' or ')' stands within its first seven bytes (parse_marker),
 * after a bullet of up to four: this near its token's start, with room. */
#define MARKER_REACH 16

/* Hand the token holding s[i] to token_marker() when it may be a list
 * marker or a bullet: s[i] is a '.' or ')' near the token's start, or a
 * bullet, '-' or '*' opening it.  Each token goes once (*done: the last
 * one), in order; the others would give no marker. */
static void
marker_candidate(scan *st, size_t i, size_t *done)
{
	const char *s = st->s;
	size_t t = i;
	token_before tb;

	if (s[i] == '.' || s[i] == ')') {
		while (t > 0 && space_len_before(s, t) == 0)
			if (i - --t > MARKER_REACH)
				return;
	} else if (space_len_before(s, i) == 0 && i > 0) {
		return;
	}
	if (t == *done)
		return;
	*done = t;
	look_before_token(st, t, &tb);
	token_marker(st, t, tb.prev_end, tb.line_start, &tb.bullet);
}

static void
keep_stop(scan *st, size_t i)
{
	if (st->nstops < STOPS_KEPT)
		st->stops[st->nstops++] = i;
	else if (st->stops_end == NONE)
		st->stops_end = i;
}

/* The first B_STOP byte at or after i: the ones pass 1 kept, then a
 * scan of the bytes past them (none when pass 1 kept them all). */
static size_t
next_stop(scan *st, size_t i)
{
	while (st->si < st->nstops && st->stops[st->si] < i)
		st->si++;
	if (st->si < st->nstops)
		return st->stops[st->si];
	if (st->stops_end == NONE)
		return st->len;
	return skip_to(st->rules, B_STOP, st->s,
	               i > st->stops_end ? i : st->stops_end, st->len);
}

/* Pass 1: list marker candidates, quiet brackets, and where pass 2 has
 * anything to look at. */
static void
find_structure(scan *st)
{
	const char *s = st->s;
	const unsigned char *bytes = st->rules->bytes;
	size_t len = st->len, i, done = NONE;
	size_t stack[PAREN_DEPTH];
	char kinds[PAREN_DEPTH];
	size_t depth = 0, overflow = 0;
	quote_stack q;

	q.depth = 0;
	for (i = 0; i < len; i++) {
		unsigned char c;

		if ((i = skip_to(st->rules, B_PASS1, s, i, len)) >= len)
			break;
		c = (unsigned char)s[i];
		if (bytes[c] & B_STOP)
			keep_stop(st, i);
		if (bytes[c] & B_MARKER)
			marker_candidate(st, i, &done);
		/* brackets and quotation marks, whose bytes are structural */
		if (!(bytes[c] & B_STRUCTURAL))
			continue;
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
		} else if (c == '"' || c >= 0x80) {
			uint32_t cp;
			size_t n = decode(s, i, len, &cp);

			quote_mark(st, &q, cp, i);
			i += n - 1;
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
		decode(st->s, m->item, st->len, &cp);
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
	if (n2 == 0 || (decode(s, w2, st->len, &cp),
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
	        (n = char_is(st->rules, s, i, tb, C_OPEN)) != 0))
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

/* "am 3. Oktober", "den 3. maj", "3. Platz": in a language whose pack
 * says [ordinals] yes, one to three digits and a full stop are an
 * ordinal before a word of [ordinal-next] (months, "Jahrhundert") or
 * after a word of [ordinal-prev] ("am", "im", "zum"). */
static int
is_ordinal(scan *st, size_t tb, size_t te, unsigned next_flags)
{
	const char *s = st->s;
	size_t i, pe, pb;
	uint32_t cp;

	if (!st->rules->ordinal_dot || te - tb == 0 || te - tb > 3)
		return 0;
	for (i = tb; i < te; i++)
		if (!is_digit(s[i]))
			return 0;
	if (next_flags & W_ORDINAL_NEXT)
		return 1;
	/* "am 1. 3. 2012": a day and a month written with stops */
	if (te - tb <= 2 && st->next_digit)
		return 1;
	for (pe = tb; pe > 0 && pe + LOOK_MAX > tb && space_before(s, pe);)
		pe -= decode_prev(s, pe, &cp);
	if (pe == tb)
		return 0;
	for (pb = pe; pb > 0 && pe - pb < WORD_MAX && !space_before(s, pb);)
		pb -= decode_prev(s, pb, &cp);
	return (word_flags(st->rules, s + pb, pe - pb) & W_ORDINAL_PREV) != 0;
}

/* The next word is one capital and a full stop: another initial. */
static int
next_is_initial(const scan *st, const next_word *nw)
{
	uint32_t cp;
	size_t n;

	if (nw->kind != NEXT_UPPER || nw->wlen == 0)
		return 0;
	n = decode(st->s, nw->word, st->len, &cp);
	return n == nw->wlen && nw->word + n < st->len &&
	       st->s[nw->word + n] == '.';
}

static int
next_is_caseless(const scan *st, const next_word *nw)
{
	uint32_t cp;

	decode(st->s, nw->word, st->len, &cp);
	return cp_case(cp) == CASE_OTHER;
}

static int
period_ends(scan *st, const cluster *k, const next_word *nw)
{
	const char *s = st->s;
	unsigned flags;
	size_t tb, te;
	sbd_class c;

	if (marker_dot(st, k->start))
		return 0;
	prev_token(st->rules, s, k->start, &tb, &te);
	c = k->strong ? SBD_PLAIN : classify_prev(st->rules, s, tb, te);
	/* the usual case, a plain word then a capital, needs no lookup of
	 * the next word */
	if (c == SBD_PLAIN && nw->kind != NEXT_LOWER &&
	    !(st->rules->ordinal_dot && k->dots == 1 && k->closers == 0))
		return 1;
	flags = word_flags(st->rules, s + nw->word, nw->wlen);
	st->next_digit = nw->kind == NEXT_DIGIT && nw->wlen == 0 &&
	                 nw->word + 2 < st->len && is_digit(s[nw->word]);
	if (c == SBD_PLAIN && k->dots == 1 && k->closers == 0 &&
	    is_ordinal(st, tb, te, flags))
		return 0;
	if (nw->kind == NEXT_LOWER)             /* "the end. then" */
		return st->rules->lowercase_ends && c == SBD_PLAIN &&
		       te - tb >= 4 && k->dots == 1 &&
		       k->closers == 0 && is_lower_word(s + tb, te - tb);
	switch (c) {
	case SBD_PREFIX:
		return 0;
	case SBD_NUMBER:
		return !(nw->kind == NEXT_DIGIT || (flags & W_CONTINUATION) ||
		         is_roman_word(s + nw->word, nw->wlen));
	case SBD_AMBIGUOUS:
		if (next_is_initial(st, nw))
			return 0;             /* "И. И. Иванов", "J. R. R." */
		return (nw->kind == NEXT_DIGIT || (flags & W_STARTER)) &&
		       !short_lead_phrase(st, tb);
	case SBD_FINAL:
		/* before a word of a script without case, a capital says
		 * nothing: end only before a starter, as "ambiguous" does */
		if (nw->kind == NEXT_UPPER && next_is_caseless(st, nw))
			return (flags & W_STARTER) != 0;
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
word_ends_at(const sbd_rules *rules, const char *s, size_t len, size_t r)
{
	uint32_t cp;
	size_t n;
	unsigned c;

	if (r >= len || space_at(s, r, len) || s[r] == ',' || s[r] == ';' ||
	    s[r] == ':')
		return 1;
	n = decode(s, r, len, &cp);
	c = char_class(rules, cp);
	if (c & C_CLOSE)
		return 1;
	if ((c & T_KIND) == T_NONE)
		return 0;
	r += n;
	return r >= len || space_at(s, r, len) ||
	       char_is(rules, s, r, len, C_CLOSE);
}

/* "անձրևել...Այդպես", "wait...Then": an ellipsis without the space
 * after it, before a capitalised word, ends like one with it. */
static int
glued_ellipsis_ends(scan *st, const cluster *k)
{
	const char *s = st->s;
	size_t r = k->end;
	uint32_t cp;

	if (k->closers || (k->start > 0 && s[k->start - 1] == '['))
		return 0;
	r += decode(s, r, st->len, &cp);
	if (cp_case(cp) != CASE_UPPER || r >= st->len)
		return 0;
	decode(s, r, st->len, &cp);
	return cp_case(cp) == CASE_LOWER;
}

/* "world.Today is", "here.Ölaf", "minir.Əli": a full stop without the
 * space after it, between a lower-case word and a capitalised sentence
 * starter or a capital beyond ASCII (file and host names are ASCII),
 * outside URLs and addresses. */
static int
glued_ends(scan *st, const cluster *k)
{
	const char *s = st->s;
	size_t len = st->len, r = k->end, l = k->start, b, lower = 0, x, n;
	uint32_t cp;
	int has_comma = 0, wide;

	if (k->ellipses || k->dots >= 3)
		return glued_ellipsis_ends(st, k);
	if (k->end - k->start != 1)
		return 0;
	r += decode(s, r, len, &cp);
	if (cp_case(cp) != CASE_UPPER)
		return 0;
	wide = cp >= 0x80;
	while (r < len && lower < LOOK_MAX) {
		n = decode(s, r, len, &cp);
		if (cp_case(cp) != CASE_LOWER)
			break;
		r += n;
		lower++;
	}
	if (lower == 0)
		return 0;
	if (!word_ends_at(st->rules, s, len, r))
		return 0;
	/* "world.Today", "Tuesday.Mr. Smith": a sentence starter or a title,
	 * not any capital ("Example.Net") */
	if (!wide &&
	    !(word_flags(st->rules, s + k->end, r - k->end) & W_STARTER) &&
	    !(s[r] == '.' && sbd_rules_abbrev(st->rules, s + k->end,
	                                      r - k->end) == SBD_PREFIX))
		return 0;
	for (b = l; b > 0 && !space_before(s, b) && l - b < LOOK_MAX; b--)
		if (strchr(".@/:\\_?!=&#%", s[b - 1]) && s[b - 1] != '\0')
			return 0;
		else
			has_comma |= s[b - 1] == ',';
	while (b < l && (n = char_is(st->rules, s, b, l, C_OPEN)) != 0)
		b += n;
	if (sbd_rules_abbrev(st->rules, s + b, r - b) != SBD_PLAIN)
		return 0;                          /* "Dipl.Ing." listed whole */
	for (x = b; x < l && (is_digit(s[x]) || s[x] == ','); x++)
		;
	if (x == l && has_comma && l - b >= 4)
		return 1;                          /* "1,000.That" */
	/* two lower-case letters at least before the stop, then the word's
	 * other letters */
	for (x = l, lower = 0; x > b; x -= n, lower++) {
		n = decode_prev(s + b, x - b, &cp);
		if (cp_case(cp) != CASE_LOWER)
			break;
	}
	if (lower < 2)
		return 0;
	for (; x > b; x -= n) {
		n = decode_prev(s + b, x - b, &cp);
		if (cp_case(cp) != CASE_UPPER && cp_case(cp) != CASE_LOWER)
			break;
	}
	return sbd_rules_abbrev(st->rules, s + x, l - x) == SBD_PLAIN;
}

/* "本当?はい", "雨です.明日": an ASCII terminator in text without
 * spaces ends like "。" when "?" or "!" comes before a character of
 * such a script, or "." stands between two ("U.S.工作" goes on). */
static int
ascii_in_spaceless(const scan *st, const cluster *k)
{
	uint32_t after, before;

	/* "……そして": a pause, not an end */
	if (k->end >= st->len || k->start == 0 || k->ellipses || k->dots > 1)
		return 0;
	decode(st->s, k->end, st->len, &after);
	if (after < 0x80 || !herald_cp_is_spaceless(after))
		return 0;
	if (k->marks)
		return 1;
	decode_prev(st->s, k->start, &before);
	return before >= 0x80 && herald_cp_is_spaceless(before);
}

/* A terminator of text without spaces that ends nothing: between two
 * digits ("３．２９"), or inside a title ("《摔跤吧！爸爸》"): the
 * title's closing mark comes, within a few characters, before any
 * opening one, terminator or line end. */
static int
spaceless_continues(scan *st, const cluster *k)
{
	const char *s = st->s;
	size_t j = k->end, n;
	uint32_t cp, before;
	unsigned c;

	decode(s, j, st->len, &cp);
	if (k->start > 0) {   /* nothing before a cluster that opens the text */
		decode_prev(s, k->start, &before);
		if (herald_cp_is_digit(before) && herald_cp_is_digit(cp))
			return 1;
	}
	for (; j < st->len && j - k->end < LOOK_MAX; j += n) {
		n = decode(s, j, st->len, &cp);
		c = char_class(st->rules, cp);
		if ((c & C_TITLE) && (c & C_CLOSE))
			return 1;
		if ((c & (C_TITLE | T_KIND)) || herald_cp_is_line_break(cp))
			return 0;
	}
	return 0;
}

/* Whether a word of [quote-joiners] starts at s[p]: text written without
 * spaces is tried one character longer at a time, up to a few. */
static int
joiner_follows(scan *st, size_t p)
{
	size_t q = p, k;
	uint32_t cp;

	for (k = 0; k < 4 && q < st->len && q - p < WORD_MAX; k++) {
		q += decode(st->s, q, st->len, &cp);
		if (cp_case(cp) == CASE_NONE)
			return 0;
		if (word_flags(st->rules, st->s + p, q - p) & W_JOINER)
			return 1;
	}
	return 0;
}

/* Where the sentence ending at cluster k ends.  "compounds. . . . The":
 * a full stop on the word, then a spaced ellipsis; the stop ends the
 * sentence and the ellipsis marks words left out at the start of the
 * next (the four dots of "with a period . . . ." all stand apart and end
 * it whole). */
static size_t
omission_start(const scan *st, const cluster *k)
{
	const char *s = st->s;

	if (k->spaced && k->dots == 4 && k->closers == 0 && k->start > 0 &&
	    !space_before(s, k->start) && s[k->start + 1] == ' ')
		return k->start + 1;
	return k->end;
}

static size_t
handle_cluster(scan *st, size_t i)
{
	cluster k;
	next_word nw;

	scan_cluster(st->rules, st->s, st->len, i, &k);
	if (k.end >= st->len)
		return k.end;
	if (!k.spaceless)
		k.spaceless = ascii_in_spaceless(st, &k);
	if (!space_at(st->s, k.end, st->len) &&
	    (!k.spaceless || spaceless_continues(st, &k))) {
		if (glued_ends(st, &k))
			cut(st, k.end, 0);
		return k.end;
	}
	/* 《为什么？》: the terminator belongs to a title */
	if (k.title_last)
		return k.end;
	/* 「はい。」と言った: a quotation that a particle joins to its verb */
	if (k.quote_last && joiner_follows(st, k.end))
		return k.end;
	look_next(st->rules, st->s, st->len, k.end, &nw);
	if (nw.kind != NEXT_END && ends_sentence(st, &k, &nw))
		cut(st, omission_start(st, &k), 0);
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

/* Pass 2, from one B_STOP byte (or one list marker) to the next. */
static void
main_scan(scan *st)
{
	const char *s = st->s;
	size_t len = st->len, i = 0, stop, n, look = 0;
	int looked = 0;

	while (i < len) {
		stop = next_marker_cut(st, i);
		if (stop > len)
			stop = len;
		/* the next byte to look at, found again only once passed: the
		 * text is valid UTF-8, so no continuation byte is a B_STOP one
		 * and these are the lead bytes pass 1 stepped on */
		if (!looked || look < i) {
			look = next_stop(st, i);
			looked = 1;
		}
		i = look < stop ? look : stop;
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
		} else if (s[i] == '.' || starts_terminator(st->rules, s, i, len)) {
			i = handle_cluster(st, i);
		} else {
			if ((n = bullet_at(st->rules, s, i, len)) != 0 &&
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
	size_t stops[STOPS_KEPT];
	scan st;

	memset(&st, 0, sizeof st);
	st.rules = rules;
	st.s = s;
	st.len = len;
	st.out = out;
	st.stops = stops;
	st.stops_end = NONE;
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
