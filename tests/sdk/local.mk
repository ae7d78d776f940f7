# tests/sdk: the plugin SDK as a plugin author meets it.  The example
# plugins are built with their own Makefiles (out of tree, plain .so, and
# with libtool) and run through the real herald; broken plugins are
# refused; the man pages lint clean and name every option; the bash
# completion completes; a static build has its plugins built in; a
# program embeds a batch (doc/embedding.md's example).
if HERALD_STATIC
sdk_static = yes
else
sdk_static = no
endif
AM_TESTS_ENVIRONMENT += HERALD_SDK_CC='$(CC)'; HERALD_SDK_STATIC='$(sdk_static)'; \
	HERALD_SDK_MAKE='$(MAKE)'; \
	export HERALD_SDK_CC HERALD_SDK_STATIC HERALD_SDK_MAKE;

SDK_TESTS = tests/sdk/examples.sh tests/sdk/refused.sh tests/sdk/static.sh \
	tests/sdk/man.sh tests/sdk/completion.sh tests/sdk/embed.sh
TESTS += $(SDK_TESTS)
EXTRA_DIST += $(SDK_TESTS) tests/sdk/lib.sh tests/sdk/newabi.c \
	tests/sdk/internal.c

# make installcheck: the examples against the installed SDK, found by
# pkg-config as an author outside this tree would find it; and libherald's
# installed modules (CLD2, uchardet) opened by the installed herald.
installcheck-local: installcheck-sdk
installcheck-sdk:
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	HERALD='$(bindir)/herald' HERALD_SDK_CC='$(CC)' \
	PKG_CONFIG_PATH='$(libdir)/pkgconfig' HERALD_PLUGIN_PATH= \
	$(SHELL) $(srcdir)/tests/sdk/examples.sh installed
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	HERALD='$(bindir)/herald' HERALD_PLUGIN_PATH= \
	$(SHELL) $(srcdir)/tests/cli/modules.sh
.PHONY: installcheck-sdk
