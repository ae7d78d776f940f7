/* lang_cache.c - what is built from one topic of every pack, kept in the
 * user's cache folder between runs (herald_lang_cached in herald/lang.h):
 * the labels of every pack (lang_any.c), the bulletin reader's date
 * words.
 *
 * The file is text (core/cache.h says where):
 *
 *   <format>                          the cache's own first line
 *   stamp <mtime s> <mtime ns> <size> <the object its writer lives in>
 *   stamp ... <topic.txt of the generic pack, then of each pack found>
 *   <body>                            the writer's
 *
 * It is believed only while it names the same files in the same order
 * (the packs on the path now) and every stamp still matches: a pack
 * added, removed or edited, or the program or plugin that wrote it
 * rebuilt, and the caller builds its tables from the packs again.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1   /* dl_iterate_phdr() */
#endif
#include <link.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/lang.h>

#include "cache.h"
#include "paths.h"

/* No honest cache is near this: a bigger file is not read. */
#define CACHE_MAX_BYTES (16u << 20)

/* A file a cache depends on: its path ("-" for a pack without a folder)
 * and its stamp now. */
typedef struct source {
	char *path;
	core_cache_stamp at;
} source;

typedef struct stamps {
	source *src;
	size_t n;
	char *file;    /* the cache file they name, or NULL */
} stamps;

static void stamps_free(stamps *s)
{
	for (size_t i = 0; s->src && i < s->n; i++)
		free(s->src[i].path);
	free(s->src);
	free(s->file);
}

typedef struct finding {
	uintptr_t address;
	char *path;
	bool found;
} finding;

static int holds_address(struct dl_phdr_info *info, size_t size, void *arg)
{
	finding *f = arg;
	(void)size;
	for (size_t i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t start = (uintptr_t)info->dlpi_addr + ph->p_vaddr;
		if (ph->p_type == PT_LOAD && f->address >= start &&
		    f->address - start < ph->p_memsz) {
			/* (the program itself has no name here) */
			const char *name = *info->dlpi_name ? info->dlpi_name
			                                    : "/proc/self/exe";
			f->path = name[0] == '/' && strcmp(name, "/proc/self/exe")
			          ? strdup(name) : realpath(name, NULL);
			f->found = true;
			return 1;
		}
	}
	return 0;
}

/* The shared object (or program) that holds code, as an absolute path.
 * (dl_iterate_phdr, not dladdr: this needs no symbol, and dladdr's
 * search for the nearest one was a hundredth of a one-line run.) */
static char *object_of(const void *code)
{
	finding f = { (uintptr_t)code, NULL, false };
	dl_iterate_phdr(holds_address, &f);
	return f.path;
}

/* The paths, one a line: what names the cache file. */
static char *key_of(const source *src, size_t n)
{
	size_t len = 1;
	for (size_t i = 0; i < n; i++)
		len += strlen(src[i].path) + 1;
	char *key = malloc(len), *at = key;
	for (size_t i = 0; key && i < n; i++) {
		size_t pl = strlen(src[i].path);
		memcpy(at, src[i].path, pl);
		at[pl] = '\n';
		at += pl + 1;
	}
	if (key)
		*at = '\0';
	return key;
}

/* The object holding c->write, then c->topic of the generic pack and of
 * each pack on the path, stamped now, and the file they name; -1 out of
 * memory, or when a path cannot be written in the cache (a newline in
 * it).  The packs are not looked up: their folders are the scan's. */
static int stamps_take(stamps *s, const herald_lang_cache *c)
{
	size_t tags = 0;
	(void)herald_lang_available(&tags);
	*s = (stamps){ .n = tags + 2 };
	if (!(s->src = calloc(s->n, sizeof *s->src)))
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		char *path = i == 0 ? object_of((const void *)c->write)
		           : i == 1 ? core_lang_file(herald_lang_generic(), c->topic)
		           : core_lang_available_file(i - 2, c->topic);
		s->src[i].path = path ? path : strdup("-");
		if (!s->src[i].path || strchr(s->src[i].path, '\n'))
			return -1;
		core_cache_stamp_take(s->src[i].path, &s->src[i].at);
	}
	char *key = key_of(s->src, s->n);
	s->file = key ? core_cache_file(c->topic, key, "cache") : NULL;
	free(key);
	return s->file ? 0 : -1;
}

/* Whether text opens with c's format and s's stamps; *body then points
 * past them. */
static bool header_matches(char *text, size_t len, const herald_lang_cache *c,
                           const stamps *s, char **body)
{
	char *p = text, *end = text + len;
	char *line = core_cache_next_line(&p, end);
	if (!line || strcmp(line, c->format) != 0)
		return false;
	for (size_t i = 0; i < s->n; i++) {
		core_cache_stamp was;
		const char *path;
		if (!(line = core_cache_next_line(&p, end)) ||
		    core_cache_stamp_parse(line, &was, &path) != 0 ||
		    strcmp(path, s->src[i].path) != 0 ||
		    !core_cache_stamp_same(&was, &s->src[i].at))
			return false;
	}
	*body = p;
	return true;
}

typedef struct saving {
	const herald_lang_cache *c;
	const stamps *s;
	void *arg;
} saving;

static int write_cache(FILE *f, const void *arg)
{
	const saving *sv = arg;
	fprintf(f, "%s\n", sv->c->format);
	for (size_t i = 0; i < sv->s->n; i++)
		core_cache_stamp_write(f, &sv->s->src[i].at, sv->s->src[i].path);
	return sv->c->write(f, sv->arg);
}

/* The stamps are taken before the cache or the packs are read: a pack
 * edited while they are read is then not stamped as the one read. */
void herald_lang_cached(const herald_lang_cache *c, void *arg)
{
	stamps s;
	int stamped = stamps_take(&s, c) == 0;
	size_t size;
	char *text = stamped ? core_cache_read(s.file, CACHE_MAX_BYTES, &size)
	                     : NULL, *body;
	if (text && header_matches(text, size, c, &s, &body)) {
		size_t len = size - (size_t)(body - text);
		memmove(text, body, len + 1);   /* (with the NUL) */
		if (c->load(text, len, arg) == 0) {
			stamps_free(&s);
			return;
		}
	} else {
		free(text);
	}
	c->build(arg);
	if (stamped) {
		saving sv = { c, &s, arg };
		core_cache_save(s.file, write_cache, &sv);
	}
	stamps_free(&s);
}
