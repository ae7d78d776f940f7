/* writer-bench.c - throughput of writers alone, without the reader.
 *
 * usage: writer-bench ROUNDS SPEC... < CORPUS
 * Reads CORPUS once through the bulletin reader (the plugins of
 * $HERALD_PLUGIN_PATH), then, ROUNDS times over, renders the model with
 * each writer SPEC ("html", "html:standalone=true") into a temporary
 * file, interleaved, and prints per writer the median round's CPU time
 * (CLOCK_PROCESS_CPUTIME_ID) as MB/s of the corpus and of the output.
 * What the whole pipeline costs is writers-bench.sh's business; this
 * says which share is the writer's (the model's ids, computed on first
 * use, are counted with the reading).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <herald/herald.h>

/* All of standard input, in a buffer that doubles when full. */
static unsigned char *slurp_stdin(size_t *len)
{
	size_t cap = 1 << 20, n = 0;
	unsigned char *data = malloc(cap), *grown;

	while (data != NULL) {
		n += fread(data + n, 1, cap - n, stdin);
		if (n < cap)
			break;                /* the end, or an error */
		grown = realloc(data, 2 * cap);
		if (grown == NULL)
			free(data);
		data = grown;
		cap *= 2;
	}
	if (data == NULL || ferror(stdin)) {
		fprintf(stderr, "writer-bench: cannot read standard input\n");
		exit(1);
	}
	*len = n;
	return data;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One render of doc with pipe's writer; its CPU time, and the bytes
 * written through *bytes. */
static double render(const herald_pipeline *pipe, const herald_doc *doc,
                     const char *spec, long *bytes)
{
	herald_diag *diag = herald_diag_new(NULL);
	FILE *out = tmpfile();
	double t;

	if (out == NULL) {
		perror("tmpfile");
		exit(1);
	}
	t = now();
	if (herald_pipeline_write(pipe, doc, out, diag) != HERALD_OK ||
	    fflush(out) != 0) {
		fprintf(stderr, "writer-bench: %s failed: %s\n", spec,
		        herald_diag_text(diag));
		exit(1);
	}
	t = now() - t;
	*bytes = ftell(out);
	fclose(out);
	herald_diag_free(diag);
	return t;
}

int main(int argc, char **argv)
{
	herald_registry *reg = herald_registry_new();
	herald_diag *diag = herald_diag_new(stderr);
	herald_pipeline *reader;
	herald_doc *doc = NULL;
	herald_input in = { 0 };
	size_t writers, rounds;
	herald_pipeline **pipes;
	double *times;
	long *bytes;

	if (argc < 3 || (rounds = strtoul(argv[1], NULL, 10)) == 0) {
		fprintf(stderr, "usage: writer-bench ROUNDS SPEC... < CORPUS\n");
		return 2;
	}
	writers = (size_t)argc - 2;
	if (getenv("HERALD_PLUGIN_PATH") == NULL) {
		fprintf(stderr, "writer-bench: set HERALD_PLUGIN_PATH\n");
		return 2;
	}
	herald_registry_load_dirs(reg, getenv("HERALD_PLUGIN_PATH"), diag);
	in.name = "-";
	in.data = slurp_stdin(&in.size);
	reader = herald_pipeline_new(reg);
	if (herald_pipeline_set_reader(reader, "bulletin", diag) != HERALD_OK ||
	    herald_pipeline_read(reader, &in, &doc, diag) != HERALD_OK) {
		fprintf(stderr, "writer-bench: cannot read the corpus\n");
		return 1;
	}
	/* the ids are the model's, computed once per document on first use:
	 * paid here, not by whichever writer comes first */
	(void)herald_node_id(herald_doc_root(doc));
	pipes = calloc(writers, sizeof *pipes);
	times = calloc(writers * rounds, sizeof *times);
	bytes = calloc(writers, sizeof *bytes);
	if (pipes == NULL || times == NULL || bytes == NULL)
		return 1;
	for (size_t w = 0; w < writers; w++) {
		pipes[w] = herald_pipeline_new(reg);
		if (herald_pipeline_set_writer(pipes[w], argv[2 + w], diag) !=
		    HERALD_OK)
			return 1;
	}
	for (size_t r = 0; r < rounds; r++)
		for (size_t w = 0; w < writers; w++)
			times[w * rounds + r] = render(pipes[w], doc, argv[2 + w],
			                               &bytes[w]);
	for (size_t w = 0; w < writers; w++) {
		double *t = times + w * rounds, median;
		qsort(t, rounds, sizeof *t, by_value);
		median = t[(rounds - 1) / 2];
		printf("writer %-20s %7.3f s %8.1f MB/s of input, %8.1f MB/s "
		       "of output\n", argv[2 + w], median,
		       (double)in.size / 1e6 / median,
		       (double)bytes[w] / 1e6 / median);
		herald_pipeline_free(pipes[w]);
	}
	free(pipes);
	free(times);
	free(bytes);
	herald_doc_free(doc);
	herald_pipeline_free(reader);
	herald_diag_free(diag);
	herald_registry_free(reg);
	free((void *)in.data);
	return 0;
}
