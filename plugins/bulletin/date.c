/* plugins/bulletin/date.c - dates and times of day, in any packed language.
 *
 * Every word comes from the language packs' dates.txt (the format is
 * documented at the top of data/lang/und/dates.txt): month and weekday
 * names, ordinal and year suffixes, commas, a.m./p.m., zone names, and
 * each language's word orders as patterns ("D M Y", "D de M de Y",
 * "Y 年 N 月 D 日").  This file only knows shapes that are no language's:
 * numbers, the ISO and numeric forms, times.
 *
 * All packs are loaded once (pthread_once) into one table keyed by the
 * case-folded first word of each name, because a date in any language
 * must be recognised whatever the document's language.  A line is read
 * as a stream of tokens (numbers, words, single punctuation marks)
 * through a small ring buffer: a date spans a bounded number of tokens,
 * so each start position costs a bounded amount of work and a line of any
 * length is read in linear time and constant memory.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/lang.h>
#include <herald/text.h>

#include "bulletin.h"

/* A word whose folded text is longer than this is no name in any pack. */
#define TOK_TEXT 64
/* Words of one name ("bazar ertəsi", "a . m ."), elements of a pattern. */
#define PHRASE_TOKS 6
#define PATTERN_ELEMS 12
/* The ring of tokens still looked at: more than one try at a start can
 * span (a pattern's elements, each with its suffixes and at most
 * MAX_COMMAS commas, a weekday, what may follow), and the token before. */
#define MAX_COMMAS 2
#define RING 256
/* No date line, value or time line is longer than this. */
#define DATE_LINE_MAX 256
/* Years outside this range are not taken for dates: a Solar Hijri "1399"
 * or a Buddhist-era "2563" must not pass for a Gregorian year. */
#define YEAR_MIN 1800
#define YEAR_MAX 2199

/* --- tokens -------------------------------------------------------------- */

typedef enum { TOK_END, TOK_NUM, TOK_WORD, TOK_PUNCT } tok_kind;

typedef struct tok {
	tok_kind kind;
	size_t start, end;      /* bytes of the line */
	bool glued;             /* no space between it and the token before */
	bool spaceless;         /* one character of a script without spaces */
	uint32_t cp;            /* PUNCT: the mark; NUM: its digits' zero */
	long value;             /* NUM: the value, -1 beyond nine digits */
	size_t digits;          /* NUM: how many */
	size_t len;             /* folded text; TOK_TEXT when too long */
	unsigned starts;        /* bit k: a name of phrase_kind k starts here */
	unsigned known;         /* bit k: phrase_at(k) here is in memo */
	signed char memo_value[8];
	unsigned char memo_used[8];
	char text[TOK_TEXT];
} tok;

static unsigned phrase_starts(const tok *t);

typedef struct stream {
	const char *s;
	size_t n, pos;          /* pos: bytes the lexer has consumed */
	size_t made;            /* tokens lexed so far */
	tok ring[RING];
} stream;

static void stream_init(stream *st, const char *s, size_t n)
{
	st->s = s;
	st->n = n;
	st->pos = 0;
	st->made = 0;
}

/* The value of a decimal digit.  Unicode encodes every set of decimal
 * digits (Nd) as a contiguous run from 0 to 9, and where such runs abut
 * (the mathematical digits) each still starts ten after the last: the
 * distance from the start of the run gives the value, with no table. */
static int digit_value(uint32_t cp, uint32_t *zero)
{
	uint32_t first = cp;

	if (cp >= '0' && cp <= '9') {
		*zero = '0';
		return (int)(cp - '0');
	}
	for (int k = 0; k < 100 && first > 0 && herald_cp_is_digit(first - 1);
	     k++)
		first--;
	*zero = cp - (cp - first) % 10;
	return (int)((cp - first) % 10);
}

/* Apostrophes inside a word are written three ways; names are compared
 * with one. */
static bool is_apostrophe(uint32_t cp)
{
	return cp == 0x27 || cp == 0x2019 || cp == 0x2BC;
}

/* t->text = the case-folded word s[0..n), or t->len = TOK_TEXT when it is
 * too long to be a name.  The combining dot above is dropped after
 * folding, so that Turkish and Azerbaijani capitals with a dot ("NİSAN",
 * "İyun") fold to the names as packs write them. */
static void fold_word(tok *t, const char *s, size_t n)
{
	char *folded = NULL;
	size_t flen = 0, out = 0;
	bool ascii = true;

	t->len = TOK_TEXT;
	if (n >= 2 * TOK_TEXT)
		return;
	for (size_t i = 0; i < n; i++)
		ascii = ascii && (unsigned char)s[i] < 0x80 && s[i] != '\'';
	if (ascii) {
		if (n >= TOK_TEXT)
			return;
		for (size_t i = 0; i < n; i++)
			t->text[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ?
			                    s[i] + 32 : s[i]);
		t->len = n;
		return;
	}
	if (!(folded = herald_text_casefold(s, n, &flen)))
		return;   /* out of memory: the word matches nothing */
	for (size_t i = 0; i < flen;) {
		uint32_t cp;
		size_t l = herald_utf8_next(folded + i, flen - i, &cp);
		char buf[4];
		size_t bl;

		i += l;
		if (cp == 0x307)
			continue;
		bl = herald_utf8_encode(is_apostrophe(cp) ? 0x2019 : cp, buf);
		if (out + bl >= TOK_TEXT) {
			free(folded);
			return;
		}
		memcpy(t->text + out, buf, bl);
		out += bl;
	}
	free(folded);
	t->len = out;
}

static bool is_word_cp(uint32_t cp)
{
	return herald_cp_is_letter(cp) || herald_cp_is_mark(cp);
}

