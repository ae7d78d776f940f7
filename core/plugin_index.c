/* plugin_index.c - the on-disk index of which plugin reads which
 * extension (see plugin_index.h).
 *
 * The file is text, one record a line, the path last on its line:
 *
 *   herald plugin index 1
 *   search <the search path>
 *   stamp <mtime s> <mtime ns> <size> <path>     (-1 -1 -1: absent)
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

#include "plugin_index.h"

#define INDEX_MAGIC "herald plugin index 1"
/* No honest index is near these: a larger file is not read. */
#define INDEX_MAX_LINES 100000
#define INDEX_MAX_BYTES (4 << 20)

typedef struct stamp {
	char *path;
	long long sec, nsec, size;   /* all -1 when the path is absent */
} stamp;

typedef struct reader_ext {
	char *ext;
	char *name;
} reader_ext;

struct core_plugin_index {
	char *search;
	stamp *stamps;
	size_t nstamps, stamps_cap;
	reader_ext *readers;
	size_t nreaders, readers_cap;
	int uncacheable;   /* a path the format cannot hold (a newline) */
};

static void take_stamp(const char *path, stamp *s)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		s->sec = s->nsec = s->size = -1;
		return;
	}
	s->sec = (long long)st.st_mtim.tv_sec;
	s->nsec = (long long)st.st_mtim.tv_nsec;
	s->size = (long long)st.st_size;
}

static int push_stamp(core_plugin_index *idx, const char *path, size_t len,
                      const stamp *values)
{
	if (idx->nstamps == idx->stamps_cap) {
		size_t cap = idx->stamps_cap ? idx->stamps_cap * 2 : 16;
		stamp *grown = realloc(idx->stamps, cap * sizeof(*grown));
		if (!grown)
			return -1;
		idx->stamps = grown;
		idx->stamps_cap = cap;
	}
	stamp *s = &idx->stamps[idx->nstamps];
	if (!(s->path = strndup(path, len)))
		return -1;
	if (values) {
		s->sec = values->sec;
		s->nsec = values->nsec;
		s->size = values->size;
	} else {
		take_stamp(s->path, s);
	}
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
	if (idx->nreaders == idx->readers_cap) {
		size_t cap = idx->readers_cap ? idx->readers_cap * 2 : 16;
		reader_ext *grown = realloc(idx->readers, cap * sizeof(*grown));
		if (!grown)
			return -1;
		idx->readers = grown;
		idx->readers_cap = cap;
	}
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
	free(idx->readers);
	free(idx->search);
	free(idx);
}

/* --- where the file lives ------------------------------------------------ */

/* $XDG_CACHE_HOME/herald, else ~/.cache/herald (relative values are
 * ignored, as the XDG base directory specification says); NULL when
 * neither is known. */
static const char *getenv_absolute(const char *name)
{
	const char *value = getenv(name);
	return value && value[0] == '/' ? value : NULL;
}

static char *cache_dir(void)
{
	const char *xdg = getenv_absolute("XDG_CACHE_HOME");
	const char *home = getenv_absolute("HOME");
	const char *base, *tail;
	if (xdg) {
		base = xdg;
		tail = "/herald";
	} else if (home) {
		base = home;
		tail = "/.cache/herald";
	} else {
		return NULL;
	}
	size_t len = strlen(base) + strlen(tail) + 1;
	char *dir = malloc(len);
	if (dir)
		snprintf(dir, len, "%s%s", base, tail);
	return dir;
}

/* FNV-1a: one file per search path, named by a hash of it.  Two paths
 * with one hash only take turns rebuilding it: the file names its
 * search path in full. */
static uint64_t hash_path(const char *s)
{
	uint64_t h = 14695981039346656037ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static char *index_file(const char *search_path)
{
	char *dir = cache_dir();
	if (!dir)
		return NULL;
	size_t len = strlen(dir) + sizeof("/plugins-0123456789abcdef.idx");
	char *file = malloc(len);
	if (file)
		snprintf(file, len, "%s/plugins-%016llx.idx", dir,
		         (unsigned long long)hash_path(search_path));
	free(dir);
	return file;
}

/* mkdir -p of the folder holding file, private to the user.  (The
 * command has its own for output folders, with other modes; libherald
 * exports nothing it could share.) */
static int make_parents(const char *file)
{
	char *dir = strdup(file);
	if (!dir)
		return -1;
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			free(dir);
			return -1;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

/* --- writing ------------------------------------------------------------- */

static int write_index(const core_plugin_index *idx, FILE *f)
{
	fprintf(f, "%s\nsearch %s\n", INDEX_MAGIC, idx->search);
	for (size_t i = 0; i < idx->nstamps; i++) {
		const stamp *s = &idx->stamps[i];
		fprintf(f, "stamp %lld %lld %lld %s\n", s->sec, s->nsec, s->size,
		        s->path);
	}
	for (size_t i = 0; i < idx->nreaders; i++)
		fprintf(f, "reader %s %s\n", idx->readers[i].ext,
		        idx->readers[i].name);
	fputs("end\n", f);
	return ferror(f) ? -1 : 0;
}

void core_plugin_index_save(const core_plugin_index *idx)
{
	if (idx->uncacheable)
		return;
	char *file = index_file(idx->search);
	if (!file || make_parents(file) != 0) {
		free(file);
		return;
	}
	size_t len = strlen(file) + sizeof(".XXXXXX");
	char *tmp = malloc(len);
	int fd = -1;
	if (tmp) {
		snprintf(tmp, len, "%s.XXXXXX", file);
		fd = mkstemp(tmp);
	}
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (fd >= 0 && !f)
		close(fd);
	int ok = f && write_index(idx, f) == 0;
	if (f && fclose(f) != 0)
		ok = 0;
	/* rename() replaces the old index in one step: a run reading it
	 * sees the old one or the new one, never a mixture. */
	if (fd >= 0 && (!ok || rename(tmp, file) != 0))
		unlink(tmp);
	free(tmp);
	free(file);
}

/* --- reading ------------------------------------------------------------- */

/* "stamp S NS SIZE PATH": the values into *s, the path's start in *path. */
static int parse_stamp(const char *line, stamp *s, const char **path)
{
	int used = 0;
	if (sscanf(line, "stamp %lld %lld %lld %n", &s->sec, &s->nsec,
	           &s->size, &used) != 3 || !used || !line[used])
		return -1;
	*path = line + used;
	return 0;
}

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

static int parse_line(core_plugin_index *idx, const char *line)
{
	if (strncmp(line, "stamp ", 6) == 0) {
		stamp s;
		const char *path;
		return parse_stamp(line, &s, &path) != 0 ? -1
		       : push_stamp(idx, path, strlen(path), &s);
	}
	if (strncmp(line, "reader ", 7) == 0)
		return parse_reader(idx, line);
	return -1;
}

/* Whether every stamp is what the files and folders show now. */
static int up_to_date(const core_plugin_index *idx)
{
	for (size_t i = 0; i < idx->nstamps; i++) {
		const stamp *was = &idx->stamps[i];
		stamp now;
		take_stamp(was->path, &now);
		if (now.sec != was->sec || now.nsec != was->nsec ||
		    now.size != was->size)
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
	char *file = index_file(search_path ? search_path : "");
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
