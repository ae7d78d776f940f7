/* decode.c - input bytes to the text every reader parses (herald/decode.h).
 *
 * Two stages.  First the charset: a BOM, a forced name, valid UTF-8, or a
 * scan that counts valid multi-byte UTF-8 sequences against invalid ones
 * and then asks uchardet (doc/decode.md gives the rule).  Then one
 * normaliser, fed code points, that writes the result and keeps line and
 * column: fed straight from the input for UTF-8, and from iconv's output,
 * one bounded chunk at a time, for everything else, so that positions are
 * those of the characters a user sees and a large file costs one output
 * buffer, not a converted copy as well.
 *
 * Charset knowledge lives in uchardet (detection) and iconv (conversion,
 * and the stray-byte table, which is built by asking iconv byte by byte):
 * no charset table is written here.
 */
#include <errno.h>
#include <iconv.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <herald/buffer.h>
#include <herald/decode.h>
#include <herald/text.h>

#include "charset.h"

/* Warnings of one kind after which the rest are only counted: a file of
 * garbage must not make the diagnostics grow with it. */
#define WARNINGS_SHOWN 100
/* iconv's output goes through a buffer of this size into the normaliser. */
#define CHUNK 65536
/* Bytes of evidence uchardet is shown at most (see detect()). */
#define DETECT_SAMPLE (1u << 20)
/* A file with valid multi-byte UTF-8 sequences and invalid bytes is UTF-8
 * with strays when valid * MIXED_RATIO >= invalid (doc/decode.md). */
#define MIXED_RATIO 3

/* --- charset names: static for the caller ------------------------------- */

/* herald_decode() promises a name that outlives the call, but uchardet's
 * string dies with its detector and a forced name belongs to the caller.
 * Names are interned once, process-wide: there are a few dozen at most
 * (uchardet's list, plus what users force), so the set never grows
 * without bound in practice. */
typedef struct interned {
	struct interned *next;
	char name[];
} interned;

static interned *names;
static pthread_mutex_t names_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *intern(const char *name)
{
	const char *found = NULL;

	pthread_mutex_lock(&names_lock);
	for (interned *n = names; n && !found; n = n->next)
		if (strcmp(n->name, name) == 0)
			found = n->name;
	if (!found) {
		size_t len = strlen(name);
		interned *n = malloc(sizeof *n + len + 1);
		if (n) {
			memcpy(n->name, name, len + 1);
			n->next = names;
			names = n;
			found = n->name;
		}
	}
	pthread_mutex_unlock(&names_lock);
	return found ? found : "unknown";
}

/* --- the normaliser ------------------------------------------------------ */

typedef struct norm {
	herald_buf out;               /* the text so far */
	unsigned long line, col;      /* of the character being looked at */
	bool started;                 /* a character has been seen (BOM) */
	bool after_cr;                /* the last character was '\r' */
	bool repair;
	const char *charset;          /* for messages about bad bytes */
	size_t bad_shown, bad_hidden; /* invalid bytes and NUL */
	size_t ctl_shown, ctl_hidden; /* control characters */
	size_t bom_shown, bom_hidden; /* byte order marks after the start */
	herald_diag *diag;
} norm;

static int put(norm *d, const char *bytes, size_t n)
{
	return herald_buf_append(&d->out, bytes, n);
}

static int put_replacement(norm *d)
{
	d->col++;
	return put(d, "\xEF\xBF\xBD", 3);
}

/* Bytes that cannot be read: an error at their position, or, with repair,
 * U+FFFD and a warning.  what says what they are ("invalid UTF-8"). */
