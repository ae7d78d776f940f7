/* text_unistring.h - libunistring, reached through the module
 * core/unistring (internal; herald/module.h).
 *
 * Debian builds libunistring with -z now: mapping it binds its ~500
 * relocations at start, a fifth of a one-line conversion's instructions
 * (doc/performance.md, "Session 6: start-up"), though an ASCII input
 * never calls it (core/text.c answers ASCII itself).  So core/text.c
 * asks this table, in the module, for everything beyond ASCII, and the
 * module is opened by the first text that needs it.  A --disable-shared
 * build links the table into libherald (HERALD_STATIC).
 */
#ifndef HERALD_CORE_TEXT_UNISTRING_H
#define HERALD_CORE_TEXT_UNISTRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What core/text.c asks beyond ASCII: libunistring's functions, and the
 * questions that name its data (a general category, a normalisation
 * form), which only the module may reference. */
typedef struct core_unistring_functions {
	/* u8_check, u8_mbtouc, u8_prev, u8_uctomb, as libunistring has them */
	const uint8_t *(*check)(const uint8_t *s, size_t n);
	int (*mbtouc)(uint32_t *cp, const uint8_t *s, size_t n);
	const uint8_t *(*prev)(uint32_t *cp, const uint8_t *s,
	                       const uint8_t *start);
	int (*uctomb)(uint8_t *out, uint32_t cp, ptrdiff_t n);
	/* the properties of herald/text.h, for any code point */
	bool (*is_space)(uint32_t cp);
	bool (*is_letter)(uint32_t cp);
	bool (*is_digit)(uint32_t cp);
	bool (*is_alnum)(uint32_t cp);
	bool (*is_mark)(uint32_t cp);
	bool (*is_upper)(uint32_t cp);
	bool (*is_lower)(uint32_t cp);
	bool (*is_punct)(uint32_t cp);
	bool (*is_sentence_terminal)(uint32_t cp);
	bool (*is_quote)(uint32_t cp);
	bool (*is_dash)(uint32_t cp);
	bool (*is_closer)(uint32_t cp);
	bool (*is_opener)(uint32_t cp);
	/* the script's name, NULL when libunistring knows none */
	const char *(*script)(uint32_t cp);
	/* u8_casefold, u8_casecmp and u8_normalize, in NFC */
	uint8_t *(*casefold)(const uint8_t *s, size_t n, size_t *len);
	int (*casecmp)(const uint8_t *a, size_t an, const uint8_t *b, size_t bn,
	               int *result);
	uint8_t *(*nfc)(const uint8_t *s, size_t n, size_t *len);
	/* _libunistring_version: (major << 16) + (minor << 8) + subminor */
	int (*version)(void);
} core_unistring_functions;

/* The table, the module's one export (linked in when HERALD_STATIC). */
extern const core_unistring_functions core_unistring_module;

/* The table, the module opened on the first call (core/text.c); when it
 * cannot be, a warning on standard error, once, and a table that knows
 * nothing beyond ASCII.  Thread-safe; after the first call, one load. */
const core_unistring_functions *core_unistring(void);

#endif
