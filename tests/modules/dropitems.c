/* dropitems.c - a C filter for the id tests (ids.sh): it removes the
 * first `count` items of the document (default 2) and, with add=true,
 * puts a new item with one paragraph in front of those left, the way a
 * transform adds nodes.  The survivors must keep their ids in every
 * writer, and the new nodes get ids that no other node had. */
#include <stdlib.h>

#include <herald/plugin.h>

static const herald_option dropitems_options[] = {
	{ .name = "count", .type = HERALD_OPT_INT, .default_value = "2", .help = "how many items to remove" },
	{ .name = "add", .type = HERALD_OPT_BOOL, .default_value = "false", .help = "add an item in front" },
	{ NULL, 0, NULL, NULL, NULL }
};

struct dropitems { long count; int add; };

static int dropitems_open(const herald_options *opts, void **state,
                          herald_diag *diag)
{
	struct dropitems *s = malloc(sizeof(*s));
	if (!s) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	s->count = herald_options_int(opts, "count");
	s->add = herald_options_bool(opts, "add");
	*state = s;
	return HERALD_OK;
}

static herald_node *first_item(herald_node *root)
{
	herald_node *n = herald_node_first_child(root);
	while (n && herald_node_type_of(n) != HERALD_NODE_ITEM)
		n = herald_node_next(n);
	return n;
}

static int add_item(herald_doc *doc, herald_node *before)
{
	herald_node *item = herald_node_new(doc, HERALD_NODE_ITEM);
	herald_node *para = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
	herald_node *text = herald_node_new_text(doc, "Added.", 6);
	if (!item || !para || !text ||
	    herald_node_set_title(item, "Added by dropitems") ||
	    herald_node_append_child(para, text) ||
	    herald_node_append_child(item, para))
		return HERALD_ENOMEM;
	return before ? herald_node_insert_before(before, item)
	              : herald_node_append_child(herald_doc_root(doc), item);
}

static int dropitems_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	const struct dropitems *s = state;
	herald_node *root = herald_doc_root(doc), *item;
	(void)diag;
	for (long i = 0; i < s->count && (item = first_item(root)); i++)
		herald_node_unlink(item);
	return s->add ? add_item(doc, first_item(root)) : HERALD_OK;
}

HERALD_PLUGIN(dropitems) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "dropitems",
	.version = "1",
	.description = "removes the first items (a test of ids)",
	.roles = HERALD_ROLE_TRANSFORM,
	.options = dropitems_options,
	.open = dropitems_open,
	.close = free,
	.transform = dropitems_transform,
};
