/* test_loader.c - loading real modules: the build tree's plain plugin by
 * file and by directory, the order of the search path, one directory
 * named twice, and empty path entries (which never mean the current
 * directory).  Needs HERALD_PLUGIN_PATH (set by `make check`); skips
 * without it. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <herald/herald.h>

#include "scratch.h"

/* The build tree's plugin directory, holding plain.la. */
static const char *plugin_dir(void)
{
	const char *dir = getenv("HERALD_PLUGIN_PATH");
	if (!dir || !*dir || strchr(dir, ':'))
		return NULL;
	return dir;
}

/* The shared object behind plain.la, as libtool leaves it uninstalled. */
static char *plain_so(void)
{
	char *libs = scratch_path(plugin_dir(), ".libs");
	char *so = scratch_path(libs, "plain.so");
	free(libs);
	if (access(so, R_OK) != 0) {
		free(so);
		return NULL;
	}
	return so;
}

typedef struct fixture {
	herald_registry *reg;
	herald_diag *diag;
	char *so;           /* plain.so to copy around */
	char *dirs[2];      /* scratch folders */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	f->reg = herald_registry_new();
	f->diag = herald_diag_new(NULL);
	*state = f;
	return f->reg && f->diag ? 0 : -1;
}

static int teardown(void **state)
{
	fixture *f = *state;
	herald_registry_free(f->reg);
	herald_diag_free(f->diag);
	for (int i = 0; i < 2; i++)
		scratch_remove(f->dirs[i]);
	free(f->so);
	free(f);
	return 0;
}

/* Skip unless the build tree's plugins are there; with copies=n, also
 * make n scratch folders each holding a copy of plain.so. */
static void need_plugins(fixture *f, int copies)
{
	if (!plugin_dir())
		skip();
	f->so = plain_so();
	if (!f->so)
		skip();
	for (int i = 0; i < copies; i++) {
		f->dirs[i] = scratch_new();
		assert_non_null(f->dirs[i]);
		assert_int_equal(scratch_copy(f->so, f->dirs[i], "plain.so"), 0);
	}
}

/* The registry's entry for plain as a reader: its index, or -1. */
static long plain_index(const herald_registry *reg)
{
	const herald_plugin *p = herald_registry_find(reg, "plain", HERALD_ROLE_READER);
	for (size_t i = 0; p && i < herald_registry_count(reg); i++)
		if (herald_registry_get(reg, i) == p)
			return (long)i;
	return -1;
}

/* Convert text with plain ! plain through reg. */
static char *convert_plain(herald_registry *reg, const char *text, herald_diag *d)
{
	char *out = scratch_convert(reg, "plain ! plain", text, d);
	assert_non_null(out);
	return out;
}

static void test_loader_loads_a_good_module(void **state)
{
	fixture *f = *state;
	need_plugins(f, 0);
	char *la = scratch_path(plugin_dir(), "plain.la");
	assert_int_equal(herald_registry_load_file(f->reg, la, f->diag), HERALD_OK);
	assert_string_equal(herald_diag_text(f->diag), "");
	assert_int_equal(herald_registry_count(f->reg), 1);
	const herald_plugin *p = herald_registry_get(f->reg, 0);
	assert_string_equal(p->name, "plain");
	assert_int_equal(p->abi_version, HERALD_ABI_VERSION);
	assert_ptr_equal(herald_registry_find(f->reg, "plain", HERALD_ROLE_WRITER), p);
	assert_string_equal(herald_registry_path(f->reg, 0), la);
	assert_ptr_equal(herald_registry_guess_reader(f->reg, "news.text"), p);

	char *out = convert_plain(f->reg, "One\nline.\n\n\nTwo.  \n", f->diag);
	assert_string_equal(out, "One\nline.\n\nTwo.\n");
	free(out);

	/* Loading the same file again is a duplicate, refused by name. */
	assert_int_equal(herald_registry_load_file(f->reg, la, f->diag), HERALD_EPLUGIN);
	assert_non_null(strstr(herald_diag_first_error(f->diag),
	                       "plugin 'plain' is already provided by"));
	assert_int_equal(herald_registry_count(f->reg), 1);
	free(la);
}

