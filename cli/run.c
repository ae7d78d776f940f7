/* run.c - the command's conversions: its options mapped onto a batch of
 * libherald (herald/batch.h), a progress line, standard output closed. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <herald/herald.h>
#include <herald/batch.h>

#include "cli.h"

/* Whether the progress line is on standard error now. */
static int progress_shown;

/* The progress line on standard error: redrawn in place ("\r" and
 * "erase line"), erased when the last document is done. */
static void draw_progress(size_t done, size_t n, size_t bytes,
                          double elapsed, void *ctx)
{
	(void)ctx;
	double rate = elapsed > 0 ? (double)bytes / 1e6 / elapsed : 0;
	long left = done && done < n
		? (long)(elapsed / (double)done * (double)(n - done) + 0.5) : 0;
	fprintf(stderr, "\r\033[Kherald: %zu/%zu documents, %.1f MB/s, %ld:%02ld left",
	        done, n, rate, left / 60, left % 60);
	progress_shown = done < n;
	if (done == n)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* Before a document's messages: the line erased, so that a message
 * starts a line of its own rather than the progress line's end. */
static void clear_progress(void *ctx)
{
	(void)ctx;
	if (progress_shown)
		fputs("\r\033[K", stderr);
	progress_shown = 0;
}

herald_batch *cli_batch(const cli_options *o, herald_registry *reg)
{
	const char **transforms = calloc(o->ntransforms + 1, sizeof(*transforms));
	if (!transforms)
		return NULL;
	for (size_t i = 0; i < o->ntransforms; i++)
		transforms[i] = o->transforms[i];
	herald_batch_settings s = {
		.chain = o->chain,
		.reader = o->reader,
		.transforms = transforms,
		.writer = o->writer,
		.standalone = o->standalone,
		.output = o->output,
		.recursive = o->recursive,
		.dereference = o->dereference,
		.corpus = o->corpus,
		.update = o->update,
		.quiet = o->quiet,
		.workers = o->jobs,
		.fsync = o->fsync_mode,
		.shard_index = o->shard_index,
		.shard_count = o->shard_count,
		.summarize = o->summarize,
		.merge = o->merge,
		.clean_on_signals = 1,
		/* NULL done: messages to stderr, outputs to stdout. */
		.progress = !o->quiet && (o->progress || isatty(STDERR_FILENO))
		            ? draw_progress : NULL,
		.clear_progress = clear_progress,
	};
	herald_batch *b = herald_batch_new(reg, &s);
	free(transforms);
	for (size_t i = 0; b && i < o->nfiles; i++)
		if (herald_batch_add(b, o->files[i]) != HERALD_OK) {
			herald_batch_free(b);
			b = NULL;
		}
	return b;
}

int cli_convert(const cli_options *o, herald_registry *reg, herald_diag *diag)
{
	if (o->records)
		return cli_records(o, reg, diag);
	herald_batch *b = cli_batch(o, reg);
	if (!b) {
		herald_error(diag, "out of memory");
		return HERALD_EXIT_FAILURE;
	}
	int rc = herald_batch_run(b, diag);
	herald_batch_free(b);
	return rc == HERALD_OK ? HERALD_EXIT_OK
	     : rc == HERALD_EUSAGE ? HERALD_EXIT_USAGE : HERALD_EXIT_FAILURE;
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
