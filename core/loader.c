/* loader.c - finding plugin modules and checking their descriptors.
 * The only file that includes <ltdl.h>: module loading stays here. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1   /* dladdr(): which file libherald was loaded from */
#endif
#include <dirent.h>
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ltdl.h>

#include <herald/module.h>
#include <herald/pipeline.h>

#include "paths.h"
#include "plugin_index.h"

typedef struct registry_entry {
	const herald_plugin *plugin;
	char *path;
	lt_dlhandle handle;    /* NULL for descriptors added in memory */
} registry_entry;

/* A registry given a search path (herald_registry_set_search_path)
 * opens a module only when it is asked for: by name, or all of them
 * when the whole list is asked for.  Every module file opened or
 * refused is in tried, so that none is opened, or reported, twice. */
struct herald_registry {
	registry_entry *entries;
	size_t count, cap;
	char **dirs_seen;      /* real paths of directories already loaded */
	size_t ndirs;
	char **tried;          /* module files opened or refused */
	size_t ntried, tried_cap;
	char *search;          /* the lazy search path, or NULL */
	herald_diag *diag;     /* where lazy loading reports */
	int scanned;           /* every directory of search is loaded */
	core_plugin_index *index;   /* extension -> reader, once read */
	int ltdl_ready;
	/* The last .la parsed, its kind and shared object: a module found
	 * by name is parsed to tell a static one, then to bind it (two reads
	 * of each plugin's .la a run, for nothing). */
	char *la_path, *la_so;
	int la_kind;
};

herald_registry *herald_registry_new(void)
{
	herald_registry *reg = calloc(1, sizeof(*reg));
	if (!reg)
		return NULL;
	reg->ltdl_ready = lt_dlinit() == 0;
	return reg;
}

