/* stdout_guard.h - the pipeline's side of herald_stdout_guard_begin()
 * (internal). */
#ifndef HERALD_STDOUT_GUARD_H
#define HERALD_STDOUT_GUARD_H

#include <herald/plugin.h>

/* After a stage of plugin p: HERALD_OK, or HERALD_EPLUGIN (reported)
 * when a guard is on and standard output received bytes since the last
 * check.  Thread-safe; O(1) without a guard. */
int stdout_guard_check(const herald_plugin *p, herald_diag *diag);

#endif