/* The next token from st->pos into t. */
static void lex(stream *st, tok *t)
{
	const char *s = st->s;
	size_t n = st->n, p = st->pos, l;
	uint32_t cp = 0;
	bool glued = true;

	while (p < n) {
		l = herald_utf8_next(s + p, n - p, &cp);
		if (!herald_cp_is_space(cp) && !herald_cp_is_line_break(cp))
			break;
		p += l;
		glued = false;
	}
	t->glued = glued;
	t->start = p;
	t->spaceless = false;
	t->len = 0;
	t->starts = 0;
	t->known = 0;
	t->value = 0;
	t->digits = 0;
	t->cp = 0;
	if (p >= n) {
		t->kind = TOK_END;
		t->end = st->pos = n;
		return;
	}
	l = herald_utf8_next(s + p, n - p, &cp);
	if (herald_cp_is_digit(cp)) {
		uint32_t zero, z;
		int v = digit_value(cp, &zero);

		t->kind = TOK_NUM;
		t->cp = zero;
		for (;;) {
			if (t->value >= 0)
				t->value = t->digits < 9 ? t->value * 10 + v : -1;
			t->digits++;
			p += l;
			if (p >= n)
				break;
			l = herald_utf8_next(s + p, n - p, &cp);
			if (!herald_cp_is_digit(cp))
				break;
			v = digit_value(cp, &z);
			if (z != zero)
				break;   /* digits of another script: a new number */
		}
	} else if (is_word_cp(cp)) {
		t->kind = TOK_WORD;
		t->spaceless = herald_cp_is_spaceless(cp);
		p += l;
		while (p < n) {
			uint32_t after;
			size_t l2;

			l = herald_utf8_next(s + p, n - p, &cp);
			if (herald_cp_is_mark(cp)) {
				p += l;
				continue;
			}
			if (t->spaceless)
				break;   /* each such character is a word */
			if (herald_cp_is_letter(cp) &&
			    !herald_cp_is_spaceless(cp)) {
				p += l;
				continue;
			}
			/* An apostrophe between letters stays in the word:
			 * "п’ятниця". */
			if (!is_apostrophe(cp) || p + l >= n)
				break;
			l2 = herald_utf8_next(s + p + l, n - p - l, &after);
			if (!herald_cp_is_letter(after) ||
			    herald_cp_is_spaceless(after))
				break;
			p += l + l2;
		}
		fold_word(t, s + t->start, p - t->start);
	} else {
		t->kind = TOK_PUNCT;
		t->cp = cp;
		p += l;
		if (l < TOK_TEXT) {
			memcpy(t->text, s + t->start, l);
			t->len = l;
		}
	}
	t->end = st->pos = p;
	t->starts = phrase_starts(t);
}

/* Token i of the stream.  Callers never look further back than the ring
 * holds (see RING); a token that has left it reads as the end, so that
 * a mistake there can only miss a date, never read a wrong one. */
static const tok *tok_at(stream *st, size_t i)
{
	static const tok gone = { .kind = TOK_END };

	if (i + RING < st->made)
		return &gone;
	while (st->made <= i) {
		lex(st, &st->ring[st->made % RING]);
		st->made++;
	}
	return &st->ring[i % RING];
}

static bool punct_is(stream *st, size_t i, uint32_t cp)
{
	const tok *t = tok_at(st, i);
	return t->kind == TOK_PUNCT && t->cp == cp;
}

/* Brackets, not quotation marks: "(January 23, 2025)". */
static bool is_open_bracket(const tok *t)
{
	return t->kind == TOK_PUNCT && herald_cp_is_opener(t->cp) &&
	       !herald_cp_is_quote(t->cp);
}

static bool is_close_bracket(const tok *t)
{
	return t->kind == TOK_PUNCT && herald_cp_is_closer(t->cp) &&
	       !herald_cp_is_quote(t->cp) && herald_cp_is_punct(t->cp);
}

/* --- the tables from the packs ------------------------------------------- */

typedef enum {
	PH_MONTH, PH_WEEKDAY, PH_YEAR_SUFFIX, PH_DAY_SUFFIX, PH_MERIDIEM,
	PH_ZONE, PH_COMMA
} phrase_kind;

typedef struct phrase {
	unsigned char kind, value, ntoks;
	char *text[PHRASE_TOKS];
	unsigned char len[PHRASE_TOKS];
	struct phrase *next;    /* the next in its bucket */
} phrase;

typedef enum { EL_DAY, EL_MONTH, EL_MONTH_NUM, EL_YEAR, EL_WORD } el_kind;

typedef struct element {
	el_kind kind;
	size_t len;
	char text[TOK_TEXT];    /* EL_WORD: the folded word */
} element;

typedef struct pattern {
	size_t n;
	element el[PATTERN_ELEMS];
} pattern;

#define NBUCKETS 4096

static struct {
	phrase *bucket[NBUCKETS];
	pattern *patterns;
	size_t npatterns;
	bool short_of_memory;   /* built in part: not cached */
	char *cached;           /* the cache body the tables point into */
} tables;

static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static size_t hash_text(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h & (NBUCKETS - 1);
}

/* The tokens of a name as written in a pack, '_' standing for a space,
 * lexed in st (the loading's one stream: its ring is large, and a
 * malloc of it per name was a tenth of building the tables); 0 when it
 * has none, too many, or one too long. */
static size_t lex_phrase(stream *st, const char *entry, size_t n, tok *toks,
                         size_t max)
{
	char buf[DATE_LINE_MAX];
	size_t count = 0;

	if (n >= sizeof buf)
		return 0;
	for (size_t i = 0; i < n; i++)
		buf[i] = entry[i] == '_' ? ' ' : entry[i];
	stream_init(st, buf, n);
	for (;;) {
		const tok *t = tok_at(st, count);

		if (t->kind == TOK_END)
			break;
		if (count == max || t->len == 0 || t->len >= TOK_TEXT) {
			count = 0;
			break;
		}
		toks[count++] = *t;
	}
	return count;
}

static bool same_words(const phrase *p, const tok *toks, size_t n)
{
	if (p->ntoks != n)
		return false;
	for (size_t k = 0; k < n; k++)
		if (p->len[k] != toks[k].len ||
		    memcmp(p->text[k], toks[k].text, toks[k].len) != 0)
			return false;
	return true;
}

/* Add one name.  A name two packs give different numbers (the same
 * spelling for two months) keeps value 0 and never matches: guessing
 * between them would be wrong half the time. */
static void add_phrase(stream *st, phrase_kind kind, int value,
                       const char *entry, size_t n)
{
	tok toks[PHRASE_TOKS];
	size_t count = lex_phrase(st, entry, n, toks, PHRASE_TOKS);
	size_t b;
	phrase *p;

	if (!count)
		return;
	b = hash_text(toks[0].text, toks[0].len);
	for (p = tables.bucket[b]; p; p = p->next)
		if (p->kind == kind && same_words(p, toks, count)) {
			if (p->value != value)
				p->value = 0;
			return;
		}
	if (!(p = calloc(1, sizeof *p))) {
		tables.short_of_memory = true;
		return;
	}
	p->kind = (unsigned char)kind;
	p->value = (unsigned char)value;
	p->ntoks = (unsigned char)count;
	for (size_t k = 0; k < count; k++) {
		if (!(p->text[k] = malloc(toks[k].len))) {
			while (k--)
				free(p->text[k]);
			free(p);
			tables.short_of_memory = true;
			return;
		}
		memcpy(p->text[k], toks[k].text, toks[k].len);
		p->len[k] = (unsigned char)toks[k].len;
	}
	p->next = tables.bucket[b];
	tables.bucket[b] = p;
}

