/* archive.c - a batch's conversion of one or many inputs (herald/batch.h):
 * finding the inputs, planning their outputs, running the jobs, and what
 * comes after (standard output, a corpus, the index, the summary). */
/* dladdr() */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include "config.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <herald/herald.h>

#include "batch.h"
#include "corpus.h"
#include "shard_set.h"
#include "site.h"

typedef struct plan {
	const batch_options *o;
	const herald_batch_settings *settings;   /* done, progress, ctx */
	herald_registry *reg;
	herald_diag *diag;
	batch_job *jobs;
	size_t njobs, cap;
	/* One pipeline per reader (readers may be guessed per file). */
	herald_pipeline **pipes;
	const char **pipe_readers;
	size_t npipes;
	const char *out_dir;     /* NULL: one output file or stdout */
	size_t failures;         /* documents, and the index or corpus */
	/* Folders -r could not read: not documents, so listed apart in the
	 * summary (each its message, "DIR: error: ..."). */
	char **unread;
	size_t nunread;
	/* Folders walked, by device and inode: a symbolic link (with -L)
	 * back to one of them is a loop, or a second way to the same files.
	 * And, when the walk goes through the output folder (converting in
	 * place), the files an earlier run wrote there, which are not
	 * inputs (know_outputs). */
	struct visited *visited;
	size_t nvisited, visited_cap;
	/* The output folder, when it exists before the walk: a folder -o
	 * names inside the folder walked is not an input folder (its pages
	 * would be read back as inputs by the next run). */
	int out_known;
	dev_t out_dev;
	ino_t out_ino;
	int cleans_on_signals;   /* cli_clean_on_signals started, for this run */
	int usage_error;
	size_t other_shards;     /* inputs left to other --shard runs */
	corpus_run *corpus;      /* --corpus written in parts (corpus.h), or NULL */
	/* The walk's last guess of a reader by extension (an archive's
	 * files share one or two): the extension and what it gave. */
	char guessed_ext[16];
	const herald_plugin *guessed;
	/* Threads running a pipeline's prepare hooks while the walk goes
	 * on (start_preparing), joined before the pipelines are freed. */
	pthread_t *preparers;
	size_t npreparers;
} plan;

typedef struct visited {
	dev_t dev;
	ino_t ino;
	int used;        /* FOLDER_WALKED or AN_OUTPUT; 0: a free slot */
} visited;

enum { FOLDER_WALKED = 1, AN_OUTPUT = 2 };

static void *prepare_pipeline(void *pipe)
{
	herald_pipeline_prepare(pipe);
	return NULL;
}

/* Run pipe's prepare hooks (plugin.h) on a thread of their own when the
 * run may hold many documents on several workers: the first documents'
 * one-time set-up (the date tables, the Unicode and CLD2 modules, the
 * labels of every pack) then overlaps the walk, where the second worker
 * would otherwise wait for the first to do it (doc/performance.md,
 * "Session 11").  One input, or -j 1, keeps its single thread.  A thread
 * that cannot start is no loss: the hooks are an optimisation. */
static void start_preparing(plan *pl, herald_pipeline *pipe)
{
	if (pl->o->jobs == 1 || (!pl->o->recursive && pl->o->nfiles < 2))
		return;
	pthread_t *grown = realloc(pl->preparers,
	                           (pl->npreparers + 1) * sizeof(*grown));
	if (!grown)
		return;
	pl->preparers = grown;
	if (pthread_create(&grown[pl->npreparers], NULL, prepare_pipeline,
	                   pipe) == 0)
		pl->npreparers++;
}

/* The pipeline for a reader, made once. */
static herald_pipeline *pipeline_for(plan *pl, const char *reader)
{
	for (size_t i = 0; i < pl->npipes; i++)
		if (!reader || strcmp(pl->pipe_readers[i], reader) == 0)
			return pl->pipes[i];
	herald_diag_set_file(pl->diag, NULL);
	herald_pipeline *p = cli_pipeline(pl->o, pl->reg, reader, pl->diag);
	if (!p)
		return NULL;
	herald_pipeline **g = realloc(pl->pipes, (pl->npipes + 1) * sizeof(*g));
	const char **r = realloc(pl->pipe_readers, (pl->npipes + 1) * sizeof(*r));
	if (g)
		pl->pipes = g;
	if (r)
		pl->pipe_readers = r;
	if (!g || !r) {
		herald_pipeline_free(p);
		return NULL;
	}
	pl->pipes[pl->npipes] = p;
	pl->pipe_readers[pl->npipes++] = reader ? reader : "";
	start_preparing(pl, p);
	return p;
}

/* The output file for input rel (its path below the folder it was found
 * in), with the writer's extension instead of the input's. */
static char *output_name(const char *rel, const char *ext)
{
	const char *slash = strrchr(rel, '/');
	const char *dot = strrchr(slash ? slash + 1 : rel, '.');
	size_t stem = dot && dot != (slash ? slash + 1 : rel) ? (size_t)(dot - rel)
	                                                       : strlen(rel);
	size_t elen = strlen(ext);
	char *out = malloc(stem + elen + 2);
	if (out) {   /* (by hand, as cli_join_path: once a file of a walk) */
		memcpy(out, rel, stem);
		out[stem] = '.';
		memcpy(out + stem + 1, ext, elen + 1);
	}
	return out;
}

/* A corpus made of shards: each shard's part file and summary, merged. */
static int is_sharded_corpus(const batch_options *o)
{
	return o->corpus && (o->shard.count || o->merge);
}

/* Whether a site's pages are written (into a folder, by a site
 * writer): then every page is linked from every shard. */
static int is_site(const plan *pl, herald_pipeline *pipe)
{
	return pl->out_dir &&
	       (herald_pipeline_writer_flags(pipe) & HERALD_WRITER_SITE);
}

/* st: what the walk found the input to be, or NULL (named on the
 * command line). */
