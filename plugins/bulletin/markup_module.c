/* plugins/bulletin/markup_module.c - the module core/bulletin-markup:
 * the cmark and libyaml functions the bulletin reader calls, in one
 * table (markup.h says why they are not linked into the plugin). */
#include "config.h"

#define BULLETIN_MARKUP_MODULE 1
#include "markup.h"

#define BULLETIN_MARKUP_ENTRY(name) .name = name,
BULLETIN_MARKUP_TABLE const herald_bulletin_markup_table
herald_bulletin_markup_functions = {
	BULLETIN_MARKUP_FUNCTIONS(BULLETIN_MARKUP_ENTRY)
};