/* "10 october oct": a number, then names separated by spaces. */
static void add_numbered(stream *st, phrase_kind kind, int max,
                         const char *entry)
{
	char *end;
	long v = strtol(entry, &end, 10);
	const char *p = end;

	if (end == entry || v < 1 || v > max)
		return;
	for (;;) {
		size_t len;

		p += herald_text_skip_space(p, strlen(p));
		if (!*p)
			break;
		for (len = 0; p[len] && p[len] != ' ' && p[len] != '\t'; len++)
			;
		add_phrase(st, kind, (int)v, p, len);
		p += len;
	}
}

/* "D de M de Y": D, M (a month name), N (a month number), Y; any other
 * element is a word that must be there. */
static void add_pattern(stream *st, const char *entry)
{
	pattern pat;
	int days = 0, months = 0, years = 0;
	const char *p = entry;
	pattern *grown;

	pat.n = 0;
	for (;;) {
		size_t len;
		tok toks[PATTERN_ELEMS];
		size_t count;

		p += herald_text_skip_space(p, strlen(p));
		if (!*p)
			break;
		for (len = 0; p[len] && p[len] != ' ' && p[len] != '\t'; len++)
			;
		if (len == 1 && strchr("DMNY", *p)) {
			if (pat.n == PATTERN_ELEMS)
				return;
			pat.el[pat.n].len = 0;
			pat.el[pat.n++].kind = *p == 'D' ? EL_DAY :
			                      *p == 'M' ? EL_MONTH :
			                      *p == 'N' ? EL_MONTH_NUM : EL_YEAR;
			days += *p == 'D';
			months += *p == 'M' || *p == 'N';
			years += *p == 'Y';
		} else {
			count = lex_phrase(st, p, len, toks, PATTERN_ELEMS);
			if (!count || pat.n + count > PATTERN_ELEMS)
				return;
			for (size_t k = 0; k < count; k++) {
				pat.el[pat.n].kind = EL_WORD;
				pat.el[pat.n].len = toks[k].len;
				memcpy(pat.el[pat.n++].text, toks[k].text,
				       toks[k].len);
			}
		}
		p += len;
	}
	if (days != 1 || months != 1 || years != 1)
		return;   /* not a whole date: the pack is wrong, skip it */
	for (size_t i = 0; i < tables.npatterns; i++) {
		const pattern *q = &tables.patterns[i];
		bool same = q->n == pat.n;

		for (size_t k = 0; same && k < pat.n; k++)
			same = q->el[k].kind == pat.el[k].kind &&
			       q->el[k].len == pat.el[k].len &&
			       memcmp(q->el[k].text, pat.el[k].text,
			              pat.el[k].len) == 0;
		if (same)
			return;
	}
	grown = realloc(tables.patterns,
	                (tables.npatterns + 1) * sizeof *grown);
	if (!grown) {
		tables.short_of_memory = true;
		return;
	}
	tables.patterns = grown;
	tables.patterns[tables.npatterns++] = pat;
}

static void load_pack(stream *st, const herald_lang *lang)
{
	static const struct {
		const char *section;
		phrase_kind kind;
		int numbered;   /* 0: one phrase per line; else the top number */
	} sections[] = {
		{ "months", PH_MONTH, 12 },
		{ "weekdays", PH_WEEKDAY, 7 },
		{ "year-suffix", PH_YEAR_SUFFIX, 0 },
		{ "day-suffix", PH_DAY_SUFFIX, 0 },
		{ "meridiem", PH_MERIDIEM, 0 },
		{ "zones", PH_ZONE, 0 },
		{ "commas", PH_COMMA, 0 },
	};
	const char *const *e;
	size_t count;

	for (size_t s = 0; s < sizeof sections / sizeof *sections; s++) {
		e = herald_lang_entries(lang, "dates", sections[s].section,
		                        &count);
		for (size_t i = 0; i < count; i++) {
			if (sections[s].numbered)
				add_numbered(st, sections[s].kind,
				             sections[s].numbered, e[i]);
			else
				add_phrase(st, sections[s].kind, 1, e[i],
				           strlen(e[i]));
		}
	}
	e = herald_lang_entries(lang, "dates", "order", &count);
	for (size_t i = 0; i < count; i++)
		add_pattern(st, e[i]);
}

/* Every pack's names and orders, the generic pack's first. */
static void build_tables(void *arg)
{
	size_t count;
	const char *const *tags = herald_lang_available(&count);
	stream *st = malloc(sizeof *st);   /* on the heap: the ring is large */

	(void)arg;
	if (!st) {   /* no names known; numeric dates still */
		tables.short_of_memory = true;
		return;
	}
	/* The tables live as long as the process, as the packs do. */
	load_pack(st, herald_lang_generic());
	for (size_t i = 0; i < count; i++) {
		const herald_lang *lang = herald_lang_find(tags[i]);

		if (lang)
			load_pack(st, lang);
	}
	free(st);
}

/* --- the tables, cached ---------------------------------------------------
 * Building them folds each of the packs' ~3 000 names (case folding and
 * NFC through libunistring): half of a small bulletin's conversion
 * (doc/performance.md, "Session 11").  So they are kept between runs
 * (herald_lang_cached in herald/lang.h), as this body:
 *
 *   phrases <count>
 *   p <kind> <value> <words> <length of each word> <the words' bytes>
 *   ... (each bucket's phrases from its last to its first, so that
 *        reading them back, each put first, gives the same chains)
 *   patterns <count>
 *   o <elements> <kind> <length> ... <the words' bytes>
 *   end
 *
 * The words are folded already and hold no newline. */

static void write_phrases(FILE *f, const phrase *p)
{
	if (!p)
		return;
	write_phrases(f, p->next);   /* a chain is a few phrases long */
	fprintf(f, "p %u %u %u", p->kind, p->value, p->ntoks);
	for (size_t k = 0; k < p->ntoks; k++)
		fprintf(f, " %u", p->len[k]);
	fputc(' ', f);
	for (size_t k = 0; k < p->ntoks; k++)
		fwrite(p->text[k], 1, p->len[k], f);
	fputc('\n', f);
}

