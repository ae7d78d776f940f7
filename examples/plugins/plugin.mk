# plugin.mk - the rules that build one herald plugin, for its Makefile.
# Installed with the SDK (pkg-config --variable=pluginmk herald), the
# way PostgreSQL's PGXS is, so that a plugin's Makefile is three lines:
#
#     PLUGIN = csv
#     HERALD_PLUGIN_MK ?= $(shell pkg-config --variable=pluginmk herald)
#     include $(HERALD_PLUGIN_MK)
#
#     make              builds csv.so from csv.c (beside the Makefile)
#     make install      copies it into herald's plugin directory
#     HERALD_PLUGIN_PATH=$PWD herald --describe csv    uses it uninstalled
#
# SOURCES (default PLUGIN.c) lists the C files.  Needs GNU make; builds
# in any directory: make -f /path/to/csv/Makefile.  To build against a
# herald source tree instead, set HERALD_CFLAGS and HERALD_LIBS (and
# HERALD_PLUGIN_MK) on the command line, as herald's make check does.
srcdir := $(dir $(firstword $(MAKEFILE_LIST)))
SOURCES ?= $(PLUGIN).c

PKG_CONFIG ?= pkg-config
HERALD_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags herald)
HERALD_LIBS ?= $(shell $(PKG_CONFIG) --libs herald)
plugindir ?= $(shell $(PKG_CONFIG) --variable=plugindir herald)
CFLAGS ?= -O2 -g -Wall -Wextra

# Linking against libherald with -z defs turns a call to anything
# libherald does not export into a link error instead of a module that
# herald refuses to open.  (A static-only herald installs no shared
# libherald: there, leave HERALD_LIBS empty and the module takes the
# herald_ functions from the herald program itself.)
comma := ,
NO_UNDEFINED = $(if $(strip $(HERALD_LIBS)),-Wl$(comma)-z$(comma)defs)

$(PLUGIN).so: $(addprefix $(srcdir),$(SOURCES))
	$(CC) -shared -fPIC $(CPPFLAGS) $(HERALD_CFLAGS) $(CFLAGS) -o $@ $^ \
		$(LDFLAGS) $(NO_UNDEFINED) $(HERALD_LIBS)

install: $(PLUGIN).so
	install -d '$(DESTDIR)$(plugindir)'
	install -m 755 $(PLUGIN).so '$(DESTDIR)$(plugindir)/$(PLUGIN).so'

uninstall:
	rm -f '$(DESTDIR)$(plugindir)/$(PLUGIN).so'

clean:
	rm -f $(PLUGIN).so

.PHONY: install uninstall clean
