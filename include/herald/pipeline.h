/* herald/pipeline.h - finding plugins and chaining them.
 *
 * A herald_registry holds the plugins found on a search path.  A
 * herald_pipeline is one reader, any number of transforms and one writer
 * taken from a registry, each with its options.  Build both on one thread
 * (module loading is not thread-safe; with a lazy search path, see
 * herald_registry_set_search_path(), a registry lookup may load a module,
 * so lookups belong on that thread too); afterwards herald_pipeline_run()
 * may be called from several threads at once.
 *
 * Ownership: objects returned by *_new() and herald_pipeline_parse() are
 * the caller's, freed with the matching *_free().  A pipeline borrows its
 * registry, which must outlive it.  Descriptors returned by the registry
 * stay valid until herald_registry_free().
 */
#ifndef HERALD_PIPELINE_H
#define HERALD_PIPELINE_H

#include <stdio.h>
#include <herald/diag.h>
#include <herald/doc.h>
#include <herald/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct herald_registry herald_registry;
typedef struct herald_pipeline herald_pipeline;

herald_registry *herald_registry_new(void);
void herald_registry_free(herald_registry *reg);

/* Load every module in each directory of a ':'-separated list, in order.
 * A module that cannot be used (fails to open, no descriptor, another
 * ABI version, a name already taken for the same role) is reported to
 * diag as an error naming its file and skipped; the others still load.
 * Returns HERALD_OK, or HERALD_EPLUGIN when any module was refused. */
int herald_registry_load_dirs(herald_registry *reg, const char *dirs,
                              herald_diag *diag);
/* Use dirs (':'-separated, as for herald_registry_load_dirs) without
 * opening anything yet: a module is opened when it is asked for.
 * herald_registry_find() opens NAME.la (else NAME.so) from the first
 * directory that has one providing the role; herald_registry_count(),
 * _get() and _path() first load every directory, as
 * herald_registry_load_dirs() would; herald_registry_guess_reader()
 * reads a cached index of extensions (rebuilt when a plugin file or
 * folder changed) and opens only the reader it names.  Problems are
 * reported to diag when the module is opened, so diag must outlive
 * reg.  Returns HERALD_OK, or HERALD_ENOMEM. */
int herald_registry_set_search_path(herald_registry *reg, const char *dirs,
                                    herald_diag *diag);
/* Load one module by path (same checks). */
int herald_registry_load_file(herald_registry *reg, const char *path,
                              herald_diag *diag);
/* Add a descriptor that is already in memory (preloaded or a test's);
 * path may be NULL. */
int herald_registry_add(herald_registry *reg, const herald_plugin *plugin,
                        const char *path, herald_diag *diag);

/* Add the modules linked into the program itself: symbols is the
 * program's libtool preloaded-symbol table (lt_preloaded_symbols, made
 * by linking with -dlpreopen), as in a static build of herald.  Each
 * module's descriptor goes through the same checks, its path reading
 * "(built-in)".  Returns HERALD_OK, or HERALD_EPLUGIN when one was
 * refused. */
int herald_registry_add_preloaded(herald_registry *reg, const void *symbols,
                                  herald_diag *diag);

/* The search path herald uses: dirs given explicitly (may be NULL), then
 * $HERALD_PLUGIN_PATH, then the installed plugin directory (unless the
 * environment sets HERALD_PLUGIN_PATH_ONLY=1, as tests do).  The caller
 * frees it. */
char *herald_plugin_search_path(const char *explicit_dirs);
const char *herald_plugin_dir(void);          /* the installed one */

size_t herald_registry_count(const herald_registry *reg);
const herald_plugin *herald_registry_plugin(const herald_registry *reg,
                                         size_t i);
/* The file a plugin came from ("(built-in)" when preloaded). */
const char *herald_registry_path(const herald_registry *reg, size_t i);
/* The plugin called name that has role, or NULL. */
const herald_plugin *herald_registry_find(const herald_registry *reg,
                                          const char *name, herald_role role);
/* The reader that takes file's extension, or NULL. */
const herald_plugin *herald_registry_guess_reader(const herald_registry *reg,
                                                  const char *file);

/* --- pipelines ---------------------------------------------------------- */

herald_pipeline *herald_pipeline_new(herald_registry *reg);
void herald_pipeline_free(herald_pipeline *pipe);

/* Each stage is given as "name" or "name:key=value,key=value".  A value
 * starting with '"' or '\'' runs to the matching quote and may hold ','
 * and '!' (inside double quotes \" and \\ are escapes); herald(1),
 * "Option syntax", has the rules.  Unknown names, options and bad
 * values are HERALD_EUSAGE, with a message that lists what would be
 * valid; an unclosed quote names its column.  Plugins' open() runs
 * here. */
int herald_pipeline_set_reader(herald_pipeline *pipe, const char *spec,
                               herald_diag *diag);
