#!/usr/bin/env python3
"""jobs-bench.py - what -j 2 gains over -j 1, builds by turns.

usage: jobs-bench.py ROUNDS ARCHIVE LABEL=BUILD... [-- HERALD ARGS]

Each round converts the folder ARCHIVE (bench/gen-archive.sh makes one)
with each LABEL's program (BUILD/.libs/herald, its libraries and plugins),
`-q -r -j 1` then `-j 2`, into a fresh folder beside nothing else in
/dev/shm (memory, so that the disk's noise stays out), `-t html` unless
other ARGS are given.  It prints per label the wall times' minimum and
median, the median CPU time (user + sys of the process and its threads,
from wait4), and the median of each round's own -j 1 / -j 2 ratio: the
two runs of a round are seconds apart, so their ratio does not move with
the machine's speed from one minute to the next, as the medians do.
Each round also starts two `-j 1` runs at once, into two folders: with
no serial part and nothing shared but the machine, twice a `-j 1` run's
time over theirs is what two cores give this work here, the ceiling of
`-j 2`'s ratio (doc/performance.md, "Session 12").  A benchmark: it
asserts nothing.

    bench/jobs-bench.py 30 /dev/shm/arch base=/tmp/base/_build now=_build
"""
import os
import shutil
import statistics
import sys
import time


def run(build, args, *outs):
    """Wall seconds of one run into each of outs, all at once, and their
    CPU seconds (the first's, when one)."""
    env = dict(os.environ, LD_LIBRARY_PATH=build + '/.libs',
               HERALD_PLUGIN_PATH=build + '/plugins')
    argvs = []
    for out in outs:
        shutil.rmtree(out, ignore_errors=True)
        argvs.append([build + '/.libs/herald', '-q', '-r'] + args + ['-o', out])
    start = time.perf_counter()
    pids = [os.posix_spawn(argv[0], argv, env) for argv in argvs]
    cpu = 0
    for argv, pid in zip(argvs, pids):
        _, status, usage = os.wait4(pid, 0)
        if status != 0:
            sys.exit('jobs-bench.py: %s failed (status %d)' % (' '.join(argv), status))
        cpu = cpu or usage.ru_utime + usage.ru_stime
    return time.perf_counter() - start, cpu


def main():
    argv = sys.argv[1:]
    extra = ['-t', 'html']
    if '--' in argv:
        extra = argv[argv.index('--') + 1:]
        argv = argv[:argv.index('--')]
    if len(argv) < 3:
        sys.exit(__doc__.split('\n\n')[1])
    rounds, archive = int(argv[0]), argv[1]
    builds = [a.split('=', 1) for a in argv[2:]]
    out = '/dev/shm/jobs-bench.%d' % os.getpid()
    times = {}
    for _ in range(rounds):
        for label, build in builds:
            for jobs in ('1', '2'):
                times.setdefault((label, jobs), []).append(
                    run(build, ['-j', jobs] + extra + [archive], out))
            times.setdefault((label, 'pair'), []).append(
                run(build, ['-j', '1'] + extra + [archive], out, out + '.b'))
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(out + '.b', ignore_errors=True)
    for label, _ in builds:
        one, two = times[(label, '1')], times[(label, '2')]
        pair = times[(label, 'pair')]
        ms = lambda xs: '%.0f' % (1000 * xs)
        print('%-8s -j 1 wall min %s med %s ms, CPU %s; -j 2 wall min %s '
              'med %s ms, CPU %s; -j 1 / -j 2 by rounds %.3f; two -j 1 '
              'at once %.3f' % (
                  label, ms(min(w for w, _ in one)),
                  ms(statistics.median(w for w, _ in one)),
                  ms(statistics.median(c for _, c in one)),
                  ms(min(w for w, _ in two)),
                  ms(statistics.median(w for w, _ in two)),
                  ms(statistics.median(c for _, c in two)),
                  statistics.median(a[0] / b[0] for a, b in zip(one, two)),
                  statistics.median(2 * a[0] / p[0] for a, p in zip(one, pair))))


main()
