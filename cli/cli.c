/* cli.c - the herald command: maps command-line options onto the
 * library (registry, pipeline) and moves bytes between files. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <herald/herald.h>
#include <jansson.h>
#include <libxml/xmlversion.h>

#include "cli.h"

enum { OPT_LIST = 256, OPT_DESCRIBE, OPT_PLUGIN_PATH, OPT_VERSION,
       OPT_PROGRESS, OPT_UPDATE, OPT_RECORDS, OPT_CORPUS, OPT_FSYNC,
       OPT_SHARD, OPT_SUMMARIZE, OPT_MERGE };

/* --shard K/N, or what is wrong with it on stderr (-1). */
static int shard_option(const char *arg, cli_options *o)
{
	const char *why;
	if (herald_batch_parse_shard(arg, &o->shard_index, &o->shard_count,
	                             &why) == HERALD_OK)
		return 0;
	char q[HERALD_QUOTE_SIZE];
	fprintf(stderr, "herald: error: --shard '%s': %s\n",
	        herald_diag_quote(arg, q, sizeof(q)), why);
	return -1;
}

static void usage_hint(void)
{
	fprintf(stderr, "Try 'herald --help' for more information.\n");
}

static void print_help(void)
{
	fputs(
"Usage: herald [OPTION]... [FILE]...\n"
"       herald -p 'READER ! TRANSFORM ! WRITER' [FILE]...\n"
"Convert news bulletins between formats through a chain of plugins.\n"
"With no FILE, or when FILE is -, read standard input.\n"
"\n"
"Conversion:\n"
"  -f, --from=READER        reader plugin (default: guessed from the file's\n"
"                           extension; 'bulletin' for standard input)\n"
"  -x, --transform=NAME     add a transform (repeatable, applied in order)\n"
"  -t, --to=WRITER          writer plugin (default: guessed from -o's\n"
"                           extension, else 'text')\n"
"  -p, --pipeline=CHAIN     the whole chain at once: 'reader ! ... ! writer'\n"
"  -s, --standalone         a whole document (same as the writer option\n"
"                           standalone=true, for writers that have it)\n"
"  -o, --output=OUT         write to OUT instead of standard output (- for\n"
"                           stdout); a directory (existing, or ending in /)\n"
"                           takes one output file per input\n"
"Each plugin takes options as NAME:KEY=VALUE,KEY=VALUE; quote a value\n"
"holding ',' or '!': KEY=\"a,b\" or KEY='a,b' (see herald(1)).\n"
"\n"
"Archives:\n"
"  -r, --recursive          convert the files in directories given as FILE\n"
"  -L, --dereference        with -r, follow symbolic links to directories\n"
"  -j, --jobs=N             convert N documents at once (default: cores)\n"
"      --update             skip inputs whose output is up to date\n"
"      --fsync=WHEN         when outputs reach the disk before their rename:\n"
"                           batch (default: groups of files synced together),\n"
"                           each (every file on its own), none (never)\n"
"      --shard=K/N          convert only the inputs of shard K (0 to N-1) of N,\n"
"                           by a hash of their path (see herald(1)); a site\n"
"                           is built in three steps: every shard with\n"
"                           --summarize, every shard again, then --merge\n"
"      --summarize          with --shard and a site writer: write the shard's\n"
"                           summary (.herald-shard-K-of-N.json), no page\n"
"      --merge              after every shard: write the indexes, search files\n"
"                           and manifest from the shards' summaries in -o\n"
"                           FOLDER, reading no input, and remove them\n"
"      --progress           show progress even when stderr is no terminal\n"
"  -q, --quiet              no progress, no warnings\n"
"      --corpus             with the tei writer and several inputs, write\n"
"                           one teiCorpus document\n"
"      --records            read JSON Lines records on stdin, write JSON Lines\n"
"\n"
"Plugins:\n"
"      --plugin-path=DIRS   search these ':'-separated directories first\n"
"      --list-plugins       list the plugins found, with roles and versions\n"
"      --describe=NAME      show a plugin's description and options\n"
"\n"
"  -h, --help               show this help and exit\n"
"  -V, --version            show the versions of herald, its plugins and\n"
"                           libraries, and exit\n"
"\n"
"Exit status: 0 on success, 1 when a document could not be converted\n"
"(or --list-plugins refused a module), 2 on a usage error.\n"
"Environment: HERALD_PLUGIN_PATH, searched after --plugin-path and before\n"
"the installed plugin directory.\n", stdout);
}