void herald_registry_free(herald_registry *reg)
{
	if (!reg)
		return;
	for (size_t i = 0; i < reg->count; i++) {
		if (reg->entries[i].handle)
			lt_dlclose(reg->entries[i].handle);
		free(reg->entries[i].path);
	}
	for (size_t i = 0; i < reg->ndirs; i++)
		free(reg->dirs_seen[i]);
	free(reg->dirs_seen);
	for (size_t i = 0; i < reg->ntried; i++)
		free(reg->tried[i]);
	free(reg->tried);
	free(reg->search);
	free(reg->la_path);
	free(reg->la_so);
	core_plugin_index_free(reg->index);
	free(reg->entries);
	if (reg->ltdl_ready)
		lt_dlexit();
	free(reg);
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* --- checking a descriptor ----------------------------------------------- */

static int valid_name(const char *name)
{
	if (!name || !*name)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			return 0;
	return 1;
}

/* The file's name without directory and extension ("plugins/x.la" -> x). */
static char *module_stem(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t len = strcspn(base, ".");
	return strndup(base, len);
}

/* The first of n reserved slots that is not zero, or -1. */
static int first_set(void *const *slots, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (slots[i])
			return (int)i;
	return -1;
}

/* A reserved slot that is set: the descriptor (or its option table) was
 * made for a herald that gives the slot a meaning this one does not
 * know, so it cannot be used as it was meant.  The text names the slot,
 * in buf; NULL when every slot is zero. */
static const char *reserved_problem(const herald_plugin *p, char *buf,
                                    size_t size)
{
	static const char newer[] = "(built for a newer herald, whose "
	                            "field this is? rebuild it)";
	int slot = first_set(p->reserved, sizeof(p->reserved) /
	                                  sizeof(p->reserved[0]));
	if (slot >= 0) {
		snprintf(buf, size, "its descriptor's reserved[%d] is not zero %s",
		         slot, newer);
		return buf;
	}
	for (const herald_option *o = p->options; o && o->name; o++) {
		slot = first_set(o->reserved, sizeof(o->reserved) /
		                              sizeof(o->reserved[0]));
		if (slot >= 0) {
			char q[HERALD_QUOTE_SIZE];
			snprintf(buf, size, "its option '%s' has reserved[%d] not "
			         "zero %s", herald_diag_quote(o->name, q, sizeof(q)),
			         slot, newer);
			return buf;
		}
	}
	return NULL;
}

/* What makes p unusable, or NULL; buf holds the text when it names p's
 * own (invalid, so quoted) name or a reserved slot. */
static const char *describe_problem(const herald_plugin *p, char *buf,
                                    size_t size)
{
	const unsigned known = HERALD_ROLE_READER | HERALD_ROLE_TRANSFORM |
	                       HERALD_ROLE_WRITER;
	if (!p->name || !*p->name)
		return "it has no name (.name, [a-z0-9]+)";
	if (!valid_name(p->name)) {
		char q[HERALD_QUOTE_SIZE];
		snprintf(buf, size, "its name '%s' is not [a-z0-9]+",
		         herald_diag_quote(p->name, q, sizeof(q)));
		return buf;
	}
	if (!p->roles || (p->roles & ~known))
		return "it declares no role, or an unknown one";
	if ((p->roles & HERALD_ROLE_READER) && !p->read)
		return "it is a reader without a read callback";
	if ((p->roles & HERALD_ROLE_TRANSFORM) && !p->transform)
		return "it is a transform without a transform callback";
	if ((p->roles & HERALD_ROLE_WRITER) && !p->write)
		return "it is a writer without a write callback";
	for (const herald_option *o = p->options; o && o->name; o++)
		if ((unsigned)o->type > HERALD_OPT_CHOICE ||
		    (o->type == HERALD_OPT_CHOICE && !o->choices))
			return "an option has an unknown type or no choices";
	return reserved_problem(p, buf, size);
}

static const registry_entry *find_clash(const herald_registry *reg,
                                        const herald_plugin *p)
{
	for (size_t i = 0; i < reg->count; i++) {
		const herald_plugin *q = reg->entries[i].plugin;
		if (strcmp(q->name, p->name) == 0 && (q->roles & p->roles))
			return &reg->entries[i];
	}
	return NULL;
}

static int push_entry(herald_registry *reg, const herald_plugin *plugin,
                      const char *path, lt_dlhandle handle)
{
	if (reg->count == reg->cap) {
		size_t cap = reg->cap ? reg->cap * 2 : 16;
		registry_entry *grown = realloc(reg->entries, cap * sizeof(*grown));
		if (!grown)
			return HERALD_ENOMEM;
		reg->entries = grown;
		reg->cap = cap;
	}
	char *copy = strdup(path ? path : "(built-in)");
	if (!copy)
		return HERALD_ENOMEM;
	reg->entries[reg->count++] = (registry_entry){ plugin, copy, handle };
	return HERALD_OK;
}

/* A module without the symbol HERALD_PLUGIN(name) defines: name the
 * symbol libltdl looked for, which comes from the file's name, so that a
 * renamed file or a descriptor named unlike its file is plain to see. */
static void report_no_descriptor(lt_dlhandle h, const char *path,
                                 const char *where, herald_diag *diag)
{
	const lt_dlinfo *info = lt_dlgetinfo(h);
	char *stem = info && info->name ? NULL : module_stem(path);
	const char *name = info && info->name ? info->name : stem ? stem : "NAME";
	char q[HERALD_QUOTE_SIZE];
	herald_diag_quote(name, q, sizeof(q));
	herald_error(diag, "%s: no herald_plugin descriptor: found no symbol "
	             "'%s_LTX_herald_plugin' (define it with HERALD_PLUGIN(%s); "
	             "a module's file name must match its plugin's name)",
	             where, q, q);
	free(stem);
}

static int add_checked(herald_registry *reg, const herald_plugin *plugin,
                       const char *path, lt_dlhandle handle, herald_diag *diag)
{
	char qw[HERALD_QUOTE_SIZE], qc[HERALD_QUOTE_SIZE];
	const char *where = herald_diag_quote(path ? path : "(built-in)", qw,
	                                      sizeof(qw));
	if (plugin->abi_version != HERALD_ABI_VERSION) {
		herald_error(diag, "%s: plugin ABI version %u, but this herald "
		             "needs version %u; rebuild the plugin", where,
		             plugin->abi_version, (unsigned)HERALD_ABI_VERSION);
		return HERALD_EPLUGIN;
	}
	char why[HERALD_QUOTE_SIZE + 64];
	const char *problem = describe_problem(plugin, why, sizeof(why));
	if (problem) {
		herald_error(diag, "%s: not a usable plugin: %s", where, problem);
		return HERALD_EPLUGIN;
	}
	if (path) {
		char *stem = module_stem(path);
		int same = stem && strcmp(stem, plugin->name) == 0;
		free(stem);
		if (!same) {
			herald_error(diag, "%s: plugin calls itself '%s'; its file "
			             "must be named after it", where, plugin->name);
			return HERALD_EPLUGIN;
		}
	}
	const registry_entry *clash = find_clash(reg, plugin);
	if (clash) {
		herald_error(diag, "%s: plugin '%s' is already provided by %s; "
		             "ignoring this one", where, plugin->name,
		             herald_diag_quote(clash->path, qc, sizeof(qc)));
		return HERALD_EPLUGIN;
	}
	return push_entry(reg, plugin, path, handle);
}

int herald_registry_add(herald_registry *reg, const herald_plugin *plugin,
                        const char *path, herald_diag *diag)
{
	if (!plugin)
		return HERALD_EUSAGE;
	return add_checked(reg, plugin, path, NULL, diag);
}

/* What a libtool .la file says.  A .la is libtool's text description
 * of a library: it must say it was made by libtool and assign dlname
 * (the shared object, '' for a static-only library).  Anything else (a
 * file cut short, garbage, a binary renamed) is corrupt, and is reported
 * like a corrupt .so rather than taken for a static-only module. */
enum { LA_CORRUPT = -1, LA_STATIC = 0, LA_SHARED = 1 };

static int la_parse(const char *la, char **so)
{
	*so = NULL;
	FILE *f = fopen(la, "r");
	if (!f)
		return LA_CORRUPT;
	char line[PATH_MAX], dlname[PATH_MAX] = "";
	int installed = 1, by_libtool = 0, has_dlname = 0;
	/* Only the lines that matter are looked into (a module is opened
	 * at each run: no sscanf of every line). */
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#') {
			by_libtool |= strstr(line, "libtool") != NULL;
		} else if (strncmp(line, "dlname='", 8) == 0) {
			size_t n = strcspn(line + 8, "'\n");
			memcpy(dlname, line + 8, n);
			dlname[n] = '\0';
			has_dlname = 1;
		} else if (strncmp(line, "installed=no", 12) == 0) {
			installed = 0;
		}
	}
	int bad = ferror(f);
	fclose(f);
	if (bad || !by_libtool || !has_dlname || strchr(dlname, '/'))
		return LA_CORRUPT;
	if (!*dlname)
		return LA_STATIC;
	const char *slash = strrchr(la, '/');
	int dirlen = slash ? (int)(slash - la + 1) : 0;
	size_t len = (size_t)dirlen + strlen(dlname) + sizeof(".libs/");
	*so = malloc(len);
	if (*so)
		snprintf(*so, len, "%.*s%s%s", dirlen, la,
		         installed ? "" : ".libs/", dlname);
	return *so ? LA_SHARED : LA_CORRUPT;
}