static int bad_bytes(norm *d, const unsigned char *u, size_t n,
                     const char *what)
{
	char shown[24] = "";
	size_t at = 0;

	/* The first bytes are enough to recognise; a cut sequence has 3. */
	for (size_t i = 0; i < n && i < 4; i++)
		at += (size_t)snprintf(shown + at, sizeof shown - at, "%s0x%02X",
		                       i ? " " : "", u[i]);
	if (!d->repair) {
		herald_diag_report(d->diag, HERALD_ERROR, d->line, d->col,
		                   "%s (%s%s); the 'repair' option replaces it "
		                   "with U+FFFD", what, n == 1 ? "byte " : "bytes ",
		                   shown);
		return HERALD_EINPUT;
	}
	if (d->bad_shown < WARNINGS_SHOWN) {
		d->bad_shown++;
		herald_diag_report(d->diag, HERALD_WARNING, d->line, d->col,
		                   "%s (%s%s) replaced with U+FFFD", what,
		                   n == 1 ? "byte " : "bytes ", shown);
	} else {
		d->bad_hidden++;
	}
	d->after_cr = false;
	d->started = true;
	return put_replacement(d);
}

/* One code point of the input, normalised into the output. */
static int put_cp(norm *d, uint32_t cp)
{
	char utf8[4];
	bool first = !d->started;
	bool after_cr = d->after_cr;

	d->started = true;
	d->after_cr = cp == '\r';
	if (cp == '\n' && after_cr)
		return HERALD_OK;      /* the second half of "\r\n" */
	if (herald_cp_is_line_break(cp)) {
		d->line++;
		d->col = 1;
		return put(d, "\n", 1);
	}
	if (cp == '\t' || cp == '\f' || cp == '\v') {
		d->col++;
		return put(d, " ", 1);
	}
	if (cp == 0) {
		unsigned char nul = 0;
		return bad_bytes(d, &nul, 1, "NUL byte");
	}
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
		if (d->ctl_shown < WARNINGS_SHOWN) {
			d->ctl_shown++;
			herald_diag_report(d->diag, HERALD_WARNING, d->line, d->col,
			                   "control character U+%04X replaced with "
			                   "U+FFFD", (unsigned)cp);
		} else {
			d->ctl_hidden++;
		}
		return put_replacement(d);
	}
	if (cp == 0xFEFF && d->col == 1) {
		/* At the start of the text it is the byte order mark.  At the
		 * start of a later line it is one too, left by joining files
		 * (cat a.txt b.txt): never content, and in front of a date or
		 * a title it would defeat every recogniser, so it is dropped,
		 * with a warning so that nothing goes silently.  It takes no
		 * column: nobody sees it.  Inside a line U+FEFF is the
		 * character ZERO WIDTH NO-BREAK SPACE and stays. */
		if (first)
			return HERALD_OK;
		if (d->bom_shown < WARNINGS_SHOWN) {
			d->bom_shown++;
			herald_diag_report(d->diag, HERALD_WARNING, d->line, d->col,
			                   "byte order mark (U+FEFF) at the start of "
			                   "a line dropped");
		} else {
			d->bom_hidden++;
		}
		return HERALD_OK;
	}
	if (cp < 0x80) {
		char c = (char)cp;
		d->col++;
		return put(d, &c, 1);
	}
	size_t n = herald_utf8_encode(cp, utf8);
	if (n == 0)   /* not a scalar value: iconv never makes one */
		return put_replacement(d);
	d->col++;
	return put(d, utf8, n);
}

static void report_hidden(norm *d)
{
	if (d->bad_hidden)
		herald_diag_report(d->diag, HERALD_WARNING, 0, 0,
		                   "%zu more invalid byte sequences replaced "
		                   "with U+FFFD", d->bad_hidden);
	if (d->ctl_hidden)
		herald_diag_report(d->diag, HERALD_WARNING, 0, 0,
		                   "%zu more control characters replaced with "
		                   "U+FFFD", d->ctl_hidden);
	if (d->bom_hidden)
		herald_diag_report(d->diag, HERALD_WARNING, 0, 0,
		                   "%zu more byte order marks dropped",
		                   d->bom_hidden);
}

/* Bytes of printable ASCII (0x20..0x7E) at the start of s: sixteen at a
 * time with SSE2 (every x86-64; as signed bytes, printable ones are the
 * ones above 0x1F and below 0x7F), else eight, where these classic
 * tests (exact for the word as a whole) say a word holds none below 0x20
 * and none above 0x7E. */
