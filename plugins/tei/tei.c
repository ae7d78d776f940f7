/* tei.c - the tei writer: a TEI P5 document, streamed in runs (xmlout.h:
 * the bytes libxml2's xmlTextWriter wrote, every text and attribute
 * value escaped).
 *
 *   <?xml-model?>   the schema TEI editors validate against on opening
 *                   (tei_all by default, schema= to change or drop it)
 *   TEI/teiHeader   title, publisher, licence, the source file (its path
 *                   never absolute: idno.h) and its date, how the text
 *                   was made (encodingDesc), the language, and everybody
 *                   who speaks (listPerson)
 *   TEI/text/front  the date line, and the epigraph(s) that open the
 *                   bulletin, each a div type="epigraph"
 *   TEI/text/body   one div type="item" per item; paragraphs p, turns sp
 *                   (@who points into listPerson), quotations cit,
 *                   sentences s; every block and sentence has the model's
 *                   stable id as xml:id
 *
 * TEI wants loose paragraphs before the first div of a body, never after
 * one: paragraphs that follow an item are wrapped in a div type="text".
 * For the same reason a subheading opens a div type="section" (its head
 * the heading) that holds everything up to the next heading of the same
 * or a higher rank: a head may only open a div.  Lists are list/item.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <herald/herald.h>

#include "idno.h"
#include "markup.h"
#include "persons.h"
#include "schema.h"
#include "xmlout.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"
#define TEI_WRITER_VERSION "1.1"
/* The TEI Consortium's published tei_all, what TEI editors expect. */
#define TEI_ALL_URL \
	"https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
#define RELAXNG_NS "http://relaxng.org/ns/structure/1.0"

typedef struct tei_state {
	const char *publisher;
	int pretty;
	char *xml_model;          /* the PI's content, or NULL: no PI */
	const char *licence;      /* NULL: no availability */
	char *licence_url;        /* the licence as a target, when a URL */
	char *root, *cwd;         /* resolved folders for idno, or NULL */
	herald_tei_schema *validator; /* validate=, or NULL */
} tei_state;

typedef enum { IN_TEXT, IN_FRONT, IN_BODY } tei_part;

/* One conversion. */
typedef struct tei_writer {
	tei_xml xml;             /* the output (held whole with validate=) */
	const herald_doc *doc;
	tei_persons persons;
	herald_diag *diag;
	tei_part part;
	int div_seen;            /* a div has been written in the body */
	int wrapper_open;        /* a div type="text" holds loose blocks */
	int pretty;
	unsigned block_depth;    /* open elements that hold only elements */
	unsigned text_depth;     /* open elements that hold text */
	char *idno;              /* the document's published path, or NULL */
	FILE *out;
	const char *id_prefix;   /* "" alone; "d3." in a corpus, so that
	                            xml:id stays unique across documents */
	char id_lead[48];        /* ' xml:id="' and id_prefix (set_id_prefix) */
	size_t id_lead_len;
	unsigned *sections;      /* levels of the open section divs */
	size_t nsections, sections_cap;
	size_t item_base;        /* sections open outside the current item */
	unsigned long *numbers;  /* next entry number of each open list */
	size_t nlists, lists_cap;
	const herald_node *skip; /* an empty list, left out with its events */
	herald_markup_role_words role_words;
	int segmented;           /* the model holds sentences: the segment
	                            transform ran */
	int failed;
	int held;                /* the output waits in memory for validate= */
	size_t held_from, held_to; /* of it, what is written (held_to 0: all) */
	herald_markup_errors errors; /* libxml2's, from open to close */
} tei_writer;

static const herald_option tei_options[] = {
	{ .name = "publisher", .type = HERALD_OPT_STRING, .default_value = "herald",
	  .help = "the publisher named in the header's publicationStmt" },
	{ .name = "pretty", .type = HERALD_OPT_BOOL, .default_value = "false",
	  .help = "indent the XML (adds whitespace inside paragraphs)" },
	{ .name = "schema", .type = HERALD_OPT_STRING, .default_value = TEI_ALL_URL,
	  .help = "the RELAX NG schema the xml-model PI names (empty: no PI)" },
	{ .name = "licence", .type = HERALD_OPT_STRING,
	  .help = "the licence in publicationStmt/availability: text, or a URL" },
	{ .name = "root", .type = HERALD_OPT_STRING,
	  .help = "the archive folder idno paths are relative to (default: the "
	  "current one)" },
	{ .name = "validate", .type = HERALD_OPT_STRING,
	  .help = "a RELAX NG schema each output must match, else it is not written" },
	{ 0 }
};

static void tei_close(void *state)
{
	tei_state *st = state;

	if (st == NULL)
		return;
	free(st->xml_model);
	free(st->licence_url);
	free(st->root);
	free(st->cwd);
	herald_tei_schema_free(st->validator);
	free(st);
}

/* Whether an option's value holds a control character (no XML can). */
static int has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* A value for a pseudo-attribute of a processing instruction: its own
 * quote and the characters markup starts with as references. */
static void append_escaped(char *out, const char *s)
{
	out += strlen(out);
	for (; *s != '\0'; s++) {
		const char *ref = *s == '&' ? "&amp;" : *s == '"' ? "&quot;" :
		                  *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : NULL;
		if (ref != NULL)
			out = stpcpy(out, ref);
		else
			*out++ = *s;
	}
	*out = '\0';
}

/* The xml-model PI's content for schema (a URL or a path): RELAX NG in
 * XML syntax, or compact syntax when the name ends in ".rnc". */
