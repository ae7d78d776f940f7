/* exec.c - the exec transform: each document through an external
 * filter, a program in any language that reads herald's JSON model on
 * its standard input and writes the (changed) model on its output.
 *
 * The JSON is the json plugin's: exec loads the json module through the
 * public registry and pipeline API (its writer for the filter's input,
 * its reader for the filter's output) instead of linking its code, so
 * the filter sees exactly what `-t json` writes and its output is held to
 * the json reader's rules (doc/json.md).  The document read back then
 * replaces the document's metadata and tree (replace.c).
 *
 * Options (parsed once in open(); see doc/plugins.md, "External
 * filters"):
 *   cmd=COMMAND     the filter: split into words like a POSIX shell
 *                   would, without expansions (words.h), and run with
 *                   posix_spawnp; with shell=true, run by /bin/sh -c
 *   shell=BOOL      false
 *   timeout=SECS    60; 0 for none
 *   max-output=MIB  1024: more output than this is an error
 * transform() keeps everything per document on its stack, so it may run
 * in several threads at once, each with its own filter process.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1   /* sigabbrev_np, stpcpy */
#endif
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <herald/pipeline.h>
#include <herald/plugin.h>

#include "replace.h"
#include "run.h"
#include "words.h"

#define MAX_OUTPUT_MIB_LIMIT (1L << 20)   /* a tebibyte: sizes stay in size_t */

static const herald_option exec_options[] = {
	{ .name = "cmd", .type = HERALD_OPT_STRING,
	  .help = "the filter command: words split as a shell would, no expansions "
	  "(required)" },
	{ .name = "shell", .type = HERALD_OPT_BOOL, .default_value = "false",
	  .help = "run cmd with /bin/sh -c (pipes, variables, globs)" },
	{ .name = "timeout", .type = HERALD_OPT_INT, .default_value = "60",
	  .help = "seconds the filter may take per document; 0: no limit" },
	{ .name = "max-output", .type = HERALD_OPT_INT, .default_value = "1024",
	  .help = "MiB of output the filter may write per document" },
	{ 0 }
};

typedef struct exec_state {
	char *cmd;                /* as given, for messages */
	char **argv;
	int search_path;
	long timeout;
	size_t max_output;
	herald_registry *registry;  /* holds the json module */
	herald_pipeline *json;      /* json reader and json writer */
} exec_state;

static void exec_close(void *state)
{
	exec_state *st = state;
	if (!st)
		return;
	herald_pipeline_free(st->json);
	herald_registry_free(st->registry);
	exec_words_free(st->argv);
	free(st->cmd);
	free(st);
}

/* libtool's table of the modules linked into the program: there only in
 * a static herald (configure --disable-shared), where the bundled json
 * plugin is one of them; a weak reference, so it is NULL elsewhere. */
extern const char lt__PROGRAM__LTX_preloaded_symbols[] __attribute__((weak));

/* A static herald's built-in json module; messages go to a diag of its
 * own, since herald reported the same modules' problems already. */
static int load_builtin_json(exec_state *st)
{
	herald_diag *quiet;
	if (!lt__PROGRAM__LTX_preloaded_symbols || !(quiet = herald_diag_new(NULL)))
		return 0;
	herald_registry_add_preloaded(st->registry,
	                              lt__PROGRAM__LTX_preloaded_symbols, quiet);
	herald_diag_free(quiet);
	return herald_registry_find(st->registry, "json", HERALD_ROLE_READER) &&
	       herald_registry_find(st->registry, "json", HERALD_ROLE_WRITER);
}

/* The json module, from the first directory of the plugin search path
 * that has it (as herald itself would find it). */
static int load_json_file(exec_state *st, herald_diag *diag)
{
	static const char *const files[] = { "json.la", "json.so" };
	char *path = herald_plugin_search_path(NULL);
	int found = 0;

	if (!path)
		return 0;
	for (char *dir = strtok(path, ":"); dir && !found;
	     dir = strtok(NULL, ":"))
		for (size_t i = 0; i < 2 && !found; i++) {
			char file[PATH_MAX];
			FILE *probe;
			snprintf(file, sizeof(file), "%s/%s", dir, files[i]);
			if ((probe = fopen(file, "re")) == NULL)
				continue;
			fclose(probe);
			found = herald_registry_load_file(st->registry, file,
			                                  diag) == HERALD_OK;
		}
	free(path);
	return found;
}

/* A registry of exec's own holding the json module, and a pipeline of
 * its reader and writer. */
