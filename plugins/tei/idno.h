/* idno.h - the input's path as the TEI header publishes it (idno
 * type="file"): never an absolute path of the converting machine.
 *
 * The rule, in order:
 *   1. under root (the writer's root= option, the archive's folder):
 *      the path relative to it;
 *   2. a relative path without "..": as given, less any leading "./";
 *   3. under the current directory: the path relative to it;
 *   4. else the file name alone.
 * Paths are compared after realpath(), so symbolic links and ".." do not
 * defeat 1 and 3; a file that no longer exists is compared as written.
 * A root or current folder "/" counts for nothing (a path below it would
 * still spell out the machine's folders).
 */
#ifndef HERALD_TEI_IDNO_H
#define HERALD_TEI_IDNO_H

/* The published path of source, malloc'd; NULL when out of memory or
 * when nothing is left to publish (source ends in '/').  root and cwd
 * are absolute, resolved folders without a final '/', or NULL. */
char *herald_tei_idno(const char *source, const char *root, const char *cwd);

/* dir resolved by realpath() (malloc'd), or NULL when it cannot be. */
char *herald_tei_resolve_dir(const char *dir);

#endif
