# core/: libherald (the model, diagnostics, loader, pipeline) and the CLI.
lib_LTLIBRARIES += libherald.la
libherald_la_SOURCES = \
	core/arena.c core/arena.h \
	core/diag.c \
	core/doc.c \
	core/text.c \
	core/decode.c \
	core/lang.c core/lang_label.c core/lang_any.c core/paths.h \
	core/turn.c \
	core/langid.c core/langid.h core/langid_cld2.cc \
	core/options.c core/options.h \
	core/loader.c core/plugin_index.c core/plugin_index.h \
	core/pipeline.c \
	core/version.c
libherald_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-DHERALD_PLUGIN_DIR='"$(pkglibdir)"' \
	-DHERALD_BUILD_DIR='"$(abs_top_builddir)"' \
	-DHERALD_SOURCE_DIR='"$(abs_top_srcdir)"' \
	-DHERALD_LANG_DIR='"$(pkgdatadir)/lang"'
libherald_la_CFLAGS = $(AM_CFLAGS) $(UCHARDET_CFLAGS)
# The CLD2 shim is C++ (libtool then links libherald with the C++
# driver); its flags are CLD2's plus the warnings that exist in C++.
libherald_la_CXXFLAGS = $(AM_CXXFLAGS) $(CLD2_CFLAGS) -Wall -Wextra -Wshadow
libherald_la_LIBADD = $(LTDL_LIBS) $(UNISTRING_LIBS) $(UCHARDET_LIBS) \
	$(CLD2_LIBS) $(CXX_RUNTIME_LIBS) -lpthread
libherald_la_LDFLAGS = -no-undefined -version-info 0:0:0 \
	-export-symbols-regex '^herald_'

heraldincludedir = $(includedir)/herald
heraldinclude_HEADERS = \
	include/herald/herald.h \
	include/herald/diag.h \
	include/herald/doc.h \
	include/herald/text.h \
	include/herald/lang.h \
	include/herald/turn.h \
	include/herald/decode.h \
	include/herald/plugin.h \
	include/herald/pipeline.h

bin_PROGRAMS += herald
herald_SOURCES = core/cli.c core/cli.h core/convert.c core/shard.c core/shard.h \
	core/archive.c core/batch.c core/batch.h core/records.c
herald_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(XML_CFLAGS) -pthread
# HERALD_WHOLE_LIBHERALD: empty, or in a static build the flag that puts
# all of libherald.a into herald (configure.ac says why).
herald_LDADD = $(HERALD_WHOLE_LIBHERALD) libherald.la $(JANSSON_LIBS) \
	$(XML_LIBS) -lpthread

# The folders above are compiled in: after configure changed them
# (--prefix), rebuild what holds them rather than install stale paths.
$(libherald_la_OBJECTS): $(top_builddir)/config.status
