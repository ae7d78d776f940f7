/* version.c - the library's version, and those of the libraries it
 * links (herald --version). */
#include "config.h"

#include <stdio.h>

#include <herald/herald.h>

#include "text_unistring.h"

const char *herald_version(void)
{
	return PACKAGE_VERSION;
}

enum { LIB_UNISTRING, LIB_UCHARDET, LIB_CLD2, LIB_LTDL, LIB_COUNT };

static const char *const library_names[LIB_COUNT] = {
	"libunistring", "uchardet", "CLD2", "libltdl"
};

int herald_library(size_t i, const char **name, char *version, size_t size,
                   int *at_run_time)
{
	if (i >= LIB_COUNT || size == 0)
		return HERALD_EUSAGE;
	*name = library_names[i];
	*at_run_time = i == LIB_UNISTRING;
	switch (i) {
	case LIB_UNISTRING:
	{
		/* (major << 16) + (minor << 8) + subminor */
		int v = core_unistring()->version();
		snprintf(version, size, "%d.%d.%d", v >> 16, (v >> 8) & 0xff,
		         v & 0xff);
		break;
	}
	case LIB_UCHARDET:
		snprintf(version, size, "%s", HERALD_BUILT_UCHARDET);
		break;
	case LIB_LTDL:
		snprintf(version, size, "%s", HERALD_BUILT_LTDL);
		break;
	default:
		version[0] = '\0';
		break;
	}
	return HERALD_OK;
}
