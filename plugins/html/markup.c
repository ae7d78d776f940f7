/* markup.c - text, dates, languages and URLs made safe for XML and HTML. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <herald/text.h>

#include "markup.h"

void *herald_markup_open_state(size_t size, const char *writer,
                               herald_diag *diag)
{
	void *state = calloc(1, size);

	xmlInitParser();
	if (state == NULL)
		herald_error(diag, "%s: out of memory", writer);
	return state;
}

/* Keep the first of libxml2's messages, as one line. */
static void keep_message(herald_markup_errors *errors, const char *msg)
{
	size_t n;

	if (errors->count++ > 0 || msg == NULL)
		return;
	snprintf(errors->first, sizeof errors->first, "%s", msg);
	n = strcspn(errors->first, "\n");
	while (n > 0 && errors->first[n - 1] == ' ')
		n--;
	errors->first[n] = '\0';
}

static void on_structured_error(void *ctx, xmlErrorPtr error)
{
	herald_markup_errors *errors = ctx;
	int saved = errno;          /* what the failed write() left */

	if (error->domain == XML_FROM_IO && errors->saved_errno == 0 &&
	    saved != 0)
		errors->saved_errno = saved;
	keep_message(errors, error->message);
}

/* The few places in libxml2 that print without an xmlError: pieces of
 * one message arrive in several calls, and only the first matters. */
static void on_generic_error(void *ctx, const char *fmt, ...)
{
	herald_markup_errors *errors = ctx;
	char line[sizeof errors->first];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	keep_message(errors, line);
}

void herald_markup_errors_begin(herald_markup_errors *errors,
                                const char *writer, herald_diag *diag)
{
	memset(errors, 0, sizeof *errors);
	errors->diag = diag;
	errors->writer = writer;
	/* xmlStructuredError and friends are this thread's own */
	errors->old_structured = xmlStructuredError;
	errors->old_structured_ctx = xmlStructuredErrorContext;
	errors->old_generic = xmlGenericError;
	errors->old_generic_ctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(errors, on_structured_error);
	xmlSetGenericErrorFunc(errors, on_generic_error);
}

int herald_markup_errors_end(herald_markup_errors *errors, int failed)
{
	xmlSetStructuredErrorFunc(errors->old_structured_ctx,
	                          errors->old_structured);
	xmlSetGenericErrorFunc(errors->old_generic_ctx,
	                       errors->old_generic);
	if (failed) {
		if (errors->first[0] != '\0')
			herald_error(errors->diag, "%s: cannot write the output: %s",
			             errors->writer, errors->first);
		else
			herald_error(errors->diag, "%s: cannot write the output",
			             errors->writer);
		if (errors->saved_errno != 0)
			errno = errors->saved_errno;
		return HERALD_EIO;
	}
	if (errors->count > 0)
		herald_warning(errors->diag, "%s: libxml2: %s%s", errors->writer,
		               errors->first[0] ? errors->first : "an error",
		               errors->count > 1 ? " (and more)" : "");
	return HERALD_OK;
}

#define REPLACEMENT "\xEF\xBF\xBD"    /* U+FFFD in UTF-8 */

/* XML 1.0 forbids most controls; HTML5 also calls C1 controls and
 * noncharacters parse errors.  Text may hold neither. */
static int forbidden_char(uint32_t c)
{
	if (c < 0x20)
		return c != '\t' && c != '\n' && c != '\r';
	if (c >= 0x7F && c <= 0x9F)
		return 1;
	if (c >= 0xFDD0 && c <= 0xFDEF)
		return 1;
	return (c & 0xFFFE) == 0xFFFE;
}


/* Bytes that stand for themselves in text: printable ASCII, tab and CR.
 * Runs of them are skipped (or copied) whole; only a newline, a control
 * and a non-ASCII byte need a look. */
static inline int plain_byte(unsigned char c)
{
	return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\r';
}

/* Whether the eight bytes at u may hold one that is not printable
 * ASCII: one >= 0x80, one that reaches 0x80 when one is added (0x7F), or
 * one below 0x20 (borrows may add false alarms, which only hand the word
 * to the caller's byte loop). */
