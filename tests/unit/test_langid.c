/* test_langid.c - language identification (herald_lang_identify): news
 * texts written for this test in the 21 languages herald ships packs for
 * (tests/unit/langid/<tag>.txt), their first sentences alone, the shared
 * dev corpus and the seed bulletin when ../shared is there, markup that
 * must not sway the answer, inputs too short or too strange to have a
 * language, bounded cost on huge inputs, and threads. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <herald/lang.h>

/* The languages of tests/unit/langid/, as file name and expected tag:
 * CLD2 tells Simplified from Traditional Chinese, so "zh" comes back
 * with its script. */
static const char *const languages[][2] = {
	{ "en", "en" }, { "de", "de" }, { "fr", "fr" }, { "es", "es" },
	{ "it", "it" }, { "ru", "ru" }, { "uk", "uk" }, { "az", "az" },
	{ "tr", "tr" }, { "zh", "zh-Hans" }, { "ja", "ja" }, { "ar", "ar" },
	{ "fa", "fa" }, { "hy", "hy" }, { "hi", "hi" }, { "pl", "pl" },
	{ "nl", "nl" }, { "da", "da" }, { "el", "el" }, { "bg", "bg" },
	{ "kk", "kk" },
};
#define NLANGUAGES (sizeof(languages) / sizeof(languages[0]))

/* --- helpers -------------------------------------------------------------- */

static const char *top_srcdir(void)
{
	const char *top = getenv("top_srcdir");
	return top && *top ? top : ".";
}

/* The whole file (NUL-terminated) and its length; NULL when it cannot
 * be read. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	char *buf = size >= 0 ? malloc((size_t)size + 1) : NULL;
	if (buf) {
		rewind(f);
		*len = fread(buf, 1, (size_t)size, f);
		buf[*len] = '\0';
	}
	fclose(f);
	return buf;
}

static char *own_text(const char *name, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/tests/unit/langid/%s.txt", top_srcdir(),
	         name);
	char *text = slurp(path, len);
	if (!text)
		fail_msg("cannot read %s", path);
	return text;
}

/* identify, checking that the return value and the tag agree. */
static int identify(const char *text, size_t len, char *tag, size_t size)
{
	memset(tag, 'x', size);
	int rc = herald_lang_identify(text, len, tag, size);
	assert_true(rc == 0 || rc == -1);
	assert_non_null(memchr(tag, '\0', size));
	if (rc == -1)
		assert_string_equal(tag, "und");
	else
		assert_string_not_equal(tag, "und");
	return rc;
}

static void expect_language(const char *text, size_t len, const char *want,
                            const char *what)
{
	char tag[32];
	identify(text, len, tag, sizeof(tag));
	if (strcmp(tag, want) != 0)
		fail_msg("%s: identified as %s, not %s", what, tag, want);
}

static void expect_unknown(const char *text, size_t len, const char *what)
{
	char tag[32];
	if (identify(text, len, tag, sizeof(tag)) != -1)
		fail_msg("%s: identified as %s, not und", what, tag);
}

/* --- the project's own texts ------------------------------------------ */

static void test_langid_own_texts(void **state)
{
	(void)state;
	for (size_t i = 0; i < NLANGUAGES; i++) {
		size_t len;
		char *text = own_text(languages[i][0], &len);
		expect_language(text, len, languages[i][1], languages[i][0]);
		free(text);
	}
}

/* One sentence (60 to 200 bytes) is what an item title or a short item
 * gives; the confusable pairs (az/tr, ru/uk/bg/kk, da/nl/de, es/it/fr)
 * must still come out right. */
static void test_langid_first_sentence(void **state)
{
	(void)state;
	for (size_t i = 0; i < NLANGUAGES; i++) {
		size_t len;
		char *text = own_text(languages[i][0], &len);
		const char *ends[] = { ". ", "。", "։", "। " };
		size_t first = len;
		for (size_t k = 0; k < sizeof(ends) / sizeof(ends[0]); k++) {
			const char *e = strstr(text, ends[k]);
			if (e && (size_t)(e - text) < first)
				first = (size_t)(e - text);
		}
		assert_true(first < len);
		expect_language(text, first, languages[i][1], languages[i][0]);
		free(text);
	}
}

