# tests/cli: shell tests of the herald command (POSIX sh), mostly on the
# plain plugin so that they hold whatever the other plugins do.
CLI_TESTS = tests/cli/usage.sh tests/cli/plugins.sh tests/cli/io.sh \
	tests/cli/streams.sh tests/cli/decode.sh \
	tests/cli/robust.sh tests/cli/errors.sh tests/cli/quoting.sh \
	tests/cli/version.sh tests/cli/extensions.sh tests/cli/modules.sh
TESTS += $(CLI_TESTS)
EXTRA_DIST += $(CLI_TESTS) tests/cli/common.sh
