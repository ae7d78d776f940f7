/* herald/herald.h - everything herald exports, and its version. */
#ifndef HERALD_HERALD_H
#define HERALD_HERALD_H

#include <herald/batch.h>
#include <herald/buffer.h>
#include <herald/decode.h>
#include <herald/diag.h>
#include <herald/escape.h>
#include <herald/doc.h>
#include <herald/lang.h>
#include <herald/module.h>
#include <herald/plugin.h>
#include <herald/pipeline.h>
#include <herald/text.h>
#include <herald/turn.h>
#include <herald/version.h>
#include <herald/walk.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of the library running, "MAJOR.MINOR.PATCH"; the headers'
 * own is HERALD_VERSION (version.h). */
const char *herald_version(void);

/* The libraries libherald links, for a --version listing: the i-th's
 * name ("libunistring") through *name and its version into version
 * (size bytes): the one running when the library can tell it
 * (*at_run_time 1), else the one libherald was built against, or ""
 * when neither is known (CLD2 has no version number).  Returns
 * HERALD_OK, or HERALD_EUSAGE past the last library. */
int herald_library(size_t i, const char **name, char *version, size_t size,
                   int *at_run_time);

#ifdef __cplusplus
}
#endif
#endif
