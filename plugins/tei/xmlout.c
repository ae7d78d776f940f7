/* xmlout.c - the tei writer's XML, streamed in runs (see xmlout.h).
 *
 * Escaping goes a run at a time (herald_sink, herald/escape.h): a byte
 * table says which bytes become a reference, and everything between two
 * of them is copied whole.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "xmlout.h"

/* Which bytes become references: in text, the ones that could start
 * markup, '"' and CR (as xmlEncodeSpecialChars wrote them); in a
 * double-quoted attribute value also tab and LF. */
static const char *const ref[] = {
	NULL, "&amp;", "&lt;", "&gt;", "&quot;", "&#13;", "&#9;", "&#10;"
};
static const herald_escapes text_special = {
	.index = { ['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\r'] = 5 },
	.with = ref
};
static const herald_escapes attr_special = {
	.index = { ['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\r'] = 5,
	           ['\t'] = 6, ['\n'] = 7 },
	.with = ref
};

static void fail(tei_xml *x, int err)
{
	herald_sink_fail(&x->sink, err);
}

static inline void put(tei_xml *x, const char *s, size_t n)
{
	herald_sink_put(&x->sink, s, n);
}

/* (the sink's inline put, not a call into libherald: every tag and
 * attribute name goes through here) */
static inline void put_str(tei_xml *x, const char *s)
{
	herald_sink_put(&x->sink, s, strlen(s));
}

static void put_escaped(tei_xml *x, const char *s, size_t n,
                        const herald_escapes *special)
{
	herald_sink_escaped(&x->sink, s, n, special);
}

int tei_xml_begin(tei_xml *x, FILE *out)
{
	memset(x, 0, sizeof *x);
	if (herald_sink_init(&x->sink, out) != HERALD_OK)
		return -1;
	put_str(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	return 0;
}

int tei_xml_begin_inside(tei_xml *x, FILE *out, const char *parent)
{
	memset(x, 0, sizeof *x);
	if (herald_sink_init(&x->sink, out) != HERALD_OK)
		return -1;
	x->open = malloc(32 * sizeof *x->open);
	if (x->open == NULL) {
		herald_sink_release(&x->sink);
		return -1;
	}
	x->cap_open = 32;
	x->open[x->depth].name = parent;
	x->open[x->depth++].len = strlen(parent);
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
	put_escaped(x, x->ns, strlen(x->ns), &attr_special);
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
		struct tei_open *grown = realloc(x->open, cap * sizeof *grown);

		if (grown == NULL) {
			fail(x, 0);
			return;
		}
		x->open = grown;
		x->cap_open = cap;
	}
	close_tag(x);
	x->open[x->depth].name = name;
	x->open[x->depth].len = strlen(name);
	put(x, "<", 1);
	put(x, name, x->open[x->depth++].len);
	x->ns = ns;
	x->tag_open = 1;
}

/* ' name="' in the open start tag; 0 (a failure) after content. */
static int open_attr(tei_xml *x, const char *name)
{
	if (!x->tag_open) {
		fail(x, EINVAL);
		return 0;
	}
	put(x, " ", 1);
	put_str(x, name);
	put(x, "=\"", 2);
	return 1;
}

void tei_xml_attr(tei_xml *x, const char *name, const char *value)
{
	if (!open_attr(x, name))
		return;
	put_escaped(x, value, strlen(value), &attr_special);
	put(x, "\"", 1);
}

void tei_xml_attr_name(tei_xml *x, const char *lead, size_t lead_len,
                       const char *value)
{
	if (!x->tag_open) {
		fail(x, EINVAL);
		return;
	}
	put(x, lead, lead_len);
	put_str(x, value);
	put(x, "\"", 1);
}

void tei_xml_text(tei_xml *x, const char *s, size_t n)
{
	close_tag(x);
	put_escaped(x, s, n, &text_special);
}

size_t tei_xml_text_node(tei_xml *x, const herald_node *text)
{
	close_tag(x);
	return herald_markup_put_text(&x->sink, text, &text_special, NULL);
}

void tei_xml_end(tei_xml *x)
{
	const struct tei_open *open;

	if (x->depth == 0) {
		fail(x, EINVAL);
		return;
	}
	open = &x->open[--x->depth];
	if (x->tag_open) {
		declare_ns(x);
		put(x, "/>", 2);
		x->tag_open = 0;
		return;
	}
	put(x, "</", 2);
	put(x, open->name, open->len);
	put(x, ">", 1);
}

int tei_xml_finish(tei_xml *x)
{
	while (x->depth > 0 && !x->sink.failed)
		tei_xml_end(x);
	put(x, "\n", 1);
	return herald_sink_finish(&x->sink) == HERALD_OK ? 0 : -1;
}

int tei_xml_flush(tei_xml *x)
{
	return herald_sink_finish(&x->sink) == HERALD_OK ? 0 : -1;
}

const char *tei_xml_held(const tei_xml *x, size_t *len)
{
	*len = x->sink.len;
	return x->sink.data;
}

void tei_xml_release(tei_xml *x)
{
	herald_sink_release(&x->sink);
	free(x->open);
	memset(x, 0, sizeof *x);
}
