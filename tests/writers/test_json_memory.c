/* test_json_memory.c - the json reader's memory grows like its input and
 * stays a small multiple of it.
 *
 * A whole jansson tree of a segmented document took some 14 times the
 * JSON's size on top of the model (issue 15: 15 MB of JSON, 390 MB);
 * the reader now streams the document node by node.  Each size is read
 * in a child process, which reports how far reading raised its peak
 * resident size (ru_maxrss) above what it had before, so no earlier test
 * leaves a peak behind.  Generous bounds: what the model itself needs is
 * about 3 times this JSON; the growth from n to 2n must look linear.
 * Not judged under AddressSanitizer, whose quarantine keeps freed memory
 * resident. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "support.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* Compact JSON as `-x segment -t json:pretty=false` writes it: n
 * paragraphs of three sentences, with the spaces between them. */
static char *segmented_json(size_t n, size_t *size)
{
	static const char head[] = "{\"herald\":2,\"root\":{\"type\":\"document\","
	                           "\"children\":[";
	static const char sentence[] = "{\"type\":\"sentence\",\"line\":%zu,"
		"\"column\":%d,\"children\":[{\"type\":\"text\",\"line\":%zu,"
		"\"column\":%d,\"text\":\"Words of sentence %d.\"}]}";
	static const char space[] = ",{\"type\":\"text\",\"text\":\" \"},";
	size_t cap = 700 * n + 64, len = 0;
	char *json = malloc(cap);

	assert_non_null(json);
	len += (size_t)snprintf(json + len, cap - len, "%s", head);
	for (size_t i = 0; i < n; i++) {
		len += (size_t)snprintf(json + len, cap - len, "%s{\"type\":"
		                        "\"paragraph\",\"id\":\"p%zu\",\"line\":%zu,"
		                        "\"column\":1,\"children\":[", i ? "," : "",
		                        i + 1, 2 * i + 1);
		for (int s = 0; s < 3; s++) {
			/* the spaces between sentences, as the segmenter
			 * leaves them */
			if (s > 0)
				len += (size_t)snprintf(json + len, cap - len, "%s",
				                        space);
			len += (size_t)snprintf(json + len, cap - len, sentence,
			                        2 * i + 1, 1 + 21 * s, 2 * i + 1,
			                        1 + 21 * s, s + 1);
		}
		len += (size_t)snprintf(json + len, cap - len, "]}");
		assert_true(len < cap);
	}
	len += (size_t)snprintf(json + len, cap - len, "]}}");
	*size = len;
	return json;
}

static long peak_kb(void)
{
	struct rusage ru;

	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

/* In a child: how many KB reading n paragraphs raised the peak, and the
 * JSON's size in KB. */
static void measure(size_t n, long *grown_kb, long *json_kb)
{
	int fds[2];
	long result[2];
	pid_t pid;
	int status;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		size_t size;
		char *json;
		long before;
		herald_doc *doc;

		close(fds[0]);
		(void)wt_registry();            /* the plugins, loaded first */
		json = segmented_json(n, &size);
		before = peak_kb();
		doc = wt_read_data("json", "big.json", json, size);
		result[0] = peak_kb() - before;
		result[1] = (long)(size / 1024);
		/* the document is whole: n paragraphs */
		{
			size_t count = 0;
			for (herald_node *p = herald_node_first_child(
			             herald_doc_root(doc)); p; p = herald_node_next(p))
				count++;
			if (count != n)
				_exit(3);
		}
		if (write(fds[1], result, sizeof result) != sizeof result)
			_exit(2);
		_exit(0);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], result, sizeof result), sizeof result);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	*grown_kb = result[0];
	*json_kb = result[1];
}

static void test_json_reader_memory_is_linear(void **state)
{
	long grown1, size1, grown2, size2;

	(void)state;
#ifdef UNDER_ASAN
	skip();
#endif
	if (!wt_have("json", HERALD_ROLE_READER))
		skip();
	measure(20000, &grown1, &size1);
	measure(40000, &grown2, &size2);
	fprintf(stderr, "# json reader: %ld KB of JSON raise the peak by %ld KB; "
	        "%ld KB by %ld KB\n", size1, grown1, size2, grown2);
	/* a small multiple of the input (the tree took about 14 times) */
	if (grown2 > 6 * size2 + 8192)
		fail_msg("reading %ld KB of JSON took %ld KB more", size2, grown2);
	/* and linear in it */
	if (grown2 > 3 * grown1 + 8192)
		fail_msg("twice the JSON took %ld KB instead of %ld KB", grown2,
		         grown1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_reader_memory_is_linear),
	};

	return cmocka_run_group_tests_name("json memory", tests, NULL, NULL);
}
