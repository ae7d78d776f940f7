/* markdown.c - CommonMark through cmark.
 *
 * The document is built as cmark node trees, an item at a time, each
 * rendered by cmark_render_commonmark(), so escaping is cmark's job:
 * text from the bulletin only ever goes into TEXT nodes, never into
 * Markdown source, and a line that starts with '#' or '-' stays a
 * literal line.
 *
 * Layout (doc/writers.md): YAML front matter made by libyaml (the
 * default), or else the title as a level-1 heading and the ISO date in
 * emphasis under it; the epigraph as a block quote (its heading in bold,
 * its paragraphs, "— author"); items as level-2 headings carrying the
 * item's id ("{#i3}"), their tags and speaker in an emphasised line under
 * the heading; an untitled item headed by its kind; a turn as a
 * paragraph led by its speaker in bold ("**Interviewer:**"); subheadings
 * from level 3; lists as cmark lists.  The labels come from the
 * language pack of the document's (or the item's) language.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>
#include <yaml.h>

#include <herald/herald.h>

#include "arena.h"
#include "render.h"

static const herald_option markdown_options[] = {
	{ .name = "width", .type = HERALD_OPT_INT, .default_value = "0",
	  .help = "wrap lines at this many columns (0: do not wrap)" },
	{ .name = "front-matter", .type = HERALD_OPT_BOOL, .default_value = "true",
	  .help = "start with YAML front matter (title, date, time, author, lang, "
	  "tags, source, source_url, fields) instead of a title heading" },
	{ .name = "anchors", .type = HERALD_OPT_CHOICE, .default_value = "attributes",
	  .help = "item ids on headings: '{#i3}' (Hugo, Jekyll, mkdocs attr_list), "
	  "an HTML '<a id>', or none", .choices = "attributes|html|none" },
	{ .name = "index", .type = HERALD_OPT_STRING, .default_value = "_index.md",
	  .help = "the file name of a folder's index with -o FOLDER: '_index.md' for "
	  "Hugo, 'index.md' for mkdocs and Jekyll" },
	{ .name = "links", .type = HERALD_OPT_CHOICE, .default_value = "relref",
	  .help = "relative links to .md pages: Hugo's '{{< relref >}}' shortcode, "
	  "or the file as it is (mkdocs, GitHub)", .choices = "relref|files" },
	{ 0 }
};

/* How an item's heading carries its id (herald_node_id, "i3"). */
enum anchor_style { ANCHOR_ATTRIBUTES, ANCHOR_HTML, ANCHOR_NONE };

/* How a relative link to a Markdown page ("2020/01/b.md#i3") is
 * written: as a Hugo shortcode that Hugo resolves to the page's URL
 * whatever its URL settings, or as it is. */
enum link_style { LINKS_RELREF, LINKS_FILES };

struct markdown_state {
	int width;
	int front_matter;
	enum anchor_style anchors;
	enum link_style links;
	char *index;        /* a folder's index file name */
	/* The writer's HERALD_WRITER_* bits for these options: several
	 * documents concatenate only without front matter (a "---" block in
	 * the middle of a stream is no Markdown). */
	unsigned flags;
};

/* An index name that stays in its folder and is seen by the site
 * generators: not hidden (Hugo, Jekyll and herald -r skip those). */
static int index_name_is_valid(const char *name)
{
	return *name && *name != '.' && !strchr(name, '/') &&
	       strlen(name) < 64 && herald_utf8_is_valid(name, strlen(name));
}

static int markdown_open(const herald_options *opts, void **state,
                         herald_diag *diag)
{
	long width = herald_options_int(opts, "width");
	const char *anchors = herald_options_value(opts, "anchors");
	const char *index = herald_options_value(opts, "index");
	struct markdown_state *st;

	if (width < 0 || width > 100000) {
		herald_error(diag, "width must be 0 (no wrapping) or "
		             "a number of columns up to 100000, not %ld", width);
		return HERALD_EUSAGE;
	}
	if (!index_name_is_valid(index)) {
		char q[HERALD_QUOTE_SIZE];
		herald_error(diag, "markdown: index must be a file name (no '/', "
		             "not starting with '.', under 64 bytes), not %s",
		             *index ? herald_diag_quote(index, q, sizeof(q)) : "empty");
		return HERALD_EUSAGE;
	}
	st = malloc(sizeof(*st));
	if (st)
		st->index = strdup(index);
	if (!st || !st->index) {
		free(st);
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	st->width = (int)width;
	st->front_matter = herald_options_bool(opts, "front-matter");
	st->anchors = strcmp(anchors, "html") == 0 ? ANCHOR_HTML
	            : strcmp(anchors, "none") == 0 ? ANCHOR_NONE
	            : ANCHOR_ATTRIBUTES;
	st->links = strcmp(herald_options_value(opts, "links"), "files") == 0
	          ? LINKS_FILES : LINKS_RELREF;
	st->flags = HERALD_WRITER_SITE |
	            (st->front_matter ? 0 : HERALD_WRITER_CONCATENATES);
	*state = st;
	return HERALD_OK;
}

static void markdown_close(void *state)
{
	struct markdown_state *st = state;

	if (st)
		free(st->index);
	free(st);
}

static const char *markdown_index_name(void *state)
{
	return ((const struct markdown_state *)state)->index;
}

/* --- building the cmark tree ------------------------------------------------ */

/* Every helper returns the new node, or NULL when out of memory; a NULL
 * parent or child passes through, and build() checks once at the end by
 * a flag, so the code reads as the layout it builds. */
struct builder {
	int failed;
	int wraps;          /* lines will be wrapped (width > 0) */
	int after_space;    /* the last text added ended with a space */
	int rendered;       /* a part of the document was written already */
	enum anchor_style anchors;
	const herald_lang *lang;   /* the document's language pack, or NULL */
	enum link_style links;
	/* The words for unnamed speakers in the item whose turn asked last
	 * (looked up once per item: each costs a language lookup). */
	const herald_node *words_item;
	const char *speaker_word[3];  /* speaker_keys[]; NULL: not yet */
	cmark_mem *mem;     /* where the nodes go (arena.h) */
};

static const char *const speaker_keys[] = {
	"interviewer", "interviewee", "unknown-speaker"
};

static cmark_node *add(struct builder *b, cmark_node *parent,
                       cmark_node_type type)
{
	cmark_node *node;

	if (!parent)
		return NULL;
	node = cmark_node_new_with_mem(type, b->mem);
	if (!node || !cmark_node_append_child(parent, node)) {
		cmark_node_free(node);
		b->failed = 1;
		return NULL;
	}
	if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
	    type == CMARK_NODE_LINEBREAK)
		b->after_space = 1;      /* a line starts: spaces are dropped */
	return node;
}

