# cli/: the herald command, a client of libherald's public headers only
# (no -I core): option parsing, --list-plugins and --describe (cli.c),
# the options mapped onto a herald_batch (run.c), --records (records.c,
# the one part that needs jansson).
bin_PROGRAMS += herald
herald_SOURCES = cli/cli.c cli/cli.h cli/run.c cli/records.c
herald_CPPFLAGS = -I$(top_srcdir)/include
herald_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(XML_CFLAGS)
# HERALD_WHOLE_LIBHERALD: empty, or in a static build the flag that puts
# all of libherald.a into herald (configure.ac says why).
herald_LDADD = $(HERALD_WHOLE_LIBHERALD) libherald.la $(JANSSON_LIBS)
