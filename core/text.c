/* text.c - the text layer (herald/text.h) over GNU libunistring.
 *
 * Every function tests ASCII first: most text in most archives is ASCII
 * and a compare is much cheaper than a lookup in libunistring's tables.
 * Above ASCII, the library answers, through the module core/unistring
 * (text_unistring.h), opened by the first text that needs it; no
 * Unicode table is copied here.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <herald/module.h>
#include <herald/text.h>

#include "text_unistring.h"

/* --- libunistring, opened on first need ------------------------------------ */

#ifndef HERALD_STATIC
/* Without the module nothing beyond ASCII is known: every byte above it
 * is invalid UTF-8 (so the decoder refuses such input, with its
 * position), no property holds, and case and normalisation leave text
 * as it is.  The warning naming the module says so first. */
static const uint8_t *nothing_valid(const uint8_t *s, size_t n)
{
	return n ? s : NULL;
}

static int bad_sequence(uint32_t *cp, const uint8_t *s, size_t n)
{
	(void)s;
	(void)n;
	*cp = HERALD_REPLACEMENT_CHAR;
	return 1;
}

static const uint8_t *bad_before(uint32_t *cp, const uint8_t *s,
                                 const uint8_t *start)
{
	(void)s;
	(void)start;
	*cp = HERALD_REPLACEMENT_CHAR;
	return NULL;
}

static int no_encoding(uint8_t *out, uint32_t cp, ptrdiff_t n)
{
	(void)out;
	(void)cp;
	(void)n;
	return -1;
}

static bool no_property(uint32_t cp)
{
	(void)cp;
	return false;
}

static const char *no_script(uint32_t cp)
{
	(void)cp;
	return NULL;
}

static uint8_t *unchanged(const uint8_t *s, size_t n, size_t *len)
{
	uint8_t *copy = malloc(n ? n : 1);
	if (copy)
		memcpy(copy, s, n);
	*len = n;
	return copy;
}

static int no_casecmp(const uint8_t *a, size_t an, const uint8_t *b,
                      size_t bn, int *result)
{
	(void)a;
	(void)an;
	(void)b;
	(void)bn;
	(void)result;
	return -1;   /* herald_text_caseeq compares the bytes then */
}

static int no_version(void)
{
	return 0;
}

static const core_unistring_functions without_unistring = {
	.check = nothing_valid, .mbtouc = bad_sequence, .prev = bad_before,
	.uctomb = no_encoding, .is_space = no_property,
	.is_letter = no_property, .is_digit = no_property,
	.is_alnum = no_property, .is_mark = no_property,
	.is_upper = no_property, .is_lower = no_property,
	.is_punct = no_property, .is_sentence_terminal = no_property,
	.is_quote = no_property, .is_dash = no_property,
	.is_closer = no_property, .is_opener = no_property,
	.script = no_script, .casefold = unchanged, .casecmp = no_casecmp,
	.nfc = unchanged, .version = no_version,
};
#endif

static const core_unistring_functions *unistring;
static pthread_once_t unistring_once = PTHREAD_ONCE_INIT;

static void open_unistring(void)
{
#ifdef HERALD_STATIC
	/* linked in: a static libherald has no modules to open */
	const core_unistring_functions *f = &core_unistring_module;
#else
	const core_unistring_functions *f = herald_module_symbol(
	        "unistring", "core_unistring_module",
	        "text beyond ASCII is not read");
	if (!f)
		f = &without_unistring;
#endif
	__atomic_store_n(&unistring, f, __ATOMIC_RELEASE);
}

const core_unistring_functions *core_unistring(void)
{
	/* every character beyond ASCII asks: one load once it is open */
	const core_unistring_functions *f =
	        __atomic_load_n(&unistring, __ATOMIC_ACQUIRE);
	if (f)
		return f;
	pthread_once(&unistring_once, open_unistring);
	return unistring;
}

void herald_text_prepare(void)
{
	(void)core_unistring();
}

/* --- UTF-8 ----------------------------------------------------------------- */

/* Eight bytes at a time: whether any of them is >= 0x80, or below n
 * (n <= 128; the classic test, exact for the word as a whole). */
#define ONES ((uint64_t)0x0101010101010101ull)
#define HIGHS ((uint64_t)0x8080808080808080ull)
#define ANY_HIGH(w) ((w) & HIGHS)
#define ANY_BELOW(w, n) (((w) - ONES * (n)) & ~(w) & HIGHS)

static uint64_t load8(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, sizeof w);
	return w;
}

