/* text.c - plain segmented text: one sentence (or paragraph) per line.
 *
 * Layout (doc/writers.md): the date line first; then every block in
 * order, a blank line between blocks and two before each item.  An item
 * or epigraph starts with its title on a line of its own; an epigraph
 * ends with its author's name on a line of its own.  A text block gives
 * one line per sentence when the segment transform has run, else one
 * line; a heading is a line of its own; a list entry's lines are
 * indented by its nesting and the first carries its marker ("- ",
 * "3. ").  With ids=true every line starts with the id of what it shows
 * and a tab.  Soft and hard line breaks become spaces, or nothing
 * between two characters of a script written without spaces: a line is
 * a unit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <herald/herald.h>

static const herald_option text_options[] = {
	{ .name = "ids", .type = HERALD_OPT_BOOL, .default_value = "false",
	  .help = "start each line with the id of its item, block or sentence and a tab" },
	{ 0 }
};

struct text_state {
	int ids;
};

/* An open LIST: how its entries are marked, and the layout of the entry
 * being written. */
struct open_list {
	herald_list_type type;
	unsigned long next;       /* the number of the next entry */
	size_t indent;            /* spaces before this list's markers */
	size_t cont;              /* spaces before an entry's later lines */
};

/* One document being written. */
struct writer {
	FILE *out;
	int ids;
	int started;        /* a line was written already */
	int gap;            /* blank lines owed before the next line */
	struct open_list *lists;  /* the lists open around the current block */
	size_t depth, cap;
	char marker[32];    /* the current entry's marker, until written */
	const char *label;  /* the current turn's label, until written */
};

static int text_open(const herald_options *opts, void **state,
                     herald_diag *diag)
{
	struct text_state *st = malloc(sizeof(*st));

	if (!st) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	st->ids = herald_options_bool(opts, "ids");
	*state = st;
	return HERALD_OK;
}

static void text_close(void *state)
{
	free(state);
}

/* Space of any width, and line breaks of any kind: trimmed from the
 * ends of a line whatever the script. */
static int is_blank(uint32_t cp)
{
	return herald_cp_is_space(cp) || herald_cp_is_line_break(cp);
}

/* Whether the character at s[i] is blank; its length in *len. */
static int blank_at(const char *s, size_t i, size_t n, size_t *len)
{
	uint32_t cp;

	if ((unsigned char)s[i] < 0x80) {
		*len = 1;
		return strchr(" \t\n\v\f\r", s[i]) != NULL && s[i] != '\0';
	}
	*len = herald_utf8_next(s + i, n - i, &cp);
	return is_blank(cp);
}

/* The id a line about node shows, asked of the model only when the id
 * column is written (it was 7 % of a segmented document's writing). */
static const char *line_id(const struct writer *w, const herald_node *node)
{
	return w->ids ? herald_node_id(node) : "";
}

/* Asks for at least n blank lines before the next line written. */
static void want_gap(struct writer *w, int n)
{
	if (w->gap < n)
		w->gap = n;
}

static void put_spaces(struct writer *w, size_t n)
{
	static const char spaces[] = "                                ";

	for (; n > sizeof spaces - 1; n -= sizeof spaces - 1)
		fwrite(spaces, 1, sizeof spaces - 1, w->out);
	fwrite(spaces, 1, n, w->out);
}

static void put_label(struct writer *w, const char *label);

/* Starts a line: the blank lines owed, the id column, and inside a list
 * the entry's marker on its first line (followed by a space unless the
 * line holds the marker alone), the same width of spaces on the others;
 * then a turn's label and a colon, on its first line. */
static void start_line(struct writer *w, const char *id, int alone)
{
	const struct open_list *l;

	if (w->started)
		for (; w->gap > 0; w->gap--)
			fputc('\n', w->out);
	w->gap = 0;
	w->started = 1;
	if (w->ids) {
		fputs(id, w->out);
		fputc('\t', w->out);
	}
	if (w->depth > 0) {
		l = &w->lists[w->depth - 1];
		if (w->marker[0]) {
			put_spaces(w, l->indent);
			fputs(w->marker, w->out);
			if (!alone || w->label)
				fputc(' ', w->out);
			w->marker[0] = '\0';
		} else {
			put_spaces(w, l->cont);
		}
	}
	if (w->label) {
		put_label(w, w->label);
		fputs(alone ? ":" : ": ", w->out);
		w->label = NULL;
	}
}

/* The bounds of text without the blanks at its ends; 0 when it is
 * blank throughout. */
static int trimmed(const char *text, size_t n, size_t *from, size_t *to)
{
	size_t start = 0, end = n, len;
	uint32_t cp;

	while (start < n && blank_at(text, start, n, &len))
		start += len;
	while (end > start) {
		size_t at = end - herald_utf8_prev(text, end, &cp);
		if (!is_blank(cp))
			break;
		end = at;
	}
	*from = start;
	*to = end;
	return end > start;
}

