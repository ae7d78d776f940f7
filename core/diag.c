/* diag.c - GNU-style diagnostics, printed at once and kept for summaries. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/buffer.h>
#include <herald/diag.h>

/* Beyond this many bytes of kept text, further messages are only counted
 * (and still printed): a file with a million bad bytes must not make the
 * diagnostics themselves unbounded. */
enum { DIAG_KEEP_MAX = 64 * 1024 };

struct herald_diag {
	FILE *stream;
	char *file;
	const char *stage;   /* borrowed: the running plugin's name */
	herald_buf text;     /* kept messages */
	int truncated;
	char *first_error;
	size_t counts[3];
	herald_severity min_severity;
};

herald_diag *herald_diag_new(FILE *stream)
{
	herald_diag *d = calloc(1, sizeof(*d));
	if (d)
		d->stream = stream;
	return d;
}

void herald_diag_free(herald_diag *diag)
{
	if (!diag)
		return;
	free(diag->file);
	herald_buf_free(&diag->text);
	free(diag->first_error);
	free(diag);
}

void herald_diag_set_file(herald_diag *diag, const char *file)
{
	free(diag->file);
	diag->file = (file && *file) ? strdup(file) : NULL;
}

const char *herald_diag_file(const herald_diag *diag)
{
	return diag->file ? diag->file : "";
}

void herald_diag_set_stage(herald_diag *diag, const char *name)
{
	diag->stage = (name && *name) ? name : NULL;
}

const char *herald_diag_stage(const herald_diag *diag)
{
	return diag->stage;
}

/* "STAGE: " unless there is no stage or message starts with it already. */
static const char *stage_prefix(const herald_diag *d, const char *message,
                                char *buf, size_t size)
{
	buf[0] = '\0';
	if (!d->stage)
		return buf;
	size_t n = strlen(d->stage);
	if (strncmp(message, d->stage, n) == 0 && message[n] == ':' &&
	    message[n + 1] == ' ')
		return buf;
	snprintf(buf, size, "%s: ", d->stage);
	return buf;
}

static const char *severity_name(herald_severity s)
{
	switch (s) {
	case HERALD_NOTE:
		return "note";
	case HERALD_WARNING:
		return "warning";
	case HERALD_ERROR:
	default:
		return "error";
	}
}

static void keep_line(herald_diag *d, const char *line, size_t len)
{
	if (d->truncated)
		return;
	if (d->text.len + len > DIAG_KEEP_MAX) {
		static const char more[] = "herald: note: further messages not kept\n";
		line = more;
		len = sizeof(more) - 1;
		d->truncated = 1;
	}
	herald_buf_append(&d->text, line, len);   /* lost only without memory */
}

void herald_diag_set_min_severity(herald_diag *diag, herald_severity severity)
{
	diag->min_severity = severity;
}

/* --- quoting file names ---------------------------------------------------- */

/* The length of the well-formed UTF-8 sequence of a printable character
 * at s, or 0 for a byte that must be escaped: C0 controls, DEL, the C1
 * controls (U+0080..U+009F, which some terminals obey as ESC [ ...) and
 * any byte that is not part of well-formed UTF-8. */
static size_t printable_length(const unsigned char *s)
{
	unsigned c = s[0];
	if (c < 0x20 || c == 0x7f)
		return 0;
	if (c < 0x80)
		return 1;
	size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
	         : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (n == 2 && c == 0xc2 && s[1] < 0xa0)
		return 0;   /* C1 control */
	if ((n == 3 && c == 0xe0 && s[1] < 0xa0) ||
	    (n == 3 && c == 0xed && s[1] >= 0xa0) ||
	    (n == 4 && c == 0xf0 && s[1] < 0x90) ||
	    (n == 4 && c == 0xf4 && s[1] >= 0x90))
		return 0;   /* overlong, surrogate or beyond U+10FFFF */
	return n;
}

/* Appends text to buf only when all of it fits (with the NUL): a name
 * cut short is shown cut at a whole unit, never mid-escape. */
static int put(char *buf, size_t size, size_t *len, const char *text, size_t n)
{
	if (*len + n + 1 > size)
		return -1;
	memcpy(buf + *len, text, n);
	*len += n;
	buf[*len] = '\0';
	return 0;
}

