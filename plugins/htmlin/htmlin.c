/* htmlin - the HTML reader: web pages in, their main text out.
 *
 * The module is "htmlin", not "html": plugins/html is the HTML writer,
 * and a module's name is its file's name, so a second html.la cannot
 * exist beside it (doc/html-reader.md).
 *
 * read(): bytes -> UTF-8 (charset from BOM, <meta>, else detected, all by
 * herald_decode) -> libxml2's HTML parser (no network, no DTD, no
 * entities loaded, recover mode) -> the page's elements measured and
 * pruned, its main content chosen (extract.c) -> metadata (meta.c) and
 * blocks (emit.c). */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>

#include "htmlin.h"

static const herald_option htmlin_options[] = {
	{ .name = "main", .type = HERALD_OPT_CHOICE, .default_value = "auto",
	  .help = "auto: the page's main text only; all: every visible text of the page",
	  .choices = "auto|all" },
	{ .name = "keep-links", .type = HERALD_OPT_BOOL, .default_value = "true",
	  .help = "keep hyperlinks as links (false: their text only)" },
	{ .name = "encoding", .type = HERALD_OPT_STRING, .default_value = "auto",
	  .help = "the page's charset, an iconv name; auto: BOM, <meta charset>, else detected" },
	{ .name = "max-size", .type = HERALD_OPT_INT, .default_value = "64",
	  .help = "refuse pages larger than this many MiB" },
	{ 0 }
};

typedef struct htmlin_state {
	hw_words words;
	bool all;
	bool keep_links;
	char encoding[64];
	size_t max_size;
} htmlin_state;

static int htmlin_open(const herald_options *opts, void **state,
                       herald_diag *diag)
{
	htmlin_state *st = calloc(1, sizeof *st);
	const char *enc = herald_options_value(opts, "encoding");
	long max = herald_options_int(opts, "max-size");
	int rc;

	if (!st) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	if (!enc)
		enc = "auto";
	if (strlen(enc) >= sizeof st->encoding) {
		herald_error(diag, "unknown encoding '%s'", enc);
		free(st);
		return HERALD_EUSAGE;
	}
	strcpy(st->encoding, enc);
	if (max < 1 || max > 4096) {
		herald_error(diag, "max-size must be 1 to 4096 (MiB), not %ld", max);
		free(st);
		return HERALD_EUSAGE;
	}
	st->max_size = (size_t)max << 20;
	const char *mode = herald_options_value(opts, "main");
	st->all = mode && !strcmp(mode, "all");
	st->keep_links = herald_options_bool(opts, "keep-links");
	/* Decoding nothing checks a forced charset's name now. */
	herald_decode_options dopts = { st->encoding, true };
	char *none;
	size_t len;
	rc = herald_decode(NULL, 0, &dopts, &none, &len, NULL, diag);
	if (rc != HERALD_OK) {
		free(st);
		return rc;
	}
	free(none);
	rc = hw_load(&st->words, diag);
	if (rc != HERALD_OK) {
		free(st);
		return rc;
	}
	/* libxml2's global set-up, once, before any worker thread. */
	xmlInitParser();
	*state = st;
	return HERALD_OK;
}

static void htmlin_close(void *state)
{
	htmlin_state *st = state;
	if (!st)
		return;
	hw_free(&st->words);
	free(st);
}

/* --- the charset ---------------------------------------------------------- */

/* The charset a page declares in its first 4 KiB: <meta charset=X> or
 * <meta http-equiv="Content-Type" content="...; charset=X">.  Writes the
 * label, lower-cased, into out; false when there is none. */
static bool declared_charset(const unsigned char *d, size_t n, char *out,
                             size_t outsz)
{
	if (n > 4096)
		n = 4096;
	for (size_t i = 0; i + 5 < n; i++) {
		if (d[i] != '<' || strncasecmp((const char *)d + i + 1, "meta", 4))
			continue;
		size_t end = i + 5;
		while (end < n && d[end] != '>')
			end++;
		for (size_t k = i + 5; k + 7 < end; k++) {
			if (strncasecmp((const char *)d + k, "charset", 7))
				continue;
			size_t v = k + 7;
			while (v < end && (d[v] == ' ' || d[v] == '='))
				v++;
			if (v < end && (d[v] == '"' || d[v] == '\''))
				v++;
			size_t len = 0;
			while (v + len < end && len + 1 < outsz &&
			       (isalnum(d[v + len]) || strchr("-_:.", d[v + len])))
				len++;
			if (!len)
				continue;
			for (size_t c = 0; c < len; c++)
				out[c] = (char)tolower(d[v + c]);
			out[len] = '\0';
			return true;
		}
		i = end;
	}
	return false;
}

