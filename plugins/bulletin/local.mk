# plugins/bulletin: the reader of plain-text daily news bulletins.
pkglib_LTLIBRARIES += plugins/bulletin.la
plugins_bulletin_la_SOURCES = \
	plugins/bulletin/bulletin.c \
	plugins/bulletin/bulletin.h \
	plugins/bulletin/text.c \
	plugins/bulletin/date.c \
	plugins/bulletin/recognise.c \
	plugins/bulletin/grammar.c
plugins_bulletin_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_bulletin_la_LIBADD = $(PLUGIN_LIBADD)