char *herald_diag_quote(const char *name, char *buf, size_t size)
{
	const unsigned char *s = (const unsigned char *)(name ? name : "");
	size_t len = 0;
	if (!size)
		return buf;
	buf[0] = '\0';
	int plain = 1;
	for (const unsigned char *p = s; *p; ) {
		size_t n = printable_length(p);
		if (!n) {
			plain = 0;
			break;
		}
		p += n;
	}
	if (plain) {
		put(buf, size, &len, (const char *)s, strlen((const char *)s));
		if (!len && *s)   /* too long: cut at a character boundary */
			for (const unsigned char *p = s; *p; p += printable_length(p))
				if (put(buf, size, &len, (const char *)p, printable_length(p)))
					break;
		return buf;
	}
	/* Printable runs in '...', a quote in them as '\'', and each run of
	 * other bytes in one $'...' with C escapes or octal.  One byte of
	 * size is kept back so that the closing quote always fits. */
	enum { NONE, QUOTED, ESCAPED } state = NONE;
	static const char named[] = "\a\b\t\n\v\f\r";
	for (const unsigned char *p = s; *p; ) {
		size_t n = printable_length(p);
		char unit[16];
		size_t ul = 0;
		if (n) {
			if (state != QUOTED)
				unit[ul++] = '\'';   /* closes $'...' too: '' then opens */
			if (state == ESCAPED)
				unit[ul++] = '\'';
			if (*p == '\'') {
				memcpy(unit + ul, "'\\''", 4);
				ul += 4;
			} else {
				memcpy(unit + ul, p, n);
				ul += n;
			}
			state = QUOTED;
		} else {
			if (state == QUOTED)
				unit[ul++] = '\'';
			if (state != ESCAPED) {
				unit[ul++] = '$';
				unit[ul++] = '\'';
			}
			const char *e = memchr(named, *p, sizeof(named) - 1);
			if (e)
				ul += (size_t)sprintf(unit + ul, "\\%c", "abtnvfr"[e - named]);
			else
				ul += (size_t)sprintf(unit + ul, "\\%03o", *p);
			n = 1;
			state = ESCAPED;
		}
		if (put(buf, size - 1, &len, unit, ul))
			break;
		p += n;
	}
	if (state != NONE)
		put(buf, size, &len, "'", 1);
	return buf;
}

/* "FILE:LINE:COL: " with the parts that are known. */
static void format_location(const herald_diag *d, unsigned long line,
                            unsigned long col, char *buf, size_t size)
{
	char file[HERALD_QUOTE_SIZE];
	buf[0] = '\0';
	if (!d->file)
		return;
	herald_diag_quote(d->file, file, sizeof(file));
	if (line && col)
		snprintf(buf, size, "%s:%lu:%lu: ", file, line, col);
	else if (line)
		snprintf(buf, size, "%s:%lu: ", file, line);
	else
		snprintf(buf, size, "%s: ", file);
}

void herald_diag_vreport(herald_diag *diag, herald_severity severity,
                         unsigned long line, unsigned long col,
                         const char *fmt, va_list ap)
{
	char message[1024];
	char location[HERALD_QUOTE_SIZE + 64];
	char stage[64];
	char full[2300];

	if ((unsigned)severity > HERALD_ERROR)
		severity = HERALD_ERROR;
	if (severity < diag->min_severity) {
		diag->counts[severity]++;
		return;
	}
	vsnprintf(message, sizeof(message), fmt, ap);
	format_location(diag, line, col, location, sizeof(location));
	stage_prefix(diag, message, stage, sizeof(stage));
	int n = snprintf(full, sizeof(full), "herald: %s%s: %s%s\n", location,
	                 severity_name(severity), stage, message);
	size_t len = n < 0 ? 0 : (size_t)n >= sizeof(full) ? sizeof(full) - 1 : (size_t)n;

	diag->counts[severity]++;
	if (severity == HERALD_ERROR && !diag->first_error)
		diag->first_error = strdup(full + strlen("herald: "));
	if (diag->first_error) {
		size_t fl = strlen(diag->first_error);
		if (fl && diag->first_error[fl - 1] == '\n')
			diag->first_error[fl - 1] = '\0';
	}
	if (diag->stream) {
		fwrite(full, 1, len, diag->stream);
		fflush(diag->stream);
	}
	keep_line(diag, full, len);
}

void herald_diag_report(herald_diag *diag, herald_severity severity,
                        unsigned long line, unsigned long col,
                        const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	herald_diag_vreport(diag, severity, line, col, fmt, ap);
	va_end(ap);
}

size_t herald_diag_count(const herald_diag *diag, herald_severity severity)
{
	if ((unsigned)severity > HERALD_ERROR)
		return 0;
	return diag->counts[severity];
}

const char *herald_diag_text(const herald_diag *diag)
{
	return diag->text.data ? diag->text.data : "";
}

const char *herald_diag_first_error(const herald_diag *diag)
{
	return diag->first_error ? diag->first_error : "";
}