static inline int word_not_plain(const unsigned char *u)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t v;

	memcpy(&v, u, 8);
	return ((v | (v + ones) | ((v - 0x20 * ones) & ~v)) & highs) != 0;
}

/* Where the run of printable ASCII from u[i] stops being whole words:
 * eight bytes at a time (the caller's byte loop takes the rest, tab and
 * CR included). */
static size_t plain_words(const unsigned char *u, size_t i, size_t n)
{
	while (i + 8 <= n && !word_not_plain(u + i))
		i += 8;
	return i;
}

/* Whether the soft break at byte i of s (n bytes) stands for a space.
 * Next to an ASCII character it always does (ASCII is no spaceless
 * script), which spares decoding; inside the text the characters either
 * side decide, and only at either end of the text of node do the
 * neighbouring inlines (asking the model measures the whole text: once
 * per break, a paragraph of n lines cost n^2). */
static int break_is_space(const char *s, size_t n, size_t i,
                          const herald_node *node)
{
	if (i > 0 && i + 1 < n) {
		if ((unsigned char)s[i - 1] < 0x80 || (unsigned char)s[i + 1] < 0x80)
			return 1;
		return herald_text_soft_break_is_space(s, n, i);
	}
	return node != NULL ? herald_node_soft_break_is_space(node, i)
	                    : herald_text_soft_break_is_space(s, n, i);
}

enum { CLEAN_KEEP, CLEAN_BAD, CLEAN_DROP };

/* The length of the character at u[i] when it is well formed and in a
 * range that holds no forbidden character and no U+FFFD (U+00A0..U+07FF,
 * U+1000..U+CFFF, U+E000..U+EFFF: most letters and punctuation outside
 * ASCII), so that keeping it needs no decoding; 0 for anything else. */
static inline size_t quiet_char(const unsigned char *u, size_t i, size_t n)
{
	unsigned char c = u[i];

	if (c >= 0xC2 && c <= 0xDF)
		return i + 1 < n && (u[i + 1] & 0xC0) == 0x80 &&
		       (c != 0xC2 || u[i + 1] >= 0xA0) ? 2 : 0;
	if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE)
		return i + 2 < n && (u[i + 1] & 0xC0) == 0x80 &&
		       (u[i + 2] & 0xC0) == 0x80 ? 3 : 0;
	return 0;
}

/* What cleaning does with the character at s[i], which is not a plain
 * byte, and its bytes (*len): a forbidden one becomes U+FFFD (BAD), a
 * soft break that stands for nothing goes (DROP). */
static int clean_char(const char *s, size_t n, size_t i,
                      const herald_node *node, size_t *len)
{
	uint32_t c;

	if ((*len = quiet_char((const unsigned char *)s, i, n)) != 0)
		return CLEAN_KEEP;
	*len = herald_utf8_next(s + i, n - i, &c);
	/* a bad sequence decodes as U+FFFD: bytes differ, so replace */
	if (forbidden_char(c) ||
	    (c == HERALD_REPLACEMENT_CHAR &&
	     (*len != 3 || memcmp(s + i, REPLACEMENT, 3) != 0)))
		return CLEAN_BAD;
	if (c == '\n' && !break_is_space(s, n, i, node))
		return CLEAN_DROP;
	return CLEAN_KEEP;
}

/* One pass over s, copying only from the first character that changes:
 * forbidden ones become U+FFFD (counted), and soft breaks that stand for
 * nothing are dropped. */
static const char *clean(const char *s, size_t n, const herald_node *node,
                         size_t *replaced, size_t *length)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run, len, count = 0, out = 0;
	char *copy = NULL;

	while (i < n) {
		run = plain_words(u, i, n);
		for (; run < n && plain_byte(u[run]); run++)
			;
		if (copy != NULL) {
			memcpy(copy + out, s + i, run - i);
			out += run - i;
		}
		if ((i = run) == n)
			break;
		int what = clean_char(s, n, i, node, &len);
		int bad = what == CLEAN_BAD, drop = what == CLEAN_DROP;
		if ((bad || drop) && copy == NULL) {
			/* each bad byte grows to at most 3 bytes */
			copy = malloc(3 * n + 1);
			if (copy == NULL)
				return NULL;
			memcpy(copy, s, i);
			out = i;
		}
		if (bad) {
			memcpy(copy + out, REPLACEMENT, 3);
			out += 3;
			count++;
		} else if (!drop && copy != NULL) {
			memcpy(copy + out, s + i, len);
			out += len;
		}
		i += len;
	}
	*replaced = count;
	if (length)
		*length = copy == NULL ? n : out;
	if (copy == NULL)
		return s;
	copy[out] = '\0';
	return copy;
}

