/* test_pipeline.c - building chains and running them, with plugins
 * defined here and added to the registry in memory: unknown names list
 * what is available, malformed chains are refused, and every failure of
 * a plugin is reported even when the plugin itself says nothing. */
#define _GNU_SOURCE
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <herald/herald.h>

/* --- plugins for the tests ------------------------------------------------- */

/* "lines": each non-empty line of the input becomes a paragraph; the
 * writer prints each paragraph's text on a line, after the source.  An
 * input handed over (herald_pipeline_read_buffer) that needs no decoding
 * is kept by the document, its lines TEXT in place. */
static int lines_parse(const char *s, size_t size, int in_place,
                       herald_doc *doc, herald_diag *diag)
{
	size_t i = 0;
	unsigned long line = 1;
	while (i < size) {
		size_t end = i;
		while (end < size && s[end] != '\n')
			end++;
		if (memchr(s + i, '\0', end - i)) {
			herald_diag_report(diag, HERALD_ERROR, line, 1, "NUL byte");
			return HERALD_EINPUT;
		}
		if (end > i) {
			herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
			herald_node *t = in_place
				? herald_node_new_text_in(doc, s + i, end - i)
				: herald_node_new_text(doc, s + i, end - i);
			if (!p || !t || herald_node_append_child(p, t) ||
			    herald_node_append_child(herald_doc_root(doc), p))
				return HERALD_ENOMEM;
			herald_node_set_position(p, line, 1);
		}
		i = end + 1;
		line++;
	}
	return HERALD_OK;
}

static int lines_read(void *state, const herald_input *in, herald_doc *doc,
                      herald_diag *diag)
{
	unsigned char *own = herald_doc_take_input(doc, in->data);
	if (own && herald_decode_is_text(own, in->size, NULL) &&
	    herald_doc_keep_text(doc, (char *)own, in->size) == HERALD_OK)
		return lines_parse((char *)own, in->size, 1, doc, diag);
	int rc = lines_parse((const char *)in->data, in->size, 0, doc, diag);
	free(own);
	return rc;
}

static int lines_write(void *state, const herald_doc *doc, FILE *out,
                       herald_diag *diag)
{
	const char *source = herald_doc_meta(doc, HERALD_META_SOURCE);
	fprintf(out, "[%s]\n", source ? source : "");
	for (herald_node *p = herald_node_first_child(herald_doc_root(doc)); p;
	     p = herald_node_next(p)) {
		char *text = herald_node_plain_text(p);
		if (!text)
			return HERALD_ENOMEM;
		fprintf(out, "%s\n", text);
		free(text);
	}
	return HERALD_OK;
}

static int lines_write_many(void *state, const herald_doc *const *docs,
                            size_t n, FILE *out, herald_diag *diag)
{
	for (size_t i = 0; i < n; i++) {
		int rc = lines_write(state, docs[i], out, diag);
		if (rc)
			return rc;
	}
	return HERALD_OK;
}

static const char *const lines_extensions[] = { "lines", "LST", NULL };

static const herald_plugin lines_plugin = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "lines",
	.version = "1",
	.description = "one paragraph per line",
	.roles = HERALD_ROLE_READER | HERALD_ROLE_WRITER,
	.extensions = lines_extensions,
	.output_extension = "lines",
	.read = lines_read,
	.write = lines_write,
	.write_many = lines_write_many,
	.writer_flags = HERALD_WRITER_CONCATENATES,
};

/* "upper": upper-cases ASCII letters of every TEXT node; with
 * prefix=WORD it also puts WORD in front of each paragraph's text. */
typedef struct upper_state {
	char *prefix;
} upper_state;

static int upper_opens, upper_closes;

static int upper_open(const herald_options *opts, void **state, herald_diag *diag)
{
	upper_state *s = calloc(1, sizeof(*s));
	if (!s)
		return HERALD_ENOMEM;
	const char *prefix = herald_options_value(opts, "prefix");
	s->prefix = prefix ? strdup(prefix) : NULL;
	*state = s;
	upper_opens++;
	return HERALD_OK;
}

static void upper_close(void *state)
{
	upper_state *s = state;
	free(s->prefix);
	free(s);
	upper_closes++;
}

static int upper_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	const upper_state *s = state;
	herald_walker w;
	herald_walker_init(&w, herald_doc_root(doc));
	while (herald_walker_next(&w) != HERALD_WALK_DONE) {
		herald_node *n = w.node;
		if (w.event != HERALD_WALK_ENTER)
			continue;
		if (herald_node_type_of(n) == HERALD_NODE_PARAGRAPH && s->prefix) {
			herald_node *t = herald_node_new_text(doc, s->prefix,
			                                      strlen(s->prefix));
			herald_node *first = herald_node_first_child(n);
			if (!t || (first ? herald_node_insert_before(first, t)
			                 : herald_node_append_child(n, t)))
				return HERALD_ENOMEM;
		}
		if (herald_node_type_of(n) == HERALD_NODE_TEXT) {
			char *copy = strdup(herald_node_text(n));
			if (!copy)
				return HERALD_ENOMEM;
			for (char *c = copy; *c; c++)
				*c = (char)toupper((unsigned char)*c);
			int rc = herald_node_set_text(n, copy, strlen(copy));
			free(copy);
			if (rc)
				return rc;
		}
	}
	return HERALD_OK;
}

