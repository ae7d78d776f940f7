# plugins/htmlin: the HTML reader (web pages), with libxml2 and jansson.
# words.h is words.txt as a C string, so the vocabulary ships inside the
# module; each entry a line of the file.
pkglib_LTLIBRARIES += plugins/htmlin.la
plugins_htmlin_la_SOURCES = plugins/htmlin/htmlin.c plugins/htmlin/htmlin.h \
	plugins/htmlin/extract.c plugins/htmlin/meta.c plugins/htmlin/emit.c \
	plugins/htmlin/words.c plugins/htmlin/turns.c
nodist_plugins_htmlin_la_SOURCES = plugins/htmlin/words.h
plugins_htmlin_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_builddir)/plugins/htmlin
plugins_htmlin_la_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) $(JANSSON_CFLAGS)
plugins_htmlin_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_htmlin_la_LIBADD = $(PLUGIN_LIBADD) $(XML_LIBS) $(JANSSON_LIBS)
EXTRA_DIST += plugins/htmlin/words.txt
CLEANFILES += plugins/htmlin/words.h
dist_doc_DATA += doc/html-reader.md

# Generated before words.c compiles (an explicit dependency, as the
# tree has no BUILT_SOURCES).
$(plugins_htmlin_la_OBJECTS): plugins/htmlin/words.h
plugins/htmlin/words.h: $(srcdir)/plugins/htmlin/words.txt
	$(AM_V_GEN)mkdir -p plugins/htmlin && { \
	  echo '/* generated from words.txt by plugins/htmlin/local.mk */'; \
	  echo 'static const char htmlin_words_txt[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' \
	    $(srcdir)/plugins/htmlin/words.txt; \
	  echo ';'; } > $@.tmp && mv $@.tmp $@
