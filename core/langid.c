/* langid.c - language identification (herald_lang_identify in
 * herald/lang.h), backed by CLD2 through core/langid_cld2.cc.
 *
 * Why CLD2 and not libexttextcat, and how the choice was measured:
 * doc/languages.md, "Language identification".
 *
 * The library sees a SAMPLE of the text, not the text: the letters of the
 * first LANGID_SAMPLE_MAX bytes of prose, words separated by one space.
 * Markup (Markdown, YAML front matter, HTML tags and entities), addresses
 * (URLs) and digits are dropped on the way: they look alike in every
 * language and are mostly ASCII, so a Chinese bulletin full of links
 * would otherwise lean towards English.  The sample is bounded, so a call
 * costs the same on a 1 GB file as on a 20 KB one, and at most
 * LANGID_SCAN_MAX bytes of input are looked at to fill it.
 *
 * CLD2 (C++, and its runtime with it) is a module opened at the first
 * sample long enough to identify (herald/module.h says why): a document
 * whose language is given, or too short to tell, never loads it.
 *
 * Thread-safety: nothing here is shared (the sample lives on the caller's
 * stack) but the module, opened once, and CLD2 keeps no state between
 * calls (its tables are constant).
 */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <herald/lang.h>
#include <herald/module.h>
#include <herald/text.h>

#include "langid.h"

/* Bytes of sample handed to CLD2.  CLD2 is right on a few hundred bytes
 * of prose (every 150-character cut in tests/unit/langid is right); 4 KB
 * makes a long document's verdict rest on its opening paragraphs rather
 * than on a title.  12 KB was as right and cost 0.5 ms a document, more
 * than the rest of reading a 55 KB bulletin to JSON. */
#define LANGID_SAMPLE_MAX 4096
/* Bytes of input scanned to fill the sample: a file that is all markup,
 * numbers or binary stops here instead of being read to its end. */
#define LANGID_SCAN_MAX (1u << 20)
/* Fewer letters than this is "too short to tell": a heading or a name
 * ("Paris", "Update") says nothing about the language around it.  A
 * letter of a script written without spaces (Han, kana, Thai) carries
 * about a word, so it counts as LANGID_SPACELESS_WEIGHT letters. */
#define LANGID_MIN_LETTERS 16
#define LANGID_SPACELESS_WEIGHT 3
/* Below this share of the sample (in CLD2's percent) in one language the
 * text is "too mixed" to have one: a third of it in another language is
 * more than quotes and names, and a wrong tag is worse than none. */
#define LANGID_MIN_PERCENT 67
/* An HTML tag, entity or Markdown link target longer than this is not
 * one: the '<', '&' or "](" was prose, and skipping on would eat the
 * text after it.  The bound also keeps the search for the close linear. */
#define LANGID_TAG_MAX 256
#define LANGID_ENTITY_MAX 12

typedef struct {
	char buf[LANGID_SAMPLE_MAX];
	size_t len;
	size_t letters;     /* weighted, see LANGID_SPACELESS_WEIGHT */
	bool gap;           /* a space is due before the next letter */
	bool full;
} langid_sample;

/* --- sampling ------------------------------------------------------------ */

static bool starts_with(const char *s, size_t n, const char *prefix)
{
	size_t len = strlen(prefix);
	return n >= len && memcmp(s, prefix, len) == 0;
}

/* starts_with, ASCII letters in s matched in any case ("HTTPS://"). */
static bool starts_with_nocase(const char *s, size_t n, const char *prefix)
{
	size_t len = strlen(prefix);
	if (n < len)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != prefix[i])
			return false;
	}
	return true;
}

/* The length of the line at s, without its '\n'. */
static size_t line_length(const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n);
	return nl ? (size_t)(nl - s) : n;
}

/* Whether the line at s (len bytes) is a YAML document marker, "---" or
 * "...", trailing blanks and a CR allowed. */
