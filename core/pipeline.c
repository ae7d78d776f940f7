/* pipeline.c - one reader, transforms in order, one writer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <herald/pipeline.h>
#include <herald/text.h>

#include "doc_ids.h"
#include "doc_input.h"
#include "names.h"
#include "options.h"
#include "stdout_guard.h"

typedef struct stage {
	const herald_plugin *plugin;
	herald_options *options;
	void *state;
	int opened;
} stage;

struct herald_pipeline {
	herald_registry *reg;
	stage reader;
	stage writer;
	unsigned writer_flags;     /* for the writer's options */
	stage *transforms;
	size_t ntransforms;
};

herald_pipeline *herald_pipeline_new(herald_registry *reg)
{
	herald_pipeline *pipe = calloc(1, sizeof(*pipe));
	if (pipe)
		pipe->reg = reg;
	return pipe;
}

static void stage_close(stage *s)
{
	if (s->opened && s->plugin->close)
		s->plugin->close(s->state);
	options_free(s->options);
	memset(s, 0, sizeof(*s));
}

void herald_pipeline_free(herald_pipeline *pipe)
{
	if (!pipe)
		return;
	stage_close(&pipe->reader);
	for (size_t i = 0; i < pipe->ntransforms; i++)
		stage_close(&pipe->transforms[i]);
	stage_close(&pipe->writer);
	free(pipe->transforms);
	free(pipe);
}

static const char *role_word(herald_role role)
{
	switch (role) {
	case HERALD_ROLE_READER: return "reader";
	case HERALD_ROLE_TRANSFORM: return "transform";
	default: return "writer";
	}
}

/* The reader that takes files named *.ext (a name given for a reader,
 * such as "markdown" or "html", is often one), or NULL. */
static const herald_plugin *reader_of_extension(const herald_registry *reg,
                                                const char *ext)
{
	for (size_t i = 0; i < herald_registry_count(reg); i++) {
		const herald_plugin *p = herald_registry_plugin(reg, i);
		for (size_t k = 0; (p->roles & HERALD_ROLE_READER) && p->extensions &&
		                   p->extensions[k]; k++)
			if (strcasecmp(p->extensions[k], ext) == 0)
				return p;
	}
	return NULL;
}

/* "unknown reader 'x' (available: a, b)", and which reader takes files
 * named *.x when one does. */
static void report_unknown_plugin(const herald_registry *reg, const char *name,
                                  herald_role role, herald_diag *diag)
{
	char list[512] = "";
	size_t used = 0;
	for (size_t i = 0; i < herald_registry_count(reg); i++) {
		const herald_plugin *p = herald_registry_plugin(reg, i);
		if (!(p->roles & role))
			continue;
		int n = snprintf(list + used, sizeof(list) - used, "%s%s",
		                 used ? ", " : "", p->name);
		if (n < 0 || (size_t)n >= sizeof(list) - used)
			break;
		used += (size_t)n;
	}
	const herald_plugin *by_extension = role == HERALD_ROLE_READER
	                                    ? reader_of_extension(reg, name) : NULL;
	if (by_extension)
		herald_error(diag, "unknown reader '%s' (available: %s); files named "
		             ".%s are read by %s", name, list, name, by_extension->name);
	else
		herald_error(diag, "unknown %s '%s' (available: %s)", role_word(role),
		             name, used ? list : "none found; check --plugin-path");
}

/* Name p as the stage of diag's messages while its callback runs; the
 * previous stage is returned to put back with herald_diag_set_stage(). */
static const char *enter_stage(herald_diag *diag, const herald_plugin *p)
{
	const char *previous = herald_diag_stage(diag);
	herald_diag_set_stage(diag, p->name);
	return previous;
}

/* A plugin that failed without saying why still gets a message, so that
 * no failure is ever silent. */
static int failed(const herald_plugin *p, int rc, size_t errors_before,
                  herald_diag *diag)
{
	if (herald_diag_count(diag, HERALD_ERROR) == errors_before)
		herald_error(diag, "%s failed (status %d)", p->name, rc);
	return rc < 0 ? rc : HERALD_EPLUGIN;
}

/* After the reader or a transform p returned rc: its failure, else what
 * it printed on standard output (when guarded), else, when a transform
 * comes next, ids for the nodes p added (all of them after a reader):
 * fixed before anything can remove or move one.  After the last stage
 * the nodes still without one get it on the first herald_node_id(),
 * from the same tree: a writer that prints no ids costs no numbering. */
