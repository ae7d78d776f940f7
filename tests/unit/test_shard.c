/* test_shard.c - --shard K/N (core/shard.c): the hash is FNV-1a 64 as
 * published, of the path without its last extension, and K/N is parsed
 * strictly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "shard.h"

/* The published FNV-1a 64 test vectors (names without an extension
 * hash as they are). */
static void test_shard_hash_is_fnv1a_64(void **state)
{
	(void)state;
	assert_true(cli_shard_hash("") == UINT64_C(0xcbf29ce484222325));
	assert_true(cli_shard_hash("a") == UINT64_C(0xaf63dc4c8601ec8c));
	assert_true(cli_shard_hash("foobar") == UINT64_C(0x85944171f73967e8));
}

/* Inputs that would share an output share a shard; a dot elsewhere
 * (a folder, a hidden-like first byte) is part of the key. */
static void test_shard_hash_drops_the_last_extension(void **state)
{
	(void)state;
	assert_true(cli_shard_hash("2020/01/b.txt") == cli_shard_hash("2020/01/b"));
	assert_true(cli_shard_hash("2020/01/b.json") == cli_shard_hash("2020/01/b"));
	assert_true(cli_shard_hash("a.b.txt") == cli_shard_hash("a.b.json"));
	assert_true(cli_shard_hash("a.b.txt") != cli_shard_hash("a.txt"));
	assert_true(cli_shard_hash("v1.2/b") != cli_shard_hash("v1"));
	assert_true(cli_shard_hash("x/.b") != cli_shard_hash("x/"));
	assert_true(cli_shard_hash("foobar.txt") == UINT64_C(0x85944171f73967e8));
}

static void test_shard_parse_takes_k_of_n(void **state)
{
	(void)state;
	cli_shard s = { 9, 9 };
	const char *why = NULL;
	assert_int_equal(cli_shard_parse("0/1", &s, &why), 0);
	assert_int_equal(s.index, 0);
	assert_int_equal(s.count, 1);
	assert_int_equal(cli_shard_parse("007/8", &s, &why), 0);
	assert_int_equal(s.index, 7);
	assert_int_equal(s.count, 8);
	assert_int_equal(cli_shard_parse("999999/1000000", &s, &why), 0);
}

static void test_shard_parse_refuses_the_malformed(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "1", "/", "1/", "/2", "a/2", "1/b", "-1/2", "+1/2", " 1/2",
		"1/2 ", "1/2/3", "1.0/2", "0x1/2", "2/2", "5/3", "0/0",
		"0/1000001", "0/99999999999999999999999", "99999999999999999999/2",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cli_shard s = { 7, 9 };
		const char *why = NULL;
		if (cli_shard_parse(bad[i], &s, &why) != -1)
			fail_msg("'%s' was taken", bad[i]);
		assert_non_null(why);
		/* left as it was */
		assert_int_equal(s.index, 7);
		assert_int_equal(s.count, 9);
	}
}

static void test_shard_takes_one_shard_each(void **state)
{
	(void)state;
	static const char *const rel[] = { "a.txt", "2020/01/x.txt", "stdin",
	                                   "b", "c/d/e.json" };
	cli_shard none = { 0, 0 };
	for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		assert_true(cli_shard_takes(&none, rel[i]));
		int owners = 0;
		for (unsigned long k = 0; k < 5; k++)
			owners += cli_shard_takes(&(cli_shard){ k, 5 }, rel[i]);
		assert_int_equal(owners, 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shard_hash_is_fnv1a_64),
		cmocka_unit_test(test_shard_hash_drops_the_last_extension),
		cmocka_unit_test(test_shard_parse_takes_k_of_n),
		cmocka_unit_test(test_shard_parse_refuses_the_malformed),
		cmocka_unit_test(test_shard_takes_one_shard_each),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