static const herald_option upper_options[] = {
	{ .name = "prefix", .type = HERALD_OPT_STRING, .help = "text put before each paragraph" },
	{ NULL }
};

static const herald_plugin upper_plugin = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "upper",
	.version = "1",
	.description = "upper-cases text",
	.roles = HERALD_ROLE_TRANSFORM,
	.options = upper_options,
	.open = upper_open,
	.close = upper_close,
	.transform = upper_transform,
};

/* "flaky": reader, transform and writer that fail where fail= says,
 * reporting why only when loud=true. */
typedef enum { FAIL_NONE, FAIL_OPEN, FAIL_READ, FAIL_TRANSFORM, FAIL_WRITE } fail_at;

typedef struct flaky_state {
	fail_at at;
	int loud;
} flaky_state;

static int flaky_open(const herald_options *opts, void **state, herald_diag *diag)
{
	static const char *const words[] = { "none", "open", "read", "transform",
	                                     "write" };
	const char *where = herald_options_value(opts, "fail");
	flaky_state *f = calloc(1, sizeof(*f));
	if (!f)
		return HERALD_ENOMEM;
	for (int i = 0; i < 5; i++)
		if (strcmp(where, words[i]) == 0)
			f->at = (fail_at)i;
	f->loud = herald_options_bool(opts, "loud");
	if (f->at == FAIL_OPEN) {
		if (f->loud)
			herald_error(diag, "cannot open, as asked");
		free(f);
		return HERALD_EIO;
	}
	*state = f;
	return HERALD_OK;
}

static void flaky_close(void *state)
{
	free(state);
}

static int flaky_fails(const flaky_state *f, fail_at here, herald_diag *diag)
{
	if (f->at != here)
		return HERALD_OK;
	if (f->loud)
		herald_error(diag, "failing at step %d, as asked", (int)here);
	return HERALD_EINPUT;
}

static int flaky_read(void *state, const herald_input *in, herald_doc *doc,
                      herald_diag *diag)
{
	int rc = flaky_fails(state, FAIL_READ, diag);
	return rc ? rc : lines_read(NULL, in, doc, diag);
}

static int flaky_transform(void *state, herald_doc *doc, herald_diag *diag)
{
	return flaky_fails(state, FAIL_TRANSFORM, diag);
}

static int flaky_write(void *state, const herald_doc *doc, FILE *out,
                       herald_diag *diag)
{
	int rc = flaky_fails(state, FAIL_WRITE, diag);
	return rc ? rc : lines_write(NULL, doc, out, diag);
}

static const herald_option flaky_options[] = {
	{ .name = "fail", .type = HERALD_OPT_CHOICE, .default_value = "none", .help = "where to fail",
	  .choices = "none|open|read|transform|write" },
	{ .name = "loud", .type = HERALD_OPT_BOOL, .default_value = "false", .help = "say why when failing" },
	{ NULL }
};

/* Its outputs concatenate only with loud=true (a hook's answer replaces
 * the descriptor's writer_flags). */
static unsigned flaky_writer_flags(void *state)
{
	const flaky_state *f = state;
	return f->loud ? HERALD_WRITER_CONCATENATES : 0;
}

static const herald_plugin flaky_plugin = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "flaky",
	.version = "1",
	.description = "fails on request",
	.roles = HERALD_ROLE_READER | HERALD_ROLE_TRANSFORM | HERALD_ROLE_WRITER,
	.options = flaky_options,
	.open = flaky_open,
	.close = flaky_close,
	.read = flaky_read,
	.transform = flaky_transform,
	.write = flaky_write,
	.writer_flags = HERALD_WRITER_SITE,
	.writer_flags_for = flaky_writer_flags,
};

/* --- fixtures --------------------------------------------------------------- */

typedef struct fixture {
	herald_registry *reg;
	herald_pipeline *pipe;
	herald_diag *diag;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	f->reg = herald_registry_new();
	f->diag = herald_diag_new(NULL);
	if (!f->reg || !f->diag)
		return -1;
	const herald_plugin *all[] = { &lines_plugin, &upper_plugin, &flaky_plugin };
	for (size_t i = 0; i < 3; i++)
		if (herald_registry_add(f->reg, all[i], NULL, f->diag) != HERALD_OK)
			return -1;
	f->pipe = herald_pipeline_new(f->reg);
	*state = f;
	return f->pipe ? 0 : -1;
}

static int teardown(void **state)
{
	fixture *f = *state;
	herald_pipeline_free(f->pipe);
	herald_registry_free(f->reg);
	herald_diag_free(f->diag);
	free(f);
	return 0;
}

static herald_input input_of(const char *name, const char *text)
{
	herald_input in = { name, (const unsigned char *)text, strlen(text) };
	return in;
}

/* Run the pipeline on text; returns the status, *out the output. */
static int run(fixture *f, const char *text, char **out)
{
	size_t len;
	FILE *stream = open_memstream(out, &len);
	assert_non_null(stream);
	herald_input in = input_of("in.lines", text);
	int rc = herald_pipeline_run(f->pipe, &in, stream, f->diag);
	fclose(stream);
	return rc;
}

/* --- the registry --------------------------------------------------------------- */

