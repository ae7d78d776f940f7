/* run.c - one filter process, fed and drained at once (run.h).
 *
 * Single-threaded: the child's input is a stdio stream whose writes
 * (fopencookie) poll both pipes, so while the child's input pipe is full
 * its output is read, and a filter that writes before it has read
 * everything can never deadlock against us. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "run.h"

extern char **environ;

#define READ_CHUNK 65536

struct exchange {
	int to_child, from_child;     /* -1 once closed */
	struct timespec deadline;
	int has_deadline;
	size_t max;
	exec_result *res;
	size_t cap;
};

static int stopped(const struct exchange *x)
{
	return x->res->timed_out || x->res->too_big || x->res->io_errno ||
	       x->res->spawn_errno;
}

/* Milliseconds to the deadline for poll(): -1 without one, 0 past it. */
static int remaining_ms(const struct exchange *x)
{
	struct timespec now;
	if (!x->has_deadline)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double ms = (x->deadline.tv_sec - now.tv_sec) * 1e3 +
	            (x->deadline.tv_nsec - now.tv_nsec) / 1e6;
	if (ms <= 0)
		return 0;
	return ms > INT_MAX ? INT_MAX : (int)ms + 1;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Room for one more read in the output buffer. */
static int grow_output(struct exchange *x)
{
	exec_result *r = x->res;
	if (x->cap - r->size > READ_CHUNK)
		return 0;
	size_t cap = x->cap ? x->cap * 2 : 4 * READ_CHUNK;
	char *p = realloc(r->output, cap);
	if (!p) {
		r->io_errno = ENOMEM;
		return -1;
	}
	r->output = p;
	x->cap = cap;
	return 0;
}

/* Read whatever the child has written, up to EAGAIN or its end. */
static void drain(struct exchange *x)
{
	exec_result *r = x->res;
	while (x->from_child >= 0 && !stopped(x)) {
		if (grow_output(x) < 0)
			return;
		ssize_t n = read(x->from_child, r->output + r->size,
		                 x->cap - r->size - 1);
		if (n > 0) {
			r->size += (size_t)n;
			r->output[r->size] = '\0';
			if (r->size > x->max)
				r->too_big = 1;
			if (x->has_deadline && remaining_ms(x) == 0)
				r->timed_out = 1;
		} else if (n == 0) {
			close_fd(&x->from_child);
		} else if (errno == EAGAIN) {
			return;
		} else if (errno != EINTR) {
			r->io_errno = errno;
		}
	}
}

/* Wait for the pipes: for the child's output always, for room in its
 * input when want_write.  Returns whether the input can be written. */
static int wait_pipes(struct exchange *x, int want_write)
{
	struct pollfd p[2] = {
		{ want_write ? x->to_child : -1, POLLOUT, 0 },
		{ x->from_child, POLLIN, 0 }
	};
	int n = poll(p, 2, remaining_ms(x));
	if (n < 0) {
		if (errno != EINTR)
			x->res->io_errno = errno;
		return 0;
	}
	if (n == 0) {
		x->res->timed_out = 1;
		return 0;
	}
	if (p[1].revents)
		drain(x);
	return p[0].revents != 0;
}

static ssize_t feed_write(void *cookie, const char *buf, size_t size)
{
	struct exchange *x = cookie;
	size_t done = 0;

	while (done < size) {
		if (x->res->input_closed)
			return (ssize_t)size;   /* the rest would be ignored anyway */
		if (stopped(x))
			return 0;               /* stdio sees a write error */
		if (!wait_pipes(x, 1))
			continue;
		ssize_t n = write(x->to_child, buf + done, size - done);
		if (n > 0)
			done += (size_t)n;
		else if (n < 0 && errno == EPIPE)
			x->res->input_closed = 1;
		else if (n < 0 && errno != EAGAIN && errno != EINTR)
			x->res->io_errno = errno;
	}
	return (ssize_t)done;
}

static int feed_close(void *cookie)
{
	struct exchange *x = cookie;
	close_fd(&x->to_child);
	return 0;
}

/* The child, started with its pipes; -1 with res->spawn_errno set. */
static int spawn_child(const exec_request *req, struct exchange *x,
                       pid_t *pid)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 };
	posix_spawn_file_actions_t actions;
	posix_spawnattr_t attr;
	sigset_t none, pipe_only;

	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC)) {
		x->res->spawn_errno = errno;
		close_fd(&in[0]);
		close_fd(&in[1]);
		return -1;
	}
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
	/* Descriptors herald opened without O_CLOEXEC (the outputs of other
	 * documents) must not reach the filter either. */
	posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