static int add_job(plan *pl, const char *input, const char *rel,
                   const char *reader, const struct stat *st)
{
	herald_pipeline *pipe = pipeline_for(pl, reader);
	if (!pipe) {
		pl->usage_error = 1;
		return -1;
	}
	int foreign = !cli_shard_takes(&pl->o->shard, rel);
	/* A site's page run knows every page, to link them (site.c). */
	if (foreign && (pl->o->summarize || !is_site(pl, pipe))) {
		pl->other_shards++;   /* another --shard run's (shard.h) */
		return 0;
	}
	if (pl->njobs == pl->cap) {
		size_t cap = pl->cap ? pl->cap * 2 : 8;
		batch_job *g = realloc(pl->jobs, cap * sizeof(*g));
		if (!g)
			return -1;
		pl->jobs = g;
		pl->cap = cap;
	}
	batch_job *job = &pl->jobs[pl->njobs];
	memset(job, 0, sizeof(*job));
	job->input = strdup(input);
	job->pipe = pipe;
	job->foreign = foreign;
	job->position = pl->njobs + pl->other_shards + 1;
	if (st) {
		job->walked = 1;
		job->in_dev = st->st_dev;
		job->in_ino = st->st_ino;
		job->in_size = st->st_size;
		job->in_regular = S_ISREG(st->st_mode);
	}
	if (pl->out_dir || is_sharded_corpus(pl->o)) {
		const herald_plugin *w = herald_pipeline_writer(pipe);
		job->href = output_name(rel, w->output_extension ? w->output_extension : "out");
		/* (a corpus's shard summaries name each document so) */
		job->output = job->href && pl->out_dir
		              ? cli_join_path(pl->out_dir, job->href) : NULL;
	} else if (pl->o->output && strcmp(pl->o->output, "-") != 0 &&
	           !pl->o->corpus) {
		/* (A corpus is one output for all: write_corpus() writes it.) */
		job->output = strdup(pl->o->output);
	}
	pl->njobs++;
	return 0;
}

/* The reader for a file: -f, or its extension; NULL when none fits. */
static const char *reader_for(plan *pl, const char *file)
{
	if (pl->o->chain)
		return NULL;
	if (pl->o->reader)
		return pl->o->reader;
	if (strcmp(file, "-") == 0)
		return cli_stdin_reader(pl->reg);
	const herald_plugin *p = herald_registry_guess_reader(pl->reg, file);
	return p ? p->name : NULL;
}

/* herald_registry_guess_reader for a file the walk found, the last
 * answer again when the extension is the same. */
static const herald_plugin *guess_walked(plan *pl, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	if (!dot || strlen(dot) >= sizeof(pl->guessed_ext))
		return herald_registry_guess_reader(pl->reg, path);
	if (strcmp(pl->guessed_ext, dot) != 0) {
		pl->guessed = herald_registry_guess_reader(pl->reg, path);
		strcpy(pl->guessed_ext, dot);
	}
	return pl->guessed;
}

/* Whether the stage spec "name:opts" names plugin name. */
static int spec_names(const char *spec, const char *name)
{
	size_t len = strcspn(spec, ":");
	return strlen(name) == len && strncmp(spec, name, len) == 0;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* --- walking folders ------------------------------------------------------- */

static size_t visited_slot(const plan *pl, dev_t dev, ino_t ino)
{
	/* Open addressing over a power-of-two table: a walk of n folders
	 * stays O(n), however deep or wide. */
	size_t h = ((size_t)dev * 0x9e3779b97f4a7c15u) ^ ((size_t)ino * 0xff51afd7ed558ccdu);
	size_t mask = pl->visited_cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask)
		if (!pl->visited[i].used ||
		    (pl->visited[i].dev == dev && pl->visited[i].ino == ino))
			return i;
}

/* Records the folder st (or, as kind, an output); 1 when it was
 * recorded already, -1 out of memory. */
static int record(plan *pl, const struct stat *st, int kind)
{
	if (pl->nvisited * 2 >= pl->visited_cap) {
		size_t cap = pl->visited_cap ? pl->visited_cap * 2 : 64;
		visited *old = pl->visited;
		size_t old_cap = pl->visited_cap;
		pl->visited = calloc(cap, sizeof(*pl->visited));
		if (!pl->visited) {
			pl->visited = old;
			return -1;
		}
		pl->visited_cap = cap;
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].used)
				pl->visited[visited_slot(pl, old[i].dev, old[i].ino)] = old[i];
		free(old);
	}
	size_t i = visited_slot(pl, st->st_dev, st->st_ino);
	if (pl->visited[i].used)
		return 1;
	pl->visited[i] = (visited){ st->st_dev, st->st_ino, kind };
	pl->nvisited++;
	return 0;
}

static int visit(plan *pl, const struct stat *st)
{
	return record(pl, st, FOLDER_WALKED);
}

/* Whether st is the output folder (when it existed before the walk). */
static int is_out_dir(const plan *pl, const struct stat *st)
{
	return pl->out_known && st->st_dev == pl->out_dev && st->st_ino == pl->out_ino;
}

/* Whether st is a file an earlier run wrote into the output folder. */
static int is_output(const plan *pl, const struct stat *st)
{
	return pl->nvisited &&
	       pl->visited[visited_slot(pl, st->st_dev, st->st_ino)].used == AN_OUTPUT;
}

/* An output folder's manifest, being read: where it is, and how many
 * of the files it lists are there. */
typedef struct outputs_of {
	plan *pl;
	const char *dir;
	size_t found;
} outputs_of;

static void output_listed(const char *rel, void *ctx)
{
	outputs_of *of = ctx;
	char *path = cli_join_path(of->dir, rel);
	struct stat st;
	if (path && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    record(of->pl, &st, AN_OUTPUT) == 0)
		of->found++;
	free(path);
}

/* The files that dir's manifest lists, recorded as outputs: how many. */
static size_t outputs_in(plan *pl, const char *dir)
{
	outputs_of of = { pl, dir, 0 };
	site_manifest_outputs(dir, output_listed, &of);
	return of.found;
}

/* Whether folder top is the output folder or lies in it (so the walk
 * goes through it), looking up from top: ".." until the root. */
static int walks_output(const plan *pl, const char *top)
{
	char *up = strdup(top);
	struct stat st, parent;
	int found = 0;
	for (int depth = 0; up && !found && depth < 256 && stat(up, &st) == 0; depth++) {
		found = is_out_dir(pl, &st);
		char *next = cli_join_path(up, "..");
		free(up);
		up = next;
		if (up && stat(up, &parent) == 0 && parent.st_dev == st.st_dev &&
		    parent.st_ino == st.st_ino)
			break;   /* the root is its own parent */
	}
	free(up);
	return found;
}

/* Whether dir is this run's output folder. */
static int is_output_folder(const plan *pl, const char *dir)
{
	struct stat st;
	return stat(dir, &st) == 0 && is_out_dir(pl, &st);
}

/* Converting in place (-r -o archive archive): the files the output
 * folder's manifest lists (pages, indexes, the writer's files) are not
 * read back as inputs by the next run; the user's own files there are. */
static void know_outputs(plan *pl)
{
	const batch_options *o = pl->o;
	for (size_t i = 0; i < o->nfiles; i++)
		if (cli_is_dir(o->files[i]) && walks_output(pl, o->files[i])) {
			outputs_in(pl, pl->out_dir);
			return;
		}
}

