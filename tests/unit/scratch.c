/* scratch.c - temporary folders and chains run into strings, for tests
 * that load real modules. */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scratch.h"

char *scratch_new(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = scratch_path(tmp && *tmp ? tmp : "/tmp", "herald-test.XXXXXX");
	if (dir && !mkdtemp(dir)) {
		free(dir);
		return NULL;
	}
	return dir;
}

char *scratch_path(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *path = malloc(len);
	if (path)
		snprintf(path, len, "%s/%s", dir, name);
	return path;
}

/* Only the plain files a test put there: scratch folders are flat. */
void scratch_remove(char *dir)
{
	if (!dir)
		return;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *path = scratch_path(dir, e->d_name);
		if (path)
			unlink(path);
		free(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	free(dir);
}

int scratch_write(const char *dir, const char *name, const void *data,
                  size_t len)
{
	char *path = scratch_path(dir, name);
	FILE *f = path ? fopen(path, "wb") : NULL;
	free(path);
	if (!f)
		return -1;
	int bad = fwrite(data, 1, len, f) != len;
	bad |= fclose(f) != 0;
	return bad ? -1 : 0;
}

int scratch_copy(const char *from, const char *dir, const char *name)
{
	FILE *in = fopen(from, "rb");
	if (!in)
		return -1;
	char *data = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			char *grown = realloc(data, cap);
			if (!grown)
				break;
			data = grown;
		}
		size_t n = fread(data + len, 1, cap - len, in);
		len += n;
		if (n == 0)
			break;
	}
	int bad = ferror(in) || len == cap;
	fclose(in);
	int rc = bad ? -1 : scratch_write(dir, name, data, len);
	free(data);
	return rc;
}

char *scratch_convert(herald_registry *reg, const char *chain,
                      const char *text, herald_diag *diag)
{
	herald_pipeline *pipe = herald_pipeline_new(reg);
	if (!pipe || herald_pipeline_parse(pipe, chain, diag) != HERALD_OK) {
		herald_pipeline_free(pipe);
		return NULL;
	}
	herald_input in = { "in.text", (const unsigned char *)text, strlen(text) };
	char *buf = NULL;
	size_t len;
	FILE *out = open_memstream(&buf, &len);
	int rc = out ? herald_pipeline_run(pipe, &in, out, diag) : HERALD_ENOMEM;
	if (out)
		fclose(out);
	herald_pipeline_free(pipe);
	if (rc != HERALD_OK) {
		free(buf);
		return NULL;
	}
	return buf;
}
