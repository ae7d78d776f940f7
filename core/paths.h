/* paths.h - where libherald finds what it did not build in (internal).
 * Not exported: core_ names stay out of libherald's herald_ API. */
#ifndef HERALD_CORE_PATHS_H
#define HERALD_CORE_PATHS_H

#include <stddef.h>

/* Whether the running program lives in the build tree, so that the build
 * tree's plugins and the source tree's data stand in for installed ones. */
int core_running_uninstalled(void);

/* The n parts that are neither NULL nor empty, joined with ':' (a search
 * path); malloc'd, NULL only when out of memory. */
char *core_join_path(const char *const *parts, int n);

struct herald_lang;

/* The file of topic in lang's pack ("<folder>/<topic>.txt"), whether
 * or not it exists, malloc'd; NULL for a pack without a folder (the
 * generic one, when no folder "und" is on the path) or out of memory. */
char *core_lang_file(const struct herald_lang *lang, const char *topic);
/* The same for the i-th pack herald_lang_available() lists, from the
 * folder its scan found, without looking the pack up (i below its
 * count). */
char *core_lang_available_file(size_t i, const char *topic);

#endif
