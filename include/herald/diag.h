/* herald/diag.h - diagnostics shared by the core and every plugin.
 *
 * A herald_diag collects the messages of one conversion.  It is passed
 * explicitly (never global) because documents may be converted in
 * parallel: each worker owns its own.  Messages are printed GNU style,
 *
 *     herald: FILE:LINE:COL: error: message
 *
 * either at once to a stream, or kept in memory to be printed later.
 *
 * Ownership: herald_diag_new() returns an object the caller frees with
 * herald_diag_free().  Strings returned by getters belong to the diag and
 * stay valid until the next report or herald_diag_free().
 */
#ifndef HERALD_DIAG_H
#define HERALD_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct herald_diag herald_diag;

typedef enum {
	HERALD_NOTE,
	HERALD_WARNING,
	HERALD_ERROR
} herald_severity;

/* Return codes of every herald function that can fail: 0 is success. */
typedef enum {
	HERALD_OK = 0,
	HERALD_EUSAGE = -1,   /* bad plugin name, option or value */
	HERALD_EINPUT = -2,   /* the input is malformed */
	HERALD_EIO = -3,      /* reading or writing failed */
	HERALD_ENOMEM = -4,   /* out of memory */
	HERALD_EPLUGIN = -5   /* a plugin could not be loaded or failed */
} herald_status;

/* stream: where messages go as they are reported (usually stderr), or
 * NULL to keep them in memory only (see herald_diag_text()). */
herald_diag *herald_diag_new(FILE *stream);
void herald_diag_free(herald_diag *diag);

/* The file that following messages are about; copied.  NULL or "" means
 * none: messages then read "herald: error: message". */
void herald_diag_set_file(herald_diag *diag, const char *file);
const char *herald_diag_file(const herald_diag *diag);

/* The plugin whose callback is running (its name), or NULL for the core.
 * While set, every message reads "SEVERITY: STAGE: message"; a message
 * that already starts with "STAGE: " (a plugin written before stages
 * were named, which prefixed its own) is not prefixed twice.  The
 * pipeline sets it around each callback and puts the previous value
 * back after, so a plugin running a pipeline of its own on the same diag
 * restores its name.  name is not copied: it must stay valid while it is
 * the stage (a descriptor's name does). */
void herald_diag_set_stage(herald_diag *diag, const char *name);
const char *herald_diag_stage(const herald_diag *diag);

/* Report a message.  line and col are 1-based; 0 leaves them out.
 * Columns count characters (Unicode code points), not bytes. */
void herald_diag_report(herald_diag *diag, herald_severity severity,
                        unsigned long line, unsigned long col,
                        const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void herald_diag_vreport(herald_diag *diag, herald_severity severity,
                         unsigned long line, unsigned long col,
                         const char *fmt, va_list ap);

/* Shorthands for messages without a position. */
#define herald_error(diag, ...) \
	herald_diag_report((diag), HERALD_ERROR, 0, 0, __VA_ARGS__)
#define herald_warning(diag, ...) \
	herald_diag_report((diag), HERALD_WARNING, 0, 0, __VA_ARGS__)

size_t herald_diag_count(const herald_diag *diag, herald_severity severity);

/* Messages below severity are counted but neither printed nor kept
 * (herald -q sets HERALD_ERROR: no notes, no warnings).  Default
 * HERALD_NOTE: everything. */
void herald_diag_set_min_severity(herald_diag *diag, herald_severity severity);

/* A file name as a diagnostic may show it: unchanged when every byte is
 * printable, else quoted the way GNU tools do (ls --quoting-style=
 * shell-escape): 'a'$'\n''b', so that no message spans two lines and no
 * escape sequence reaches a terminal.  Writes at most size bytes, NUL
 * included, never cutting an escape in half; returns buf.  The file a
 * herald_diag is about is quoted this way already; use this for names
 * inside the message text.  HERALD_QUOTE_SIZE is a size that fits any
 * name a message has room for. */
#define HERALD_QUOTE_SIZE 1024
char *herald_diag_quote(const char *name, char *buf, size_t size);

/* Every message reported so far, each a full line ending in '\n'
 * ("" when none).  Kept whether or not a stream was given. */
const char *herald_diag_text(const herald_diag *diag);

/* The text of the first error ("" when none), without prefix or newline:
 * what a summary of failures shows. */
const char *herald_diag_first_error(const herald_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
