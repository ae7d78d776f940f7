# plugins/tei: the TEI P5 writer, streamed (xmlout.c); libxml2 validates.
pkglib_LTLIBRARIES += plugins/tei.la
plugins_tei_la_SOURCES = plugins/tei/tei.c plugins/tei/persons.c \
	plugins/tei/persons.h plugins/tei/idno.c plugins/tei/idno.h \
	plugins/tei/schema.c plugins/tei/schema.h plugins/tei/xmlout.c \
	plugins/tei/xmlout.h plugins/html/markup.c plugins/html/markup.h
plugins_tei_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/html
plugins_tei_la_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS)
plugins_tei_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_tei_la_LIBADD = $(PLUGIN_LIBADD) $(XML_LIBS)
