/* herald/plugin.h - the contract between herald and its plugins.
 *
 * A plugin is a shared module (libtool: -module -avoid-version) that
 * exports one read-only descriptor, a herald_plugin, and nothing the core
 * must call to register it: the core reads the descriptor.  Define it
 * with HERALD_PLUGIN(name), where name is the module's file name:
 *
 *     HERALD_PLUGIN(shout) = {
 *         .abi_version = HERALD_ABI_VERSION,
 *         .name = "shout",
 *         .version = "1.0",
 *         .description = "upper-cases every text",
 *         .roles = HERALD_ROLE_TRANSFORM,
 *         .transform = shout_transform,
 *     };
 *
 * A plugin uses only the installed headers in herald/ and the functions
 * of libherald they declare.  Names are [a-z0-9]+ and equal the module's
 * file name.  One module may be a reader and a writer of the same format.
 *
 * CALLBACKS.  open() runs once, on the main thread, when a pipeline is
 * built; it receives the parsed options and may allocate a state that it
 * returns through *state.  read(), transform() and write() then run once
 * per document and MAY RUN IN SEVERAL THREADS AT ONCE with the same
 * state: treat the state as read-only there, keep per-document data on
 * the stack or in the document.  A library with global state that must
 * be set up once (libxml2's xmlInitParser(), say) is set up in open(),
 * before any thread starts.  close() frees the state.  Every callback
 * returns HERALD_OK or a negative herald_status after reporting why to
 * diag.  Warnings alone do not fail a conversion.
 *
 * ABI.  HERALD_ABI_VERSION changes when a field of herald_plugin changes
 * meaning or place, or a callback's signature changes.  Fields are only
 * ever added at the end, taking a slot of the reserved tail.  herald
 * refuses a plugin built for another ABI version, naming both, and one
 * whose reserved slots are not zero.
 *
 * NAMES.  A getter is named after what it returns, without "get":
 * herald_<object>_<attribute>(obj) (herald_node_title, herald_options_
 * bool); its setter is herald_<object>_set_<attribute>; a count is
 * herald_<object>_<things>_count or herald_<object>_count, and the i-th
 * thing herald_<object>_<thing>(obj, i).  Looking something up by a key
 * is herald_<object>_find.  (herald_node_type_of has "_of" because
 * herald_node_type is the type's name.)
 */
#ifndef HERALD_PLUGIN_H
#define HERALD_PLUGIN_H

#include <stdio.h>
#include <herald/diag.h>
#include <herald/doc.h>
#include <herald/site.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 2: herald_option and herald_walker gained reserved tails, the
 * reserved tails are checked to be zero, getters lost "get"
 * (doc/plugins.md, "The ABI and its version"). */
#define HERALD_ABI_VERSION 2

typedef enum {
	HERALD_ROLE_READER = 1 << 0,
	HERALD_ROLE_TRANSFORM = 1 << 1,
	HERALD_ROLE_WRITER = 1 << 2
} herald_role;

typedef enum {
	HERALD_OPT_STRING,
	HERALD_OPT_BOOL,     /* true/false, yes/no, on/off, 1/0 */
	HERALD_OPT_INT,      /* a decimal integer */
	HERALD_OPT_CHOICE    /* one of the words listed in .choices */
} herald_option_type;

/* One option a plugin accepts; a table of them ends with { 0 }.  The
 * reserved tail is left zero (as designated or positional initialisers
 * of the fields above leave it): later fields (bounds for an INT, say)
 * take its slots without changing the ABI, and herald refuses a table
 * whose tail is not zero, since it was built for a herald that knows
 * more fields than this one. */
typedef struct herald_option {
	const char *name;           /* [a-z0-9-]+ */
	herald_option_type type;
	const char *default_value;  /* as the user would write it; may be NULL */
	const char *help;           /* one line */
	const char *choices;        /* HERALD_OPT_CHOICE: "dmy|mdy|ymd" */
	void *reserved[4];          /* zero */
} herald_option;

/* The option values given to a plugin: checked against its table before
 * open() is called, so getters never fail on a name from the table. */
typedef struct herald_options herald_options;

/* The value set by the user, else the default (NULL if neither). */
const char *herald_options_value(const herald_options *opts, const char *name);
int herald_options_bool(const herald_options *opts, const char *name);
long herald_options_int(const herald_options *opts, const char *name);
/* Whether the user set it explicitly. */
int herald_options_is_set(const herald_options *opts, const char *name);
/* "string", "boolean", "integer" or "choice". */
const char *herald_option_type_name(herald_option_type type);

/* A reader's input: the whole content in memory. */
typedef struct herald_input {
	/* The input as the user named it, "-" for standard input; the
	 * document's SOURCE.  Messages need not repeat it: the diag given
	 * with it already names the input (standard input as "<stdin>"). */
	const char *name;
	const unsigned char *data;   /* may hold any bytes, NUL included */
	size_t size;
} herald_input;

/* The outputs of several documents, simply concatenated, are still one
 * meaningful output (plain text, JSON Lines): herald may then write
 * several inputs to standard output. */
#define HERALD_WRITER_CONCATENATES 1u
/* With an output folder, herald also writes an index document (a
 * document whose items are the converted bulletins, linked) with this
 * writer, making the folder a browsable site (html, markdown). */
#define HERALD_WRITER_SITE 2u

