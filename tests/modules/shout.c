/* shout.c - a good transform living among the broken modules: it
 * upper-cases the ASCII letters of every text.  It shows that the
 * modules beside a broken one still load and work.  Built twice: as
 * shout.la, and as shout.old.la (SHOUT_OLD), a stale second copy that
 * claims the same name and role and must be refused as a duplicate. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <herald/plugin.h>

static int shout_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	herald_walker w;
	herald_walker_init(&w, herald_doc_root(doc));
	while (herald_walker_next(&w) != HERALD_WALK_DONE) {
		const char *text = herald_node_text(w.node);
		if (w.event != HERALD_WALK_ENTER || !text)
			continue;
		char *loud = strdup(text);
		if (!loud) {
			herald_error(diag, "shout: out of memory");
			return HERALD_ENOMEM;
		}
		for (char *c = loud; *c; c++)
			if (*c >= 'a' && *c <= 'z')
				*c = (char)toupper((unsigned char)*c);
		int rc = herald_node_set_text(w.node, loud, strlen(loud));
		free(loud);
		if (rc)
			return rc;
	}
	return HERALD_OK;
}

/* libltdl looks for "<file name with dots as _>_LTX_herald_plugin". */
#ifdef SHOUT_OLD
HERALD_PLUGIN(shout_old) = {
#else
HERALD_PLUGIN(shout) = {
#endif
	.abi_version = HERALD_ABI_VERSION,
	.name = "shout",
	.version = "1",
	.description = "upper-cases every text",
	.roles = HERALD_ROLE_TRANSFORM,
	.transform = shout_transform,
};