/* --- the shared corpus and the seed ------------------------------------ */

/* The "language" member of a gold file, in tag (it is a flat string
 * near the top; no JSON library is needed for that). */
static bool gold_language(const char *json, char *tag, size_t size)
{
	const char *key = strstr(json, "\"language\"");
	if (!key)
		return false;
	const char *open = strchr(key + 10, '"');
	const char *close = open ? strchr(open + 1, '"') : NULL;
	if (!close || (size_t)(close - open - 1) >= size)
		return false;
	memcpy(tag, open + 1, (size_t)(close - open - 1));
	tag[close - open - 1] = '\0';
	return true;
}

static void test_langid_corpus(void **state)
{
	(void)state;
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/../shared/corpus/gold", top_srcdir());
	DIR *d = opendir(dir);
	if (!d)
		skip();
	size_t checked = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		char path[8192];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		size_t len;
		char *json = slurp(path, &len);
		assert_non_null(json);
		char want[32];
		assert_true(gold_language(json, want, sizeof(want)));
		free(json);
		/* The document is the gold file's name with the extension
		 * its corpus copy has. */
		char *text = NULL;
		const char *exts[] = { ".txt", ".md" };
		for (size_t k = 0; k < 2 && !text; k++) {
			snprintf(path, sizeof(path), "%s/../%.*s%s", dir,
			         (int)(n - 5), e->d_name, exts[k]);
			text = slurp(path, &len);
		}
		if (!text)
			fail_msg("no document for %s", e->d_name);
		expect_language(text, len, want, e->d_name);
		free(text);
		checked++;
	}
	closedir(d);
	/* The 14 documents of the dev set; more if it grows. */
	assert_true(checked >= 14);
}

static void test_langid_seed_bulletin(void **state)
{
	(void)state;
	char path[4096];
	snprintf(path, sizeof(path),
	         "%s/../shared/samples/bulletin-2020-10-09.txt", top_srcdir());
	size_t len;
	char *text = slurp(path, &len);
	if (!text)
		skip();
	expect_language(text, len, "en", "bulletin-2020-10-09.txt");
	free(text);
}

/* --- what must not sway it ---------------------------------------------- */

/* Short Chinese items buried in link syntax and long ASCII addresses,
 * as a crawled bulletin has them: the addresses outweigh the Chinese in
 * bytes, and must not count. */
static void test_langid_links_and_markup_do_not_count(void **state)
{
	(void)state;
	static const char item[] =
		"### 市议会决定延长夜间公交服务\n\n"
		"官员表示乘客人数大幅增加。"
		"[查看原文](https://tv.cctv.com/2020/10/11/VIDEtranscriptonline"
		"newsupdatefrontpagearchiveindexlatestreport.shtml) "
		"<a href=\"http://www.example.com/the/news/of/the/day/in/english\">"
		"</a> &nbsp; **www.example.org/another/long/english/path/here**\n\n";
	char text[sizeof(item) * 4];
	text[0] = '\0';
	for (int i = 0; i < 4; i++)
		strcat(text, item);
	expect_language(text, strlen(text), "zh-Hans", "Chinese with links");
}

/* YAML front matter has English keys whatever the language below it. */
static void test_langid_front_matter_does_not_count(void **state)
{
	(void)state;
	static const char text[] =
		"---\n"
		"title: \"Nachtbusse fahren länger\"\n"
		"layout: post\n"
		"categories: [news, local, transport, city, council]\n"
		"tags: [night bus, bridge, budget, roads, passengers]\n"
		"author: the newsroom of the daily paper\n"
		"description: what the council decided on the bus service\n"
		"---\n"
		"Der Stadtrat hat am Dienstag beschlossen, den Nachtbusverkehr "
		"bis zum Jahresende zu verlängern.\n";
	expect_language(text, sizeof(text) - 1, "de", "front matter");
}

/* Invalid UTF-8 and NUL bytes among the words are separators, not a
 * reason to give up or to read past the text. */