static void folder_unreadable(plan *pl, const char *dir, int err)
{
	char q[HERALD_QUOTE_SIZE], line[HERALD_QUOTE_SIZE + 128];
	herald_diag_set_file(pl->diag, dir);
	herald_error(pl->diag, "cannot read folder: %s", strerror(err));
	snprintf(line, sizeof(line), "%s: error: cannot read folder: %s",
	         herald_diag_quote(dir, q, sizeof(q)), strerror(err));
	char **g = realloc(pl->unread, (pl->nunread + 1) * sizeof(*g));
	if (g) {
		pl->unread = g;
		if ((g[pl->nunread] = strdup(line)))
			pl->nunread++;
	}
}

/* A descriptor of folder dir to look its entries up in, or -1 (then
 * they are looked up by path). */
static int open_folder(const char *dir)
{
	return open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/* Files below dir that a reader takes, in sorted order so that runs are
 * reproducible.  rel_base is the path below the top folder. */
static void walk_dir(plan *pl, const char *dir, const char *rel_base)
{
	DIR *d = opendir(dir);
	if (!d) {
		folder_unreadable(pl, dir, errno);
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	int has_manifest = 0;
	while ((e = readdir(d))) {
		has_manifest |= strcmp(e->d_name, SITE_MANIFEST_NAME) == 0;
		if (e->d_name[0] == '.')
			continue;   /* hidden files, and our own temporary files */
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **g = realloc(names, cap * sizeof(*g));
			if (!g)
				break;
			names = g;
		}
		names[n] = strdup(e->d_name);
		if (names[n])
			n++;
	}
	closedir(d);
	if (names)
		qsort(names, n, sizeof(*names), compare_strings);
	/* A folder herald wrote into (a site, an export): the files its
	 * manifest lists are outputs, not inputs.  Said when it is not this
	 * run's output folder, where that is expected. */
	size_t outputs = has_manifest ? outputs_in(pl, dir) : 0;
	if (outputs && !is_output_folder(pl, dir)) {
		herald_diag_set_file(pl->diag, dir);
		herald_diag_report(pl->diag, HERALD_NOTE, 0, 0,
		                   "holds %zu files a herald run wrote (its %s "
		                   "lists them): not read as inputs", outputs,
		                   SITE_MANIFEST_NAME);
	}
	/* Each entry is looked up in the folder's descriptor rather than by
	 * its path from the top: the walk is the main thread's alone, before
	 * any worker starts.  Closed while a subfolder is walked, so that
	 * the descriptors held do not grow with the depth. */
	int dfd = open_folder(dir);
	for (size_t i = 0; i < n; i++) {
		char *path = cli_join_path(dir, names[i]);
		char *rel = cli_join_path(rel_base, names[i]);
		struct stat lst, st;
		if (path && rel &&
		    (dfd >= 0 ? fstatat(dfd, names[i], &lst, AT_SYMLINK_NOFOLLOW)
		              : lstat(path, &lst)) == 0) {
			int link = S_ISLNK(lst.st_mode);
			/* A link to a folder is followed only with -L (as find
			 * and cp do); a link to a file is an input like any. */
			int dangling = link && stat(path, &st) != 0;
			int folder = link ? !dangling && S_ISDIR(st.st_mode)
			                  : S_ISDIR(lst.st_mode);
			if (!link)
				st = lst;
			if (folder && link && !pl->o->dereference) {
				herald_diag_set_file(pl->diag, path);
				herald_warning(pl->diag, "a symbolic link to a folder; not "
				               "followed (-L follows it)");
			} else if (folder && is_out_dir(pl, &st)) {
				/* the output folder: skipped, as the outputs in it are */
			} else if (folder) {
				int seen = visit(pl, &st);
				if (seen > 0) {
					/* A link back up is a loop; any other second way
					 * in would convert the same files twice. */
					herald_diag_set_file(pl->diag, path);
					herald_warning(pl->diag, "a symbolic link to a folder "
					               "already walked (a loop, or a second way "
					               "in); not followed");
				} else if (seen == 0) {
					if (dfd >= 0)
						close(dfd);
					walk_dir(pl, path, rel);
					dfd = open_folder(dir);
				}
			} else {
				/* Inside folders, only files that a reader takes by
				 * extension; -f narrows that to its own. */
				const herald_plugin *r = guess_walked(pl, path);
				if (!r || (pl->o->reader &&
				           !spec_names(pl->o->reader, r->name))) {
					/* not an input */
				} else if (!dangling && is_output(pl, &st)) {
					/* written here by an earlier run: an output */
				} else if (!dangling && !S_ISREG(st.st_mode)) {
					/* Reading a FIFO found in a folder would wait
					 * for a writer forever, a link to /dev/zero
					 * never end: a walk reads regular files (named
					 * on the command line, anything is read). */
					herald_diag_set_file(pl->diag, path);
					herald_warning(pl->diag, "not a regular file (a "
					               "FIFO, socket or device); not read");
				} else {
					/* (a dangling link: reading it says "cannot open") */
					add_job(pl, path, rel, pl->o->chain ? NULL
					        : pl->o->reader ? pl->o->reader : r->name,
					        dangling ? NULL : &st);
				}
			}
		}
		free(path);
		free(rel);
		free(names[i]);
	}
	if (dfd >= 0)
		close(dfd);
	free(names);
}

static void collect_inputs(plan *pl)
{
	const batch_options *o = pl->o;
	struct stat out;
	if (pl->out_dir && stat(pl->out_dir, &out) == 0 && S_ISDIR(out.st_mode)) {
		pl->out_known = 1;
		pl->out_dev = out.st_dev;
		pl->out_ino = out.st_ino;
		if (o->recursive)
			know_outputs(pl);
	}
	static const char *const only_stdin[] = { "-" };
	const char *const *files = o->nfiles ? o->files : only_stdin;
	size_t nfiles = o->nfiles ? o->nfiles : 1;
	for (size_t i = 0; i < nfiles && !pl->usage_error; i++) {
		const char *f = files[i];
		if (strcmp(f, "-") != 0 && cli_is_dir(f)) {
			if (o->recursive) {
				/* A folder named on the command line is walked even
				 * through a link (as find -H does). */
				struct stat st;
				if (stat(f, &st) == 0 && visit(pl, &st) == 0)
					walk_dir(pl, f, "");
				continue;
			}
			herald_diag_set_file(pl->diag, f);
			herald_error(pl->diag, "is a directory (use -r to convert its files)");
			pl->usage_error = 1;
			return;
		}
		const char *reader = reader_for(pl, f);
		struct stat st;
		if (!reader && !o->chain && stat(f, &st) != 0)
			/* Missing: let reading it say so ("cannot open"), as for
			 * any other missing file, rather than blame its name. */
			reader = cli_stdin_reader(pl->reg);
		if (!reader && !o->chain) {
			herald_diag_set_file(pl->diag, f);
			herald_error(pl->diag, "no reader takes files named like this; "
			             "choose one with -f (see herald --list-plugins)");
			pl->usage_error = 1;
			return;
		}
		const char *slash = strrchr(f, '/');
		add_job(pl, f, strcmp(f, "-") == 0 ? "stdin" : slash ? slash + 1 : f,
		        reader, NULL);
	}
}

/* --- checks before converting ------------------------------------------------ */

static time_t mtime_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? st.st_mtime : 0;
}

