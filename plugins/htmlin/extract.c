/* extract.c - finding the page's main text (doc/html-reader.md).
 *
 * Four linear passes over the elements in document order, never a
 * recursion (a page may nest 100 000 elements deep):
 *  1. prune what is certainly not text: scripts, styles, forms' controls,
 *     hidden elements; mark the chrome (navigation, sidebars, the page's
 *     header and footer, by tag and ARIA role);
 *  2. measure, children before parents (reverse document order): text,
 *     text inside links, commas, and the "inline text" of each block
 *     (its own words, not those of blocks inside it);
 *  3. prune the chrome, and blocks whose class or
 *     id name boilerplate, unless they hold the article (a page wrapped
 *     in <div class="has-sidebar"> is not a sidebar, and a <header> left
 *     open by its author may hold the whole page); measure again;
 *  4. score: every paragraph-like block gives points for its length and
 *     commas to its parent and grandparent; the best container, weighed
 *     by its link density and class, wins, with those of its siblings
 *     that score close to it or read as prose; inside, lists and boxes
 *     that are mostly links are dropped. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "htmlin.h"

/* A block with this much inline text (characters) is a paragraph; a
 * list entry needs more. */
#define PARA_MIN 25
#define LIST_PARA_MIN 60

/* Elements that are never text, or hold only controls and media. */
static const char *const never_text[] = {
	"script", "style", "template", "noscript", "iframe", "svg", "math",
	"canvas", "object", "embed", "button", "select", "input", "textarea",
	"option", "head", "link", "meta", "video", "audio", "map", "img", "picture", "source", "track", "datalist",
	"output", "progress", "meter", "label", NULL
};

/* The page's chrome: navigation, sidebars, dialogs.  Pruned in pass 3,
 * where an element that holds most of the page's paragraphs is kept (a
 * <nav> left unclosed may hold the whole page, as a parser reads it). */
static const char *const chrome_tags[] = {
	"nav", "aside", "dialog", "menu", "footer", NULL
};

/* Phrasing content: part of the line it stands in. */
static const char *const inline_tags[] = {
	"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn",
	"em", "font", "i", "ins", "kbd", "mark", "q", "s", "samp", "small",
	"span", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "br",
	"big", "strike", "nobr", "acronym", "img", "label", NULL
};

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

const char *he_tag(xmlNodePtr node)
{
	if (!node || node->type != XML_ELEMENT_NODE || !node->name)
		return "";
	return (const char *)node->name;  /* libxml2's HTML parser lower-cases */
}

bool he_tag_is(xmlNodePtr node, const char *name)
{
	return strcmp(he_tag(node), name) == 0;
}

he_elem *he_of(xmlNodePtr node)
{
	return node && node->type == XML_ELEMENT_NODE ? node->_private : NULL;
}

size_t he_text_length(const char *s)
{
	size_t n = 0;
	bool space = false;
	if (!s)
		return 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			space = true;
			continue;
		}
		if ((c & 0xC0) == 0x80)
			continue;   /* a continuation byte: same character */
		if (space && n)
			n++;
		space = false;
		n++;
	}
	return n;
}

/* Commas of Latin, CJK and Arabic script: a sign of running prose. */
static size_t count_commas(const char *s)
{
	size_t n = 0;
	for (; *s; s++) {
		if (*s == ',')
			n++;
		else if (strncmp(s, "\xEF\xBC\x8C", 3) == 0 ||   /* ， */
		         strncmp(s, "\xE3\x80\x81", 3) == 0 ||   /* 、 */
		         strncmp(s, "\xD8\x8C", 2) == 0)         /* ، */
			n++;
	}
	return n;
}

