/* herald/site.h - what a site writer is told about a whole archive.
 *
 * With an output folder and a writer flagged HERALD_WRITER_SITE, herald
 * writes every page, then the indexes (as documents, through the same
 * writer), then calls the writer's write_site hook (plugin.h), once, on
 * the main thread, with a herald_site: the pages in date order and a way
 * to write files of the writer's own beside them (a search index, a
 * script).  What the files hold and are named is the writer's affair;
 * the core knows no format.
 *
 * OWNERSHIP: everything in a herald_site belongs to the core and is
 * valid during the call only.  A string returned by page_text is the
 * caller's to free().
 */
#ifndef HERALD_SITE_H
#define HERALD_SITE_H

#include <stddef.h>
#include <stdio.h>
#include <herald/diag.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A titled item of a page: its stable id (herald_node_id) and title. */
typedef struct herald_site_item {
	const char *id;
	const char *title;
} herald_site_item;

/* One page of the site. */
typedef struct herald_site_page {
	/* Its URL relative to the site's top folder, each path segment
	 * percent-encoded ("2020/01/bulletin-2020-01-05.html"). */
	const char *url;
	const char *date;        /* a W3C date (herald_date_is_valid) or NULL */
	const char *title;       /* the document's title, or NULL */
	const char *language;    /* BCP 47 as the reader said, or NULL */
	/* The group its month index stands for: "2020-01", "2020" for a
	 * date without month, "undated". */
	const char *group;
	const herald_site_item *items;
	size_t nitems;
	int changed;             /* written in this run (else as it was) */
} herald_site_page;

typedef struct herald_site herald_site;
struct herald_site {
	const herald_site_page *pages;   /* sorted by date, undated last */
	size_t npages;
	const char *language;            /* the site's: its pages' commonest */
	void *ctx;                       /* the core's */
	/* The plain text of page i (blocks separated by "\n"), read again
	 * from its input when this run did not read it: ask only for what
	 * must be written anew.  NULL after reporting why to diag. */
	char *(*page_text)(const herald_site *site, size_t i, herald_diag *diag);
	/* Open the file name (relative to the site's top, '/'-separated,
	 * no ".." segment; folders are made) for writing; it is put in
	 * place atomically by close_file, and only when its bytes differ
	 * from the file already there (so an unchanged site is not
	 * rewritten).  NULL after reporting why. */
	FILE *(*open_file)(const herald_site *site, const char *name,
	                   herald_diag *diag);
	/* Close a file of open_file: ok non-zero puts it in place, 0 drops
	 * it.  HERALD_OK or a herald_status after reporting why. */
	int (*close_file)(const herald_site *site, FILE *file, int ok,
	                  herald_diag *diag);
};

#ifdef __cplusplus
}
#endif
#endif