static int add_transform(cli_options *o, const char *spec)
{
	const char **grown = realloc(o->transforms,
	                             (o->ntransforms + 1) * sizeof(*grown));
	if (!grown)
		return -1;
	o->transforms = grown;
	o->transforms[o->ntransforms++] = spec;
	return 0;
}

static int parse_fsync(const char *arg, herald_fsync_mode *mode)
{
	static const struct { const char *name; herald_fsync_mode mode; } modes[] = {
		{ "batch", HERALD_FSYNC_BATCH },
		{ "each", HERALD_FSYNC_EACH },
		{ "none", HERALD_FSYNC_NONE },
	};
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strcmp(arg, modes[i].name) == 0) {
			*mode = modes[i].mode;
			return 0;
		}
	return -1;
}

static int parse_jobs(const char *arg, long *jobs)
{
	char *end;
	errno = 0;
	long n = strtol(arg, &end, 10);
	if (errno || end == arg || *end || n < 1 || n > 1024)
		return -1;
	*jobs = n;
	return 0;
}

/* The message for an option getopt refused.  A short option may be one
 * letter of a cluster ("-dash.txt" is -d -a -s ...), so the letter is
 * named from optopt, not from argv (which still holds, or already left,
 * the whole word).  When the word looks like a file name, say how to
 * name such a file. */
static void bad_option(int argc, char **argv, int missing_arg)
{
	char q[HERALD_QUOTE_SIZE], wq[HERALD_QUOTE_SIZE];
	const char *word = NULL;
	const char *last = optind > 1 && optind - 1 < argc ? argv[optind - 1] : "";
	if (missing_arg) {
		/* The option is the last word taken ("--from" or a cluster
		 * ending in the letter). */
		if (strncmp(last, "--", 2) == 0 || optopt <= 0 || optopt > 127) {
			herald_diag_quote(last, q, sizeof(q));
		} else {
			char opt[3] = { '-', (char)optopt, '\0' };
			herald_diag_quote(opt, q, sizeof(q));
		}
		fprintf(stderr, "herald: error: option '%s' needs an argument\n", q);
		return;
	}
	if (optopt > 0 && optopt < 128) {
		/* The word being scanned: still argv[optind] while letters of
		 * it remain, argv[optind - 1] once its last letter is taken. */
		if (optind < argc && argv[optind][0] == '-' && argv[optind][1] != '-' &&
		    strchr(argv[optind] + 1, optopt))
			word = argv[optind];
		else if (optind > 1)
			word = argv[optind - 1];
		char opt[3] = { '-', (char)optopt, '\0' };
		herald_diag_quote(opt, q, sizeof(q));
	} else {
		word = last;
		herald_diag_quote(word, q, sizeof(q));
		/* "--name=value": only the name is the option. */
		char *eq = strchr(q, '=');
		if (eq)
			*eq = '\0';
	}
	herald_diag_quote(word ? word : "", wq, sizeof(wq));
	struct stat st;
	int file_like = word && (strchr(word, '.') || strchr(word, '/') ||
	                         stat(word, &st) == 0);
	if (optopt && word && strlen(word) > 2 && !file_like)
		fprintf(stderr, "herald: error: unknown option '%s' (in '%s')\n",
		        q, wq);
	else
		fprintf(stderr, "herald: error: unknown option '%s'\n", q);
	if (file_like)
		fprintf(stderr, "herald: note: to name a file '%s', write '-- %s' or "
		        "'./%s'\n", wq, wq, wq);
}

/* --merge and --summarize take the files of a sharded run; records
 * come from standard input (the library refuses the other mixtures,
 * which need the writer). */
static const char *merge_conflict(const cli_options *o)
{
	if ((o->merge || o->summarize) && o->records)
		return o->merge ? "--merge cannot be combined with --records"
		                : "--summarize cannot be combined with --records";
	return NULL;
}

