/* lang_any.c - entries of labels.txt in any language pack
 * (herald_lang_any_is, herald_lang_any_prefix, herald_lang_any_prepare
 * in herald/lang.h).
 *
 * Every pack's labels.txt is consulted at once: a document's language is
 * often unknown when its structure is read, and a turn label written in
 * any packed language is a label.  Readers of every format call these,
 * so a label taught to a pack is known to each of them.  The entries of every section are
 * gathered once per process (packs live that long) into one table, so a
 * lookup is a scan of a short list without locks; ASCII against ASCII is
 * compared byte-wise, other text through full case folding.  Each table
 * is bucketed by its entries' first byte (ASCII case aside; every entry
 * opening outside ASCII in one bucket): a text can only match an entry
 * of its own bucket, since ASCII folds to ASCII only, and every block of
 * every document is tried against every language's labels.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/lang.h>
#include <herald/text.h>

#include "cache.h"

#define TOPIC "labels"

/* The sections of labels.txt (documented in data/lang/und/labels.txt). */
static const char *const sections[] = { "interviewer", "interviewee",
                                        "moderator", "end", "byline",
                                        "nonfinal", "release", "contact",
                                        "notes", "caption", "caption-run",
                                        "about", "posted", "particle" };
#define SECTIONS (sizeof sections / sizeof *sections)

typedef struct entry {
	const char *s;
	size_t len, cps;
	bool ascii;
} entry;

/* Buckets: ASCII bytes folded to lower case, and one for the rest. */
#define BUCKETS 129

typedef struct table {
	entry *v;
	size_t count;
	size_t start[BUCKETS + 1];   /* bucket b is v[start[b]..start[b + 1]) */
} table;