static char *xml_model_for(const char *schema)
{
	size_t n = strlen(schema);
	int compact = n > 4 && strcmp(schema + n - 4, ".rnc") == 0;
	const char *type = compact ? "application/relax-ng-compact-syntax"
	                           : "application/xml";
	char *href = herald_markup_url(schema), *pi;

	if (href == NULL)
		return NULL;
	pi = malloc(6 * strlen(href) + strlen(type) + sizeof RELAXNG_NS + 64);
	if (pi != NULL) {
		strcpy(pi, "href=\"");
		append_escaped(pi, href);
		strcat(pi, "\" type=\"");
		strcat(pi, type);
		strcat(pi, "\" schematypens=\"" RELAXNG_NS "\"");
	}
	free(href);
	return pi;
}

/* A licence is a link when it is one word that starts with a scheme
 * ("https://...", "urn:..."); otherwise its text ("CC BY 4.0"). */
static int is_url(const char *s)
{
	size_t scheme = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM"
	                          "NOPQRSTUVWXYZ0123456789+.-");

	return scheme > 1 && s[scheme] == ':' && s[scheme + 1] != '\0' &&
	       ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z') &&
	       s[strcspn(s, " \t\r\n")] == '\0';
}

static int open_options(tei_state *st, const herald_options *opts,
                        herald_diag *diag)
{
	const char *schema = herald_options_value(opts, "schema");
	const char *root = herald_options_value(opts, "root");
	const char *validate = herald_options_value(opts, "validate");

	if (schema != NULL && has_control(schema)) {
		herald_error(diag, "schema= holds a control character");
		return HERALD_EUSAGE;
	}
	if (schema != NULL && *schema != '\0' &&
	    (st->xml_model = xml_model_for(schema)) == NULL)
		return HERALD_ENOMEM;
	st->licence = herald_options_value(opts, "licence");
	if (st->licence != NULL && *st->licence == '\0')
		st->licence = NULL;
	if (st->licence != NULL && is_url(st->licence) &&
	    (st->licence_url = herald_markup_url(st->licence)) == NULL)
		return HERALD_ENOMEM;
	if (root != NULL && *root != '\0' &&
	    (st->root = herald_tei_resolve_dir(root)) == NULL) {
		char where[HERALD_QUOTE_SIZE];
		herald_error(diag, "root=%s: no such folder",
		             herald_diag_quote(root, where, sizeof where));
		return HERALD_EUSAGE;
	}
	st->cwd = herald_tei_resolve_dir(".");   /* NULL: names alone */
	if (validate != NULL && *validate != '\0' &&
	    (st->validator = herald_tei_schema_load(validate, diag)) == NULL)
		return HERALD_EUSAGE;
	return HERALD_OK;
}

static int tei_open(const herald_options *opts, void **state,
                    herald_diag *diag)
{
	tei_state *st = herald_markup_open_state(sizeof *st, "tei", diag);
	int rc;

	if (st == NULL)
		return HERALD_ENOMEM;
	st->publisher = herald_options_value(opts, "publisher");
	if (st->publisher == NULL || *st->publisher == '\0')
		st->publisher = "herald";
	st->pretty = herald_options_bool(opts, "pretty");
	if ((rc = open_options(st, opts, diag)) != HERALD_OK) {
		if (rc == HERALD_ENOMEM)
			herald_error(diag, "out of memory");
		tei_close(st);
		return rc;
	}
	*state = st;
	return HERALD_OK;
}

/* --- writing: a failure is noted, and checked once at the end ---------- */

/* Pretty output indents elements that hold elements only; inside an
 * element that holds text, whitespace would be text, so none is added
 * there (libxml2's own indentation would add it after inline elements). */
static void indent(tei_writer *w)
{
	static const char spaces[] = "\n                                ";
	unsigned n = w->block_depth < 32 ? w->block_depth : 32;

	if (w->pretty)
		tei_xml_text(&w->xml, spaces, n + 1);
}

/* An element that holds other elements only. */
static void start_block(tei_writer *w, const char *name)
{
	indent(w);
	w->block_depth++;
	tei_xml_start(&w->xml, name, NULL);
}

/* An element that holds text (and the inline elements in it). */
static void start(tei_writer *w, const char *name)
{
	if (w->text_depth == 0)
		indent(w);
	w->text_depth++;
	tei_xml_start(&w->xml, name, NULL);
}

static void end(tei_writer *w)
{
	if (w->text_depth > 0) {
		w->text_depth--;
	} else if (w->block_depth > 0) {
		w->block_depth--;
		indent(w);
	}
	tei_xml_end(&w->xml);
}

static void attr(tei_writer *w, const char *name, const char *value)
{
	size_t replaced;
	const char *clean;

	if (value == NULL)
		return;
	clean = herald_markup_clean(value, &replaced);
	if (clean == NULL) {
		w->failed = 1;
		return;
	}
	tei_xml_attr(&w->xml, name, clean);
	if (clean != value)
		free((char *)clean);
}

/* An identifier as written: the document's prefix (in a corpus), then
 * id; lead is "#" for a reference, "" for the xml:id itself. */
static void write_id(tei_writer *w, const char *name, const char *lead,
                     const char *id)
{
	/* ids of nested lists grow with their depth: one that does not fit
	 * the buffer gets its own, never cut (two long ids cut to the same
	 * length would clash); joined by hand, one id per block and sentence
	 * made snprintf a visible share of the writing */
	size_t nl = strlen(lead), np = strlen(w->id_prefix), ni = strlen(id);
	char small[128], *buf = small;

	if (nl + np + ni + 1 > sizeof small &&
	    (buf = malloc(nl + np + ni + 1)) == NULL) {
		w->failed = 1;
		return;
	}
	memcpy(buf, lead, nl);
	memcpy(buf + nl, w->id_prefix, np);
	memcpy(buf + nl + np, id, ni + 1);
	attr(w, name, buf);
	if (buf != small)
		free(buf);
}