static void test_loader_loads_a_directory_once_per_module(void **state)
{
	fixture *f = *state;
	need_plugins(f, 0);
	assert_int_equal(herald_registry_load_dirs(f->reg, plugin_dir(), f->diag),
	                 HERALD_OK);
	assert_string_equal(herald_diag_text(f->diag), "");
	assert_true(plain_index(f->reg) >= 0);
	/* plain.la and .libs/plain.so are one module, loaded once; every
	 * plugin comes from its .la. */
	size_t n = herald_registry_count(f->reg);
	for (size_t i = 0; i < n; i++) {
		const char *path = herald_registry_path(f->reg, i);
		assert_non_null(strstr(path, ".la"));
		for (size_t j = i + 1; j < n; j++)
			assert_string_not_equal(herald_registry_get(f->reg, i)->name,
			                        herald_registry_get(f->reg, j)->name);
	}
}

static void test_loader_missing_file_is_named(void **state)
{
	fixture *f = *state;
	need_plugins(f, 1);
	char *path = scratch_path(f->dirs[0], "nothing.la");
	assert_int_equal(herald_registry_load_file(f->reg, path, f->diag), HERALD_EPLUGIN);
	char want[512];
	snprintf(want, sizeof(want), "error: %s: cannot open module", path);
	assert_true(strncmp(herald_diag_first_error(f->diag), want, strlen(want)) == 0);
	/* A directory that does not exist holds no modules: not an error. */
	assert_int_equal(herald_registry_load_dirs(f->reg, path, f->diag), HERALD_OK);
	assert_int_equal(herald_registry_count(f->reg), 0);
	free(path);
}

/* The first directory of the path that has a plugin provides it; the
 * later one is refused, naming both files. */
static void test_loader_search_path_order(void **state)
{
	fixture *f = *state;
	need_plugins(f, 2);
	char *a = scratch_path(f->dirs[0], "plain.so");
	char *b = scratch_path(f->dirs[1], "plain.so");
	for (int order = 0; order < 2; order++) {
		const char *first = order ? f->dirs[1] : f->dirs[0];
		const char *second = order ? f->dirs[0] : f->dirs[1];
		char path[1024];
		snprintf(path, sizeof(path), "%s:%s", first, second);
		herald_registry *reg = herald_registry_new();
		herald_diag *d = herald_diag_new(NULL);
		assert_int_equal(herald_registry_load_dirs(reg, path, d), HERALD_EPLUGIN);
		assert_int_equal(herald_registry_count(reg), 1);
		const char *winner = order ? b : a, *loser = order ? a : b;
		assert_string_equal(herald_registry_path(reg, 0), winner);
		char want[1024];
		snprintf(want, sizeof(want), "error: %s: plugin 'plain' is already "
		         "provided by %s; ignoring this one", loser, winner);
		assert_string_equal(herald_diag_first_error(d), want);
		assert_int_equal(herald_diag_count(d, HERALD_ERROR), 1);
		/* The plugin that won still works. */
		char *out = convert_plain(reg, "x\n", d);
		assert_string_equal(out, "x\n");
		free(out);
		herald_registry_free(reg);
		herald_diag_free(d);
	}
	free(a);
	free(b);
}

