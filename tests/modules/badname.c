/* badname.c - a plugin whose descriptor gives a name herald cannot use
 * (upper case and a dash), so the refusal must show that name. */
#include <herald/plugin.h>

static int badname_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	return HERALD_OK;
}

HERALD_PLUGIN(badname) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "Bad-Name",
	.version = "1",
	.description = "a name that is not [a-z0-9]+",
	.roles = HERALD_ROLE_TRANSFORM,
	.transform = badname_transform,
};