/* A node's xml:id, written as it is: the model's ids are XML names in
 * ASCII (herald/doc.h), and so is a corpus's prefix ("d3."), so there
 * is nothing to clean or escape, once per block and sentence. */
static void id_attr(tei_writer *w, const herald_node *node)
{
	const char *id = herald_node_id(node);

	if (id != NULL && *id != '\0')
		tei_xml_attr_name(&w->xml, w->id_lead, w->id_lead_len, id);
}

/* prefix (at most 32 bytes, a corpus's "d3.") before every id, and the
 * start of an xml:id attribute with it, joined once instead of at each
 * block and sentence. */
static void set_id_prefix(tei_writer *w, const char *prefix)
{
	int n = snprintf(w->id_lead, sizeof w->id_lead, " xml:id=\"%s", prefix);

	w->id_prefix = prefix;
	w->id_lead_len = n < 0 ? 0 : (size_t)n < sizeof w->id_lead
	                 ? (size_t)n : sizeof w->id_lead - 1;
}

static void warn_replaced(tei_writer *w, size_t replaced,
                          const herald_node *about)
{
	herald_markup_warn_replaced(w->diag, replaced, about, "XML");
}

/* Text, cleaned of the characters XML 1.0 cannot carry at all. */
static void text(tei_writer *w, const char *s, const herald_node *about)
{
	size_t replaced = 0, len = 0;
	const char *clean;

	if (s == NULL || *s == '\0')
		return;
	/* a TEXT node's soft breaks between spaceless characters go; its
	 * text is cleaned and escaped in one pass, without a copy */
	if (about != NULL && herald_node_type_of(about) == HERALD_NODE_TEXT) {
		replaced = tei_xml_text_node(&w->xml, about);
		warn_replaced(w, replaced, about);
		return;
	}
	if ((clean = herald_markup_clean(s, &replaced)) != NULL)
		len = strlen(clean);
	if (clean == NULL) {
		w->failed = 1;
		return;
	}
	warn_replaced(w, replaced, about);
	tei_xml_text(&w->xml, clean, len);
	if (clean != s)
		free((char *)clean);
}

static void element(tei_writer *w, const char *name, const char *content,
                    const herald_node *about)
{
	start(w, name);
	text(w, content, about);
	end(w);
}

/* A date element: the date as printed (else the date itself), with
 * @when when the model's date is a W3C date. */
static void date_element(tei_writer *w, const char *name)
{
	const char *date = herald_doc_meta(w->doc, HERALD_META_DATE);

	start(w, name);
	if (date != NULL && herald_date_is_valid(date))
		attr(w, "when", date);
	text(w, herald_markup_dateline(w->doc), NULL);
	end(w);
}

/* --- the header --------------------------------------------------------- */

/* The title line; a document with neither title nor date is named by
 * its file, as published in idno (never the path as typed). */
static const char *doc_title(const tei_writer *w)
{
	const char *title = herald_markup_doc_title(w->doc);

	if (title == herald_doc_source_name(w->doc))
		return w->idno != NULL ? w->idno : herald_lang_label(
			herald_markup_lang(w->doc, NULL), "bulletin");
	return title;
}

/* publicationStmt: the publisher, then the licence when one is given. */
static void write_publication(tei_writer *w, const tei_state *st)
{
	start_block(w, "publicationStmt");
	element(w, "publisher", st->publisher, NULL);
	if (st->licence != NULL) {
		start_block(w, "availability");
		start(w, "licence");
		attr(w, "target", st->licence_url);
		text(w, st->licence, NULL);
		end(w);
		end(w);
	}
	end(w);
}

/* Whether s is a TEI application/@version: digits, dots and the
 * letters TEI allows between them, "[\d]+[a-z]*[\d]*" up to four times
 * joined by '.'. */
static int is_tei_version(const char *s)
{
	for (int part = 0; part < 4; part++) {
		size_t digits = strspn(s, "0123456789");
		if (digits == 0)
			return 0;
		s += digits;
		s += strspn(s, "abcdefghijklmnopqrstuvwxyz");
		s += strspn(s, "0123456789");
		if (*s == '\0')
			return 1;
		if (*s++ != '.')
			return 0;
	}
	return 0;
}

/* Whether name is a plugin name ([a-z0-9]+), which "herald-" makes an
 * xsd:Name for application/@ident. */
