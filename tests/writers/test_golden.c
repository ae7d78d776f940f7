/* test_golden.c - every example bulletin through every writer, compared
 * byte for byte with tests/writers/golden/<example>.<variant>.
 *
 * One test per example and variant, found by globbing examples/bulletins,
 * so a new example is picked up (and fails until its expected files are
 * made).  To make or refresh them, after checking the outputs by hand:
 *
 *     HERALD_REGEN_GOLDEN=1 make check TESTS=tests/writers/test_golden
 *
 * The real sample is not here on purpose: its text may not be committed
 * (test_writers checks its structure instead).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support.h"

static const struct variant {
	const char *suffix;       /* golden file: <example>.<suffix> */
	const char *chain;        /* reader and transforms */
	const char *writer;
} variants[] = {
	{ "json", "bulletin", "json" },
	{ "txt", "bulletin", "text" },
	{ "ids.txt", "bulletin ! segment", "text:ids=true" },
	/* the default: front matter, anchors; and plain CommonMark */
	{ "md", "bulletin", "markdown" },
	{ "cm.md", "bulletin ! segment",
	  "markdown:front-matter=false,anchors=none,width=72" },
};
#define N_VARIANTS (sizeof(variants) / sizeof(variants[0]))

struct golden_case {
	const char *example;
	const struct variant *variant;
	char name[512];
};

/* The first line where two texts differ, 1-based. */
static size_t first_difference(const char *a, const char *b)
{
	size_t line = 1;

	for (; *a && *a == *b; a++, b++)
		line += *a == '\n';
	return line;
}

static void test_golden_case(void **state)
{
	const struct golden_case *c = *state;
	const char *top = getenv("top_srcdir");
	char path[4096], stem[512];
	herald_doc *doc;
	char *got, *want;

	if (!wt_have("bulletin", HERALD_ROLE_READER) ||
	    (strstr(c->variant->chain, "segment") &&
	     !wt_have("segment", HERALD_ROLE_TRANSFORM)))
		skip();
	snprintf(stem, sizeof(stem), "%s", wt_basename(c->example));
	if (strrchr(stem, '.'))
		*strrchr(stem, '.') = '\0';
	snprintf(path, sizeof(path), "%s/tests/writers/golden/%s.%s",
	         top ? top : ".", stem, c->variant->suffix);

	doc = wt_read_file(c->variant->chain, c->example);
	got = wt_render(doc, c->variant->writer);
	herald_doc_free(doc);
	if (getenv("HERALD_REGEN_GOLDEN")) {
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		fputs(got, f);
		assert_int_equal(fclose(f), 0);
	}
	want = wt_slurp(path, NULL);
	if (!want)
		fail_msg("%s is missing: check the output by hand, then make it "
		         "with HERALD_REGEN_GOLDEN=1", path);
	if (strcmp(got, want) != 0)
		fail_msg("%s: %s differs from %s at line %zu", c->example,
		         c->variant->writer, path, first_difference(got, want));
	free(want);
	free(got);
}

int main(void)
{
	size_t count;
	char **examples = wt_examples(&count);
	size_t n = count * N_VARIANTS;
	struct CMUnitTest *tests = calloc(n ? n : 1, sizeof(*tests));
	struct golden_case *cases = calloc(n ? n : 1, sizeof(*cases));
	int failed;

	if (!tests || !cases)
		return 1;
	if (n == 0) {
		fprintf(stderr, "golden: no example bulletins found\n");
		return 77;
	}
	for (size_t i = 0; i < n; i++) {
		struct golden_case *c = &cases[i];
		c->example = examples[i / N_VARIANTS];
		c->variant = &variants[i % N_VARIANTS];
		snprintf(c->name, sizeof(c->name), "golden %s %s",
		         wt_basename(c->example), c->variant->suffix);
		tests[i].name = c->name;
		tests[i].test_func = test_golden_case;
		tests[i].initial_state = c;
	}
	failed = _cmocka_run_group_tests("writers-golden", tests, n, NULL, NULL);
	free(tests);
	free(cases);
	wt_free_list(examples, count);
	return failed;
}