const char *herald_markup_clean(const char *s, size_t *replaced)
{
	return clean(s, strlen(s), NULL, replaced, NULL);
}

const char *herald_markup_clean_text(const herald_node *text,
                                     size_t *replaced, size_t *length)
{
	return clean(herald_node_text(text), herald_node_text_length(text),
	             text, replaced, length);
}

#ifdef __SSE2__
/* The first byte from u[i] that is not printable ASCII or is one of the
 * four that markup escapes, sixteen bytes a step; or, none found, where
 * fewer than sixteen are left. */
static size_t screen16(const unsigned char *u, size_t i, size_t n)
{
	const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
	const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<');
	const __m128i gt = _mm_set1_epi8('>'), quot = _mm_set1_epi8('"');

	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		/* (signed: a byte of 0x80 or more is below 0x20 too) */
		__m128i hit = _mm_or_si128(_mm_cmplt_epi8(v, space),
		                           _mm_cmpeq_epi8(v, del));
		hit = _mm_or_si128(hit, _mm_or_si128(
		        _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, lt)),
		        _mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, quot))));
		unsigned mask = (unsigned)_mm_movemask_epi8(hit);
		if (mask)
			return i + (size_t)__builtin_ctz(mask);
	}
	return i;
}
#endif

/* Where the run from u[i] that neither cleaning nor the escapes (index
 * t) look at ends.  With SSE2 the bytes are screened sixteen at a time
 * for any that is not printable ASCII and for the four that markup
 * escapes (escapes replaces no other printable byte: markup.h), and t
 * judges the ones found; without, eight at a time against t. */
static size_t quiet_run(const unsigned char *u, size_t i, size_t n,
                        const unsigned char *t)
{
#ifdef __SSE2__
	while ((i = screen16(u, i, n)) + 16 <= n) {
		if (!plain_byte(u[i]) || t[u[i]])
			return i;
		i++;   /* a tab, or a '"' these escapes leave */
	}
#else
	while (i + 8 <= n && !word_not_plain(u + i) &&
	       !(t[u[i]] | t[u[i + 1]] | t[u[i + 2]] | t[u[i + 3]] |
	         t[u[i + 4]] | t[u[i + 5]] | t[u[i + 6]] | t[u[i + 7]]))
		i += 8;
#endif
	while (i < n && plain_byte(u[i]) && !t[u[i]])
		i++;
	return i;
}

size_t herald_markup_put_text(herald_sink *sink, const herald_node *text,
                              const herald_escapes *escapes, int *written)
{
	const char *s = herald_node_text(text);
	const unsigned char *u = (const unsigned char *)s;
	const unsigned char *t = escapes->index;
	size_t n = herald_node_text_length(text), i = 0, start = 0, len;
	size_t count = 0, out = 0;

	while ((i = quiet_run(u, i, n, t)) < n) {
		int what = CLEAN_KEEP;

		len = 1;
		if (!plain_byte(u[i]))
			what = clean_char(s, n, i, text, &len);
		/* a kept character goes on in the run unless it is escaped
		 * (an ASCII one: only those have replacements) */
		if (what == CLEAN_KEEP && (u[i] >= 0x80 || !t[u[i]])) {
			i += len;
			continue;
		}
		herald_sink_put(sink, s + start, i - start);
		out += i - start;
		if (what == CLEAN_BAD) {
			herald_sink_put(sink, REPLACEMENT, 3);
			count++;
			out++;
		} else if (what == CLEAN_KEEP) {
			herald_sink_puts(sink, escapes->with[t[u[i]]]);
			out++;
		}
		i += len;
		start = i;
	}
	herald_sink_put(sink, s + start, n - start);
	if (written)
		*written = out + (n - start) > 0;
	return count;
}

