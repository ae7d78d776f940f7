/* plugins/bulletin/bulletin.c - the bulletin reader: plain-text daily news
 * bulletins into the document model.
 *
 * The format and every heuristic are described in doc/bulletin.md.  This
 * file holds the descriptor, the options and the read() entry, a short
 * pipeline: decode the bytes (herald_decode(), in libherald); take off
 * YAML front matter (frontmatter.c); split into blocks, by cmark for
 * Markdown (markdown.c) or by the detected layout (layout.c); then
 * either the blank-line bulletin grammar (grammar.c) or the block
 * builder (article.c); last, identify the language when not given.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <herald/decode.h>
#include <herald/lang.h>
#include <herald/plugin.h>
#include <herald/text.h>

#include "bulletin.h"

static const herald_option bulletin_options[] = {
	{ .name = "date-order", .type = HERALD_OPT_CHOICE, .default_value = "dmy",
	  .help = "order of day and month in numeric dates such as 09.10.2020",
	  .choices = "dmy|mdy|ymd" },
	{ .name = "lang", .type = HERALD_OPT_STRING, .default_value = "auto",
	  .help = "the bulletin's language, a BCP 47 tag, or auto to identify it" },
	{ .name = "layout", .type = HERALD_OPT_CHOICE, .default_value = "auto",
	  .help = "how plain text splits into paragraphs (auto: from the document)",
	  .choices = "auto|blank|line|indent|wrapped|item" },
	{ .name = "syntax", .type = HERALD_OPT_CHOICE, .default_value = "auto",
	  .help = "plain text or Markdown (auto: Markdown when the file is named "
	          ".md or .markdown, so standard input is text)",
	  .choices = "auto|text|markdown" },
	{ .name = "dashless-turns", .type = HERALD_OPT_BOOL, .default_value = "true",
	  .help = "a paragraph without a dash among interview turns is a turn" },
	{ .name = "encoding", .type = HERALD_OPT_STRING, .default_value = "auto",
	  .help = "the input's charset, an iconv name such as latin1; auto detects it" },
	{ .name = "repair", .type = HERALD_OPT_BOOL, .default_value = "false",
	  .help = "replace invalid UTF-8 and NUL bytes with U+FFFD instead of failing" },
	{ 0 }
};

static const char *const bulletin_extensions[] = { "txt", "md", "markdown",
                                                   NULL };

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* BCP 47 in shape: subtags of 1-8 letters or digits joined by '-', the
 * first of 2-8 letters.  Enough to keep nonsense out of the metadata. */
static bool is_language_tag(const char *tag)
{
	size_t run = 0, i = 0;
	bool first = true;

	for (;; i++) {
		char c = tag[i];
		if (c == '-' || c == '\0') {
			if (run == 0 || run > 8 || (first && run < 2))
				return false;
			if (c == '\0')
				return true;
			first = false;
			run = 0;
		} else if (is_alnum(c) && (!first || !(c >= '0' && c <= '9'))) {
			run++;
		} else {
			return false;
		}
	}
}

/* The encoding option, checked now (decoding nothing checks the name) so
 * that a misspelt charset is a usage error before any file is read. */
static int bulletin_encoding(const herald_options *opts,
                             herald_bulletin_config *cfg, herald_diag *diag)
{
	const char *enc = herald_options_value(opts, "encoding");
	herald_decode_options dopts;
	char *none;
	size_t len;

	if (!enc)
		enc = "auto";
	if (strlen(enc) >= sizeof cfg->encoding) {
		herald_error(diag, "unknown encoding '%s'", enc);
		return HERALD_EUSAGE;
	}
	strcpy(cfg->encoding, enc);
	dopts = (herald_decode_options){ cfg->encoding, cfg->repair };
	if (herald_decode(NULL, 0, &dopts, &none, &len, NULL, diag) != HERALD_OK)
		return HERALD_EUSAGE;
	free(none);
	return HERALD_OK;
}

