/* plugins/bulletin/markup.h - cmark and libyaml, reached through the
 * module core/bulletin-markup (herald/module.h), opened the first time a
 * Markdown input or front matter is met; libxml2's HTML parser (for the
 * HTML a Markdown body may hold) through core/bulletin-html, opened the
 * first time an HTML block is.
 *
 * Linked into the plugin, both libraries were mapped and bound for every
 * input, plain text too: a tenth of a one-line conversion's start-up
 * (doc/performance.md, "Session 6: start-up").  The module holds a table
 * of the functions the reader calls (markup_module.c), and this header
 * turns each call to one of them into a call through that table, as GL
 * loaders do: markdown.c and frontmatter.c keep calling cmark and
 * libyaml by their own names.  Each function is listed once, below; its
 * type is the library header's own.  A --disable-shared build links the
 * table in (HERALD_STATIC): nothing is opened then.
 */
#ifndef HERALD_BULLETIN_MARKUP_H
#define HERALD_BULLETIN_MARKUP_H

#include <stdbool.h>

#include <cmark.h>
#include <libxml/HTMLparser.h>
#include <yaml.h>

#include "bulletin.h"

#define BULLETIN_MARKUP_FUNCTIONS(X) \
	X(cmark_parse_document) X(cmark_node_free) X(cmark_node_get_type) \
	X(cmark_node_get_literal) X(cmark_node_get_url) X(cmark_node_next) \
	X(cmark_node_parent) X(cmark_node_first_child) \
	X(cmark_node_last_child) X(cmark_node_previous) \
	X(cmark_node_set_literal) \
	X(cmark_node_get_start_line) X(cmark_node_get_start_column) \
	X(cmark_node_get_end_line) X(cmark_node_get_heading_level) \
	X(cmark_node_get_list_type) X(cmark_node_get_list_start) \
	X(cmark_iter_new) X(cmark_iter_next) X(cmark_iter_get_node) \
	X(cmark_iter_reset) X(cmark_iter_free) \
	X(yaml_parser_initialize) X(yaml_parser_set_input_string) \
	X(yaml_parser_load) X(yaml_parser_delete) \
	X(yaml_document_get_root_node) X(yaml_document_get_node) \
	X(yaml_document_delete)

/* libxml2's HTML parser, for the HTML blocks of a Markdown body, in a
 * module of its own (core/bulletin-html): libxml2 brings ICU and the C++
 * runtime, which a Markdown input without HTML blocks never maps. */
#define BULLETIN_HTML_FUNCTIONS(X) \
	X(htmlNewParserCtxt) X(htmlCtxtReadMemory) X(htmlFreeParserCtxt) \
	X(xmlCtxtGetLastError) X(xmlFreeDoc)

#define BULLETIN_MARKUP_SLOT(name) __typeof__(name) *name;
typedef struct herald_bulletin_markup_table {
	BULLETIN_MARKUP_FUNCTIONS(BULLETIN_MARKUP_SLOT)
} herald_bulletin_markup_table;
typedef struct herald_bulletin_html_table {
	BULLETIN_HTML_FUNCTIONS(BULLETIN_MARKUP_SLOT)
} herald_bulletin_html_table;
#undef BULLETIN_MARKUP_SLOT

/* The table, the module's one export; linked in, it is hidden as the
 * plugin's other internals are. */
#define BULLETIN_MARKUP_SYMBOL "herald_bulletin_markup_functions"
#ifdef HERALD_STATIC
#define BULLETIN_MARKUP_TABLE BULLETIN_INTERNAL
#else
#define BULLETIN_MARKUP_TABLE
#endif
BULLETIN_MARKUP_TABLE extern const herald_bulletin_markup_table
herald_bulletin_markup_functions;
#define BULLETIN_HTML_SYMBOL "herald_bulletin_html_functions"
BULLETIN_MARKUP_TABLE extern const herald_bulletin_html_table
herald_bulletin_html_functions;

