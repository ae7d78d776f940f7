# tests/modules: real, deliberately broken plugin modules, all built into
# tests/modules/bad/ beside one good one (shout), and the tests that load
# them through the library (test_modules) and the command (cli.sh); in
# tests/modules/good/, modules that load but test what a plugin does.
# check_LTLIBRARIES are built only for `make check`; -rpath makes libtool
# build real shared modules instead of convenience archives.
# A static herald has no shared modules to test.
if !HERALD_STATIC
BAD_MODULE_LDFLAGS = -module -avoid-version -shared -no-undefined -rpath /nowhere
BAD_MODULE_LIBADD = libherald.la

check_LTLIBRARIES += tests/modules/bad/abi.la tests/modules/bad/nodesc.la \
	tests/modules/bad/misnamed.la tests/modules/bad/noread.la \
	tests/modules/bad/shout.la tests/modules/bad/shout.old.la \
	tests/modules/bad/badname.la

tests_modules_bad_abi_la_SOURCES = tests/modules/abi.c
tests_modules_bad_abi_la_LDFLAGS = $(BAD_MODULE_LDFLAGS)
tests_modules_bad_abi_la_LIBADD = $(BAD_MODULE_LIBADD)

tests_modules_bad_nodesc_la_SOURCES = tests/modules/nodesc.c
tests_modules_bad_nodesc_la_LDFLAGS = $(BAD_MODULE_LDFLAGS)
tests_modules_bad_nodesc_la_LIBADD = $(BAD_MODULE_LIBADD)

tests_modules_bad_misnamed_la_SOURCES = tests/modules/misnamed.c
tests_modules_bad_misnamed_la_LDFLAGS = $(BAD_MODULE_LDFLAGS)
tests_modules_bad_misnamed_la_LIBADD = $(BAD_MODULE_LIBADD)

tests_modules_bad_noread_la_SOURCES = tests/modules/noread.c
tests_modules_bad_noread_la_LDFLAGS = $(BAD_MODULE_LDFLAGS)
tests_modules_bad_noread_la_LIBADD = $(BAD_MODULE_LIBADD)

tests_modules_bad_badname_la_SOURCES = tests/modules/badname.c
tests_modules_bad_badname_la_LDFLAGS = $(BAD_MODULE_LDFLAGS)
tests_modules_bad_badname_la_LIBADD = $(BAD_MODULE_LIBADD)

tests_modules_bad_shout_la_SOURCES = tests/modules/shout.c
tests_modules_bad_shout_la_LDFLAGS = $(BAD_MODULE_LDFLAGS)
tests_modules_bad_shout_la_LIBADD = $(BAD_MODULE_LIBADD)

# A good writer claiming text's ".txt", in a folder of its own.
check_LTLIBRARIES += tests/modules/rival/rival.la
tests_modules_rival_rival_la_SOURCES = tests/modules/rival.c
tests_modules_rival_rival_la_LDFLAGS = $(BAD_MODULE_LDFLAGS)
tests_modules_rival_rival_la_LIBADD = $(BAD_MODULE_LIBADD)

tests_modules_bad_shout_old_la_SOURCES = tests/modules/shout.c
tests_modules_bad_shout_old_la_CPPFLAGS = $(AM_CPPFLAGS) -DSHOUT_OLD
tests_modules_bad_shout_old_la_LDFLAGS = $(BAD_MODULE_LDFLAGS)
tests_modules_bad_shout_old_la_LIBADD = $(BAD_MODULE_LIBADD)
# Linked after shout.la, never beside it: linking shout.la first removes
# .libs/shout.* (libtool cleans its old outputs by that pattern), which
# took shout.old.so with it in a parallel build (seen in make distcheck).
tests_modules_bad_shout_old_la_DEPENDENCIES = $(BAD_MODULE_LIBADD) \
	tests/modules/bad/shout.la

# Test modules that load fine, for what plugins may and may not do: a
# transform that drops items (tests/exec/ids.sh), a plugin that prints to
# stdout (stdout.sh).
check_LTLIBRARIES += tests/modules/good/dropitems.la tests/modules/good/leaky.la
tests_modules_good_dropitems_la_SOURCES = tests/modules/dropitems.c
tests_modules_good_dropitems_la_LDFLAGS = $(BAD_MODULE_LDFLAGS)
tests_modules_good_dropitems_la_LIBADD = $(BAD_MODULE_LIBADD)
tests_modules_good_leaky_la_SOURCES = tests/modules/leaky.c
tests_modules_good_leaky_la_LDFLAGS = $(BAD_MODULE_LDFLAGS)
tests_modules_good_leaky_la_LIBADD = $(BAD_MODULE_LIBADD)

check_PROGRAMS += tests/modules/test_modules
tests_modules_test_modules_SOURCES = tests/modules/test_modules.c \
	tests/unit/scratch.c tests/unit/scratch.h
tests_modules_test_modules_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_modules_test_modules_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_modules_test_modules_LDADD = libherald.la $(CMOCKA_LIBS)

TESTS += tests/modules/test_modules tests/modules/cli.sh tests/modules/stdout.sh
endif
EXTRA_DIST += tests/modules/cli.sh tests/modules/stdout.sh
