/* casefile.c - the case files of tests/segment (format at the top of
 * cases.txt), read and run against a rule set.  Shared by test_cases
 * (English, with and without a user's list) and test_lang (one file per
 * language pack). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

typedef struct buf {
	char *s;
	size_t len, cap;
} buf;

static void
buf_add(buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		if ((b->s = realloc(b->s, b->cap)) == NULL) {
			perror("realloc");
			exit(99);
		}
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

char *
casefile_read(const char *name, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	FILE *f = NULL;
	buf b = { 0 };
	char chunk[65536];
	size_t n;

	if (top != NULL && name[0] != '/') {
		snprintf(path, sizeof path, "%s/tests/segment/%s", top, name);
		f = fopen(path, "rb");
	}
	if (f == NULL && (f = fopen(name, "rb")) == NULL) {
		perror(name);
		exit(99);
	}
	buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return b.s;
}

/* Undo the escapes of a case line: \n \t \s (a space) \\. */
static void
unescape_into(buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\\' && i + 1 < n) {
			c = s[++i];
			c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 's' ? ' ' : c;
		}
		buf_add(b, &c, 1);
	}
}

typedef struct tcase {
	unsigned long line;
	buf input;
	buf expected;            /* sentences, each ending in '\0' */
	size_t nexpected;
	int explicit_input;
} tcase;

static const char *
show(const char *s, size_t n, buf *tmp)
{
	size_t i;

	tmp->len = 0;
	buf_add(tmp, "", 0);
	for (i = 0; i < n; i++)
		if (s[i] == '\n')
			buf_add(tmp, "\\n", 2);
		else
			buf_add(tmp, s + i, 1);
	return tmp->s;
}

/* Spans must be ordered, not overlap, and leave only space between. */
const char *
casefile_check_spans(const char *s, size_t len, const sbd_result *r)
{
	size_t i, prev = 0, k;

	for (i = 0; i < r->count; i++) {
		if (r->spans[i].start < prev || r->spans[i].end <= r->spans[i].start ||
		    r->spans[i].end > len)
			return "spans out of order";
		for (k = prev; k < r->spans[i].start; k++)
			if (!strchr(" \t\n\r\f\v", s[k]) && (unsigned char)s[k] < 0x80)
				return "non-space text outside every sentence";
		prev = r->spans[i].end;
	}
	for (k = prev; k < len; k++)
		if (!strchr(" \t\n\r\f\v", s[k]) && (unsigned char)s[k] < 0x80)
			return "non-space text after the last sentence";
	return NULL;
}

static int
run_case(const sbd_rules *rules, tcase *c, const char *category,
         sbd_result *r)
{
	buf tmp = { 0 };
	const char *e = c->expected.s, *why;
	size_t i;
	int ok;

	if (sbd_split(rules, c->input.s, c->input.len, r) != 0) {
		printf("line %lu: out of memory\n", c->line);
		return 0;
	}
	ok = r->count == c->nexpected;
	for (i = 0; ok && i < r->count; i++, e += strlen(e) + 1)
		ok = strlen(e) == r->spans[i].end - r->spans[i].start &&
		     memcmp(e, c->input.s + r->spans[i].start, strlen(e)) == 0;
	why = casefile_check_spans(c->input.s, c->input.len, r);
	if (ok && why == NULL) {
		free(tmp.s);
		return 1;
	}
	printf("FAIL line %lu [%s]%s%s\n  input: %s\n", c->line, category,
	       why ? ": " : "", why ? why : "",
	       show(c->input.s, c->input.len, &tmp));
	for (i = 0, e = c->expected.s; i < c->nexpected; i++, e += strlen(e) + 1)
		printf("  - %s\n", show(e, strlen(e), &tmp));
	for (i = 0; i < r->count; i++)
		printf("  + %s\n", show(c->input.s + r->spans[i].start,
		                        r->spans[i].end - r->spans[i].start, &tmp));
	free(tmp.s);
	return 0;
}

static void
case_reset(tcase *c, unsigned long line)
{
	c->line = line;
	c->input.len = c->expected.len = 0;
	c->nexpected = 0;
	c->explicit_input = 0;
	buf_add(&c->input, "", 0);
	buf_add(&c->expected, "", 0);
}

/* Input defaults to the expected sentences joined by one space. */
static void
case_finish(tcase *c)
{
	const char *e = c->expected.s;
	size_t i;

	if (c->explicit_input)
		return;
	for (i = 0; i < c->nexpected; i++, e += strlen(e) + 1) {
		if (i > 0)
			buf_add(&c->input, " ", 1);
		buf_add(&c->input, e, strlen(e));
	}
}

/* Run every case of the file cases; returns the number that failed, and
 * adds to *passed. */
size_t
casefile_run(const sbd_rules *rules, const char *cases, size_t *passed)
{
	sbd_result r = { 0 };
	tcase c = { 0 };
	char category[128] = "none";
	size_t len, failed = 0;
	char *text, *p, *eol;
	unsigned long line = 0;
	int in_case = 0;

	text = casefile_read(cases, &len);
	for (p = text; p <= text + len; p = eol + 1) {
		size_t n;

		if ((eol = memchr(p, '\n', (size_t)(text + len - p))) == NULL)
			eol = text + len;
		n = (size_t)(eol - p);
		line++;
		if (n > 0 && p[0] == '#')
			continue;
		if (n == 0 || (n >= 2 && p[0] == '@' && p[1] == ' ')) {
			if (in_case) {
				case_finish(&c);
				if (run_case(rules, &c, category, &r))
					(*passed)++;
				else
					failed++;
			}
			in_case = 0;
			if (n > 2 && p[0] == '@')
				snprintf(category, sizeof category, "%s: %.*s",
				         cases, (int)(n - 2), p + 2);
			continue;
		}
		if (!in_case)
			case_reset(&c, line);
		in_case = 1;
		if (n >= 2 && p[0] == '<' && p[1] == ' ') {
			if (c.explicit_input)
				buf_add(&c.input, "\n", 1);
			c.explicit_input = 1;
			unescape_into(&c.input, p + 2, n - 2);
		} else {
			if (n >= 2 && p[0] == '>' && p[1] == ' ') {
				p += 2;
				n -= 2;
			}
			unescape_into(&c.expected, p, n);
			buf_add(&c.expected, "", 1);
			c.nexpected++;
		}
	}
	free(text);
	free(c.input.s);
	free(c.expected.s);
	sbd_result_release(&r);
	return failed;
}

