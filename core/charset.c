/* charset.c - uchardet's functions through the module core/uchardet,
 * opened on first use (core/charset.h). */
#include "config.h"

#include <pthread.h>

#include <herald/module.h>

#include "charset.h"

#ifdef HERALD_STATIC
/* Linked in: a static libherald has no modules to open. */
static const core_uchardet_functions *functions(void)
{
	return &core_uchardet_module;
}
#else
static const core_uchardet_functions *loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void open_module(void)
{
	loaded = herald_module_symbol("uchardet", "core_uchardet_module",
	                              "charsets are not detected");
}

static const core_uchardet_functions *functions(void)
{
	pthread_once(&once, open_module);
	return loaded;
}
#endif

uchardet_t core_uchardet_new(void)
{
	const core_uchardet_functions *f = functions();
	return f ? f->create() : NULL;
}

/* The rest take a detector core_uchardet_new() made: the module is open. */

void core_uchardet_delete(uchardet_t ud)
{
	functions()->destroy(ud);
}

int core_uchardet_handle_data(uchardet_t ud, const char *data, size_t len)
{
	return functions()->handle_data(ud, data, len);
}

void core_uchardet_data_end(uchardet_t ud)
{
	functions()->data_end(ud);
}

const char *core_uchardet_get_charset(uchardet_t ud)
{
	return functions()->get_charset(ud);
}