/* Bytes of ASCII other than NUL at the start of p (n bytes).  Sixteen
 * bytes at a time where the machine has SSE2 (every x86-64), else
 * eight. */
static size_t ascii_run(const unsigned char *p, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128();
	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero))))
			break;
		i += 16;
	}
#endif
	while (i + 8 <= n) {
		uint64_t w = load8(p + i);
		if (ANY_HIGH(w) || ANY_BELOW(w, 1))
			break;
		i += 8;
	}
	while (i < n && p[i] && p[i] < 0x80)
		i++;
	return i;
}

size_t herald_utf8_valid_prefix(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		i += ascii_run(p + i, n - i);
		if (i == n || p[i] == 0)
			return i;
		/* A stretch of bytes >= 0x80: no sequence spans an ASCII
		 * byte, so libunistring checks exactly this stretch. */
		size_t end = i + 1;
		while (end < n && p[end] >= 0x80)
			end++;
		const uint8_t *bad = core_unistring()->check(p + i, end - i);
		if (bad)
			return (size_t)(bad - p);
		i = end;
	}
	return n;
}

bool herald_utf8_is_valid(const char *s, size_t n)
{
	return herald_utf8_valid_prefix(s, n) == n;
}

/* The length of the maximal subpart of the ill-formed sequence at s
 * (Unicode chapter 3, "U+FFFD substitution of maximal subparts"): the
 * longest start of a well-formed sequence, at least 1.  libunistring
 * 1.0 takes E0 80 AF (an overlong '/') or ED A0 80 (a surrogate) as one
 * bad character of 3 bytes; the standard, and herald's contract, count
 * each byte, since no well-formed sequence starts E0 80 or ED A0. */
static size_t bad_subpart(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t need;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		lo = c == 0xE0 ? 0xA0 : 0x80;
		hi = c == 0xED ? 0x9F : 0xBF;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		lo = c == 0xF0 ? 0x90 : 0x80;
		hi = c == 0xF4 ? 0x8F : 0xBF;
	} else {
		return 1;
	}
	if (n < 2 || s[1] < lo || s[1] > hi)
		return 1;
	size_t i = 2;
	while (i < need && i < n && (s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

size_t (herald_utf8_next)(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char c = (unsigned char)s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	uint32_t uc;
	int len = core_unistring()->mbtouc(&uc, (const uint8_t *)s, n);
	*cp = uc;
	if (uc == HERALD_REPLACEMENT_CHAR &&
	    !(len == 3 && memcmp(s, "\xEF\xBF\xBD", 3) == 0))
		return bad_subpart((const unsigned char *)s, n);
	return len > 0 ? (size_t)len : 1;
}

size_t herald_utf8_prev(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char c = (unsigned char)s[n - 1];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	uint32_t uc;
	const uint8_t *end = (const uint8_t *)s + n;
	const uint8_t *start = core_unistring()->prev(&uc, end,
	                                              (const uint8_t *)s);
	if (!start) {
		*cp = HERALD_REPLACEMENT_CHAR;
		return 1;
	}
	*cp = uc;
	return (size_t)(end - start);
}

size_t herald_utf8_encode(uint32_t cp, char out[4])
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	int len = core_unistring()->uctomb((uint8_t *)out, cp, 4);
	return len > 0 ? (size_t)len : 0;
}

/* Bytes of ASCII at the start of p (n bytes), NUL included. */
static size_t seven_bit_run(const unsigned char *p, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	while (i + 16 <= n &&
	       !_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + i))))
		i += 16;
#endif
	while (i + 8 <= n && !ANY_HIGH(load8(p + i)))
		i += 8;
	while (i < n && p[i] < 0x80)
		i++;
	return i;
}

size_t herald_utf8_count(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t count = 0;
	for (size_t i = 0; i < n; count++) {
		if (p[i] < 0x80) {
			/* One code point a byte: an ASCII run counts whole. */
			size_t run = 1 + seven_bit_run(p + i + 1, n - i - 1);
			i += run;
			count += run - 1;
			continue;
		}
		uint32_t cp;
		i += herald_utf8_next(s + i, n - i, &cp);
	}
	return count;
}

/* --- properties -------------------------------------------------------------- */

bool (herald_cp_is_space)(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || cp == '\t' || cp == '\v' || cp == '\f';
	return core_unistring()->is_space(cp);
}

bool (herald_cp_is_line_break)(uint32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 ||
	       cp == 0x2029;
}

bool (herald_cp_is_letter)(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	return core_unistring()->is_letter(cp);
}

bool (herald_cp_is_digit)(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= '0' && cp <= '9';
	return core_unistring()->is_digit(cp);
}

