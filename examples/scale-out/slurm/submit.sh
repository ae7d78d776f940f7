#!/bin/sh
# submit.sh N ARCHIVE OUTDIR [HERALD OPTION]... - convert ARCHIVE into
# OUTDIR on a Slurm cluster as N shards, in the three steps of a site
# (doc/archives.md, "Shards"):
#   1. convert.sbatch --summarize as the array 0-(N-1): each shard's summary;
#   2. convert.sbatch as the array 0-(N-1), --dependency=afterok on 1:
#      each shard's pages, linked by every summary;
#   3. merge.sbatch, --dependency=afterok on 2: the indexes, search files
#      and manifest, from the summaries.
# With SITE=0 (a writer without a site: tei, json, text), step 1 is left
# out: the shards write their summaries as they convert.  Prints the job
# ids.  With SUBMIT_WAIT=1, waits for the merge job and exits with its
# status (sbatch --wait; 1 when a task failed and the jobs after it were
# cancelled).  Other sbatch settings come from its environment variables
# (SBATCH_PARTITION, SBATCH_TIMELIMIT, SBATCH_ACCOUNT, ...);
# CPUS_PER_TASK (default 1) is each task's -j; HERALD_EXT (default html)
# the writer's output extension.  The options default to -t html.
set -eu
if [ $# -lt 3 ]; then
	echo "usage: submit.sh N ARCHIVE OUTDIR [HERALD OPTION]..." >&2
	exit 2
fi
n=$1
archive=$2
out=$3
shift 3
[ $# -gt 0 ] || set -- -t html
case $n in
''|*[!0-9]*|0) echo "submit.sh: N must be a number from 1" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
# The outputs' extension, for the check: the writer's (html for -t html).
ext=${HERALD_EXT:-html}
cpus=${CPUS_PER_TASK:-1}
after=
if [ "${SITE:-1}" = 1 ]; then
	summaries=$(sbatch --parsable --array="0-$((n - 1))" --cpus-per-task="$cpus" \
		"$here/convert.sbatch" "$archive" "$out" --summarize "$@")
	summaries=${summaries%%;*}
	echo "submit.sh: summary array job $summaries (convert.sbatch --summarize, $n tasks)"
	after="--dependency=afterok:$summaries --kill-on-invalid-dep=yes"
fi
# (after is two options or none: split on purpose)
# shellcheck disable=SC2086
pages=$(sbatch --parsable $after --array="0-$((n - 1))" --cpus-per-task="$cpus" \
	"$here/convert.sbatch" "$archive" "$out" "$@")
pages=${pages%%;*}
echo "submit.sh: array job $pages (convert.sbatch, $n tasks)"
wait_opt=
[ "${SUBMIT_WAIT:-0}" = 1 ] && wait_opt=--wait
merge=$(sbatch --parsable $wait_opt --dependency="afterok:$pages" \
	--kill-on-invalid-dep=yes "$here/merge.sbatch" "$archive" "$out" "$ext" "$@") || {
	status=$?
	echo "submit.sh: merge job ${merge%%;*} failed (exit $status)" >&2
	exit "$status"
}
merge=${merge%%;*}
if [ -n "$wait_opt" ]; then
	# A job cancelled because a task before it failed (its dependency
	# can never be met) never ran, so sbatch --wait gives its exit code,
	# 0: its state tells.
	state=$(scontrol show job -o "$merge" 2>/dev/null |
	        sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
	case $state in
	''|COMPLETED) ;;
	*) echo "submit.sh: merge job $merge failed ($state: see the arrays'" \
	        "output files, slurm-${pages}_*.out)" >&2
	   exit 1 ;;
	esac
fi
echo "submit.sh: merge job $merge (merge.sbatch, after the arrays)"
