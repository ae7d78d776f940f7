/* site.c - an output folder written as a site (doc/archives.md, "The
 * site").  Prev/next links need every date before the first page is
 * written, and pages are written in parallel, so the run has two passes:
 *
 *  1. the summary pass reads each input (reader and transforms), keeps
 *     its summary (date, title, language, item ids and titles), spools
 *     its searchable text to a temporary file and drops the document;
 *     with --update, an input the manifest says is unchanged is not read;
 *  2. the links of every page are computed from the dates, and the
 *     writing pass reads each input again and writes it with its links:
 *     with --update, only the pages that changed or whose links did.
 *
 * Then the indexes (documents, through the same writer), the writer's own
 * files (its write_site hook) and the manifest.  Memory holds the
 * summaries, never the documents.
 *
 * Sharded (doc/archives.md, "Shards"), the same parts run apart: each
 * shard's summary pass into its summary file (SITE_SUMMARIZE); each
 * shard's writing pass, its links planned from every shard's summary
 * (SITE_PAGES); the indexes, files and manifest from them (SITE_MERGE). */
/* qsort_r() */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <herald/herald.h>
#include <jansson.h>

#include "names.h"
#include "shard_set.h"
#include "site.h"

#define MANIFEST_NAME SITE_MANIFEST_NAME
#define MANIFEST_VERSION 1

/* What the manifest says of one page, from the last run. */
typedef struct known_page {
	const char *input;             /* in the parsed JSON */
	json_t *entry;
} known_page;

/* An open file of the writer's (herald_site's open_file). */
typedef struct site_file {
	FILE *stream;
	char *buf;
	size_t len;
	char *path;
	struct site_file *next;
} site_file;

/* A whole site's two passes as one progress, as
 * herald_batch_settings.progress promises (done reaches total once, at
 * the end): the summary pass is its first half, the writing pass its
 * second, with the seconds and bytes of both. */
typedef struct two_passes {
	void (*progress)(size_t done, size_t total, size_t bytes,
	                 double seconds, void *ctx);
	void *ctx;
	int second;              /* the writing pass runs */
	size_t bytes_before;     /* the summary pass's, when it ended */
	double seconds_before;
} two_passes;

typedef struct site_run {
	batch_job *jobs;
	size_t n;
	const site_config *c;
	const batch_settings *settings;
	two_passes *passes;            /* NULL: one pass, its own progress */
	batch_pool *pool;              /* both passes' workers, or NULL */
	/* The site's own files this run wrote or found as they were (its
	 * indexes, the writer's files), below the output folder: the
	 * manifest lists them, so that no walk takes them for inputs. */
	json_t *own_files;
	FILE *spool;                   /* every read page's text */
	long *text_off;                /* per job: its text in the spool, -1 none */
	size_t *text_len;
	unsigned char *unchanged;      /* per job: as the manifest has it */
	size_t *order;                 /* OK jobs by date */
	size_t norder;
	const char *ext;
	char index_name[64];           /* the writer's: index.html, _index.md */
	const char **hrefs;            /* sorted, for index name clashes */
	json_t *manifest;              /* the last run's, or NULL */
	char *abs_out;                 /* the output folder's real path */
	known_page *known;
	size_t nknown;
	site_file *files;
	/* --fsync=batch: the site's files waiting to be committed together
	 * (one syncfs for a group, as for the pages; see batch.c). */
	struct pending_file { char *temp, *final; } *pending;
	size_t npending;
	size_t pending_cap;            /* (grown past SITE_GROUP_FILES when holding) */
	int hold;                      /* --fsync=batch: commit nothing, the
	                                * caller does after the pages (site_early) */
	herald_site site;
	/* --shard page runs and --merge: the shards' summaries, and per
	 * job the shard whose text file holds its text. */
	shard_set *set;
	unsigned long *text_shard;
	size_t spool_at;               /* bytes in the spool */
	int spool_failed;              /* a write to it failed: no more */
	/* The manifest's text so far (manifest_list): its head and the
	 * entries of the first listed_k pages in date order, made as the
	 * writing pass reports them rather than all at its end. */
	herald_buf listing;
	size_t listed_k, listed;       /* pages looked at, entries put */
	int listing_started, listing_failed;
} site_run;

#define SITE_GROUP_FILES 512

/* --- text for search ------------------------------------------------------ */

static int is_text_block(herald_node_type t)
{
	return t == HERALD_NODE_PARAGRAPH || t == HERALD_NODE_TURN ||
	       t == HERALD_NODE_HEADING;
}