static int bulletin_open(const herald_options *opts, void **state,
                         herald_diag *diag)
{
	herald_bulletin_config *cfg = calloc(1, sizeof *cfg);
	const char *order = herald_options_value(opts, "date-order");
	const char *lang = herald_options_value(opts, "lang");

	if (!cfg)
		return HERALD_ENOMEM;
	if (!order || strcmp(order, "dmy") == 0) {
		cfg->date_order = BULLETIN_ORDER_DMY;
	} else if (strcmp(order, "mdy") == 0) {
		cfg->date_order = BULLETIN_ORDER_MDY;
	} else if (strcmp(order, "ymd") == 0) {
		cfg->date_order = BULLETIN_ORDER_YMD;
	} else {
		herald_error(diag, "date-order '%s' is not one of "
		             "dmy, mdy, ymd", order);
		free(cfg);
		return HERALD_EUSAGE;
	}
	const char *layout = herald_options_value(opts, "layout");
	static const char *const layouts[] = { "auto", "blank", "wrapped",
	                                       "line", "indent", "item" };
	cfg->layout = BULLETIN_LAYOUT_AUTO;
	for (size_t i = 0; layout && i < sizeof layouts / sizeof *layouts; i++)
		if (strcmp(layout, layouts[i]) == 0)
			cfg->layout = (herald_bulletin_layout)i;
	if (!lang)
		lang = "auto";
	if (strlen(lang) >= sizeof cfg->lang ||
	    (strcmp(lang, "auto") != 0 && !is_language_tag(lang))) {
		herald_error(diag, "lang '%s' is not a language tag "
		             "such as en or pt-BR, nor auto", lang);
		free(cfg);
		return HERALD_EUSAGE;
	}
	strcpy(cfg->lang, lang);
	const char *syntax = herald_options_value(opts, "syntax");
	cfg->syntax = !syntax || strcmp(syntax, "auto") == 0 ? BULLETIN_SYNTAX_AUTO
	            : strcmp(syntax, "markdown") == 0 ? BULLETIN_SYNTAX_MARKDOWN
	            : BULLETIN_SYNTAX_TEXT;
	cfg->dashless_turns = herald_options_bool(opts, "dashless-turns");
	cfg->repair = herald_options_bool(opts, "repair");
	if (bulletin_encoding(opts, cfg, diag) != HERALD_OK) {
		free(cfg);
		return HERALD_EUSAGE;
	}
	*state = cfg;
	return HERALD_OK;
}

static void bulletin_close(void *state)
{
	free(state);
}

/* Whether the text starts as a web page does ("<!DOCTYPE html",
 * "<html"): read as a bulletin, its markup would be the text. */
static bool looks_like_html(const char *text, size_t len)
{
	size_t at = 0;
	while (at < len && (text[at] == ' ' || text[at] == '\t' ||
	                    text[at] == '\n' || text[at] == '\r'))
		at++;
	static const char *const starts[] = { "<!doctype html", "<html" };
	for (size_t i = 0; i < sizeof starts / sizeof *starts; i++) {
		size_t n = strlen(starts[i]);
		if (len - at >= n && strncasecmp(text + at, starts[i], n) == 0)
			return true;
	}
	return false;
}

/* Whether the input's name says Markdown. */
static bool is_markdown_name(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;

	if (!dot || strchr(dot, '/'))
		return false;
	return strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".markdown") == 0;
}

/* Plain text is read by the bulletin grammar when it is laid out as the
 * bulletins it was made for (blank lines between paragraphs) and is not
 * a transcript. */
static bool bulletin_shaped(herald_bulletin_layout layout, const char *text,
                            size_t len)
{
	return (layout == BULLETIN_LAYOUT_BLANK ||
	        layout == BULLETIN_LAYOUT_WRAPPED) &&
	       !herald_turn_is_transcript(text, len);
}

