# data/: language packs, one folder per BCP 47 tag (doc/languages.md).
# The tree is installed whole, so that adding a language is adding a
# folder, never editing a file list.
EXTRA_DIST += data/lang

install-data-local: install-lang-packs
install-lang-packs:
	$(MKDIR_P) '$(DESTDIR)$(pkgdatadir)/lang'
	cd '$(srcdir)/data/lang' && for f in */*.txt; do \
	  $(MKDIR_P) "$(DESTDIR)$(pkgdatadir)/lang/$${f%/*}" && \
	  $(INSTALL_DATA) "$$f" "$(DESTDIR)$(pkgdatadir)/lang/$$f" || exit 1; \
	done

uninstall-local: uninstall-lang-packs
uninstall-lang-packs:
	rm -rf '$(DESTDIR)$(pkgdatadir)/lang'
.PHONY: install-lang-packs uninstall-lang-packs