/* Labels the web uses for a wider charset (the WHATWG Encoding standard
 * reads them so), or in a spelling iconv does not know. */
static const char *charset_for(const char *label)
{
	static const char *const map[][2] = {
		{ "iso-8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
		{ "iso8859-1", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" },
		{ "ascii", "WINDOWS-1252" }, { "iso-8859-9", "WINDOWS-1254" },
		{ "gb2312", "GB18030" }, { "gbk", "GB18030" },
		{ "x-sjis", "SHIFT_JIS" }, { "tis-620", "WINDOWS-874" },
		{ "ks_c_5601-1987", "CP949" }, { "euc-kr", "CP949" },
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (!strcmp(label, map[i][0]))
			return map[i][1];
	return label;
}

static bool has_bom(const unsigned char *d, size_t n)
{
	return (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) ||
	       (n >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) ||
	                   (d[0] == 0xFE && d[1] == 0xFF)));
}

/* Decode the page: a forced charset as given; else a BOM; else bytes
 * that are valid UTF-8 are UTF-8 whatever the page declares (a page
 * saved as UTF-8 with its old declaration left in is common, Latin-1
 * text that happens to be valid UTF-8 is not); else the declared
 * charset; else herald_decode's detection.  Bad bytes are repaired to
 * U+FFFD with a warning: a page is never refused for one stray byte. */
static int decode_page(const htmlin_state *st, const herald_input *in,
                       char **out, size_t *len, herald_diag *diag)
{
	herald_decode_options o = { st->encoding, true };
	char label[40];
	const char *charset;

	if (!strcmp(st->encoding, "auto") && !has_bom(in->data, in->size) &&
	    !herald_utf8_is_valid((const char *)in->data, in->size) &&
	    declared_charset(in->data, in->size, label, sizeof label) &&
	    strcmp(label, "utf-8") && strcmp(label, "utf8")) {
		o.encoding = charset_for(label);
		herald_diag *quiet = herald_diag_new(NULL);
		int rc = quiet ? herald_decode(in->data, in->size, &o, out, len,
		                               &charset, quiet)
		               : HERALD_ENOMEM;
		herald_diag_free(quiet);
		if (rc == HERALD_OK)
			return rc;
		/* An unknown label: detection decides, and says so. */
		herald_warning(diag, "declared charset '%s' unknown; detecting",
		               label);
		o.encoding = "auto";
	}
	return herald_decode(in->data, in->size, &o, out, len, &charset, diag);
}

/* --- parse ------------------------------------------------------------------ */

/* The bytes are UTF-8 now: libxml2 is told so and told to ignore the
 * page's own declaration.  NONET: never a network access; the HTML
 * parser loads no DTD and expands only HTML's own character references.
 * Not XML_PARSE_HUGE: with the depth limit lifted, end tags that match
 * nothing near the top make libxml2 scan its whole stack of open
 * elements, each: quadratic time. */
#define PARSE_OPTIONS (HTML_PARSE_NONET | HTML_PARSE_RECOVER | \
	HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC)

/* Where libxml2 stopped reading: the byte offset of its input when it
 * raised a fatal "internal" error, which is how it stops at its depth
 * limit ("Excessive depth in document: 256").  -1: it did not stop. */
typedef struct stop_probe {
	htmlParserCtxtPtr ctxt;
	long offset;
} stop_probe;

static void note_stop(void *data, xmlErrorPtr e)
{
	stop_probe *p = data;
	xmlParserInputPtr in = p->ctxt->input;
	if (e && e->level == XML_ERR_FATAL && e->code == XML_ERR_INTERNAL_ERROR &&
	    p->offset < 0 && in && in->base && in->cur >= in->base)
		p->offset = (long)in->consumed + (long)(in->cur - in->base);
}