static int after_stage(const herald_plugin *p, int rc, size_t errors_before,
                       int transform_next, herald_doc *doc, herald_diag *diag)
{
	int printed = stdout_guard_check(p, diag);
	if (rc)
		return failed(p, rc, errors_before, diag);
	if (printed)
		return printed;
	if (!transform_next || doc_give_ids(doc) == HERALD_OK)
		return HERALD_OK;
	herald_error(diag, "out of memory giving ids after %s", p->name);
	return HERALD_ENOMEM;
}

/* Resolve spec to a plugin with role, parse its options and open it. */
static int stage_open(herald_registry *reg, const char *spec, herald_role role,
                      stage *out, herald_diag *diag)
{
	char *name;
	const char *args;
	int rc = spec_split(spec, &name, &args, diag);
	if (rc)
		return rc;
	stage s = { 0 };
	s.plugin = herald_registry_find(reg, name, role);
	if (!s.plugin) {
		report_unknown_plugin(reg, name, role, diag);
		free(name);
		return HERALD_EUSAGE;
	}
	free(name);
	rc = options_parse(s.plugin, spec, args, &s.options, diag);
	if (rc)
		return rc;
	if (s.plugin->open) {
		size_t errors = herald_diag_count(diag, HERALD_ERROR);
		const char *previous = enter_stage(diag, s.plugin);
		rc = s.plugin->open(s.options, &s.state, diag);
		herald_diag_set_stage(diag, previous);
		if (rc) {
			options_free(s.options);
			return failed(s.plugin, rc, errors, diag);
		}
	}
	s.opened = 1;
	*out = s;
	return HERALD_OK;
}

/* Open spec into *slot, closing what the slot held only on success. */
static int replace_stage(herald_pipeline *pipe, stage *slot, const char *spec,
                         herald_role role, herald_diag *diag)
{
	stage s;
	int rc = stage_open(pipe->reg, spec, role, &s, diag);
	if (rc == HERALD_OK) {
		stage_close(slot);
		*slot = s;
	}
	return rc;
}

int herald_pipeline_set_reader(herald_pipeline *pipe, const char *spec,
                               herald_diag *diag)
{
	return replace_stage(pipe, &pipe->reader, spec, HERALD_ROLE_READER, diag);
}

int herald_pipeline_set_writer(herald_pipeline *pipe, const char *spec,
                               herald_diag *diag)
{
	int rc = replace_stage(pipe, &pipe->writer, spec, HERALD_ROLE_WRITER,
	                       diag);
	if (rc == HERALD_OK) {
		const stage *w = &pipe->writer;
		pipe->writer_flags = w->plugin->writer_flags_for
		                     ? w->plugin->writer_flags_for(w->state)
		                     : w->plugin->writer_flags;
	}
	return rc;
}

int herald_pipeline_add_transform(herald_pipeline *pipe, const char *spec,
                                  herald_diag *diag)
{
	stage s;
	int rc = stage_open(pipe->reg, spec, HERALD_ROLE_TRANSFORM, &s, diag);
	if (rc)
		return rc;
	stage *grown = realloc(pipe->transforms,
	                       (pipe->ntransforms + 1) * sizeof(*grown));
	if (!grown) {
		stage_close(&s);
		return HERALD_ENOMEM;
	}
	pipe->transforms = grown;
	pipe->transforms[pipe->ntransforms++] = s;
	return HERALD_OK;
}

/* Trim spaces around one stage of a chain. */
static char *trimmed(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return strndup(s, len);
}

/* The number of stages of chain, '!' inside a quoted value not counting;
 * 0 (reported) when its quotes are malformed. */
static size_t count_stages(const char *chain, herald_diag *diag)
{
	size_t nstages = 0;
	const char *p = chain;
	for (;;) {
		size_t len;
		spec_problem pb;
		if (spec_span(p, "!", &len, &pb)) {
			pb.at += (size_t)(p - chain);
			spec_report(diag, "pipeline ", chain, &pb);
			return 0;
		}
		nstages++;
		if (p[len] != '!')
			return nstages;
		p += len + 1;
	}
}

int herald_pipeline_parse(herald_pipeline *pipe, const char *chain,
                          herald_diag *diag)
{
	size_t nstages = count_stages(chain, diag);
	if (nstages == 0)
		return HERALD_EUSAGE;
	if (nstages < 2) {
		herald_error(diag, "pipeline '%s' needs at least a reader and a "
		             "writer: 'reader ! writer'", chain);
		return HERALD_EUSAGE;
	}
	const char *p = chain;
	int rc = HERALD_OK;
	for (size_t i = 0; i < nstages && rc == HERALD_OK; i++) {
		size_t len;
		spec_problem pb;
		spec_span(p, "!", &len, &pb);   /* checked by count_stages() */
		char *spec = trimmed(p, len);
		if (!spec)
			return HERALD_ENOMEM;
		if (!*spec) {
			herald_error(diag, "pipeline '%s' has an empty stage", chain);
			rc = HERALD_EUSAGE;
		} else if (i == 0) {
			rc = herald_pipeline_set_reader(pipe, spec, diag);
		} else if (i == nstages - 1) {
			rc = herald_pipeline_set_writer(pipe, spec, diag);
		} else {
			rc = herald_pipeline_add_transform(pipe, spec, diag);
		}
		free(spec);
		p += len + (p[len] == '!');
	}
	return rc;
}

