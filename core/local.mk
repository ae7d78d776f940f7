# core/: libherald (the model, diagnostics, loader, pipeline, batches).
lib_LTLIBRARIES += libherald.la
libherald_la_SOURCES = \
	core/arena.c core/arena.h \
	core/diag.c \
	core/buffer.c core/escape.c core/walk.c \
	core/doc.c core/doc_ids.h \
	core/text.c \
	core/decode.c \
	core/lang.c core/lang_label.c core/lang_any.c core/paths.h \
	core/turn.c \
	core/langid.c core/langid.h core/langid_cld2.cc \
	core/options.c core/options.h \
	core/loader.c core/plugin_index.c core/plugin_index.h \
	core/pipeline.c core/stdout_guard.c core/stdout_guard.h \
	core/archive.c core/batch.c core/batch.h core/convert.c \
	core/site.c core/site.h core/shard.c core/shard.h \
	core/shard_set.c core/shard_set.h \
	core/version.c
libherald_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-DHERALD_PLUGIN_DIR='"$(pkglibdir)"' \
	-DHERALD_BUILD_DIR='"$(abs_top_builddir)"' \
	-DHERALD_SOURCE_DIR='"$(abs_top_srcdir)"' \
	-DHERALD_LANG_DIR='"$(pkgdatadir)/lang"'
libherald_la_CFLAGS = $(AM_CFLAGS) $(UCHARDET_CFLAGS) $(JANSSON_CFLAGS) -pthread
# The CLD2 shim is C++ (libtool then links libherald with the C++
# driver); its flags are CLD2's plus the warnings that exist in C++.
libherald_la_CXXFLAGS = $(AM_CXXFLAGS) $(CLD2_CFLAGS) -Wall -Wextra -Wshadow
libherald_la_LIBADD = $(LTDL_LIBS) $(UNISTRING_LIBS) $(UCHARDET_LIBS) $(JANSSON_LIBS) \
	$(CLD2_LIBS) $(CXX_RUNTIME_LIBS) -lpthread
libherald_la_LDFLAGS = -no-undefined -version-info 0:0:0 \
	-export-symbols-regex '^herald_'
if HERALD_VERSION_SCRIPT
libherald_la_LDFLAGS += -Wl,--version-script=$(srcdir)/core/libherald.map
endif
libherald_la_DEPENDENCIES = core/libherald.map
EXTRA_DIST += core/libherald.map

heraldincludedir = $(includedir)/herald
heraldinclude_HEADERS = \
	include/herald/herald.h \
	include/herald/version.h \
	include/herald/diag.h \
	include/herald/buffer.h \
	include/herald/escape.h \
	include/herald/walk.h \
	include/herald/doc.h \
	include/herald/text.h \
	include/herald/lang.h \
	include/herald/turn.h \
	include/herald/decode.h \
	include/herald/plugin.h \
	include/herald/site.h \
	include/herald/pipeline.h \
	include/herald/batch.h

# The folders above are compiled in: after configure changed them
# (--prefix), rebuild what holds them rather than install stale paths.
$(libherald_la_OBJECTS): $(top_builddir)/config.status
