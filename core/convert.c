/* convert.c - the conversion part of the command: choosing plugins,
 * reading inputs, writing outputs atomically. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <herald/herald.h>

#include "cli.h"

/* --- choosing plugins ---------------------------------------------------- */

static const char *extension_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	return dot && dot[1] ? dot + 1 : NULL;
}

static const char *guess_writer(const cli_options *o, const herald_registry *reg)
{
	const char *ext = o->output ? extension_of(o->output) : NULL;
	for (size_t i = 0; ext && i < herald_registry_count(reg); i++) {
		const herald_plugin *p = herald_registry_get(reg, i);
		if ((p->roles & HERALD_ROLE_WRITER) && p->output_extension &&
		    strcmp(p->output_extension, ext) == 0)
			return p->name;
	}
	return herald_registry_find(reg, "text", HERALD_ROLE_WRITER) ? "text" : "plain";
}

const char *cli_stdin_reader(const herald_registry *reg)
{
	return herald_registry_find(reg, "bulletin", HERALD_ROLE_READER)
	       ? "bulletin" : "plain";
}

static int has_option(const herald_plugin *p, const char *name)
{
	for (const herald_option *o = p ? p->options : NULL; o && o->name; o++)
		if (strcmp(o->name, name) == 0)
			return 1;
	return 0;
}

/* The writer spec, with standalone=true added for -s. */
static char *writer_spec(const cli_options *o, const herald_registry *reg,
                         herald_diag *diag)
{
	const char *spec = o->writer ? o->writer : guess_writer(o, reg);
	if (!o->standalone)
		return strdup(spec);
	size_t name_len = strcspn(spec, ":");
	char name[64];
	snprintf(name, sizeof(name), "%.*s", (int)name_len, spec);
	if (!has_option(herald_registry_find(reg, name, HERALD_ROLE_WRITER),
	                "standalone")) {
		herald_warning(diag, "-s: writer '%s' has no standalone option; "
		               "ignored", name);
		return strdup(spec);
	}
	size_t len = strlen(spec) + sizeof(",standalone=true");
	char *out = malloc(len);
	if (out)
		snprintf(out, len, "%s%sstandalone=true", spec,
		         spec[name_len] == ':' ? "," : ":");
	return out;
}

herald_pipeline *cli_pipeline(const cli_options *o, herald_registry *reg,
                              const char *reader, herald_diag *diag)
{
	herald_pipeline *pipe = herald_pipeline_new(reg);
	if (!pipe)
		return NULL;
	int rc;
	if (o->chain) {
		rc = herald_pipeline_parse(pipe, o->chain, diag);
	} else {
		rc = herald_pipeline_set_reader(pipe, reader, diag);
		for (size_t i = 0; rc == HERALD_OK && i < o->ntransforms; i++)
			rc = herald_pipeline_add_transform(pipe, o->transforms[i], diag);
		char *spec = rc == HERALD_OK ? writer_spec(o, reg, diag) : NULL;
		if (rc == HERALD_OK)
			rc = spec ? herald_pipeline_set_writer(pipe, spec, diag)
			          : HERALD_ENOMEM;
		free(spec);
	}
	if (rc != HERALD_OK) {
		herald_pipeline_free(pipe);
		return NULL;
	}
	return pipe;
}

/* --- input ----------------------------------------------------------------- */