static int write_tables(FILE *f, void *arg)
{
	size_t n = 0;

	(void)arg;
	if (tables.short_of_memory)
		return -1;
	for (size_t b = 0; b < NBUCKETS; b++)
		for (const phrase *p = tables.bucket[b]; p; p = p->next)
			n++;
	fprintf(f, "phrases %zu\n", n);
	for (size_t b = 0; b < NBUCKETS; b++)
		write_phrases(f, tables.bucket[b]);
	fprintf(f, "patterns %zu\n", tables.npatterns);
	for (size_t i = 0; i < tables.npatterns; i++) {
		const pattern *q = &tables.patterns[i];

		fprintf(f, "o %zu", q->n);
		for (size_t k = 0; k < q->n; k++)
			fprintf(f, " %d %zu", (int)q->el[k].kind, q->el[k].len);
		fputc(' ', f);
		for (size_t k = 0; k < q->n; k++)
			fwrite(q->el[k].text, 1, q->el[k].len, f);
		fputc('\n', f);
	}
	fputs("end\n", f);
	return 0;
}

/* A reader of the body: where it is, where it ends. */
typedef struct body {
	char *at, *end;
} body;

/* The decimal number at b->at, at most max, and the space or newline
 * after it (skipped); false when there is none. */
static bool read_number(body *b, unsigned long max, unsigned long *value)
{
	char *after;

	if (b->at >= b->end || *b->at < '0' || *b->at > '9')
		return false;
	*value = strtoul(b->at, &after, 10);
	if (after >= b->end || (*after != ' ' && *after != '\n') ||
	    *value > max)
		return false;
	b->at = after + 1;
	return true;
}

/* "WORD N\n" at b->at. */
static bool read_count(body *b, const char *word, unsigned long max,
                       unsigned long *n)
{
	size_t wl = strlen(word);

	if ((size_t)(b->end - b->at) <= wl || memcmp(b->at, word, wl) != 0 ||
	    b->at[wl] != ' ')
		return false;
	b->at += wl + 1;
	return read_number(b, max, n) && b->at[-1] == '\n';
}

/* The n bytes at b->at and the newline after them. */
static char *read_bytes(body *b, size_t n)
{
	char *s = b->at;

	if ((size_t)(b->end - b->at) <= n || s[n] != '\n')
		return NULL;
	b->at += n + 1;
	return s;
}

static bool read_phrase(body *b, phrase *p)
{
	unsigned long kind, value, ntoks, len;
	size_t total = 0;
	char *text;

	if (b->end - b->at < 2 || memcmp(b->at, "p ", 2) != 0)
		return false;
	b->at += 2;
	if (!read_number(b, PH_COMMA, &kind) || !read_number(b, 255, &value) ||
	    !read_number(b, PHRASE_TOKS, &ntoks) || ntoks == 0)
		return false;
	p->kind = (unsigned char)kind;
	p->value = (unsigned char)value;
	p->ntoks = (unsigned char)ntoks;
	for (size_t k = 0; k < ntoks; k++) {
		if (!read_number(b, TOK_TEXT - 1, &len) || len == 0)
			return false;
		p->len[k] = (unsigned char)len;
		total += len;
	}
	if (b->at[-1] != ' ' || !(text = read_bytes(b, total)))
		return false;
	for (size_t k = 0; k < ntoks; k++) {
		p->text[k] = text;
		text += p->len[k];
	}
	return true;
}

static bool read_pattern(body *b, pattern *q)
{
	unsigned long n, kind, len;
	size_t total = 0;
	char *text;

	if (b->end - b->at < 2 || memcmp(b->at, "o ", 2) != 0)
		return false;
	b->at += 2;
	if (!read_number(b, PATTERN_ELEMS, &n) || n == 0)
		return false;
	q->n = n;
	for (size_t k = 0; k < n; k++) {
		if (!read_number(b, EL_WORD, &kind) ||
		    !read_number(b, TOK_TEXT - 1, &len) ||
		    (kind == EL_WORD) != (len > 0))
			return false;
		q->el[k].kind = (el_kind)kind;
		q->el[k].len = len;
		total += len;
	}
	if (b->at[-1] != ' ' || !(text = read_bytes(b, total)))
		return false;
	for (size_t k = 0; k < n; k++) {
		memcpy(q->el[k].text, text, q->el[k].len);
		text += q->el[k].len;
	}
	return true;
}

/* The tables from a cached body (herald_lang_cache's load): all of it,
 * or nothing. */
static int load_cached_tables(char *text, size_t len, void *arg)
{
	body b = { text, text + len };
	unsigned long nphrases, npatterns;
	phrase *phrases = NULL;
	pattern *patterns = NULL;
	bool ok;

	(void)arg;
	ok = read_count(&b, "phrases", len / 8, &nphrases) &&
	     (phrases = calloc(nphrases ? nphrases : 1, sizeof *phrases));
	for (size_t i = 0; ok && i < nphrases; i++)
		ok = read_phrase(&b, &phrases[i]);
	ok = ok && read_count(&b, "patterns", len / 8, &npatterns) &&
	     (patterns = calloc(npatterns ? npatterns : 1, sizeof *patterns));
	for (size_t i = 0; ok && i < npatterns; i++)
		ok = read_pattern(&b, &patterns[i]);
	ok = ok && b.end - b.at == 4 && memcmp(b.at, "end\n", 4) == 0;
	if (!ok) {
		free(phrases);
		free(patterns);
		free(text);
		return -1;
	}
	for (size_t i = 0; i < nphrases; i++) {
		phrase *p = &phrases[i];
		size_t h = hash_text(p->text[0], p->len[0]);

		p->next = tables.bucket[h];
		tables.bucket[h] = p;
	}
	tables.patterns = patterns;
	tables.npatterns = npatterns;
	tables.cached = text;   /* the words point into it */
	return 0;
}

static const herald_lang_cache dates_cache = {
	.topic = "dates",
	.format = "herald bulletin dates 1",
	.load = load_cached_tables,
	.build = build_tables,
	.write = write_tables,
};

static void load_tables(void)
{
	herald_lang_cached(&dates_cache, NULL);
}

static void tables_ready(void)
{
	pthread_once(&tables_once, load_tables);
}

void herald_bulletin_dates_prepare(void)
{
	tables_ready();
}

/* Every date and every time holds a number (a year, a day, an hour),
 * so a line without a decimal digit in any script holds neither: it is
 * answered without lexing, and without loading the tables, which a
 * short input without dates then never needs. */
static bool has_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;

		if (c < 0x80) {
			if (c >= '0' && c <= '9')
				return true;
			i++;
			continue;
		}
		i += herald_utf8_next(s + i, n - i, &cp);
		if (herald_cp_is_digit(cp))
			return true;
	}
	return false;
}

/* The kinds of name whose first word is t, found once when t is lexed,
 * so that every lookup that must fail (most of them) costs a bit test. */