bool (herald_cp_is_alnum)(uint32_t cp)
{
	if (cp < 0x80)
		return herald_cp_is_letter(cp) || herald_cp_is_digit(cp);
	return core_unistring()->is_alnum(cp);
}

bool (herald_cp_is_mark)(uint32_t cp)
{
	return cp >= 0x300 && core_unistring()->is_mark(cp);
}

bool (herald_cp_is_upper)(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return core_unistring()->is_upper(cp);
}

bool (herald_cp_is_lower)(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return core_unistring()->is_lower(cp);
}

bool herald_cp_is_punct(uint32_t cp)
{
	/* ASCII's P*: tests/unit/test_text.c holds it to libunistring */
	if (cp < 0x80)
		return cp && strchr("!\"#%&'()*,-./:;?@[\\]_{}", (int)cp);
	return core_unistring()->is_punct(cp);
}

bool (herald_cp_is_sentence_terminal)(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '.' || cp == '!' || cp == '?';
	return core_unistring()->is_sentence_terminal(cp);
}

bool (herald_cp_is_quote)(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '"' || cp == '\'';
	return core_unistring()->is_quote(cp);
}

bool (herald_cp_is_dash)(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '-';
	return core_unistring()->is_dash(cp);
}

bool (herald_cp_is_closer)(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
		       cp == '}';
	return core_unistring()->is_closer(cp);
}

bool herald_cp_is_opener(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '"' || cp == '\'' || cp == '(' || cp == '[' ||
		       cp == '{';
	return core_unistring()->is_opener(cp);
}

const char *herald_cp_script(uint32_t cp)
{
	const char *name = core_unistring()->script(cp);
	return name ? name : "Unknown";
}

/* Scripts whose words are not separated by spaces. */
static bool spaceless_script(const char *name)
{
	static const char *const names[] = {
		"Han", "Hiragana", "Katakana", "Bopomofo", "Thai", "Lao",
		"Khmer", "Myanmar", "Tibetan", "Yi"
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

bool herald_cp_is_spaceless(uint32_t cp)
{
	if (cp < 0x0E00)
		return false;
	/* CJK symbols and punctuation, the fullwidth and halfwidth forms
	 * of CJK punctuation and kana, and the whole kana blocks: some are
	 * script Common (the prolonged sound mark of ラーメン, the middle
	 * dot ・) or Inherited (the combining voicing marks), but they belong
	 * to text written without spaces. */
	if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x3040 && cp <= 0x30FF) ||
	    (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFF61 && cp <= 0xFF9F) || (cp >= 0xFE30 && cp <= 0xFE4F))
		return cp != 0x3000;   /* the ideographic space is a space */
	return spaceless_script(herald_cp_script(cp));
}

bool herald_soft_break_is_space(uint32_t before, uint32_t after)
{
	return !(herald_cp_is_spaceless(before) &&
	         herald_cp_is_spaceless(after));
}

/* The soft break at byte i of s, judged by the characters either side; the
 * text of model nodes goes through herald_node_soft_break_is_space
 * (doc.c), which also looks into the neighbouring inlines. */
bool herald_text_soft_break_is_space(const char *s, size_t n, size_t i)
{
	uint32_t before, after;

	if (i == 0 || i + 1 >= n)
		return true;
	herald_utf8_prev(s, i, &before);
	herald_utf8_next(s + i + 1, n - i - 1, &after);
	return herald_soft_break_is_space(before, after);
}

/* --- strings ------------------------------------------------------------------ */

#ifdef __SSE2__
/* The bytes of v that are one of b[0..3], or >= 0x80 where high is all
 * 0x80, as a bit mask. */
static unsigned any_of16(__m128i v, const __m128i b[4], __m128i high)
{
	__m128i hit = _mm_or_si128(
	        _mm_or_si128(_mm_cmpeq_epi8(v, b[0]), _mm_cmpeq_epi8(v, b[1])),
	        _mm_or_si128(_mm_cmpeq_epi8(v, b[2]), _mm_cmpeq_epi8(v, b[3])));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(hit,
	                                                _mm_and_si128(v, high)));
}
#endif

size_t herald_text_find_any(const char *s, size_t n, const char *set,
                            size_t count, bool beyond_ascii)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char b[4];
	size_t i = 0;

	if (count == 0 || count > 4)
		return beyond_ascii ? seven_bit_run(p, n) : n;
	for (size_t k = 0; k < 4; k++)
		b[k] = (unsigned char)set[k < count ? k : 0];
