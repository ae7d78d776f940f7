/* convert.c - what a batch's conversions need around the pipeline:
 * choosing plugins, reading inputs, writing outputs atomically. */
/* fopencookie(), syncfs(), strndup() */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "config.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <libgen.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <herald/herald.h>

#include "batch.h"
#include "pages.h"

/* --- choosing plugins ---------------------------------------------------- */

static const char *extension_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash + 1 : path, '.');
	return dot && dot[1] ? dot + 1 : NULL;
}

int cli_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int ends_with_slash(const char *s)
{
	return *s && s[strlen(s) - 1] == '/';
}

const char *cli_output_folder(const batch_options *o)
{
	if (!o->output || strcmp(o->output, "-") == 0 || o->corpus)
		return NULL;
	if (cli_is_dir(o->output) || ends_with_slash(o->output) || o->nfiles > 1 ||
	    o->recursive)
		return o->output;
	return NULL;
}

/* Report that no writer claims ext, naming the extensions writers do
 * claim, so that -o out.xyz is not silently written as text. */
static void unknown_extension(const char *output, const char *ext,
                              const herald_registry *reg, herald_diag *diag)
{
	char known[256] = "";
	size_t len = 0;

	for (size_t i = 0; i < herald_registry_count(reg); i++) {
		const herald_plugin *p = herald_registry_plugin(reg, i);
		if (!(p->roles & HERALD_ROLE_WRITER) || !p->output_extension ||
		    strstr(known, p->output_extension))
			continue;
		int n = snprintf(known + len, sizeof known - len, " .%s",
		                 p->output_extension);
		if (n < 0 || (size_t)n >= sizeof known - len)
			break;
		len += (size_t)n;
	}
	char q[HERALD_QUOTE_SIZE];
	herald_error(diag, "-o %s: no writer writes '.%s' files (known:%s); "
	             "name one with -t", herald_diag_quote(output, q, sizeof q),
	             ext, *known ? known : " none");
}

/* The writer -o's extension names, or NULL (reported) when no writer
 * claims it; the default writer for standard output, a folder, or a
 * file name without an extension. */
static const char *guess_writer(const batch_options *o,
                                const herald_registry *reg, herald_diag *diag)
{
	const char *ext = o->output && !cli_output_folder(o)
	                  ? extension_of(o->output) : NULL;
	if (ext) {
		const char *found = NULL;
		for (size_t i = 0; i < herald_registry_count(reg); i++) {
			const herald_plugin *p = herald_registry_plugin(reg, i);
			if (!(p->roles & HERALD_ROLE_WRITER) || !p->output_extension ||
			    strcmp(p->output_extension, ext) != 0)
				continue;
			if (found) {
				/* one writer per extension: a plugin from the
				 * path claiming a bundled one's is no guess */
				char q[HERALD_QUOTE_SIZE];
				herald_error(diag, "-o %s: both the %s and the %s writers "
				             "write '.%s' files; name one with -t",
				             herald_diag_quote(o->output, q, sizeof q),
				             found, p->name, ext);
				return NULL;
			}
			found = p->name;
		}
		if (found)
			return found;
		unknown_extension(o->output, ext, reg, diag);
		return NULL;
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

/* The writer spec, with standalone=true added for -s; NULL with *rc
 * HERALD_EUSAGE (reported) or HERALD_ENOMEM. */
static char *writer_spec(const batch_options *o, const herald_registry *reg,
                         herald_diag *diag, int *rc)
{
	const char *spec = o->writer ? o->writer : guess_writer(o, reg, diag);
	*rc = spec ? HERALD_ENOMEM : HERALD_EUSAGE;
	if (!spec)
		return NULL;
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

herald_pipeline *cli_pipeline(const batch_options *o, herald_registry *reg,
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
		int why = HERALD_OK;
		char *spec = rc == HERALD_OK ? writer_spec(o, reg, diag, &why) : NULL;
		if (rc == HERALD_OK)
			rc = spec ? herald_pipeline_set_writer(pipe, spec, diag) : why;
		free(spec);
	}
	if (rc != HERALD_OK) {
		herald_pipeline_free(pipe);
		return NULL;
	}
	return pipe;
}

/* --- input ----------------------------------------------------------------- */

/* Up to n bytes of fd into buf: the count, 0 at the end, -1 on error
 * (errno set), a read cut by a signal tried again. */
static ssize_t read_some(int fd, unsigned char *buf, size_t n)
{
	ssize_t got;
	do
		got = read(fd, buf, n);
	while (got < 0 && errno == EINTR);
	return got;
}

/* A named file is read with open(2) and read(2), not stdio: a stream
 * would stat it again and take a buffer of its own for bytes that go
 * straight into buf.  Standard input is read through its descriptor
 * too, so "-" is read by nothing else first (--records refuses it as a
 * record's path: its records are on stdin). */
int herald_input_read_file(const char *path, unsigned char **data,
                           size_t *size, herald_diag *diag)
{
	int is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		herald_error(diag, "cannot open: %s", strerror(errno));
		return HERALD_EIO;
	}
	struct stat st;
	int known = fstat(fd, &st) == 0;
	if (known && S_ISDIR(st.st_mode)) {
		herald_error(diag, "is a directory (use -r to convert its files)");
		if (!is_stdin)
			close(fd);
		return HERALD_EIO;
	}
	size_t cap = known && S_ISREG(st.st_mode) && st.st_size > 0
	           ? (size_t)st.st_size + 1 : 65536;
	size_t len = 0;
	unsigned char *buf = core_alloc_large(cap);
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
		ssize_t n = read_some(fd, buf + len, cap - len);
		if (n < 0) {
			herald_error(diag, "read error: %s", strerror(errno));
			rc = HERALD_EIO;
		} else if (n == 0) {
			break;
		} else {
			len += (size_t)n;
		}
	}
	if (rc == HERALD_ENOMEM)
		herald_error(diag, "out of memory reading the input");
	if (!is_stdin)
		close(fd);
	if (rc == HERALD_OK && len == cap) {
		/* room for the NUL after the bytes */
		unsigned char *grown = realloc(buf, cap + 1);
		if (!grown) {
			herald_error(diag, "out of memory reading the input");
			rc = HERALD_ENOMEM;
		} else {
			buf = grown;
		}
	}
	if (rc != HERALD_OK) {
		free(buf);
		return rc;
	}
	buf[len] = '\0';
	*data = buf;
	*size = len;
	return HERALD_OK;
}

