/* herald/batch.h - converting many documents at once, as `herald -r -j N
 * -o FOLDER` does: from a program.
 *
 * A herald_batch takes a pipeline spec and settings, then inputs (files,
 * and folders walked for the files a reader takes); herald_batch_run()
 * converts them on worker threads and hands each result to a callback
 * on the calling thread, in the order the inputs were added.  Outputs
 * are written atomically (a temporary file renamed into place, never a
 * half-written file), folders of outputs mirror the input folders, an
 * output folder gets an index when the writer makes sites, and with
 * update set an output newer than its input is left as it is.
 *
 * Build and run a batch on one thread (the one that built its registry:
 * module loading is not thread-safe); plugins then run on the workers.
 *
 * Ownership: herald_batch_new() returns an object the caller frees with
 * herald_batch_free(); the batch borrows its registry, which must
 * outlive it, and copies every string it is given.  What a result
 * points to is valid during the callback only.
 */
#ifndef HERALD_BATCH_H
#define HERALD_BATCH_H

#include <stddef.h>
#include <herald/diag.h>
#include <herald/pipeline.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct herald_batch herald_batch;

/* When outputs reach the disk before their rename. */
typedef enum {
	HERALD_FSYNC_BATCH,   /* groups of outputs synced together (default) */
	HERALD_FSYNC_EACH,    /* each output, and its folder, on its own */
	HERALD_FSYNC_NONE     /* never: atomic for readers, not for a power cut */
} herald_fsync_mode;

/* One converted input, as herald_batch_settings.done receives it. */
typedef struct herald_batch_result {
	const char *input;      /* as added or found; "-" for standard input */
	const char *output;     /* its output file: written, left as it was
	                         * (up_to_date), or not written (status);
	                         * NULL when the output is in data, or one
	                         * output holds all (a corpus) */
	int status;             /* HERALD_OK, or why it failed */
	int up_to_date;         /* update: the output was newer, not rewritten */
	const char *messages;   /* its diagnostics, full lines ("" if none) */
	/* No output path: the output itself (status HERALD_OK). */
	const char *data;
	size_t size;
} herald_batch_result;

typedef struct herald_batch_settings {
	/* The pipeline: chain ("reader ! transform ! writer"), or reader,
	 * transforms and writer.  reader NULL: chosen for each input from
	 * its extension (standard input: the bulletin reader).  writer NULL:
	 * the one claiming output's extension, else text.  standalone adds
	 * standalone=true to a writer that has the option. */
	const char *chain;
	const char *reader;
	const char *const *transforms;   /* NULL-terminated; may be NULL */
	const char *writer;
	int standalone;
	/* NULL or "-": every output is handed to done (data, size); a folder
	 * (an existing one, a name ending in '/', several inputs or
	 * recursive): one output per input below it; else one file. */
	const char *output;
	int recursive;          /* walk folders given as inputs */
	int dereference;        /* and follow links to folders in them */
	int corpus;             /* all documents as one output (write_many,
	                         * or write_corpus_part when the writer has it) */
	int update;             /* skip inputs whose output is up to date */
	int quiet;              /* keep no notes or warnings */
	long workers;           /* threads; 0: one per online core */
	herald_fsync_mode fsync;
	/* Convert only the inputs of shard shard_index (0 .. shard_count - 1)
	 * of shard_count, by a stable hash of their path below the folder
	 * they were found in (doc/archives.md, "Shards").  With corpus
	 * and an output file, the shard's part of the corpus and its
	 * summary go beside that file, for merge.
	 * shard_count 0: every input.  With an output folder, a shard
	 * writes its summary file there (.herald-shard-K-of-N.json); with a
	 * site writer it writes its pages only once every shard's summary
	 * is there, linked by them all. */
	unsigned long shard_index, shard_count;
	/* Called on the calling thread for each input, in order, as soon as
	 * it and every input before it are done.  NULL: messages go to
	 * standard error, outputs without a path to standard output. */
	void (*done)(const herald_batch_result *result, void *ctx);
	/* Called on the calling thread at most five times a second while
	 * the batch runs, and once at the end with done == total; NULL:
	 * none.  bytes: input bytes converted so far.  done never goes
	 * back: a site's two passes count to total / 2, then to total. */
	void (*progress)(size_t done, size_t total, size_t bytes,
	                 double seconds, void *ctx);
	void *ctx;              /* given to done and progress */
	/* Added after the first release, in the room kept for them, so that
	 * the struct keeps its size and every earlier field its place.
	 * With a shard and a site writer: write the shard's summary only
	 * (read its inputs, write no page), the first of the three steps. */
	int summarize;
	/* No shard: build what is archive-wide (the site's indexes and the
	 * writer's files, the folder's manifest; with corpus, the corpus)
	 * from the shards' summary files in the output folder (beside the
	 * corpus file), reading no input, and remove them. */
	int merge;
	/* SIGINT, SIGTERM and SIGHUP remove the run's temporary files (in
	 * its output folder or its output file's) before the process dies
	 * of the signal, as it would have.  Only signals at their default
	 * action are caught: one the program ignores or handles stays so.
	 * The command sets it; a program with its own handlers may not. */
	int clean_on_signals;
	int reserved_int;       /* zero */
	/* Called on the calling thread just before the batch prints a
	 * document's messages to standard error (done NULL), so that a
	 * progress line drawn there can be erased first (the next progress
	 * call draws it again); NULL: none.  Given ctx. */
	void (*clear_progress)(void *ctx);
	/* Zero; room for later settings (a zeroed struct is the default).
	 * summarize and merge took the place of one pointer,
	 * clean_on_signals and reserved_int of another, clear_progress of a
	 * third. */
	void *reserved[1];
} herald_batch_settings;