static size_t printable_run(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, highs = ones * 0x80;
	size_t i = 0;
#ifdef __SSE2__
	const __m128i below = _mm_set1_epi8(0x1F), above = _mm_set1_epi8(0x7F);
	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i ok = _mm_and_si128(_mm_cmpgt_epi8(v, below),
		                           _mm_cmplt_epi8(v, above));
		if (_mm_movemask_epi8(ok) != 0xFFFF)
			break;
		i += 16;
	}
#endif
	while (i + 8 <= n) {
		uint64_t w;
		memcpy(&w, s + i, sizeof w);
		if (((w - ones * 0x20) & ~w & highs) ||
		    (((w + ones * (127 - 0x7E)) | w) & highs))
			break;
		i += 8;
	}
	while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F)
		i++;
	return i;
}

/* Where the run of s[0, n) that needs no normalising ends, as most of
 * most text does: printable ASCII; a '\n' that does not end a "\r\n";
 * and the rest of the valid UTF-8 characters that are neither controls,
 * line breaks nor byte order marks (text in other scripts: bytes as they
 * are, so re-encoding would give the same ones).  The run stops at an
 * invalid sequence, so that it also tells valid text that needs nothing
 * (herald_decode_is_text) in one pass.  It keeps count of lines and
 * columns. */
static size_t plain_run(const char *s, size_t n, unsigned long *line,
                        unsigned long *col, bool *after_cr)
{
	size_t run = 0;

	while (run < n) {
		uint32_t cp;
		size_t len, more = printable_run(s + run, n - run);
		if (more) {
			run += more;
			*col += more;
			*after_cr = false;
			continue;
		}
		if (s[run] == '\n' && !*after_cr) {
			run++;
			++*line;
			*col = 1;
			continue;
		}
		if ((unsigned char)s[run] < 0x80)
			break;
		len = herald_utf8_next(s + run, n - run, &cp);
		if (cp < 0xA0 || cp == 0x2028 || cp == 0x2029 ||
		    (cp == 0xFEFF && *col == 1) ||
		    (cp == HERALD_REPLACEMENT_CHAR &&
		     (len != 3 || memcmp(s + run, "\xEF\xBF\xBD", 3) != 0)))
			break;
		run += len;
		++*col;
		*after_cr = false;
	}
	return run;
}

/* Valid UTF-8 without a bad byte, fed to the normaliser. */
static int put_utf8(norm *d, const char *s, size_t n)
{
	size_t i = 0;
	int rc = HERALD_OK;

	while (i < n && rc == HERALD_OK) {
		/* What needs no normalising is copied as one run, instead of a
		 * character at a time. */
		unsigned long line = d->line, col = d->col;
		bool after_cr = d->after_cr;
		size_t run = i + plain_run(s + i, n - i, &line, &col, &after_cr);
		if (run > i) {
			d->started = true;
			d->after_cr = false;
			d->line = line;
			d->col = col;
			rc = put(d, s + i, run - i);
			i = run;
			continue;
		}
		uint32_t cp;
		i += herald_utf8_next(s + i, n - i, &cp);
		rc = put_cp(d, cp);
	}
	return rc;
}

/* --- UTF-8 input, and UTF-8 with stray bytes of another charset -------- */

/* The code point each byte 0x80..0xFF stands for when read alone in a
 * single-byte charset, or UINT32_MAX when it stands for none. */
typedef struct stray_table {
	const char *charset;
	uint32_t cp[128];
} stray_table;

/* Fill t by asking iconv about each byte alone; false when charset is not
 * single-byte (most high bytes left undefined) or unknown to iconv. */
