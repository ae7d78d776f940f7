/* meta.c - what a page says about itself: title, date and time, author,
 * canonical URL, language (doc/html-reader.md, "Metadata").
 *
 * One walk over the whole tree gathers every source; then each field is
 * chosen by a fixed preference, the publisher's explicit statements
 * (JSON-LD, <meta>) before what the layout suggests (<h1>, a byline). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/uri.h>

#include <herald/buffer.h>

#include "htmlin.h"

/* A JSON-LD block larger than this is not metadata. */
#define JSONLD_MAX (1u << 20)
#define JSONLD_DEPTH 6

char *hm_collapse(const char *s)
{
	size_t n = s ? strlen(s) : 0, k = 0;
	char *out = malloc(n + 1);
	bool space = false;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			space = k > 0;
			continue;
		}
		/* U+00A0 NO-BREAK SPACE is a space in a title too */
		if ((unsigned char)c == 0xC2 && (unsigned char)s[i + 1] == 0xA0) {
			space = k > 0;
			i++;
			continue;
		}
		if (space)
			out[k++] = ' ';
		space = false;
		out[k++] = c;
	}
	out[k] = '\0';
	return out;
}

/* Every source, before choosing. */
struct sources {
	char *og_title, *tw_title, *title, *h1, *ld_headline;
	char *og_url, *canonical, *base;
	char *date_meta, *ld_date, *time_el;
	char *author_meta, *ld_author, *byline;
	char *lang, *meta_lang, *og_locale, *og_site;
};

static void set_once(char **slot, const char *value)
{
	if (*slot || !value)
		return;
	char *v = hm_collapse(value);
	if (v && !*v) {
		free(v);
		v = NULL;
	}
	*slot = v;
}

