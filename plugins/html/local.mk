# plugins/html: the HTML5 writer.  markup.[ch] is shared with the tei
# writer and compiled into both modules; html.c itself uses no libxml2,
# the link is for markup.c's error routing, which only tei calls (the
# herald program links libxml2 anyway, so it costs html no start-up).
pkglib_LTLIBRARIES += plugins/html.la
plugins_html_la_SOURCES = plugins/html/html.c plugins/html/style.css.h \
	plugins/html/markup.c plugins/html/markup.h \
	plugins/html/search.c plugins/html/search.h
nodist_plugins_html_la_SOURCES = plugins/html/search-js.h
plugins_html_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_builddir)/plugins/html
plugins_html_la_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) $(JANSSON_CFLAGS)
plugins_html_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_html_la_LIBADD = $(PLUGIN_LIBADD) $(XML_LIBS) $(JANSSON_LIBS)
# The site's search script is a file of its own (plugins/html/search.js),
# made into a C string at build time.
EXTRA_DIST += plugins/html/search.js
BUILT_SOURCES += plugins/html/search-js.h
CLEANFILES += plugins/html/search-js.h
plugins/html/search-js.h: $(top_srcdir)/plugins/html/search.js
	$(AM_V_GEN)$(MKDIR_P) plugins/html && \
	{ echo 'static const char html_search_js[] ='; \
	  LC_ALL=C sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/	"/' -e 's/$$/\\n"/' \
	    $(top_srcdir)/plugins/html/search.js; echo ';'; } > $@.tmp && mv $@.tmp $@
dist_doc_DATA += doc/markup.md
