/* test_helpers.c - the plugin author's helpers: the growable buffer
 * (herald/buffer.h), CSV, XML and URL escaping and the writers' sink
 * (herald/escape.h), the const walker, a block's sentences and its text
 * as one line (herald/walk.h). */
#define _GNU_SOURCE   /* fopencookie, open_memstream */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <herald/buffer.h>
#include <herald/escape.h>
#include <herald/walk.h>

static void test_buffer_appends_and_takes(void **state)
{
	herald_buf b = HERALD_BUF_INIT;
	assert_int_equal(herald_buf_puts(&b, "ab"), HERALD_OK);
	assert_int_equal(herald_buf_append(&b, "c\0d", 3), HERALD_OK);
	assert_int_equal(herald_buf_putc(&b, 'e'), HERALD_OK);
	assert_int_equal(b.len, 6);
	assert_memory_equal(b.data, "abc\0de", 7);   /* NUL-terminated */
	herald_buf_truncate(&b, 2);
	assert_string_equal(b.data, "ab");
	size_t len;
	char *s = herald_buf_take(&b, &len);
	assert_string_equal(s, "ab");
	assert_int_equal(len, 2);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	free(s);
	/* An empty buffer gives "", not NULL. */
	s = herald_buf_take(&b, NULL);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void test_buffer_printf_short_and_long(void **state)
{
	herald_buf b = HERALD_BUF_INIT;
	herald_buf_printf(&b, "%s=%d;", "n", 42);
	char big[1000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	herald_buf_printf(&b, "[%s]", big);   /* past the stack buffer */
	assert_int_equal(b.len, 5 + 1001);
	assert_memory_equal(b.data, "n=42;[xxx", 9);
	assert_string_equal(b.data + b.len - 3, "xx]");
	herald_buf_clear(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	herald_buf_free(&b);
	assert_null(b.data);
}

static void test_buffer_failure_is_sticky(void **state)
{
	herald_buf b = HERALD_BUF_INIT;
	herald_buf_puts(&b, "kept");
	/* A size that cannot be allocated fails, and so does what follows. */
	assert_int_equal(herald_buf_reserve(&b, (size_t)-1 / 2), HERALD_ENOMEM);
	assert_true(herald_buf_failed(&b));
	assert_int_equal(herald_buf_puts(&b, "more"), HERALD_ENOMEM);
	assert_string_equal(b.data, "kept");
	assert_null(herald_buf_take(&b, NULL));
	assert_null(b.data);
	assert_false(herald_buf_failed(&b));
}

static double cpu_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double time_appends(size_t n)
{
	double start = cpu_seconds();
	for (int round = 0; round < 5; round++) {
		herald_buf b = HERALD_BUF_INIT;
		for (size_t i = 0; i < n; i++)
			herald_buf_putc(&b, 'x');
		assert_int_equal(b.len, n);
		herald_buf_free(&b);
	}
	return cpu_seconds() - start;
}

/* Byte by byte, appending n bytes costs O(n): twice as many, not four
 * times the CPU time (a generous bound). */
static void test_buffer_growth_is_linear(void **state)
{
	size_t n = 4u << 20;
	double t1 = time_appends(n), t2 = time_appends(2 * n);
	assert_true(t2 < 3.5 * t1 + 0.05);
}

static char *escaped(int (*escape)(herald_buf *, const char *, size_t),
                     const char *s, size_t n)
{
	herald_buf b = HERALD_BUF_INIT;
	herald_buf_puts(&b, "<");
	assert_int_equal(escape(&b, s, n), HERALD_OK);
	herald_buf_puts(&b, ">");
	return herald_buf_take(&b, NULL);
}

#define assert_escaped(fn, in, n, want) do { \
		char *got_ = escaped(fn, in, n); \
		assert_string_equal(got_, want); \
		free(got_); \
	} while (0)

static void test_escape_csv(void **state)
{
	assert_escaped(herald_escape_csv, "plain text é", HERALD_CSTR,
	               "<plain text é>");
	assert_escaped(herald_escape_csv, "a,b", HERALD_CSTR, "<\"a,b\">");
	assert_escaped(herald_escape_csv, "say \"hi\"", HERALD_CSTR,
	               "<\"say \"\"hi\"\"\">");
	assert_escaped(herald_escape_csv, "\"", HERALD_CSTR, "<\"\"\"\">");
	assert_escaped(herald_escape_csv, "two\nlines", HERALD_CSTR,
	               "<\"two\nlines\">");
	assert_escaped(herald_escape_csv, "cr\r", HERALD_CSTR, "<\"cr\r\">");
	assert_escaped(herald_escape_csv, "a,bcd", 1, "<a>");   /* n bytes */
	assert_escaped(herald_escape_csv, NULL, HERALD_CSTR, "<>");
	assert_escaped(herald_escape_csv, "", HERALD_CSTR, "<>");
}

static void test_escape_xml(void **state)
{
	assert_escaped(herald_escape_xml_text, "a<b & c>d \"q\" 'a'",
	               HERALD_CSTR, "<a&lt;b &amp; c&gt;d \"q\" 'a'>");
	assert_escaped(herald_escape_xml_attr, "a<b & c>d \"q\" 'a'",
	               HERALD_CSTR,
	               "<a&lt;b &amp; c&gt;d &quot;q&quot; &apos;a&apos;>");
	assert_escaped(herald_escape_xml_text, "t\tn\nr\r", HERALD_CSTR,
	               "<t\tn\nr\r>");
	assert_escaped(herald_escape_xml_attr, "t\tn\nr\r", HERALD_CSTR,
	               "<t&#9;n&#10;r&#13;>");
	/* Controls XML cannot hold, not even as references. */
	assert_escaped(herald_escape_xml_text, "a\x01" "b\x1b", HERALD_CSTR,
	               "<a\xEF\xBF\xBD" "b\xEF\xBF\xBD>");
	assert_escaped(herald_escape_xml_text, "Zürich ✓", HERALD_CSTR,
	               "<Zürich ✓>");
	assert_escaped(herald_escape_xml_text, NULL, 0, "<>");
}

static void test_escape_url_segment(void **state)
{
	assert_escaped(herald_escape_url_segment, "day-1_a.b~c", HERALD_CSTR,
	               "<day-1_a.b~c>");
	assert_escaped(herald_escape_url_segment, "a b/c?d#e%f", HERALD_CSTR,
	               "<a%20b%2Fc%3Fd%23e%25f>");
	assert_escaped(herald_escape_url_segment, "(x)!*'@", HERALD_CSTR,
	               "<%28x%29%21%2A%27%40>");
	assert_escaped(herald_escape_url_segment, "é", HERALD_CSTR, "<%C3%A9>");
	assert_escaped(herald_escape_url_segment, "a\0b", 3, "<a%00b>");
}

/* --- walk.h -------------------------------------------------------------- */

/* A document: an item whose paragraph is segmented into two sentences
 * (whitespace between them), and an unsegmented paragraph with a soft
 * break, a line break, and emphasis. */
static herald_doc *sample(herald_node **segmented, herald_node **plain)
{
	herald_doc *doc = herald_doc_new();
	herald_node *item = herald_node_new(doc, HERALD_NODE_ITEM);
	herald_node *p1 = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
	herald_node *s1 = herald_node_new(doc, HERALD_NODE_SENTENCE);
	herald_node *s2 = herald_node_new(doc, HERALD_NODE_SENTENCE);
	herald_node_append_child(herald_doc_root(doc), item);
	herald_node_append_child(item, p1);
	herald_node_append_child(p1, s1);
	herald_node_append_child(s1, herald_node_new_text(doc, "One.", 4));
	herald_node_append_child(p1, herald_node_new_text(doc, " ", 1));
	herald_node_append_child(p1, s2);
	herald_node_append_child(s2, herald_node_new_text(doc, "Two\nthree.", 10));
	herald_node *p2 = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
	herald_node *em = herald_node_new(doc, HERALD_NODE_EMPH);
	herald_node_append_child(herald_doc_root(doc), p2);
	herald_node_append_child(p2, herald_node_new_text(doc, "soft\nbreak ", 11));
	herald_node_append_child(p2, em);
	herald_node_append_child(em, herald_node_new_text(doc, "em", 2));
	herald_node_append_child(p2, herald_node_new(doc, HERALD_NODE_LINEBREAK));
	/* No space between two CJK characters across a soft break. */
	herald_node_append_child(p2, herald_node_new_text(doc, "東\n京", 7));
	*segmented = p1;
	*plain = p2;
	return doc;
}

static void test_walk_const_walker_matches_walker(void **state)
{
	herald_node *p1, *p2;
	herald_doc *doc = sample(&p1, &p2);
	const herald_doc *cdoc = doc;
	herald_walker w;
	herald_const_walker cw;
	herald_walker_init(&w, herald_doc_root(doc));
	herald_const_walker_init(&cw, herald_doc_root(cdoc));
	size_t events = 0;
	for (;;) {
		herald_walk_event e = herald_walker_next(&w);
		herald_walk_event ce = herald_const_walker_next(&cw);
		assert_int_equal(e, ce);
		if (e == HERALD_WALK_DONE)
			break;
		assert_ptr_equal(w.node, cw.node);
		events++;
	}
	assert_int_equal(events, 2 * 7 + 7);   /* 7 containers, 7 leaves */
	assert_int_equal(herald_const_walker_next(&cw), HERALD_WALK_DONE);
	/* A walk from a leaf reports it once. */
	herald_const_walker_init(&cw, herald_node_first_child(p2));
	assert_int_equal(herald_const_walker_next(&cw), HERALD_WALK_ENTER);
	assert_int_equal(herald_const_walker_next(&cw), HERALD_WALK_DONE);
	herald_doc_free(doc);
}

static void test_walk_sentences_or_the_block(void **state)
{
	herald_node *p1, *p2;
	herald_doc *doc = sample(&p1, &p2);
	const herald_node *s = herald_block_first_sentence(p1);
	assert_int_equal(herald_node_type_of(s), HERALD_NODE_SENTENCE);
	assert_string_equal(herald_node_text(herald_node_first_child(s)), "One.");
	s = herald_block_next_sentence(p1, s);
	assert_int_equal(herald_node_type_of(s), HERALD_NODE_SENTENCE);
	assert_null(herald_block_next_sentence(p1, s));
	/* Unsegmented: the block itself, once. */
	assert_ptr_equal(herald_block_first_sentence(p2), p2);
	assert_null(herald_block_next_sentence(p2, p2));
	assert_null(herald_block_first_sentence(NULL));
	herald_doc_free(doc);
}

static void test_walk_text_with_soft_breaks_as_spaces(void **state)
{
	herald_node *p1, *p2;
	herald_doc *doc = sample(&p1, &p2);
	char *t = herald_node_collect_text(p2, 0);
	assert_string_equal(t, "soft\nbreak em\n東\n京");
	free(t);
	t = herald_node_plain_text(p2);   /* the same as flags 0 */
	assert_string_equal(t, "soft\nbreak em\n東\n京");
	free(t);
	t = herald_node_collect_text(p2, HERALD_SOFT_BREAK_SPACE);
	assert_string_equal(t, "soft break em\n東京");
	free(t);
	t = herald_node_collect_text(p2, HERALD_SOFT_BREAK_SPACE |
	                                 HERALD_LINE_BREAK_SPACE);
	assert_string_equal(t, "soft break em 東京");
	free(t);
	t = herald_node_collect_text(p1, HERALD_SOFT_BREAK_SPACE);
	assert_string_equal(t, "One. Two three.");
	free(t);
	/* Appending adds to what the buffer holds; no text gives "". */
	herald_buf b = HERALD_BUF_INIT;
	herald_buf_puts(&b, "> ");
	assert_int_equal(herald_buf_append_node_text(&b,
	        herald_block_first_sentence(p1), HERALD_SOFT_BREAK_SPACE), HERALD_OK);
	assert_string_equal(b.data, "> One.");
	herald_buf_free(&b);
	herald_node *empty = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
	t = herald_node_collect_text(empty, HERALD_SOFT_BREAK_SPACE);
	assert_string_equal(t, "");
	free(t);
	herald_doc_free(doc);
}

/* --- the sink --------------------------------------------------------------- */

static const char *const sink_refs[] = { NULL, "&amp;", "&lt;", "[NL]" };
static const herald_escapes sink_xml = {
	.index = { ['&'] = 1, ['<'] = 2, ['\n'] = 3 }, .with = sink_refs
};

/* What the sink should make of s[0..n), byte by byte. */
static char *escaped_slowly(const char *s, size_t n, size_t *len)
{
	herald_buf b = HERALD_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		unsigned char k = sink_xml.index[(unsigned char)s[i]];
		if (k)
			herald_buf_puts(&b, sink_xml.with[k]);
		else
			herald_buf_append(&b, s + i, 1);
	}
	return herald_buf_take(&b, len);
}

/* Pseudo-random text, specials included, longer than the sink's buffer. */
static char *sink_text(size_t n)
{
	static const char alphabet[] = "ab cd&<\né\t.";
	char *s = malloc(n + 1);
	unsigned long x = 12345;
	assert_non_null(s);
	for (size_t i = 0; i < n; i++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		s[i] = alphabet[(x >> 33) % (sizeof(alphabet) - 1)];
	}
	s[n] = '\0';
	return s;
}

static void test_escape_span_stops_at_each_special(void **state)
{
	(void)state;
	char *s = sink_text(3000);
	for (size_t from = 0; from < 200; from++) {
		size_t want = from;
		while (want < 3000 && !sink_xml.index[(unsigned char)s[want]])
			want++;
		assert_int_equal(from + herald_escape_span(&sink_xml, s + from,
		                                           3000 - from), want);
	}
	assert_int_equal(herald_escape_span(&sink_xml, "plain", 5), 5);
	assert_int_equal(herald_escape_span(&sink_xml, "0123456789ab<", 13), 12);
	assert_int_equal(herald_escape_span(&sink_xml, "a<b", 1), 1);  /* n bytes */
	free(s);
}

/* Held and streamed, in pieces of every size (a piece larger than the
 * buffer included), the bytes are those of escaping byte by byte. */
static void test_sink_held_and_streamed_alike(void **state)
{
	(void)state;
	size_t n = 300000, want_len;
	char *s = sink_text(n);
	char *want = escaped_slowly(s, n, &want_len);
	herald_sink held;
	assert_int_equal(herald_sink_init(&held, NULL), HERALD_OK);
	char *streamed = NULL;
	size_t streamed_len = 0;
	FILE *mem = open_memstream(&streamed, &streamed_len);
	assert_non_null(mem);
	herald_sink out;
	assert_int_equal(herald_sink_init(&out, mem), HERALD_OK);
	size_t sizes[] = { 1, 7, 64, 1000, 70000, 100000 };
	for (size_t at = 0, k = 0; at < n; k++) {
		size_t piece = sizes[k % 6] < n - at ? sizes[k % 6] : n - at;
		herald_sink_escaped(&held, s + at, piece, &sink_xml);
		herald_sink_escaped(&out, s + at, piece, &sink_xml);
		at += piece;
	}
	herald_sink_put(&held, "<end>", 5);
	herald_sink_puts(&out, "<end>");
	assert_int_equal(herald_sink_finish(&held), HERALD_OK);
	assert_int_equal(herald_sink_finish(&out), HERALD_OK);
	fclose(mem);
	assert_int_equal(held.len, want_len + 5);
	assert_memory_equal(held.data, want, want_len);
	assert_memory_equal(held.data + want_len, "<end>", 5);
	assert_int_equal(streamed_len, held.len);
	assert_memory_equal(streamed, held.data, held.len);
	herald_sink_release(&held);
	herald_sink_release(&out);
	free(streamed);
	free(want);
	free(s);
}

/* A NUL-terminated string (HERALD_CSTR) comes out as with its length,
 * whatever its length and wherever its specials stand; NULL is "". */
static void test_sink_escapes_c_strings(void **state)
{
	(void)state;
	char *s = sink_text(2000);
	for (size_t n = 0; n < 40; n++) {
		char saved = s[n];
		s[n] = '\0';
		size_t want_len;
		char *want = escaped_slowly(s, n, &want_len);
		herald_sink held;
		assert_int_equal(herald_sink_init(&held, NULL), HERALD_OK);
		herald_sink_escaped(&held, s, HERALD_CSTR, &sink_xml);
		assert_int_equal(held.len, want_len);
		assert_memory_equal(held.data, want, want_len);
		herald_sink_release(&held);
		free(want);
		s[n] = saved;
	}
	herald_sink held;
	assert_int_equal(herald_sink_init(&held, NULL), HERALD_OK);
	herald_sink_escaped(&held, NULL, HERALD_CSTR, &sink_xml);
	herald_sink_escaped(&held, "a&b\n", HERALD_CSTR, &sink_xml);
	assert_int_equal(held.len, strlen("a&amp;b[NL]"));
	assert_memory_equal(held.data, "a&amp;b[NL]", held.len);
	herald_sink_release(&held);
	free(s);
}

/* A stream that takes limit bytes, then fails as a full disk does. */
static ssize_t full_after(void *cookie, const char *buf, size_t len)
{
	size_t *room = cookie;
	(void)buf;
	if (*room < len) {
		errno = ENOSPC;
		return -1;
	}
	*room -= len;
	return (ssize_t)len;
}

static void test_sink_failure_is_sticky(void **state)
{
	(void)state;
	size_t room = 100000;
	FILE *f = fopencookie(&room, "w",
	                      (cookie_io_functions_t){ .write = full_after });
	assert_non_null(f);
	setvbuf(f, NULL, _IONBF, 0);
	herald_sink out;
	assert_int_equal(herald_sink_init(&out, f), HERALD_OK);
	char *s = sink_text(300000);
	herald_sink_escaped(&out, s, 300000, &sink_xml);
	assert_true(out.failed);
	assert_int_equal(out.write_errno, ENOSPC);
	size_t left = room;
	herald_sink_puts(&out, "more");
	assert_int_equal(herald_sink_finish(&out), HERALD_EIO);
	assert_int_equal(room, left);           /* nothing reached it after */
	herald_sink_release(&out);
	fclose(f);
	/* a writer's own failure (0: memory) stops a sink too */
	assert_int_equal(herald_sink_init(&out, NULL), HERALD_OK);
	herald_sink_puts(&out, "kept");
	herald_sink_fail(&out, 0);
	herald_sink_fail(&out, EIO);             /* the first one counts */
	herald_sink_write(&out, s, 300000);
	assert_int_equal(herald_sink_finish(&out), HERALD_ENOMEM);
	assert_int_equal(out.len, 4);
	herald_sink_release(&out);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buffer_appends_and_takes),
		cmocka_unit_test(test_buffer_printf_short_and_long),
		cmocka_unit_test(test_buffer_failure_is_sticky),
		cmocka_unit_test(test_buffer_growth_is_linear),
		cmocka_unit_test(test_escape_csv),
		cmocka_unit_test(test_escape_xml),
		cmocka_unit_test(test_escape_url_segment),
		cmocka_unit_test(test_escape_span_stops_at_each_special),
		cmocka_unit_test(test_sink_held_and_streamed_alike),
		cmocka_unit_test(test_sink_escapes_c_strings),
		cmocka_unit_test(test_sink_failure_is_sticky),
		cmocka_unit_test(test_walk_const_walker_matches_walker),
		cmocka_unit_test(test_walk_sentences_or_the_block),
		cmocka_unit_test(test_walk_text_with_soft_breaks_as_spaces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
