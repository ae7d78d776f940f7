/* plugins/bulletin/html_module.c - the module core/bulletin-html: the
 * libxml2 functions the bulletin reader calls for the HTML blocks of a
 * Markdown body, in one table (markup.h says why it is a module). */
#include "config.h"

#define BULLETIN_MARKUP_MODULE 1
#include "markup.h"

#define BULLETIN_HTML_ENTRY(name) .name = name,
BULLETIN_MARKUP_TABLE const herald_bulletin_html_table
herald_bulletin_html_functions = {
	BULLETIN_HTML_FUNCTIONS(BULLETIN_HTML_ENTRY)
};
