/* herald/text.h - the text layer: UTF-8, Unicode properties, case and
 * normalisation, for every reader, transform and writer.
 *
 * Backed by GNU libunistring (Unicode data tables and algorithms), with
 * ASCII fast paths so that the common case costs a compare, not a call
 * into the tables.  Nothing here allocates unless it says so.
 *
 * Conventions: strings are a pointer and a byte length (NUL is not an
 * end); a code point is a uint32_t; "space" means horizontal white space
 * (a line break is not space; see herald_cp_is_line_break).
 * OWNERSHIP: a returned non-const char * is the caller's to free().
 */
#ifndef HERALD_TEXT_H
#define HERALD_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HERALD_REPLACEMENT_CHAR 0xFFFDu

/* The Unicode tables are opened on first use, by whichever call first
 * meets a character beyond ASCII.  This opens them now: a plugin's
 * prepare hook (plugin.h) calls it so that a batch's workers do not wait
 * on it.  Thread-safe; any later call costs a load. */
void herald_text_prepare(void);

/* --- UTF-8 --------------------------------------------------------------- */

/* Bytes from s that are valid UTF-8 without NUL: n when all of s is. */
size_t herald_utf8_valid_prefix(const char *s, size_t n);
/* Whether all n bytes of s are valid UTF-8 and none is NUL. */
bool herald_utf8_is_valid(const char *s, size_t n);

/* Decode the code point at s (n > 0 bytes left) into *cp and return its
 * byte length (1..4).  An invalid or truncated sequence gives
 * HERALD_REPLACEMENT_CHAR and the length of the maximal bad subpart (at
 * least 1), so a loop over any bytes always advances. */
size_t herald_utf8_next(const char *s, size_t n, uint32_t *cp);
/* Most text is ASCII, and a call through the PLT per character cost a
 * tenth of a whole conversion: callers get the ASCII case inline, the
 * rest from the library (the parentheses name the function itself). */
static inline size_t herald_utf8_next_inline(const char *s, size_t n,
                                             uint32_t *cp)
{
	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	return (herald_utf8_next)(s, n, cp);
}
#define herald_utf8_next(s, n, cp) herald_utf8_next_inline((s), (n), (cp))
/* The code point that ends at s + n (n > 0), and its byte length.  On
 * invalid bytes, HERALD_REPLACEMENT_CHAR and length 1. */
size_t herald_utf8_prev(const char *s, size_t n, uint32_t *cp);
/* Write cp as UTF-8 into out (4 bytes room); returns the length, 0 when
 * cp is not a Unicode scalar value. */
size_t herald_utf8_encode(uint32_t cp, char out[4]);
/* Code points in n bytes (a bad sequence counts as one). */
size_t herald_utf8_count(const char *s, size_t n);

/* --- properties of one code point ---------------------------------------- */

bool herald_cp_is_space(uint32_t cp);        /* Zs, tab, VT, FF */
bool herald_cp_is_line_break(uint32_t cp);   /* LF, CR, NEL, LS, PS */
bool herald_cp_is_letter(uint32_t cp);       /* L* */
bool herald_cp_is_digit(uint32_t cp);        /* Nd */
bool herald_cp_is_alnum(uint32_t cp);        /* L*, N* */
bool herald_cp_is_mark(uint32_t cp);         /* M* (combining) */
bool herald_cp_is_upper(uint32_t cp);        /* Uppercase or Lt */
bool herald_cp_is_lower(uint32_t cp);        /* Lowercase */
bool herald_cp_is_punct(uint32_t cp);        /* P* */
/* Unicode Sentence_Terminal: . ! ? and 。 ۔ । ؟ ։ … in every script. */
bool herald_cp_is_sentence_terminal(uint32_t cp);
/* Quotation_Mark: " ' « » „ “ ” ‘ ’ 「 」 … */
bool herald_cp_is_quote(uint32_t cp);
/* Dash: - – — and their kin. */
bool herald_cp_is_dash(uint32_t cp);
/* Closing punctuation that may follow a sentence end: Pe, Pf, and the
 * quotation marks that close (", ', », ”, ’, 」, 』). */
bool herald_cp_is_closer(uint32_t cp);
/* Opening punctuation: Ps, Pi, and „ ‚ «. */
bool herald_cp_is_opener(uint32_t cp);

/* As for herald_utf8_next: the ASCII answer inline, so that a loop over
 * characters makes no call for most of them; the parentheses name the
 * functions themselves. */
