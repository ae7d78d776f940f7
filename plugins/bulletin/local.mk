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
	plugins/bulletin/toml.h \
	plugins/bulletin/markup.c \
	plugins/bulletin/markup.h \
	plugins/bulletin/furniture.c \
	plugins/bulletin/article.c
plugins_bulletin_la_CFLAGS = $(AM_CFLAGS) $(CMARK_CFLAGS) $(YAML_CFLAGS) \
	$(XML_CFLAGS)
plugins_bulletin_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_bulletin_la_LIBADD = $(PLUGIN_LIBADD)

# cmark and libyaml, which only Markdown and front matter need, in a
# module of the plugin's own opened on first need (markup.h); linked in
# when there are no shared modules.
BULLETIN_MARKUP_SOURCES = plugins/bulletin/markup_module.c \
	plugins/bulletin/markup.h
# libxml2, which only a Markdown body's HTML blocks need, in another: it
# brings ICU and the C++ runtime.
BULLETIN_HTML_SOURCES = plugins/bulletin/html_module.c \
	plugins/bulletin/markup.h
# toml++ (C++) for TOML front matter, in a module of its own: only an
# input with "+++" front matter maps it and the C++ runtime (toml.h).
BULLETIN_TOML_SOURCES = plugins/bulletin/toml.cc plugins/bulletin/toml.h
# (toml++ needs C++17, which g++ 12 takes by default and clang++ 14
# only when asked)
BULLETIN_TOML_CXXFLAGS = $(AM_CXXFLAGS) -std=c++17 $(TOMLPP_CFLAGS) -Wall \
	-Wextra -Wshadow
if HERALD_STATIC
plugins_bulletin_la_SOURCES += $(BULLETIN_MARKUP_SOURCES) \
	$(BULLETIN_HTML_SOURCES) $(BULLETIN_TOML_SOURCES)
plugins_bulletin_la_CXXFLAGS = $(BULLETIN_TOML_CXXFLAGS)
plugins_bulletin_la_LIBADD += $(TOMLPP_LIBS) $(CXX_RUNTIME_LIBS)
plugins_bulletin_la_LIBADD += $(CMARK_LIBS) $(YAML_LIBS) $(XML_LIBS)
else
herald_coremod_LTLIBRARIES += core/bulletin-markup.la
core_bulletin_markup_la_SOURCES = $(BULLETIN_MARKUP_SOURCES)
core_bulletin_markup_la_CFLAGS = $(AM_CFLAGS) $(CMARK_CFLAGS) $(YAML_CFLAGS) \
	$(XML_CFLAGS)
core_bulletin_markup_la_LIBADD = $(CMARK_LIBS) $(YAML_LIBS)
core_bulletin_markup_la_LDFLAGS = -module -avoid-version -shared -no-undefined \
	-export-symbols-regex '^herald_bulletin_markup_functions$$'
herald_coremod_LTLIBRARIES += core/bulletin-html.la
core_bulletin_html_la_SOURCES = $(BULLETIN_HTML_SOURCES)
core_bulletin_html_la_CFLAGS = $(AM_CFLAGS) $(CMARK_CFLAGS) $(YAML_CFLAGS) \
	$(XML_CFLAGS)
core_bulletin_html_la_LIBADD = $(XML_LIBS)
core_bulletin_html_la_LDFLAGS = -module -avoid-version -shared -no-undefined \
	-export-symbols-regex '^herald_bulletin_html_functions$$'
herald_coremod_LTLIBRARIES += core/bulletin-toml.la
core_bulletin_toml_la_SOURCES = $(BULLETIN_TOML_SOURCES)
core_bulletin_toml_la_CXXFLAGS = $(BULLETIN_TOML_CXXFLAGS)
core_bulletin_toml_la_LIBADD = $(TOMLPP_LIBS)
core_bulletin_toml_la_LDFLAGS = -module -avoid-version -shared -no-undefined \
	-export-symbols-regex '^herald_bulletin_toml_read$$'
endif
