/* plugins/bulletin/text.c - turning raw bytes into text (characters are
 * herald/text.h's).
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