static bool stray_table_build(stray_table *t, const char *charset)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	size_t defined = 0;

	if (cd == (iconv_t)-1)
		return false;
	t->charset = charset;
	for (int b = 0; b < 128; b++) {
		char in = (char)(0x80 + b), out[8];
		char *ip = &in, *op = out;
		size_t il = 1, ol = sizeof out;

		t->cp[b] = UINT32_MAX;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && il == 0 &&
		    op > out) {
			uint32_t cp;
			size_t len = herald_utf8_next(out, (size_t)(op - out), &cp);
			if (len == (size_t)(op - out) &&
			    cp != HERALD_REPLACEMENT_CHAR) {
				t->cp[b] = cp;
				defined++;
			}
		}
	}
	iconv_close(cd);
	/* A multi-byte charset leaves lead bytes incomplete on their own. */
	return defined >= 96;
}

/* The length of the maximal ill-formed subpart at u (Unicode 3.9, D93b):
 * the lead byte and the continuation bytes that were still possible, so
 * that a cut sequence ("\xE2\x82 ") is one bad sequence of two bytes and a
 * stray byte is one of one.  u is known not to start a valid sequence;
 * herald_utf8_next() measures it as the standard does. */
static size_t bad_length(const unsigned char *u, size_t n)
{
	uint32_t cp;
	return herald_utf8_next((const char *)u, n, &cp);
}

typedef struct scan {
	size_t valid_multi;     /* valid UTF-8 sequences of 2-4 bytes */
	size_t invalid;         /* maximal ill-formed subparts */
	bool clean;             /* valid throughout, and no NUL */
} scan;

static void scan_utf8(const unsigned char *data, size_t size, scan *s)
{
	size_t i = 0;

	memset(s, 0, sizeof *s);
	/* Valid throughout, as most input is: nothing to count, for the
	 * count of valid sequences only weighs invalid ones. */
	if (herald_utf8_valid_prefix((const char *)data, size) == size) {
		s->clean = true;
		return;
	}
	while (i < size) {
		size_t ok = herald_utf8_valid_prefix((const char *)data + i,
		                                     size - i);
		/* The valid run: count its multi-byte sequences (lead bytes). */
		for (size_t k = i; k < i + ok; k++)
			s->valid_multi += data[k] >= 0xC0;
		i += ok;
		if (i >= size)
			break;
		if (data[i] == 0) {    /* NUL is the normaliser's business */
			i++;
			continue;
		}
		s->invalid++;
		i += bad_length(data + i, size - i);
	}
}

/* UTF-8 input.  With strays (not NULL), an invalid single byte that the
 * stray charset defines is read in it (mixed encodings); a longer invalid
 * subpart is a truncated UTF-8 sequence, damage, never a stray. */
static int decode_utf8(norm *d, const unsigned char *data, size_t size,
                       const stray_table *strays, size_t *stray_count,
                       unsigned long *stray_line, unsigned long *stray_col)
{
	size_t i = 0;
	int rc = HERALD_OK;

	while (i < size && rc == HERALD_OK) {
		size_t ok = herald_utf8_valid_prefix((const char *)data + i,
		                                     size - i);
		rc = put_utf8(d, (const char *)data + i, ok);
		i += ok;
		if (i >= size || rc != HERALD_OK)
			break;
		if (data[i] == 0) {
			rc = put_cp(d, 0);
			i++;
			continue;
		}
		size_t len = bad_length(data + i, size - i);
		if (strays && len == 1 && strays->cp[data[i] - 0x80] !=
		                          UINT32_MAX) {
			if ((*stray_count)++ == 0) {
				*stray_line = d->line;
				*stray_col = d->col;
			}
			rc = put_cp(d, strays->cp[data[i] - 0x80]);
		} else {
			rc = bad_bytes(d, data + i, len, "invalid UTF-8");
		}
		i += len;
	}
	return rc;
}

/* --- everything else, through iconv ------------------------------------ */

/* The bytes of one code unit of charset: a bad UTF-16 unit is skipped
 * whole, or everything after it would be read out of step. */
static size_t code_unit(const char *charset)
{
	if (strncasecmp(charset, "UTF-16", 6) == 0 ||
	    strncasecmp(charset, "UTF16", 5) == 0 ||
	    strncasecmp(charset, "UCS-2", 5) == 0)
		return 2;
	if (strncasecmp(charset, "UTF-32", 6) == 0 ||
	    strncasecmp(charset, "UTF32", 5) == 0 ||
	    strncasecmp(charset, "UCS-4", 5) == 0)
		return 4;
	return 1;
}

