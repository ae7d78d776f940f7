/* noread.c - a reader without a read callback: refused when loaded,
 * not when a conversion would call through a NULL pointer. */
#include <herald/plugin.h>

static const char *const noread_extensions[] = { "noread", NULL };

HERALD_PLUGIN(noread) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "noread",
	.version = "1",
	.description = "claims to read but cannot",
	.roles = HERALD_ROLE_READER,
	.extensions = noread_extensions,
};
