/* test_cases.c - runs the segmenter core on the hard cases of a file.
 *
 * usage: test_cases [CASES [ABBREV_FILE]]
 * Every case of CASES (format described at the top of cases.txt) is
 * split with the English language pack, plus ABBREV_FILE when given.
 * Without arguments: cases.txt, then cases-user.txt with the
 * abbreviations of user-abbrev.txt.
 * Failures are printed as a diff of sentences; the last line is
 * "N passed, N failed".  Relative paths are looked up in
 * $top_srcdir/tests/segment/ first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

/* Every case of the file cases with the English pack, plus the
 * abbreviations of abbrev_file when given. */
static size_t
run_file(const char *cases, const char *abbrev_file, size_t *passed)
{
	sbd_rules *rules = sbd_rules_new();
	sbd_error err;
	size_t len, failed;

	if (rules == NULL ||
	    sbd_rules_load_lang(rules, herald_lang_find("en"), &err) != 0) {
		fprintf(stderr, "English rules: %s\n", rules ? err.message : "");
		exit(99);
	}
	if (abbrev_file != NULL) {
		char *abbrev = casefile_read(abbrev_file, &len);

		if (sbd_rules_load(rules, abbrev, len, "ambiguous", &err) != 0) {
			fprintf(stderr, "%s:%lu: %s\n", abbrev_file, err.line,
			        err.message);
			exit(99);
		}
		free(abbrev);
	}
	failed = casefile_run(rules, cases, passed);
	sbd_rules_free(rules);
	return failed;
}

/* Long and hostile texts: each must split without crashing into valid
 * spans (no timing here; see bench/segment-bench.sh for speed). */
static size_t
run_hostile(const char *tag, size_t *passed)
{
	/* the English hard parts, then what other packs and scripts add:
	 * terminators without spaces, titles, quote pairs, glued capitals,
	 * ordinals, elision, compound suffixes, invalid and 4-byte UTF-8 */
	static const char *const units[] = {
		". ", "... ", "(", ")", "[", "]", "a.", "1. ", "a) ", "\"", "“",
		"U.S. ", "Mr. ", "?!", "\xE2\x80\xA6", "\xC2\xA0", "\n", "\n\n",
		"\xE2\x80", "\xFF", "word", " ", "• ", "e.g. The ", ".[1] ",
		"。", "！", "《", "》", "「", "」と", "„", "“ ", "».", "here.Ölaf ",
		"minir.Əli ", "...Այդ ", ": ", "; ", "՞", "३", "।", "３．２",
		"am 3. Oktober ", "Hauptstr. ", "L'avv. ", "'s ", "А. С. ",
		"Проф. ", "\xF0\x9F\x98\x80", "\xED\xA0\x80", "\xC3", "¿", "ქ",
		". . . . ", "compounds. . . . The ",
	};
	const size_t nunits = sizeof units / sizeof units[0];
	sbd_rules *rules = sbd_rules_new();
	sbd_result r = { 0 };
	size_t u, k, n, failed = 0;
	const char *why;
	size_t cap = 0, blen;
	char *b = NULL;
	unsigned seed = 1;

	sbd_rules_load_lang(rules, herald_lang_find(tag), NULL);
	for (u = 0; u <= nunits; u++) {
		blen = 0;
		for (k = 0; k < 200000; k++) {
			/* one unit repeated, then (u == nunits) a random mix */
			size_t pick = u;

			if (u == nunits) {
				seed = seed * 1103515245u + 12345u;
				pick = (seed >> 16) % nunits;
			}
			n = strlen(units[pick]);
			if (blen + n > cap) {
				cap = (blen + n) * 2;
				if ((b = realloc(b, cap)) == NULL) {
					perror("realloc");
					exit(99);
				}
			}
			memcpy(b + blen, units[pick], n);
			blen += n;
		}
		if (sbd_split(rules, b, blen, &r) != 0)
			why = "out of memory";
		else
			why = casefile_check_spans(b, blen, &r);
		if (why != NULL) {
			printf("FAIL hostile text %zu (%s): %s\n", u, tag, why);
			failed++;
		} else {
			(*passed)++;
		}
	}
	free(b);
	sbd_result_release(&r);
	sbd_rules_free(rules);
	return failed;
}

int
main(int argc, char **argv)
{
	size_t passed = 0, failed;

	if (argc > 1) {
		failed = run_file(argv[1], argc > 2 ? argv[2] : NULL, &passed);
	} else {
		failed = run_file("cases.txt", NULL, &passed);
		failed += run_file("cases-user.txt", "user-abbrev.txt", &passed);
		/* packs that add characters and rules of their own */
		failed += run_hostile("en", &passed);
		failed += run_hostile("ja", &passed);
		failed += run_hostile("hy", &passed);
		failed += run_hostile("de", &passed);
	}
	printf("%zu passed, %zu failed\n", passed, failed);
	return failed ? 1 : passed ? 0 : 99;
}
