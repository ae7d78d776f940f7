/* buffer.c - the growable byte buffer of herald/buffer.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/buffer.h>

int herald_buf_reserve(herald_buf *buf, size_t more)
{
	if (buf->failed)
		return HERALD_ENOMEM;
	if (buf->cap > buf->len && buf->cap - buf->len > more)
		return HERALD_OK;
	/* no object may be larger than PTRDIFF_MAX: refused here rather
	 * than by the allocator (which a sanitizer makes abort) */
	if (more > (size_t)PTRDIFF_MAX - buf->len - 1) {
		buf->failed = 1;
		return HERALD_ENOMEM;
	}
	size_t need = buf->len + more + 1;
	size_t cap = buf->cap ? buf->cap : 64;
	while (cap < need)
		cap = cap > (size_t)PTRDIFF_MAX / 2 ? need : cap * 2;
	char *grown = realloc(buf->data, cap);
	if (!grown) {
		buf->failed = 1;
		return HERALD_ENOMEM;
	}
	buf->data = grown;
	buf->cap = cap;
	return HERALD_OK;
}

int herald_buf_append(herald_buf *buf, const void *s, size_t n)
{
	if (herald_buf_reserve(buf, n))
		return HERALD_ENOMEM;
	if (n)
		memcpy(buf->data + buf->len, s, n);
	buf->len += n;
	buf->data[buf->len] = '\0';
	return HERALD_OK;
}

int herald_buf_puts(herald_buf *buf, const char *s)
{
	return herald_buf_append(buf, s, strlen(s));
}

int herald_buf_putc(herald_buf *buf, char c)
{
	return herald_buf_append(buf, &c, 1);
}

int herald_buf_vprintf(herald_buf *buf, const char *fmt, va_list ap)
{
	va_list again;
	char small[256];

	/* Most pieces are short: format once into the stack, and a second
	 * time only when the text is longer than that. */
	va_copy(again, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0) {
		va_end(again);
		buf->failed = 1;
		return HERALD_ENOMEM;
	}
	int rc;
	if ((size_t)n < sizeof small) {
		rc = herald_buf_append(buf, small, (size_t)n);
	} else if ((rc = herald_buf_reserve(buf, (size_t)n)) == HERALD_OK) {
		vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, again);
		buf->len += (size_t)n;
	}
	va_end(again);
	return rc;
}

int herald_buf_printf(herald_buf *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = herald_buf_vprintf(buf, fmt, ap);
	va_end(ap);
	return rc;
}

int herald_buf_failed(const herald_buf *buf)
{
	return buf->failed;
}

void herald_buf_clear(herald_buf *buf)
{
	buf->len = 0;
	buf->failed = 0;
	if (buf->data)
		buf->data[0] = '\0';
}

void herald_buf_truncate(herald_buf *buf, size_t len)
{
	if (len < buf->len) {
		buf->len = len;
		buf->data[len] = '\0';
	}
}

char *herald_buf_take(herald_buf *buf, size_t *len)
{
	if (!buf->failed && !buf->data)
		herald_buf_reserve(buf, 0);
	if (buf->failed) {
		herald_buf_free(buf);
		if (len)
			*len = 0;
		return NULL;
	}
	char *data = buf->data;
	data[buf->len] = '\0';
	if (len)
		*len = buf->len;
	*buf = (herald_buf)HERALD_BUF_INIT;
	return data;
}

void herald_buf_free(herald_buf *buf)
{
	free(buf->data);
	*buf = (herald_buf)HERALD_BUF_INIT;
}
