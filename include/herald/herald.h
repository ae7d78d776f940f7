/* herald/herald.h - everything herald exports, and its version. */
#ifndef HERALD_HERALD_H
#define HERALD_HERALD_H

#include <herald/decode.h>
#include <herald/diag.h>
#include <herald/doc.h>
#include <herald/lang.h>
#include <herald/plugin.h>
#include <herald/pipeline.h>
#include <herald/text.h>
#include <herald/turn.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version, "MAJOR.MINOR.PATCH". */
const char *herald_version(void);

#ifdef __cplusplus
}
#endif
#endif
