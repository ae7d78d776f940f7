# tests/markdown: Markdown outputs built by the static-site generators
# and Markdown engines that read them (each skipped without its tool):
# a converted archive built by Hugo, mkdocs and Jekyll, each with its
# index, links and anchors; the anchors through kramdown (Jekyll's) and
# Python-Markdown (mkdocs') alone, hostile titles included.
TESTS += tests/markdown/hugo.sh tests/markdown/anchors.sh tests/markdown/mkdocs.sh \
	tests/markdown/jekyll.sh tests/markdown/site.sh
EXTRA_DIST += tests/markdown/hugo.sh tests/markdown/anchors.sh tests/markdown/mkdocs.sh \
	tests/markdown/jekyll.sh tests/markdown/site.sh tests/markdown/built.sh
