/* tests/bulletin/test_mutations.c - the examples, mutated many times over
 * with a fixed seed, must never crash the reader, and whatever tree it
 * builds must keep every word of its input and place every node.
 *
 * Line mutations keep the text valid UTF-8 (so the word check applies);
 * byte mutations may break it (then only the outcome is checked: an error
 * without repair, success with it).  $HERALD_MUTATION_SEED and
 * $HERALD_MUTATION_ROUNDS explore further (a fuzzing loop); failures
 * print the input to replay.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "harness.h"

#define ROUNDS 1000           /* per example and kind of mutation */

static const char *const names[] = {
	"city-digest", "science-agency", "harbour-notices", "library-bulletin",
	"county-notices"
};
#define NAME_COUNT (sizeof names / sizeof names[0])

static uint64_t rng;
static int rounds = ROUNDS;

static uint64_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t below(size_t n)
{
	return n ? (size_t)(next_random() % n) : 0;
}

/* A text as lines (each with its line end), edited in place. */
typedef struct lines {
	char **l;
	size_t n, cap;
} lines;

static void push(lines *ls, size_t at, const char *s, size_t len)
{
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 64;
		ls->l = realloc(ls->l, ls->cap * sizeof *ls->l);
		assert_non_null(ls->l);
	}
	memmove(ls->l + at + 1, ls->l + at, (ls->n - at) * sizeof *ls->l);
	ls->l[at] = strndup(s, len);
	assert_non_null(ls->l[at]);
	ls->n++;
}

static void drop(lines *ls, size_t at)
{
	free(ls->l[at]);
	memmove(ls->l + at, ls->l + at + 1, (ls->n - at - 1) * sizeof *ls->l);
	ls->n--;
}

static void split_lines(lines *ls, const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n') {
			push(ls, ls->n, s + start, i + 1 - start);
			start = i + 1;
		}
	if (start < n)
		push(ls, ls->n, s + start, n - start);
}

static char *join_lines(const lines *ls, size_t *size)
{
	size_t len = 0;
	char *out;

	for (size_t i = 0; i < ls->n; i++)
		len += strlen(ls->l[i]);
	out = malloc(len + 1);
	assert_non_null(out);
	*size = 0;
	for (size_t i = 0; i < ls->n; i++) {
		memcpy(out + *size, ls->l[i], strlen(ls->l[i]));
		*size += strlen(ls->l[i]);
	}
	out[*size] = '\0';
	return out;
}

static void free_lines(lines *ls)
{
	while (ls->n)
		drop(ls, ls->n - 1);
	free(ls->l);
}

/* Replace line at with prefix + line (+ suffix before its line end). */
static void decorate(lines *ls, size_t at, const char *prefix,
                     const char *suffix)
{
	const char *l = ls->l[at];
	size_t body = strcspn(l, "\r\n");
	size_t len = strlen(prefix) + strlen(l) + strlen(suffix) + 1;
	char *s = malloc(len);

	assert_non_null(s);
	snprintf(s, len, "%s%.*s%s%s", prefix, (int)body, l, suffix, l + body);
	free(ls->l[at]);
	ls->l[at] = s;
}

static const char *const pieces[] = {
	"- ", "– ", "—", "--", " – VIDEO", " - video", "?", ".", "!", ",",
	"\xC2\xA0", "\t", "  ", "\f", "“", "”", "Ilham", "interview with Ada "
	"Lind", "addressed the nation", "9 October 2020", "31.02.2020",
	"2020-10-09", "Q", "\xE2\x80\xA8", "\xEF\xBB\xBF", "J. R. Lind"
};
#define PIECE_COUNT (sizeof pieces / sizeof pieces[0])