static void test_langid_bad_bytes_inside_text(void **state)
{
	(void)state;
	size_t len;
	char *text = own_text("de", &len);
	for (size_t i = 7; i < len; i += 41)
		text[i] = (i / 41) % 2 ? '\0' : (char)0xFF;
	expect_language(text, len, "de", "German with bad bytes");
	/* Only the first len bytes count: the rest of the buffer is not
	 * read (text[len] is the NUL slurp added, and what follows a
	 * cut is a different language). */
	size_t en_len;
	char *en = own_text("en", &en_len);
	char *both = malloc(len + en_len);
	assert_non_null(both);
	memcpy(both, en, en_len);
	memcpy(both + en_len, text, len);
	expect_language(both, en_len, "en", "a prefix of the buffer");
	free(both);
	free(en);
	free(text);
}

/* --- what has no language -------------------------------------------------- */

static void test_langid_empty_and_short(void **state)
{
	(void)state;
	char tag[16];
	assert_int_equal(herald_lang_identify(NULL, 0, tag, sizeof(tag)), -1);
	assert_string_equal(tag, "und");
	expect_unknown("", 0, "empty");
	expect_unknown("Paris", 5, "one word");
	expect_unknown("Update: 12:30", 13, "a label and a time");
	expect_unknown("Берлин", strlen("Берлин"), "a Cyrillic name");
	expect_unknown("2020-10-09 12:30 +7 %%% ### *** --- 1.5 2.5 3.5 4.5",
	               50, "digits and punctuation");
	expect_unknown("   \n\n\t  \n", 9, "blank");
	expect_unknown("https://www.example.com/a/long/path/with/many/words/in/it",
	               57, "an address alone");
}

/* Bytes of every value, deterministic: no language, and no crash or
 * read outside the buffer (run under valgrind or ASan to see it). */
static void test_langid_binary(void **state)
{
	(void)state;
	size_t len = 256 * 1024;
	unsigned char *junk = malloc(len);
	assert_non_null(junk);
	unsigned long x = 12345;
	for (size_t i = 0; i < len; i++) {
		x = x * 6364136223846793005ul + 1442695040888963407ul;
		junk[i] = (unsigned char)(x >> 56);
	}
	expect_unknown((const char *)junk, len, "random bytes");
	/* Truncated sequences at the very end. */
	expect_unknown("\xE4\xB8", 2, "a cut character");
	expect_unknown("\xF0\x9F\x98", 3, "a cut emoji");
	free(junk);
}

/* Two languages in equal parts have no one language. */
static void test_langid_mixed(void **state)
{
	(void)state;
	size_t en_len, ru_len;
	char *en = own_text("en", &en_len);
	char *ru = own_text("ru", &ru_len);
	char *both = malloc(en_len + ru_len);
	assert_non_null(both);
	memcpy(both, en, en_len);
	memcpy(both + en_len, ru, ru_len);
	expect_unknown(both, en_len + ru_len, "English and Russian");
	free(both);
	/* Twice as much English: CLD2 then names Russian (it prefers
	 * another language to English when both are large), which is a
	 * guess either way. */
	both = malloc(2 * en_len + ru_len);
	assert_non_null(both);
	memcpy(both, en, en_len);
	memcpy(both + en_len, en, en_len);
	memcpy(both + 2 * en_len, ru, ru_len);
	expect_unknown(both, 2 * en_len + ru_len, "English, English, Russian");
	free(both);
	/* An English sentence quoted in a Russian text leaves it Russian. */
	static const char quote[] = " «We will keep the buses running», he said. ";
	both = malloc(3 * ru_len + sizeof(quote));
	assert_non_null(both);
	memcpy(both, ru, ru_len);
	memcpy(both + ru_len, quote, sizeof(quote) - 1);
	memcpy(both + ru_len + sizeof(quote) - 1, ru, ru_len);
	memcpy(both + 2 * ru_len + sizeof(quote) - 1, ru, ru_len);
	expect_language(both, 3 * ru_len + sizeof(quote) - 1, "ru",
	                "Russian with an English quote");
	free(both);
	free(en);
	free(ru);
}

/* The tag is never cut short: "zh-Ha" would name another language. */
static void test_langid_small_tag_buffer(void **state)
{
	(void)state;
	size_t len;
	char *zh = own_text("zh", &len);
	char tag[8];
	assert_int_equal(herald_lang_identify(zh, len, tag, 8), 0);
	assert_string_equal(tag, "zh-Hans");
	assert_int_equal(herald_lang_identify(zh, len, tag, 7), -1);
	assert_string_equal(tag, "und");
	assert_int_equal(herald_lang_identify(zh, len, tag, 1), -1);
	assert_string_equal(tag, "");
	/* No buffer at all: only the answer's kind. */
	assert_int_equal(herald_lang_identify(zh, len, NULL, 0), -1);
	free(zh);
}

