/* shard_set.c - finding, checking and reading the summary files of a
 * sharded run (shard_set.h).  The files come from other runs, maybe of
 * other machines, so each is checked whole before anything is built from
 * it: a file cut short or edited is an error located in it, never a site
 * built from half a summary. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <herald/herald.h>

#include "batch.h"
#include "names.h"
#include "shard_set.h"

char *shard_set_path(const char *dir, const char *stem, unsigned long k,
                     unsigned long n, const char *ext)
{
	size_t len = (stem ? strlen(stem) + 1 : 0) + 96;
	char *name = malloc(len);
	if (!name)
		return NULL;
	snprintf(name, len, ".%s%sherald-shard-%lu-of-%lu.%s", stem ? stem : "",
	         stem ? "." : "", k, n, ext);
	char *path = cli_join_path(dir, name);
	free(name);
	return path;
}

/* K and N of a summary file's name, written as shard_set_path writes it
 * (no leading zeros, no sign): 0, else -1. */
static int parse_name(const char *name, const char *stem, unsigned long *k,
                      unsigned long *n)
{
	size_t skip = stem ? strlen(stem) + 1 : 0;
	if (name[0] != '.' ||
	    (stem && (strncmp(name + 1, stem, skip - 1) != 0 || name[skip] != '.')))
		return -1;
	name += skip;
	char again[96];
	if (sscanf(name, ".herald-shard-%lu-of-%lu.json", k, n) != 2 ||
	    *n == 0 || *n > CLI_SHARD_MAX || *k >= *n)
		return -1;
	snprintf(again, sizeof(again), ".herald-shard-%lu-of-%lu.json", *k, *n);
	return strcmp(again, name) == 0 ? 0 : -1;
}

/* Which K of count are missing: said with the first few. */
static void say_missing(const shard_set *s, const unsigned char *have,
                        herald_diag *diag)
{
	char list[160] = "";
	size_t missing = 0;
	for (unsigned long k = 0; k < s->count; k++) {
		if (have[k])
			continue;
		if (++missing <= 8) {
			size_t at = strlen(list);
			snprintf(list + at, sizeof(list) - at, "%s%lu", at ? ", " : "", k);
		}
	}
	if (missing == 0)
		return;
	herald_diag_set_file(diag, s->dir);
	herald_error(diag, "the shard summaries are not complete: %zu of %lu "
	             "missing (K = %s%s; .%s%sherald-shard-K-of-%lu.json): run "
	             "those shards%s first", missing, s->count,
	             list, missing > 8 ? ", ..." : "", s->stem ? s->stem : "",
	             s->stem ? "." : "", s->count, s->stem ? "" : " with --summarize");
}

int shard_set_open(shard_set *s, const char *dir, const char *stem,
                   unsigned long count, herald_diag *diag)
{
	memset(s, 0, sizeof(*s));
	s->dir = strdup(dir);
	s->stem = stem ? strdup(stem) : NULL;
	s->count = count;
	DIR *d = s->dir && (!stem || s->stem) ? opendir(dir) : NULL;
	herald_diag_set_file(diag, dir);
	if (!d) {
		herald_error(diag, "cannot read folder: %s", strerror(errno));
		return -1;
	}
	unsigned char *have = count ? calloc(count, 1) : NULL;
	int rc = count && !have ? -1 : 0;
	size_t found = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d))) {
		unsigned long k, n;
		if (parse_name(e->d_name, s->stem, &k, &n) != 0 || (count && n != count))
			continue;   /* (another N's: the page runs know theirs) */
		if (!s->count) {
			s->count = n;
			have = calloc(n, 1);
			rc = have ? 0 : -1;
		} else if (n != s->count) {
			herald_error(diag, "shard summaries of %lu and of %lu shards are "
			             "both here: remove the stale set (.%s%sherald-shard-*-of-%lu.*)",
			             s->count, n, s->stem ? s->stem : "", s->stem ? "." : "",
			             n < s->count ? n : s->count);
			rc = -2;
		}
		if (rc == 0 && !have[k]) {
			have[k] = 1;
			found++;
		}
	}
	closedir(d);
	if (rc == -1)
		herald_error(diag, "out of memory");
	else if (rc == 0 && !found)
		herald_error(diag, "no shard summaries here (.%s%sherald-shard-K-of-N.json): "
		             "run every shard%s first", s->stem ? s->stem : "",
		             s->stem ? "." : "", s->stem ? "" : " with --summarize");
	if (rc == 0 && !found)
		rc = -1;
	if (rc == 0) {
		say_missing(s, have, diag);
		for (unsigned long k = 0; k < s->count; k++)
			if (!have[k])
				rc = -1;
	}
	free(have);
	return rc < 0 ? -1 : 0;
}