static bool yaml_marker(const char *s, size_t len)
{
	if (!starts_with(s, len, "---") && !starts_with(s, len, "..."))
		return false;
	for (size_t i = 3; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* Bytes of YAML front matter at the start of s: a "---" line, and all to
 * the closing "---" or "..." line.  Its keys ("title:", "date:") are
 * English whatever the document's language.  0 when there is none, or
 * no closing line: then the "---" was a rule and what follows is prose. */
static size_t front_matter(const char *s, size_t n)
{
	size_t len = line_length(s, n);
	if (len == n || s[0] != '-' || !yaml_marker(s, len))
		return 0;
	for (size_t i = len + 1; i < n;) {
		size_t l = line_length(s + i, n - i);
		if (yaml_marker(s + i, l))
			return i + l < n ? i + l + 1 : n;
		i += l + 1;
	}
	return 0;
}

/* Bytes of the address starting at s ("https://...", "www...."), or 0.
 * It runs to white space or to what closes it in prose and markup. */
static size_t address_length(const char *s, size_t n)
{
	static const char *const starts[] = {
		"http://", "https://", "ftp://", "file://", "mailto:", "www."
	};
	bool found = false;
	for (size_t k = 0; !found && k < sizeof(starts) / sizeof(starts[0]); k++)
		found = starts_with_nocase(s, n, starts[k]);
	if (!found)
		return 0;
	size_t i = 0;
	while (i < n && !strchr(" \t\r\n<>\"')]}", s[i]) && s[i] != '\0')
		i++;
	return i;
}

/* Tag and entity names are ASCII. */
static bool ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Bytes of the HTML tag, comment or entity at s ('<' or '&'), or 0 when
 * it is not one. */
static size_t markup_length(const char *s, size_t n)
{
	if (s[0] == '<') {
		/* "<b>", "</p>", "<!-- x -->", "<img src=...>"; "a < b" is
		 * prose. */
		if (n < 2 || !(ascii_letter(s[1]) || s[1] == '/' || s[1] == '!'))
			return 0;
		size_t max = n < LANGID_TAG_MAX ? n : LANGID_TAG_MAX;
		const char *close = memchr(s, '>', max);
		return close ? (size_t)(close - s) + 1 : 0;
	}
	/* "&nbsp;", "&#160;", "&#x2014;" */
	size_t i = 1;
	if (i < n && s[i] == '#')
		i++;
	size_t start = i;
	while (i < n && i < LANGID_ENTITY_MAX &&
	       (ascii_letter(s[i]) || (s[i] >= '0' && s[i] <= '9')))
		i++;
	return i > start && i < n && s[i] == ';' ? i + 1 : 0;
}

/* Append len bytes at s to the sample (a space first when one is due),
 * counting weight letters. */
static void sample_append(langid_sample *sm, const char *s, size_t len,
                          size_t weight)
{
	bool space = sm->gap && sm->len > 0;
	if (sm->len + space + len > sizeof(sm->buf)) {
		sm->full = true;
		return;
	}
	if (space)
		sm->buf[sm->len++] = ' ';
	memcpy(sm->buf + sm->len, s, len);
	sm->len += len;
	sm->gap = false;
	sm->letters += weight;
}

/* Append the run of n ASCII letters at s, as far as it fits (as the
 * same letters appended one by one would): one copy for a word's
 * letters rather than a call for each. */
static void sample_ascii_word(langid_sample *sm, const char *s, size_t n)
{
	bool space = sm->gap && sm->len > 0;
	size_t room = sizeof(sm->buf) - sm->len;
	if (space + n > room) {
		n = room > space ? room - space : 0;
		sm->full = true;
	}
	if (n > 0)
		sample_append(sm, s, n, n);
}

/* Whether an address (address_length) may start with byte c. */
static bool may_start_address(unsigned char c)
{
	return c && strchr("hHfFmMwW", c);
}

/* Bytes of markup or address at s + i that the sample leaves out, or 0. */
static size_t skipped_length(const langid_sample *sm, const char *s,
                             size_t i, size_t n)
{
	unsigned char c = (unsigned char)s[i];
	if (c == '<' || c == '&')
		return markup_length(s + i, n - i);
	if (c == ']' && i + 1 < n && s[i + 1] == '(') {
		/* A Markdown link's target, "[text](target)", even a relative
		 * one that address_length does not know; on one line, and
		 * looked for only so far, so that a line of "](" without
		 * ")" costs linear time. */
		const char *target = s + i + 2;
		size_t max = n - i - 2 < LANGID_TAG_MAX ? n - i - 2 : LANGID_TAG_MAX;
		const char *close = memchr(target, ')', max);
		if (!close || memchr(target, '\n', (size_t)(close - target)))
			return 0;
		return (size_t)(close - (s + i)) + 1;
	}
	/* An address starts a word: "showwww.x" is a word. */
	if ((sm->gap || sm->len == 0) && may_start_address(c))
		return address_length(s + i, n - i);
	return 0;
}

/* Fill the sample from the prose of s: letters, the combining marks on
 * them (Devanagari vowel signs, Arabic harakat) and apostrophes inside
 * words ("l'année", "don't"); anything else separates words.  Invalid
 * UTF-8 separates words too, so the sample is always valid UTF-8. */
static void sample_text(langid_sample *sm, const char *s, size_t n)
{
	if (n > LANGID_SCAN_MAX)
		n = LANGID_SCAN_MAX;
	size_t i = front_matter(s, n);
	while (i < n && !sm->full) {
		unsigned char c = (unsigned char)s[i];
		bool word_start = sm->gap || sm->len == 0;
		/* ASCII needs no decoding: a word's letters go in with one
		 * copy (its first alone where an address may start), and a
		 * space or a digit only separates words */
		if (ascii_letter((char)c) && !(word_start && may_start_address(c))) {
			size_t j = i + 1;
			while (j < n && ascii_letter(s[j]))
				j++;
			sample_ascii_word(sm, s + i, j - i);
			i = j;
			continue;
		}
		if (c == ' ' || c == '\n' || (c >= '0' && c <= '9')) {
			sm->gap = true;
			i++;
			continue;
		}
		size_t skip = skipped_length(sm, s, i, n);
		if (skip) {
			i += skip;
			sm->gap = true;
			continue;
		}
		uint32_t cp;
		size_t len = herald_utf8_next(s + i, n - i, &cp);
		bool in_word = !sm->gap && sm->len > 0;
		if (herald_cp_is_letter(cp)) {
			sample_append(sm, s + i, len, herald_cp_is_spaceless(cp)
			              ? LANGID_SPACELESS_WEIGHT : 1);
		} else if (in_word && herald_cp_is_mark(cp)) {
			sample_append(sm, s + i, len, 0);
		} else if (in_word && (cp == '\'' || cp == 0x2019) && i + len < n) {
			/* Only between two letters: a closing quote is not
			 * part of a word. */
			uint32_t next;
			herald_utf8_next(s + i + len, n - i - len, &next);
			if (herald_cp_is_letter(next))
				sample_append(sm, s + i, len, 0);
			else
				sm->gap = true;
		} else {
			sm->gap = true;
		}
		i += len;
	}
}

/* --- CLD2 ---------------------------------------------------------------- */

typedef int cld2_detect_fn(const char *text, size_t len, const char **code,
                           int *percent, int *reliable);

#ifdef HERALD_STATIC
/* Linked in: a static libherald has no modules to open. */
static cld2_detect_fn *cld2_detect(void)
{
	return core_cld2_detect;
}
#else
static cld2_detect_fn *cld2_fn;
static pthread_once_t cld2_once = PTHREAD_ONCE_INIT;

static void open_cld2(void)
{
	cld2_fn = (cld2_detect_fn *)herald_module_symbol(
	        "cld2", "core_cld2_detect", "languages are not identified");
}

/* The shim in the module core/cld2, opened on first use; NULL when it
 * cannot be (reported once). */
static cld2_detect_fn *cld2_detect(void)
{
	pthread_once(&cld2_once, open_cld2);
	return cld2_fn;
}
#endif

/* --- tags -------------------------------------------------------------------- */

/* CLD2's code for a language as a BCP 47 tag; NULL for CLD2's "no
 * language" codes ("un", "xxx", and the script-only "xx-Latn",
 * "zzb" pseudo-languages). */
static const char *bcp47_of(const char *code)
{
	/* CLD2 keeps a few codes BCP 47 has deprecated, and names
	 * Simplified Chinese "zh" beside "zh-Hant": the script subtag is
	 * kept for both (herald_lang_find("zh-Hans") falls back to the zh
	 * pack, and HTML's lang= is more precise for it). */
	static const char *const renamed[][2] = {
		{ "iw", "he" }, { "jw", "jv" }, { "zh", "zh-Hans" },
	};
	if (!code || !*code || strcmp(code, "un") == 0 ||
	    strcmp(code, "xxx") == 0 || starts_with(code, strlen(code), "xx-") ||
	    starts_with(code, strlen(code), "zz"))
		return NULL;
	for (size_t i = 0; i < sizeof(renamed) / sizeof(renamed[0]); i++)
		if (strcmp(code, renamed[i][0]) == 0)
			return renamed[i][1];
	return code;
}

static int set_tag(char *tag, size_t size, const char *value)
{
	if (tag && size > 0)
		snprintf(tag, size, "%s", value);
	return strcmp(value, "und") == 0 ? -1 : 0;
}

void herald_lang_identify_prepare(void)
{
	(void)cld2_detect();
}

int herald_lang_identify(const char *text, size_t len, char *tag, size_t size)
{
	if (!text || len == 0)
		return set_tag(tag, size, "und");
	langid_sample sm;
	sm.len = sm.letters = 0;
	sm.gap = sm.full = false;
	sample_text(&sm, text, len);
	if (sm.letters < LANGID_MIN_LETTERS)
		return set_tag(tag, size, "und");
	const char *code = NULL;
	int percent = 0, reliable = 0;
	cld2_detect_fn *detect = cld2_detect();
	if (!detect || detect(sm.buf, sm.len, &code, &percent, &reliable) != 0)
		return set_tag(tag, size, "und");
	const char *bcp47 = bcp47_of(code);
	if (!bcp47 || !reliable || percent < LANGID_MIN_PERCENT)
		return set_tag(tag, size, "und");
	/* A tag that does not fit is not returned cut short ("zh-Ha"). */
	if (tag && size > strlen(bcp47))
		return set_tag(tag, size, bcp47);
	return set_tag(tag, size, "und");
}