static unsigned phrase_starts(const tok *t)
{
	unsigned kinds = 0;

	if (t->len == 0 || t->len >= TOK_TEXT)
		return 0;
	for (const phrase *p = tables.bucket[hash_text(t->text, t->len)]; p;
	     p = p->next)
		if (p->len[0] == t->len &&
		    memcmp(p->text[0], t->text, t->len) == 0)
			kinds |= 1u << p->kind;
	return kinds;
}

/* The longest name of kind at token i: its value (0: ambiguous), the
 * tokens it spans in *used; -1 when there is none. */
static int phrase_at(stream *st, size_t i, phrase_kind kind, size_t *used)
{
	tok *t = (tok *)tok_at(st, i);
	int best = -1;
	size_t best_n = 0;

	*used = 0;
	if (!(t->starts & 1u << kind))
		return -1;
	/* Every pattern tried at a start asks again about the same tokens:
	 * the answer is kept with the token. */
	if (t->known & 1u << kind) {
		*used = t->memo_used[kind];
		return t->memo_value[kind];
	}
	for (const phrase *p = tables.bucket[hash_text(t->text, t->len)]; p;
	     p = p->next) {
		size_t k;

		if (p->kind != kind || p->ntoks <= best_n ||
		    p->len[0] != t->len || memcmp(p->text[0], t->text, t->len))
			continue;
		for (k = 1; k < p->ntoks; k++) {
			const tok *u = tok_at(st, i + k);

			if (u->len != p->len[k] ||
			    memcmp(u->text, p->text[k], u->len) != 0)
				break;
		}
		if (k == p->ntoks) {
			best = p->value;
			best_n = k;
		}
	}
	if (t->kind != TOK_END) {   /* not the shared "gone" token */
		t->known |= 1u << kind;
		t->memo_value[kind] = (signed char)best;
		t->memo_used[kind] = (unsigned char)best_n;
	}
	*used = best_n;
	return best;
}

/* Commas between the parts of a date are optional wherever they stand. */
static size_t skip_commas(stream *st, size_t i)
{
	size_t used;

	for (int k = 0; k < MAX_COMMAS &&
	                phrase_at(st, i, PH_COMMA, &used) > 0; k++)
		i += used;
	return i;
}

/* --- dates ------------------------------------------------------------- */

typedef struct ymd {
	long y, m, d;
} ymd;

static bool leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid(ymd v)
{
	static const int days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	                               30, 31 };

	if (v.m < 1 || v.m > 12 || v.d < 1)
		return false;
	if (v.m == 2 && v.d == 29)
		return leap(v.y);
	return v.d <= days[v.m - 1];
}

static bool plausible_year(long y)
{
	return y >= YEAR_MIN && y <= YEAR_MAX;
}

/* A number of 1..max digits at i; its value, or -1. */
static long num_at(stream *st, size_t i, size_t min, size_t max,
                   size_t *digits)
{
	const tok *t = tok_at(st, i);

	if (t->kind != TOK_NUM || t->digits < min || t->digits > max)
		return -1;
	if (digits)
		*digits = t->digits;
	return t->value;
}

/* The day of a pattern: "5", "5th", "1er", "5.", "«5»".  Returns the
 * token after it, or 0. */
static size_t day_el(stream *st, size_t i, long *d)
{
	bool quoted = false;
	size_t used;
	const tok *t = tok_at(st, i);

	if (t->kind == TOK_PUNCT && herald_cp_is_quote(t->cp)) {
		quoted = true;   /* «5» октября: official Russian style */
		i++;
	}
	if ((*d = num_at(st, i, 1, 2, NULL)) < 0)
		return 0;
	i++;
	if (quoted) {
		t = tok_at(st, i);
		if (t->kind != TOK_PUNCT || !herald_cp_is_quote(t->cp) ||
		    !t->glued)
			return 0;
		i++;
	}
	if (tok_at(st, i)->glued && phrase_at(st, i, PH_DAY_SUFFIX, &used) > 0)
		i += used;
	return i;
}

static size_t year_el(stream *st, size_t i, long *y)
{
	size_t used;

	if ((*y = num_at(st, i, 4, 4, NULL)) < 0)
		return 0;
	i++;
	if (phrase_at(st, i, PH_YEAR_SUFFIX, &used) > 0)
		i += used;
	return i;
}

static size_t month_el(stream *st, size_t i, long *m)
{
	size_t used;
	int v = phrase_at(st, i, PH_MONTH, &used);

	if (v <= 0)
		return 0;
	i += used;
	if (punct_is(st, i, '.') && tok_at(st, i)->glued)
		i++;   /* an abbreviation: "Oct." */
	*m = v;
	return i;
}

/* One pattern at token i: true with the date (not yet checked) and the
 * token after it in *next. */
static bool pattern_at(stream *st, size_t i, const pattern *pat, ymd *v,
                       size_t *next)
{
	const tok *first = tok_at(st, i);

	/* Most tokens start no date: say so before any lookup. */
	switch (pat->el[0].kind) {
	case EL_DAY:
		if (first->kind != TOK_NUM && (first->kind != TOK_PUNCT ||
		                               !herald_cp_is_quote(first->cp)))
			return false;
		break;
	case EL_MONTH_NUM:
	case EL_YEAR:
		if (first->kind != TOK_NUM)
			return false;
		break;
	case EL_MONTH:
		if (!(first->starts & 1u << PH_MONTH))
			return false;
		break;
	case EL_WORD:
		if (first->len != pat->el[0].len ||
		    memcmp(first->text, pat->el[0].text, first->len) != 0)
			return false;
		break;
	}
	for (size_t e = 0; e < pat->n; e++) {
		const element *el = &pat->el[e];
		const tok *t;

		if (e > 0)
			i = skip_commas(st, i);
		switch (el->kind) {
		case EL_DAY:
			i = day_el(st, i, &v->d);
			break;
		case EL_MONTH:
			i = month_el(st, i, &v->m);
			break;
		case EL_MONTH_NUM:
			if ((v->m = num_at(st, i, 1, 2, NULL)) < 0)
				return false;
			i++;
			break;
		case EL_YEAR:
			i = year_el(st, i, &v->y);
			break;
		case EL_WORD:
			t = tok_at(st, i);
			if (t->len != el->len ||
			    memcmp(t->text, el->text, el->len) != 0)
				return false;
			i++;
			break;
		}
		if (!i)
			return false;
	}
	*next = i;
	return true;
}