/* --- checking a file ---------------------------------------------------- */

static int string_or_null(json_t *v)
{
	return json_is_string(v) || json_is_null(v);
}

static int string_pair(json_t *v)
{
	return json_is_array(v) && json_array_size(v) == 2 &&
	       json_is_string(json_array_get(v, 0)) &&
	       json_is_string(json_array_get(v, 1));
}

/* Whether v is [offset, length] within a file of size bytes (size < 0:
 * no file), with a third member when hashed: a 16-digit hex string. */
static int is_range(json_t *v, json_int_t size, int hashed)
{
	json_int_t off = json_integer_value(json_array_get(v, 0));
	json_int_t len = json_integer_value(json_array_get(v, 1));
	const char *hash = json_string_value(json_array_get(v, 2));
	return size >= 0 && json_array_size(v) == (size_t)(hashed ? 3 : 2) &&
	       json_is_integer(json_array_get(v, 0)) &&
	       json_is_integer(json_array_get(v, 1)) &&
	       off >= 0 && len >= 0 && off <= size && len <= size - off &&
	       (!hashed || (hash && strlen(hash) == 16 &&
	                    strspn(hash, "0123456789abcdef") == 16));
}

/* What is wrong with page e, or NULL.  text_size, part_size < 0: no
 * text file, no part file. */
static const char *bad_page(json_t *e, json_int_t text_size,
                            json_int_t part_size)
{
	json_t *items = json_object_get(e, "items"), *text = json_object_get(e, "text");
	json_t *part = json_object_get(e, "part");
	if (!json_is_object(e))
		return "not an object";
	if (!json_is_string(json_object_get(e, "href")) ||
	    !json_is_string(json_object_get(e, "input")))
		return "no href or input";
	if (!json_is_integer(json_object_get(e, "size")) ||
	    !json_is_integer(json_object_get(e, "mtime_ns")))
		return "no size or mtime_ns";
	if (!string_or_null(json_object_get(e, "date")) ||
	    !string_or_null(json_object_get(e, "title")) ||
	    !string_or_null(json_object_get(e, "language")))
		return "a date, title or language that is neither a string nor null";
	if (!json_is_array(items))
		return "no items";
	for (size_t i = 0; i < json_array_size(items); i++)
		if (!string_pair(json_array_get(items, i)))
			return "an item that is not [id, title]";
	if (text && !is_range(text, text_size, 0))
		return "its text is not [offset, length] within the text file";
	if (part_size >= 0 && (!part || !is_range(part, part_size, 1)))
		return "its part is not [offset, length, hash] within the part file";
	if (part_size >= 0 && (!json_is_integer(json_object_get(e, "number")) ||
	                       json_integer_value(json_object_get(e, "number")) < 1))
		return "no number";
	return NULL;
}

