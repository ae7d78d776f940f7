/* plugin_index.c - the on-disk index of which plugin reads which
 * extension (see plugin_index.h).
 *
 * The file is text, one record a line, the path last on its line:
 *
 *   herald plugin index 2
 *   search <the search path>
 *   stamp <mtime s> <mtime ns> <size> <path>     (-1 -1 -1: absent)
 *   checked <module> <object>   (stamp numbers, from 0: the module file
 *                                opened when the index was built, and
 *                                the shared object it names)
 *   reader <extension> <plugin>
 *   end
 *
 * Nothing in it is believed unless every stamp still matches and the
 * file ends with "end"; anything else (another format, another search
 * path, a line cut short, garbage) makes it unusable, and it is
 * rebuilt. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "plugin_index.h"

#define INDEX_MAGIC "herald plugin index 2"
/* No honest index is near these: a larger file is not read. */
#define INDEX_MAX_LINES 100000
#define INDEX_MAX_BYTES (4 << 20)

typedef struct stamp {
	char *path;
	core_cache_stamp at;
} stamp;

/* A module file that opened when the index was built, and its shared
 * object (the same stamp for a .so): stamps[module], stamps[object]. */
typedef struct checked {
	size_t module, object;
} checked;

typedef struct reader_ext {
	char *ext;
	char *name;
} reader_ext;

struct core_plugin_index {
	char *search;
	stamp *stamps;
	size_t nstamps, stamps_cap;
	checked *checks;
	size_t nchecks, checks_cap;
	reader_ext *readers;
	size_t nreaders, readers_cap;
	int uncacheable;   /* a path the format cannot hold (a newline) */
};

/* v (of *cap elements of size bytes), moved if need be to hold element
 * n; NULL out of memory (v is then unchanged, and still the caller's). */
static void *room_for(void *v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return v;
	size_t want = *cap ? *cap * 2 : 16;
	void *grown = realloc(v, want * size);
	if (grown)
		*cap = want;
	return grown;
}

static int push_stamp(core_plugin_index *idx, const char *path, size_t len,
                      const core_cache_stamp *values)
{
	stamp *room = room_for(idx->stamps, &idx->stamps_cap, idx->nstamps,
	                       sizeof(*room));
	if (!room)
		return -1;
	idx->stamps = room;
	stamp *s = &idx->stamps[idx->nstamps];
	if (!(s->path = strndup(path, len)))
		return -1;
	if (values)
		s->at = *values;
	else
		core_cache_stamp_take(s->path, &s->at);
	if (memchr(path, '\n', len))
		idx->uncacheable = 1;
	idx->nstamps++;
	return 0;
}

static core_plugin_index *index_alloc(const char *search_path)
{
	core_plugin_index *idx = calloc(1, sizeof(*idx));
	if (idx && !(idx->search = strdup(search_path ? search_path : ""))) {
		free(idx);
		return NULL;
	}
	if (idx && strchr(idx->search, '\n'))
		idx->uncacheable = 1;
	return idx;
}

core_plugin_index *core_plugin_index_new(const char *search_path)
{
	core_plugin_index *idx = index_alloc(search_path);
	if (!idx)
		return NULL;
	/* A directory's mtime moves when a module is added, removed or
	 * renamed in it; each module's own stamp catches one rebuilt. */
	for (const char *p = idx->search; *p;) {
		size_t len = strcspn(p, ":");
		if (len && push_stamp(idx, p, len, NULL) != 0) {
			core_plugin_index_free(idx);
			return NULL;
		}
		p += len + (p[len] == ':');
	}
	return idx;
}

int core_plugin_index_add_file(core_plugin_index *idx, const char *path)
{
	return push_stamp(idx, path, strlen(path), NULL);
}

static int push_check(core_plugin_index *idx, size_t module, size_t object)
{
	checked *room = module < idx->nstamps && object < idx->nstamps
	              ? room_for(idx->checks, &idx->checks_cap, idx->nchecks,
	                         sizeof(*room))
	              : NULL;
	if (!room)
		return -1;
	idx->checks = room;
	idx->checks[idx->nchecks++] = (checked){ module, object };
	return 0;
}