/* --- folders ----------------------------------------------------------------- */

static int fsync_path(const char *path, int flags);
static char *folder_of(const char *path);

char *cli_join_path(const char *dir, const char *name)
{
	/* (by hand: snprintf was a tenth of the main thread's instructions
	 * in a run of 2 000 bulletins, three paths a file) */
	size_t dlen = strlen(dir), nlen = strlen(name);
	size_t slash = dlen && dir[dlen - 1] != '/';
	char *p = malloc(dlen + slash + nlen + 1);
	if (p) {
		memcpy(p, dir, dlen);
		p[dlen] = '/';
		memcpy(p + dlen + slash, name, nlen + 1);
	}
	return p;
}

int cli_make_parents(const char *path, mode_t mode, int sync)
{
	char *copy = strdup(path);
	if (!copy)
		return -1;
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int made = mkdir(copy, mode) == 0;
		if (!made && errno != EEXIST) {
			free(copy);
			return -1;
		}
		if (made && sync) {
			/* The new folder's entry, on disk before anything in it. */
			char *parent = folder_of(copy);
			int err = parent ? fsync_path(parent, O_DIRECTORY) : ENOMEM;
			free(parent);
			if (err) {
				free(copy);
				errno = err;
				return -1;
			}
		}
		*p = '/';
	}
	free(copy);
	return 0;
}

/* The folder part of path ("." when it has none); NULL out of memory. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	return strndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* fsync what path names; 0 or the errno.  O_RDONLY is enough for fsync
 * on Linux and the BSDs, and all a folder can be opened with. */
static int fsync_path(const char *path, int flags)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | flags);
	if (fd < 0)
		return errno;
	/* EINVAL: a file system that cannot sync this kind of file */
	int err = fsync(fd) != 0 && errno != EINVAL ? errno : 0;
	close(fd);
	return err;
}

typedef struct folder_list {
	char **names;
	size_t n, cap;
} folder_list;

static int folder_add(folder_list *l, char *name)
{
	if (!name)
		return ENOMEM;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **g = realloc(l->names, cap * sizeof(*g));
		if (!g) {
			free(name);
			return ENOMEM;
		}
		l->names = g;
		l->cap = cap;
	}
	l->names[l->n++] = name;
	return 0;
}

