/* plugins/bulletin/text.c - characters, and turning raw bytes into text.
 *
 * The decoder is the only place that looks at raw input: after it, every
 * other part of the reader may assume valid UTF-8 with '\n' line ends and
 * no control characters but '\n'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bulletin.h"

/* Warnings of one kind after which the rest are only counted: a file of
 * garbage must not make the diagnostics grow with it. */
#define WARNINGS_SHOWN 100

unsigned long herald_bulletin_cp(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t need = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
	unsigned long cp;

	if (need > n)   /* cannot happen on decoded text; stay safe anyway */
		need = 1;
	*len = need;
	switch (need) {
	case 1:
		return u[0];
	case 2:
		return ((u[0] & 0x1FUL) << 6) | (u[1] & 0x3F);
	case 3:
		cp = ((u[0] & 0x0FUL) << 12) | ((u[1] & 0x3FUL) << 6);
		return cp | (u[2] & 0x3F);
	default:
		cp = ((u[0] & 0x07UL) << 18) | ((u[1] & 0x3FUL) << 12);
		return cp | ((u[2] & 0x3FUL) << 6) | (u[3] & 0x3F);
	}
}

unsigned long herald_bulletin_cp_before(const char *s, size_t n, size_t *len)
{
	size_t back = 1;

	while (back < n && back < 4 &&
	       ((unsigned char)s[n - back] & 0xC0) == 0x80)
		back++;
	return herald_bulletin_cp(s + n - back, back, len);
}

bool herald_bulletin_is_space(unsigned long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v' ||
	       cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000 || cp == 0xFEFF;
}

bool herald_bulletin_is_dash(unsigned long cp)
{
	return cp == '-' || (cp >= 0x2012 && cp <= 0x2015);
}

bool herald_bulletin_is_closer(unsigned long cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
	       cp == 0xBB || cp == 0x2019 || cp == 0x201D || cp == 0x203A;
}

/* A letter or a digit, roughly: ASCII alphanumerics, and every code point
 * from U+00C0 on that is not punctuation or a symbol in the common
 * blocks.  Enough to tell words from dashes and bullets. */
static bool is_wordish(unsigned long cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' &&
		                                    (cp | 0x20) <= 'z');
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
	if (cp >= 0x2000 && cp <= 0x2BFF)
		return false;
	if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F))
		return false;
	return cp != 0xFFFD && cp != 0xFEFF;
}

size_t herald_bulletin_cp_count(const char *s, size_t n)
{
	size_t count = 0;

	for (size_t i = 0; i < n; i++)
		count += ((unsigned char)s[i] & 0xC0) != 0x80;
	return count;
}

size_t herald_bulletin_skip_space(const char *s, size_t n, unsigned long *cols)
{
	size_t i = 0, len;

	while (i < n && herald_bulletin_is_space(herald_bulletin_cp(s + i, n - i,
	                                                            &len))) {
		i += len;
		if (cols)
			(*cols)++;
	}
	return i;
}

size_t herald_bulletin_trim_end(const char *s, size_t n)
{
	size_t len;

	while (n > 0 && herald_bulletin_is_space(herald_bulletin_cp_before(s, n,
	                                                                   &len)))
		n -= len;
	return n;
}

size_t herald_bulletin_word_count(const char *s, size_t n)
{
	size_t words = 0, i = 0, len;
	bool in_token = false, counted = false;

	while (i < n) {
		unsigned long cp = herald_bulletin_cp(s + i, n - i, &len);

		if (cp == '\n' || herald_bulletin_is_space(cp)) {
			in_token = false;
		} else {
			if (!in_token)
				counted = false;
			in_token = true;
			if (!counted && is_wordish(cp)) {
				words++;
				counted = true;
			}
		}
		i += len;
	}
	return words;
}

/* --- decoding ----------------------------------------------------------- */

typedef struct decoder {
	char *out;
	size_t len, cap;
	unsigned long line, col;      /* of the byte being looked at */
	bool repair;
	size_t bad_shown, bad_hidden; /* invalid UTF-8 and NUL warnings */
	size_t ctl_shown, ctl_hidden; /* control character warnings */
	herald_diag *diag;
} decoder;

static int put(decoder *d, const void *bytes, size_t n)
{
	if (d->cap - d->len < n + 1) {
		size_t cap = d->cap;

		while (cap - d->len < n + 1) {
			if (cap > SIZE_MAX / 2)
				return HERALD_ENOMEM;
			cap *= 2;
		}
		char *grown = realloc(d->out, cap);
		if (!grown)
			return HERALD_ENOMEM;
		d->out = grown;
		d->cap = cap;
	}
	memcpy(d->out + d->len, bytes, n);
	d->len += n;
	return HERALD_OK;
}

