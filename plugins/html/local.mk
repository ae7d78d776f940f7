# plugins/html: the HTML5 writer.  markup.[ch] is shared with the tei
# writer and compiled into both modules; html.c itself uses no libxml2,
# the link is for markup.c's error routing, which only tei calls (the
# herald program links libxml2 anyway, so it costs html no start-up).
pkglib_LTLIBRARIES += plugins/html.la
plugins_html_la_SOURCES = plugins/html/html.c plugins/html/style.css.h \
	plugins/html/markup.c plugins/html/markup.h
plugins_html_la_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS)
plugins_html_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_html_la_LIBADD = $(PLUGIN_LIBADD) $(XML_LIBS)
dist_doc_DATA += doc/markup.md