/* The stamp recorded for path, or nstamps. */
static size_t stamp_of(const core_plugin_index *idx, const char *path)
{
	size_t i = 0;
	while (i < idx->nstamps && strcmp(idx->stamps[i].path, path) != 0)
		i++;
	return i;
}

int core_plugin_index_add_checked(core_plugin_index *idx, const char *module,
                                  const char *object)
{
	return push_check(idx, stamp_of(idx, module), stamp_of(idx, object));
}

const char *core_plugin_index_checked_object(const core_plugin_index *idx,
                                             const char *module)
{
	for (size_t i = 0; i < idx->nchecks; i++)
		if (strcmp(idx->stamps[idx->checks[i].module].path, module) == 0)
			return idx->stamps[idx->checks[i].object].path;
	return NULL;
}

const char *core_plugin_index_reader(const core_plugin_index *idx,
                                     const char *ext)
{
	for (size_t i = 0; i < idx->nreaders; i++)
		if (strcasecmp(idx->readers[i].ext, ext) == 0)
			return idx->readers[i].name;
	return NULL;
}

static int push_reader(core_plugin_index *idx, const char *ext,
                       size_t ext_len, const char *name, size_t name_len)
{
	reader_ext *room = room_for(idx->readers, &idx->readers_cap,
	                            idx->nreaders, sizeof(*room));
	if (!room)
		return -1;
	idx->readers = room;
	reader_ext *r = &idx->readers[idx->nreaders];
	r->ext = strndup(ext, ext_len);
	r->name = strndup(name, name_len);
	if (!r->ext || !r->name) {
		free(r->ext);
		free(r->name);
		return -1;
	}
	idx->nreaders++;
	return 0;
}

/* A word the format can hold: no space, no control character. */
static int plain_word(const char *s, size_t len)
{
	if (!len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] <= ' ')
			return 0;
	return 1;
}

int core_plugin_index_add_reader(core_plugin_index *idx, const char *ext,
                                 const char *name)
{
	size_t el = strlen(ext), nl = strlen(name);
	/* An extension the file cannot hold is never guessed from the
	 * index: guessing then falls back to opening every module. */
	if (!plain_word(ext, el) || !plain_word(name, nl)) {
		idx->uncacheable = 1;
		return 0;
	}
	if (core_plugin_index_reader(idx, ext))
		return 0;
	return push_reader(idx, ext, el, name, nl);
}

void core_plugin_index_free(core_plugin_index *idx)
{
	if (!idx)
		return;
	for (size_t i = 0; i < idx->nstamps; i++)
		free(idx->stamps[i].path);
	for (size_t i = 0; i < idx->nreaders; i++) {
		free(idx->readers[i].ext);
		free(idx->readers[i].name);
	}
	free(idx->stamps);
	free(idx->checks);
	free(idx->readers);
	free(idx->search);
	free(idx);
}

/* --- writing ------------------------------------------------------------- */

static int write_index(const core_plugin_index *idx, FILE *f)
{
	fprintf(f, "%s\nsearch %s\n", INDEX_MAGIC, idx->search);
	for (size_t i = 0; i < idx->nstamps; i++)
		core_cache_stamp_write(f, &idx->stamps[i].at, idx->stamps[i].path);
	for (size_t i = 0; i < idx->nchecks; i++)
		fprintf(f, "checked %zu %zu\n", idx->checks[i].module,
		        idx->checks[i].object);
	for (size_t i = 0; i < idx->nreaders; i++)
		fprintf(f, "reader %s %s\n", idx->readers[i].ext,
		        idx->readers[i].name);
	fputs("end\n", f);
	return ferror(f) ? -1 : 0;
}

static int write_any(FILE *f, const void *idx)
{
	return write_index(idx, f);
}

void core_plugin_index_save(const core_plugin_index *idx)
{
	if (idx->uncacheable)
		return;
	char *file = core_cache_file("plugins", idx->search, "idx");
	if (file)
		core_cache_save(file, write_any, idx);
	free(file);
}

