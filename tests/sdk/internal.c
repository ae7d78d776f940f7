/* internal - a plugin that calls a function herald keeps to itself (the
 * command's cli_read_input, never exported).  Built as a plain module
 * (functions bound lazily), it must still fail to OPEN, not at its first
 * call, and the error must name its file and the symbol. */
#include <stddef.h>

#include <herald/plugin.h>

/* Declared by hand, as someone copying core/cli.h would. */
int cli_read_input(const char *path, unsigned char **data, size_t *size,
                   herald_diag *diag);

static int internal_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	unsigned char *data;
	size_t size;
	(void)state, (void)doc;
	return cli_read_input("-", &data, &size, diag);
}

HERALD_PLUGIN(internal) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "internal",
	.version = "1.0",
	.description = "uses a symbol herald does not export",
	.roles = HERALD_ROLE_TRANSFORM,
	.transform = internal_transform,
};
