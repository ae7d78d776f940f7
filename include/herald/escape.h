/* herald/escape.h - text made safe for CSV, XML and URLs, and a writer's
 * buffered output that escapes in runs (herald_sink, below).
 *
 * Each herald_escape_ function appends s, escaped, to a herald_buf (herald/buffer.h)
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
#include <stdio.h>
#include <string.h>
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

/* --- a writer's output, escaped in runs -----------------------------------
 * Writers that stream (html, tei, json) put their bytes through a
 * herald_sink: a buffer given to fwrite in large pieces (a stdio call per
 * element would lock the stream and cost more than the element), or,
 * with no FILE, the whole output held in memory (tei's validate= reads
 * it back).  Text goes through a table of the bytes to replace, its own
 * per format (which bytes, and as what, is the format's business):
 *
 *     static const char *const refs[] = { NULL, "&amp;", "&lt;" };
 *     static const herald_escapes xml = {
 *             .index = { ['&'] = 1, ['<'] = 2 }, .with = refs };
 *     herald_sink out;
 *     if (herald_sink_init(&out, stream) != HERALD_OK) ...
 *     herald_sink_put(&out, "<p>", 3);
 *     herald_sink_escaped(&out, text, strlen(text), &xml);
 *     if (herald_sink_finish(&out) != HERALD_OK) ... out.write_errno
 *     herald_sink_release(&out);
 *
 * FAILURE is sticky: after the first failed fwrite (or, held, a failed
 * allocation) nothing more reaches the FILE; failed and write_errno (0:
 * memory) say so, checked once at the end.  The fields are read
 * directly; change them only through these functions.  A sink is one
 * conversion's, used by one thread. */
typedef struct herald_escapes {
	unsigned char index[256];   /* 0: the byte stays; else with[index] */
	const char *const *with;    /* the replacements, NUL-terminated */
} herald_escapes;

typedef struct herald_sink {
	FILE *out;        /* NULL: the output is held in data */
	char *data;       /* len bytes not yet written (held: all of them) */
	size_t len, cap;
	int failed;       /* a write failed, or memory ran out */
	int write_errno;  /* errno of the failed write; 0 for memory */
} herald_sink;

/* A sink writing to out, or holding everything when out is NULL.
 * HERALD_OK or HERALD_ENOMEM (nothing to release then). */
int herald_sink_init(herald_sink *sink, FILE *out);

/* n bytes as they are. */
void herald_sink_write(herald_sink *sink, const char *s, size_t n);
/* Most pieces are a few bytes that fit: those cost no call. */
static inline void herald_sink_put(herald_sink *sink, const char *s, size_t n)
{
	if (n <= sink->cap - sink->len) {
		memcpy(sink->data + sink->len, s, n);
		sink->len += n;
	} else {
		herald_sink_write(sink, s, n);
	}
}
void herald_sink_puts(herald_sink *sink, const char *s);

/* The length of the run at the start of s[0..n) that escapes leaves as
 * it is: for a writer whose escaping needs more than a table (what
 * surrounds a byte), the runs between the bytes it must look at. */
size_t herald_escape_span(const herald_escapes *escapes, const char *s,
                          size_t n);
/* s[0..n) with every byte escapes names replaced, the runs between
 * copied whole; n HERALD_CSTR for a NUL-terminated s (one pass, for
 * short strings: a known length is faster for long ones). */
void herald_sink_escaped(herald_sink *sink, const char *s, size_t n,
                         const herald_escapes *escapes);

/* Stop the output as a failed write would, for a writer's own reason:
 * err, an errno, or 0 for memory.  The first failure is the one kept. */
void herald_sink_fail(herald_sink *sink, int err);

/* Give what is buffered to the FILE (no fflush; held: nothing).
 * HERALD_OK, or HERALD_EIO (HERALD_ENOMEM held) once anything failed. */
int herald_sink_flush(herald_sink *sink);
/* Flush, then fflush the FILE: the end of a conversion.  The same
 * results. */
int herald_sink_finish(herald_sink *sink);
/* Free the buffer (held: the output); the sink may be initialised
 * again. */
void herald_sink_release(herald_sink *sink);

#ifdef __cplusplus
}
#endif
#endif
