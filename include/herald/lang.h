/* herald/lang.h - language packs and language identification.
 *
 * A LANGUAGE PACK is a folder of plain-text files, one folder per BCP 47
 * tag (data/lang/de/, data/lang/zh/), installed to
 * $(datadir)/herald/lang/.  Each file is a TOPIC (segment.txt, dates.txt,
 * labels.txt) in one format (doc/languages.md):
 *
 *   # a comment, to the end of the line
 *   [section]
 *   one entry per line, leading and trailing space dropped
 *
 * Consumers decide what an entry means (a list of words, "key = value",
 * "1 january jan").  A pack is what a user edits to teach herald a
 * language; nothing language-specific lives in C.
 *
 * Where packs are looked up, first match wins: the folders in
 * HERALD_LANG_PATH (':'-separated), then the source tree's data/lang when
 * the program runs from its build tree, then the installed folder.
 *
 * OWNERSHIP: packs are loaded on first use, shared by every thread, and
 * live until the process ends; every pointer returned here stays valid
 * that long.  All functions are thread-safe.
 */
#ifndef HERALD_LANG_H
#define HERALD_LANG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct herald_lang herald_lang;

/* The pack for tag, trying "zh-Hans-CN", then "zh-Hans", then "zh" (any
 * case, '_' taken as '-').  NULL when there is no pack for any of them,
 * or tag is NULL, empty, "und" or "auto". */
const herald_lang *herald_lang_find(const char *tag);
/* The generic pack ("und"): what holds for any language; never NULL (it
 * is empty when its folder is missing). */
const herald_lang *herald_lang_generic(void);
/* The pack's tag as its folder is named ("de", "und"). */
const char *herald_lang_tag(const herald_lang *lang);

/* The whole text of TOPIC.txt in the pack (NUL-terminated), its length
 * in *len; NULL when the pack has no such file. */
const char *herald_lang_topic(const herald_lang *lang, const char *topic,
                              size_t *len);
/* The entries of [section] in TOPIC.txt, in file order (a section may be
 * split over several headers; its parts are joined); NULL with *count 0
 * when absent.  Each entry is NUL-terminated. */
const char *const *herald_lang_entries(const herald_lang *lang,
                                       const char *topic,
                                       const char *section, size_t *count);

/* A word a writer prints ("Interviewer", "Speech by"): the text of the
 * entry "KEY = text" in [labels] of writer.txt in lang, else in the
 * generic pack; key itself when neither has it (a broken install shows
 * the key, never nothing).  lang NULL asks the generic pack alone.  Writers call it with herald_lang_find() of the document's
 * (or an item's) language, so a pack may translate some labels only. */
const char *herald_lang_label(const herald_lang *lang, const char *key);

/* The tags of every pack found on the search path, sorted, without
 * "und"; *count gets their number.  For recognisers that must try every
 * language when a document's is unknown. */
const char *const *herald_lang_available(size_t *count);

/* --- labels of any language ----------------------------------------------
 * The sections of labels.txt (documented in data/lang/und/labels.txt:
 * interviewer, interviewee, moderator, end, byline, caption ...), taken
 * from every pack at once: a document's language is often unknown when
 * its structure is read, and a label of any packed language is a label.
 * The entries are gathered once per process; a lookup takes no lock and
 * costs a scan of the entries sharing the text's first byte. */

/* Whether s[0..n) is, case folded, an entry of [section] in labels.txt
 * of some pack.  false for a section labels.txt does not document. */
bool herald_lang_any_is(const char *section, const char *s, size_t n);
/* The byte length of the longest entry of [section] that s[0..n) opens
 * with as a whole word (case folded; no letter or digit follows an
 * entry ending in one), 0 when none. */
size_t herald_lang_any_prefix(const char *section, const char *s, size_t n);
/* Gather those entries now rather than at the first lookup (for a
 * plugin's prepare hook, plugin.h).  Thread-safe. */
void herald_lang_any_prepare(void);

/* --- tables built from every pack, kept between runs ----------------------
 * A plugin that builds a table from one topic of every pack (the bulletin
 * reader's date words, from every dates.txt) may keep it in the user's
 * cache folder, as herald keeps the labels of every pack
 * (doc/languages.md).  The cache is believed only while the same packs
 * are found, no pack's file of that topic changed, and neither did the
 * program or plugin holding build (so a rebuilt plugin never reads what
 * its older self wrote). */

typedef struct herald_lang_cache {
	const char *topic;     /* "dates": each pack's dates.txt */
	/* The file's first line: what writes it, and the version of its
	 * body's format ("bulletin dates 1"); no newline. */
	const char *format;
	/* Take the tables from a cached body (NUL-terminated, len bytes
	 * without the NUL; malloc'd, and load's to free or keep from then
	 * on, whatever it returns): 0, or -1 when it is not what write()
	 * writes (the tables are then built). */
	int (*load)(char *body, size_t len, void *arg);
	/* Build them from the packs (herald_lang_entries ...). */
	void (*build)(void *arg);
	/* Write what build() built as a body: 0, or -1 to keep no cache
	 * (a build cut short by a lack of memory, say). */
	int (*write)(FILE *f, void *arg);
} herald_lang_cache;

/* The tables, from the cache when it is current (load), else from the
 * packs (build), then cached (write; best effort, nothing is reported,
 * and without a cache folder nothing is kept).  Not locked: call it
 * under the caller's own pthread_once. */
void herald_lang_cached(const herald_lang_cache *cache, void *arg);

/* --- identification -------------------------------------------------------- */

/* The language of a text, as a BCP 47 tag copied into tag (room for
 * size bytes): "en", "zh", "az".  Returns 0, or -1 when the text is too
 * short or too mixed to tell (tag is then "und").  Backed by a language
 * identification library (doc/languages.md says which and why). */
int herald_lang_identify(const char *text, size_t len, char *tag,
                         size_t size);
/* Open the identification library now rather than at the first
 * herald_lang_identify() (for a plugin's prepare hook, plugin.h).
 * Thread-safe; a library that cannot be opened is reported once, by
 * whichever call tries first. */
void herald_lang_identify_prepare(void);

/* The name before ABI 2 (see plugin.h, NAMES); it goes with the next
 * ABI change. */
#define herald_lang_get herald_lang_find

#ifdef __cplusplus
}
#endif
#endif
