/* rival.c - a good writer that claims the text writer's extension,
 * ".txt", as a plugin of someone's own might: -o x.txt must then not
 * guess between the two (tests/cli/extensions.sh).  Built alone in
 * tests/modules/rival/, away from the broken modules. */
#include <herald/plugin.h>

static int rival_write(void *state, const herald_doc *doc, FILE *out,
                       herald_diag *diag)
{
	(void)state;
	(void)doc;
	(void)diag;
	fputs("rival\n", out);
	return HERALD_OK;
}

HERALD_PLUGIN(rival) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "rival",
	.version = "1",
	.description = "writes the word rival (claims .txt)",
	.roles = HERALD_ROLE_WRITER,
	.output_extension = "txt",
	.write = rival_write,
};
