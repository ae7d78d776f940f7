/* tests/words.c - word bags for the no-word-lost checks (words.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <herald/text.h>

#include "words.h"

void tw_add(tw_bag *b, const char *s, size_t n)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 1024;
		b->w = realloc(b->w, b->cap * sizeof *b->w);
		assert_non_null(b->w);
	}
	b->w[b->n] = strndup(s, n);
	assert_non_null(b->w[b->n++]);
}

static bool wordy(uint32_t cp)
{
	return herald_cp_is_alnum(cp) || herald_cp_is_mark(cp);
}

void tw_split(tw_bag *b, const char *s, size_t n)
{
	size_t start = 0, k = 0;
	bool in = false;

	while (k < n) {
		uint32_t cp;
		size_t l = herald_utf8_next(s + k, n - k, &cp);
		if (wordy(cp) && !in) {
			start = k;
			in = true;
		} else if (!wordy(cp) && in) {
			tw_add(b, s + start, k - start);
			in = false;
		}
		k += l;
	}
	if (in)
		tw_add(b, s + start, n - start);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void tw_sort(tw_bag *b)
{
	if (b->n)
		qsort(b->w, b->n, sizeof *b->w, cmp);
}

void tw_free(tw_bag *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->w[i]);
	free(b->w);
	*b = (tw_bag){ 0 };
}

void tw_remove(tw_bag *want, const tw_bag *less)
{
	size_t i = 0, j = 0, out = 0;

	while (i < want->n) {
		int c = j < less->n ? strcmp(want->w[i], less->w[j]) : -1;
		if (c == 0) {
			free(want->w[i++]);
			j++;
		} else if (c > 0) {
			j++;
		} else {
			want->w[out++] = want->w[i++];
		}
	}
	want->n = out;
}

size_t tw_missing(const tw_bag *want, const tw_bag *have,
                  bool (*ignore)(const char *word), char *why, size_t size)
{
	size_t i = 0, j = 0, lost = 0, at = 0;

	while (i < want->n) {
		int c = j < have->n ? strcmp(want->w[i], have->w[j]) : -1;
		if (c == 0) {
			i++;
			j++;
		} else if (c > 0) {
			j++;
		} else {
			if (!ignore || !ignore(want->w[i])) {
				if (lost < 8 && at < size)
					at += (size_t)snprintf(why + at, size - at, " '%s'",
					                       want->w[i]);
				lost++;
			}
			i++;
		}
	}
	return lost;
}