/* Parse "K/N" (--shard: decimal, 0 <= K < N <= 1000000) into *index
 * and *count: HERALD_OK, or HERALD_EUSAGE with *why (a static string)
 * saying what is wrong and *index, *count unchanged. */
int herald_batch_parse_shard(const char *arg, unsigned long *index,
                             unsigned long *count, const char **why);

/* A batch converting with reg's plugins as settings says (copied); NULL
 * when out of memory.  Nothing is checked before herald_batch_run(). */
herald_batch *herald_batch_new(herald_registry *reg,
                               const herald_batch_settings *settings);
void herald_batch_free(herald_batch *batch);

/* Add an input: a file, "-" for standard input, or (with recursive) a
 * folder, whose files a reader takes are converted in sorted order.
 * HERALD_OK, or HERALD_ENOMEM. */
int herald_batch_add(herald_batch *batch, const char *path);

/* The pipeline the batch uses for inputs read by reader ("bulletin",
 * or a spec with options; NULL: the settings' reader, else the one for
 * standard input), built on first use and then borrowed until
 * herald_batch_free(); NULL after reporting to diag why it cannot be
 * built.  For converting documents that are no files (records, say)
 * exactly as the batch would. */
herald_pipeline *herald_batch_pipeline(herald_batch *batch,
                                       const char *reader,
                                       herald_diag *diag);

/* Convert every input.  Problems of the whole run (an unknown plugin,
 * two inputs for one output, a folder that cannot be read, a full disk,
 * the index) are reported to diag; each input's own go to its result.
 * Returns HERALD_OK when everything was converted; HERALD_EUSAGE when
 * the batch was refused before converting anything (a bad pipeline, no
 * reader for an input, a folder given without recursive, outputs that
 * clash, several inputs to one output with a writer whose outputs do not
 * concatenate, a shard's or merge's set of shard summaries that is not
 * complete or not of these settings); HERALD_EINPUT when an input could not be converted (its
 * result says why); else HERALD_EIO (no input found, the output folder,
 * the index or the corpus could not be written, a full disk).  A batch
 * runs once. */
int herald_batch_run(herald_batch *batch, herald_diag *diag);

/* The whole content of path ("-": standard input) in a buffer the
 * caller frees, a NUL byte after its *size bytes (so that it can be
 * given to herald_pipeline_read_buffer()); HERALD_OK, or HERALD_EIO /
 * HERALD_ENOMEM after reporting to diag.  What the batch reads its
 * inputs with.  Standard input is read from its file descriptor, not
 * through stdin's stdio buffer: bytes a caller already read from stdin
 * with stdio are not seen again. */
int herald_input_read_file(const char *path, unsigned char **data,
                           size_t *size, herald_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