static bool has_heading(const herald_bulletin_blocks *bl)
{
	for (size_t i = 0; i < bl->count; i++)
		if (bl->v[i].kind == BULLETIN_BLOCK_HEADING)
			return true;
	return false;
}

/* The language: the option's, or identified on the text when it says
 * auto; "" when the text is too short or mixed to tell (left unset). */
static void language_of(const herald_bulletin_config *cfg, const char *text,
                        size_t len, char tag[static 36])
{
	if (strcmp(cfg->lang, "auto") != 0)
		strcpy(tag, cfg->lang);
	else if (herald_lang_identify(text, len, tag, 36) != 0)
		tag[0] = '\0';
}

static int set_language(const char *tag, herald_doc *doc)
{
	return tag[0] ? herald_doc_set_meta(doc, HERALD_META_LANGUAGE, tag)
	              : HERALD_OK;
}

/* The grammar's bulletin, its paragraphs' TEXT in the decoded text,
 * which the document keeps (no copy of each).  The language is asked
 * first: parsing ends each paragraph there with a NUL.  *text is NULL
 * when the document took it. */
static int parse_in_place(const herald_bulletin_config *cfg, char **text,
                          size_t len, herald_doc *doc, herald_diag *diag)
{
	const char *t = *text;
	char tag[36];
	int rc;

	language_of(cfg, t, len, tag);
	if (herald_doc_keep_text(doc, *text, len) == HERALD_OK)
		*text = NULL;   /* else the paragraphs are copied */
	rc = herald_bulletin_parse(cfg, t, len, doc, diag);
	return rc == HERALD_OK ? set_language(tag, doc) : rc;
}

/* The input as text: its own bytes when herald gave them to the document
 * and they need no decoding (no copy), else decoded. */
static int decoded(const herald_input *in, const herald_decode_options *dopts,
                   herald_doc *doc, char **text, size_t *len,
                   herald_diag *diag)
{
	unsigned char *own = herald_doc_take_input(doc, in->data);

	if (own && herald_decode_is_text(own, in->size, dopts)) {
		*text = (char *)own;
		*len = in->size;
		return HERALD_OK;
	}
	int rc = herald_decode(in->data, in->size, dopts, text, len, NULL, diag);
	free(own);
	return rc;
}

/* A document nothing in it dates takes the day its file's name gives
 * ("2020-10-09.txt", Jekyll's "2021-04-02-harbour-reopens.md"): the
 * archive's own record of the day.  Not a printed date: no DATELINE. */
static int date_from_name(herald_doc *doc)
{
	char iso[11];

	if (herald_doc_meta(doc, HERALD_META_DATE) ||
	    !herald_bulletin_name_date(herald_doc_source_name(doc), iso))
		return HERALD_OK;
	return herald_doc_set_meta(doc, HERALD_META_DATE, iso);
}

