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
#include "shard_set.h"

char *shard_set_path(const char *dir, unsigned long k, unsigned long n,
                     const char *ext)
{
	char name[96];
	snprintf(name, sizeof(name), ".herald-shard-%lu-of-%lu.%s", k, n, ext);
	return cli_join_path(dir, name);
}

/* K and N of a summary file's name, written as shard_set_path writes it
 * (no leading zeros, no sign): 0, else -1. */
static int parse_name(const char *name, unsigned long *k, unsigned long *n)
{
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
	             "missing (K = %s%s; .herald-shard-K-of-%lu.json): run "
	             "those shards with --summarize first", missing, s->count,
	             list, missing > 8 ? ", ..." : "", s->count);
}

int shard_set_open(shard_set *s, const char *dir, unsigned long count,
                   herald_diag *diag)
{
	memset(s, 0, sizeof(*s));
	s->dir = strdup(dir);
	s->count = count;
	DIR *d = s->dir ? opendir(dir) : NULL;
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
		if (parse_name(e->d_name, &k, &n) != 0 || (count && n != count))
			continue;   /* (another N's: the page runs know theirs) */
		if (!s->count) {
			s->count = n;
			have = calloc(n, 1);
			rc = have ? 0 : -1;
		} else if (n != s->count) {
			herald_error(diag, "shard summaries of %lu and of %lu shards are "
			             "both here: remove the stale set (.herald-shard-*-of-%lu.*)",
			             s->count, n, n < s->count ? n : s->count);
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
		herald_error(diag, "no shard summaries here (.herald-shard-K-of-N.json): "
		             "run every shard with --summarize first");
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

/* What is wrong with page e, or NULL.  text_size < 0: no text file. */
static const char *bad_page(json_t *e, json_int_t text_size)
{
	json_t *items = json_object_get(e, "items"), *text = json_object_get(e, "text");
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
	if (!text)
		return NULL;
	json_int_t off = json_integer_value(json_array_get(text, 0));
	json_int_t len = json_integer_value(json_array_get(text, 1));
	if (text_size < 0 || json_array_size(text) != 2 ||
	    !json_is_integer(json_array_get(text, 0)) ||
	    !json_is_integer(json_array_get(text, 1)) ||
	    off < 0 || len < 0 || off > text_size || len > text_size - off)
		return "its text is not [offset, length] within the text file";
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
	return NULL;
}

/* The text file of a summary that has one: there, and of its size. */
static int check_text_file(const shard_set *s, unsigned long k,
                           json_int_t size, herald_diag *diag)
{
	char *path = shard_set_path(s->dir, k, s->count, "text");
	struct stat st;
	herald_diag_set_file(diag, path);
	int rc = 0;
	if (!path || stat(path, &st) != 0) {
		herald_error(diag, "cannot read the shard's text: %s",
		             path ? strerror(errno) : "out of memory");
		rc = -1;
	} else if ((json_int_t)st.st_size != size) {
		herald_error(diag, "%lld bytes where the summary says %lld: not the "
		             "text of this summary (run the shard's --summarize again)",
		             (long long)st.st_size, (long long)size);
		rc = -1;
	}
	free(path);
	return rc;
}

json_t *shard_set_load(shard_set *s, unsigned long k, const char *sig,
                       herald_diag *diag)
{
	char *path = shard_set_path(s->dir, k, s->count, "json");
	json_error_t err;
	json_t *m = path ? json_load_file(path, 0, &err) : NULL;
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
	json_t *pages = m && !why ? json_object_get(m, "pages") : NULL;
	for (size_t i = 0; !why && i < json_array_size(pages); i++) {
		json_t *e = json_array_get(pages, i);
		const char *href = json_string_value(json_object_get(e, "href"));
		if (!(why = bad_page(e, text_size)) && cli_shard_hash(href) % s->count != k)
			why = "its href is not of this shard (by its hash)";
		if (why)
			herald_error(diag, "pages[%zu]: %s", i, why);
	}
	if (m && !why && ts && check_text_file(s, k, text_size, diag) != 0)
		why = "text";
	free(path);
	if (!m || why) {
		json_decref(m);
		return NULL;
	}
	return m;
}

char *shard_set_text(shard_set *s, unsigned long k, long off, size_t len,
                     herald_diag *diag)
{
	shard_text *slot = &s->texts[k % SHARD_SET_OPEN_TEXTS];
	if (slot->file && slot->k != k) {
		fclose(slot->file);
		slot->file = NULL;
	}
	errno = 0;
	if (!slot->file) {
		char *path = shard_set_path(s->dir, k, s->count, "text");
		slot->file = path ? fopen(path, "rb") : NULL;
		slot->k = k;
		free(path);
	}
	char *text = slot->file ? malloc(len + 1) : NULL;
	if (!text || fseek(slot->file, off, SEEK_SET) != 0 ||
	    fread(text, 1, len, slot->file) != len) {
		free(text);
		char *path = shard_set_path(s->dir, k, s->count, "text");
		herald_diag_set_file(diag, path);
		herald_error(diag, "cannot read the shard's text: %s",
		             errno ? strerror(errno) : "cut short");
		free(path);
		return NULL;
	}
	text[len] = '\0';
	return text;
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
	for (unsigned long k = 0; k < s->count; k++)
		for (int t = 0; t < 2; t++) {
			char *path = shard_set_path(s->dir, k, s->count, t ? "text" : "json");
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
	memset(s, 0, sizeof(*s));
}
