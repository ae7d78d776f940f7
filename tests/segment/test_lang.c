/* test_lang.c - the segmenter on every language's own cases.
 *
 * One cmocka test per file tests/segment/lang/TAG.txt (case format at
 * the top of tests/segment/cases.txt): its cases are split with the
 * rules of language pack TAG (the generic pack for "und"), and all must
 * pass.  Each test prints "TAG: passed/total", and the last lines are
 * the pass rate per language and overall, the figures doc/segment.md
 * quotes.
 *
 * usage: test_lang [TAG...]   (default: every file in the folder)
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <herald/lang.h>

#include "casefile.h"

#define LANGS_MAX 128

typedef struct lang_case {
	char tag[32];
	size_t passed, failed;
} lang_case;

static lang_case langs[LANGS_MAX];
static size_t nlangs;

static void
test_lang_cases(void **state)
{
	lang_case *l = *state;
	const herald_lang *pack = NULL;
	sbd_rules *rules = sbd_rules_new();
	char path[64];
	sbd_error err;

	assert_non_null(rules);
	if (strcmp(l->tag, "und") != 0) {
		pack = herald_lang_find(l->tag);
		/* a case file without its pack would test the generic rules
		 * under another name */
		assert_non_null(pack);
		assert_string_equal(herald_lang_tag(pack), l->tag);
	}
	if (sbd_rules_load_lang(rules, pack, &err) != 0)
		fail_msg("%s", err.message);
	snprintf(path, sizeof path, "lang/%s.txt", l->tag);
	l->passed = l->failed = 0;
	l->failed = casefile_run(rules, path, &l->passed);
	sbd_rules_free(rules);
	printf("%s: %zu/%zu\n", l->tag, l->passed, l->passed + l->failed);
	assert_true(l->passed > 0);
	assert_int_equal(l->failed, 0);
}

static int
by_tag(const void *a, const void *b)
{
	return strcmp(((const lang_case *)a)->tag, ((const lang_case *)b)->tag);
}

static void
add_lang(const char *tag, size_t n)
{
	if (nlangs == LANGS_MAX || n == 0 || n >= sizeof langs[0].tag)
		return;
	memcpy(langs[nlangs].tag, tag, n);
	langs[nlangs++].tag[n] = '\0';
}

static void
find_langs(void)
{
	const char *top = getenv("top_srcdir");
	char dir[4096];
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof dir, "%s/tests/segment/lang", top ? top : ".");
	if ((d = opendir(dir)) == NULL) {
		perror(dir);
		exit(99);
	}
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0)
			add_lang(e->d_name, n - 4);
	}
	closedir(d);
	qsort(langs, nlangs, sizeof langs[0], by_tag);
}

int
main(int argc, char **argv)
{
	struct CMUnitTest tests[LANGS_MAX];
	size_t i, passed = 0, total = 0;
	int rc;

	if (argc > 1)
		for (i = 1; i < (size_t)argc; i++)
			add_lang(argv[i], strlen(argv[i]));
	else
		find_langs();
	if (nlangs == 0) {
		fprintf(stderr, "test_lang: no case files\n");
		return 99;
	}
	for (i = 0; i < nlangs; i++) {
		memset(&tests[i], 0, sizeof tests[i]);
		tests[i].name = langs[i].tag;
		tests[i].test_func = test_lang_cases;
		tests[i].initial_state = &langs[i];
	}
	rc = _cmocka_run_group_tests("segment_lang", tests, nlangs, NULL, NULL);
	printf("pass rate per language:");
	for (i = 0; i < nlangs; i++) {
		size_t n = langs[i].passed + langs[i].failed;

		printf(" %s %.1f%%", langs[i].tag,
		       n ? 100.0 * (double)langs[i].passed / (double)n : 0.0);
		passed += langs[i].passed;
		total += n;
	}
	printf("\noverall: %zu/%zu (%.1f%%)\n", passed, total,
	       total ? 100.0 * (double)passed / (double)total : 0.0);
	return rc;
}