static cmark_node *add_literal(struct builder *b, cmark_node *parent,
                               cmark_node_type type, const char *s)
{
	cmark_node *node = add(b, parent, type);

	if (node && !cmark_node_set_literal(node, s))
		b->failed = 1;
	return node;
}

/* Whether the character at q must be written as a backslash escape by
 * us, because cmark's renderer would leave it bare where it starts a
 * block:
 *  - a run of three tildes opens a fenced code block at the start of a
 *    line (cmark escapes backquotes but not tildes);
 *  - when lines are wrapped, cmark may break at the space before a '-',
 *    '+' or '=' (it guards only digits), making a list item, a thematic
 *    break or a setext heading underline of the next line. */
static int needs_escape(const struct builder *b, const char *flat,
                        const char *q)
{
	if (q[0] == '~')
		return q[1] == '~' && q[2] == '~';
	return b->wraps && (*q == '-' || *q == '+' || *q == '=') &&
	       (q == flat || q[-1] == ' ');
}

/* TEXT holding s, with the model's soft breaks ('\n') made spaces, or
 * nothing between two characters of a spaceless script.  When
 * wrapping, runs of spaces become one, across nodes too: cmark breaks
 * the line at the first and writes the next as a blank line, which would
 * end the paragraph.  Leading blanks at the start of a block
 * (trim_start) would make an indented code block; Markdown drops them
 * anyway, so they go.  Only ASCII blanks: they are what CommonMark calls
 * whitespace.  The few characters needs_escape() names go out as "\X"
 * through raw inline nodes, which parse back as the bare character.
 * from is the TEXT node s belongs to, or NULL. */
static void add_text_trimmed(struct builder *b, cmark_node *parent,
                             const char *s, int trim_start,
                             const herald_node *from)
{
	const char *whole = s;
	size_t n = strlen(s);
	char *flat, *p, *q;

	if (!parent)
		return;
	if (trim_start)
		s += strspn(s, " \t\n\r");
	/* most texts need none of this: one line, nothing to escape, no
	 * wrapping to guard; cmark takes them as they are */
	if (!b->wraps && s[strcspn(s, "\n\r\t~")] == '\0') {
		size_t len = n - (size_t)(s - whole);
		if (len > 0) {
			add_literal(b, parent, CMARK_NODE_TEXT, s);
			b->after_space = s[len - 1] == ' ';
		}
		return;
	}
	flat = strdup(s);
	if (!flat) {
		b->failed = 1;
		return;
	}
	for (p = q = flat; *q; q++) {
		char c = (*q == '\n' || *q == '\r' || *q == '\t') ? ' ' : *q;
		size_t at = (size_t)(s - whole) + (size_t)(q - flat);
		if (*q == '\n' &&
		    !(from ? herald_node_soft_break_is_space(from, at)
		           : herald_text_soft_break_is_space(whole, n, at)))
			continue;
		if (c == ' ' && b->wraps && b->after_space)
			continue;
		*p++ = c;
		b->after_space = c == ' ';
	}
	*p = '\0';
	for (p = q = flat; *q; q++) {
		char escape[3] = { '\\', *q, '\0' };

		if (!needs_escape(b, flat, q))
			continue;
		*q = '\0';
		if (*p)
			add_literal(b, parent, CMARK_NODE_TEXT, p);
		add_literal(b, parent, CMARK_NODE_HTML_INLINE, escape);
		p = q + 1;
	}
	if (*p)
		add_literal(b, parent, CMARK_NODE_TEXT, p);
	free(flat);
}

static void add_text(struct builder *b, cmark_node *parent, const char *s)
{
	add_text_trimmed(b, parent, s, 0, NULL);
}

/* A text made of two parts ("— " and a name). */
static void add_text2(struct builder *b, cmark_node *parent, const char *a,
                      const char *z)
{
	size_t la = strlen(a), lz = strlen(z);
	char *joined = malloc(la + lz + 1);

	if (!joined) {
		b->failed = 1;
		return;
	}
	memcpy(joined, a, la);
	memcpy(joined + la, z, lz + 1);
	add_text(b, parent, joined);
	free(joined);
}

static cmark_node *add_heading(struct builder *b, cmark_node *parent,
                               int level, const char *title)
{
	cmark_node *h = add(b, parent, CMARK_NODE_HEADING);

	if (h)
		cmark_node_set_heading_level(h, level);
	add_text(b, h, title);
	return h;
}

/* A paragraph holding one emphasised (or strong) text. */
static void add_styled_line(struct builder *b, cmark_node *parent,
                            cmark_node_type style, const char *text)
{
	cmark_node *p = add(b, parent, CMARK_NODE_PARAGRAPH);

	add_text(b, add(b, p, style), text);
}

