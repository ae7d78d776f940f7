/* arena.h - memory for the markdown writer's cmark trees.
 *
 * The writer builds a cmark tree per item and drops it once rendered:
 * with cmark's allocator that was a calloc and a free per node and per
 * string, and a walk of the tree to free it.  An md_arena hands cmark
 * its memory from a few large blocks instead; md_arena_reset() drops a
 * whole tree at once (no cmark_node_free), keeping the first block for
 * the next.  The memory held is one part's tree, as before.
 *
 * cmark's allocator takes no context: the functions of md_arena_mem()
 * serve the arena made last in the calling thread, until it is freed.
 * Like cmark's own allocator they abort when memory runs out (cmark
 * does not check what its allocator returns).
 */
#ifndef HERALD_MARKDOWN_ARENA_H
#define HERALD_MARKDOWN_ARENA_H

#include <cmark.h>

typedef struct md_arena md_arena;

/* A new arena, current in this thread; NULL when out of memory. */
md_arena *md_arena_new(void);

/* Forget everything allocated from the arena. */
void md_arena_reset(md_arena *arena);

/* Free the arena and all it gave; it is current no more. */
void md_arena_free(md_arena *arena);

/* The allocator for cmark_node_new_with_mem(): its free does nothing
 * (the memory goes back at md_arena_reset), its realloc copies unless
 * the block is the last one allocated.  Memory cmark returns (a
 * rendering) is the arena's too: copy it before the reset. */
cmark_mem *md_arena_mem(void);

#endif
