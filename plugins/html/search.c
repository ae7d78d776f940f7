/* search.c - the data of a site's search, as scripts (search.js says
 * why not JSON): the titles of every page in one file, the text of each
 * month's pages in a file of its own, loaded only when a search needs
 * it.  Strings are JSON (jansson), ASCII-only, so that U+2028 and
 * "</script>" are harmless in a script. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "search.h"
#include "search-js.h"

static const size_t dump_flags = JSON_COMPACT | JSON_ENSURE_ASCII;

/* call(name, value): one line of script calling heraldSearch.name. */
static int write_call(const herald_site *site, const char *file,
                      const char *head, json_t *value, herald_diag *diag)
{
	FILE *out = value ? site->open_file(site, file, diag) : NULL;
	if (out == NULL) {
		json_decref(value);
		return value ? HERALD_EIO : HERALD_ENOMEM;
	}
	int ok = fputs(head, out) >= 0 && json_dumpf(value, out, dump_flags) == 0 &&
	         fputs(");\n", out) >= 0;
	json_decref(value);
	return site->close_file(site, out, ok, diag) == HERALD_OK && ok
	       ? HERALD_OK : HERALD_EIO;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *page_titles(const herald_site_page *p)
{
	json_t *items = json_array();
	for (size_t i = 0; items && i < p->nitems; i++)
		json_array_append_new(items, json_pack("[ss]", p->items[i].id,
		                                       p->items[i].title));
	return items ? json_pack("[s o o o s]", p->url, str_or_null(p->date),
	                         str_or_null(p->title), items, p->group) : NULL;
}

static int write_titles(const herald_site *site, herald_diag *diag)
{
	json_t *all = json_array();
	for (size_t i = 0; all && i < site->npages; i++)
		if (json_array_append_new(all, page_titles(&site->pages[i])) != 0) {
			json_decref(all);
			all = NULL;
		}
	return write_call(site, "search/titles.js", "heraldSearch.titles(", all, diag);
}

/* The text file of the group of pages [from, to): written only when one
 * of them changed (the others' text is read again for it). */
static int write_group(const herald_site *site, size_t from, size_t to,
                       herald_diag *diag)
{
	int changed = 0;
	for (size_t i = from; i < to; i++)
		changed |= site->pages[i].changed;
	if (!changed)
		return HERALD_OK;
	json_t *list = json_array();
	for (size_t i = from; list && i < to; i++) {
		char *text = site->page_text(site, i, diag);
		if (text == NULL)
			continue;   /* said why; the page is searched by title */
		json_array_append_new(list, json_pack("[ss]", site->pages[i].url, text));
		free(text);
	}
	const char *group = site->pages[from].group;
	char file[64], *head;
	snprintf(file, sizeof file, "search/text/%s.js", group);
	json_t *name = json_string(group);
	char *quoted = name ? json_dumps(name, JSON_ENCODE_ANY | dump_flags) : NULL;
	json_decref(name);
	size_t len = quoted ? strlen(quoted) + 32 : 0;
	if (quoted == NULL || (head = malloc(len)) == NULL) {
		free(quoted);
		json_decref(list);
		return HERALD_ENOMEM;
	}
	snprintf(head, len, "heraldSearch.text(%s, ", quoted);
	int rc = write_call(site, file, head, list, diag);
	free(head);
	free(quoted);
	return rc;
}

static int write_script(const herald_site *site, herald_diag *diag)
{
	FILE *out = site->open_file(site, HTML_SEARCH_SCRIPT, diag);
	if (out == NULL)
		return HERALD_EIO;
	int ok = fwrite(html_search_js, 1, sizeof html_search_js - 1, out) ==
	         sizeof html_search_js - 1;
	return site->close_file(site, out, ok, diag) == HERALD_OK && ok
	       ? HERALD_OK : HERALD_EIO;
}

int html_write_site(void *state, const herald_site *site, herald_diag *diag)
{
	const int *standalone = state;   /* html_state's first field */
	int rc = HERALD_OK;

	if (!*standalone)
		return HERALD_OK;   /* fragments have no search form */
	if (write_script(site, diag) != HERALD_OK ||
	    write_titles(site, diag) != HERALD_OK)
		rc = HERALD_EIO;
	for (size_t from = 0, to; from < site->npages; from = to) {
		for (to = from + 1; to < site->npages &&
		     strcmp(site->pages[to].group, site->pages[from].group) == 0; to++)
			;
		if (write_group(site, from, to, diag) != HERALD_OK)
			rc = HERALD_EIO;
	}
	return rc;
}
