/* support.h - what the html and tei writer tests share: the plugins,
 * documents built in C, the example bulletins, the model's words and
 * the parsed outputs' words, golden files. */
#ifndef HERALD_TESTS_MARKUP_SUPPORT_H
#define HERALD_TESTS_MARKUP_SUPPORT_H

#include <stddef.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <herald/herald.h>

/* The registry of the build tree's plugins, loaded once. */
herald_registry *mt_registry(void);
int mt_has_plugin(const char *name, herald_role role);

/* Render doc with a writer spec ("html:standalone=true"); the caller
 * frees the result.  Fails the test when the writer fails.  When
 * warnings is not NULL it receives the number of warnings. */
char *mt_render(const herald_doc *doc, const char *spec, size_t *warnings);

/* Render a document nested 100000 EMPH deep with spec; assert the whole
 * nesting came out as <name>...</name> (writers must not recurse). */
void mt_check_deep(const char *spec, const char *name);

/* Characters at every offset of a paragraph's text: controls,
 * noncharacters and broken sequences become U+FFFD, markup bytes
 * references, the rest stays; quote is what '"' must become. */
void mt_check_characters(const char *spec, const char *quote);

/* Render the full C document twice, from two builds of it, with spec and
 * assert the bytes are the same. */
void mt_check_same_every_run(const char *spec);

/* Read a bulletin file through "bulletin" (and "segment" when asked);
 * NULL when those plugins are not built.  Fails the test on a read
 * error. */
herald_doc *mt_read_file(const char *path, int segmented);

/* Documents built in C.  segmented: with SENTENCE nodes. */
herald_doc *mt_doc_full(int segmented);      /* every kind of node */
herald_doc *mt_doc_plain(int segmented);     /* paragraphs only, no meta */
herald_doc *mt_doc_mixed(int segmented);     /* loose blocks after items */
herald_doc *mt_doc_empty(void);              /* nothing at all */
herald_doc *mt_doc_rich(int segmented);      /* lists, headings, meta */
/* One paragraph whose text sits under depth nested EMPH nodes. */
herald_doc *mt_doc_deep(size_t depth);

/* All documents built in C, for loops: count and constructor by index. */
#define MT_C_DOCS 9
herald_doc *mt_c_doc(size_t i, const char **name);
/* Call check(doc, name) on each of them. */
void mt_each_c_doc(void (*check)(const herald_doc *, const char *));

/* Call check(doc, name) on every bulletin (examples and the hostile
 * fixture), read with and without sentences ("name" and "name-seg"),
 * then compare the unsegmented one rendered with golden_spec to
 * golden/name.ext.  Skips the test when the bulletin reader is not
 * built. */
void mt_each_bulletin(void (*check)(const herald_doc *, const char *),
                      const char *golden_spec, const char *ext);

/* Call check(doc, name) on the real sample ("real", "real-seg"); skips
 * the test when ../shared or the bulletin reader is absent. */
void mt_real_sample(void (*check)(const herald_doc *, const char *));

/* Bulletins to test on: the .txt files of examples/bulletins and the hostile
 * fixture, as full paths; NULL-terminated, sorted.  mt_free_list frees. */
char **mt_bulletins(void);
void mt_free_list(char **list);
/* "name" of "/dir/name.txt". Caller frees. */
char *mt_basename(const char *path);

/* $HERALD_SHARED (default $top_srcdir/../shared) when it exists, else
 * NULL.  Caller frees. */
char *mt_shared_path(const char *relative);

/* The words of the model, in order: the date line, then per block its
 * heading, its text and a quotation's author.  Item speakers, tags and
 * turn labels are metadata the writers print as labels, not words. */
char *mt_model_text(const herald_doc *doc);

/* The text below node with block elements set apart by spaces, leaving
 * out elements for which skip() says yes.  inline_names: element names
 * (NULL-terminated) that do not separate words. */
char *mt_markup_text(xmlNodePtr node, const char *const *inline_names,
                     int (*leave_out)(xmlNodePtr));

/* Assert that two texts hold the same words in the same order. */
void mt_assert_same_words(const char *expected, const char *actual,
                          const char *what);

/* Compare output with tests/markup/golden/<name>; with
 * HERALD_UPDATE_GOLDEN=1 in the environment, write it instead. */
void mt_check_golden(const char *name, const char *output);

/* Evaluate an XPath (printf-style; prefix t: is the TEI namespace) on
 * doc; the caller frees the result.  Fails the test on a bad XPath. */
xmlXPathObjectPtr mt_query(xmlDocPtr doc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* How many nodes an XPath selects. */
int mt_count(xmlDocPtr doc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The value of attribute name of el, or "" (static buffer per call
 * site is not needed: the caller frees). */
char *mt_attr(xmlNodePtr el, const char *name);

/* When $HERALD_MARKUP_OUT names a directory, write content to a file
 * name there, so that vnu-check.sh can check every page the tests make. */
void mt_export(const char *name, const char *content);

/* How many times what occurs in s (not overlapping). */
size_t mt_occurrences(const char *s, const char *what);

/* Write a document of some 100 KB with spec to /dev/full (the test
 * skips without it) and assert the writer fails with HERALD_EIO,
 * reports it once ("cannot write the output: No space left on device"),
 * leaves errno at ENOSPC, and that nothing reached standard error
 * (libxml2's own messages went into the diagnostics). */
void mt_check_full_disk(const char *spec);

/* The CPU time of this process in seconds (CLOCK_PROCESS_CPUTIME_ID:
 * other processes on a busy machine do not count). */
double mt_cpu_seconds(void);

/* A growth check that only a quadratic path can fail: run(n) and
 * run(2n), the best of three each (run returns the CPU seconds of what
 * it times), and fail naming what when 2n takes more than 3.5 times as
 * long as n plus a quarter second of slack. */
void mt_check_linear(const char *what, double (*run)(size_t n), size_t n);

#endif
