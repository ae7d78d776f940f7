/* plugins/bulletin/labels.c - the reader's words, from the language packs.
 *
 * Every pack's labels.txt is consulted at once: a document's language is
 * often unknown when its structure is read, and a turn label written in
 * any packed language is a label.  Packs are loaded once per process by
 * libherald and shared; the lists are short, so a lookup is a scan.
 */
#include <string.h>

#include <herald/lang.h>
#include <herald/text.h>

#include "bulletin.h"

#define TOPIC "labels"

typedef bool (*entry_fn)(const char *entry, size_t elen, const char *s,
                         size_t n, size_t *best);

/* Call fn on every entry of [section] in the generic pack and in every
 * other pack found; stops early when fn says so. */
static bool each_entry(const char *section, entry_fn fn, const char *s,
                       size_t n, size_t *best)
{
	size_t tags = 0, count = 0;
	const char *const *avail = herald_lang_available(&tags);

	for (size_t t = 0; t <= tags; t++) {
		const herald_lang *lang = t == 0 ? herald_lang_generic()
		                                 : herald_lang_get(avail[t - 1]);
		if (!lang)
			continue;
		const char *const *e = herald_lang_entries(lang, TOPIC, section,
		                                           &count);
		for (size_t i = 0; i < count; i++)
			if (fn(e[i], strlen(e[i]), s, n, best))
				return true;
	}
	return false;
}

static bool equal_fn(const char *entry, size_t elen, const char *s, size_t n,
                     size_t *best)
{
	(void)best;
	return herald_text_caseeq(entry, elen, s, n);
}

bool herald_bulletin_label_is(const char *section, const char *s, size_t n)
{
	return n > 0 && each_entry(section, equal_fn, s, n, NULL);
}

/* The bytes of s holding as many code points as entry has. */
static size_t same_span(const char *entry, size_t elen, const char *s,
                        size_t n)
{
	size_t want = herald_utf8_count(entry, elen), at = 0;
	uint32_t cp;

	while (want-- > 0 && at < n)
		at += herald_utf8_next(s + at, n - at, &cp);
	return at;
}

static bool prefix_fn(const char *entry, size_t elen, const char *s,
                      size_t n, size_t *best)
{
	size_t at = same_span(entry, elen, s, n);
	uint32_t cp, last;

	if (at == 0 || at <= *best || !herald_text_caseeq(entry, elen, s, at))
		return false;
	herald_utf8_prev(entry, elen, &last);
	/* A whole word: no letter or digit may follow a label ending in one
	 * ("By" is no byline in "Bystander"). */
	if (at < n && herald_cp_is_alnum(last)) {
		herald_utf8_next(s + at, n - at, &cp);
		if (herald_cp_is_alnum(cp) || herald_cp_is_mark(cp))
			return false;
	}
	*best = at;
	return false;
}

size_t herald_bulletin_label_prefix(const char *section, const char *s,
                                    size_t n)
{
	size_t best = 0;

	if (n > 0)
		each_entry(section, prefix_fn, s, n, &best);
	return best;
}
