/* arena.c - a list of growing blocks; nothing is freed until the end. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pages.h"

struct arena_block {
	arena_block *next;
	size_t used;
	size_t size;
	max_align_t data[]; /* aligned payload */
};

/* The first block: what a small document needs (a 2 KB bulletin's
 * model takes about 1 KB of nodes and 5 KB of text).  Not more: a site
 * run keeps every document between its two passes, and a kept block
 * holds all its pages, used or not, once the heap it was carved from has
 * been touched by the temporaries before it.  With 16 KB, 2 000 kept
 * bulletins held 77 MB and 17 700 page faults; with 2 KB, 38 MB and 8 000
 * (doc/performance.md, "Session 12"). */
enum { ARENA_MIN_BLOCK = 2 * 1024 };

void arena_init(doc_arena *arena)
{
	arena->blocks = NULL;
}

/* a is a power of two (1, 8 or 16 here): a mask, not a division, as
 * take() rounds at every node and string of a document */
static size_t round_up_to(size_t n, size_t a)
{
	return (n + a - 1) & ~(a - 1);
}

static size_t round_up(size_t n)
{
	return round_up_to(n, sizeof(max_align_t));
}

enum { ARENA_MAX_BLOCK = 8 * 1024 * 1024 };

/* A new block for at least size bytes.  Blocks double up to a cap, so
 * small documents stay small, and a big one takes a few large blocks
 * rather than one mapping per megabyte (pages of a block not yet used
 * are never touched, so they cost no memory); a request larger than the
 * cap gets a block of its own, linked behind the current one so that
 * the current block's free space keeps being used. */
static arena_block *arena_grow(doc_arena *arena, size_t size)
{
	size_t want = ARENA_MIN_BLOCK;
	if (arena->blocks && arena->blocks->size * 2 <= ARENA_MAX_BLOCK)
		want = arena->blocks->size * 2;
	else if (arena->blocks)
		want = ARENA_MAX_BLOCK;
	int oversized = size > want;
	if (oversized)
		want = size;
	if (want > SIZE_MAX - sizeof(arena_block))
		return NULL;
	arena_block *b = core_alloc_large(sizeof(*b) + want);
	if (!b)
		return NULL;
	b->used = 0;
	b->size = want;
	if (oversized && arena->blocks) {
		b->next = arena->blocks->next;
		arena->blocks->next = b;
	} else {
		b->next = arena->blocks;
		arena->blocks = b;
	}
	return b;
}

/* size bytes, aligned, or NULL; align 1 packs strings end to end. */
static inline void *take(doc_arena *arena, size_t size, size_t align)
{
	if (size > SIZE_MAX / 2)
		return NULL;
	size = size ? size : 1;
	arena_block *b = arena->blocks;
	size_t at = b ? round_up_to(b->used, align) : 0;
	if (!b || at > b->size || b->size - at < size) {
		b = arena_grow(arena, round_up(size));
		if (!b)
			return NULL;
		at = b->used;
	}
	void *p = (char *)b->data + at;
	b->used = at + size;
	return p;
}

void *arena_alloc(doc_arena *arena, size_t size)
{
	void *p = take(arena, size, sizeof(max_align_t));
	if (p)
		memset(p, 0, size);
	return p;
}

/* What a struct of pointers and integers needs. */
typedef union packed_align {
	void *p;
	size_t n;
	unsigned long ul;
} packed_align;

void *arena_alloc_packed(doc_arena *arena, size_t size)
{
	void *p = take(arena, size, _Alignof(packed_align));
	if (p)
		memset(p, 0, size);
	return p;
}

char *arena_alloc_chars(doc_arena *arena, size_t size)
{
	return take(arena, size, 1);
}

char *arena_strndup(doc_arena *arena, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *p = arena_alloc_chars(arena, len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void arena_release(doc_arena *arena)
{
	arena_block *b = arena->blocks;
	while (b) {
		arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena->blocks = NULL;
}