static int decode_iconv(norm *d, iconv_t cd, const unsigned char *data,
                        size_t size)
{
	size_t unit = code_unit(d->charset);
	char *buf = malloc(CHUNK);
	char *in = (char *)data;
	size_t left = size;
	int rc = HERALD_OK;

	if (!buf)
		return HERALD_ENOMEM;
	while (rc == HERALD_OK) {
		char *op = buf;
		size_t room = CHUNK;
		size_t r = left ? iconv(cd, &in, &left, &op, &room)
		                : iconv(cd, NULL, NULL, &op, &room);
		int err = r == (size_t)-1 ? errno : 0;

		/* What came out is whole characters: normalise it before
		 * anything is reported, so that the position is right. */
		rc = put_utf8(d, buf, (size_t)(op - buf));
		if (rc != HERALD_OK)
			break;
		if (err == E2BIG)
			continue;
		if (err == EILSEQ || err == EINVAL) {
			/* EILSEQ: a byte the charset does not define; EINVAL:
			 * a sequence cut off by the end of the input. */
			size_t n = err == EINVAL || left < unit ? left : unit;
			char what[96];
			snprintf(what, sizeof what, "%s %s", err == EINVAL ?
			         "truncated" : "invalid", d->charset);
			rc = bad_bytes(d, (const unsigned char *)in, n, what);
			in += n;
			left -= n;
			iconv(cd, NULL, NULL, NULL, NULL);
			continue;
		}
		if (err) {
			herald_error(d->diag, "cannot convert from %s",
			             d->charset);
			rc = HERALD_EINPUT;
			break;
		}
		if (!left)
			break;   /* the flush above ended the conversion */
	}
	free(buf);
	return rc;
}

/* --- choosing ------------------------------------------------------------ */

static bool is_utf8_name(const char *name)
{
	return strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0;
}

/* A usable name from uchardet: none, "UTF-8" and "ASCII" are no answer
 * for bytes known not to be valid UTF-8. */
static const char *verdict(uchardet_t ud)
{
	core_uchardet_data_end(ud);
	const char *name = core_uchardet_get_charset(ud);
	if (name && *name && !is_utf8_name(name) &&
	    strcasecmp(name, "ASCII") != 0)
		return intern(name);
	return NULL;
}

/* uchardet's verdict on the bytes, or NULL when it has none.  Only lines
 * holding a byte above ASCII are evidence, and DETECT_SAMPLE bytes of
 * them are plenty: detection then costs the same on a 100 MB file as on
 * a 1 MB one, while the scan for those lines stays linear. */
static const char *detect(const unsigned char *data, size_t size)
{
	uchardet_t ud = core_uchardet_new();
	size_t fed = 0, line = 0;
	const char *found;

	if (!ud)
		return NULL;
	while (line < size && fed < DETECT_SAMPLE) {
		const unsigned char *nl = memchr(data + line, '\n', size - line);
		size_t end = nl ? (size_t)(nl - data) + 1 : size;
		bool high = false;
		for (size_t i = line; i < end && !high; i++)
			high = data[i] >= 0x80;
		if (high) {
			core_uchardet_handle_data(ud, (const char *)data + line,
			                          end - line);
			fed += end - line;
		}
		line = end;
	}
	found = verdict(ud);
	core_uchardet_delete(ud);
	return found;
}

/* What the stray bytes of a mostly UTF-8 file are: uchardet is shown the
 * lines that hold them, without their valid multi-byte UTF-8 sequences
 * (which would otherwise pull it towards "UTF-8"), so that it judges the
 * strays in their ASCII context.  No usable answer: windows-1252, where
 * stray bytes in news text nearly always come from (pasted from Windows
 * programs, and a superset of Latin-1's printable characters). */