/* Which shapes a caller tries besides the packs' patterns. */
typedef enum {
	TRY_NUMERIC = 1,      /* every numeric date (needs the order) */
	TRY_ISO = 2,          /* 2021-10-05 */
	TRY_YEAR_FIRST = 4,   /* 2021/10/05, 2021.10.05 too */
	TRY_COMPACT = 8,      /* 20211005 */
	TRY_IN_TEXT = 16      /* inside running text (see dated_at) */
} try_flags;

static long full_year(long y, size_t digits)
{
	if (digits == 4)
		return y;
	return y < 70 ? 2000 + y : 1900 + y;
}

/* Three numbers joined by one of - / . at i: "2020-10-09", "09.10.2020",
 * "9/10/20".  A four-digit year first is always year-month-day; else
 * order decides, unless only the other reading can be a date.  flags
 * narrow it: without TRY_NUMERIC only a four-digit year first, and
 * without TRY_YEAR_FIRST only ISO 8601's '-' as well. */
static bool numeric_at(stream *st, size_t i, herald_bulletin_order order,
                       unsigned flags, ymd *v, size_t *next)
{
	size_t da, db, dc;
	long a, b, c;
	const tok *sep = tok_at(st, i + 1);
	uint32_t sc = sep->cp;

	if ((a = num_at(st, i, 1, 4, &da)) < 0 || da == 3 ||
	    sep->kind != TOK_PUNCT || !sep->glued ||
	    (sc != '-' && sc != '/' && sc != '.') ||
	    (b = num_at(st, i + 2, 1, 2, &db)) < 0 ||
	    !tok_at(st, i + 2)->glued || !punct_is(st, i + 3, sc) ||
	    !tok_at(st, i + 3)->glued ||
	    (c = num_at(st, i + 4, 1, 4, &dc)) < 0 || dc == 3 ||
	    !tok_at(st, i + 4)->glued)
		return false;
	*next = i + 5;
	if (da == 4) {
		if (dc > 2 || (!(flags & (TRY_NUMERIC | TRY_YEAR_FIRST)) &&
		                sc != '-'))
			return false;
		*v = (ymd){ a, b, c };
		return true;
	}
	if (!(flags & TRY_NUMERIC) || dc == 1)
		return false;
	if (order == BULLETIN_ORDER_YMD && dc != 4) {
		*v = (ymd){ full_year(a, da), b, c };
		return true;
	}
	v->y = full_year(c, dc);
	v->d = order == BULLETIN_ORDER_MDY ? b : a;
	v->m = order == BULLETIN_ORDER_MDY ? a : b;
	if (!valid(*v) && valid((ymd){ v->y, v->d, v->m })) {
		long t = v->d;   /* 25.10.2020 is the 25th in any order */
		v->d = v->m;
		v->m = t;
	}
	return true;
}

/* "20201009": eight digits, a date only where something says it is one
 * (brackets round it, or a metadata value). */
static bool compact_at(stream *st, size_t i, ymd *v, size_t *next)
{
	const tok *t = tok_at(st, i);

	if (t->kind != TOK_NUM || t->digits != 8)
		return false;
	v->y = t->value / 10000;
	v->m = t->value / 100 % 100;
	v->d = t->value % 100;
	*next = i + 1;
	/* A number that cannot even have a date's shape is not one. */
	return v->m >= 1 && v->m <= 12 && v->d >= 1 && v->d <= 31;
}

/* A weekday at i, with its abbreviation dot: the token after it, or i. */
static size_t weekday_el(stream *st, size_t i)
{
	size_t used;

	if (phrase_at(st, i, PH_WEEKDAY, &used) <= 0)
		return i;
	i += used;
	if (punct_is(st, i, '.') && tok_at(st, i)->glued)
		i++;
	return i;
}

/* The token at i and the one before it stand apart: not one number, not
 * one word.  Scripts written without spaces glue words freely. */
static bool apart(const tok *before, const tok *after)
{
	if (!after->glued || before->kind == TOK_PUNCT ||
	    after->kind == TOK_PUNCT || after->kind == TOK_END)
		return true;
	return before->spaceless || after->spaceless;
}



/* Every date shape at token i; the first that is a date, else the first
 * impossible one, else NONE.  On OK or IMPOSSIBLE *next is the token
 * after it.  accept (when not NULL) must also hold at *next. */
static herald_bulletin_date_status
date_at(stream *st, size_t i, herald_bulletin_order order, unsigned flags,
        bool (*accept)(stream *, size_t, void *), void *arg, ymd *out,
        size_t *next)
{
	herald_bulletin_date_status st_best = BULLETIN_DATE_NONE;
	size_t j;
	ymd v;

	for (size_t p = 0; p <= tables.npatterns + 1; p++) {
		bool ok;

		v = (ymd){ -1, -1, -1 };
		if (p < tables.npatterns)
			ok = pattern_at(st, i, &tables.patterns[p], &v, &j);
		else if (p == tables.npatterns)
			ok = (flags & (TRY_NUMERIC | TRY_ISO | TRY_YEAR_FIRST)) &&
			     numeric_at(st, i, order, flags, &v, &j);
		else
			ok = (flags & TRY_COMPACT) && compact_at(st, i, &v, &j);
		if (!ok || !plausible_year(v.y) || (accept && !accept(st, j, arg)))
			continue;
		if (valid(v)) {
			*out = v;
			*next = j;
			return BULLETIN_DATE_OK;
		}
		if (st_best == BULLETIN_DATE_NONE) {
			st_best = BULLETIN_DATE_IMPOSSIBLE;
			*out = v;
			*next = j;
		}
	}
	return st_best;
}

/* date_at after an optional weekday.  One word can be a weekday in one
 * language and a month in another ("mar": mardi, March), so a date is
 * also tried at the word itself.  Inside running text (TRY_IN_TEXT) a
 * weekday counts only with its comma, "Monday, October 5": short ones
 * ("do", "so") are everyday words elsewhere. */
static herald_bulletin_date_status
dated_at(stream *st, size_t i, herald_bulletin_order order, unsigned flags,
         bool (*accept)(stream *, size_t, void *), void *arg, ymd *out,
         size_t *next)
{
	herald_bulletin_date_status with = BULLETIN_DATE_NONE, without;
	size_t w = weekday_el(st, i), n2 = 0, c;
	ymd v2;

	if (w != i && ((c = skip_commas(st, w)) != w ||
	               !(flags & TRY_IN_TEXT))) {
		with = date_at(st, c, order, flags, accept, arg, out, next);
		if (with == BULLETIN_DATE_OK)
			return with;
	}
	without = date_at(st, i, order, flags, accept, arg, &v2, &n2);
	if (without == BULLETIN_DATE_NONE)
		return with;
	if (without == BULLETIN_DATE_OK || with == BULLETIN_DATE_NONE) {
		*out = v2;
		*next = n2;
		return without;
	}
	return with;
}

