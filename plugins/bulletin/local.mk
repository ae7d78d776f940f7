# plugins/bulletin: the reader of plain-text daily news bulletins.
pkglib_LTLIBRARIES += plugins/bulletin.la
plugins_bulletin_la_SOURCES = \
	plugins/bulletin/bulletin.c \
	plugins/bulletin/bulletin.h \
	plugins/bulletin/date.c \
	plugins/bulletin/recognise.c \
	plugins/bulletin/grammar.c \
	plugins/bulletin/layout.c \
	plugins/bulletin/markdown.c \
	plugins/bulletin/frontmatter.c \
	plugins/bulletin/furniture.c \
	plugins/bulletin/article.c
plugins_bulletin_la_CFLAGS = $(AM_CFLAGS) $(CMARK_CFLAGS) $(YAML_CFLAGS)
plugins_bulletin_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_bulletin_la_LIBADD = $(PLUGIN_LIBADD) $(CMARK_LIBS) $(YAML_LIBS)
