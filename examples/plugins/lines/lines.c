/* lines - an example reader: one paragraph per line of text.
 *
 *     herald -f lines -t json notes.txt
 *
 * Blank lines are skipped; each paragraph keeps its line number.  The
 * bytes go through herald_decode() first, as in every bundled reader:
 * any charset becomes UTF-8 (with a warning naming it), and bytes that
 * cannot be read are an error at their line and column, or U+FFFD and
 * a warning with repair=true.  Copy it to start a reader; see
 * doc/plugins.md. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <herald/decode.h>
#include <herald/plugin.h>
#include <herald/text.h>

/* A paragraph for the len bytes of s at line, after the spaces that
 * indent it (tabs are spaces once decoded); none for a blank line. */
static int add_paragraph(herald_doc *doc, const char *s, size_t len,
                         unsigned long line)
{
	size_t indent = 0;
	while (indent < len && s[indent] == ' ')
		indent++;
	if (indent == len)
		return HERALD_OK;
	herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
	herald_node *t = herald_node_new_text(doc, s + indent, len - indent);
	if (!p || !t)
		return HERALD_ENOMEM;
	herald_node_set_position(p, line, indent + 1);
	herald_node_set_position(t, line, indent + 1);
	herald_node_append_child(p, t);
	return herald_node_append_child(herald_doc_root(doc), p);
}

static int lines_read(void *state, const herald_input *in, herald_doc *doc,
                      herald_diag *diag)
{
	herald_decode_options opts = { NULL, *(const bool *)state };
	char *text = NULL;
	size_t n = 0;
	int rc = herald_decode(in->data, in->size, &opts, &text, &n, NULL, diag);
	unsigned long line = 1;
	for (size_t at = 0; rc == HERALD_OK && at < n; line++) {
		const char *end = memchr(text + at, '\n', n - at);
		size_t len = (end ? (size_t)(end - text) : n) - at;
		rc = add_paragraph(doc, text + at,
		                   herald_text_trim_end(text + at, len), line);
		at += len + 1;
	}
	if (rc == HERALD_ENOMEM)
		herald_error(diag, "out of memory");
	free(text);
	return rc;
}

static int lines_open(const herald_options *opts, void **state,
                      herald_diag *diag)
{
	bool *repair = malloc(sizeof *repair);
	(void)diag;
	if (!repair)
		return HERALD_ENOMEM;
	*repair = herald_options_bool(opts, "repair");
	*state = repair;
	return HERALD_OK;
}

static const herald_option lines_options[] = {
	{ .name = "repair", .type = HERALD_OPT_BOOL, .default_value = "false",
	  .help = "replace bytes that cannot be read with U+FFFD, with a warning" },
	{ 0 }
};

HERALD_PLUGIN(lines) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "lines",
	.version = "1.0",
	.description = "reads text with one paragraph per line",
	.roles = HERALD_ROLE_READER,
	.options = lines_options,
	.open = lines_open,
	.close = free,
	.read = lines_read,
};
