/* convert.c - the conversion part of the command: choosing plugins,
 * reading inputs, writing outputs atomically. */
#include "config.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
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

/* Temporary files are named DIR/.NAME.herald-PID.XXXXXX: hidden (never
 * read back as inputs), recognisable, and saying which process made
 * them, so that a later run can tell a dead run's leftovers from a live
 * run's work in progress (see cli_clean_stale). */
#define TEMP_TAG ".herald-"

/* Paths that name an open descriptor rather than a file: replacing what
 * they point to would not reach the descriptor's reader. */
static int names_descriptor(const char *path)
{
	return strcmp(path, "/dev/stdout") == 0 ||
	       strcmp(path, "/dev/stderr") == 0 ||
	       strncmp(path, "/dev/fd/", 8) == 0 ||
	       strncmp(path, "/proc/self/fd/", 14) == 0;
}

/* Write straight into what path names (a FIFO, a terminal, /dev/null):
 * such a thing cannot be replaced by a rename, and must not be. */
static int open_direct(cli_atomic *a, const char *path, herald_diag *diag)
{
	char q[HERALD_QUOTE_SIZE];
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 || !(a->stream = fdopen(fd, "wb"))) {
		herald_error(diag, "%s: cannot open output: %s",
		             herald_diag_quote(path, q, sizeof(q)), strerror(errno));
		if (fd >= 0)
			close(fd);
		cli_atomic_abort(a);
		return HERALD_EIO;
	}
	a->direct = 1;
	return HERALD_OK;
}

int cli_atomic_open(cli_atomic *a, const char *path, herald_diag *diag)
{
	char q[HERALD_QUOTE_SIZE];
	memset(a, 0, sizeof(*a));
	a->final_path = strdup(path);
	if (!a->final_path)
		return HERALD_ENOMEM;
	herald_diag_quote(path, q, sizeof(q));
	/* What is there decides how to write: nothing or a regular file is
	 * replaced atomically; a symbolic link is followed (its target is
	 * replaced, the link stays); a FIFO or a character device is written
	 * through; anything else is refused.  Never replace what is not a
	 * regular file. */
	if (names_descriptor(path))
		return open_direct(a, path, diag);
	struct stat lst, st;
	if (lstat(path, &lst) == 0) {
		st = lst;
		if (S_ISLNK(lst.st_mode)) {
			if (stat(path, &st) != 0) {
				herald_error(diag, "%s: a symbolic link to nothing; refusing "
				             "to write through it", q);
				cli_atomic_abort(a);
				return HERALD_EIO;
			}
			if (S_ISREG(st.st_mode)) {
				char *target = realpath(path, NULL);
				if (!target) {
					herald_error(diag, "%s: cannot write output: %s", q,
					             strerror(errno));
					cli_atomic_abort(a);
					return HERALD_EIO;
				}
				free(a->final_path);
				a->final_path = target;
			}
		}
		if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
			return open_direct(a, path, diag);
		if (!S_ISREG(st.st_mode)) {
			herald_error(diag, "%s: cannot write output: %s", q,
			             S_ISDIR(st.st_mode) ? "it is a folder"
			             : "not a regular file, FIFO or character device");
			cli_atomic_abort(a);
			return HERALD_EIO;
		}
	}
	char *copy = strdup(a->final_path);
	char *base_copy = strdup(a->final_path);
	size_t len = strlen(a->final_path) + 64;
	a->temp_path = malloc(len);
	if (!copy || !base_copy || !a->temp_path) {
		free(copy);
		free(base_copy);
		cli_atomic_abort(a);
		return HERALD_ENOMEM;
	}
	/* The temporary file is a hidden sibling, so the rename never
	 * crosses file systems.  Its name keeps at most 200 bytes of NAME so
	 * that it stays within NAME_MAX (255) whatever NAME is. */
	snprintf(a->temp_path, len, "%s/.%.200s" TEMP_TAG "%ld.XXXXXX",
	         dirname(copy), basename(base_copy), (long)getpid());
	free(copy);
	free(base_copy);
	int fd = mkstemp(a->temp_path);
	if (fd < 0) {
		herald_error(diag, "%s: cannot create output: %s", q, strerror(errno));
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
	char q[HERALD_QUOTE_SIZE];
	int bad = fflush(a->stream) != 0 || ferror(a->stream);
	int saved = errno;
	/* (A FIFO or a device has nothing to sync: EINVAL.) */
	bad |= !a->direct && fsync(fileno(a->stream)) != 0 && errno != EINVAL;
	if (bad)
		saved = errno;
	if (fclose(a->stream) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	a->stream = NULL;
	if (!bad && !a->direct && rename(a->temp_path, a->final_path) != 0) {
		bad = 1;
		saved = errno;
	}
	if (bad) {
		herald_error(diag, "%s: cannot write output: %s",
		             herald_diag_quote(a->final_path, q, sizeof(q)),
		             strerror(saved));
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

/* --- stale temporary files --------------------------------------------------- */

/* The process id in a temporary file's name, or 0 when name is not one
 * of ours: ".NAME.herald-PID.XXXXXX". */
static long temp_owner(const char *name)
{
	size_t len = strlen(name);
	if (name[0] != '.' || len < sizeof(TEMP_TAG) + 9 || name[len - 7] != '.')
		return 0;
	const char *tag = NULL;
	for (const char *p = strstr(name + 1, TEMP_TAG); p; p = strstr(p + 1, TEMP_TAG))
		tag = p;   /* the last one: NAME itself may hold the tag */
	if (!tag)
		return 0;
	char *end;
	long pid = strtol(tag + sizeof(TEMP_TAG) - 1, &end, 10);
	return pid > 0 && end == name + len - 7 ? pid : 0;
}

static size_t clean_dir(const char *dir, int recursive, time_t before)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t removed = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		long pid = temp_owner(e->d_name);
		/* Most entries are outputs: no lstat for them (d_type says
		 * enough; DT_UNKNOWN file systems get one). */
		if (!pid && e->d_type != DT_DIR && e->d_type != DT_UNKNOWN)
			continue;
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		char *path = malloc(len);
		if (!path)
			break;
		snprintf(path, len, "%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(path, &st) != 0) {
			/* gone meanwhile */
		} else if (S_ISDIR(st.st_mode)) {
			/* Output folders mirror input folders, which are never
			 * hidden; a link is not followed (it may lead anywhere). */
			if (recursive && e->d_name[0] != '.')
				removed += clean_dir(path, 1, before);
		} else if (pid && S_ISREG(st.st_mode) && st.st_mtime < before &&
		           pid != (long)getpid() &&
		           kill((pid_t)pid, 0) != 0 && errno == ESRCH &&
		           unlink(path) == 0) {
			/* Older than this run and its process is gone: a run
			 * killed mid-write left it.  A live run's file (its
			 * process exists, or it is newer) is left alone. */
			removed++;
		}
		free(path);
	}
	closedir(d);
	return removed;
}

size_t cli_clean_stale(const char *dir, int recursive, time_t before,
                       herald_diag *diag)
{
	size_t n = clean_dir(*dir ? dir : ".", recursive, before);
	if (n)
		herald_diag_report(diag, HERALD_NOTE, 0, 0, "removed %zu stale "
		                   "temporary file%s left by an interrupted run", n,
		                   n == 1 ? "" : "s");
	return n;
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
