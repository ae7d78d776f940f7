/* json.c - the whole document model as JSON, written and read back.
 *
 * The schema is described in doc/json.md and versioned by the top-level
 * "herald" number: a change that an older reader would misread bumps it.
 * Key order is fixed (jansson keeps insertion order), so the same model
 * always gives the same bytes.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <herald/herald.h>

/* The schema's version, written as "herald": bump it when a document
 * written by this plugin would be misread by an older one.  Version 2
 * added headings, lists, the meta keys from url on, free fields and an
 * item's own language; the reader still takes version 1 documents, and
 * refuses in them what version 1 did not have.  A turn's "label" and a
 * paragraph's "tags" came later without a bump: both are optional, and
 * an older reader refuses them by name (an unknown key, a paragraph that
 * cannot have tags) rather than misreading the document. */
#define JSON_FORMAT_VERSION 2

/* What version 1 had: the node types up to linebreak, the meta keys up
 * to identifier. */
#define V1_LAST_NODE HERALD_NODE_LINEBREAK
#define V1_META_COUNT (HERALD_META_IDENTIFIER + 1)

/* A list's "style", by herald_list_type. */
static const char *const list_styles[] = { "bullet", "ordered" };

/* Node types that always carry a "children" array. */
static int has_children(herald_node_type type)
{
	return type != HERALD_NODE_TEXT && type != HERALD_NODE_LINEBREAK;
}

/* --- options and state ---------------------------------------------------- */

static const herald_option json_options[] = {
	{ .name = "pretty", .type = HERALD_OPT_BOOL, .default_value = "true",
	  .help = "writer: indent the output (false: the whole document on one line)" },
	{ 0 }
};

struct json_state {
	int pretty;
};

static int json_open(const herald_options *opts, void **state,
                     herald_diag *diag)
{
	struct json_state *st = malloc(sizeof(*st));

	if (!st) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	st->pretty = herald_options_bool(opts, "pretty");
	*state = st;
	return HERALD_OK;
}

static void json_close(void *state)
{
	free(state);
}

/* --- writing ---------------------------------------------------------------- */

/* The document is streamed: each node is written when the walk reaches
 * it, so the output costs no tree of json_t values (building and freeing
 * one per document was most of the writer's time, in malloc and free).
 * The bytes are the ones jansson's json_dumpf gave with JSON_INDENT(2) or
 * JSON_COMPACT: keys in the schema's order, ", " and ": " as jansson
 * separates them, strings escaped as jansson escapes them (" \ and the
 * controls below U+0020; non-ASCII as it is). */
struct emitter {
	herald_sink out;
	int pretty;
	unsigned level;         /* nesting of the value being written */
	int first;              /* no member written yet in the open object */
};

static void emit_bytes(struct emitter *e, const char *s, size_t n)
{
	herald_sink_put(&e->out, s, n);
}

static void emit_char(struct emitter *e, char c)
{
	herald_sink_put(&e->out, &c, 1);
}

static void emit_text(struct emitter *e, const char *s)
{
	herald_sink_puts(&e->out, s);
}

/* What a string's bytes become: the controls below U+0020 their short
 * escape or \u00XX (uppercase, as jansson writes it), '"' and '\\'
 * escaped; everything else, non-ASCII included, as it is.  A byte c
 * below 0x20 is replaced by with[c + 1]. */
static const char *const json_with[] = {
	NULL,
	"\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005",
	"\\u0006", "\\u0007", "\\b", "\\t", "\\n", "\\u000B", "\\f", "\\r",
	"\\u000E", "\\u000F", "\\u0010", "\\u0011", "\\u0012", "\\u0013",
	"\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019",
	"\\u001A", "\\u001B", "\\u001C", "\\u001D", "\\u001E", "\\u001F",
	"\\\"", "\\\\"
};
static const herald_escapes json_escapes = {
	.index = {
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
		17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
		['"'] = 33, ['\\'] = 34,
	},
	.with = json_with
};

/* s as a JSON string, the runs between escapes written whole. */
static void emit_string(struct emitter *e, const char *s)
{
	emit_char(e, '"');
	herald_sink_escaped(&e->out, s, HERALD_CSTR, &json_escapes);
	emit_char(e, '"');
}

static void emit_integer(struct emitter *e, unsigned long n)
{
	char digits[24], *p = digits + sizeof digits;

	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	emit_bytes(e, p, (size_t)(digits + sizeof digits - p));
}

/* A new line indented to the current level (pretty output only). */
static void emit_newline(struct emitter *e)
{
	/* the line feed and the usual indents in one piece */
	static const char indent[] = "\n                                ";
	size_t n = 2 * (size_t)e->level;

	if (!e->pretty)
		return;
	if (n < sizeof indent - 1) {
		emit_bytes(e, indent, n + 1);
		return;
	}
	emit_char(e, '\n');
	for (size_t k; n > 0; n -= k) {
		k = n < sizeof indent - 2 ? n : sizeof indent - 2;
		emit_bytes(e, indent + 1, k);
	}
}

/* Opens an object or array value ('{' or '['). */
static void emit_open(struct emitter *e, char bracket)
{
	emit_char(e, bracket);
	e->level++;
	e->first = 1;
}

