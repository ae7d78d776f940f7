/* herald/module.h - code opened on first need: the libraries only some
 * inputs call (CLD2, uchardet, cmark and libyaml for the bulletin
 * reader) sit behind small modules, so that a run that never needs them
 * never maps or binds them (doc/performance.md, "Session 5: start-up"
 * and "Session 6: start-up").
 *
 * The modules are herald's own, built and installed with it, in
 * $(pkglibdir)/core (the build tree's core/ when this libherald is the
 * build tree's).  A module named after a plugin is that plugin's
 * ("bulletin-markup").  A --disable-shared build links them in and opens
 * none.
 */
#ifndef HERALD_MODULE_H
#define HERALD_MODULE_H

#ifdef __cplusplus
extern "C" {
#endif

/* The address of symbol in herald's module named module, opened now
 * (each caller asks once: a module stays loaded for the process's
 * life).  NULL when it cannot be opened or lacks the symbol, after a
 * warning on standard error naming the file, the reason, and then
 * without (what herald does without it: "languages are not
 * identified").  Thread-safe. */
void *herald_module_symbol(const char *module, const char *symbol,
                           const char *without);

#ifdef __cplusplus
}
#endif

#endif