static int is_plugin_name(const char *name)
{
	return *name && strlen(name) <= 64 &&
	       name[strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789")] == '\0';
}

/* One application: herald's plugin name as a reader, a transform or
 * this writer, with its version. */
static void write_plugin_app(tei_writer *w, const char *name,
                             const char *version, const char *role)
{
	char ident[80], desc[128];

	snprintf(ident, sizeof ident, "herald-%s", name);
	snprintf(desc, sizeof desc, "the %s %s of herald", name, role);
	start_block(w, "application");
	attr(w, "ident", ident);
	attr(w, "version", version);
	attr(w, "type", role);
	element(w, "label", name, NULL);
	element(w, "desc", desc, NULL);
	end(w);
}

/* The pipeline that made the document (doc.h: the reader, then each
 * transform, as herald_pipeline_read() recorded them), one application
 * each; a stage whose name or version TEI cannot hold in @ident or
 * @version (a document built by hand may give any) is left out. */
static void write_stage_apps(tei_writer *w)
{
	size_t n = herald_doc_stage_count(w->doc);

	for (size_t i = 0; i < n; i++) {
		const char *name = herald_doc_stage_name(w->doc, i);
		const char *version = herald_doc_stage_version(w->doc, i);
		if (is_plugin_name(name) && version && is_tei_version(version))
			write_plugin_app(w, name, version,
			                 i == 0 ? "reader" : "transform");
	}
}

/* The transforms that ran, "segment 1.0, exec 1.0", into buf; "" when
 * none did. */
static void transforms_text(const herald_doc *doc, char *buf, size_t size)
{
	size_t len = 0, n = herald_doc_stage_count(doc);

	buf[0] = '\0';
	for (size_t i = 1; i < n && len < size; i++) {
		const char *version = herald_doc_stage_version(doc, i);
		int made = snprintf(buf + len, size - len, "%s%s%s%s",
		                    i > 1 ? ", " : "", herald_doc_stage_name(doc, i),
		                    version ? " " : "", version ? version : "");
		if (made < 0)
			break;
		len += (size_t)made;
	}
	if (len >= size && size > 4)
		memcpy(buf + size - 4, "...", 4);     /* cut, and says so */
}

/* Whether the text was segmented into sentences, and the transforms
 * that ran (one of them did it, when it was; the model does not say
 * which). */
static void write_segmented(tei_writer *w)
{
	char ran[400], line[512];

	transforms_text(w->doc, ran, sizeof ran);
	if (w->segmented)
		snprintf(line, sizeof line, "Segmented into sentences, each an s "
		         "element with its id%s%s.", *ran ? ", by herald's "
		         "transforms: " : "", ran);
	else
		snprintf(line, sizeof line, "Not segmented into sentences%s%s.",
		         *ran ? "; herald's transforms that ran: " : "", ran);
	element(w, "p", line, NULL);
}

/* How the text was made: the library and every plugin of the pipeline
 * (the reader and transforms the document recorded, and this writer),
 * how the reader split the source (its layout), and whether it was
 * segmented into sentences, and by which transforms. */
static void write_encoding_desc(tei_writer *w)
{
	const char *layout = herald_doc_meta(w->doc, HERALD_META_LAYOUT);
	const char *reader = herald_doc_stage_count(w->doc) > 0
	                     ? herald_doc_stage_name(w->doc, 0) : NULL;
	char line[512];

	start_block(w, "encodingDesc");
	start_block(w, "appInfo");
	start_block(w, "application");
	attr(w, "ident", "herald");
	attr(w, "version", herald_version());
	element(w, "label", "herald", NULL);
	snprintf(line, sizeof line, "libherald %s, tei writer %s",
	         herald_version(), TEI_WRITER_VERSION);
	element(w, "desc", line, NULL);
	end(w);
	write_stage_apps(w);
	write_plugin_app(w, "tei", TEI_WRITER_VERSION, "writer");
	end(w);
	start_block(w, "editorialDecl");
	start_block(w, "segmentation");
	if (layout != NULL) {
		start(w, "p");
		if (reader) {
			snprintf(line, sizeof line, "Items and paragraphs as the %s "
			         "reader found them in the source, its layout: ", reader);
			text(w, line, NULL);
		} else {
			text(w, "Items and paragraphs as the reader found them in "
			     "the source, its layout: ", NULL);
		}
		start(w, "mentioned");
		text(w, layout, NULL);
		end(w);
		text(w, ".", NULL);
		end(w);
	}
	write_segmented(w);
	end(w);
	end(w);
	end(w);
}

static void write_source_desc(tei_writer *w)
{
	const char *date = herald_doc_meta(w->doc, HERALD_META_DATE);
	const char *author = herald_doc_meta(w->doc, HERALD_META_AUTHOR);
	const char *url = herald_doc_meta(w->doc, HERALD_META_URL);
	const char *when = herald_doc_meta(w->doc, HERALD_META_TIME);
	char hhmm[6], xsd_time[9];

	start_block(w, "sourceDesc");
	start_block(w, "bibl");
	element(w, "title", doc_title(w), NULL);
	if (author != NULL)
		element(w, "author", author, NULL);
	if (date != NULL)
		date_element(w, "date");
	if (when != NULL) {
		start(w, "time");
		if (herald_markup_time(when, hhmm)) {
			snprintf(xsd_time, sizeof xsd_time, "%s:00", hhmm);
			attr(w, "when", xsd_time);
		}
		text(w, when, NULL);
		end(w);
	}
	if (w->idno != NULL) {
		start(w, "idno");
		attr(w, "type", "file");
		text(w, w->idno, NULL);
		end(w);
	}
	if (url != NULL) {
		char *target = herald_markup_url(url);
		if (target == NULL) {
			w->failed = 1;
		} else {
			start(w, "ptr");
			attr(w, "target", target);
			end(w);
			free(target);
		}
	}
	end(w);
	end(w);
}

/* Free fields, which TEI has no element for: notes naming their key. */
static void write_notes(tei_writer *w)
{
	size_t n = herald_doc_field_count(w->doc);

	if (n == 0)
		return;
	start_block(w, "notesStmt");
	for (size_t i = 0; i < n; i++) {
		start(w, "note");
		attr(w, "type", "field");
		attr(w, "n", herald_doc_field_key(w->doc, i));
		text(w, herald_doc_field_value(w->doc, i), NULL);
		end(w);
	}
	end(w);
}

static void write_person(tei_writer *w, const tei_person *p)
{
	/* unnamed: an empty element, so it holds no (indenting) text */
	if (p->name != NULL)
		start_block(w, "person");
	else
		start(w, "person");
	write_id(w, "xml:id", "", p->id);
	attr(w, "role", p->role);
	if (p->name != NULL)
		element(w, "persName", p->name, NULL);
	end(w);
}

static void write_profile_desc(tei_writer *w, const char *lang)
{
	const char *date = herald_doc_meta(w->doc, HERALD_META_DATE);

	if (lang == NULL && date == NULL && w->persons.count == 0)
		return;
	start_block(w, "profileDesc");
	if (date != NULL) {
		start_block(w, "creation");
		date_element(w, "date");
		end(w);
	}
	if (lang != NULL) {
		start_block(w, "langUsage");
		start(w, "language");
		attr(w, "ident", lang);
		end(w);
		end(w);
	}
	if (w->persons.count > 0) {
		start_block(w, "particDesc");
		start_block(w, "listPerson");
		for (size_t i = 0; i < w->persons.count; i++)
			write_person(w, &w->persons.list[i]);
		end(w);
		end(w);
	}
	end(w);
}

static void write_header(tei_writer *w, const tei_state *st, const char *lang)
{
	start_block(w, "teiHeader");
	start_block(w, "fileDesc");
	start_block(w, "titleStmt");
	element(w, "title", doc_title(w), NULL);
	if (herald_doc_meta(w->doc, HERALD_META_AUTHOR) != NULL)
		element(w, "author", herald_doc_meta(w->doc, HERALD_META_AUTHOR),
		        NULL);
	end(w);
	write_publication(w, st);
	write_notes(w);
	write_source_desc(w);
	end(w);
	write_encoding_desc(w);
	write_profile_desc(w, lang);
	end(w);
}

/* --- front and body: where a block under the document goes ------------ */

static void enter_body(tei_writer *w)
{
	if (w->part == IN_BODY)
		return;
	if (w->part == IN_FRONT)
		end(w);
	start_block(w, "body");
	w->part = IN_BODY;
}

static void close_wrapper(tei_writer *w)
{
	if (w->wrapper_open) {
		end(w);
		w->wrapper_open = 0;
	}
}

/* Close the section divs opened since base whose level is level or
 * deeper (level 0: all of them). */
static void close_sections(tei_writer *w, size_t base, unsigned level)
{
	while (w->nsections > base &&
	       w->sections[w->nsections - 1] >= level) {
		end(w);
		w->nsections--;
	}
}

/* A subheading: a section div from here to the next heading of its rank
 * or higher, the heading as its head. */
static void open_heading(tei_writer *w, const herald_node *heading)
{
	unsigned level = herald_node_heading_level(heading);
	size_t base = herald_markup_item_of(heading) != NULL ? w->item_base : 0;

	close_sections(w, base, level);
	if (w->nsections == w->sections_cap) {
		size_t cap = w->sections_cap ? 2 * w->sections_cap : 8;
		unsigned *grown = realloc(w->sections, cap * sizeof(*grown));
		if (grown == NULL) {
			w->failed = 1;
			return;
		}
		w->sections = grown;
		w->sections_cap = cap;
	}
	w->sections[w->nsections++] = level;
	start_block(w, "div");
	attr(w, "type", "section");
	start(w, "head");
	id_attr(w, heading);
}

/* A list; numbered ones count their entries in @n. */
static void open_list(tei_writer *w, const herald_node *list)
{
	int ordered = herald_node_list_type(list) == HERALD_LIST_ORDERED;

	if (w->nlists == w->lists_cap) {
		size_t cap = w->lists_cap ? 2 * w->lists_cap : 8;
		unsigned long *grown = realloc(w->numbers, cap * sizeof(*grown));
		if (grown == NULL) {
			w->failed = 1;
			return;
		}
		w->numbers = grown;
		w->lists_cap = cap;
	}
	w->numbers[w->nlists++] = ordered ? herald_node_list_start(list) : 0;
	start_block(w, "list");
	id_attr(w, list);
	attr(w, "rend", ordered ? "numbered" : "bulleted");
}

static void open_entry(tei_writer *w, const herald_node *entry)
{
	const herald_node *list = herald_node_parent(entry);
	char n[32];

	start_block(w, "item");
	id_attr(w, entry);
	if (list != NULL && w->nlists > 0 &&
	    herald_node_list_type(list) == HERALD_LIST_ORDERED) {
		snprintf(n, sizeof n, "%lu", w->numbers[w->nlists - 1]++);
		attr(w, "n", n);
	}
}

/* Make room for a block that is a direct child of the document. */
static void place_top_block(tei_writer *w, const herald_node *node)
{
	herald_node_type type = herald_node_type_of(node);

	if (type == HERALD_NODE_QUOTE && w->part != IN_BODY) {
		if (w->part == IN_TEXT) {
			start_block(w, "front");
			w->part = IN_FRONT;
		}
		return;                    /* an opening epigraph */
	}
	enter_body(w);
	if (type == HERALD_NODE_PARAGRAPH || type == HERALD_NODE_LIST) {
		/* inside a section they are its content; else after a div
		 * they need a wrapper */
		if (w->nsections == 0 && w->div_seen && !w->wrapper_open) {
			start_block(w, "div");
			attr(w, "type", "text");
			w->wrapper_open = 1;
		}
		return;
	}
	close_wrapper(w);
	w->div_seen = 1;
	if (type != HERALD_NODE_HEADING)
		close_sections(w, 0, 0);   /* items stand in the body itself */
}

static void open_text(tei_writer *w)
{
	start_block(w, "text");
	w->part = IN_TEXT;
	if (herald_markup_dateline(w->doc) != NULL) {
		start_block(w, "front");
		w->part = IN_FRONT;
		date_element(w, "docDate");
	}
}

static void close_text(tei_writer *w)
{
	if (w->part != IN_BODY) {
		enter_body(w);
		/* a body must hold something: an empty paragraph */
		start(w, "p");
		end(w);
	}
	close_wrapper(w);
	close_sections(w, 0, 0);
	end(w);                            /* body */
	end(w);                            /* text */
}

/* --- blocks ------------------------------------------------------------- */

/* Tags (of an item, or a paragraph's "caption") become @rend tokens; a
 * tag that is not one word cannot be one. */
static void rend_attr(tei_writer *w, const herald_node *item)
{
	size_t n = herald_node_tag_count(item), len = 0, at = 0;
	char *rend;

	for (size_t i = 0; i < n; i++)
		len += strlen(herald_node_tag(item, i)) + 1;
	if (len == 0 || (rend = malloc(len)) == NULL) {
		w->failed |= len != 0;
		return;
	}
	rend[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *tag = herald_node_tag(item, i);
		if (*tag == '\0' || tag[strcspn(tag, " \t\r\n")] != '\0') {
			herald_warning(w->diag, "tag '%s' of %s is not "
			               "a word; left out of @rend", tag,
			               herald_node_id(item));
			continue;
		}
		if (at > 0)
			rend[at++] = ' ';
		memcpy(rend + at, tag, strlen(tag) + 1);
		at += strlen(tag);
	}
	if (at > 0)
		attr(w, "rend", rend);
	free(rend);
}

static void open_item(tei_writer *w, const herald_node *item)
{
	const tei_person *speaker = herald_tei_persons_of_item(&w->persons, item);
	herald_item_kind kind = herald_node_item_kind(item);
	char ref[80];

	start_block(w, "div");
	attr(w, "type", "item");
	attr(w, "subtype", herald_item_kind_name(kind));
	id_attr(w, item);
	attr(w, "xml:lang", herald_markup_item_lang(w->doc, item, "tei",
	                                            w->diag));
	rend_attr(w, item);
	w->item_base = w->nsections;
	if (herald_node_title(item) != NULL)
		element(w, "head", herald_node_title(item), item);
	if (speaker != NULL) {
		snprintf(ref, sizeof ref, "#%s", speaker->id);
		start_block(w, "byline");
		start(w, "name");
		attr(w, "ref", ref);
		text(w, speaker->name, item);
		end(w);
		end(w);
	}
}

static int is_epigraph(const herald_node *quote)
{
	return herald_node_type_of(herald_node_parent(quote)) ==
	       HERALD_NODE_DOCUMENT;
}

/* An epigraph is a div of its own (its heading is the div's head); a
 * quotation in an item is a cit there, its heading a bibl's title. */
static void open_quote(tei_writer *w, const herald_node *quote)
{
	const char *title = herald_node_title(quote);

	if (is_epigraph(quote)) {
		start_block(w, "div");
		attr(w, "type", "epigraph");
		id_attr(w, quote);
		if (title != NULL)
			element(w, "head", title, quote);
		start_block(w, "epigraph");
		start_block(w, "cit");
	} else {
		start_block(w, "cit");
		id_attr(w, quote);
		if (title != NULL) {
			start_block(w, "bibl");
			element(w, "title", title, quote);
			end(w);
		}
	}
	start_block(w, "quote");
}

static void close_quote(tei_writer *w, const herald_node *quote)
{
	end(w);                            /* quote */
	if (herald_node_speaker(quote) != NULL) {
		start_block(w, "bibl");
		element(w, "author", herald_node_speaker(quote), quote);
		end(w);
	}
	end(w);                            /* cit */
	if (is_epigraph(quote)) {
		end(w);                    /* epigraph */
		end(w);                    /* div */
	}
}

static void open_turn(tei_writer *w, const herald_node *turn)
{
	const tei_person *who = herald_tei_persons_of_turn(&w->persons, turn);
	const char *label = herald_node_label(turn);
	const char *role;

	start_block(w, "sp");
	id_attr(w, turn);
	if (who != NULL)
		write_id(w, "who", "#", who->id);
	/* speaker is what the page printed ("MS. PSAKI", "Q"); the person
	 * @who points at carries the name, the same for every spelling */
	if (label != NULL)
		element(w, "speaker", label, turn);
	else if (who != NULL && who->name != NULL)
		element(w, "speaker", who->name, turn);
	/* (looked up only here, once per item: a label is the usual case,
	 * and the word costs a language lookup) */
	else if ((role = herald_markup_role_word_of(&w->role_words, w->doc,
	                                            turn)) != NULL)
		element(w, "speaker", role, turn);
	start(w, "p");
}

static void open_link(tei_writer *w, const herald_node *link)
{
	const char *url = herald_node_url(link);
	char *escaped;

	start(w, "ref");
	if (url == NULL)
		return;
	escaped = herald_markup_url(url);
	if (escaped == NULL) {
		w->failed = 1;
		return;
	}
	attr(w, "target", escaped);
	free(escaped);
}

static void enter(tei_writer *w, const herald_node *node)
{
	herald_node *parent = herald_node_parent(node);

	/* TEI's list needs an item: an empty list is left out (it has no
	 * text to lose) */
	if (herald_node_type_of(node) == HERALD_NODE_LIST &&
	    herald_node_first_child(node) == NULL) {
		w->skip = node;
		return;
	}
	if (parent != NULL &&
	    herald_node_type_of(parent) == HERALD_NODE_DOCUMENT)
		place_top_block(w, node);
	switch (herald_node_type_of(node)) {
	case HERALD_NODE_DOCUMENT:
		open_text(w);
		break;
	case HERALD_NODE_ITEM:
		open_item(w, node);
		break;
	case HERALD_NODE_QUOTE:
		open_quote(w, node);
		break;
	case HERALD_NODE_PARAGRAPH:
		start(w, "p");
		id_attr(w, node);
		rend_attr(w, node);        /* a photo caption: rend="caption" */
		break;
	case HERALD_NODE_TURN:
		open_turn(w, node);
		break;
	case HERALD_NODE_SENTENCE:
		start(w, "s");
		id_attr(w, node);
		break;
	case HERALD_NODE_EMPH:
		start(w, "emph");
		break;
	case HERALD_NODE_LINK:
		open_link(w, node);
		break;
	case HERALD_NODE_TEXT:
		text(w, herald_node_text(node), node);
		break;
	case HERALD_NODE_LINEBREAK:
		start(w, "lb");
		end(w);
		break;
	case HERALD_NODE_HEADING:
		open_heading(w, node);
		break;
	case HERALD_NODE_LIST:
		open_list(w, node);
		break;
	case HERALD_NODE_LIST_ITEM:
		open_entry(w, node);
		break;
	}
}

static void leave(tei_writer *w, const herald_node *node)
{
	if (w->skip == node) {
		w->skip = NULL;
		return;
	}
	switch (herald_node_type_of(node)) {
	case HERALD_NODE_ITEM:
		close_sections(w, w->item_base, 0);
		w->item_base = 0;
		end(w);
		break;
	case HERALD_NODE_LIST:
		w->nlists--;
		end(w);
		break;
	case HERALD_NODE_DOCUMENT:
		close_text(w);
		break;
	case HERALD_NODE_QUOTE:
		close_quote(w, node);
		break;
	case HERALD_NODE_TURN:
		end(w);                    /* p */
		end(w);                    /* sp */
		break;
	case HERALD_NODE_TEXT:
	case HERALD_NODE_LINEBREAK:
		break;                     /* closed when entered */
	default:
		end(w);
		break;
	}
}

/* --- the document ------------------------------------------------------- */

static void write_tei(tei_writer *w, const tei_state *st)
{
	const char *lang = herald_doc_meta(w->doc, HERALD_META_LANGUAGE);
	herald_walker walker;
	herald_walk_event ev;

	if (lang != NULL && !herald_markup_is_language(lang)) {
		herald_warning(w->diag, "language '%s' is not a BCP 47 "
		               "tag; left out", lang);
		lang = NULL;
	}
	if (w->block_depth == 0) {
		tei_xml_start(&w->xml, "TEI", TEI_NS);
		w->block_depth = 1;
	} else {
		start_block(w, "TEI");     /* inside a teiCorpus */
	}
	attr(w, "xml:lang", lang);
	write_header(w, st, lang);
	herald_walker_init(&walker, herald_doc_root(w->doc));
	while (!w->failed && !w->xml.sink.failed &&
	       (ev = herald_walker_next(&walker)) != HERALD_WALK_DONE) {
		if (ev == HERALD_WALK_ENTER)
			enter(w, walker.node);
		else
			leave(w, walker.node);
	}
	end(w);                            /* TEI */
}

/* Start w on out: a document, held in memory until it is validated
 * (hold), or a piece of a corpus written in parts (never held), within
 * the open element inside (NULL: the corpus's start).  0, or -1 after
 * reporting. */
static int writer_open(tei_writer *w, const tei_state *st, FILE *out,
                       int hold, const char *inside, herald_diag *diag)
{
	int rc;

	memset(w, 0, sizeof *w);
	herald_markup_errors_begin(&w->errors, "tei", diag);
	w->diag = diag;
	w->pretty = st->pretty;
	set_id_prefix(w, "");
	w->out = out;
	/* to be validated, the output waits in memory: an invalid one is
	 * never written, not even in part */
	w->held = hold;
	if (inside != NULL)
		rc = tei_xml_begin_inside(&w->xml, out, inside);
	else
		rc = tei_xml_begin(&w->xml, hold ? NULL : out);
	if (rc != 0) {
		tei_xml_release(&w->xml);
		herald_markup_errors_end(&w->errors, 0);
		herald_error(diag, "out of memory");
		return -1;
	}
	w->block_depth = inside != NULL;
	if (inside == NULL && st->xml_model != NULL)
		tei_xml_pi(&w->xml, "xml-model", st->xml_model);
	return 0;
}

/* Whether outputs are validated (validate=): held until then. */
static int validated(const tei_state *st)
{
	return st->validator != NULL;
}

/* validate=: the held output checked, then written when it passes. */
static int release_held(tei_writer *w, const tei_state *st)
{
	size_t len;
	const char *xml = tei_xml_held(&w->xml, &len);
	int rc = herald_tei_schema_check(st->validator, xml, len, w->diag);
	size_t from = w->held_to ? w->held_from : 0;
	size_t n = (w->held_to ? w->held_to : len) - from;

	if (rc == HERALD_OK && (fwrite(xml + from, 1, n, w->out) != n ||
	                        fflush(w->out) != 0)) {
		herald_error(w->diag, "cannot write the output: %s",
		             strerror(errno));
		rc = HERALD_EIO;
	}
	return rc;
}

/* End w: the document (whole), or a piece of a corpus that leaves its
 * open elements open (their ends are another piece's). */
static int writer_close(tei_writer *w, const tei_state *st, int whole)
{
	int rc, err;

	if (whole)
		tei_xml_finish(&w->xml);
	else
		tei_xml_flush(&w->xml);
	err = w->xml.sink.write_errno;
	rc = herald_markup_errors_end(&w->errors, w->failed);
	if (rc == HERALD_OK && w->xml.sink.failed) {
		if (err == 0) {
			herald_error(w->diag, "tei: out of memory");
			rc = HERALD_ENOMEM;
		} else {
			herald_error(w->diag, "tei: cannot write the output: %s",
			             strerror(err));
			errno = err;   /* so that a caller can tell a full disk */
			rc = HERALD_EIO;
		}
	}
	if (rc == HERALD_OK && w->held)
		rc = release_held(w, st);
	tei_xml_release(&w->xml);
	return rc;
}

/* One TEI element for doc, at the writer's current place. */
static void write_document(tei_writer *w, const tei_state *st,
                           const herald_doc *doc)
{
	w->doc = doc;
	w->part = IN_TEXT;
	w->idno = NULL;
	errno = 0;
	if (herald_doc_source_name(doc) != NULL &&
	    (w->idno = herald_tei_idno(herald_doc_meta(doc, HERALD_META_SOURCE),
	                               st->root, st->cwd)) == NULL &&
	    errno == ENOMEM) {
		herald_error(w->diag, "out of memory");
		w->failed = 1;
		return;
	}
	w->div_seen = w->wrapper_open = 0;
	if (herald_tei_persons_collect(&w->persons, herald_doc_root(doc),
	                               &w->segmented) != 0) {
		herald_error(w->diag, "out of memory");
		w->failed = 1;
		return;
	}
	write_tei(w, st);
	free(w->idno);
	w->idno = NULL;
	herald_tei_persons_free(&w->persons);
	free(w->sections);
	free(w->numbers);
	w->sections = NULL;
	w->numbers = NULL;
	w->nsections = w->sections_cap = w->item_base = 0;
	w->nlists = w->lists_cap = 0;
}

static int tei_write(void *state, const herald_doc *doc, FILE *out,
                     herald_diag *diag)
{
	tei_writer w;

	if (writer_open(&w, state, out, validated(state), NULL, diag) != 0)
		return HERALD_ENOMEM;
	write_document(&w, state, doc);
	return writer_close(&w, state, 1);
}

/* --- a teiCorpus: its own small header, then one TEI per document, whose
 * identifiers carry the prefix "dN." to stay unique in the corpus.  Written
 * whole (write_many) or in pieces (write_corpus_part) by the same
 * functions, so the pieces concatenated are the same bytes. */

/* The teiCorpus start tag and its header, for n documents. */
static void corpus_head(tei_writer *w, const tei_state *st, size_t n)
{
	char about[256];

	tei_xml_start(&w->xml, "teiCorpus", TEI_NS);
	w->block_depth = 1;
	start_block(w, "teiHeader");
	start_block(w, "fileDesc");
	start_block(w, "titleStmt");
	/* a corpus mixes documents: its words are the generic pack's */
	element(w, "title", herald_lang_label(NULL, "corpus"), NULL);
	end(w);
	write_publication(w, st);
	start_block(w, "sourceDesc");
	snprintf(about, sizeof about, "%zu %s", n,
	         herald_lang_label(NULL, "corpus-count"));
	element(w, "p", about, NULL);
	end(w);
	end(w);                           /* fileDesc */
	end(w);                           /* teiHeader */
}

/* doc as the corpus's TEI number (its ids prefixed "dNUMBER."). */
static void corpus_document(tei_writer *w, const tei_state *st,
                            const herald_doc *doc, size_t number)
{
	char prefix[32];

	snprintf(prefix, sizeof prefix, "d%zu.", number);
	set_id_prefix(w, prefix);
	write_document(w, st, doc);
	set_id_prefix(w, "");
}

static int tei_write_many(void *state, const herald_doc *const *docs,
                          size_t n, FILE *out, herald_diag *diag)
{
	const tei_state *st = state;
	tei_writer w;

	if (writer_open(&w, st, out, validated(st), NULL, diag) != 0)
		return HERALD_ENOMEM;
	corpus_head(&w, st, n);
	for (size_t i = 0; i < n && !w.failed && !w.xml.sink.failed; i++)
		corpus_document(&w, st, docs[i], i + 1);
	end(&w);                           /* teiCorpus */
	return writer_close(&w, st, 1);
}

/* validate=: doc checked as the one TEI of a corpus of its own (the
 * head and end around it), held in memory; its piece is written only
 * when that corpus is valid.  A corpus in pieces is never held whole. */
static int write_checked_document(const tei_state *st, const herald_doc *doc,
                                  size_t number, FILE *out, herald_diag *diag)
{
	tei_writer w;

	if (writer_open(&w, st, out, 1, NULL, diag) != 0)
		return HERALD_ENOMEM;
	corpus_head(&w, st, 1);
	w.held_from = w.xml.sink.len;
	corpus_document(&w, st, doc, number);
	w.held_to = w.xml.sink.len;
	end(&w);                           /* teiCorpus */
	return writer_close(&w, st, 1);
}

static int tei_write_corpus_part(void *state, herald_corpus_part part,
                                 const herald_doc *doc, size_t number,
                                 FILE *out, herald_diag *diag)
{
	const tei_state *st = state;
	tei_writer w;

	if (part == HERALD_CORPUS_DOCUMENT && st->validator != NULL)
		return write_checked_document(st, doc, number, out, diag);
	/* (the head and the end are checked around every document) */
	if (writer_open(&w, st, out, 0, part == HERALD_CORPUS_HEAD ? NULL
	                : "teiCorpus", diag) != 0)
		return HERALD_ENOMEM;
	if (part == HERALD_CORPUS_HEAD)
		corpus_head(&w, st, number);
	else if (part == HERALD_CORPUS_DOCUMENT)
		corpus_document(&w, st, doc, number);
	else
		end(&w);                   /* teiCorpus */
	return writer_close(&w, st, part == HERALD_CORPUS_TAIL);
}

HERALD_PLUGIN(tei) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "tei",
	.version = TEI_WRITER_VERSION,
	.description = "writes TEI P5 XML (validates against tei_all)",
	.roles = HERALD_ROLE_WRITER,
	.output_extension = "xml",
	.options = tei_options,
	.open = tei_open,
	.close = tei_close,
	.write = tei_write,
	.write_many = tei_write_many,
	.write_corpus_part = tei_write_corpus_part,
};