const herald_plugin *herald_pipeline_reader(const herald_pipeline *pipe)
{
	return pipe->reader.plugin;
}

const herald_plugin *herald_pipeline_writer(const herald_pipeline *pipe)
{
	return pipe->writer.plugin;
}

unsigned herald_pipeline_writer_flags(const herald_pipeline *pipe)
{
	return pipe->writer.plugin ? pipe->writer_flags : 0;
}

/* A name that stays in its folder and is not hidden (hidden files are
 * herald's temporaries, and -r skips them). */
static int is_plain_file_name(const char *name)
{
	return name && *name && *name != '.' && !strchr(name, '/');
}

int herald_pipeline_index_name(const herald_pipeline *pipe, char *buf,
                               size_t size)
{
	const herald_plugin *w = pipe->writer.plugin;
	const char *own = w && w->index_name ? w->index_name(pipe->writer.state)
	                                     : NULL;
	int len;

	if (size == 0)
		return HERALD_EUSAGE;
	buf[0] = '\0';
	if (!w)
		return HERALD_EUSAGE;
	if (is_plain_file_name(own))
		len = snprintf(buf, size, "%s", own);
	else
		len = snprintf(buf, size, "index.%s",
		               w->output_extension ? w->output_extension : "out");
	if (len < 0 || (size_t)len >= size) {
		buf[0] = '\0';
		return HERALD_EUSAGE;
	}
	return HERALD_OK;
}

static void stage_prepare(const stage *s)
{
	if (s->opened && s->plugin->prepare)
		s->plugin->prepare(s->state);
}

void herald_pipeline_prepare(const herald_pipeline *pipe)
{
	stage_prepare(&pipe->reader);
	for (size_t i = 0; i < pipe->ntransforms; i++)
		stage_prepare(&pipe->transforms[i]);
	stage_prepare(&pipe->writer);
}

/* The stage about to run, in the document (doc.h): recorded before it
 * runs, so that a transform sees the reader and the transforms before
 * it, and itself. */
static int record_stage(herald_doc *doc, const herald_plugin *plugin,
                        herald_diag *diag)
{
	int rc = herald_doc_add_stage(doc, plugin->name, plugin->version);

	if (rc == HERALD_ENOMEM)
		herald_error(diag, "out of memory");
	else if (rc)
		herald_error(diag, "%s: its version is not UTF-8", plugin->name);
	return rc;
}

/* The document's source: its file name, which is bytes; the model
 * holds UTF-8, so a name that is not gets U+FFFD for what is not
 * (core/names.h), and a warning says so. */
static int set_source(herald_doc *doc, const char *name, herald_diag *diag)
{
	if (herald_utf8_is_valid(name, strlen(name)))
		return herald_doc_set_meta(doc, HERALD_META_SOURCE, name);
	char *text = core_name_text(name);
	int rc = text ? herald_doc_set_meta(doc, HERALD_META_SOURCE, text)
	              : HERALD_ENOMEM;
	if (rc == HERALD_OK)
		herald_warning(diag, "the file name is not UTF-8: the document "
		               "names its source '%s'", text);
	free(text);
	return rc;
}