/* Returns -1 to continue, else the exit status to leave with. */
static int parse_args(int argc, char **argv, cli_options *o)
{
	static const struct option longs[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "transform", required_argument, NULL, 'x' },
		{ "to", required_argument, NULL, 't' },
		{ "pipeline", required_argument, NULL, 'p' },
		{ "standalone", no_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "recursive", no_argument, NULL, 'r' },
		{ "dereference", no_argument, NULL, 'L' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "update", no_argument, NULL, OPT_UPDATE },
		{ "fsync", required_argument, NULL, OPT_FSYNC },
		{ "progress", no_argument, NULL, OPT_PROGRESS },
		{ "shard", required_argument, NULL, OPT_SHARD },
		{ "summarize", no_argument, NULL, OPT_SUMMARIZE },
		{ "merge", no_argument, NULL, OPT_MERGE },
		{ "corpus", no_argument, NULL, OPT_CORPUS },
		{ "records", no_argument, NULL, OPT_RECORDS },
		{ "plugin-path", required_argument, NULL, OPT_PLUGIN_PATH },
		{ "list-plugins", no_argument, NULL, OPT_LIST },
		{ "describe", required_argument, NULL, OPT_DESCRIBE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:x:t:p:so:rLj:qhV", longs, NULL)) != -1) {
		switch (c) {
		case 'f': o->reader = optarg; break;
		case 'x':
			if (add_transform(o, optarg))
				return HERALD_EXIT_FAILURE;
			break;
		case 't': o->writer = optarg; break;
		case 'p': o->chain = optarg; break;
		case 's': o->standalone = 1; break;
		case 'o': o->output = optarg; break;
		case 'r': o->recursive = 1; break;
		case 'L': o->dereference = 1; break;
		case 'j':
			if (parse_jobs(optarg, &o->jobs)) {
				fprintf(stderr, "herald: error: -j needs a number "
				        "from 1 to 1024, not '%s'\n", optarg);
				usage_hint();
				return HERALD_EXIT_USAGE;
			}
			break;
		case 'q': o->quiet = 1; break;
		case OPT_UPDATE: o->update = 1; break;
		case OPT_FSYNC:
			if (parse_fsync(optarg, &o->fsync_mode)) {
				char q[HERALD_QUOTE_SIZE];
				fprintf(stderr, "herald: error: --fsync takes batch, each "
				        "or none, not '%s'\n",
				        herald_diag_quote(optarg, q, sizeof(q)));
				usage_hint();
				return HERALD_EXIT_USAGE;
			}
			break;
		case OPT_PROGRESS: o->progress = 1; break;
		case OPT_SHARD:
			if (shard_option(optarg, o)) {
				usage_hint();
				return HERALD_EXIT_USAGE;
			}
			break;
		case OPT_SUMMARIZE: o->summarize = 1; break;
		case OPT_MERGE: o->merge = 1; break;
		case OPT_CORPUS: o->corpus = 1; break;
		case OPT_RECORDS: o->records = 1; break;
		case OPT_PLUGIN_PATH: o->plugin_path = optarg; break;
		case OPT_LIST: o->list = 1; break;
		case OPT_DESCRIBE: o->describe = optarg; break;
		case 'h': print_help(); return HERALD_EXIT_OK;
		case 'V': o->version = 1; break;
		case ':':
		default:
			bad_option(argc, argv, c == ':');
			usage_hint();
			return HERALD_EXIT_USAGE;
		}
	}
	o->files = (const char **)argv + optind;
	o->nfiles = (size_t)(argc - optind);
	if (o->chain && (o->reader || o->writer || o->ntransforms)) {
		fprintf(stderr, "herald: error: -p gives the whole chain; "
		        "it cannot be combined with -f, -x or -t\n");
		usage_hint();
		return HERALD_EXIT_USAGE;
	}
	if (o->shard_count && o->records) {
		/* Records come from standard input, not from files to share
		 * out. */
		fprintf(stderr, "herald: error: --shard converts a part of the "
		        "input files; it cannot be combined with --records\n");
		usage_hint();
		return HERALD_EXIT_USAGE;
	}
	const char *step = merge_conflict(o);
	if (step) {
		fprintf(stderr, "herald: error: %s\n", step);
		usage_hint();
		return HERALD_EXIT_USAGE;
	}
	return -1;
}

