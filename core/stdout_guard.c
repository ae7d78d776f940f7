/* stdout_guard.c - catching a plugin that prints to standard output
 * instead of the stream it is given.
 *
 * With herald -o FILE the output is a file, and fd 1 the terminal: a
 * writer that used printf() would put part of its output in the file
 * and part on the screen, and herald would report success.  So, while
 * the output goes elsewhere, fd 1 points at a scratch file (unlinked at
 * once) and stdout is unbuffered; after each stage the pipeline checks
 * whether the file grew.  Growth is an error naming the plugin, which
 * fails the document, so its output file is never written half. */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <herald/pipeline.h>

#include "stdout_guard.h"

static struct {
	int saved_fd;          /* the real standard output; -1: no guard */
	/* Bytes of the scratch file reported.  Stages of several threads
	 * check at once, after every document: each claims the growth it
	 * saw with a compare-and-swap, so growth is said once, and no lock
	 * is taken in the per-document path. */
	_Atomic off_t seen;
} guard = { -1, 0 };

static int scratch_file(void)
{
	const char *dir = getenv("TMPDIR");
	size_t n = strlen(dir && *dir ? dir : "/tmp") + 32;
	char *path = malloc(n);
	int fd;
	if (!path)
		return -1;
	snprintf(path, n, "%s/herald-stdout-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	free(path);
	return fd;
}

int herald_stdout_guard_begin(herald_diag *diag)
{
	int scratch, saved;

	if (guard.saved_fd >= 0)
		return HERALD_OK;
	fflush(stdout);
	scratch = scratch_file();
	saved = scratch >= 0 ? dup(STDOUT_FILENO) : -1;
	if (saved < 0 || dup2(scratch, STDOUT_FILENO) < 0) {
		int err = errno;
		if (saved >= 0)
			close(saved);
		if (scratch >= 0)
			close(scratch);
		herald_warning(diag, "cannot set standard output aside (%s): a "
		               "plugin printing there will not be caught",
		               strerror(err));
		return HERALD_EIO;
	}
	close(scratch);
	/* what a plugin prints reaches the file before its stage ends */
	setvbuf(stdout, NULL, _IONBF, 0);
	guard.saved_fd = saved;
	atomic_store(&guard.seen, 0);
	return HERALD_OK;
}

/* The bytes standard output received since the last look. */
static off_t unseen(void)
{
	struct stat st;

	fflush(stdout);       /* in case a plugin buffered stdout again */
	if (fstat(STDOUT_FILENO, &st) != 0)
		return 0;
	off_t seen = atomic_load(&guard.seen);
	while (st.st_size > seen)
		if (atomic_compare_exchange_weak(&guard.seen, &seen, st.st_size))
			return st.st_size - seen;
	return 0;   /* (another thread claimed it) */
}

int herald_stdout_guard_end(herald_diag *diag)
{
	off_t grew;

	if (guard.saved_fd < 0)
		return HERALD_OK;
	grew = unseen();
	dup2(guard.saved_fd, STDOUT_FILENO);
	close(guard.saved_fd);
	guard.saved_fd = -1;
	if (!grew)
		return HERALD_OK;
	herald_error(diag, "a plugin wrote %lld byte%s to standard output "
	             "outside a conversion (in open() or close()); plugins "
	             "write only to the stream they are given", (long long)grew,
	             grew == 1 ? "" : "s");
	return HERALD_EPLUGIN;
}

int stdout_guard_check(const herald_plugin *p, herald_diag *diag)
{
	off_t grew;

	if (guard.saved_fd < 0 || !(grew = unseen()))
		return HERALD_OK;
	herald_error(diag, "%s wrote %lld byte%s to standard output instead of "
	             "its output stream (a plugin writes only to the stream it "
	             "is given; doc/plugins.md)", p->name, (long long)grew,
	             grew == 1 ? "" : "s");
	return HERALD_EPLUGIN;
}
