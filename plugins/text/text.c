/* text.c - plain segmented text: one sentence (or paragraph) per line.
 *
 * Layout (doc/writers.md): the date line first; then every block in
 * order, a blank line between blocks and two before each item.  An item
 * or epigraph starts with its title on a line of its own; an epigraph
 * ends with its author's name on a line of its own.  A text block gives
 * one line per sentence when the segment transform has run, else one
 * line.  With ids=true every line starts with the id of what it shows
 * and a tab.  Soft and hard line breaks become spaces: a line is a unit.
 */
#include <stdlib.h>
#include <string.h>

#include <herald/herald.h>

static const herald_option text_options[] = {
	{ "ids", HERALD_OPT_BOOL, "false",
	  "start each line with the id of its item, block or sentence and a tab",
	  NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

struct text_state {
	int ids;
};

/* One document being written. */
struct writer {
	FILE *out;
	int ids;
	int started;        /* a line was written already */
	int gap;            /* blank lines owed before the next line */
};

static int text_open(const herald_options *opts, void **state,
                     herald_diag *diag)
{
	struct text_state *st = malloc(sizeof(*st));

	if (!st) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	st->ids = herald_options_get_bool(opts, "ids");
	*state = st;
	return HERALD_OK;
}

static void text_close(void *state)
{
	free(state);
}

/* The byte length of the whitespace character at s, 0 if it is none.
 * Unicode spaces count (no-break space, U+2000..U+200A, ...): trimming
 * and the "one unit per line" promise must not depend on the script. */
static size_t space_at(const unsigned char *s)
{
	if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		return 1;
	if (s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0))
		return 2;
	if (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80)          /* U+1680 */
		return 3;
	if (s[0] == 0xE2 && s[1] == 0x80 &&
	    (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
		return 3;
	if (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F)          /* U+205F */
		return 3;
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)          /* U+3000 */
		return 3;
	return 0;
}

/* Line breaks of any kind, which must not split a line of output. */
static int is_line_break(const unsigned char *s, size_t n)
{
	return (n == 1 && *s != ' ') ||
	       (n == 2 && s[1] == 0x85) ||
	       (n == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	        (s[2] == 0xA8 || s[2] == 0xA9));
}

static size_t char_length(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Asks for at least n blank lines before the next line written. */
static void want_gap(struct writer *w, int n)
{
	if (w->gap < n)
		w->gap = n;
}

/* Writes text as one line: its ends trimmed of whitespace, line breaks
 * and tabs inside made spaces (a tab would also break the id column).
 * Nothing is written for text that is only whitespace. */
static void put_line(struct writer *w, const char *id, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t start = 0, end = 0, i = 0, n;

	while ((n = space_at(s + start)) > 0)
		start += n;
	for (i = start; s[i]; i += n) {
		n = space_at(s + i);
		if (n == 0) {
			n = char_length(s[i]);
			end = i + n;
		}
	}
	if (end <= start)
		return;
	if (w->started)
		for (; w->gap > 0; w->gap--)
			fputc('\n', w->out);
	w->gap = 0;
	w->started = 1;
	if (w->ids)
		fprintf(w->out, "%s\t", id);
	for (i = start; i < end; i += n) {
		n = space_at(s + i);
		if (n && is_line_break(s + i, n)) {
			fputc(' ', w->out);
			continue;
		}
		n = n ? n : 1;
		fwrite(s + i, 1, n, w->out);
	}
	fputc('\n', w->out);
}

/* A line holding all the text below node. */
static int put_text_of(struct writer *w, const char *id,
                       const herald_node *node)
{
	char *text = herald_node_plain_text(node);

	if (!text)
		return HERALD_ENOMEM;
	put_line(w, id, text);
	free(text);
	return HERALD_OK;
}

/* Text that a segmented block holds outside its sentences (normally only
 * the whitespace between them, which put_line drops) is still shown, on
 * a line of its own with the block's id: no text is lost. */
static int put_loose_text(struct writer *w, const char *id,
                          const herald_node *from, const herald_node *to)
{
	size_t len = 0, cap = 1;
	char *joined = calloc(1, cap);
	int rc = HERALD_OK;

	for (const herald_node *n = from; joined && n != to;
	     n = herald_node_next(n)) {
		char *part = herald_node_plain_text(n);
		size_t plen = part ? strlen(part) : 0;

		if (part && len + plen + 1 > cap) {
			char *grown = realloc(joined, 2 * (len + plen + 1));
			cap = 2 * (len + plen + 1);
			if (!grown)
				free(joined);
			joined = grown;
		}
		if (!part || !joined) {
			free(part);
			rc = HERALD_ENOMEM;
			break;
		}
		memcpy(joined + len, part, plen + 1);
		len += plen;
		free(part);
	}
	if (!joined)
		rc = HERALD_ENOMEM;
	if (rc == HERALD_OK)
		put_line(w, id, joined);
	free(joined);
	return rc;
}

/* A paragraph or turn: a line per sentence, or one line. */
static int put_text_block(struct writer *w, const herald_node *block)
{
	const char *id = herald_node_id(block);
	const herald_node *loose = NULL;
	int segmented = 0, rc = HERALD_OK;

	for (const herald_node *n = herald_node_first_child(block);
	     n && rc == HERALD_OK; n = herald_node_next(n)) {
		if (herald_node_type_of(n) != HERALD_NODE_SENTENCE) {
			if (!loose)
				loose = n;
			continue;
		}
		if (loose)
			rc = put_loose_text(w, id, loose, n);
		loose = NULL;
		segmented = 1;
		if (rc == HERALD_OK)
			rc = put_text_of(w, herald_node_id(n), n);
	}
	if (rc != HERALD_OK)
		return rc;
	if (!segmented)
		return put_text_of(w, id, block);
	return loose ? put_loose_text(w, id, loose, NULL) : HERALD_OK;
}

static int put_blocks(struct writer *w, const herald_node *container);

/* An item or a quote: title, blocks, and a quote's author last. */
static int put_section(struct writer *w, const herald_node *section)
{
	const char *id = herald_node_id(section);
	const char *title = herald_node_title(section);
	const char *author = herald_node_speaker(section);
	int rc;

	if (title)
		put_line(w, id, title);
	rc = put_blocks(w, section);
	if (rc == HERALD_OK && author &&
	    herald_node_type_of(section) == HERALD_NODE_QUOTE) {
		want_gap(w, 1);
		put_line(w, id, author);
	}
	return rc;
}

/* The blocks of a container; the model's block nesting is at most three
 * deep (document, item, quote), so this recursion is bounded. */
static int put_blocks(struct writer *w, const herald_node *container)
{
	int rc = HERALD_OK;

	for (const herald_node *n = herald_node_first_child(container);
	     n && rc == HERALD_OK; n = herald_node_next(n)) {
		switch (herald_node_type_of(n)) {
		case HERALD_NODE_ITEM:
			want_gap(w, 2);
			rc = put_section(w, n);
			break;
		case HERALD_NODE_QUOTE:
			want_gap(w, 1);
			rc = put_section(w, n);
			break;
		default:
			want_gap(w, 1);
			rc = put_text_block(w, n);
			break;
		}
	}
	return rc;
}

static int text_write(void *state, const herald_doc *doc, FILE *out,
                      herald_diag *diag)
{
	const struct text_state *st = state;
	struct writer w = { out, st->ids, 0, 0 };
	const char *title = herald_doc_meta(doc, HERALD_META_TITLE);
	int rc;

	if (!title)
		title = herald_doc_meta(doc, HERALD_META_DATE);
	if (title)
		put_line(&w, "", title);
	rc = put_blocks(&w, herald_doc_root(doc));
	if (rc == HERALD_ENOMEM)
		herald_error(diag, "out of memory");
	else if (ferror(out)) {
		herald_error(diag, "cannot write the text output");
		rc = HERALD_EIO;
	}
	return rc;
}

HERALD_PLUGIN(text) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "text",
	.version = "1.0",
	.description = "plain text, one sentence or paragraph per line",
	.roles = HERALD_ROLE_WRITER,
	.output_extension = "txt",
	.options = text_options,
	.open = text_open,
	.close = text_close,
	.write = text_write,
	/* documents one after another still read as one stream */
	.writer_flags = HERALD_WRITER_CONCATENATES,
};
