/* herald/escape.h - text made safe for CSV, XML and URLs.
 *
 * Each function appends s, escaped, to a herald_buf (herald/buffer.h)
 * and returns HERALD_OK or HERALD_ENOMEM; the buffer owns the result.
 * n is the length of s in bytes, or HERALD_CSTR when s is NUL-terminated;
 * s NULL is the empty string (a missing title, say).  Runs of bytes that
 * need nothing are copied whole, so escaping costs O(n).  The functions
 * work on bytes and never split a UTF-8 sequence: every byte they change
 * is ASCII.
 */
#ifndef HERALD_ESCAPE_H
#define HERALD_ESCAPE_H

#include <stddef.h>
#include <herald/buffer.h>

#ifdef __cplusplus
extern "C" {
#endif

/* n for a NUL-terminated s. */
#define HERALD_CSTR ((size_t)-1)

/* One CSV field (RFC 4180): as it is, or in double quotes with each '"'
 * doubled when it holds ',', '"', CR or LF.  The separators between
 * fields and rows are the caller's. */
int herald_escape_csv(herald_buf *buf, const char *s, size_t n);

/* XML (and HTML) character data: '&', '<' and '>' as &amp; &lt; &gt;.
 * C0 controls other than tab and newline, which XML 1.0 cannot hold even
 * as references, become U+FFFD (the model's text never has them after a
 * reader decoded it; a transform might put them there). */
int herald_escape_xml_text(herald_buf *buf, const char *s, size_t n);

/* An XML attribute value in double or single quotes: as text above, plus
 * '"' and '\'' as &quot; &apos;, and tab, newline and CR as &#9; &#10;
 * &#13;, which a parser would otherwise turn into spaces. */
int herald_escape_xml_attr(herald_buf *buf, const char *s, size_t n);

/* One segment of a URL path (a file name, a fragment id): every byte but
 * the RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) as %XX, so
 * '/', '?', '#', '%', spaces and non-ASCII bytes stay part of the name.
 * The result is also safe inside a quoted attribute and a Markdown link
 * target. */
int herald_escape_url_segment(herald_buf *buf, const char *s, size_t n);

#ifdef __cplusplus
}
#endif
#endif