/* --- reading ------------------------------------------------------------- */

/* "reader EXT NAME". */
static int parse_reader(core_plugin_index *idx, const char *line)
{
	const char *ext = line + strlen("reader ");
	size_t el = strcspn(ext, " ");
	const char *name = ext + el + (ext[el] == ' ');
	size_t nl = strlen(name);
	if (!plain_word(ext, el) || !plain_word(name, nl))
		return -1;
	return push_reader(idx, ext, el, name, nl);
}

/* "<module> <object>", two numbers of stamps already read (push_check
 * refuses others). */
static int parse_checked(core_plugin_index *idx, const char *rest)
{
	unsigned long long module, object;
	rest = core_cache_digits(rest, &module);
	if (!rest || *rest != ' ')
		return -1;
	rest = core_cache_digits(rest + 1, &object);
	if (!rest || *rest)
		return -1;
	return push_check(idx, (size_t)module, (size_t)object);
}

static int parse_line(core_plugin_index *idx, const char *line)
{
	if (strncmp(line, "stamp ", 6) == 0) {
		core_cache_stamp s;
		const char *path;
		return core_cache_stamp_parse(line, &s, &path) != 0 ? -1
		       : push_stamp(idx, path, strlen(path), &s);
	}
	if (strncmp(line, "reader ", 7) == 0)
		return parse_reader(idx, line);
	if (strncmp(line, "checked ", 8) == 0)
		return parse_checked(idx, line + 8);
	return -1;
}

/* Whether every stamp is what the files and folders show now. */
static int up_to_date(const core_plugin_index *idx)
{
	for (size_t i = 0; i < idx->nstamps; i++) {
		const stamp *was = &idx->stamps[i];
		core_cache_stamp now;
		core_cache_stamp_take(was->path, &now);
		if (!core_cache_stamp_same(&now, &was->at))
			return 0;
	}
	return 1;
}

/* The lines of f after the magic line and the search line; 0 when they
 * end with "end" and nothing after it. */
static int read_records(core_plugin_index *idx, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = -1, lines = 0;
	while ((n = getline(&line, &cap, f)) > 0 && ++lines < INDEX_MAX_LINES) {
		if (line[n - 1] != '\n')
			break;   /* cut short */
		line[n - 1] = '\0';
		if (strcmp(line, "end") == 0) {
			rc = getc(f) == EOF ? 0 : -1;
			break;
		}
		if (parse_line(idx, line) != 0)
			break;
	}
	free(line);
	return rc;
}

/* Whether the file starts with the magic line and names search_path. */
static int read_header(FILE *f, const char *search_path)
{
	char *line = NULL;
	size_t cap = 0;
	int ok = getline(&line, &cap, f) > 0 &&
	         strcmp(line, INDEX_MAGIC "\n") == 0 &&
	         getline(&line, &cap, f) > 0 &&
	         strncmp(line, "search ", 7) == 0 &&
	         strlen(line + 7) == strlen(search_path) + 1 &&
	         strncmp(line + 7, search_path, strlen(search_path)) == 0 &&
	         line[7 + strlen(search_path)] == '\n';
	free(line);
	return ok;
}

core_plugin_index *core_plugin_index_load(const char *search_path)
{
	char *file = core_cache_file("plugins", search_path ? search_path : "",
	                             "idx");
	/* O_NONBLOCK: a FIFO under the index's name must not hang herald. */
	int fd = file ? open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC) : -1;
	struct stat st;
	free(file);
	if (fd < 0)
		return NULL;
	FILE *f = NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > INDEX_MAX_BYTES || !(f = fdopen(fd, "r"))) {
		close(fd);
		return NULL;
	}
	core_plugin_index *idx = index_alloc(search_path);
	int ok = idx && read_header(f, idx->search) &&
	         read_records(idx, f) == 0 && up_to_date(idx);
	fclose(f);
	if (!ok) {
		core_plugin_index_free(idx);
		return NULL;
	}
	return idx;
}