static int bulletin_read(void *state, const herald_input *in, herald_doc *doc,
                         herald_diag *diag)
{
	const herald_bulletin_config *cfg = state;
	herald_decode_options dopts = { cfg->encoding, cfg->repair };
	herald_bulletin_blocks bl = { 0 };
	herald_bulletin_source src = { .blocks = &bl };
	herald_bulletin_layout layout;
	unsigned long body_line;
	char fm_date[11];
	size_t len, body;
	char *text;
	int rc;

	rc = decoded(in, &dopts, doc, &text, &len, diag);
	if (rc != HERALD_OK)
		return rc;
	if (looks_like_html(text, len))
		herald_diag_report(diag, HERALD_WARNING, 1, 1, "the input looks like a "
		                   "web page (HTML), read here as text: the htmlin "
		                   "reader reads web pages (-f htmlin)");
	rc = herald_bulletin_front_matter(text, len, doc, diag, &body,
	                                  &body_line, fm_date);
	if (rc != HERALD_OK)
		goto done;
	src.fm_date = fm_date;
	src.from_markdown = cfg->syntax == BULLETIN_SYNTAX_AUTO
	                    ? is_markdown_name(in->name)
	                    : cfg->syntax == BULLETIN_SYNTAX_MARKDOWN;
	layout = cfg->layout != BULLETIN_LAYOUT_AUTO
	                 ? cfg->layout
	                 : herald_bulletin_detect_layout(text + body, len - body);
	if (src.from_markdown && layout == BULLETIN_LAYOUT_ITEM)
		/* Markdown items are headings: long lines are paragraphs */
		layout = BULLETIN_LAYOUT_LINE;
	if (src.from_markdown && layout != BULLETIN_LAYOUT_LINE)
		/* Markdown has its own paragraphs; only "one per line" cuts them */
		layout = layout == BULLETIN_LAYOUT_WRAPPED ? BULLETIN_LAYOUT_WRAPPED
		                                           : BULLETIN_LAYOUT_BLANK;
	rc = herald_doc_set_meta(doc, HERALD_META_LAYOUT,
	                         herald_bulletin_layout_name(layout));
	if (rc != HERALD_OK)
		goto done;
	/* A plain bulletin goes to the grammar (its blank lines, its
	 * titles), unless it has headings of its own (underlined,
	 * bracketed, numbered: layout.c), which mark its items: then the
	 * block builder reads it as it reads Markdown.  A cheap scan first
	 * spares most bulletins the split into blocks. */
	bool plain_bulletin = !src.from_markdown && body == 0 &&
	                      bulletin_shaped(layout, text, len);
	if (!plain_bulletin || herald_bulletin_may_have_headings(text, len)) {
		if (src.from_markdown)
			rc = herald_bulletin_markdown_blocks(text + body, len - body,
			                                     body_line, layout, &bl,
			                                     diag);
		else
			rc = herald_bulletin_text_blocks(text + body, len - body,
			                                 body_line, layout, &bl);
		if (rc != HERALD_OK)
			goto done;
		if (plain_bulletin && has_heading(&bl)) {
			plain_bulletin = false;
		} else if (plain_bulletin) {
			herald_bulletin_blocks_free(&bl);
			bl = (herald_bulletin_blocks){ 0 };
		}
	}
	if (plain_bulletin) {
		rc = parse_in_place(cfg, &text, len, doc, diag);
		goto done;
	}
	if (bl.count == 0)
		herald_diag_report(diag, HERALD_WARNING, 0, 0,
		                   "the input holds no text: the document is empty");
	else
		rc = herald_bulletin_build(cfg, &src, doc, diag);
	if (rc == HERALD_OK) {
		char tag[36];
		language_of(cfg, text + body, len - body, tag);
		rc = set_language(tag, doc);
	}
done:
	if (rc == HERALD_OK)
		rc = date_from_name(doc);
	if (rc == HERALD_ENOMEM)
		herald_error(diag, "out of memory reading the input");
	herald_bulletin_blocks_free(&bl);
	free(text);
	return rc;
}

/* What a batch's first documents would each wait for: the Unicode
 * tables, the labels of every pack, the date words, and CLD2 unless the
 * language is given.  (cmark and libyaml are left to the first Markdown
 * input: an archive of plain text never maps them.) */
static void bulletin_prepare(void *state)
{
	const herald_bulletin_config *cfg = state;

	herald_text_prepare();
	herald_lang_any_prepare();
	herald_bulletin_dates_prepare();
	if (strcmp(cfg->lang, "auto") == 0)
		herald_lang_identify_prepare();
}

HERALD_PLUGIN(bulletin) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "bulletin",
	.version = "1.0",
	.description = "reads news bulletins, releases and transcripts: plain text and Markdown",
	.roles = HERALD_ROLE_READER,
	.extensions = bulletin_extensions,
	.options = bulletin_options,
	.open = bulletin_open,
	.close = bulletin_close,
	.read = bulletin_read,
	.prepare = bulletin_prepare,
};
