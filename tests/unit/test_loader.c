/* test_loader.c - loading real modules: the build tree's plain plugin by
 * file and by directory, the order of the search path, one directory
 * named twice, and empty path entries (which never mean the current
 * directory); a lazy search path that opens only the modules asked for,
 * and its cached index of extensions (rebuilt when stale, corrupt or
 * wrong, and by several processes at once).  Needs HERALD_PLUGIN_PATH
 * (set by `make check`); skips without it. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
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
		if (herald_registry_plugin(reg, i) == p)
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
	const herald_plugin *p = herald_registry_plugin(f->reg, 0);
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
			assert_string_not_equal(herald_registry_plugin(f->reg, i)->name,
			                        herald_registry_plugin(f->reg, j)->name);
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

/* --- a lazy search path and its index ------------------------------------- */

static const char junk[] = "this is not a shared object\n";

/* dirs[0]: plain.so beside a broken junk.so; dirs[1]: XDG_CACHE_HOME. */
static void need_lazy_dir(fixture *f)
{
	need_plugins(f, 1);
	assert_int_equal(scratch_write(f->dirs[0], "junk.so", junk,
	                               sizeof(junk) - 1), 0);
	f->dirs[1] = scratch_new();
	assert_non_null(f->dirs[1]);
	setenv("XDG_CACHE_HOME", f->dirs[1], 1);
}

/* The index file in the cache folder (the caller frees it), or NULL. */
static char *index_path(const fixture *f)
{
	char *dir = scratch_path(f->dirs[1], "herald");
	DIR *d = opendir(dir);
	struct dirent *e;
	char *found = NULL;
	while (d && (e = readdir(d)) && !found)
		if (strncmp(e->d_name, "plugins-", 8) == 0 &&
		    strlen(e->d_name) > 4 &&
		    strcmp(e->d_name + strlen(e->d_name) - 4, ".idx") == 0)
			found = scratch_path(dir, e->d_name);
	if (d)
		closedir(d);
	free(dir);
	return found;
}

/* How many files the cache folder holds (temporaries left behind show). */
static int cache_files(const fixture *f)
{
	char *dir = scratch_path(f->dirs[1], "herald");
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	free(dir);
	return n;
}

static char *slurp(const char *path)
{
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	char *buf = calloc(1, 65536);
	assert_non_null(buf);
	size_t n = fread(buf, 1, 65535, in);
	buf[n] = '\0';
	fclose(in);
	return buf;
}

static void spit(const char *path, const char *text)
{
	FILE *out = fopen(path, "wb");
	assert_non_null(out);
	fputs(text, out);
	assert_int_equal(fclose(out), 0);
}

/* A new lazy registry on dirs[0]: the reader it guesses for x.text. */
static const herald_plugin *guess_fresh(const fixture *f, herald_diag *d,
                                        herald_registry **out)
{
	herald_registry *reg = herald_registry_new();
	assert_non_null(reg);
	assert_int_equal(herald_registry_set_search_path(reg, f->dirs[0], d),
	                 HERALD_OK);
	*out = reg;
	return herald_registry_guess_reader(reg, "news.text");
}

static void drop_cache(fixture *f)
{
	char *idx = index_path(f);
	if (idx)
		unlink(idx);
	free(idx);
	char *dir = scratch_path(f->dirs[1], "herald");
	rmdir(dir);
	free(dir);
	unsetenv("XDG_CACHE_HOME");
}

/* Asking for one plugin by name opens that one only: the broken module
 * beside it says nothing until the whole list is asked for, and then
 * once. */
static void test_loader_lazy_opens_only_what_is_named(void **state)
{
	fixture *f = *state;
	need_lazy_dir(f);
	assert_int_equal(herald_registry_set_search_path(f->reg, f->dirs[0],
	                                                 f->diag), HERALD_OK);
	const herald_plugin *p = herald_registry_find(f->reg, "plain",
	                                              HERALD_ROLE_READER);
	assert_non_null(p);
	assert_string_equal(p->name, "plain");
	assert_null(herald_registry_find(f->reg, "junk", HERALD_ROLE_READER));
	assert_null(herald_registry_find(f->reg, "nope", HERALD_ROLE_WRITER));
	assert_null(herald_registry_find(f->reg, "../x", HERALD_ROLE_WRITER));
	/* junk.so was opened when named, and refused. */
	assert_int_equal(herald_diag_count(f->diag, HERALD_ERROR), 1);
	assert_non_null(strstr(herald_diag_first_error(f->diag), "junk.so"));

	char *out = convert_plain(f->reg, "x\n", f->diag);
	assert_string_equal(out, "x\n");
	free(out);

	/* The whole list: no module opened twice, none reported twice. */
	assert_int_equal(herald_registry_count(f->reg), 1);
	assert_ptr_equal(herald_registry_plugin(f->reg, 0), p);
	assert_int_equal(herald_diag_count(f->diag, HERALD_ERROR), 1);
	drop_cache(f);
}

