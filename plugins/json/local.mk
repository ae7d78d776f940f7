# plugins/json: the whole model as JSON (writer and reader), with jansson.
pkglib_LTLIBRARIES += plugins/json.la
plugins_json_la_SOURCES = plugins/json/json.c
plugins_json_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
plugins_json_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_json_la_LIBADD = $(PLUGIN_LIBADD) $(JANSSON_LIBS)
dist_doc_DATA += doc/json.md
