/* herald/buffer.h - a growable byte buffer, the one every plugin needs.
 *
 *     herald_buf b = HERALD_BUF_INIT;
 *     herald_buf_puts(&b, "id,title\n");
 *     herald_buf_printf(&b, "%s,%d\n", id, n);
 *     if (herald_buf_failed(&b)) ...          (one check, at the end)
 *     fwrite(b.data, 1, b.len, out);
 *     herald_buf_free(&b);
 *
 * OWNERSHIP: a herald_buf owns its bytes; herald_buf_free() releases
 * them, herald_buf_take() hands them to the caller (who free()s them).
 * data is NUL-terminated after every call that succeeded (so it can be
 * used as a C string when no NUL was appended), or NULL while the buffer
 * is empty and has never grown.  The fields are read directly; change
 * them only through these functions.
 *
 * FAILURE is sticky: once an allocation failed (or a size would
 * overflow), every later call does nothing and returns HERALD_ENOMEM,
 * and herald_buf_failed() says so; the bytes appended before stay.  So a
 * writer appends freely and checks once.  Growth doubles, so appending n
 * bytes in any pieces costs O(n).  A buffer is used by one thread at a
 * time; different buffers are independent.
 */
#ifndef HERALD_BUFFER_H
#define HERALD_BUFFER_H

#include <stdarg.h>
#include <stddef.h>
#include <herald/diag.h>   /* herald_status */

#ifdef __cplusplus
extern "C" {
#endif

typedef struct herald_buf {
	char *data;      /* len bytes, then a NUL; NULL before the first growth */
	size_t len;
	size_t cap;      /* bytes allocated */
	int failed;      /* an allocation failed: see above */
} herald_buf;

#define HERALD_BUF_INIT { NULL, 0, 0, 0 }

/* Make room for more bytes beyond len (and the NUL).  HERALD_OK or
 * HERALD_ENOMEM, as every function below. */
int herald_buf_reserve(herald_buf *buf, size_t more);
/* Append n bytes of s (any bytes, NUL included). */
int herald_buf_append(herald_buf *buf, const void *s, size_t n);
/* Append the C string s. */
int herald_buf_puts(herald_buf *buf, const char *s);
/* Append one byte. */
int herald_buf_putc(herald_buf *buf, char c);
/* Append printf-formatted text. */
int herald_buf_printf(herald_buf *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int herald_buf_vprintf(herald_buf *buf, const char *fmt, va_list ap);

/* Whether an allocation failed since the buffer was made or last reset. */
int herald_buf_failed(const herald_buf *buf);

/* Empty the buffer, keeping its memory (and clearing a failure). */
void herald_buf_clear(herald_buf *buf);
/* Cut the buffer back to len bytes (no-op when it is shorter). */
void herald_buf_truncate(herald_buf *buf, size_t len);

/* The bytes, NUL-terminated, now the caller's to free(); the buffer is
 * left empty and may be used again.  Never NULL unless the buffer failed
 * (then its bytes are freed and NULL returned): an empty buffer gives "".
 * *len, when not NULL, receives the length. */
char *herald_buf_take(herald_buf *buf, size_t *len);

/* Release the bytes; the buffer is empty again and may be reused. */
void herald_buf_free(herald_buf *buf);

#ifdef __cplusplus
}
#endif
#endif