static void test_loader_lazy_list_reports_broken_modules(void **state)
{
	fixture *f = *state;
	need_lazy_dir(f);
	assert_int_equal(herald_registry_set_search_path(f->reg, f->dirs[0],
	                                                 f->diag), HERALD_OK);
	/* Guessing builds the index without a word about junk.so. */
	const herald_plugin *p = herald_registry_guess_reader(f->reg, "a.TEXT");
	assert_non_null(p);
	assert_string_equal(p->name, "plain");
	assert_string_equal(herald_diag_text(f->diag), "");
	/* An extension no reader takes: every module is opened first, so
	 * that a broken one is named before herald says there is none. */
	assert_null(herald_registry_guess_reader(f->reg, "a.zzz"));
	assert_int_equal(herald_diag_count(f->diag, HERALD_ERROR), 1);
	assert_non_null(strstr(herald_diag_first_error(f->diag), "junk.so"));
	assert_int_equal(herald_registry_count(f->reg), 1);
	assert_int_equal(herald_diag_count(f->diag, HERALD_ERROR), 1);
	/* Once scanned, guessing reads the loaded plugins. */
	assert_ptr_equal(herald_registry_guess_reader(f->reg, "b.text"), p);
	drop_cache(f);
}

/* With the index file holding text, a new run still guesses plain for
 * .text, and leaves the index as good. */
static void expect_rebuilt(const fixture *f, herald_diag *d, const char *idx,
                           const char *text, const char *good)
{
	herald_registry *reg;
	spit(idx, text);
	const herald_plugin *p = guess_fresh(f, d, &reg);
	assert_non_null(p);
	assert_string_equal(p->name, "plain");
	herald_registry_free(reg);
	char *now = slurp(idx);
	assert_string_equal(now, good);
	free(now);
}

/* The index is written once, read by the next run, and rebuilt without a
 * word when it is corrupt, when it names a reader that does not read
 * the extension, or when a module is newer than it. */
