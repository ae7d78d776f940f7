/* run.h - one filter process: its standard input written and its
 * standard output read at the same time, under a deadline.
 *
 * The child gets a pipe as standard input and another as standard
 * output; its standard error is herald's.  It runs in a process group of
 * its own, so that a timeout kills whatever it started too.  No
 * descriptor of herald's but the two pipes reaches it.  While the
 * exchange runs, SIGPIPE is blocked in the calling thread only (a filter
 * that stops reading is not an error in itself), and any SIGPIPE this
 * caused is taken back before returning.  The child is always waited
 * for: no zombie is left behind.
 */
#ifndef EXEC_RUN_H
#define EXEC_RUN_H

#include <stddef.h>
#include <stdio.h>

/* Writes the child's input to to_child; returns 0 or a negative status.
 * A write that fails because the exchange stopped (the child stopped
 * reading, a timeout) is expected: the caller looks at exec_result. */
typedef int (*exec_feed)(FILE *to_child, void *arg);

typedef struct exec_request {
	char *const *argv;      /* argv[0] is the program */
	int search_path;        /* look argv[0] up in $PATH (posix_spawnp) */
	long timeout;           /* seconds; 0: none */
	size_t max_output;      /* bytes of output accepted */
	exec_feed feed;
	void *feed_arg;
} exec_request;

typedef struct exec_result {
	char *output;           /* everything the child wrote; caller frees */
	size_t size;            /* output[size] is a NUL */
	int status;             /* from waitpid(), when it was started */
	int feed_status;        /* what feed() returned */
	int spawn_errno;        /* nonzero: the child could not be started */
	int io_errno;           /* nonzero: the pipes failed (not EPIPE) */
	int timed_out;          /* killed at the deadline */
	int too_big;            /* killed: output beyond max_output */
	int input_closed;       /* the child closed its input before the end */
} exec_result;

/* Run req; res is filled in every case.  Returns 0 when the child was
 * started and waited for, -1 when it could not be started or memory
 * ran out (spawn_errno says which). */
int exec_run(const exec_request *req, exec_result *res);

#endif
