/* test_golden.c - the sentence boundaries of the real sample, checked once
 * by hand, kept as byte offsets only (the sample is someone else's text,
 * so none of it is stored here).
 *
 * The sample is $HERALD_SHARED/samples/bulletin-2020-10-09.txt (default
 * $top_srcdir/../shared); the test skips (77) when it is absent or is not
 * the file the offsets were made from.  Paragraphs are the runs of lines
 * between blank lines, as the segmenter would see them.
 *
 *   test_golden            compare with bulletin-2020-10-09.offsets
 *   test_golden --write    print a new offsets file
 *   test_golden --show     print every sentence on a line, for review
 *
 * Offsets file: "size N" (the sample's length), then one line per
 * paragraph: its byte offset in the sample, ':', and "start-end" for
 * each sentence, relative to the paragraph.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbd.h"

#define SAMPLE "bulletin-2020-10-09"

static char *
read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (f == NULL)
		return NULL;
	do {
		if (*len + 65536 + 1 > cap) {
			cap = (*len + 65536 + 1) * 2;
			if ((data = realloc(data, cap)) == NULL) {
				perror("realloc");
				exit(99);
			}
		}
		n = fread(data + *len, 1, 65536, f);
		*len += n;
	} while (n > 0);
	fclose(f);
	data[*len] = '\0';
	return data;
}

/* The next paragraph at or after *pos: [*b, *e), or 0 at the end. */
static int
next_paragraph(const char *s, size_t len, size_t *pos, size_t *b, size_t *e)
{
	size_t i = *pos;

	while (i < len && s[i] == '\n')
		i++;
	if (i >= len)
		return 0;
	*b = i;
	while (i < len && !(s[i] == '\n' && (i + 1 == len || s[i + 1] == '\n')))
		i++;
	*e = i;
	*pos = i;
	return 1;
}

/* One line of the offsets format for a paragraph. */
static void
format_line(char *out, size_t cap, size_t at, const sbd_result *r)
{
	size_t i, n = (size_t)snprintf(out, cap, "%zu:", at);

	for (i = 0; i < r->count && n < cap; i++)
		n += (size_t)snprintf(out + n, cap - n, " %zu-%zu",
		                      r->spans[i].start, r->spans[i].end);
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	const char *shared = getenv("HERALD_SHARED");
	const char *top = getenv("top_srcdir");
	char path[4096], line[16384], want[16384];
	size_t len, pos = 0, b, e, passed = 0, failed = 0, i, size = 0;
	sbd_rules *rules = sbd_rules_new();
	sbd_result r = { 0 };
	FILE *golden = NULL;
	char *text;

	if (top == NULL)
		top = ".";
	if (shared != NULL)
		snprintf(path, sizeof path, "%s/samples/%s.txt", shared, SAMPLE);
	else
		snprintf(path, sizeof path, "%s/../shared/samples/%s.txt", top,
		         SAMPLE);
	if ((text = read_all(path, &len)) == NULL) {
		printf("SKIP: %s is absent\n", path);
		sbd_rules_free(rules);   /* (LeakSanitizer would fail the skip) */
		return 77;
	}
	if (sbd_rules_load_lang(rules, herald_lang_find("en"), NULL) != 0) {
		printf("the English language pack does not load\n");
		return 99;
	}
	if (strcmp(mode, "--write") == 0) {
		printf("size %zu\n", len);
	} else if (strcmp(mode, "--show") != 0) {
		snprintf(line, sizeof line, "%s/tests/segment/%s.offsets", top,
		         SAMPLE);
		if ((golden = fopen(line, "r")) == NULL) {
			perror(line);
			return 99;
		}
		if (fscanf(golden, "size %zu\n", &size) != 1 || size != len) {
			printf("SKIP: %s is not the sample the offsets were "
			       "made from\n", path);
			fclose(golden);
			free(text);
			sbd_rules_free(rules);
			return 77;
		}
	}
	while (next_paragraph(text, len, &pos, &b, &e)) {
		if (sbd_split(rules, text + b, e - b, &r) != 0)
			return 99;
		format_line(line, sizeof line, b, &r);
		if (strcmp(mode, "--write") == 0) {
			printf("%s\n", line);
		} else if (strcmp(mode, "--show") == 0) {
			for (i = 0; i < r.count; i++)
				printf("%.*s\n", (int)(r.spans[i].end - r.spans[i].start),
				       text + b + r.spans[i].start);
			printf("\n");
		} else if (fgets(want, sizeof want, golden) == NULL ||
		           (want[strcspn(want, "\n")] = '\0',
		            strcmp(want, line) != 0)) {
			printf("FAIL paragraph at byte %zu\n  want %s\n  got  %s\n",
			       b, want, line);
			failed++;
		} else {
			passed++;
		}
	}
	if (golden != NULL) {
		if (fgets(want, sizeof want, golden) != NULL) {
			printf("FAIL: the offsets list more paragraphs\n");
			failed++;
		}
		fclose(golden);
		printf("%zu passed, %zu failed\n", passed, failed);
	}
	sbd_result_release(&r);
	sbd_rules_free(rules);
	free(text);
	return failed ? 1 : 0;
}
