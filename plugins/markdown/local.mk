# plugins/markdown: CommonMark through cmark's trees (render.c writes
# them out as cmark's renderer would, faster; arena.c holds their
# memory), YAML front matter through libyaml.
pkglib_LTLIBRARIES += plugins/markdown.la
plugins_markdown_la_SOURCES = plugins/markdown/markdown.c \
	plugins/markdown/render.c plugins/markdown/render.h \
	plugins/markdown/arena.c plugins/markdown/arena.h
plugins_markdown_la_CFLAGS = $(AM_CFLAGS) $(CMARK_CFLAGS) $(YAML_CFLAGS)
plugins_markdown_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_markdown_la_LIBADD = $(PLUGIN_LIBADD) $(CMARK_LIBS) $(YAML_LIBS)