static int load_json_module(exec_state *st, herald_diag *diag)
{
	if (!(st->registry = herald_registry_new())) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	int found = load_builtin_json(st) || load_json_file(st, diag);
	if (!found || !(st->json = herald_pipeline_new(st->registry)) ||
	    herald_pipeline_set_reader(st->json, "json", diag) ||
	    herald_pipeline_set_writer(st->json, "json", diag)) {
		herald_error(diag, "the json plugin is needed and was not "
		             "found in the plugin path");
		return HERALD_EPLUGIN;
	}
	return HERALD_OK;
}

static int parse_command(exec_state *st, const herald_options *opts,
                         herald_diag *diag)
{
	char quoted[HERALD_QUOTE_SIZE];
	const char *cmd = herald_options_value(opts, "cmd");

	if (!cmd || !*cmd) {
		herald_error(diag, "cmd is required: -x exec:cmd='PROGRAM "
		             "ARGS...'");
		return HERALD_EUSAGE;
	}
	if (!(st->cmd = strdup(cmd)))
		return HERALD_ENOMEM;
	herald_diag_quote(cmd, quoted, sizeof(quoted));
	if (herald_options_bool(opts, "shell")) {
		static const char *const sh[] = { "/bin/sh", "-c" };
		if (!(st->argv = calloc(4, sizeof(char *))) ||
		    !(st->argv[0] = malloc(strlen(sh[0]) + strlen(sh[1]) +
		                           strlen(cmd) + 3)))
			return HERALD_ENOMEM;
		/* One block, as exec_words_split() makes it. */
		st->argv[1] = stpcpy(st->argv[0], sh[0]) + 1;
		st->argv[2] = stpcpy(st->argv[1], sh[1]) + 1;
		strcpy(st->argv[2], cmd);
		return HERALD_OK;
	}
	const char *why = exec_words_split(cmd, &st->argv);
	if (why) {
		herald_error(diag, "cannot split cmd '%s' into words: %s",
		             quoted, why);
		return strcmp(why, "out of memory") ? HERALD_EUSAGE : HERALD_ENOMEM;
	}
	st->search_path = 1;
	return HERALD_OK;
}

static int open_state(exec_state *st, const herald_options *opts,
                      herald_diag *diag)
{
	long mib = herald_options_int(opts, "max-output");
	int rc;

	st->timeout = herald_options_int(opts, "timeout");
	if (st->timeout < 0) {
		herald_error(diag, "timeout must be 0 (none) or a number of "
		             "seconds, not %ld", st->timeout);
		return HERALD_EUSAGE;
	}
	if (mib < 1 || mib > MAX_OUTPUT_MIB_LIMIT) {
		herald_error(diag, "max-output must be from 1 to %ld MiB, "
		             "not %ld", MAX_OUTPUT_MIB_LIMIT, mib);
		return HERALD_EUSAGE;
	}
	st->max_output = (size_t)mib << 20;
	if ((rc = parse_command(st, opts, diag)) != HERALD_OK) {
		if (rc == HERALD_ENOMEM)
			herald_error(diag, "out of memory");
		return rc;
	}
	return load_json_module(st, diag);
}

/* The pipeline does not call close() when open() fails: free it here. */
static int exec_open(const herald_options *opts, void **state,
                     herald_diag *diag)
{
	exec_state *st = calloc(1, sizeof(*st));
	int rc;

	*state = NULL;
	if (!st) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	if ((rc = open_state(st, opts, diag)) != HERALD_OK) {
		exec_close(st);
		return rc;
	}
	*state = st;
	return HERALD_OK;
}

/* --- one document ---------------------------------------------------------- */

struct feed_arg {
	const exec_state *st;
	const herald_doc *doc;
	herald_diag *diag;          /* the writer's, kept apart */
};

static int feed_json(FILE *to_child, void *arg)
{
	struct feed_arg *a = arg;
	return herald_pipeline_write(a->st->json, a->doc, to_child, a->diag);
}