static char *attr(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* display:none or visibility:hidden in an inline style. */
static bool style_hides(const char *style)
{
	char flat[256];
	size_t k = 0;
	if (!style)
		return false;
	for (const char *s = style; *s && k + 1 < sizeof flat; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			flat[k++] = (char)((*s >= 'A' && *s <= 'Z') ? *s + 32 : *s);
	flat[k] = '\0';
	return strstr(flat, "display:none") || strstr(flat, "visibility:hidden");
}

/* A class attribute naming a hiding utility class: each class name whole,
 * with '-' and '_' removed ("sr-only", "visually-hidden"), so that
 * "hidden-xs" (hidden on small screens only) does not count. */
static bool class_hides(const hw_words *w, const char *cls)
{
	char name[64];
	size_t k = 0;
	if (!cls)
		return false;
	for (const char *s = cls;; s++) {
		if (*s && *s != ' ' && *s != '\t' && *s != '\n') {
			if (*s != '-' && *s != '_' && k + 1 < sizeof name)
				name[k++] = *s;
			continue;
		}
		name[k] = '\0';
		if (k && hw_match_exact(w, HW_HIDDEN, name))
			return true;
		k = 0;
		if (!*s)
			return false;
	}
}

/* Pass 1 for one element: whether it is certainly not text. */
static bool certainly_not_text(xmlNodePtr n, const hw_words *w)
{
	const char *tag = he_tag(n);
	bool drop = in_list(never_text, tag);
	char *v;

	if (!drop && xmlHasProp(n, (const xmlChar *)"hidden"))
		drop = true;
	if (!drop && (v = attr(n, "aria-hidden"))) {
		drop = strcasecmp(v, "true") == 0;
		xmlFree(v);
	}
	if (!drop && (v = attr(n, "style"))) {
		drop = style_hides(v);
		xmlFree(v);
	}
	if (!drop && (v = attr(n, "class"))) {
		drop = class_hides(w, v);
		xmlFree(v);
	}
	return drop;
}

/* Pass 1 for one element: whether it is the page's chrome. */
static bool is_chrome(xmlNodePtr n, const hw_words *w, bool in_article)
{
	const char *tag = he_tag(n);
	char *v;
	bool chrome = in_list(chrome_tags, tag) ||
	              /* inside an article, the header holds its title and
	               * lead */
	              (!strcmp(tag, "header") && !in_article);
	if (!chrome && (v = attr(n, "role"))) {
		chrome = hw_match_exact(w, HW_ROLES, v);
		xmlFree(v);
	}
	return chrome;
}

/* Class, id, role and itemprop as a weight: the page's own naming. */
static int name_weight(xmlNodePtr n, const hw_words *w)
{
	int weight = 0;
	const char *names[2] = { "class", "id" };
	char *v;

	for (int i = 0; i < 2; i++) {
		v = attr(n, names[i]);
		if (!v)
			continue;
		bool bad = hw_match_tokens(w, HW_BOILERPLATE, v);
		bool good = hw_match_tokens(w, HW_CONTENT, v);
		if (bad && !good)
			weight -= 25;
		else if (good && !bad)
			weight += 25;
		xmlFree(v);
	}
	if ((v = attr(n, "itemprop"))) {
		if (hw_match_exact(w, HW_ITEMPROP, v))
			weight += 50;
		xmlFree(v);
	}
	if ((v = attr(n, "role"))) {
		if (strcasecmp(v, "main") == 0 || strcasecmp(v, "article") == 0)
			weight += 25;
		xmlFree(v);
	}
	if (he_tag_is(n, "article") || he_tag_is(n, "main"))
		weight += 25;
	return weight;
}

/* The next node in document order below root, not entering node's
 * children when skip is set. */
static xmlNodePtr next_node(xmlNodePtr n, xmlNodePtr root, bool skip,
                            unsigned *depth)
{
	if (!skip && n->children) {
		++*depth;
		return n->children;
	}
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
		--*depth;
	}
	return NULL;
}

static xmlNodePtr find_body(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root)
		return NULL;
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (he_tag_is(c, "body"))
			return c;
	return root;
}

/* Own text of an element in its inline text; an inline child's inline
 * text counts for its block. */
