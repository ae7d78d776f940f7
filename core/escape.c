/* escape.c - CSV, XML and URL escaping into a herald_buf (herald/escape.h).
 *
 * Table-driven: a byte's entry in a 256-byte table is 0 when it stays,
 * else the index of its replacement.  Percent-encoding is done here
 * rather than with libxml2's xmlURIEscapeStr(): libherald does not link
 * libxml2 (doc/libraries.md says why), and the set kept differs (libxml2
 * also keeps ! * ' ( ) @, which a Markdown link target cannot hold).
 * The sink at the end is the writers' streamed output. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/escape.h>

enum { KEEP, AMP, LT, GT, QUOT, APOS, TAB, LF, CR, BAD };

static const char *const replacement[] = {
	[AMP] = "&amp;", [LT] = "&lt;", [GT] = "&gt;", [QUOT] = "&quot;",
	[APOS] = "&apos;", [TAB] = "&#9;", [LF] = "&#10;", [CR] = "&#13;",
	[BAD] = "\xEF\xBF\xBD"
};

/* The C0 controls XML 1.0 cannot carry: all but tab, LF and CR. */
#define XML_BAD_CONTROLS \
	[0x01] = BAD, [0x02] = BAD, [0x03] = BAD, [0x04] = BAD, [0x05] = BAD, \
	[0x06] = BAD, [0x07] = BAD, [0x08] = BAD, [0x0B] = BAD, [0x0C] = BAD, \
	[0x0E] = BAD, [0x0F] = BAD, [0x10] = BAD, [0x11] = BAD, [0x12] = BAD, \
	[0x13] = BAD, [0x14] = BAD, [0x15] = BAD, [0x16] = BAD, [0x17] = BAD, \
	[0x18] = BAD, [0x19] = BAD, [0x1A] = BAD, [0x1B] = BAD, [0x1C] = BAD, \
	[0x1D] = BAD, [0x1E] = BAD, [0x1F] = BAD

static const unsigned char xml_text[256] = {
	XML_BAD_CONTROLS, ['&'] = AMP, ['<'] = LT, ['>'] = GT
};
static const unsigned char xml_attr[256] = {
	XML_BAD_CONTROLS, ['&'] = AMP, ['<'] = LT, ['>'] = GT,
	['"'] = QUOT, ['\''] = APOS, ['\t'] = TAB, ['\n'] = LF, ['\r'] = CR
};

/* s NULL as "", and the length of a NUL-terminated s. */
static const char *text_of(const char *s, size_t *n)
{
	if (!s) {
		*n = 0;
		return "";
	}
	if (*n == HERALD_CSTR)
		*n = strlen(s);
	return s;
}

/* s with each byte table[] names replaced, the runs between copied. */
static int escape_with(herald_buf *buf, const char *s, size_t n,
                       const unsigned char table[256])
{
	s = text_of(s, &n);
	const unsigned char *p = (const unsigned char *)s;
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		if (!table[p[i]])
			continue;
		herald_buf_append(buf, s + start, i - start);
		herald_buf_puts(buf, replacement[table[p[i]]]);
		start = i + 1;
	}
	return herald_buf_append(buf, s + start, n - start);
}

int herald_escape_xml_text(herald_buf *buf, const char *s, size_t n)
{
	return escape_with(buf, s, n, xml_text);
}

int herald_escape_xml_attr(herald_buf *buf, const char *s, size_t n)
{
	return escape_with(buf, s, n, xml_attr);
}

static int csv_special(char c)
{
	return c == ',' || c == '"' || c == '\r' || c == '\n';
}

int herald_escape_csv(herald_buf *buf, const char *s, size_t n)
{
	s = text_of(s, &n);
	size_t plain = 0;
	while (plain < n && !csv_special(s[plain]))
		plain++;
	if (plain == n)
		return herald_buf_append(buf, s, n);
	herald_buf_putc(buf, '"');
	size_t start = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '"') {
			herald_buf_append(buf, s + start, i + 1 - start);
			start = i;   /* the quote again: doubled */
		}
	herald_buf_append(buf, s + start, n - start);
	return herald_buf_putc(buf, '"');
}

static int url_keeps(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

int herald_escape_url_segment(herald_buf *buf, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	s = text_of(s, &n);
	const unsigned char *p = (const unsigned char *)s;
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		if (url_keeps(p[i]))
			continue;
		char esc[3] = { '%', hex[p[i] >> 4], hex[p[i] & 0x0F] };
		herald_buf_append(buf, s + start, i - start);
		herald_buf_append(buf, esc, 3);
		start = i + 1;
	}
	return herald_buf_append(buf, s + start, n - start);
}

/* --- the sink ----------------------------------------------------------------- */

/* Bytes given to fwrite at once: large enough that stdio's own locking
 * and copying do not show, small enough to stay in the cache. */
enum { SINK_BUFFER = 65536 };

