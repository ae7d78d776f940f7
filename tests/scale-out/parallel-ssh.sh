#!/bin/sh
# GNU parallel over ssh, for real: an sshd of the test's own (a throwaway
# host key, loopback, a port nothing uses, its own configuration file)
# and two logins on this machine (two users the test makes, with homes
# in its temporary folder, and a throwaway key), as two ssh "hosts" of a
# generated ssh_config.  examples/scale-out/parallel-files.sh must really
# move the files (--transferfile, --return, --cleanup): herald runs as
# those users, in a job folder of their own where the input was copied,
# and cannot write the output folder here, which only --return fills.
# The result must equal one local run byte for byte; the records recipe
# (parallel --pipe) over the same logins too.  Nothing of root's ssh
# setup or the system's sshd is read or changed (-F, -f, UserKnownHostsFile).
. "$top_srcdir/tests/archive/common.sh"
. "$top_srcdir/tests/scale-out/cluster.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root: sshd switches to the test's two users"
for c in sshd ssh ssh-keygen rsync parallel useradd userdel jq; do
	command -v "$c" > /dev/null 2>&1 ||
		skip "no $c (.ci/deps.sh installs openssh-server, rsync and parallel when it can)"
done
parallel --version 2>/dev/null | grep -q 'GNU parallel' || skip "parallel is not GNU parallel"
examples="$top_srcdir/examples/scale-out"
# Our ssh runs with -F: it must not even make this user's ~/.ssh.
root_ssh="$(getent passwd "$(id -un)" | cut -d: -f6)/.ssh"
if [ -e "$root_ssh" ]; then root_ssh_before=yes; else root_ssh_before=no; fi
users=""
trap 'for h in host-a host-b; do
	      ssh -F "$work/ssh_config" -O exit "$h" 2>/dev/null; done
      stop_started; for u in $users; do userdel "$u" 2>/dev/null; done
      chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT

# --- two logins ------------------------------------------------------------
# sshd reads the keys as the user, so every folder on the way is
# searchable; the users' homes are theirs, the output folder only root's.
chmod 755 "$work"
mkdir -m 700 "$work/keys"
mkdir -m 755 "$work/auth" "$work/log"
ssh-keygen -q -t ed25519 -N '' -C herald-test-host -f "$work/keys/host" ||
	fail "no host key"
ssh-keygen -q -t ed25519 -N '' -C herald-test-user -f "$work/keys/user" ||
	fail "no user key"
for side in a b; do
	u="hrld$side$$"
	# -p '*': no password, but not locked either (sshd refuses a locked
	# account even with a key).
	useradd -M -d "$work/home-$side" -s /bin/sh -p '*' "$u" ||
		skip "cannot add the user $u"
	users="$users $u"
	mkdir -m 755 "$work/home-$side"
	chown "$u" "$work/home-$side"
	cp "$work/keys/user.pub" "$work/auth/$u"
	chmod 644 "$work/auth/$u"
	: > "$work/log/$u"
	chown "$u" "$work/log/$u"
done
user_a="hrlda$$"
user_b="hrldb$$"

# --- sshd ----------------------------------------------------------------
port=$(free_ports 1)
[ -n "$port" ] || fail "no free port"
# StrictModes no: the keys lie below /tmp, which is writable by all
# (sticky), and StrictModes refuses any such folder on the way.  The
# keys are throwaway, sshd listens on loopback only, for two users.
cat > "$work/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $work/keys/host
PidFile $work/sshd.pid
AuthorizedKeysFile $work/auth/%u
AllowUsers $user_a $user_b
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin no
StrictModes no
X11Forwarding no
AllowTcpForwarding no
PermitUserEnvironment no
MaxStartups 64:30:128
MaxSessions 64
CONF
# (sshd needs its privilege separation folder; the package's service
# makes it at boot, so it may not be there yet.)
[ -d /run/sshd ] || mkdir -m 755 /run/sshd
sshd=$(command -v sshd)
"$sshd" -t -f "$work/sshd_config" 2> "$work/sshd.err" ||
	fail "sshd refuses the configuration: $(cat "$work/sshd.err")"
"$sshd" -D -e -f "$work/sshd_config" 2> "$work/sshd.log" &
started sshd $!