#endif
	posix_spawnattr_init(&attr);
	sigemptyset(&none);
	sigemptyset(&pipe_only);
	sigaddset(&pipe_only, SIGPIPE);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
	                         POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &pipe_only);
	int err = req->search_path
		? posix_spawnp(pid, req->argv[0], &actions, &attr, req->argv, environ)
		: posix_spawn(pid, req->argv[0], &actions, &attr, req->argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attr);
	close_fd(&in[0]);
	close_fd(&out[1]);
	if (err) {
		x->res->spawn_errno = err;
		close_fd(&in[1]);
		close_fd(&out[0]);
		return -1;
	}
	x->to_child = in[1];
	x->from_child = out[0];
	if (fcntl(x->to_child, F_SETFL, O_NONBLOCK) ||
	    fcntl(x->from_child, F_SETFL, O_NONBLOCK))
		x->res->io_errno = errno;
	return 0;
}

/* The child's input, written through feed_write. */
static void feed_child(const exec_request *req, struct exchange *x)
{
	static const cookie_io_functions_t io = {
		.write = feed_write, .close = feed_close
	};
	FILE *f = fopencookie(x, "w", io);
	if (!f) {
		x->res->io_errno = errno ? errno : ENOMEM;
		close_fd(&x->to_child);
		return;
	}
	setvbuf(f, NULL, _IOFBF, READ_CHUNK);
	x->res->feed_status = req->feed(f, req->feed_arg);
	fclose(f);                   /* the child sees the end of its input */
}

/* The child's status once it has ended, or -1 at the deadline. */
static int wait_child(struct exchange *x, pid_t pid, int *status)
{
	long pause_ns = 1000000;
	for (;;) {
		pid_t got = waitpid(pid, status, WNOHANG);
		if (got == pid)
			return 0;
		if (got < 0 && errno != EINTR)
			return -1;
		if (x->has_deadline && remaining_ms(x) == 0)
			return -1;
		struct timespec pause = { 0, pause_ns };
		nanosleep(&pause, NULL);
		if (pause_ns < 50000000)
			pause_ns *= 2;
	}
}

static void kill_child(pid_t pid, int *status)
{
	kill(-pid, SIGKILL);         /* its process group */
	kill(pid, SIGKILL);          /* in case it left the group */
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
}

/* Take back a SIGPIPE our writes raised while it was blocked. */
static void drop_pending_sigpipe(void)
{
	sigset_t pending, pipe_only;
	struct timespec now = { 0, 0 };
	sigemptyset(&pipe_only);
	sigaddset(&pipe_only, SIGPIPE);
	if (sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE))
		sigtimedwait(&pipe_only, NULL, &now);
}

int exec_run(const exec_request *req, exec_result *res)
{
	struct exchange x = { -1, -1, { 0, 0 }, req->timeout > 0, req->max_output,
	                      res, 0 };
	sigset_t pipe_only, old;
	pid_t pid;

	memset(res, 0, sizeof(*res));
	if (x.has_deadline) {
		clock_gettime(CLOCK_MONOTONIC, &x.deadline);
		x.deadline.tv_sec += req->timeout;
	}
	sigemptyset(&pipe_only);
	sigaddset(&pipe_only, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
	if (spawn_child(req, &x, &pid) < 0) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return -1;
	}
	feed_child(req, &x);
	while (x.from_child >= 0 && !stopped(&x))
		wait_pipes(&x, 0);
	close_fd(&x.from_child);
	if (stopped(&x) || wait_child(&x, pid, &res->status) < 0) {
		if (!stopped(&x))
			res->timed_out = 1;
		kill_child(pid, &res->status);
	}
	if (!sigismember(&old, SIGPIPE))
		drop_pending_sigpipe();
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!res->output && !res->io_errno) {
		res->output = calloc(1, 1);
		if (!res->output)
			res->io_errno = ENOMEM;
	}
	return 0;
}