static int put_replacement(decoder *d)
{
	return put(d, "\xEF\xBF\xBD", 3);
}

/* The length of the valid UTF-8 sequence at u, or, when it is invalid,
 * minus the length of its maximal ill-formed part (Unicode 3.9, D93b):
 * the lead byte and the continuation bytes that were still possible. */
static long utf8_sequence(const unsigned char *u, size_t n)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t need, i;

	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		need = 2;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		need = 3;
		if (u[0] == 0xE0)
			lo = 0xA0;
		else if (u[0] == 0xED)   /* no surrogates */
			hi = 0x9F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		need = 4;
		if (u[0] == 0xF0)
			lo = 0x90;
		else if (u[0] == 0xF4)   /* nothing above U+10FFFF */
			hi = 0x8F;
	} else {
		return -1;
	}
	for (i = 1; i < need; i++) {
		if (i >= n || u[i] < lo || u[i] > hi)
			return -(long)i;
		lo = 0x80;
		hi = 0xBF;
	}
	return (long)need;
}

static int bad_bytes(decoder *d, const unsigned char *u, size_t n,
                     const char *what)
{
	if (!d->repair) {
		herald_diag_report(d->diag, HERALD_ERROR, d->line, d->col,
		                   "%s (byte 0x%02X); the 'repair' option "
		                   "replaces it with U+FFFD", what, u[0]);
		return HERALD_EINPUT;
	}
	if (d->bad_shown < WARNINGS_SHOWN) {
		d->bad_shown++;
		herald_diag_report(d->diag, HERALD_WARNING, d->line, d->col,
		                   "%s (%zu byte%s from 0x%02X) replaced with "
		                   "U+FFFD", what, n, n == 1 ? "" : "s", u[0]);
	} else {
		d->bad_hidden++;
	}
	return put_replacement(d);
}

static int control_char(decoder *d, unsigned char c)
{
	if (d->ctl_shown < WARNINGS_SHOWN) {
		d->ctl_shown++;
		herald_diag_report(d->diag, HERALD_WARNING, d->line, d->col,
		                   "control character U+%04X replaced with U+FFFD",
		                   c);
	} else {
		d->ctl_hidden++;
	}
	return put_replacement(d);
}

static void report_hidden(decoder *d)
{
	if (d->bad_hidden)
		herald_diag_report(d->diag, HERALD_WARNING, 0, 0,
		                   "%zu more invalid byte sequences replaced "
		                   "with U+FFFD", d->bad_hidden);
	if (d->ctl_hidden)
		herald_diag_report(d->diag, HERALD_WARNING, 0, 0,
		                   "%zu more control characters replaced with "
		                   "U+FFFD", d->ctl_hidden);
}

/* One step: the byte(s) at data[*i], advancing *i. */
static int decode_one(decoder *d, const unsigned char *data, size_t size,
                      size_t *i)
{
	const unsigned char *u = data + *i;
	unsigned char c = *u;
	int rc;

	if (c == '\n' || c == '\r') {
		*i += (c == '\r' && *i + 1 < size && u[1] == '\n') ? 2 : 1;
		d->line++;
		d->col = 1;
		return put(d, "\n", 1);
	}
	if (c < 0x80) {
		*i += 1;
		if (c == '\t' || c == '\f' || c == '\v')
			rc = put(d, " ", 1);
		else if (c == 0)
			rc = bad_bytes(d, u, 1, "NUL byte");
		else if (c < 0x20 || c == 0x7F)
			rc = control_char(d, c);
		else
			rc = put(d, u, 1);
		d->col++;
		return rc;
	}
	long seq = utf8_sequence(u, size - *i);
	if (seq > 0) {
		*i += (size_t)seq;
		rc = put(d, u, (size_t)seq);
	} else {
		*i += (size_t)-seq;
		rc = bad_bytes(d, u, (size_t)-seq, "invalid UTF-8");
	}
	d->col++;
	return rc;
}

int herald_bulletin_decode(const unsigned char *data, size_t size,
                           bool repair, char **out, size_t *out_len,
                           herald_diag *diag)
{
	decoder d = { .line = 1, .col = 1, .repair = repair, .diag = diag };
	size_t i = 0;
	int rc = HERALD_OK;

	if (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
		i = 3;
	d.cap = size - i + 64;
	d.out = malloc(d.cap);
	if (!d.out)
		return HERALD_ENOMEM;
	while (i < size && rc == HERALD_OK)
		rc = decode_one(&d, data, size, &i);
	if (rc != HERALD_OK) {
		free(d.out);
		if (rc == HERALD_ENOMEM)
			herald_error(diag, "out of memory decoding the input");
		return rc;
	}
	report_hidden(&d);
	d.out[d.len] = '\0';
	*out = d.out;
	*out_len = d.len;
	return HERALD_OK;
}