/* --- cost -------------------------------------------------------------------- */

/* 64 MB of text, and 64 MB of digits where no sample fills up, are
 * answered right.  That the cost is bounded (a sample, a scan limit) is
 * not timed here: timings on a shared machine are noise. */
static void test_langid_cost_is_bounded(void **state)
{
	(void)state;
	size_t len;
	char *en = own_text("en", &len);
	size_t big = 64u << 20;
	char *text = malloc(big);
	assert_non_null(text);
	for (size_t i = 0; i < big; i += len)
		memcpy(text + i, en, big - i < len ? big - i : len);
	expect_language(text, big, "en", "64 MB of English");
	memset(text, '7', big);
	expect_unknown(text, big, "64 MB of digits");
	/* Openers of markup that never close, on one line: answered (the
	 * sampler looks at each once; a quadratic rescan of the line would
	 * make this test hang rather than fail a timing). */
	static const char *const openers[] = { "](", "<a", "&#1", "---\n" };
	for (size_t k = 0; k < 4; k++) {
		size_t olen = strlen(openers[k]);
		for (size_t i = 0; i + olen <= (4u << 20); i += olen)
			memcpy(text + i, openers[k], olen);
		expect_unknown(text, 4u << 20, openers[k]);
	}
	free(text);
	free(en);
}

/* --- threads -------------------------------------------------------------- */

typedef struct {
	char *texts[NLANGUAGES];
	size_t lens[NLANGUAGES];
	int wrong;
	int offset;
} thread_job;

static void *identify_all(void *arg)
{
	thread_job *job = arg;
	for (int round = 0; round < 20; round++)
		for (size_t k = 0; k < NLANGUAGES; k++) {
			size_t i = (k + (size_t)job->offset) % NLANGUAGES;
			char tag[32];
			herald_lang_identify(job->texts[i], job->lens[i], tag,
			                     sizeof(tag));
			if (strcmp(tag, languages[i][1]) != 0)
				job->wrong++;
		}
	return NULL;
}

/* Eight threads at once, each starting at a different language, get
 * what one thread gets. */
static void test_langid_threads(void **state)
{
	(void)state;
	enum { NTHREADS = 8 };
	thread_job jobs[NTHREADS];
	pthread_t threads[NTHREADS];
	char *texts[NLANGUAGES];
	size_t lens[NLANGUAGES];
	for (size_t i = 0; i < NLANGUAGES; i++)
		texts[i] = own_text(languages[i][0], &lens[i]);
	for (int t = 0; t < NTHREADS; t++) {
		memcpy(jobs[t].texts, texts, sizeof(texts));
		memcpy(jobs[t].lens, lens, sizeof(lens));
		jobs[t].wrong = 0;
		jobs[t].offset = t * 3;
		assert_int_equal(pthread_create(&threads[t], NULL, identify_all,
		                                &jobs[t]), 0);
	}
	for (int t = 0; t < NTHREADS; t++) {
		assert_int_equal(pthread_join(threads[t], NULL), 0);
		assert_int_equal(jobs[t].wrong, 0);
	}
	for (size_t i = 0; i < NLANGUAGES; i++)
		free(texts[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_langid_own_texts),
		cmocka_unit_test(test_langid_first_sentence),
		cmocka_unit_test(test_langid_corpus),
		cmocka_unit_test(test_langid_seed_bulletin),
		cmocka_unit_test(test_langid_links_and_markup_do_not_count),
		cmocka_unit_test(test_langid_front_matter_does_not_count),
		cmocka_unit_test(test_langid_bad_bytes_inside_text),
		cmocka_unit_test(test_langid_empty_and_short),
		cmocka_unit_test(test_langid_binary),
		cmocka_unit_test(test_langid_mixed),
		cmocka_unit_test(test_langid_small_tag_buffer),
		cmocka_unit_test(test_langid_cost_is_bounded),
		cmocka_unit_test(test_langid_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