static void test_pipeline_registry_add_checks_descriptors(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_registry_count(f->reg), 3);
	assert_ptr_equal(herald_registry_plugin(f->reg, 0), &lines_plugin);
	assert_string_equal(herald_registry_path(f->reg, 0), "(built-in)");
	assert_null(herald_registry_plugin(f->reg, 3));
	assert_ptr_equal(herald_registry_find(f->reg, "lines", HERALD_ROLE_WRITER),
	                 &lines_plugin);
	assert_null(herald_registry_find(f->reg, "lines", HERALD_ROLE_TRANSFORM));
	assert_null(herald_registry_find(f->reg, "nope", HERALD_ROLE_READER));

	/* The same name and role again is refused, naming both. */
	assert_int_equal(herald_registry_add(f->reg, &lines_plugin, "/x/lines.la",
	                                     f->diag), HERALD_EPLUGIN);
	assert_string_equal(herald_diag_first_error(f->diag),
	                    "error: /x/lines.la: plugin 'lines' is already provided "
	                    "by (built-in); ignoring this one");
	/* A path must be named after the plugin. */
	herald_registry *other = herald_registry_new();
	assert_int_equal(herald_registry_add(other, &upper_plugin, "/x/shout.so",
	                                     f->diag), HERALD_EPLUGIN);
	assert_non_null(strstr(herald_diag_text(f->diag),
	                       "/x/shout.so: plugin calls itself 'upper'"));
	assert_int_equal(herald_registry_add(other, &upper_plugin, "/x/upper.so",
	                                     f->diag), HERALD_OK);
	assert_string_equal(herald_registry_path(other, 0), "/x/upper.so");
	assert_int_equal(herald_registry_add(other, NULL, NULL, f->diag), HERALD_EUSAGE);
	herald_registry_free(other);
	assert_int_equal(herald_registry_count(f->reg), 3);
}

static void test_pipeline_registry_refuses_bad_descriptors(void **state)
{
	fixture *f = *state;
	herald_plugin p = lines_plugin;
	p.name = "other";
	p.abi_version = HERALD_ABI_VERSION + 1;
	assert_int_equal(herald_registry_add(f->reg, &p, NULL, f->diag), HERALD_EPLUGIN);
	p.abi_version = HERALD_ABI_VERSION;
	p.read = NULL;
	assert_int_equal(herald_registry_add(f->reg, &p, NULL, f->diag), HERALD_EPLUGIN);
	p = lines_plugin;
	p.name = "Other";
	assert_int_equal(herald_registry_add(f->reg, &p, NULL, f->diag), HERALD_EPLUGIN);
	p.name = "other";
	p.roles = 0;
	assert_int_equal(herald_registry_add(f->reg, &p, NULL, f->diag), HERALD_EPLUGIN);
	p.roles = HERALD_ROLE_TRANSFORM;
	assert_int_equal(herald_registry_add(f->reg, &p, NULL, f->diag), HERALD_EPLUGIN);
	p.roles = HERALD_ROLE_WRITER;
	p.write = NULL;
	assert_int_equal(herald_registry_add(f->reg, &p, NULL, f->diag), HERALD_EPLUGIN);
	static const herald_option no_choices[] = {
		{ .name = "order", .type = HERALD_OPT_CHOICE, .help = "" }, { NULL }
	};
	p = lines_plugin;
	p.name = "other";
	p.options = no_choices;
	assert_int_equal(herald_registry_add(f->reg, &p, NULL, f->diag), HERALD_EPLUGIN);
	p = lines_plugin;
	p.name = NULL;
	assert_int_equal(herald_registry_add(f->reg, &p, NULL, f->diag), HERALD_EPLUGIN);
	/* A slot this herald gives no meaning yet, set by a newer one's
	 * plugin: refused, not ignored. */
	p = lines_plugin;
	p.name = "other";
	p.reserved[1] = &p;
	assert_int_equal(herald_registry_add(f->reg, &p, NULL, f->diag), HERALD_EPLUGIN);

	const char *text = herald_diag_text(f->diag);
	char abi[96];
	snprintf(abi, sizeof(abi), "plugin ABI version %d, but this herald needs "
	         "version %d", HERALD_ABI_VERSION + 1, HERALD_ABI_VERSION);
	assert_non_null(strstr(text, abi));
	assert_non_null(strstr(text, "its descriptor's reserved[1] is not zero"));
	assert_non_null(strstr(text, "a reader without a read callback"));
	assert_non_null(strstr(text, "not a usable plugin: its name 'Other' is not [a-z0-9]+"));
	assert_non_null(strstr(text, "not a usable plugin: it has no name (.name, [a-z0-9]+)"));
	assert_non_null(strstr(text, "it declares no role"));
	assert_non_null(strstr(text, "a transform without a transform callback"));
	assert_non_null(strstr(text, "a writer without a write callback"));
	assert_non_null(strstr(text, "no choices"));
	assert_int_equal(herald_diag_count(f->diag, HERALD_ERROR), 9);
	assert_int_equal(herald_registry_count(f->reg), 3);
}

/* The headers' compile-time version is the library's, and its number
 * is made of its parts. */
static void test_pipeline_version_macros_match_the_library(void **state)
{
	(void)state;
	char parts[32];
	snprintf(parts, sizeof(parts), "%d.%d.%d", HERALD_VERSION_MAJOR,
	         HERALD_VERSION_MINOR, HERALD_VERSION_PATCH);
	assert_string_equal(HERALD_VERSION, herald_version());
	assert_string_equal(parts, HERALD_VERSION);
	assert_int_equal(HERALD_VERSION_NUMBER, HERALD_VERSION_MAJOR * 10000 +
	                 HERALD_VERSION_MINOR * 100 + HERALD_VERSION_PATCH);
#if HERALD_VERSION_NUMBER < 100
	fail_msg("HERALD_VERSION_NUMBER is not usable in #if");
#endif
}

