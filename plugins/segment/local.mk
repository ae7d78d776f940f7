# plugins/segment: the segment transform (text blocks into sentences).
# The segmenter core (sbd.c) is free of the document model so that
# tests/segment can run it on plain strings.
pkglib_LTLIBRARIES += plugins/segment.la
plugins_segment_la_SOURCES = \
	plugins/segment/segment.c \
	plugins/segment/regroup.c plugins/segment/regroup.h \
	plugins/segment/sbd.c plugins/segment/sbd.h
plugins_segment_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_segment_la_LIBADD = $(PLUGIN_LIBADD)
dist_doc_DATA += doc/segment.md