/* The header's fields as this run needs them; what is wrong, or NULL. */
static const char *bad_header(json_t *m, unsigned long k, unsigned long n,
                              const char *sig)
{
	const char *format = json_string_value(json_object_get(m, "format"));
	const char *have = json_string_value(json_object_get(m, "signature"));
	json_t *failed = json_object_get(m, "failed");
	if (!format || strcmp(format, SHARD_SET_FORMAT) != 0)
		return "not a herald shard summary (format)";
	if (json_integer_value(json_object_get(m, "version")) != SHARD_SET_VERSION)
		return "a version of the shard summary this herald does not know";
	if (!have || strcmp(have, sig) != 0)
		return "made with other options than this run's (signature): run "
		       "every step with the same reader, transforms, writer and -s";
	if (!json_is_integer(json_object_get(m, "shard")) ||
	    !json_is_integer(json_object_get(m, "shards")) ||
	    json_integer_value(json_object_get(m, "shard")) != (json_int_t)k ||
	    json_integer_value(json_object_get(m, "shards")) != (json_int_t)n)
		return "its shard and shards are not those of its name";
	if (!json_is_array(json_object_get(m, "pages")) || !json_is_array(failed))
		return "no pages or failed list";
	for (size_t i = 0; i < json_array_size(failed); i++)
		if (!string_pair(json_array_get(failed, i)))
			return "a failed input that is not [href, message]";
	json_t *ts = json_object_get(m, "text_size");
	if (ts && (!json_is_integer(ts) || json_integer_value(ts) < 0))
		return "a text_size that is not a size";
	json_t *ps = json_object_get(m, "part_size");
	if (ps && (!json_is_integer(ps) || json_integer_value(ps) < 0))
		return "a part_size that is not a size";
	return NULL;
}

/* The text or part file (ext) of a summary that has one: there, and of
 * its size. */
static int check_file(const shard_set *s, unsigned long k, const char *ext,
                      json_int_t size, herald_diag *diag)
{
	char *path = shard_set_path(s->dir, s->stem, k, s->count, ext);
	const char *what = strcmp(ext, "text") == 0 ? "text" : "corpus part";
	struct stat st;
	herald_diag_set_file(diag, path);
	int rc = 0;
	if (!path || stat(path, &st) != 0) {
		herald_error(diag, "cannot read the shard's %s: %s", what,
		             path ? strerror(errno) : "out of memory");
		rc = -1;
	} else if ((json_int_t)st.st_size != size) {
		herald_error(diag, "%lld bytes where the summary says %lld: not the "
		             "%s of this summary (run the shard again)",
		             (long long)st.st_size, (long long)size, what);
		rc = -1;
	}
	free(path);
	return rc;
}

/* The file names of summary m as they were (core/names.h): its pages',
 * and the first of each failed input's pair. */
static void names_back(json_t *m)
{
	core_page_names_from_json(json_object_get(m, "pages"));
	json_t *failed = json_object_get(m, "failed");
	for (size_t i = 0; i < json_array_size(failed); i++) {
		json_t *pair = json_array_get(failed, i);
		json_t *name = core_name_from_json(json_array_get(pair, 0));
		if (name)
			json_array_set_new(pair, 0, name);
	}
}

json_t *shard_set_load(shard_set *s, unsigned long k, const char *sig,
                       herald_diag *diag)
{
	char *path = shard_set_path(s->dir, s->stem, k, s->count, "json");
	json_error_t err;
	json_t *m = path ? json_load_file(path, 0, &err) : NULL;
	names_back(m);
	herald_diag_set_file(diag, path);
	const char *why = NULL;
	if (!path)
		herald_error(diag, "out of memory");
	else if (!m)
		herald_error(diag, "%d:%d: %s", err.line, err.column, err.text);
	else if ((why = bad_header(m, k, s->count, sig)))
		herald_error(diag, "%s", why);
	json_t *ts = m && !why ? json_object_get(m, "text_size") : NULL;
	json_int_t text_size = ts ? json_integer_value(ts) : -1;
	json_t *ps = m && !why ? json_object_get(m, "part_size") : NULL;
	json_int_t part_size = ps ? json_integer_value(ps) : -1;
	if (m && !why && !ps != !s->stem) {
		why = s->stem ? "no part_size: not a corpus shard's summary"
		              : "a corpus shard's summary, not a folder's";
		herald_error(diag, "%s", why);
	}
	json_t *pages = m && !why ? json_object_get(m, "pages") : NULL;
	for (size_t i = 0; !why && i < json_array_size(pages); i++) {
		json_t *e = json_array_get(pages, i);
		const char *href = json_string_value(json_object_get(e, "href"));
		if (!(why = bad_page(e, text_size, part_size)) &&
		    cli_shard_hash(href) % s->count != k)
			why = "its href is not of this shard (by its hash)";
		if (why)
			herald_error(diag, "pages[%zu]: %s", i, why);
	}
	if (m && !why && ts && check_file(s, k, "text", text_size, diag) != 0)
		why = "text";
	if (m && !why && ps && check_file(s, k, "part", part_size, diag) != 0)
		why = "part";
	free(path);
	if (!m || why) {
		json_decref(m);
		return NULL;
	}
	return m;
}

