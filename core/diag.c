/* diag.c - GNU-style diagnostics, printed at once and kept for summaries. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/diag.h>

/* Beyond this many bytes of kept text, further messages are only counted
 * (and still printed): a file with a million bad bytes must not make the
 * diagnostics themselves unbounded. */
enum { DIAG_KEEP_MAX = 64 * 1024 };

struct herald_diag {
	FILE *stream;
	char *file;
	char *text;          /* kept messages, NUL-terminated */
	size_t text_len;
	int truncated;
	char *first_error;
	size_t counts[3];
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
	free(diag->text);
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
	if (d->text_len + len > DIAG_KEEP_MAX) {
		static const char more[] = "herald: note: further messages not kept\n";
		line = more;
		len = sizeof(more) - 1;
		d->truncated = 1;
	}
	char *grown = realloc(d->text, d->text_len + len + 1);
	if (!grown)
		return;
	memcpy(grown + d->text_len, line, len);
	d->text_len += len;
	grown[d->text_len] = '\0';
	d->text = grown;
}

/* "FILE:LINE:COL: " with the parts that are known. */
static void format_location(const herald_diag *d, unsigned long line,
                            unsigned long col, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!d->file)
		return;
	if (line && col)
		snprintf(buf, size, "%s:%lu:%lu: ", d->file, line, col);
	else if (line)
		snprintf(buf, size, "%s:%lu: ", d->file, line);
	else
		snprintf(buf, size, "%s: ", d->file);
}

void herald_diag_vreport(herald_diag *diag, herald_severity severity,
                         unsigned long line, unsigned long col,
                         const char *fmt, va_list ap)
{
	char message[1024];
	char location[1024];
	char full[2200];

	if ((unsigned)severity > HERALD_ERROR)
		severity = HERALD_ERROR;
	vsnprintf(message, sizeof(message), fmt, ap);
	format_location(diag, line, col, location, sizeof(location));
	int n = snprintf(full, sizeof(full), "herald: %s%s: %s\n", location,
	                 severity_name(severity), message);
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
	return diag->text ? diag->text : "";
}

const char *herald_diag_first_error(const herald_diag *diag)
{
	return diag->first_error ? diag->first_error : "";
}