/* la_parse(la, so) for the registry, the last answer again for the same
 * file. */
static int la_parse_once(herald_registry *reg, const char *la, char **so)
{
	if (reg->la_path && strcmp(reg->la_path, la) == 0) {
		*so = reg->la_so ? strdup(reg->la_so) : NULL;
		return reg->la_so && !*so ? LA_CORRUPT : reg->la_kind;
	}
	int kind = la_parse(la, so);
	free(reg->la_path);
	free(reg->la_so);
	reg->la_path = strdup(la);
	reg->la_so = *so ? strdup(*so) : NULL;
	reg->la_kind = kind;
	if (!reg->la_path || (*so && !reg->la_so)) {   /* (not kept) */
		free(reg->la_path);
		free(reg->la_so);
		reg->la_path = reg->la_so = NULL;
	}
	return kind;
}

/* dlopen() maps a module's segments without checking that the file
 * holds them, and the first touch of a page past the end of a truncated
 * file (a copy cut short, a full disk) kills the process with SIGBUS.
 * A module whose ELF program headers reach past its end is refused
 * before that.  Anything that is not a native ELF file is left to
 * dlopen(), which refuses it cleanly. */
static int elf_truncated(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	struct stat st;
	ElfW(Ehdr) eh;
	int bad = 0;
	if (fstat(fd, &st) == 0 &&
	    pread(fd, &eh, sizeof(eh), 0) == (ssize_t)sizeof(eh) &&
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 &&
	    eh.e_ident[EI_CLASS] == (sizeof(void *) == 8 ? ELFCLASS64 : ELFCLASS32) &&
	    eh.e_phentsize == sizeof(ElfW(Phdr))) {
		uint64_t size = (uint64_t)st.st_size;
		size_t table = (size_t)eh.e_phnum * sizeof(ElfW(Phdr));
		bad = eh.e_phoff > size || table > size - eh.e_phoff;
		/* The table in one read (e_phnum < 65536: at most 3.5 MiB),
		 * not one read a header. */
		ElfW(Phdr) *ph = bad || !table ? NULL : malloc(table);
		/* (Out of memory, the check is left to dlopen().) */
		bad = bad || (ph && pread(fd, ph, table, (off_t)eh.e_phoff) !=
		                    (ssize_t)table);
		for (unsigned i = 0; ph && !bad && i < eh.e_phnum; i++)
			bad = ph[i].p_offset > size ||
			      ph[i].p_filesz > size - ph[i].p_offset;
		free(ph);
	}
	close(fd);
	return bad;
}

/* The shared object module file path names, checked, in *so (NULL
 * when it names none: libltdl decides); 0, or -1 after reporting why
 * the module is refused.  A module the index saw open, unchanged since,
 * is not read again: its .la and the ELF headers checked then are still
 * what they were. */
static int object_to_bind(herald_registry *reg, const char *path,
                          const char *qp, char **so, herald_diag *diag)
{
	char qs[HERALD_QUOTE_SIZE];
	const char *known = reg->index ? core_plugin_index_checked_object(
	                                         reg->index, path)
	                               : NULL;
	*so = NULL;
	if (known) {
		*so = strdup(known);
		return 0;
	}
	if (!has_suffix(path, ".la"))
		*so = strdup(path);
	else if (la_parse_once(reg, path, so) == LA_CORRUPT) {
		herald_error(diag, "%s: cannot open module: not a valid libtool "
		             "library file (.la)", qp);
		return -1;
	}
	if (*so && elf_truncated(*so)) {
		herald_error(diag, "%s: cannot open module: %s is cut short "
		             "(truncated)", qp, herald_diag_quote(*so, qs, sizeof(qs)));
		free(*so);
		*so = NULL;
		return -1;
	}
	return 0;
}