static void measure(he_page *p)
{
	for (size_t i = 0; i < p->count; i++) {
		he_elem *e = &p->elems[i];
		e->text = e->link_text = e->commas = e->paras = 0;
		e->score = 0;
	}
	/* inline text per element, kept in score until pass 4 uses it */
	double *inl = calloc(p->count ? p->count : 1, sizeof *inl);
	double *inl_links = calloc(p->count ? p->count : 1, sizeof *inl_links);
	size_t *inl_commas = calloc(p->count ? p->count : 1, sizeof *inl_commas);
	if (!inl || !inl_links || !inl_commas)
		goto out;
	for (size_t i = p->count; i-- > 0;) {
		he_elem *e = &p->elems[i];
		if (e->flags & HE_DROP)
			continue;
		/* Text children, and text deeper than the elements recorded. */
		for (xmlNodePtr c = e->node->children; c; c = c->next) {
			if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
				size_t len = he_text_length((const char *)c->content);
				e->text += len;
				inl[i] += (double)len;
				size_t commas = count_commas((const char *)c->content);
				e->commas += commas;
				inl_commas[i] += commas;
			} else if (c->type == XML_ELEMENT_NODE && !c->_private) {
				xmlChar *t = xmlNodeGetContent(c);
				size_t len = he_text_length((const char *)t);
				e->text += len;
				inl[i] += (double)len;
				xmlFree(t);
			}
		}
		if (he_tag_is(e->node, "a")) {
			e->link_text = e->text;
			inl_links[i] = inl[i];
		}
		if (!(e->flags & HE_INLINE)) {
			double len = inl[i];
			/* A list entry counts when it is a sentence, not a
			 * step or a menu's line: lists of short entries must
			 * not outscore the prose beside them. */
			double min = he_tag_is(e->node, "li") ? LIST_PARA_MIN : PARA_MIN;
			bool para = len >= min && inl_links[i] < 0.5 * len;
			if (para) {
				e->paras++;
				/* The points this paragraph gives its ancestors,
				 * kept in its own score until pass 4 spreads them. */
				double pts = 1 + (double)inl_commas[i] +
				             (len / 100 > 3 ? 3 : len / 100);
				e->score = pts;
			}
		}
		if (e->parent >= 0) {
			he_elem *pe = &p->elems[e->parent];
			pe->text += e->text;
			pe->link_text += e->link_text;
			pe->commas += e->commas;
			pe->paras += e->paras;
			if (e->flags & HE_INLINE) {
				inl[e->parent] += inl[i];
				inl_links[e->parent] += he_tag_is(e->node, "a")
				                            ? inl[i] : inl_links[i];
				inl_commas[e->parent] += inl_commas[i];
			}
		}
	}
out:
	free(inl);
	free(inl_links);
	free(inl_commas);
}

int he_page_build(he_page *p, xmlDocPtr doc, const hw_words *w,
                  herald_diag *diag)
{
	memset(p, 0, sizeof *p);
	p->body = find_body(doc);
	if (!p->body)
		return HERALD_OK;
	/* Count first, so that the entries never move: each element's
	 * _private points at its own. */
	size_t n = 0;
	unsigned depth = 0;
	for (xmlNodePtr c = p->body; c;) {
		bool deep = false;
		if (c->type == XML_ELEMENT_NODE) {
			deep = depth + 1 >= HTMLIN_MAX_DEPTH;
			n++;
			p->too_deep |= deep && c->children;
		}
		c = next_node(c, p->body, deep, &depth);
	}
	p->elems = calloc(n ? n : 1, sizeof *p->elems);
	if (!p->elems) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	depth = 0;
	for (xmlNodePtr c = p->body; c;) {
		bool skip = false;
		if (c->type == XML_ELEMENT_NODE) {
			he_elem *parent = c == p->body ? NULL : he_of(c->parent);
			if (!parent && c != p->body) {
				/* below the recorded depth: read as text */
				skip = true;
			} else {
				he_elem *e = &p->elems[p->count];
				e->node = c;
				e->parent = parent ? (int)(parent - p->elems) : -1;
				e->depth = parent ? parent->depth + 1 : 0;
				bool in_article = parent && ((parent->flags & HE_IN_ARTICLE) ||
				                   he_tag_is(parent->node, "article") ||
				                   he_tag_is(parent->node, "main"));
				if (in_article)
					e->flags |= HE_IN_ARTICLE;
				if (in_list(inline_tags, he_tag(c)))
					e->flags |= HE_INLINE;
				if (c != p->body && certainly_not_text(c, w))
					e->flags |= HE_DROP | HE_HARD;
				if (c != p->body && is_chrome(c, w, in_article))
					e->flags |= HE_CHROME;
				e->weight = name_weight(c, w);
				c->_private = e;
				p->count++;
				skip = (e->flags & HE_DROP) || e->depth + 1 >= HTMLIN_MAX_DEPTH;
			}
		}
		c = next_node(c, p->body, skip, &depth);
	}
	measure(p);
	return HERALD_OK;
}

void he_page_free(he_page *p)
{
	for (size_t i = 0; i < p->count; i++)
		p->elems[i].node->_private = NULL;
	free(p->elems);
	memset(p, 0, sizeof *p);
}

static double link_density(const he_elem *e)
{
	return e->text ? (double)e->link_text / (double)e->text : 0;
}

