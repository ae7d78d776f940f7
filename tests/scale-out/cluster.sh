# cluster.sh - sourced by the scale-out tests that start daemons of their
# own (tests/scale-out/slurm.sh, parallel-ssh.sh), after
# tests/archive/common.sh: free loopback ports, and stopping what the
# test started, by process id only, when it ends however it ends.
PATH=$PATH:/usr/sbin:/sbin
export PATH

# Ports in use on this machine (any state, IPv4 and IPv6), one a line.
ports_in_use() {
	sed -n 's/^ *[0-9]*: [0-9A-F]*:\([0-9A-F]*\) .*/\1/p' \
		/proc/net/tcp /proc/net/tcp6 2>/dev/null |
	while read -r hex; do printf '%d\n' "0x$hex"; done
}

# free_ports N: N ports from 20000-59999 that nothing uses now, one a
# line; the start depends on the test's process id, so that two tests
# run at once look in different places first.
free_ports() {
	ports_in_use | LC_ALL=C sort -u > "$work/ports-used"
	p=$((20000 + ($$ * 7919) % 40000))
	found=0
	tries=0
	while [ "$found" -lt "$1" ] && [ "$tries" -lt 40000 ]; do
		if ! grep -qx "$p" "$work/ports-used"; then
			echo "$p"
			found=$((found + 1))
		fi
		p=$((p + 1))
		[ "$p" -lt 60000 ] || p=20000
		tries=$((tries + 1))
	done
}

# The processes started for the test: "name pid" lines in $work/daemons.
: > "$work/daemons"
started() {
	echo "$1 $2" >> "$work/daemons"
}

# stop_pid PID: TERM, up to 5 s to exit, then KILL.
stop_pid() {
	kill "$1" 2>/dev/null || return 0
	i=0
	while kill -0 "$1" 2>/dev/null && [ "$i" -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -9 "$1" 2>/dev/null || :
}

# Every process recorded, last started first; then any process left
# working in the test's folder (a job step a daemon had forked, which
# outlives it): by id, found through its working folder, which only the
# test's own processes can have (the folder is its mktemp's).
stop_started() {
	[ -f "$work/daemons" ] || return 0
	tac "$work/daemons" | while read -r name pid; do stop_pid "$pid"; done
	: > "$work/daemons"
	for d in /proc/[0-9]*; do
		case $(readlink "$d/cwd" 2>/dev/null) in
		"$work"|"$work"/*) [ "${d#/proc/}" = "$$" ] || stop_pid "${d#/proc/}" ;;
		esac
	done
}