static char *prop(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* --- JSON-LD ------------------------------------------------------------- */

static bool ld_is_article(json_t *obj, const hw_words *w)
{
	json_t *type = json_object_get(obj, "@type");
	if (json_is_string(type))
		return hw_match_exact(w, HW_ARTICLETYPES, json_string_value(type));
	if (json_is_array(type)) {
		size_t i;
		json_t *t;
		json_array_foreach(type, i, t)
			if (json_is_string(t) &&
			    hw_match_exact(w, HW_ARTICLETYPES, json_string_value(t)))
				return true;
	}
	return false;
}

/* "author": a name, a Person, or a list of them, joined by ", ". */
static char *ld_names(json_t *a)
{
	if (json_is_string(a))
		return hm_collapse(json_string_value(a));
	if (json_is_object(a)) {
		json_t *name = json_object_get(a, "name");
		return json_is_string(name) ? hm_collapse(json_string_value(name))
		                            : NULL;
	}
	if (!json_is_array(a))
		return NULL;
	herald_buf all = HERALD_BUF_INIT;
	size_t i;
	json_t *one;
	json_array_foreach(a, i, one) {
		if (i >= 8)
			break;
		char *n = json_is_array(one) ? NULL : ld_names(one);
		if (n && *n) {
			if (all.len)
				herald_buf_puts(&all, ", ");
			herald_buf_puts(&all, n);
		}
		free(n);
	}
	if (!all.len) {      /* no name */
		herald_buf_free(&all);
		return NULL;
	}
	return herald_buf_take(&all, NULL);   /* NULL when out of memory */
}

static void ld_walk(json_t *v, struct sources *s, const hw_words *w,
                    int depth)
{
	if (depth > JSONLD_DEPTH)
		return;
	if (json_is_array(v)) {
		size_t i;
		json_t *one;
		json_array_foreach(v, i, one)
			ld_walk(one, s, w, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	json_t *graph = json_object_get(v, "@graph");
	if (graph)
		ld_walk(graph, s, w, depth + 1);
	if (!ld_is_article(v, w))
		return;
	json_t *f;
	if (json_is_string(f = json_object_get(v, "headline")))
		set_once(&s->ld_headline, json_string_value(f));
	if (json_is_string(f = json_object_get(v, "datePublished")) ||
	    json_is_string(f = json_object_get(v, "dateCreated")))
		set_once(&s->ld_date, json_string_value(f));
	if (!s->ld_author && (f = json_object_get(v, "author"))) {
		char *n = ld_names(f);
		if (n && *n)
			s->ld_author = n;
		else
			free(n);
	}
}

static void read_jsonld(xmlNodePtr script, struct sources *s,
                        const hw_words *w)
{
	xmlChar *text = xmlNodeGetContent(script);
	if (!text)
		return;
	size_t len = strlen((char *)text);
	if (len <= JSONLD_MAX) {
		json_error_t err;
		/* Unknown, bad or truncated JSON-LD is ignored: it is a hint. */
		json_t *root = json_loadb((char *)text, len, JSON_DECODE_ANY, &err);
		if (root) {
			ld_walk(root, s, w, 0);
			json_decref(root);
		}
	}
	xmlFree(text);
}

/* --- the walk ------------------------------------------------------------- */

static void read_meta(xmlNodePtr n, struct sources *s)
{
	char *key = prop(n, "property");
	char *content = prop(n, "content");
	if (!key)
		key = prop(n, "name");
	if (!key)
		key = prop(n, "itemprop");
	if (!key) {
		key = prop(n, "http-equiv");
		if (key && content && strcasecmp(key, "content-language") == 0)
			set_once(&s->meta_lang, content);
	} else if (content) {
		/* Keys compare without case: "DC.date", "dc.date". */
		static const char *const date_keys[] = {
			"article:published_time", "datepublished", "date",
			"dc.date", "dc.date.issued", "dcterms.date",
			"dcterms.issued", "dcterms.created", "pubdate",
			"publishdate", "publish-date", "sailthru.date",
			"parsely-pub-date", "og:article:published_time",
			"published_time", NULL
		};
		static const char *const author_keys[] = {
			"author", "article:author", "dc.creator", "dcterms.creator",
			"sailthru.author", "parsely-author", NULL
		};
		if (!strcasecmp(key, "og:title"))
			set_once(&s->og_title, content);
		else if (!strcasecmp(key, "twitter:title"))
			set_once(&s->tw_title, content);
		else if (!strcasecmp(key, "og:url"))
			set_once(&s->og_url, content);
		else if (!strcasecmp(key, "og:site_name"))
			set_once(&s->og_site, content);
		else if (!strcasecmp(key, "og:locale"))
			set_once(&s->og_locale, content);
		for (int i = 0; date_keys[i]; i++)
			if (!strcasecmp(key, date_keys[i]))
				set_once(&s->date_meta, content);
		for (int i = 0; author_keys[i]; i++)
			/* article:author is often a profile URL, not a name */
			if (!strcasecmp(key, author_keys[i]) &&
			    strncasecmp(content, "http", 4) != 0)
				set_once(&s->author_meta, content);
	}
	xmlFree(key);
	xmlFree(content);
}

/* The text below n when it is short: NULL when it has more than
 * max_chars characters or more than max_nodes nodes.  Bounded both
 * ways, so that asking every element of a deep tree costs linear time. */
static char *short_text(xmlNodePtr top, size_t max_chars, size_t max_nodes)
{
	size_t len = 0, nodes = 0, cap = 4 * max_chars + 1;
	char *buf = malloc(cap);
	if (!buf)
		return NULL;
	for (xmlNodePtr n = top->children; n;) {
		if (++nodes > max_nodes)
			goto too_long;
		if (n->type == XML_TEXT_NODE && n->content) {
			size_t l = strlen((char *)n->content);
			if (len + l + 1 > cap)
				goto too_long;
			memcpy(buf + len, n->content, l);
			len += l;
		}
		if (n->children && n->type == XML_ELEMENT_NODE &&
		    !he_tag_is(n, "script") && !he_tag_is(n, "style")) {
			n = n->children;
			continue;
		}
		while (n != top && !n->next)
			n = n->parent;
		n = n == top ? NULL : n->next;
	}
	buf[len] = '\0';
	if (he_text_length(buf) > max_chars)
		goto too_long;
	return buf;
too_long:
	free(buf);
	return NULL;
}

static bool has_class_word(xmlNodePtr n, const hw_words *w, hw_list list)
{
	char *c = prop(n, "class");
	bool yes = hw_match_tokens(w, list, c);
	xmlFree(c);
	return yes;
}

static void visit(xmlNodePtr n, struct sources *s, const hw_words *w)
{
	const char *tag = he_tag(n);
	char *v;
	if (!strcmp(tag, "html")) {
		v = prop(n, "lang");
		if (!v)
			v = prop(n, "xml:lang");
		set_once(&s->lang, v);
		xmlFree(v);
	} else if (!strcmp(tag, "title")) {
		xmlChar *t = xmlNodeGetContent(n);
		set_once(&s->title, (char *)t);
		xmlFree(t);
	} else if (!strcmp(tag, "meta")) {
		read_meta(n, s);
	} else if (!strcmp(tag, "link")) {
		char *rel = prop(n, "rel");
		if (rel && !strcasecmp(rel, "canonical")) {
			v = prop(n, "href");
			set_once(&s->canonical, v);
			xmlFree(v);
		}
		xmlFree(rel);
	} else if (!strcmp(tag, "base")) {
		v = prop(n, "href");
		set_once(&s->base, v);
		xmlFree(v);
	} else if (!strcmp(tag, "script")) {
		v = prop(n, "type");
		if (v && !strcasecmp(v, "application/ld+json"))
			read_jsonld(n, s, w);
		xmlFree(v);
	} else if (!strcmp(tag, "time")) {
		he_elem *e = he_of(n);
		if (!e || !(e->flags & HE_DROP)) {
			v = prop(n, "datetime");
			set_once(&s->time_el, v);
			xmlFree(v);
		}
	} else if (!strcmp(tag, "h1")) {
		he_elem *e = he_of(n);
		if (!s->h1 && e && !(e->flags & HE_DROP)) {
			char *t = short_text(n, 400, 400);
			set_once(&s->h1, t);
			free(t);
		}
	}
	if (!s->byline && has_class_word(n, w, HW_BYLINE)) {
		/* A byline is a name or two, not a box of author bios. */
		char *t = short_text(n, 80, 40);
		set_once(&s->byline, t);
		free(t);
	}
}

/* --- choosing -------------------------------------------------------------- */

/* A byline without what it says before the name ("by ", "von "): after
 * a one-word prefix only when two words or more are left, so that "Di
 * Maria" stays. */
static const char *byline_name(const char *byline, const hw_words *w)
{
	if (!byline)
		return NULL;
	for (size_t i = 0; i < w->count[HW_BYLINEPREFIX]; i++) {
		const char *pre = w->list[HW_BYLINEPREFIX][i];
		size_t l = strlen(pre);
		if (strncasecmp(byline, pre, l) ||
		    (byline[l] != ' ' && byline[l] != ':' && pre[l - 1] != ':'))
			continue;
		const char *rest = byline + l;
		while (*rest == ' ' || *rest == ':')
			rest++;
		/* a prefix of two words or with a colon is never a name */
		bool sure = strchr(pre, ' ') || pre[l - 1] == ':';
		if (*rest && (sure || strchr(rest, ' ')))
			return rest;
	}
	return byline;
}

/* "YYYY-MM-DD" from the start of an ISO-like date ("2021-03-04T10:00",
 * "2021/03/04"); NULL when it is not one. */
static char *iso_date(const char *v, char **time_out)
{
	int y, m, d, hh, mm, used = 0;
	char sep;
	*time_out = NULL;
	if (!v)
		return NULL;
	while (*v == ' ')
		v++;
	if (sscanf(v, "%4d%c%2d", &y, &sep, &m) != 3 || (sep != '-' && sep != '/'))
		return NULL;
	char fmt[16];
	snprintf(fmt, sizeof fmt, "%%4d%c%%2d%c%%2d%%n", sep, sep);
	if (sscanf(v, fmt, &y, &m, &d, &used) != 3 || y < 1000 || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return NULL;
	char *out = malloc(16);
	if (!out)
		return NULL;
	snprintf(out, 16, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	const char *t = v + used;
	int tused = 0;
	if ((*t == 'T' || *t == ' ') &&
	    sscanf(t + 1, "%2d:%2d%n", &hh, &mm, &tused) == 2 && hh < 24 &&
	    mm < 60) {
		const char *rest = t + 1 + tused;
		if (*rest == ':' && isdigit((unsigned char)rest[1]))
			rest += 3;
		while (*rest == '.' || isdigit((unsigned char)*rest))
			rest++;
		/* Midnight exactly is how many sites write "no time". */
		bool midnight = hh == 0 && mm == 0;
		if (!midnight) {
			char buf[40];
			size_t zl = 0;
			while (rest[zl] && zl < 6 &&
			       (rest[zl] == 'Z' || rest[zl] == '+' || rest[zl] == '-' ||
			        rest[zl] == ':' || isdigit((unsigned char)rest[zl])))
				zl++;
			snprintf(buf, sizeof buf, "%02d:%02d%.*s", hh % 100, mm % 100, (int)zl, rest);
			*time_out = strdup(buf);
		}
	}
	return out;
}

/* A BCP 47 tag from "de-DE", "en_US", "fr": letters, digits, '-'. */
static char *lang_tag(const char *v)
{
	if (!v)
		return NULL;
	size_t n = strlen(v);
	if (n < 2 || n > 35)
		return NULL;
	char *out = strdup(v);
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (out[i] == '_')
			out[i] = '-';
		if (!isalnum((unsigned char)out[i]) && out[i] != '-') {
			free(out);
			return NULL;
		}
	}
	size_t first = strcspn(out, "-");
	if (first < 2 || first > 3) {
		free(out);
		return NULL;
	}
	return out;
}

/* Whether a separator stands in s at i with white space either side. */
static size_t separator_at(const char *s, size_t i, const hw_words *w)
{
	if (i == 0 || s[i - 1] != ' ')
		return 0;
	for (size_t k = 0; k < w->count[HW_SEPARATORS]; k++) {
		const char *sep = w->list[HW_SEPARATORS][k];
		size_t l = strlen(sep);
		if (strncmp(s + i, sep, l) == 0 && s[i + l] == ' ')
			return l;
	}
	return 0;
}

/* The page's <title> without the site's name: the part before the last
 * separator when the part after it is shorter, or the site's name as
 * og:site_name gives it; the part after the first when the site's name
 * comes first. */
static char *strip_site(const char *title, const char *site,
                        const hw_words *w)
{
	size_t n = strlen(title), first = 0, first_len = 0, last = 0,
	       last_len = 0;
	for (size_t i = 1; i < n; i++) {
		size_t l = separator_at(title, i, w);
		if (!l)
			continue;
		if (!first_len) {
			first = i;
			first_len = l;
		}
		last = i;
		last_len = l;
	}
	if (!last_len)
		return strdup(title);
	size_t head = last - 1, tail = n - (last + last_len + 1);
	const char *tail_s = title + last + last_len + 1;
	if (site && !strcasecmp(tail_s, site))
		return strndup(title, head);
	if (site && !strncasecmp(title, site, strlen(site)) &&
	    first - 1 == strlen(site))
		return strdup(title + first + first_len + 1);
	if (tail < head && head >= 10)
		return strndup(title, head);
	size_t lead = first - 1;
	if (lead < n - lead && lead <= 30 && n - (first + first_len + 1) >= 10)
		return strdup(title + first + first_len + 1);
	return strdup(title);
}

void hm_collect(hm_meta *m, xmlDocPtr doc, const he_page *page,
                const hw_words *w, herald_diag *diag)
{
	struct sources s = { 0 };
	xmlNodePtr root = xmlDocGetRootElement(doc);
	(void)page;
	memset(m, 0, sizeof *m);
	/* The whole tree, iteratively; the body's pruned parts are skipped
	 * for what the layout suggests (visit() checks the flags). */
	for (xmlNodePtr n = root; n;) {
		bool skip = false;
		if (n->type == XML_ELEMENT_NODE) {
			visit(n, &s, w);
			skip = he_tag_is(n, "script") || he_tag_is(n, "style");
		}
		if (!skip && n->children)
			n = n->children;
		else {
			while (n && n != root && !n->next)
				n = n->parent;
			n = n && n != root ? n->next : NULL;
		}
	}

	/* Title: the page's <h1> when the metadata titles agree with it
	 * (it carries no site name), else og:title, JSON-LD headline or
	 * <title>, without the site's name. */
	const char *meta_title = s.og_title ? s.og_title
	                         : s.ld_headline ? s.ld_headline
	                         : s.tw_title ? s.tw_title : s.title;
	if (s.h1 && meta_title && strstr(meta_title, s.h1) &&
	    he_text_length(s.h1) >= 5)
		m->title = strdup(s.h1);
	else if (meta_title)
		m->title = strip_site(meta_title, s.og_site, w);
	else if (s.h1)
		m->title = strdup(s.h1);
	m->h1 = s.h1 ? strdup(s.h1) : NULL;
	m->site = s.og_site ? strdup(s.og_site) : NULL;

	const char *date = s.ld_date ? s.ld_date : s.date_meta ? s.date_meta
	                                                       : s.time_el;
	m->date = iso_date(date, &m->time);
	if (!m->date && date != s.time_el)
		m->date = iso_date(s.time_el, &m->time);

	const char *author = s.ld_author ? s.ld_author : s.author_meta
	                                   ? s.author_meta : byline_name(s.byline, w);
	m->author = author ? strdup(author) : NULL;

	m->lang = lang_tag(s.lang);
	if (!m->lang)
		m->lang = lang_tag(s.meta_lang);
	if (!m->lang)
		m->lang = lang_tag(s.og_locale);

	/* The document's address: its canonical URL, else og:url; only an
	 * absolute http(s) URL counts. */
	const char *addr = NULL;
	const char *cands[2] = { s.canonical, s.og_url };
	for (int i = 0; i < 2 && !addr; i++)
		if (cands[i] && (!strncasecmp(cands[i], "http://", 7) ||
		                 !strncasecmp(cands[i], "https://", 8)))
			addr = cands[i];
	m->url = addr ? strdup(addr) : NULL;
	/* Links resolve as a browser would: against <base href> (itself
	 * resolved against the address), else the address.  A <base> that
	 * is not http(s) is refused, never used. */
	m->base = m->url ? strdup(m->url) : NULL;
	if (s.base) {
		xmlChar *b = xmlBuildURI((const xmlChar *)s.base,
		                         (const xmlChar *)m->url);
		const char *bs = b ? (const char *)b : s.base;
		if (!strncasecmp(bs, "http://", 7) || !strncasecmp(bs, "https://", 8)) {
			free(m->base);
			m->base = strdup(bs);
		} else {
			herald_warning(diag, "<base href> is not an http(s) URL; ignored");
		}
		xmlFree(b);
	}

	char **all[] = { &s.og_title, &s.tw_title, &s.title, &s.h1,
	                 &s.ld_headline, &s.og_url, &s.canonical, &s.base,
	                 &s.date_meta, &s.ld_date, &s.time_el, &s.author_meta,
	                 &s.ld_author, &s.byline, &s.lang, &s.meta_lang,
	                 &s.og_locale, &s.og_site };
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		free(*all[i]);
}

int hm_apply(const hm_meta *m, herald_doc *hdoc)
{
	struct { herald_meta key; const char *v; } set[] = {
		{ HERALD_META_TITLE, m->title }, { HERALD_META_DATE, m->date },
		{ HERALD_META_TIME, m->time }, { HERALD_META_AUTHOR, m->author },
		{ HERALD_META_URL, m->url }, { HERALD_META_LANGUAGE, m->lang },
	};
	for (size_t i = 0; i < sizeof set / sizeof *set; i++) {
		if (!set[i].v || !*set[i].v)
			continue;
		int rc = herald_doc_set_meta(hdoc, set[i].key, set[i].v);
		/* A value the model refuses (bad UTF-8 cannot happen after
		 * decoding, so: out of memory) fails the document. */
		if (rc == HERALD_ENOMEM)
			return rc;
	}
	if (m->site && *m->site)
		herald_doc_set_field(hdoc, "site", m->site);
	return HERALD_OK;
}

void hm_free(hm_meta *m)
{
	free(m->title);
	free(m->date);
	free(m->time);
	free(m->author);
	free(m->url);
	free(m->lang);
	free(m->site);
	free(m->base);
	free(m->h1);
	memset(m, 0, sizeof *m);
}
