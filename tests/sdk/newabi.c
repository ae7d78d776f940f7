/* newabi - a plugin built for an ABI version this herald does not know
 * yet: herald must refuse it with a message naming both versions. */
#include <herald/plugin.h>

static int newabi_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	(void)state, (void)doc, (void)diag;
	return HERALD_OK;
}

HERALD_PLUGIN(newabi) = {
	.abi_version = HERALD_ABI_VERSION + 1,
	.name = "newabi",
	.version = "1.0",
	.description = "claims a newer plugin ABI",
	.roles = HERALD_ROLE_TRANSFORM,
	.transform = newabi_transform,
};
