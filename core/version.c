/* version.c - the library's version. */
#include "config.h"

#include <herald/herald.h>

const char *herald_version(void)
{
	return PACKAGE_VERSION;
}