static void test_loader_index_is_cached_and_checked(void **state)
{
	fixture *f = *state;
	need_lazy_dir(f);
	herald_registry *reg;
	herald_diag *d = herald_diag_new(NULL);
	assert_non_null(guess_fresh(f, d, &reg));
	herald_registry_free(reg);
	char *idx = index_path(f);
	assert_non_null(idx);
	char *good = slurp(idx);
	assert_true(strncmp(good, "herald plugin index 2\n", 22) == 0);
	assert_non_null(strstr(good, "\nreader text plain\n"));
	/* The modules that opened are noted, by their stamps' numbers. */
	assert_non_null(strstr(good, "\nchecked "));
	assert_int_equal(cache_files(f), 1);

	const char *bad[] = {
		"", "garbage\n", "herald plugin index 2\n",
		"herald plugin index 9\nsearch x\nend\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		expect_rebuilt(f, d, idx, bad[i], good);
	/* A "checked" record naming a stamp the index does not have. */
	char *past = malloc(strlen(good) + 32);
	assert_non_null(past);
	const char *first = strstr(good, "\nchecked ");
	int head = (int)(first - good);
	sprintf(past, "%.*s\nchecked 0 999%s", head, good, first);
	expect_rebuilt(f, d, idx, past, good);
	free(past);

	/* Up to date, but wrong: the reader it names is checked. */
	char *wrong = strdup(good);
	char *at = strstr(wrong, "\nreader text plain\n");
	memcpy(at, "\nreader text zzzzz\n", 19);
	expect_rebuilt(f, d, idx, wrong, good);
	/* Up to date, but missing the reader: every module is opened
	 * before "none" (junk.so is reported), and the reader is found. */
	at = strstr(wrong, "\nreader text zzzzz\n");
	memmove(at + 1, at + 19, strlen(at + 19) + 1);
	assert_null(strstr(wrong, "reader text"));
	herald_diag *loud = herald_diag_new(NULL);
	expect_rebuilt(f, loud, idx, wrong, good);
	assert_non_null(strstr(herald_diag_text(loud), "junk.so"));
	herald_diag_free(loud);
	free(wrong);
	char *now;

	/* A module rebuilt since: its stamp changes, the index follows. */
	char *so = scratch_path(f->dirs[0], "plain.so");
	struct timespec times[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	assert_int_equal(utimensat(AT_FDCWD, so, times, 0), 0);
	assert_non_null(guess_fresh(f, d, &reg));
	herald_registry_free(reg);
	now = slurp(idx);
	assert_string_not_equal(now, good);
	assert_non_null(strstr(now, "stamp 1000000000 0 "));
	free(now);
	assert_string_equal(herald_diag_text(d), "");
	assert_int_equal(cache_files(f), 1);
	free(so);
	free(good);
	free(idx);
	herald_diag_free(d);
	drop_cache(f);
}

/* Runs rebuilding the index at the same moment leave one whole index
 * and no temporary behind. */
static void test_loader_index_rebuilt_by_many_at_once(void **state)
{
	fixture *f = *state;
	need_lazy_dir(f);
	enum { RUNS = 4, ROUNDS = 15 };
	pid_t pids[RUNS];
	for (int r = 0; r < RUNS; r++) {
		pids[r] = fork();
		assert_true(pids[r] >= 0);
		if (pids[r] == 0) {
			int ok = 1;
			for (int i = 0; i < ROUNDS; i++) {
				char *idx = index_path(f);
				if (idx && i % 2)
					spit(idx, "torn");   /* another run's broken file */
				free(idx);
				herald_registry *reg;
				herald_diag *d = herald_diag_new(NULL);
				const herald_plugin *p = guess_fresh(f, d, &reg);
				ok = ok && p && strcmp(p->name, "plain") == 0;
				herald_registry_free(reg);
				herald_diag_free(d);
			}
			_exit(ok ? 0 : 1);
		}
	}
	for (int r = 0; r < RUNS; r++) {
		int status;
		assert_int_equal(waitpid(pids[r], &status, 0), pids[r]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	herald_registry *reg;
	herald_diag *d = herald_diag_new(NULL);
	assert_non_null(guess_fresh(f, d, &reg));
	herald_registry_free(reg);
	herald_diag_free(d);
	char *idx = index_path(f);
	assert_non_null(idx);
	char *text = slurp(idx);
	assert_true(strncmp(text, "herald plugin index 2\n", 22) == 0);
	assert_true(strlen(text) > 4 &&
	            strcmp(text + strlen(text) - 4, "end\n") == 0);
	assert_int_equal(cache_files(f), 1);
	free(text);
	free(idx);
	drop_cache(f);
}

/* The index notes plain.so as opened ("checked").  Cut short since, the
 * module is not bound on the index's word: its stamp no longer matches,
 * so its headers are read again and it is refused, never mapped past its
 * end (which would kill the process with SIGBUS; here dlopen would only
 * hand back the copy still loaded, so the refusal is what is seen). */
static void test_loader_index_believes_no_changed_module(void **state)
{
	fixture *f = *state;
	need_lazy_dir(f);
	herald_registry *reg;
	/* The index is built in a child: a module stays mapped once opened,
	 * and cutting short a file this process has mapped would fault here
	 * whatever the loader did. */
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		herald_diag *quiet = herald_diag_new(NULL);
		_exit(quiet && guess_fresh(f, quiet, &reg) ? 0 : 1);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	char *idx = index_path(f);
	char *text = slurp(idx);
	assert_non_null(strstr(text, "\nchecked "));
	free(text);

	char *so = scratch_path(f->dirs[0], "plain.so");
	struct stat st;
	assert_int_equal(stat(so, &st), 0);
	/* (2 kB keep the ELF and program headers, not the segments) */
	assert_true(st.st_size > 2048);
	assert_int_equal(truncate(so, 2048), 0);
	herald_diag *loud = herald_diag_new(NULL);
	assert_null(guess_fresh(f, loud, &reg));
	herald_registry_free(reg);
	assert_non_null(strstr(herald_diag_text(loud), "plain.so"));
	assert_non_null(strstr(herald_diag_text(loud), "cut short"));
	herald_diag_free(loud);
	free(so);
	free(idx);
	drop_cache(f);
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
		T(test_loader_lazy_opens_only_what_is_named),
		T(test_loader_lazy_list_reports_broken_modules),
		T(test_loader_index_is_cached_and_checked),
		T(test_loader_index_rebuilt_by_many_at_once),
		T(test_loader_index_believes_no_changed_module),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