/* Pass 3: blocks named as boilerplate, unless they hold the article. */
static void prune_by_name(he_page *p)
{
	size_t total = p->count ? p->elems[0].paras : 0;
	for (size_t i = 1; i < p->count; i++) {
		he_elem *e = &p->elems[i];
		if ((e->weight >= 0 && !(e->flags & HE_CHROME)) ||
		    (e->flags & (HE_DROP | HE_INLINE | HE_PROTECT)))
			continue;
		if (e->parent >= 0 && (p->elems[e->parent].flags & HE_DROP)) {
			e->flags |= HE_DROP;
			continue;
		}
		/* A wrapper with most of the page's paragraphs is the page. */
		if (e->paras > 2 && e->paras * 2 > total)
			continue;
		e->flags |= HE_DROP;
	}
	/* Below a dropped element everything is dropped. */
	for (size_t i = 1; i < p->count; i++) {
		he_elem *e = &p->elems[i];
		if (e->parent >= 0 && (p->elems[e->parent].flags & HE_DROP))
			e->flags |= HE_DROP;
	}
}

static int tag_bias(xmlNodePtr n)
{
	const char *t = he_tag(n);
	if (!strcmp(t, "div") || !strcmp(t, "article") || !strcmp(t, "section") ||
	    !strcmp(t, "main"))
		return 5;
	if (!strcmp(t, "pre") || !strcmp(t, "td") || !strcmp(t, "blockquote"))
		return 3;
	if (!strcmp(t, "ol") || !strcmp(t, "ul") || !strcmp(t, "dl") ||
	    !strcmp(t, "dd") || !strcmp(t, "dt") || !strcmp(t, "li") ||
	    !strcmp(t, "form") || !strcmp(t, "address"))
		return -3;
	if (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2])
		return -5;
	if (!strcmp(t, "th"))
		return -5;
	return 0;
}

static bool is_ancestor(const he_page *p, int a, int d)
{
	while (d >= 0) {
		if (d == a)
			return true;
		d = p->elems[d].parent;
	}
	return false;
}

/* Mark i and its subtree kept (the subtree is walked by emit; KEEP on the
 * root is enough, and dropped elements inside stay dropped). */
static void keep(he_page *p, int i)
{
	p->elems[i].flags |= HE_KEEP;
}

static bool shows_address(xmlNodePtr n)
{
	xmlChar *t = xmlNodeGetContent(n);
	bool yes = t && (strstr((char *)t, "://") || strstr((char *)t, "www.") ||
	                 strchr((char *)t, '@'));
	xmlFree(t);
	return yes;
}

/* Inside the kept content: boxes and lists that are mostly links (related
 * articles, tag clouds, share bars without a name), and blocks whose
 * naming weighs against them.  A box with many commas is prose. */
static void clean_kept(he_page *p)
{
	for (size_t i = 1; i < p->count; i++) {
		he_elem *e = &p->elems[i];
		if (e->flags & (HE_DROP | HE_INLINE))
			continue;
		if (e->parent >= 0 && (p->elems[e->parent].flags & HE_DROP)) {
			e->flags |= HE_DROP;
			continue;
		}
		const char *t = he_tag(e->node);
		bool box = !strcmp(t, "div") || !strcmp(t, "section") ||
		           !strcmp(t, "ul") || !strcmp(t, "ol") ||
		           !strcmp(t, "table") || !strcmp(t, "dl") ||
		           !strcmp(t, "form") || !strcmp(t, "p");
		if (!box || e->commas >= 10)
			continue;
		double ld = link_density(e);
		bool para = !strcmp(t, "p");
		/* A paragraph that is one link is a teaser for another page,
		 * unless what it shows is an address (a URL, an e-mail). */
		if ((para && ld > 0.8 && e->text < 200 && !shows_address(e->node)) ||
		    (!para && e->weight < 25 && ld > 0.5) ||
		    (!para && e->weight < 0 && ld > 0.2))
			e->flags |= HE_DROP;
	}
}

/* Pass 4's scoring: each paragraph's points spread to its ancestors;
 * the best container's index (-1: none) and its points in *points. */
