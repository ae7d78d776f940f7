EXTRA_DIST += $(wildcard $(srcdir)/examples/bulletins/*.txt)