static void mutate_lines(lines *ls)
{
	size_t at = below(ls->n);
	const char *piece = pieces[below(PIECE_COUNT)];

	if (ls->n == 0) {
		push(ls, 0, piece, strlen(piece));
		return;
	}
	switch (below(8)) {
	case 0:
		drop(ls, at);
		break;
	case 1:
		push(ls, at, ls->l[at], strlen(ls->l[at]));
		break;
	case 2:
		push(ls, at, "\n", 1);
		break;
	case 3: {
		size_t other = below(ls->n);
		char *t = ls->l[at];
		ls->l[at] = ls->l[other];
		ls->l[other] = t;
		break;
	}
	case 4:
		decorate(ls, at, piece, "");
		break;
	case 5:
		decorate(ls, at, "", piece);
		break;
	case 6:
		push(ls, at, piece, strlen(piece));
		break;
	default:
		decorate(ls, at, "", below(2) ? "\r" : "");
		break;
	}
}

/* Every node below the root has a position. */
static void check_positions(const herald_doc *doc)
{
	herald_walker w;

	herald_walker_init(&w, herald_doc_root(doc));
	while (herald_walker_next(&w) != HERALD_WALK_DONE) {
		if (w.event != HERALD_WALK_ENTER || w.node == w.root)
			continue;
		assert_true(herald_node_line(w.node) >= 1);
		assert_true(herald_node_column(w.node) >= 1);
	}
}

static void check_text(const char *data, size_t size)
{
	bt_run r = bt_read("bulletin", data, size);
	char *why;

	if (r.rc != HERALD_OK)
		fail_msg("reader failed (%d) on:\n%s\n%s", r.rc, data,
		         herald_diag_text(r.diag));
	check_positions(r.doc);
	why = bt_word_mismatch(data, size, r.doc);
	if (why)
		fail_msg("%s\ninput:\n%s", why, data);
	bt_free(&r);
}

static char *example(size_t i, size_t *size)
{
	char rel[128];
	char *path, *data;

	snprintf(rel, sizeof rel, "examples/bulletins/%s.txt", names[i]);
	path = bt_srcpath(rel);
	data = bt_slurp(path, size);
	if (!data)
		fail_msg("cannot read %s", path);
	free(path);
	return data;
}

static void seed(void)
{
	const char *s = getenv("HERALD_MUTATION_SEED");

	const char *r = getenv("HERALD_MUTATION_ROUNDS");

	rng = s && *s ? strtoull(s, NULL, 10) : 0x9E3779B97F4A7C15ULL;
	if (!rng)
		rng = 1;
	if (r && atoi(r) > 0)
		rounds = atoi(r);
}

static void test_line_mutations_keep_words(void **state)
{
	seed();
	for (size_t e = 0; e < NAME_COUNT; e++) {
		size_t size;
		char *data = example(e, &size);
		for (int round = 0; round < rounds; round++) {
			lines ls = { 0 };
			split_lines(&ls, data, size);
			for (size_t k = 1 + below(12); k > 0; k--)
				mutate_lines(&ls);
			size_t n;
			char *text = join_lines(&ls, &n);
			check_text(text, n);
			free(text);
			free_lines(&ls);
		}
		free(data);
	}
}

static void test_byte_mutations_never_crash(void **state)
{
	seed();
	for (size_t e = 0; e < NAME_COUNT; e++) {
		size_t size;
		char *data = example(e, &size);
		for (int round = 0; round < rounds; round++) {
			char *copy = malloc(size + 1);
			assert_non_null(copy);
			memcpy(copy, data, size);
			size_t n = size - below(size / 2);
			for (size_t k = 1 + below(20); k > 0; k--)
				copy[below(n)] = (char)next_random();
			bt_run plain = bt_read("bulletin", copy, n);
			bt_run fixed = bt_read("bulletin:repair=on", copy, n);
			assert_true(plain.rc == HERALD_OK ||
			            plain.rc == HERALD_EINPUT);
			assert_int_equal(fixed.rc, HERALD_OK);
			if (plain.rc == HERALD_EINPUT)
				assert_true(herald_diag_count(plain.diag,
				                              HERALD_ERROR) == 1);
			check_positions(fixed.doc);
			bt_free(&plain);
			bt_free(&fixed);
			free(copy);
		}
		free(data);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_mutations_keep_words),
		cmocka_unit_test(test_byte_mutations_never_crash),
	};

	return cmocka_run_group_tests_name("bulletin mutations", tests,
	                                   bt_setup, bt_teardown);
}
