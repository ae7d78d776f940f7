# core/: libherald (the model, diagnostics, loader, pipeline, batches).
lib_LTLIBRARIES += libherald.la
libherald_la_SOURCES = \
	core/arena.c core/arena.h core/pages.c core/pages.h \
	core/diag.c \
	core/buffer.c core/escape.c core/walk.c \
	core/doc.c core/doc_ids.h core/doc_input.h \
	core/text.c core/text_unistring.h core/names.c core/names.h \
	core/decode.c \
	core/lang.c core/lang_label.c core/lang_any.c core/lang_cache.c \
	core/paths.h \
	core/turn.c \
	core/langid.c core/langid.h core/charset.c core/charset.h \
	core/options.c core/options.h \
	core/loader.c core/plugin_index.c core/plugin_index.h \
	core/cache.c core/cache.h \
	core/pipeline.c core/stdout_guard.c core/stdout_guard.h \
	core/archive.c core/batch.c core/batch.h core/convert.c \
	core/site.c core/site.h core/shard.c core/shard.h \
	core/shard_set.c core/shard_set.h core/corpus.c core/corpus.h \
	core/version.c
libherald_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-DHERALD_PLUGIN_DIR='"$(pkglibdir)"' \
	-DHERALD_BUILD_DIR='"$(abs_top_builddir)"' \
	-DHERALD_REAL_BUILD_DIR='"$(herald_real_builddir)"' \
	-DHERALD_SOURCE_DIR='"$(abs_top_srcdir)"' \
	-DHERALD_LANG_DIR='"$(pkgdatadir)/lang"' \
	-DHERALD_CORE_MODULE_DIR='"$(herald_coremoddir)"'
libherald_la_CFLAGS = $(AM_CFLAGS) $(HERALD_SYMBOLIC_CFLAGS) $(UCHARDET_CFLAGS) \
	$(JANSSON_CFLAGS) -pthread
libherald_la_LIBADD = $(LTDL_LIBS) $(JANSSON_LIBS) -lpthread
# The CLD2 shim is C++; its flags are CLD2's plus the warnings that exist
# in C++.
CLD2_SHIM_CXXFLAGS = $(AM_CXXFLAGS) $(CLD2_CFLAGS) -Wall -Wextra -Wshadow

# CLD2 and uchardet (both C++) are reached through two small modules of
# libherald's own, opened on first use (herald/module.h), so that a run
# that identifies no language and detects no charset never loads the C++
# runtime; libunistring through a third, so that ASCII text never maps
# it (core/text_unistring.h).  Without shared libraries they are linked
# into libherald.
herald_coremoddir = $(pkglibdir)/core
if HERALD_STATIC
libherald_la_SOURCES += core/langid_cld2.cc core/charset_uchardet.c \
	core/text_unistring.c
libherald_la_CXXFLAGS = $(CLD2_SHIM_CXXFLAGS)
libherald_la_LIBADD += $(UCHARDET_LIBS) $(CLD2_LIBS) $(UNISTRING_LIBS) \
	$(CXX_RUNTIME_LIBS)
else
herald_coremod_LTLIBRARIES = core/cld2.la core/uchardet.la core/unistring.la
core_unistring_la_SOURCES = core/text_unistring.c core/text_unistring.h
core_unistring_la_LIBADD = $(UNISTRING_LIBS)
core_unistring_la_LDFLAGS = -module -avoid-version -shared -no-undefined \
	-export-symbols-regex '^core_unistring_module$$'
core_cld2_la_SOURCES = core/langid_cld2.cc core/langid.h
core_cld2_la_CXXFLAGS = $(CLD2_SHIM_CXXFLAGS)
core_cld2_la_LIBADD = $(CLD2_LIBS)
core_cld2_la_LDFLAGS = -module -avoid-version -shared -no-undefined \
	-export-symbols-regex '^core_cld2_detect$$'
core_uchardet_la_SOURCES = core/charset_uchardet.c core/charset.h
core_uchardet_la_CFLAGS = $(AM_CFLAGS) $(UCHARDET_CFLAGS)
core_uchardet_la_LIBADD = $(UCHARDET_LIBS)
core_uchardet_la_LDFLAGS = -module -avoid-version -shared -no-undefined \
	-export-symbols-regex '^core_uchardet_module$$'
endif
# herald_ symbols only: the linker's version script where it takes one
# (no nm pass over the objects then), else libtool's own filter.
libherald_la_LDFLAGS = -no-undefined -version-info 0:0:0 \
	$(HERALD_SYMBOLIC_LDFLAGS)
if HERALD_VERSION_SCRIPT
libherald_la_LDFLAGS += -Wl,--version-script=$(srcdir)/core/libherald.map
else
libherald_la_LDFLAGS += -export-symbols-regex '^herald_'
endif
# Linked as C, though a static build puts the C++ shim in: automake
# would pick the C++ driver, whose runtime a shared libherald no longer
# needs.
libherald_la_LINK = $(LIBTOOL) $(AM_V_lt) --tag=CC $(AM_LIBTOOLFLAGS) \
	$(LIBTOOLFLAGS) --mode=link $(CCLD) $(libherald_la_CFLAGS) $(CFLAGS) \
	$(libherald_la_LDFLAGS) $(LDFLAGS) -o $@
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
	include/herald/module.h \
	include/herald/turn.h \
	include/herald/decode.h \
	include/herald/plugin.h \
	include/herald/site.h \
	include/herald/pipeline.h \
	include/herald/batch.h

# The folders above are compiled in: after configure changed them
# (--prefix), rebuild what holds them rather than install stale paths.
$(libherald_la_OBJECTS): $(top_builddir)/config.status
