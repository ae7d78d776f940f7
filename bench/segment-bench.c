/* segment-bench.c - throughput of the segmenter core alone.
 *
 * usage: segment-bench [-l TAG] CORPUS [ROUNDS]
 * Splits CORPUS into paragraphs (runs of lines between blank lines), then
 * times sbd_split() with the rules of language pack TAG (default en)
 * over all of them ROUNDS times (default 5) and prints the best round in
 * MB/s of CPU time, with the sentence count as a sanity check.
 * Only segmentation is timed: no reading, no document tree.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <herald/lang.h>

#include "sbd.h"

static char *
read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long size;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		perror(path);
		exit(1);
	}
	if ((data = malloc((size_t)size + 1)) == NULL ||
	    fread(data, 1, (size_t)size, f) != (size_t)size) {
		perror(path);
		exit(1);
	}
	fclose(f);
	data[size] = '\0';
	*len = (size_t)size;
	return data;
}

/* CPU time of this process: on a busy machine, wall time would measure
 * the other processes too. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	const char *tag = "en";
	sbd_rules *rules = sbd_rules_new();
	sbd_result r = { 0 };
	size_t len, *starts, *ends, npara = 0, cap = 1024, i, sentences = 0;
	int rounds, round;
	double best = 1e30;
	sbd_error err;
	char *text;

	if (argc > 2 && strcmp(argv[1], "-l") == 0) {
		tag = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: segment-bench [-l TAG] CORPUS [ROUNDS]\n");
		return 2;
	}
	rounds = argc > 2 ? atoi(argv[2]) : 5;
	text = read_all(argv[1], &len);
	if (rules == NULL ||
	    sbd_rules_load_lang(rules, herald_lang_find(tag), &err) != 0) {
		fprintf(stderr, "segment-bench: %s: %s\n", tag,
		        rules ? err.message : "out of memory");
		return 1;
	}
	starts = malloc(cap * sizeof *starts);
	ends = malloc(cap * sizeof *ends);
	for (i = 0; i < len;) {
		while (i < len && text[i] == '\n')
			i++;
		if (i >= len)
			break;
		if (npara == cap) {
			cap *= 2;
			starts = realloc(starts, cap * sizeof *starts);
			ends = realloc(ends, cap * sizeof *ends);
		}
		starts[npara] = i;
		while (i < len && !(text[i] == '\n' && i + 1 < len &&
		                    text[i + 1] == '\n'))
			i++;
		ends[npara++] = i;
	}
	for (round = 0; round < (rounds > 0 ? rounds : 1); round++) {
		double t0 = now(), dt;

		sentences = 0;
		for (i = 0; i < npara; i++) {
			if (sbd_split(rules, text + starts[i], ends[i] - starts[i],
			              &r) != 0)
				return 1;
			sentences += r.count;
		}
		if ((dt = now() - t0) < best)
			best = dt;
	}
	printf("segment %-3s %6.1f MB in %zu paragraphs, %zu sentences; "
	       "best of %d rounds %.3f s of CPU: %.1f MB/s\n", tag, len / 1e6,
	       npara, sentences, rounds, best, len / 1e6 / best);
	sbd_result_release(&r);
	sbd_rules_free(rules);
	free(starts);
	free(ends);
	free(text);
	return 0;
}
