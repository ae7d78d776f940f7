/* arena.h - bump allocation for everything one document owns (internal). */
#ifndef HERALD_ARENA_H
#define HERALD_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct doc_arena {
	arena_block *blocks;
} doc_arena;

void arena_init(doc_arena *arena);
/* Zeroed, aligned memory that lives until arena_release(). */
void *arena_alloc(doc_arena *arena, size_t size);
/* The same, aligned for pointers only (8 bytes on LP64), for structs
 * of pointers and integers packed end to end (the model's nodes). */
void *arena_alloc_packed(doc_arena *arena, size_t size);
/* size bytes for characters: not zeroed, not aligned (strings are
 * written whole at once, and packed end to end). */
char *arena_alloc_chars(doc_arena *arena, size_t size);
/* A NUL-terminated copy of len bytes of s. */
char *arena_strndup(doc_arena *arena, const char *s, size_t len);
void arena_release(doc_arena *arena);

#endif