static void to_iso(ymd v, char iso[11])
{
	char buf[64];   /* valid() bounds the fields; the compiler cannot know */

	snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", v.y, v.m, v.d);
	memcpy(iso, buf, 11);
}

/* What may follow a whole-line date: a weekday (", Friday", "(金)",
 * "星期五"), the bracket that opened the line, one '.', then nothing. */
static bool line_end_at(stream *st, size_t i, void *arg)
{
	bool bracketed = *(bool *)arg;
	size_t w;

	i = skip_commas(st, i);
	if (is_open_bracket(tok_at(st, i)) &&
	    (w = weekday_el(st, i + 1)) != i + 1 &&
	    is_close_bracket(tok_at(st, w)))
		i = w + 1;
	else
		i = weekday_el(st, i);
	if (bracketed) {
		if (!is_close_bracket(tok_at(st, i)))
			return false;
		i++;
	}
	if (punct_is(st, i, '.'))
		i++;
	return tok_at(st, i)->kind == TOK_END;
}

herald_bulletin_date_status herald_bulletin_parse_date(const char *s, size_t n,
                                                       herald_bulletin_order
                                                       order, char iso[11])
{
	stream *st;
	size_t skip = herald_text_skip_space(s, n), j;
	bool bracketed;
	herald_bulletin_date_status status;
	ymd v;

	s += skip;
	n = herald_text_trim_end(s, n - skip);
	if (n == 0 || n > DATE_LINE_MAX || !has_digit(s, n) ||
	    !(st = malloc(sizeof *st)))
		return BULLETIN_DATE_NONE;
	tables_ready();
	stream_init(st, s, n);
	bracketed = is_open_bracket(tok_at(st, 0));
	status = dated_at(st, bracketed ? 1 : 0, order,
	                  TRY_NUMERIC | (bracketed ? TRY_COMPACT : 0),
	                  line_end_at, &bracketed, &v, &j);
	if (status == BULLETIN_DATE_OK)
		to_iso(v, iso);
	free(st);
	return status;
}

/* After a date inside a line: the next token is not glued on to it. */
static bool stands_apart_at(stream *st, size_t i, void *arg)
{
	const tok *last = tok_at(st, i - 1), *t = tok_at(st, i);

	(void)arg;
	if (!apart(last, t))
		return false;
	/* "2021-10-05-3", "2021-10-05.7": a longer number, not a date. */
	if (t->kind == TOK_PUNCT && t->glued && t->cp != ',' &&
	    tok_at(st, i + 1)->kind == TOK_NUM && tok_at(st, i + 1)->glued &&
	    !herald_cp_is_closer(t->cp))
		return false;
	return true;
}

bool herald_bulletin_find_date(const char *s, size_t n, size_t *start,
                               size_t *end, char iso[11])
{
	stream *st;
	bool found = false;

	if (!has_digit(s, n) || !(st = malloc(sizeof *st)))
		return false;
	tables_ready();
	stream_init(st, s, n);
	for (size_t i = 0; tok_at(st, i)->kind != TOK_END; i++) {
		const tok *t = tok_at(st, i);
		size_t j;
		ymd v;
		unsigned flags = TRY_ISO | TRY_IN_TEXT;

		if ((t->kind == TOK_PUNCT && !herald_cp_is_quote(t->cp)) ||
		    (i > 0 && !apart(tok_at(st, i - 1), t)))
			continue;   /* no date starts here */
		if (i > 0 && is_open_bracket(tok_at(st, i - 1)))
			flags |= TRY_COMPACT;   /* "(20201011)" */
		/* A weekday before the date belongs to its span. */
		if (dated_at(st, i, BULLETIN_ORDER_YMD, flags, stands_apart_at,
		             NULL, &v, &j) == BULLETIN_DATE_OK) {
			*start = tok_at(st, i)->start;
			*end = tok_at(st, j - 1)->end;
			to_iso(v, iso);
			found = true;
			break;
		}
	}
	free(st);
	return found;
}

/* --- times ------------------------------------------------------------- */

/* A zone after a time: "EDT", "UTC+3", "мск", "+04:00", "-0400", "Z".
 * Upper-case ASCII of two to five letters is the common shape of zone
 * abbreviations; other names come from the packs.  Returns the token
 * after it, or i when there is none. */
static size_t zone_el(stream *st, size_t i)
{
	const tok *t = tok_at(st, i);
	size_t used, j = i;

	if (t->kind == TOK_WORD) {
		size_t len = t->end - t->start;
		bool upper = len >= 1 && len <= 5;

		for (size_t k = 0; upper && k < len; k++)
			upper = st->s[t->start + k] >= 'A' &&
			        st->s[t->start + k] <= 'Z';
		if ((upper && (len >= 2 || st->s[t->start] == 'Z')) ||
		    phrase_at(st, i, PH_ZONE, &used) > 0)
			j = i + (upper ? 1 : used);
		else
			return i;
	}
	/* An offset: [+-]HH, [+-]HHMM, [+-]HH:MM. */
	t = tok_at(st, j);
	if (t->kind == TOK_PUNCT && (t->cp == '+' || t->cp == '-' ||
	                             t->cp == 0x2212)) {
		long h;
		size_t digits;

		if ((h = num_at(st, j + 1, 1, 4, &digits)) < 0 || digits == 3 ||
		    !tok_at(st, j + 1)->glued)
			return j;
		if (digits <= 2 && punct_is(st, j + 2, ':') &&
		    num_at(st, j + 3, 2, 2, NULL) >= 0)
			return j + 4;
		return j + 2;
	}
	return j;
}

/* "10:51", "9.30", "14:03:00.5": the token after it, or 0.  *hour and
 * *sep for the caller's checks. */
static size_t clock_at(stream *st, size_t i, long *hour, uint32_t *sep)
{
	long h = num_at(st, i, 1, 2, NULL), m, sec;
	const tok *t = tok_at(st, i + 1);

	if (h < 0 || t->kind != TOK_PUNCT || !t->glued ||
	    (t->cp != ':' && t->cp != '.') ||
	    (m = num_at(st, i + 2, 2, 2, NULL)) < 0 ||
	    !tok_at(st, i + 2)->glued || h > 23 || m > 59)
		return 0;
	*hour = h;
	*sep = t->cp;
	i += 3;
	if (punct_is(st, i, t->cp) && tok_at(st, i)->glued &&
	    (sec = num_at(st, i + 1, 2, 2, NULL)) >= 0 &&
	    tok_at(st, i + 1)->glued) {
		if (sec > 60)
			return 0;
		i += 2;
		if ((punct_is(st, i, '.') || punct_is(st, i, ',')) &&
		    tok_at(st, i)->glued && num_at(st, i + 1, 1, 9, NULL) >= 0 &&
		    tok_at(st, i + 1)->glued)
			i += 2;
	}
	return i;
}

