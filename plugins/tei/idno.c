/* idno.c - the input's path made safe to publish (see idno.h). */
#define _GNU_SOURCE 1
#include <stdlib.h>
#include <string.h>

#include "idno.h"

/* The part of path below dir, or NULL when path is not under it. */
static const char *below(const char *path, const char *dir)
{
	size_t n;

	/* everything is under "/": a path below it would still tell the
	 * machine's folders */
	if (dir == NULL || strcmp(dir, "/") == 0)
		return NULL;
	n = strlen(dir);
	if (strncmp(path, dir, n) != 0 || path[n] != '/' || path[n + 1] == '\0')
		return NULL;
	return path + n + 1;
}

/* Whether one of path's components is "..". */
static int has_dotdot(const char *path)
{
	const char *p = path;

	for (;;) {
		size_t len = strcspn(p, "/");
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		if (p[len] == '\0')
			return 0;
		p += len + 1;
	}
}

static const char *file_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

char *herald_tei_resolve_dir(const char *dir)
{
	return dir != NULL && *dir != '\0' ? realpath(dir, NULL) : NULL;
}

char *herald_tei_idno(const char *source, const char *root, const char *cwd)
{
	char *resolved = realpath(source, NULL);
	/* a file that is gone (or a test's made-up name): as written */
	const char *full = resolved != NULL ? resolved : source;
	const char *rel = NULL;
	char *out;

	if (full[0] == '/')
		rel = below(full, root);
	if (rel == NULL && source[0] != '/' && !has_dotdot(source)) {
		rel = source;
		while (rel[0] == '.' && rel[1] == '/')
			rel += 2 + strspn(rel + 2, "/");
	}
	if ((rel == NULL || *rel == '\0') && full[0] == '/')
		rel = below(full, cwd);
	if (rel == NULL || *rel == '\0')
		rel = file_name(source);
	out = *rel != '\0' ? strdup(rel) : NULL;
	free(resolved);
	return out;
}