/* libltdl binds a module's functions lazily, so one that calls a symbol
 * nobody exports (a core internal) would open fine and kill herald at
 * its first call; and when opening does fail it mostly says "file not
 * found".  Binding everything now, once, first, refuses such a module at
 * load time with the dynamic linker's own reason.  Returns a handle that
 * keeps the object loaded (dlclose it after lt_dlopen), and in *bound
 * the shared object's path (the caller's to free), or NULL with
 * *refused set after reporting. */
static void *bind_now(herald_registry *reg, const char *path, int *refused,
                      char **bound, herald_diag *diag)
{
	*refused = 0;
	*bound = NULL;
	char qp[HERALD_QUOTE_SIZE];
	herald_diag_quote(path, qp, sizeof(qp));
	if (access(path, R_OK) != 0) {
		herald_error(diag, "%s: cannot open module: %s", qp, strerror(errno));
		*refused = 1;
		return NULL;
	}
	char *so;
	if (object_to_bind(reg, path, qp, &so, diag) != 0) {
		*refused = 1;
		return NULL;
	}
	if (!so)
		return NULL;    /* nothing to bind: libltdl decides */
	/* RTLD_NODELETE: a module stays mapped until the process ends, as
	 * GStreamer keeps its plugins.  Unmapping at exit gains nothing, and
	 * a plugin's process-long caches (the bulletin reader's date tables)
	 * would then be unreachable memory that leak checkers (ASan's, in
	 * CI) rightly report; sanitizer traces can also still name it. */
	void *h = dlopen(so, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
	if (!h) {
		herald_error(diag, "%s: cannot open module: %s", qp, dlerror());
		*refused = 1;
		free(so);
		return NULL;
	}
	*bound = so;
	return h;
}

int herald_registry_load_file(herald_registry *reg, const char *path,
                              herald_diag *diag)
{
	char qp[HERALD_QUOTE_SIZE];
	herald_diag_quote(path, qp, sizeof(qp));
	if (!reg->ltdl_ready) {
		herald_error(diag, "%s: the module loader failed to start", qp);
		return HERALD_EPLUGIN;
	}
	int refused;
	char *so;
	void *bound = bind_now(reg, path, &refused, &so, diag);
	if (refused)
		return HERALD_EPLUGIN;
	/* The shared object the .la named, already bound: libltdl would
	 * only read the .la again (more than half of what it costs,
	 * doc/performance.md "Session 6: start-up"). */
	lt_dlhandle h = lt_dlopen(so ? so : path);
	free(so);
	if (bound)
		dlclose(bound);     /* lt_dlopen holds its own reference */
	if (!h) {
		herald_error(diag, "%s: cannot open module: %s", qp, lt_dlerror());
		return HERALD_EPLUGIN;
	}
	/* libltdl tries "<module>_LTX_herald_plugin" first, then the bare name. */
	const herald_plugin *plugin = lt_dlsym(h, "herald_plugin");
	if (!plugin) {
		report_no_descriptor(h, path, qp, diag);
		lt_dlclose(h);
		return HERALD_EPLUGIN;
	}
	int rc = add_checked(reg, plugin, path, h, diag);
	if (rc != HERALD_OK)
		lt_dlclose(h);
	return rc;
}

/* --- libherald's own modules ------------------------------------------------ */

/* Where libherald's own modules are (found once): beside the build
 * tree's library when this libherald is the build tree's (tests, and
 * programs linked against it in place), else the folder they are
 * installed in.  Asked of the library's own file, not only of the
 * program's: a program outside the build tree may run the build tree's
 * libherald. */
static char module_dir[PATH_MAX];
static pthread_once_t module_dir_once = PTHREAD_ONCE_INIT;

static void find_module_dir(void)
{
	Dl_info info;
	int in_build = core_running_uninstalled();
	char *lib = NULL;
	if (!in_build && dladdr((void *)find_module_dir, &info) && info.dli_fname)
		lib = realpath(info.dli_fname, NULL);
	if (lib) {
		size_t bl = strlen(HERALD_REAL_BUILD_DIR);
		in_build = strncmp(lib, HERALD_REAL_BUILD_DIR, bl) == 0 &&
		           lib[bl] == '/';
	}
	free(lib);
	snprintf(module_dir, sizeof(module_dir), "%s",
	         in_build ? HERALD_BUILD_DIR "/core" : HERALD_CORE_MODULE_DIR);
}

void *herald_module_symbol(const char *module, const char *symbol,
                           const char *without)
{
	char la[PATH_MAX], *so = NULL;
	const char *why = NULL;
	void *h, *sym = NULL;

	pthread_once(&module_dir_once, find_module_dir);
	int n = snprintf(la, sizeof(la), "%s/%s.la", module_dir, module);
	/* dlopen(), not libltdl: the first document to need a module may be
	 * read on a worker thread, and dlopen() is thread-safe where
	 * libltdl is not.  The .la names the shared object, as a plugin's
	 * does.  Bound lazily, unlike a plugin (bind_now): a core module is
	 * built with libherald against the libraries configure found, so
	 * binding every symbol first would only catch a library replaced
	 * since by one of the same soname that lacks a function; and for
	 * CLD2 it bound the whole C++ runtime, a third of a small
	 * bulletin's conversion (callgrind: 3.9 M of its 13.4 M
	 * instructions; lazily, the run is 12.0 M). */
	if (n < 0 || (size_t)n >= sizeof(la))
		why = strerror(ENAMETOOLONG);
	else if (la_parse(la, &so) != LA_SHARED)
		why = access(la, F_OK) != 0 ? strerror(ENOENT)
		                            : "not a valid libtool library file";
	else if (!(h = dlopen(so, RTLD_LAZY | RTLD_LOCAL | RTLD_NODELETE)))
		why = dlerror();
	else if (!(sym = dlsym(h, symbol)))
		why = "its entry point is missing";
	if (why) {
		char q[HERALD_QUOTE_SIZE];
		fprintf(stderr, "herald: warning: cannot load %s: %s; %s\n",
		        herald_diag_quote(la, q, sizeof(q)), why, without);
	}
	free(so);
	return sym;
}

/* --- modules linked into the program ---------------------------------- */

/* lt_dlpreload_open() calls back without a user pointer; loading happens
 * on one thread only (libltdl is not thread-safe), so this is safe. */
static struct {
	herald_registry *reg;
	herald_diag *diag;
	int rc;
} preloading;

static int add_preloaded_module(lt_dlhandle h)
{
	const lt_dlinfo *info = lt_dlgetinfo(h);
	const char *name = info && info->name ? info->name : "(built-in)";
	const herald_plugin *plugin = lt_dlsym(h, "herald_plugin");
	if (!plugin) {
		herald_error(preloading.diag, "%s: built-in module without a "
		             "herald_plugin descriptor", name);
		preloading.rc = HERALD_EPLUGIN;
		return 0;
	}
	if (add_checked(preloading.reg, plugin, NULL, NULL,
	                preloading.diag) != HERALD_OK)
		preloading.rc = HERALD_EPLUGIN;
	return 0;
}

int herald_registry_add_preloaded(herald_registry *reg, const void *symbols,
                                  herald_diag *diag)
{
	if (!reg->ltdl_ready || lt_dlpreload((const lt_dlsymlist *)symbols)) {
		herald_error(diag, "the built-in plugins cannot be registered: %s",
		             reg->ltdl_ready ? lt_dlerror() : "no module loader");
		return HERALD_EPLUGIN;
	}
	preloading.reg = reg;
	preloading.diag = diag;
	preloading.rc = HERALD_OK;
	/* "@PROGRAM@" names the program's own table. */
	if (lt_dlpreload_open("@PROGRAM@", add_preloaded_module) != 0) {
		herald_error(diag, "the built-in plugins cannot be opened: %s",
		             lt_dlerror());
		preloading.rc = HERALD_EPLUGIN;
	}
	return preloading.rc;
}

/* --- directories ---------------------------------------------------------- */


static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether dir holds "<stem>.la" beside a "<stem>.so": libtool's .la
 * describes the module, so the .so is not loaded a second time. */
static int has_la_twin(char **names, size_t n, const char *so)
{
	size_t stem = strlen(so) - strlen(".so");
	for (size_t i = 0; i < n; i++)
		if (has_suffix(names[i], ".la") && strlen(names[i]) == stem + 3 &&
		    strncmp(names[i], so, stem) == 0)
			return 1;
	return 0;
}

/* The module files in dir, sorted so loading order never depends on the
 * file system. */
static char **list_modules(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	*count = 0;
	if (!d)
		return NULL;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' ||
		    !(has_suffix(e->d_name, ".la") || has_suffix(e->d_name, ".so")))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			char **g = realloc(names, cap * sizeof(*g));
			if (!g)
				break;
			names = g;
		}
		if (!(names[n] = strdup(e->d_name)))
			break;
		n++;
	}
	closedir(d);
	if (names)
		qsort(names, n, sizeof(*names), compare_names);
	*count = n;
	return names;
}

