/* shard.c - --shard K/N: the inputs of one of N runs over an archive.
 *
 * The hash is FNV-1a with 64 bits (offset basis 14695981039346656037,
 * prime 1099511628211), of bytes: fully specified in two lines, the same
 * on every machine (no seed, no word size or byte order in it), and easy
 * to compute elsewhere (a job script can tell which shard holds a file;
 * doc/archives.md shows it in Python).  A seeded or cryptographic hash
 * would buy nothing here: the key is not secret and an unlucky archive
 * only makes shards uneven, never wrong. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <herald/herald.h>

#include "shard.h"

/* A decimal number of digits only (strtoul also takes a sign and white
 * space), at most max. */
static int parse_number(const char *s, size_t len, unsigned long max,
                        unsigned long *out)
{
	unsigned long n = 0;
	if (len == 0)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (unsigned long)(s[i] - '0');
		if (n > max)
			return -1;
	}
	*out = n;
	return 0;
}

int cli_shard_parse(const char *arg, cli_shard *s, const char **why)
{
	const char *slash = strchr(arg, '/');
	unsigned long k, n;
	if (!slash) {
		*why = "is not K/N";
		return -1;
	}
	/* One more than the largest N, so that "N too large" is told apart
	 * from "not a number". */
	if (parse_number(arg, (size_t)(slash - arg), CLI_SHARD_MAX, &k) ||
	    parse_number(slash + 1, strlen(slash + 1), CLI_SHARD_MAX + 1, &n)) {
		*why = "is not K/N with K and N decimal numbers";
		return -1;
	}
	if (n == 0 || n > CLI_SHARD_MAX) {
		*why = "N must be from 1 to 1000000";
		return -1;
	}
	if (k >= n) {
		*why = "K must be from 0 to N-1 (shards are numbered from 0)";
		return -1;
	}
	s->index = k;
	s->count = n;
	return 0;
}

int herald_batch_parse_shard(const char *arg, unsigned long *index,
                             unsigned long *count, const char **why)
{
	cli_shard s;
	if (cli_shard_parse(arg, &s, why) != 0)
		return HERALD_EUSAGE;
	*index = s.index;
	*count = s.count;
	return HERALD_OK;
}

uint64_t cli_shard_hash(const char *rel)
{
	const char *last = strrchr(rel, '/');
	const char *base = last ? last + 1 : rel;
	const char *dot = strrchr(base, '.');
	size_t len = dot && dot != base ? (size_t)(dot - rel) : strlen(rel);
	return cli_fnv1a(CLI_FNV1A_BASIS, rel, len);
}

uint64_t cli_fnv1a(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= UINT64_C(1099511628211);
	}
	return h;
}

int cli_shard_takes(const cli_shard *s, const char *rel)
{
	return s->count == 0 || cli_shard_hash(rel) % s->count == s->index;
}