/* --- plugins ------------------------------------------------------------- */

static herald_registry *load_plugins(const cli_options *o, herald_diag *diag)
{
	herald_registry *reg = herald_registry_new();
	char *path = herald_plugin_search_path(o->plugin_path);
	if (!reg || !path) {
		free(path);
		herald_registry_free(reg);
		return NULL;
	}
#ifdef HERALD_STATIC
	/* A static build links its bundled plugins in (-dlpreopen): libtool's
	 * table of them, lt_preloaded_symbols, is only ever passed on, so its
	 * element type (libltdl's) need not be known here. */
	extern const char lt__PROGRAM__LTX_preloaded_symbols[];
	herald_registry_add_preloaded(reg, lt__PROGRAM__LTX_preloaded_symbols,
	                              diag);
#endif
	/* Modules are opened when the pipeline names them (a broken one is
	 * reported then, or when all are listed); the others stay usable. */
	int rc = herald_registry_set_search_path(reg, path, diag);
	free(path);
	if (rc != HERALD_OK) {
		herald_registry_free(reg);
		return NULL;
	}
	return reg;
}

static void roles_text(unsigned roles, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s",
	         roles & HERALD_ROLE_READER ? "reader " : "",
	         roles & HERALD_ROLE_TRANSFORM ? "transform " : "",
	         roles & HERALD_ROLE_WRITER ? "writer " : "");
	size_t n = strlen(buf);
	if (n)
		buf[n - 1] = '\0';
}

/* A library's line of --version: its version, and whether that is the
 * one running or the one herald was built against (then who uses it,
 * when not herald itself). */
static void print_library(const char *name, const char *version,
                          int at_run_time, const char *user)
{
	if (!*version)
		printf("  %s (no version number)\n", name);
	else if (at_run_time)
		printf("  %s %s\n", name, version);
	else
		printf("  %s %s (built with%s%s)\n", name, version,
		       user ? "; " : "", user ? user : "");
}

/* GNU style: "herald 0.1.0" first; then libherald, every plugin found
 * (refused ones are reported on stderr, as for --list-plugins) and the
 * libraries with their versions. */
static int print_version(const herald_registry *reg)
{
	char version[64];
	const char *name;
	int run_time;

	printf("herald %s\nlibherald %s\nplugins:\n", PACKAGE_VERSION,
	       herald_version());
	for (size_t i = 0; i < herald_registry_count(reg); i++) {
		const herald_plugin *p = herald_registry_plugin(reg, i);
		printf("  %s %s\n", p->name, p->version ? p->version : "-");
	}
	printf("libraries:\n");
	/* the version built with: herald itself does not link libxml2 (its
	 * start-up would pay for it), the plugins that use it do */
	print_library("libxml2", LIBXML_DOTTED_VERSION, 0,
	              "the html, tei, htmlin and bulletin plugins'");
#if JANSSON_VERSION_HEX >= 0x020d00
	print_library("jansson", jansson_version_str(), 1, NULL);
#else
	print_library("jansson", JANSSON_VERSION, 0, NULL);
#endif
	for (size_t i = 0; herald_library(i, &name, version, sizeof version,
	                                  &run_time) == HERALD_OK; i++)
		print_library(name, version, run_time, NULL);
	print_library("cmark", HERALD_BUILT_CMARK, 0, "the bulletin reader's and markdown writer's");
	print_library("libyaml", HERALD_BUILT_YAML, 0, "the bulletin reader's and markdown writer's");
	print_library("toml++", HERALD_BUILT_TOMLPP, 0, "the bulletin reader's");
	return HERALD_EXIT_OK;
}

/* Every usable plugin, one a line; exit status 1 when a module was
 * refused (each refusal is reported on stderr), so that a script sees a
 * broken installation. */