/* Writes text[start, end) on the current line: tabs made spaces (a tab
 * would also break the id column), each run of line breaks as many
 * spaces, or none between two characters of a spaceless script.  The
 * bytes that matter are the ASCII controls above and the lead bytes of
 * the line breaks beyond ASCII (U+0085 is C2 85, U+2028 and U+2029 are
 * E2 80 A8/A9); the runs between them go out whole. */
static void put_flat(struct writer *w, const char *text, size_t start,
                     size_t end)
{
	size_t i, from, len;
	uint32_t cp;

	for (i = from = start; i < end;) {
		int line_break;

		/* to the next byte that may matter, at C-library speed */
		i += strcspn(text + i, "\t\n\v\f\r\xC2\xE2");
		if (i >= end)
			break;
		len = herald_utf8_next(text + i, end - i, &cp);
		line_break = herald_cp_is_line_break(cp);
		if (!line_break && cp != '\t' && cp != '\v' && cp != '\f') {
			i += len;
			continue;
		}
		fwrite(text + from, 1, i - from, w->out);
		if (line_break) {
			/* the whole run at once, so a long run stays linear */
			size_t j = i, breaks = 0;
			uint32_t before = ' ', after = 0;
			if (i > start)
				herald_utf8_prev(text, i, &before);
			while (j < end) {
				size_t l = herald_utf8_next(text + j, end - j, &after);
				if (!herald_cp_is_line_break(after))
					break;
				j += l;
				breaks++;
			}
			if (herald_soft_break_is_space(before, after))
				put_spaces(w, breaks);
			len = j - i;
		} else {
			fputc(' ', w->out);
		}
		i += len;
		from = i;
	}
	fwrite(text + from, 1, end - from, w->out);
}

/* A turn's label as printed, on its line (trimmed and flat like text). */
static void put_label(struct writer *w, const char *label)
{
	size_t from, to;

	if (trimmed(label, strlen(label), &from, &to))
		put_flat(w, label, from, to);
}

/* Writes the n bytes of text (a NUL follows them) as one line, its ends
 * trimmed of blanks; nothing for text that is only blank. */
static void put_span(struct writer *w, const char *id, const char *text,
                     size_t n)
{
	size_t from, to;

	if (!trimmed(text, n, &from, &to))
		return;
	start_line(w, id, 0);
	put_flat(w, text, from, to);
	fputc('\n', w->out);
}

static void put_line(struct writer *w, const char *id, const char *text)
{
	put_span(w, id, text, strlen(text));
}

/* A line holding all the text below node.  Most blocks and sentences
 * hold one TEXT: it is written from the node, without a joined copy. */
static int put_text_of(struct writer *w, const char *id,
                       const herald_node *node)
{
	const herald_node *only = herald_node_first_child(node);

	if (only && !herald_node_next(only) &&
	    herald_node_type_of(only) == HERALD_NODE_TEXT) {
		put_span(w, id, herald_node_text(only),
		         herald_node_text_length(only));
		return HERALD_OK;
	}
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
	herald_buf joined = HERALD_BUF_INIT;
	int rc = herald_buf_reserve(&joined, 0);

	for (const herald_node *n = from; rc == HERALD_OK && n != to;
	     n = herald_node_next(n))
		rc = herald_buf_append_node_text(&joined, n, 0);
	if (rc == HERALD_OK)
		put_line(w, id, joined.data);
	herald_buf_free(&joined);
	return rc;
}

/* A paragraph or turn: a line per sentence, or one line. */
static int put_text_block(struct writer *w, const herald_node *block)
{
	const char *id = line_id(w, block);
	const herald_node *loose = NULL;
	int segmented = 0, rc = HERALD_OK;

	/* the label as printed ("MS. PSAKI", "Q") leads the turn's first
	 * line, as on the page the reader took it from */
	if (herald_node_type_of(block) == HERALD_NODE_TURN) {
		const char *label = herald_node_label(block);
		size_t from, to;
		if (label && trimmed(label, strlen(label), &from, &to))
			w->label = label;
	}

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
			rc = put_text_of(w, line_id(w, n), n);
	}
	if (rc == HERALD_OK && !segmented)
		rc = put_text_of(w, id, block);
	else if (rc == HERALD_OK && loose)
		rc = put_loose_text(w, id, loose, NULL);
	if (w->label) {
		/* a label over a turn without text: the label alone */
		start_line(w, id, 1);
		fputc('\n', w->out);
	}
	return rc;
}

/* A LIST opens: a nested one's markers line up with the text of the
 * entry that holds it.  An entry that starts with a nested list has its
 * marker on a line of its own first, so that its number still shows. */
static int open_list(struct writer *w, const herald_node *list)
{
	size_t indent = w->depth ? w->lists[w->depth - 1].cont : 0;

	if (w->marker[0]) {
		start_line(w, line_id(w, herald_node_parent(list)), 1);
		fputc('\n', w->out);
	}

	if (w->depth == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 8;
		struct open_list *grown = realloc(w->lists, cap * sizeof(*grown));
		if (!grown)
			return HERALD_ENOMEM;
		w->lists = grown;
		w->cap = cap;
	}
	if (w->depth == 0)
		want_gap(w, 1);
	w->lists[w->depth].type = herald_node_list_type(list);
	w->lists[w->depth].next = herald_node_list_start(list);
	w->lists[w->depth].indent = indent;
	w->lists[w->depth].cont = w->lists[w->depth].indent;
	w->depth++;
	return HERALD_OK;
}