/* The page handed to libxml2 as it reads it: htmlCtxtReadMemory copies
 * all of its input first, which a page read in many continuations
 * (below) would pay for each time. */
typedef struct part_reader {
	const char *s;
	size_t left;
} part_reader;

static int read_part(void *data, char *buf, int size)
{
	part_reader *r = data;
	size_t n = size > 0 ? (size_t)size : 0;
	if (n > r->left)
		n = r->left;
	memcpy(buf, r->s, n);
	r->s += n;
	r->left -= n;
	return (int)n;
}

/* One parse of s; *stop is where libxml2 stopped (-1: at the end, -2:
 * stopped at an unknown place).  libxml2 raises its errors to the
 * thread's structured handler, so the probe is that handler for the
 * length of the parse, and the one before it is put back. */
static htmlDocPtr parse_part(htmlParserCtxtPtr ctxt, const char *s, size_t len,
                             long *stop)
{
	stop_probe probe = { ctxt, -1 };
	part_reader in = { s, len };
	xmlStructuredErrorFunc saved = xmlStructuredError;
	void *saved_data = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&probe, note_stop);
	htmlDocPtr d = htmlCtxtReadIO(ctxt, read_part, NULL, &in, NULL, "UTF-8",
	                              PARSE_OPTIONS);
	xmlSetStructuredErrorFunc(saved_data, saved);
	xmlErrorPtr err = xmlCtxtGetLastError(ctxt);
	*stop = probe.offset;
	if (probe.offset < 0 && err && err->level == XML_ERR_FATAL &&
	    err->code == XML_ERR_INTERNAL_ERROR)
		*stop = -2;
	return d;
}

static xmlNodePtr body_of(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !xmlStrcmp(c->name, BAD_CAST "body"))
			return c;
	return root;
}

/* Line numbers of the nodes below top, moved down by lines (libxml2
 * keeps at most 65535). */
static void shift_lines(xmlNodePtr top, unsigned long lines)
{
	for (xmlNodePtr n = top->children; n;) {
		unsigned long l = n->line ? n->line + lines : 0;
		n->line = (unsigned short)(l > 65535 ? 65535 : l);
		if (n->children) {
			n = n->children;
			continue;
		}
		while (n != top && !n->next)
			n = n->parent;
		n = n == top ? NULL : n->next;
	}
}

/* A continuation, moved to the end of the page's body, its line numbers
 * made the page's.  What libxml2 put in the continuation's <head> (a
 * <title> where the page stopped) joins the body too: it was in the
 * page's body. */
static void append_part(xmlDocPtr doc, xmlDocPtr part, unsigned long lines)
{
	xmlNodePtr to = body_of(doc), root = xmlDocGetRootElement(part);
	if (!to || !root)
		return;
	shift_lines(root, lines);
	for (xmlNodePtr box = root->children, nbox; box; box = nbox) {
		nbox = box->next;
		bool wrapper = box->type == XML_ELEMENT_NODE &&
		               (!xmlStrcmp(box->name, BAD_CAST "head") ||
		                !xmlStrcmp(box->name, BAD_CAST "body"));
		xmlNodePtr first = wrapper ? box->children : box;
		for (xmlNodePtr c = first, next; c; c = next) {
			next = wrapper ? c->next : NULL;
			xmlUnlinkNode(c);
			if (!xmlAddChild(to, c))
				xmlFreeNode(c);
		}
	}
}

static unsigned long count_lines(const char *s, size_t n)
{
	unsigned long lines = 0;
	for (const char *e = s + n; (s = memchr(s, '\n', (size_t)(e - s))); s++)
		lines++;
	return lines;
}

/* The 1-based column, in characters, of byte offset at of s. */
static unsigned long column_of(const char *s, size_t at)
{
	size_t start = at;
	while (start > 0 && s[start - 1] != '\n')
		start--;
	unsigned long col = 1;
	for (size_t i = start; i < at; i++)
		col += ((unsigned char)s[i] & 0xC0) != 0x80;
	return col;
}

