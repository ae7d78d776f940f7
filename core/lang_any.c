/* lang_any.c - entries of labels.txt in any language pack
 * (herald_lang_any_is, herald_lang_any_prefix in herald/lang.h).
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
#include <stdlib.h>
#include <string.h>

#include <herald/lang.h>
#include <herald/text.h>


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
 * each bucket starts. */
static void index_table(table *t)
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
		return;
	}
	for (size_t i = 0; i < t->count; i++)
		sorted[at[bucket_of((unsigned char)t->v[i].s[0])]++] = t->v[i];
	free(t->v);
	t->v = sorted;
}

/* Section k's entries of every pack, into tables[k]. */
static void gather(size_t k, const herald_lang *const *langs, size_t nlangs)
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
			if (!grown)
				break;   /* out of memory: the packs so far */
			t->v = grown;
			cap = want;
		}
		for (size_t i = 0; i < count; i++) {
			entry *x = &t->v[t->count++];
			x->s = e[i];
			x->len = strlen(e[i]);
			x->cps = herald_utf8_count(e[i], x->len);
			x->ascii = is_ascii(e[i], x->len);
		}
	}
	index_table(t);
}

/* Every pack (the generic one first) is looked up once, then each
 * section gathered from them. */
static void gather_all(void)
{
	size_t tags = 0, nlangs = 0;
	const char *const *avail = herald_lang_available(&tags);
	const herald_lang **langs = malloc((tags + 1) * sizeof *langs);
	if (!langs)
		return;   /* out of memory: every section reads as empty */
	langs[nlangs++] = herald_lang_generic();
	for (size_t t = 0; t < tags; t++)
		if ((langs[nlangs] = herald_lang_find(avail[t])))
			nlangs++;
	for (size_t k = 0; k < SECTIONS; k++)
		gather(k, langs, nlangs);
	free(langs);
}

static const table *section(const char *name)
{
	pthread_once(&once, gather_all);
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
