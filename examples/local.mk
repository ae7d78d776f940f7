EXTRA_DIST += $(wildcard $(srcdir)/examples/bulletins/*.txt)
# Example plugins: sources a plugin author copies, each with a Makefile
# that builds it with pkg-config (tests/sdk builds and runs them).
EXTRA_DIST += \
	examples/plugins/redact/redact.c examples/plugins/redact/Makefile \
	examples/plugins/stats/stats.c examples/plugins/stats/Makefile
