/* replace.c - copying a document into another through the public model
 * API (a node cannot move between documents: each owns its arena). */
#include <stdlib.h>
#include <string.h>

#include <herald/diag.h>
#include <herald/doc.h>
#include <herald/walk.h>

#include "replace.h"

static int copy_tags(herald_node *to, const herald_node *from)
{
	for (size_t i = 0; i < herald_node_tag_count(from); i++)
		if (herald_node_add_tag(to, herald_node_tag(from, i)) != HERALD_OK)
			return HERALD_ENOMEM;
	return HERALD_OK;
}

/* Every attribute the model gives a node of from's type, its id first:
 * the ids the filter wrote (the json reader set them: they are taken in
 * from's document) are kept; a node it added without one is left to be
 * numbered in doc, which knows the ids of the nodes removed from it. */
static int copy_attributes(herald_node *to, const herald_node *from)
{
	const char *id = herald_node_id(from);
	int rc = herald_doc_id_taken(herald_node_doc(from), id)
	         ? herald_node_set_id(to, id) : HERALD_OK;
	if (rc)
		return HERALD_ENOMEM;
	herald_node_set_position(to, herald_node_line(from),
	                         herald_node_column(from));
	switch (herald_node_type_of(from)) {
	case HERALD_NODE_ITEM:
		herald_node_set_item_kind(to, herald_node_item_kind(from));
		rc = herald_node_set_title(to, herald_node_title(from));
		if (!rc)
			rc = herald_node_set_speaker(to, herald_node_speaker(from));
		if (!rc)
			rc = herald_node_set_lang(to, herald_node_lang(from));
		if (!rc)
			rc = copy_tags(to, from);
		break;
	case HERALD_NODE_QUOTE:
		rc = herald_node_set_title(to, herald_node_title(from));
		if (!rc)
			rc = herald_node_set_speaker(to, herald_node_speaker(from));
		break;
	case HERALD_NODE_PARAGRAPH:
		rc = copy_tags(to, from);
		break;
	case HERALD_NODE_TURN:
		herald_node_set_role(to, herald_node_role(from));
		rc = herald_node_set_speaker(to, herald_node_speaker(from));
		if (!rc)
			rc = herald_node_set_label(to, herald_node_label(from));
		break;
	case HERALD_NODE_LIST:
		herald_node_set_list(to, herald_node_list_type(from),
		                     herald_node_list_start(from));
		break;
	case HERALD_NODE_HEADING:
		herald_node_set_heading_level(to, herald_node_heading_level(from));
		break;
	case HERALD_NODE_LINK:
		rc = herald_node_set_url(to, herald_node_url(from));
		break;
	default:
		break;
	}
	return rc ? HERALD_ENOMEM : HERALD_OK;
}

static herald_node *copy_node(herald_doc *doc, const herald_node *from)
{
	herald_node *to;
	if (herald_node_type_of(from) == HERALD_NODE_TEXT) {
		const char *text = herald_node_text(from);
		to = herald_node_new_text(doc, text, strlen(text));
	} else {
		to = herald_node_new(doc, herald_node_type_of(from));
	}
	if (to && copy_attributes(to, from) != HERALD_OK)
		to = NULL;
	return to;
}

static int may_have_children(herald_node_type type)
{
	return type != HERALD_NODE_TEXT && type != HERALD_NODE_LINEBREAK;
}

/* from's children under root, depth first, without recursion. */
static int copy_tree(herald_node *root, const herald_node *from_root)
{
	herald_const_walker w;
	herald_node *parent = root;
	herald_walk_event ev;

	herald_const_walker_init(&w, from_root);
	while ((ev = herald_const_walker_next(&w)) != HERALD_WALK_DONE) {
		if (w.node == from_root)
			continue;
		if (ev == HERALD_WALK_EXIT) {
			parent = herald_node_parent(parent);
			continue;
		}
		herald_node *copy = copy_node(herald_node_doc(root), w.node);
		if (!copy || herald_node_append_child(parent, copy) != HERALD_OK)
			return HERALD_ENOMEM;
		if (may_have_children(herald_node_type_of(w.node)))
			parent = copy;
	}
	return HERALD_OK;
}

static int replace_fields(herald_doc *doc, const herald_doc *from)
{
	size_t n;
	while ((n = herald_doc_field_count(doc)) > 0) {
		char *key = strdup(herald_doc_field_key(doc, n - 1));
		int rc = key ? herald_doc_set_field(doc, key, NULL) : HERALD_ENOMEM;
		free(key);
		if (rc)
			return HERALD_ENOMEM;
	}
	for (size_t i = 0; i < herald_doc_field_count(from); i++)
		if (herald_doc_set_field(doc, herald_doc_field_key(from, i),
		                         herald_doc_field_value(from, i)))
			return HERALD_ENOMEM;
	return HERALD_OK;
}

/* Empty root, unlinking every node one by one, leaves first: each id of
 * the old tree stays taken in the document (doc.h), so that the nodes a
 * filter added, numbered after, never get the id of one it removed,
 * even below an item it kept (whose copy has the old one's id).  Each
 * node is gone down to once: linear. */
static void retire_tree(herald_node *root)
{
	herald_node *n = root;
	for (;;) {
		while (herald_node_first_child(n))
			n = herald_node_first_child(n);
		if (n == root)
			return;
		herald_node *parent = herald_node_parent(n);
		herald_node_unlink(n);
		n = parent;
	}
}

int exec_doc_replace(herald_doc *doc, const herald_doc *from)
{
	herald_node *root = herald_doc_root(doc);
	const herald_node *from_root = herald_doc_root(from);

	for (int m = 0; m < HERALD_META_COUNT; m++)
		if (herald_doc_set_meta(doc, (herald_meta)m,
		                        herald_doc_meta(from, (herald_meta)m)))
			return HERALD_ENOMEM;
	if (replace_fields(doc, from))
		return HERALD_ENOMEM;
	retire_tree(root);
	herald_node_set_position(root, herald_node_line(from_root),
	                         herald_node_column(from_root));
	return copy_tree(root, from_root);
}
