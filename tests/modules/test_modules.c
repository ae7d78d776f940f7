/* test_modules.c - real broken plugin modules, loaded through the
 * library: each is refused with one clear error naming its file, and the
 * good modules on the same path (the build tree's plugins and shout,
 * which sits among the broken ones) still load and work.
 *
 * The broken modules are built into tests/modules/bad/; modules that are
 * not even shared objects are made here, in a scratch folder. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <herald/herald.h>

#include "scratch.h"

typedef struct fixture {
	char *bad;        /* tests/modules/bad in the build tree */
	char *junk;       /* scratch folder of modules that fail to open */
	const char *good; /* the build tree's plugins */
	herald_registry *reg;
	herald_diag *diag;
} fixture;

/* One broken module: its file and what its error must say. */
typedef struct broken {
	int in_junk;
	const char *file;
	const char *reason;
} broken;

static const broken broken_modules[] = {
	{ 0, "abi.la", "plugin ABI version 3, but this herald needs version 2; "
	               "rebuild the plugin" },
	{ 0, "nodesc.la", "no herald_plugin descriptor: found no symbol "
	                  "'nodesc_LTX_herald_plugin' (define it with "
	                  "HERALD_PLUGIN(nodesc); a module's file name must "
	                  "match its plugin's name)" },
	{ 0, "misnamed.la", "plugin calls itself 'wellnamed'; its file must be "
	                    "named after it" },
	{ 0, "noread.la", "not a usable plugin: it is a reader without a read "
	                  "callback" },
	{ 0, "badname.la", "not a usable plugin: its name 'Bad-Name' is not "
	                   "[a-z0-9]+" },
	{ 0, "shout.old.la", "plugin 'shout' is already provided by " },
	{ 1, "text.so", "cannot open module" },
	{ 1, "empty.so", "cannot open module" },
	{ 1, "half.so", "is cut short (truncated)" },
	{ 1, "lost.la", "cannot open module" },
};
enum { NBROKEN = sizeof(broken_modules) / sizeof(broken_modules[0]) };

/* Modules that are no shared object at all: plain text, an empty file,
 * the first kilobyte of a real module, and a libtool .la that names a
 * shared object which is not there. */
static int make_junk(fixture *f)
{
	static const char text[] = "this is not a shared object\n";
	static const char lost[] =
		"# lost.la - a libtool library file\n"
		"dlname='lost.so'\nlibrary_names='lost.so'\nold_library=''\n"
		"installed=no\nshouldnotlink=yes\nlibdir='/nowhere'\n";
	f->junk = scratch_new();
	if (!f->junk)
		return -1;
	char *libs = scratch_path(f->good, ".libs");
	char *plain = libs ? scratch_path(libs, "plain.so") : NULL;
	FILE *in = plain ? fopen(plain, "rb") : NULL;
	char head[1024];
	size_t n = in ? fread(head, 1, sizeof(head), in) : 0;
	if (in)
		fclose(in);
	free(libs);
	free(plain);
	if (n != sizeof(head))
		return -1;
	return scratch_write(f->junk, "text.so", text, sizeof(text) - 1) ||
	       scratch_write(f->junk, "empty.so", "", 0) ||
	       scratch_write(f->junk, "half.so", head, n) ||
	       scratch_write(f->junk, "lost.la", lost, sizeof(lost) - 1) ? -1 : 0;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	*state = f;
	const char *top = getenv("top_builddir");
	f->good = getenv("HERALD_PLUGIN_PATH");
	f->reg = herald_registry_new();
	f->diag = herald_diag_new(NULL);
	if (!f->reg || !f->diag)
		return -1;
	if (!top || !f->good || !*f->good || strchr(f->good, ':'))
		return 0;   /* the tests skip */
	f->bad = scratch_path(top, "tests/modules/bad");
	return f->bad && make_junk(f) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	fixture *f = *state;
	herald_registry_free(f->reg);
	herald_diag_free(f->diag);
	scratch_remove(f->junk);
	free(f->bad);
	free(f);
	return 0;
}

static void need_modules(const fixture *f)
{
	if (!f->bad)
		skip();
}

static char *module_path(const fixture *f, const broken *b)
{
	return scratch_path(b->in_junk ? f->junk : f->bad, b->file);
}

/* The diagnostics' line about path, which must be the only one. */
static const char *line_about(const char *text, const char *path, size_t *len)
{
	char prefix[1024];
	snprintf(prefix, sizeof(prefix), "herald: error: %s: ", path);
	const char *line = strstr(text, prefix);
	assert_non_null(line);
	assert_true(line == text || line[-1] == '\n');
	assert_null(strstr(line + 1, prefix));
	*len = strcspn(line, "\n");
	return line;
}

static void assert_line_says(const char *line, size_t len, const char *reason)
{
	char *copy = strndup(line, len);
	if (!strstr(copy, reason))
		fail_msg("'%s' does not say '%s'", copy, reason);
	free(copy);
}