/* The newest of the herald program, its library (the model and the
 * pipeline live there, and it can be replaced alone) and every plugin it
 * loaded: an output older than this may have been made by older code. */
static time_t newest_tool(const herald_registry *reg)
{
	time_t newest = mtime_of("/proc/self/exe");
	Dl_info lib;
	if (dladdr((void *)herald_version, &lib) && lib.dli_fname) {
		time_t t = mtime_of(lib.dli_fname);
		if (t > newest)
			newest = t;
	}
	for (size_t i = 0; i < herald_registry_count(reg); i++) {
		time_t t = mtime_of(herald_registry_path(reg, i));
		if (t > newest)
			newest = t;
	}
	return newest;
}

static void mark_up_to_date(plan *pl)
{
	time_t tool = newest_tool(pl->reg);
	for (size_t i = 0; i < pl->njobs; i++) {
		batch_job *j = &pl->jobs[i];
		/* Standard input has no date to compare: always converted. */
		if (!j->output || strcmp(j->input, "-") == 0)
			continue;
		/* Only a regular file has a date worth comparing: a FIFO or a
		 * device written through is always written. */
		struct stat st;
		time_t out = stat(j->output, &st) == 0 && S_ISREG(st.st_mode)
		             ? st.st_mtime : 0;
		j->skip_write = out && out > mtime_of(j->input) && out >= tool;
	}
}

typedef struct file_key {
	dev_t dev;
	ino_t ino;
} file_key;

static int compare_keys(const void *a, const void *b)
{
	const file_key *x = a, *y = b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* What names a job's output: its path, or (a corpus's shards, which
 * write none) the name their summaries give it. */
static const char *output_key(const batch_job *job)
{
	return job->output ? job->output : job->href;
}

/* By output, then in the inputs' order (a job's place in pl->jobs). */
static int compare_paths(const void *a, const void *b)
{
	const batch_job *const *x = a, *const *y = b;
	int c = strcmp(output_key(*x), output_key(*y));
	return c ? c : (*x > *y) - (*x < *y);
}

/* Remove the jobs marked in drop, keeping the others' order. */
static void drop_jobs(plan *pl, const unsigned char *drop)
{
	size_t kept = 0;
	for (size_t i = 0; i < pl->njobs; i++) {
		if (drop[i])
			batch_job_clear(&pl->jobs[i]);
		else
			pl->jobs[kept++] = pl->jobs[i];
	}
	pl->njobs = kept;
}

/* The folder of the last path folder_exists was asked about. */
typedef struct folder_seen {
	const char *path;        /* borrowed; NULL: none yet */
	size_t len;              /* its folder's length */
	int exists;
} folder_seen;

/* Whether the folder that path is in may hold files: when it cannot be
 * stat'ed, nothing in it can be, and the files in a folder are side by
 * side in sorted order, so that a new output folder costs a stat per
 * folder rather than one per output (2 000 of the main thread's before
 * any conversion, for as many bulletins). */
static int folder_exists(folder_seen *seen, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return 1;
	size_t len = (size_t)(slash - path);
	if (!seen->path || seen->len != len || memcmp(seen->path, path, len) != 0) {
		char *dir = strndup(path, len);
		struct stat st;
		seen->exists = !dir || stat(dir, &st) == 0;
		free(dir);
		seen->path = path;
		seen->len = len;
	}
	return seen->exists;
}

/* An input is never overwritten, and two inputs never share an output:
 * the same file named twice for one output (a.txt a.txt, or ./a.txt)
 * is converted once, with a warning, as cp copies it once.  Sorting
 * keeps this n log n for archives of any size. */
static int check_outputs(plan *pl)
{
	file_key *inputs = calloc(pl->njobs + 1, sizeof(*inputs));
	file_key *of_job = calloc(pl->njobs + 1, sizeof(*of_job));
	unsigned char *drop = calloc(pl->njobs + 1, 1);
	const batch_job **outs = calloc(pl->njobs + 1, sizeof(*outs));
	size_t nin = 0, nout = 0, ndrop = 0;
	int rc = inputs && of_job && drop && outs ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < pl->njobs; i++)
		if (output_key(&pl->jobs[i]))
			outs[nout++] = &pl->jobs[i];
	/* (only outputs on disk can be inputs: to standard output, no stat;
	 * inode 0 in of_job: not known) */
	for (size_t i = 0; rc == 0 && nout && i < pl->njobs; i++) {
		struct stat st;
		int named = !pl->jobs[i].walked && strcmp(pl->jobs[i].input, "-") != 0 &&
		            stat(pl->jobs[i].input, &st) == 0;
		if (pl->jobs[i].walked)
			of_job[i] = (file_key){ pl->jobs[i].in_dev, pl->jobs[i].in_ino };
		else if (named && S_ISREG(st.st_mode))
			of_job[i] = (file_key){ st.st_dev, st.st_ino };
		else if (named)   /* (a FIFO, a device: never one of two) */
			inputs[nin++] = (file_key){ st.st_dev, st.st_ino };
		if (of_job[i].ino)
			inputs[nin++] = of_job[i];
	}
	qsort(inputs, nin, sizeof(*inputs), compare_keys);
	qsort(outs, nout, sizeof(*outs), compare_paths);
	folder_seen seen = { NULL, 0, 1 };
	for (size_t i = 0; rc == 0 && i < nout; i++) {
		struct stat st;
		herald_diag_set_file(pl->diag, outs[i]->output);
		size_t at = (size_t)(outs[i] - pl->jobs), before = i ? (size_t)(outs[i - 1] - pl->jobs) : 0;
		if (i && strcmp(output_key(outs[i - 1]), output_key(outs[i])) == 0 &&
		    of_job[at].ino && of_job[at].ino == of_job[before].ino &&
		    of_job[at].dev == of_job[before].dev) {
			herald_diag_set_file(pl->diag, outs[i]->input);
			herald_warning(pl->diag, "named more than once; converted once");
			drop[at] = 1;
			ndrop++;
		} else if (i && strcmp(output_key(outs[i - 1]), output_key(outs[i])) == 0) {
			char q1[HERALD_QUOTE_SIZE], q2[HERALD_QUOTE_SIZE], q3[HERALD_QUOTE_SIZE];
			herald_diag_quote(outs[i - 1]->input, q1, sizeof(q1));
			herald_diag_quote(outs[i]->input, q2, sizeof(q2));
			if (outs[i]->output)
				herald_error(pl->diag, "both %s and %s would be written here", q1, q2);
			else
				herald_error(pl->diag, "both %s and %s would be %s in the corpus "
				             "shards' summaries: name them apart", q1, q2,
				             herald_diag_quote(outs[i]->href, q3, sizeof(q3)));
			rc = -1;
		} else if (outs[i]->output && folder_exists(&seen, outs[i]->output) &&
		           stat(outs[i]->output, &st) == 0 &&
		           bsearch(&(file_key){ st.st_dev, st.st_ino }, inputs, nin,
		                   sizeof(*inputs), compare_keys)) {
			herald_error(pl->diag, "this output is an input; refusing to "
			             "overwrite it");
			rc = -1;
		}
	}
	if (rc == 0 && ndrop)
		drop_jobs(pl, drop);
	free(inputs);
	free(of_job);
	free(drop);
	free(outs);
	return rc;
}