echo "[127.0.0.1]:$port $(cat "$work/keys/host.pub")" > "$work/known_hosts"
cat > "$work/ssh_config" <<CONF
Host host-a host-b
	HostName 127.0.0.1
	Port $port
	IdentityFile $work/keys/user
	IdentitiesOnly yes
	UserKnownHostsFile $work/known_hosts
	GlobalKnownHostsFile /dev/null
	StrictHostKeyChecking yes
	BatchMode yes
	ConnectTimeout 10
	# One connection per login, shared by the jobs' ssh and rsync
	# (parallel's own --controlmaster ran jobs twice, see the script).
	ControlMaster auto
	ControlPath $work/cm-%C
	ControlPersist 30
Host host-a
	User $user_a
Host host-b
	User $user_b
CONF
i=0
until ssh -F "$work/ssh_config" host-a true 2> "$work/ssh.err"; do
	i=$((i + 1))
	[ "$i" -lt 50 ] || fail "cannot log in to host-a: $(cat "$work/ssh.err" "$work/sshd.log")"
	sleep 0.1
done
[ "$(ssh -F "$work/ssh_config" host-b 'id -un; pwd')" = "$user_b
$work/home-b" ] || fail "host-b is not $user_b in its home"

# What parallel uses: this ssh configuration, its state in the test's
# folder ($HOME/.parallel); on the logins, a herald that notes who ran
# it, where, and whether the input was there, then runs this build's.
PARALLEL_SSH="ssh -F $work/ssh_config"
HOME="$work/home-root"
mkdir -m 700 "$HOME"
export PARALLEL_SSH HOME
cat > "$work/herald-on-login" <<SH
#!/bin/sh
for last; do :; done
if [ -f "\$last" ]; then there=input-here; else there=input-missing; fi
printf '%s %s %s\n' "\$(pwd)" "\$there" "\$last" >> "$work/log/\$(id -un)"
HERALD_PLUGIN_PATH='$HERALD_PLUGIN_PATH' HERALD_LANG_PATH='${HERALD_LANG_PATH:-}'
export HERALD_PLUGIN_PATH HERALD_LANG_PATH
exec '$herald' "\$@"
SH
chmod 755 "$work/herald-on-login"
HERALD="$work/herald-on-login"
export HERALD

# --- files: one job per bulletin, on the two logins ----------------------
# (Each file costs several ssh sessions and rsyncs: a small archive;
# SCALE_OUT_DOCS for doc/archives.md's figures.)
count=${SCALE_OUT_DOCS:-60}
sh "$gen" "$work/in" "$count" || fail "gen-archive.sh failed"
# plain: a document's output depends on it alone (an html site's pages
# link their neighbours, tei names the path below the folder given);
# the folder's manifest is the whole run's.
HERALD_OPTIONS="-t plain" HERALD_EXT=text
export HERALD_OPTIONS HERALD_EXT
run -q -r -t plain -o "$work/single" "$work/in"
expect_status 0 "the single local run"
rm "$work/single/.herald-manifest.json"
mkdir -m 755 "$work/out"    # root's: the logins cannot write here
t0=$(date +%s.%N)
sh "$examples/parallel-files.sh" "$work/in" "$work/out" "2/host-a,2/host-b" \
	> "$work/stdout" 2> "$work/stderr" ||
	fail "parallel-files.sh failed: $(cat "$work/stderr")"
t1=$(date +%s.%N)
diff -r "$work/single" "$work/out" > "$work/diff" ||
	fail "the ssh run differs from the local run: $(head -20 "$work/diff")"
# Every job ran as a login, in a job folder below its home (not here),
# with its input copied there.  (A job may run again, after a race of
# parallel's: --retries in the script; not more than a few.)
cat "$work/log/$user_a" "$work/log/$user_b" > "$work/jobs"
runs=$(grep -c '' "$work/jobs")
for side in a b; do
	u="hrld$side$$"
	grep -q "^$work/home-$side/.parallel/tmp/[^ ]* input-here " "$work/log/$u" ||
		fail "no job ran on host-$side"
	grep -v "^$work/home-$side/" "$work/log/$u" > "$work/odd" &&
		fail "host-$side ran jobs outside its home: $(head -3 "$work/odd")"
done
grep "^$work/home-[ab]/.parallel/tmp/[^ ]* input-here " "$work/jobs" |
	sed 's/^[^ ]* [^ ]* //' | LC_ALL=C sort -u > "$work/converted"
[ "$(grep -c '' "$work/converted")" -eq "$count" ] ||
	fail "$(grep -c '' "$work/converted") of $count inputs were converted in a job folder on a login"
[ "$runs" -le $((count + count / 10 + 1)) ] ||
	fail "$runs runs on the logins for $count inputs: jobs ran twice"
# --cleanup: no file of the archive is left on a login.
left=$(find "$work/home-a" "$work/home-b" -type f \
	! -path '*/.cache/*' ! -path '*/.parallel/*' | head -5)
[ -z "$left" ] || fail "--cleanup left files on the logins: $left"
left=$(find "$work/home-a/.parallel/tmp" "$work/home-b/.parallel/tmp" \
	-type f 2>/dev/null | head -5)
[ -z "$left" ] || fail "job folders left on the logins: $left"
echo "parallel -S: 2 logins x 2 jobs: $count documents ($runs runs) in" \
     "$(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }") s" \
     "($(awk "BEGIN { printf \"%.0f\", $count / ($t1 - $t0) }") documents/s)"

