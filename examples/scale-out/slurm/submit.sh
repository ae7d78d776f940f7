#!/bin/sh
# submit.sh N ARCHIVE OUTDIR [HERALD OPTION]... - convert ARCHIVE into
# OUTDIR on a Slurm cluster as N shards: submits convert.sbatch as the
# array 0-(N-1) and check.sbatch after it (--dependency=afterok), and
# prints the two job ids.  With SUBMIT_WAIT=1, waits for the check job
# and exits with its status (sbatch --wait; 1 when a task failed and the
# check job was cancelled).  Other sbatch settings come
# from its environment variables (SBATCH_PARTITION, SBATCH_TIMELIMIT,
# SBATCH_ACCOUNT, ...); CPUS_PER_TASK (default 1) is each task's -j;
# HERALD_EXT (default html) the writer's output extension.
set -eu
if [ $# -lt 3 ]; then
	echo "usage: submit.sh N ARCHIVE OUTDIR [HERALD OPTION]..." >&2
	exit 2
fi
n=$1
archive=$2
out=$3
shift 3
case $n in
''|*[!0-9]*|0) echo "submit.sh: N must be a number from 1" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
# The outputs' extension, for the check: the writer's (html for -t html).
ext=${HERALD_EXT:-html}
array=$(sbatch --parsable --array="0-$((n - 1))" \
	--cpus-per-task="${CPUS_PER_TASK:-1}" \
	"$here/convert.sbatch" "$archive" "$out" "$@")
array=${array%%;*}
echo "submit.sh: array job $array (convert.sbatch, $n tasks)"
wait_opt=
[ "${SUBMIT_WAIT:-0}" = 1 ] && wait_opt=--wait
check=$(sbatch --parsable $wait_opt --dependency="afterok:$array" \
	--kill-on-invalid-dep=yes "$here/check.sbatch" "$archive" "$out" "$ext") || {
	status=$?
	echo "submit.sh: check job ${check%%;*} failed (exit $status)" >&2
	exit "$status"
}
check=${check%%;*}
if [ -n "$wait_opt" ]; then
	# A check job cancelled because a task failed (its dependency can
	# never be met) never ran, so sbatch --wait gives its exit code, 0:
	# its state tells.
	state=$(scontrol show job -o "$check" 2>/dev/null |
	        sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
	case $state in
	''|COMPLETED) ;;
	*) echo "submit.sh: check job $check failed ($state: see the array's" \
	        "output files, slurm-${array}_*.out)" >&2
	   exit 1 ;;
	esac
fi
echo "submit.sh: check job $check (check.sbatch, after the array)"