static void test_loader_search_path_puts_explicit_dirs_first(void **state)
{
	char *saved = getenv("HERALD_PLUGIN_PATH");
	saved = saved ? strdup(saved) : NULL;
	const char *installed = herald_plugin_dir();
	assert_non_null(installed);
	assert_true(*installed);

	setenv("HERALD_PLUGIN_PATH", "/env/a:/env/b", 1);
	char *path = herald_plugin_search_path("/cli/x:/cli/y");
	char want[4096];
	snprintf(want, sizeof(want), "/cli/x:/cli/y:/env/a:/env/b:%s", installed);
	assert_string_equal(path, want);
	free(path);

	path = herald_plugin_search_path(NULL);
	snprintf(want, sizeof(want), "/env/a:/env/b:%s", installed);
	assert_string_equal(path, want);
	free(path);

	/* Empty parts leave no empty entries behind. */
	setenv("HERALD_PLUGIN_PATH", "", 1);
	path = herald_plugin_search_path("");
	assert_string_equal(path, installed);
	free(path);
	unsetenv("HERALD_PLUGIN_PATH");
	path = herald_plugin_search_path("/cli");
	snprintf(want, sizeof(want), "/cli:%s", installed);
	assert_string_equal(path, want);
	free(path);

	/* Tests can leave the installed directory out altogether. */
	setenv("HERALD_PLUGIN_PATH", "/env", 1);
	setenv("HERALD_PLUGIN_PATH_ONLY", "1", 1);
	path = herald_plugin_search_path("/cli");
	assert_string_equal(path, "/cli:/env");
	free(path);
	unsetenv("HERALD_PLUGIN_PATH_ONLY");

	if (saved)
		setenv("HERALD_PLUGIN_PATH", saved, 1);
	free(saved);
}

/* The same directory under several spellings is read once. */
static void test_loader_same_dir_twice_loads_once(void **state)
{
	fixture *f = *state;
	need_plugins(f, 0);
	assert_int_equal(herald_registry_load_dirs(f->reg, plugin_dir(), f->diag),
	                 HERALD_OK);
	size_t once = herald_registry_count(f->reg);

	char path[4096];
	const char *dir = plugin_dir();
	const char *base = strrchr(dir, '/');
	snprintf(path, sizeof(path), "%s:%s/:%s/.:%s/..%s", dir, dir, dir, dir,
	         base ? base : "/plugins");
	herald_registry *reg = herald_registry_new();
	herald_diag *d = herald_diag_new(NULL);
	assert_int_equal(herald_registry_load_dirs(reg, path, d), HERALD_OK);
	assert_string_equal(herald_diag_text(d), "");
	assert_int_equal(herald_registry_count(reg), once);
	/* Loading it again into the same registry adds nothing either. */
	assert_int_equal(herald_registry_load_dirs(reg, dir, d), HERALD_OK);
	assert_int_equal(herald_registry_count(reg), once);
	herald_registry_free(reg);
	herald_diag_free(d);
}

/* With a module in the current directory, paths with empty entries
 * must not find it. */
static void test_loader_empty_entries_never_mean_cwd(void **state)
{
	fixture *f = *state;
	need_plugins(f, 1);
	char *cwd = getcwd(NULL, 0);
	assert_non_null(cwd);
	assert_int_equal(chdir(f->dirs[0]), 0);

	const char *paths[] = { "", ":", "::" };
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(herald_registry_load_dirs(f->reg, paths[i], f->diag),
		                 HERALD_OK);
		assert_int_equal(herald_registry_count(f->reg), 0);
	}
	assert_int_equal(herald_registry_load_dirs(f->reg, NULL, f->diag), HERALD_OK);
	/* Empty entries around a real one are skipped too. */
	char path[4096];
	snprintf(path, sizeof(path), ":%s::", plugin_dir());
	assert_int_equal(herald_registry_load_dirs(f->reg, path, f->diag), HERALD_OK);
	assert_true(plain_index(f->reg) >= 0);
	assert_string_equal(herald_diag_text(f->diag), "");
	/* "." does mean it, when written out. */
	herald_registry *reg = herald_registry_new();
	assert_int_equal(herald_registry_load_dirs(reg, ".", f->diag), HERALD_OK);
	assert_int_equal(herald_registry_count(reg), 1);
	assert_string_equal(herald_registry_path(reg, 0), "./plain.so");
	herald_registry_free(reg);

	assert_int_equal(chdir(cwd), 0);
	free(cwd);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_loader_loads_a_good_module),
		T(test_loader_loads_a_directory_once_per_module),
		T(test_loader_missing_file_is_named),
		T(test_loader_search_path_order),
		T(test_loader_search_path_puts_explicit_dirs_first),
		T(test_loader_same_dir_twice_loads_once),
		T(test_loader_empty_entries_never_mean_cwd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