static int score(he_page *p, double *points)
{
	double *pts = calloc(p->count, sizeof *pts);
	double *total = calloc(p->count, sizeof *total);
	int best = -1;
	*points = 0;
	if (!pts || !total) {
		free(pts);
		free(total);
		return -1;
	}
	for (size_t i = 0; i < p->count; i++) {
		pts[i] = p->elems[i].score;
		p->elems[i].flags &= ~(unsigned)HE_CANDIDATE;
	}
	for (size_t i = 0; i < p->count; i++) {
		if (!pts[i] || (p->elems[i].flags & HE_DROP))
			continue;
		int a = p->elems[i].parent;
		static const double share[3] = { 1.0, 0.5, 1.0 / 3 };
		for (int lv = 0; lv < 3 && a >= 0; lv++) {
			p->elems[a].flags |= HE_CANDIDATE;
			total[a] += pts[i] * share[lv];
			a = p->elems[a].parent;
		}
	}
	for (size_t i = 0; i < p->count; i++) {
		he_elem *e = &p->elems[i];
		if (!(e->flags & HE_CANDIDATE) || (e->flags & HE_DROP)) {
			e->score = 0;
			continue;
		}
		/* A name can at most double what the text earns: an empty
		 * <div class="content"> does not beat the article. */
		double weight = e->weight > total[i] ? total[i] : e->weight;
		e->score = (total[i] + tag_bias(e->node) + weight) *
		           (1 - link_density(e));
		if (best < 0 || e->score > p->elems[best].score)
			best = (int)i;
	}
	if (best >= 0)
		*points = total[best];
	free(pts);
	free(total);
	return best;
}

/* Whether two elements are of one kind: the same tag and the same
 * class attribute, both with a class (the parts of a text a CMS
 * splits into boxes of one design). */
static bool same_kind(xmlNodePtr a, xmlNodePtr b)
{
	if (strcmp(he_tag(a), he_tag(b)))
		return false;
	char *ca = attr(a, "class"), *cb = attr(b, "class");
	bool same = ca && cb && *ca && !strcmp(ca, cb);
	xmlFree(ca);
	xmlFree(cb);
	return same;
}