static void test_pipeline_registry_guesses_reader_by_extension(void **state)
{
	fixture *f = *state;
	assert_ptr_equal(herald_registry_guess_reader(f->reg, "a/b.lines"), &lines_plugin);
	assert_ptr_equal(herald_registry_guess_reader(f->reg, "b.LINES"), &lines_plugin);
	assert_ptr_equal(herald_registry_guess_reader(f->reg, "b.lst"), &lines_plugin);
	assert_null(herald_registry_guess_reader(f->reg, "b.txt"));
	assert_null(herald_registry_guess_reader(f->reg, "lines"));
	assert_null(herald_registry_guess_reader(f->reg, "dir.lines/file"));
	assert_null(herald_registry_guess_reader(f->reg, "file."));
}

/* --- unknown names ------------------------------------------------------------- */

static void test_pipeline_unknown_reader_lists_readers(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_pipeline_set_reader(f->pipe, "nope", f->diag),
	                 HERALD_EUSAGE);
	assert_string_equal(herald_diag_text(f->diag),
	                    "herald: error: unknown reader 'nope' (available: lines, flaky)\n");
	/* A transform is not a reader. */
	assert_int_equal(herald_pipeline_set_reader(f->pipe, "upper", f->diag),
	                 HERALD_EUSAGE);
	assert_null(herald_pipeline_reader(f->pipe));
}

static void test_pipeline_unknown_transform_lists_transforms(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_pipeline_add_transform(f->pipe, "lines", f->diag),
	                 HERALD_EUSAGE);
	assert_string_equal(herald_diag_text(f->diag),
	                    "herald: error: unknown transform 'lines' (available: upper, flaky)\n");
}

static void test_pipeline_unknown_writer_lists_writers(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_pipeline_set_writer(f->pipe, "html:standalone", f->diag),
	                 HERALD_EUSAGE);
	assert_string_equal(herald_diag_text(f->diag),
	                    "herald: error: unknown writer 'html' (available: lines, flaky)\n");
	assert_null(herald_pipeline_writer(f->pipe));
}

static void test_pipeline_empty_registry_says_where_to_look(void **state)
{
	herald_registry *reg = herald_registry_new();
	herald_pipeline *pipe = herald_pipeline_new(reg);
	herald_diag *d = herald_diag_new(NULL);
	assert_int_equal(herald_pipeline_set_reader(pipe, "plain", d), HERALD_EUSAGE);
	assert_string_equal(herald_diag_first_error(d), "error: unknown reader 'plain' "
	                    "(available: none found; check --plugin-path)");
	herald_pipeline_free(pipe);
	herald_registry_free(reg);
	herald_diag_free(d);
}

static void test_pipeline_stage_options_are_checked(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_pipeline_add_transform(f->pipe, "upper:shout=1", f->diag),
	                 HERALD_EUSAGE);
	assert_int_equal(herald_pipeline_set_reader(f->pipe, "flaky:fail=sometimes", f->diag),
	                 HERALD_EUSAGE);
	const char *text = herald_diag_text(f->diag);
	assert_non_null(strstr(text, "upper: unknown option 'shout' (valid: prefix)"));
	assert_non_null(strstr(text, "flaky: bad value 'sometimes' for option 'fail' "
	                             "(expected none|open|read|transform|write)"));
	/* Nothing was opened for the refused stages. */
	assert_int_equal(upper_opens, upper_closes);
}

/* --- chains --------------------------------------------------------------------- */

static void test_pipeline_chain_needs_reader_and_writer(void **state)
{
	fixture *f = *state;
	const char *bad[] = { "", "lines", "   " };
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(herald_pipeline_parse(f->pipe, bad[i], f->diag),
		                 HERALD_EUSAGE);
		char want[160];
		snprintf(want, sizeof(want), "error: pipeline '%s' needs at least a "
		         "reader and a writer: 'reader ! writer'", bad[i]);
		assert_string_equal(herald_diag_first_error(f->diag), want);
		herald_diag_free(f->diag);
		f->diag = herald_diag_new(NULL);
	}
}

static void test_pipeline_chain_with_empty_stage(void **state)
{
	fixture *f = *state;
	const char *bad[] = { "lines ! ! lines", "lines !", "! lines", "lines !  ! lines",
	                      "lines ! upper !" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		herald_pipeline *pipe = herald_pipeline_new(f->reg);
		herald_diag *d = herald_diag_new(NULL);
		assert_int_equal(herald_pipeline_parse(pipe, bad[i], d), HERALD_EUSAGE);
		assert_non_null(strstr(herald_diag_text(d), "has an empty stage"));
		assert_int_equal(herald_diag_count(d, HERALD_ERROR), 1);
		herald_pipeline_free(pipe);
		herald_diag_free(d);
	}
	assert_int_equal(upper_opens, upper_closes);
}

static void test_pipeline_chain_stage_with_inner_space_is_refused(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_pipeline_parse(f->pipe, "lines ! up per ! lines", f->diag),
	                 HERALD_EUSAGE);
	assert_non_null(strstr(herald_diag_text(f->diag), "'up per' is not a plugin name"));
}