bool herald_bulletin_parse_time(const char *s, size_t n, char *out,
                                size_t size)
{
	stream *st;
	size_t skip = herald_text_skip_space(s, n), i, used;
	long hour;
	uint32_t sep;
	bool ok;

	s += skip;
	n = herald_text_trim_end(s, n - skip);
	if (n == 0 || n > DATE_LINE_MAX / 4 || !has_digit(s, n) ||
	    !(st = malloc(sizeof *st)))
		return false;
	tables_ready();
	stream_init(st, s, n);
	ok = (i = clock_at(st, 0, &hour, &sep)) != 0;
	if (ok && phrase_at(st, i, PH_MERIDIEM, &used) > 0) {
		ok = hour >= 1 && hour <= 12;
		i += used;
	} else if (ok) {
		ok = sep != '.';   /* "9.30" alone is a number, not a time */
	}
	ok = ok && tok_at(st, zone_el(st, i))->kind == TOK_END;
	free(st);
	if (ok && out && size) {
		size_t len = n < size ? n : size - 1;

		/* Truncated on a character boundary. */
		while (len < n && len > 0 &&
		       ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
		memcpy(out, s, len);
		out[len] = '\0';
	}
	return ok;
}

/* --- metadata values --------------------------------------------------- */

/* What may follow a date in a value: nothing, or a time of day with its
 * zone ("T14:03:00-04:00", " 14:03", "-16-32-58" as some generators
 * write it). */
static bool time_tail_at(stream *st, size_t i, void *arg)
{
	const tok *t = tok_at(st, i);
	long h, m, sec;
	uint32_t sep;
	size_t j;

	(void)arg;
	if (t->kind == TOK_END)
		return true;
	if (t->glued) {
		if (t->kind == TOK_WORD && t->len == 1 && t->text[0] == 't')
			i++;
		else if (punct_is(st, i, '-') &&
		         tok_at(st, i + 1)->kind == TOK_NUM) {
			/* "2020-09-29-16-32-58" */
			if ((h = num_at(st, i + 1, 2, 2, NULL)) < 0 ||
			    !punct_is(st, i + 2, '-') ||
			    (m = num_at(st, i + 3, 2, 2, NULL)) < 0 ||
			    h > 23 || m > 59)
				return false;
			i += 4;
			if (punct_is(st, i, '-')) {
				if ((sec = num_at(st, i + 1, 2, 2, NULL)) < 0 ||
				    sec > 60)
					return false;
				i += 2;
			}
			return tok_at(st, i)->kind == TOK_END;
		} else {
			return false;
		}
	}
	if (!(j = clock_at(st, i, &h, &sep)) || sep != ':')
		return false;
	if (tok_at(st, j)->kind != TOK_END)
		j = zone_el(st, j);
	return tok_at(st, j)->kind == TOK_END;
}

bool herald_bulletin_value_date(const char *s, size_t n, char iso[11])
{
	stream *st;
	size_t skip = herald_text_skip_space(s, n), j;
	char a[11], b[11];
	herald_bulletin_date_status ra, rb;
	bool ok;
	ymd v;

	s += skip;
	n = herald_text_trim_end(s, n - skip);
	/* A value quoted in the source ('2021-04-02') whose quotes came
	 * through. */
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
		s++;
		n -= 2;
	}
	if (n == 0 || n > DATE_LINE_MAX || !has_digit(s, n) ||
	    !(st = malloc(sizeof *st)))
		return false;
	tables_ready();
	stream_init(st, s, n);
	/* ISO, compact, and RFC 2822 ("Tue, 05 Oct 2021 14:03:00 -0400"):
	 * a date, then perhaps a time. */
	ok = dated_at(st, 0, BULLETIN_ORDER_YMD,
	              TRY_ISO | TRY_YEAR_FIRST | TRY_COMPACT, time_tail_at, NULL,
	              &v, &j) == BULLETIN_DATE_OK;
	free(st);
	if (ok) {
		to_iso(v, iso);
		return true;
	}
	/* Any date line; a numeric one only when day and month cannot be
	 * swapped, for a value says nothing of its order. */
	ra = herald_bulletin_parse_date(s, n, BULLETIN_ORDER_DMY, a);
	rb = herald_bulletin_parse_date(s, n, BULLETIN_ORDER_MDY, b);
	if (ra != BULLETIN_DATE_OK || rb != BULLETIN_DATE_OK ||
	    memcmp(a, b, 10) != 0)
		return false;
	memcpy(iso, a, 11);
	return true;
}

/* --- a file's name --------------------------------------------------------- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The date at name[i] (i at a digit with none before it), into iso:
 * its length, or 0. */
static size_t name_date_at(const char *name, size_t i, char iso[11])
{
	const char *s = name + i;
	size_t len;
	char sep;

	for (len = 0; len < 8 && is_digit(s[len]); len++)
		;
	if (len == 8) {
		snprintf(iso, 11, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
	} else {
		sep = s[4];
		if (len != 4 || (sep != '-' && sep != '_' && sep != '.') ||
		    !is_digit(s[5]) || !is_digit(s[6]) || s[7] != sep ||
		    !is_digit(s[8]) || !is_digit(s[9]))
			return 0;
		snprintf(iso, 11, "%.4s-%.2s-%.2s", s, s + 5, s + 8);
		len = 10;
	}
	if (is_digit(s[len]) || !herald_date_is_valid(iso) ||
	    (iso[0] != '1' && iso[0] != '2') ||
	    (iso[0] == '1' && iso[1] < '8') || (iso[0] == '2' && iso[1] > '1'))
		return 0;
	return len;
}

bool herald_bulletin_name_date(const char *name, char iso[11])
{
	char found[11] = "", here[11];

	if (name == NULL)
		return false;
	for (size_t i = 0; name[i]; i++) {
		size_t len;
		if (!is_digit(name[i]) || (i > 0 && is_digit(name[i - 1])))
			continue;
		if ((len = name_date_at(name, i, here)) == 0)
			continue;
		if (found[0] && strcmp(found, here) != 0)
			return false;
		memcpy(found, here, 11);
		i += len - 1;
	}
	if (!found[0])
		return false;
	memcpy(iso, found, 11);
	return true;
}