static int seen_dir(herald_registry *reg, const char *dir)
{
	char *real = realpath(dir, NULL);
	if (!real)
		return 0;
	for (size_t i = 0; i < reg->ndirs; i++) {
		if (strcmp(reg->dirs_seen[i], real) == 0) {
			free(real);
			return 1;
		}
	}
	char **g = realloc(reg->dirs_seen, (reg->ndirs + 1) * sizeof(*g));
	if (!g) {
		free(real);
		return 0;
	}
	reg->dirs_seen = g;
	reg->dirs_seen[reg->ndirs++] = real;
	return 0;
}

/* A libtool .la naming no shared object describes a static archive
 * (--disable-shared): such a plugin is built in, if at all, not loaded. */
static int is_static_only(herald_registry *reg, const char *path)
{
	if (!has_suffix(path, ".la") ||
	    (reg->index && core_plugin_index_checked_object(reg->index, path)) ||
	    access(path, R_OK) != 0)   /* (one the index saw open is not) */
		return 0;
	char *so;
	int kind = la_parse_once(reg, path, &so);
	free(so);
	return kind == LA_STATIC;   /* a corrupt one is loaded, and refused */
}

static int was_tried(const herald_registry *reg, const char *path)
{
	for (size_t i = 0; i < reg->ntried; i++)
		if (strcmp(reg->tried[i], path) == 0)
			return 1;
	return 0;
}

