/* writers2-bench.c - CPU time of each writer alone, on one document.
 *
 * usage: writers2-bench CORPUS ROUNDS WRITER...
 * Reads CORPUS once through the bulletin reader (and once more through
 * "bulletin ! segment"), then writes each document with each WRITER
 * spec ROUNDS times into a stream that discards what it is given (the
 * stdio work stays, the kernel's goes), and prints, per writer, the best
 * round's CPU seconds and MB/s of the input's size; the reading itself
 * is timed too (its best of ROUNDS), so that the writer's share of a
 * whole conversion can be read off.  Plugins come from
 * HERALD_PLUGIN_PATH.  A benchmark: it asserts nothing about speed.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <herald/herald.h>

static unsigned char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data;
	long size;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 ||
	    (data = malloc((size_t)size + 1)) == NULL ||
	    fread(data, 1, (size_t)size, f) != (size_t)size) {
		perror(path);
		exit(1);
	}
	fclose(f);
	*len = (size_t)size;
	return data;
}

/* CPU time of this process: wall time would count the other processes
 * of a busy machine. */
static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A stdio stream that throws its bytes away. */
static ssize_t discard(void *cookie, const char *buf, size_t size)
{
	(void)cookie;
	(void)buf;
	return (ssize_t)size;
}

static herald_pipeline *pipeline(herald_registry *reg, const char *chain,
                                 herald_diag *diag)
{
	herald_pipeline *pipe = herald_pipeline_new(reg);

	if (pipe == NULL || herald_pipeline_parse(pipe, chain, diag) != HERALD_OK) {
		fprintf(stderr, "writers2-bench: cannot build '%s'\n", chain);
		exit(1);
	}
	return pipe;
}

/* One timed step: a read (doc is NULL then, *read gets the document)
 * or a write of doc. */
struct step {
	herald_pipeline *pipe;
	const herald_input *in;
	const herald_doc *doc;
	herald_doc **read;
	FILE *sink;
	herald_diag *diag;
};

static int run_step(struct step *s)
{
	if (s->doc)
		return herald_pipeline_write(s->pipe, s->doc, s->sink, s->diag) ==
		       HERALD_OK && fflush(s->sink) == 0 ? 0 : -1;
	if (*s->read)
		herald_doc_free(*s->read);
	*s->read = NULL;
	return herald_pipeline_read(s->pipe, s->in, s->read, s->diag) ==
	       HERALD_OK ? 0 : -1;
}

/* The best CPU time of rounds runs of the step. */
static double best_of(int rounds, struct step *s, const char *what)
{
	double best = 1e30;

	for (int r = 0; r < rounds; r++) {
		double t = cpu_now();
		if (run_step(s) != 0) {
			fprintf(stderr, "writers2-bench: %s failed\n", what);
			exit(1);
		}
		t = cpu_now() - t;
		if (t < best)
			best = t;
	}
	herald_pipeline_free(s->pipe);
	return best;
}

/* Reading in through chain (its reader and transforms; the writer is
 * not run); the last document read goes to *doc. */
static double time_read(herald_registry *reg, const char *chain,
                        const herald_input *in, int rounds, herald_doc **doc,
                        herald_diag *diag)
{
	struct step s = { pipeline(reg, chain, diag), in, NULL, doc, NULL,
	                  diag };

	*doc = NULL;
	return best_of(rounds, &s, chain);
}

static double time_write(herald_registry *reg, const char *writer,
                         const herald_doc *doc, int rounds, FILE *sink,
                         herald_diag *diag)
{
	char chain[256];
	struct step s = { NULL, NULL, doc, NULL, sink, diag };

	snprintf(chain, sizeof chain, "bulletin ! %s", writer);
	s.pipe = pipeline(reg, chain, diag);
	return best_of(rounds, &s, writer);
}

int main(int argc, char **argv)
{
	static const char *const chains[] = { "bulletin ! text",
	                                      "bulletin ! segment ! text" };
	static const char *const names[] = { "bulletin", "bulletin ! segment" };
	herald_diag *diag = herald_diag_new(stderr);
	herald_registry *reg = herald_registry_new();
	char *path = herald_plugin_search_path(NULL);
	herald_input in;
	size_t len;
	int rounds;

	if (argc < 4) {
		fprintf(stderr, "usage: writers2-bench CORPUS ROUNDS WRITER...\n");
		return 2;
	}
	rounds = atoi(argv[2]);
	in.name = argv[1];
	in.data = read_all(argv[1], &len);
	in.size = len;
	herald_diag_set_min_severity(diag, HERALD_ERROR);
	if (reg == NULL || path == NULL ||
	    herald_registry_load_dirs(reg, path, diag) != HERALD_OK) {
		fprintf(stderr, "writers2-bench: cannot load the plugins\n");
		return 1;
	}
	FILE *sink = fopencookie(NULL, "w", (cookie_io_functions_t){
		.write = discard });
	if (sink == NULL) {
		perror("fopencookie");
		return 1;
	}
	printf("%-22s %-22s %8s %9s\n", "reader", "writer", "CPU s", "MB/s");
	for (size_t c = 0; c < 2; c++) {
		herald_doc *doc;
		double t = time_read(reg, chains[c], &in, rounds, &doc, diag);

		printf("%-22s %-22s %8.3f %9.1f\n", names[c], "(reading only)", t,
		       (double)len / 1e6 / t);
		for (int w = 3; w < argc; w++) {
			t = time_write(reg, argv[w], doc, rounds, sink, diag);
			printf("%-22s %-22s %8.3f %9.1f\n", names[c], argv[w], t,
			       (double)len / 1e6 / t);
		}
		herald_doc_free(doc);
	}
	fclose(sink);
	free(path);
	free((void *)in.data);
	herald_registry_free(reg);
	herald_diag_free(diag);
	return 0;
}
