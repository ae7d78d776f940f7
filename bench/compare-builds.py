#!/usr/bin/env python3
"""compare-builds.py - herald commands of two (or more) build folders
against each other and cmark, in one run, in CPU time.

usage: compare-builds.py ROUNDS INPUT LABEL=BUILD... -- ARGS[, ARGS...]
       compare-builds.py --once [--calls N] COMMAND...

Each round runs every ARGS (herald options, the input appended) with
each LABEL's program (BUILD/.libs/herald, its libraries and
BUILD/../data/lang), one after the other, then cmark on the same input
when it is installed; it prints, per label and command, the median CPU
seconds (user + sys from wait4), MB/s of the input and the largest peak
RSS.  Output goes to /dev/null.  With --once it runs COMMAND once, its
standard input, output and error /dev/null, and prints its CPU seconds,
peak RSS in KiB and user seconds (bench/pipeline-bench.sh times each
run so); with --calls N it runs it N times and prints the means a run.  A
benchmark: it asserts nothing.

    bench/compare-builds.py 7 corpus.txt main=/tmp/main/_build \\
        new=_build -- -t text, -t json, -s -t html
"""
import os
import shutil
import statistics
import sys


def run(argv, env, search=False):
    """CPU seconds, peak RSS (KiB) and user seconds of argv, run once.  posix_spawn
    (vfork-like in glibc), not fork: a forked child would be charged for
    copying and then dropping this interpreter's memory, more than a
    one-line conversion costs."""
    null = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
    spawn = os.posix_spawnp if search else os.posix_spawn
    pid = spawn(argv[0], argv, env, file_actions=null)
    _, _, ru = os.wait4(pid, 0)
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss, ru.ru_utime


def main():
    args = sys.argv[1:]
    if args[:1] == ['--once'] and len(args) > 1:
        calls = 1
        if args[1:2] == ['--calls'] and len(args) > 3:
            calls, args = int(args[2]), args[2:]
        # (summed from wait4's microseconds, not the shell's times, whose
        # clock ticks are a tenth of a one-line call over 200 calls)
        runs = [run(args[1:], os.environ, search=True) for _ in range(calls)]
        print(sum(r[0] for r in runs) / calls, max(r[1] for r in runs),
              sum(r[2] for r in runs) / calls)
        return
    if len(args) < 4 or '--' not in args:
        sys.exit(__doc__)
    rounds, inp = int(args[0]), args[1]
    sep = args.index('--')
    builds = [b.split('=', 1) for b in args[2:sep]]
    commands = [c.split() for c in ' '.join(args[sep + 1:]).split(',')]
    cmark = shutil.which('cmark')
    results = {}
    for _ in range(rounds):
        for cmd in commands:
            for label, build in builds:
                env = dict(os.environ,
                           LD_LIBRARY_PATH=os.path.join(build, '.libs'),
                           HERALD_LANG_PATH=os.path.join(build, '..', 'data', 'lang'))
                argv = [os.path.join(build, '.libs', 'herald')] + cmd + [inp]
                results.setdefault((label, ' '.join(cmd)), []).append(run(argv, env))
            if cmark:
                results.setdefault(('cmark', ''), []).append(run([cmark, inp], os.environ))
    size = os.path.getsize(inp)
    for (label, cmd), runs in results.items():
        cpu = statistics.median(r[0] for r in runs)
        rss = max(r[1] for r in runs) / 1024
        print(f"{label:8} {cmd:24} {cpu:7.3f} s {size / cpu / 1e6:7.1f} MB/s {rss:7.1f} MiB")


main()
