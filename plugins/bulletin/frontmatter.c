/* plugins/bulletin/frontmatter.c - YAML front matter, read with libyaml,
 * and TOML front matter, read with toml++.
 *
 * A first line "---" opens YAML, a line "---" or "..." closes it; a
 * first line "+++" opens TOML (Hugo's), a line "+++" closes it (trailing
 * space allowed, as editors leave it).  Both are parsed by their
 * libraries, never by hand.  Known keys map onto the model's metadata; every other
 * key is kept as a free field, so no value is lost:
 *
 *   date, published_time, published, date_published, pubdate,
 *   publishDate (Hugo's), publish_date
 *                          -> date (the first that is a date)
 *   title                  -> title
 *   source_url, url, link, canonical_url, and source when it is a URL
 *                          -> url
 *   author, authors, byline -> author
 *   anything else          -> herald_doc_set_field(key, value)
 * The key names are those of static-site generators and crawlers, the
 * same in every language: not words of a language pack.
 *
 * A sequence (a TOML array) is kept as its scalars joined by ", "; a
 * nested mapping (a TOML table) as
 * "key: value" pairs joined likewise.  Invalid YAML is a warning at its
 * line and column, and the block is read as text; so is front matter
 * that never closes.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <herald/text.h>

#include "bulletin.h"
#include "markup.h"
#include "toml.h"

/* The line at *pos without its end, trimmed; *pos moves past it. */
static bool take_line(const char *text, size_t len, size_t *pos,
                      const char **s, size_t *n)
{
	if (*pos >= len)
		return false;
	const char *start = text + *pos;
	const char *nl = memchr(start, '\n', len - *pos);
	size_t l = nl ? (size_t)(nl - start) : len - *pos;

	*pos += l + (nl != NULL);
	*s = start;
	*n = herald_text_trim_end(start, l);
	return true;
}

static bool is_line(const char *s, size_t n, const char *lit)
{
	return n == strlen(lit) && memcmp(s, lit, n) == 0;
}

/* A node's scalars in document order, iteratively: a YAML document may
 * nest deeply (libyaml bounds it while parsing; this loop does not
 * recurse at all). */
static void flatten(yaml_document_t *d, yaml_node_t *root, herald_buf *f)
{
	typedef struct { yaml_node_t *node; size_t i; } frame;
	frame stack[64];
	size_t depth = 0;

	stack[depth++] = (frame){ root, 0 };
	while (depth > 0) {
		frame *top = &stack[depth - 1];
		yaml_node_t *node = top->node, *child = NULL;
		if (node->type == YAML_SCALAR_NODE) {
			if (f->len)
				herald_buf_append(f, ", ", 2);
			herald_buf_append(f, (const char *)node->data.scalar.value,
			         node->data.scalar.length);
			depth--;
			continue;
		}
		if (node->type == YAML_SEQUENCE_NODE) {
			yaml_node_item_t *items = node->data.sequence.items.start;
			size_t count = node->data.sequence.items.top - items;
			if (top->i < count)
				child = yaml_document_get_node(d, items[top->i++]);
		} else if (node->type == YAML_MAPPING_NODE) {
			yaml_node_pair_t *pairs = node->data.mapping.pairs.start;
			size_t count = node->data.mapping.pairs.top - pairs;
			size_t k = top->i / 2;
			if (k < count) {
				int id = top->i % 2 ? pairs[k].value : pairs[k].key;
				top->i++;
				child = yaml_document_get_node(d, id);
			}
		}
		if (!child) {
			depth--;
		} else if (depth < sizeof stack / sizeof *stack) {
			stack[depth++] = (frame){ child, 0 };
		} else {
			herald_buf_append(f, " ...", 4);
		}
	}
}

/* YAML's folded and quoted scalars may still carry line breaks; a
 * metadata value is one line. */
static void one_line(char *s)
{
	for (; *s; s++)
		if (*s == '\n' || *s == '\r' || *s == '\t')
			*s = ' ';
}