static void test_pipeline_chain_unknown_stage_names_its_role(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_pipeline_parse(f->pipe, "lines ! upper ! upper", f->diag),
	                 HERALD_EUSAGE);
	assert_string_equal(herald_diag_first_error(f->diag),
	                    "error: unknown writer 'upper' (available: lines, flaky)");
}

static void test_pipeline_chain_with_spaces_runs(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_pipeline_parse(f->pipe,
	                 " \tlines  !upper:prefix=> !  upper!lines\t ", f->diag),
	                 HERALD_OK);
	assert_ptr_equal(herald_pipeline_reader(f->pipe), &lines_plugin);
	assert_ptr_equal(herald_pipeline_writer(f->pipe), &lines_plugin);
	char *out;
	assert_int_equal(run(f, "first line\n\nsecond\n", &out), HERALD_OK);
	assert_string_equal(out, "[in.lines]\n>FIRST LINE\n>SECOND\n");
	free(out);
	assert_string_equal(herald_diag_text(f->diag), "");
}

/* chain is a usage error, whose first message is want; on a pipeline
 * of its own, so that f's stays as the test left it. */
static void assert_chain_refused(fixture *f, const char *chain, const char *want)
{
	herald_pipeline *pipe = herald_pipeline_new(f->reg);
	herald_diag *d = herald_diag_new(NULL);
	assert_int_equal(herald_pipeline_parse(pipe, chain, d), HERALD_EUSAGE);
	assert_string_equal(herald_diag_first_error(d), want);
	herald_pipeline_free(pipe);
	herald_diag_free(d);
}

/* chain parses and turns input into want, saying nothing. */
static void assert_chain_gives(fixture *f, const char *chain, const char *input,
                               const char *want)
{
	assert_int_equal(herald_pipeline_parse(f->pipe, chain, f->diag), HERALD_OK);
	char *out;
	assert_int_equal(run(f, input, &out), HERALD_OK);
	assert_string_equal(out, want);
	free(out);
	assert_string_equal(herald_diag_text(f->diag), "");
}

/* A quoted value may hold the '!' that separates stages and the ','
 * that separates options; spaces around a closing quote are the
 * chain's. */
static void test_pipeline_chain_quoted_values(void **state)
{
	assert_chain_gives(*state,
	                   "lines ! upper:prefix=\"!, \" ! upper:prefix='<!>' ! lines",
	                   "first line\n", "[in.lines]\n<!>!, FIRST LINE\n");
}

static void test_pipeline_chain_quote_escapes_and_empty_value(void **state)
{
	assert_chain_gives(*state,
	                   "lines!upper:prefix=\"\\\"\\\\!\"!upper:prefix=\"\"!lines",
	                   "x\n", "[in.lines]\n\"\\!X\n");
}

/* An unquoted '!' still ends a stage, even after a quote inside a value
 * (only a value's first byte opens a quote). */
static void test_pipeline_chain_quote_inside_value_is_ordinary(void **state)
{
	fixture *f = *state;
	assert_chain_gives(f, "lines ! upper:prefix=it's ! lines", "x\n",
	                   "[in.lines]\nIT'SX\n");
	assert_chain_refused(f, "lines ! upper:prefix=a\"!\" ! lines",
	                     "error: '\"' is not a plugin name (expected "
	                     "[a-z0-9]+, then optionally :key=value,...)");
}

static void test_pipeline_chain_unterminated_quote(void **state)
{
	fixture *f = *state;
	const char *chain = "lines ! upper:prefix=\"a!b ! lines";
	assert_int_equal(herald_pipeline_parse(f->pipe, chain, f->diag), HERALD_EUSAGE);
	assert_string_equal(herald_diag_first_error(f->diag),
	                    "error: unterminated double quote in pipeline "
	                    "'lines ! upper:prefix=\"a!b ! lines' at column 22");
	assert_int_equal(herald_diag_count(f->diag, HERALD_ERROR), 1);
	/* Nothing was opened: the chain is checked before any stage. */
	assert_null(herald_pipeline_reader(f->pipe));
	assert_int_equal(upper_opens, upper_closes);

	assert_chain_refused(f, "lines ! upper:prefix='x'y ! lines",
	                     "error: text after a closing quote (quote the whole "
	                     "value) in pipeline 'lines ! upper:prefix='x'y ! lines' "
	                     "at column 25");
}

/* A single stage given alone (-x) takes quotes too, columns counted in
 * its own text. */
static void test_pipeline_stage_quoted_value(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_pipeline_set_reader(f->pipe, "lines", f->diag), HERALD_OK);
	assert_int_equal(herald_pipeline_add_transform(f->pipe, "upper:prefix='a,b '",
	                 f->diag), HERALD_OK);
	assert_int_equal(herald_pipeline_set_writer(f->pipe, "lines", f->diag), HERALD_OK);
	char *out;
	assert_int_equal(run(f, "x\n", &out), HERALD_OK);
	assert_string_equal(out, "[in.lines]\nA,B X\n");
	free(out);
	assert_int_equal(herald_pipeline_add_transform(f->pipe, "upper:prefix=\"a,b",
	                 f->diag), HERALD_EUSAGE);
	assert_string_equal(herald_diag_first_error(f->diag),
	                    "error: unterminated double quote in "
	                    "'upper:prefix=\"a,b' at column 14");
}

/* --- failures --------------------------------------------------------------------- */