void he_select(he_page *p, bool all)
{
	if (!p->count)
		return;
	if (all) {
		keep(p, 0);
		return;
	}
	prune_by_name(p);
	measure(p);
	double points;
	int best = score(p, &points);

	/* The same without pass 3: when the best text then lies in what the
	 * names pruned and earns far more (an article in a
	 * <div class="widget-container">, a page inside an unclosed <nav>),
	 * the names were wrong there: that element and its ancestors are
	 * protected, and pass 3 runs again. */
	unsigned *saved = malloc(p->count * sizeof *saved);
	if (saved) {
		for (size_t i = 0; i < p->count; i++) {
			saved[i] = p->elems[i].flags;
			if (!(saved[i] & HE_HARD))
				p->elems[i].flags &= ~(unsigned)HE_DROP;
		}
		measure(p);
		double raw_points;
		int raw = score(p, &raw_points);
		bool pruned = false;
		size_t end = raw >= 0 ? (size_t)raw + 1 : 0;
		if (raw >= 0) {
			/* raw's subtree: the elements after it that are deeper */
			while (end < p->count && p->elems[end].depth > p->elems[raw].depth)
				end++;
			for (size_t i = (size_t)raw; i < end && !pruned; i++)
				pruned = (saved[i] & HE_DROP) && !(saved[i] & HE_HARD);
		}
		if (pruned && (best < 0 || raw_points >= 2 * points)) {
			/* Protected: raw, its ancestors, and inside it what
			 * holds most of its paragraphs (the misnamed box). */
			size_t half = p->elems[raw].paras;
			for (size_t i = (size_t)raw + 1; i < end; i++)
				if (p->elems[i].paras >= 2 && p->elems[i].paras * 2 > half)
					saved[i] |= HE_PROTECT;
			for (int a = raw; a >= 0; a = p->elems[a].parent)
				saved[a] |= HE_PROTECT;
			for (size_t i = 0; i < p->count; i++)
				p->elems[i].flags = saved[i] & HE_HARD ? saved[i]
				                  : saved[i] & ~(unsigned)HE_DROP;
			prune_by_name(p);
		} else {
			for (size_t i = 0; i < p->count; i++)
				p->elems[i].flags = saved[i];
		}
		free(saved);
		measure(p);
		best = score(p, &points);
	}
	if (best < 0) {
		keep(p, 0);
		return;
	}
	/* Several strong candidates under one ancestor: the text is split
	 * into parts (a lead box, a body box); take the ancestor. */
	{
		int top[5];
		size_t nt = 0;
		double bs = p->elems[best].score;
		for (size_t i = 0; i < p->count && nt < 5; i++) {
			he_elem *e = &p->elems[i];
			if ((int)i != best && (e->flags & HE_CANDIDATE) &&
			    !(e->flags & HE_DROP) && e->score >= 0.75 * bs &&
			    !is_ancestor(p, (int)i, best) && !is_ancestor(p, best, (int)i))
				top[nt++] = (int)i;
		}
		if (nt >= 2) {
			int a = p->elems[best].parent;
			while (a >= 0) {
				size_t under = 0;
				for (size_t k = 0; k < nt; k++)
					under += is_ancestor(p, a, top[k]);
				if (under >= 2)
					break;
				a = p->elems[a].parent;
			}
			if (a >= 0)
				best = a;
		}
	}
	/* An only child is its parent's content. */
	while (p->elems[best].parent >= 0) {
		int parent = p->elems[best].parent;
		xmlNodePtr pn = p->elems[parent].node;
		size_t kids = 0;
		for (xmlNodePtr c = pn->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && he_of(c) &&
			    !(he_of(c)->flags & HE_DROP))
				kids++;
		if (kids != 1 || parent == 0)
			break;
		best = parent;
	}
	/* Around the winner, its other prose: a lead and a body are often
	 * separate boxes.  Around means inside the page's one <article> of
	 * weight (not a list of teasers), or else inside the ancestors (up
	 * to four levels) that hold little more than the winner's text.
	 * Only paragraphs before the winner (a lead comes first; what
	 * follows the text is an author's bio, a teaser, a comment) that
	 * read as prose (at least 100 characters, under a quarter in links)
	 * join: labels, credits and bylines stay out. */
	int around = best;
	for (int a = best, lv = 0; lv < 4; lv++) {
		a = p->elems[a].parent;
		if (a <= 0 || p->elems[a].text * 2 > p->elems[best].text * 3)
			break;
		around = a;
	}
	for (int a = p->elems[best].parent; a > 0; a = p->elems[a].parent) {
		he_elem *art = &p->elems[a];
		if (!he_tag_is(art->node, "article"))
			continue;
		bool alone = true;
		for (size_t i = 1; i < p->count && alone; i++) {
			he_elem *o = &p->elems[i];
			if ((int)i != a && he_tag_is(o->node, "article") &&
			    !(o->flags & HE_DROP) && !is_ancestor(p, a, (int)i) &&
			    o->text * 4 > art->text)
				alone = false;
		}
		if (alone && art->depth < p->elems[around].depth)
			around = a;
		break;
	}
	for (size_t i = (size_t)around + 1; i < (size_t)best; i++) {
		he_elem *e = &p->elems[i];
		if (he_tag_is(e->node, "p") && !(e->flags & HE_DROP) &&
		    e->text >= 100 && link_density(e) < 0.25 &&
		    !is_ancestor(p, best, (int)i))
			keep(p, (int)i);
	}
	/* Its siblings that score near it or read as prose. */
	he_elem *b = &p->elems[best];
	double threshold = b->score * 0.2 > 10 ? b->score * 0.2 : 10;
	bool after = false;
	if (b->parent < 0) {
		keep(p, best);
	} else {
		for (xmlNodePtr c = p->elems[b->parent].node->children; c; c = c->next) {
			he_elem *s = he_of(c);
			if (!s || (s->flags & HE_DROP))
				continue;
			bool take = s == b;
			after |= take;
			double bonus = s->weight > 0 ? b->score * 0.2 : 0;
			/* After the winner, a box must score higher to join:
			 * what follows an article is more often about its
			 * author or other articles than more of it. */
			if (!take && (s->flags & HE_CANDIDATE) &&
			    s->score + bonus >= (after ? 2 * threshold : threshold))
				take = true;
			/* A box of the winner's own design (tag and class)
			 * holding prose: the CMS split the text into boxes. */
			if (!take && same_kind(c, b->node) && s->text >= 80 &&
			    link_density(s) < 0.25)
				take = true;
			if (!take && he_tag_is(c, "p")) {
				double ld = link_density(s);
				xmlChar *t = xmlNodeGetContent(c);
				size_t len = s->text;
				bool ends = t && strpbrk((char *)t, ".!?") != NULL;
				xmlFree(t);
				take = (len > 80 && ld < 0.25) ||
				       (len > 0 && ld == 0 && ends);
			}
			if (take)
				keep(p, (int)(s - p->elems));
		}
	}
	clean_kept(p);
}
