/* titlefilter - an example transform: keeps the items whose title
 * matches a POSIX extended regular expression, drops the others.
 *
 *     herald -x 'titlefilter:title="x{1,3}"' bulletin.txt
 *
 * Items without a title are dropped; what is not an item (an epigraph,
 * loose paragraphs) is kept.  The pattern is compiled once in open();
 * regexec() may then run in several threads at once on it.  Copy it to start a transform; see doc/plugins.md. */
#include <regex.h>
#include <stdlib.h>

#include <herald/plugin.h>

static int titlefilter_open(const herald_options *opts, void **state,
                            herald_diag *diag)
{
	const char *pattern = herald_options_value(opts, "title");
	if (!pattern) {
		herald_error(diag, "give the pattern: titlefilter:title=REGEX");
		return HERALD_EUSAGE;
	}
	regex_t *re = malloc(sizeof *re);
	if (!re)
		return HERALD_ENOMEM;
	int err = regcomp(re, pattern, REG_EXTENDED | REG_NOSUB);
	if (err) {
		char why[256];
		regerror(err, re, why, sizeof why);
		herald_error(diag, "title='%s': %s", pattern, why);
		free(re);
		return HERALD_EUSAGE;
	}
	*state = re;
	return HERALD_OK;
}

static void titlefilter_close(void *state)
{
	regfree(state);
	free(state);
}

static int titlefilter_transform(void *state, herald_doc *doc,
                                 herald_diag *diag)
{
	herald_node *n = herald_node_first_child(herald_doc_root(doc)), *next;
	(void)diag;
	for (; n; n = next) {
		const char *title = herald_node_title(n);
		next = herald_node_next(n);
		if (herald_node_type_of(n) == HERALD_NODE_ITEM &&
		    (!title || regexec(state, title, 0, NULL, 0) != 0))
			herald_node_unlink(n);
	}
	return HERALD_OK;
}

static const herald_option titlefilter_options[] = {
	{ .name = "title", .type = HERALD_OPT_STRING,
	  .help = "keep the items whose title matches this POSIX extended regex" },
	{ 0 }
};

HERALD_PLUGIN(titlefilter) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "titlefilter",
	.version = "1.0",
	.description = "keeps the items whose title matches a regular expression",
	.roles = HERALD_ROLE_TRANSFORM,
	.options = titlefilter_options,
	.open = titlefilter_open,
	.close = titlefilter_close,
	.transform = titlefilter_transform,
};
