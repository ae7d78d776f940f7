/* misnamed.c - a plugin that calls itself by another name than its file
 * (misnamed.la), so `-x wellnamed` could never find the file to load. */
#include <herald/plugin.h>

static int misnamed_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	return HERALD_OK;
}

HERALD_PLUGIN(misnamed) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "wellnamed",
	.version = "1",
	.description = "named unlike its file",
	.roles = HERALD_ROLE_TRANSFORM,
	.transform = misnamed_transform,
};