static bool key_in(const char *key, const char *const *names)
{
	for (; *names; names++)
		if (strcasecmp(key, *names) == 0)
			return true;
	return false;
}

static const char *const date_keys[] = { "date", "published_time", "published",
                                         "date_published", "pubdate",
                                         "publishdate", "publish_date",
                                         NULL };
static const char *const url_keys[] = { "source_url", "url", "link",
                                        "canonical_url", NULL };
static const char *const author_keys[] = { "author", "authors", "byline",
                                           NULL };

static int put_value(herald_doc *doc, const char *key, char *value,
                     char date[11], bool *have_date)
{
	char iso[11];

	one_line(value);
	if (key_in(key, date_keys) && !*have_date && herald_bulletin_value_date(value, strlen(value), iso)) {
		*have_date = true;
		memcpy(date, iso, 11);
		/* the value as written stays a field when it says more than
		 * the day ("2021-05-18 14:19:48-04:00") */
		if (strcmp(value, iso) == 0)
			return herald_doc_set_meta(doc, HERALD_META_DATE, iso);
		int rc = herald_doc_set_meta(doc, HERALD_META_DATE, iso);
		return rc ? rc : herald_doc_set_field(doc, key, value);
	}
	if (strcmp(key, "title") == 0)
		return herald_doc_set_meta(doc, HERALD_META_TITLE, value);
	bool is_url = strncmp(value, "http://", 7) == 0 ||
	              strncmp(value, "https://", 8) == 0;
	if ((key_in(key, url_keys) || (strcasecmp(key, "source") == 0 && is_url)) &&
	    !herald_doc_meta(doc, HERALD_META_URL))
		return herald_doc_set_meta(doc, HERALD_META_URL, value);
	if (key_in(key, author_keys) && !herald_doc_meta(doc, HERALD_META_AUTHOR))
		return herald_doc_set_meta(doc, HERALD_META_AUTHOR, value);
	return herald_doc_set_field(doc, key, value);
}

static int store(yaml_document_t *d, herald_doc *doc, char date[11])
{
	yaml_node_t *root = yaml_document_get_root_node(d);
	bool have_date = false;
	int rc = HERALD_OK;

	if (!root)
		return HERALD_OK;   /* "---" then "---": empty, and valid */
	if (root->type != YAML_MAPPING_NODE)
		return 1;   /* not front matter: a YAML scalar or list */
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top && rc == HERALD_OK; p++) {
		yaml_node_t *k = yaml_document_get_node(d, p->key);
		yaml_node_t *v = yaml_document_get_node(d, p->value);
		herald_buf key = HERALD_BUF_INIT, value = HERALD_BUF_INIT;
		if (!k || !v)
			continue;
		flatten(d, k, &key);
		flatten(d, v, &value);
		if (herald_buf_failed(&key) || herald_buf_failed(&value))
			rc = HERALD_ENOMEM;
		else if (key.data && value.data &&
		         herald_utf8_is_valid(key.data, key.len) &&
		         herald_utf8_is_valid(value.data, value.len))
			rc = put_value(doc, key.data, value.data, date, &have_date);
		else if (key.data && !value.data)
			rc = herald_doc_set_field(doc, key.data, "");
		herald_buf_free(&key);
		herald_buf_free(&value);
	}
	return rc == HERALD_ENOMEM ? HERALD_ENOMEM : HERALD_OK;
}

/* --- TOML ------------------------------------------------------------------ */

typedef struct toml_store {
	herald_doc *doc;
	char *date;
	bool have_date;
	int rc;
} toml_store;

static int put_toml_pair(void *data, const char *key, const char *value)
{
	toml_store *st = data;
	char *copy = strdup(value);

	st->rc = copy ? put_value(st->doc, key, copy, st->date, &st->have_date)
	              : HERALD_ENOMEM;
	free(copy);
	return st->rc != HERALD_OK;
}

/* The TOML between the "+++" lines, by toml++ (toml.h): 0, 1 when it is
 * read as text (warned), or HERALD_ENOMEM. */
