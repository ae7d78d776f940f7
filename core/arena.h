/* arena.h - bump allocation for everything one document owns (internal). */
#ifndef HERALD_ARENA_H
#define HERALD_ARENA_H

#include <stddef.h>

typedef struct herald_arena_block herald_arena_block;

typedef struct herald_arena {
	herald_arena_block *blocks;
} herald_arena;

void herald_arena_init(herald_arena *arena);
/* Zeroed, aligned memory that lives until herald_arena_release(). */
void *herald_arena_alloc(herald_arena *arena, size_t size);
/* A NUL-terminated copy of len bytes of s. */
char *herald_arena_strndup(herald_arena *arena, const char *s, size_t len);
void herald_arena_release(herald_arena *arena);

#endif