static void test_pipeline_open_failure_is_reported(void **state)
{
	fixture *f = *state;
	/* Silent: the core says which plugin failed. */
	assert_int_equal(herald_pipeline_set_reader(f->pipe, "flaky:fail=open", f->diag),
	                 HERALD_EIO);
	assert_string_equal(herald_diag_text(f->diag),
	                    "herald: error: flaky failed (status -3)\n");
	assert_null(herald_pipeline_reader(f->pipe));
	/* Loud: the plugin's own message, and no second one. */
	assert_int_equal(herald_pipeline_set_writer(f->pipe, "flaky:fail=open,loud", f->diag),
	                 HERALD_EIO);
	assert_int_equal(herald_diag_count(f->diag, HERALD_ERROR), 2);
	assert_non_null(strstr(herald_diag_text(f->diag), "error: flaky: cannot open, as asked"));
	assert_int_equal(herald_pipeline_parse(f->pipe, "lines ! flaky:fail=open ! lines",
	                                       f->diag), HERALD_EIO);
	assert_int_equal(herald_diag_count(f->diag, HERALD_ERROR), 3);
}

/* Each step, failing silently and failing with a message. */
static void test_pipeline_step_failures_are_never_silent(void **state)
{
	fixture *f = *state;
	static const struct {
		const char *chain;
		const char *silent_message;
	} cases[] = {
		{ "flaky:fail=read ! lines", "error: flaky failed (status -2)" },
		{ "lines ! flaky:fail=transform ! lines", "error: flaky failed (status -2)" },
		{ "lines ! flaky:fail=write", "error: flaky failed (status -2)" },
	};
	for (size_t i = 0; i < 3; i++) {
		for (int loud = 0; loud < 2; loud++) {
			char chain[128];
			snprintf(chain, sizeof(chain), "%s", cases[i].chain);
			if (loud) {   /* add ",loud" to the flaky stage */
				char *stage = strstr(chain, "fail=");
				size_t at = (size_t)(stage - chain) + strcspn(stage, " ");
				memmove(chain + at + 5, chain + at, strlen(chain + at) + 1);
				memcpy(chain + at, ",loud", 5);
			}
			herald_pipeline *pipe = herald_pipeline_new(f->reg);
			herald_diag *d = herald_diag_new(NULL);
			assert_int_equal(herald_pipeline_parse(pipe, chain, d), HERALD_OK);
			char *buf = NULL;
			size_t len;
			FILE *out = open_memstream(&buf, &len);
			herald_input in = input_of("x", "some text\n");
			assert_int_equal(herald_pipeline_run(pipe, &in, out, d), HERALD_EINPUT);
			fclose(out);
			assert_int_equal(herald_diag_count(d, HERALD_ERROR), 1);
			/* The plugin's own words, named by the pipeline: the
			 * plugin does not prefix them; the stage is the core's
			 * again after. */
			char want[64];
			snprintf(want, sizeof want, "error: flaky: failing at step %d, "
			         "as asked", (int)i + 2);
			if (loud)
				assert_string_equal(herald_diag_first_error(d), want);
			else
				assert_string_equal(herald_diag_first_error(d),
				                    cases[i].silent_message);
			assert_null(herald_diag_stage(d));
			free(buf);
			herald_pipeline_free(pipe);
			herald_diag_free(d);
		}
	}
}

static void test_pipeline_reader_error_keeps_its_position(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_pipeline_parse(f->pipe, "lines ! lines", f->diag), HERALD_OK);
	static const unsigned char data[] = "ok\nbad\0byte\n";
	herald_input in = { "in.lines", data, sizeof(data) - 1 };
	herald_doc *doc = NULL;
	herald_diag_set_file(f->diag, in.name);
	assert_int_equal(herald_pipeline_read(f->pipe, &in, &doc, f->diag), HERALD_EINPUT);
	assert_null(doc);
	/* The reader's own message, named by its stage, with no extra one
	 * from the core. */
	assert_string_equal(herald_diag_text(f->diag),
	                    "herald: in.lines:2:1: error: lines: NUL byte\n");
}

/* An input handed over: a reader may keep it and hold its text in
 * place; else the pipeline frees it (a leak checker sees both). */
static void test_pipeline_read_buffer_hands_the_input_over(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_pipeline_parse(f->pipe, "lines ! lines", f->diag), HERALD_OK);
	unsigned char *kept = (unsigned char *)strdup("one\ntwo\n");
	herald_input in = { "in.lines", kept, 8 };
	herald_doc *doc = NULL;
	assert_int_equal(herald_pipeline_read_buffer(f->pipe, &in, kept, &doc, f->diag), HERALD_OK);
	herald_node *p = herald_node_first_child(herald_doc_root(doc));
	const char *text = herald_node_text(herald_node_first_child(p));
	assert_ptr_equal(text, (char *)kept);
	assert_string_equal(text, "one");
	assert_string_equal(herald_node_text(herald_node_first_child(herald_node_next(p))), "two");
	herald_doc_free(doc);

	/* not text as it is (a tab): read from the buffer, which is freed */
	unsigned char *freed = (unsigned char *)strdup("a\tb\n");
	in = (herald_input){ "in.lines", freed, 4 };
	assert_int_equal(herald_pipeline_read_buffer(f->pipe, &in, freed, &doc, f->diag), HERALD_OK);
	char *all = herald_node_plain_text(herald_doc_root(doc));
	assert_string_equal(all, "a\tb");
	free(all);
	herald_doc_free(doc);
	/* a failure frees it too */
	unsigned char *bad = malloc(4);
	memcpy(bad, "a\0b", 4);
	in = (herald_input){ "in.lines", bad, 3 };
	assert_int_equal(herald_pipeline_read_buffer(f->pipe, &in, bad, &doc, f->diag), HERALD_EINPUT);
}

