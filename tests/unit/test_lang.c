/* test_lang.c - language packs (herald/lang.h) from a temporary search
 * path (HERALD_LANG_PATH): tag fallback and spelling, the topic format
 * (sections split over headers, comments, entries before any header,
 * blanks, CRLF, a byte order mark), packs that are not UTF-8, the list
 * of available packs, the generic pack, threads, and the cache of every
 * pack's labels (lang_any.c). */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <ftw.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <herald/lang.h>

static char root[4096];

/* --- the pack tree ----------------------------------------------------------- */

/* root/rel, its folder made first; the file holds len bytes of data. */
static void put(const char *rel, const char *data, size_t len)
{
	char path[8192];
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	if (mkdir(path, 0755) != 0 && access(path, F_OK) != 0)
		fail_msg("cannot make %s", path);
	*slash = '/';
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

#define PUT(rel, lit) put((rel), (lit), sizeof(lit) - 1)

static int remove_one(const char *path, const struct stat *st, int flag,
                      struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* Every pack is written before the first lookup: packs are cached for
 * the process's life, so the tree must be complete when the library
 * first looks. */
static int make_tree(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	snprintf(root, sizeof(root), "%s/herald-lang.XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root))
		return -1;

	PUT("zh/segment.txt",
	    "# Chinese: what ends a sentence\n"
	    "[terminators]\n"
	    "。\n"
	    "！\n"
	    "[closers]\n"
	    "」\n"
	    "[terminators]   # the section again: joined to the first part\n"
	    "？\n");
	PUT("zh-Hant/segment.txt", "[terminators]\n。\n");
	PUT("hi-IN/labels.txt", "[labels]\nx\n");
	PUT("pt-BR/labels.txt", "[labels]\nentrevistador = Entrevistador\n");
	PUT("de/segment.txt",
	    "\xEF\xBB\xBF[abbreviations]\r\n"
	    "  Nr.  \r\n"
	    "\tProf.\xC2\xA0\r\n"
	    "z. B. # two words, one entry\r\n"
	    "\r\n"
	    "   # only a comment\r\n"
	    "[months]\n"
	    "Januar\n");
	PUT("de/loose.txt",
	    "before any header\n"
	    "second loose\n"
	    "[named]\n"
	    "inside\n");
	PUT("de/empty.txt", "");
	PUT("de/latin1.txt", "[months]\nM\xE4rz\n");
	PUT("de/nul.txt", "[months]\nMai\0Juni\n");
	PUT("und/segment.txt", "[terminators]\n.\n!\n?\n");
	PUT("zz/labels.txt", "[release]\nzzfirst\n");
	/* Not packs: a folder whose name is not a canonical tag, and a
	 * plain file. */
	PUT("ZH_bad/segment.txt", "[x]\ny\n");
	PUT("stray.txt", "not a pack\n");

	/* Only this tree: the source tree's data/lang is searched after
	 * HERALD_LANG_PATH, so tags used here are ones it is unlikely to
	 * have, or ones this tree shadows. */
	return setenv("HERALD_LANG_PATH", root, 1);
}

static int remove_tree(void **state)
{
	(void)state;
	return nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* --- lookup -------------------------------------------------------------- */

static void test_lang_tag_fallback(void **state)
{
	(void)state;
	const herald_lang *zh = herald_lang_find("zh");
	assert_non_null(zh);
	assert_string_equal(herald_lang_tag(zh), "zh");
	/* Subtags are dropped from the end until a pack is found. */
	assert_ptr_equal(herald_lang_find("zh-Hans-CN"), zh);
	assert_ptr_equal(herald_lang_find("zh-Hans"), zh);
	assert_ptr_equal(herald_lang_find("zh-CN"), zh);
	/* A more precise pack wins when there is one. */
	const herald_lang *hant = herald_lang_find("zh-Hant-TW");
	assert_non_null(hant);
	assert_string_equal(herald_lang_tag(hant), "zh-Hant");
	assert_ptr_not_equal(hant, zh);
}

static void test_lang_tag_spelling(void **state)
{
	(void)state;
	const herald_lang *zh = herald_lang_find("zh");
	assert_ptr_equal(herald_lang_find("ZH"), zh);
	assert_ptr_equal(herald_lang_find("zh_hans_cn"), zh);
	assert_ptr_equal(herald_lang_find("ZH-HANT"), herald_lang_find("zh-Hant"));
	const herald_lang *pt = herald_lang_find("pt_br");
	assert_non_null(pt);
	assert_string_equal(herald_lang_tag(pt), "pt-BR");
	assert_ptr_equal(herald_lang_find("PT-br"), pt);
}

/* Tags are ASCII: in a Turkish locale toupper('i') is not 'I', and
 * "hi-in" must still find hi-IN.  Skipped where the locale is absent. */
static void test_lang_tag_case_ignores_locale(void **state)
{
	(void)state;
	if (!setlocale(LC_CTYPE, "tr_TR.UTF-8") &&
	    !setlocale(LC_CTYPE, "tr_TR.ISO-8859-9"))
		skip();
	const herald_lang *hi = herald_lang_find("hi-in");
	setlocale(LC_CTYPE, "C");
	assert_non_null(hi);
	assert_string_equal(herald_lang_tag(hi), "hi-IN");
}

static void test_lang_no_pack(void **state)
{
	(void)state;
	assert_null(herald_lang_find(NULL));
	assert_null(herald_lang_find(""));
	assert_null(herald_lang_find("und"));
	assert_null(herald_lang_find("UND"));
	assert_null(herald_lang_find("auto"));
	/* "und" with subtags is no language either: the fallback must not
	 * reach the generic pack. */
	assert_null(herald_lang_find("und-Latn"));
	assert_null(herald_lang_find("auto-x"));
	/* Not tags: nothing is looked up outside the search path. */
	assert_null(herald_lang_find("../de"));
	assert_null(herald_lang_find("de/../zh"));
	assert_null(herald_lang_find("de de"));
	assert_null(herald_lang_find("-de"));
	assert_null(herald_lang_find("de--x"));
	assert_null(herald_lang_find("qaa"));
	char longtag[200];
	memset(longtag, 'a', sizeof(longtag) - 1);
	longtag[sizeof(longtag) - 1] = '\0';
	assert_null(herald_lang_find(longtag));
}

/* --- topics -------------------------------------------------------------------- */

static void expect_entries(const herald_lang *lang, const char *topic,
                           const char *section, const char *const *want,
                           size_t nwant)
{
	size_t count = 99;
	const char *const *got = herald_lang_entries(lang, topic, section, &count);
	if (count != nwant)
		fail_msg("%s [%s]: %zu entries, want %zu", topic, section, count,
		         nwant);
	for (size_t i = 0; i < nwant; i++)
		assert_string_equal(got[i], want[i]);
}

static void test_lang_sections_split_over_headers(void **state)
{
	(void)state;
	const herald_lang *zh = herald_lang_find("zh");
	const char *terminators[] = { "。", "！", "？" };
	expect_entries(zh, "segment", "terminators", terminators, 3);
	const char *closers[] = { "」" };
	expect_entries(zh, "segment", "closers", closers, 1);
}

static void test_lang_comments_blanks_crlf_bom(void **state)
{
	(void)state;
	const herald_lang *de = herald_lang_find("de");
	assert_non_null(de);
	/* The byte order mark does not hide the first header; CRs, blanks
	 * (a no-break space too) and comments are dropped. */
	const char *abbreviations[] = { "Nr.", "Prof.", "z. B." };
	expect_entries(de, "segment", "abbreviations", abbreviations, 3);
	const char *months[] = { "Januar" };
	expect_entries(de, "segment", "months", months, 1);
}

static void test_lang_entries_before_a_header(void **state)
{
	(void)state;
	const herald_lang *de = herald_lang_find("de");
	const char *loose[] = { "before any header", "second loose" };
	expect_entries(de, "loose", "", loose, 2);
	const char *named[] = { "inside" };
	expect_entries(de, "loose", "named", named, 1);
}

static void test_lang_topic_text(void **state)
{
	(void)state;
	const herald_lang *zh = herald_lang_find("zh");
	size_t len = 0;
	const char *text = herald_lang_topic(zh, "segment", &len);
	assert_non_null(text);
	assert_int_equal(len, strlen(text));
	assert_non_null(strstr(text, "# Chinese"));
	/* The same text each time: loaded once. */
	assert_ptr_equal(herald_lang_topic(zh, "segment", NULL), text);
	/* An empty file is a topic with nothing in it. */
	const herald_lang *de = herald_lang_find("de");
	text = herald_lang_topic(de, "empty", &len);
	assert_non_null(text);
	assert_int_equal(len, 0);
}

static void test_lang_missing_topic_and_section(void **state)
{
	(void)state;
	const herald_lang *de = herald_lang_find("de");
	size_t len = 99, count = 99;
	assert_null(herald_lang_topic(de, "nosuchtopic", &len));
	assert_int_equal(len, 0);
	assert_null(herald_lang_entries(de, "nosuchtopic", "months", &count));
	assert_int_equal(count, 0);
	count = 99;
	assert_null(herald_lang_entries(de, "segment", "nosuchsection", &count));
	assert_int_equal(count, 0);
	/* A topic name is a file name in the pack, never a path. */
	assert_null(herald_lang_topic(de, "../zh/segment", &len));
	assert_null(herald_lang_topic(de, "/etc/passwd", &len));
}

/* A pack file that is not UTF-8 (Latin-1 "März") or holds a NUL is
 * treated as absent: its strings would break every document built from
 * them. */
static void test_lang_not_utf8_is_absent(void **state)
{
	(void)state;
	const herald_lang *de = herald_lang_find("de");
	size_t len = 99, count = 99;
	assert_null(herald_lang_topic(de, "latin1", &len));
	assert_int_equal(len, 0);
	assert_null(herald_lang_entries(de, "latin1", "months", &count));
	assert_int_equal(count, 0);
	assert_null(herald_lang_topic(de, "nul", &len));
	/* The rest of the pack is unharmed. */
	const char *months[] = { "Januar" };
	expect_entries(de, "segment", "months", months, 1);
}

/* --- the generic pack and the list ----------------------------------------- */

static void test_lang_generic(void **state)
{
	(void)state;
	const herald_lang *und = herald_lang_generic();
	assert_non_null(und);
	assert_string_equal(herald_lang_tag(und), "und");
	assert_ptr_equal(herald_lang_generic(), und);
	const char *terminators[] = { ".", "!", "?" };
	expect_entries(und, "segment", "terminators", terminators, 3);
}

static bool has_tag(const char *const *tags, size_t count, const char *tag)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(tags[i], tag) == 0)
			return true;
	return false;
}

static void test_lang_available(void **state)
{
	(void)state;
	size_t count = 0;
	const char *const *tags = herald_lang_available(&count);
	assert_non_null(tags);
	/* Every pack of this tree; other packs may come from the source
	 * tree's data/lang. */
	assert_true(has_tag(tags, count, "zh"));
	assert_true(has_tag(tags, count, "zh-Hant"));
	assert_true(has_tag(tags, count, "pt-BR"));
	assert_true(has_tag(tags, count, "hi-IN"));
	assert_true(has_tag(tags, count, "de"));
	assert_false(has_tag(tags, count, "und"));
	assert_false(has_tag(tags, count, "ZH_bad"));
	assert_false(has_tag(tags, count, "stray.txt"));
	/* Sorted, each once. */
	for (size_t i = 1; i < count; i++)
		if (strcmp(tags[i - 1], tags[i]) >= 0)
			fail_msg("not sorted or twice: %s, %s", tags[i - 1], tags[i]);
	size_t again = 0;
	assert_ptr_equal(herald_lang_available(&again), tags);
	assert_int_equal(again, count);
}

/* --- threads ---------------------------------------------------------------- */

typedef struct {
	const herald_lang *zh, *de;
	size_t terminators, abbreviations;
} lookup_result;

static void *look_up(void *arg)
{
	lookup_result *r = arg;
	for (int i = 0; i < 200; i++) {
		r->zh = herald_lang_find(i % 2 ? "zh-Hans-CN" : "zh");
		r->de = herald_lang_find("de-AT");
		herald_lang_entries(r->zh, "segment", "terminators",
		                    &r->terminators);
		herald_lang_entries(r->de, "segment", "abbreviations",
		                    &r->abbreviations);
		/* Topics nobody asked for yet are loaded while other threads
		 * read. */
		char topic[32];
		snprintf(topic, sizeof(topic), "absent%d", i % 17);
		herald_lang_topic(r->de, topic, NULL);
	}
	return NULL;
}

static void test_lang_threads(void **state)
{
	(void)state;
	enum { NTHREADS = 8 };
	pthread_t threads[NTHREADS];
	lookup_result results[NTHREADS];
	for (int t = 0; t < NTHREADS; t++)
		assert_int_equal(pthread_create(&threads[t], NULL, look_up,
		                                &results[t]), 0);
	for (int t = 0; t < NTHREADS; t++) {
		assert_int_equal(pthread_join(threads[t], NULL), 0);
		assert_ptr_equal(results[t].zh, herald_lang_find("zh"));
		assert_ptr_equal(results[t].de, herald_lang_find("de"));
		assert_int_equal(results[t].terminators, 3);
		assert_int_equal(results[t].abbreviations, 3);
	}
}

/* --- the labels of every pack, cached (lang_any.c) ------------------------- */

/* Whether s is an entry of [release] in some pack, asked in a child
 * process: the labels are gathered once a process, and no test before
 * this one asks for them in this one. */
static bool release_label(const char *s)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(herald_lang_any_is("release", s, strlen(s)) ? 3 : 4);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_true(WEXITSTATUS(status) == 3 || WEXITSTATUS(status) == 4);
	return WEXITSTATUS(status) == 3;
}

/* The one labels cache file in root/cache/herald, read into buf. */
static size_t read_labels_cache(char *path, size_t path_size, char *buf,
                                size_t size)
{
	char dir[8192];
	snprintf(dir, sizeof(dir), "%s/cache/herald", root);
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	int found = 0;
	while ((e = readdir(d)))
		if (strncmp(e->d_name, "labels-", 7) == 0) {
			snprintf(path, path_size, "%s/%s", dir, e->d_name);
			found++;
		}
	closedir(d);
	assert_int_equal(found, 1);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = '\0';
	return n;
}

static void rewrite(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void test_lang_labels_cache(void **state)
{
	(void)state;
	char cache_home[8192], path[8192], text[1 << 16];
	snprintf(cache_home, sizeof(cache_home), "%s/cache", root);
	assert_int_equal(setenv("XDG_CACHE_HOME", cache_home, 1), 0);

	/* First run: gathered from the files, and cached. */
	assert_true(release_label("zzfirst"));
	size_t n = read_labels_cache(path, sizeof(path), text, sizeof(text));
	/* each entry after its length in code points */
	char *at = strstr(text, "\n7 zzfirst\n");
	assert_non_null(at);

	/* A run believes the cache while the files are unchanged: an entry
	 * changed in the cache alone is what it knows. */
	memcpy(at + 3, "zzfaked", 7);
	rewrite(path, text, n);
	assert_true(release_label("zzfaked"));
	assert_false(release_label("zzfirst"));

	/* A pack's labels.txt edited: the cache is stale, and rebuilt. */
	char labels[8192];
	snprintf(labels, sizeof(labels), "%s/zz/labels.txt", root);
	rewrite(labels, "[release]\nzzsecond\n", 19);
	assert_true(release_label("zzsecond"));
	assert_false(release_label("zzfaked"));
	n = read_labels_cache(path, sizeof(path), text, sizeof(text));
	assert_non_null(strstr(text, "\n8 zzsecond\n"));

	/* A cache cut short is not believed either. */
	rewrite(path, text, n / 2);
	assert_true(release_label("zzsecond"));
	/* Nor garbage. */
	rewrite(path, "herald labels cache 2\nstamp x\n", 30);
	assert_true(release_label("zzsecond"));
	n = read_labels_cache(path, sizeof(path), text, sizeof(text));
	assert_non_null(strstr(text, "\nend\n"));
	/* Nor an entry longer in code points than in bytes: the cache
	 * is rebuilt, with the count the files give. */
	at = strstr(text, "\n8 zzsecond\n");
	assert_non_null(at);
	at[1] = '9';
	rewrite(path, text, n);
	assert_true(release_label("zzsecond"));
	read_labels_cache(path, sizeof(path), text, sizeof(text));
	assert_non_null(strstr(text, "\n8 zzsecond\n"));
	unsetenv("XDG_CACHE_HOME");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang_tag_fallback),
		cmocka_unit_test(test_lang_tag_spelling),
		cmocka_unit_test(test_lang_tag_case_ignores_locale),
		cmocka_unit_test(test_lang_no_pack),
		cmocka_unit_test(test_lang_sections_split_over_headers),
		cmocka_unit_test(test_lang_comments_blanks_crlf_bom),
		cmocka_unit_test(test_lang_entries_before_a_header),
		cmocka_unit_test(test_lang_topic_text),
		cmocka_unit_test(test_lang_missing_topic_and_section),
		cmocka_unit_test(test_lang_not_utf8_is_absent),
		cmocka_unit_test(test_lang_generic),
		cmocka_unit_test(test_lang_available),
		cmocka_unit_test(test_lang_threads),
		cmocka_unit_test(test_lang_labels_cache),
	};
	return cmocka_run_group_tests(tests, make_tree, remove_tree);
}