/* Whether paths a and b name files of one folder (as folder_of says). */
static int same_folder(const char *a, const char *b)
{
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	if (!sa || !sb)
		return !sa && !sb;
	return sa - a == sb - b && memcmp(a, b, (size_t)(sa - a)) == 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folders whose entries the renames of finals changed: each one's
 * own folder and, when top (the output folder) is given, every folder
 * between it and top, top itself and top's parent, since this run may
 * have made any of them.  Sorted, so that repeats are side by side. */
static int folders_to_sync(const char *const *finals, size_t n, const char *top,
                           folder_list *l)
{
	size_t top_len = top ? strlen(top) : 0;
	while (top_len > 1 && top[top_len - 1] == '/')
		top_len--;   /* "site/" is "site" */
	int err = 0;
	for (size_t i = 0; i < n && !err; i++) {
		/* In a folder the previous one was in: its folders are listed
		 * (a group of pages is mostly a few folders, in order). */
		if (i && same_folder(finals[i - 1], finals[i]))
			continue;
		char *d = folder_of(finals[i]);
		while (!err && d && top_len && strlen(d) > top_len) {
			char *up = folder_of(d);
			err = folder_add(l, d);
			d = up;
		}
		if (err)
			free(d);
		else
			err = folder_add(l, d);
	}
	if (!err && top) {
		char *t = strndup(top, top_len);
		err = folder_add(l, t ? folder_of(t) : NULL);
		if (!err)
			err = folder_add(l, t);
		else
			free(t);
	}
	if (l->n)
		qsort(l->names, l->n, sizeof(*l->names), compare_names);
	return err;
}

/* fsync every folder the renames of finals changed (folders_to_sync);
 * 0, or the errno of the first that failed, *bad its name (malloc'd). */
static int sync_folders(const char *const *finals, size_t n, const char *top,
                        char **bad)
{
	folder_list l = { 0 };
	int err = folders_to_sync(finals, n, top, &l);
	for (size_t i = 0; i < l.n && !err; i++)
		if ((i == 0 || strcmp(l.names[i - 1], l.names[i]) != 0) &&
		    (err = fsync_path(l.names[i], O_DIRECTORY)) != 0 && bad)
			*bad = strdup(l.names[i]);
	for (size_t i = 0; i < l.n; i++)
		free(l.names[i]);
	free(l.names);
	return err;
}

/* --- atomic output ----------------------------------------------------------- */

/* Temporary files are named DIR/.NAME.herald-PID.XXXXXX: hidden (never
 * read back as inputs), recognisable, and saying which process made
 * them, so that a later run can tell a dead run's leftovers from a live
 * run's work in progress (see cli_clean_stale). */
#define TEMP_TAG ".herald-"

/* The stream's writes go through here: the errno of the first failed
 * write() is kept, so that a full disk is known as one whatever the
 * writer did afterwards (libxml2 and stdio may overwrite errno, and a
 * writer reports its own message). */
static ssize_t stream_write(void *cookie, const char *buf, size_t len)
{
	cli_atomic *a = cookie;
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(a->fd, buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!a->write_errno)
				a->write_errno = n < 0 ? errno : EIO;
			return -1;
		}
		done += (size_t)n;
	}
	a->bytes += done;
	return (ssize_t)done;
}

static int stream_close(void *cookie)
{
	cli_atomic *a = cookie;
	int rc = close(a->fd);
	/* (close() may report a deferred write error, as on NFS.) */
	if (rc != 0 && !a->write_errno)
		a->write_errno = errno;
	a->fd = -1;
	return rc;
}

/* The stream's buffer: stdio's default (8 KiB) made 2 441 write()s of
 * a 20 MB text, each a pipe's wake-up of its reader; this, 307. */
#define OUTPUT_BUFFER 65536