static int list_plugins(const herald_registry *reg, const herald_diag *diag)
{
	for (size_t i = 0; i < herald_registry_count(reg); i++) {
		const herald_plugin *p = herald_registry_plugin(reg, i);
		char roles[64];
		roles_text(p->roles, roles, sizeof(roles));
		printf("%-10s %-8s %-24s %s\n", p->name,
		       p->version ? p->version : "-", roles,
		       p->description ? p->description : "");
	}
	return herald_diag_count(diag, HERALD_ERROR) ? HERALD_EXIT_FAILURE
	                                             : HERALD_EXIT_OK;
}

static int describe_plugin(const herald_registry *reg, const char *name)
{
	int found = 0;
	for (size_t i = 0; i < herald_registry_count(reg); i++) {
		const herald_plugin *p = herald_registry_plugin(reg, i);
		if (strcmp(p->name, name) != 0)
			continue;
		char roles[64];
		roles_text(p->roles, roles, sizeof(roles));
		printf("%s %s: %s\n  roles: %s\n  file: %s\n", p->name,
		       p->version ? p->version : "", p->description ? p->description : "",
		       roles, herald_registry_path(reg, i));
		if (p->extensions && p->extensions[0]) {
			printf("  reads:");
			for (const char *const *e = p->extensions; *e; e++)
				printf(" .%s", *e);
			printf("\n");
		}
		if (p->output_extension)
			printf("  writes: .%s\n", p->output_extension);
		printf("  options:%s\n", p->options && p->options[0].name ? "" : " none");
		for (const herald_option *opt = p->options; opt && opt->name; opt++) {
			printf("    %s=%s%s%s (default: %s)\n      %s\n", opt->name,
			       herald_option_type_name(opt->type),
			       opt->choices ? " " : "", opt->choices ? opt->choices : "",
			       opt->default_value ? opt->default_value : "none",
			       opt->help ? opt->help : "");
		}
		found = 1;
	}
	if (!found) {
		fprintf(stderr, "herald: error: no plugin named '%s' "
		        "(see herald --list-plugins)\n", name);
		return HERALD_EXIT_USAGE;
	}
	return HERALD_EXIT_OK;
}

/* Whether the output goes somewhere other than standard output: then a
 * plugin printing there is caught (herald_stdout_guard_begin). */
static int output_elsewhere(const cli_options *o)
{
	struct stat out, fd1;
	if (!o->output || strcmp(o->output, "-") == 0 || o->records)
		return 0;
	return !(stat(o->output, &out) == 0 && fstat(STDOUT_FILENO, &fd1) == 0 &&
	         out.st_dev == fd1.st_dev && out.st_ino == fd1.st_ino);
}

static int convert_guarded(const cli_options *o, herald_registry *reg,
                           herald_diag *diag)
{
	int guarded = output_elsewhere(o) &&
	              herald_stdout_guard_begin(diag) == HERALD_OK;
	int status = cli_convert(o, reg, diag);
	if (guarded && herald_stdout_guard_end(diag) != HERALD_OK &&
	    status == HERALD_EXIT_OK)
		status = HERALD_EXIT_FAILURE;
	return status;
}

int main(int argc, char **argv)
{
	cli_options o = { 0 };
	int status = parse_args(argc, argv, &o);
	if (status >= 0) {
		free(o.transforms);
		return cli_close_stdout(status);
	}
	herald_diag *diag = herald_diag_new(stderr);
	/* -q: "no warnings" means none, from the loader and the plan too. */
	if (diag && o.quiet)
		herald_diag_set_min_severity(diag, HERALD_ERROR);
	herald_registry *reg = diag ? load_plugins(&o, diag) : NULL;
	if (!reg) {
		fprintf(stderr, "herald: error: out of memory\n");
		status = HERALD_EXIT_FAILURE;
	} else if (o.version) {
		status = print_version(reg);
	} else if (o.list) {
		status = list_plugins(reg, diag);
	} else if (o.describe) {
		status = describe_plugin(reg, o.describe);
	} else {
		status = convert_guarded(&o, reg, diag);
	}
	herald_registry_free(reg);
	herald_diag_free(diag);
	free(o.transforms);
	return cli_close_stdout(status);
}
