/* langid.h - what core/langid.c and the CLD2 shim share (internal).
 *
 * langid.c turns a document into a sample of its prose (letters only, no
 * markup, no addresses) and maps the answer to a BCP 47 tag; the shim,
 * the only C++ in libherald, hands the sample to CLD2.  Not exported:
 * core_ names stay out of libherald's herald_ API.
 */
#ifndef HERALD_CORE_LANGID_H
#define HERALD_CORE_LANGID_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* CLD2's verdict on len bytes of valid UTF-8 (len < INT_MAX): its
 * language code ("en", "zh-Hant", "un" for none) in *code, a static
 * string; the share of the text in that language (0..100) in *percent;
 * whether CLD2 holds the answer reliable in *reliable.  Returns 0, or -1
 * when CLD2 failed (nothing is set then).  Thread-safe: CLD2 keeps no
 * mutable state between calls. */
int core_cld2_detect(const char *text, size_t len, const char **code,
                     int *percent, int *reliable);

#ifdef __cplusplus
}
#endif
#endif
