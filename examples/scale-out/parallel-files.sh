#!/bin/sh
# parallel-files.sh ARCHIVE OUTDIR SSHLOGINS - convert every bulletin of
# ARCHIVE on other machines with GNU parallel, one file per job, into
# OUTDIR here.
#
# Each job runs in a fresh folder of its own on the login (--workdir ...:
# below ~/.parallel/tmp/ there, removed afterwards), so nothing of the
# login's home is touched or overwritten:
#   --transferfile {}         copies ARCHIVE/<path> there as <path>,
#   herald -o <path>.EXT      converts it there,
#   --return OUTDIR/./<path>.EXT  brings <path>.EXT back to OUTDIR/<path>.EXT
#   --cleanup                 removes the job's files there.
# The outputs are those of `herald -r ARCHIVE -o OUTDIR` (without the site
# index), byte for byte: tests/scale-out/parallel-ssh.sh runs this script
# with two ssh logins and compares.
#
# SSHLOGINS: GNU parallel's --sshlogin list, such as
# "4/alice@node1,node2" (4 jobs on node1, one per core on node2).  This
# machine (":") is refused: parallel transfers nothing for it and its jobs
# would write into ARCHIVE; here, `herald -r -j N` is the way.  Every
# login needs herald and its plugins installed, rsync, and ssh access
# without a password; ssh options go in PARALLEL_SSH (e.g. "ssh -F
# my_config"), other parallel options in PARALLEL (e.g. "--env VAR").
# Several ssh connections and two rsyncs per file: this spreads work over
# machines, it does not make one machine faster (doc/archives.md,
# "Scale-out", has the figures).  Not --controlmaster: GNU parallel
# 20221122 then ran some jobs twice.  --retries 3: a job whose folder
# another job's --cleanup removed as it was being made (a race of
# parallel's, seen under load) runs again, on another login if there is.  Exit status: 0 when every output
# came back, else 1 (or parallel's count of failed jobs), each missing
# output named on standard error.
#
# Environment: HERALD (the command on the logins, default herald),
# HERALD_OPTIONS (default "-t html"), HERALD_EXT (the writer's output
# extension, default html).
set -eu
if [ $# -ne 3 ]; then
	echo "usage: parallel-files.sh ARCHIVE OUTDIR SSHLOGINS" >&2
	exit 2
fi
archive=$1
out=$2
logins=$3
herald=${HERALD:-herald}
options=${HERALD_OPTIONS:--t html}
ext=${HERALD_EXT:-html}
old_ifs=$IFS
IFS=,
for login in $logins; do
	case ${login#*/} in
	:|'') IFS=$old_ifs
	      echo "parallel-files.sh: '$login' is this machine, where parallel" \
	           "transfers nothing; use herald -r -j N here" >&2
	      exit 2 ;;
	esac
done
IFS=$old_ifs
mkdir -p "$out"
out=$(cd "$out" && pwd)
# Outputs older than this stamp are not this run's (a second back, as
# test -nt compares whole seconds on some shells).
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
touch -d "@$(($(date +%s) - 1))" "$stamp"
cd "$archive"
# Names are NUL-separated all the way: any byte but NUL may be in one.
status=0
find . -type f -name '*.txt' ! -path '*/.*' -print0 | sed -z 's|^\./||' |
	LC_ALL=C sort -z |
	parallel -0 --sshlogin "$logins" --workdir ... --retries 3 \
		--transferfile {} --return "$out/./{.}.$ext" --cleanup \
		"$herald" -q $options -o "{.}.$ext" {} || status=$?
# parallel's status counts the jobs that failed, not the returns: an
# output rsync could not bring back (GNU parallel 20221122 cannot return
# a name with a space or a quote) is found missing here.
missing=0
find . -type f -name '*.txt' ! -path '*/.*' | sed 's|^\./||' | LC_ALL=C sort |
{
	while IFS= read -r f; do
		if [ ! "$out/${f%.txt}.$ext" -nt "$stamp" ]; then
			echo "parallel-files.sh: $f: no output came back" >&2
			missing=$((missing + 1))
		fi
	done
	[ "$missing" -eq 0 ]
} || [ "$status" -ne 0 ] || status=1
exit "$status"
