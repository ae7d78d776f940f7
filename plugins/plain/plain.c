/* plain - the simplest format: paragraphs separated by blank lines.
 * Reader and writer in one module; proves the chain end to end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/buffer.h>
#include <herald/decode.h>
#include <herald/plugin.h>
#include <herald/text.h>
#include <herald/walk.h>

static const herald_option plain_options[] = {
	{ .name = "encoding", .type = HERALD_OPT_STRING, .default_value = "auto",
	  .help = "the input's charset, an iconv name such as latin1; auto detects it" },
	{ .name = "repair", .type = HERALD_OPT_BOOL, .default_value = "false",
	  .help = "replace invalid bytes and NUL with U+FFFD instead of failing" },
	{ 0 }
};

typedef struct plain_state {
	char encoding[64];
	bool repair;
} plain_state;

static int plain_open(const herald_options *opts, void **state,
                      herald_diag *diag)
{
	plain_state *st = calloc(1, sizeof *st);
	const char *enc = herald_options_value(opts, "encoding");
	herald_decode_options dopts;
	char *none;
	size_t len;
	int rc;

	if (!st)
		return HERALD_ENOMEM;
	if (!enc)
		enc = "auto";
	if (strlen(enc) >= sizeof st->encoding) {
		herald_error(diag, "unknown encoding '%s'", enc);
		free(st);
		return HERALD_EUSAGE;
	}
	strcpy(st->encoding, enc);
	st->repair = herald_options_bool(opts, "repair");
	/* Decoding nothing checks the name now, before any file is read. */
	dopts = (herald_decode_options){ st->encoding, st->repair };
	rc = herald_decode(NULL, 0, &dopts, &none, &len, NULL, diag);
	if (rc != HERALD_OK) {
		free(st);
		return rc;
	}
	free(none);
	*state = st;
	return HERALD_OK;
}

static void plain_close(void *state)
{
	free(state);
}

typedef struct {
	herald_doc *doc;
	herald_buf text;    /* the paragraph being gathered, '\n'-joined */
	unsigned long line; /* where it started */
} gatherer;

static int flush_paragraph(gatherer *g)
{
	if (!g->text.len)
		return HERALD_OK;
	herald_node *p = herald_node_new(g->doc, HERALD_NODE_PARAGRAPH);
	herald_node *t = herald_node_new_text(g->doc, g->text.data, g->text.len);
	if (!p || !t)
		return HERALD_ENOMEM;
	herald_node_set_position(p, g->line, 1);
	herald_node_set_position(t, g->line, 1);
	herald_node_append_child(p, t);
	herald_node_append_child(herald_doc_root(g->doc), p);
	herald_buf_clear(&g->text);
	return HERALD_OK;
}

static int add_line(gatherer *g, const char *s, size_t n, unsigned long line)
{
	if (g->text.len)
		herald_buf_putc(&g->text, '\n');
	else
		g->line = line;
	return herald_buf_append(&g->text, s, n);
}

static int plain_read(void *state, const herald_input *in, herald_doc *doc,
                      herald_diag *diag)
{
	const plain_state *st = state;
	herald_decode_options dopts = { st->encoding, st->repair };
	char *s;
	size_t n;
	/* Decoded first, whole, so that an error never leaves a partly
	 * built document behind; after it, lines end in '\n' only. */
	int rc = herald_decode(in->data, in->size, &dopts, &s, &n, NULL, diag);
	if (rc)
		return rc;
	gatherer g = { doc, HERALD_BUF_INIT, 0 };
	unsigned long line = 1;
	size_t i = 0;
	while (i < n && rc == HERALD_OK) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - s) : n;
		size_t len = herald_text_trim_end(s + i, end - i);
		rc = herald_text_is_blank(s + i, len) ? flush_paragraph(&g)
		                                      : add_line(&g, s + i, len,
		                                                 line);
		i = end + 1;
		line++;
	}
	if (rc == HERALD_OK)
		rc = flush_paragraph(&g);
	herald_buf_free(&g.text);
	free(s);
	if (rc == HERALD_OK && !herald_node_first_child(herald_doc_root(doc)))
		herald_diag_report(diag, HERALD_WARNING, 0, 0, "no text in input");
	return rc;
}

/* Writer: the document title, then every item title and text block, one
 * paragraph per line group, blank lines between them.  A turn's label as
 * printed ("MS. PSAKI", "Q") leads it, with a colon, as on the page. */
static int write_block(const herald_node *block, FILE *out, int *first)
{
	const char *label = herald_node_type_of(block) == HERALD_NODE_TURN
	                    ? herald_node_label(block) : NULL;
	char *text = herald_node_plain_text(block);

	if (!text)
		return HERALD_ENOMEM;
	if (!*first)
		fputc('\n', out);
	if (label) {
		fputs(label, out);
		fputs(*text ? ": " : ":", out);
	}
	fputs(text, out);
	fputc('\n', out);
	*first = 0;
	free(text);
	return HERALD_OK;
}

static int plain_write(void *state, const herald_doc *doc, FILE *out,
                       herald_diag *diag)
{
	int first = 1;
	const char *title = herald_doc_meta(doc, HERALD_META_TITLE);
	if (title) {
		fprintf(out, "%s\n", title);
		first = 0;
	}
	herald_const_walker w;
	int rc = HERALD_OK;
	herald_const_walker_init(&w, herald_doc_root(doc));
	while (rc == HERALD_OK && herald_const_walker_next(&w) != HERALD_WALK_DONE) {
		herald_node_type t = herald_node_type_of(w.node);
		const char *head = herald_node_title(w.node);
		const char *author = herald_node_speaker(w.node);
		if (w.event == HERALD_WALK_EXIT) {
			/* An epigraph's author follows its text. */
			if (t == HERALD_NODE_QUOTE && author) {
				fprintf(out, "%s%s\n", first ? "" : "\n", author);
				first = 0;
			}
			continue;
		}
		if ((t == HERALD_NODE_ITEM || t == HERALD_NODE_QUOTE) && head) {
			fprintf(out, "%s%s\n", first ? "" : "\n", head);
			first = 0;
		} else if (t == HERALD_NODE_PARAGRAPH || t == HERALD_NODE_TURN) {
			rc = write_block(w.node, out, &first);
		}
	}
	if (rc != HERALD_OK) {
		herald_error(diag, "out of memory");
		return rc;
	}
	return ferror(out) ? HERALD_EIO : HERALD_OK;
}

static const char *const plain_extensions[] = { "text", NULL };

HERALD_PLUGIN(plain) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "plain",
	.version = "1.1",      /* 1.1: writes .text files */
	.description = "plain text: paragraphs separated by blank lines",
	.roles = HERALD_ROLE_READER | HERALD_ROLE_WRITER,
	.extensions = plain_extensions,
	/* ".txt" is the text writer's (one writer per extension, so that
	 * -o x.txt names one); plain writes what it reads, ".text" */
	.output_extension = "text",
	.options = plain_options,
	.open = plain_open,
	.close = plain_close,
	.read = plain_read,
	.write = plain_write,
};
