/* shard_set.h - the summary files of a sharded run (not installed; see
 * doc/archives.md, "Shards").
 *
 * Each shard K of N writes, into the output folder, .herald-shard-K-of-N.json
 * (what the manifest says of each of its pages: input, href, size,
 * mtime_ns, date, title, language, items; the inputs that failed) and,
 * for a site writer, .herald-shard-K-of-N.text (the pages' searchable
 * text, which the JSON points into by offset and length).  A shard of a
 * corpus (-o FILE) writes .FILE.herald-shard-K-of-N.json and .part
 * beside FILE: its documents' parts of the corpus, each page pointing
 * into it by offset, length and hash.  The page runs
 * and the merge read the whole set; the merge removes it.  A set is
 * complete when the N files of one N are all there, each of this run's
 * options (the signature hash) and well formed; anything else is an error
 * naming the file, and nothing is written. */
#ifndef HERALD_SHARD_SET_H
#define HERALD_SHARD_SET_H

#include <stdint.h>
#include <stdio.h>

#include <herald/herald.h>
#include <jansson.h>

#define SHARD_SET_FORMAT "herald-shard-summary"
#define SHARD_SET_VERSION 1

/* Text files kept open: pages come in date order, which goes from
 * shard to shard, so one open file would be reopened for nearly every
 * page; with up to this many shards none is. */
#define SHARD_SET_OPEN_TEXTS 32

typedef struct shard_text {
	FILE *file;               /* shard k's text (or part) file, or NULL */
	unsigned long k;
	const char *ext;          /* "text" or "part" (a literal) */
} shard_text;

typedef struct shard_set {
	char *dir;
	char *stem;               /* NULL, or the corpus file's name */
	unsigned long count;      /* N */
	shard_text texts[SHARD_SET_OPEN_TEXTS];   /* shard k's in slot k % it */
} shard_set;

/* DIR/.herald-shard-K-of-N.EXT ("json", "text", or a corpus's "part"),
 * with a stem (a corpus file's name) DIR/.STEM.herald-shard-K-of-N.EXT;
 * NULL when out of memory.  Free it. */
char *shard_set_path(const char *dir, const char *stem, unsigned long k,
                     unsigned long n, const char *ext);

/* Find the set in dir: of count shards (the page runs know N), or, with
 * count 0, whichever N the files there have (the merge), one N only.
 * 0, or -1 after an error naming what is missing (every K absent) or
 * why the files cannot be one set. */
int shard_set_open(shard_set *s, const char *dir, const char *stem,
                   unsigned long count, herald_diag *diag);

/* Shard k's summary, checked: its format, version, signature (sig, the
 * hash as the manifest has it), K, N, its pages' fields and the sizes of
 * its text file and its corpus part file.  The caller json_decref()s it; NULL after an error
 * located in the file. */
json_t *shard_set_load(shard_set *s, unsigned long k, const char *sig,
                       herald_diag *diag);

/* The text [off, off + len) of shard k's text file, NUL-terminated;
 * NULL after an error.  Free it. */
char *shard_set_text(shard_set *s, unsigned long k, long off, size_t len,
                     herald_diag *diag);

/* Copy [off, off + len) of shard k's corpus part file to out, *hash
 * getting its FNV-1a 64: 0; -1 after an error reading it (said); -2
 * when out failed (its errno set, not said). */
int shard_set_copy_part(shard_set *s, unsigned long k, long long off,
                        size_t len, FILE *out, uint64_t *hash,
                        herald_diag *diag);

/* Remove every file of the set (after the merge used them): 0, or -1
 * after an error for a file that could not be removed. */
int shard_set_remove(shard_set *s, herald_diag *diag);

void shard_set_close(shard_set *s);

#endif
