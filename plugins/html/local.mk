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

# The writers' benchmark, part of `make bench` as a prerequisite of its
# own (the bench recipe is in tests/archive/local.mk): herald against
# cmark on the same 20 MB, in CPU time.  Not a test.
EXTRA_DIST += bench/writers-bench.sh bench/writer-bench.c
.PHONY: bench-writers
bench: bench-writers
bench-writers: all
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  HERALD_PLUGIN_PATH='$(abs_top_builddir)/plugins' \
	  sh '$(srcdir)/bench/writers-bench.sh'
