#!/bin/sh
# parallel-records.sh [HERALD OPTION]... - herald --records under GNU
# parallel --pipe: JSON Lines records on standard input, results on
# standard output in the same order (--keep-order), one herald process per
# block of RECORDS_PER_JOB records (default 100).
#
#   records-from-files.sh archive | parallel-records.sh -t html |
#       files-from-results.sh site
#
# SSHLOGINS (default ":", this machine) spreads the blocks over machines
# that have herald installed; records carrying their "text" need no files
# there (tests/scale-out/parallel-ssh.sh runs this over two ssh logins).
# Environment: HERALD (the command, default herald); ssh options in
# PARALLEL_SSH.
set -eu
herald=${HERALD:-herald}
exec parallel --pipe --keep-order -N "${RECORDS_PER_JOB:-100}" \
	--sshlogin "${SSHLOGINS:-:}" "$herald" --records "$@"
