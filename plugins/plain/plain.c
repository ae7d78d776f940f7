/* plain - the simplest format: paragraphs separated by blank lines.
 * Reader and writer in one module; proves the chain end to end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/plugin.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if none. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80)
		return c ? 1 : 0;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, min = 0x10000;
	else
		return 0;
	if (n < len)
		return 0;
	unsigned cp = c & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

/* Check the whole input first, so that an error never leaves a partly
 * built document behind; report the first bad byte's position. */
static int check_encoding(const herald_input *in, herald_diag *diag)
{
	unsigned long line = 1, col = 1;
	size_t i = 0;
	while (i < in->size) {
		size_t len = utf8_sequence(in->data + i, in->size - i);
		if (!len) {
			herald_diag_report(diag, HERALD_ERROR, line, col,
			                   in->data[i] ? "invalid UTF-8 byte 0x%02X"
			                               : "NUL byte (0x%02X) in text",
			                   in->data[i]);
			return HERALD_EINPUT;
		}
		if (in->data[i] == '\n' ||
		    (in->data[i] == '\r' && (i + 1 == in->size || in->data[i + 1] != '\n')))
			line++, col = 1;
		else if (in->data[i] != '\r')
			col++;
		i += len;
	}
	return HERALD_OK;
}

typedef struct {
	herald_doc *doc;
	char *buf;          /* the paragraph being gathered, '\n'-joined */
	size_t len, cap;
	unsigned long line; /* where it started */
} gatherer;

static int flush_paragraph(gatherer *g)
{
	if (!g->len)
		return HERALD_OK;
	herald_node *p = herald_node_new(g->doc, HERALD_NODE_PARAGRAPH);
	herald_node *t = herald_node_new_text(g->doc, g->buf, g->len);
	if (!p || !t)
		return HERALD_ENOMEM;
	herald_node_set_position(p, g->line, 1);
	herald_node_set_position(t, g->line, 1);
	herald_node_append_child(p, t);
	herald_node_append_child(herald_doc_root(g->doc), p);
	g->len = 0;
	return HERALD_OK;
}

static int add_line(gatherer *g, const char *s, size_t n, unsigned long line)
{
	size_t need = g->len + n + 1;
	if (need > g->cap) {
		size_t cap = g->cap ? g->cap : 256;
		while (cap < need)
			cap *= 2;
		char *b = realloc(g->buf, cap);
		if (!b)
			return HERALD_ENOMEM;
		g->buf = b;
		g->cap = cap;
	}
	if (g->len)
		g->buf[g->len++] = '\n';
	else
		g->line = line;
	memcpy(g->buf + g->len, s, n);
	g->len += n;
	return HERALD_OK;
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f')
			return 0;
	return 1;
}

static int plain_read(void *state, const herald_input *in, herald_doc *doc,
                      herald_diag *diag)
{
	int rc = check_encoding(in, diag);
	if (rc)
		return rc;
	const char *s = (const char *)in->data;
	size_t n = in->size, i = 0;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;  /* a byte order mark is not text */
	gatherer g = { doc, NULL, 0, 0, 0 };
	unsigned long line = 1;
	while (i < n && rc == HERALD_OK) {
		size_t end = i;
		while (end < n && s[end] != '\n' && s[end] != '\r')
			end++;
		size_t len = end - i;
		while (len && (s[i + len - 1] == ' ' || s[i + len - 1] == '\t'))
			len--;
		rc = is_blank(s + i, len) ? flush_paragraph(&g)
		                          : add_line(&g, s + i, len, line);
		if (end < n && s[end] == '\r' && end + 1 < n && s[end + 1] == '\n')
			end++;
		i = end + 1;
		line++;
	}
	if (rc == HERALD_OK)
		rc = flush_paragraph(&g);
	free(g.buf);
	if (rc == HERALD_OK && !herald_node_first_child(herald_doc_root(doc)))
		herald_diag_report(diag, HERALD_WARNING, 0, 0, "no text in input");
	return rc;
}

/* Writer: the document title, then every item title and text block, one
 * paragraph per line group, blank lines between them. */
static void write_block(const herald_node *block, FILE *out, int *first)
{
	char *text = herald_node_plain_text(block);
	if (!text)
		return;
	fprintf(out, "%s%s\n", *first ? "" : "\n", text);
	*first = 0;
	free(text);
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
	herald_walker w;
	herald_walker_init(&w, herald_doc_root(doc));
	while (herald_walker_next(&w) != HERALD_WALK_DONE) {
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
			write_block(w.node, out, &first);
		}
	}
	return ferror(out) ? HERALD_EIO : HERALD_OK;
}

static const char *const plain_extensions[] = { "text", NULL };

HERALD_PLUGIN(plain) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "plain",
	.version = "1.0",
	.description = "plain text: paragraphs separated by blank lines",
	.roles = HERALD_ROLE_READER | HERALD_ROLE_WRITER,
	.extensions = plain_extensions,
	.output_extension = "txt",
	.read = plain_read,
	.write = plain_write,
};