static void test_pipeline_write_error_of_the_stream_is_reported(void **state)
{
	fixture *f = *state;
	FILE *full = fopen("/dev/full", "w");
	if (!full)
		skip();
	assert_int_equal(herald_pipeline_parse(f->pipe, "lines ! lines", f->diag), HERALD_OK);
	herald_input in = input_of("in", "text\n");
	assert_int_equal(herald_pipeline_run(f->pipe, &in, full, f->diag), HERALD_EIO);
	assert_string_equal(herald_diag_first_error(f->diag), "error: write error");
	fclose(full);
}

static void test_pipeline_needs_its_stages(void **state)
{
	fixture *f = *state;
	herald_input in = input_of("in", "text\n");
	herald_doc *doc = NULL;
	assert_int_equal(herald_pipeline_read(f->pipe, &in, &doc, f->diag), HERALD_EUSAGE);
	assert_string_equal(herald_diag_first_error(f->diag), "error: no reader chosen");
	doc = herald_doc_new();
	assert_int_equal(herald_pipeline_write(f->pipe, doc, stdout, f->diag), HERALD_EUSAGE);
	assert_non_null(strstr(herald_diag_text(f->diag), "no writer chosen"));
	herald_doc_free(doc);
}

/* --- end to end ----------------------------------------------------------------------- */

static void test_pipeline_run_end_to_end(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_pipeline_set_reader(f->pipe, "lines", f->diag), HERALD_OK);
	assert_int_equal(herald_pipeline_add_transform(f->pipe, "upper:prefix=- ", f->diag),
	                 HERALD_OK);
	assert_int_equal(herald_pipeline_set_writer(f->pipe, "lines", f->diag), HERALD_OK);
	assert_int_equal(upper_opens - upper_closes, 1);

	/* Read alone: the source is set, the transform applied. */
	herald_input in = input_of("news.lines", "alpha béta\ngamma\n");
	herald_doc *doc = NULL;
	assert_int_equal(herald_pipeline_read(f->pipe, &in, &doc, f->diag), HERALD_OK);
	assert_string_equal(herald_doc_meta(doc, HERALD_META_SOURCE), "news.lines");
	herald_node *p2 = herald_node_last_child(herald_doc_root(doc));
	assert_int_equal(herald_node_line(p2), 2);
	char *text = herald_node_plain_text(p2);
	assert_string_equal(text, "- GAMMA");
	free(text);
	/* The pipeline is recorded in the document: reader, then transforms. */
	assert_int_equal(herald_doc_stage_count(doc), 2);
	assert_string_equal(herald_doc_stage_name(doc, 0), "lines");
	assert_string_equal(herald_doc_stage_version(doc, 0), "1");
	assert_string_equal(herald_doc_stage_name(doc, 1), "upper");
	assert_null(herald_doc_stage_name(doc, 2));
	assert_null(herald_doc_stage_version(doc, 2));

	/* Several documents through write_many. */
	herald_doc *doc2 = NULL;
	herald_input in2 = input_of("more.lines", "delta\n");
	assert_int_equal(herald_pipeline_read(f->pipe, &in2, &doc2, f->diag), HERALD_OK);
	char *buf = NULL;
	size_t len;
	FILE *out = open_memstream(&buf, &len);
	const herald_doc *both[] = { doc, doc2 };
	assert_int_equal(herald_pipeline_write_many(f->pipe, both, 2, out, f->diag),
	                 HERALD_OK);
	fclose(out);
	assert_string_equal(buf, "[news.lines]\n- ALPHA BéTA\n- GAMMA\n"
	                         "[more.lines]\n- DELTA\n");
	free(buf);
	herald_doc_free(doc);
	herald_doc_free(doc2);

	/* The whole run. */
	assert_int_equal(run(f, "one\ntwo", &buf), HERALD_OK);
	assert_string_equal(buf, "[in.lines]\n- ONE\n- TWO\n");
	free(buf);
	/* An empty input is an empty document, not an error. */
	assert_int_equal(run(f, "", &buf), HERALD_OK);
	assert_string_equal(buf, "[in.lines]\n");
	free(buf);
	assert_string_equal(herald_diag_text(f->diag), "");

	/* Replacing a stage closes the old one. */
	assert_int_equal(herald_pipeline_set_writer(f->pipe, "flaky", f->diag), HERALD_OK);
	assert_int_equal(herald_pipeline_set_writer(f->pipe, "lines", f->diag), HERALD_OK);
	herald_pipeline_free(f->pipe);
	f->pipe = NULL;
	assert_int_equal(upper_opens, upper_closes);
}

static void test_pipeline_write_many_needs_writer_support(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_pipeline_parse(f->pipe, "lines ! flaky", f->diag), HERALD_OK);
	herald_doc *doc = herald_doc_new();
	const herald_doc *docs[] = { doc };
	assert_int_equal(herald_pipeline_write_many(f->pipe, docs, 1, stdout, f->diag),
	                 HERALD_EUSAGE);
	assert_string_equal(herald_diag_first_error(f->diag),
	                    "error: writer 'flaky' cannot put several documents in one output");
	herald_doc_free(doc);
}

