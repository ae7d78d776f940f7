/* cache.h - files libherald keeps in the user's cache folder so that a
 * run need not redo what an earlier one did (internal): the reader
 * index (plugin_index.c) and what is built from every pack
 * (lang_cache.c: the labels, the bulletin reader's date words).
 *
 * A cache file is only ever an optimisation: whoever reads one checks
 * that it is whole and up to date, and rebuilds it otherwise; one that
 * cannot be written is simply not kept.  Where the folder is is said in
 * doc/plugins.md ("The reader index").
 */
#ifndef HERALD_CORE_CACHE_H
#define HERALD_CORE_CACHE_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* The cache file "<kind>-<hash of key>.<ext>" ($XDG_CACHE_HOME/herald,
 * else ~/.cache/herald), malloc'd; NULL when there is no cache folder
 * (neither variable holds an absolute path) or out of memory.  Two keys
 * with one hash share a file: its content must name what it is for. */
char *core_cache_file(const char *kind, const char *key, const char *ext);

/* The whole file, NUL-terminated, malloc'd, its length in *len; NULL
 * when it is absent, not a regular file (a FIFO does not hang the
 * reader) or bigger than max bytes. */
char *core_cache_read(const char *file, size_t max, size_t *len);

/* Write file through write(f, arg) (0, or -1 on failure) into a
 * temporary file renamed over the old one, so that two runs writing at
 * once leave one whole file.  The folders are made, private to the
 * user.  Best effort: nothing is reported. */
void core_cache_save(const char *file, int (*write)(FILE *f, const void *arg),
                     const void *arg);

/* The line at *p in a cache file's text ending at end, its newline
 * made a NUL, *p moved past it; NULL at the end or on a last line cut
 * short (no newline).  Inline: a run reads every line of two caches. */
static inline char *core_cache_next_line(char **p, char *end)
{
	if (*p >= end)
		return NULL;
	char *line = *p, *nl = memchr(line, '\n', (size_t)(end - line));
	if (!nl)
		return NULL;
	*nl = '\0';
	*p = nl + 1;
	return line;
}

/* What tells that a file changed since a cache was written: its
 * modification time and size (all -1 when it is absent). */
typedef struct core_cache_stamp {
	long long sec, nsec, size;
} core_cache_stamp;

void core_cache_stamp_take(const char *path, core_cache_stamp *s);
int core_cache_stamp_same(const core_cache_stamp *a, const core_cache_stamp *b);
/* A stamp's line, "stamp SEC NSEC SIZE PATH\n" (path without a newline). */
void core_cache_stamp_write(FILE *f, const core_cache_stamp *s,
                            const char *path);
/* The decimal digits at s (one to 18) into *value; the byte after them,
 * or NULL when s opens with no digit or with more.  By hand: strtoll's
 * locale and base handling were a twentieth of a one-line run over the
 * caches' ~600 numbers. */
const char *core_cache_digits(const char *s, unsigned long long *value);
/* The line (without its newline) into *s, the path's start into *path;
 * 0, or -1 when it is not a stamp's line. */
int core_cache_stamp_parse(const char *line, core_cache_stamp *s,
                           const char **path);

#endif