static int note_tried(herald_registry *reg, const char *path)
{
	if (reg->ntried == reg->tried_cap) {
		size_t cap = reg->tried_cap ? reg->tried_cap * 2 : 16;
		char **grown = realloc(reg->tried, cap * sizeof(*grown));
		if (!grown)
			return HERALD_ENOMEM;
		reg->tried = grown;
		reg->tried_cap = cap;
	}
	if (!(reg->tried[reg->ntried] = strdup(path)))
		return HERALD_ENOMEM;
	reg->ntried++;
	return HERALD_OK;
}

/* Load path unless it was opened or refused before; HERALD_OK when it
 * was, or loads now. */
static int load_once(herald_registry *reg, const char *path, herald_diag *diag)
{
	if (was_tried(reg, path))
		return HERALD_OK;
	int rc = note_tried(reg, path);
	return rc ? rc : herald_registry_load_file(reg, path, diag);
}

static char *dir_file(const char *dir, size_t dir_len, const char *name,
                      const char *suffix)
{
	size_t len = dir_len + strlen(name) + strlen(suffix) + 2;
	char *path = malloc(len);
	if (path)
		snprintf(path, len, "%.*s/%s%s", (int)dir_len, dir, name, suffix);
	return path;
}

/* Calls visit(reg, path, arg) for each module file of dir that a scan
 * loads, in the order it loads them: sorted, a .so beside its .la left
 * out, static-only .la files left out. */
