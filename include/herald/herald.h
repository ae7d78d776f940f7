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

#ifdef __cplusplus
}
#endif
#endif
