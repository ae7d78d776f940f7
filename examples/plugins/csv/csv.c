/* csv - an example writer: one CSV row per item or interview turn.
 *
 *     herald -t csv bulletin.txt            id,kind,title,text
 *                                           i1,news,Harbour reopens,The ...
 *                                           i2.t1,turn,Ms. Psaki,Good ...
 *
 * A turn's title is its speaker; an item's text is its own paragraphs
 * (not its turns), each as one line, joined by spaces.  Fields are quoted
 * as RFC 4180 says.  Copy it to start a writer; see doc/plugins.md. */
#include <herald/escape.h>
#include <herald/plugin.h>
#include <herald/walk.h>

#define ONE_LINE (HERALD_SOFT_BREAK_SPACE | HERALD_LINE_BREAK_SPACE)

/* A turn's text, or an item's own paragraphs, each as one line, joined
 * by spaces. */
static void put_text(herald_buf *text, const herald_node *node)
{
	if (herald_node_type_of(node) == HERALD_NODE_TURN)
		return (void)herald_buf_append_node_text(text, node, ONE_LINE);
	for (const herald_node *c = herald_node_first_child(node); c;
	     c = herald_node_next(c))
		if (herald_node_type_of(c) == HERALD_NODE_PARAGRAPH) {
			herald_buf_puts(text, text->len ? " " : "");
			herald_buf_append_node_text(text, c, ONE_LINE);
		}
}

/* id,kind,title,text of an ITEM or a TURN, into row; text is scratch. */
static int put_row(herald_buf *row, herald_buf *text, const herald_node *node)
{
	int turn = herald_node_type_of(node) == HERALD_NODE_TURN;
	herald_buf_clear(row);
	herald_buf_printf(row, "%s,%s,", herald_node_id(node), turn ? "turn"
	                  : herald_item_kind_name(herald_node_item_kind(node)));
	herald_escape_csv(row, turn ? herald_node_speaker(node)
	                            : herald_node_title(node), HERALD_CSTR);
	herald_buf_putc(row, ',');
	herald_buf_clear(text);
	put_text(text, node);
	herald_escape_csv(row, text->data, text->len);
	herald_buf_putc(row, '\n');
	return herald_buf_failed(row) || herald_buf_failed(text) ? HERALD_ENOMEM
	                                                         : HERALD_OK;
}

static int csv_write(void *state, const herald_doc *doc, FILE *out,
                     herald_diag *diag)
{
	herald_buf row = HERALD_BUF_INIT, text = HERALD_BUF_INIT;
	herald_const_walker w;
	int rc = HERALD_OK;
	(void)state;
	fputs("id,kind,title,text\n", out);
	herald_const_walker_init(&w, herald_doc_root(doc));
	while (rc == HERALD_OK && herald_const_walker_next(&w) != HERALD_WALK_DONE) {
		herald_node_type t = herald_node_type_of(w.node);
		if (w.event == HERALD_WALK_ENTER &&
		    (t == HERALD_NODE_ITEM || t == HERALD_NODE_TURN) &&
		    (rc = put_row(&row, &text, w.node)) == HERALD_OK)
			fwrite(row.data, 1, row.len, out);
	}
	herald_buf_free(&row);
	herald_buf_free(&text);
	if (rc)
		herald_error(diag, "out of memory");
	return rc;
}

HERALD_PLUGIN(csv) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "csv",
	.version = "1.0",
	.description = "one CSV row per item or turn: id, kind, title, text",
	.roles = HERALD_ROLE_WRITER,
	.output_extension = "csv",
	.write = csv_write,
};