#ifdef __SSE2__
	const __m128i wanted[4] = {
		_mm_set1_epi8((char)b[0]), _mm_set1_epi8((char)b[1]),
		_mm_set1_epi8((char)b[2]), _mm_set1_epi8((char)b[3])
	};
	const __m128i high = beyond_ascii ? _mm_set1_epi8((char)0x80)
	                                  : _mm_setzero_si128();
	for (; i + 16 <= n; i += 16) {
		unsigned mask = any_of16(
		        _mm_loadu_si128((const __m128i *)(const void *)(p + i)),
		        wanted, high);
		if (mask)
			return i + (size_t)__builtin_ctz(mask);
	}
	if (i < n && n >= 16) {
		/* the tail: the last sixteen bytes, those already seen
		 * masked off, rather than a byte at a time */
		size_t last = n - 16;
		unsigned mask = any_of16(
		        _mm_loadu_si128((const __m128i *)(const void *)(p + last)),
		        wanted, high);
		mask &= ~0u << (i - last);
		return mask ? last + (size_t)__builtin_ctz(mask) : n;
	}
#endif
	for (; i < n; i++)
		if (p[i] == b[0] || p[i] == b[1] || p[i] == b[2] || p[i] == b[3] ||
		    (beyond_ascii && p[i] >= 0x80))
			return i;
	return n;
}

size_t herald_text_ascii_word_run(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
#ifdef __SSE2__
	/* as signed bytes, the ones wanted are those above 0x20 */
	const __m128i space = _mm_set1_epi8(0x20);
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		int mask = _mm_movemask_epi8(_mm_cmpgt_epi8(v, space));
		if (mask != 0xFFFF)
			return i + (size_t)__builtin_ctz(~(unsigned)mask);
	}
#endif
	while (i < n && p[i] > ' ' && p[i] < 0x80)
		i++;
	return i;
}

size_t herald_text_skip_space(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (!herald_cp_is_space(c))
				break;
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = herald_utf8_next(s + i, n - i, &cp);
		if (!herald_cp_is_space(cp))
			break;
		i += len;
	}
	return i;
}

size_t herald_text_trim_end(const char *s, size_t n)
{
	while (n > 0) {
		unsigned char c = (unsigned char)s[n - 1];
		if (c < 0x80) {
			if (!herald_cp_is_space(c))
				break;
			n--;
			continue;
		}
		uint32_t cp;
		size_t len = herald_utf8_prev(s, n, &cp);
		if (!herald_cp_is_space(cp))
			break;
		n -= len;
	}
	return n;
}

bool herald_text_is_blank(const char *s, size_t n)
{
	return herald_text_skip_space(s, n) == n;
}

size_t herald_text_word_count(const char *s, size_t n)
{
	size_t words = 0;
	bool counted = false;   /* the current run already holds an alnum */
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = c;
		size_t len = 1;
		if (c >= 0x80)
			len = herald_utf8_next(s + i, n - i, &cp);
		i += len;
		if (herald_cp_is_space(cp) || herald_cp_is_line_break(cp)) {
			counted = false;
			continue;
		}
		if (c >= 0x80 && herald_cp_is_spaceless(cp)) {
			/* Each character of a spaceless script is a word;
			 * its punctuation is not. */
			words += herald_cp_is_alnum(cp);
			counted = false;
			continue;
		}
		if (!counted && herald_cp_is_alnum(cp)) {
			words++;
			counted = true;
		}
	}
	return words;
}

/* libunistring's result r of len bytes as a NUL-terminated string. */
static char *terminated(uint8_t *r, size_t len, size_t *out_len)
{
	if (!r)
		return NULL;
	char *out = realloc(r, len + 1);
	if (!out) {
		free(r);
		return NULL;
	}
	out[len] = '\0';
	if (out_len)
		*out_len = len;
	return out;
}

char *herald_text_casefold(const char *s, size_t n, size_t *out_len)
{
	size_t len = 0;
	uint8_t *r = core_unistring()->casefold((const uint8_t *)s, n, &len);
	return terminated(r, len, out_len);
}

bool herald_text_caseeq(const char *a, size_t an, const char *b, size_t bn)
{
	int result = 1;
	if (core_unistring()->casecmp((const uint8_t *)a, an,
	                              (const uint8_t *)b, bn, &result) != 0)
		return an == bn && memcmp(a, b, an) == 0;
	return result == 0;
}

char *herald_text_nfc(const char *s, size_t n, size_t *out_len)
{
	size_t len = 0;
	uint8_t *r = core_unistring()->nfc((const uint8_t *)s, n, &len);
	return terminated(r, len, out_len);
}