static table tables[SECTIONS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static bool is_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* The bucket of a string opening with byte c. */
static size_t bucket_of(unsigned char c)
{
	if (c >= 0x80)
		return BUCKETS - 1;
	return c >= 'A' && c <= 'Z' ? (size_t)(c | 0x20) : c;
}

/* Sort t's entries into buckets, keeping their order within each
 * (a counting sort: one pass to count, one to place), and record where
 * each bucket starts.  false out of memory (the table is then empty). */
static bool index_table(table *t)
{
	size_t at[BUCKETS];
	memset(t->start, 0, sizeof t->start);
	for (size_t i = 0; i < t->count; i++)
		t->start[bucket_of((unsigned char)t->v[i].s[0]) + 1]++;
	for (size_t b = 0; b < BUCKETS; b++) {
		t->start[b + 1] += t->start[b];
		at[b] = t->start[b];
	}
	entry *sorted = malloc((t->count ? t->count : 1) * sizeof *sorted);
	if (!sorted) {
		t->count = 0;   /* out of memory: the section reads as empty */
		memset(t->start, 0, sizeof t->start);
		return false;
	}
	for (size_t i = 0; i < t->count; i++)
		sorted[at[bucket_of((unsigned char)t->v[i].s[0])]++] = t->v[i];
	free(t->v);
	t->v = sorted;
	return true;
}

static void set_entry(entry *x, const char *s)
{
	x->s = s;
	x->len = strlen(s);
	x->ascii = is_ascii(s, x->len);
	x->cps = x->ascii ? x->len : herald_utf8_count(s, x->len);
}

/* Section k's entries of every pack, into tables[k]. */
static bool gather(size_t k, const herald_lang *const *langs, size_t nlangs)
{
	table *t = &tables[k];
	size_t cap = 0;
	for (size_t l = 0; l < nlangs; l++) {
		size_t count = 0;
		const char *const *e = herald_lang_entries(langs[l], TOPIC,
		                                           sections[k], &count);
		if (t->count + count > cap) {
			size_t want = 2 * cap > t->count + count ? 2 * cap
			                                         : t->count + count;
			entry *grown = realloc(t->v, want * sizeof *grown);
			if (!grown) {
				index_table(t);   /* out of memory: the packs so far */
				return false;
			}
			t->v = grown;
			cap = want;
		}
		for (size_t i = 0; i < count; i++)
			set_entry(&t->v[t->count++], e[i]);
	}
	return index_table(t);
}

/* --- the cache --------------------------------------------------------------
 * Reading and parsing every pack's labels.txt is a fifth of a one-line
 * conversion's CPU time, so the gathered tables are kept in the user's
 * cache folder (herald_lang_cached, core/lang_cache.c), with this body:
 *
 *   section <name> <count>, then its entries, one a line, bucket order,
 *     each after its length in code points and a space (counted when
 *     the packs were read, so that a run on ASCII text decodes none and
 *     never opens libunistring: core/text_unistring.h)
 *   ... (every section of sections[], in order)
 *   end
 */

static char *cache_text;   /* the cache's bytes, which entries point into */


/* An entry of the cache, "<code points> <text>", the line len bytes
 * long; false when it is not one (an ASCII text has as many code points
 * as bytes, none has more). */
static bool cached_entry(entry *x, const char *line, size_t len)
{
	unsigned long long cps;
	const char *rest = core_cache_digits(line, &cps);
	if (!rest || *rest != ' ' || !rest[1])
		return false;
	x->s = rest + 1;
	x->len = len - (size_t)(x->s - line);
	x->ascii = is_ascii(x->s, x->len);
	x->cps = (size_t)cps;
	return cps <= x->len && (!x->ascii || cps == x->len);
}

/* Section k of the cache at *p into tables[k]; false when it is not
 * what the format says. */
static bool load_section(size_t k, char **p, char *end)
{
	char *line = core_cache_next_line(p, end);
	size_t nl = strlen(sections[k]);
	char *rest;
	if (!line || strncmp(line, "section ", 8) != 0 ||
	    strncmp(line + 8, sections[k], nl) != 0 || line[8 + nl] != ' ')
		return false;
	unsigned long long count = strtoull(line + 9 + nl, &rest, 10);
	if (*rest || count > (unsigned long long)(end - *p))
		return false;
	table *t = &tables[k];
	if (!(t->v = malloc((count ? (size_t)count : 1) * sizeof *t->v)))
		return false;
	/* Written in bucket order (write_cache): the buckets are counted
	 * as the entries are read, not sorted again; a file out of that
	 * order is not one this code wrote. */
	size_t last = 0;
	for (; t->count < count; t->count++) {
		char *e = core_cache_next_line(p, end);
		entry *x = &t->v[t->count];
		if (!e || !cached_entry(x, e, (size_t)(*p - 1 - e)))
			return false;
		size_t b = bucket_of((unsigned char)x->s[0]);
		if (b < last)
			return false;
		last = b;
		t->start[b + 1]++;
	}
	for (size_t b = 0; b < BUCKETS; b++)
		t->start[b + 1] += t->start[b];
	return true;
}

static void clear_tables(void)
{
	for (size_t k = 0; k < SECTIONS; k++) {
		free(tables[k].v);
		memset(&tables[k], 0, sizeof tables[k]);
	}
}

/* The tables from a cached body, when it is whole (herald_lang_cache's
 * load). */
static int load_body(char *text, size_t len, void *arg)
{
	(void)arg;
	char *p = text, *end = text + len, *line;
	bool ok = true;
	for (size_t k = 0; ok && k < SECTIONS; k++)
		ok = load_section(k, &p, end);
	ok = ok && (line = core_cache_next_line(&p, end)) &&
	     strcmp(line, "end") == 0 && p == end;
	if (!ok) {
		clear_tables();
		free(text);
		return -1;
	}
	/* Kept for the process's life, as the packs are: the entries point
	 * into it.  (Read before it is set, so that the compiler keeps the
	 * pointer, which leak checkers need to see the block reachable.) */
	free(cache_text);
	cache_text = text;
	return 0;
}

/* Every section from every pack (the generic one first), each pack
 * looked up once; *whole is false when memory ran out on the way. */
static void gather_packs(void *arg)
{
	bool *whole = arg;
	size_t tags = 0;
	const char *const *avail = herald_lang_available(&tags);
	const herald_lang **langs = malloc((tags + 1) * sizeof *langs);
	size_t nlangs = 0;
	*whole = langs != NULL;
	if (langs) {
		langs[nlangs++] = herald_lang_generic();
		for (size_t t = 0; t < tags; t++)
			if ((langs[nlangs] = herald_lang_find(avail[t])))
				nlangs++;
	}
	for (size_t k = 0; langs && k < SECTIONS; k++)
		*whole = gather(k, langs, nlangs) && *whole;
	free(langs);
}

static int write_body(FILE *f, void *arg)
{
	const bool *whole = arg;
	if (!*whole)
		return -1;   /* not all of it: not kept */
	for (size_t k = 0; k < SECTIONS; k++) {
		fprintf(f, "section %s %zu\n", sections[k], tables[k].count);
		for (size_t i = 0; i < tables[k].count; i++)
			fprintf(f, "%zu %s\n", tables[k].v[i].cps,
			        tables[k].v[i].s);
	}
	fputs("end\n", f);
	return 0;
}

static const herald_lang_cache labels_cache = {
	.topic = TOPIC,
	.format = "herald labels cache 3",
	.load = load_body,
	.build = gather_packs,
	.write = write_body,
};

static void gather_all(void)
{
	bool whole = true;
	herald_lang_cached(&labels_cache, &whole);
}

void herald_lang_any_prepare(void)
{
	pthread_once(&once, gather_all);
}

static const table *section(const char *name)
{
	herald_lang_any_prepare();
	/* the first byte first: every label test of every block asks */
	for (size_t k = 0; k < SECTIONS; k++)
		if (sections[k][0] == name[0] && strcmp(sections[k], name) == 0)
			return &tables[k];
	return NULL;   /* a section this file does not gather */
}

static bool ascii_caseeq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x |= 0x20;
		if (y >= 'A' && y <= 'Z')
			y |= 0x20;
		if (x != y)
			return false;
	}
	return true;
}