static int append(char **buf, size_t *len, size_t *cap, const char *s,
                  size_t n)
{
	if (*len + n + 2 > *cap) {
		size_t c = *cap ? *cap : 1024;
		while (*len + n + 2 > c)
			c *= 2;
		char *g = realloc(*buf, c);
		if (!g)
			return -1;
		*buf = g;
		*cap = c;
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
	return 0;
}

char *site_search_text(const herald_doc *doc)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	herald_walker w;
	int ok = append(&buf, &len, &cap, "", 0) == 0;
	herald_walker_init(&w, herald_doc_root(doc));
	while (ok && herald_walker_next(&w) != HERALD_WALK_DONE) {
		if (w.event != HERALD_WALK_ENTER)
			continue;
		herald_node_type t = herald_node_type_of(w.node);
		const char *title = t == HERALD_NODE_ITEM ? herald_node_title(w.node) : NULL;
		if (title)
			ok = append(&buf, &len, &cap, title, strlen(title)) == 0 &&
			     append(&buf, &len, &cap, "\n", 1) == 0;
		if (!ok || !is_text_block(t))
			continue;
		char *text = herald_node_plain_text(w.node);
		if (!text) {
			ok = 0;
			break;
		}
		for (char *p = text; *p; p++)
			if (*p == '\n')
				*p = ' ';
		ok = append(&buf, &len, &cap, text, strlen(text)) == 0 &&
		     append(&buf, &len, &cap, "\n", 1) == 0;
		free(text);
	}
	if (!ok) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* --- paths and links ---------------------------------------------------------- */

/* rel, a path below the top, as a URL path: each segment
 * percent-encoded (a '#', '?', '%', space or non-ASCII byte stays part
 * of the name), '/' kept between them.  NULL when out of memory. */
static char *url_path(const char *rel)
{
	herald_buf out = HERALD_BUF_INIT;
	for (;;) {
		size_t seg = strcspn(rel, "/");
		herald_escape_url_segment(&out, rel, seg);
		if (rel[seg] == '\0')
			break;
		herald_buf_putc(&out, '/');
		rel += seg + 1;
	}
	if (herald_buf_failed(&out)) {
		herald_buf_free(&out);
		return NULL;
	}
	return herald_buf_take(&out, NULL);
}

/* The link from the page at from (a path below the top) to the path to
 * (below the top too; "" for the top folder itself), with #id when id is
 * not NULL: the folders they share left out, "../" for each folder of
 * from's below them. */
static char *relative_url(const char *from, const char *to, const char *id)
{
	size_t common = 0;
	for (size_t i = 0; from[i] && from[i] == to[i]; i++)
		if (from[i] == '/')
			common = i + 1;
	size_t ups = 0;
	for (const char *p = from + common; *p; p++)
		ups += *p == '/';
	char *path = url_path(to + common), *frag = id ? url_path(id) : NULL;
	size_t len = 3 * ups + (path ? strlen(path) : 0) + (frag ? strlen(frag) : 0) + 4;
	char *url = path && (!id || frag) ? malloc(len) : NULL;
	if (url) {
		url[0] = '\0';
		for (size_t i = 0; i < ups; i++)
			strcat(url, "../");
		strcat(url, path);
		if (!*url)
			strcpy(url, "./");
		if (frag) {
			strcat(url, "#");
			strcat(url, frag);
		}
	}
	free(path);
	free(frag);
	return url;
}

/* The group a date falls in: its month, its year alone, or undated. */
static void date_group(const char *date, char group[16])
{
	if (!date || !herald_date_is_valid(date))
		strcpy(group, "undated");
	else
		snprintf(group, 16, "%.*s", strlen(date) >= 7 ? 7 : 4, date);
}

static const char *valid_date(const batch_job *job)
{
	return job->date && herald_date_is_valid(job->date) ? job->date : NULL;
}

/* The index file of a group: "index.EXT" for the top (group NULL),
 * "2020/index.EXT", "2020/01/index.EXT", "undated/index.EXT". */
static char *index_path(const site_run *sr, const char *group)
{
	char name[96];
	if (group && strcmp(group, "undated") == 0)
		snprintf(name, sizeof(name), "undated/%s", sr->index_name);
	else if (!group)
		snprintf(name, sizeof(name), "%s", sr->index_name);
	else if (strlen(group) == 7)
		snprintf(name, sizeof(name), "%.4s/%.2s/%s", group, group + 5, sr->index_name);
	else
		snprintf(name, sizeof(name), "%s/%s", group, sr->index_name);
	return strdup(name);
}

static const char *label(const char *lang, const char *key)
{
	return herald_lang_label(lang ? herald_lang_find(lang) : NULL, key);
}

/* The order by date: per job, its valid date or "~" (after every date),
 * found once rather than twice a comparison (the sort of 2 000 pages
 * checked dates 21 728 times, on the main thread between the passes). */
typedef struct date_keys {
	const batch_job *jobs;
	const char **key;
} date_keys;

static int compare_by_date(const void *a, const void *b, void *ctx)
{
	const date_keys *k = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(k->key[i], k->key[j]);
	return c ? c : strcmp(k->jobs[i].href, k->jobs[j].href);
}

/* What a page is called in links to it: its date, else its title. */
static const char *page_label(const batch_job *job)
{
	return valid_date(job) ? job->date : job->title ? job->title
	       : label(job->language, "bulletin");
}

static int add_link(batch_job *job, const char *rel, char *url,
                    const char *text)
{
	batch_link *g = realloc(job->links, (job->nlinks + 1) * sizeof(*g));
	if (!g || !url) {
		free(url);
		if (g)
			job->links = g;
		return -1;
	}
	job->links = g;
	batch_link *l = &g[job->nlinks];
	l->rel = strdup(rel);
	l->url = url;
	l->label = strdup(text ? text : "");
	if (!l->rel || !l->label)
		return -1;
	job->nlinks++;
	return 0;
}

/* The breadcrumb of a page or index in group (NULL: the top itself):
 * the top, the year, the month, as far as from is below them. */
static int add_ups(site_run *sr, batch_job *job, const char *from,
                   const char *group, int self_is_group)
{
	char year[8];
	char *top = index_path(sr, NULL);
	int rc = top ? add_link(job, "up", relative_url(from, top, NULL),
	                        label(sr->site.language, "archive")) : -1;
	free(top);
	if (rc || !group || (self_is_group && strlen(group) != 7))
		return rc;
	if (strcmp(group, "undated") != 0) {
		snprintf(year, sizeof(year), "%.4s", group);
		char *y = index_path(sr, year);
		rc = y ? add_link(job, "up", relative_url(from, y, NULL), year) : -1;
		free(y);
		if (rc || self_is_group || strlen(group) == 4)
			return rc;
	} else if (self_is_group) {
		return 0;
	}
	char *m = index_path(sr, group);
	rc = m ? add_link(job, "up", relative_url(from, m, NULL),
	                  strcmp(group, "undated") ? group
	                  : label(sr->site.language, "undated")) : -1;
	free(m);
	return rc;
}

static int add_root(batch_job *job, const char *from)
{
	return add_link(job, "root", relative_url(from, "", NULL), NULL);
}

/* Whether the links job has now are those the manifest recorded. */
static int same_links(const batch_job *job, json_t *known)
{
	json_t *links = json_object_get(known, "links");
	if (!json_is_array(links) || json_array_size(links) != job->nlinks)
		return 0;
	for (size_t i = 0; i < job->nlinks; i++) {
		json_t *l = json_array_get(links, i);
		const char *rel = json_string_value(json_array_get(l, 0));
		const char *url = json_string_value(json_array_get(l, 1));
		const char *lab = json_string_value(json_array_get(l, 2));
		if (!rel || !url || !lab || strcmp(rel, job->links[i].rel) ||
		    strcmp(url, job->links[i].url) || strcmp(lab, job->links[i].label))
			return 0;
	}
	return 1;
}

static json_t *known_entry(const site_run *sr, const char *input);
static char *manifest_input(const site_run *sr, const char *input);
static int put_file(site_run *sr, const char *path, const char *buf,
                    size_t len, herald_diag *diag);

/* The links of the page at k in the order by date: 0, or -1 out of
 * memory.  Reads only the summaries of it and its neighbours. */
static int page_links(site_run *sr, size_t k)
{
	batch_job *job = &sr->jobs[sr->order[k]];
	char group[16];
	date_group(valid_date(job), group);
	int rc = add_ups(sr, job, job->href, group, 0);
	if (rc == 0 && k > 0) {
		const batch_job *p = &sr->jobs[sr->order[k - 1]];
		rc = add_link(job, "prev", relative_url(job->href, p->href, NULL),
		              page_label(p));
	}
	if (rc == 0 && k + 1 < sr->norder) {
		const batch_job *x = &sr->jobs[sr->order[k + 1]];
		rc = add_link(job, "next", relative_url(job->href, x->href, NULL),
		              page_label(x));
	}
	if (rc == 0)
		rc = add_root(job, job->href);
	return rc ? -1 : 0;
}

/* Every page's links, from the order by date; with --update, which
 * unchanged pages must still be written (their links changed).  A page
 * the writing pass writes gets its links there, from its worker
 * (links_later: page_links_now), in parallel: here they were a serial
 * step between the passes. */
static int plan_links(site_run *sr)
{
	for (size_t k = 0; k < sr->norder; k++) {
		batch_job *job = &sr->jobs[sr->order[k]];
		job->order_at = k;
		job->links_later = !job->settled && !sr->unchanged[sr->order[k]];
		if (job->links_later)
			continue;
		if (page_links(sr, k) != 0)
			return -1;
		if (sr->unchanged[sr->order[k]]) {
			char *name = manifest_input(sr, job->input);
			job->skip_write = name && same_links(job, known_entry(sr, name));
			free(name);
		}
	}
	return 0;
}

/* batch_settings.prepare of the writing pass, on the worker. */
static int page_links_now(batch_job *job, herald_diag *diag, void *ctx)
{
	if (!job->links_later)
		return HERALD_OK;
	job->links_later = 0;
	if (page_links(ctx, job->order_at) == 0)
		return HERALD_OK;
	herald_error(diag, "out of memory");
	return HERALD_ENOMEM;
}

/* --- the manifest ------------------------------------------------------------ */

/* An input as the manifest names it: as given, or, when absolute,
 * relative to the output folder (lexically, "../in/2020/x.txt"), so that
 * no path of the converting machine is in a folder one publishes.  The
 * same name on every run for the same way of giving it.  Free it. */
static char *manifest_input(const site_run *sr, const char *input)
{
	if (input[0] != '/' || !sr->abs_out)
		return strdup(input);
	const char *out = sr->abs_out;
	size_t common = 0, i = 0;
	for (; out[i] && out[i] == input[i]; i++)
		if (out[i] == '/')
			common = i + 1;
	const char *rest = out + common;   /* of the folder, below the common part */
	if (out[i] == '\0' && input[i] == '/') {   /* the input is inside it */
		common = i + 1;
		rest = "";
	}
	size_t ups = *rest != '\0';
	for (const char *p = rest; *p; p++)
		ups += *p == '/' && p[1] != '\0';
	size_t len = 3 * ups + strlen(input + common) + 1;
	char *name = malloc(len);
	if (name) {
		name[0] = '\0';
		for (size_t k = 0; k < ups; k++)
			strcat(name, "../");
		strcat(name, input + common);
	}
	return name;
}

/* The signature as the manifest has it: a 64-bit FNV-1a hash of the
 * options' text, in hex, since option values may hold paths of the
 * converting machine (tei:root=/home/...) that a published folder must
 * not show.  Equal text, equal hash; a collision between two runs'
 * options is negligible (1 in 2^64). */
static void signature_hash(const char *sig, char out[17])
{
	uint64_t h = 0xcbf29ce484222325u;
	for (const unsigned char *p = (const unsigned char *)sig; *p; p++)
		h = (h ^ *p) * 0x100000001b3u;
	snprintf(out, 17, "%016" PRIx64, h);
}

static int compare_known(const void *a, const void *b)
{
	return strcmp(((const known_page *)a)->input, ((const known_page *)b)->input);
}

static json_t *known_entry(const site_run *sr, const char *input)
{
	known_page key = { input, NULL };
	known_page *k = sr->nknown ? bsearch(&key, sr->known, sr->nknown,
	                                     sizeof(key), compare_known) : NULL;
	return k ? k->entry : NULL;
}

/* The last run's manifest, when it was made by the same pipeline with the
 * same options (else every page is converted again). */
static void load_manifest(site_run *sr)
{
	char *path = cli_join_path(sr->c->out_dir, MANIFEST_NAME);
	json_error_t err;
	json_t *m = path && access(path, F_OK) == 0 ? json_load_file(path, 0, &err) : NULL;
	herald_diag_set_file(sr->c->diag, path);
	if (path && !m && access(path, F_OK) == 0)
		herald_warning(sr->c->diag, "%d:%d: %s; converting every page again",
		               err.line, err.column, err.text);
	free(path);
	if (!m)
		return;
	json_t *pages = json_object_get(m, "pages");
	core_page_names_from_json(pages);
	const char *sig = json_string_value(json_object_get(m, "signature"));
	char want[17];
	signature_hash(sr->c->signature, want);
	if (json_integer_value(json_object_get(m, "version")) != MANIFEST_VERSION ||
	    !sig || strcmp(sig, want) != 0 || !json_is_array(pages)) {
		json_decref(m);
		return;
	}
	sr->known = calloc(json_array_size(pages) + 1, sizeof(*sr->known));
	for (size_t i = 0; sr->known && i < json_array_size(pages); i++) {
		json_t *e = json_array_get(pages, i);
		const char *input = json_string_value(json_object_get(e, "input"));
		if (input)
			sr->known[sr->nknown++] = (known_page){ input, e };
	}
	qsort(sr->known, sr->nknown, sizeof(*sr->known), compare_known);
	sr->manifest = m;
}

static long long mtime_ns(const struct stat *st)
{
	return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

static char *json_strdup(json_t *v)
{
	const char *s = json_string_value(v);
	return s ? strdup(s) : NULL;
}

/* Whether job's input and output are as the manifest recorded them: the
 * same input (size and modification time), the output still there and
 * not older than herald and its plugins.  Then its summary is taken
 * from the manifest. */
static void summary_from_entry(batch_job *job, json_t *e);

static int take_known(site_run *sr, batch_job *job)
{
	char *name = manifest_input(sr, job->input);
	json_t *e = name ? known_entry(sr, name) : NULL;
	free(name);
	struct stat in, out;
	const char *href = json_string_value(json_object_get(e, "href"));
	if (!e || !href || strcmp(href, job->href) != 0 ||
	    stat(job->input, &in) != 0 || stat(job->output, &out) != 0 ||
	    !S_ISREG(out.st_mode) || out.st_mtime < sr->c->tool_time ||
	    json_integer_value(json_object_get(e, "size")) != (json_int_t)in.st_size ||
	    json_integer_value(json_object_get(e, "mtime_ns")) != mtime_ns(&in))
		return 0;
	summary_from_entry(job, e);
	job->size = (size_t)in.st_size;
	return 1;
}

/* A page's summary as a manifest or a shard summary has it (checked):
 * its items are those with both an id and a title. */
static void summary_from_entry(batch_job *job, json_t *e)
{
	json_t *items = json_object_get(e, "items");
	size_t n = json_array_size(items), k = 0;
	const char **id_title = n ? malloc(2 * n * sizeof(*id_title)) : NULL;
	if (n && !id_title)
		return;
	for (size_t i = 0; i < n; i++) {
		json_t *it = json_array_get(items, i);
		const char *id = json_string_value(json_array_get(it, 0));
		const char *title = json_string_value(json_array_get(it, 1));
		if (id && title) {
			id_title[k++] = id;
			id_title[k++] = title;
		}
	}
	batch_job_set_summary(job, json_string_value(json_object_get(e, "date")),
	                      json_string_value(json_object_get(e, "title")),
	                      json_string_value(json_object_get(e, "language")),
	                      id_title, k / 2);
	free(id_title);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *page_entry(const site_run *sr, const batch_job *job)
{
	struct stat in;
	char *name = manifest_input(sr, job->input);
	if (!name)
		return NULL;
	json_t *items = json_array(), *links = json_array();
	for (size_t i = 0; i < job->nitems; i++)
		json_array_append_new(items, json_pack("[ss]", job->items[i].id,
		                                       job->items[i].title));
	for (size_t i = 0; i < job->nlinks; i++)
		json_array_append_new(links, json_pack("[sss]", job->links[i].rel,
		                                       job->links[i].url,
		                                       job->links[i].label));
	int have = stat(job->input, &in) == 0;
	json_t *e = json_pack("{s:o, s:o, s:I, s:I, s:o, s:o, s:o, s:o, s:o}",
	                 "input", core_name_json(name), "href", core_name_json(job->href),
	                 "size", (json_int_t)(have ? in.st_size : -1),
	                 "mtime_ns", (json_int_t)(have ? mtime_ns(&in) : -1),
	                 "date", str_or_null(job->date),
	                 "title", str_or_null(job->title),
	                 "language", str_or_null(job->language),
	                 "items", items, "links", links);
	free(name);
	return e;
}

#define MANIFEST_DUMP (JSON_INDENT(1) | JSON_ENSURE_ASCII)

/* A page's manifest entry as text, indented as an element of the
 * manifest's "pages" (depth 2: two more spaces after each line break;
 * JSON strings hold none).  NULL when out of memory. */
static char *page_entry_text(const site_run *sr, const batch_job *job)
{
	json_t *e = page_entry(sr, job);
	char *flat = e ? json_dumps(e, MANIFEST_DUMP) : NULL;
	json_decref(e);
	if (!flat)
		return NULL;
	herald_buf out = HERALD_BUF_INIT;
	for (const char *p = flat, *nl; *p; p = nl + 1) {
		if (!(nl = strchr(p, '\n'))) {
			herald_buf_puts(&out, p);
			break;
		}
		herald_buf_append(&out, p, (size_t)(nl - p));
		herald_buf_puts(&out, "\n  ");
	}
	free(flat);
	if (herald_buf_failed(&out)) {
		herald_buf_free(&out);
		return NULL;
	}
	return herald_buf_take(&out, NULL);
}

/* batch_settings.written of the writing pass, on the worker: the
 * page's manifest entry made there, in parallel (a tree of every page
 * built, dumped and freed on the main thread at the end was a tenth of
 * a run of 2 000 bulletins).  NULL when out of memory: save_manifest
 * makes it again. */
static void page_written(batch_job *job, void *ctx)
{
	free(job->manifest_entry);
	job->manifest_entry = page_entry_text(ctx, job);
	/* The links are in the page and its entry: freed here, in parallel,
	 * rather than on the main thread at the end with everything else
	 * (a third of the run's last frees).  Without the entry,
	 * manifest_text makes it again from them. */
	if (job->manifest_entry)
		batch_job_free_links(job);
}

/* The manifest's head into sr->listing: jansson's dump of it with an
 * empty "pages", up to that array's "[". */
static void manifest_begin(site_run *sr)
{
	char sig[17];
	sr->listing_started = 1;
	sr->listing = (herald_buf)HERALD_BUF_INIT;
	signature_hash(sr->c->signature, sig);
	json_t *m = json_pack("{s:s, s:i, s:s, s:s, s:s, s:[]}",
	                      "format", "herald-site-manifest",
	                      "version", MANIFEST_VERSION,
	                      "herald", herald_version(),
	                      "signature", sig,
	                      "language", sr->site.language ? sr->site.language : "und",
	                      "pages");
	char *head = m ? json_dumps(m, MANIFEST_DUMP) : NULL;
	json_decref(m);
	/* ("pages" is the last member: the dump ends in its "[]\n}") */
	size_t len = head ? strlen(head) : 0;
	if (!head || len < 4 || strcmp(head + len - 4, "[]\n}") != 0)
		sr->listing_failed = 1;
	else
		herald_buf_append(&sr->listing, head, len - 3);   /* up to its "[" */
	free(head);
}

/* The entries of the pages in date order (page_entry_text), as jansson
 * would dump them in "pages", put in sr->listing while the page at the
 * next place is among the first reported jobs (all of them: the
 * manifest's end).  A page not read by this run gets its entry now. */
static void manifest_list(site_run *sr, size_t reported)
{
	if (!sr->listing_started)
		manifest_begin(sr);
	for (; !sr->listing_failed && sr->listed_k < sr->norder &&
	       sr->order[sr->listed_k] < reported; sr->listed_k++) {
		batch_job *job = &sr->jobs[sr->order[sr->listed_k]];
		if (job->status != HERALD_OK)
			continue;
		if (!job->manifest_entry)   /* (not written by this run) */
			job->manifest_entry = page_entry_text(sr, job);
		sr->listing_failed = job->manifest_entry == NULL;
		herald_buf_puts(&sr->listing, sr->listed++ ? ",\n  " : "\n  ");
		herald_buf_puts(&sr->listing, job->manifest_entry ? job->manifest_entry : "");
		free(job->manifest_entry);
		job->manifest_entry = NULL;
	}
}

static int compare_str_ptr(const void *a, const void *b);

/* The name a manifest's "files" entry stands for (core_name_json's
 * form), or NULL; *made, when set, holds it and is the caller's to drop. */
static const char *file_entry_name(json_t *v, json_t **made)
{
	*made = core_name_from_json(v);
	return json_string_value(*made ? *made : v);
}

/* That name put in names[*n] when there is room; bytes keeps what it is
 * made of alive until the caller drops it. */
static void take_name(json_t *v, const char **names, size_t *n, size_t cap,
                      json_t *bytes)
{
	json_t *made;
	const char *name = file_entry_name(v, &made);
	if (made)
		json_array_append_new(bytes, made);
	if (name && *n < cap)
		names[(*n)++] = name;
}

/* The site's own files for the manifest, sorted, once each: those this
 * run wrote or found as they were, and, with --update, those the last
 * manifest listed that are still there (a run that rewrites nothing
 * leaves most of the writer's files alone, and they are still the
 * site's).  NULL when there are none (or no memory). */
static json_t *site_files_listed(site_run *sr)
{
	json_t *before = json_object_get(sr->manifest, "files");
	size_t cap = json_array_size(sr->own_files) + json_array_size(before), n = 0;
	if (cap == 0)
		return NULL;
	const char **names = calloc(cap, sizeof(*names));
	json_t *bytes = json_array(), *v, *out = json_array();
	size_t i;
	if (!names || !bytes || !out) {
		free(names);
		json_decref(bytes);
		json_decref(out);
		return NULL;
	}
	json_array_foreach(sr->own_files, i, v)
		take_name(v, names, &n, cap, bytes);
	size_t mine = n;
	json_array_foreach(before, i, v)
		take_name(v, names, &n, cap, bytes);
	/* (the last run's: only those that are still there) */
	size_t kept = mine;
	for (size_t k = mine; k < n; k++) {
		char *path = cli_join_path(sr->c->out_dir, names[k]);
		struct stat st;
		if (path && stat(path, &st) == 0 && S_ISREG(st.st_mode))
			names[kept++] = names[k];
		free(path);
	}
	qsort(names, kept, sizeof(*names), compare_str_ptr);
	for (size_t k = 0; k < kept; k++)
		if (k == 0 || strcmp(names[k], names[k - 1]) != 0)
			json_array_append_new(out, core_name_json(names[k]));
	free(names);
	json_decref(bytes);
	return out;
}

/* The manifest's text: its head, every page's entry, its end.  NULL when
 * out of memory. */
static char *manifest_text(site_run *sr)
{
	manifest_list(sr, sr->n);
	herald_buf_puts(&sr->listing, sr->listed ? "\n ]" : "]");
	/* then "files": the site's own, as jansson dumps them */
	json_t *all = site_files_listed(sr);
	char *files = all ? json_dumps(all, MANIFEST_DUMP) : NULL;
	if (all && !files)
		sr->listing_failed = 1;
	json_decref(all);
	if (files) {
		herald_buf_puts(&sr->listing, ",\n \"files\": ");
		herald_buf_puts(&sr->listing, files);
		free(files);
	}
	herald_buf_puts(&sr->listing, "\n}\n");
	if (sr->listing_failed || herald_buf_failed(&sr->listing))
		return NULL;
	return herald_buf_take(&sr->listing, NULL);
}

/* batch_settings.done of a whole site's writing pass: the run's report,
 * then the manifest's entries that can be made now, on the main thread
 * while the workers go on (made at the end, they were a part of the
 * run's serial tail). */
static void page_reported(batch_job *job, void *ctx)
{
	site_run *sr = ctx;
	if (sr->settings->done)
		sr->settings->done(job, sr->settings->ctx);
	manifest_list(sr, (size_t)(job - sr->jobs) + 1);
}

/* The manifest of this run: its pages in date order, each with what the
 * next run needs to leave it alone (doc/archives.md). */
static void save_manifest(site_run *sr)
{
	char *text = manifest_text(sr);
	char *path = cli_join_path(sr->c->out_dir, MANIFEST_NAME);
	herald_diag_set_file(sr->c->diag, path);
	int rc = text && path ? HERALD_OK : HERALD_ENOMEM;
	if (rc == HERALD_OK)   /* (the file ends in a newline) */
		rc = put_file(sr, path, text, strlen(text), sr->c->diag);
	if (rc != HERALD_OK)
		++*sr->c->failures;
	free(path);
	free(text);
}

/* batch_settings.progress of either pass, mapped onto the one line. */
static void pass_progress(size_t done, size_t total, size_t bytes,
                          double seconds, void *ctx)
{
	two_passes *tp = ctx;
	if (!tp->second && done == total) {
		tp->bytes_before = bytes;
		tp->seconds_before = seconds;
	}
	tp->progress(tp->second ? (total + done) / 2 : done / 2, total,
	             tp->bytes_before * tp->second + bytes,
	             tp->seconds_before * tp->second + seconds, tp->ctx);
}

/* s's progress through sr->passes, when a pass of two. */
static void through_passes(site_run *sr, batch_settings *s, int second)
{
	if (!sr->passes || !s->progress)
		return;
	sr->passes->second = second;
	s->progress = pass_progress;
	s->progress_ctx = sr->passes;
}

/* --- the summary pass ------------------------------------------------------------ */

/* Each read page's text goes to the spool, in input order; then the
 * caller's report. */
static void summary_done(batch_job *job, void *ctx)
{
	site_run *sr = ctx;
	size_t i = (size_t)(job - sr->jobs);
	if (job->text && sr->spool && !sr->spool_failed) {
		/* (counted, not ftell'd: a --summarize spool is an atomic
		 * output's stream, which cannot tell its position) */
		sr->text_len[i] = strlen(job->text);
		if (fwrite(job->text, 1, sr->text_len[i], sr->spool) == sr->text_len[i]) {
			sr->text_off[i] = (long)sr->spool_at;
			sr->spool_at += sr->text_len[i];
		} else {
			sr->spool_failed = 1;   /* the rest is read again when needed */
		}
	}
	/* (job->text is freed by batch_run, on the thread that made it) */
	if (sr->c->step == SITE_SUMMARIZE)
		job->summary_pass = 0;   /* no writing pass to report it after */
	if (sr->settings->done)
		sr->settings->done(job, sr->settings->ctx);
}

/* What the documents kept between the passes may hold, estimated from
 * their inputs' sizes (a model takes a few times its input): within it
 * the writing pass does not read them again.  A fixed budget, so that
 * memory stays flat however large the archive. */
#define KEEP_BUDGET ((off_t)256 << 20)
#define MODEL_PER_INPUT_BYTE 8

static int summary_pass(site_run *sr)
{
	off_t kept = 0;
	for (size_t i = 0; i < sr->n; i++) {
		sr->text_off[i] = -1;
		batch_job *job = &sr->jobs[i];
		struct stat st;
		if (sr->c->step == SITE_WHOLE && !job->walked &&
		    stat(job->input, &st) == 0) {
			job->in_size = st.st_size;
			job->in_regular = S_ISREG(st.st_mode);
		}
		if (sr->c->step == SITE_WHOLE && job->in_regular &&
		    kept + job->in_size * MODEL_PER_INPUT_BYTE <= KEEP_BUDGET) {
			job->keep_doc = 1;
			kept += job->in_size * MODEL_PER_INPUT_BYTE;
		}
		if (sr->manifest && job->output && take_known(sr, job)) {
			sr->unchanged[i] = 1;
			job->settled = 1;
			job->status = HERALD_OK;
		}
	}
	batch_settings s = *sr->settings;
	s.pool = sr->pool;
	s.summary_only = 1;
	s.want_summary = 1;
	s.done = summary_done;
	s.ctx = sr;
	through_passes(sr, &s, 0);
	return batch_run(sr->jobs, sr->n, &s);
}

/* --- the site object the writer's hook gets ----------------------------------------- */

static char *read_text_again(const site_run *sr, batch_job *job,
                             herald_diag *diag)
{
	unsigned char *data = NULL;
	size_t size = 0;
	herald_doc *doc = NULL;
	char *text = NULL;
	herald_diag_set_file(diag, job->input);
	int rc = herald_input_read_file(job->input, &data, &size, diag);
	if (rc == HERALD_OK) {
		herald_input in = { job->input, data, size };
		rc = herald_pipeline_read(job->pipe, &in, &doc, diag);
	}
	free(data);
	if (rc == HERALD_OK)
		text = site_search_text(doc);
	herald_doc_free(doc);
	(void)sr;
	return text;
}

static char *page_text(const herald_site *site, size_t i, herald_diag *diag)
{
	site_run *sr = site->ctx;
	if (i >= sr->norder)
		return NULL;
	size_t j = sr->order[i];
	if (sr->set && sr->text_off[j] >= 0)
		return shard_set_text(sr->set, sr->text_shard[j], sr->text_off[j],
		                      sr->text_len[j], diag);
	if (sr->text_off[j] < 0 || !sr->spool)
		return read_text_again(sr, &sr->jobs[j], diag);
	char *text = malloc(sr->text_len[j] + 1);
	if (!text || fseek(sr->spool, sr->text_off[j], SEEK_SET) != 0 ||
	    fread(text, 1, sr->text_len[j], sr->spool) != sr->text_len[j]) {
		free(text);
		herald_error(diag, "cannot read back the text spool: %s", strerror(errno));
		return NULL;
	}
	text[sr->text_len[j]] = '\0';
	return text;
}

static int safe_name(const char *name)
{
	if (!*name || *name == '/' || strstr(name, "//"))
		return 0;
	for (const char *p = name; *p; p = strchr(p, '/') ? strchr(p, '/') + 1 : p + strlen(p))
		if (strncmp(p, "..", 2) == 0 && (p[2] == '/' || p[2] == '\0'))
			return 0;
	return 1;
}

static FILE *open_file(const herald_site *site, const char *name,
                       herald_diag *diag)
{
	site_run *sr = site->ctx;
	if (!safe_name(name)) {
		herald_error(diag, "'%s': not a file name below the site", name);
		return NULL;
	}
	site_file *f = calloc(1, sizeof(*f));
	if (f && (f->path = cli_join_path(sr->c->out_dir, name)) &&
	    (f->stream = open_memstream(&f->buf, &f->len))) {
		f->next = sr->files;
		sr->files = f;
		return f->stream;
	}
	if (f)
		free(f->path);
	free(f);
	herald_error(diag, "out of memory");
	return NULL;
}

/* Whether path holds exactly buf[0..len). */
static int same_content(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char chunk[65536];
	size_t at = 0, got;
	int same = 1;
	while (same && (got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		same = at + got <= len && memcmp(chunk, buf + at, got) == 0;
		at += got;
	}
	same = same && !ferror(f) && at == len;
	fclose(f);
	return same;
}

/* Commit the files waiting (--fsync=batch): synced together, renamed,
 * their folders synced; a file that could not be is said and counted. */
static int commit_pending(site_run *sr)
{
	if (sr->npending == 0)
		return HERALD_OK;
	cli_pending *items = calloc(sr->npending, sizeof(*items));
	int rc = items ? HERALD_OK : HERALD_ENOMEM;
	for (size_t i = 0; items && i < sr->npending; i++)
		items[i] = (cli_pending){ .temp_path = sr->pending[i].temp,
		                          .final_path = sr->pending[i].final };
	char *bad = NULL;
	int err = items ? cli_commit_group(items, sr->npending, sr->c->out_dir, &bad) : 0;
	for (size_t i = 0; i < sr->npending; i++) {
		int e = items ? items[i].error : ENOMEM;
		if (e || err) {
			herald_diag_set_file(sr->c->diag, sr->pending[i].final);
			herald_error(sr->c->diag, "cannot write: %s", strerror(e ? e : err));
			++*sr->c->failures;
			rc = HERALD_EIO;
			if (items == NULL)
				unlink(sr->pending[i].temp);
		}
		free(sr->pending[i].temp);
		free(sr->pending[i].final);
	}
	free(bad);
	free(items);
	sr->npending = 0;
	return rc;
}

/* Record path, one of the site's own files (put_file's callers run one
 * at a time: the main thread, or the indexes' thread while the main
 * thread only reports pages).  Kept as its bytes (never dumped as they
 * are: site_files_listed makes the manifest's form of each). */
static void own_file(site_run *sr, const char *path)
{
	size_t top = strlen(sr->c->out_dir);
	const char *rel = path + top + 1;
	if (strncmp(path, sr->c->out_dir, top) != 0 || path[top] != '/' ||
	    strcmp(rel, MANIFEST_NAME) == 0)
		return;
	if (!sr->own_files)
		sr->own_files = json_array();
	if (json_array_append_new(sr->own_files,
	                          json_stringn_nocheck(rel, strlen(rel))) != 0)
		sr->listing_failed = 1;
}

/* buf[0..len) to path, atomically, unless it is there already. */
static int put_file(site_run *sr, const char *path, const char *buf,
                    size_t len, herald_diag *diag)
{
	own_file(sr, path);
	if (same_content(path, buf, len))
		return HERALD_OK;
	cli_atomic out;
	herald_diag_set_file(diag, path);
	int rc = cli_atomic_open(&out, path, sr->c->fsync_mode, diag);
	if (rc != HERALD_OK)
		return rc;
	if (len && fwrite(buf, 1, len, out.stream) != len) {
		cli_atomic_abort(&out);
		herald_error(diag, "cannot write: %s", strerror(errno));
		return HERALD_EIO;
	}
	if (sr->c->fsync_mode != HERALD_FSYNC_BATCH)
		return cli_atomic_commit(&out, diag);
	if (sr->npending == SITE_GROUP_FILES && !sr->hold &&
	    commit_pending(sr) != HERALD_OK)
		rc = HERALD_EIO;
	if (sr->npending == sr->pending_cap) {
		size_t cap = sr->pending_cap ? 2 * sr->pending_cap : SITE_GROUP_FILES;
		struct pending_file *g = realloc(sr->pending, cap * sizeof(*g));
		if (!g) {
			cli_atomic_abort(&out);
			herald_error(diag, "out of memory");
			return HERALD_ENOMEM;
		}
		sr->pending = g;
		sr->pending_cap = cap;
	}
	struct pending_file *p = &sr->pending[sr->npending];
	int closed = cli_atomic_close(&out, &p->temp, &p->final, diag);
	if (closed != HERALD_OK)
		return closed;
	if (p->temp)
		sr->npending++;
	else
		free(p->final);   /* written through: nothing to rename */
	return rc;
}

static int close_file(const herald_site *site, FILE *file, int ok,
                      herald_diag *diag)
{
	site_run *sr = site->ctx;
	site_file **at = &sr->files;
	while (*at && (*at)->stream != file)
		at = &(*at)->next;
	site_file *f = *at;
	if (!f)
		return HERALD_EUSAGE;
	*at = f->next;
	int rc = fclose(f->stream) == 0 ? HERALD_OK : HERALD_ENOMEM;
	if (rc == HERALD_OK && ok)
		rc = put_file(sr, f->path, f->buf, f->len, diag);
	free(f->buf);
	free(f->path);
	free(f);
	return rc;
}

/* The site's language: its pages' commonest (each run of equal tags in
 * date order counted; an archive has one or a few). */
static const char *commonest_language(const site_run *sr)
{
	const char *best = NULL;
	size_t best_n = 0;
	for (size_t k = 0; k < sr->norder && k < 4096; k++) {
		const char *l = sr->jobs[sr->order[k]].language;
		if (!l)
			continue;
		size_t n = 0;
		for (size_t j = 0; j < sr->norder && j < 4096; j += 1 + (sr->norder > 4096))
			n += sr->jobs[sr->order[j]].language &&
			     strcmp(sr->jobs[sr->order[j]].language, l) == 0;
		if (n > best_n)
			best = l, best_n = n;
		if (best_n > sr->norder / 2)
			break;
	}
	return best;
}

static int make_site(site_run *sr, herald_site_page **pages_out,
                     herald_site_item **items_out, char (**groups_out)[16],
                     char ***urls_out)
{
	size_t nitems = 0;
	for (size_t k = 0; k < sr->norder; k++)
		nitems += sr->jobs[sr->order[k]].nitems;
	herald_site_page *pages = calloc(sr->norder + 1, sizeof(*pages));
	herald_site_item *items = calloc(nitems + 1, sizeof(*items));
	char (*groups)[16] = calloc(sr->norder + 1, sizeof(*groups));
	char **urls = calloc(sr->norder + 1, sizeof(*urls));
	*urls_out = urls;
	*pages_out = pages;
	*items_out = items;
	*groups_out = groups;
	if (!pages || !items || !groups || !urls)
		return -1;
	size_t at = 0;
	for (size_t k = 0; k < sr->norder; k++) {
		batch_job *job = &sr->jobs[sr->order[k]];
		herald_site_page *p = &pages[k];
		date_group(valid_date(job), groups[k]);
		p->url = urls[k] = url_path(job->href);
		if (!p->url)
			return -1;
		p->date = valid_date(job);
		p->title = job->title;
		p->language = job->language;
		p->group = groups[k];
		p->items = items + at;
		for (size_t i = 0; i < job->nitems; i++)
			items[at++] = (herald_site_item){ job->items[i].id, job->items[i].title };
		p->nitems = job->nitems;
		p->changed = !job->skip_write;
	}
	sr->site.pages = pages;
	sr->site.npages = sr->norder;
	return 0;
}

static void write_site_files(site_run *sr)
{
	const herald_plugin *w = herald_pipeline_writer(sr->c->index_pipe);
	if (!w->write_site)
		return;
	herald_site_page *pages;
	herald_site_item *items;
	char (*groups)[16];
	char **urls;
	herald_diag_set_file(sr->c->diag, sr->c->out_dir);
	if (make_site(sr, &pages, &items, &groups, &urls) != 0 ||
	    herald_pipeline_write_site(sr->c->index_pipe, &sr->site, sr->c->diag)
	    != HERALD_OK)
		++*sr->c->failures;
	while (sr->files)   /* the writer forgot some: dropped */
		close_file(&sr->site, sr->files->stream, 0, sr->c->diag);
	for (size_t k = 0; urls && k < sr->norder; k++)
		free(urls[k]);
	free(urls);
	free(pages);
	free(items);
	free(groups);
}

/* --- the indexes ------------------------------------------------------------------ */

static herald_node *link_paragraph(herald_doc *doc, const char *url,
                                   const char *text)
{
	herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
	herald_node *a = herald_node_new(doc, HERALD_NODE_LINK);
	herald_node *t = herald_node_new_text(doc, text, strlen(text));
	if (!p || !a || !t || herald_node_set_url(a, url) ||
	    herald_node_append_child(a, t) || herald_node_append_child(p, a))
		return NULL;
	return p;
}

/* A list of links, one entry each, under parent. */
static herald_node *new_list(herald_doc *doc, herald_node *parent)
{
	herald_node *l = herald_node_new(doc, HERALD_NODE_LIST);
	return l && herald_node_append_child(parent, l) == 0 ? l : NULL;
}

static int list_link(herald_doc *doc, herald_node *list, char *url,
                     const char *text)
{
	herald_node *e = herald_node_new(doc, HERALD_NODE_LIST_ITEM);
	herald_node *p = url ? link_paragraph(doc, url, text) : NULL;
	free(url);
	return e && p && herald_node_append_child(e, p) == 0 &&
	       herald_node_append_child(list, e) == 0 ? 0 : -1;
}

static herald_node *new_entry(herald_doc *doc, const char *title)
{
	herald_node *item = herald_node_new(doc, HERALD_NODE_ITEM);
	if (!item || herald_node_set_title(item, title) ||
	    herald_node_append_child(herald_doc_root(doc), item))
		return NULL;
	return item;
}

/* One index document under construction. */
typedef struct index_doc {
	herald_doc *doc;
	char *path;                /* below the top */
	char group[16];            /* "" for the top */
	size_t count;
} index_doc;

static int index_begin(site_run *sr, index_doc *ix, const char *group)
{
	memset(ix, 0, sizeof(*ix));
	snprintf(ix->group, sizeof(ix->group), "%s", group ? group : "");
	ix->doc = herald_doc_new();
	ix->path = index_path(sr, group);
	/* (lang on every page: "und", undetermined, when no page has one) */
	const char *lang = sr->site.language ? sr->site.language : "und";
	const char *title = !group ? label(lang, "archive")
	                    : strcmp(group, "undated") == 0 ? label(lang, "undated")
	                    : group;
	if (!ix->doc || !ix->path || herald_doc_set_meta(ix->doc, HERALD_META_TITLE, title) ||
	    herald_doc_set_meta(ix->doc, HERALD_META_LANGUAGE, lang) ||
	    (group && herald_date_is_valid(group) &&
	     (herald_doc_set_meta(ix->doc, HERALD_META_DATE, group) ||
	      /* (its title is its date: shown once, as the date) */
	      herald_doc_set_meta(ix->doc, HERALD_META_DATELINE, group))))
		return -1;
	/* its breadcrumb, as a page's */
	batch_job links = { 0 };
	int rc = 0;
	if (group)
		rc = add_ups(sr, &links, ix->path, group, 1);
	if (rc == 0)
		rc = add_root(&links, ix->path);
	for (size_t i = 0; rc == 0 && i < links.nlinks; i++)
		rc = herald_doc_add_link(ix->doc, links.links[i].rel,
		                         links.links[i].url, links.links[i].label);
	batch_job_clear(&links);
	return rc;
}

static int compare_str_ptr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Write an index and free it; an input's own output of that name wins. */
static void index_end(site_run *sr, index_doc *ix, int ok)
{
	herald_diag *diag = sr->c->diag;
	char *full = ix->path ? cli_join_path(sr->c->out_dir, ix->path) : NULL;
	herald_diag_set_file(diag, full);
	const char *key = ix->path;
	const char **clash = key && sr->hrefs ? bsearch(&key, sr->hrefs, sr->norder,
	                                       sizeof(*sr->hrefs), compare_str_ptr) : NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = NULL;
	if (clash) {
		/* (the input whose output it is: a rare case, looked up) */
		const char *input = NULL;
		for (size_t i = 0; !input && i < sr->n; i++)
			if (sr->jobs[i].href == *clash)
				input = sr->jobs[i].input;
		char q[HERALD_QUOTE_SIZE];
		herald_warning(diag, "not written: %s takes its name",
		               input ? herald_diag_quote(input, q, sizeof(q))
		                     : "a converted input");
	} else if (!ok || !full || !(mem = open_memstream(&buf, &len)) ||
	           herald_pipeline_write(sr->c->index_pipe, ix->doc, mem, diag) != HERALD_OK ||
	           fclose(mem) != 0 || (mem = NULL, put_file(sr, full, buf, len, diag) != HERALD_OK)) {
		if (mem)
			fclose(mem);
		++*sr->c->failures;
	}
	free(buf);
	free(full);
	free(ix->path);
	herald_doc_free(ix->doc);
	memset(ix, 0, sizeof(*ix));
}

static char *count_label(const char *lang, size_t n)
{
	char *s = malloc(64);
	if (s)
		snprintf(s, 64, "%zu %s", n,
		         label(lang, n == 1 ? "count-bulletin" : "count-bulletins"));
	return s;
}

/* A bulletin in its month's index: an entry titled with its date, a
 * link to its page by its title, and a list of its titled items. */
static int month_entry(site_run *sr, index_doc *ix, const batch_job *job)
{
	const char *date = valid_date(job);
	herald_node *item = new_entry(ix->doc, date ? date : page_label(job));
	char *url = item ? relative_url(ix->path, job->href, NULL) : NULL;
	const char *text = job->title && (!date || strcmp(job->title, date))
	                   ? job->title : label(job->language, "bulletin");
	herald_node *p = url ? link_paragraph(ix->doc, url, text) : NULL;
	free(url);
	if (!p || herald_node_append_child(item, p))
		return -1;
	herald_node *list = job->nitems ? new_list(ix->doc, item) : NULL;
	if (job->nitems && !list)
		return -1;
	for (size_t i = 0; i < job->nitems; i++)
		if (list_link(ix->doc, list, relative_url(ix->path, job->href, job->items[i].id),
		              job->items[i].title))
			return -1;
	(void)sr;
	return 0;
}

/* A group's entry in the index above it: titled by the group, a link
 * to its index with its count. */
static int group_entry(site_run *sr, index_doc *above, const char *group,
                       size_t count, herald_node **list_out)
{
	const char *lang = sr->site.language;
	herald_node *item = new_entry(above->doc, strcmp(group, "undated")
	                              ? group : label(lang, "undated"));
	char *path = index_path(sr, group);
	char *url = item && path ? relative_url(above->path, path, NULL) : NULL;
	char *text = count_label(lang, count);
	herald_node *p = url && text ? link_paragraph(above->doc, url, text) : NULL;
	free(path);
	free(url);
	free(text);
	if (!p || herald_node_append_child(item, p))
		return -1;
	if (list_out && !(*list_out = new_list(above->doc, item)))
		return -1;
	return 0;
}

/* Top, year and month indexes in one walk over the pages by date: a
 * month's index is written when the month ends, a year's when the year
 * does, so only one of each is in memory. */
static void write_indexes(site_run *sr)
{
	index_doc top, year, month;
	int ok = index_begin(sr, &top, NULL) == 0;
	memset(&year, 0, sizeof(year));
	memset(&month, 0, sizeof(month));
	herald_node *days = NULL;
	size_t year_count = 0;
	for (size_t k = 0; k <= sr->norder; k++) {
		const batch_job *job = k < sr->norder ? &sr->jobs[sr->order[k]] : NULL;
		char group[16] = "", y[8] = "";
		if (job)
			date_group(valid_date(job), group);
		if (job && strcmp(group, "undated") != 0)
			snprintf(y, sizeof(y), "%.4s", group);
		if (month.doc && (!job || strcmp(month.group, group) != 0)) {
			if (year.doc && strlen(month.group) == 7)
				ok = ok && group_entry(sr, &year, month.group, month.count, &days) == 0;
			if (year.doc && strlen(month.group) == 7)
				for (size_t j = k - month.count; ok && j < k; j++) {
					const batch_job *d = &sr->jobs[sr->order[j]];
					ok = list_link(year.doc, days, relative_url(year.path, d->href, NULL),
					               page_label(d)) == 0;
				}
			if (strcmp(month.group, "undated") == 0)
				ok = ok && group_entry(sr, &top, "undated", month.count, NULL) == 0;
			index_end(sr, &month, ok);
		}
		if (year.doc && (!job || strcmp(year.group, y) != 0)) {
			ok = ok && group_entry(sr, &top, year.group, year_count, NULL) == 0;
			index_end(sr, &year, ok);
		}
		if (!job)
			break;
		if (*y && !year.doc) {
			ok = ok && index_begin(sr, &year, y) == 0;
			year_count = 0;
		}
		year_count += *y != '\0';
		if (strlen(group) == 4) {        /* a year alone: listed in it */
			ok = ok && month_entry(sr, &year, job) == 0;
			continue;
		}
		if (!month.doc)
			ok = ok && index_begin(sr, &month, group) == 0;
		month.count++;
		ok = ok && month_entry(sr, &month, job) == 0;
	}
	if (month.doc)
		index_end(sr, &month, ok);
	if (year.doc)
		index_end(sr, &year, ok);
	index_end(sr, &top, ok);
}

/* --- a run's state ------------------------------------------------------------------- */

static void site_run_free(site_run *sr)
{
	if (sr->spool)
		fclose(sr->spool);
	json_decref(sr->manifest);
	json_decref(sr->own_files);
	free(sr->known);
	free(sr->text_off);
	free(sr->text_len);
	free(sr->text_shard);
	free(sr->unchanged);
	free(sr->order);
	free(sr->hrefs);
	free(sr->pending);
	free(sr->abs_out);
	if (sr->listing_started)
		herald_buf_free(&sr->listing);
}

/* 0, or -1 after saying "out of memory" (and counting it). */
static int site_run_init(site_run *sr, batch_job *jobs, size_t n,
                         const batch_settings *settings,
                         const site_config *config)
{
	const herald_plugin *w = herald_pipeline_writer(config->index_pipe);
	*sr = (site_run){
		.jobs = jobs, .n = n, .c = config, .settings = settings,
		.ext = w->output_extension ? w->output_extension : "out",
		.text_off = calloc(n + 1, sizeof(long)),
		.text_len = calloc(n + 1, sizeof(size_t)),
		.text_shard = calloc(n + 1, sizeof(unsigned long)),
		.unchanged = calloc(n + 1, 1),
		.order = calloc(n + 1, sizeof(size_t)),
		.hrefs = calloc(n + 1, sizeof(char *)),
		.abs_out = realpath(config->out_dir, NULL),
	};
	if (herald_pipeline_index_name(config->index_pipe, sr->index_name,
	                               sizeof(sr->index_name)) != HERALD_OK)
		snprintf(sr->index_name, sizeof(sr->index_name), "index.%s", sr->ext);
	sr->site.ctx = sr;
	sr->site.page_text = page_text;
	sr->site.open_file = open_file;
	sr->site.close_file = close_file;
	for (size_t i = 0; sr->text_off && i < n; i++)
		sr->text_off[i] = -1;
	if (sr->text_off && sr->text_len && sr->text_shard && sr->unchanged &&
	    sr->order && sr->hrefs)
		return 0;
	herald_diag_set_file(config->diag, NULL);
	herald_error(config->diag, "out of memory");
	++*config->failures;
	return -1;
}

/* The pages in input order (the manifest of a writer without a site;
 * a site's sorts them). */
static void order_inputs(site_run *sr)
{
	sr->norder = 0;
	for (size_t i = 0; i < sr->n; i++)
		if (sr->jobs[i].status == HERALD_OK && sr->jobs[i].href)
			sr->order[sr->norder++] = i;
}

/* --- the manifest of an output folder of any writer ---------------------------------------- */

int site_manifest_matches(const char *out_dir, const char *signature)
{
	char *path = cli_join_path(out_dir, MANIFEST_NAME);
	json_t *m = path ? json_load_file(path, 0, NULL) : NULL;
	const char *sig = json_string_value(json_object_get(m, "signature"));
	char want[17];
	signature_hash(signature, want);
	int same = sig && json_integer_value(json_object_get(m, "version")) ==
	           MANIFEST_VERSION && strcmp(sig, want) == 0;
	json_decref(m);
	free(path);
	return same;
}

void site_manifest_outputs(const char *out_dir,
                           void (*fn)(const char *rel, void *ctx), void *ctx)
{
	char *path = cli_join_path(out_dir, MANIFEST_NAME);
	json_t *m = path ? json_load_file(path, 0, NULL) : NULL;
	free(path);
	if (!json_is_object(m) || !json_is_array(json_object_get(m, "pages"))) {
		json_decref(m);
		return;
	}
	json_t *pages = json_object_get(m, "pages"), *page, *file;
	size_t i;
	core_page_names_from_json(pages);
	json_array_foreach(pages, i, page) {
		const char *href = json_string_value(json_object_get(page, "href"));
		if (href)
			fn(href, ctx);
	}
	json_array_foreach(json_object_get(m, "files"), i, file) {
		json_t *bytes;
		const char *rel = file_entry_name(file, &bytes);
		if (rel)
			fn(rel, ctx);
		json_decref(bytes);
	}
	json_decref(m);
}

void site_save_manifest(batch_job *jobs, size_t n, const site_config *config)
{
	site_run sr;
	if (site_run_init(&sr, jobs, n, NULL, config) == 0) {
		order_inputs(&sr);
		save_manifest(&sr);
		commit_pending(&sr);
	}
	site_run_free(&sr);
}

/* --- the shards' summaries -------------------------------------------------------------- */

/* Shard K's summary file (shard_set.h): its pages in input order, with
 * their text in the spool when with_text (the text file, committed
 * before), and the inputs that failed. */
static void save_shard_summary(site_run *sr, int with_text)
{
	json_t *pages = json_array(), *failed = json_array();
	for (size_t i = 0; pages && failed && i < sr->n; i++) {
		const batch_job *job = &sr->jobs[i];
		if (!job->href)
			continue;
		if (job->status != HERALD_OK) {
			json_array_append_new(failed, json_pack("[os]", core_name_json(job->href),
			                      job->first_error ? job->first_error : ""));
			continue;
		}
		json_t *e = page_entry(sr, job);
		if (e && with_text && sr->text_off[i] >= 0)
			json_object_set_new(e, "text", json_pack("[II]",
			                    (json_int_t)sr->text_off[i],
			                    (json_int_t)sr->text_len[i]));
		/* --update: as the manifest has it, not read (so no text) */
		if (e && sr->unchanged[i])
			json_object_set_new(e, "unchanged", json_true());
		if (e && job->has_part) {
			char hash[17];
			snprintf(hash, sizeof(hash), "%016llx",
			         (unsigned long long)job->part_hash);
			json_object_set_new(e, "number", json_integer((json_int_t)job->position));
			json_object_set_new(e, "part", json_pack("[IIs]",
			                    (json_int_t)job->part_off,
			                    (json_int_t)job->part_len, hash));
		}
		json_array_append_new(pages, e);
	}
	char sig[17];
	signature_hash(sr->c->signature, sig);
	json_t *m = json_pack("{s:s, s:i, s:s, s:s, s:I, s:I, s:o, s:o}",
	                      "format", SHARD_SET_FORMAT,
	                      "version", SHARD_SET_VERSION,
	                      "herald", herald_version(),
	                      "signature", sig,
	                      "shard", (json_int_t)sr->c->shard_index,
	                      "shards", (json_int_t)sr->c->shard_count,
	                      "pages", pages, "failed", failed);
	if (m && with_text)
		json_object_set_new(m, "text_size", json_integer((json_int_t)sr->spool_at));
	if (m && sr->c->part_size >= 0)
		json_object_set_new(m, "part_size", json_integer((json_int_t)sr->c->part_size));
	char *text = m ? json_dumps(m, JSON_INDENT(1) | JSON_ENSURE_ASCII) : NULL;
	char *path = shard_set_path(sr->c->out_dir, sr->c->set_stem, sr->c->shard_index,
	                            sr->c->shard_count, "json");
	herald_diag_set_file(sr->c->diag, path);
	int rc = text && path ? HERALD_OK : HERALD_ENOMEM;
	if (rc == HERALD_OK) {
		size_t len = strlen(text);
		text[len] = '\n';
		rc = put_file(sr, path, text, len + 1, sr->c->diag);
	}
	if (rc == HERALD_OK)
		rc = commit_pending(sr);
	if (rc == HERALD_ENOMEM)
		herald_error(sr->c->diag, "out of memory");
	if (rc != HERALD_OK)
		++*sr->c->failures;
	free(path);
	free(text);
	json_decref(m);
}

void site_save_shard_summary(batch_job *jobs, size_t n,
                             const site_config *config)
{
	site_run sr;
	if (site_run_init(&sr, jobs, n, NULL, config) == 0)
		save_shard_summary(&sr, 0);
	site_run_free(&sr);
}

static int compare_job_href(const void *a, const void *b, void *ctx)
{
	const batch_job *jobs = ctx;
	return strcmp(jobs[*(const size_t *)a].href, jobs[*(const size_t *)b].href);
}

/* The jobs with an output, sorted by it. */
typedef struct href_index {
	size_t *jobs;
	size_t n;
} href_index;

/* The job whose output is href, or NULL. */
static batch_job *job_of_href(site_run *sr, const href_index *by_href,
                              const char *href)
{
	size_t lo = 0, hi = by_href->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(sr->jobs[by_href->jobs[mid]].href, href);
		if (c == 0)
			return &sr->jobs[by_href->jobs[mid]];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The merge's check that a page of summary is in place: written, and
 * for a site by its page run after its summary (a page of an earlier
 * run is older).  0, else -1 after an error. */
static int check_written(site_run *sr, const batch_job *job, const char *summary,
                         int site)
{
	struct stat out, sum;
	/* (--update: a page left as it was is older, and right) */
	if (stat(job->output, &out) == 0 && S_ISREG(out.st_mode) &&
	    (!site || job->skip_write ||
	     (stat(summary, &sum) == 0 && mtime_ns(&out) >= mtime_ns(&sum))))
		return 0;
	char q[HERALD_QUOTE_SIZE];
	herald_diag_quote(summary, q, sizeof(q));
	herald_diag_set_file(sr->c->diag, job->output);
	if (site)
		herald_error(sr->c->diag, "not written since its shard's summary %s: "
		             "run that shard's page step (--shard K/N without "
		             "--summarize) first", q);
	else
		herald_error(sr->c->diag, "not there, though its shard's summary %s "
		             "lists it: run that shard again", q);
	return -1;
}

/* The merge's check that every page is in place (with --update, once
 * the links tell which were to be written), site's or other writers':
 * 0, or -1 after an error. */
static int check_pages(site_run *sr, int site)
{
	for (size_t k = 0; k < sr->norder; k++) {
		const batch_job *job = &sr->jobs[sr->order[k]];
		char *summary = shard_set_path(sr->c->out_dir, sr->c->set_stem, cli_shard_hash(job->href) %
		                               sr->set->count, sr->set->count, "json");
		int rc = summary ? check_written(sr, job, summary, site) : -1;
		free(summary);
		if (rc)
			return -1;
	}
	return 0;
}

/* A corpus shard's page: where its part is, and the number its shard
 * gave it (checked by check_numbers). */
static void take_part(batch_job *job, json_t *e, unsigned long k)
{
	json_t *part = json_object_get(e, "part");
	job->part_number = (size_t)json_integer_value(json_object_get(e, "number"));
	job->has_part = 1;
	job->part_shard = k;
	job->part_off = json_integer_value(json_array_get(part, 0));
	job->part_len = (size_t)json_integer_value(json_array_get(part, 1));
	job->part_hash = strtoull(json_string_value(json_array_get(part, 2)), NULL, 16);
}

/* Each part numbered as its input's place in this run: a shard that saw
 * another archive (an input added or removed meanwhile) numbered its
 * documents otherwise.  0, else -1 after an error. */
static int check_numbers(const site_run *sr)
{
	for (size_t i = 0; i < sr->n; i++) {
		const batch_job *job = &sr->jobs[i];
		if (!job->has_part || job->part_number == job->position)
			continue;
		herald_diag_set_file(sr->c->diag, job->input);
		herald_error(sr->c->diag, "numbered %zu in its shard's corpus part, "
		             "but input %zu of the archive now: that shard saw another "
		             "archive (run every shard again)", job->part_number,
		             job->position);
		return -1;
	}
	return 0;
}

/* One shard's summary into its jobs: its pages (their input as it was
 * read: a page run that would write it otherwise is refused), its
 * failed inputs.  0, else -1 after an error located in the file. */
static int take_shard(site_run *sr, json_t *m, unsigned long k,
                      const href_index *by_href, unsigned char *seen)
{
	herald_diag *diag = sr->c->diag;
	char *path = shard_set_path(sr->c->out_dir, sr->c->set_stem, k, sr->set->count, "json");
	json_t *pages = json_object_get(m, "pages"), *failed = json_object_get(m, "failed");
	int rc = path ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < json_array_size(pages) + json_array_size(failed); i++) {
		int ok = i < json_array_size(pages);
		json_t *e = ok ? json_array_get(pages, i)
		               : json_array_get(failed, i - json_array_size(pages));
		const char *href = ok ? json_string_value(json_object_get(e, "href"))
		                      : json_string_value(json_array_get(e, 0));
		batch_job *job = job_of_href(sr, by_href, href);
		size_t j = job ? (size_t)(job - sr->jobs) : 0;
		struct stat in;
		char q[HERALD_QUOTE_SIZE];
		/* (a corpus's shards have no --summarize step) */
		const char *step = sr->set->stem ? "its shard ran" : "--summarize";
		herald_diag_set_file(diag, path);
		if (!job) {
			herald_error(diag, "%s: no input of the archive writes it now (it "
			             "changed since %s: run every step again)",
			             herald_diag_quote(href, q, sizeof(q)), step);
			rc = -1;
		} else if (seen[j]) {
			herald_error(diag, "%s: in two shards' summaries",
			             herald_diag_quote(href, q, sizeof(q)));
			rc = -1;
		} else if (ok && (stat(job->input, &in) != 0 ||
		           json_integer_value(json_object_get(e, "size")) != (json_int_t)in.st_size ||
		           json_integer_value(json_object_get(e, "mtime_ns")) != mtime_ns(&in))) {
			herald_diag_set_file(diag, job->input);
			herald_error(diag, "changed since %s (size or modification "
			             "time): run every step again", sr->set->stem
			             ? "its shard ran" : "its shard's --summarize");
			rc = -1;
		}
		if (rc)
			break;
		seen[j] = 1;
		/* a page run writes its own pages, and only links the others' */
		job->settled = !ok || sr->c->step == SITE_MERGE || job->foreign;
		job->status = ok ? (job->settled ? HERALD_OK : 0) : HERALD_EINPUT;
		if (!ok) {
			/* (printed as it is in the summary: no control bytes) */
			job->first_error = json_strdup(json_array_get(e, 1));
			for (char *p = job->first_error; p && *p; p++)
				if ((unsigned char)*p < 0x20 || *p == 0x7f)
					*p = '?';
			if (!job->foreign)
				++*sr->c->failures;   /* (said by its shard's --summarize) */
			continue;
		}
		summary_from_entry(job, e);
		if (sr->set->stem)
			take_part(job, e, k);
		/* --update: its page is written only if its links changed */
		sr->unchanged[j] = sr->manifest && json_is_true(json_object_get(e, "unchanged"));
		json_t *text = json_object_get(e, "text");
		if (text) {
			sr->text_off[j] = (long)json_integer_value(json_array_get(text, 0));
			sr->text_len[j] = (size_t)json_integer_value(json_array_get(text, 1));
			sr->text_shard[j] = k;
		}
	}
	free(path);
	return rc;
}

/* Every job's summary from the set of shard summaries (SITE_PAGES,
 * SITE_MERGE, and the merge of other writers): 0, or -1 after an error
 * (a file missing or wrong, an input in none). */
static int take_shards(site_run *sr)
{
	herald_diag *diag = sr->c->diag;
	href_index by_href = { calloc(sr->n + 1, sizeof(size_t)), 0 };
	unsigned char *seen = calloc(sr->n + 1, 1);
	int rc = by_href.jobs && seen ? 0 : -1;
	if (rc) {
		herald_diag_set_file(diag, NULL);
		herald_error(diag, "out of memory");
	}
	for (size_t i = 0; rc == 0 && i < sr->n; i++)
		if (sr->jobs[i].href)
			by_href.jobs[by_href.n++] = i;
	qsort_r(by_href.jobs, by_href.n, sizeof(size_t), compare_job_href, sr->jobs);
	char sig[17];
	signature_hash(sr->c->signature, sig);
	for (unsigned long k = 0; rc == 0 && k < sr->set->count; k++) {
		/* one file's JSON in memory at a time */
		json_t *m = shard_set_load(sr->set, k, sig, diag);
		rc = m ? take_shard(sr, m, k, &by_href, seen) : -1;
		json_decref(m);
	}
	size_t unseen = 0;
	for (size_t i = 0; rc == 0 && i < sr->n; i++)
		if (!seen[i] && unseen++ == 0) {
			herald_diag_set_file(diag, sr->jobs[i].input);
			herald_error(diag, "in no shard's summary (added since %s?): "
			             "run every step again", sr->set && sr->set->stem
			             ? "its shard ran" : "--summarize");
		}
	if (unseen > 1) {
		herald_diag_set_file(diag, sr->c->out_dir);
		herald_error(diag, "%zu inputs in no shard's summary", unseen);
	}
	free(by_href.jobs);
	free(seen);
	return rc || unseen ? -1 : 0;
}

int site_merge_manifest(batch_job *jobs, size_t n, const site_config *config)
{
	site_run sr;
	shard_set set;
	int rc = site_run_init(&sr, jobs, n, NULL, config) == 0 ? 0 : -2;
	if (rc == 0 && (rc = shard_set_open(&set, config->out_dir, config->set_stem, 0, config->diag)) == 0) {
		sr.set = &set;
		rc = take_shards(&sr);
		order_inputs(&sr);
		if (rc == 0)
			rc = check_pages(&sr, 0);
	}
	if (rc == 0) {
		size_t failures = *config->failures;
		save_manifest(&sr);
		commit_pending(&sr);
		if (*config->failures == failures)
			shard_set_remove(&set, config->diag);
	}
	if (rc != -2)
		shard_set_close(&set);
	site_run_free(&sr);
	return rc == -1 ? -1 : 0;
}

int site_load_shards(batch_job *jobs, size_t n, const site_config *config,
                     shard_set *set)
{
	site_run sr;
	memset(set, 0, sizeof(*set));
	if (site_run_init(&sr, jobs, n, NULL, config) != 0)
		return -2;
	int rc = shard_set_open(set, config->out_dir, config->set_stem, 0, config->diag);
	if (rc == 0) {
		sr.set = set;
		rc = take_shards(&sr);
	}
	if (rc == 0)
		rc = check_numbers(&sr);
	site_run_free(&sr);
	return rc;
}

/* --- the whole site ------------------------------------------------------------------ */

static int order_pages(site_run *sr)
{
	order_inputs(sr);
	date_keys keys = { sr->jobs, calloc(sr->n ? sr->n : 1, sizeof(*keys.key)) };
	if (!keys.key)
		return -1;
	for (size_t k = 0; k < sr->norder; k++) {
		const batch_job *job = &sr->jobs[sr->order[k]];
		keys.key[sr->order[k]] = valid_date(job) ? job->date : "~";
	}
	qsort_r(sr->order, sr->norder, sizeof(*sr->order), compare_by_date, &keys);
	free(keys.key);
	for (size_t k = 0; k < sr->norder; k++)
		sr->hrefs[k] = sr->jobs[sr->order[k]].href;
	qsort(sr->hrefs, sr->norder, sizeof(*sr->hrefs), compare_str_ptr);
	return 0;
}

/* The order by date and every page's links, once every summary is
 * known (read, from the manifest, or from the shards'): 0, or -1. */
static int plan_site(site_run *sr)
{
	if (order_pages(sr) == 0) {
		sr->site.language = commonest_language(sr);
		if (plan_links(sr) == 0)
			return 0;
	}
	herald_diag_set_file(sr->c->diag, NULL);
	herald_error(sr->c->diag, "out of memory");
	++*sr->c->failures;
	return -1;
}

struct site_early;
static cli_pending *early_with_pages(size_t *n, void *ctx);

/* The pages not settled, read again and written with their links; the
 * files of early (or NULL) committed with the last of them. */
static int writing_pass(site_run *sr, struct site_early *early)
{
	for (size_t i = 0; i < sr->n; i++) {
		batch_job *job = &sr->jobs[i];
		/* failed, or another shard's: left; read now: written next */
		job->settled = job->settled || job->status != HERALD_OK;
		if (!job->settled)
			job->status = 0;
	}
	batch_settings s = *sr->settings;
	s.pool = sr->pool;
	s.want_summary = 0;
	s.read_said = 1;
	s.prepare = page_links_now;
	s.prepare_ctx = sr;
	if (early) {
		s.also_commit = early_with_pages;
		s.also_commit_ctx = early;
	}
	if (sr->c->step == SITE_WHOLE) {   /* (the merge saves a shard's) */
		s.written = page_written;
		s.written_ctx = sr;
		s.done = page_reported;
		s.ctx = sr;
	}
	through_passes(sr, &s, 1);
	return batch_run(sr->jobs, sr->n, &s);
}

/* --- the indexes while the pages are written ----------------------------------------- */

/* The indexes and the writer's files need the summaries and the order by
 * date, not the pages: with workers to spare (-j 2 and more) and
 * --fsync=batch they are made on a thread of their own while the writing
 * pass runs, into temporaries committed after the pages (as -j 1 makes
 * them after it: at the end of a run of 2 000 bulletins they were the
 * main thread's alone, the workers done).  The thread reports to a diag
 * of its own and counts its own failures; when it said anything at all,
 * what it made is dropped and made again after the pages on the main
 * thread, so that every message reaches the run's diag where and as
 * -j 1 says it. */
typedef struct site_early {
	site_run run;            /* the run's, with its own config and files */
	site_config config;
	size_t failures;
	pthread_t thread;
	int started, joined;
	int ok;                  /* joined: it made everything, said nothing */
	cli_pending *items;      /* its files, committed with the last pages */
} site_early;

static void *early_indexes(void *arg)
{
	site_early *e = arg;
	write_indexes(&e->run);
	write_site_files(&e->run);
	return NULL;
}

static void early_start(site_early *e, site_run *sr)
{
	memset(e, 0, sizeof(*e));
	if (sr->settings->workers < 2 || sr->c->fsync_mode != HERALD_FSYNC_BATCH ||
	    !(e->config = *sr->c, e->config.diag = herald_diag_new(NULL)))
		return;
	e->config.failures = &e->failures;
	if (sr->settings->quiet)
		herald_diag_set_min_severity(e->config.diag, HERALD_ERROR);
	e->run = *sr;   /* (what it reads is not changed until it is joined) */
	e->run.c = &e->config;
	e->run.site.ctx = &e->run;
	e->run.files = NULL;
	e->run.own_files = NULL;
	e->run.pending = NULL;
	e->run.npending = e->run.pending_cap = 0;
	e->run.hold = 1;
	e->started = pthread_create(&e->thread, NULL, early_indexes, e) == 0;
	if (!e->started)
		herald_diag_free(e->config.diag);
}

static void early_join(site_early *e)
{
	if (!e->started || e->joined)
		return;
	pthread_join(e->thread, NULL);
	e->joined = 1;
	herald_diag *d = e->config.diag;
	e->ok = e->failures == 0 &&
	        herald_diag_count(d, HERALD_NOTE) + herald_diag_count(d, HERALD_WARNING) +
	        herald_diag_count(d, HERALD_ERROR) == 0;
	herald_diag_free(d);
}

/* batch_settings.also_commit of the writing pass: the indexes' files,
 * when they are ready, in the last group of pages. */
static cli_pending *early_with_pages(size_t *n, void *ctx)
{
	site_early *e = ctx;
	*n = 0;
	early_join(e);
	if (!e->ok || !e->run.npending ||
	    !(e->items = calloc(e->run.npending, sizeof(*e->items))))
		return NULL;
	for (size_t i = 0; i < e->run.npending; i++)
		e->items[i] = (cli_pending){ .temp_path = e->run.pending[i].temp,
		                             .final_path = e->run.pending[i].final };
	*n = e->run.npending;
	return e->items;
}

/* After the writing pass: 1 when the indexes' files are in place or
 * waiting in sr's to commit, 0 when there were none or (keep 0, or the
 * thread said anything) they were dropped. */
static int early_finish(site_early *e, site_run *sr, int keep)
{
	if (!e->started)
		return 0;
	early_join(e);
	struct pending_file *p = e->run.pending;
	size_t np = e->run.npending;
	int made = 0;
	/* (the files it made are the site's, unless they are made again) */
	json_t *own = e->run.own_files;
	if (e->items || (keep && e->ok && sr->npending == 0)) {
		json_decref(sr->own_files);
		sr->own_files = own;
		own = NULL;
	}
	json_decref(own);
	if (e->items) {   /* committed: said as commit_pending says it */
		for (size_t i = 0; i < np; i++) {
			int err = e->items[i].error;
			if (err && err != ENOSPC && err != EDQUOT) {
				/* (a full disk is said once, for the run) */
				herald_diag_set_file(sr->c->diag, p[i].final);
				herald_error(sr->c->diag, "cannot write: %s", strerror(err));
			}
			if (err)
				++*sr->c->failures;
		}
		made = 1;
	} else if (keep && e->ok && sr->npending == 0) {
		free(sr->pending);
		sr->pending = p;
		sr->npending = np;
		sr->pending_cap = e->run.pending_cap;
		return 1;
	} else {
		for (size_t i = 0; i < np; i++)
			unlink(p[i].temp);
	}
	for (size_t i = 0; i < np; i++) {
		free(p[i].temp);
		free(p[i].final);
	}
	free(p);
	free(e->items);
	return made;
}

/* What is the whole archive's: the indexes, the writer's files (unless
 * made already: site_early), and last the manifest, once everything it
 * describes is in place. */
static void finish_site(site_run *sr, int indexes_made)
{
	if (!indexes_made) {
		write_indexes(sr);
		write_site_files(sr);
	}
	commit_pending(sr);
	save_manifest(sr);
	commit_pending(sr);
}

/* One run, everything (SITE_WHOLE). */
static int whole_site(site_run *sr)
{
	if (!(sr->spool = tmpfile()))
		sr->spool_failed = 1;   /* (the text is read again when needed) */
	if (sr->c->update)
		load_manifest(sr);
	const batch_settings *s = sr->settings;
	two_passes passes = { s->progress, s->progress_ctx, 0, 0, 0 };
	sr->passes = &passes;
	/* The same workers for both passes: each writes and frees the
	 * documents it read (batch.c).  Without a pool, each pass starts
	 * its own. */
	if (s->workers > 1 && sr->n > 1)
		sr->pool = batch_pool_new((size_t)s->workers > sr->n ? (long)sr->n
		                                                     : s->workers);
	int full = summary_pass(sr);
	if (!full)
		for (size_t i = 0; i < sr->n; i++)
			/* failed: said and counted, not to be written */
			sr->jobs[i].settled = sr->jobs[i].status != HERALD_OK;
	if (full || plan_site(sr) != 0) {
		/* No writing pass: the progress ends here. */
		if (s->progress)
			s->progress(sr->n, sr->n, passes.bytes_before,
			            passes.seconds_before, s->progress_ctx);
		sr->passes = NULL;
		batch_pool_free(sr->pool);
		sr->pool = NULL;
		return full;
	}
	site_early early;
	early_start(&early, sr);
	full = writing_pass(sr, early.started ? &early : NULL);
	batch_pool_free(sr->pool);
	sr->pool = NULL;
	int made = early_finish(&early, sr, !full);
	sr->passes = NULL;   /* (passes is this function's) */
	if (!full)
		finish_site(sr, made);
	return full;
}

/* --shard --summarize: the summary pass into the shard's text file,
 * then its summary file. */
static int summarize_shard(site_run *sr)
{
	const site_config *c = sr->c;
	char *path = shard_set_path(c->out_dir, c->set_stem, c->shard_index, c->shard_count, "text");
	cli_atomic text;
	herald_diag_set_file(c->diag, path);
	if (!path || cli_atomic_open(&text, path, c->fsync_mode, c->diag) != HERALD_OK) {
		if (!path)
			herald_error(c->diag, "out of memory");
		++*c->failures;
		free(path);
		return 0;
	}
	if (c->update)
		load_manifest(sr);
	sr->spool = text.stream;
	int full = summary_pass(sr);
	sr->spool = NULL;
	herald_diag_set_file(c->diag, path);
	free(path);
	if (full || sr->spool_failed) {
		if (!full)
			herald_error(c->diag, "cannot write: %s", strerror(errno));
		cli_atomic_abort(&text);
		if (!full)
			++*c->failures;
		return full;
	}
	if (cli_atomic_commit(&text, c->diag) != HERALD_OK) {
		++*c->failures;
		return 0;
	}
	save_shard_summary(sr, 1);
	return 0;
}

int site_convert(batch_job *jobs, size_t n, const batch_settings *settings,
                 const site_config *config)
{
	site_run sr;
	shard_set set;
	int full = 0, have_set = 0;
	if (site_run_init(&sr, jobs, n, settings, config) != 0)
		goto done;
	switch (config->step) {
	case SITE_WHOLE:
		full = whole_site(&sr);
		break;
	case SITE_SUMMARIZE:
		full = summarize_shard(&sr);
		break;
	case SITE_PAGES:
	case SITE_MERGE:
		have_set = 1;
		if (shard_set_open(&set, config->out_dir, config->set_stem, config->step == SITE_PAGES
		                   ? config->shard_count : 0, config->diag) != 0) {
			full = -1;
			break;
		}
		sr.set = &set;
		if (config->update)
			load_manifest(&sr);
		if (take_shards(&sr) != 0) {
			full = -1;
			break;
		}
		if (plan_site(&sr) != 0)
			break;
		if (config->step == SITE_MERGE && check_pages(&sr, 1) != 0) {
			full = -1;
			break;
		}
		if (config->step == SITE_PAGES) {
			full = writing_pass(&sr, NULL);
			break;
		}
		size_t failures = *config->failures;
		finish_site(&sr, 0);
		/* (the single run has none; kept when the merge must be run again) */
		if (*config->failures == failures)
			shard_set_remove(&set, config->diag);
		break;
	}
done:
	if (have_set)
		shard_set_close(&set);
	site_run_free(&sr);
	return full;
}