/* Several documents to one stream only when that still means something
 * with the writer's options (herald_pipeline_writer_flags). */
static int check_stdout(plan *pl, const herald_plugin *writer)
{
	if (pl->out_dir || pl->njobs + pl->other_shards <= 1 || pl->o->corpus ||
	    (herald_pipeline_writer_flags(pl->pipes[0]) &
	     HERALD_WRITER_CONCATENATES))
		return 0;
	char list[256] = "";
	for (size_t i = 0; i < herald_registry_count(pl->reg); i++) {
		const herald_plugin *p = herald_registry_plugin(pl->reg, i);
		const char *when = p->writer_flags_for ? " (with some options)" : "";
		if ((p->roles & HERALD_ROLE_WRITER) &&
		    ((p->writer_flags & HERALD_WRITER_CONCATENATES) ||
		     p->writer_flags_for) &&
		    strlen(list) + strlen(p->name) + strlen(when) + 3 < sizeof(list)) {
			strcat(list, *list ? ", " : "");
			strcat(list, p->name);
			strcat(list, when);
		}
	}
	herald_diag_set_file(pl->diag, NULL);
	herald_error(pl->diag, "%zu inputs cannot go to one output with the %s "
	             "writer%s: give -o FOLDER%s%s%s", pl->njobs + pl->other_shards,
	             writer->name,
	             writer->writer_flags_for ? " and these options" : "",
	             *list ? " (writers that can concatenate: " : "", list,
	             *list ? ")" : "");
	return -1;
}

/* --- after converting ------------------------------------------------------------ */

static void report_job(batch_job *job, void *ctx)
{
	plan *pl = ctx;
	if (job->settled)   /* reported by an earlier pass (site.c) */
		return;
	if (pl->corpus)   /* (its output is a part of the corpus, not its own) */
		corpus_take(pl->corpus, job);
	/* a page read for the site's summary is reported once written */
	if (pl->settings->done && job->summary_pass && job->status == HERALD_OK)
		return;
	if (pl->settings->done) {
		herald_batch_result r = {
			.input = job->input,
			.output = job->output,
			.status = job->status,
			.up_to_date = job->skip_write,
			.messages = job->messages ? job->messages : "",
			.data = job->status == HERALD_OK ? job->buffer : NULL,
			.size = job->status == HERALD_OK ? job->buffer_len : 0,
		};
		if (job->status != HERALD_OK)
			pl->failures++;
		pl->settings->done(&r, pl->settings->ctx);
		free(job->messages);
		job->messages = NULL;
		free(job->buffer);
		job->buffer = NULL;
		return;
	}
	if (job->messages && *job->messages) {
		if (pl->settings->clear_progress)   /* (not glued to its line) */
			pl->settings->clear_progress(pl->settings->ctx);
		fputs(job->messages, stderr);   /* -q: errors only, see batch.c */
	}
	free(job->messages);
	job->messages = NULL;
	if (job->status != HERALD_OK)
		pl->failures++;
	if (job->status == HERALD_OK && job->buffer)
		fwrite(job->buffer, 1, job->buffer_len, stdout);
	free(job->buffer);
	job->buffer = NULL;
}

/* The jobs of this run (not another shard's). */
static size_t own_jobs(const plan *pl)
{
	size_t n = 0;
	for (size_t i = 0; i < pl->njobs; i++)
		n += !pl->jobs[i].foreign;
	return n;
}

static int listed_failure(const batch_job *job)
{
	/* (Documents not written for a full disk are counted in its
	 * message, not listed one by one; another shard's are its own.) */
	return job->status != HERALD_OK && !job->unwritten && !job->foreign;
}

static void print_summary(const plan *pl)
{
	size_t failed = 0, njobs = own_jobs(pl);
	for (size_t i = 0; i < pl->njobs; i++)
		failed += listed_failure(&pl->jobs[i]);
	/* Counted from the jobs themselves, so the count is what the list
	 * below shows; folders that could not be read are no documents and
	 * are counted apart. */
	if (!(failed && njobs > 1) && !pl->nunread)
		return;
	fprintf(stderr, "herald: ");
	if (failed || !pl->nunread)
		fprintf(stderr, "%zu of %zu document%s failed", failed, njobs,
		        njobs == 1 ? "" : "s");
	if (pl->nunread)
		fprintf(stderr, "%s%zu folder%s could not be read",
		        failed ? ", and " : "", pl->nunread,
		        pl->nunread == 1 ? "" : "s");
	fprintf(stderr, ":\n");
	char q[HERALD_QUOTE_SIZE];
	for (size_t i = 0; i < pl->njobs; i++)
		if (listed_failure(&pl->jobs[i]))
			fprintf(stderr, "  %s\n", pl->jobs[i].first_error &&
			        *pl->jobs[i].first_error ? pl->jobs[i].first_error
			        : herald_diag_quote(pl->jobs[i].input, q, sizeof(q)));
	for (size_t i = 0; i < pl->nunread; i++)
		fprintf(stderr, "  %s\n", pl->unread[i]);
}

/* A full disk stopped the run: said once, for the output, with how many
 * documents it left unwritten (each document that met it says nothing
 * more, see batch.c). */
static void report_full_disk(plan *pl, int err)
{
	size_t unwritten = 0;
	for (size_t i = 0; i < pl->njobs; i++)
		unwritten += pl->jobs[i].unwritten;
	herald_diag_set_file(pl->diag, pl->out_dir ? pl->out_dir : pl->o->output);
	size_t njobs = own_jobs(pl);
	herald_error(pl->diag, "%s; stopping (%zu of %zu document%s not written)",
	             strerror(err), unwritten, njobs, njobs == 1 ? "" : "s");
}

