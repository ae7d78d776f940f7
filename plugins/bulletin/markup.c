/* plugins/bulletin/markup.c - opening cmark and libyaml, libxml2
 * (markup.h), and toml++ (toml.h), on first need. */
#include "config.h"

#include <pthread.h>

#include <herald/module.h>

#include "markup.h"
#include "toml.h"

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

const herald_bulletin_html_table *herald_bulletin_html;
static pthread_once_t html_once = PTHREAD_ONCE_INIT;

static void open_html(void)
{
#ifdef HERALD_STATIC
	herald_bulletin_html = &herald_bulletin_html_functions;
#else
	herald_bulletin_html = herald_module_symbol(
	        "bulletin-html", BULLETIN_HTML_SYMBOL,
	        "HTML in Markdown is kept as written");
#endif
}

bool herald_bulletin_html_open(void)
{
	pthread_once(&html_once, open_html);
	return herald_bulletin_html != NULL;
}

static herald_bulletin_toml_read_fn *toml_read;
static pthread_once_t toml_once = PTHREAD_ONCE_INIT;

static void open_toml(void)
{
#ifdef HERALD_STATIC
	toml_read = herald_bulletin_toml_read;
#else
	toml_read = (herald_bulletin_toml_read_fn *)herald_module_symbol(
	        "bulletin-toml", BULLETIN_TOML_SYMBOL,
	        "TOML front matter is read as text");
#endif
}

herald_bulletin_toml_read_fn *herald_bulletin_toml_open(void)
{
	pthread_once(&toml_once, open_toml);
	return toml_read;
}
