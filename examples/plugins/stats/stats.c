/* stats - an example writer: counts per item, as CSV.
 *
 *     herald -x segment -t stats bulletin.txt
 *
 * One row for each block at the top of the document (news items, the
 * epigraph, loose paragraphs), in document order:
 *
 *     source,id,kind,title,paragraphs,sentences,words
 *     bulletin.txt,i1,news,Harbour reopens,3,7,112
 *
 * paragraphs counts text blocks (paragraphs and interview turns).
 * sentences counts SENTENCE nodes, which only a transform such as
 * segment creates: without one the column stays empty (and a warning
 * says so) rather than claiming zero.  Words are counted by herald's
 * text layer (herald_text_word_count in <herald/text.h>): a run of
 * characters between spaces that holds a letter or a digit in any
 * script, so a dash standing alone is not a word, and each character of
 * Chinese or Japanese, written without spaces, is one.  Titles are not
 * counted.
 *
 * Fields are quoted as RFC 4180 says when they hold a comma, a quote or
 * a line break (herald_escape_csv(), <herald/escape.h>).  Option header=false leaves out the first row, so that
 * the outputs of several documents can be concatenated.
 *
 * Copy this file to start a writer of your own; see doc/plugins.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/escape.h>
#include <herald/plugin.h>
#include <herald/text.h>
#include <herald/walk.h>

typedef struct {
	int header;
} stats_state;

typedef struct {
	unsigned long paragraphs, sentences, words;
} counts;

/* Add the counts of every block below top (or top itself). */
static int count_block(const herald_node *top, counts *c)
{
	herald_const_walker w;
	herald_const_walker_init(&w, top);
	while (herald_const_walker_next(&w) != HERALD_WALK_DONE) {
		if (w.event != HERALD_WALK_ENTER)
			continue;
		herald_node_type t = herald_node_type_of(w.node);
		if (t == HERALD_NODE_SENTENCE) {
			c->sentences++;
		} else if (t == HERALD_NODE_PARAGRAPH || t == HERALD_NODE_TURN) {
			char *text = herald_node_plain_text(w.node);
			if (!text)
				return HERALD_ENOMEM;
			c->paragraphs++;
			c->words += herald_text_word_count(text, strlen(text));
			free(text);
		}
	}
	return HERALD_OK;
}

static const char *kind_of(const herald_node *node)
{
	if (herald_node_type_of(node) == HERALD_NODE_ITEM)
		return herald_item_kind_name(herald_node_item_kind(node));
	return herald_node_type_name(herald_node_type_of(node));
}

static int has_sentences(const herald_doc *doc)
{
	herald_const_walker w;
	herald_const_walker_init(&w, herald_doc_root(doc));
	while (herald_const_walker_next(&w) != HERALD_WALK_DONE)
		if (herald_node_type_of(w.node) == HERALD_NODE_SENTENCE)
			return 1;
	return 0;
}

static int write_row(const herald_doc *doc, const herald_node *top,
                     int sentences_known, FILE *out)
{
	counts c = { 0, 0, 0 };
	herald_buf row = HERALD_BUF_INIT;
	int rc = count_block(top, &c);
	if (rc != HERALD_OK)
		return rc;
	herald_escape_csv(&row, herald_doc_meta(doc, HERALD_META_SOURCE),
	                  HERALD_CSTR);
	herald_buf_putc(&row, ',');
	herald_escape_csv(&row, herald_node_id(top), HERALD_CSTR);
	herald_buf_printf(&row, ",%s,", kind_of(top));
	herald_escape_csv(&row, herald_node_title(top), HERALD_CSTR);
	herald_buf_printf(&row, ",%lu,", c.paragraphs);
	if (sentences_known)
		herald_buf_printf(&row, "%lu", c.sentences);
	herald_buf_printf(&row, ",%lu\n", c.words);
	if (herald_buf_failed(&row))
		rc = HERALD_ENOMEM;
	else
		fwrite(row.data, 1, row.len, out);
	herald_buf_free(&row);
	return rc;
}

/* May run in several threads at once: the state is only read. */
static int stats_write(void *state, const herald_doc *doc, FILE *out,
                       herald_diag *diag)
{
	const stats_state *st = state;
	int sentences_known = has_sentences(doc);
	if (!sentences_known)
		herald_warning(diag, "no sentences in the document; "
		               "add the segment transform (-x segment) to count them");
	if (st->header)
		fputs("source,id,kind,title,paragraphs,sentences,words\n", out);
	int rc = HERALD_OK;
	for (herald_node *n = herald_node_first_child(herald_doc_root(doc));
	     n && rc == HERALD_OK; n = herald_node_next(n))
		rc = write_row(doc, n, sentences_known, out);
	if (rc == HERALD_ENOMEM)
		herald_error(diag, "out of memory");
	return rc;
}

static int stats_open(const herald_options *opts, void **state,
                      herald_diag *diag)
{
	stats_state *st = malloc(sizeof(*st));
	(void)diag;             /* nothing here can fail but memory */
	if (!st)
		return HERALD_ENOMEM;
	st->header = herald_options_bool(opts, "header");
	*state = st;
	return HERALD_OK;
}

static void stats_close(void *state)
{
	free(state);
}

static const herald_option stats_options[] = {
	{ .name = "header", .type = HERALD_OPT_BOOL, .default_value = "true",
	  .help = "start with a row naming the columns" },
	{ 0 }   /* the end: every field zero (clang warns on { NULL }) */
};

HERALD_PLUGIN(stats) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "stats",
	.version = "1.0",
	.description = "paragraph, sentence and word counts per item, as CSV",
	.roles = HERALD_ROLE_WRITER,
	.output_extension = "csv",
	.options = stats_options,
	.open = stats_open,
	.close = stats_close,
	.write = stats_write,
};