/* Closes it; an empty one stays "{}" or "[]" on its line. */
static void emit_close(struct emitter *e, char bracket, int empty)
{
	e->level--;
	if (!empty)
		emit_newline(e);
	emit_char(e, bracket);
	e->first = 0;
}

/* The separator before a member or element, and the new line. */
static void emit_next(struct emitter *e)
{
	if (!e->first)
		emit_char(e, ',');
	e->first = 0;
	emit_newline(e);
}

static void emit_key(struct emitter *e, const char *key)
{
	emit_next(e);
	emit_string(e, key);
	emit_text(e, e->pretty ? ": " : ":");
}

/* A string member, left out when NULL. */
static void emit_member(struct emitter *e, const char *key, const char *value)
{
	if (!value)
		return;
	emit_key(e, key);
	emit_string(e, value);
}

static void emit_number_member(struct emitter *e, const char *key,
                               unsigned long n)
{
	emit_key(e, key);
	emit_integer(e, n);
}

static void emit_tags(struct emitter *e, const herald_node *node)
{
	size_t n = herald_node_tag_count(node);

	if (n == 0)
		return;
	emit_key(e, "tags");
	emit_open(e, '[');
	for (size_t i = 0; i < n; i++) {
		emit_next(e);
		emit_string(e, herald_node_tag(node, i));
	}
	emit_close(e, ']', 0);
}

/* A node's members up to its children; the children array is opened
 * (and for a node without children closed) by emit_node_open. */
static void emit_node_open(struct emitter *e, const herald_node *node)
{
	herald_node_type type = herald_node_type_of(node);
	const char *id = herald_node_id(node);

	emit_open(e, '{');
	emit_member(e, "type", herald_node_type_name(type));
	if (id && *id)
		emit_member(e, "id", id);
	if (herald_node_line(node))
		emit_number_member(e, "line", herald_node_line(node));
	if (herald_node_column(node))
		emit_number_member(e, "column", herald_node_column(node));
	/* only items and quotes have one (the model keeps a turn's label in
	 * the same slot, and its title getter shows it on turns) */
	if (type == HERALD_NODE_ITEM || type == HERALD_NODE_QUOTE)
		emit_member(e, "title", herald_node_title(node));
	if (type == HERALD_NODE_ITEM)
		emit_member(e, "kind",
		            herald_item_kind_name(herald_node_item_kind(node)));
	if (type == HERALD_NODE_TURN)
		emit_member(e, "role",
		            herald_speaker_role_name(herald_node_role(node)));
	emit_member(e, "speaker", herald_node_speaker(node));
	emit_member(e, "label", herald_node_label(node));
	emit_member(e, "lang", herald_node_lang(node));
	emit_tags(e, node);
	if (type == HERALD_NODE_HEADING)
		emit_number_member(e, "level", herald_node_heading_level(node));
	if (type == HERALD_NODE_LIST) {
		emit_member(e, "style", list_styles[herald_node_list_type(node)]);
		emit_number_member(e, "start", herald_node_list_start(node));
	}
	emit_member(e, "url", herald_node_url(node));
	if (type == HERALD_NODE_TEXT)
		emit_member(e, "text", herald_node_text(node));
	if (!has_children(type)) {
		emit_close(e, '}', 0);
		return;
	}
	emit_key(e, "children");
	emit_open(e, '[');
	if (!herald_node_first_child(node))
		emit_close(e, ']', 1);
}

static void emit_node_close(struct emitter *e, const herald_node *node)
{
	if (herald_node_first_child(node))
		emit_close(e, ']', 0);
	emit_close(e, '}', 0);
}

static void emit_meta(struct emitter *e, const herald_doc *doc)
{
	emit_key(e, "meta");
	emit_open(e, '{');
	for (int key = 0; key < HERALD_META_COUNT; key++) {
		const char *value = herald_doc_meta(doc, (herald_meta)key);
		emit_key(e, herald_meta_name((herald_meta)key));
		if (value)
			emit_string(e, value);
		else
			emit_text(e, "null");
	}
	emit_close(e, '}', 0);
}

/* The free fields, in the order they were first set. */
static void emit_fields(struct emitter *e, const herald_doc *doc)
{
	size_t n = herald_doc_field_count(doc);

	emit_key(e, "fields");
	emit_open(e, '{');
	for (size_t i = 0; i < n; i++)
		emit_member(e, herald_doc_field_key(doc, i),
		            herald_doc_field_value(doc, i));
	emit_close(e, '}', n == 0);
}

/* The tree, walked without recursion: nesting costs neither C stack nor
 * heap, the walker and the level counter are all the state. */
static void emit_tree(struct emitter *e, herald_node *root)
{
	herald_walker walker;
	herald_walk_event ev;

	emit_key(e, "root");
	herald_walker_init(&walker, root);
	while ((ev = herald_walker_next(&walker)) != HERALD_WALK_DONE) {
		if (ev == HERALD_WALK_EXIT) {
			emit_node_close(e, walker.node);
			continue;
		}
		if (walker.node != root)
			emit_next(e);
		emit_node_open(e, walker.node);
	}
}