#ifndef BULLETIN_MARKUP_MODULE
/* The table once herald_bulletin_markup_open() said yes; NULL before. */
BULLETIN_INTERNAL extern const herald_bulletin_markup_table
	*herald_bulletin_markup;
/* Whether cmark and libyaml can be called: the module is opened on the
 * first call (a warning on standard error, once, when it cannot be).
 * Every path that makes cmark nodes or parses YAML asks first; the
 * nodes' later users are called only with what those paths made.
 * Thread-safe. */
BULLETIN_INTERNAL bool herald_bulletin_markup_open(void);
/* The same for libxml2's HTML parser (its own module). */
BULLETIN_INTERNAL extern const herald_bulletin_html_table *herald_bulletin_html;
BULLETIN_INTERNAL bool herald_bulletin_html_open(void);

#define cmark_parse_document (herald_bulletin_markup->cmark_parse_document)
#define cmark_node_free (herald_bulletin_markup->cmark_node_free)
#define cmark_node_get_type (herald_bulletin_markup->cmark_node_get_type)
#define cmark_node_get_literal (herald_bulletin_markup->cmark_node_get_literal)
#define cmark_node_get_url (herald_bulletin_markup->cmark_node_get_url)
#define cmark_node_next (herald_bulletin_markup->cmark_node_next)
#define cmark_node_parent (herald_bulletin_markup->cmark_node_parent)
#define cmark_node_first_child (herald_bulletin_markup->cmark_node_first_child)
#define cmark_node_last_child (herald_bulletin_markup->cmark_node_last_child)
#define cmark_node_previous (herald_bulletin_markup->cmark_node_previous)
#define cmark_node_set_literal (herald_bulletin_markup->cmark_node_set_literal)
#define cmark_node_get_start_line \
	(herald_bulletin_markup->cmark_node_get_start_line)
#define cmark_node_get_start_column \
	(herald_bulletin_markup->cmark_node_get_start_column)
#define cmark_node_get_end_line (herald_bulletin_markup->cmark_node_get_end_line)
#define cmark_node_get_heading_level \
	(herald_bulletin_markup->cmark_node_get_heading_level)
#define cmark_node_get_list_type \
	(herald_bulletin_markup->cmark_node_get_list_type)
#define cmark_node_get_list_start \
	(herald_bulletin_markup->cmark_node_get_list_start)
#define cmark_iter_new (herald_bulletin_markup->cmark_iter_new)
#define cmark_iter_next (herald_bulletin_markup->cmark_iter_next)
#define cmark_iter_get_node (herald_bulletin_markup->cmark_iter_get_node)
#define cmark_iter_reset (herald_bulletin_markup->cmark_iter_reset)
#define cmark_iter_free (herald_bulletin_markup->cmark_iter_free)
#define yaml_parser_initialize (herald_bulletin_markup->yaml_parser_initialize)
#define yaml_parser_set_input_string \
	(herald_bulletin_markup->yaml_parser_set_input_string)
#define yaml_parser_load (herald_bulletin_markup->yaml_parser_load)
#define yaml_parser_delete (herald_bulletin_markup->yaml_parser_delete)
#define yaml_document_get_root_node \
	(herald_bulletin_markup->yaml_document_get_root_node)
#define yaml_document_get_node (herald_bulletin_markup->yaml_document_get_node)
#define yaml_document_delete (herald_bulletin_markup->yaml_document_delete)
#define htmlNewParserCtxt (herald_bulletin_html->htmlNewParserCtxt)
#define htmlCtxtReadMemory (herald_bulletin_html->htmlCtxtReadMemory)
#define htmlFreeParserCtxt (herald_bulletin_html->htmlFreeParserCtxt)
#define xmlCtxtGetLastError (herald_bulletin_html->xmlCtxtGetLastError)
#define xmlFreeDoc (herald_bulletin_html->xmlFreeDoc)
#endif

#endif
