/* xmlout.c - the tei writer's XML, streamed in runs (see xmlout.h).
 *
 * Escaping goes a run at a time: a byte table says which bytes become a
 * reference, and everything between two of them is copied whole.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xmlout.h"

#define STREAM_BUFFER 65536

/* Which bytes become references, indexing ref[]: in text, the ones that
 * could start markup, '"' and CR (as xmlEncodeSpecialChars wrote them);
 * in a double-quoted attribute value also tab and LF. */
static const unsigned char text_special[256] = {
	['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\r'] = 5
};
static const unsigned char attr_special[256] = {
	['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\r'] = 5,
	['\t'] = 6, ['\n'] = 7
};
static const char *const ref[] = {
	NULL, "&amp;", "&lt;", "&gt;", "&quot;", "&#13;", "&#9;", "&#10;"
};
static const unsigned char ref_len[] = { 0, 5, 4, 4, 6, 5, 4, 5 };

static void fail(tei_xml *x, int err)
{
	if (!x->failed) {
		x->failed = 1;
		x->write_errno = err;
	}
}

/* Streaming: the buffer out by fwrite (held output stays). */
static void flush(tei_xml *x)
{
	if (x->out == NULL)
		return;
	if (x->len > 0 && !x->failed &&
	    fwrite(x->buf, 1, x->len, x->out) != x->len)
		fail(x, errno ? errno : EIO);
	x->len = 0;
}

/* Room for n more bytes in buf: flushed when streaming, grown when held;
 * 0 when the bytes should go out directly (a long run, streaming). */
static int room(tei_xml *x, size_t n)
{
	size_t cap;
	char *grown;

	if (n <= x->cap - x->len)
		return 1;
	if (x->out != NULL) {
		flush(x);
		return n <= x->cap;
	}
	for (cap = x->cap; cap - x->len < n; cap *= 2)
		if (cap > SIZE_MAX / 2) {
			fail(x, 0);
			return 0;
		}
	if ((grown = realloc(x->buf, cap)) == NULL) {
		fail(x, 0);
		return 0;
	}
	x->buf = grown;
	x->cap = cap;
	return 1;
}

static void put_slow(tei_xml *x, const char *s, size_t n)
{
	if (x->failed || n == 0)
		return;
	if (room(x, n)) {
		memcpy(x->buf + x->len, s, n);
		x->len += n;
	} else if (x->out != NULL && !x->failed &&
	           fwrite(s, 1, n, x->out) != n) {
		fail(x, errno ? errno : EIO);
	}
}

/* Most pieces are a few bytes that fit: those without a call (after a
 * failure they only fill the buffer, which is never written). */
static inline void put(tei_xml *x, const char *s, size_t n)
{
	if (n <= x->cap - x->len) {
		memcpy(x->buf + x->len, s, n);
		x->len += n;
	} else {
		put_slow(x, s, n);
	}
}

static void put_str(tei_xml *x, const char *s)
{
	put(x, s, strlen(s));
}

static void put_escaped(tei_xml *x, const char *s, size_t n,
                        const unsigned char special[256])
{
	const unsigned char *u = (const unsigned char *)s;
	size_t start = 0, i = 0;

	for (;;) {
		while (i < n && special[u[i]] == 0)
			i++;
		put(x, s + start, i - start);
		if (i == n)
			return;
		put(x, ref[special[u[i]]], ref_len[special[u[i]]]);
		start = ++i;
	}
}

int tei_xml_begin(tei_xml *x, FILE *out)
{
	memset(x, 0, sizeof *x);
	x->out = out;
	x->cap = STREAM_BUFFER;
	if ((x->buf = malloc(x->cap)) == NULL)
		return -1;
	put_str(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	return 0;
}

void tei_xml_pi(tei_xml *x, const char *target, const char *content)
{
	put(x, "<?", 2);
	put_str(x, target);
	put(x, " ", 1);
	put_str(x, content);
	put(x, "?>\n", 3);
}

/* The open start tag's namespace declaration, after its attributes. */
static void declare_ns(tei_xml *x)
{
	if (x->ns == NULL)
		return;
	put(x, " xmlns=\"", 8);
	put_escaped(x, x->ns, strlen(x->ns), attr_special);
	put(x, "\"", 1);
	x->ns = NULL;
}

/* End the open start tag: content follows. */
static void close_tag(tei_xml *x)
{
	if (!x->tag_open)
		return;
	declare_ns(x);
	put(x, ">", 1);
	x->tag_open = 0;
}

void tei_xml_start(tei_xml *x, const char *name, const char *ns)
{
	if (x->depth == x->cap_open) {
		size_t cap = x->cap_open ? 2 * x->cap_open : 32;
		const char **grown = realloc(x->open, cap * sizeof *grown);

		if (grown == NULL) {
			fail(x, 0);
			return;
		}
		x->open = grown;
		x->cap_open = cap;
	}
	close_tag(x);
	x->open[x->depth++] = name;
	put(x, "<", 1);
	put_str(x, name);
	x->ns = ns;
	x->tag_open = 1;
}

void tei_xml_attr(tei_xml *x, const char *name, const char *value)
{
	if (!x->tag_open) {
		fail(x, EINVAL);
		return;
	}
	put(x, " ", 1);
	put_str(x, name);
	put(x, "=\"", 2);
	put_escaped(x, value, strlen(value), attr_special);
	put(x, "\"", 1);
}

void tei_xml_text(tei_xml *x, const char *s, size_t n)
{
	close_tag(x);
	put_escaped(x, s, n, text_special);
}

void tei_xml_end(tei_xml *x)
{
	const char *name;

	if (x->depth == 0) {
		fail(x, EINVAL);
		return;
	}
	name = x->open[--x->depth];
	if (x->tag_open) {
		declare_ns(x);
		put(x, "/>", 2);
		x->tag_open = 0;
		return;
	}
	put(x, "</", 2);
	put_str(x, name);
	put(x, ">", 1);
}

int tei_xml_finish(tei_xml *x)
{
	while (x->depth > 0 && !x->failed)
		tei_xml_end(x);
	put(x, "\n", 1);
	flush(x);
	if (x->out != NULL && !x->failed && fflush(x->out) != 0)
		fail(x, errno ? errno : EIO);
	return x->failed ? -1 : 0;
}

const char *tei_xml_held(const tei_xml *x, size_t *len)
{
	*len = x->len;
	return x->buf;
}

void tei_xml_release(tei_xml *x)
{
	free(x->buf);
	free(x->open);
	memset(x, 0, sizeof *x);
}