static void test_modules_each_broken_one_is_refused_by_file(void **state)
{
	fixture *f = *state;
	need_modules(f);
	herald_registry_load_dirs(f->reg, f->good, f->diag);
	/* shout first, so that shout.old.la is the duplicate. */
	char *shout = scratch_path(f->bad, "shout.la");
	assert_int_equal(herald_registry_load_file(f->reg, shout, f->diag), HERALD_OK);
	assert_string_equal(herald_diag_text(f->diag), "");
	size_t loaded = herald_registry_count(f->reg);

	for (size_t i = 0; i < NBROKEN; i++) {
		herald_diag *d = herald_diag_new(NULL);
		char *path = module_path(f, &broken_modules[i]);
		assert_int_equal(herald_registry_load_file(f->reg, path, d), HERALD_EPLUGIN);
		assert_int_equal(herald_diag_count(d, HERALD_ERROR), 1);
		size_t len;
		const char *line = line_about(herald_diag_text(d), path, &len);
		assert_line_says(line, len, broken_modules[i].reason);
		assert_int_equal(herald_registry_count(f->reg), loaded);
		free(path);
		herald_diag_free(d);
	}
	/* The duplicate names the module that was there first. */
	herald_diag *d = herald_diag_new(NULL);
	char *old = scratch_path(f->bad, "shout.old.la");
	herald_registry_load_file(f->reg, old, d);
	assert_non_null(strstr(herald_diag_text(d), shout));
	free(old);
	free(shout);
	herald_diag_free(d);
}

/* The whole path at once: good plugins, the junk, the bad folder. */
static void test_modules_good_ones_still_load_and_work(void **state)
{
	fixture *f = *state;
	need_modules(f);
	char path[4096];
	snprintf(path, sizeof(path), "%s:%s:%s", f->good, f->junk, f->bad);
	assert_int_equal(herald_registry_load_dirs(f->reg, path, f->diag),
	                 HERALD_EPLUGIN);

	/* One error line per broken module, and nothing else. */
	const char *text = herald_diag_text(f->diag);
	assert_int_equal(herald_diag_count(f->diag, HERALD_ERROR), NBROKEN);
	size_t lines = 0;
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, NBROKEN);
	for (size_t i = 0; i < NBROKEN; i++) {
		char *file = module_path(f, &broken_modules[i]);
		size_t len;
		const char *line = line_about(text, file, &len);
		assert_line_says(line, len, broken_modules[i].reason);
		free(file);
	}

	/* None of the broken ones is in the registry; the good ones are. */
	for (size_t i = 0; i < herald_registry_count(f->reg); i++) {
		const char *from = herald_registry_path(f->reg, i);
		for (size_t j = 0; j < NBROKEN; j++) {
			const char *slash = strrchr(from, '/');
			assert_string_not_equal(slash ? slash + 1 : from,
			                        broken_modules[j].file);
		}
		assert_string_not_equal(herald_registry_plugin(f->reg, i)->name, "wellnamed");
	}
	assert_non_null(herald_registry_find(f->reg, "plain", HERALD_ROLE_READER));
	assert_non_null(herald_registry_find(f->reg, "plain", HERALD_ROLE_WRITER));
	assert_null(herald_registry_find(f->reg, "noread", HERALD_ROLE_READER));
	assert_null(herald_registry_find(f->reg, "abi", HERALD_ROLE_TRANSFORM));
	assert_null(herald_registry_guess_reader(f->reg, "x.noread"));

	herald_diag *d = herald_diag_new(NULL);
	char *out = scratch_convert(f->reg, "plain ! shout ! plain",
	                           "Quiet words,\nsaid softly.\n\nÉtoile b.\n", d);
	assert_non_null(out);
	assert_string_equal(out, "QUIET WORDS,\nSAID SOFTLY.\n\nÉTOILE B.\n");
	assert_string_equal(herald_diag_text(d), "");
	free(out);
	herald_diag_free(d);
}

/* Loading the broken folder twice reports nothing new: a directory is
 * read once per registry. */
static void test_modules_folder_is_read_once(void **state)
{
	fixture *f = *state;
	need_modules(f);
	herald_registry_load_dirs(f->reg, f->bad, f->diag);
	size_t errors = herald_diag_count(f->diag, HERALD_ERROR);
	size_t count = herald_registry_count(f->reg);
	assert_int_equal(herald_registry_load_dirs(f->reg, f->bad, f->diag), HERALD_OK);
	assert_int_equal(herald_diag_count(f->diag, HERALD_ERROR), errors);
	assert_int_equal(herald_registry_count(f->reg), count);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_modules_each_broken_one_is_refused_by_file),
		T(test_modules_good_ones_still_load_and_work),
		T(test_modules_folder_is_read_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