static int open_stream(cli_atomic *a, int fd)
{
	static const cookie_io_functions_t io = {
		.write = stream_write, .close = stream_close
	};
	a->fd = fd;
	a->stream = fopencookie(a, "w", io);
	if (!a->stream)
		return -1;
	/* without the memory, stdio's own buffer does */
	a->buffer = malloc(OUTPUT_BUFFER);
	if (a->buffer)
		setvbuf(a->stream, a->buffer, _IOFBF, OUTPUT_BUFFER);
	return 0;
}

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
	if (fd < 0 || open_stream(a, fd) != 0) {
		int err = errno;
		herald_error(diag, "%s: cannot open output: %s",
		             herald_diag_quote(path, q, sizeof(q)), strerror(err));
		if (fd >= 0)
			close(fd);
		cli_atomic_abort(a);
		errno = err;
		return HERALD_EIO;
	}
	a->direct = 1;
	return HERALD_OK;
}

int cli_atomic_open_fd(cli_atomic *a, int fd)
{
	memset(a, 0, sizeof(*a));
	a->fd = -1;
	a->direct = 1;
	int copy = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (copy < 0)
		return -1;
	if (open_stream(a, copy) != 0) {
		int err = errno;
		close(copy);
		a->fd = -1;
		errno = err;
		return -1;
	}
	return 0;
}

/* Random bytes for a temporary name; without getrandom(), the clock, the
 * process and a counter still make clashes rare (and O_EXCL safe). */
static void random_name_bytes(unsigned char *r, size_t n)
{
	static unsigned counter;
	if (getrandom(r, n, GRND_NONBLOCK) == (ssize_t)n)
		return;
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	unsigned long x = (unsigned long)t.tv_nsec ^ ((unsigned long)getpid() << 16) ^
	                  (unsigned long)(uintptr_t)r ^ __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
	for (size_t i = 0; i < n; i++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		r[i] = (unsigned char)(x >> 33);
	}
}

/* Held for reading while a temporary file is created, and for writing,
 * never to be released, once a signal has come (cli_clean_on_signals):
 * the files its cleaning looks for are all there, and no more come.
 * glibc's default lets new readers pass a waiting writer. */
#ifdef PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP
static pthread_rwlock_t creating = PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP;
#else
static pthread_rwlock_t creating = PTHREAD_RWLOCK_INITIALIZER;
#endif

/* Create path, whose last six bytes are replaced by random letters and
 * digits, as a new file of mode 0666 less the umask (the open() applies
 * it).  mkstemp would make it 0600, and restoring the usual mode takes
 * umask(), which is the whole process's and races between workers. */