static inline bool herald_cp_is_space_inline(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || cp == '\t' || cp == '\v' || cp == '\f';
	return (herald_cp_is_space)(cp);
}
static inline bool herald_cp_is_letter_inline(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	return (herald_cp_is_letter)(cp);
}
static inline bool herald_cp_is_digit_inline(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= '0' && cp <= '9';
	return (herald_cp_is_digit)(cp);
}
static inline bool herald_cp_is_alnum_inline(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) - 'a' < 26 || cp - '0' < 10;
	return (herald_cp_is_alnum)(cp);
}
static inline bool herald_cp_is_upper_inline(uint32_t cp)
{
	if (cp < 0x80)
		return cp - 'A' < 26;
	return (herald_cp_is_upper)(cp);
}
static inline bool herald_cp_is_lower_inline(uint32_t cp)
{
	if (cp < 0x80)
		return cp - 'a' < 26;
	return (herald_cp_is_lower)(cp);
}
static inline bool herald_cp_is_mark_inline(uint32_t cp)
{
	return cp >= 0x300 && (herald_cp_is_mark)(cp);
}
static inline bool herald_cp_is_quote_inline(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '"' || cp == '\'';
	return (herald_cp_is_quote)(cp);
}
static inline bool herald_cp_is_dash_inline(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '-';
	return (herald_cp_is_dash)(cp);
}
static inline bool herald_cp_is_sentence_terminal_inline(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '.' || cp == '!' || cp == '?';
	return (herald_cp_is_sentence_terminal)(cp);
}
static inline bool herald_cp_is_closer_inline(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
		       cp == '}';
	return (herald_cp_is_closer)(cp);
}
static inline bool herald_cp_is_line_break_inline(uint32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 ||
	       cp == 0x2029;
}
#define herald_cp_is_space(cp) herald_cp_is_space_inline(cp)
#define herald_cp_is_line_break(cp) herald_cp_is_line_break_inline(cp)
#define herald_cp_is_letter(cp) herald_cp_is_letter_inline(cp)
#define herald_cp_is_digit(cp) herald_cp_is_digit_inline(cp)
#define herald_cp_is_alnum(cp) herald_cp_is_alnum_inline(cp)
#define herald_cp_is_upper(cp) herald_cp_is_upper_inline(cp)
#define herald_cp_is_lower(cp) herald_cp_is_lower_inline(cp)
#define herald_cp_is_mark(cp) herald_cp_is_mark_inline(cp)
#define herald_cp_is_quote(cp) herald_cp_is_quote_inline(cp)
#define herald_cp_is_dash(cp) herald_cp_is_dash_inline(cp)
#define herald_cp_is_sentence_terminal(cp) \
	herald_cp_is_sentence_terminal_inline(cp)
#define herald_cp_is_closer(cp) herald_cp_is_closer_inline(cp)

/* Written without spaces between words: Han, Hiragana, Katakana,
 * Bopomofo, Thai, Lao, Khmer, Myanmar, Tibetan, and CJK punctuation and
 * fullwidth forms.  A soft line break between two such characters is
 * nothing, not a space. */
bool herald_cp_is_spaceless(uint32_t cp);
/* What a soft line break between the code points before and after it
 * stands for: true for a space, false for nothing. */
bool herald_soft_break_is_space(uint32_t before, uint32_t after);
/* The same for the soft break at byte i of s (n bytes), judged by the
 * characters either side of it in s; true at either end of s (for the
 * text of a model node, herald_node_soft_break_is_space in doc.h looks
 * past the ends). */
bool herald_text_soft_break_is_space(const char *s, size_t n, size_t i);

/* The Unicode script of cp, as its English name ("Latin", "Cyrillic",
 * "Han"), or "Common"/"Inherited"/"Unknown". */
const char *herald_cp_script(uint32_t cp);

/* --- strings ------------------------------------------------------------- */

/* The offset of the first byte of s[0..n) that is one of the count (1 to
 * 4) bytes of set, or, when beyond_ascii, any byte >= 0x80; n when none.
 * memchr for a few bytes at once (sixteen bytes at a time): for scans
 * that only stop at rare bytes, such as sentence ends. */
size_t herald_text_find_any(const char *s, size_t n, const char *set,
                            size_t count, bool beyond_ascii);

/* Bytes of ASCII above ' ' at the start of s (0x21..0x7F: the inside of
 * an ASCII word; every ASCII space and line end is at most ' '), found
 * sixteen bytes at a time. */
size_t herald_text_ascii_word_run(const char *s, size_t n);

/* Bytes of leading space (herald_cp_is_space) in s. */
size_t herald_text_skip_space(const char *s, size_t n);
/* Length of s once trailing space is dropped. */
size_t herald_text_trim_end(const char *s, size_t n);
/* Whether s holds only space (an empty string does). */
bool herald_text_is_blank(const char *s, size_t n);
/* Words: runs of non-space, non-line-break holding a letter or a digit;
 * each character of a spaceless script counts as a word. */
size_t herald_text_word_count(const char *s, size_t n);

/* Full Unicode case folding (Straße -> strasse, Über -> über), then NFC.
 * The result (NUL-terminated, malloc'd) and its length in *out_len; NULL
 * only when out of memory.  Invalid UTF-8 in s is folded as U+FFFD. */
char *herald_text_casefold(const char *s, size_t n, size_t *out_len);
/* Whether a and b are equal once both are case folded. */
bool herald_text_caseeq(const char *a, size_t an, const char *b, size_t bn);
/* NFC normalisation; as herald_text_casefold for the result. */
char *herald_text_nfc(const char *s, size_t n, size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif
