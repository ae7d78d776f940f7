# plugins/plain: paragraphs split on blank lines, read and written.
pkglib_LTLIBRARIES += plugins/plain.la
plugins_plain_la_SOURCES = plugins/plain/plain.c
plugins_plain_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_plain_la_LIBADD = $(PLUGIN_LIBADD)