# A name with a space and a quote: GNU parallel 20221122's --return
# cannot bring its output back (it misquotes the path); the script must
# then say so and fail, and every other output must still be right.  A
# parallel that can must return it like any other.
mkdir -p "$work/odd-names/a"
cp "$work/in/2020/01/bulletin-2020-01-01.txt" "$work/odd-names/a/it's a bulletin.txt"
cp "$work/in/2020/01/bulletin-2020-01-02.txt" "$work/odd-names/a/plain.txt"
run -q -r -t plain -o "$work/odd-single" "$work/odd-names"
rm "$work/odd-single/.herald-manifest.json"
mkdir -m 755 "$work/odd-out"
rc=0
sh "$examples/parallel-files.sh" "$work/odd-names" "$work/odd-out" "host-a,host-b" \
	> /dev/null 2> "$work/stderr" || rc=$?
if [ "$rc" -eq 0 ]; then
	diff -r "$work/odd-single" "$work/odd-out" > /dev/null ||
		fail "parallel-files.sh succeeded but the outputs differ"
	echo "note: this GNU parallel returns a name with a space and a quote"
else
	echo "note: this GNU parallel cannot return a name with a space and a quote; the script says so"
	grep -q "^parallel-files.sh: a/it's a bulletin.txt: no output came back$" \
		"$work/stderr" || fail "the lost output was not named: $(cat "$work/stderr")"
	cmp -s "$work/odd-single/a/plain.text" "$work/odd-out/a/plain.text" ||
		fail "the plain name's output is wrong beside the lost one"
fi

# This machine is refused, and says why.
if sh "$examples/parallel-files.sh" "$work/in" "$work/out2" "1/host-a,2/:" \
	2> "$work/stderr"; then
	fail "parallel-files.sh took ':'"
fi
grep -q "'2/:' is this machine" "$work/stderr" ||
	fail "no reason for refusing ':': $(cat "$work/stderr")"

# --- records: parallel --pipe over the same logins -------------------------
sh "$examples/records-from-files.sh" "$work/in" html > "$work/records.jsonl" ||
	fail "records-from-files.sh failed"
RECORDS_PER_JOB=25 SSHLOGINS=host-a,host-b sh "$examples/parallel-records.sh" -t html \
	< "$work/records.jsonl" > "$work/results.jsonl" 2> "$work/stderr" ||
	fail "parallel-records.sh over ssh failed: $(cat "$work/stderr")"
"$herald" --records -t html < "$work/records.jsonl" > "$work/single.jsonl"
cmp -s "$work/single.jsonl" "$work/results.jsonl" ||
	fail "the records over ssh differ from one herald --records"
grep -q 'input-missing html$' "$work/log/$user_a" "$work/log/$user_b" ||
	fail "no --records job ran on the logins: $(tail -3 "$work/log/$user_a")"
[ "$root_ssh_before" = yes ] || [ ! -e "$root_ssh" ] || fail "ssh made $root_ssh"
echo "ok: parallel over ssh (two logins, files and records) equals the local run"
