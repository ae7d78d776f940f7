/* pages.h - large buffers backed by huge pages where the system allows
 * (internal). */
#ifndef HERALD_PAGES_H
#define HERALD_PAGES_H

#include <stddef.h>

/* len bytes from malloc's heap (free() them, realloc() them), or NULL.
 * From 2 MiB up they are aligned to 2 MiB and the kernel is asked to back
 * them with huge pages where it leaves that to the program (Linux's
 * transparent huge pages in "madvise" mode): such buffers are filled
 * once (a big input, a document's nodes), and a fault per 4 KiB page
 * was a fifth of a segmenting run on this project's machine
 * (doc/performance.md, "Session 7's end").  No byte differs from
 * malloc's; where the advice is refused or unknown, nothing does. */
void *core_alloc_large(size_t len);

#endif