static int read_toml(const char *toml, size_t len, herald_doc *doc,
                     herald_diag *diag, char date[11])
{
	herald_bulletin_toml_read_fn *read = herald_bulletin_toml_open();
	herald_bulletin_toml_problem problem = { 0, 0, "" };
	toml_store st = { doc, date, false, HERALD_OK };

	if (!read) {
		herald_diag_report(diag, HERALD_WARNING, 1, 1,
		                   "toml++ cannot be loaded: the front matter "
		                   "is read as text");
		return 1;
	}
	switch (read(toml, len, put_toml_pair, &st, &problem)) {
	case BULLETIN_TOML_OK:
		return HERALD_OK;
	case BULLETIN_TOML_INVALID:
		herald_diag_report(diag, HERALD_WARNING, 1 + problem.line,
		                   problem.column ? problem.column : 1,
		                   "front matter is not valid TOML (%s): it is "
		                   "read as text", problem.text);
		return 1;
	case BULLETIN_TOML_STOPPED:
		return st.rc == HERALD_ENOMEM ? HERALD_ENOMEM : HERALD_OK;
	default:
		return HERALD_ENOMEM;
	}
}

/* --- YAML ------------------------------------------------------------------ */

/* The YAML between the "---" lines, by libyaml: 0, 1 when it is read as
 * text (warned), or HERALD_ENOMEM. */
static int read_yaml(const char *yaml, size_t len, herald_doc *doc,
                     herald_diag *diag, char date[11])
{
	yaml_parser_t parser;
	yaml_document_t d;
	int rc;

	if (!herald_bulletin_markup_open()) {
		herald_diag_report(diag, HERALD_WARNING, 1, 1,
		                   "libyaml cannot be loaded: the front matter "
		                   "is read as text");
		return 1;
	}
	if (!yaml_parser_initialize(&parser))
		return HERALD_ENOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
	if (!yaml_parser_load(&parser, &d)) {
		herald_diag_report(diag, HERALD_WARNING,
		                   2 + (unsigned long)parser.problem_mark.line,
		                   1 + (unsigned long)parser.problem_mark.column,
		                   "front matter is not valid YAML (%s): it is "
		                   "read as text", parser.problem ? parser.problem
		                                                  : "parse error");
		yaml_parser_delete(&parser);
		return 1;
	}
	rc = store(&d, doc, date);
	yaml_document_delete(&d);
	yaml_parser_delete(&parser);
	if (rc == 1)
		herald_diag_report(diag, HERALD_WARNING, 2, 1,
		                   "front matter is not a YAML mapping of keys "
		                   "and values: it is read as text");
	return rc;
}

int herald_bulletin_front_matter(const char *text, size_t len, herald_doc *doc,
                                 herald_diag *diag, size_t *body,
                                 unsigned long *body_line, char date[11])
{
	size_t pos = 0, start, end = 0, n;
	unsigned long line = 1;
	const char *s;
	bool closed = false, toml;
	int rc;

	*body = 0;
	*body_line = 1;
	date[0] = '\0';
	if (!take_line(text, len, &pos, &s, &n) ||
	    !(is_line(s, n, "---") || is_line(s, n, "+++")))
		return HERALD_OK;
	toml = s[0] == '+';
	start = pos;
	for (;;) {
		size_t at = pos;
		if (!take_line(text, len, &pos, &s, &n))
			break;
		line++;
		if (toml ? is_line(s, n, "+++")
		         : is_line(s, n, "---") || is_line(s, n, "...")) {
			end = at;
			closed = true;
			break;
		}
	}
	if (!closed) {
		herald_diag_report(diag, HERALD_WARNING, 1, 1,
		                   "front matter opened here is never closed "
		                   "by '%s': it is read as text",
		                   toml ? "+++" : "---");
		return HERALD_OK;
	}
	rc = toml ? read_toml(text + start, end - start, doc, diag, date)
	          : read_yaml(text + start, end - start, doc, diag, date);
	if (rc == 1)
		return HERALD_OK;
	if (rc != HERALD_OK)
		return rc;
	*body = pos;
	*body_line = line + 1;
	return HERALD_OK;
}
