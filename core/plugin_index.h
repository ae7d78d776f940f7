/* plugin_index.h - which plugin reads which file extension, cached on
 * disk so that guessing a reader does not open every module (internal).
 *
 * An index belongs to one search path.  It records the stat (mtime and
 * size) of every directory of the path and of every module file found
 * there, and is used only while all of them still match: a plugin built,
 * copied, removed or touched since makes it stale, and a stale, foreign
 * or unreadable index file is simply rebuilt.  Where it lives is said in
 * doc/plugins.md ("How herald finds plugins").
 *
 * Ownership: core_plugin_index_new() and core_plugin_index_load() return
 * an object the caller frees with core_plugin_index_free(); the names it
 * returns stay valid until then. */
#ifndef HERALD_CORE_PLUGIN_INDEX_H
#define HERALD_CORE_PLUGIN_INDEX_H

typedef struct core_plugin_index core_plugin_index;

/* An empty index for the ':'-separated search path, with the stat of
 * each of its directories taken now; NULL when out of memory. */
core_plugin_index *core_plugin_index_new(const char *search_path);
/* Record one module file (its stat now); 0, or -1 out of memory. */
int core_plugin_index_add_file(core_plugin_index *idx, const char *path);
/* Record that the module file module (a .la or .so already recorded)
 * opened now, and object is the shared object it names (recorded too;
 * module itself for a .so).  0, or -1 when either was not recorded or
 * out of memory. */
int core_plugin_index_add_checked(core_plugin_index *idx, const char *module,
                                  const char *object);
/* The shared object of module when module opened as the index was
 * built: since every stamp still matches, neither file has changed
 * since (its .la need not be read, nor its ELF headers checked, again).
 * NULL otherwise. */
const char *core_plugin_index_checked_object(const core_plugin_index *idx,
                                             const char *module);
/* Record that plugin name reads files ending in .ext.  An extension
 * keeps the first plugin given for it (the search path's order).  0, or
 * -1 out of memory. */
int core_plugin_index_add_reader(core_plugin_index *idx, const char *ext,
                                 const char *name);
/* Write the index to the cache (a temporary file renamed over the old
 * one, so that two runs writing at once leave one whole index).  Best
 * effort: an index that cannot be written is only not cached. */
void core_plugin_index_save(const core_plugin_index *idx);

/* The cached index of search_path, or NULL when there is none that is
 * whole, of this format and up to date. */
core_plugin_index *core_plugin_index_load(const char *search_path);

/* The plugin that reads .ext (compared without regard to ASCII case),
 * or NULL. */
const char *core_plugin_index_reader(const core_plugin_index *idx,
                                     const char *ext);
void core_plugin_index_free(core_plugin_index *idx);

#endif
