# plugins/text: plain segmented text, one sentence or paragraph per line.
pkglib_LTLIBRARIES += plugins/text.la
plugins_text_la_SOURCES = plugins/text/text.c
plugins_text_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_text_la_LIBADD = $(PLUGIN_LIBADD)
dist_doc_DATA += doc/writers.md