/* The text at one end of node's first (or last) descendant leaf, if the
 * leaf is a non-empty TEXT. */
static const char *edge_text(const herald_node *node, int last)
{
	while (herald_node_first_child(node))
		node = last ? herald_node_last_child(node)
		            : herald_node_first_child(node);
	if (herald_node_type_of(node) != HERALD_NODE_TEXT ||
	    !*herald_node_text(node))
		return NULL;
	return herald_node_text(node);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether an EMPH can be emphasis in Markdown at all: "* x*" or an empty
 * "**" would come back as literal asterisks, so such an EMPH is written
 * as plain text instead (its words kept, the styling dropped). */
static int emphasis_survives(const herald_node *emph)
{
	const char *first = edge_text(emph, 0), *last = edge_text(emph, 1);

	return first && last && !is_blank(first[0]) &&
	       !is_blank(last[strlen(last) - 1]);
}

/* Stack of open cmark inline containers, one per open EMPH or LINK. */
struct open_inlines {
	cmark_node **node;
	size_t depth, cap;
};

static int push(struct open_inlines *s, cmark_node *node)
{
	if (s->depth == s->cap) {
		size_t ncap = s->cap ? 2 * s->cap : 16;
		cmark_node **grown = realloc(s->node, ncap * sizeof(*grown));
		if (!grown)
			return -1;
		s->node = grown;
		s->cap = ncap;
	}
	s->node[s->depth++] = node;
	return 0;
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* Whether url can be relref's argument as it is: Hugo reads the
 * argument as a URL (a "%" must start an escape, "%25" is a '%', so the
 * core's percent-encoded paths name their files), inside double quotes
 * (no '"', '\\' or '`', no blank or control character). */
static int fits_shortcode(const char *url)
{
	for (const unsigned char *c = (const unsigned char *)url; *c; c++) {
		if (*c <= 0x20 || *c == 0x7f || *c == '"' || *c == '\\' ||
		    *c == '`')
			return 0;
		if (*c == '%' && !(is_hex((char)c[1]) && is_hex((char)c[2])))
			return 0;
	}
	return 1;
}

/* Whether url is a relative link to a Markdown page: no scheme (a ':'
 * before any '/', '?' or '#'), not from the site's root or a fragment
 * of this page, no query, a path ending in ".md". */
static int is_page_link(const char *url)
{
	size_t first = strcspn(url, ":/?#"), len = strcspn(url, "?#");

	if (url[first] == ':' || url[0] == '/' || url[0] == '#' ||
	    url[len] == '?')
		return 0;
	return len > 3 && memcmp(url + len - 3, ".md", 3) == 0;
}

/* The Hugo shortcode a link to url becomes with links=relref,
 * "]({{< relref \"2020/01/b.md#i3\" >}})" (after the link's text), which
 * Hugo resolves to the page's URL (its own lower-casing, permalinks and
 * URL settings included) and whose target it checks.  Returns 1 with
 * *ref the caller's, 0 when url stays as it is (not a page link, or one
 * a shortcode argument cannot hold: fits_shortcode), -1 when out of
 * memory. */
static int relref_for(const char *url, char **ref)
{
	size_t size;

	if (!is_page_link(url) || !fits_shortcode(url))
		return 0;
	size = strlen(url) + 24;
	*ref = malloc(size);
	if (!*ref)
		return -1;
	snprintf(*ref, size, "]({{< relref \"%s\" >}})", url);
	return 1;
}

/* A link opens: a cmark LINK, or with links=relref for a page link a
 * bare "[" (the link's text then goes into parent, escaped by cmark as
 * any text, and link_end() closes it).  Returns the node the link's
 * inlines go into. */
static cmark_node *link_start(struct builder *b, cmark_node *parent,
                              const herald_node *link)
{
	const char *url = herald_node_url(link);
	char *ref = NULL;
	int made_ref = b->links == LINKS_RELREF && url ? relref_for(url, &ref)
	                                               : 0;
	cmark_node *made;

	free(ref);
	if (made_ref < 0) {
		b->failed = 1;
		return NULL;
	}
	if (made_ref) {
		add_literal(b, parent, CMARK_NODE_HTML_INLINE, "[");
		return parent;
	}
	made = add(b, parent, CMARK_NODE_LINK);
	if (made && url)
		cmark_node_set_url(made, url);
	return made;
}

/* A link closes: for one that link_start() opened as "[", the
 * "]({{< relref ... >}})" after its text. */
static void link_end(struct builder *b, cmark_node *parent,
                     const herald_node *link)
{
	const char *url = herald_node_url(link);
	char *ref = NULL;
	int made_ref = b->links == LINKS_RELREF && url ? relref_for(url, &ref)
	                                               : 0;

	if (made_ref < 0)
		b->failed = 1;
	else if (made_ref)
		add_literal(b, parent, CMARK_NODE_HTML_INLINE, ref);
	free(ref);
}

/* The inlines of a text block, appended to target.  Walked without
 * recursion since inlines may nest deeply; sentences add no node (their
 * text simply follows in the paragraph). */
static void add_inlines(struct builder *b, cmark_node *target,
                        herald_node *block)
{
	struct open_inlines open = { NULL, 0, 0 };
	herald_walker walker;
	herald_walk_event ev;
	int at_start = cmark_node_first_child(target) == NULL;

	if (!target || push(&open, target)) {
		b->failed = 1;
		return;
	}
	herald_walker_init(&walker, block);
	herald_walker_next(&walker);                 /* the block itself */
	while ((ev = herald_walker_next(&walker)) != HERALD_WALK_DONE &&
	       walker.node != block) {
		herald_node *n = walker.node;
		cmark_node *top = open.node[open.depth - 1], *made = top;

		switch (herald_node_type_of(n)) {
		case HERALD_NODE_TEXT:
			add_text_trimmed(b, top, herald_node_text(n), at_start, n);
			at_start = at_start && !cmark_node_last_child(top);
			continue;
		case HERALD_NODE_LINEBREAK:
			add(b, top, CMARK_NODE_LINEBREAK);
			at_start = 0;
			continue;
		case HERALD_NODE_EMPH:
			if (ev == HERALD_WALK_ENTER && emphasis_survives(n))
				made = add(b, top, CMARK_NODE_EMPH);
			break;
		case HERALD_NODE_LINK:
			if (ev == HERALD_WALK_ENTER)
				made = link_start(b, top, n);
			else
				link_end(b, top, n);
			break;
		default:                                 /* SENTENCE */
			break;
		}
		if (ev == HERALD_WALK_EXIT)
			open.depth--;
		else if (!made || push(&open, made))
			b->failed = 1;
		if (b->failed)
			break;
	}
	free(open.node);
}

/* A paragraph; a photo caption in emphasis, as captions are printed,
 * when its text can be emphasis at all (emphasis_survives), else as
 * it is. */
static void add_paragraph(struct builder *b, cmark_node *parent,
                          herald_node *p)
{
	cmark_node *target = add(b, parent, CMARK_NODE_PARAGRAPH);

	if (herald_node_has_tag(p, "caption") && emphasis_survives(p))
		target = add(b, target, CMARK_NODE_EMPH);
	add_inlines(b, target, p);
}

/* The language pack for labels inside item: the item's own language
 * when it has one, else the document's. */
static const herald_lang *item_lang(const struct builder *b,
                                    const herald_node *item)
{
	const char *tag = item ? herald_node_lang(item) : NULL;
	const herald_lang *own = tag ? herald_lang_find(tag) : NULL;

	return own ? own : b->lang;
}

/* speaker_keys[k] in item's language. */
static const char *speaker_word(struct builder *b, const herald_node *item,
                                int k)
{
	if (item != b->words_item) {
		b->words_item = item;
		memset(b->speaker_word, 0, sizeof b->speaker_word);
	}
	if (!b->speaker_word[k])
		b->speaker_word[k] = herald_lang_label(item_lang(b, item),
		                                       speaker_keys[k]);
	return b->speaker_word[k];
}

/* The label a turn's paragraph starts with. */
static const char *turn_label(struct builder *b, const herald_node *turn)
{
	const herald_node *item = herald_node_parent(turn);
	const char *name = herald_node_label(turn);

	if (name)
		return name;               /* as the page printed it */
	name = herald_node_speaker(turn);
	if (name)
		return name;
	switch (herald_node_role(turn)) {
	case HERALD_SPEAKER_INTERVIEWER:
		return speaker_word(b, item, 0);
	case HERALD_SPEAKER_INTERVIEWEE:
		name = item ? herald_node_speaker(item) : NULL;
		return name ? name : speaker_word(b, item, 1);
	default:
		return speaker_word(b, item, 2);
	}
}

static void add_turn(struct builder *b, cmark_node *parent, herald_node *turn)
{
	cmark_node *p = add(b, parent, CMARK_NODE_PARAGRAPH);

	add_text2(b, add(b, p, CMARK_NODE_STRONG), turn_label(b, turn), ":");
	add_text(b, p, " ");
	add_inlines(b, p, turn);
}

/* "Tags: video; Speaker: Name" under an item's heading, when it has any. */
static void add_item_line(struct builder *b, cmark_node *parent,
                          const herald_node *item)
{
	size_t ntags = herald_node_tag_count(item), size = 16;
	const char *speaker = herald_node_speaker(item);
	const herald_lang *lang;
	const char *tags, *who;
	char *line;
	size_t len = 0;

	if (ntags == 0 && !speaker)
		return;
	lang = item_lang(b, item);
	tags = herald_lang_label(lang, "tags");
	who = herald_lang_label(lang,
		herald_node_item_kind(item) == HERALD_ITEM_INTERVIEW
		? "interviewee" : "speaker");
	for (size_t i = 0; i < ntags; i++)
		size += strlen(herald_node_tag(item, i)) + 2;
	size += strlen(tags) + strlen(who) + (speaker ? strlen(speaker) : 0);
	line = malloc(size);
	if (!line) {
		b->failed = 1;
		return;
	}
	line[0] = '\0';
	for (size_t i = 0; i < ntags; i++)
		len += (size_t)snprintf(line + len, size - len, "%s%s%s",
		                        i ? ", " : tags, i ? "" : ": ",
		                        herald_node_tag(item, i));
	if (speaker)
		snprintf(line + len, size - len, "%s%s: %s", ntags ? "; " : "",
		         who, speaker);
	add_styled_line(b, parent, CMARK_NODE_EMPH, line);
	free(line);
}

/* A paragraph with no text (or only blanks and line breaks) would come
 * out as nothing or as a stray backslash: it is left out. */
static int is_blank_block(const herald_node *block)
{
	char *text = herald_node_plain_text(block);
	int blank = text && text[strspn(text, " \t\n\r")] == '\0';

	free(text);
	return blank;
}

/* Whether an id can stand in "{#id}" for kramdown, goldmark and
 * attr_list alike: letters, digits, '_' and '-' (item ids, "i3", are;
 * a '.' would start a class). */
static int is_plain_id(const char *id)
{
	return *id && id[strspn(id, "abcdefghijklmnopqrstuvwxyz"
	                            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")]
	              == '\0';
}

/* The item's id on its heading: " {#i3}" after the text, or
 * "<a id="i3"></a>" before it, as raw inline nodes so that cmark writes
 * them as they are. */
static void add_anchor(struct builder *b, cmark_node *heading,
                       const herald_node *item)
{
	const char *id = herald_node_id(item);
	char *raw;
	size_t size;
	cmark_node *anchor;

	if (!heading || b->anchors == ANCHOR_NONE || !is_plain_id(id))
		return;
	size = strlen(id) + 16;
	raw = malloc(size);
	if (!raw) {
		b->failed = 1;
		return;
	}
	snprintf(raw, size, b->anchors == ANCHOR_HTML ? "<a id=\"%s\"></a>"
	                                               : " {#%s}", id);
	anchor = cmark_node_new_with_mem(CMARK_NODE_HTML_INLINE, b->mem);
	if (!anchor || !cmark_node_set_literal(anchor, raw) ||
	    !(b->anchors == ANCHOR_HTML ? cmark_node_prepend_child(heading, anchor)
	                                : cmark_node_append_child(heading, anchor))) {
		cmark_node_free(anchor);
		b->failed = 1;
	}
	free(raw);
}

/* An item's heading: its title, or for an untitled item its kind in the
 * item's language ("Statement"), so that every item has a heading to
 * carry its anchor and to show in a table of contents. */
static void add_item_head(struct builder *b, cmark_node *parent,
                          const herald_node *item)
{
	const char *title = herald_node_title(item);
	herald_item_kind kind = herald_node_item_kind(item);
	char key[32];

	if (!title) {
		if ((unsigned)kind > HERALD_ITEM_SPEECH)
			kind = HERALD_ITEM_NEWS;
		snprintf(key, sizeof key, "kind-%s", herald_item_kind_name(kind));
		title = herald_lang_label(item_lang(b, item), key);
	}
	add_anchor(b, add_heading(b, parent, 2, title), item);
	add_item_line(b, parent, item);
}

/* CommonMark list numbers have at most nine digits: the start is kept
 * low enough that the last entry's number still has. */
static int list_start(const herald_node *list)
{
	unsigned long entries = 0, start = herald_node_list_start(list);

	for (const herald_node *e = herald_node_first_child(list); e;
	     e = herald_node_next(e))
		entries++;
	if (entries > 999999999ul)
		return 0;
	if (start > 999999999ul - entries + 1)
		start = 999999999ul - entries + 1;
	return (int)start;
}

/* A list is tight (no blank lines between entries) when no entry holds
 * more than one block: in a tight list two paragraphs of one entry
 * would read back as one. */
static int list_is_tight(const herald_node *list)
{
	for (const herald_node *e = herald_node_first_child(list); e;
	     e = herald_node_next(e)) {
		const herald_node *first = herald_node_first_child(e);
		if (first && herald_node_next(first))
			return 0;
	}
	return 1;
}

static cmark_node *add_list(struct builder *b, cmark_node *parent,
                            const herald_node *list)
{
	int ordered = herald_node_list_type(list) == HERALD_LIST_ORDERED;
	cmark_node *l = add(b, parent, CMARK_NODE_LIST);

	if (!l)
		return NULL;
	cmark_node_set_list_type(l, ordered ? CMARK_ORDERED_LIST
	                                    : CMARK_BULLET_LIST);
	if (ordered) {
		cmark_node_set_list_delim(l, CMARK_PERIOD_DELIM);
		cmark_node_set_list_start(l, list_start(list));
	}
	cmark_node_set_list_tight(l, list_is_tight(list));
	return l;
}

/* Entries per cmark ordered list.  cmark's renderer numbers an ordered
 * entry by counting the entries before it, which makes a list of n
 * entries cost n^2; a longer list goes out as lists of this many, which
 * cmark keeps apart with an "<!-- end list -->" comment, numbered on
 * from where the one before stopped. */
#define MD_LIST_RUN 1000

/* The cmark list an entry goes into: list itself, or after MD_LIST_RUN
 * entries of an ordered list, a new one continuing it.  The entries a
 * cmark list holds are counted in its user data. */
static cmark_node *list_for_entry(struct builder *b, cmark_node *list)
{
	uintptr_t entries = (uintptr_t)cmark_node_get_user_data(list);
	cmark_node *next;

	if (entries == MD_LIST_RUN &&
	    cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
		next = cmark_node_new_with_mem(CMARK_NODE_LIST, b->mem);
		if (!next || !cmark_node_insert_after(list, next)) {
			cmark_node_free(next);
			b->failed = 1;
			return list;
		}
		cmark_node_set_list_type(next, CMARK_ORDERED_LIST);
		cmark_node_set_list_delim(next, cmark_node_get_list_delim(list));
		cmark_node_set_list_start(next, cmark_node_get_list_start(list) +
		                          MD_LIST_RUN);
		cmark_node_set_list_tight(next, cmark_node_get_list_tight(list));
		list = next;
		entries = 0;
	}
	cmark_node_set_user_data(list, (void *)(entries + 1));
	return list;
}

/* One block under the document and everything in it, in a walk: lists
 * nest without bound, so no recursion.  Items are flat (their heading,
 * then their blocks in the same parent); quotes, lists and entries open
 * a cmark container; text blocks are built whole on ENTER and their
 * inlines passed over. */
static void add_blocks(struct builder *b, cmark_node *parent,
                       herald_node *block)
{
	struct open_inlines open = { NULL, 0, 0 };
	const herald_node *skip = NULL;
	herald_walker walker;
	herald_walk_event ev;

	if (push(&open, parent)) {
		b->failed = 1;
		return;
	}
	herald_walker_init(&walker, block);
	while (!b->failed &&
	       (ev = herald_walker_next(&walker)) != HERALD_WALK_DONE) {
		herald_node *n = walker.node;
		cmark_node *top = open.node[open.depth - 1], *made = top;

		if (skip) {
			if (ev == HERALD_WALK_EXIT && n == skip)
				skip = NULL;
			continue;
		}
		if (ev == HERALD_WALK_EXIT) {
			if (herald_node_type_of(n) == HERALD_NODE_QUOTE &&
			    herald_node_speaker(n))
				add_text2(b, add(b, top, CMARK_NODE_PARAGRAPH),
				          "\u2014 ", herald_node_speaker(n));
			open.depth--;
			continue;
		}
		switch (herald_node_type_of(n)) {
		case HERALD_NODE_ITEM:
			add_item_head(b, top, n);
			break;
		case HERALD_NODE_QUOTE:
			made = add(b, top, CMARK_NODE_BLOCK_QUOTE);
			if (herald_node_title(n))
				add_styled_line(b, made, CMARK_NODE_STRONG,
				                herald_node_title(n));
			break;
		case HERALD_NODE_LIST:
			/* an empty list is nothing in Markdown */
			if (herald_node_first_child(n))
				made = add_list(b, top, n);
			break;
		case HERALD_NODE_LIST_ITEM:
			top = open.node[open.depth - 1] = list_for_entry(b, top);
			made = add(b, top, CMARK_NODE_ITEM);
			break;
		case HERALD_NODE_TURN:
			skip = n;
			add_turn(b, top, n);
			break;
		case HERALD_NODE_HEADING: {
			unsigned level = herald_node_heading_level(n);
			skip = n;
			if (!is_blank_block(n)) {
				cmark_node *h = add(b, top, CMARK_NODE_HEADING);
				if (h)
					cmark_node_set_heading_level(h, level < 4
					                             ? (int)level + 2 : 6);
				add_inlines(b, h, n);
			}
			break;
		}
		default:                                 /* PARAGRAPH */
			skip = n;
			if (!is_blank_block(n))
				add_paragraph(b, top, n);
			break;
		}
		if (!skip && (!made || push(&open, made)))
			b->failed = 1;
	}
	free(open.node);
}

/* --- YAML front matter ------------------------------------------------------ */

/* The front matter is made by libyaml's emitter, which quotes and escapes
 * (any title: colons, quotes, '#', a leading '-', line breaks), into
 * memory first: a failure writes nothing. */
struct yaml_text {
	char *s;
	size_t len, cap;
};

static int yaml_text_append(void *data, unsigned char *bytes, size_t size)
{
	struct yaml_text *t = data;

	if (t->len + size + 1 > t->cap) {
		size_t ncap = t->cap ? 2 * t->cap : 1024;
		char *grown;
		while (ncap < t->len + size + 1)
			ncap *= 2;
		grown = realloc(t->s, ncap);
		if (!grown)
			return 0;
		t->s = grown;
		t->cap = ncap;
	}
	memcpy(t->s + t->len, bytes, size);
	t->len += size;
	t->s[t->len] = '\0';
	return 1;
}

/* Emitting stops at the first failure; the emitter keeps it in error. */
static int emit(yaml_emitter_t *e, yaml_event_t *ev, int made)
{
	return made && yaml_emitter_emit(e, ev);
}

/* A string always double-quoted, so that no title reads back as a
 * number, a boolean or a date; style plain only for the ISO date. */
static int emit_scalar(yaml_emitter_t *e, const char *s,
                       yaml_scalar_style_t style)
{
	yaml_event_t ev;

	return emit(e, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL,
	            (yaml_char_t *)s, (int)strlen(s), 1, 1, style));
}

static int emit_string(yaml_emitter_t *e, const char *s)
{
	return emit_scalar(e, s, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

/* "key: value" when value is set. */
static int emit_pair(yaml_emitter_t *e, const char *key, const char *value)
{
	return !value || (emit_scalar(e, key, YAML_PLAIN_SCALAR_STYLE) &&
	                  emit_string(e, value));
}

static int emit_mapping(yaml_emitter_t *e, int start)
{
	yaml_event_t ev;

	return start ? emit(e, &ev, yaml_mapping_start_event_initialize(&ev,
	                    NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE))
	             : emit(e, &ev, yaml_mapping_end_event_initialize(&ev));
}

/* A day that exists, as YYYY-MM-DD: "date", written plain (a YAML
 * timestamp, which Hugo, Jekyll and mkdocs read as the page's date).
 * Any other date (a model from JSON may hold any text) would stop
 * Jekyll's build ("Invalid date") and give Hugo no date: it goes out as
 * the string "date_text" instead, so nothing is lost. */
static int emit_date(yaml_emitter_t *e, const char *date)
{
	if (!date)
		return 1;
	if (strlen(date) == 10 && herald_date_is_valid(date))
		return emit_scalar(e, "date", YAML_PLAIN_SCALAR_STYLE) &&
		       emit_scalar(e, date, YAML_PLAIN_SCALAR_STYLE);
	return emit_pair(e, "date_text", date);
}

/* The page title: the title line, else the ISO date, else the file
 * name, else the pack's word for a bulletin (as the HTML writer's
 * <title>). */
static const char *page_title(const herald_doc *doc)
{
	const char *title = herald_doc_meta(doc, HERALD_META_TITLE);
	const char *date = herald_doc_meta(doc, HERALD_META_DATE);

	if (title && *title)
		return title;
	if (date && *date)
		return date;
	if (herald_doc_source_name(doc))
		return herald_doc_source_name(doc);
	return herald_lang_label(herald_lang_find(herald_doc_meta(doc,
		HERALD_META_LANGUAGE)), "bulletin");
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "tags:", every item tag once, sorted (a sort, not a pairwise search:
 * a bulletin may have thousands of items).  Nothing when no item has a
 * tag. */
static int emit_tags(yaml_emitter_t *e, const herald_doc *doc)
{
	size_t n = 0, k = 0;
	const char **tags;
	yaml_event_t ev;
	int ok = 1;

	for (herald_node *i = herald_node_first_child(herald_doc_root(doc)); i;
	     i = herald_node_next(i))
		if (herald_node_type_of(i) == HERALD_NODE_ITEM)
			n += herald_node_tag_count(i);
	if (n == 0)
		return 1;
	tags = malloc(n * sizeof(*tags));
	if (!tags)
		return 0;
	for (herald_node *i = herald_node_first_child(herald_doc_root(doc)); i;
	     i = herald_node_next(i))
		for (size_t t = 0; herald_node_type_of(i) == HERALD_NODE_ITEM && t < herald_node_tag_count(i); t++)
			tags[k++] = herald_node_tag(i, t);
	qsort(tags, n, sizeof(*tags), compare_strings);
	ok = emit_scalar(e, "tags", YAML_PLAIN_SCALAR_STYLE) &&
	     emit(e, &ev, yaml_sequence_start_event_initialize(&ev, NULL, NULL,
	          1, YAML_FLOW_SEQUENCE_STYLE));
	for (size_t i = 0; ok && i < n; i++)
		if (i == 0 || strcmp(tags[i], tags[i - 1]) != 0)
			ok = emit_string(e, tags[i]);
	ok = ok && emit(e, &ev, yaml_sequence_end_event_initialize(&ev));
	free(tags);
	return ok;
}

/* "fields:", a mapping of the free fields in their order.  Nested, not
 * at the top: a field comes from the input (its own front matter, a
 * dateline, a contact block) and at the top one named "draft", "url",
 * "slug" or "layout" would hide or move the page in Hugo or Jekyll. */
static int emit_fields(yaml_emitter_t *e, const herald_doc *doc)
{
	size_t n = herald_doc_field_count(doc);
	int ok;

	if (n == 0)
		return 1;
	ok = emit_scalar(e, "fields", YAML_PLAIN_SCALAR_STYLE) &&
	     emit_mapping(e, 1);
	for (size_t i = 0; ok && i < n; i++)
		ok = emit_string(e, herald_doc_field_key(doc, i)) &&
		     emit_string(e, herald_doc_field_value(doc, i));
	return ok && emit_mapping(e, 0);
}

static int emit_front_matter(yaml_emitter_t *e, const herald_doc *doc)
{
	yaml_event_t ev;

	return emit(e, &ev, yaml_stream_start_event_initialize(&ev,
	            YAML_UTF8_ENCODING)) &&
	       emit(e, &ev, yaml_document_start_event_initialize(&ev, NULL,
	            NULL, NULL, 0)) &&
	       emit_mapping(e, 1) &&
	       emit_pair(e, "title", page_title(doc)) &&
	       emit_date(e, herald_doc_meta(doc, HERALD_META_DATE)) &&
	       emit_pair(e, "time", herald_doc_meta(doc, HERALD_META_TIME)) &&
	       emit_pair(e, "author", herald_doc_meta(doc, HERALD_META_AUTHOR)) &&
	       emit_pair(e, "lang", herald_doc_meta(doc, HERALD_META_LANGUAGE)) &&
	       emit_tags(e, doc) &&
	       emit_pair(e, "source", herald_doc_source_name(doc)) &&
	       emit_pair(e, "source_url", herald_doc_meta(doc, HERALD_META_URL)) &&
	       emit_fields(e, doc) &&
	       emit_mapping(e, 0) &&
	       emit(e, &ev, yaml_document_end_event_initialize(&ev, 1)) &&
	       emit(e, &ev, yaml_stream_end_event_initialize(&ev)) &&
	       yaml_emitter_flush(e);
}

/* The front matter, "---" to "---" and a blank line; NULL (and the
 * emitter's reason in *problem) when it cannot be made. */
static char *front_matter(const herald_doc *doc, const char **problem)
{
	struct yaml_text text = { NULL, 0, 0 };
	yaml_emitter_t e;
	int ok;

	*problem = "out of memory, or a text that is not UTF-8";
	if (!yaml_emitter_initialize(&e))
		return NULL;
	yaml_emitter_set_output(&e, yaml_text_append, &text);
	yaml_emitter_set_unicode(&e, 1);      /* letters as they are */
	yaml_emitter_set_width(&e, -1);       /* a title on one line */
	yaml_emitter_set_break(&e, YAML_LN_BREAK);
	ok = emit_front_matter(&e, doc) &&
	     yaml_text_append(&text, (unsigned char *)"---\n\n", 5);
	if (!ok && e.problem)
		*problem = e.problem;
	yaml_emitter_delete(&e);
	if (!ok) {
		free(text.s);
		return NULL;
	}
	return text.s;
}

/* --- writing ----------------------------------------------------------------- */

/* The document goes out in parts, each rendered by cmark as soon as it
 * is built and then freed: the title and what stands before the first
 * item, then each item with the loose blocks that follow it.  An item
 * always starts with a heading, which nothing before it can absorb (not even an open list), so the parts joined by a blank
 * line are the bytes cmark gives for the whole document; the tree in
 * memory is one item's, not the document's, in an arena (arena.h)
 * reset after each part. */
struct part {
	cmark_node *root;
	FILE *out;
	int width;
	md_arena *arena;    /* holds the tree, dropped whole after each part */
};

static int part_new(struct part *part)
{
	part->root = cmark_node_new_with_mem(CMARK_NODE_DOCUMENT,
	                                     md_arena_mem());
	return part->root ? 0 : -1;
}

/* cmark's rendering, in memory of our own: cmark allocates it from the
 * tree's arena. */
static char *cmark_rendering(cmark_node *root, int width)
{
	char *text = cmark_render_commonmark(root, CMARK_OPT_DEFAULT, width);

	return text ? strdup(text) : NULL;
}

/* Render and write the part, then start an empty one. */
static int part_flush(struct builder *b, struct part *part)
{
	char *text;

	if (!cmark_node_first_child(part->root))
		return 0;
	/* the same bytes as cmark's renderer, in a fraction of its time,
	 * for what render.c covers (all but wrapped output); every string
	 * in the tree comes from the document, its language packs or the
	 * writer, all valid UTF-8 */
	text = part->width == 0 && md_render_covers(part->root)
	       ? md_render_valid(part->root)
	       : cmark_rendering(part->root, part->width);
	md_arena_reset(part->arena);
	part->root = NULL;
	if (!text)
		return -1;
	if (b->rendered)
		fputc('\n', part->out);
	fputs(text, part->out);
	free(text);
	b->rendered = 1;
	return part_new(part);
}

/* The printed lines the reader kept in free fields that stand at place
 * (herald_doc_field_place), a paragraph each: without front matter they
 * have no other place (with it, they are its "fields"). */
static void add_fields(struct builder *b, cmark_node *parent,
                       const herald_doc *doc, herald_field_place place)
{
	const char *shown;

	for (size_t i = 0; i < herald_doc_field_count(doc) && !b->failed; i++)
		if (herald_doc_field_place(doc, i, &shown) == place &&
		    shown != NULL)
			add_text(b, add(b, parent, CMARK_NODE_PARAGRAPH), shown);
}

/* Without front matter the title line opens the document as a level-1
 * heading, the ISO date under it; with front matter both are there and a
 * site's templates print them (Hugo's themes and Jekyll's layouts show
 * the page title as the heading), so the body starts with the blocks. */
static int write_parts(const struct markdown_state *st, const herald_doc *doc,
                       FILE *out)
{
	struct builder b = {
		.wraps = st->width > 0,
		.anchors = st->anchors,
		.lang = herald_lang_find(herald_doc_meta(doc, HERALD_META_LANGUAGE)),
		.links = st->links,
		.mem = md_arena_mem(),
	};
	struct part part = { NULL, out, st->width, md_arena_new() };
	const char *title = herald_doc_meta(doc, HERALD_META_TITLE);
	const char *date = herald_doc_meta(doc, HERALD_META_DATE);
	const char *dateline = herald_doc_meta(doc, HERALD_META_DATELINE);

	if (!part.arena || part_new(&part)) {
		md_arena_free(part.arena);
		return -1;
	}
	/* Without front matter: the title (unless the one item shows it),
	 * then the date, as printed when the title is not that line. */
	const char *date_shown = dateline && !herald_doc_title_is_dateline(doc)
	                         ? dateline : date;
	const char *heading = title;
	if (title && herald_doc_title_is_its_item(doc)) {
		heading = NULL;
	} else if (!title) {
		heading = date_shown;   /* (untitled: the date is the heading) */
		date_shown = NULL;
	}
	if (heading && !st->front_matter)
		add_heading(&b, part.root, 1, heading);
	if (date_shown && !st->front_matter)
		add_styled_line(&b, part.root, CMARK_NODE_EMPH, date_shown);
	if (!st->front_matter)
		add_fields(&b, part.root, doc, HERALD_FIELD_HEAD);
	for (herald_node *n = herald_node_first_child(herald_doc_root(doc));
	     n && !b.failed; n = herald_node_next(n)) {
		if (herald_node_type_of(n) == HERALD_NODE_ITEM &&
		    part_flush(&b, &part))
			b.failed = 1;
		if (!b.failed)
			add_blocks(&b, part.root, n);
	}
	if (!st->front_matter)
		add_fields(&b, part.root, doc, HERALD_FIELD_FOOT);
	if (!b.failed && part_flush(&b, &part))
		b.failed = 1;
	md_arena_free(part.arena);
	return b.failed ? -1 : 0;
}

static int markdown_write(void *state, const herald_doc *doc, FILE *out,
                          herald_diag *diag)
{
	const struct markdown_state *st = state;

	if (st->front_matter) {
		const char *problem;
		char *yaml = front_matter(doc, &problem);
		if (!yaml) {
			herald_error(diag, "cannot make the front matter: %s",
			             problem);
			return HERALD_ENOMEM;
		}
		fputs(yaml, out);
		free(yaml);
	}
	if (write_parts(st, doc, out) != 0) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	if (ferror(out)) {
		herald_error(diag, "cannot write the Markdown output");
		return HERALD_EIO;
	}
	return HERALD_OK;
}

/* Documents one after another are still one CommonMark stream only
 * without front matter: a second "---" block mid-file would read as a
 * thematic break and a setext heading. */
static unsigned markdown_writer_flags(void *state)
{
	const struct markdown_state *st = state;
	return HERALD_WRITER_SITE |
	       (st->front_matter ? 0 : HERALD_WRITER_CONCATENATES);
}

HERALD_PLUGIN(markdown) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "markdown",
	.version = "2.1",      /* 2.1: a site writer (index, relref links) */
	.description = "CommonMark, rendered by cmark",
	.roles = HERALD_ROLE_WRITER,
	.output_extension = "md",
	.options = markdown_options,
	.open = markdown_open,
	.close = markdown_close,
	.write = markdown_write,
	/* A site writer: with -o FOLDER, herald writes the folder's index
	 * (named by markdown_index_name); concatenating only without front
	 * matter (markdown_writer_flags). */
	.writer_flags = HERALD_WRITER_SITE,
	.writer_flags_for = markdown_writer_flags,
	.index_name = markdown_index_name,
};
