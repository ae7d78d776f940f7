/* nodesc.c - a module whose author forgot HERALD_PLUGIN(): the descriptor
 * is there under its own name, which herald does not look for. */
#include <herald/plugin.h>

static int nodesc_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	return HERALD_OK;
}

extern const herald_plugin nodesc_descriptor;
const herald_plugin nodesc_descriptor = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "nodesc",
	.version = "1",
	.description = "exports no herald_plugin symbol",
	.roles = HERALD_ROLE_TRANSFORM,
	.transform = nodesc_transform,
};