static int json_write(void *state, const herald_doc *doc, FILE *out,
                      herald_diag *diag)
{
	const struct json_state *st = state;
	struct emitter em = { .pretty = st->pretty, .level = 0, .first = 1 };
	struct emitter *e = &em;

	if (herald_sink_init(&e->out, out) != HERALD_OK) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	emit_open(e, '{');
	emit_number_member(e, "herald", JSON_FORMAT_VERSION);
	emit_meta(e, doc);
	emit_fields(e, doc);
	emit_tree(e, herald_doc_root(doc));
	emit_close(e, '}', 0);
	emit_char(e, '\n');
	herald_sink_flush(&e->out);
	herald_sink_release(&e->out);
	if (ferror(out)) {
		herald_error(diag, "cannot write the JSON output");
		return HERALD_EIO;
	}
	return HERALD_OK;
}

/* --- reading ---------------------------------------------------------------- */

/* Where the reader is, for messages: the index of each node below the root
 * among its parent's children, printed as root.children[2].children[0]. */
struct reader {
	herald_doc *doc;
	herald_diag *diag;
	size_t *path;
	size_t depth, cap;
	int version;          /* the document's schema version */
};

/* "root.children[i]..." for the current path; the caller frees it. */
static char *path_text(const struct reader *r)
{
	static const char step[] = ".children[]";
	size_t size = sizeof("root") + r->depth * (sizeof(step) + 20);
	char *text = malloc(size);
	size_t used;

	if (!text)
		return NULL;
	used = (size_t)snprintf(text, size, "root");
	for (size_t i = 0; i < r->depth && used < size; i++)
		used += (size_t)snprintf(text + used, size - used, ".children[%zu]",
		                         r->path[i]);
	return text;
}

/* Reports a malformed document at the current path; returns HERALD_EINPUT.
 * JSON values have no source position once parsed, so the path is what
 * locates the error. */
__attribute__((format(printf, 2, 3)))
static int read_error(struct reader *r, const char *fmt, ...)
{
	char message[256];
	char *where = path_text(r);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	herald_diag_report(r->diag, HERALD_ERROR, 0, 0, "%s: %s",
	                   where ? where : "root", message);
	free(where);
	return HERALD_EINPUT;
}

/* The enum value whose name is name, or -1: names come from the model's
 * own name functions so the two directions cannot drift apart. */
static int lookup_name(const char *name, int count,
                       const char *(*name_of)(int))
{
	for (int i = 0; i < count; i++)
		if (strcmp(name, name_of(i)) == 0)
			return i;
	return -1;
}

static const char *node_type_name(int i)
{
	return herald_node_type_name((herald_node_type)i);
}

static const char *item_kind_name(int i)
{
	return herald_item_kind_name((herald_item_kind)i);
}

static const char *role_name(int i)
{
	return herald_speaker_role_name((herald_speaker_role)i);
}

static const char *meta_name(int i)
{
	return herald_meta_name((herald_meta)i);
}

static const char *list_style_name(int i)
{
	return list_styles[i];
}

static const char *expect_string(struct reader *r, const char *key,
                                 json_t *value)
{
	if (!json_is_string(value)) {
		read_error(r, "\"%s\" must be a string", key);
		return NULL;
	}
	return json_string_value(value);
}

static int read_position(struct reader *r, herald_node *node, const char *key,
                         json_t *value)
{
	json_int_t n;

	if (!json_is_integer(value) || (n = json_integer_value(value)) < 0 ||
	    (unsigned long long)n > ULONG_MAX)
		return read_error(r, "\"%s\" must be a non-negative integer", key);
	if (key[0] == 'l')
		herald_node_set_position(node, (unsigned long)n,
		                         herald_node_column(node));
	else
		herald_node_set_position(node, herald_node_line(node),
		                         (unsigned long)n);
	return HERALD_OK;
}

static int read_tags(struct reader *r, herald_node *node, json_t *value)
{
	size_t i;
	json_t *tag;

	if (!json_is_array(value))
		return read_error(r, "\"tags\" must be an array of strings");
	if (r->version < 2 && herald_node_type_of(node) != HERALD_NODE_ITEM)
		return read_error(r, "a %s has no \"tags\" in version 1",
		                  herald_node_type_name(herald_node_type_of(node)));
	json_array_foreach(value, i, tag) {
		if (!json_is_string(tag))
			return read_error(r, "\"tags\" must be an array of strings");
		if (herald_node_add_tag(node, json_string_value(tag)) != HERALD_OK)
			return read_error(r, "a %s cannot have tags",
			                  herald_node_type_name(herald_node_type_of(node)));
	}
	return HERALD_OK;
}

/* kind (items) and role (turns): a name from a closed list. */
static int read_choice(struct reader *r, herald_node *node, const char *key,
                       json_t *value)
{
	herald_node_type type = herald_node_type_of(node);
	int is_kind = strcmp(key, "kind") == 0;
	const char *name = expect_string(r, key, value);
	int v;

	if (!name)
		return HERALD_EINPUT;
	if (type != (is_kind ? HERALD_NODE_ITEM : HERALD_NODE_TURN))
		return read_error(r, "a %s has no \"%s\"",
		                  herald_node_type_name(type), key);
	v = is_kind ? lookup_name(name, HERALD_ITEM_SPEECH + 1, item_kind_name)
	            : lookup_name(name, HERALD_SPEAKER_INTERVIEWEE + 1, role_name);
	if (v < 0)
		return read_error(r, "unknown %s \"%s\"", key, name);
	if (is_kind)
		herald_node_set_item_kind(node, (herald_item_kind)v);
	else
		herald_node_set_role(node, (herald_speaker_role)v);
	return HERALD_OK;
}

