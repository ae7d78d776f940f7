/* site.h - an output folder written as a site: pages with navigation,
 * indexes per year and month, the writer's own files, a manifest
 * (internal; doc/archives.md describes what is written). */
#ifndef HERALD_CORE_SITE_H
#define HERALD_CORE_SITE_H

#include <time.h>

#include "batch.h"

/* Which part of a site a run writes (doc/archives.md, "Shards"). */
enum site_step {
	SITE_WHOLE,        /* one run: everything */
	SITE_SUMMARIZE,    /* --shard --summarize: the shard's summary file only */
	SITE_PAGES,        /* --shard: the shard's pages, linked by every summary */
	SITE_MERGE         /* --merge: indexes, the writer's files, the manifest */
};

typedef struct site_config {
	const char *out_dir;
	herald_pipeline *index_pipe;   /* writes the indexes (borrowed) */
	herald_diag *diag;
	int update;                    /* --update: the manifest may spare pages */
	int fsync_mode;
	time_t tool_time;              /* newest of herald and its plugins */
	const char *signature;         /* the pipeline and its options */
	size_t *failures;              /* counts the indexes and manifest that fail */
	enum site_step step;
	unsigned long shard_index, shard_count;   /* --shard K/N; N 0: none */
	/* The shard files' names: NULL for a folder's (.herald-shard-K-of-N.*),
	 * else a corpus file's name (.NAME.herald-shard-K-of-N.*, beside it). */
	const char *set_stem;
	long long part_size;           /* a corpus shard's part file, or -1 */
} site_config;

/* The plain text of doc for a search index: each block's text on a line
 * of its own, soft breaks as spaces.  NULL when out of memory; free it. */
char *site_search_text(const herald_doc *doc);

/* Convert jobs as a site, or the part of it config->step says,
 * settings as for batch_run (its done callback reports each job once).
 * Returns batch_run's full-disk errno, 0, or -1 when the shard
 * summaries of SITE_PAGES or SITE_MERGE are not a complete set (said;
 * nothing written). */
int site_convert(batch_job *jobs, size_t n, const batch_settings *settings,
                 const site_config *config);

/* For the other writers: whether the output folder's manifest says its
 * outputs were made with this signature (--update may then trust their
 * dates), and writing it after a run (the pages without summaries). */
int site_manifest_matches(const char *out_dir, const char *signature);
void site_save_manifest(batch_job *jobs, size_t n, const site_config *config);
/* The manifest's file name, in an output folder. */
#define SITE_MANIFEST_NAME ".herald-manifest.json"
/* Each file the output folder's manifest says a run wrote there (every
 * page, and a site's own files: indexes, the writer's), given to fn as
 * its path below out_dir.  Nothing without a manifest. */
void site_manifest_outputs(const char *out_dir,
                           void (*fn)(const char *rel, void *ctx), void *ctx);

/* For the other writers too: a shard's summary file, after its run (the
 * pages without summaries or text), and the merge, which reads the set
 * of them, writes the manifest and removes them.  The merge returns 0,
 * or -1 after an error about the set (nothing written). */
void site_save_shard_summary(batch_job *jobs, size_t n,
                             const site_config *config);
int site_merge_manifest(batch_job *jobs, size_t n, const site_config *config);

/* For a corpus merge: the set of shard summaries (config->set_stem's)
 * opened into *set and taken into the jobs (status, failures, each
 * page's part), checked as for any merge.  0; -1 after an error about
 * the set (nothing to write); -2 out of memory (said, counted).  The
 * caller closes *set whatever the result. */
struct shard_set;
int site_load_shards(batch_job *jobs, size_t n, const site_config *config,
                     struct shard_set *set);

#endif
