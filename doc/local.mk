# doc/: the guides no plugin fragment installs (each plugin's own guide
# is added by its fragment), and the man pages (linted by
# tests/sdk/man.sh).
dist_doc_DATA += doc/plugins.md doc/bulletin.md doc/archives.md doc/decode.md \
	doc/languages.md doc/libraries.md doc/performance.md doc/errors.md \
	doc/embedding.md
dist_man_MANS = doc/herald.1 doc/herald-plugin.7

# Bash completion, where bash-completion looks for it on demand.
bashcompletiondir = $(datadir)/bash-completion/completions
dist_bashcompletion_DATA = completion/herald