int herald_pipeline_read_buffer(const herald_pipeline *pipe,
                                const herald_input *in, unsigned char *buffer,
                                herald_doc **out, herald_diag *diag)
{
	if (!pipe->reader.plugin) {
		free(buffer);
		herald_error(diag, "no reader chosen");
		return HERALD_EUSAGE;
	}
	herald_doc *doc = herald_doc_new();
	if (!doc || set_source(doc, in->name, diag) != HERALD_OK) {
		free(buffer);
		herald_doc_free(doc);
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	doc_hold_input(doc, buffer);
	size_t errors = herald_diag_count(diag, HERALD_ERROR);
	const stage *r = &pipe->reader;
	const char *previous = enter_stage(diag, r->plugin);
	int rc = record_stage(doc, r->plugin, diag);
	if (rc == HERALD_OK)
		rc = r->plugin->read(r->state, in, doc, diag);
	doc_drop_input(doc);
	herald_diag_set_stage(diag, previous);
	rc = after_stage(r->plugin, rc, errors, pipe->ntransforms > 0, doc, diag);
	for (size_t i = 0; rc == HERALD_OK && i < pipe->ntransforms; i++) {
		const stage *t = &pipe->transforms[i];
		previous = enter_stage(diag, t->plugin);
		rc = record_stage(doc, t->plugin, diag);
		if (rc == HERALD_OK)
			rc = t->plugin->transform(t->state, doc, diag);
		herald_diag_set_stage(diag, previous);
		rc = after_stage(t->plugin, rc, errors, i + 1 < pipe->ntransforms,
		                 doc, diag);
	}
	if (rc) {
		herald_doc_free(doc);
		return rc;
	}
	*out = doc;
	return HERALD_OK;
}

int herald_pipeline_read(const herald_pipeline *pipe, const herald_input *in,
                         herald_doc **out, herald_diag *diag)
{
	return herald_pipeline_read_buffer(pipe, in, NULL, out, diag);
}

/* A writer's result: its own failure, else whether the stream took it
 * all (a full disk shows here, not in the plugin). */
static int written(const herald_plugin *writer, int rc, size_t errors_before,
                   FILE *out, herald_diag *diag)
{
	int printed = stdout_guard_check(writer, diag);
	if (rc)
		return failed(writer, rc, errors_before, diag);
	if (printed)
		return printed;
	if (fflush(out) != 0 || ferror(out)) {
		herald_error(diag, "write error");
		return HERALD_EIO;
	}
	return HERALD_OK;
}

int herald_pipeline_write(const herald_pipeline *pipe, const herald_doc *doc,
                          FILE *out, herald_diag *diag)
{
	const stage *w = &pipe->writer;
	if (!w->plugin) {
		herald_error(diag, "no writer chosen");
		return HERALD_EUSAGE;
	}
	size_t errors = herald_diag_count(diag, HERALD_ERROR);
	const char *previous = enter_stage(diag, w->plugin);
	int rc = w->plugin->write(w->state, doc, out, diag);
	herald_diag_set_stage(diag, previous);
	return written(w->plugin, rc, errors, out, diag);
}

int herald_pipeline_write_many(const herald_pipeline *pipe,
                               const herald_doc *const *docs, size_t n,
                               FILE *out, herald_diag *diag)
{
	const stage *w = &pipe->writer;
	if (!w->plugin || !w->plugin->write_many) {
		herald_error(diag, "writer '%s' cannot put several documents in "
		             "one output", w->plugin ? w->plugin->name : "(none)");
		return HERALD_EUSAGE;
	}
	size_t errors = herald_diag_count(diag, HERALD_ERROR);
	const char *previous = enter_stage(diag, w->plugin);
	int rc = w->plugin->write_many(w->state, docs, n, out, diag);
	herald_diag_set_stage(diag, previous);
	return written(w->plugin, rc, errors, out, diag);
}

int herald_pipeline_write_corpus_part(const herald_pipeline *pipe,
                                      herald_corpus_part part,
                                      const herald_doc *doc, size_t number,
                                      FILE *out, herald_diag *diag)
{
	const stage *w = &pipe->writer;
	if (!w->plugin || !w->plugin->write_corpus_part) {
		herald_error(diag, "writer '%s' cannot write one output in parts",
		             w->plugin ? w->plugin->name : "(none)");
		return HERALD_EUSAGE;
	}
	size_t errors = herald_diag_count(diag, HERALD_ERROR);
	const char *previous = enter_stage(diag, w->plugin);
	int rc = w->plugin->write_corpus_part(w->state, part, doc, number, out, diag);
	herald_diag_set_stage(diag, previous);
	return written(w->plugin, rc, errors, out, diag);
}

int herald_pipeline_write_site(const herald_pipeline *pipe,
                               const herald_site *site, herald_diag *diag)
{
	const stage *w = &pipe->writer;
	if (!w->plugin || !w->plugin->write_site)
		return HERALD_OK;
	size_t errors = herald_diag_count(diag, HERALD_ERROR);
	int rc = w->plugin->write_site(w->state, site, diag);
	if (rc == HERALD_OK && herald_diag_count(diag, HERALD_ERROR) > errors)
		rc = HERALD_EIO;
	return rc;
}

int herald_pipeline_run(const herald_pipeline *pipe, const herald_input *in,
                        FILE *out, herald_diag *diag)
{
	herald_doc *doc;
	int rc = herald_pipeline_read(pipe, in, &doc, diag);
	if (rc)
		return rc;
	rc = herald_pipeline_write(pipe, doc, out, diag);
	herald_doc_free(doc);
	return rc;
}
