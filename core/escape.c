/* escape.c - CSV, XML and URL escaping into a herald_buf (herald/escape.h).
 *
 * Table-driven: a byte's entry in a 256-byte table is 0 when it stays,
 * else the index of its replacement.  Percent-encoding is done here
 * rather than with libxml2's xmlURIEscapeStr(): libherald does not link
 * libxml2 (doc/libraries.md says why), and the set kept differs (libxml2
 * also keeps ! * ' ( ) @, which a Markdown link target cannot hold). */
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
