# tests/site: an archive converted to a site (indexes per year and month,
# navigation, search, the manifest), in a real browser too.
SITE_TESTS = \
	tests/site/browser.sh \
	tests/site/large.sh \
	tests/site/update.sh
TESTS += $(SITE_TESTS)
EXTRA_DIST += $(SITE_TESTS) tests/site/cdp.py