static int each_module(herald_registry *reg, const char *dir,
                       int (*visit)(herald_registry *, const char *, void *),
                       void *arg)
{
	size_t n;
	char **names = list_modules(dir, &n);
	int rc = HERALD_OK;
	for (size_t i = 0; i < n; i++) {
		if (has_suffix(names[i], ".so") && has_la_twin(names, n, names[i]))
			continue;
		char *path = dir_file(dir, strlen(dir), names[i], "");
		if (path && !is_static_only(reg, path) &&
		    visit(reg, path, arg) != HERALD_OK)
			rc = HERALD_EPLUGIN;
		free(path);
	}
	/* Freed only now: has_la_twin() looks at every name, earlier ones
	 * included. */
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

static int visit_load(herald_registry *reg, const char *path, void *diag)
{
	return load_once(reg, path, diag);
}

static int load_dir(herald_registry *reg, const char *dir, herald_diag *diag)
{
	if (seen_dir(reg, dir))
		return HERALD_OK;
	return each_module(reg, dir, visit_load, diag);
}

int herald_registry_load_dirs(herald_registry *reg, const char *dirs,
                              herald_diag *diag)
{
	int rc = HERALD_OK;
	const char *p = dirs ? dirs : "";
	while (*p) {
		size_t len = strcspn(p, ":");
		/* An empty entry never means the current directory. */
		if (len) {
			char *dir = strndup(p, len);
			if (!dir)
				return HERALD_ENOMEM;
			if (load_dir(reg, dir, diag) != HERALD_OK)
				rc = HERALD_EPLUGIN;
			free(dir);
		}
		p += len;
		if (*p == ':')
			p++;
	}
	return rc;
}

/* --- opening modules when they are asked for ------------------------------ */

int herald_registry_set_search_path(herald_registry *reg, const char *dirs,
                                    herald_diag *diag)
{
	char *copy = strdup(dirs ? dirs : "");
	if (!copy)
		return HERALD_ENOMEM;
	free(reg->search);
	reg->search = copy;
	reg->diag = diag;
	reg->scanned = 0;
	core_plugin_index_free(reg->index);
	reg->index = NULL;
	return HERALD_OK;
}

/* The registry behind a const pointer.  Every registry is made by
 * herald_registry_new(), never const itself: opening the modules a
 * lookup asks for is caching, which the callers cannot observe but
 * through what the lookup returns. */
static herald_registry *lazy(const herald_registry *reg)
{
	return (herald_registry *)reg;
}

/* Load every directory of the lazy search path, once. */
static void ensure_scanned(herald_registry *reg)
{
	if (!reg->search || reg->scanned)
		return;
	reg->scanned = 1;
	herald_registry_load_dirs(reg, reg->search, reg->diag);
}

static const herald_plugin *find_loaded(const herald_registry *reg,
                                        const char *name, herald_role role)
{
	for (size_t i = 0; i < reg->count; i++) {
		const herald_plugin *p = reg->entries[i].plugin;
		if ((p->roles & role) && strcmp(p->name, name) == 0)
			return p;
	}
	return NULL;
}

/* NAME.la, else NAME.so, of one directory, unless opened before or
 * static-only; NULL when it has neither. */
static char *module_in(herald_registry *reg, const char *dir,
                       size_t dir_len, const char *name)
{
	static const char *const suffixes[] = { ".la", ".so" };
	for (size_t k = 0; k < 2; k++) {
		char *path = dir_file(dir, dir_len, name, suffixes[k]);
		if (!path)
			return NULL;
		if (access(path, F_OK) == 0) {
			/* A .la stands for its .so, as in a scan. */
			if (was_tried(reg, path) || is_static_only(reg, path)) {
				free(path);
				return NULL;
			}
			return path;
		}
		free(path);
	}
	return NULL;
}

/* Open name's module from each directory of the search path in turn,
 * until one provides role. */
static const herald_plugin *open_named(herald_registry *reg, const char *name,
                                       herald_role role)
{
	if (!valid_name(name))
		return NULL;   /* no file can hold it */
	for (const char *p = reg->search; *p;) {
		size_t len = strcspn(p, ":");
		char *path = len ? module_in(reg, p, len, name) : NULL;
		if (path) {
			load_once(reg, path, reg->diag);
			free(path);
			const herald_plugin *found = find_loaded(reg, name, role);
			if (found)
				return found;
		}
		p += len + (p[len] == ':');
	}
	return NULL;
}

/* --- guessing a reader from an extension ------------------------------------ */

static const herald_plugin *reader_among(const herald_registry *reg,
                                         const char *ext, int in_memory_only)
{
	for (size_t i = 0; i < reg->count; i++) {
		const herald_plugin *p = reg->entries[i].plugin;
		if (!(p->roles & HERALD_ROLE_READER) || !p->extensions ||
		    (in_memory_only && reg->entries[i].handle))
			continue;
		for (const char *const *e = p->extensions; *e; e++)
			if (strcasecmp(*e, ext) == 0)
				return p;
	}
	return NULL;
}

typedef struct index_build {
	core_plugin_index *idx;
	herald_diag *quiet;
	int failed;
} index_build;

/* One module file of a scan into the index: its stamp (and that of the
 * shared object a .la names), and the extensions of the readers in it. */
static int visit_index(herald_registry *reg, const char *path, void *arg)
{
	index_build *b = arg;
	if (core_plugin_index_add_file(b->idx, path) != 0)
		b->failed = 1;
	char *so = NULL;
	if (has_suffix(path, ".la") && la_parse(path, &so) == LA_SHARED &&
	    core_plugin_index_add_file(b->idx, so) != 0)
		b->failed = 1;
	/* Opened without a word: a broken module is reported when it is
	 * asked for by name or the whole list is shown, not because an
	 * extension was looked up. */
	if (!was_tried(reg, path)) {
		if (herald_registry_load_file(reg, path, b->quiet) != HERALD_OK) {
			free(so);
			return HERALD_OK;
		}
		if (note_tried(reg, path) != HERALD_OK)
			b->failed = 1;
	}
	int opened = 0;
	for (size_t i = 0; i < reg->count; i++) {
		const herald_plugin *p = reg->entries[i].plugin;
		if (strcmp(reg->entries[i].path, path) != 0)
			continue;
		/* (once: a module may hold several plugins) */
		if (!opened++ && core_plugin_index_add_checked(
		                   b->idx, path, so ? so : path) != 0)
			b->failed = 1;
		if (!(p->roles & HERALD_ROLE_READER) || !p->extensions)
			continue;
		for (const char *const *e = p->extensions; *e; e++)
			if (core_plugin_index_add_reader(b->idx, *e, p->name) != 0)
				b->failed = 1;
	}
	free(so);
	return HERALD_OK;
}

/* Open every module of the search path (quietly) and write what reads
 * which extension to the cache.  A module refused here is not noted as
 * tried: a later scan opens it again, loudly, and reports it then,
 * once. */
static core_plugin_index *build_index(herald_registry *reg)
{
	index_build b = { core_plugin_index_new(reg->search),
	                  herald_diag_new(NULL), 0 };
	if (!b.idx || !b.quiet) {
		core_plugin_index_free(b.idx);
		herald_diag_free(b.quiet);
		return NULL;
	}
	for (const char *p = reg->search; *p;) {
		size_t len = strcspn(p, ":");
		char *dir = len ? strndup(p, len) : NULL;
		if (dir)
			each_module(reg, dir, visit_index, &b);
		free(dir);
		p += len + (p[len] == ':');
	}
	herald_diag_free(b.quiet);
	if (!b.failed)
		core_plugin_index_save(b.idx);
	return b.idx;
}

/* The reader the index gives for ext, opened, and only if it does read
 * ext: an index is never believed without looking. */
static const herald_plugin *indexed_reader(herald_registry *reg,
                                           const char *ext)
{
	const char *name = reg->index ? core_plugin_index_reader(reg->index, ext)
	                              : NULL;
	const herald_plugin *p = name ? herald_registry_find(reg, name,
	                                                     HERALD_ROLE_READER)
	                              : NULL;
	for (const char *const *e = p ? p->extensions : NULL; e && *e; e++)
		if (strcasecmp(*e, ext) == 0)
			return p;
	return NULL;
}

/* The reader the index gives for ext; NULL when it gives none, or one
 * that does not read ext after it was rebuilt. */
static const herald_plugin *guess_by_index(herald_registry *reg,
                                           const char *ext)
{
	const herald_plugin *p;
	if (!reg->index)
		reg->index = core_plugin_index_load(reg->search);
	if (reg->index) {
		if ((p = indexed_reader(reg, ext)) ||
		    !core_plugin_index_reader(reg->index, ext))
			return p;
		/* The index named a reader that does not read ext. */
		core_plugin_index_free(reg->index);
		reg->index = NULL;
	}
	reg->index = build_index(reg);
	return indexed_reader(reg, ext);
}

static const herald_plugin *guess_lazily(herald_registry *reg, const char *ext)
{
	/* Descriptors added in memory come before any directory. */
	const herald_plugin *p = reader_among(reg, ext, 1);
	if (!p)
		p = guess_by_index(reg, ext);
	if (p || reg->scanned)
		return p;
	/* No reader: before herald says so, every module is opened, so
	 * that a broken one (a reader that would have taken ext, perhaps)
	 * is reported rather than passed over in silence. */
	ensure_scanned(reg);
	if (!reader_among(reg, ext, 0))
		return NULL;
	/* A reader does take ext: the index was wrong.  Rebuilt, it gives
	 * the one the search path's order gives. */
	core_plugin_index_free(reg->index);
	reg->index = NULL;   /* (nothing is believed of it while rebuilding) */
	reg->index = build_index(reg);
	return indexed_reader(reg, ext);
}

/* --- search path ---------------------------------------------------------- */

/* Whether the running program lives in the build tree, so that the build
 * tree's plugins (and the source tree's data) stand in for the installed
 * ones. */
static int uninstalled;
static pthread_once_t uninstalled_once = PTHREAD_ONCE_INIT;

/* The kernel gives the program's path with every link resolved, and
 * configure resolved the build folder's (HERALD_REAL_BUILD_DIR). */
static void find_out_uninstalled(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	size_t bl = strlen(HERALD_REAL_BUILD_DIR);
	uninstalled = strncmp(exe, HERALD_REAL_BUILD_DIR, bl) == 0 &&
	              exe[bl] == '/';
}

/* Asked each time a language pack is looked up: the answer cannot
 * change while the program runs, so it is found once. */
int core_running_uninstalled(void)
{
	pthread_once(&uninstalled_once, find_out_uninstalled);
	return uninstalled;
}

const char *herald_plugin_dir(void)
{
	static const char *dir;
	if (!dir)
		dir = core_running_uninstalled() ? HERALD_BUILD_DIR "/plugins"
		                            : HERALD_PLUGIN_DIR;
	return dir;
}

char *herald_plugin_search_path(const char *explicit_dirs)
{
	const char *only = getenv("HERALD_PLUGIN_PATH_ONLY");
	int env_only = only && strcmp(only, "1") == 0;
	const char *parts[3] = { explicit_dirs, getenv("HERALD_PLUGIN_PATH"),
	                         env_only ? NULL : herald_plugin_dir() };
	return core_join_path(parts, 3);
}

char *core_join_path(const char *const *parts, int n)
{
	size_t len = 1;
	for (int i = 0; i < n; i++)
		len += parts[i] ? strlen(parts[i]) + 1 : 0;
	char *path = malloc(len);
	if (!path)
		return NULL;
	path[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (*path)
			strcat(path, ":");
		strcat(path, parts[i]);
	}
	return path;
}

/* --- lookup -------------------------------------------------------------- */

size_t herald_registry_count(const herald_registry *reg)
{
	ensure_scanned(lazy(reg));
	return reg->count;
}

const herald_plugin *herald_registry_plugin(const herald_registry *reg, size_t i)
{
	ensure_scanned(lazy(reg));
	return i < reg->count ? reg->entries[i].plugin : NULL;
}

const char *herald_registry_path(const herald_registry *reg, size_t i)
{
	ensure_scanned(lazy(reg));
	return i < reg->count ? reg->entries[i].path : NULL;
}

const herald_plugin *herald_registry_find(const herald_registry *reg,
                                          const char *name, herald_role role)
{
	const herald_plugin *p = find_loaded(reg, name, role);
	if (!p && reg->search && !reg->scanned)
		p = open_named(lazy(reg), name, role);
	return p;
}

const herald_plugin *herald_registry_guess_reader(const herald_registry *reg,
                                                  const char *file)
{
	const char *slash = strrchr(file, '/');
	const char *dot = strrchr(slash ? slash : file, '.');
	if (!dot || !dot[1])
		return NULL;
	if (reg->search)
		return guess_lazily(lazy(reg), dot + 1);
	return reader_among(reg, dot + 1, 0);
}