/* A LIST_ITEM starts: its marker waits for its first line. */
static void open_entry(struct writer *w)
{
	struct open_list *l = &w->lists[w->depth - 1];

	if (l->type == HERALD_LIST_ORDERED)
		snprintf(w->marker, sizeof w->marker, "%lu.", l->next++);
	else
		snprintf(w->marker, sizeof w->marker, "-");
	l->cont = l->indent + strlen(w->marker) + 1;
}

/* What to write when the walk enters node; *skip is set to a text block
 * whose inlines the walk must pass over (the block wrote them all). */
static int enter(struct writer *w, const herald_node *node,
                 const herald_node **skip)
{
	const char *id = line_id(w, node);

	switch (herald_node_type_of(node)) {
	case HERALD_NODE_ITEM:
		want_gap(w, 2);
		if (herald_node_title(node))
			put_line(w, id, herald_node_title(node));
		want_gap(w, 1);
		return HERALD_OK;
	case HERALD_NODE_QUOTE:
		want_gap(w, 1);
		if (herald_node_title(node))
			put_line(w, id, herald_node_title(node));
		want_gap(w, 1);
		return HERALD_OK;
	case HERALD_NODE_LIST:
		return open_list(w, node);
	case HERALD_NODE_LIST_ITEM:
		open_entry(w);
		return HERALD_OK;
	case HERALD_NODE_HEADING:
		*skip = node;
		want_gap(w, 1);
		return put_text_of(w, id, node);
	case HERALD_NODE_PARAGRAPH:
	case HERALD_NODE_TURN:
		*skip = node;
		if (w->depth == 0)
			want_gap(w, 1);
		return put_text_block(w, node);
	default:
		return HERALD_OK;
	}
}

static void leave(struct writer *w, const herald_node *node)
{
	const char *author = herald_node_speaker(node);

	switch (herald_node_type_of(node)) {
	case HERALD_NODE_QUOTE:
		if (author) {
			want_gap(w, 1);
			put_line(w, line_id(w, node), author);
		}
		break;
	case HERALD_NODE_LIST:
		w->depth--;
		w->marker[0] = '\0';
		want_gap(w, w->depth == 0);
		break;
	case HERALD_NODE_HEADING:
		want_gap(w, 1);
		break;
	default:
		break;
	}
}

/* Every block, in a walk: lists nest without bound, so no recursion. */
static int put_blocks(struct writer *w, herald_node *root)
{
	const herald_node *skip = NULL;
	herald_walker walker;
	herald_walk_event ev;
	int rc = HERALD_OK;

	herald_walker_init(&walker, root);
	while (rc == HERALD_OK &&
	       (ev = herald_walker_next(&walker)) != HERALD_WALK_DONE) {
		if (skip) {
			if (ev == HERALD_WALK_EXIT && walker.node == skip)
				skip = NULL;
			else
				continue;
		}
		if (ev == HERALD_WALK_ENTER)
			rc = enter(w, walker.node, &skip);
		else
			leave(w, walker.node);
	}
	return rc;
}

/* The printed lines the reader kept in free fields that stand at place
 * (herald_doc_field_place), one line each, of no node: an empty id. */
static void put_fields(struct writer *w, const herald_doc *doc,
                       herald_field_place place)
{
	const char *shown;

	for (size_t i = 0; i < herald_doc_field_count(doc); i++)
		if (herald_doc_field_place(doc, i, &shown) == place &&
		    shown != NULL) {
			if (place == HERALD_FIELD_FOOT && w->started)
				want_gap(w, 1);
			put_line(w, "", shown);
		}
}

static int text_write(void *state, const herald_doc *doc, FILE *out,
                      herald_diag *diag)
{
	const struct text_state *st = state;
	struct writer w = { .out = out, .ids = st->ids };
	const char *title = herald_doc_meta(doc, HERALD_META_TITLE);
	const char *dateline = herald_doc_meta(doc, HERALD_META_DATELINE);
	int rc;

	/* The title, unless the one item shows it; the date as printed
	 * when the title is not that date line.  Untitled, the date. */
	if (title && herald_doc_title_is_its_item(doc))
		title = NULL;
	else if (!title && !dateline)
		title = herald_doc_meta(doc, HERALD_META_DATE);
	if (title)
		put_line(&w, "", title);
	if (dateline && (!title || !herald_doc_title_is_dateline(doc)))
		put_line(&w, "", dateline);
	put_fields(&w, doc, HERALD_FIELD_HEAD);
	rc = put_blocks(&w, herald_doc_root(doc));
	if (rc == HERALD_OK)
		put_fields(&w, doc, HERALD_FIELD_FOOT);
	free(w.lists);
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
