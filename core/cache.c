/* cache.c - the user's cache folder (cache.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "shard.h"
#include "cache.h"

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

char *core_cache_file(const char *kind, const char *key, const char *ext)
{
	char *dir = cache_dir();
	if (!dir)
		return NULL;
	size_t len = strlen(dir) + strlen(kind) + strlen(ext) +
	             sizeof("/-0123456789abcdef.");
	char *file = malloc(len);
	if (file)
		snprintf(file, len, "%s/%s-%016llx.%s", dir, kind,
		         (unsigned long long)cli_fnv1a(CLI_FNV1A_BASIS, key, strlen(key)), ext);
	free(dir);
	return file;
}

char *core_cache_read(const char *file, size_t max, size_t *len)
{
	/* O_NONBLOCK: a FIFO under the file's name must not hang herald. */
	int fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	char *buf = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
	    (uintmax_t)st.st_size <= max &&
	    (buf = malloc((size_t)st.st_size + 1))) {
		size_t size = (size_t)st.st_size, got = 0;
		while (got < size) {
			ssize_t n = read(fd, buf + got, size - got);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		if (got == size) {
			buf[size] = '\0';
			*len = size;
		} else {
			free(buf);   /* changed under us: not to be believed */
			buf = NULL;
		}
	}
	close(fd);
	return buf;
}

void core_cache_save(const char *file, int (*write)(FILE *f, const void *arg),
                     const void *arg)
{
	/* private to the user, as the XDG base directory rules ask */
	if (cli_make_parents(file, 0700, 0) != 0)
		return;
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
	int ok = f && write(f, arg) == 0 && !ferror(f);
	if (f && fclose(f) != 0)
		ok = 0;
	/* rename() replaces the old file in one step: a run reading it
	 * sees the old one or the new one, never a mixture. */
	if (fd >= 0 && (!ok || rename(tmp, file) != 0))
		unlink(tmp);
	free(tmp);
}

void core_cache_stamp_take(const char *path, core_cache_stamp *s)
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

int core_cache_stamp_same(const core_cache_stamp *a, const core_cache_stamp *b)
{
	return a->sec == b->sec && a->nsec == b->nsec && a->size == b->size;
}

void core_cache_stamp_write(FILE *f, const core_cache_stamp *s,
                            const char *path)
{
	fprintf(f, "stamp %lld %lld %lld %s\n", s->sec, s->nsec, s->size, path);
}

/* One number and the space after it (strtoll, not sscanf: a cache of
 * every pack's labels has a stamp a pack, read at each start). */
const char *core_cache_digits(const char *s, unsigned long long *value)
{
	size_t n = 0;
	*value = 0;
	for (; s[n] >= '0' && s[n] <= '9'; n++) {
		if (n == 18)
			return NULL;   /* 10^18 < 2^63: no overflow below */
		*value = *value * 10 + (unsigned)(s[n] - '0');
	}
	return n ? s + n : NULL;
}

static const char *parse_number(const char *s, long long *value)
{
	unsigned long long digits;
	if (!s)
		return NULL;
	bool negative = *s == '-';
	const char *end = core_cache_digits(s + negative, &digits);
	if (!end || *end != ' ')
		return NULL;
	*value = negative ? -(long long)digits : (long long)digits;
	return end + 1;
}

int core_cache_stamp_parse(const char *line, core_cache_stamp *s,
                           const char **path)
{
	const char *p = strncmp(line, "stamp ", 6) == 0 ? line + 6 : NULL;
	p = parse_number(parse_number(parse_number(p, &s->sec), &s->nsec),
	                 &s->size);
	if (!p || !*p)
		return -1;
	*path = p;
	return 0;
}
