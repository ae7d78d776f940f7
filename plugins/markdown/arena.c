/* arena.c - memory for the markdown writer's cmark trees (arena.h). */
#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* Blocks of memory, the newest first; each allocation is its size (for
 * realloc) then the bytes, aligned for any type. */
struct block {
	struct block *older;
	size_t used, size;
	alignas(max_align_t) unsigned char bytes[];
};

struct md_arena {
	struct block *newest;
	struct block *first;     /* kept across resets */
	void *last;              /* the latest allocation, which may grow in place */
};

#define ARENA_BLOCK (64 * 1024)
#define ALIGN_UP(n) (((n) + alignof(max_align_t) - 1) & \
                     ~(size_t)(alignof(max_align_t) - 1))
#define HEADER ALIGN_UP(sizeof(size_t))

static _Thread_local md_arena *current;

static void out_of_memory(void)
{
	fputs("herald: markdown: out of memory\n", stderr);
	abort();
}

static struct block *block_new(size_t size)
{
	struct block *b = malloc(offsetof(struct block, bytes) + size);

	if (b) {
		b->older = NULL;
		b->used = 0;
		b->size = size;
	}
	return b;
}

md_arena *md_arena_new(void)
{
	md_arena *a = calloc(1, sizeof *a);

	if (a && (a->first = a->newest = block_new(ARENA_BLOCK)) == NULL) {
		free(a);
		a = NULL;
	}
	if (a)
		current = a;
	return a;
}

void md_arena_reset(md_arena *a)
{
	while (a->newest != a->first) {
		struct block *older = a->newest->older;
		free(a->newest);
		a->newest = older;
	}
	a->first->used = 0;
	a->last = NULL;
}

void md_arena_free(md_arena *a)
{
	if (!a)
		return;
	md_arena_reset(a);
	free(a->first);
	if (current == a)
		current = NULL;
	free(a);
}

static size_t *header_of(void *p)
{
	return (size_t *)((unsigned char *)p - HEADER);
}

static void *arena_alloc(size_t n)
{
	md_arena *a = current;
	size_t need = HEADER + ALIGN_UP(n ? n : 1);
	struct block *b = a->newest;
	unsigned char *at;

	if (need < n)
		out_of_memory();
	if (b->size - b->used < need) {
		b = block_new(need > ARENA_BLOCK / 4 ? need : ARENA_BLOCK);
		if (!b)
			out_of_memory();
		b->older = a->newest;
		a->newest = b;
	}
	at = b->bytes + b->used;
	b->used += need;
	*(size_t *)at = n;
	a->last = at + HEADER;
	return a->last;
}

static void *arena_calloc(size_t count, size_t size)
{
	void *p;

	if (size && count > (size_t)-1 / size)
		out_of_memory();
	p = arena_alloc(count * size);
	memset(p, 0, count * size);
	return p;
}

static void *arena_realloc(void *p, size_t n)
{
	md_arena *a = current;
	struct block *b = a->newest;
	size_t old, room;
	void *grown;

	if (!p)
		return arena_alloc(n);
	old = *header_of(p);
	/* the latest allocation grows where it stands when its block has room */
	room = b->size - ((unsigned char *)p - b->bytes);
	if (p == a->last && ALIGN_UP(n ? n : 1) <= room && n >= old) {
		b->used = (size_t)((unsigned char *)p - b->bytes) + ALIGN_UP(n ? n : 1);
		*header_of(p) = n;
		return p;
	}
	grown = arena_alloc(n);
	memcpy(grown, p, old < n ? old : n);
	return grown;
}

static void arena_release(void *p)
{
	(void)p;             /* back at md_arena_reset */
}

static cmark_mem arena_mem = { arena_calloc, arena_realloc, arena_release };

cmark_mem *md_arena_mem(void)
{
	return &arena_mem;
}
