#!/bin/sh
# parallel-files.sh ARCHIVE OUTDIR [SSHLOGINS] - convert every bulletin of
# ARCHIVE on several machines with GNU parallel, one file per job.
#
# Each input goes to a login with --transferfile (below its home folder,
# by its path relative to ARCHIVE), herald converts it there, --return
# brings the output back and --cleanup removes both from the login.
# OUTDIR must be an absolute path that every login may create (such as
# /tmp/herald-out): herald writes the output to the same path everywhere,
# and --return puts it at that path here.
#
# SSHLOGINS: GNU parallel's --sshlogin list, default ":" (this machine
# only; then nothing is transferred).  "8/:,4/alice@node1,node2" runs 8
# jobs here, 4 on node1 and one per core on node2.  Every login needs
# herald and its plugins installed, and rsync.
#
# Environment: HERALD (the command, default herald), HERALD_OPTIONS
# (default "-t html"), HERALD_EXT (the writer's output extension, default
# html).
set -eu
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: parallel-files.sh ARCHIVE OUTDIR [SSHLOGINS]" >&2
	exit 2
fi
archive=$1
out=$2
logins=${3:-:}
herald=${HERALD:-herald}
options=${HERALD_OPTIONS:--t html}
ext=${HERALD_EXT:-html}
case $out in
/*) ;;
*) echo "parallel-files.sh: OUTDIR must be an absolute path" >&2; exit 2 ;;
esac
mkdir -p "$out"
cd "$archive"
# -q: no progress lines from each job; one job per bulletin.
find . -type f -name '*.txt' ! -name '.*' | sed 's|^\./||' | LC_ALL=C sort |
	parallel --sshlogin "$logins" --transferfile {} \
		--return "$out/{.}.$ext" --cleanup \
		"$herald" -q $options -o "$out/{.}.$ext" {}
