/* plugins/bulletin/markup.c - opening cmark and libyaml on first need
 * (markup.h). */
#include "config.h"

#include <pthread.h>

#include <herald/module.h>

#include "markup.h"

const herald_bulletin_markup_table *herald_bulletin_markup;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void open_module(void)
{
#ifdef HERALD_STATIC
	/* linked in: a static herald has no modules to open */
	herald_bulletin_markup = &herald_bulletin_markup_functions;
#else
	herald_bulletin_markup = herald_module_symbol(
	        "bulletin-markup", BULLETIN_MARKUP_SYMBOL,
	        "Markdown and front matter are read as plain text");
#endif
}

bool herald_bulletin_markup_open(void)
{
	pthread_once(&once, open_module);
	return herald_bulletin_markup != NULL;
}