static const char *detect_strays(const unsigned char *data, size_t size,
                                 stray_table *t)
{
	uchardet_t ud = core_uchardet_new();
	const char *name = NULL;
	size_t line = 0;

	size_t fed = 0;

	while (ud && line < size && fed < DETECT_SAMPLE) {
		size_t end = line;
		bool bad = false;
		while (end < size && data[end] != '\n')
			end++;
		for (size_t i = line; i < end && !bad;) {
			size_t ok = herald_utf8_valid_prefix((const char *)data + i,
			                                     end - i);
			i += ok;
			if (i < end && data[i] != 0)
				bad = true;
			else if (i < end)
				i++;
		}
		for (size_t i = line; bad && i < end;) {
			size_t ok = herald_utf8_valid_prefix((const char *)data + i,
			                                     end - i);
			/* The valid run's ASCII goes in, a span at a time;
			 * its multi-byte UTF-8 does not; then the bad bytes
			 * themselves. */
			for (size_t k = i, from = i; k <= i + ok; k++) {
				if (k < i + ok && data[k] < 0x80)
					continue;
				if (k > from)
					core_uchardet_handle_data(ud,
					    (const char *)data + from, k - from);
				from = k + 1;
			}
			i += ok;
			if (i < end) {
				size_t len = data[i] ? bad_length(data + i,
				                                  end - i) : 1;
				core_uchardet_handle_data(ud,
				    (const char *)data + i, len);
				i += len;
			}
		}
		if (bad) {
			core_uchardet_handle_data(ud, "\n", 1);
			fed += end - line + 1;
		}
		line = end + 1;
	}
	if (ud) {
		name = verdict(ud);
		core_uchardet_delete(ud);
	}
	if (name && stray_table_build(t, name))
		return name;
	name = intern("WINDOWS-1252");
	return stray_table_build(t, name) ? name : NULL;
}

static int finish(norm *d, int rc, char **out, size_t *out_len,
                  herald_diag *diag)
{
	if (rc != HERALD_OK) {
		herald_buf_free(&d->out);
		if (rc == HERALD_ENOMEM)
			herald_error(diag, "out of memory decoding the input");
		return rc;
	}
	report_hidden(d);
	size_t cap = d->out.cap, len;
	char *text = herald_buf_take(&d->out, &len);
	if (!text) {
		herald_error(diag, "out of memory decoding the input");
		return HERALD_ENOMEM;
	}
	/* Growth may have left up to half the buffer unused: give a large
	 * slack back rather than hold it for the document's lifetime. */
	if (cap - len > len / 8 + 64) {
		char *fit = realloc(text, len + 1);
		if (fit)
			text = fit;
	}
	*out = text;
	*out_len = len;
	return HERALD_OK;
}

static int run_iconv(norm *d, const char *from, const unsigned char *data,
                     size_t size)
{
	iconv_t cd = iconv_open("UTF-8", from);
	int rc;

	if (cd == (iconv_t)-1) {
		/* uchardet named a charset this system's iconv lacks. */
		herald_error(d->diag, "not UTF-8, and iconv cannot convert from "
		             "%s, the charset detected; set encoding=NAME",
		             from);
		return HERALD_EINPUT;
	}
	rc = decode_iconv(d, cd, data, size);
	iconv_close(cd);
	return rc;
}

bool herald_decode_is_text(const unsigned char *data, size_t size,
                           const herald_decode_options *opts)
{
	const char *forced = opts ? opts->encoding : NULL;
	unsigned long line = 1, col = 1;
	bool after_cr = false;

	if (forced && *forced && strcasecmp(forced, "auto") != 0 &&
	    !is_utf8_name(forced))
		return false;
	/* a BOM at the start is dropped: not the same bytes */
	return plain_run((const char *)data, size, &line, &col, &after_cr) ==
	       size;
}

