EXTRA_DIST += $(wildcard $(srcdir)/examples/bulletins/*.txt)
# Example plugins: sources a plugin author copies, each with a Makefile
# that builds it with pkg-config (tests/sdk builds and runs them).
EXTRA_DIST += \
	examples/plugins/redact/redact.c examples/plugins/redact/Makefile \
	examples/plugins/stats/stats.c examples/plugins/stats/Makefile \
	examples/plugins/csv/csv.c examples/plugins/csv/Makefile \
	examples/plugins/titlefilter/titlefilter.c \
	examples/plugins/titlefilter/Makefile \
	examples/plugins/lines/lines.c examples/plugins/lines/Makefile

# The rules those Makefiles include, installed with the SDK (herald.pc's
# pluginmk names it), as PostgreSQL installs PGXS.
pluginmkdir = $(pkgdatadir)
dist_pluginmk_DATA = examples/plugins/plugin.mk
