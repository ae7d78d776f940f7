#!/bin/sh
# Slurm, for real: a one-node cluster started here from Debian's packages
# (munged with a key of its own, slurmctld and slurmd on loopback ports
# of the test's choosing, every state, spool and log folder in the test's
# temporary folder), examples/scale-out/slurm/submit.sh submitting
# convert.sbatch as a job array of --shard --summarize runs, then as an
# array of --shard runs (the pages) and merge.sbatch (--merge) after it,
# each --dependency=afterok on the one before; the site must equal one
# local run byte for byte, hidden files included; with SITE=0 and tei,
# one array and the merge.  Then a failing shard must keep the jobs after
# it from running.  Every daemon is stopped when the test ends, however
# it ends.
. "$top_srcdir/tests/archive/common.sh"
. "$top_srcdir/tests/scale-out/cluster.sh"

[ "$(id -u)" -eq 0 ] ||
	skip "needs root: slurmd starts each job as its user, and munged must run as slurmd's user"
for c in munged slurmctld slurmd sbatch squeue scancel scontrol sinfo; do
	command -v "$c" > /dev/null 2>&1 ||
		skip "Slurm or munge is not installed (no $c; .ci/deps.sh installs slurm-wlm and munge when it can)"
done
examples="$top_srcdir/examples/scale-out/slurm"
trap 'stop_cluster; chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT

stop_cluster() {
	# Jobs first, while slurmctld can still cancel them; then the daemons.
	if [ -n "${SLURM_CONF:-}" ] && [ -s "$work/daemons" ]; then
		scancel --quiet --user=root 2>/dev/null || :
		i=0
		while [ -n "$(squeue -h 2>/dev/null)" ] && [ "$i" -lt 50 ]; do
			sleep 0.2
			i=$((i + 1))
		done
	fi
	stop_started
}