/* --- the site (site.c) --------------------------------------------------------------- */

/* What made the outputs, for the manifest: an output made with other
 * options is stale.  The options as the user spelled them (a change of
 * spelling only converts again, which errs on the safe side). */
static char *pipeline_signature(const batch_options *o)
{
	char *sig = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&sig, &len);
	if (!f)
		return NULL;
	fprintf(f, "reader=%s\nchain=%s\n", o->reader ? o->reader : "",
	        o->chain ? o->chain : "");
	for (size_t i = 0; i < o->ntransforms; i++)
		fprintf(f, "transform=%s\n", o->transforms[i]);
	fprintf(f, "writer=%s\nstandalone=%d\n", o->writer ? o->writer : "",
	        o->standalone);
	if (o->corpus)   /* (no manifest has it: corpus shards' summaries do) */
		fprintf(f, "corpus=1\n");
	fclose(f);
	return sig;
}

static site_config site_config_for(plan *pl, const char *sig)
{
	site_config c = {
		.out_dir = pl->out_dir,
		.index_pipe = pl->pipes[0],
		.diag = pl->diag,
		.update = pl->o->update,
		.fsync_mode = pl->o->fsync_mode,
		.tool_time = newest_tool(pl->reg),
		.signature = sig,
		.failures = &pl->failures,
		.step = pl->o->merge ? SITE_MERGE : !pl->o->shard.count ? SITE_WHOLE
		        : pl->o->summarize ? SITE_SUMMARIZE : SITE_PAGES,
		.shard_index = pl->o->shard.index,
		.shard_count = pl->o->shard.count,
		.part_size = -1,
	};
	return c;
}

static int convert_site(plan *pl, const batch_settings *s)
{
	char *sig = pipeline_signature(pl->o);
	site_config c = site_config_for(pl, sig ? sig : "");
	int full = site_convert(pl->jobs, pl->njobs, s, &c);
	free(sig);
	return full;
}

/* Any other writer into a folder: --update trusts the outputs' dates
 * only when the folder's manifest says the same options made them. */
static void update_plain(plan *pl)
{
	char *sig = pipeline_signature(pl->o);
	if (sig && (!pl->out_dir || site_manifest_matches(pl->out_dir, sig)))
		mark_up_to_date(pl);
	free(sig);
}

/* The manifest of any other writer; a shard's summary instead, which
 * --merge makes the manifest of; or that merge (-1: the set of
 * summaries is not complete, said). */
static int save_plain_manifest(plan *pl)
{
	char *sig = pipeline_signature(pl->o);
	site_config c = site_config_for(pl, sig ? sig : "");
	int rc = 0;
	if (pl->o->merge)
		rc = site_merge_manifest(pl->jobs, pl->njobs, &c);
	else if (pl->o->shard.count)
		site_save_shard_summary(pl->jobs, pl->njobs, &c);
	else
		site_save_manifest(pl->jobs, pl->njobs, &c);
	free(sig);
	return rc;
}

/* --- a corpus ---------------------------------------------------------------------- */

/* A writer with write_many only: every document kept, then written at
 * once. */
static void write_corpus(plan *pl)
{
	const herald_doc **docs = calloc(pl->njobs + 1, sizeof(*docs));
	size_t n = 0;
	for (size_t i = 0; docs && i < pl->njobs; i++)
		if (pl->jobs[i].doc)
			docs[n++] = pl->jobs[i].doc;
	herald_diag_set_file(pl->diag, pl->o->output);
	int rc = docs ? HERALD_OK : HERALD_ENOMEM;
	const char *target = pl->o->output;
	if (rc == HERALD_OK && (!target || strcmp(target, "-") == 0)) {
		rc = herald_pipeline_write_many(pl->pipes[0], docs, n, stdout, pl->diag);
	} else if (rc == HERALD_OK) {
		cli_atomic out;
		rc = cli_atomic_open(&out, target, pl->o->fsync_mode, pl->diag);
		if (rc == HERALD_OK) {
			rc = herald_pipeline_write_many(pl->pipes[0], docs, n,
			                                out.stream, pl->diag);
			if (rc == HERALD_OK)
				rc = cli_atomic_commit(&out, pl->diag);
			else
				cli_atomic_abort(&out);
		}
	}
	if (rc != HERALD_OK)
		pl->failures++;
	free(docs);
}

static int writes_parts(const plan *pl)
{
	return pl->o->corpus && herald_pipeline_writer(pl->pipes[0])->write_corpus_part;
}

/* Where a corpus's shard files go: beside the corpus file (-o FILE),
 * named after it.  *dir is malloc'd (NULL: out of memory, said). */
static site_config corpus_config(plan *pl, const char *sig, char **dir)
{
	const char *out = pl->o->output, *slash = strrchr(out, '/');
	site_config c = site_config_for(pl, sig);
	*dir = !slash ? strdup(".") : slash == out ? strdup("/")
	     : strndup(out, (size_t)(slash - out));
	c.out_dir = *dir;
	c.set_stem = slash ? slash + 1 : out;
	if (!*dir) {
		herald_diag_set_file(pl->diag, NULL);
		herald_error(pl->diag, "out of memory");
		pl->failures++;
	}
	return c;
}

/* The shard's part file, put in place, then its summary (which points
 * into it). */
static void save_corpus_shard(plan *pl, corpus_run *c)
{
	char *sig = pipeline_signature(pl->o), *dir;
	site_config config = corpus_config(pl, sig ? sig : "", &dir);
	config.part_size = c->size;
	if (corpus_commit_part(c) != HERALD_OK)
		pl->failures++;
	else if (dir)
		site_save_shard_summary(pl->jobs, pl->njobs, &config);
	free(dir);
	free(sig);
}

/* One run or a shard, with a writer that writes a corpus in parts
 * (corpus.h): each document's part taken as it is reported, then the
 * corpus, or the shard's part file and summary.  Returns batch_run's
 * full-disk errno, or 0. */
static int corpus_in_parts(plan *pl, batch_settings *s)
{
	const cli_shard *shard = &pl->o->shard;
	char *part = NULL, *dir = NULL;
	if (shard->count) {
		site_config c = corpus_config(pl, "", &dir);
		part = dir ? shard_set_path(dir, c.set_stem, shard->index,
		                            shard->count, "part") : NULL;
		free(dir);
		if (!part) {
			herald_error(pl->diag, "out of memory");
			pl->failures++;
			return 0;
		}
	}
	corpus_run c;
	int rc = corpus_begin(&c, pl->pipes[0], part, pl->o->fsync_mode, pl->diag);
	free(part);
	if (rc != HERALD_OK) {
		pl->failures++;
		return 0;
	}
	pl->corpus = &c;
	s->corpus_parts = 1;
	int full = batch_run(pl->jobs, pl->njobs, s);
	pl->corpus = NULL;
	if (full)
		corpus_abort(&c);
	else if (shard->count)
		save_corpus_shard(pl, &c);
	else if (corpus_finish(&c, pl->o->output, pl->o->fsync_mode) != HERALD_OK)
		pl->failures++;
	return full;
}

