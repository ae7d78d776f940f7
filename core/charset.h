/* charset.h - uchardet, reached through libherald's module core/uchardet
 * (internal; herald/module.h says why it is a module).
 *
 * core/decode.c calls core_uchardet_new() and friends as it would call
 * uchardet_new() and friends: the same arguments and answers.  The first
 * core_uchardet_new() opens the module; when it cannot, it answers NULL
 * (as uchardet_new() does out of memory) after one warning, and decoding
 * goes on without detection.  The others take a detector that
 * core_uchardet_new() returned.  Thread-safe.
 */
#ifndef HERALD_CORE_CHARSET_H
#define HERALD_CORE_CHARSET_H

#include <stddef.h>

#include <uchardet.h>

/* uchardet's functions, as the module hands them out. */
typedef struct core_uchardet_functions {
	uchardet_t (*create)(void);
	void (*destroy)(uchardet_t ud);
	int (*handle_data)(uchardet_t ud, const char *data, size_t len);
	void (*data_end)(uchardet_t ud);
	const char *(*get_charset)(uchardet_t ud);
} core_uchardet_functions;

/* The module's one export (core/charset_uchardet.c). */
extern const core_uchardet_functions core_uchardet_module;

uchardet_t core_uchardet_new(void);
void core_uchardet_delete(uchardet_t ud);
int core_uchardet_handle_data(uchardet_t ud, const char *data, size_t len);
void core_uchardet_data_end(uchardet_t ud);
const char *core_uchardet_get_charset(uchardet_t ud);

#endif
