/* pages.c - see pages.h. */
#include <stdint.h>
#include <stdlib.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "pages.h"

enum { HUGE_PAGE = 2 * 1024 * 1024 };

void *core_alloc_large(size_t len)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	/* a block holding one huge page at least */
	if (len >= HUGE_PAGE) {
		void *p;
		if (posix_memalign(&p, HUGE_PAGE, len) != 0)
			return NULL;
		uintptr_t end = ((uintptr_t)p + len) & ~(uintptr_t)(HUGE_PAGE - 1);
		(void)madvise(p, end - (uintptr_t)p, MADV_HUGEPAGE);
		return p;
	}
#endif
	return malloc(len);
}