int herald_markup_is_language(const char *s)
{
	size_t run = 0, first = 1;

	if (s == NULL || *s == '\0')
		return 0;
	for (; ; s++) {
		if (*s == '-' || *s == '\0') {
			if (run == 0 || run > 8 || (first && run < 2))
				return 0;
			if (*s == '\0')
				return 1;
			run = 0;
			first = 0;
		} else if (isalpha((unsigned char)*s) ||
		           (!first && isdigit((unsigned char)*s))) {
			run++;
		} else {
			return 0;
		}
	}
}

static int is_hex(char c)
{
	return isxdigit((unsigned char)c) != 0;
}

/* Characters a URL may carry as they are (RFC 3986 reserved and
 * unreserved, minus the brackets that only an IP literal host may use). */
static int url_keeps(unsigned char c)
{
	return isalnum(c) || (c != '\0' && strchr("-._~:/?#@!$&'()*+,;=", c));
}

char *herald_markup_url(const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(url), out = 0;
	char *copy = malloc(3 * n + 1);

	if (copy == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)url[i];
		int escape_ok = c == '%' && i + 2 < n &&
		                is_hex(url[i + 1]) && is_hex(url[i + 2]);
		if (url_keeps(c) || escape_ok) {
			copy[out++] = (char)c;
		} else {
			copy[out++] = '%';
			copy[out++] = hex[c >> 4];
			copy[out++] = hex[c & 0x0F];
		}
	}
	copy[out] = '\0';
	return copy;
}

int herald_markup_url_is_safe(const char *url)
{
	static const char *const safe[] = { "http", "https", "mailto", "ftp",
	                                    "tel", NULL };
	size_t scheme = strcspn(url, ":/?#");

	if (url[scheme] != ':')
		return 1;                 /* relative: no scheme at all */
	for (size_t i = 0; safe[i] != NULL; i++)
		if (strlen(safe[i]) == scheme &&
		    strncasecmp(url, safe[i], scheme) == 0)
			return 1;
	return 0;
}

const char *herald_markup_role_label(herald_speaker_role role)
{
	switch (role) {
	case HERALD_SPEAKER_INTERVIEWER:
		return "interviewer";
	case HERALD_SPEAKER_INTERVIEWEE:
		return "interviewee";
	default:
		return NULL;
	}
}

const herald_lang *herald_markup_lang(const herald_doc *doc,
                                      const herald_node *node)
{
	const herald_node *item = herald_markup_item_of(node);
	const char *own = item != NULL ? herald_node_lang(item) : NULL;
	const herald_lang *lang = own != NULL ? herald_lang_find(own) : NULL;

	if (lang == NULL)
		lang = herald_lang_find(herald_doc_meta(doc, HERALD_META_LANGUAGE));
	return lang;
}

const char *herald_markup_item_lang(const herald_doc *doc,
                                    const herald_node *item,
                                    const char *writer, herald_diag *diag)
{
	const char *lang = herald_node_lang(item);
	const char *doc_lang = herald_doc_meta(doc, HERALD_META_LANGUAGE);
	unsigned long col, line;

	if (lang == NULL || (doc_lang != NULL && strcmp(lang, doc_lang) == 0))
		return NULL;
	if (herald_markup_is_language(lang))
		return lang;
	line = herald_markup_line(item, &col);
	herald_diag_report(diag, HERALD_WARNING, line, col,
	                   "%s: language '%s' of %s is not a BCP 47 tag; left "
	                   "out", writer, lang, herald_node_id(item));
	return NULL;
}

const char *herald_markup_role_word(const herald_doc *doc,
                                    const herald_node *turn)
{
	const char *key = herald_markup_role_label(herald_node_role(turn));

	return key != NULL
	       ? herald_lang_label(herald_markup_lang(doc, turn), key) : NULL;
}