/* How the filter ended, when that was a failure: 1 after reporting it. */
static int report_ending(const exec_state *st, const exec_result *res,
                         const char *quoted, herald_diag *diag)
{
	if (res->timed_out) {
		herald_error(diag, "filter '%s' took more than %ld s "
		             "(timeout=%ld); it was killed", quoted, st->timeout,
		             st->timeout);
	} else if (res->too_big) {
		herald_error(diag, "filter '%s' wrote more than %zu MiB "
		             "(max-output); it was killed", quoted,
		             st->max_output >> 20);
	} else if (res->io_errno) {
		herald_error(diag, "talking to filter '%s' failed: %s",
		             quoted, strerror(res->io_errno));
	} else if (WIFSIGNALED(res->status)) {
		int sig = WTERMSIG(res->status);
		const char *name = sigabbrev_np(sig);
		herald_error(diag, "filter '%s' was killed by signal %d "
		             "(SIG%s)", quoted, sig, name ? name : "?");
	} else if (WIFEXITED(res->status) && WEXITSTATUS(res->status) != 0) {
		herald_error(diag, "filter '%s' failed (exit status %d)",
		             quoted, WEXITSTATUS(res->status));
	} else if (res->size == 0) {
		herald_error(diag, "filter '%s' wrote nothing: a filter "
		             "writes the document back as JSON%s", quoted,
		             res->input_closed ? " (it did not read its input)" : "");
	} else {
		return 0;
	}
	return 1;
}

/* The json reader's first error, reworded: its position is in the
 * filter's output, not in the document's file. */
static void report_bad_output(const char *quoted, herald_diag *inner,
                              herald_diag *diag)
{
	const char *msg = herald_diag_first_error(inner);
	unsigned long line = 0, col = 0;
	int skip = 0;
	char where[64] = "";

	if (strncmp(msg, "output:", 7) == 0) {
		msg += 7;
		if (sscanf(msg, "%lu:%lu: %n", &line, &col, &skip) == 2 && skip)
			snprintf(where, sizeof(where), " (line %lu, column %lu)",
			         line, col);
		else if (sscanf(msg, "%lu: %n", &line, &skip) == 1 && skip)
			snprintf(where, sizeof(where), " (line %lu)", line);
		else
			skip = *msg == ' ';
		msg += skip;
	}
	if (strncmp(msg, "error: ", 7) == 0)
		msg += 7;
	if (strncmp(msg, "json: ", 6) == 0)   /* the stage: said as "invalid" */
		msg += 6;
	herald_error(diag, "filter '%s' wrote an invalid document%s: %s",
	             quoted, where, msg);
}

/* The filter's output read back into doc; the output is freed as soon
 * as it is parsed, before the copy, so that the peak holds two
 * documents and one JSON text, not two documents and two JSON texts. */
static int read_back(const exec_state *st, herald_doc *doc,
                     exec_result *res, const char *quoted,
                     herald_diag *diag)
{
	herald_diag *inner = herald_diag_new(NULL);
	const char *source = herald_doc_meta(doc, HERALD_META_SOURCE);
	herald_input in = { source ? source : "-",
	                    (const unsigned char *)res->output, res->size };
	herald_doc *back = NULL;
	int rc;

	if (!inner) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	herald_diag_set_file(inner, "output");
	rc = herald_pipeline_read(st->json, &in, &back, inner);
	free(res->output);
	res->output = NULL;
	if (rc != HERALD_OK) {
		report_bad_output(quoted, inner, diag);
		rc = rc == HERALD_ENOMEM ? rc : HERALD_EINPUT;
	} else if ((rc = exec_doc_replace(doc, back)) != HERALD_OK) {
		herald_error(diag, "out of memory");
	}
	herald_doc_free(back);
	herald_diag_free(inner);
	return rc;
}

static int exec_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	const exec_state *st = state;
	char quoted[HERALD_QUOTE_SIZE];
	herald_diag *wdiag = herald_diag_new(NULL);
	struct feed_arg arg = { st, doc, wdiag };
	exec_request req = { st->argv, st->search_path, st->timeout,
	                     st->max_output, feed_json, &arg };
	exec_result res;
	int rc;

	herald_diag_quote(st->cmd, quoted, sizeof(quoted));
	if (!wdiag) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	if (exec_run(&req, &res) < 0) {
		herald_error(diag, "cannot run filter '%s': %s", quoted,
		             strerror(res.spawn_errno));
		rc = HERALD_EPLUGIN;
	} else if (report_ending(st, &res, quoted, diag)) {
		rc = HERALD_EPLUGIN;
	} else if (res.feed_status != HERALD_OK && !res.input_closed) {
		herald_error(diag, "writing the document to filter '%s' "
		             "failed: %s", quoted, herald_diag_first_error(wdiag));
		rc = res.feed_status;
	} else {
		rc = read_back(st, doc, &res, quoted, diag);
	}
	free(res.output);
	herald_diag_free(wdiag);
	return rc;
}

HERALD_PLUGIN(exec) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "exec",
	.version = "1.0",
	.description = "pipes each document's JSON model through an external "
	               "filter program",
	.roles = HERALD_ROLE_TRANSFORM,
	.options = exec_options,
	.open = exec_open,
	.close = exec_close,
	.transform = exec_transform,
};
