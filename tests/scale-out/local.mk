# tests/scale-out: beyond one process: --shard K/N, and the engines that
# run herald on many machines, started here for real (Slurm, GNU
# parallel over ssh); the examples they run are examples/scale-out/.
SCALE_OUT_TESTS = \
	tests/scale-out/shard.sh \
	tests/scale-out/merge.sh \
	tests/scale-out/corpus-merge.sh \
	tests/scale-out/slurm.sh \
	tests/scale-out/parallel-ssh.sh
TESTS += $(SCALE_OUT_TESTS)
EXTRA_DIST += $(SCALE_OUT_TESTS) tests/scale-out/cluster.sh \
	examples/scale-out/slurm/convert.sbatch \
	examples/scale-out/slurm/merge.sbatch \
	examples/scale-out/slurm/submit.sh

# The hash and the parsing of K/N, on their own (core/shard.c is the
# command's, not libherald's: compiled in).
check_PROGRAMS += tests/unit/test_shard
TESTS += tests/unit/test_shard
tests_unit_test_shard_SOURCES = tests/unit/test_shard.c core/shard.c core/shard.h
tests_unit_test_shard_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_shard_LDADD = libherald.la $(CMOCKA_LIBS)