/* title, speaker, label, lang, url and text: strings that the model's
 * setters take. */
static int read_string_attribute(struct reader *r, herald_node *node,
                                 const char *key, json_t *value)
{
	herald_node_type type = herald_node_type_of(node);
	const char *s = expect_string(r, key, value);
	int rc;

	if (!s)
		return HERALD_EINPUT;
	if (strcmp(key, "text") == 0)
		rc = type == HERALD_NODE_TEXT
		     ? herald_node_set_text(node, s, json_string_length(value))
		     : HERALD_EUSAGE;
	else if (strcmp(key, "title") == 0)
		rc = herald_node_set_title(node, s);
	else if (strcmp(key, "speaker") == 0)
		rc = herald_node_set_speaker(node, s);
	else if (strcmp(key, "label") == 0)
		rc = herald_node_set_label(node, s);
	else if (strcmp(key, "lang") == 0)
		rc = herald_node_set_lang(node, s);
	else
		rc = herald_node_set_url(node, s);
	if (rc == HERALD_ENOMEM)
		return read_error(r, "out of memory");
	if (rc != HERALD_OK)
		return read_error(r, "a %s has no \"%s\"",
		                  herald_node_type_name(type), key);
	return HERALD_OK;
}

/* level (headings) and start (lists): positive integers. */
static int read_number(struct reader *r, herald_node *node, const char *key,
                       json_t *value)
{
	herald_node_type type = herald_node_type_of(node);
	int is_level = strcmp(key, "level") == 0;
	json_int_t n;

	if (type != (is_level ? HERALD_NODE_HEADING : HERALD_NODE_LIST))
		return read_error(r, "a %s has no \"%s\"",
		                  herald_node_type_name(type), key);
	if (!json_is_integer(value) || (n = json_integer_value(value)) < 0 ||
	    (is_level && (n < 1 || n > 0xFFFF)) ||
	    (unsigned long long)n > ULONG_MAX)
		return read_error(r, is_level ? "\"level\" must be an integer "
		                  "from 1" : "\"start\" must be a non-negative "
		                  "integer");
	if (is_level)
		herald_node_set_heading_level(node, (unsigned)n);
	else
		herald_node_set_list(node, herald_node_list_type(node),
		                     (unsigned long)n);
	return HERALD_OK;
}

static int read_style(struct reader *r, herald_node *node, json_t *value)
{
	const char *name = expect_string(r, "style", value);
	int v;

	if (!name)
		return HERALD_EINPUT;
	if (herald_node_type_of(node) != HERALD_NODE_LIST)
		return read_error(r, "a %s has no \"style\"",
		                  herald_node_type_name(herald_node_type_of(node)));
	v = lookup_name(name, HERALD_LIST_ORDERED + 1, list_style_name);
	if (v < 0)
		return read_error(r, "unknown list style \"%s\"", name);
	herald_node_set_list(node, (herald_list_type)v,
	                     herald_node_list_start(node));
	return HERALD_OK;
}

static int read_node(struct reader *r, json_t *obj, herald_node *parent);

/* A node's id, kept as written so that a document read back, or a
 * filter's output, cites the same nodes; one that is malformed or
 * already taken is an error (doc/json.md). */
static int read_id(struct reader *r, herald_node *node, json_t *value)
{
	const char *id = expect_string(r, "id", value);
	herald_node_type type = herald_node_type_of(node);
	int rc;

	if (!id)
		return HERALD_EINPUT;
	if (type == HERALD_NODE_DOCUMENT || type == HERALD_NODE_TEXT ||
	    type == HERALD_NODE_EMPH || type == HERALD_NODE_LINK ||
	    type == HERALD_NODE_LINEBREAK)
		return read_error(r, "a %s has no \"id\"",
		                  herald_node_type_name(type));
	if (herald_doc_id_taken(r->doc, id))
		return read_error(r, "duplicate id \"%s\"", id);
	rc = herald_node_set_id(node, id);
	if (rc == HERALD_ENOMEM)
		return read_error(r, "out of memory");
	if (rc != HERALD_OK)
		return read_error(r, "invalid id \"%s\": an id is an ASCII "
		                  "letter or '_', then letters, digits, '.', '-' "
		                  "or '_'", id);
	return HERALD_OK;
}

/* One level more in the path (the index is set by the caller). */
static int path_push(struct reader *r)
{
	if (r->depth == r->cap) {
		size_t ncap = r->cap ? 2 * r->cap : 16;
		size_t *grown = realloc(r->path, ncap * sizeof(*grown));
		if (!grown)
			return read_error(r, "out of memory");
		r->path = grown;
		r->cap = ncap;
	}
	r->depth++;
	return HERALD_OK;
}

