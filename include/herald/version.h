/* herald/version.h - the version these headers belong to, at compile
 * time.  herald_version() (herald.h) is the version of the library a
 * program runs with, which may be newer.  configure takes the package's
 * version from this file, so the two cannot differ in one build.
 *
 *     #if HERALD_VERSION_NUMBER >= 200   (0.2.0 or later)
 */
#ifndef HERALD_VERSION_H
#define HERALD_VERSION_H

#define HERALD_VERSION_MAJOR 0
#define HERALD_VERSION_MINOR 1
#define HERALD_VERSION_PATCH 0
#define HERALD_VERSION "0.1.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH: 0.1.0 is 100. */
#define HERALD_VERSION_NUMBER \
	(HERALD_VERSION_MAJOR * 10000 + HERALD_VERSION_MINOR * 100 + \
	 HERALD_VERSION_PATCH)

#endif