/* --merge --corpus: the corpus from the shards' parts, reading no
 * input; the shard files removed.  0, or -1 when the set of summaries
 * and parts is not complete and right (said, nothing written). */
static int merge_corpus(plan *pl)
{
	char *sig = pipeline_signature(pl->o), *dir;
	site_config config = corpus_config(pl, sig ? sig : "", &dir);
	shard_set set;
	int rc = dir ? site_load_shards(pl->jobs, pl->njobs, &config, &set) : -2;
	if (rc == 0) {
		size_t failures = pl->failures;   /* (inputs that failed counted) */
		int w = corpus_merge(pl->jobs, pl->njobs, &set, pl->pipes[0],
		                     pl->o->output, pl->o->fsync_mode, pl->diag);
		if (w == CORPUS_REFUSED)
			rc = -1;
		else if (w != HERALD_OK)
			pl->failures++;
		else if (pl->failures == failures && shard_set_remove(&set, pl->diag) != 0)
			pl->failures++;
	}
	if (dir)
		shard_set_close(&set);
	free(dir);
	free(sig);
	return rc == -1 ? -1 : 0;
}

/* --- the whole run ------------------------------------------------------------------ */

static int prepare_folder(plan *pl)
{
	char *marker = cli_join_path(pl->out_dir, ".");
	herald_diag_set_file(pl->diag, pl->out_dir);
	int ok = marker != NULL;
	if (ok && !cli_is_dir(pl->out_dir) &&
	    cli_make_parents(marker, 0777, pl->o->fsync_mode != HERALD_FSYNC_NONE) != 0)
		ok = 0;
	/* An existing file of that name: mkdir said EEXIST, and access()
	 * would then blame permissions. */
	if (ok && !cli_is_dir(pl->out_dir)) {
		errno = ENOTDIR;
		ok = 0;
	}
	if (!ok || access(pl->out_dir, W_OK | X_OK) != 0) {
		herald_error(pl->diag, "cannot write to this folder: %s",
		             strerror(errno));
		ok = 0;
	}
	free(marker);
	return ok ? 0 : -1;
}

static long online_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? n : 1;
}

static void plan_free(plan *pl)
{
	for (size_t i = 0; i < pl->npreparers; i++)
		pthread_join(pl->preparers[i], NULL);
	free(pl->preparers);
	for (size_t i = 0; i < pl->njobs; i++)
		batch_job_clear(&pl->jobs[i]);
	free(pl->jobs);
	for (size_t i = 0; i < pl->npipes; i++)
		herald_pipeline_free(pl->pipes[i]);
	free(pl->pipes);
	free(pl->pipe_readers);
	for (size_t i = 0; i < pl->nunread; i++)
		free(pl->unread[i]);
	free(pl->unread);
	free(pl->visited);
}

/* --summarize and --merge: the steps of a sharded run (doc/archives.md,
 * "Shards"), each where it means something. */
static int check_steps(plan *pl)
{
	const batch_options *o = pl->o;
	int site = is_site(pl, pl->pipes[0]);
	const char *why = NULL;
	if (o->merge && o->shard.count)
		why = "--merge is the step after every shard: it takes no --shard";
	else if (is_sharded_corpus(o) && !writes_parts(pl))
		why = "--corpus: this writer cannot write a corpus in parts "
		      "(write_corpus_part), so its corpus cannot be sharded";
	else if (is_sharded_corpus(o) && (!o->output || strcmp(o->output, "-") == 0 ||
	                                  cli_is_dir(o->output)))
		why = "--corpus with --shard or --merge: give -o FILE, the corpus "
		      "file (its shards' files go beside it)";
	else if (o->merge && !pl->out_dir && !o->corpus)
		why = "--merge builds an output folder's archive-wide files from "
		      "its shards' summaries: give -o FOLDER";
	else if (o->summarize && (!o->shard.count || !site))
		why = !o->shard.count ? "--summarize is a step of a sharded run: "
		      "give --shard K/N"
		    : "--summarize is for a site (a site writer, html or markdown, "
		      "with -o FOLDER): the shards of other writers write their "
		      "summaries as they convert";
	if (!why)
		return 0;
	herald_diag_set_file(pl->diag, NULL);
	herald_error(pl->diag, "%s", why);
	return -1;
}

/* Everything that can be refused before any conversion starts. */
static int check_plan(plan *pl)
{
	if (pl->usage_error)
		return HERALD_EXIT_USAGE;
	if (pl->njobs + pl->other_shards == 0) {
		herald_diag_set_file(pl->diag, NULL);
		herald_error(pl->diag, "no input files found");
		return HERALD_EXIT_FAILURE;
	}
	const herald_plugin *w = herald_pipeline_writer(pl->pipes[0]);
	if (pl->o->corpus && !w->write_many) {
		herald_diag_set_file(pl->diag, NULL);
		herald_error(pl->diag, "--corpus: the %s writer cannot put several "
		             "documents in one output", w->name);
		return HERALD_EXIT_USAGE;
	}
	if (check_steps(pl) != 0 || check_stdout(pl, w) != 0 ||
	    check_outputs(pl) != 0)
		return HERALD_EXIT_USAGE;
	if (pl->out_dir && prepare_folder(pl) != 0)
		return HERALD_EXIT_FAILURE;
	return -1;
}

/* Where the run's temporary files go: the output folder and the tree
 * below it (*recursive), or the output file's folder; NULL for standard
 * output (or out of memory).  malloc'd. */
static char *temporaries_place(const plan *pl, int *recursive)
{
	*recursive = pl->out_dir != NULL;
	if (pl->out_dir)
		return strdup(pl->out_dir);
	if (!pl->o->output || strcmp(pl->o->output, "-") == 0)
		return NULL;
	const char *slash = strrchr(pl->o->output, '/');
	return !slash ? strdup(".") : slash == pl->o->output ? strdup("/")
	       : strndup(pl->o->output, (size_t)(slash - pl->o->output));
}

/* A run killed mid-write (SIGKILL, a crash, a power cut) leaves its
 * temporary files behind; the next run into the same place removes
 * them, --update or not (not a shard's: other shards' may be live
 * elsewhere).  One interrupted (SIGINT, SIGTERM, SIGHUP) removes its
 * own, when asked to. */