/* Whether entry e equals s[0..n) case folded.  ASCII folds to ASCII
 * only, so ASCII against ASCII is a byte compare, and ASCII against
 * anything else is no match (the few letters whose folding leaves
 * ASCII, the Kelvin sign or a long s, do not write labels). */
static bool same(const entry *e, const char *s, size_t n)
{
	bool ascii = is_ascii(s, n);

	if (e->ascii != ascii)
		return false;
	if (ascii)
		return n == e->len && ascii_caseeq(e->s, s, n);
	return herald_text_caseeq(e->s, e->len, s, n);
}

bool herald_lang_any_is(const char *name, const char *s, size_t n)
{
	const table *t = section(name);
	if (!t || n == 0)
		return false;
	size_t b = bucket_of((unsigned char)s[0]);

	for (size_t i = t->start[b]; i < t->start[b + 1]; i++)
		if (same(&t->v[i], s, n))
			return true;
	return false;
}

size_t herald_lang_any_prefix(const char *name, const char *s, size_t n)
{
	const table *t = section(name);
	size_t best = 0;
	if (!t || n == 0)
		return 0;
	size_t b = bucket_of((unsigned char)s[0]);

	for (size_t i = t->start[b]; i < t->start[b + 1]; i++) {
		const entry *e = &t->v[i];
		size_t at = 0, want = e->cps;
		uint32_t cp, last;
		/* ASCII folds to ASCII only: an entry opening in ASCII matches
		 * a text opening in ASCII, and only byte for byte, case aside
		 * (a cheap test first, as every block is tried) */
		bool e_ascii0 = (unsigned char)e->s[0] < 0x80;
		if (e_ascii0 != ((unsigned char)s[0] < 0x80))
			continue;
		/* case folding maps a letter to a letter and leaves the rest:
		 * first code points of which one only is a letter, or that
		 * differ and are not letters, cannot match (text opening with
		 * a quote or a dash is spared the full folding compare) */
		if (!e_ascii0) {
			uint32_t ec, sc;
			herald_utf8_next(e->s, e->len, &ec);
			herald_utf8_next(s, n, &sc);
			bool el = herald_cp_is_letter(ec), sl = herald_cp_is_letter(sc);
			if (el != sl || (!el && ec != sc))
				continue;
		}
		if (e->ascii) {
			if (e->len > n || e->len <= best ||
			    !ascii_caseeq(e->s, s, e->len))
				continue;
			at = e->len;
			want = 0;
		}
		while (want-- > 0 && at < n)
			at += herald_utf8_next(s + at, n - at, &cp);
		if (at <= best || (!e->ascii && !same(e, s, at)))
			continue;
		herald_utf8_prev(e->s, e->len, &last);
		/* a whole word: no letter or digit may follow a label ending
		 * in one ("By" is no byline in "Bystander") */
		if (at < n && herald_cp_is_alnum(last)) {
			herald_utf8_next(s + at, n - at, &cp);
			if (herald_cp_is_alnum(cp) || herald_cp_is_mark(cp))
				continue;
		}
		best = at;
	}
	return best;
}
