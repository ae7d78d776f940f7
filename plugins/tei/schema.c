/* schema.c - validating each output against the user's RELAX NG schema
 * (see schema.h). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>

#include "markup.h"
#include "schema.h"

/* Messages shown per document; the rest are counted. */
#define SHOWN_ERRORS 20

struct herald_tei_schema {
	xmlRelaxNGPtr compiled;
	char *path;
};

/* Where libxml2's messages about one schema or one output go. */
typedef struct report {
	herald_diag *diag;
	const char *schema;      /* its path, for the messages */
	int compiling;           /* messages about the schema itself */
	size_t count;
} report;

/* The xml:id of node or of its nearest ancestor that has one. */
static xmlChar *nearest_id(xmlNodePtr node)
{
	for (; node != NULL && node->type == XML_ELEMENT_NODE;
	     node = node->parent) {
		xmlChar *id = xmlGetNsProp(node, BAD_CAST "id", XML_XML_NAMESPACE);
		if (id != NULL)
			return id;
	}
	return NULL;
}

static void on_error(void *data, xmlErrorPtr err)
{
	report *r = data;
	const char *msg = err->message != NULL ? err->message : "invalid";
	int len = (int)strcspn(msg, "\n");
	xmlChar *id;
	char where[HERALD_QUOTE_SIZE];

	if (r->count++ >= SHOWN_ERRORS)
		return;
	herald_diag_quote(r->schema, where, sizeof where);
	if (r->compiling && err->line > 0) {
		herald_error(r->diag, "validate=%s: line %d: %.*s", where,
		             err->line, len, msg);
		return;
	}
	if (r->compiling) {
		herald_error(r->diag, "validate=%s: %.*s", where, len, msg);
		return;
	}
	id = nearest_id(err->node);
	herald_error(r->diag, "output line %d is not valid against "
	             "%s: %.*s%s%s%s", err->line, where, len, msg,
	             id != NULL ? " (in xml:id \"" : "",
	             id != NULL ? (const char *)id : "",
	             id != NULL ? "\")" : "");
	xmlFree(id);
}

static void more_errors(const report *r)
{
	if (r->count > SHOWN_ERRORS)
		herald_error(r->diag, "%zu more error(s) not shown",
		             r->count - SHOWN_ERRORS);
}

/* Why path cannot be a schema file, or NULL: it must be a local file
 * (a URL there would have libxml2 fetch it). */
static const char *not_a_file(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return strerror(errno);
	return S_ISREG(st.st_mode) ? NULL : "not a regular file";
}

herald_tei_schema *herald_tei_schema_load(const char *path, herald_diag *diag)
{
	const char *unusable = not_a_file(path);
	herald_tei_schema *s;
	report r = { diag, path, 1, 0 };
	herald_markup_errors errors;
	xmlRelaxNGParserCtxtPtr ctxt;

	if (unusable != NULL) {
		char where[HERALD_QUOTE_SIZE];
		herald_error(diag, "validate=%s: cannot read the schema: %s",
		             herald_diag_quote(path, where, sizeof where),
		             unusable);
		return NULL;
	}
	s = calloc(1, sizeof *s);
	if (s == NULL || (s->path = strdup(path)) == NULL ||
	    (ctxt = xmlRelaxNGNewParserCtxt(path)) == NULL) {
		herald_tei_schema_free(s);
		herald_error(diag, "out of memory");
		return NULL;
	}
	xmlRelaxNGSetParserStructuredErrors(ctxt, on_error, &r);
	/* the schema file's own parser speaks through the thread's handlers */
	herald_markup_errors_begin(&errors, "tei", diag);
	s->compiled = xmlRelaxNGParse(ctxt);
	herald_markup_errors_end(&errors, 0);
	xmlRelaxNGFreeParserCtxt(ctxt);
	more_errors(&r);
	if (s->compiled == NULL) {
		char where[HERALD_QUOTE_SIZE];
		herald_error(diag, "validate=%s: not a RELAX NG schema "
		             "libxml2 can compile", herald_diag_quote(path, where,
		                                                      sizeof where));
		herald_tei_schema_free(s);
		return NULL;
	}
	return s;
}

void herald_tei_schema_free(herald_tei_schema *schema)
{
	if (schema == NULL)
		return;
	if (schema->compiled != NULL)
		xmlRelaxNGFree(schema->compiled);
	free(schema->path);
	free(schema);
}

/* The output parsed back; libxml2's messages (a writer bug: the output
 * is its own) kept per thread and reported once, not printed raw.  Its
 * xml:id values are not indexed (XML_SKIP_IDS): libxml2 2.9's index of
 * them grows quadratically with their number, and a schema that
 * types them as IDs checks them itself. */
static xmlDocPtr parse_output(const char *xml, size_t len, herald_diag *diag)
{
	herald_markup_errors errors;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;

	herald_markup_errors_begin(&errors, "tei", diag);
	ctxt = xmlCreateMemoryParserCtxt(xml, (int)len);
	if (ctxt != NULL) {
		xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_HUGE);
		ctxt->loadsubset |= XML_SKIP_IDS;
		xmlParseDocument(ctxt);
		doc = ctxt->myDoc;
		ctxt->myDoc = NULL;
		if (!ctxt->wellFormed && doc != NULL) {
			xmlFreeDoc(doc);
			doc = NULL;
		}
		xmlFreeParserCtxt(ctxt);
	}
	herald_markup_errors_end(&errors, 0);
	return doc;
}

int herald_tei_schema_check(const herald_tei_schema *schema,
                            const char *xml, size_t len, herald_diag *diag)
{
	report r = { diag, schema->path, 0, 0 };
	xmlRelaxNGValidCtxtPtr ctxt;
	xmlDocPtr doc;
	int rc;

	if (len > INT_MAX) {
		herald_error(diag, "output of %zu bytes too large to "
		             "validate", len);
		return HERALD_EINPUT;
	}
	doc = parse_output(xml, len, diag);
	if (doc == NULL) {
		herald_error(diag, "the output could not be parsed back "
		             "for validation");
		return HERALD_EINPUT;
	}
	ctxt = xmlRelaxNGNewValidCtxt(schema->compiled);
	if (ctxt == NULL) {
		xmlFreeDoc(doc);
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	xmlRelaxNGSetValidStructuredErrors(ctxt, on_error, &r);
	rc = xmlRelaxNGValidateDoc(ctxt, doc);
	xmlRelaxNGFreeValidCtxt(ctxt);
	xmlFreeDoc(doc);
	more_errors(&r);
	if (rc == 0)
		return HERALD_OK;
	if (r.count == 0) {
		char where[HERALD_QUOTE_SIZE];
		herald_error(diag, "the output is not valid against %s",
		             herald_diag_quote(schema->path, where, sizeof where));
	}
	return HERALD_EINPUT;
}