/* A writer's flags may depend on its options (writer_flags_for). */
static void test_pipeline_writer_flags_follow_options(void **state)
{
	fixture *f = *state;
	assert_int_equal(herald_pipeline_writer_flags(f->pipe), 0);
	assert_int_equal(herald_pipeline_set_writer(f->pipe, "lines", f->diag),
	                 HERALD_OK);
	assert_int_equal(herald_pipeline_writer_flags(f->pipe),
	                 HERALD_WRITER_CONCATENATES);
	assert_int_equal(herald_pipeline_set_writer(f->pipe, "flaky", f->diag),
	                 HERALD_OK);
	assert_int_equal(herald_pipeline_writer_flags(f->pipe), 0);
	assert_int_equal(herald_pipeline_set_writer(f->pipe, "flaky:loud=true",
	                                            f->diag), HERALD_OK);
	assert_int_equal(herald_pipeline_writer_flags(f->pipe),
	                 HERALD_WRITER_CONCATENATES);
	/* A writer that fails to open leaves the previous one's. */
	assert_int_not_equal(herald_pipeline_set_writer(f->pipe, "flaky:fail=open",
	                                                f->diag), HERALD_OK);
	assert_int_equal(herald_pipeline_writer_flags(f->pipe),
	                 HERALD_WRITER_CONCATENATES);
}

/* --- prepare hooks ----------------------------------------------------------- */

static char prepared[8];

static void note_prepared(char role)
{
	size_t n = strlen(prepared);
	if (n + 1 < sizeof(prepared))
		prepared[n] = role;
}

static void prepare_reader(void *state) { (void)state; note_prepared('r'); }
static void prepare_transform(void *state)
{
	/* the state open() made, as every other callback gets it */
	assert_non_null(state);
	note_prepared('t');
}
static void prepare_writer(void *state) { (void)state; note_prepared('w'); }

/* Each stage's hook once, reader first, with its state; a pipeline
 * whose plugins have none calls nothing. */
static void test_pipeline_prepare_calls_each_stage(void **state)
{
	fixture *f = *state;
	/* (static: the registry borrows a descriptor for its whole life) */
	static herald_plugin r, t, w;
	r = lines_plugin;
	t = upper_plugin;
	w = lines_plugin;
	r.name = "linesin";
	r.roles = HERALD_ROLE_READER;
	r.prepare = prepare_reader;
	t.name = "upperset";
	t.prepare = prepare_transform;
	w.name = "linesout";
	w.roles = HERALD_ROLE_WRITER;
	w.prepare = prepare_writer;
	assert_int_equal(herald_registry_add(f->reg, &r, NULL, f->diag), HERALD_OK);
	assert_int_equal(herald_registry_add(f->reg, &t, NULL, f->diag), HERALD_OK);
	assert_int_equal(herald_registry_add(f->reg, &w, NULL, f->diag), HERALD_OK);
	prepared[0] = '\0';
	herald_pipeline_prepare(f->pipe);   /* no stage yet */
	assert_string_equal(prepared, "");
	assert_int_equal(herald_pipeline_parse(f->pipe, "linesin ! upperset ! "
	                                       "upper ! linesout", f->diag), HERALD_OK);
	herald_pipeline_prepare(f->pipe);
	assert_string_equal(prepared, "rtw");
	char *out = NULL;
	assert_int_equal(run(f, "a b\n", &out), HERALD_OK);
	assert_non_null(strstr(out, "\nA B\n"));   /* (after its source) */
	free(out);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_pipeline_registry_add_checks_descriptors),
		T(test_pipeline_registry_refuses_bad_descriptors),
		cmocka_unit_test(test_pipeline_version_macros_match_the_library),
		T(test_pipeline_registry_guesses_reader_by_extension),
		T(test_pipeline_unknown_reader_lists_readers),
		T(test_pipeline_unknown_transform_lists_transforms),
		T(test_pipeline_unknown_writer_lists_writers),
		T(test_pipeline_empty_registry_says_where_to_look),
		T(test_pipeline_stage_options_are_checked),
		T(test_pipeline_chain_needs_reader_and_writer),
		T(test_pipeline_chain_with_empty_stage),
		T(test_pipeline_chain_stage_with_inner_space_is_refused),
		T(test_pipeline_chain_unknown_stage_names_its_role),
		T(test_pipeline_chain_with_spaces_runs),
		T(test_pipeline_chain_quoted_values),
		T(test_pipeline_chain_quote_escapes_and_empty_value),
		T(test_pipeline_chain_quote_inside_value_is_ordinary),
		T(test_pipeline_chain_unterminated_quote),
		T(test_pipeline_stage_quoted_value),
		T(test_pipeline_open_failure_is_reported),
		T(test_pipeline_step_failures_are_never_silent),
		T(test_pipeline_reader_error_keeps_its_position),
		T(test_pipeline_read_buffer_hands_the_input_over),
		T(test_pipeline_write_error_of_the_stream_is_reported),
		T(test_pipeline_needs_its_stages),
		T(test_pipeline_run_end_to_end),
		T(test_pipeline_write_many_needs_writer_support),
		T(test_pipeline_writer_flags_follow_options),
		T(test_pipeline_prepare_calls_each_stage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
