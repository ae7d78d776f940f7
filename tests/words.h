/* tests/words.h - word bags for the no-word-lost checks: the words of a
 * text as a multiset.  A word is a maximal run of letters, digits and
 * combining marks.  A bag owns its words; tw_free frees them.  Failing
 * allocations fail the test (cmocka). */
#ifndef HERALD_TESTS_WORDS_H
#define HERALD_TESTS_WORDS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct tw_bag {
	char **w;
	size_t n, cap;
} tw_bag;

void tw_add(tw_bag *b, const char *s, size_t n);   /* one word, as given */
void tw_split(tw_bag *b, const char *s, size_t n); /* every word of s */
void tw_sort(tw_bag *b);
void tw_free(tw_bag *b);
/* want without one occurrence of each word of less (both sorted). */
void tw_remove(tw_bag *want, const tw_bag *less);
/* How many words of want are not in have (both sorted, as multisets);
 * words ignore() says yes to do not count.  The first few missing go
 * into why (" 'word' 'word'"), which is size bytes. */
size_t tw_missing(const tw_bag *want, const tw_bag *have,
                  bool (*ignore)(const char *word), char *why, size_t size);

#endif
