# plugins/markdown: CommonMark through cmark (cmark does the escaping),
# YAML front matter through libyaml.  markup.[ch] (plugins/html) for the
# date check the html and tei writers make too; it needs libxml2.
pkglib_LTLIBRARIES += plugins/markdown.la
plugins_markdown_la_SOURCES = plugins/markdown/markdown.c \
	plugins/html/markup.c plugins/html/markup.h
plugins_markdown_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/html
plugins_markdown_la_CFLAGS = $(AM_CFLAGS) $(CMARK_CFLAGS) $(YAML_CFLAGS) \
	$(XML_CFLAGS)
plugins_markdown_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_markdown_la_LIBADD = $(PLUGIN_LIBADD) $(CMARK_LIBS) $(YAML_LIBS) \
	$(XML_LIBS)
