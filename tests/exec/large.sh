#!/bin/sh
# large.sh - a document of tens of megabytes of JSON through cat comes
# back byte for byte (the pipes are written and read at once: cat's
# output fills its pipe long before its input is all written); the peak
# memory stays within a small factor of the conversion without a filter
# (the filter's output is held once, not copied around: the peak is no
# more than the document sent plus reading what comes back); and the CPU
# time grows linearly (n against 2n, generous ratio).
. "${top_srcdir:-.}/tests/exec/lib.sh"
command -v python3 > /dev/null || { echo "SKIP: no python3"; exit 77; }

# A bulletin of N items, each a title and a paragraph of 40 words.
make_bulletin() {
	python3 - "$1" <<'PY'
import random, sys
random.seed(7)
words = "alpha beta gamma delta city river tram council water park".split()
out = ["14 March 2023\n"]
for i in range(int(sys.argv[1])):
    out.append("Item number %d of the day\n" % i)
    out.append(" ".join(random.choice(words) for _ in range(40)) + ".\n")
sys.stdout.write("\n".join(out))
PY
}
make_bulletin 50000 > "$tmp/big.txt"

"$herald" -t json "$tmp/big.txt" > "$tmp/plain.json"
check "the large bulletin converts" $?
size=$(wc -c < "$tmp/plain.json")
[ "$size" -gt 20000000 ]
check "its JSON is tens of megabytes ($size bytes)" $?
run -x exec:cmd=cat -t json "$tmp/big.txt"
expect_status 0 "the large document through cat"
cmp -s "$tmp/plain.json" "$tmp/out"
check "comes back identical" $?

# peak ARGS...: "maxrss_kib cpu_seconds" of herald ARGS (its children
# included), its output discarded.
peak() {
	python3 - "$herald" "$@" <<'PY'
import os, sys
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, ru = os.wait4(pid, 0)
c = os.times()
print(ru.ru_maxrss, c.children_user + c.children_system)
PY
}
set -- $(peak -t json "$tmp/big.txt"); without=$1
set -- $(peak -f json -t json "$tmp/plain.json"); back=$1
set -- $(peak -x exec:cmd=cat -t json "$tmp/big.txt"); with=$1
echo "peak memory: $without KiB without the filter, $back KiB reading its" \
     "JSON alone, $with KiB with the filter"
# While the filter's output is read back, the document sent is still
# held: the two peaks add up, and one more copy of the output (tens of
# MB) would exceed the bound.  AddressSanitizer's quarantine keeps freed
# memory, so the sum says nothing in a sanitizer build.
if [ -z "${HERALD_SANITIZE:-}" ]; then
	[ "$with" -lt $(((without + back) * 11 / 10)) ]
	check "peak memory with the filter is under 1.1 times the two peaks" $?
fi

make_bulletin 12500 > "$tmp/n.txt"
make_bulletin 25000 > "$tmp/2n.txt"
set -- $(peak -x exec:cmd=cat -t json "$tmp/n.txt"); t1=$2
set -- $(peak -x exec:cmd=cat -t json "$tmp/2n.txt"); t2=$2
echo "CPU time: $t1 s at n, $t2 s at 2n"
python3 -c "import sys; a, b = map(float, sys.argv[1:]); sys.exit(not b < 3 * max(a, 0.02))" "$t1" "$t2"
check "CPU time grows linearly (2n under 3 times n)" $?
finish
