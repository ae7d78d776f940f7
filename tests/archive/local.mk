# tests/archive: many inputs at once (-r, -j, --update, --records, the
# index, --corpus, stdout), shell tests on archives made by
# bench/gen-archive.sh; the scale-out examples; `make bench`.
ARCHIVE_TESTS = \
	tests/archive/jobs-equal.sh \
	tests/archive/failure.sh \
	tests/archive/kill.sh \
	tests/archive/fsync.sh \
	tests/archive/full-disk.sh \
	tests/archive/concurrent.sh \
	tests/archive/valgrind.sh \
	tests/archive/update.sh \
	tests/archive/records.sh \
	tests/archive/errors.sh \
	tests/archive/stdout-many.sh \
	tests/archive/index.sh \
	tests/archive/corpus.sh \
	tests/archive/scale-out.sh \
	tests/archive/robust.sh \
	tests/archive/names.sh \
	tests/archive/progress.sh
TESTS += $(ARCHIVE_TESTS)
EXTRA_DIST += $(ARCHIVE_TESTS) tests/archive/common.sh doc/archives.md \
	bench/gen-archive.sh bench/archive-bench.sh \
	bench/segment-bench.sh bench/segment-bench.c \
	bench/date-bench.sh bench/date-bench.c \
	bench/pipeline-bench.sh bench/pathological-bench.sh \
	bench/jobs-bench.py \
	examples/scale-out/parallel-files.sh \
	examples/scale-out/parallel-records.sh \
	examples/scale-out/records-from-files.sh \
	examples/scale-out/files-from-results.sh \
	examples/scale-out/hadoop-streaming.sh

# Benchmarks: not tests, they assert nothing about speed.
.PHONY: bench
bench: all
	@if test -f '$(srcdir)/bench/segment-bench.sh'; then \
	  top_srcdir='$(abs_top_srcdir)' sh '$(srcdir)/bench/segment-bench.sh'; \
	fi
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  sh '$(srcdir)/bench/date-bench.sh'
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  HERALD_PLUGIN_PATH='$(abs_top_builddir)/plugins' \
	  sh '$(srcdir)/bench/archive-bench.sh'
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  HERALD_PLUGIN_PATH='$(abs_top_builddir)/plugins' \
	  sh '$(srcdir)/bench/writers2-bench.sh'
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  sh '$(srcdir)/bench/pipeline-bench.sh'
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  sh '$(srcdir)/bench/pathological-bench.sh'
EXTRA_DIST += bench/writers2-bench.sh bench/writers2-bench.c bench/compare-builds.py