# Tell what the daemons said when something went wrong.
logs() {
	for f in "$work"/slurm/log/* "$work"/munge/log; do
		[ -f "$f" ] && { echo "--- $f"; tail -15 "$f"; }
	done
}

# --- munge: its own key, socket, log, seed --------------------------------
mkdir -p "$work/munge" "$work/run" "$work/slurm/state" "$work/slurm/spool" \
	"$work/slurm/log" "$work/jobs"
# munged refuses a key others may read, and a socket folder they cannot
# enter (a job of any user must reach it).
chmod 700 "$work/munge"
chmod 755 "$work" "$work/run"
if command -v mungekey > /dev/null 2>&1; then
	mungekey --create --keyfile="$work/munge/munge.key" ||
		fail "mungekey could not make a key"
else
	dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 2>/dev/null
	chmod 600 "$work/munge/munge.key"
fi
sock="$work/run/munge.socket"
munged -F --key-file="$work/munge/munge.key" --socket="$sock" \
	--pid-file="$work/run/munged.pid" --log-file="$work/munge/log" \
	--seed-file="$work/munge/seed" > "$work/munge/out" 2>&1 &
started munged $!
i=0
while [ ! -S "$sock" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -S "$sock" ] || fail "munged did not start: $(cat "$work/munge/out")"

# --- slurm.conf: this host as controller and the one node -----------------
set -- $(free_ports 2)
[ $# -eq 2 ] || fail "no two free ports on this machine"
ctld_port=$1
slurmd_port=$2
host=$(hostname -s)
cpus=$(nproc 2>/dev/null || echo 1)
SLURM_CONF="$work/slurm/slurm.conf"
export SLURM_CONF
cat > "$SLURM_CONF" <<CONF
ClusterName=herald-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$sock
StateSaveLocation=$work/slurm/state
SlurmdSpoolDir=$work/slurm/spool
SlurmctldPidFile=$work/run/slurmctld.pid
SlurmdPidFile=$work/run/slurmd.pid
SlurmctldLogFile=$work/slurm/log/slurmctld.log
SlurmdLogFile=$work/slurm/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
SchedulerParameters=sched_interval=1
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
InactiveLimit=0
MinJobAge=300
KillWait=2
NodeName=herald-node NodeHostname=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=herald-test Nodes=herald-node Default=YES MaxTime=10 State=UP
CONF
slurmctld -D -i > "$work/slurm/log/slurmctld.out" 2>&1 &
started slurmctld $!
slurmd -D -N herald-node > "$work/slurm/log/slurmd.out" 2>&1 &
started slurmd $!
i=0
until [ "$(sinfo -h -n herald-node -o %T 2>/dev/null)" = idle ]; do
	i=$((i + 1))
	[ "$i" -lt 150 ] || fail "the node did not come up in 30 s: $(logs)"
	sleep 0.2
done

# --- the archive, one local run, the array -------------------------------
# SCALE_OUT_DOCS: the archive's size (doc/archives.md's figures).
count=${SCALE_OUT_DOCS:-240}
sh "$gen" "$work/in" "$count" || fail "gen-archive.sh failed"
# The same archive on this machine alone, -j 1 and -j 2, for the figures.
for j in 1 2; do
	t0=$(date +%s.%N)
	run -q -r -j "$j" -s -t html -o "$work/local-j$j" "$work/in"
	t1=$(date +%s.%N)
	expect_status 0 "the local run -j $j"
	echo "local -j $j: $count documents in $(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }") s" \
	     "($(awk "BEGIN { printf \"%.0f\", $count / ($t1 - $t0) }") documents/s)"
done
# The site of one local run, to compare with (hidden files too: the
# manifest; the shards' summaries must be gone).
run -q -r -s -t html -o "$work/single" "$work/in"
expect_status 0 "the single local run"
HERALD="$herald"
export HERALD
shards=4
t0=$(date +%s.%N)
(cd "$work/jobs" && SUBMIT_WAIT=1 timeout 120 sh "$examples/submit.sh" "$shards" \
	"$work/in" "$work/out" -s -t html) > "$work/submit.out" 2>&1 ||
	fail "submit.sh failed: $(cat "$work/submit.out"; cat "$work/jobs"/*.out; logs)"
t1=$(date +%s.%N)
summaries=$(sed -n 's/^submit.sh: summary array job \([0-9]*\) .*/\1/p' "$work/submit.out")
array=$(sed -n 's/^submit.sh: array job \([0-9]*\) .*/\1/p' "$work/submit.out")
merge=$(sed -n 's/^submit.sh: merge job \([0-9]*\) .*/\1/p' "$work/submit.out")
[ -n "$summaries" ] && [ -n "$array" ] && [ -n "$merge" ] ||
	fail "submit.sh did not name its three jobs: $(cat "$work/submit.out")"
diff -r "$work/single" "$work/out" > "$work/diff" ||
	fail "the Slurm jobs' site differs from the local run: $(head -20 "$work/diff")"
# Each task of both arrays ran its own shard, in Slurm (the log is
# slurmd's output file), and the merge ran after them.
for job in "$summaries" "$array"; do
	k=0
	while [ "$k" -lt "$shards" ]; do
		f="$work/jobs/slurm-${job}_$k.out"
		grep -q "^herald-convert: shard $k/$shards .* exit 0$" "$f" ||
			fail "task $k of $job did not run shard $k/$shards: $(cat "$f" 2>&1)"
		k=$((k + 1))
	done
done
f="$work/jobs/slurm-$merge.out"
grep -qx "herald-merge: $count of $count inputs converted into $work/out" "$f" ||
	fail "the merge job did not report $count of $count: $(cat "$f" 2>&1)"
grep -q "^herald-merge: merge end .*, exit 0$" "$f" || fail "the merge failed: $(cat "$f")"
# Documents per second: the three jobs' span (first task's start to the
# merge's end) and the whole submission's (scheduling included).
span=$(sed -n 's/^herald-convert: shard [0-9/]* on .*, start //p; s/^herald-merge: merge end \([0-9.]*\),.*/\1/p' \
	"$work/jobs/slurm-${summaries}"_*.out "$f" | LC_ALL=C sort -n | sed -n '1p;$p' |
	awk 'NR == 1 { s = $1 } NR == 2 { printf "%.2f", $1 - s }')
echo "slurm: 2 arrays of $shards tasks and a merge on $cpus CPUs: $count documents," \
     "first task's start to the merge's end ${span} s" \
     "($(awk "BEGIN { printf \"%.0f\", $count / $span }") documents/s)," \
     "submission to merge done $(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }") s"

