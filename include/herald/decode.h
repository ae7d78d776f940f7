/* herald/decode.h - input bytes to the text every reader parses.
 *
 * One decoder for every text reader (bundled or a user's): it finds the
 * charset, converts to UTF-8, and normalises what parsers should never
 * see.  UTF-8 (with or without BOM) passes as is; UTF-16/32 with a BOM
 * are converted; anything else that is not valid UTF-8 has its charset
 * detected (uchardet) and converted (iconv), with one warning naming it
 * ("not UTF-8; read as windows-1252").  Never silent mojibake, and a
 * document is never refused only because it is Latin-1.
 *
 * The result: every line end ('\r\n', '\r', NEL, LS, PS) is '\n'; tabs,
 * form feeds and vertical tabs are spaces; other control characters are
 * U+FFFD with a warning; NUL bytes and bytes that stay invalid are an
 * error with their position, or U+FFFD with a warning when repair is set.
 * Positions in diagnostics are line:column of the input as a user sees
 * it (columns in characters), before and after conversion alike.
 *
 * Two cases a single rule cannot see (doc/decode.md has the details):
 * - Mixed encodings.  A file with at least one valid multi-byte UTF-8
 *   sequence for every three invalid ones is UTF-8 with strays: its UTF-8
 *   stays UTF-8, and each invalid single byte is read in the strays'
 *   charset (uchardet's guess from the lines holding them, else
 *   windows-1252), with one warning at the first.  A lead byte cut off
 *   after one or more continuation bytes is damage, not a stray: an error,
 *   or U+FFFD with repair.  Fewer valid sequences: one legacy charset.
 * - A BOM (U+FEFF) at the start of a later line was left by joining
 *   files: dropped with a warning, taking no column.  Inside a line it is
 *   ZERO WIDTH NO-BREAK SPACE and kept.
 */
#ifndef HERALD_DECODE_H
#define HERALD_DECODE_H

#include <stdbool.h>
#include <stddef.h>

#include <herald/diag.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct herald_decode_options {
	const char *encoding;  /* iconv name to force ("latin1"); NULL or
	                          "auto": detect */
	bool repair;           /* replace bad bytes instead of failing */
} herald_decode_options;

/* Decode size bytes of data.  On HERALD_OK, *out (malloc'd,
 * NUL-terminated, valid UTF-8 without NUL) and *out_len are the caller's,
 * and *charset (when not NULL) points to a static name of what was read
 * ("UTF-8", "UTF-16LE", "WINDOWS-1252", or a forced name as given),
 * valid for the life of the process.  HERALD_EINPUT on bad bytes without
 * repair, HERALD_EUSAGE for an unknown forced encoding, with the
 * diagnostic in diag.  The name is checked before any byte is read, so
 * decoding size 0 (data may then be NULL) checks opts: readers do so in
 * open().  Linear in size; memory is the result plus a 64 KiB buffer, and
 * uchardet sees at most 1 MiB of the lines that are not ASCII.
 * Thread-safe: documents may be decoded in parallel. */
int herald_decode(const unsigned char *data, size_t size,
                  const herald_decode_options *opts, char **out,
                  size_t *out_len, const char **charset, herald_diag *diag);

/* Whether herald_decode() would give back data's size bytes as they are:
 * valid UTF-8 without a BOM at the start, nothing to normalise (no '\r',
 * tab, control character, NUL, NEL, LS, PS or BOM at a line's start),
 * and opts forcing no other charset.  A reader that owns the bytes may
 * then read them in place, without a copy (no diagnostic is lost:
 * decoding them reports nothing).  Linear in size, stopping at the first
 * byte that needs decoding. */
bool herald_decode_is_text(const unsigned char *data, size_t size,
                           const herald_decode_options *opts);

#ifdef __cplusplus
}
#endif
#endif