static int read_children(struct reader *r, herald_node *node, json_t *value)
{
	size_t i;
	json_t *child;
	int rc = HERALD_OK;

	if (!has_children(herald_node_type_of(node)))
		return read_error(r, "a %s has no \"children\"",
		                  herald_node_type_name(herald_node_type_of(node)));
	if (!json_is_array(value))
		return read_error(r, "\"children\" must be an array");
	if (path_push(r) != HERALD_OK)
		return HERALD_EINPUT;
	json_array_foreach(value, i, child) {
		r->path[r->depth - 1] = i;
		rc = read_node(r, child, node);
		if (rc != HERALD_OK)
			break;
	}
	r->depth--;
	return rc;
}

static int read_attribute(struct reader *r, herald_node *node, const char *key,
                          json_t *value)
{
	if (strcmp(key, "type") == 0)
		return HERALD_OK;                /* read first, by read_node */
	if (strcmp(key, "id") == 0)
		return read_id(r, node, value);
	if (strcmp(key, "line") == 0 || strcmp(key, "column") == 0)
		return read_position(r, node, key, value);
	if (strcmp(key, "kind") == 0 || strcmp(key, "role") == 0)
		return read_choice(r, node, key, value);
	if (strcmp(key, "tags") == 0)
		return read_tags(r, node, value);
	if (strcmp(key, "children") == 0)
		return read_children(r, node, value);
	if (strcmp(key, "title") == 0 || strcmp(key, "speaker") == 0 ||
	    strcmp(key, "url") == 0 || strcmp(key, "text") == 0)
		return read_string_attribute(r, node, key, value);
	if (r->version >= 2) {
		if (strcmp(key, "lang") == 0 || strcmp(key, "label") == 0)
			return read_string_attribute(r, node, key, value);
		if (strcmp(key, "level") == 0 || strcmp(key, "start") == 0)
			return read_number(r, node, key, value);
		if (strcmp(key, "style") == 0)
			return read_style(r, node, value);
	}
	return read_error(r, "unknown key \"%s\"", key);
}

/* The node obj's "type" names, checked against parent and appended to it
 * (parent NULL: the root, which is the document's own DOCUMENT node), in
 * *out; its other keys are not read here. */
static int new_node(struct reader *r, json_t *obj, herald_node *parent,
                    herald_node **out)
{
	const char *type_name;
	herald_node *node;
	int type;

	type_name = json_string_value(json_object_get(obj, "type"));
	if (!type_name)
		return read_error(r, "a node needs a \"type\" string");
	type = lookup_name(type_name, r->version >= 2 ? HERALD_NODE_LIST_ITEM + 1
	                                              : V1_LAST_NODE + 1,
	                   node_type_name);
	if (type < 0)
		return read_error(r, "unknown node type \"%s\"", type_name);
	if ((type == HERALD_NODE_DOCUMENT) != (parent == NULL))
		return read_error(r, parent ? "a document can only be the root"
		                            : "the root must be a document");
	if (type == HERALD_NODE_TEXT && !json_is_string(json_object_get(obj, "text")))
		return read_error(r, "a text node needs a \"text\" string");
	node = parent ? herald_node_new(r->doc, (herald_node_type)type)
	              : herald_doc_root(r->doc);
	if (!node)
		return read_error(r, "out of memory");
	if (parent && herald_node_append_child(parent, node) != HERALD_OK)
		return read_error(r, "a %s cannot hold a %s",
		                  herald_node_type_name(herald_node_type_of(parent)),
		                  type_name);
	*out = node;
	return HERALD_OK;
}

/* Every key of obj read into node. */
static int read_attributes(struct reader *r, herald_node *node, json_t *obj)
{
	const char *key;
	json_t *value;
	int rc;

	json_object_foreach(obj, key, value) {
		rc = read_attribute(r, node, key, value);
		if (rc != HERALD_OK)
			return rc;
	}
	return HERALD_OK;
}

/* The node described by obj, appended to parent (NULL: obj is the root).
 * Recursion is bounded: jansson refuses JSON nested deeper than 2048
 * levels. */
static int read_node(struct reader *r, json_t *obj, herald_node *parent)
{
	herald_node *node;
	int rc;

	if (!json_is_object(obj))
		return read_error(r, "a node must be an object");
	rc = new_node(r, obj, parent, &node);
	return rc != HERALD_OK ? rc : read_attributes(r, node, obj);
}

static int read_meta(struct reader *r, json_t *meta)
{
	const char *key;
	json_t *value;

	if (!json_is_object(meta))
		return read_error(r, "\"meta\" must be an object");
	json_object_foreach(meta, key, value) {
		int m = lookup_name(key, r->version >= 2 ? HERALD_META_COUNT
		                                         : V1_META_COUNT, meta_name);
		if (m < 0)
			return read_error(r, "unknown meta key \"%s\"", key);
		if (!json_is_string(value) && !json_is_null(value))
			return read_error(r, "meta \"%s\" must be a string or null",
			                  key);
		if (herald_doc_set_meta(r->doc, (herald_meta)m,
		                        json_string_value(value)) != HERALD_OK)
			return read_error(r, "out of memory");
	}
	return HERALD_OK;
}

