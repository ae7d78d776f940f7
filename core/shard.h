/* shard.h - --shard K/N: which inputs a run takes when an archive is
 * split over N runs (not installed; see doc/archives.md, "Scale-out").
 *
 * An input belongs to shard FNV-1a-64(key) mod N, where key is the
 * input's path below the folder it was found in (the path its output is
 * named from) without its last extension.  The key holds nothing of the
 * machine (no absolute path, no working folder), so every machine puts
 * a file in the same shard; without its extension, x.txt and x.json
 * (which would write the same x.html) fall in one shard, which refuses
 * them as a single run does. */
#ifndef HERALD_SHARD_H
#define HERALD_SHARD_H

#include <stddef.h>
#include <stdint.h>

typedef struct cli_shard {
	unsigned long index;   /* K: 0 .. count - 1 */
	unsigned long count;   /* N; 0 when no --shard was given */
} cli_shard;

/* The largest N --shard takes. */
#define CLI_SHARD_MAX 1000000UL

/* Parse "K/N" (decimal digits only, 0 <= K < N <= CLI_SHARD_MAX) into
 * *s; 0 on success, else -1 with *why (a static string) saying what is
 * wrong and *s unchanged. */
int cli_shard_parse(const char *arg, cli_shard *s, const char **why);

/* FNV-1a, 64 bits, of the bytes of rel up to its last extension (a '.'
 * in its last segment, not that segment's first byte). */
uint64_t cli_shard_hash(const char *rel);

/* FNV-1a, 64 bits, of n bytes at data, going on from h (CLI_FNV1A_BASIS
 * to start): also the hash of a corpus shard's parts (corpus.h). */
#define CLI_FNV1A_BASIS UINT64_C(14695981039346656037)
uint64_t cli_fnv1a(uint64_t h, const void *data, size_t n);

/* Whether the input at rel (as above) is one of shard s's; every input
 * is when s->count is 0. */
int cli_shard_takes(const cli_shard *s, const char *rel);

#endif