int herald_sink_init(herald_sink *sink, FILE *out)
{
	memset(sink, 0, sizeof(*sink));
	sink->out = out;
	sink->data = malloc(SINK_BUFFER);
	if (!sink->data)
		return HERALD_ENOMEM;
	sink->cap = SINK_BUFFER;
	return HERALD_OK;
}

void herald_sink_fail(herald_sink *sink, int err)
{
	if (!sink->failed) {
		sink->failed = 1;
		sink->write_errno = err;
	}
}

static int sink_status(const herald_sink *sink)
{
	if (!sink->failed)
		return HERALD_OK;
	return sink->write_errno ? HERALD_EIO : HERALD_ENOMEM;
}

int herald_sink_flush(herald_sink *sink)
{
	if (!sink->out)
		return sink_status(sink);
	if (sink->len > 0 && !sink->failed &&
	    fwrite(sink->data, 1, sink->len, sink->out) != sink->len)
		herald_sink_fail(sink, errno ? errno : EIO);
	sink->len = 0;
	return sink_status(sink);
}

/* Held: room for n more bytes, the buffer doubled; 0 when it cannot
 * grow. */
static int sink_grow(herald_sink *sink, size_t n)
{
	size_t cap = sink->cap ? sink->cap : SINK_BUFFER;
	while (cap - sink->len < n) {
		if (cap > (size_t)PTRDIFF_MAX / 2)
			return 0;
		cap *= 2;
	}
	char *grown = realloc(sink->data, cap);
	if (!grown)
		return 0;
	sink->data = grown;
	sink->cap = cap;
	return 1;
}

void herald_sink_write(herald_sink *sink, const char *s, size_t n)
{
	if (sink->failed || n == 0)
		return;
	if (n > sink->cap - sink->len) {
		if (!sink->out) {
			if (!sink_grow(sink, n)) {
				herald_sink_fail(sink, 0);
				return;
			}
		} else if (herald_sink_flush(sink), n > sink->cap) {
			/* a long run goes out as it is */
			if (!sink->failed && fwrite(s, 1, n, sink->out) != n)
				herald_sink_fail(sink, errno ? errno : EIO);
			return;
		}
	}
	memcpy(sink->data + sink->len, s, n);
	sink->len += n;
}

void herald_sink_puts(herald_sink *sink, const char *s)
{
	herald_sink_put(sink, s, strlen(s));
}

size_t herald_escape_span(const herald_escapes *escapes, const char *s,
                          size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *t = escapes->index;
	size_t i = 0;

	/* eight looks and one branch: text goes long between replacements */
	while (i + 8 <= n &&
	       !(t[p[i]] | t[p[i + 1]] | t[p[i + 2]] | t[p[i + 3]] |
	         t[p[i + 4]] | t[p[i + 5]] | t[p[i + 6]] | t[p[i + 7]]))
		i += 8;
	while (i < n && !t[p[i]])
		i++;
	return i;
}

/* The run of the NUL-terminated s that escapes leaves as it is: one
 * pass, for the short strings (keys, names) where a strlen first would
 * be a second. */
static size_t cstr_span(const unsigned char *t, const unsigned char *p)
{
	size_t i = 0;
	for (;; i += 4) {
		if (!p[i] || t[p[i]])
			return i;
		if (!p[i + 1] || t[p[i + 1]])
			return i + 1;
		if (!p[i + 2] || t[p[i + 2]])
			return i + 2;
		if (!p[i + 3] || t[p[i + 3]])
			return i + 3;
	}
}

static void escaped_cstr(herald_sink *sink, const char *s,
                         const herald_escapes *escapes)
{
	for (;;) {
		size_t run = cstr_span(escapes->index, (const unsigned char *)s);
		herald_sink_put(sink, s, run);
		if (!s[run])
			return;
		herald_sink_puts(sink,
		                 escapes->with[escapes->index[(unsigned char)s[run]]]);
		s += run + 1;
	}
}

void herald_sink_escaped(herald_sink *sink, const char *s, size_t n,
                         const herald_escapes *escapes)
{
	if (n == HERALD_CSTR) {
		escaped_cstr(sink, s ? s : "", escapes);
		return;
	}
	for (;;) {
		size_t run = herald_escape_span(escapes, s, n);
		herald_sink_put(sink, s, run);
		if (run == n)
			return;
		herald_sink_puts(sink,
		                 escapes->with[escapes->index[(unsigned char)s[run]]]);
		s += run + 1;
		n -= run + 1;
	}
}

int herald_sink_finish(herald_sink *sink)
{
	herald_sink_flush(sink);
	if (sink->out && !sink->failed && fflush(sink->out) != 0)
		herald_sink_fail(sink, errno ? errno : EIO);
	return sink_status(sink);
}

void herald_sink_release(herald_sink *sink)
{
	free(sink->data);
	memset(sink, 0, sizeof(*sink));
}