/* The free fields: an object of strings, kept in the document's order. */
static int read_fields(struct reader *r, json_t *fields)
{
	const char *key;
	json_t *value;

	if (!json_is_object(fields))
		return read_error(r, "\"fields\" must be an object");
	json_object_foreach(fields, key, value) {
		int rc;
		if (!json_is_string(value))
			return read_error(r, "field \"%s\" must be a string", key);
		rc = herald_doc_set_field(r->doc, key, json_string_value(value));
		if (rc == HERALD_ENOMEM)
			return read_error(r, "out of memory");
		if (rc != HERALD_OK)
			return read_error(r, "a field needs a non-empty key");
	}
	return HERALD_OK;
}

/* "herald": the schema version, which must come before the rest is
 * understood. */
static int read_version(struct reader *r, json_t *version)
{
	json_int_t v;

	if (!json_is_integer(version))
		return read_error(r, "\"herald\" (the format version) is missing");
	v = json_integer_value(version);
	if (v < 1 || v > JSON_FORMAT_VERSION)
		return read_error(r, "format version %lld is not one this plugin "
		                  "reads (1 to %d)", (long long)v,
		                  JSON_FORMAT_VERSION);
	r->version = (int)v;
	return HERALD_OK;
}

static int is_top_key(const struct reader *r, const char *key)
{
	return !strcmp(key, "herald") || !strcmp(key, "meta") ||
	       !strcmp(key, "root") || (r->version >= 2 && !strcmp(key, "fields"));
}

/* The whole document as one jansson tree: for documents whose keys come
 * in an order the streaming reader below cannot follow. */
static int read_document(struct reader *r, json_t *top)
{
	json_t *version, *meta, *fields, *root;
	const char *key;
	json_t *value;
	int rc;

	if (!json_is_object(top))
		return read_error(r, "the JSON text must be an object");
	version = json_object_get(top, "herald");
	if ((rc = read_version(r, version)) != HERALD_OK)
		return rc;
	json_object_foreach(top, key, value)
		if (!is_top_key(r, key))
			return read_error(r, "unknown top-level key \"%s\"", key);
	meta = json_object_get(top, "meta");
	if (meta && (rc = read_meta(r, meta)) != HERALD_OK)
		return rc;
	fields = json_object_get(top, "fields");
	if (fields && (rc = read_fields(r, fields)) != HERALD_OK)
		return rc;
	root = json_object_get(top, "root");
	if (!root)
		return read_error(r, "\"root\" is missing");
	return read_node(r, root, NULL);
}

/* --- reading as a stream ------------------------------------------------------
 *
 * A whole jansson tree of the input cost some 7 to 25 times its size
 * (an object with its hash table per node, a json_t per value), on top
 * of the model being built.  So the reader walks the document's
 * structure itself, one node at a time: the punctuation between values
 * ('{', ':', ',', ']', ...) is read here, and every key and every value
 * that is not a node or a "children" array (a string, a number, "tags",
 * "meta", "fields") is decoded by jansson on its own (JSON_DECODE_ANY
 * with JSON_DISABLE_EOF_CHECK, which stops after one value and says how
 * many bytes it took).  A node's keys are kept until "children" or the
 * end of the node, where the node is made; so what is in memory at once
 * is the model, the input, and one node's keys per level of nesting.
 *
 * Documents whose keys come in an order this cannot follow ("herald"
 * after "root", "type" after "children") are read as one jansson tree,
 * as before: the same checks and messages, the old cost. */

struct scan {
	const char *start, *p, *end;
};

/* The deepest nesting jansson takes (its JSON_PARSER_MAX_DEPTH): a node
 * at depth d is JSON level 2 + 2d, its children array one more. */
#define MAX_JSON_DEPTH 2048

static int peek(struct scan *sc)
{
	while (sc->p < sc->end && (*sc->p == ' ' || *sc->p == '\t' ||
	                           *sc->p == '\n' || *sc->p == '\r'))
		sc->p++;
	return sc->p < sc->end ? (unsigned char)*sc->p : EOF;
}

/* Line and column (in characters, as jansson counts them) of at. */
static void position_of(const struct scan *sc, const char *at,
                        unsigned long *line, unsigned long *col)
{
	*line = 1;
	*col = 1;
	for (const char *p = sc->start; p < at; p++) {
		if (*p == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			++*col;
		}
	}
}