int herald_decode(const unsigned char *data, size_t size,
                  const herald_decode_options *opts, char **out,
                  size_t *out_len, const char **charset, herald_diag *diag)
{
	norm d = { .line = 1, .col = 1, .diag = diag };
	const char *forced = opts ? opts->encoding : NULL;
	const char *name = "UTF-8";
	int rc;

	d.repair = opts && opts->repair;
	if (forced && (!*forced || strcasecmp(forced, "auto") == 0))
		forced = NULL;
	if (forced && !is_utf8_name(forced)) {
		iconv_t cd = iconv_open("UTF-8", forced);
		if (cd == (iconv_t)-1) {
			herald_error(diag, "unknown encoding '%s' (the names "
			             "'iconv -l' lists, or auto)", forced);
			return HERALD_EUSAGE;
		}
		name = intern(forced);
		d.charset = name;
		rc = herald_buf_reserve(&d.out, size + size / 2 + 64) ? HERALD_ENOMEM
		     : decode_iconv(&d, cd, data, size);
		iconv_close(cd);
		goto done;
	}

	/* A BOM names the encoding; UTF-32LE's starts like UTF-16LE's. */
	static const struct {
		const char *bom;
		size_t len;
		const char *name;
	} boms[] = {
		{ "\xFF\xFE\0\0", 4, "UTF-32LE" }, { "\0\0\xFE\xFF", 4, "UTF-32BE" },
		{ "\xFF\xFE", 2, "UTF-16LE" }, { "\xFE\xFF", 2, "UTF-16BE" },
	};
	for (size_t b = 0; !forced && b < sizeof boms / sizeof boms[0]; b++) {
		if (size >= boms[b].len &&
		    memcmp(data, boms[b].bom, boms[b].len) == 0) {
			name = boms[b].name;
			d.charset = name;
			d.started = true;     /* the BOM is read already */
			rc = herald_buf_reserve(&d.out, size + size / 2 + 64)
			     ? HERALD_ENOMEM
			     : run_iconv(&d, name, data + boms[b].len,
			                 size - boms[b].len);
			goto done;
		}
	}

	d.charset = "UTF-8";
	if (herald_buf_reserve(&d.out, size + 64)) {
		rc = HERALD_ENOMEM;
		goto done;
	}
	scan s;
	scan_utf8(data, size, &s);
	if (s.clean) {
		/* decode_utf8 would check it again to find the same end */
		rc = put_utf8(&d, (const char *)data, size);
		goto done;
	}
	if (forced || s.invalid == 0) {
		rc = decode_utf8(&d, data, size, NULL, NULL, NULL, NULL);
		goto done;
	}

	/* Not valid UTF-8.  At least one valid multi-byte sequence for
	 * every MIXED_RATIO invalid ones: a UTF-8 file with stray bytes of
	 * another charset (legacy text read as UTF-8 makes few valid
	 * sequences: GBK about one per seven characters, Latin-1 or
	 * windows-1251 almost none).  Otherwise the file is in one legacy
	 * charset, as uchardet says. */
	const char *legacy = s.valid_multi * MIXED_RATIO >= s.invalid
	                     ? NULL : detect(data, size);
	if (legacy) {
		name = legacy;
		d.charset = name;
		herald_diag_report(diag, HERALD_WARNING, 0, 0,
		                   "not UTF-8; read as %s", name);
		rc = run_iconv(&d, name, data, size);
		goto done;
	}
	if (s.valid_multi == 0) {
		/* No UTF-8 and no charset uchardet recognises: damage. */
		rc = decode_utf8(&d, data, size, NULL, NULL, NULL, NULL);
		goto done;
	}
	stray_table t;
	const char *stray_name = detect_strays(data, size, &t);
	size_t strays = 0;
	unsigned long line = 0, col = 0;
	rc = decode_utf8(&d, data, size, stray_name ? &t : NULL, &strays, &line,
	                 &col);
	if (rc == HERALD_OK && strays)
		herald_diag_report(diag, HERALD_WARNING, line, col,
		                   "not UTF-8 from here: %zu stray byte%s of a "
		                   "file otherwise UTF-8 read as %s (mixed "
		                   "encodings)", strays, strays == 1 ? "" : "s",
		                   stray_name);
done:
	rc = finish(&d, rc, out, out_len, diag);
	if (rc == HERALD_OK && charset)
		*charset = name;
	return rc;
}