const char *herald_markup_role_word_of(herald_markup_role_words *words,
                                       const herald_doc *doc,
                                       const herald_node *turn)
{
	herald_speaker_role role = herald_node_role(turn);
	const herald_node *item = herald_markup_item_of(turn);
	int k = role == HERALD_SPEAKER_INTERVIEWER ? 0
	      : role == HERALD_SPEAKER_INTERVIEWEE ? 1 : -1;

	if (k < 0)
		return NULL;
	if (item != words->item || doc != words->doc) {
		words->doc = doc;
		words->item = item;
		words->word[0] = words->word[1] = NULL;
	}
	if (words->word[k] == NULL)
		words->word[k] = herald_markup_role_word(doc, turn);
	return words->word[k];
}

/* The value of one or two ASCII digits at *s, advancing *s; -1 if none. */
static int small_number(const char **s)
{
	int v;

	if (!isdigit((unsigned char)**s))
		return -1;
	v = *(*s)++ - '0';
	if (isdigit((unsigned char)**s))
		v = v * 10 + (*(*s)++ - '0');
	return v;
}

/* "am", "a.m.", "a. m." and the same for pm (any case): 'a', 'p' or 0. */
static char meridiem(const char *s)
{
	char c = (char)tolower((unsigned char)*s);

	if (c != 'a' && c != 'p')
		return 0;
	s++;
	s += *s == '.';
	s += *s == ' ';
	if (tolower((unsigned char)*s) != 'm')
		return 0;
	s++;
	return isalpha((unsigned char)*s) ? 0 : c;
}

int herald_markup_time(const char *s, char out[6])
{
	int h, m;
	char half;

	if (s == NULL)
		return 0;
	s += strspn(s, " \t");
	if ((h = small_number(&s)) < 0 || (*s != ':' && *s != '.'))
		return 0;
	s++;
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    isdigit((unsigned char)s[2]))
		return 0;
	m = (s[0] - '0') * 10 + (s[1] - '0');
	s += 2;
	s += strspn(s, " ");
	half = meridiem(s);
	if (half != 0) {
		if (h < 1 || h > 12)
			return 0;
		h = h % 12 + (half == 'p' ? 12 : 0);
	}
	if (h > 23 || m > 59)
		return 0;
	out[0] = (char)('0' + h / 10);
	out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + m / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = '\0';
	return 1;
}

unsigned long herald_markup_line(const herald_node *node, unsigned long *col)
{
	for (; node != NULL; node = herald_node_parent(node))
		if (herald_node_line(node) != 0) {
			*col = herald_node_column(node);
			return herald_node_line(node);
		}
	*col = 0;
	return 0;
}

void herald_markup_warn_replaced(herald_diag *diag, size_t replaced,
                                 const herald_node *about,
                                 const char *format)
{
	if (replaced > 0) {
		unsigned long col, line = herald_markup_line(about, &col);
		herald_diag_report(diag, HERALD_WARNING, line, col,
		                   "%zu character(s) that %s forbids "
		                   "replaced by U+FFFD", replaced, format);
	}
}

const char *herald_markup_doc_title(const herald_doc *doc)
{
	static const herald_meta order[] = { HERALD_META_TITLE,
	                                     HERALD_META_DATE };

	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		const char *s = herald_doc_meta(doc, order[i]);
		if (s != NULL && *s != '\0')
			return s;
	}
	if (herald_doc_source_name(doc))
		return herald_doc_source_name(doc);
	return herald_lang_label(herald_markup_lang(doc, NULL), "bulletin");
}

const char *herald_markup_dateline(const herald_doc *doc)
{
	const char *dateline = herald_doc_meta(doc, HERALD_META_DATELINE);
	return dateline ? dateline : herald_doc_meta(doc, HERALD_META_DATE);
}

const herald_node *herald_markup_item_of(const herald_node *node)
{
	while (node != NULL && herald_node_type_of(node) != HERALD_NODE_ITEM)
		node = herald_node_parent(node);
	return node;
}

const char *herald_markup_turn_name(const herald_node *turn)
{
	const herald_node *item;

	if (herald_node_speaker(turn) != NULL)
		return herald_node_speaker(turn);
	if (herald_node_role(turn) != HERALD_SPEAKER_INTERVIEWEE)
		return NULL;
	item = herald_markup_item_of(turn);
	return item != NULL ? herald_node_speaker(item) : NULL;
}