static void clean_temporaries(plan *pl, time_t started)
{
	int recursive;
	char *dir = temporaries_place(pl, &recursive);
	if (!dir)
		return;
	herald_diag_set_file(pl->diag, dir);
	if (!pl->o->shard.count)
		cli_clean_stale(dir, recursive, started, pl->diag);
	if (pl->o->clean_on_signals)
		pl->cleans_on_signals = cli_clean_on_signals(dir, recursive) == 0;
	free(dir);
}

/* The whole run, once the plan holds its options: a HERALD_EXIT_*. */
static int batch_convert(plan *pl)
{
	const batch_options *o = pl->o;
	time_t started = time(NULL);
	pl->out_dir = cli_output_folder(o);
	collect_inputs(pl);
	int status = check_plan(pl);
	if (status >= 0)
		return status;
	clean_temporaries(pl, started);
	/* (a shard writes a part of it: site.c's steps) */
	int site = is_site(pl, pl->pipes[0]);
	if (o->update && !site)   /* (a site asks its manifest) */
		update_plain(pl);
	int parts = writes_parts(pl);
	batch_settings s = {
		/* (one document needs one thread: no sysfs read to count cores) */
		.workers = o->jobs ? o->jobs : pl->njobs > 1 ? online_cores() : 1,
		.progress = pl->njobs > 1 ? pl->settings->progress : NULL,
		.progress_ctx = pl->settings->ctx,
		.keep_docs = o->corpus && !parts,
		.quiet = o->quiet,
		.want_summary = site,
		.fsync_mode = o->fsync_mode,
		.top = pl->out_dir,
		.done = report_job,
		.ctx = pl,
		.stream_stdout = !pl->settings->done,
	};
	/* (--merge of other writers converts nothing: the manifest only) */
	int full = site ? convert_site(pl, &s)
	         : o->merge && o->corpus ? merge_corpus(pl)
	         : o->merge ? 0
	         : parts ? corpus_in_parts(pl, &s)
	         : batch_run(pl->jobs, pl->njobs, &s);
	if (full > 0)
		report_full_disk(pl, full);
	else if (full == 0 && o->corpus && !parts)
		write_corpus(pl);
	else if (full == 0 && pl->out_dir && !site)
		full = save_plain_manifest(pl);
	if (full < 0)   /* the shards' summaries are not one complete set */
		return HERALD_EXIT_USAGE;
	if (!pl->settings->done)
		print_summary(pl);
	return pl->failures || pl->nunread ? HERALD_EXIT_FAILURE : HERALD_EXIT_OK;
}

/* --- the public side: herald/batch.h ---------------------------------------- */

struct herald_batch {
	herald_batch_settings settings;   /* its strings are in o */
	batch_options o;
	plan pl;
	int ran;
};

static int copy_string(const char **to, const char *from)
{
	*to = NULL;
	return from && !(*to = strdup(from)) ? -1 : 0;
}

/* Settings added after the first release live in the room kept for
 * them (batch.h): where two ints fill one pointer's place, the struct
 * must keep the size programs built against the first release allocate. */
_Static_assert(2 * sizeof(int) != sizeof(void *) ||
               sizeof(herald_batch_settings) ==
               offsetof(herald_batch_settings, summarize) + 4 * sizeof(void *),
               "herald_batch_settings changed its size");

herald_batch *herald_batch_new(herald_registry *reg,
                               const herald_batch_settings *settings)
{
	herald_batch *b = calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	b->settings = *settings;
	batch_options *o = &b->o;
	int bad = copy_string(&o->chain, settings->chain) |
	          copy_string(&o->reader, settings->reader) |
	          copy_string(&o->writer, settings->writer) |
	          copy_string(&o->output, settings->output);
	size_t n = 0;
	while (settings->transforms && settings->transforms[n])
		n++;
	o->transforms = calloc(n + 1, sizeof(*o->transforms));
	bad |= !o->transforms;
	for (size_t i = 0; !bad && i < n; i++, o->ntransforms++)
		bad |= copy_string(&o->transforms[i], settings->transforms[i]);
	o->jobs = settings->workers;
	o->fsync_mode = settings->fsync;
	o->standalone = settings->standalone;
	o->recursive = settings->recursive;
	o->dereference = settings->dereference;
	o->quiet = settings->quiet;
	o->update = settings->update;
	o->corpus = settings->corpus;
	o->shard.index = settings->shard_index;
	o->shard.count = settings->shard_count;
	o->summarize = settings->summarize;
	o->merge = settings->merge;
	o->clean_on_signals = settings->clean_on_signals;
	b->pl = (plan){ .o = o, .settings = &b->settings, .reg = reg };
	if (bad) {
		herald_batch_free(b);
		return NULL;
	}
	return b;
}

void herald_batch_free(herald_batch *b)
{
	if (!b)
		return;
	plan_free(&b->pl);
	batch_options *o = &b->o;
	free((char *)o->chain);
	free((char *)o->reader);
	free((char *)o->writer);
	free((char *)o->output);
	for (size_t i = 0; i < o->ntransforms; i++)
		free((char *)o->transforms[i]);
	free(o->transforms);
	for (size_t i = 0; i < o->nfiles; i++)
		free((char *)o->files[i]);
	free(o->files);
	free(b);
}

int herald_batch_add(herald_batch *b, const char *path)
{
	batch_options *o = &b->o;
	const char **grown = realloc(o->files, (o->nfiles + 1) * sizeof(*grown));
	if (!grown)
		return HERALD_ENOMEM;
	o->files = grown;
	if (!(o->files[o->nfiles] = strdup(path)))
		return HERALD_ENOMEM;
	o->nfiles++;
	return HERALD_OK;
}

herald_pipeline *herald_batch_pipeline(herald_batch *b, const char *reader,
                                       herald_diag *diag)
{
	b->pl.diag = diag;
	if (!reader)
		reader = reader_for(&b->pl, "-");
	herald_pipeline *pipe = pipeline_for(&b->pl, reader);
	herald_diag_set_file(diag, NULL);
	return pipe;
}

int herald_batch_run(herald_batch *b, herald_diag *diag)
{
	if (b->ran) {
		herald_error(diag, "a batch runs once");
		return HERALD_EUSAGE;
	}
	b->ran = 1;
	b->pl.diag = diag;
	int status = batch_convert(&b->pl);
	if (b->pl.cleans_on_signals)
		cli_clean_on_signals_end();
	herald_diag_set_file(diag, NULL);
	if (status == HERALD_EXIT_USAGE)
		return HERALD_EUSAGE;
	if (status == HERALD_EXIT_OK)
		return HERALD_OK;
	for (size_t i = 0; i < b->pl.njobs; i++)
		if (b->pl.jobs[i].status != HERALD_OK)
			return HERALD_EINPUT;
	return HERALD_EIO;
}