int herald_pipeline_add_transform(herald_pipeline *pipe, const char *spec,
                                  herald_diag *diag);
int herald_pipeline_set_writer(herald_pipeline *pipe, const char *spec,
                               herald_diag *diag);

/* A whole chain "reader ! transform ! ... ! writer"; stages separated by
 * '!' with optional spaces.  A '!' inside a quoted value is the value's;
 * columns in messages count from the start of chain. */
int herald_pipeline_parse(herald_pipeline *pipe, const char *chain,
                          herald_diag *diag);

const herald_plugin *herald_pipeline_reader(const herald_pipeline *pipe);
const herald_plugin *herald_pipeline_writer(const herald_pipeline *pipe);
/* The writer's HERALD_WRITER_* bits with the options it was given: its
 * writer_flags_for() answer when it has that hook, else writer_flags
 * (0 without a writer). */
unsigned herald_pipeline_writer_flags(const herald_pipeline *pipe);
/* The file name of a folder's index for the pipeline's writer, into buf
 * (size bytes): the writer's index_name() when it has one and it gives a
 * plain name (see plugin.h), else "index." and its output extension
 * ("index.html").  Returns HERALD_OK, or HERALD_EUSAGE when there is no
 * writer or the name does not fit (buf then holds ""). */
int herald_pipeline_index_name(const herald_pipeline *pipe, char *buf,
                               size_t size);

/* Each stage's prepare hook (plugin.h), reader first: the one-time
 * set-up of its first document, done now.  A program about to convert
 * many documents on several threads may call it on a thread of its own
 * while it gathers them (herald_batch_run() does); the pipeline must
 * not be freed until it returns. */
void herald_pipeline_prepare(const herald_pipeline *pipe);

/* Read in into a new document (SOURCE set to in->name) and run the
 * transforms on it, the document's ids fixed before each transform
 * (doc.h, herald_node_id).  On success *out is the caller's; a program
 * that edits it further calls herald_node_id() on it first, so that its
 * edits keep the ids of the document as converted. */
int herald_pipeline_read(const herald_pipeline *pipe, const herald_input *in,
                         herald_doc **out, herald_diag *diag);
/* The same, for an input whose bytes are the caller's to give: buffer is
 * what in->data points to, malloc'd, with a NUL byte after its in->size
 * bytes (herald_input_read_file() gives one).  The reader may take it
 * (herald_doc_take_input()) to read in place and keep in the document;
 * else it is freed once the reader returns.  The caller frees it never,
 * whatever the result. */
int herald_pipeline_read_buffer(const herald_pipeline *pipe,
                                const herald_input *in, unsigned char *buffer,
                                herald_doc **out, herald_diag *diag);
int herald_pipeline_write(const herald_pipeline *pipe, const herald_doc *doc,
                          FILE *out, herald_diag *diag);
/* Several documents as one output, through the writer's write_many
 * (HERALD_EUSAGE when it has none). */
int herald_pipeline_write_many(const herald_pipeline *pipe,
                               const herald_doc *const *docs, size_t n,
                               FILE *out, herald_diag *diag);
/* One piece of such an output, through the writer's write_corpus_part
 * (herald/plugin.h; HERALD_EUSAGE when it has none). */
int herald_pipeline_write_corpus_part(const herald_pipeline *pipe,
                                      herald_corpus_part part,
                                      const herald_doc *doc, size_t number,
                                      FILE *out, herald_diag *diag);

/* The writer's archive-wide files, through its write_site hook
 * (herald/site.h); HERALD_OK when it has none. */
int herald_pipeline_write_site(const herald_pipeline *pipe,
                               const herald_site *site, herald_diag *diag);

/* read, then write to out. */
int herald_pipeline_run(const herald_pipeline *pipe, const herald_input *in,
                        FILE *out, herald_diag *diag);

/* The name before ABI 2 (see plugin.h, NAMES); it goes with the next
 * ABI change. */
#define herald_registry_get herald_registry_plugin

/* --- plugins that print --------------------------------------------------
 * A plugin writes only to the stream it is given.  A program whose output
 * does not go to standard output (herald -o FILE) calls
 * herald_stdout_guard_begin() on its main thread before building and
 * running pipelines: it points the process's standard output (fd 1) at a
 * scratch file and unbuffers stdout, and from then on a reader, transform
 * or writer that puts bytes there fails its document with an error naming
 * it (the bytes are dropped), so no output file is written half.
 * The program itself writes nothing to stdout meanwhile (it would be
 * taken for the next stage's).
 * herald_stdout_guard_end() puts standard output back; it returns
 * HERALD_EPLUGIN, reported, when something was printed outside the stages
 * (a plugin's open() or close()).  Both return HERALD_OK else (begin:
 * HERALD_EIO, with a warning, when fd 1 cannot be set aside; nothing
 * is guarded then). */
int herald_stdout_guard_begin(herald_diag *diag);
int herald_stdout_guard_end(herald_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