int cli_read_input(const char *path, unsigned char **data, size_t *size,
                   herald_diag *diag)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *in = is_stdin ? stdin : fopen(path, "rb");
	if (!in) {
		herald_error(diag, "cannot open: %s", strerror(errno));
		return HERALD_EIO;
	}
	struct stat st;
	if (fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode)) {
		herald_error(diag, "is a directory (use -r to convert its files)");
		if (!is_stdin)
			fclose(in);
		return HERALD_EIO;
	}
	size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
	size_t len = 0;
	unsigned char *buf = malloc(cap);
	int rc = buf ? HERALD_OK : HERALD_ENOMEM;
	while (rc == HERALD_OK) {
		if (len == cap) {
			unsigned char *grown = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
			if (!grown) {
				rc = HERALD_ENOMEM;
				break;
			}
			buf = grown;
			cap *= 2;
		}
		size_t n = fread(buf + len, 1, cap - len, in);
		len += n;
		if (n == 0)
			break;
	}
	if (rc == HERALD_OK && ferror(in)) {
		herald_error(diag, "read error: %s", strerror(errno));
		rc = HERALD_EIO;
	} else if (rc == HERALD_ENOMEM) {
		herald_error(diag, "out of memory reading the input");
	}
	if (!is_stdin)
		fclose(in);
	if (rc != HERALD_OK) {
		free(buf);
		return rc;
	}
	*data = buf;
	*size = len;
	return HERALD_OK;
}

/* --- folders ----------------------------------------------------------------- */

int cli_make_parents(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return -1;
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
			free(copy);
			return -1;
		}
		*p = '/';
	}
	free(copy);
	return 0;
}

/* --- atomic output ----------------------------------------------------------- */

int cli_atomic_open(cli_atomic *a, const char *path, herald_diag *diag)
{
	memset(a, 0, sizeof(*a));
	char *copy = strdup(path);
	char *base_copy = strdup(path);
	size_t len = strlen(path) + 32;
	a->temp_path = malloc(len);
	a->final_path = strdup(path);
	if (!copy || !base_copy || !a->temp_path || !a->final_path) {
		free(copy);
		free(base_copy);
		cli_atomic_abort(a);
		return HERALD_ENOMEM;
	}
	/* The temporary file is a hidden sibling, so the rename never
	 * crosses file systems. */
	snprintf(a->temp_path, len, "%s/.%s.XXXXXX", dirname(copy),
	         basename(base_copy));
	free(copy);
	free(base_copy);
	int fd = mkstemp(a->temp_path);
	if (fd < 0) {
		herald_error(diag, "%s: cannot create output: %s", path, strerror(errno));
		free(a->temp_path);
		a->temp_path = NULL;
		cli_atomic_abort(a);
		return HERALD_EIO;
	}
	/* mkstemp makes it 0600; outputs are ordinary files. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	a->stream = fdopen(fd, "wb");
	if (!a->stream) {
		close(fd);
		cli_atomic_abort(a);
		return HERALD_EIO;
	}
	return HERALD_OK;
}

int cli_atomic_commit(cli_atomic *a, herald_diag *diag)
{
	int bad = fflush(a->stream) != 0 || ferror(a->stream);
	bad |= fsync(fileno(a->stream)) != 0 && errno != EINVAL;
	bad |= fclose(a->stream) != 0;
	a->stream = NULL;
	if (bad || rename(a->temp_path, a->final_path) != 0) {
		herald_error(diag, "%s: cannot write output: %s", a->final_path,
		             strerror(errno));
		cli_atomic_abort(a);
		return HERALD_EIO;
	}
	free(a->temp_path);
	free(a->final_path);
	memset(a, 0, sizeof(*a));
	return HERALD_OK;
}

void cli_atomic_abort(cli_atomic *a)
{
	if (a->stream)
		fclose(a->stream);
	if (a->temp_path)
		unlink(a->temp_path);
	free(a->temp_path);
	free(a->final_path);
	memset(a, 0, sizeof(*a));
}

int cli_close_stdout(int status)
{
	int bad = fflush(stdout) != 0 || ferror(stdout);
	bad |= fclose(stdout) != 0;
	if (bad && errno != EPIPE) {
		fprintf(stderr, "herald: error: writing to standard output: %s\n",
		        strerror(errno));
		return status ? status : HERALD_EXIT_FAILURE;
	}
	return bad && !status ? HERALD_EXIT_FAILURE : status;
}
