/* support.h - what the writer tests share: plugins, rendering, words. */
#ifndef WRITERS_SUPPORT_H
#define WRITERS_SUPPORT_H

#include <stddef.h>
#include <herald/herald.h>

/* The build tree's plugins (HERALD_PLUGIN_PATH), loaded once. */
herald_registry *wt_registry(void);
/* Whether a plugin with that role is there (tests skip when not). */
int wt_have(const char *name, herald_role role);

/* doc rendered by the writer spec ("markdown:width=20"); the caller frees
 * it.  Fails the test when the writer fails. */
char *wt_render(const herald_doc *doc, const char *writer_spec);

/* The document read from data by a chain "reader ! transform ...", with
 * SOURCE set to name.  Fails the test on error. */
herald_doc *wt_read_data(const char *chain, const char *name,
                         const void *data, size_t size);
herald_doc *wt_read_file(const char *chain, const char *path);

/* The whole file, NUL-terminated; NULL when it cannot be read. */
char *wt_slurp(const char *path, size_t *size);
/* The file's name without its folders. */
const char *wt_basename(const char *path);

/* Every examples/bulletins/NAME.txt, sorted; free with wt_free_list(). */
char **wt_examples(size_t *count);
void wt_free_list(char **list, size_t count);
/* The real sample's path, or NULL when it is not there. */
char *wt_real_sample(void);

/* A growing list of words (runs of non-whitespace). */
typedef struct {
	char **word;
	size_t n, cap;
} wt_words;

void wt_words_add(wt_words *words, const char *text);
void wt_words_free(wt_words *words);

/* The words every writer shows, in reading order: the title line (or the
 * date), then for each item or quote its title, its blocks' text and, for
 * a quote, its author. */
void wt_model_words(const herald_doc *doc, wt_words *words);
/* The same with each list entry's marker ("-", "3.") and each turn's
 * label with a colon ("Q:") before its text, as the text writer shows
 * them. */
void wt_model_words_listed(const herald_doc *doc, wt_words *words);

/* Asserts both lists hold the same words in the same order, naming the
 * first difference. */
void wt_assert_same_words(const wt_words *expected, const wt_words *actual,
                          const char *what);

#endif