__attribute__((format(printf, 3, 4)))
static int syntax_error(struct reader *r, const struct scan *sc,
                        const char *fmt, ...)
{
	unsigned long line, col;
	char message[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	position_of(sc, sc->p, &line, &col);
	herald_diag_report(r->diag, HERALD_ERROR, line, col, "%s", message);
	return HERALD_EINPUT;
}

/* One JSON value at sc->p, decoded by jansson, sc->p moved past it; NULL
 * after reporting jansson's message at its place in the whole input. */
static json_t *scan_value(struct reader *r, struct scan *sc)
{
	json_error_t error;
	const char *at;
	json_t *value;

	peek(sc);
	at = sc->p;
	value = json_loadb(at, (size_t)(sc->end - at), JSON_DECODE_ANY |
	                   JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES,
	                   &error);
	if (!value) {
		unsigned long line, col;
		position_of(sc, at, &line, &col);
		if (error.line > 1)
			col = error.column > 0 ? (unsigned long)error.column : 0;
		else if (error.column > 0)
			col += (unsigned long)error.column - 1;
		line += error.line > 1 ? (unsigned long)error.line - 1 : 0;
		herald_diag_report(r->diag, HERALD_ERROR, line, col, "%s",
		                   error.text);
		return NULL;
	}
	sc->p = at + error.position;
	return value;
}

/* A key and its ':'; NULL after reporting.  The caller frees it. */
static json_t *scan_key(struct reader *r, struct scan *sc)
{
	json_t *key;

	if (peek(sc) != '"') {
		syntax_error(r, sc, "string or '}' expected");
		return NULL;
	}
	key = scan_value(r, sc);
	if (key && peek(sc) != ':') {
		syntax_error(r, sc, "':' expected");
		json_decref(key);
		return NULL;
	}
	sc->p += key != NULL;
	return key;
}

/* After a member or an element: ',' (1, another follows) or the closing
 * bracket (0); -1 after reporting anything else. */
static int scan_next(struct reader *r, struct scan *sc, char close)
{
	int c = peek(sc);

	if (c == ',' || c == close) {
		sc->p++;
		return c == ',';
	}
	syntax_error(r, sc, "',' or '%c' expected", close);
	return -1;
}

/* Past the opening bracket at sc->p: 1 when a member or element follows,
 * 0 when close follows at once (and is passed too). */
static int scan_open(struct scan *sc, char close)
{
	sc->p++;
	if (peek(sc) != close)
		return 1;
	sc->p++;
	return 0;
}

/* What a member callback of scan_members returns when the object must
 * be read some other way (as a tree): not an error, not done. */
#define MEMBERS_STOP 1

/* Calls member(r, sc, name, ctx) for each member of the object at sc->p,
 * with sc->p at the member's value, which member reads.  A key given
 * twice is refused.  Returns HERALD_OK, an error, or MEMBERS_STOP when
 * member said so (sc->p is then anywhere in the object). */
static int scan_members(struct reader *r, struct scan *sc,
                        int (*member)(struct reader *, struct scan *,
                                      const char *, void *),
                        void *ctx)
{
	json_t *seen = json_object();
	int rc = HERALD_OK, more;

	if (!seen)
		return read_error(r, "out of memory");
	more = scan_open(sc, '}');
	while (rc == HERALD_OK && more == 1) {
		json_t *key = scan_key(r, sc);
		const char *name = key ? json_string_value(key) : NULL;

		if (!key)
			rc = HERALD_EINPUT;
		else if (json_object_get(seen, name))
			rc = syntax_error(r, sc, "duplicate object key \"%s\"", name);
		else if ((rc = member(r, sc, name, ctx)) == HERALD_OK &&
		         json_object_set_new(seen, name, json_null()))
			rc = read_error(r, "out of memory");
		json_decref(key);
		if (rc == HERALD_OK && (more = scan_next(r, sc, '}')) < 0)
			rc = HERALD_EINPUT;
	}
	json_decref(seen);
	return rc;
}

/* The value at sc->p decoded whole by jansson and read as a node (what
 * is not an object gets the tree reader's message). */
static int tree_node(struct reader *r, struct scan *sc, herald_node *parent)
{
	json_t *value = scan_value(r, sc);
	int rc = value ? read_node(r, value, parent) : HERALD_EINPUT;

	json_decref(value);
	return rc;
}

static int stream_node(struct reader *r, struct scan *sc, herald_node *parent);

/* A node at sc->p: streamed when it is an object. */
static int node_at(struct reader *r, struct scan *sc, herald_node *parent)
{
	return peek(sc) == '{' ? stream_node(r, sc, parent)
	                       : tree_node(r, sc, parent);
}

/* The value of "children", node's children made one at a time. */
static int stream_children(struct reader *r, struct scan *sc,
                           herald_node *node)
{
	int rc = HERALD_OK, more;
	size_t i = 0;

	if (peek(sc) != '[' || !has_children(herald_node_type_of(node))) {
		/* not an array, or on a node without children: the messages
		 * of the tree reader */
		json_t *value = scan_value(r, sc);
		if (!value)
			return HERALD_EINPUT;
		rc = read_children(r, node, value);
		json_decref(value);
		return rc;
	}
	if (3 + 2 * r->depth >= MAX_JSON_DEPTH)
		return syntax_error(r, sc, "maximum parsing depth reached");
	if (path_push(r) != HERALD_OK)
		return HERALD_EINPUT;
	more = scan_open(sc, ']');
	while (more == 1) {
		r->path[r->depth - 1] = i++;
		if ((rc = node_at(r, sc, node)) != HERALD_OK)
			break;
		more = scan_next(r, sc, ']');
	}
	r->depth--;
	return rc != HERALD_OK ? rc : more < 0 ? HERALD_EINPUT : HERALD_OK;
}

/* A node being streamed: its keys wait in keys until it can be made (at
 * "children", else at its end); later ones go straight in. */
struct pending {
	herald_node *parent;
	herald_node *node;       /* NULL until made */
	json_t *keys;
};

static int make_node(struct reader *r, struct pending *p)
{
	int rc = new_node(r, p->keys, p->parent, &p->node);

	return rc != HERALD_OK ? rc : read_attributes(r, p->node, p->keys);
}

static int node_member(struct reader *r, struct scan *sc, const char *name,
                       void *ctx)
{
	struct pending *p = ctx;
	json_t *value;
	int rc;

	if (strcmp(name, "children") == 0) {
		if (!p->node && !json_object_get(p->keys, "type"))
			return MEMBERS_STOP;     /* "type" may come later */
		if (!p->node && (rc = make_node(r, p)) != HERALD_OK)
			return rc;
		return stream_children(r, sc, p->node);
	}
	if ((value = scan_value(r, sc)) == NULL)
		return HERALD_EINPUT;
	if (p->node) {
		rc = read_attribute(r, p->node, name, value);
		json_decref(value);
		return rc;
	}
	if (json_object_set_new(p->keys, name, value))
		return read_error(r, "out of memory");
	return HERALD_OK;
}

/* The node object at sc->p; one whose "type" follows its "children" is
 * read again from its start, as one tree. */
static int stream_node(struct reader *r, struct scan *sc, herald_node *parent)
{
	struct pending p = { parent, NULL, json_object() };
	const char *open = sc->p;
	int rc;

	if (!p.keys)
		return read_error(r, "out of memory");
	rc = scan_members(r, sc, node_member, &p);
	if (rc == MEMBERS_STOP) {
		sc->p = open;
		rc = tree_node(r, sc, parent);
	} else if (rc == HERALD_OK && !p.node) {
		rc = make_node(r, &p);
	}
	json_decref(p.keys);
	return rc;
}

struct top {
	int version_seen, root_seen;
};

static int top_member(struct reader *r, struct scan *sc, const char *name,
                      void *ctx)
{
	struct top *t = ctx;
	json_t *value;
	int rc;

	if (!t->version_seen && strcmp(name, "herald") != 0)
		return MEMBERS_STOP;             /* the version comes later */
	if (!is_top_key(r, name))
		return read_error(r, "unknown top-level key \"%s\"", name);
	if (strcmp(name, "root") == 0) {
		t->root_seen = 1;
		return node_at(r, sc, NULL);
	}
	if ((value = scan_value(r, sc)) == NULL)
		return HERALD_EINPUT;
	if (strcmp(name, "herald") == 0) {
		t->version_seen = 1;
		rc = read_version(r, value);
	} else if (strcmp(name, "meta") == 0) {
		rc = read_meta(r, value);
	} else {
		rc = read_fields(r, value);
	}
	json_decref(value);
	return rc;
}

/* The top-level object, streamed when "herald" comes first (as this
 * writer puts it); otherwise 1 in *whole: read it as a tree.  Nothing is
 * built before the first key is known to be "herald". */
static int stream_document(struct reader *r, struct scan *sc, int *whole)
{
	struct top t = { 0, 0 };
	int rc = scan_members(r, sc, top_member, &t);

	*whole = rc == MEMBERS_STOP;
	if (rc != HERALD_OK)
		return *whole ? HERALD_OK : rc;
	if (!t.version_seen)
		return read_error(r, "\"herald\" (the format version) is missing");
	if (!t.root_seen)
		return read_error(r, "\"root\" is missing");
	if (peek(sc) != EOF)
		return syntax_error(r, sc, "end of file expected");
	return HERALD_OK;
}

/* The input as one jansson tree, then the model from it. */
static int read_whole(struct reader *r, const herald_input *in)
{
	json_error_t error;
	json_t *top;
	int rc;

	top = json_loadb((const char *)in->data, in->size,
	                 JSON_REJECT_DUPLICATES, &error);
	if (!top) {
		herald_diag_report(r->diag, HERALD_ERROR,
		                   error.line > 0 ? (unsigned long)error.line : 0,
		                   error.column > 0 ? (unsigned long)error.column : 0,
		                   "%s", error.text);
		return HERALD_EINPUT;
	}
	rc = read_document(r, top);
	json_decref(top);
	return rc;
}

static int json_read(void *state, const herald_input *in, herald_doc *doc,
                     herald_diag *diag)
{
	struct reader r = { doc, diag, NULL, 0, 0, JSON_FORMAT_VERSION };
	struct scan sc = { (const char *)in->data, (const char *)in->data,
	                   (const char *)in->data + in->size };
	int rc = HERALD_OK, whole = 1;   /* rc: set on every path below */

	(void)state;
	/* a NUL byte, which jansson refuses, is refused here too */
	if (memchr(in->data, '\0', in->size) == NULL && peek(&sc) == '{')
		rc = stream_document(&r, &sc, &whole);
	if (whole) {
		/* a fresh document: nothing was built yet, or only meta */
		rc = read_whole(&r, in);
	}
	free(r.path);
	return rc;
}

/* --- the descriptor --------------------------------------------------------- */

static const char *const json_extensions[] = { "json", NULL };

HERALD_PLUGIN(json) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "json",
	.version = "1.0",
	.description = "the whole document model as JSON (see doc/json.md)",
	.roles = HERALD_ROLE_WRITER | HERALD_ROLE_READER,
	.extensions = json_extensions,
	.output_extension = "json",
	.options = json_options,
	.open = json_open,
	.close = json_close,
	.read = json_read,
	.write = json_write,
	/* documents one after another still read as one stream */
	.writer_flags = HERALD_WRITER_CONCATENATES,
};