/* The pieces of one output holding several documents (write_corpus_part). */
typedef enum {
	HERALD_CORPUS_HEAD,       /* what comes before the documents */
	HERALD_CORPUS_DOCUMENT,   /* one document */
	HERALD_CORPUS_TAIL        /* what comes after them */
} herald_corpus_part;

typedef struct herald_plugin {
	unsigned abi_version;        /* HERALD_ABI_VERSION: always first */
	const char *name;
	const char *version;
	const char *description;     /* one line */
	unsigned roles;              /* herald_role bits */
	/* Readers: file extensions they take by default, without the dot,
	 * NULL-terminated (may be NULL). */
	const char *const *extensions;
	/* Writers: the extension of the files they write ("html"). */
	const char *output_extension;
	const herald_option *options;  /* may be NULL */

	int (*open)(const herald_options *opts, void **state, herald_diag *diag);
	void (*close)(void *state);
	/* Reader: fill doc (already created, with its SOURCE set) from in. */
	int (*read)(void *state, const herald_input *in, herald_doc *doc,
	            herald_diag *diag);
	int (*transform)(void *state, herald_doc *doc, herald_diag *diag);
	/* Writer: render doc to out; the core checks out for errors after. */
	int (*write)(void *state, const herald_doc *doc, FILE *out,
	             herald_diag *diag);

	/* Writers, optional: render several documents as ONE output (a TEI
	 * teiCorpus, say), for `herald --corpus`.  Documents come in the order
	 * the inputs were given. */
	int (*write_many)(void *state, const herald_doc *const *docs, size_t n,
	                  FILE *out, herald_diag *diag);
	/* HERALD_WRITER_* bits. */
	unsigned writer_flags;

	/* Writers, optional: the HERALD_WRITER_* bits for the options open()
	 * was given, when they depend on them (markdown's outputs concatenate
	 * only without front matter).  Called once, on the main thread, just
	 * after open(), with its state; replaces writer_flags for that
	 * pipeline.  NULL: writer_flags holds whatever the options. */
	unsigned (*writer_flags_for)(void *state);
	/* Site writers, optional: the
	 * file name of a folder's index, which may depend on the writer's
	 * options (markdown: "_index.md" for Hugo, "index.md" for mkdocs or
	 * Jekyll).  A plain name: no '/', not starting with '.', under 64
	 * bytes; the string is the writer's, valid until close().  NULL (the
	 * callback or its result) means "index." and output_extension. */
	const char *(*index_name)(void *state);
	/* Site writers, optional: after every page and index
	 * of an output folder is written, write the archive-wide files
	 * that are the writer's own (the html writer's search index and
	 * script) through site (herald/site.h).  Main thread, once per run. */
	int (*write_site)(void *state, const herald_site *site,
	                  herald_diag *diag);
	/* Writers with write_many, optional: the same output in pieces, so
	 * that herald writes a corpus document by document (in bounded
	 * memory) and assembles one from the parts of several runs
	 * (--shard, --merge).  HERALD_CORPUS_HEAD for number
	 * documents (doc NULL); HERALD_CORPUS_DOCUMENT for doc, whose
	 * number (from 1) is its input's place among the run's inputs
	 * (a failed input leaves its number unused); HERALD_CORPUS_TAIL
	 * (doc NULL, number 0).  Each piece depends on nothing but its
	 * arguments, so pieces written by different runs, on different
	 * machines, concatenated (the head, documents in order, the tail)
	 * are one output; with numbers 1 to n they are what write_many
	 * writes for those n documents.  May run in several threads at
	 * once, as write() does. */
	int (*write_corpus_part)(void *state, herald_corpus_part part,
	                         const herald_doc *doc, size_t number,
	                         FILE *out, herald_diag *diag);
	/* Optional: set up now what the first document would set up on
	 * demand (tables built from the language packs, modules opened on
	 * first use, herald_text_prepare(), herald_lang_any_prepare(),
	 * herald_lang_identify_prepare()), so that a batch does it while
	 * its main thread still walks the input folders instead of while
	 * one worker waits for another.  herald may call it on a thread of
	 * its own, at most once per pipeline, any time between open() and
	 * close(), at the same time as open(), read(), transform() or
	 * write() of this state or another: set up what is shared under
	 * pthread_once, and leave the state as it is.  It cannot fail:
	 * what could not be set up fails again, and is reported, where a
	 * document needs it. */
	void (*prepare)(void *state);
	/* Zero (herald refuses a descriptor that sets a slot it does not
	 * know, naming it); later fields take these slots. */
	void *reserved[2];
} herald_plugin;

#if defined(_WIN32)
#define HERALD_EXPORT __declspec(dllexport)
#else
#define HERALD_EXPORT __attribute__((visibility("default")))
#endif

/* libtool's "_LTX_" prefix lets every bundled plugin be preloaded into a
 * static binary at once; lt_dlsym() finds "herald_plugin" through it. */
#define HERALD_PLUGIN(name) \
	extern HERALD_EXPORT const herald_plugin name##_LTX_herald_plugin; \
	const herald_plugin name##_LTX_herald_plugin

/* The names before ABI 2, for source written against them; they go
 * with the next ABI change. */
#define herald_options_get herald_options_value
#define herald_options_get_bool herald_options_bool
#define herald_options_get_int herald_options_int

#ifdef __cplusplus
}
#endif
#endif