/* libxml2 stops reading at a nesting depth of 256.  The text below is
 * not lost: the parse goes on from the start tag where it stopped, as
 * a continuation whose elements join the page's body at its end (their
 * nesting above is not kept), until the page is read; each continuation
 * reads at least 250 more start tags, so the page is read in linear
 * time.  *cut: a part of the page was left unread all the same. */
static int parse_page(const char *text, size_t len, htmlDocPtr *out,
                      bool *cut, herald_diag *diag)
{
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	long stop;
	*out = NULL;
	if (!ctxt) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	htmlDocPtr doc = parse_part(ctxt, text, len, &stop);
	size_t pos = 0, parts = 0;
	unsigned long lines = 0;
	while (doc && stop >= 0) {
		size_t at = pos + (size_t)stop, from = at;
		while (from > pos && text[from] != '<')
			from--;
		if (from <= pos || at >= len) {
			stop = -2;
			break;
		}
		lines += count_lines(text + pos, from - pos);
		if (!parts++)
			herald_diag_report(diag, HERALD_WARNING, lines + 1,
			                   column_of(text, from),
			                   "elements nested deeper than libxml2's limit (256 levels); the rest of the page read on from there, without the nesting above");
		pos = from;
		htmlDocPtr part = parse_part(ctxt, text + pos, len - pos, &stop);
		if (!part) {
			stop = -2;
			break;
		}
		append_part(doc, part, lines);
		xmlFreeDoc(part);
	}
	*cut = stop == -2;
	htmlFreeParserCtxt(ctxt);
	if (!doc) {
		herald_error(diag, "not an HTML page");
		return HERALD_EINPUT;
	}
	*out = doc;
	return HERALD_OK;
}

/* --- read ------------------------------------------------------------------ */

static int htmlin_read(void *state, const herald_input *in, herald_doc *doc,
                       herald_diag *diag)
{
	const htmlin_state *st = state;
	char *text;
	size_t len;
	int rc;

	if (in->size > st->max_size) {
		herald_error(diag, "page of %zu bytes is larger than max-size (%zu MiB)",
		             in->size, st->max_size >> 20);
		return HERALD_EINPUT;
	}
	rc = decode_page(st, in, &text, &len, diag);
	if (rc != HERALD_OK)
		return rc;
	if (len > INT32_MAX) {
		free(text);
		herald_error(diag, "page too large");
		return HERALD_EINPUT;
	}
	bool cut = false;
	htmlDocPtr hdoc = NULL;
	rc = parse_page(text, len, &hdoc, &cut, diag);
	free(text);
	if (rc != HERALD_OK)
		return rc;
	if (cut)
		herald_warning(diag, "the page exceeds a parser limit; read up to there");
	he_page page;
	hm_meta meta;
	rc = he_page_build(&page, hdoc, &st->words, diag);
	if (rc == HERALD_OK) {
		if (page.too_deep)
			herald_warning(diag, "elements nested deeper than %d levels read as plain text",
			               HTMLIN_MAX_DEPTH);
		he_select(&page, st->all);
		hm_collect(&meta, hdoc, &page, &st->words, diag);
		rc = hm_apply(&meta, doc);
		if (rc == HERALD_OK) {
			emit_opts eo = { st->keep_links, meta.base, meta.title, !st->all,
			                 !st->all, &st->words };
			rc = em_emit(&page, &eo, doc, diag);
			if (rc == HERALD_OK)
				rc = ht_turns(doc);
		}
		hm_free(&meta);
	}
	he_page_free(&page);
	xmlFreeDoc(hdoc);
	if (rc == HERALD_OK && !herald_node_first_child(herald_doc_root(doc)))
		herald_warning(diag, "no visible text in the page");
	return rc;
}

static const char *const htmlin_extensions[] = { "html", "htm", "xhtml",
	                                          NULL };

HERALD_PLUGIN(htmlin) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "htmlin",
	.version = "1.0",
	.description = "web pages (HTML): the main text, its structure and metadata",
	.roles = HERALD_ROLE_READER,
	.extensions = htmlin_extensions,
	.options = htmlin_options,
	.open = htmlin_open,
	.close = htmlin_close,
	.read = htmlin_read,
};
