/* plugins/bulletin/toml.h - TOML front matter (Hugo's "+++" block), read
 * by toml++ (libtomlplusplus, C++) behind one C function: the shim in
 * toml.cc, built as the module core/bulletin-toml (herald/module.h), so
 * that only an input with TOML front matter maps toml++ and the C++
 * runtime; a --disable-shared build links it in.
 */
#ifndef HERALD_BULLETIN_TOML_H
#define HERALD_BULLETIN_TOML_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Where and why toml++ refused the text. */
typedef struct herald_bulletin_toml_problem {
	unsigned long line, column;   /* 1-based, in the TOML text */
	char text[160];
} herald_bulletin_toml_problem;

/* Called for each top-level key, in the order of the text, with its
 * value as one string: a string as it is, a number, boolean or date as
 * TOML writes it ("2031-04-02T10:00:00Z"), an array's values and a
 * table's keys and values joined by ", ".  A non-zero return stops the
 * reading. */
typedef int herald_bulletin_toml_pair_fn(void *ctx, const char *key,
                                         const char *value);

enum {
	BULLETIN_TOML_OK,
	BULLETIN_TOML_INVALID,   /* not TOML: *problem says where */
	BULLETIN_TOML_NOMEM,
	BULLETIN_TOML_STOPPED    /* the callback returned non-zero */
};

typedef int herald_bulletin_toml_read_fn(const char *text, size_t len,
                                         herald_bulletin_toml_pair_fn *pair,
                                         void *ctx,
                                         herald_bulletin_toml_problem *problem);

#define BULLETIN_TOML_SYMBOL "herald_bulletin_toml_read"
herald_bulletin_toml_read_fn herald_bulletin_toml_read;

#ifndef __cplusplus
#include "bulletin.h"   /* BULLETIN_INTERNAL */
/* The shim, opened on the first call (a warning on standard error, once,
 * when it cannot be); NULL then.  Thread-safe. */
BULLETIN_INTERNAL herald_bulletin_toml_read_fn *herald_bulletin_toml_open(void);
#endif

#ifdef __cplusplus
}
#endif

#endif