/* Shard k's text or part file (ext), kept open in its slot. */
static FILE *slot_file(shard_set *s, unsigned long k, const char *ext)
{
	shard_text *slot = &s->texts[k % SHARD_SET_OPEN_TEXTS];
	if (slot->file && (slot->k != k || slot->ext != ext)) {
		fclose(slot->file);
		slot->file = NULL;
	}
	errno = 0;
	if (!slot->file) {
		char *path = shard_set_path(s->dir, s->stem, k, s->count, ext);
		slot->file = path ? fopen(path, "rb") : NULL;
		slot->k = k;
		slot->ext = ext;
		free(path);
	}
	return slot->file;
}

/* A read of shard k's file ext that failed, said. */
static void read_failed(shard_set *s, unsigned long k, const char *ext,
                        herald_diag *diag)
{
	char *path = shard_set_path(s->dir, s->stem, k, s->count, ext);
	herald_diag_set_file(diag, path);
	herald_error(diag, "cannot read the shard's %s: %s",
	             strcmp(ext, "text") == 0 ? "text" : "corpus part",
	             errno ? strerror(errno) : "cut short");
	free(path);
}

char *shard_set_text(shard_set *s, unsigned long k, long off, size_t len,
                     herald_diag *diag)
{
	FILE *file = slot_file(s, k, "text");
	char *text = file ? malloc(len + 1) : NULL;
	if (!text || fseek(file, off, SEEK_SET) != 0 ||
	    fread(text, 1, len, file) != len) {
		free(text);
		read_failed(s, k, "text", diag);
		return NULL;
	}
	text[len] = '\0';
	return text;
}

int shard_set_copy_part(shard_set *s, unsigned long k, long long off,
                        size_t len, FILE *out, uint64_t *hash,
                        herald_diag *diag)
{
	FILE *file = slot_file(s, k, "part");
	char buf[65536];
	*hash = CLI_FNV1A_BASIS;
	if (!file || fseeko(file, (off_t)off, SEEK_SET) != 0) {
		read_failed(s, k, "part", diag);
		return -1;
	}
	while (len > 0) {
		size_t want = len < sizeof(buf) ? len : sizeof(buf);
		size_t got = fread(buf, 1, want, file);
		if (got != want) {
			read_failed(s, k, "part", diag);
			return -1;
		}
		*hash = cli_fnv1a(*hash, buf, got);
		if (fwrite(buf, 1, got, out) != got)
			return -2;
		len -= got;
	}
	return 0;
}

static void close_texts(shard_set *s)
{
	for (size_t i = 0; i < SHARD_SET_OPEN_TEXTS; i++)
		if (s->texts[i].file) {
			fclose(s->texts[i].file);
			s->texts[i].file = NULL;
		}
}

int shard_set_remove(shard_set *s, herald_diag *diag)
{
	int rc = 0;
	close_texts(s);
	static const char *const exts[] = { "json", "text", "part" };
	for (unsigned long k = 0; k < s->count; k++)
		for (size_t t = 0; t < sizeof(exts) / sizeof(*exts); t++) {
			char *path = shard_set_path(s->dir, s->stem, k, s->count, exts[t]);
			if (!path || (unlink(path) != 0 && errno != ENOENT)) {
				herald_diag_set_file(diag, path);
				herald_error(diag, "cannot remove: %s",
				             path ? strerror(errno) : "out of memory");
				rc = -1;
			}
			free(path);
		}
	return rc;
}

void shard_set_close(shard_set *s)
{
	close_texts(s);
	free(s->dir);
	free(s->stem);
	memset(s, 0, sizeof(*s));
}
