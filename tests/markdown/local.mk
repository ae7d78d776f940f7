# tests/markdown: Markdown outputs built by the static-site generators
# and Markdown engines that read them (each skipped without its tool):
# a converted archive built by Hugo, its index and links included; the
# anchors through kramdown (Jekyll) and Python-Markdown (mkdocs).
TESTS += tests/markdown/hugo.sh tests/markdown/anchors.sh
EXTRA_DIST += tests/markdown/hugo.sh tests/markdown/anchors.sh
