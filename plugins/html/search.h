/* search.h - the html writer's client-side search: the files beside a
 * site's pages (search/search.js, search/titles.js, search/text/GROUP.js)
 * and the hook that writes them (plugin.h: write_site). */
#ifndef HERALD_HTML_SEARCH_H
#define HERALD_HTML_SEARCH_H

#include <herald/plugin.h>

/* The script, below the site's top; pages load it from their "root". */
#define HTML_SEARCH_SCRIPT "search/search.js"

int html_write_site(void *state, const herald_site *site, herald_diag *diag);

#endif
