/* abi.c - a plugin built for another ABI version: herald must refuse it,
 * naming both versions, and never call into it. */
#include <herald/plugin.h>

static int abi_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	herald_error(diag, "abi: a refused plugin was called");
	return HERALD_EPLUGIN;
}

HERALD_PLUGIN(abi) = {
	.abi_version = HERALD_ABI_VERSION + 1,
	.name = "abi",
	.version = "1",
	.description = "built for a later herald",
	.roles = HERALD_ROLE_TRANSFORM,
	.transform = abi_transform,
};