# A writer without a site: one array (its summaries written as it
# converts), then the merge (the manifest).
run -q -r -t tei -o "$work/tei-single" "$work/in"
(cd "$work/jobs" && SITE=0 HERALD_EXT=xml SUBMIT_WAIT=1 timeout 90 sh "$examples/submit.sh" 3 \
	"$work/in" "$work/tei-out" -t tei) > "$work/submit-tei.out" 2>&1 ||
	fail "submit.sh SITE=0 failed: $(cat "$work/submit-tei.out"; logs)"
grep -q "summary array" "$work/submit-tei.out" && fail "SITE=0 submitted a summary array"
diff -r "$work/tei-single" "$work/tei-out" > "$work/diff" ||
	fail "the Slurm tei shards and merge differ from the local run: $(head -20 "$work/diff")"

# --- a failing shard: the check job must not run ---------------------------
cp -R "$work/in/2020/01" "$work/bad"
printf '15 January 2020\n\nGood text \342\202 bad \342\200\224 cut\n' > "$work/bad/bulletin-2020-01-15.txt"
if (cd "$work/jobs" && SUBMIT_WAIT=1 timeout 60 sh "$examples/submit.sh" 2 \
	"$work/bad" "$work/bad-out" -t html) > "$work/submit2.out" 2>&1; then
	fail "submit.sh succeeded with a failing shard: $(cat "$work/submit2.out"; tail -n 5 "$work/jobs"/*.out)"
fi
summaries2=$(sed -n 's/^submit.sh: summary array job \([0-9]*\) .*/\1/p' "$work/submit2.out")
array2=$(sed -n 's/^submit.sh: array job \([0-9]*\) .*/\1/p' "$work/submit2.out")
[ -n "$summaries2" ] && [ -n "$array2" ] || fail "no second arrays: $(cat "$work/submit2.out")"
grep -l 'invalid UTF-8' "$work/jobs/slurm-${summaries2}"_*.out > /dev/null ||
	fail "no task reported the bad file: $(cat "$work/jobs/slurm-${summaries2}"_*.out)"
merge2=$(sed -n 's/^submit.sh: merge job \([0-9]*\) failed.*/\1/p' "$work/submit2.out")
[ -n "$merge2" ] || fail "submit.sh did not report the merge job: $(cat "$work/submit2.out")"
for f in "$work/jobs/slurm-$merge2.out" "$work/jobs/slurm-${array2}"_*.out; do
	[ ! -e "$f" ] || fail "a job ran after a failed shard: $f: $(cat "$f")"
done

# --- an array not numbered 0-(N-1) is refused ------------------------------
(cd "$work/jobs" && timeout 30 sbatch --wait --array=1-2 "$examples/convert.sbatch" \
	"$work/in" "$work/one-based" -t html) > /dev/null 2>&1 &&
	fail "convert.sbatch ran an array 1-2"
grep -q 'the array must be 0-1' "$work/jobs"/slurm-*_1.out 2>/dev/null ||
	fail "convert.sbatch did not say why it refused 1-2: $(cat "$work/jobs"/*.out | tail)"
[ ! -e "$work/one-based" ] || fail "an array 1-2 converted something"
echo "ok: Slurm arrays of $shards --shard tasks and a merge equal one local run"
