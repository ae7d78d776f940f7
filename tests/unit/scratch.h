/* scratch.h - for tests that load real modules: temporary folders, and
 * running a chain through a registry into a string. */
#ifndef HERALD_TESTS_SCRATCH_H
#define HERALD_TESTS_SCRATCH_H

#include <stddef.h>

#include <herald/pipeline.h>

/* A new empty folder under $TMPDIR (or /tmp); the caller frees the name
 * with scratch_remove(), which also deletes what was put in it.  NULL
 * when it cannot be made. */
char *scratch_new(void);
void scratch_remove(char *dir);

/* dir/name as a new string (the caller frees it). */
char *scratch_path(const char *dir, const char *name);

/* Copy the file from into dir/name; 0 on success. */
int scratch_copy(const char *from, const char *dir, const char *name);

/* Write len bytes of data to dir/name; 0 on success. */
int scratch_write(const char *dir, const char *name, const void *data,
                  size_t len);

/* Convert text (named "in.text") with the chain through reg; the output
 * in a string the caller frees, or NULL after reporting to diag. */
char *scratch_convert(herald_registry *reg, const char *chain,
                      const char *text, herald_diag *diag);

#endif
