/* modules.h - libherald's own modules, opened on first use (internal).
 *
 * CLD2 and uchardet are C++ libraries: linking them into libherald made
 * every run, a one-line conversion too, map and relocate the C++ runtime
 * (about 0.6 ms of a 2.4 ms start-up, doc/performance.md "Session 5").
 * Their shims are small modules instead (core/cld2.la, core/uchardet.la,
 * installed in $(pkglibdir)/core), opened when a text is first
 * identified or a charset first detected.  A --disable-shared build
 * links them into libherald (HERALD_STATIC): no module is opened then.
 * Not exported: core_ names stay out of libherald's herald_ API.
 */
#ifndef HERALD_CORE_MODULES_H
#define HERALD_CORE_MODULES_H

/* The address of symbol in libherald's module named module, opened now
 * (each caller asks once: a module stays loaded for the process's life).
 * NULL when it cannot be opened or lacks the symbol, after a warning on
 * standard error naming the file, the reason, and then without (what
 * herald does without it: "languages are not identified").
 * Thread-safe. */
void *core_module_symbol(const char *module, const char *symbol,
                         const char *without);

#endif