static int create_temp(char *path)
{
	static const char chars[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	size_t len = strlen(path);
	for (int tries = 0; tries < 100; tries++) {
		unsigned char r[6];
		random_name_bytes(r, sizeof(r));
		for (size_t i = 0; i < sizeof(r); i++)
			path[len - sizeof(r) + i] = chars[r[i] % (sizeof(chars) - 1)];
		pthread_rwlock_rdlock(&creating);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY,
		              0666);
		int err = errno;
		pthread_rwlock_unlock(&creating);
		errno = err;
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;   /* errno is EEXIST */
}

/* What -o finds there decides how to write: nothing or a regular file is
 * replaced atomically; a symbolic link is followed (its target is
 * replaced, the link stays); a FIFO or a character device is written
 * through; anything else is refused.  Never replace what is not a
 * regular file.  1: write through; 0: replace a->final_path; -1 refused. */
static int how_to_write(cli_atomic *a, const char *q, herald_diag *diag)
{
	struct stat lst, st;
	if (names_descriptor(a->final_path))
		return 1;
	if (lstat(a->final_path, &lst) != 0)
		return 0;
	st = lst;
	if (S_ISLNK(lst.st_mode)) {
		if (stat(a->final_path, &st) != 0) {
			herald_error(diag, "%s: a symbolic link to nothing; refusing "
			             "to write through it", q);
			return -1;
		}
		if (S_ISREG(st.st_mode)) {
			char *target = realpath(a->final_path, NULL);
			if (!target) {
				herald_error(diag, "%s: cannot write output: %s", q,
				             strerror(errno));
				return -1;
			}
			free(a->final_path);
			a->final_path = target;
		}
	}
	if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
		return 1;
	if (!S_ISREG(st.st_mode)) {
		herald_error(diag, "%s: cannot write output: %s", q,
		             S_ISDIR(st.st_mode) ? "it is a folder"
		             : "not a regular file, FIFO or character device");
		return -1;
	}
	return 0;
}

/* The temporary sibling's name, DIR/.NAME.herald-PID.XXXXXX. */
static char *temp_name(const char *final_path)
{
	char *copy = strdup(final_path);
	char *base_copy = strdup(final_path);
	size_t len = strlen(final_path) + 64;
	char *temp = malloc(len);
	/* In the target's own folder, so the rename never crosses file
	 * systems; at most 200 bytes of NAME, so that it stays within
	 * NAME_MAX (255) whatever NAME is. */
	if (copy && base_copy && temp)
		snprintf(temp, len, "%s/.%.200s" TEMP_TAG "%ld.XXXXXX",
		         dirname(copy), basename(base_copy), (long)getpid());
	else
		free(temp), temp = NULL;
	free(copy);
	free(base_copy);
	return temp;
}

int cli_atomic_open(cli_atomic *a, const char *path, int fsync_mode,
                    herald_diag *diag)
{
	char q[HERALD_QUOTE_SIZE];
	memset(a, 0, sizeof(*a));
	a->fd = -1;
	a->fsync_mode = fsync_mode;
	a->final_path = strdup(path);
	if (!a->final_path) {
		errno = ENOMEM;
		return HERALD_ENOMEM;
	}
	herald_diag_quote(path, q, sizeof(q));
	int how = how_to_write(a, q, diag);
	if (how > 0)
		return open_direct(a, path, diag);
	if (how < 0) {
		cli_atomic_abort(a);
		errno = EINVAL;   /* refused (said why), not an I/O failure */
		return HERALD_EIO;
	}
	a->temp_path = temp_name(a->final_path);
	if (!a->temp_path) {
		cli_atomic_abort(a);
		errno = ENOMEM;
		return HERALD_ENOMEM;
	}
	int fd = create_temp(a->temp_path);
	if (fd < 0 && (errno == ENOENT || errno == ENOTDIR)) {
		/* Its folder is missing: make it (mkdir -p) only now, so that
		 * the usual case costs no mkdir per level per file. */
		/* --fsync=each syncs each new folder's entry now; a group
		 * commit (batch) syncs the folders up to the output's. */
		if (cli_make_parents(a->final_path, 0777,
		                     fsync_mode == HERALD_FSYNC_EACH) != 0) {
			int err = errno;
			herald_error(diag, "%s: cannot create its folder: %s", q,
			             strerror(err));
			free(a->temp_path);
			a->temp_path = NULL;
			cli_atomic_abort(a);
			errno = err;
			return HERALD_EIO;
		}
		fd = create_temp(a->temp_path);
	}
	if (fd < 0 || open_stream(a, fd) != 0) {
		int err = errno;
		herald_error(diag, "%s: cannot create output: %s", q, strerror(err));
		if (fd < 0) {
			free(a->temp_path);
			a->temp_path = NULL;
		} else {
			close(fd);
		}
		cli_atomic_abort(a);
		errno = err;
		return HERALD_EIO;
	}
	return HERALD_OK;
}

/* Flush and close the stream, with an fsync first when sync; 0 or the
 * errno of what failed (the first failed write's, when one did). */
static int close_stream(cli_atomic *a, int sync)
{
	int err = 0;
	if (fflush(a->stream) != 0 || ferror(a->stream))
		err = a->write_errno ? a->write_errno : errno ? errno : EIO;
	if (!err && sync && fsync(a->fd) != 0 && errno != EINVAL)
		err = errno;
	if (fclose(a->stream) != 0 && !err)
		err = a->write_errno ? a->write_errno : errno ? errno : EIO;
	a->stream = NULL;
	free(a->buffer);
	a->buffer = NULL;
	return err;
}

static int atomic_failed(cli_atomic *a, int err, herald_diag *diag)
{
	char q[HERALD_QUOTE_SIZE];
	herald_error(diag, "%s: cannot write output: %s",
	             herald_diag_quote(a->final_path, q, sizeof(q)), strerror(err));
	cli_atomic_abort(a);
	errno = err;
	return HERALD_EIO;
}

int cli_atomic_commit(cli_atomic *a, herald_diag *diag)
{
	int sync = a->fsync_mode != HERALD_FSYNC_NONE && !a->direct;
	int err = close_stream(a, sync);
	if (!err && !a->direct) {
		if (rename(a->temp_path, a->final_path) != 0)
			err = errno;
		else
			free(a->temp_path), a->temp_path = NULL;
	}
	/* The rename itself is durable once its folder is synced (the
	 * folders above were synced as they were made). */
	if (!err && sync)
		err = sync_folders((const char *const *)&a->final_path, 1, NULL,
		                   NULL);
	if (err)
		return atomic_failed(a, err, diag);
	free(a->final_path);
	size_t bytes = a->bytes;
	memset(a, 0, sizeof(*a));
	a->fd = -1;
	a->bytes = bytes;
	return HERALD_OK;
}

int cli_atomic_close(cli_atomic *a, char **temp_path, char **final_path,
                     herald_diag *diag)
{
	*temp_path = *final_path = NULL;
	if (a->direct)
		return cli_atomic_commit(a, diag);
	int err = close_stream(a, 0);
	if (err)
		return atomic_failed(a, err, diag);
	*temp_path = a->temp_path;
	*final_path = a->final_path;
	size_t bytes = a->bytes;
	memset(a, 0, sizeof(*a));
	a->fd = -1;
	a->bytes = bytes;
	return HERALD_OK;
}

void cli_atomic_abort(cli_atomic *a)
{
	if (a->stream)
		fclose(a->stream);
	free(a->buffer);
	if (a->temp_path)
		unlink(a->temp_path);
	free(a->temp_path);
	free(a->final_path);
	memset(a, 0, sizeof(*a));
	a->fd = -1;
}

/* --- a group of outputs made durable together -------------------------------- */

/* The temporaries' data on disk, each item's error set when its could
 * not be: one syncfs per file system for a group (Linux; a file system's
 * writeback errors since the folder was opened are reported, and then
 * each file is synced on its own to tell which failed), else one fsync
 * per file. */
static void sync_data(cli_pending *items, size_t n)
{
#ifdef __linux__
	if (n > 1) {
		for (size_t i = 0; i < n; i++) {
			items[i].synced = 0;
			/* A temporary is on its folder's file system (made there,
			 * a regular file): one stat per folder of the group (the
			 * files of a folder are side by side), not one per file,
			 * on the thread that commits. */
			if (i && !items[i - 1].error &&
			    same_folder(items[i - 1].temp_path, items[i].temp_path)) {
				items[i].dev = items[i - 1].dev;
				continue;
			}
			struct stat st;
			char *dir = folder_of(items[i].temp_path);
			if ((dir && stat(dir, &st) == 0) || stat(items[i].temp_path, &st) == 0)
				items[i].dev = st.st_dev;
			else
				items[i].error = errno;
			free(dir);
		}
		for (size_t i = 0; i < n; i++) {
			if (items[i].error || items[i].synced)
				continue;
			char *dir = folder_of(items[i].temp_path);
			int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
			int ok = fd >= 0 && syncfs(fd) == 0;
			if (fd >= 0)
				close(fd);
			free(dir);
			for (size_t j = i; j < n; j++) {
				if (items[j].error || items[j].synced ||
				    items[j].dev != items[i].dev)
					continue;
				items[j].synced = 1;
				if (!ok)
					items[j].error = fsync_path(items[j].temp_path, 0);
			}
		}
		return;
	}
#endif
	for (size_t i = 0; i < n; i++)
		if (!items[i].error)
			items[i].error = fsync_path(items[i].temp_path, 0);
}

int cli_commit_group(cli_pending *items, size_t n, const char *top,
                     char **bad_folder)
{
	*bad_folder = NULL;
	sync_data(items, n);
	const char **renamed = calloc(n + 1, sizeof(*renamed));
	size_t nrenamed = 0;
	int full = 0;   /* an item met a full disk */
	for (size_t i = 0; i < n; i++) {
		if (!items[i].error && items[i].unless_full && full)
			items[i].error = full;
		if (!items[i].error && rename(items[i].temp_path, items[i].final_path) != 0)
			items[i].error = errno;
		if (!full && (items[i].error == ENOSPC || items[i].error == EDQUOT))
			full = items[i].error;
		if (items[i].error)
			unlink(items[i].temp_path);
		else if (renamed)
			renamed[nrenamed++] = items[i].final_path;
	}
	/* Then the renames: one fsync per folder they changed. */
	int err = renamed ? sync_folders(renamed, nrenamed, top, bad_folder)
	                  : ENOMEM;
	free(renamed);
	return err;
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

/* before 0: this process's temporaries, whatever their age. */
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
		} else if (pid && S_ISREG(st.st_mode) && !before &&
		           pid == (long)getpid() && unlink(path) == 0) {
			removed++;   /* ours, and we are interrupted */
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

/* --- interrupted runs ---------------------------------------------------------- */

static const int caught[] = { SIGINT, SIGTERM, SIGHUP };
#define NCAUGHT (sizeof caught / sizeof *caught)

/* While a run cleans on signals: its handlers write the signal's number
 * into the pipe (a handler may do little), and the thread, which reads
 * it, does the rest.  One run at a time, under cleaning_lock. */
static pthread_mutex_t cleaning_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	int active;
	int pipe[2];
	pthread_t thread;
	struct sigaction was[NCAUGHT];
	int replaced[NCAUGHT];
	char *dir;
	int recursive;
} cleaning = { .pipe = { -1, -1 } };

static void on_signal(int sig)
{
	int err = errno;
	unsigned char c = (unsigned char)sig;
	ssize_t w = write(cleaning.pipe[1], &c, 1);
	(void)w;   /* (a second signal while the pipe is full: one is enough) */
	errno = err;
}

/* The thread: a signal's number, or the end of the run (end of file). */
static void *clean_when_signalled(void *unused)
{
	(void)unused;
	unsigned char sig;
	ssize_t r;
	while ((r = read(cleaning.pipe[0], &sig, 1)) != 1)
		if (r == 0 || errno != EINTR)
			return NULL;
	/* Wait for the files being created, and let no more be. */
	pthread_rwlock_wrlock(&creating);
	clean_dir(*cleaning.dir ? cleaning.dir : ".", cleaning.recursive, 0);
	/* Die of the signal, as without the handler (the status says so). */
	signal(sig, SIG_DFL);
	sigset_t one;
	sigemptyset(&one);
	sigaddset(&one, sig);
	pthread_sigmask(SIG_UNBLOCK, &one, NULL);
	raise(sig);
	_exit(128 + sig);
}

int cli_clean_on_signals(const char *dir, int recursive)
{
	pthread_mutex_lock(&cleaning_lock);
	int rc = -1;
	if (cleaning.active) {   /* (another run's: left as it is) */
		pthread_mutex_unlock(&cleaning_lock);
		return -1;
	}
	if (!(cleaning.dir = strdup(dir)))
		goto out;
	cleaning.recursive = recursive;
	if (pipe2(cleaning.pipe, O_CLOEXEC) != 0)
		goto out;
	/* The thread blocks every signal, so that a handler never runs on
	 * it while it waits (it unblocks the one it dies of). */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int made = pthread_create(&cleaning.thread, NULL, clean_when_signalled, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (made != 0) {
		close(cleaning.pipe[0]);
		close(cleaning.pipe[1]);
		goto out;
	}
	for (size_t i = 0; i < NCAUGHT; i++) {
		struct sigaction now = { .sa_handler = on_signal, .sa_flags = SA_RESTART };
		sigemptyset(&now.sa_mask);
		/* (one ignored, or the host program's, is left as it is) */
		cleaning.replaced[i] =
			sigaction(caught[i], NULL, &cleaning.was[i]) == 0 &&
			cleaning.was[i].sa_handler == SIG_DFL &&
			!(cleaning.was[i].sa_flags & SA_SIGINFO) &&
			sigaction(caught[i], &now, NULL) == 0;
	}
	cleaning.active = 1;
	rc = 0;
out:
	if (rc != 0) {
		free(cleaning.dir);
		cleaning.dir = NULL;
	}
	pthread_mutex_unlock(&cleaning_lock);
	return rc;
}

void cli_clean_on_signals_end(void)
{
	pthread_mutex_lock(&cleaning_lock);
	if (cleaning.active) {
		/* The handlers first: a signal from now on acts as before the
		 * run; one that came just before is in the pipe, read first. */
		for (size_t i = 0; i < NCAUGHT; i++)
			if (cleaning.replaced[i])
				sigaction(caught[i], &cleaning.was[i], NULL);
		close(cleaning.pipe[1]);
		pthread_join(cleaning.thread, NULL);
		close(cleaning.pipe[0]);
		free(cleaning.dir);
		cleaning.dir = NULL;
		cleaning.active = 0;
	}
	pthread_mutex_unlock(&cleaning_lock);
}
