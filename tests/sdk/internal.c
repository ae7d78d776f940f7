/* internal - a plugin that calls a function libherald keeps to itself
 * (cli_atomic_open, the batch's atomic output, never exported).  Built as a plain module
 * (functions bound lazily), it must still fail to OPEN, not at its first
 * call, and the error must name its file and the symbol. */
#include <stddef.h>

#include <herald/plugin.h>

/* Declared by hand, as someone copying core/batch.h would. */
struct cli_atomic;
int cli_atomic_open(struct cli_atomic *a, const char *path, int fsync_mode,
                    herald_diag *diag);

static int internal_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	(void)state, (void)doc;
	return cli_atomic_open(NULL, "out", 0, diag);
}

HERALD_PLUGIN(internal) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "internal",
	.version = "1.0",
	.description = "uses a symbol herald does not export",
	.roles = HERALD_ROLE_TRANSFORM,
	.transform = internal_transform,
};
