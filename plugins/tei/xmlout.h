/* xmlout.h - the tei writer's XML, streamed in runs.
 *
 * The bytes are those libxml2's xmlTextWriter wrote for the same calls
 * (the writer used it until it cost half of a segmented conversion, one
 * call through its node list and output buffer per element, attribute
 * and text): "<?xml ...?>" and a newline first, a start tag kept open
 * until content arrives (then ">", or "/>" for an element left empty),
 * the default namespace declared after the attributes, in text '&', '<',
 * '>', '"' and CR as references, in attribute values also tab and LF
 * (so that they survive attribute-value normalisation), UTF-8 as it is,
 * and one newline after the root element.
 *
 * Output goes to a FILE through a buffer, or is held whole in memory
 * (for validation) until tei_xml_held() hands it over.  The first write
 * error or allocation failure stops all writing and is kept in the
 * tei_xml; callers check once, at the end.  Element names are not
 * copied: they must outlive the element (the writer passes literals).
 */
#ifndef HERALD_TEI_XMLOUT_H
#define HERALD_TEI_XMLOUT_H

#include <stddef.h>
#include <stdio.h>

#include <herald/escape.h>

typedef struct tei_xml {
	herald_sink sink;        /* the output; failed and write_errno (0:
	                            memory) say what stopped it */
	struct tei_open {
		const char *name;
		size_t len;      /* measured once, at the start tag */
	} *open;                 /* the open elements, outermost first */
	size_t depth, cap_open;
	const char *ns;          /* default namespace for the open start tag */
	int tag_open;            /* "<name ..." written, its ">" not yet */
} tei_xml;

/* Start a document on out, or (out NULL) in memory: the XML declaration.
 * -1 when out of memory. */
int tei_xml_begin(tei_xml *x, FILE *out);

/* Start a piece of a document on out (a corpus written in parts): no
 * declaration; the element parent is taken as open, its start tag
 * closed, as it is between two of its children.  -1 when out of memory. */
int tei_xml_begin_inside(tei_xml *x, FILE *out, const char *parent);

/* A processing instruction, then a newline: <?target content?> */
void tei_xml_pi(tei_xml *x, const char *target, const char *content);

/* <name; with ns, the element also declares it as the default namespace
 * (xmlns="ns", after its attributes). */
void tei_xml_start(tei_xml *x, const char *name, const char *ns);

/* An attribute of the start tag just opened (a failure after content). */
void tei_xml_attr(tei_xml *x, const char *name, const char *value);
/* An attribute whose value is an XML name in ASCII (an id), written
 * without escaping, which it never needs: lead is ' name="' and the
 * value's prefix (lead_len bytes), measured once by the caller. */
void tei_xml_attr_name(tei_xml *x, const char *lead, size_t lead_len,
                       const char *value);

/* Text content, escaped; even empty, it closes the open start tag. */
void tei_xml_text(tei_xml *x, const char *s, size_t n);
/* The text of a TEXT node, cleaned (herald_markup_put_text) and escaped
 * in one pass; the count of characters replaced by U+FFFD. */
size_t tei_xml_text_node(tei_xml *x, const herald_node *text);

/* Close the innermost open element. */
void tei_xml_end(tei_xml *x);

/* Close every open element, end the document with a newline and flush
 * it to the FILE.  0, or -1 when anything failed (x->sink.write_errno says
 * why: 0 for memory). */
int tei_xml_finish(tei_xml *x);

/* Flush what is written to the FILE, leaving the open elements open
 * (the end of a piece): 0, or -1 as tei_xml_finish. */
int tei_xml_flush(tei_xml *x);

/* The held document (out NULL) and its length; valid until release. */
const char *tei_xml_held(const tei_xml *x, size_t *len);

void tei_xml_release(tei_xml *x);

#endif
